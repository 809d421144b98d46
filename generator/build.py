"""The build: read and check everything, merge each episode and make its files, then the site's own.

Everything that depends on one episode alone (its pages, exports, search store and
terms) is made where it is merged, on every core, and cached with it; the main
process keeps a card of each episode and writes the site-wide pages and index.
Output goes to a temporary folder beside the target and is swapped into place
only when every stage succeeded, so a failed build leaves the previous site as it was.
The target is replaced only if the build made it (it holds the MARKER file), or it
is missing or empty: ``--out .`` must never delete a publisher's sources.
"""

from __future__ import annotations

import errno
import glob
import os
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .background import Background
from .cache import EpisodeCache, Entry, StoredFiles, entry_key, episode_key, size_of, theme_key
from .config import PUBLIC, EpisodeConfig, SiteConfig, load_config
from .errors import BuildError, Problem, Problems
from .model import Episode, Site
from .readers import read_sources
from .writers.exports import caption_files, export_files
from .writers.output import Output
from .merge import clock_problems, merge_episode

# The writers of pages and of the search index (jinja2, markdown-it, lunr: ~0.1 s of imports)
# are imported where they are first used: in a build of one episode, that is while its
# captions are cut in another process.
if TYPE_CHECKING:
    from .writers.search import EpisodeIndex
    from .writers.theme import Theme

PACKAGE_ROOT = Path(__file__).resolve().parent.parent

#: Every build leaves this file in its output; only a folder holding it may be replaced.
#: A dotfile, so it is never a page, and GitHub Pages serves the artifact as it is.
MARKER = ".episode-site"
MARKER_TEXT = (
    "Made by 'episode-site build'. Every build replaces the files listed below ('file …');\n"
    "files you add here yourself (CNAME, .nojekyll, a verification file) are kept.\n"
)


def public_files(folder: Path | None) -> list[tuple[str, Path]]:
    """(path in the site, file) for every file below ``folder``, dotfiles too; none if it is missing.

    Symbolic links are followed within the project (``folder``'s parent), folders too; a link out of
    it is refused, as GitHub Pages' own Jekyll does: a link to ~/.ssh/id_rsa in public/ (added in a
    pull request, where a diff shows a link, not what it points to) was published.
    """
    if folder is None or not folder.is_dir():
        return []
    project = os.path.realpath(folder.parent)
    found: list[tuple[str, Path]] = []
    problems: list[Problem] = []
    for top, dirs, files in os.walk(folder, followlinks=True):
        here = os.path.realpath(top)
        for name in sorted(dirs) + sorted(files):
            path = Path(top, name)
            rel = path.relative_to(folder).as_posix()
            target = os.path.realpath(path)
            if path.is_symlink() and os.path.commonpath([project, target]) != project:
                problems.append(Problem(f"{PUBLIC}/{rel}", None, f"a link to {target}, outside the project: copy what should be published into {PUBLIC}/"))
                if name in dirs:
                    dirs.remove(name)
            elif name in dirs and os.path.commonpath([here, target]) == target:
                dirs.remove(name)  # a link back up to a folder it is in: its files are listed already
            elif path.is_symlink() and not os.path.exists(target):
                problems.append(Problem(f"{PUBLIC}/{rel}", None, f"a link to {target}, which does not exist"))
            elif name in files and path.is_file():
                found.append((rel, path))
    problems += [
        Problem(f"{PUBLIC}/{rel!r}", None, "a file name with a line break: rename it (the build lists the files it makes one per line)")
        for rel, _ in found
        if "\n" in rel or "\r" in rel  # the marker lists the files made one per line
    ]
    if problems:
        raise BuildError(problems)
    return sorted(found)


#: Seconds per build stage, filled in by build() when it is given one (benchmarks read it).
Timings = dict[str, float]


#: Called as the build goes: ("merging", done, total) per episode, then ("writing", 0, 0), then ("indexing", 0, 0).
Progress = Callable[[str, int, int], None]


@dataclass
class BuildStats:
    """What a build did, for its summary line: episodes merged afresh and taken from the cache."""

    merged: int = 0
    cached: int = 0
    remade: int = 0  # of the cached: episodes whose pages were made again from their merge (a new theme)
    workers: int = 0  # processes that merged episodes; 0: none, all in this process or the cache
    left: list[str] = field(default_factory=list)  # folders beside the output named as a stopped build's, not deleted
    unread: tuple[str, ...] = ()  # notes of files and folders dropped in that the build did not read (SiteConfig.unread)


def load_site(config_path: Path) -> Site:
    """Read site.toml and every source, and merge each episode; raise BuildError on bad input."""
    return _merge_site(load_config(Path(config_path)), {}, BuildStats(), use_cache=False, full=True)[0]


