"""The home page of an archive: newest first, pages of PER_PAGE that work without JavaScript, year links, episodes.js, JSON-LD."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import urljoin

import pytest

from factories import HOST, make_episode, make_site
from generator.errors import BuildError
from generator.model import Speaker
from generator.writers.home import PER_PAGE, newest_first
from generator.writers.pages import render_site
from generator.writers.theme import Theme

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://user.github.io/repo/"


def make_archive(n: int, *, undated: int = 0, base_url: str | None = None):
    """``n`` dated episodes over 2015–2025 (each with its own guest) plus ``undated`` ones without a date."""
    episodes = []
    for k in range(n + undated):
        guest = Speaker(f"guest-{k}", f"Guest Person{k}", "Researcher")
        published = "" if k >= n else f"{2015 + k % 11}-{1 + k % 12:02d}-{1 + k % 28:02d}"
        episodes.append(
            make_episode(
                slug=f"ep-{k:03d}",
                title=f"Episode {k}: topic{k} & more",
                published=published,
                people=(HOST, guest),
                description=f"About topic{k}. " + "Long words here. " * 20,
            )
        )
    return make_site(*episodes, base_url=base_url)


def build(tmp_path: Path, site) -> Path:
    out = tmp_path / "out"
    render_site(site, out, theme=Theme.of(ROOT / "templates", ROOT / "static"))
    return out


def listed(html: str) -> list[str]:
    """Episode links of a home page's list, in order (the list only: not the year links or the pager)."""
    groups = html.split('<div id="episode-groups">', 1)[1].split("</div>", 1)[0]
    return re.findall(r'<h3><a href="([^"]+)">', groups)


def home_files(out: Path) -> list[Path]:
    pages = sorted((out / "page").glob("*/index.html"), key=lambda p: int(p.parent.name)) if (out / "page").exists() else []
    return [out / "index.html", *pages]


def test_newest_first_undated_last_then_by_title() -> None:
    a = make_episode(slug="a", title="B title", published="2024-01-01")
    b = make_episode(slug="b", title="A title", published="2024-01-01")
    c = make_episode(slug="c", title="Z newest", published="2025-06-30")
    d = make_episode(slug="d", title="b undated", published="")
    e = make_episode(slug="e", title="A undated", published="")
    assert [ep.slug for ep in newest_first([a, b, c, d, e])] == ["c", "b", "a", "e", "d"]


def test_every_episode_is_listed_once_newest_first_across_pages(tmp_path: Path) -> None:
    site = make_archive(120, undated=3)
    out = build(tmp_path, site)
    files = home_files(out)
    assert [f.relative_to(out).as_posix() for f in files] == ["index.html", "page/2/index.html", "page/3/index.html"]
    seen: list[str] = []
    for f in files:
        url = f.relative_to(out).as_posix().removesuffix("index.html")
        links = listed(f.read_text())
        assert len(links) <= PER_PAGE
        seen += [urljoin("https://x/" + url, href).removeprefix("https://x/") for href in links]
    assert seen == [f"{ep.slug}/" for ep in newest_first(site.episodes)]
    assert seen[-3:] == ["ep-120/", "ep-121/", "ep-122/"]  # undated, last
    for target in seen:
        assert (out / target / "index.html").is_file()
    page3 = files[2].read_text()
    assert '<h2 id="undated" class="year-heading">Undated</h2>' in page3


def test_pages_link_to_each_other_without_javascript(tmp_path: Path) -> None:
    out = build(tmp_path, make_archive(120))
    home, page2, page3 = (f.read_text() for f in home_files(out))
    assert 'rel="prev"' not in home and '<a href="page/2/" rel="next">' in home
    assert '<a href="../../" rel="prev">' in page2 and '<a href="../../page/3/" rel="next">' in page2
    assert '<a href="../../page/2/" rel="prev">' in page3 and 'rel="next"' not in page3
    assert "Episodes 51–100 of 120, newest first." in page2
    assert "<title>Episodes, page 2 of 3 · Test transcripts</title>" in page2
    # every link on a continuation page is relative and reaches a file
    for href in re.findall(r'(?:href|src)="([^"#]*)', page2):
        assert not href.startswith("/"), href
        target = (out / "page/2" / href).resolve()
        assert (target / "index.html").is_file() or target.is_file(), href


