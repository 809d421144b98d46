"""The real episode's site in Debian's Chromium, served under /repo/ like a GitHub Pages project site.

Moment links in every form, a crawl of every link and anchor, axe-core and the
Nu Html Checker, page weight, no request to another host, no-JS reading.
"""

from __future__ import annotations

import gzip
import json
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from conftest import CHROMIUM_ARGS, TOOLS, axe_violations, vnu_errors  # noqa: F401 - shared launch flags and tool paths
from generator.writers import urls
from generator.clock import format_clock, parse_clock

pytestmark = pytest.mark.browser

MOMENT = 3736  # 1:02:16, inside passage t3730 of "How to think about powerful AGIs"
FORMS = ["3736", "3736s", "1h2m16s", "62:16", "1:02:16"]


def covering(episode, seconds: float):
    """The passage a moment link must reach: the last one starting at or before the moment, which
    in whole seconds is its whole second (pages show times floored: 32:32 is 32:32.13)."""
    reach = seconds + 0.999 if float(seconds).is_integer() else seconds
    before = [p for p in episode.passages if p.start <= reach]
    return before[-1] if before else episode.passages[0]


def check_moment(page, episode, seconds: float) -> None:
    """The page shows exactly the covering passage highlighted, in view, on its chapter page."""
    want = covering(episode, seconds)
    page.wait_for_selector(".passage.is-moment")
    assert urlsplit(page.url).path.endswith("/" + urls.chapter_url(episode, episode.chapters[want.chapter])), page.url
    state = page.evaluate(
        """() => {
            const marked = [...document.querySelectorAll('.is-moment')];
            const el = marked[0], r = el.getBoundingClientRect();
            return {ids: marked.map(e => e.id), top: r.top, bottom: r.bottom, height: innerHeight,
                    bg: getComputedStyle(el).backgroundColor, page: getComputedStyle(document.body).backgroundColor,
                    focused: document.activeElement === el};
        }"""
    )
    assert state["ids"] == [want.id]
    assert 0 <= state["top"] < state["height"], state
    assert state["bg"] != state["page"] and state["bg"] != "rgba(0, 0, 0, 0)", state
    assert state["focused"]


@pytest.fixture(scope="module")
def ep_url(server, episode) -> str:
    return server + urls.episode_url(episode)


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("marker", ["#t=", "?t="])
def test_moment_link_from_another_chapter_switches_page(page, server, episode, form: str, marker: str) -> None:
    assert parse_clock(form) == MOMENT
    first = episode.chapters[0]
    assert covering(episode, MOMENT).chapter != first.index  # the link must change page
    page.goto(server + urls.chapter_url(episode, first) + marker + form)
    check_moment(page, episode, MOMENT)


@pytest.mark.parametrize("marker, tail", [("#T=", ""), ("#t=", "&foo=1")])
def test_a_moment_link_in_capitals_or_with_more_after_it_is_a_moment(page, server, episode, marker: str, tail: str) -> None:
    """QA28: "#T=3736" was ignored, and "#t=3736&foo=1" (a media fragment with more parts) "could not be read"."""
    page.goto(server + urls.chapter_url(episode, episode.chapters[0]) + marker + "3736" + tail)
    check_moment(page, episode, MOMENT)


@pytest.mark.parametrize("form", FORMS)
def test_moment_link_on_the_right_chapter_and_episode_page(page, server, episode, form: str) -> None:
    holder = episode.chapters[covering(episode, MOMENT).chapter]
    page.goto(server + urls.chapter_url(episode, holder) + "#t=" + form)
    check_moment(page, episode, MOMENT)
    page.goto(server + urls.episode_url(episode) + "?t=" + form)
    check_moment(page, episode, MOMENT)