@dataclass(frozen=True)
class _Merged:
    """One episode's outcome, as a worker hands it back: the episode, its files and its share of
    the search index, or its problems. A build keeps only a card of the episode (no passages):
    everything made of its passages is already in ``files``, so an archive's build stays small."""

    episode: Episode | None
    problems: list[Problem]
    files: Mapping[str, bytes]  # path in the site -> bytes: pages, exports, search store
    index: EpisodeIndex | None
    key: str | None = None  # its cache key: what made the files
    remade: bool = False  # its merge came from the cache; only its pages were made again
    changed: bool = False  # its sources changed since the build made its key: not cached under it


#: Set once in each worker process (the site's config, whether to keep whole episodes, whether to
#: read the cache), so tasks carry only an index and a key.
_WORKER: tuple[SiteConfig, bool, bool] | None = None


def _init_worker(config: SiteConfig, full: bool, parent: int, use_cache: bool) -> None:
    global _WORKER
    _WORKER = config, full, use_cache
    # Ctrl-C reaches every process of the terminal's group: the build stops in the main process,
    # which shuts the pool down; a worker's own KeyboardInterrupt was only a traceback more.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with(parent)


def _die_with(parent: int) -> None:
    """End this worker when the build's process ends, however it ends: killed (SIGKILL, the OOM
    killer), a worker lived on blocked on a pipe, holding the caller's output open (a CI job
    waiting on it hung). Linux's parent-death signal; elsewhere the pool's own shutdown."""
    with suppress(Exception):
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the build ended before the signal was asked for
        os._exit(1)


def _merge_in_worker(job: tuple[int, str | None]) -> _Merged:
    assert _WORKER is not None
    config, full, use_cache = _WORKER
    index, key = job
    return _merge_one(config.episodes[index], config, full, key=key, use_cache=use_cache)


def _merge_one(
    ep_config: EpisodeConfig,
    config: SiteConfig,
    full: bool = False,
    timings: Timings | None = None,
    spare: bool = False,
    key: str | None = None,
    use_cache: bool = True,
) -> _Merged:
    """Read and merge one episode and make everything of the site that depends on it alone.

    ``full``: return the whole merged episode and make nothing (``load_site``).
    ``timings`` receives the seconds of each part (a build of one episode, in this process).
    ``spare``: a core is idle, so a forked process may take a share of the work.
    ``key``: the merge's key in the cache (``cache.episode_key``). The merge is kept there apart
    from the pages; when the cache has it (``use_cache``), only the pages are made again: the
    theme changed since (100 synthetic episodes after a template edit: 22 -> 5 s).
    """
    timings = {} if timings is None else timings
    cache = EpisodeCache.of(config) if key is not None and not full else None
    kept = cache.load(key, merged=True) if cache is not None and use_cache else None
    if kept is not None:
        with _timed(timings, "pages"):
            folder = f"{kept.episode.slug}/"
            exports = {rel[len(folder) :]: size_of(kept.files, rel) for rel in kept.files if rel.startswith(folder)}
            pages = _episode_pages(kept.episode, config, exports)
        return _Merged(card(kept.episode), [], {**kept.files, **pages}, kept.index, remade=True)
    with _timed(timings, "read+merge"):
        raw: dict[Path, bytes] = {}
        sources, problems = read_sources(ep_config, config, raw)
        if problems:
            problems.extend(clock_problems(ep_config, sources, config.rel(config.path), all_read=False))
            return _Merged(None, problems.items, {}, None)
        episode, merge_problems = merge_episode(ep_config, sources, config)
    if episode is None or merge_problems or full:
        return _Merged(episode, merge_problems.items, {}, None)
    # The captions are cut in a forked process (when a core is spare) while this one makes the
    # index, every page but the episode's, which lists the exports' sizes, and the other exports:
    # the embedded episode's clean build 1.30 -> 1.18 s (median of 9 fresh processes on a busy
    # 2-core machine); the JSON exports made here rather than there, 0.475 -> 0.465 s (medians of 13).
    with Background(caption_files, episode, fork=spare) as cutting:
        with _timed(timings, "index"):
            from .writers.search import episode_index

            index = episode_index(episode)
        files, pages = episode_files(episode, config, timings, captions=cutting.result)
    # A source edited since the build made the key was merged as it is now: cached under the old
    # bytes' key, it would be published in place of them once the edit was undone.
    changed = key is not None and episode_key(ep_config, config, raw) != key
    if cache is not None and key is not None and not changed:
        cache.store(key, Entry(episode, {rel: data for rel, data in files.items() if rel not in pages}, index), merged=True)
    return _Merged(card(episode), [], files, index, changed=changed)


def card(episode: Episode) -> Episode:
    """The episode without its passages: what the pages about the whole site show of it."""
    return replace(episode, passages=())