def test_year_links_reach_the_page_and_heading_where_each_year_starts(tmp_path: Path) -> None:
    site = make_archive(120)
    out = build(tmp_path, site)
    ordered = newest_first(site.episodes)
    page2 = (out / "page/2/index.html").read_text()
    nav = page2.split('aria-label="Episodes by year"', 1)[1].split("</nav>", 1)[0]
    links = re.findall(r'<a href="([^"]*)#([^"]+)">(\d{4})</a>', nav)
    assert [year for _, _, year in links] == [str(y) for y in range(2025, 2014, -1)]
    for href, anchor, year in links:
        page = (out / "page/2" / href).resolve() / "index.html" if href else out / "page/2/index.html"
        html = page.read_text()
        assert f'<h2 id="{anchor}" class="year-heading">{year}</h2>' in html
        first = next(ep for ep in ordered if ep.published.startswith(year))
        # the year's first (newest) episode is on that page, right below the heading
        assert html.split(f'id="{anchor}"', 1)[1].split("<h3>", 2)[1].startswith(f'<a href="{"../../" if "page/" in str(page) else ""}{first.slug}/"')


def test_each_entry_shows_title_people_date_length_and_one_line(tmp_path: Path) -> None:
    html = (build(tmp_path, make_archive(3)) / "index.html").read_text()
    entry = html.split('<a href="ep-001/">', 1)[1].split("</li>", 1)[0]
    assert entry.startswith("Episode 1: topic1 &amp; more</a></h3>")
    assert '<span class="people">Dana Host with Guest Person1</span>' in entry
    assert '<time datetime="2016-02-02">2 February 2016</time>' in entry
    assert "1 h 7 min" in entry
    line = re.search(r'<p class="episode-line">(.*?)</p>', entry).group(1)
    assert line.startswith("About topic1. Long words here.") and line.endswith("…") and len(line) <= 141


def test_a_small_site_is_one_page_without_pager_or_episode_list_file(tmp_path: Path) -> None:
    out = build(tmp_path, make_archive(PER_PAGE))
    html = (out / "index.html").read_text()
    assert len(listed(html)) == PER_PAGE
    assert not (out / "page").exists() and not (out / "episodes.js").exists()
    assert 'class="pager"' not in html and 'data-list=""' in html
    assert "50 episodes, newest first." in html


def test_episodes_js_lists_every_episode_for_the_filter_box(tmp_path: Path) -> None:
    site = make_archive(PER_PAGE + 1, undated=1)
    out = build(tmp_path, site)
    script = (out / "episodes.js").read_text()
    assert script.startswith("episodeSiteEpisodes({") and script.endswith("});\n")
    data = json.loads(script[len("episodeSiteEpisodes(") : -len(");\n")])
    rows = data["episodes"]
    assert [row[0] for row in rows] == [f"{ep.slug}/" for ep in newest_first(site.episodes)]
    assert rows[0] == ["ep-010/", "Episode 10: topic10 & more", "Dana Host with Guest Person10", "11 November 2025", "1 h 7 min", "2025-11-11"]
    assert rows[-1][3:] == ["", "1 h 7 min", ""]
    for row in rows:
        assert (out / row[0] / "index.html").is_file()
    # each page tells the script where the list is and how to get back to the root from there
    assert 'data-list="episodes.js" data-root=""' in (out / "index.html").read_text()
    assert 'data-list="../../episodes.js" data-root="../../"' in (out / "page/2/index.html").read_text()
    assert '<script src="../../static/home.js" defer></script>' in (out / "page/2/index.html").read_text()


