"""Unit tests of rendering on the small hand-made episode (no browser, no real sources)."""

from __future__ import annotations

import html

import json
import re
import shutil
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from factories import GUEST, HOST, make_episode, make_site
from helpers import runs_left_open
from generator.writers import urls
from generator.errors import BuildError
from generator.model import NOBODY, Speaker
from generator.writers.output import page_file
from generator.writers.pages import render_site
from generator.writers.theme import Theme
from generator.writers.values import link_pointers, markdown_html, plain_text, seconds_attr, shorten

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
STATIC = ROOT / "static"
EP = "test-episode"
CHAPTER_PAGES = [f"{EP}/explaining-model-jaggedness/index.html", f"{EP}/emotions-and-value-functions/index.html", f"{EP}/what-are-we-scaling/index.html"]


class _Tags(HTMLParser):
    """Collects every start tag with its attributes, and the ids on the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.add(a["id"])


def parse(path: Path) -> _Tags:
    tags = _Tags()
    tags.feed(path.read_text(encoding="utf-8"))
    return tags


def build(tmp_path: Path, site=None, static: Path = STATIC, name: str = "out") -> Path:
    out = tmp_path / name
    render_site(site or make_site(), out, theme=Theme.of(TEMPLATES, static))
    return out


def passage_blocks(html: str) -> dict[str, str]:
    """Each passage element's HTML by id."""
    return {
        m.group(1): m.group(0)
        for m in re.finditer(r'<div class="passage[^"]*" id="([^"]+)".*?</div>', html, re.S)
    }


def test_writes_every_page_and_the_static_files(tmp_path: Path) -> None:
    out = build(tmp_path)
    expected = {
        "index.html",
        "404.html",
        "search/index.html",
        f"{EP}/index.html",
        f"{EP}/transcript/index.html",
        *CHAPTER_PAGES,
        "static/site.css",
        "static/moment.js",
        "static/favicon.svg",
    }
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert expected <= written
    assert not (out / "sitemap.xml").exists() and not (out / "robots.txt").exists()


def test_each_passage_carries_id_start_speaker_time_link_and_watch_link(tmp_path: Path) -> None:
    ep = make_episode()
    out = build(tmp_path)
    seen = {}
    for rel in CHAPTER_PAGES:
        seen.update(passage_blocks((out / rel).read_text()))
    assert set(seen) == {p.id for p in ep.passages}
    for p in ep.passages:
        block = seen[p.id]
        assert f'data-start="{seconds_attr(p.start)}"' in block
        assert f'data-speaker="{p.speaker.key}"' in block
        assert f'<a class="time" href="#{p.id}">' in block
        assert f'href="{urls.watch_url(ep, p.start).replace("&", "&amp;")}"' in block
        assert p.speaker.name in block  # every passage names its speaker, shown or visually hidden
        assert ("verbatim</span>" in block) == (p.kind == "verbatim")
    assert seen["t1330"].count('data-start="1330.5"') == 1


def test_speaker_name_is_shown_once_per_turn(tmp_path: Path) -> None:
    html = (build(tmp_path) / CHAPTER_PAGES[0]).read_text()
    blocks = passage_blocks(html)
    assert '<span class="speaker">Gil Guest</span>' in blocks["t30"]
    assert '<span class="speaker visually-hidden">Gil Guest</span>' in blocks["t95"]  # same turn continues


def test_sponsor_reads_are_folded_not_deleted(tmp_path: Path) -> None:
    html = (build(tmp_path) / CHAPTER_PAGES[0]).read_text()
    folded = re.search(r'<details class="sponsor">(.*?)</details>', html, re.S)
    assert folded, "sponsor read must sit in <details>"
    assert 'id="t200"' in folded.group(1) and 'id="t260"' in folded.group(1)
    assert "Acme &lt;Widgets&gt; &amp; Co." in folded.group(1)  # escaped, not raw HTML
    assert 'id="t30"' not in folded.group(1)


def test_a_sponsor_read_no_one_is_named_for_says_so_without_an_empty_name(tmp_path: Path) -> None:
    """Read by a voice the transcriber could not tell ("Unknown Speaker"): it said "Sponsor read by  at 3:20"."""
    ep = make_episode()
    ep = replace(ep, passages=tuple(replace(p, speaker=NOBODY) if p.sponsor else p for p in ep.passages))
    html = (build(tmp_path, make_site(ep)) / CHAPTER_PAGES[0]).read_text()
    assert "<summary>Sponsor read at 3:20</summary>" in html


