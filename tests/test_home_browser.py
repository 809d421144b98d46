"""An archive's home pages in Chromium: the filter box over every episode, from disk, without JavaScript; axe, vnu, fit."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading

import pytest

from conftest import SUBPATH, SubPathHandler, axe_violations, vnu_errors
from generator.writers.home import home_pages, newest_first
from test_home import build, make_archive

pytestmark = pytest.mark.browser

N = 110  # three pages: 50, 50, 10


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory):
    site = make_archive(N)
    return site, build(tmp_path_factory.mktemp("archive"), site)


@pytest.fixture(scope="module")
def served(archive) -> str:
    handler = functools.partial(SubPathHandler, directory=str(archive[1]))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{SUBPATH}"
    httpd.shutdown()


def visible_titles(page) -> list[str]:
    return page.eval_on_selector_all("main li:not([hidden]) h3 a", "els => els.filter(e => e.offsetParent).map(e => e.textContent)")


def test_filter_finds_episodes_on_other_pages_and_loads_the_list_only_once_typed(page, served: str, archive) -> None:
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(served)
    page.wait_for_load_state("networkidle")
    assert page.is_visible("#episode-filter")
    assert not [u for u in requested if u.endswith("/episodes.js")]  # nothing until the reader types
    last_page = home_pages(archive[0].episodes)[-1]
    assert "ep-099" in {ep.slug for ep in last_page.episodes}  # the match lives two pages away
    page.fill("#episode-filter", "person99")
    page.wait_for_function("document.getElementById('episode-count').textContent.indexOf('of 110') >= 0")
    assert visible_titles(page) == ["Episode 99: topic99 & more"]
    assert page.inner_text("#episode-count") == "1 episode of 110 matches."
    assert [u for u in requested if u.endswith("/episodes.js")] == [served + "episodes.js"]
    assert not page.is_visible(".pager")
    page.fill("#episode-filter", "PERSON10 2025")  # words in any order and case: title, people, date
    page.wait_for_function("document.getElementById('episode-count').textContent.startsWith('2 episodes')")
    assert visible_titles(page) == ["Episode 10: topic10 & more", "Episode 109: topic109 & more"]  # newest first
    page.fill("#episode-filter", "")
    assert len(visible_titles(page)) == 50 and page.is_visible(".pager")
    assert page.inner_text("#episode-count") == "Episodes 1–50 of 110, newest first."
    page.fill("#episode-filter", "person99")
    page.click("text=Episode 99: topic99 & more")
    assert page.url == served + "ep-099/"
    assert len([u for u in requested if u.endswith("/episodes.js")]) == 1


def test_while_the_list_of_all_episodes_loads_no_match_here_is_not_no_match_at_all(page, served: str) -> None:
    held = []
    page.route("**/episodes.js", lambda route: held.append(route))  # the list is slow to arrive
    page.goto(served)
    page.fill("#episode-filter", "person99")  # on the third page only
    page.wait_for_function("() => document.getElementById('episode-count').textContent.indexOf('looking') >= 0")
    assert page.inner_text("#episode-count") == "No episode matches on this page; looking through the other pages…"
    assert len(held) == 1
    held[0].continue_()
    page.wait_for_function("document.getElementById('episode-count').textContent.indexOf('of 110') >= 0")
    assert page.inner_text("#episode-count") == "1 episode of 110 matches."
    page.unroute("**/episodes.js")


def test_filter_on_a_continuation_page_links_back_up_to_the_root(page, served: str) -> None:
    page.goto(served + "page/2/")
    page.fill("#episode-filter", "person10 2025")
    page.wait_for_function("document.getElementById('episode-count').textContent.startsWith('2 episodes')")
    page.click("text=Episode 109: topic109 & more")
    assert page.url == served + "ep-109/"


def test_from_disk_the_filter_finds_episodes_on_other_pages(page, archive) -> None:
    site, out = archive
    page.goto((out / "index.html").as_uri())
    assert "ep-099" not in {ep.slug for ep in home_pages(site.episodes)[0].episodes}
    page.fill("#episode-filter", "person99")
    page.wait_for_function("document.getElementById('episode-count').textContent.indexOf('of 110') >= 0")
    assert visible_titles(page) == ["Episode 99: topic99 & more"]
    assert page.inner_text("#episode-count") == "1 episode of 110 matches."
    page.click("text=Episode 99: topic99 & more")
    assert page.url == (out / "ep-099" / "index.html").as_uri()


def test_without_its_episode_list_the_filter_narrows_this_page_only(page, archive, tmp_path) -> None:
    site, built = archive
    out = tmp_path / "site"
    shutil.copytree(built, out)
    (out / "episodes.js").unlink()  # a deploy that left it out
    page.goto((out / "index.html").as_uri())
    on_first = [ep for ep in home_pages(site.episodes)[0].episodes if "person10" in ep.people[1].name.lower()]
    page.fill("#episode-filter", "person10")
    page.wait_for_function("document.getElementById('episode-count').textContent.indexOf('could not be loaded') >= 0")
    assert sorted(visible_titles(page)) == sorted(ep.title for ep in on_first)
    assert page.inner_text("#episode-count") == f"{len(on_first)} episodes of 50 match on this page (the list of all episodes could not be loaded)."
    page.fill("#episode-filter", "person99")
    assert visible_titles(page) == []
    assert not page.is_visible("#year-2025")  # an emptied year's heading goes too
    assert page.inner_text("#episode-count").startswith("No episode matches on this page")


def test_without_javascript_the_pages_read_and_link_on(browser, served: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served)
    assert not page.is_visible("#episode-filter")
    assert len(visible_titles(page)) == 50
    page.click("text=Older episodes")
    assert page.url == served + "page/2/"
    assert len(visible_titles(page)) == 50
    page.click("nav.year-links >> text=2015")
    assert page.url == served + "page/3/#year-2015"
    page.click("text=Newer episodes")
    assert page.url == served + "page/2/"
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_reports_no_violations_on_the_home_pages(browser, served: str, scheme: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    found = {}
    for name, url, typed in (("home", served, ""), ("page 2", served + "page/2/", ""), ("filtered", served, "person1")):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        if typed:
            page.fill("#episode-filter", typed)
            page.wait_for_function("document.getElementById('episode-count').textContent.indexOf('of 110') >= 0")
        result = axe_violations(page)
        if result:
            found[name] = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result]
    context.close()
    assert not found, json.dumps(found, indent=1)


def test_nu_html_checker_reports_no_errors_on_the_home_pages(archive) -> None:
    out = archive[1]
    files = [str(out / "index.html"), *(str(p) for p in sorted((out / "page").glob("*/index.html")))]
    assert len(files) == 3
    errors = vnu_errors([*files, str(out / "static" / "site.css")])
    assert not errors, "\n".join(errors[:20])


@pytest.mark.parametrize("width", [390, 1280])
def test_home_pages_fit_the_screen(browser, served: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    for url in (served, served + "page/3/"):
        page.goto(url)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at {width}px"
    context.close()


def test_long_unbroken_names_wrap_and_right_to_left_names_leave_the_date_alone(browser, tmp_path) -> None:
    # A pasted URL as a title, a name without spaces, an Arabic name beside the date.
    from dataclasses import replace

    from factories import HOST, make_episode, make_passages, make_site
    from generator.model import Speaker

    long = Speaker("long", "Averyveryverylongname" * 5, "Researcher")
    arabic = Speaker("arabic", "\u0645\u062d\u0645\u062f \u0639\u0644\u064a", "Guest")
    first = make_episode(slug="long", title="Supercalifragilistic" * 15, people=(HOST, long))
    first = replace(first, passages=tuple(replace(p, speaker=long) if p.speaker != HOST else p for p in make_passages()))
    second = make_episode(slug="rtl", title="Interview", published="2024-05-01", people=(HOST, arabic))
    out = build(tmp_path, make_site(first, second))
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    for rel in ("index.html", "long/index.html", "long/transcript/index.html", *(str(p.relative_to(out)) for p in sorted((out / "long").glob("*/index.html")))):
        page.goto((out / rel).as_uri())
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{rel} scrolls sideways by {overflow}px"
    # Isolated, the Arabic name does not pull the day of the date to its side: "… · 1 May 2024".
    page.goto((out / "index.html").as_uri())
    meta = page.locator("li", has_text="Interview").locator(".episode-meta")
    people, date = meta.locator(".people"), meta.locator("time")
    assert people.evaluate("e => getComputedStyle(e).unicodeBidi") == "isolate"
    assert people.bounding_box()["x"] + people.bounding_box()["width"] < date.bounding_box()["x"]
    assert date.inner_text() == "1 May 2024"
    context.close()


def test_back_from_an_episode_finds_the_list_filtered_as_it_was(page, served: str) -> None:
    # The box has autocomplete="off": without the back/forward cache the browser restored nothing.
    page.goto(served)
    page.fill("#episode-filter", "person99")
    page.wait_for_function("document.getElementById('episode-count').textContent.indexOf('of 110') >= 0")
    page.click("text=Episode 99: topic99 & more")
    page.wait_for_url(served + "ep-099/")
    page.go_back()
    page.wait_for_function("document.getElementById('episode-count').textContent.indexOf('of 110') >= 0")
    assert page.input_value("#episode-filter") == "person99"
    assert visible_titles(page) == ["Episode 99: topic99 & more"]


def test_the_filter_folds_letters_that_have_no_accent_to_strip(page, tmp_path) -> None:
    from factories import HOST, make_episode, make_site
    from generator.model import Speaker

    guests = [Speaker("jan", "Jan Łukasiewicz", "Logician"), Speaker("ada", "Ada Ærø", "Guest"), Speaker("eli", "Eli Strauß", "Guest")]
    out = build(tmp_path, make_site(*(make_episode(slug=g.key, title=f"Talk {n}", people=(HOST, g)) for n, g in enumerate(guests))))
    page.goto((out / "index.html").as_uri())
    for typed, title in (("lukasiewicz", "Talk 0"), ("aero", "Talk 1"), ("STRAUSS", "Talk 2")):
        page.fill("#episode-filter", typed)
        assert visible_titles(page) == [title], typed


def test_the_filter_finds_a_number_as_a_whole_word_and_a_word_by_its_beginning(page, served: str) -> None:
    """ "Episode 3" listed Episodes 13, 23, 30-39 and every episode dated on a day with a 3: each word
    typed was looked for anywhere. A word is the beginning of one (the date by its month and year)."""
    page.goto(served)
    page.fill("#episode-filter", "Episode 3")
    page.wait_for_function("document.getElementById('episode-count').textContent.indexOf('of 110') >= 0")
    assert visible_titles(page) == ["Episode 3: topic3 & more"]
    page.fill("#episode-filter", "topic10")  # a beginning: topic10, topic100 to topic109
    page.wait_for_function("document.getElementById('episode-count').textContent.startsWith('11 episodes')")
    page.fill("#episode-filter", "opic10")  # not a beginning
    page.wait_for_function("document.getElementById('episode-count').textContent === 'No episode matches.'")
    for typed in ("may 2019", "5 May 2019", "May 5, 2019", "2019-05-05"):  # Episode 4, on 5 May 2019, as the page writes it or not
        page.fill("#episode-filter", typed)
        page.wait_for_function("document.getElementById('episode-count').textContent.indexOf('of 110') >= 0")
        assert visible_titles(page) == ["Episode 4: topic4 & more"], typed
    page.fill("#episode-filter", "5 may")  # a day beside its month: 5 May 2019 and 5 May 2015, not every May
    page.wait_for_function("document.getElementById('episode-count').textContent.startsWith('2 episodes')")
    assert visible_titles(page) == ["Episode 4: topic4 & more", "Episode 88: topic88 & more"]


def test_the_filter_finds_words_anywhere_in_a_title_written_without_spaces(page, tmp_path) -> None:
    from factories import HOST, make_episode, make_site

    titles = ["第3回 機械学習の話", "第4回 言語モデルの未来"]
    out = build(tmp_path, make_site(*(make_episode(slug=f"ep{n}", title=t, people=(HOST,)) for n, t in enumerate(titles))))
    page.goto((out / "index.html").as_uri())
    page.fill("#episode-filter", "機械学習")
    assert visible_titles(page) == ["第3回 機械学習の話"]
    page.fill("#episode-filter", "モデル")
    assert visible_titles(page) == ["第4回 言語モデルの未来"]


def test_a_month_beside_a_year_is_a_date_not_the_beginning_of_a_word(page, tmp_path) -> None:
    """ "Jan 2015" listed every 2015 episode whose title had a word beginning "jan" (Janet), and an
    episode of January 2016 whose title said 2015: the reader meant a month."""
    from factories import HOST, make_episode, make_site

    episodes = [
        ("Janet on robots", "2015-03-10"),
        ("Winter talk", "2015-01-20"),
        ("Janet again", "2015-01-05"),
        ("Looking back at 2015", "2016-01-12"),
    ]
    out = build(tmp_path, make_site(*(make_episode(slug=f"ep{n}", title=t, published=d, people=(HOST,)) for n, (t, d) in enumerate(episodes))))
    page.goto((out / "index.html").as_uri())
    for typed, titles in (
        ("Jan 2015", ["Winter talk", "Janet again"]),
        ("2015 january", ["Winter talk", "Janet again"]),
        ("20 Jan 2015", ["Winter talk"]),
        ("jan", ["Looking back at 2015", "Janet on robots", "Winter talk", "Janet again"]),  # a word alone: either
        ("janet 2015", ["Janet on robots", "Janet again"]),
    ):
        page.fill("#episode-filter", typed)
        assert visible_titles(page) == titles, typed


def test_the_404_page_lists_the_newest_episodes_and_still_finds_an_older_one_it_is_inside(page, served: str, archive) -> None:
    """The 404 page listed every episode in site.toml's order: 124 KB at 1,000 episodes."""
    ordered = newest_first(archive[0].episodes)
    assert page.goto(served + "no-such-page/").status == 404
    assert page.eval_on_selector_all("main li a", "els => els.map(e => e.textContent)") == ["Go to the home page"] + [ep.title for ep in ordered[:10]]
    assert f"Go to the home page, which lists all {N} episodes" in page.inner_text("main")
    old = ordered[-1]
    assert page.goto(served + old.slug + "/old-chapter-name/").status == 404
    page.wait_for_selector("#episode-here:not([hidden])", timeout=5000)
    assert page.inner_text("#episode-here") == f"This address is inside the episode {old.title}."
    page.click("#episode-here a")
    assert page.url == served + old.slug + "/"
    page.goto(served + old.slug + "/old-chapter-name/#t=0:10")
    # On to the episode, which opens the chapter holding that moment.
    page.wait_for_function("location.hash === '#t=0:10' && !location.pathname.includes('old-chapter-name')", timeout=5000)
    assert page.url.startswith(served + old.slug + "/")
    page.goto(served + "search/gone/")  # a folder of the site's own, not an episode's
    page.wait_for_load_state("networkidle")
    assert page.locator("#episode-here").is_hidden()