def test_moment_links_at_chapter_edges_and_in_page_hash_changes(page, server, episode) -> None:
    for ch in (episode.chapters[1], episode.chapters[-1]):
        start = episode.chapter_passages(ch.index)[0].start
        page.goto(server + urls.episode_url(episode) + f"#t={int(start) + 1}")
        check_moment(page, episode, int(start) + 1)
    page.goto(server + urls.episode_url(episode) + "#t=0")
    check_moment(page, episode, 0)
    # A new hash on the same page moves the highlight without a reload.
    moment = int(episode.chapter_passages(0)[-1].start) + 1
    target = covering(episode, moment)
    assert target.chapter == 0 and target.id != covering(episode, 0).id
    page.evaluate("t => { location.hash = 't=' + t; }", moment)
    page.wait_for_function("id => document.querySelector('.is-moment').id === id", arg=target.id)


def test_a_passage_s_shown_time_as_a_moment_link_lands_on_that_passage(page, server, episode) -> None:
    # "#t=32:32" (a read labelled 32:32 that starts at 32:32.13) landed on the passage before it
    labelled = [p for prev, p in zip(episode.passages, episode.passages[1:]) if int(p.start) > prev.start and p.start % 1 > 0.05]
    assert len(labelled) > 20
    for p in labelled[:: len(labelled) // 6][:6]:
        page.goto(server + urls.chapter_url(episode, episode.chapters[0]) + "#t=" + format_clock(p.start))
        page.wait_for_function("id => (document.querySelector('.is-moment') || {}).id === id", arg=p.id)


def test_moment_in_the_transcript_stays_on_the_transcript(page, server, episode) -> None:
    page.goto(server + urls.transcript_url(episode) + "#t=1h2m16s")
    page.wait_for_selector(".passage.is-moment")
    assert urlsplit(page.url).path.endswith("/transcript/")
    assert page.evaluate("document.querySelector('.is-moment').id") == covering(episode, MOMENT).id


def test_passage_id_on_the_wrong_page_and_sponsor_reads_unfold(page, server, episode) -> None:
    want = covering(episode, MOMENT)
    page.goto(server + urls.episode_url(episode) + "#" + want.id)
    check_moment(page, episode, want.start)
    sponsor = next((p for p in episode.passages if p.sponsor), None)
    if sponsor is None:
        pytest.skip("this episode has no sponsor read")
    page.goto(server + urls.passage_url(episode, sponsor))
    page.wait_for_function("id => document.getElementById(id).closest('details').open", arg=sponsor.id)


def test_javascript_parses_times_like_python(page, server, episode) -> None:
    cases = FORMS + ["0", "59", "1:00", "10:00:00", "1h", "2m", "90s", "1h 2m 16s", "62:16.5", "1:60", "1:60:00", "abc", "", "12.5", "5min"]
    page.goto(server + urls.episode_url(episode))
    got = page.evaluate("cases => cases.map(c => window.episodeMoment.parseClock(c))", cases)
    assert got == [parse_clock(c) for c in cases]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        for key in ("href", "src", "action"):
            if a.get(key) is not None and not (tag == "link" and a.get("rel") == "canonical"):
                self.links.append(a[key] or "")


def _fetch(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url) as resp:
            return resp.status, resp.read(), resp.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        return exc.code, b"", ""


def test_crawl_finds_no_broken_link_or_missing_anchor(server, site_dir: Path) -> None:
    host = urlsplit(server).netloc
    pages: dict[str, _Links] = {}
    status: dict[str, int] = {}
    queue = [server]
    broken: list[str] = []
    wanted_anchors: list[tuple[str, str, str]] = []
    while queue:
        url = queue.pop()
        if url in status:
            continue
        code, body, ctype = _fetch(url)
        status[url] = code
        if code != 200 or "text/html" not in ctype:
            continue
        parsed = _Links()
        parsed.feed(body.decode("utf-8"))
        pages[url] = parsed
        for link in parsed.links:
            assert not link.startswith("/"), f"{url}: root-absolute link {link!r} breaks under a sub-path"
            absolute, anchor = urldefrag(urljoin(url, link))
            if urlsplit(absolute).netloc != host:
                continue
            assert absolute.startswith(server), f"{url}: {link!r} leaves the site"
            if anchor:
                wanted_anchors.append((url, absolute, anchor))
            if absolute not in status:
                queue.append(absolute)
    broken = [u for u, c in status.items() if c != 200]
    assert not broken, f"broken links: {broken}"
    missing = [f"{src} -> {dst}#{a}" for src, dst, a in wanted_anchors if a not in pages[dst].ids]
    assert not missing, f"missing anchors: {missing[:10]}"
    built = {server + p.relative_to(site_dir).as_posix().removesuffix("index.html") for p in site_dir.rglob("*.html")}
    assert built - set(pages) == {server + "404.html"}, "pages nothing links to"
    assert len(wanted_anchors) > 400  # passage time links, skip links, chapter anchors


@pytest.fixture(scope="module")
def axe_pages(server, episode) -> dict[str, str]:
    pages = {
        "home": server,
        "episode": server + urls.episode_url(episode),
        "transcript": server + urls.transcript_url(episode),
        "404": server + urls.episode_url(episode) + "no-such-chapter/deeper/",
        "search": server + "search/?q=scaling",
    }
    for ch in episode.chapters:
        pages[f"chapter {ch.slug}"] = server + urls.chapter_url(episode, ch)
    return pages


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_reports_no_violations(browser, axe_pages: dict[str, str], scheme: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    found = {}
    for name, url in axe_pages.items():
        page.goto(url)
        page.wait_for_load_state("networkidle")
        result = axe_violations(page)
        if result:
            found[name] = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result]
    context.close()
    assert not found, json.dumps(found, indent=1)


def test_nu_html_checker_reports_no_errors(site_dir: Path) -> None:
    files = sorted(str(p) for p in site_dir.rglob("*.html"))
    css = sorted(str(p) for p in (site_dir / "static").rglob("*.css"))
    errors = vnu_errors([*files, *css])
    assert not errors, "\n".join(errors[:20])
    assert len(files) >= 15


def test_chapter_pages_weigh_under_50_kb_gzipped(site_dir: Path, episode) -> None:
    for ch in episode.chapters:
        html = (site_dir / urls.chapter_url(episode, ch) / "index.html").read_bytes()
        size = len(gzip.compress(html, 9))
        assert size <= 50 * 1024, f"{ch.slug}: {size} bytes gzipped"


def test_no_request_leaves_localhost(browser, axe_pages: dict[str, str]) -> None:
    context = browser.new_context()
    outside: list[str] = []

    def guard(route) -> None:
        if urlsplit(route.request.url).hostname != "127.0.0.1":
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", guard)
    page = context.new_page()
    seen = 0
    page.on("request", lambda r: None)
    for url in axe_pages.values():
        page.goto(url)
        page.wait_for_load_state("networkidle")
        seen += 1
    context.close()
    assert seen == len(axe_pages) and not outside, outside


def test_chapter_reads_without_javascript(browser, server, episode) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    ch = episode.chapters[2]
    page.goto(server + urls.chapter_url(episode, ch))
    first = episode.chapter_passages(ch.index)[0]
    assert page.locator(f"#{first.id} .text").is_visible()
    assert page.locator(f"#{first.id} .text").inner_text() == first.text
    assert page.locator("h1").inner_text() == ch.title
    context.close()


def test_404_works_deep_under_the_sub_path(page, server, episode) -> None:
    response = page.goto(server + urls.episode_url(episode) + "gone/deeper/still/")
    assert response.status == 404
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).borderBottomStyle") == "solid"
    assert page.evaluate("document.querySelector('.site-title').href") == server
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # "Skip to content" stays on this page, despite its <base>
    # A key press does not wait for the navigation it starts, as a click does: wait for it.
    page.wait_for_url(lambda url: url.endswith("/gone/deeper/still/#main"), timeout=5000)
    page.wait_for_function("document.activeElement.id === 'main'", timeout=5000)
    page.click(f"text={episode.title}")
    assert page.url == server + urls.episode_url(episode)
    assert page.locator("h1").inner_text() == episode.title