def test_every_internal_link_is_relative_and_resolves(tmp_path: Path) -> None:
    out = build(tmp_path)
    for page in out.rglob("*.html"):
        rel = page.relative_to(out).as_posix()
        for tag, attrs in parse(page).tags:
            for key in ("href", "src", "action"):
                link = attrs.get(key)
                if link is None or (tag == "base"):
                    continue
                if link.startswith(("https://", "http://")):
                    assert tag == "a" or (tag == "link" and attrs.get("rel") == "canonical"), f"{rel}: external {tag} {link}"
                    continue
                assert not link.startswith("/"), f"{rel}: root-absolute link {link}"
                target, _, anchor = link.partition("#")
                if rel == "404.html":
                    continue  # resolved against the site root by <base>; checked in the browser
                resolved = (page.parent / target).resolve() if target else page
                if resolved.is_dir():
                    resolved = resolved / "index.html"
                if tag == "a" and target.endswith((".json", ".vtt", ".srt")):
                    continue  # exports are written by the exporter, not by render_site
                if tag == "link" and attrs.get("rel") == "preload" and target.endswith(".json"):
                    continue  # search data is written by the search stage; checked in test_search
                assert resolved.is_file(), f"{rel}: broken {key}={link}"
                if anchor:
                    assert anchor in parse(resolved).ids, f"{rel}: missing anchor {link}"


def test_header_has_the_site_search_form_and_search_js_only_when_present(tmp_path: Path) -> None:
    static = tmp_path / "static"
    shutil.copytree(STATIC, static)
    (static / "search.js").unlink(missing_ok=True)
    bare = build(tmp_path, static=static, name="bare")
    chapter = (bare / CHAPTER_PAGES[1]).read_text()
    assert '<form role="search" aria-label="Quick search" action="../../search/" method="get"><label for="site-search" class="visually-hidden">Search</label><input type="search" name="q" id="site-search"' in chapter
    assert "search.js" not in chapter
    (static / "search.js").write_text("// search\n")
    withjs = build(tmp_path, static=static, name="withjs")
    assert '<script src="../../static/search.js" defer></script>' in (withjs / CHAPTER_PAGES[1]).read_text()
    assert '<script src="static/search.js" defer></script>' in (withjs / "index.html").read_text()
    search = (withjs / "search/index.html").read_text()
    assert '<div id="search-results"' in search and 'action="../search/"' in search


def test_the_themes_own_scripts_are_served_minified_and_a_sites_own_files_as_they_are(tmp_path: Path) -> None:
    own = tmp_path / "own-static"
    own.mkdir()
    mine = "// the publisher's comment stays\nconst greet = (name) => `hi ${name}`;  /* and this */\n"
    (own / "extra.js").write_text(mine, encoding="utf-8")
    (own / "site.css").write_text("/* a site's own stylesheet */ body { color: teal }\n", encoding="utf-8")
    out = tmp_path / "out"
    render_site(make_site(), out, theme=Theme.of(TEMPLATES, [own, STATIC], ours=STATIC))
    for name in ("search.js", "player.js", "moment.js", "home.js"):
        source, served = (STATIC / name).read_text(encoding="utf-8"), (out / "static" / name).read_text(encoding="utf-8")
        assert len(served) < 0.7 * len(source), name
        assert "/*" not in served and "\n  " not in served, name  # no comment blocks, no indentation
        # every string literal of the code (not of its comments) is still there, character for character
        code = [line.split("  // ")[0] for line in source.splitlines() if not line.lstrip().startswith(("//", "*", "/*"))]
        literals = set(re.findall(r'"(?:[^"\\\n]|\\.)*"', "\n".join(code)))
        assert len(literals) > 5 and all(lit in served for lit in literals), (name, [lit for lit in literals if lit not in served])
    assert (out / "static" / "extra.js").read_text(encoding="utf-8") == mine
    assert (out / "static" / "site.css").read_text(encoding="utf-8").startswith("/* a site's own")
    vendor = "vendor/lunr/lunr.min.js"
    assert (out / "static" / vendor).read_bytes() == (STATIC / vendor).read_bytes()
    # Without ``ours`` (a theme of the site's own folders only) nothing is minified.
    plain = tmp_path / "plain"
    render_site(make_site(), plain, theme=Theme.of(TEMPLATES, STATIC))
    assert (plain / "static" / "search.js").read_bytes() == (STATIC / "search.js").read_bytes()