def episode_files(
    episode: Episode, config: SiteConfig, timings: Timings | None = None, captions: Callable[[], dict[str, bytes]] | None = None
) -> tuple[dict[str, bytes], set[str]]:
    """Every file of the site that depends on this episode alone (exports, pages, search store),
    and which of them are its pages (the files the theme has a part in).

    ``captions`` gives the caption exports when they are made elsewhere meanwhile; it is called
    as late as possible, for the one page that lists the exports' sizes.
    """
    timings = {} if timings is None else timings
    made: dict[str, bytes] = {}

    def sizes() -> dict[str, int]:
        with _timed(timings, "exports"):  # making them, or waiting for them
            made.update(export_files(episode, config.base_url, captions))
        return {name: len(data) for name, data in made.items()}

    from .writers.search import store_files

    waited = timings.get("exports", 0.0)
    with _timed(timings, "pages"):
        pages = _episode_pages(episode, config, sizes)
        files = {f"{episode.slug}/{name}": data for name, data in made.items()}
        files.update(pages)
        files.update((f"search/{rel}", text.encode("utf-8")) for rel, text in store_files(episode).items())
    timings["pages"] -= timings["exports"] - waited  # the stages' seconds stay apart
    return files, set(pages)


def _episode_pages(episode: Episode, config: SiteConfig, exports: dict[str, int] | Callable[[], dict[str, int]]) -> dict[str, bytes]:
    from .writers.pages import render_episode_pages

    site = Site(config.title, config.base_url, (), config.description)
    return render_episode_pages(episode, site, theme=_theme(config.path), exports=exports, many=len(config.episodes) > 1)


def _theme(config_path: Path) -> Theme:
    from .writers.theme import Theme

    return Theme.of(*asset_dirs(config_path), ours=theme_dirs()[1])


