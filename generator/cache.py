"""The episode cache: a merged episode and the files made of it are kept on disk, keyed by everything that made them.

Merging an episode, cutting its captions and rendering its pages is most of a
build's work, and in an archive almost every episode is unchanged from one build
to the next. An entry's key is a hash of the generator's own code, the episode's
table in site.toml, the site's settings its pages show, the theme's files, and
the bytes of every source file, so
an entry is reused only when a fresh merge would give the same result; the output
is byte-identical to a clean build. Entries live in the user's cache folder
(``$XDG_CACHE_HOME/episode-site/``, else ``~/.cache/episode-site/``), one folder per
site.toml: never in the output, which every build replaces, nor beside the sources,
which stay exactly as the publisher keeps them.
A missing, unreadable or corrupt entry is simply rebuilt: the cache can only save
time, never fail a build.
"""

from __future__ import annotations

import hashlib
import importlib.util
import itertools
import os
import pickle
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import suppress
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from .config import EpisodeConfig, SiteConfig
from .errors import BuildError, Problem
from .model import Origin

#: The cache's folder inside the user's cache folder.
CACHE_DIR = "episode-site"
_SUFFIX = ".pickle"  # the episode, its index terms, its files' names and sizes
_BLOB = ".files"  # its files' bytes, one after another
# An episode's merge, kept apart from its pages, so that a new theme renders them again from it
# rather than merging every episode anew: the whole episode (passages too), its index terms and
# the files the theme has no part in (exports, search store), under the key without the theme.
_MERGED, _MERGED_BLOB = ".merged", ".mfiles"
_FORMAT = b"episode-site cache 4"  # bump when what an entry holds changes shape


class StoredFiles(Mapping[str, bytes]):
    """An entry's files: their names and sizes at once, their bytes read from disk only if asked for.

    A rebuild links an unchanged episode's files from the last output by name and
    size alone; reading an archive's hundreds of MB of pages back would cost more.
    """

    def __init__(self, blob: Path, sizes: dict[str, int], digest: bytes | None = None) -> None:
        self.blob = blob
        self.sizes = sizes
        self.digest = digest  # of the bytes as written: checked when they are read
        self._data: bytes | None = None

    def __getitem__(self, rel: str) -> bytes:
        size = self.sizes[rel]
        if self._data is None:
            data = self.blob.read_bytes()
            if self.digest is not None and _digest(data) != self.digest:
                raise BuildError(Problem(str(self.blob), None, "this file of the build cache was changed since it was written: build again with --clean, which rewrites it"))
            self._data = data
            self._offsets = dict(zip(self.sizes, itertools.accumulate(self.sizes.values(), initial=0)))
        start = self._offsets[rel]
        return self._data[start : start + size]

    def release(self) -> None:
        """Forget the bytes read (they are read again if asked for): an archive's would not fit in memory."""
        self._data = None

    def __iter__(self) -> Iterator[str]:
        return iter(self.sizes)

    def __len__(self) -> int:
        return len(self.sizes)


_SEAL = 16  # bytes of BLAKE2b digest before what a cache file holds


def sealed(data: bytes) -> bytes:
    """``data`` with its digest before it, for ``unsealed`` to check: a cache file damaged on disk
    (a flipped byte) is found out before it is read as a pickle or as compiled code (corrupt
    compiled templates crashed the interpreter itself: every build, ``--clean`` too, died silently)."""
    return _digest(data) + data


def unsealed(raw: bytes) -> bytes | None:
    """What ``sealed`` sealed, or None if it is not what was written."""
    data = raw[_SEAL:]
    return data if len(raw) >= _SEAL and _digest(data) == raw[:_SEAL] else None


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=_SEAL).digest()


def size_of(files: Mapping[str, bytes], rel: str) -> int:
    """A file's size without reading a stored file's bytes."""
    return files.sizes[rel] if isinstance(files, StoredFiles) else len(files[rel])


@dataclass(frozen=True)
class Entry:
    """What one episode's merge produced: its card, its files (path in the site -> bytes), its share of the index."""

    episode: Any  # model.Episode without passages (with them in a merge's entry); typed loosely so this module does not import the model
    files: Mapping[str, bytes]
    index: Any  # writers.search.EpisodeIndex