def test_episode_page_shows_facts_summary_sponsors_chapters_and_existing_exports(tmp_path: Path) -> None:
    out = tmp_path / "out"
    render_site(make_site(), out, theme=Theme.of(TEMPLATES, STATIC), exports={EP: {"transcript.json": 2}})  # what the exporter wrote
    html = (out / EP / "index.html").read_text()
    assert "<h1>Gil Guest – Jagged models &amp; the age of research</h1>" in html
    assert "Dana Host" in html and 'Gil Guest<span class="visually-hidden">, </span><span class="role">Researcher</span>' in html
    assert '<time datetime="2025-11-25">25 November 2025</time>' in html
    assert "1 h 7 min" in html
    assert "AI-generated summary" in html and "<strong>Models are jagged</strong>" in html
    assert "Acme – widgets for researchers." in html
    assert "<strong>jagged models</strong>" in html and '<a href="https://example.org/research">' in html
    assert "<h3>Big heading</h3>" in html  # publisher headings sit below the page's h2
    for title, start, length in (("Explaining model jaggedness", "0:00", "10 min"), ("Emotions and value functions", "10:00", "50 min"), ("What are we scaling?", "1:00:00", "7 min")):
        assert re.search(rf'<a href="[^"]+/" dir="auto">{re.escape(title.replace("?", "?"))}</a> <span class="muted"><span class="visually-hidden">starts at </span>{start} · {length}</span>', html), title
    assert 'href="../test-episode/transcript.json" download>transcript.json</a>' in html
    assert "transcript.vtt" not in html  # not written, so not linked


def test_json_ld_leaves_out_a_date_it_lacks_and_names_the_series_as_the_home_page_does(tmp_path: Path) -> None:
    # An empty datePublished / uploadDate is an error to validators; no date is only a missing hint.
    out = build(tmp_path, make_site(make_episode(published="", show="")))
    html = (out / EP / "index.html").read_text()
    types = {d["@type"]: d for d in (json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S))}
    assert "datePublished" not in types["PodcastEpisode"] and "uploadDate" not in types["VideoObject"]
    assert "<dt>Published</dt>" not in html and 'datetime=""' not in html  # no empty field, no invalid <time>
    assert types["PodcastEpisode"]["partOfSeries"]["name"] == "Test transcripts"  # the site's title, not ""
    dated = (build(tmp_path / "dated") / EP / "index.html").read_text()
    assert '"datePublished":"2025-11-25"' in dated and '"uploadDate":"2025-11-25"' in dated


def test_json_ld_gives_the_episodes_media_file_as_its_media_and_its_links_as_the_same_episode_elsewhere(tmp_path: Path) -> None:
    # The links (YouTube, Spotify) were listed as media objects, and the audio file nowhere.
    site = make_site(make_episode(media_url="media/ep.mp3"), base_url="https://u.github.io/repo/")
    html = (build(tmp_path, site) / EP / "index.html").read_text()
    episode = next(d for d in (json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)) if d["@type"] == "PodcastEpisode")
    assert episode["associatedMedia"] == {"@type": "AudioObject", "contentUrl": "https://u.github.io/repo/media/ep.mp3", "duration": "PT1H6M40S"}
    assert episode["sameAs"] == ["https://www.youtube.com/watch?v=VIDEOID1234", "https://open.spotify.com/episode/x"]
    plain = (build(tmp_path, make_site(make_episode(media_url="media/ep.mp3")), name="plain") / EP / "index.html").read_text()
    assert "associatedMedia" not in plain  # a path in a site whose address is unknown is no address for a crawler
    # a file name with spaces and quotes is a URL once they are percent-encoded (contentUrl held them as written)
    spaced = make_site(make_episode(media_url='media/my ep "final".mp3'), base_url="https://u.github.io/repo/")
    html = (build(tmp_path, spaced, name="spaced") / EP / "index.html").read_text()
    assert "https://u.github.io/repo/media/my%20ep%20%22final%22.mp3" in html


def test_description_markdown_cannot_inject_html() -> None:
    assert "<script>" not in markdown_html("hi <script>alert(1)</script>")
    assert plain_text("**Bold** and [link](https://x.org)") == "Bold and link"
    assert shorten("one two three four", 9) == "one two…"


@pytest.mark.parametrize("md, kept", [
    ("[p](//evil.com)", None), ("[abs](/root)", None), ("[js](javascript:alert(1))", None),  # another host; out of /repo/; script
    ("[ok](https://example.com/a?b#c)", "https://example.com/a?b#c"), ("[m](mailto:a@b.example)", "mailto:a@b.example"),
    ("[rel](../other/)", "../other/"), ("[t](#t=1:02)", "#t=1:02"),
])
def test_a_description_links_only_where_the_episode_s_links_may(md, kept):
    """A description's "[abs](/root)" left a project site's /repo/ and "//evil.com" went to another
    host: forms the episode's own links refuse. Their text stays."""
    out = str(markdown_html(md))
    label = md[1 : md.index("]")]
    assert (f'href="{kept}"' in out) if kept else ("href" not in out and label in html.unescape(out)), out


def test_a_description_s_image_is_a_link_to_it_not_loaded_with_the_page():
    out = str(markdown_html("![the cover](https://example.com/cover.png)"))
    assert "<img" not in out and '<a href="https://example.com/cover.png">the cover</a>' in out
    badge = str(markdown_html("[![build](https://ci.example/badge.svg)](https://ci.example/)"))  # a linked image: its text, linked
    assert badge.strip() == '<p><a href="https://ci.example/">build</a></p>', badge
    assert str(markdown_html("[About](/about) us")).strip() == "<p>About us</p>"  # its text, not its Markdown


