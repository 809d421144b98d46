"""Shared fixtures: the real episode built once, served under a sub-path, and Chromium."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from generator.serve import PagesHandler

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "content" / "ilya-sutskever-age-of-research"
TOOLS = ROOT / "tests" / "tools" / "node_modules"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SUBPATH = "/repo/"


@pytest.fixture(autouse=True, scope="session")
def own_cache(tmp_path_factory: pytest.TempPathFactory):
    """Builds in tests keep their episode cache in the session's temporary folder: each test site
    would otherwise leave a folder in the user's ~/.cache/episode-site, run after run."""
    patch = pytest.MonkeyPatch()
    patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    yield
    patch.undo()


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real episode built once per test session (read-only for tests)."""
    from generator.build import build

    out = tmp_path_factory.mktemp("site") / "_site"
    build(ROOT / "site.toml", out)
    return out


@pytest.fixture(scope="session")
def episode():
    """The merged model of the real episode."""
    from generator.build import load_site

    return load_site(ROOT / "site.toml").episodes[0]


class SubPathHandler(PagesHandler):
    """Serves the site below SUBPATH, like GitHub Pages serves a project site, 404.html included."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(SUBPATH):
            return str(Path(self.directory) / "__outside_subpath__")
        return super().translate_path("/" + path[len(SUBPATH):])


@pytest.fixture(scope="session")
def server(site_dir: Path):
    """Base URL (ending in /repo/) of the built site served on loopback."""
    handler = functools.partial(SubPathHandler, directory=str(site_dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{SUBPATH}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; never downloads a browser."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's Chromium is missing: run scripts/test.sh, which installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh desktop page that fails the test on any page error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.page_errors = errors  # type: ignore[attr-defined]
    yield pg
    context.close()
    assert not errors, f"page errors: {errors}"


@pytest.fixture
def copy_site(tmp_path: Path):
    """A writable copy of the project (site.toml, content, templates, static) for CLI tests."""

    def make() -> Path:
        dest = tmp_path / "project"
        for name in ("content", "templates", "static"):
            if (ROOT / name).exists():
                shutil.copytree(ROOT / name, dest / name)
        shutil.copy(ROOT / "site.toml", dest / "site.toml")
        return dest

    return make


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page as it is now (axe injected from tests/tools)."""
    page.add_script_tag(path=str(TOOLS / "axe-core" / "axe.min.js"))
    return page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")


def vnu_errors(paths: list[str]) -> list[str]:
    """The Nu Html Checker's errors in these HTML and CSS files, as ``folder/file:line: message``."""
    import json
    import subprocess

    vnu = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
    run = subprocess.run(["java", "-jar", str(vnu), "--errors-only", "--also-check-css", "--format", "json", *paths], capture_output=True, text=True, timeout=300)
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    return [
        f"{'/'.join(m.get('url', '').rsplit('/', 3)[-3:])}:{m.get('lastLine')}: {m.get('message')}"
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]