def cache_root() -> Path:
    """episode-site's folder in the user's cache folder: ``$XDG_CACHE_HOME/episode-site/``, else ``~/.cache/episode-site/``."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / CACHE_DIR


#: The libraries whose work is in an entry (reading, merging, pages, index): upgrading one may change it.
_LIBRARIES = ("ftfy", "edlib", "jinja2", "markupsafe", "markdown_it", "lunr", "numpy", "rjsmin", "anyascii")


@cache
def code_hash() -> bytes:
    """A hash of every module of the generator, the Python that runs it and the libraries it uses:
    any change to the code, or an upgrade, invalidates every entry.

    A library is known by where its module is and that file's size and time (an upgrade writes it
    anew): asking its installed version would cost ~2 ms a library on every build."""
    digest = hashlib.sha256(_FORMAT + sys.version.encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in _LIBRARIES:
        with suppress(Exception):  # not installed: the build says so where it needs it
            origin = importlib.util.find_spec(name).origin
            stat = os.stat(origin)
            digest.update(f"{name}\0{origin}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode("utf-8", "surrogateescape"))
    return digest.digest()


def theme_key(templates: list[Path], static: list[Path]) -> bytes:
    """A hash of what an episode's pages take from the theme: every template's path and bytes, and
    which static files the site has (a page links a script only where the theme has one), but not
    their bytes nor which folder each comes from: an edited stylesheet changes no page, and every
    build writes the static files anew. Hidden files (an editor's swap file) are neither templates
    nor published."""
    digest = hashlib.sha256()
    for folder in templates:
        for path, _ in _visible(folder):
            try:
                data = path.read_bytes()
            except OSError:
                data = b"unreadable"
            digest.update(f"{path}\0{len(data)}\0".encode("utf-8", "surrogateescape") + data)
    names = sorted({rel for folder in static for _, rel in _visible(folder)})
    digest.update("\0static\0".join(["", *names]).encode("utf-8", "surrogateescape"))
    return digest.digest()


def _visible(folder: Path) -> list[tuple[Path, str]]:
    """The files below ``folder`` but hidden ones, with their paths relative to it, in order."""
    found = []
    for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
        rel = path.relative_to(folder)
        if not any(part.startswith(".") for part in rel.parts):
            found.append((path, rel.as_posix()))
    return found


def entry_key(merged: str, theme: bytes) -> str:
    """The key of an episode's whole entry, pages included: its merge's key and the theme's."""
    return hashlib.sha256(merged.encode("ascii") + theme).hexdigest()


def episode_key(ep: EpisodeConfig, site: SiteConfig, read: Mapping[Path, bytes] | None = None) -> str | None:
    """The key of an episode's merge (all but its pages: the theme is not in it; ``entry_key`` adds
    it), or None when a source cannot be read (the build reports that). ``read``: the sources'
    bytes as a merge read them, rather than as they are now."""
    digest = hashlib.sha256(code_hash())
    # Everything the read, merge, exports and pages use besides the sources and the theme: the
    # episode's table (a dataclass; its repr is every field), where the site is (messages name
    # paths relative to it), the base URL (links), the site's title and description (every page's
    # header) and whether it has other episodes. Not the site.toml lines its chapters and pins are
    # on: only messages name them, and an entry is made only when there were none, so a line
    # added above an episode does not merge it, and every episode below it, again. Paths as
    # absolute ones: "--site .", "--site site.toml" and "--site /abs/site.toml" are one site (each
    # spelling merged every episode again, and evicted the other's entries).
    site_part = (os.path.abspath(site.root), os.path.abspath(site.path), site.base_url, site.title, site.description, len(site.episodes) > 1)
    unplaced = replace(
        ep,
        chapters=tuple(replace(m, origin=Origin("", 0)) for m in ep.chapters),
        pins=tuple(replace(p, origin=Origin("", 0)) for p in ep.pins),
        sources=tuple(replace(src, path=Path(os.path.abspath(src.path))) for src in ep.sources),
    )
    digest.update(repr((unplaced, site_part)).encode("utf-8"))
    for src in ep.sources:
        try:
            data = Path(src.path).read_bytes() if read is None else read[src.path]
        except (OSError, KeyError):
            return None
        digest.update(b"\0%d\0" % len(data))
        digest.update(data)
    return digest.hexdigest()


class EpisodeCache:
    """Entries for one site's episodes, in a folder; unreadable entries are treated as missing."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def of(cls, config: SiteConfig) -> "EpisodeCache":
        """The cache of the site whose site.toml is ``config.path``: its own folder, named by that path."""
        site = hashlib.sha256(str(Path(config.path).resolve()).encode("utf-8")).hexdigest()[:16]
        return cls(cache_root() / site)

    def path(self, key: str, merged: bool = False) -> Path:
        return self.folder / f"{key}{_MERGED if merged else _SUFFIX}"

    def _blob(self, key: str, merged: bool) -> Path:
        return self.folder / f"{key}{_MERGED_BLOB if merged else _BLOB}"

    def load(self, key: str, merged: bool = False) -> Entry | None:
        """The entry for ``key`` (``merged``: the episode's merge), or None if there is none or it cannot be read back whole."""
        try:
            meta = unsealed(self.path(key, merged).read_bytes())
            if meta is None:  # damaged: a flipped byte unpickled into wrong numbers, and a traceback later
                return None
            episode, index, sizes, digest = pickle.loads(meta)
            blob = self._blob(key, merged)
            if blob.stat().st_size != sum(sizes.values()):
                return None
        except Exception:  # missing, truncated, from another Python, garbage: rebuild it
            return None
        return Entry(episode, StoredFiles(blob, sizes, digest), index)

    def store(self, key: str, entry: Entry, merged: bool = False) -> None:
        """Write an entry atomically (a reader never sees half of one); a failure only loses the saving.

        The bytes go first: an entry exists once its ``.pickle`` (``.merged``) does.
        """
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            sizes = {rel: len(data) for rel, data in entry.files.items()}
            blob = b"".join(entry.files.values())
            self._write(self._blob(key, merged), blob)
            meta = pickle.dumps((entry.episode, entry.index, sizes, _digest(blob)), protocol=pickle.HIGHEST_PROTOCOL)
            self._write(self.path(key, merged), sealed(meta))
        except OSError:
            pass

    def _write(self, path: Path, data: bytes) -> None:
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=self.folder)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)

    def prune(self, keep: set[str]) -> None:
        """Delete the entries this build did not use, so the folder does not grow with every edit."""
        try:
            files = list(self.folder.iterdir())
        except OSError:
            return
        for path in files:
            stale = path.suffix in (_SUFFIX, _BLOB, _MERGED, _MERGED_BLOB) and path.stem not in keep
            if stale or path.name.startswith(".tmp-"):
                try:
                    path.unlink()
                except OSError:
                    pass