def test_json_ld_without_base_url_points_clips_at_the_video(tmp_path: Path) -> None:
    html = (build(tmp_path) / EP / "index.html").read_text()
    data = [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
    types = {d["@type"]: d for d in data}
    assert set(types) == {"PodcastEpisode", "VideoObject"}
    assert types["PodcastEpisode"]["partOfSeries"]["name"] == "Test Podcast"
    assert types["PodcastEpisode"]["duration"] == "PT1H6M40S"
    clips = types["VideoObject"]["hasPart"]
    assert [(c["name"], c["startOffset"], c["endOffset"]) for c in clips] == [
        ("Explaining model jaggedness", 0, 600),
        ("Emotions and value functions", 600, 3600),
        ("What are we scaling?", 3600, 4000),
    ]
    assert clips[1]["url"] == "https://www.youtube.com/watch?v=VIDEOID1234&t=600s"
    assert "url" not in types["PodcastEpisode"]
    assert 'rel="canonical"' not in html and 'property="og:url"' not in html
    assert '<meta property="og:title" content="Gil Guest – Jagged models &amp; the age of research">' in html


def test_base_url_adds_canonical_sitemap_robots_and_page_clip_urls(tmp_path: Path) -> None:
    base = "https://user.github.io/repo/"
    out = build(tmp_path, make_site(base_url=base))
    chapter = (out / CHAPTER_PAGES[2]).read_text()
    assert f'<link rel="canonical" href="{base}{EP}/what-are-we-scaling/">' in chapter
    assert f'<meta property="og:url" content="{base}{EP}/what-are-we-scaling/">' in chapter
    sitemap = (out / "sitemap.xml").read_text()
    locs = re.findall(r"<loc>(.*?)</loc>", sitemap)
    assert locs == [base, f"{base}{EP}/", *(f"{base}{p[: -len('index.html')]}" for p in CHAPTER_PAGES), f"{base}{EP}/transcript/", f"{base}search/"]
    assert not (out / "robots.txt").exists()  # crawlers read robots.txt at the host's root only
    root = "https://podcast.example.org/"
    assert (build(tmp_path / "root", make_site(base_url=root)) / "robots.txt").read_text() == f"User-agent: *\nAllow: /\n\nSitemap: {root}sitemap.xml\n"
    html = (out / EP / "index.html").read_text()
    video = [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)][1]
    assert video["hasPart"][2]["url"] == f"{base}{EP}/?t=3600"
    assert f'<base href="{base}">' in (out / "404.html").read_text()


def test_404_without_base_url_is_self_contained_and_finds_the_root_by_script(tmp_path: Path) -> None:
    html = (build(tmp_path) / "404.html").read_text()
    assert '<base href="../">' in html  # right one folder below the root, until the script knows better
    assert '["search", "static", "test-episode"]' in html
    assert html.index("<base") < html.index("<script>") < html.index("<style>")
    assert "rel=\"stylesheet\"" not in html and ".passage .time" in html  # site.css inline: styled at any depth
    assert '<link rel="icon" href="data:image/svg+xml;base64,' in html
    assert "static/search.js\" defer" not in html  # loaded by the script once the root is known
    assert '<a href="./">Go to the home page</a>' in html and f'<a href="{EP}/">' in html


def test_404_with_base_url_links_absolutely_and_other_pages_link_the_icon(tmp_path: Path) -> None:
    out = build(tmp_path, make_site(base_url="https://user.github.io/repo/"))
    html = (out / "404.html").read_text()
    assert '<base href="https://user.github.io/repo/">' in html and "createElement" not in html
    assert '<script src="static/search.js" defer></script>' in html
    assert '<link rel="icon" href="static/favicon.svg" type="image/svg+xml">' in (out / "index.html").read_text()
    assert '<link rel="icon" href="../../static/favicon.svg" type="image/svg+xml">' in (out / CHAPTER_PAGES[0]).read_text()


def test_moment_map_lists_where_each_chapter_begins(tmp_path: Path) -> None:
    # Chapter 2 is listed at 10:00 and its first passage starts at 10:20: a link to 10:00 opens it.
    html = (build(tmp_path) / CHAPTER_PAGES[1]).read_text()
    data = json.loads(re.search(r'<script type="application/json" id="moment-map">(.*?)</script>', html, re.S).group(1))
    assert data["here"] == 1 and data["local"] is False
    assert [(c["from"], c["url"]) for c in data["chapters"]] == [
        (0, "../../test-episode/explaining-model-jaggedness/"),
        (600, "../../test-episode/emotions-and-value-functions/"),
        (3600, "../../test-episode/what-are-we-scaling/"),
    ]
    transcript = (build(tmp_path, name="again") / EP / "transcript/index.html").read_text()
    assert '"local":true' in transcript


