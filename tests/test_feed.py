"""feed.xml (Atom 1.0) and sitemap.xml for an archive: written with base_url, valid, every entry and page listed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser

from factories import make_episode, make_site
from generator.writers.feed import FEED_SIZE
from generator.writers.home import newest_first
from test_home import BASE, build, make_archive

A = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_without_base_url_there_is_no_feed_and_no_link_to_one(tmp_path: Path) -> None:
    out = build(tmp_path, make_archive(3))
    assert not (out / "feed.xml").exists()
    assert "application/atom+xml" not in (out / "index.html").read_text()


def test_feed_has_the_elements_atom_requires_newest_first(tmp_path: Path) -> None:
    site = make_archive(60, undated=2, base_url=BASE)
    out = build(tmp_path, site)
    feed = ET.parse(out / "feed.xml").getroot()
    assert feed.tag == A + "feed"
    assert feed.findtext(A + "id") == BASE
    assert feed.findtext(A + "title") == "Test transcripts"
    assert feed.findtext(A + "subtitle") == "Timed, searchable transcripts."
    links = {link.get("rel"): link.get("href") for link in feed.findall(A + "link")}
    assert links == {"self": BASE + "feed.xml", "alternate": BASE}
    dated = [ep for ep in newest_first(site.episodes) if ep.published]
    assert feed.findtext(A + "updated") == dated[0].published + "T00:00:00Z"  # the newest episode's day, not the build's
    entries = feed.findall(A + "entry")
    assert [e.findtext(A + "id") for e in entries] == [f"{BASE}{ep.slug}/" for ep in dated]  # undated ones left out
    for entry, ep in zip(entries, dated):
        assert entry.findtext(A + "title") == ep.title
        (link,) = entry.findall(A + "link")
        assert (link.get("rel"), link.get("href")) == ("alternate", f"{BASE}{ep.slug}/")
        assert entry.findtext(A + "updated") == entry.findtext(A + "published") == ep.published + "T00:00:00Z"
        assert [a.findtext(A + "name") for a in entry.findall(A + "author")] == [p.name for p in ep.people]
        summary = entry.find(A + "summary")
        assert summary.get("type") == "text" and summary.text.startswith(f"About topic{ep.slug[3:].lstrip('0') or '0'}.")


def test_the_feed_holds_the_newest_feed_size_episodes(tmp_path: Path) -> None:
    site = make_archive(FEED_SIZE + 5, base_url=BASE)
    feed = ET.parse(build(tmp_path, site) / "feed.xml").getroot()
    ids = [e.findtext(A + "id") for e in feed.findall(A + "entry")]
    assert ids == [f"{BASE}{ep.slug}/" for ep in newest_first(site.episodes)[:FEED_SIZE]]


def test_feedparser_reads_it_without_complaint(tmp_path: Path) -> None:
    site = make_archive(5, base_url=BASE)
    parsed = feedparser.parse((build(tmp_path, site) / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "Test transcripts"
    assert [e.link for e in parsed.entries] == [f"{BASE}{ep.slug}/" for ep in newest_first(site.episodes)]
    assert parsed.entries[0].authors == [{"name": "Dana Host"}, {"name": "Guest Person4"}]


def test_titles_with_markup_and_control_characters_stay_well_formed(tmp_path: Path) -> None:
    ep = make_episode(title="Q&A: <tags> \x0bfor \"all\"", published="2025-01-02")
    out = build(tmp_path, make_site(ep, base_url=BASE))
    feed = ET.parse(out / "feed.xml").getroot()
    assert feed.find(A + "entry").findtext(A + "title") == 'Q&A: <tags> for "all"'


def test_home_page_advertises_the_feed_relatively(tmp_path: Path) -> None:
    out = build(tmp_path, make_archive(60, base_url=BASE))
    link = '<link rel="alternate" type="application/atom+xml" href="feed.xml" title="Test transcripts">'
    assert link in (out / "index.html").read_text()
    assert link.replace('"feed.xml"', '"../../feed.xml"') in (out / "page/2/index.html").read_text()


def test_no_dated_episode_means_no_feed(tmp_path: Path) -> None:
    out = build(tmp_path, make_site(make_episode(published=""), base_url=BASE))
    assert not (out / "feed.xml").exists()
    assert "application/atom+xml" not in (out / "index.html").read_text()


def test_a_sitemap_past_the_protocols_limit_is_cut_into_files_an_index_lists(tmp_path: Path, monkeypatch) -> None:
    # one sitemap.xml held 51,250 URLs; the protocol takes 50,000 a file (here 100, to build few pages)
    from generator.writers import linked_data

    monkeypatch.setattr(linked_data, "SITEMAP_URLS", 100)
    site = make_archive(40, base_url=BASE)
    out = build(tmp_path, site)
    index = ET.parse(out / "sitemap.xml").getroot()
    assert index.tag == SM + "sitemapindex"
    parts = [loc.text for loc in index.iter(SM + "loc")]
    assert parts == [f"{BASE}sitemap-{n}.xml" for n in range(1, len(parts) + 1)] and len(parts) > 1
    locs = []
    for url in parts:
        urlset = ET.parse(out / url.removeprefix(BASE)).getroot()
        assert urlset.tag == SM + "urlset"
        found = [loc.text for loc in urlset.iter(SM + "loc")]
        assert 0 < len(found) <= 100
        locs += found
    built = {BASE + p.relative_to(out).as_posix().removesuffix("index.html") for p in out.rglob("*.html")}
    assert built - set(locs) == {BASE + "404.html"} and len(locs) == len(set(locs)) == len(built) - 1


def test_sitemap_lists_every_built_page_but_404(tmp_path: Path) -> None:
    site = make_archive(120, base_url=BASE)
    out = build(tmp_path, site)
    locs = [loc.text for loc in ET.parse(out / "sitemap.xml").getroot().iter(SM + "loc")]
    built = {BASE + p.relative_to(out).as_posix().removesuffix("index.html") for p in out.rglob("*.html")}
    assert built - set(locs) == {BASE + "404.html"}
    assert len(locs) == len(set(locs)) == len(built) - 1
    assert {BASE + "page/2/", BASE + "page/3/", BASE + "search/", BASE + "ep-000/transcript/"} <= set(locs)
    assert locs[0] == BASE

