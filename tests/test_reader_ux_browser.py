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
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, SUBPATH, SubPathHandler
from generator.writers import urls
from generator.clock import format_clock
from generator.serve import PagesHandler

pytestmark = pytest.mark.browser

MISSING = ["nope/", "a/b/c/"]


def covering_passage(episode, seconds: float):
    """The passage a moment link lands on: the last one starting within the moment's whole second or before."""
    return [p for p in episode.passages if p.start < int(seconds) + 1][-1]


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
    from generator.writers.pages import render_site
    from generator.writers.theme import Theme

    out = tmp_path_factory.mktemp("based")
    httpd, url = _serve(SubPathHandler, out, SUBPATH)
    site = replace(load_site(ROOT / "site.toml"), base_url=url)
    render_site(site, out, theme=Theme.of(ROOT / "templates", ROOT / "static"))
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


@pytest.mark.parametrize("missing", ["/ilya-sutskever-age-of-research/x/", "/elsewhere.example/x/"])
@pytest.mark.parametrize("where", ["root", "repo"])
def test_404_at_an_address_with_a_double_slash_links_home_and_asks_no_other_host(browser, root_server: str, server: str, where: str, missing: str) -> None:
    """//slug/x/ took "//" for the site's root: every link pointed back at the page itself."""
    home = root_server if where == "root" else server
    context = browser.new_context()
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url))
    assert page.goto(home + missing).status == 404
    page.wait_for_function("h => document.querySelector('.site-title').href === h", arg=home, timeout=5000)
    page.wait_for_load_state("networkidle")
    page.click("text=Go to the home page")
    page.wait_for_load_state()
    assert page.url == home
    context.close()
    assert [u for u in asked if urlsplit(u).netloc != urlsplit(home).netloc] == []


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


def _notice(page) -> dict:
    # Its words, not only its × button: they are filled in a moment after it is in the page.
    page.wait_for_function("() => { const n = document.querySelector('[role=status].moment-notice p'); return n && n.textContent.trim(); }", timeout=5000)
    return page.evaluate(
        """() => {
            const n = document.querySelector('[role=status].moment-notice'), r = n.getBoundingClientRect();
            const covered = [...document.querySelectorAll('main p, main h1, main li')].filter(e => !n.contains(e)).some(e => {
                const q = e.getBoundingClientRect();
                return q.width && q.bottom > r.top + 1 && q.top < r.bottom - 1 && q.right > r.left && q.left < r.right;
            });
            return {text: n.innerText, top: r.top, bottom: r.bottom, covered, scrollY,
                    marked: [...document.querySelectorAll('.is-moment')].map(e => e.id)};
        }"""
    )


def test_unreadable_moment_link_says_so_and_stays_at_the_top(page, server, episode) -> None:
    ch = episode.chapters[1]
    page.goto(server + urls.chapter_url(episode, ch) + "#t=abc")
    note = _notice(page)
    assert "could not be read" in note["text"] and "abc" in note["text"]
    assert note["scrollY"] == 0 and note["marked"] == [] and 0 <= note["top"] < 900
    assert not note["covered"], "the notice must sit in the flow of the page, not over text"
    assert urlsplit(page.url).path.endswith(urls.chapter_url(episode, ch))
    page.click("role=button[name='Dismiss this notice']")
    assert page.locator(".moment-notice").count() == 0


def test_a_moment_link_of_a_number_too_large_to_hold_could_not_be_read(page, server, episode) -> None:
    """#t= and 400 nines was read as Infinity: "This link points to Infinity:NaN:NaN, past the end"."""
    ch = episode.chapters[1]
    page.goto(server + urls.chapter_url(episode, ch) + "#t=" + "9" * 400)
    note = _notice(page)
    assert "could not be read" in note["text"] and "NaN" not in note["text"] and "Infinity" not in note["text"]
    assert note["scrollY"] == 0 and note["marked"] == []
    assert urlsplit(page.url).path.endswith(urls.chapter_url(episode, ch))


def test_moment_past_the_end_lands_on_the_last_passage_with_a_notice(page, server, episode) -> None:
    page.goto(server + urls.episode_url(episode) + "#t=2:00:00")
    page.wait_for_selector(".passage.is-moment")
    last = episode.passages[-1]
    assert urlsplit(page.url).path.endswith(urls.chapter_url(episode, episode.chapters[last.chapter]))
    note = _notice(page)
    assert note["marked"] == [last.id]
    assert "past the end of the episode (1:36:03)" in note["text"] and "2:00:00" in note["text"]
    assert 0 <= note["top"] and note["bottom"] <= 900 and not note["covered"]
    # A readable moment inside the episode clears the notice.
    page.evaluate("t => { location.hash = 't=' + t; }", int(last.start) - 1)
    page.wait_for_function("() => !document.querySelector('.moment-notice')")


def _click_time(page, server, episode, passage) -> str:
    page.goto(server + urls.chapter_url(episode, episode.chapters[passage.chapter]))
    page.click(f"#{passage.id} a.time")
    page.wait_for_function("() => document.querySelector('.toast.is-shown')", timeout=5000)
    assert page.url == server + urls.passage_url(episode, passage)  # followed like any link
    assert page.evaluate("document.querySelector('.is-moment').id") == passage.id
    return page.evaluate("document.querySelector('.toast[role=status]').textContent")