def test_a_chapter_no_one_speaks_in_says_so_and_a_link_to_its_time_opens_it(tmp_path: Path) -> None:
    """An outro over music, listed after the last word: its page says no one speaks in it, and the
    moment map sends a link to its time to it (chapters without passages were left out of it)."""
    from generator.model import Chapter, Origin

    ep = make_episode()
    outro = Chapter(3, "Outro", "outro", 3995.0, 4000.0, Origin("fixture.txt", 104))
    ep = replace(ep, chapters=ep.chapters[:2] + (replace(ep.chapters[2], end=3995.0), outro))
    out = build(tmp_path, make_site(ep))
    html = (out / EP / "outro/index.html").read_text()
    assert "No one speaks in this chapter." in html and 'class="passage"' not in html and 'class="passage ' not in html
    data = json.loads(re.search(r'<script type="application/json" id="moment-map">(.*?)</script>', html, re.S).group(1))
    assert data["chapters"][-1]["from"] == 3995.0 and data["chapters"][-1]["url"].endswith("/outro/")
    assert "No one speaks" not in (out / CHAPTER_PAGES[2]).read_text()


def test_transcript_page_holds_every_passage_under_chapter_headings(tmp_path: Path) -> None:
    ep = make_episode()
    html = (build(tmp_path) / EP / "transcript/index.html").read_text()
    assert set(passage_blocks(html)) == {p.id for p in ep.passages}
    assert [h for h in re.findall(r'<h2 id="chapter-[^"]+-h">(.*?) <span', html.replace('<bdi>', '').replace('</bdi>', ''))] == [
        "1. Explaining model jaggedness",
        "2. Emotions and value functions",
        "3. What are we scaling?",
    ]


def test_output_is_deterministic(tmp_path: Path) -> None:
    a = build(tmp_path, make_site(base_url="https://x.example/"), name="a")
    b = build(tmp_path, make_site(base_url="https://x.example/"), name="b")
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    for f in files:
        assert (a / f).read_bytes() == (b / f).read_bytes(), f


def test_refuses_to_write_a_page_twice(tmp_path: Path) -> None:
    ep = make_episode()
    clash = replace(ep, chapters=(ep.chapters[0], replace(ep.chapters[1], slug="transcript"), ep.chapters[2]))
    with pytest.raises(BuildError) as err:
        build(tmp_path, make_site(clash))
    message = err.value.format_message()
    assert f"{EP}/transcript/index.html: two outputs want the same path" in message
    assert "chapter 'Emotions and value functions' (slug 'transcript')" in message
    assert "the transcript page" in message


def test_refuses_to_overwrite_what_another_stage_wrote(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "static").mkdir(parents=True)
    (out / "static" / "site.css").write_text("mine")
    with pytest.raises(BuildError, match="static/site.css: static file site.css would overwrite"):
        render_site(make_site(), out, theme=Theme.of(TEMPLATES, STATIC))


def _with_404_main(tmp_path: Path, line: str | bytes) -> str:
    """The build's message for a theme whose 404.html has ``line`` as its third line, in its main block
    (bytes: as they are, not UTF-8)."""
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    raw = line if isinstance(line, bytes) else line.encode("utf-8")
    (templates / "404.html").write_bytes(b"{% extends 'base.html' %}\n{% block main %}\n" + raw + b"\n{% endblock %}\n")
    with pytest.raises(BuildError) as err:
        render_site(make_site(), tmp_path / "out", theme=Theme.of(templates, STATIC))
    return err.value.format_message()


def test_template_mistakes_are_reported_with_file_and_line(tmp_path: Path) -> None:
    assert "templates/404.html:3: template syntax error" in _with_404_main(tmp_path, "{% if %}")


def test_template_runtime_errors_and_a_stylesheet_not_in_utf8_are_reported_with_file_and_line(tmp_path: Path) -> None:
    # Mistakes that show only when a template runs ("a" + 1) were a traceback, and took `serve` down.
    message = _with_404_main(tmp_path, "<p>{{ 'Year ' + 2025 }}</p>")
    assert message.endswith("templates/404.html:3: template error: TypeError: can only concatenate str (not \"int\") to str")
    static = tmp_path / "static"
    shutil.copytree(STATIC, static)
    (static / "site.css").write_bytes(b"body { color: red }\n/* \xa9 2025 */\n")
    with pytest.raises(BuildError) as err:
        render_site(make_site(), tmp_path / "out2", theme=Theme.of(TEMPLATES, static))
    assert err.value.format_message().endswith("static/site.css:2: not valid UTF-8 (byte 0xa9); save the file as UTF-8")
    # a template saved as Latin-1 was "template error: UnicodeDecodeError: 'utf-8' codec can't decode…"
    message = _with_404_main(tmp_path / "latin1", b"<p>\xa9 2025</p>")
    assert message.endswith("templates/404.html:3: not valid UTF-8 (byte 0xa9); save the file as UTF-8")


