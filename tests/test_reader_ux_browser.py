"""What a reader meets around the edges, in Debian's Chromium: the 404 page at any
missing URL (at a user site's root and under a project's /repo/, with and without
JavaScript), the favicon, feedback on moment links and passage time links, tap targets.
"""

from __future__ import annotations

import functools
import http.server
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import ROOT, SUBPATH, SubPathHandler
from generator import urls
from generator.serve import PagesHandler

pytestmark = pytest.mark.browser

MISSING = ["nope/", "a/b/c/"]


def _serve(handler_class, directory: Path, prefix: str):
    handler = functools.partial(handler_class, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}{prefix}"


@pytest.fixture(scope="module")
def root_server(site_dir: Path):
    """The built site served at the domain root, like a GitHub Pages user site."""
    httpd, url = _serve(PagesHandler, site_dir, "/")
    yield url
    httpd.shutdown()


@pytest.fixture(scope="module")
def base_url_server(tmp_path_factory: pytest.TempPathFactory):
    """The site rendered with ``base_url`` set to the address it is served at, under /repo/."""
    from generator.build import load_site
    from generator.render import render_site

    out = tmp_path_factory.mktemp("based")
    httpd, url = _serve(SubPathHandler, out, SUBPATH)
    site = replace(load_site(ROOT / "site.toml"), base_url=url)
    render_site(site, out, templates=ROOT / "templates", static=ROOT / "static")
    yield url
    httpd.shutdown()


def _styled(page) -> dict:
    """Computed styles that differ from Chromium's defaults only when site.css applies."""
    return page.evaluate(
        """() => ({
            margin: getComputedStyle(document.body).marginTop,
            font: getComputedStyle(document.body).fontFamily,
            header: getComputedStyle(document.querySelector('.site-header')).borderBottomStyle,
            skip: document.querySelector('.skip-link').getBoundingClientRect().bottom,
        })"""
    )


def _check_404(browser, home: str, missing: str, *, js: bool, home_link_works: bool = True) -> None:
    context = browser.new_context(java_script_enabled=js, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 and r.request.resource_type != "document" and not r.url.endswith("/404.html") else None)
    response = page.goto(home + missing)
    assert response.status == 404
    style = _styled(page)
    assert style["margin"] == "0px" and style["font"].startswith("system-ui") and style["header"] == "solid", style
    assert style["skip"] < 1, "the skip link must sit above the screen"
    assert page.evaluate("[...document.querySelectorAll('link[rel=icon]')].map(l => l.href.slice(0, 5))") == ["data:"]
    if home_link_works:
        if js:
            page.wait_for_function("h => document.querySelector('.site-title').href === h", arg=home, timeout=5000)
        page.click("text=Go to the home page")
        page.wait_for_load_state()
        assert page.url == home
        assert page.locator("main a", has_text="Ilya Sutskever").first.is_visible()
        assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).borderBottomStyle") == "solid"
    page.wait_for_load_state("networkidle")
    context.close()
    assert not failed, failed


@pytest.mark.parametrize("missing", MISSING)
@pytest.mark.parametrize("where", ["root", "repo"])
def test_404_is_styled_and_links_home_at_any_depth(browser, root_server: str, server: str, where: str, missing: str) -> None:
    _check_404(browser, root_server if where == "root" else server, missing, js=True)


@pytest.mark.parametrize("missing", MISSING)
@pytest.mark.parametrize("where", ["root", "repo"])
def test_404_without_javascript_is_styled_and_links_home_one_level_down(browser, root_server: str, server: str, where: str, missing: str) -> None:
    # Without JavaScript and without base_url nothing can tell how deep a missing
    # URL is: <base href="../"> is right one folder below the root only.
    _check_404(browser, root_server if where == "root" else server, missing, js=False, home_link_works=missing == "nope/")


@pytest.mark.parametrize("missing", MISSING)
def test_404_with_base_url_links_home_without_javascript(browser, base_url_server: str, missing: str) -> None:
    _check_404(browser, base_url_server, missing, js=False)


def test_no_page_has_a_failed_request_and_every_page_has_an_icon(browser, server: str, episode) -> None:
    """Chromium asks for /favicon.ico when a page names no icon; that 404 shows in the console."""
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    pages = [server, server + urls.episode_url(episode), server + urls.transcript_url(episode), server + urls.search_url() + "?q=scaling"]
    pages += [server + urls.chapter_url(episode, ch) for ch in episode.chapters]
    for url in pages:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(150)  # the icon is fetched after load
        icon = page.evaluate("fetch(document.querySelector('link[rel=icon]').href).then(r => r.ok && r.headers.get('content-type'))")
        assert icon == "image/svg+xml", url
    context.close()
    assert not errors, errors