def test_back_from_a_moment_unmarks_its_passage(page, server, episode) -> None:
    """The passage a moment link marked stayed marked after Back took the moment out of the address."""
    ch = episode.chapters[1]
    page.goto(server + urls.chapter_url(episode, ch))
    page.evaluate("t => { location.hash = 't=' + t; }", int(episode.chapter_passages(1)[2].start))
    page.wait_for_selector(".passage.is-moment")
    page.go_back()
    page.wait_for_function("() => !location.hash && !document.querySelector('.is-moment')")
    page.go_forward()
    page.wait_for_selector(".passage.is-moment")
    # An address edited from a readable time to one that is not: nothing marked, at the top, as the notice says.
    page.evaluate("() => { location.hash = 't=abc'; }")
    note = _notice(page)
    assert "could not be read" in note["text"] and note["marked"] == [] and note["scrollY"] == 0


def test_a_skip_link_reaches_the_player_from_the_top_of_a_long_page(browser, server, episode) -> None:
    """On the transcript page the player, after 231 passages in the page, was 682 Tab presses away."""
    for js in (True, False):
        context = browser.new_context(java_script_enabled=js, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(server + urls.episode_url(episode) + "transcript/")
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent")
        if not js:  # no player without JavaScript (the Watch links stay): no link to it
            assert focused != "Skip to the player"
            context.close()
            continue
        assert focused == "Skip to the player" and page.locator("#skip-player").bounding_box()["y"] >= 0  # shown on focus
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('#player')")
        context.close()


def test_clicking_a_passage_time_copies_its_link(browser, server, episode) -> None:
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    want = covering_passage(episode, 3736)
    text = _click_time(page, server, episode, want)
    assert text == f"Link to {format_clock(want.start)} copied"
    assert page.evaluate("navigator.clipboard.readText()") == server + urls.passage_url(episode, want)
    context.close()


def test_clicking_a_passage_time_without_clipboard_points_at_the_address_bar(browser, server, episode) -> None:
    context = browser.new_context()
    context.add_init_script("navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));")
    page = context.new_page()
    want = covering_passage(episode, 3736)
    assert _click_time(page, server, episode, want) == f"Link to {format_clock(want.start)} in the address bar"
    context.close()


@pytest.mark.parametrize("which", ["chapter", "transcript"])
def test_transcript_links_are_44_px_tap_targets_on_a_phone(browser, server, episode, which: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    ch = episode.chapters[covering_passage(episode, 3736).chapter]
    page.goto(server + (urls.chapter_url(episode, ch) if which == "chapter" else urls.transcript_url(episode)) + "#t=99:99:99x")
    page.wait_for_selector(".moment-notice", timeout=5000)  # its dismiss button is measured too
    sizes = page.evaluate(
        """() => {
            document.querySelectorAll('details').forEach(d => d.open = true);
            return [...document.querySelectorAll('.passages a, .passages button, .moment-notice button')].map(e => {
                const r = e.getBoundingClientRect();
                return [e.className || e.tagName, e.textContent.trim().slice(0, 12), Math.round(r.width * 10) / 10, Math.round(r.height * 10) / 10];
            });
        }"""
    )
    assert len(sizes) > 20
    small = [s for s in sizes if s[2] < 44 or s[3] < 44]
    assert not small, small[:10]
    # The whole box takes the tap, not the text drawn next to it: probe near its edges.
    missed = page.evaluate(
        """() => [...document.querySelectorAll('.passages .meta a')].filter(a => {
            const r = a.getBoundingClientRect();
            if (r.top < 0 || r.bottom > innerHeight) return false;
            return [[r.left + r.width / 2, r.top + 2], [r.left + r.width / 2, r.bottom - 2], [r.left + 2, r.top + r.height / 2]]
                .some(([x, y]) => !a.contains(document.elementFromPoint(x, y)));
        }).map(a => a.className + ' ' + a.textContent.slice(0, 8))"""
    )
    assert not missed, missed
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    context.close()


@pytest.mark.parametrize("width", [1280, 1024, 800])
def test_the_desktop_gutter_keeps_time_play_and_watch_on_one_line(browser, server, episode, width: int) -> None:
    """Estimated passages carry a '≈' before their time: Play and Watch still fit beside it."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(server + urls.transcript_url(episode))
    rows = page.evaluate(
        """() => [...document.querySelectorAll('.passage .meta')].map(m => {
            const top = sel => { const e = m.querySelector(sel); return e ? Math.round(e.getBoundingClientRect().top) : null; };
            return [!!m.querySelector('.approx'), top('.time'), top('.play-from'), top('.watch')];
        })"""
    )
    estimated = [r for r in rows if r[0]]
    assert estimated and len(estimated) < len(rows)
    broken = [r for r in rows if len({t for t in r[1:] if t is not None}) != 1]
    assert not broken, broken[:5]
    context.close()