def test_small_helpers() -> None:
    assert seconds_attr(1330.0) == "1330" and seconds_attr(1330.25) == "1330.25" and seconds_attr(0) == "0"
    assert page_file("") == "index.html" and page_file("a/b/") == "a/b/index.html" and page_file("404.html") == "404.html"
    assert urls.relative("a/b/", "") == "../../" and urls.relative("", "") == "./" and urls.relative("404.html", "x/") == "x/"


def test_description_pointers_become_links_or_go() -> None:
    targets = {"youtube": "https://y.example/v", "transcript": "transcript/"}
    text = "Ilya & I discuss SSI.\n\nWatch on YouTube; read the transcript."
    assert link_pointers(text, targets) == "Ilya & I discuss SSI.\n\n[Watch on YouTube](https://y.example/v); [read the transcript](transcript/)."
    assert link_pointers(text, {}) == "Ilya & I discuss SSI."  # nowhere to point: the sentence goes
    assert link_pointers("Listen on Spotify; read the transcript.", targets) == "[Read the transcript](transcript/)."
    assert link_pointers("Intro. Subscribe on Overcast. More.\n\n* one.\n* two.", targets) == "Intro. More.\n\n* one.\n* two."
    for kept in ("Read the transcript to see why.", "Watch on YouTube and subscribe.", "Watch the second half carefully."):
        assert link_pointers(kept, targets) == kept  # says more than where to go


def test_episode_page_links_watch_and_transcript_pointers_and_summaries_drop_them(tmp_path: Path) -> None:
    ep = replace(make_episode(), description="Gil & I discuss models.\n\nWatch on YouTube; read the transcript.")
    out = build(tmp_path, make_site(ep))
    html = (out / EP / "index.html").read_text()
    assert f'<p><a href="{urls.media_page(ep)}">Watch on YouTube</a>; <a href="../{EP}/transcript/">read the transcript</a>.</p>' in html
    assert '<meta name="description" content="Gil &amp; I discuss models.">' in html
    assert "Watch on YouTube" not in (out / "index.html").read_text()


# --- people, media and honest times -------------------------------------------------------------------

THIRD = Speaker("ria-third", "Ria Third", "Economist")


def test_a_panel_lists_every_person_and_a_solo_episode_its_one(tmp_path: Path) -> None:
    panel = make_episode(people=(HOST, GUEST, THIRD))
    out = build(tmp_path, make_site(panel))
    page = (out / EP / "index.html").read_text()
    assert "<dt>Host</dt><dd>Dana Host</dd>" in page
    assert '<dt>Guests</dt><dd>Gil Guest<span class="visually-hidden">, </span><span class="role">Researcher</span></dd><dd>Ria Third' in page
    assert "Dana Host with Gil Guest and Ria Third" in (out / "index.html").read_text()
    ld = [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page)]
    assert [a["name"] for a in ld[0]["actor"]] == ["Dana Host", "Gil Guest", "Ria Third"]
    solo = make_episode(people=(HOST,))
    out = build(tmp_path, make_site(solo), name="solo")
    assert "<dt>Host</dt><dd>Dana Host</dd>" in (out / EP / "index.html").read_text() and "<dt>Guest" not in (out / EP / "index.html").read_text()


def test_an_audio_file_gets_listen_links_with_media_fragments(tmp_path: Path) -> None:
    ep = make_episode(video_id="", media_url="https://media.example.com/ep.mp3")
    out = build(tmp_path, make_site(ep))
    html = (out / CHAPTER_PAGES[1]).read_text()
    assert '<a class="watch" href="https://media.example.com/ep.mp3#t=620">Listen<span class="visually-hidden"> from 10:20 in the audio</span></a>' in html
    assert "Listen to this chapter" in html and "youtube" not in html.lower()
    ld = re.findall(r'<script type="application/ld\+json">(.*?)</script>', (out / EP / "index.html").read_text())
    assert len(ld) == 1 and "VideoObject" not in ld[0]


def test_an_episode_without_media_has_no_watch_links_at_all(tmp_path: Path) -> None:
    out = build(tmp_path, make_site(make_episode(video_id="", media_url="", links=())))
    for page in CHAPTER_PAGES + [f"{EP}/transcript/index.html", f"{EP}/index.html"]:
        html = (out / page).read_text()
        assert 'class="watch"' not in html and "watch?v=" not in html and "Watch this chapter" not in html, page