def test_a_moment_link_to_a_chapter_renamed_since_goes_on_to_its_episode(page, server, episode) -> None:
    """QA28: an old moment link into a chapter renamed since landed on "Page not found", its
    moment ignored, though its episode is there and knows the moment: it goes on to the episode,
    which opens the chapter holding it. Without a moment the page names the episode it is in."""
    page.goto(server + urls.episode_url(episode) + "old-chapter-name/#t=1:02:16")
    page.wait_for_function("location.hash === '#t=1:02:16' && !location.pathname.includes('old-chapter-name')", timeout=10000)
    page.wait_for_selector(".passage.is-moment", timeout=10000)
    check_moment(page, episode, parse_clock("1:02:16"))
    response = page.goto(server + urls.episode_url(episode) + "old-chapter-name/")
    assert response.status == 404
    assert page.inner_text("#episode-here") == f"This address is inside the episode {episode.title}."
    page.click(f"#episode-here >> text={episode.title}")
    assert page.url == server + urls.episode_url(episode)


def test_404_of_a_project_site_finds_its_root_without_a_failing_request(page, server, episode) -> None:
    """/repo/missing asked the host's /404.html first: a failed request in the console of every missing page."""
    asked: list[tuple[str, int]] = []
    page.on("response", lambda r: asked.append((r.url, r.status)))
    response = page.goto(server + "no-such-page")
    assert response.status == 404
    page.wait_for_function(f"() => document.querySelector('.site-title').href === {server!r}")
    probes = [(url, status) for url, status in asked if url.endswith("/404.html")]
    assert probes == [(server + "404.html", 200)], probes
    page.click(f"text={episode.title}")
    assert page.url == server + urls.episode_url(episode)