def test_a_right_to_left_chapter_title_leaves_its_start_time_after_it(browser, tmp_path) -> None:
    """A Hebrew chapter title pulled the time after it ("9:39 · 9 min") to its left in every chapter list."""
    from dataclasses import replace

    from factories import make_episode, make_site

    ep = make_episode(slug="rtl")
    hebrew = "\u05de\u05d7\u05e7\u05e8 \u05d7\u05d3\u05e9"
    ep = replace(ep, chapters=(ep.chapters[0], replace(ep.chapters[1], title=hebrew), *ep.chapters[2:]))
    out = build(tmp_path, make_site(ep))
    page = browser.new_page()
    for rel, item in (("rtl/index.html", "main li[data-start]"), (f"rtl/{ep.chapters[0].slug}/index.html", "details li"), ("rtl/transcript/index.html", "nav li, main ol li")):
        page.goto((out / rel).as_uri())
        row = page.locator(item, has_text=hebrew).first
        title, after = row.locator("a").first.bounding_box(), row.locator("span.muted").first.bounding_box()
        assert title["x"] + title["width"] <= after["x"], rel
    heading = page.locator("main h2", has_text=hebrew)  # the transcript's heading of that chapter: "2. title 10:00–1:00:00"
    assert heading.inner_text().startswith("2. ")
    number = page.evaluate("h => { const r = document.createRange(); r.setStart(h.firstChild, 0); r.setEnd(h.firstChild, 2); return r.getBoundingClientRect().x; }", heading.element_handle())
    title, after = heading.locator("bdi").bounding_box(), heading.locator("span.muted").bounding_box()
    assert number < title["x"] and title["x"] + title["width"] <= after["x"]
    page.close()


def test_the_404_page_names_the_episode_it_is_in_without_reversing_the_text_after_it(page, tmp_path) -> None:
    """A title with an unclosed U+202E override reversed the sentence's closing "." on the 404 page."""
    from factories import make_episode, make_site

    out = build(tmp_path, make_site(make_episode(slug="ovr", title="Override \u202eevil title")))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SubPathHandler, directory=str(out)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        page.goto(f"http://127.0.0.1:{httpd.server_address[1]}{SUBPATH}ovr/old-chapter-name/")
        page.wait_for_selector("#episode-here:not([hidden])", timeout=5000)
        link = page.locator("#episode-here a").bounding_box()
        stop = page.evaluate("() => { const t = document.getElementById('episode-here').lastChild, r = document.createRange(); r.selectNodeContents(t); return r.getBoundingClientRect().x; }")
        assert stop >= link["x"] + link["width"] - 1
    finally:
        httpd.shutdown()