def test_estimated_times_are_marked_and_explained_measured_ones_are_not(tmp_path: Path) -> None:
    ep = make_episode()
    measured = ep.passages[0]
    timed = replace(measured, sentences=tuple(replace(s, measured=True) for s in measured.sentences))
    ep = replace(ep, passages=(timed,) + ep.passages[1:])
    html = (build(tmp_path, make_site(ep)) / CHAPTER_PAGES[0]).read_text()
    blocks = passage_blocks(html)
    assert 'class="approx"' not in blocks[timed.id]
    assert '<span class="approx" title="Estimated time"><span aria-hidden="true">≈</span><span class="visually-hidden">about</span></span> <a class="time"' in blocks[ep.passages[1].id]
    note = re.search(r'<p class="muted small estimated-note">(.*?)</p>', html).group(1)
    heard = re.sub(r"<[^>]+>", "", re.sub(r'<span aria-hidden="true">.*?</span>', "", note))  # what a screen reader says
    assert heard.startswith("\u201cAbout\u201d marks an estimated time"), heard  # the passages say "about 10:08"


def test_text_nobody_is_named_for_shows_no_name(tmp_path: Path) -> None:
    ep = make_episode()
    ep = replace(ep, passages=tuple(replace(p, speaker=NOBODY) if p.chapter == 2 else p for p in ep.passages))
    html = (build(tmp_path, make_site(ep)) / CHAPTER_PAGES[2]).read_text()
    assert '<span class="speaker"></span>' in html or 'class="speaker' not in html
    assert "Unknown" not in html


def test_one_environment_serves_a_theme_until_a_template_changes_or_is_added(tmp_path):
    """Templates are compiled once per process, not once per episode; an edited template, or a
    site's own template added before the theme's (``serve`` rebuilding), is used at once."""
    import os

    theme_dir = tmp_path / "theme"
    shutil.copytree(TEMPLATES, theme_dir)
    own = tmp_path / "own"
    own.mkdir()
    theme = Theme.of([own, theme_dir], STATIC)

    def home(name: str) -> str:
        render_site(make_site(), tmp_path / name, theme=theme)
        return (tmp_path / name / "index.html").read_text(encoding="utf-8")

    first = theme.environment()
    assert theme.environment() is first  # nothing changed: the compiled templates are kept
    assert "data-edited" not in home("a")
    base = theme_dir / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("<body", "<body data-edited", 1), encoding="utf-8")
    later = base.stat().st_mtime_ns + 10**9  # a later save, whatever the file system's clock grain
    os.utime(base, ns=(later, later))
    assert "data-edited" in home("b")
    (own / "base.html").write_text(base.read_text(encoding="utf-8").replace("<body", "<body data-own", 1), encoding="utf-8")
    assert "data-own" in home("c")


def test_templates_compiled_once_are_loaded_by_later_builds_and_follow_their_source(tmp_path, monkeypatch):
    """Compiled templates are kept in the user's cache folder, as .pyc files are: a fresh process
    (here, a fresh environment) compiles none, and an edited template is compiled again."""
    import jinja2

    from generator.writers import theme as theme_mod

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    own = tmp_path / "own"
    shutil.copytree(TEMPLATES, own)
    theme = Theme.of(own, STATIC)
    compiled: list[str] = []
    compile_ = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return compile_(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)

    def fresh_home(name: str) -> str:
        theme_mod._environment.cache_clear()  # as a new process starts
        render_site(make_site(), tmp_path / name, theme=theme)
        return (tmp_path / name / "index.html").read_text(encoding="utf-8")

    first = fresh_home("a")
    assert "base.html" in compiled and list((tmp_path / "cache" / "episode-site" / "templates").iterdir())
    compiled.clear()
    assert fresh_home("b") == first and compiled == []
    base = own / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("<body", "<body data-edited", 1), encoding="utf-8")
    assert "data-edited" in fresh_home("c") and compiled == ["base.html"]


def test_a_corrupt_or_unwritable_template_cache_only_costs_the_compile(tmp_path, monkeypatch):
    from generator.writers import theme as theme_mod

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    theme_mod._environment.cache_clear()
    first = build(tmp_path, name="a")
    kept = tmp_path / "cache" / "episode-site" / "templates"
    for entry in kept.iterdir():
        entry.write_bytes(entry.read_bytes()[:40] + b"garbage")
    theme_mod._environment.cache_clear()
    assert (build(tmp_path, name="b") / "index.html").read_bytes() == (first / "index.html").read_bytes()
    shutil.rmtree(kept)
    kept.write_text("a file where the folder would be", encoding="utf-8")
    theme_mod._environment.cache_clear()
    assert (build(tmp_path, name="c") / "index.html").read_bytes() == (first / "index.html").read_bytes()