def _json_ld(html: str) -> list[dict]:
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def test_home_page_describes_the_series_in_json_ld_bounded_to_its_first_page(tmp_path: Path) -> None:
    site = make_archive(120, base_url=BASE)
    out = build(tmp_path, site)
    (series,) = _json_ld((out / "index.html").read_text())
    assert series["@type"] == "PodcastSeries"
    assert series["name"] == "Test Podcast"  # every episode's show
    assert series["description"] == "Timed, searchable transcripts."
    assert series["url"] == BASE and series["webFeed"] == BASE + "feed.xml"
    first = newest_first(site.episodes)[:PER_PAGE]
    assert [e["url"] for e in series["episode"]] == [f"{BASE}{ep.slug}/" for ep in first]
    assert series["episode"][0] == {
        "@type": "PodcastEpisode",
        "name": first[0].title,
        "datePublished": first[0].published,
        "timeRequired": "PT1H6M40S",
        "url": f"{BASE}{first[0].slug}/",
    }
    assert _json_ld((out / "page/2/index.html").read_text()) == []


def test_series_json_ld_without_base_url_has_no_urls_and_mixed_shows_use_the_site_title(tmp_path: Path) -> None:
    site = make_archive(2)
    site = replace(site, episodes=(site.episodes[0], replace(site.episodes[1], show="Other Show")))
    (series,) = _json_ld((build(tmp_path, site) / "index.html").read_text())
    assert series["name"] == "Test transcripts"
    assert "url" not in series and "webFeed" not in series
    assert all("url" not in e for e in series["episode"])


def test_a_slug_that_is_the_pages_folder_is_refused_with_a_message(tmp_path: Path) -> None:
    site = make_archive(PER_PAGE + 1)
    site = replace(site, episodes=(replace(site.episodes[0], slug="page"), *site.episodes[1:]))
    with pytest.raises(BuildError) as err:
        build(tmp_path, site)
    assert "episode slug 'page' is the folder of the home page's pages (page/2/ …); give the episode another slug" in str(err.value)
    # on one page too: the episode that made a second page would refuse an address already published
    with pytest.raises(BuildError) as err:
        build(tmp_path / "one", replace(site, episodes=site.episodes[:PER_PAGE]))
    assert f"(page/2/ …, once there are more than {PER_PAGE} episodes)" in str(err.value)


def test_the_404_page_knows_the_pages_folder(tmp_path: Path) -> None:
    assert '["ep-000", "ep-001", "search", "static"]' in (build(tmp_path / "a", make_archive(2)) / "404.html").read_text()
    big = (build(tmp_path / "b", make_archive(PER_PAGE + 1)) / "404.html").read_text()
    assert '"page", "search", "static"]' in big


def test_the_search_page_without_javascript_lists_the_newest_episodes_and_links_the_rest(tmp_path: Path) -> None:
    out = build(tmp_path, make_archive(PER_PAGE + 3))
    html = (out / "search" / "index.html").read_text(encoding="utf-8")
    fallback = next(block for block in re.findall(r"<noscript>(.*?)</noscript>", html, re.S) if "<ul>" in block)  # not the head's style
    links = re.findall(r'<li><a href="([^"]+)">', fallback)
    home = listed((out / "index.html").read_text(encoding="utf-8"))
    assert [urljoin("search/", href) for href in links] == [urljoin("./", href) for href in home]  # the home page's first page, in its order
    assert "3 older episodes are listed on" in fallback
    older = re.search(r'<a href="([^"]+)">the next pages of the episode list</a>', fallback).group(1)
    assert (out / urljoin("search/", older) / "index.html").is_file()


def test_undated_episodes_are_listed_as_people_number_them_and_not_said_to_be_newest_first(tmp_path: Path) -> None:
    # By their titles as strings, "Episode 10" and "Episode 11" came between "Episode 1" and "Episode 2".
    out = build(tmp_path, make_archive(0, undated=12))
    html = (out / "index.html").read_text()
    assert listed(html) == [f"ep-{k:03d}/" for k in range(12)]
    assert "12 episodes." in html and "newest first" not in html
    assert "12 episodes, newest first." in (build(tmp_path / "dated", make_archive(1, undated=11)) / "index.html").read_text()
    # nor are the pages of an undated archive newer or older (QA34b)
    pages = build(tmp_path / "pages", make_archive(0, undated=PER_PAGE + 1))
    pager = (pages / "page/2/index.html").read_text().split('<nav class="pager"', 1)[1].split("</nav>", 1)[0]
    assert "Previous episodes" in pager and "Newer" not in pager
    assert '<span class="pager-label">More episodes</span>' in (pages / "index.html").read_text()


