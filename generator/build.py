"""The build: read and check everything, merge, then write the whole site at once.

Output goes to a temporary folder beside the target and is swapped into place
only when every stage succeeded, so a failed build leaves the previous site as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .config import load_config
from .errors import BuildError, Problem, Problems
from .model import Site
from .readers import read_sources
from .writers.exports import write_exports
from .writers.pages import render_site
from .writers.search import write_search_index
from .writers.theme import Theme
from .merge import clock_problems, merge_episode

PACKAGE_ROOT = Path(__file__).resolve().parent.parent


def load_site(config_path: Path) -> Site:
    """Read site.toml and every source, and merge each episode; raise BuildError on bad input."""
    config = load_config(Path(config_path))
    problems = Problems()
    episodes = []
    for ep_config in config.episodes:
        sources, read_problems = read_sources(ep_config, config)
        problems.extend(read_problems)
        if read_problems:
            problems.extend(clock_problems(ep_config, sources, config.rel(config.path)))
            continue
        episode, merge_problems = merge_episode(ep_config, sources, config)
        problems.extend(merge_problems)
        if episode is not None:
            episodes.append(episode)
    problems.raise_if_any()
    return Site(config.title, config.base_url, tuple(episodes), config.description)


def asset_dirs(config_path: Path) -> tuple[Path, Path]:
    """templates/ and static/ beside site.toml when the publisher has them, else ours."""
    here = Path(config_path).resolve().parent
    pick = lambda name: here / name if (here / name).is_dir() else PACKAGE_ROOT / name  # noqa: E731
    return pick("templates"), pick("static")


def build(config_path: Path, out_dir: Path) -> Site:
    """Build the site into ``out_dir``, replacing it atomically; return the merged model."""
    site = load_site(config_path)
    templates, static = asset_dirs(config_path)
    out_dir = Path(out_dir).resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    try:
        exports = write_exports(site, tmp)
        render_site(site, tmp, theme=Theme.of([templates, PACKAGE_ROOT / "templates"], [static, PACKAGE_ROOT / "static"]), exports=exports)
        write_search_index(site, tmp)
        _swap_into_place(tmp, out_dir)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise BuildError(Problem(str(exc.filename or out_dir), None, f"cannot write output: {exc.strerror or exc}")) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return site


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
