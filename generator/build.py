"""The build: read and check everything, merge, then write the whole site at once.

Output goes to a temporary folder beside the target and is swapped into place
only when every stage succeeded, so a failed build leaves the previous site as it was.
The target is replaced only if the build made it (it holds the MARKER file), or it
is missing or empty: ``--out .`` must never delete a publisher's sources.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .config import SiteConfig, load_config
from .errors import BuildError, Problem, Problems
from .model import Site
from .readers import read_sources
from .writers.exports import write_exports
from .writers.pages import render_site
from .writers.search import write_search_index
from .writers.theme import Theme
from .merge import clock_problems, merge_episode

PACKAGE_ROOT = Path(__file__).resolve().parent.parent

#: Every build leaves this file in its output; only a folder holding it may be replaced.
#: A dotfile, so it is never a page, and GitHub Pages serves the artifact as it is.
MARKER = ".episode-site"
MARKER_TEXT = "Made by 'episode-site build'. The whole folder is replaced on every build.\n"

#: Seconds per build stage, filled in by build() when it is given one (benchmarks read it).
Timings = dict[str, float]


def load_site(config_path: Path) -> Site:
    """Read site.toml and every source, and merge each episode; raise BuildError on bad input."""
    return _merge_site(load_config(Path(config_path)), {})


def _merge_site(config: SiteConfig, timings: Timings) -> Site:
    problems = Problems()
    episodes = []
    for ep_config in config.episodes:
        with _timed(timings, "read"):
            sources, read_problems = read_sources(ep_config, config)
        problems.extend(read_problems)
        if read_problems:
            problems.extend(clock_problems(ep_config, sources, config.rel(config.path)))
            continue
        with _timed(timings, "merge"):
            episode, merge_problems = merge_episode(ep_config, sources, config)
        problems.extend(merge_problems)
        if episode is not None:
            episodes.append(episode)
    problems.raise_if_any()
    return Site(config.title, config.base_url, tuple(episodes), config.description)


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
    out = Path(out_dir).resolve()
    given = str(out_dir)
    shown = given if given == str(out) else f"{given} ({out})"
    advice = "use --out with another folder, or delete this one yourself"

    def refuse(why: str) -> None:
        raise BuildError(Problem(shown, None, f"not replacing this folder: {why}; {advice}"))

    if out == Path(out.anchor) or out == Path.home().resolve():
        refuse("it is the root or home folder")
    if out.exists() and not out.is_dir():
        refuse("it is a file, not a folder")
    site_toml = Path(site_toml).resolve()
    site_dir = site_toml.parent
    sources = {Path(p).resolve() for p in sources}
    rel = lambda path: path.relative_to(site_dir) if path.is_relative_to(site_dir) else path  # noqa: E731
    # The output may not hold anything the build reads ...
    inputs = [("site.toml", site_toml), ("the site folder", site_dir)]
    inputs += [(f"a source ({rel(p)})", p) for p in sorted(sources)]
    for what, path in inputs:
        if out == path:
            refuse(f"it is {what}")
        if path.is_relative_to(out):
            refuse(f"it holds {what}")
    # ... nor lie inside a folder of inputs, where it would mix with them (and serve would rebuild forever).
    folders = {site_dir / name for name in ("content", "templates", "static")} | {p.parent for p in sources}
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
            " (a folder built by an older episode-site has none either: delete it once)"
        )


def config_sources(config: SiteConfig) -> list[Path]:
    """Every source file site.toml names, for check_out_dir."""
    return [src.path for ep in config.episodes for src in ep.sources]


def build(config_path: Path, out_dir: Path, timings: Timings | None = None) -> Site:
    """Build the site into ``out_dir``, replacing it atomically; return the merged model.

    ``timings``, when given, receives the seconds each stage took, so benchmarks time
    exactly what the build runs.
    """
    timings = {} if timings is None else timings
    with _timed(timings, "total"):
        with _timed(timings, "load"):
            config = load_config(Path(config_path))
            check_out_dir(out_dir, config.path, config_sources(config))  # before anything touches the disk
            site = _merge_site(config, timings)
        with _timed(timings, "write"):
            _write_site(site, asset_dirs(config_path), Path(out_dir).resolve(), timings)
    return site


def _write_site(site: Site, assets: tuple[list[Path], list[Path]], out_dir: Path, timings: Timings) -> None:
    templates, static = assets
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    try:
        with _timed(timings, "exports"):
            exports = write_exports(site, tmp)
        with _timed(timings, "render"):
            render_site(site, tmp, theme=Theme.of(templates, static), exports=exports)
        with _timed(timings, "search"):
            write_search_index(site, tmp)
        (tmp / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        with _timed(timings, "swap"):
            _swap_into_place(tmp, out_dir)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise BuildError(Problem(str(exc.filename or out_dir), None, f"cannot write output: {exc.strerror or exc}")) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


@contextmanager
def _timed(timings: Timings, stage: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - start


def build_summary(site: Site) -> str:
    """What a build made, in one line for the terminal."""
    pages = sum(len(ep.chapters) for ep in site.episodes)
    return f"built {len(site.episodes)} episode(s), {pages} chapter pages"


def _swap_into_place(tmp: Path, out_dir: Path) -> None:
    """Replace out_dir by tmp with two renames; the old site survives until the last moment."""
    os.chmod(tmp, 0o755)
    if out_dir.exists():
        old = out_dir.with_name(f".{out_dir.name}-old-{os.getpid()}")
        os.rename(out_dir, old)
        os.rename(tmp, out_dir)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(tmp, out_dir)
