"""The theme: templates and static files, a site's own over the default ones, file by file.

Like MkDocs' ``custom_dir``: a site may hold ``templates/`` and ``static/``
beside its site.toml with only the files it changes; every other file comes
from the default theme that ships with the package.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket

from ..cache import cache_root, sealed, unsealed
from ..errors import BuildError, Problem


@dataclass(frozen=True)
class Theme:
    """Template and static folders, the first of each list winning file by file."""

    templates: tuple[Path, ...]
    static: tuple[Path, ...]
    ours: tuple[Path, ...] = ()  # static folders whose scripts are episode-site's own: written minified

    @classmethod
    def of(cls, templates: Path | Sequence[Path], static: Path | Sequence[Path], ours: Path | Sequence[Path] = ()) -> "Theme":
        """A theme from one folder or a list of folders for each."""
        as_tuple = lambda given: (Path(given),) if isinstance(given, (str, Path)) else tuple(Path(p) for p in given)  # noqa: E731
        return cls(as_tuple(templates), as_tuple(static), as_tuple(ours))

    def environment(self) -> jinja2.Environment:
        """The Jinja environment of these templates, one per process while no template file changes.

        Compiling the templates costs ~30 ms, more than rendering an episode's pages: an
        archive's build would pay it once per episode. The key holds every template
        file's path and modification time, so an edited, added or removed template
        (``serve`` rebuilding as the publisher works) gets a fresh environment.
        """
        return _environment(self.templates, self._template_files())

    def _template_files(self) -> tuple[tuple[str, int], ...]:
        found = []
        for folder in self.templates:
            if folder.is_dir():
                found += [(str(path), path.stat().st_mtime_ns) for path in sorted(folder.rglob("*")) if path.is_file()]
        return tuple(found)

    def static_files(self) -> dict[str, Path]:
        """Every static file by its path below static/, the winning copy of each."""
        chosen: dict[str, Path] = {}
        for folder in reversed(self.static):  # earlier folders override later ones
            if not folder.is_dir():
                continue
            for path in folder.rglob("*"):
                rel = path.relative_to(folder)
                if path.is_file() and not any(part.startswith(".") or part == "__pycache__" for part in rel.parts):
                    chosen[rel.as_posix()] = path
        return dict(sorted(chosen.items()))

    def static_bytes(self, path: Path) -> bytes:
        """A static file as the site serves it: the default theme's scripts and stylesheet minified
        (rJSmin, rCSSmin), every other file as it is. Comments and indentation are 40% of our scripts'
        gzipped bytes (search.js 50.3 -> 26.0 KB) and 27% of site.css's (5.1 -> 3.7 KB), loaded on
        every page (issue 10: a chapter page and what it loads before play, <= 50 KB gzip); a site's
        own files may use syntax the minifiers do not know (nested template literals), so they are
        copied untouched, as are ``*.min.js`` files."""
        data = path.read_bytes()
        if path.suffix not in (".js", ".css") or path.name.endswith(".min.js") or not any(path.is_relative_to(f) for f in self.ours):
            return data
        if path.suffix == ".css":
            import rcssmin

            return rcssmin.cssmin(data.decode("utf-8")).encode("utf-8")
        import rjsmin  # only a build that writes the theme's scripts needs it

        return rjsmin.jsmin(data.decode("utf-8")).encode("utf-8")

    def static_text(self, path: Path) -> str:
        """A static file the pages inline (the stylesheet, on the 404 page), as served; not UTF-8 is a problem at its line."""
        data = self.static_bytes(path)
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            folder = next((f for f in self.static if path.is_relative_to(f)), path.parent)
            line = data[: exc.start].count(b"\n") + 1
            shown = f"static/{path.relative_to(folder).as_posix()}"
            raise BuildError(Problem(shown, line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8")) from None

    def find_static(self, name: str) -> Path | None:
        """The winning copy of one static file, or None."""
        return next((folder / name for folder in self.static if (folder / name).is_file()), None)


#: The environment's options. Compiled templates depend on them, so they are part of a compiled template's key.
_OPTIONS = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True}


@functools.lru_cache(maxsize=4)
def _environment(folders: tuple[Path, ...], files: tuple[tuple[str, int], ...]) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in folders]),
        undefined=jinja2.StrictUndefined,
        bytecode_cache=CompiledTemplates(),
        **_OPTIONS,
    )


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in the user's cache folder, as Python keeps ``.pyc`` files.

    Compiling the theme's nine templates takes ~50 ms, a tenth of a one-episode build, and
    is the same work every time; loading them back takes ~3 ms. Jinja reuses an entry only
    for the same template source (it compares a checksum), and the key adds the template's
    path, jinja2's version and ``_OPTIONS``, which the compiled code depends on. An entry
    that is missing, unreadable or cannot be written only costs the compile: never a build.
    """

    def __init__(self) -> None:
        self.salt = f"{jinja2.__version__}|{sorted(_OPTIONS.items())}"

    @property
    def folder(self) -> Path:
        return cache_root() / "templates"  # looked up when used: the environment outlives a change of $XDG_CACHE_HOME

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha256(f"{self.salt}|{name}|{filename}".encode("utf-8", "surrogateescape")).hexdigest()

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            with open(self.folder / bucket.key, "rb") as f:
                data = unsealed(f.read())
            if data is None:  # damaged on disk: marshal would crash the interpreter on it, not raise
                bucket.reset()
                return
            bucket.load_bytecode(io.BytesIO(data))
        except Exception:  # missing, truncated, garbage: compiled afresh
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        tmp = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            code = io.BytesIO()
            bucket.write_bytecode(code)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=self.folder)
            with os.fdopen(fd, "wb") as f:
                f.write(sealed(code.getvalue()))
            os.replace(tmp, self.folder / bucket.key)
        except OSError:
            if tmp:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)


def render(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """Render one template; template mistakes become a BuildError with the template's line."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise BuildError(Problem(f"templates/{exc.name or name}", exc.lineno, f"template syntax error: {exc.message}")) from None
    except jinja2.TemplateNotFound as exc:
        raise BuildError(Problem(f"templates/{exc.name}", None, "template not found")) from None
    except UnicodeDecodeError as exc:  # a template saved in another encoding (it was a bare "UnicodeDecodeError: …")
        line = exc.object[: exc.start].count(b"\n") + 1 if isinstance(exc.object, bytes) else None
        raise BuildError(Problem(f"templates/{name}", line, f"not valid UTF-8 (byte 0x{exc.object[exc.start]:02x}); save the file as UTF-8")) from None
    except BuildError:  # a problem of the build's own, met while the template ran: as it is
        raise
    except Exception as exc:  # a mistake that shows only when it runs: undefined names, "a" + 1, a filter on None
        where, line = _template_frame(env, exc) or (f"templates/{name}", None)
        text = exc.message if isinstance(exc, jinja2.TemplateError) and exc.message else f"{type(exc).__name__}: {exc}"
        raise BuildError(Problem(where, line, f"template error: {text}")) from None


def _template_frame(env: jinja2.Environment, exc: BaseException) -> tuple[str, int] | None:
    """The template file and line the error was raised at: Jinja writes template lines into the
    traceback's frames (the innermost wins: an included template's own line)."""
    folders = [Path(f) for f in getattr(env.loader, "searchpath", [])]
    found = None
    tb = exc.__traceback__
    while tb is not None:
        path = Path(tb.tb_frame.f_code.co_filename)
        folder = next((f for f in folders if path.is_relative_to(f)), None)
        if folder is not None:
            found = (f"templates/{path.relative_to(folder).as_posix()}", tb.tb_lineno)
        tb = tb.tb_next
    return found