def test_404_below_a_folder_of_another_site_named_like_one_of_its_own_finds_its_root(page, server, episode) -> None:
    """QA40b: a link left from a site the show had before (/repo/old/blog/static/…, /repo/category/news/page/2/)
    took the folder before "static" for the root: the page's links, its style and search led nowhere."""
    response = page.goto(server + "old/blog/static/gone/")
    assert response.status == 404
    page.wait_for_function(f"() => document.querySelector('.site-title').href === {server!r}")
    page.click(f"text={episode.title}")
    assert page.url == server + urls.episode_url(episode)


def test_keyboard_skip_link_and_visible_focus(page, server, episode) -> None:
    page.goto(server + urls.chapter_url(episode, episode.chapters[1]))
    page.keyboard.press("Tab")
    skip = page.evaluate("(() => { const a = document.activeElement, r = a.getBoundingClientRect(); return {cls: a.className, top: r.top, outline: getComputedStyle(a).outlineStyle}; })()")
    assert skip["cls"] == "skip-link" and skip["top"] >= 0 and skip["outline"] == "solid"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"


@pytest.mark.parametrize("width", [390, 1280])
def test_pages_fit_the_screen(browser, axe_pages: dict[str, str], width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    for name in ("episode", "chapter how-to-think-about-powerful-agis", "transcript", "home"):
        page.goto(axe_pages[name])
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
    context.close()


def test_a_moment_inside_a_turn_names_its_speaker_where_it_lands(page, server, episode) -> None:
    """Inside a turn only its first passage shows the speaker's name: a link to a later one
    landed with no name in sight. The marked passage shows it."""
    inner = next(p for k, p in enumerate(episode.passages) if k and episode.passages[k - 1].speaker == p.speaker and p.start > 600)
    chapter = episode.chapters[inner.chapter]
    page.goto(server + urls.chapter_url(episode, chapter) + f"#t={inner.start:.2f}")
    page.wait_for_selector(".passage.is-moment")
    marked = page.locator(".passage.is-moment .speaker")
    assert marked.inner_text() == inner.speaker.name
    box = marked.bounding_box()
    assert box and box["width"] > 20 and box["height"] > 8  # shown, not only read out
    page.goto(server + urls.chapter_url(episode, chapter))
    assert page.locator(f"#{inner.id} .speaker").bounding_box()["width"] <= 1  # elsewhere the turn names them once
