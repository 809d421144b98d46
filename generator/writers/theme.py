"""The theme: templates and static files, a site's own over the default ones, file by file.

Like MkDocs' ``custom_dir``: a site may hold ``templates/`` and ``static/``
beside its site.toml with only the files it changes; every other file comes
from the default theme that ships with the package.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from ..errors import BuildError, Problem


@dataclass(frozen=True)
class Theme:
    """Template and static folders, the first of each list winning file by file."""

    templates: tuple[Path, ...]
    static: tuple[Path, ...]

    @classmethod
    def of(cls, templates: Path | Sequence[Path], static: Path | Sequence[Path]) -> "Theme":
        """A theme from one folder or a list of folders for each."""
        as_tuple = lambda given: (Path(given),) if isinstance(given, (str, Path)) else tuple(Path(p) for p in given)  # noqa: E731
        return cls(as_tuple(templates), as_tuple(static))

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

    def find_static(self, name: str) -> Path | None:
        """The winning copy of one static file, or None."""
        return next((folder / name for folder in self.static if (folder / name).is_file()), None)


@functools.lru_cache(maxsize=4)
def _environment(folders: tuple[Path, ...], files: tuple[tuple[str, int], ...]) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in folders]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """Render one template; template mistakes become a BuildError with the template's line."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise BuildError(Problem(f"templates/{exc.name or name}", exc.lineno, f"template syntax error: {exc.message}")) from None
    except jinja2.TemplateNotFound as exc:
        raise BuildError(Problem(f"templates/{exc.name}", None, "template not found")) from None
    except jinja2.UndefinedError as exc:
        raise BuildError(Problem(f"templates/{name}", None, f"template error: {exc.message}")) from None
