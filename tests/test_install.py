"""A normal install: the wheel carries the default theme, so ``pip install`` is enough to build any site."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EPISODE = "content/ilya-sutskever-age-of-research"


def _run(*cmd: str | Path, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{cmd}: {done.stdout}\n{done.stderr}"
    return done


def test_wheel_installed_in_a_fresh_venv_builds_a_site_folder_outside_the_repository(tmp_path: Path) -> None:
    # Build the wheel from a copy, so the checkout gets no build/ or *.egg-info.
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "generator", "templates", "static"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, src / name)
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp_path / "dist", ".", cwd=src)
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for theme_file in [*(ROOT / "templates").rglob("*"), *(ROOT / "static").rglob("*")]:
        if theme_file.is_file():
            assert f"generator/theme/{theme_file.relative_to(ROOT).as_posix()}" in names

    venv = tmp_path / "venv"  # no system site-packages: the generator can only come from the wheel
    _run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    _run(venv / "bin" / "python", "-m", "pip", "install", "-q", "--disable-pip-version-check", wheel, cwd=tmp_path)

    site = tmp_path / "site"  # only site.toml and content/, nowhere near the repository
    shutil.copytree(ROOT / EPISODE, site / EPISODE)
    shutil.copy(ROOT / "site.toml", site / "site.toml")
    done = _run(venv / "bin" / "episode-site", "build", cwd=site)
    assert "built 1 episode(s)" in done.stdout
    out = site / "_site"
    assert (out / "ilya-sutskever-age-of-research" / "index.html").is_file()
    assert (out / "static" / "vendor" / "lunr" / "lunr.min.js").read_bytes() == (ROOT / "static/vendor/lunr/lunr.min.js").read_bytes()
    where = _run(venv / "bin" / "python", "-c", "import generator; print(generator.__file__)", cwd=site).stdout
    assert where.startswith(str(venv)), where

    # A site's own templates/ and static/ override the theme file by file; the rest still comes from the theme.
    (site / "templates").mkdir()
    (site / "templates" / "404.html").write_text("{% extends 'base.html' %}{% block main %}<p>Our own 404</p>{% endblock %}\n", encoding="utf-8")
    (site / "static").mkdir()
    (site / "static" / "site.css").write_text("body { color: teal }\n", encoding="utf-8")
    _run(venv / "bin" / "episode-site", "build", cwd=site)
    assert "Our own 404" in (out / "404.html").read_text(encoding="utf-8")
    assert (out / "static" / "site.css").read_text(encoding="utf-8") == "body { color: teal }\n"
    # The theme's own scripts come from the wheel, minified; the site's own files as they are.
    served, source = (out / "static" / "search.js").read_text(encoding="utf-8"), (ROOT / "static" / "search.js").read_text(encoding="utf-8")
    assert "/*" in source and "/*" not in served and len(served) < 0.7 * len(source)
    assert "function settle(" in source and "function settle(" in served
    assert "Dwarkesh Podcast transcripts" in (out / "index.html").read_text(encoding="utf-8")