def worker_count(jobs: int) -> int:
    """Processes to merge ``jobs`` episodes with: one per usable core, never more than the jobs."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, jobs))


def _merge_site(
    config: SiteConfig,
    timings: Timings,
    stats: BuildStats,
    *,
    use_cache: bool = True,
    full: bool = False,
    progress: Progress | None = None,
    sink: Callable[[_Merged], None] | None = None,
    from_cache: Callable[[list[_Merged]], None] | None = None,
) -> tuple[Site, list[_Merged]]:
    """Every episode merged, from the cache where its inputs are unchanged, the rest on every core.

    Each episode's files go to ``sink`` as soon as they are at hand, and are not kept:
    an archive's pages would not fit in memory at once. ``from_cache``, if given, takes
    the files of every episode from the cache instead, all at once, before any is merged.
    Problems are reported in episode order whatever order the workers finish in.
    """

    def keep(outcome: _Merged) -> _Merged:
        if sink is None or not outcome.files:
            return outcome
        sink(outcome)
        return replace(outcome, files={})

    cache = EpisodeCache.of(config)
    total = len(config.episodes)
    outcomes: list[_Merged | None] = [None] * total
    with _timed(timings, "cache"):
        theme = theme_key(*asset_dirs(config.path))
        merges = [episode_key(ep, config) for ep in config.episodes]  # a merge's key; with the theme's, its pages'
        keys = [entry_key(merge, theme) if merge is not None else None for merge in merges]
        cached: dict[int, _Merged] = {}
        for i, key in enumerate(keys):
            entry = cache.load(key) if use_cache and key is not None else None
            if entry is not None:
                cached[i] = _Merged(entry.episode, [], entry.files, entry.index, key)
        if from_cache is not None and cached:
            from_cache(list(cached.values()))
        for i, outcome in cached.items():
            outcomes[i] = replace(outcome, files={}) if from_cache is not None else keep(outcome)
    stats.cached = total - outcomes.count(None)
    todo = [i for i, outcome in enumerate(outcomes) if outcome is None]
    done = stats.cached
    if progress:
        progress("merging", done, total)
    with _timed(timings, "merge"):
        for i, outcome in _merge_all(todo, config, stats, full, timings, merges, use_cache):
            key = keys[i]
            stats.remade += outcome.remade
            if use_cache and key is not None and outcome.episode is not None and not outcome.problems and not outcome.changed:
                cache.store(key, Entry(outcome.episode, outcome.files, outcome.index))
            outcomes[i] = keep(replace(outcome, key=None if outcome.changed else key))
            done += 1
            if progress:
                progress("merging", done, total)
    stats.merged = len(todo) - stats.remade
    stats.cached += stats.remade
    problems = Problems()
    for outcome in outcomes:
        assert outcome is not None
        problems.extend(outcome.problems)
    problems.raise_if_any()
    if use_cache:
        cache.prune({key for key in keys + merges if key is not None})
    merged = [outcome for outcome in outcomes if outcome is not None and outcome.episode is not None]
    site = Site(config.title, config.base_url, tuple(m.episode for m in merged if m.episode), config.description)
    return site, merged


def _merge_all(
    todo: list[int], config: SiteConfig, stats: BuildStats, full: bool, timings: Timings, merges: list[str | None], use_cache: bool
) -> Iterator[tuple[int, _Merged]]:
    """Merge the episodes at ``todo`` (``merges``: every episode's merge key), yielding each as it
    is done, in order; in worker processes when it pays.

    Only episodes merged in this process report their parts' seconds to ``timings``.
    """
    workers = worker_count(len(todo))
    if workers < 2:  # one episode (or one core): a pool would only add its start-up
        spare = len(todo) == 1 and worker_count(2) == 2
        for i in todo:
            yield i, _merge_one(config.episodes[i], config, full, timings, spare, merges[i], use_cache)
        return
    from concurrent.futures import ProcessPoolExecutor  # only a build of several episodes pays for it

    stats.workers = workers
    pool = ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(config, full, os.getpid(), use_cache))
    try:
        # map() keeps the episodes' order; chunksize 1, as one episode is seconds of work.
        yield from zip(todo, pool.map(_merge_in_worker, [(i, merges[i]) for i in todo]))
    except BaseException:  # a problem, Ctrl-C, SIGTERM: the episodes not begun are not begun
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def theme_dirs() -> tuple[Path, Path]:
    """The default theme's templates/ and static/: inside the installed package, else the checkout's."""
    packaged = Path(__file__).resolve().parent / "theme"  # where pyproject.toml puts them in a wheel
    root = packaged if (packaged / "templates").is_dir() else PACKAGE_ROOT
    return root / "templates", root / "static"


def asset_dirs(config_path: Path) -> tuple[list[Path], list[Path]]:
    """Template and static folders, the site's own first: its files override the theme's one by one."""
    here = Path(config_path).resolve().parent
    layers: tuple[list[Path], list[Path]] = ([], [])
    for folders, name, theme in zip(layers, ("templates", "static"), theme_dirs()):
        for folder in (here / name, theme):
            if folder.is_dir() and folder.resolve() not in [f.resolve() for f in folders]:
                folders.append(folder)
    return layers


def check_out_dir(out_dir: Path, site_toml: Path, sources: Iterable[Path] = ()) -> None:
    """Refuse an output folder whose replacement would delete anything the build did not make."""
    try:
        _check_out_dir(out_dir, site_toml, sources)
    except OSError as exc:  # a name past the system's limit: "File name too long" and a traceback
        raise BuildError(Problem(str(out_dir), None, f"cannot write output here: {exc.strerror or exc}")) from None


def _check_out_dir(out_dir: Path, site_toml: Path, sources: Iterable[Path]) -> None:
    out = Path(out_dir).resolve()
    given = str(out_dir)
    shown = given if given == str(out) else f"{given} ({out})"
    advice = "use --out with another folder, or delete this one yourself"
    # Deleting it is no advice for site.toml, the project or its sources: a publisher who did lost them.
    keep = "use --out with a folder of its own, such as _site"

    def refuse(why: str, advice: str = keep) -> None:
        raise BuildError(Problem(shown, None, f"not replacing this folder: {why}; {advice}"))

    if out == Path(out.anchor) or out == Path.home().resolve():
        refuse("it is the root or home folder")
    if out.exists() and not out.is_dir():
        refuse("it is a file, not a folder")
    blocker = next((folder for folder in out.parents if folder.exists() and not folder.is_dir()), None)
    if blocker:
        raise BuildError(Problem(shown, None, f"cannot write output here: {blocker} is a file, not a folder"))
    site_toml = Path(site_toml).resolve()
    site_dir = site_toml.parent
    sources = {Path(p).resolve() for p in sources}
    rel = lambda path: path.relative_to(site_dir) if path.is_relative_to(site_dir) else path  # noqa: E731
    # The output may not hold anything the build reads ...
    inputs = [(site_toml.name, site_toml), ("the site folder", site_dir)]
    inputs += [(f"a source ({rel(p)})", p) for p in sorted(sources)]
    for what, path in inputs:
        if out == path:
            refuse(f"it is {what}")
        if path.is_relative_to(out):  # the config by its path from there ("podcast.toml", "a/b/site.toml")
            refuse(f"it holds {path.relative_to(out).as_posix() if path == site_toml else what}")
    # ... nor lie inside a folder of inputs, where it would mix with them (and serve would rebuild forever).
    folders = {site_dir / name for name in ("content", "templates", "static", PUBLIC)} | {p.parent for p in sources}
    for folder in sorted(folders, key=lambda f: (-len(f.parts), f)):  # name the innermost
        if out.is_relative_to(folder):
            refuse(f"it is inside {rel(folder)}/, which holds the site's sources")
    if not out.is_dir() or not any(out.iterdir()):
        return
    if (out / "site.toml").exists():
        refuse("it holds a site.toml")
    if not (out / MARKER).is_file():
        refuse(
            f"it is not empty and has no {MARKER} file, so episode-site did not make it"
            " (a folder built by an older episode-site has none either: delete it once)",
            "use --out with another folder",  # "or delete this one yourself", of a folder of one's own files
        )
    if _marker_lines(out)[:1] == [_OLD_MARKER]:
        refuse(
            f"an older episode-site made it, and its {MARKER} file does not list the files it made,"
            " so which are yours (a CNAME) is unknown: move yours out, delete it once, and build again",
            advice,
        )
    if not _marker_readable(out):
        refuse(f"its {MARKER} file is damaged: which of its files the last build made, and which are yours, is unknown", advice)


def config_sources(config: SiteConfig) -> list[Path]:
    """Every source file site.toml names, for check_out_dir."""
    return [src.path for ep in config.episodes for src in ep.sources]


def build(
    config_path: Path,
    out_dir: Path,
    timings: Timings | None = None,
    *,
    clean: bool = False,
    progress: Progress | None = None,
    stats: BuildStats | None = None,
    base_url: str | None = None,
) -> Site:
    """Build the site into ``out_dir``, replacing it atomically; return the site, its episodes as cards
    (no passages: their files are written as each is merged; ``load_site`` gives whole episodes).

    Episodes whose inputs are unchanged since the last build come from the cache
    in the user's cache folder; ``clean`` ignores it (and rewrites it). ``timings``, when
    given, receives the seconds each stage took, so benchmarks time exactly what
    the build runs; ``stats`` receives how many episodes were merged and cached;
    ``progress`` is told how far the build is; ``base_url`` replaces site.toml's.
    """
    timings = {} if timings is None else timings
    stats = BuildStats() if stats is None else stats
    with _timed(timings, "total"):
        with _timed(timings, "load"):
            config = load_config(Path(config_path), base_url)
            check_out_dir(out_dir, config.path, config_sources(config))  # before anything touches the disk
            stats.unread = config.unread
        if clean:
            EpisodeCache.of(config).prune(set())
        out = Path(out_dir).resolve()
        tmp: Path | None = None
        try:
            out.parent.mkdir(parents=True, exist_ok=True)  # may fail too: no permission, a full disk
            stats.left = [str(Path(out_dir).parent / name) for name in _remove_unfinished(out)]
            tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-{BUILDING}-{os.getpid()}-", dir=out.parent))
            (tmp / MARKER).write_text(f"{UNFINISHED} {os.getpid()}\n", encoding="utf-8")
            output = Output(tmp)
            previous = {} if clean else previous_keys(out)

            def write_files(m: _Merged) -> None:  # each merged episode's files, as they come
                with _timed(timings, "files"):
                    slug = m.episode.slug if m.episode else "?"
                    for rel in m.files:
                        output.write_bytes(rel, m.files[rel], f"a file of episode '{slug}'")

            with ExitStack() as stack:
                placing: list[Background[None]] = []

                def from_cache(ms: list[_Merged]) -> None:
                    # Claimed here (a clash with a later stage is still found); linked or written in a
                    # forked process while this one merges the rest and weighs the index.
                    with _timed(timings, "files"):
                        episodes = []
                        for m in ms:
                            slug = m.episode.slug if m.episode else "?"
                            for rel in m.files:
                                output.reserve(rel, f"a file of episode '{slug}'")
                            same = m.key is not None and previous.get(slug) == m.key  # the last build wrote these very files
                            episodes.append((m.files, same))
                        placing.append(stack.enter_context(Background(_place_cached, output.root, out, episodes)))

                with _timed(timings, "episodes"):
                    site, merged = _merge_site(config, timings, stats, progress=progress, sink=write_files, from_cache=from_cache)
                if progress:
                    progress("writing", 0, 0)
                with _timed(timings, "write"):
                    _write_site(site, merged, _theme(config.path), output, out, timings, placing, progress, config.path.parent / PUBLIC)
        except OSError as exc:
            if tmp:
                _discard(tmp)
            where = str(exc.filename or out)
            if tmp and where.startswith(str(tmp)):  # the temporary folder beside it is gone: name the place in the output
                where = str(out / Path(where).relative_to(tmp))
            elif where.startswith(str(out.parent / f".{out.name}-")):
                where = str(out)
            why = f"cannot write output: {exc.strerror or exc}"
            if exc.errno in (errno.EEXIST, errno.ENOTDIR, errno.EISDIR) and where != str(out):
                why += " (the build makes a file where the output holds a folder you added, or a folder where you added a file: move yours)"
            if exc.errno == errno.EBUSY:
                why += " (a mount point cannot be replaced: build into a folder inside it, or mount the folder above it)"
            raise BuildError(Problem(where, None, why)) from None
        except BaseException:
            if tmp:
                _discard(tmp)
            raise
    return site


#: The marker of a build's temporary folder until the build is done: a build killed outright
#: (SIGKILL, the OOM killer, a power cut) cannot remove its folder, so the next build does.
UNFINISHED = "Unfinished build by episode-site, process"


#: A build's temporary folder (``.<out>-building-<pid>-<random>``): once its marker is the finished
#: one (before the swap) only its name says it is a build's, and a build killed then left it.
BUILDING = "building"

#: The last output, moved aside by a swap (``.<out>-replaced-<pid>``). Not "old": a publisher's backup
#: ``._site-old-2024`` (a copy, marker and all) was taken for one and deleted.
ASIDE = "replaced"


def _remove_unfinished(out: Path) -> list[str]:
    """What builds that were stopped left beside ``out``: their temporary folders (the marker says
    so and names a process that is gone; a build still running keeps its own), and the last
    output a swap had moved aside (``.<out>-replaced-<pid>``): deleted once the new one is in place,
    moved back if the build was stopped between the two renames of the swap.

    Returns the names of the folders named so that hold files but no marker: nothing proves a
    build made those files, so they stay, and the build says so (QA37: left without a word)."""
    left = []
    for folder in out.parent.glob(f".{glob.escape(out.name)}-*"):
        if not folder.is_dir() or folder.is_symlink():
            continue
        lines = _marker_lines(folder)
        words = lines[0].rsplit(" ", 1) if len(lines) == 1 else []
        if len(words) == 2 and words[0] == UNFINISHED and words[1].isdigit() and not _building(int(words[1])):
            _discard(folder)
            continue
        owner = folder.name.removeprefix(f".{out.name}-{BUILDING}-").split("-")[0]
        building = folder.name.startswith(f".{out.name}-{BUILDING}-") and owner.isdigit()
        pid = folder.name.removeprefix(f".{out.name}-{ASIDE}-")
        aside = pid.isdigit() and pid != folder.name
        if not lines and (building and not _building(int(owner)) or aside and not _building(int(pid))):
            try:  # killed deleting it after its marker, the last file: only if empty
                os.rmdir(folder)
            except OSError:
                left.append(folder.name)
            continue
        if building and lines and not _building(int(owner)):
            _discard(folder)  # killed between its last marker and the swap (QA30: 1.4 GB left at 1,000 episodes)
            continue
        if aside and lines and not _building(int(pid)):
            if out.exists():  # its publisher's files were carried into the new output by hard link
                _delete(folder)
            else:
                os.rename(folder, out)
    return sorted(left)


def _building(pid: int) -> bool:
    """Whether ``pid`` is a build running now (not this one: a container's next run reuses the numbers)."""
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's
        pass
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:  # not Linux, or it ended meanwhile: it may be one
        return True
    return b"generator" in command or b"episode-site" in command


def _marker_lines(out: Path) -> list[str]:
    """The last build's marker in ``out``, line by line ([] if there is none, or it cannot be read)."""
    try:
        return (out / MARKER).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


#: The first line of the marker an episode-site before the file list wrote. Its folder is refused
#: once: it cannot say which files a publisher added since (a CNAME was deleted on the upgrade).
_OLD_MARKER = "Made by 'episode-site build'. The whole folder is replaced on every build."


def _marker_readable(out: Path) -> bool:
    """Whether the marker in ``out`` is one a build wrote, its header and file list. Empty, cut
    short or garbled, it could not say which files are the publisher's, and carrying over nothing
    would delete them."""
    lines = _marker_lines(out)
    return lines[:1] == MARKER_TEXT.splitlines()[:1] and any(line.startswith("file ") for line in lines)


def previous_keys(out: Path) -> dict[str, str]:
    """Each episode's cache key in the last build's output, as its marker lists them ({} if none)."""
    lines = _marker_lines(out)
    return {parts[1]: parts[2] for parts in (line.split(" ") for line in lines) if len(parts) == 3 and parts[0] == "episode"}


def _place_cached(root: Path, old: Path, episodes: list[tuple[Mapping[str, bytes], bool]]) -> None:
    """The files of episodes taken from the cache, below ``root``: (an episode's files, same).

    ``same``: the last build's output (``old``) holds this file, made from the same key, so it
    is hard-linked from there: rewriting an archive's hundreds of MB on every build is most of
    a rebuild's time. A size that differs, or a time later than the last build's marker (written
    after its files), means the file was changed by hand since (an edit keeping the size was
    kept, build after build), and it is written afresh, as where the link cannot be made (gone,
    or a file system without hard links).
    Runs in a forked process (``Background``); if that fails, again here, so a file found
    already made is one the child made: it is replaced, never written through (it may be a link).
    """
    folders: set[str] = set()
    try:
        built = os.stat(os.path.join(old, MARKER)).st_mtime_ns
    except OSError:
        built = -1
    for stored, same in episodes:
        for rel in stored:
            path = os.path.join(root, rel)
            folder = os.path.dirname(path)
            if folder not in folders:
                os.makedirs(folder, exist_ok=True)
                folders.add(folder)
            if same:
                source = os.path.join(old, rel)
                try:
                    kept = os.stat(source)
                    if kept.st_size == size_of(stored, rel) and kept.st_mtime_ns <= built:
                        _fresh(path, lambda: os.link(source, path))
                        continue
                except OSError:
                    pass
            _fresh(path, lambda: _create(path, stored[rel]))
        if isinstance(stored, StoredFiles):
            stored.release()  # one episode's bytes in memory at a time


def _create(path: str, data: bytes) -> None:
    with open(path, "xb") as f:
        f.write(data)


def _fresh(path: str, make: Callable[[], None]) -> None:
    """``make`` the file at ``path``; one there already (a failed child's) is removed first."""
    try:
        make()
    except FileExistsError:
        os.unlink(path)
        make()


#: An empty file telling GitHub Pages not to run Jekyll over the site.
NOJEKYLL = ".nojekyll"


def _write_site(
    site: Site,
    merged: list[_Merged],
    theme: Theme,
    output: Output,
    out_dir: Path,
    timings: Timings,
    placing: Sequence[Background[None]] = (),
    progress: Progress | None = None,
    public: Path | None = None,
) -> None:
    """The site's own pages and the site-wide search index beside the episodes' files, then the swap
    (once the files ``placing`` is making are made)."""
    from .writers.pages import render_site_pages
    from .writers.search import site_files

    with _timed(timings, "render"):
        render_site_pages(site, output, theme=theme)
        for rel, path in public_files(public):
            output.write_bytes(rel, path.read_bytes(), f"{PUBLIC}/{rel}")
        # Published from a branch, GitHub Pages runs Jekyll, which drops names starting with "_"
        # (search/t/_.js). One of the publisher's (public/, or added to the output) stays theirs.
        theirs = (out_dir / NOJEKYLL).exists() and NOJEKYLL not in (_marker_files(out_dir) if _marker_readable(out_dir) else {})
        if NOJEKYLL not in output.written and not theirs:
            output.write_bytes(NOJEKYLL, b"", "the .nojekyll file")
    if progress:  # seconds at 1,000 episodes: say what the wait is for
        progress("indexing", 0, 0)
    with _timed(timings, "search"):
        site_files([m.index for m in merged if m.index is not None], emit=lambda rel, text: output.write(f"search/{rel}", text, "the search index"))
    with _timed(timings, "files"):
        for child in placing:
            child.result()
    made = "".join(f"episode {m.episode.slug} {m.key}\n" for m in merged if m.episode and m.key)
    # each with its size: a file the publisher changed since is told by its bytes, not its time
    # alone (a redirect copied in with "cp -p" kept an older time, and was deleted)
    files = "".join(f"file {rel}\t{os.path.getsize(output.root / rel)}\n" for rel in sorted(output.written))
    (output.root / MARKER).write_text(MARKER_TEXT + made + files, encoding="utf-8")
    with _timed(timings, "swap"):
        carry_over(out_dir, output.root, set(output.written))
        _swap_into_place(output.root, out_dir)


@contextmanager
def _timed(timings: Timings, stage: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - start


def build_summary(site: Site, stats: BuildStats | None = None) -> str:
    """What a build made, in one line for the terminal (and how much came from the cache)."""
    pages = sum(len(ep.chapters) for ep in site.episodes)
    line = f"built {len(site.episodes)} episode(s), {pages} chapter pages"
    if stats is not None and stats.cached:
        remade = f"; pages made again for {stats.remade}" if stats.remade else ""  # a new theme
        line += f" (merged {stats.merged}, from cache {stats.cached}{remade})"
    return line


def build_notes(stats: BuildStats) -> list[str]:
    """What a build left as it found it and the publisher may want to tidy, a line each."""
    left = [f"note: {name} is named as a stopped build's folder but holds no {MARKER} file: left as it is (delete it, or rename it if it is yours)" for name in stats.left]
    return list(stats.unread) + left


def _delete(folder: Path) -> None:
    """Delete the last build's output, half of its top-level entries in a forked process when one
    can be: unlinking an archive's 28 thousand files is system calls, and two processes share
    them out (1,000 episodes: 1.5 -> 1.05 s; threads were slower than one).
    Its marker goes last: a build killed meanwhile leaves a folder the next one knows as a build's
    and deletes (QA37: the marker went first, and the rest stayed beside the output for good)."""
    entries = sorted(name for name in os.listdir(folder) if name != MARKER)

    def remove(names: list[str]) -> None:
        for name in names:
            path = os.path.join(folder, name)
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path, onerror=_writable_then)
            else:
                with suppress(OSError):
                    os.unlink(path)

    with Background(remove, entries[::2], fork=len(entries) > 16) as half:
        remove(entries[1::2])
        half.result()
    shutil.rmtree(folder, onerror=_writable_then)  # the marker, then the folder


def _discard(folder: Path) -> None:
    """Delete a build's temporary folder, marker last (``_delete``), as far as it can be."""
    with suppress(OSError):
        _delete(folder)


def _writable_then(func: Callable[[str], object], path: str, _exc: object) -> None:
    """rmtree's second try at what it could not remove: a read-only folder of the publisher's
    (carried from build to build) or an output made read-only is made writable first."""
    with suppress(OSError):
        os.chmod(os.path.dirname(path), 0o700)
        if os.path.isdir(path) and not os.path.islink(path):
            os.chmod(path, 0o700)
        func(path)


def carry_over(out: Path, tmp: Path, made: set[str]) -> None:
    """Link into the new output (``tmp``) every file of the old one that no build made: a build
    never deletes what it did not make. The old marker lists what the last build made; a folder
    with none (new or empty when the build began) holds only the publisher's: a CNAME added while
    the build ran was deleted with it. A file of the publisher's at a path this build makes is a
    problem, not overwritten. A file the last build made and the publisher has changed since (a
    page replaced by a redirect after its episode was renamed) is theirs once no build makes it:
    it was deleted with the rest."""
    if not out.is_dir():
        return
    sizes = _marker_files(out) if _marker_readable(out) else {}
    before = set(sizes) | {MARKER}
    try:
        built = os.stat(out / MARKER).st_mtime_ns  # written after every file the build made
    except OSError:
        built = None
    folders, made_folders = _folders(before), _folders(made)
    modes: list[tuple[str, str]] = []  # the publisher's folders, their modes set once their files are in
    for folder, dirs, names in os.walk(out):
        rel_folder = os.path.relpath(folder, out)
        for name in names + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            rel = name if rel_folder == "." else f"{rel_folder}/{name}"
            if rel in before and (rel in made or built is None or _as_built(os.lstat(os.path.join(folder, name)), built, sizes.get(rel))):
                continue
            if rel in made or rel in made_folders:
                what = rel if rel in made else f"a folder {rel}/"
                raise BuildError(Problem(str(out / rel), None, f"you added this file, and the build makes {what} there too: move or rename yours (nothing was changed)"))
            _link_or_copy(os.path.join(folder, name), os.path.join(tmp, rel))
        for d in dirs:  # a folder of the publisher's own, even an empty one, stays too
            rel = d if rel_folder == "." else f"{rel_folder}/{d}"
            if rel not in folders and not os.path.islink(os.path.join(folder, d)):
                os.makedirs(os.path.join(tmp, rel), exist_ok=True)
                modes.append((os.path.join(folder, d), os.path.join(tmp, rel)))
    for source, dest in reversed(modes):  # innermost first: a read-only folder takes no files after
        with suppress(OSError):
            shutil.copymode(source, dest)


def _marker_files(out: Path) -> dict[str, int | None]:
    """The files the marker in ``out`` lists, each with its size (None where an older build wrote none)."""
    files: dict[str, int | None] = {}
    for line in _marker_lines(out):
        if line.startswith("file "):
            rel, tab, size = line[5:].rpartition("\t")
            files[rel if tab else size] = int(size) if tab and size.isdigit() else None
    return files


def _as_built(stat: os.stat_result, built: int, size: int | None) -> bool:
    """Whether a file the last build made is as it made it: no later than its marker, of its size."""
    return stat.st_mtime_ns <= built and (size is None or stat.st_size == size)


def _folders(paths: Iterable[str]) -> set[str]:
    """Every folder the relative file paths lie in ("a/b/c.html" -> "a", "a/b")."""
    return {rel.rsplit("/", k)[0] for rel in paths for k in range(1, rel.count("/") + 1)}


def _link_or_copy(source: str, dest: str) -> None:
    """The same file at a second path: a hard link (no bytes copied; the old folder's link goes
    with it), else a copy; a symbolic link stays a link."""
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    if os.path.islink(source):
        os.symlink(os.readlink(source), dest)
        return
    try:
        os.link(source, dest)
    except OSError:
        shutil.copy2(source, dest)


def _swap_into_place(tmp: Path, out_dir: Path) -> None:
    """Replace out_dir by tmp with two renames; the old site survives until the last moment.
    Ctrl-C waits until both are done (between them, it left no output folder), and the old
    output goes back where the second fails (another build's output put there meanwhile)."""
    os.chmod(tmp, 0o755)
    if out_dir.exists():
        old = out_dir.with_name(f".{out_dir.name}-{ASIDE}-{os.getpid()}")
        with _signals_held():
            os.rename(out_dir, old)
            try:
                os.rename(tmp, out_dir)
            except OSError:
                os.rename(old, out_dir)
                raise
        _delete(old)
    else:
        os.rename(tmp, out_dir)


@contextmanager
def _signals_held():
    """SIGINT and SIGTERM held back for a moment that must not be cut in two (in the main thread)."""
    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