def test_search_tips_name_a_speaker_and_a_chapter_word_of_this_site(tmp_path: Path) -> None:
    # The tips named the embedded episode's guest and chapter ("speaker:ilya", "chapter:taste") on
    # every site: followed on another show, each found nothing.
    from generator.model import Chapter, Origin, Speaker

    host, guest = Speaker("mara", "Mara Quinn", "Host", host=True), Speaker("tobias", "Tobias Ek", "Beekeeper")
    chapters = tuple(Chapter(i, t, f"c{i}", 2000.0 * i, 2000.0 * (i + 1), Origin("x.txt", i)) for i, t in enumerate(["Beekeeping in winter", "Honey"]))
    out = build(tmp_path, make_site(make_episode(people=(host, guest), chapters=chapters)))
    tips = re.search(r'<p class="muted small search-tips">(.*?)</p>', (out / "search/index.html").read_text()).group(1)
    assert "<code>speaker:tobias</code> or <code>chapter:beekeeping</code>" in tips
    # a solo show in one chapter: its host, and no title word worth filtering by
    whole = (replace(chapters[0], title="Full episode", end=4000.0),)
    out = build(tmp_path, make_site(make_episode(people=(host,), chapters=whole)), name="solo")
    assert "<code>speaker:mara</code> or <code>chapter:word</code>" in (out / "search/index.html").read_text()
    # a first name the index leaves out as a stop word filters nothing ("speaker:will"): the next (QA34b)
    will = Speaker("will", "Will Smith", "Guest")
    out = build(tmp_path, make_site(make_episode(people=(host, will), chapters=chapters)), name="will")
    assert "<code>speaker:smith</code>" in (out / "search/index.html").read_text()


def test_the_site_description_is_a_sentence_of_its_own_in_the_footer(tmp_path: Path) -> None:
    out = build(tmp_path, replace(make_site(), description="A show about <things> & stuff"))
    footer = (out / "index.html").read_text().split('<footer class="site-footer">', 1)[1]
    assert "<p>A show about &lt;things&gt; &amp; stuff</p>\n<p>Built with episode-site." in footer


def test_a_title_s_bidi_override_does_not_reverse_the_site_name_after_it_in_plain_text(tmp_path: Path) -> None:
    # An unclosed U+202E in a title (and a stray U+2069 before it, which closes nothing) reversed
    # " · Test transcripts" in the browser tab; <title> cannot hold <bdi>.
    ep = make_episode()
    ep = replace(ep, title="Evil \u2069\u202eledom\u2067 name", chapters=(replace(ep.chapters[0], title="Cha\u202bpter" + " long" * 60), *ep.chapters[1:]))
    ep = replace(ep, people=(ep.people[0], replace(ep.people[1], name="Eve \u202eledom")))
    out = build(tmp_path, make_site(ep, base_url="https://user.github.io/repo/"))
    for path in (f"{EP}/index.html", f"{EP}/transcript/index.html", CHAPTER_PAGES[0]):
        page = out / path
        tab = html.unescape(re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8")).group(1))
        shown, site = tab.rsplit(" · ", 1)
        assert site == "Test transcripts" and "ledom" in shown and not runs_left_open(shown), repr(tab)
        if path == CHAPTER_PAGES[0]:
            chapter, _ = shown.split(" – ", 1)
            assert not runs_left_open(chapter), repr(tab)  # the episode's title after the chapter's reads as written
        og = next(a["content"] for t, a in parse(page).tags if t == "meta" and a.get("property") == "og:title")
        assert not runs_left_open(og), repr(og)
        # QA36: a description cut short after the title was closed lost its closer
        for key, value in (("name", "description"), ("property", "og:description")):
            described = next(a["content"] for t, a in parse(page).tags if t == "meta" and a.get(key) == value)
            assert not runs_left_open(described), (value, described)
    entry = (out / "feed.xml").read_text(encoding="utf-8").split("<entry>", 1)[1]
    title = html.unescape(re.search(r"<title>(.*?)</title>", entry).group(1))
    assert "ledom" in title and not runs_left_open(title), repr(title)
    # the feed's authors and the JSON-LD a search engine shows as text close theirs too
    authors = [html.unescape(name) for name in re.findall(r"<author>\s*<name>(.*?)</name>", entry)]
    assert any("Eve" in name for name in authors) and not any(runs_left_open(name) for name in authors), authors
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', (out / f"{EP}/index.html").read_text(encoding="utf-8"), re.S)

    def strings(value):
        return [value] if isinstance(value, str) else [s for v in (value.values() if isinstance(value, dict) else value) for s in strings(v)] if isinstance(value, (dict, list)) else []

    said = [s for script in scripts for s in strings(json.loads(script))]
    assert any("ledom" in s for s in said) and not [s for s in said if runs_left_open(s)]