def test_a_page_of_only_undated_episodes_does_not_say_newest_first(tmp_path: Path) -> None:
    # A mixed archive's last page held only undated episodes, listed by title, and said "newest first".
    out = build(tmp_path, make_archive(PER_PAGE - 1, undated=PER_PAGE + 2))
    count = lambda path: re.search(r'id="episode-count"[^>]*>([^<]*)<', (out / path).read_text()).group(1)  # noqa: E731
    assert count("index.html") == f"Episodes 1–{PER_PAGE} of {2 * PER_PAGE + 1}, newest first."  # dated, then one undated
    assert count("page/2/index.html") == f"Episodes {PER_PAGE + 1}–{2 * PER_PAGE} of {2 * PER_PAGE + 1}."
    assert count("page/3/index.html") == f"Episodes {2 * PER_PAGE + 1}–{2 * PER_PAGE + 1} of {2 * PER_PAGE + 1}."


def test_titles_written_over_lines_or_with_edge_spaces_sort_and_travel_as_one_line(tmp_path: Path) -> None:
    # QA40b: a TOML title's leading spaces or line break were kept: "  Zulu" listed before "Alpha"
    # of the same day, and feeds, JSON-LD and <title> carried the break and the spaces.
    import importlib.util

    from generator.build import load_site

    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" / "synthetic.py")
    synthetic = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synthetic)
    toml = synthetic.write_archive(tmp_path / "archive", 3, minutes=2)
    text = toml.read_text(encoding="utf-8").replace('title = "Synthetic archive"', f'title = """ Synthetic\n  archive """\nbase_url = "{BASE}"')
    titles = iter(['"""  Zulu\n talk  """', '"Alpha"', '"\\tMike "'])
    text = re.sub(r'(?m)^title = "Episode .*$', lambda m: "title = " + next(titles), text)
    text = re.sub(r'(?m)^published = .*$', 'published = "2024-05-05"', text)
    toml.write_text(text, encoding="utf-8")
    out = build(tmp_path, load_site(toml))
    home = (out / "index.html").read_text()
    assert re.findall(r'<h3><a href="[^"]+">([^<]*)</a>', home) == ["Alpha", "Mike", "Zulu talk"]
    feed = (out / "feed.xml").read_text()
    assert re.findall(r"<entry>\s*<id>[^<]*</id>\s*<title>([^<]*)</title>", feed) == ["Alpha", "Mike", "Zulu talk"]
    assert "<title>Synthetic archive</title>" in feed
    series = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', home).group(1))
    assert [ep["name"] for ep in series["episode"]] == ["Alpha", "Mike", "Zulu talk"]
    assert "<title>Zulu talk · Synthetic archive</title>" in (out / "episode-0000" / "index.html").read_text()


def test_an_entry_s_line_keeps_punctuation_against_bold_and_linked_words(tmp_path: Path) -> None:
    ep = make_episode(description="Ilya and I discuss **SSI's strategy**. See [the paper](https://x.org/p), *un*believable.\n\n# Heading\n\nMore.")
    html = (build(tmp_path, make_site(ep)) / "index.html").read_text()
    line = re.search(r'<p class="episode-line">(.*?)</p>', html).group(1)
    assert line == "Ilya and I discuss SSI&#39;s strategy. See the paper, unbelievable. Heading More."


def test_counts_past_a_thousand_are_written_as_the_filter_box_writes_them(tmp_path: Path) -> None:
    """The last page said "Episodes 1001–1001 of 1001" where the filter said "of 1,001"."""
    from generator.writers.output import Output
    from generator.writers.pages import render_site_pages

    out = tmp_path / "out"
    render_site_pages(make_archive(1001), Output(out), theme=Theme.of(ROOT / "templates", ROOT / "static"))
    assert "Episodes 1,001–1,001 of 1,001, newest first." in (out / "page/21/index.html").read_text()
    assert "Episodes 1–50 of 1,001, newest first." in (out / "index.html").read_text()
