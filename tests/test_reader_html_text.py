"""Web pages saved as HTML: read as the text they show, problems named at the HTML's own lines."""

from __future__ import annotations

from pathlib import Path

from generator.errors import Problems
from generator.model import ChapterList, EditedText, TimedTranscript
from generator.readers import read_source
from generator.readers.base import decode
from generator.readers.html_text import visible_text


def read(tmp_path: Path, text: str, name: str = "page.html", role: str | None = None):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    problems = Problems()
    return read_source(path, name, role, problems), [str(p) for p in problems.items]


def shown(html: str) -> list[tuple[int, str]]:
    text, numbers = visible_text(decode("p.html", html.encode("utf-8"), Problems()))
    return [(numbers[i], line) for i, line in enumerate(text.lines)]


def test_a_page_shows_its_blocks_as_lines_and_hides_what_no_reader_sees():
    html = (
        "<!DOCTYPE html>\n<html><head><title>T</title>\n<script>var notes = 'not text';</script>\n"
        "<style>p { color: red }</style></head>\n<body><nav>Home · Archive</nav>\n"
        "<h1>Bees &amp; the city</h1>\n<p>First line,<br>its second line.</p><p>Then a paragraph<br><br>and another.</p>\n"
        "<ul><li>A sponsor</li><li><p>Another</p></li></ul>\n<ol><li>0:00 Intro</li><li>4:10 Bees</li></ol>\n"
        "<footer><p>© 2025</p></footer></body></html>\n"
    )
    assert shown(html) == [
        (6, "Bees & the city"), (7, ""), (7, "First line,"), (7, "its second line."), (7, ""), (7, "Then a paragraph"),
        (7, ""), (7, "and another."), (8, ""), (8, "* A sponsor"), (8, ""), (8, "* Another"), (9, ""), (9, "1. 0:00 Intro"),
        (9, ""), (9, "2. 4:10 Bees"),
    ]


def test_a_head_left_open_ends_where_the_body_starts():
    assert [line for _, line in shown("<html><head><title>T</title><body><p>Said.</p></body></html>")] == ["Said."]


def test_a_saved_chapter_list_reads_as_chapters_and_a_bad_time_names_the_html_line(tmp_path):
    page = "<!-- saved from url=(0030)https://example.com/ep -->\n<html>\n<body>\n<h2>Chapters</h2>\n<p>(00:00:00) – Intro</p>\n<p>(00:04:10) – Bees</p>\n</body></html>\n"
    chapters, problems = read(tmp_path, page)
    assert problems == [] and isinstance(chapters, ChapterList)
    assert [(c.title, c.start, c.origin.line) for c in chapters.chapters] == [("Intro", 0.0, 5), ("Bees", 250.0, 6)]
    _, problems = read(tmp_path, page.replace("00:04:10", "00:6x:10"), role="chapters")
    assert problems == ["page.html:6: unreadable or impossible chapter time (00:6x:10)"]


def test_a_saved_essay_is_the_edited_transcript_without_its_markup(tmp_path):
    text = "So we started with bees. It took years, and a lot of help from the city."
    edited, problems = read(tmp_path, f"<!doctype html><html><body>\n<article>\n<p>{text}</p>\n<p>{text}</p>\n</article></body></html>")
    assert problems == [] and isinstance(edited, EditedText)
    assert [(t, o.line) for t, o in edited.paragraphs] == [(text, 3), (text, 4)]


def test_a_podcasting_html_transcript_is_still_read_by_its_own_reader(tmp_path):
    page = "<html><body>\n<cite>Ana:</cite>\n<time>0:00</time>\n<p>Hello there.</p>\n<cite>Bo:</cite>\n<time>0:05</time>\n<p>Hi.</p>\n</body></html>\n"
    transcript, problems = read(tmp_path, page)
    assert problems == [] and isinstance(transcript, TimedTranscript)
    assert [(s.label, s.start) for s in transcript.segments] == [("Ana", 0.0), ("Bo", 5.0)]


def test_a_page_s_long_inline_script_is_no_reason_to_refuse_it_but_a_long_line_of_its_text_is(tmp_path):
    """QA27: a page saved with its 1.2 MB line of preloaded data (Substack's) was "a line of
    1,228,924 characters: no transcript writes lines that long", though scripts are never read."""
    from generator.readers import MAX_LINE

    text = "So we started with bees. It took years, and a lot of help from the city."
    page = f"<!doctype html><html><head>\n<script>window._preloads = {{\"x\": \"{'a' * (MAX_LINE + 1)}\"}}</script>\n</head><body>\n<p>{text}</p>\n<p>{text}</p>\n</body></html>"
    edited, problems = read(tmp_path, page)
    assert problems == [] and isinstance(edited, EditedText)
    assert [(t, o.line) for t, o in edited.paragraphs] == [(text, 4), (text, 5)]
    said = "word " * (MAX_LINE // 5 + 1)
    assert read(tmp_path, f"<!doctype html><html><body>\n<p>{text}</p>\n<p>{said}</p>\n</body></html>") == (
        None, [f"page.html:3: a line of {len(said.strip()):,} characters: no transcript writes lines that long; is this the right file?"])


def test_a_page_with_no_text_says_so(tmp_path):
    assert read(tmp_path, "<html><head><script>x()</script></head><body><nav>Home</nav></body></html>") == (None, ["page.html: a web page with no text on it"])


def test_what_a_reader_of_the_page_sees_is_its_text_and_nothing_else():
    """QA26: a <pre> page (Chrome saves a text file so) was one line; text hidden by its attribute or
    style, and a <title> outside a <head>, were words said; a table's row was a line a cell."""
    pre = '<!DOCTYPE html><html><head></head><body><pre style="white-space: pre-wrap;">Title line\nSecond line\n\nNew paragraph</pre></body></html>'
    assert [line for _, line in shown(pre)] == ["Title line", "Second line", "", "New paragraph"]
    assert [n for n, line in shown(pre) if line] == [1, 2, 4]
    hidden = ('<!DOCTYPE html>\n<meta charset="utf-8">\n<title>Not shown</title>\n<p>Shown.</p>\n'
              '<div style="color: red; display:none"><div>Subscribe</div> to read</div>\n<div hidden><p>Thanks</p></div>\n'
              '<table><tr><td>00:09:39</td><td>Emotions</td></tr></table>\n<p>Last.</p>')
    assert [line for _, line in shown(hidden)] == ["Shown.", "", "00:09:39 Emotions", "", "Last."]


def test_xhtml_with_its_xml_line_is_a_web_page(tmp_path):
    text = "So we started with bees. It took years, and a lot of help from the city."
    page = f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>{text}</p><p>{text}</p></body></html>'
    edited, problems = read(tmp_path, page, "page.xhtml")
    assert problems == [] and isinstance(edited, EditedText) and [t for t, _ in edited.paragraphs] == [text, text]


def test_a_page_of_many_small_elements_reads_in_linear_time(tmp_path):
    """QA26: 60,000 <span>s in one <div> took ~30 s, and 60,000 <nav>s then as many stray </aside>
    ~40 s (each line's text joined again per piece, each end tag looked through every open one).
    Read in a child process stopped after 60 s (it takes a second or two)."""
    import subprocess
    import sys

    (tmp_path / "spans.html").write_text("<html><body><div>" + "<span>word</span> " * 60_000 + "</div></body></html>", encoding="utf-8")
    (tmp_path / "navs.html").write_text("<html><body>" + "<nav>" * 60_000 + "</aside>" * 60_000 + "<p>Said.</p></body></html>", encoding="utf-8")
    script = (
        "import sys; from pathlib import Path; from generator.errors import Problems; from generator.readers.base import decode\n"
        "from generator.readers.html_text import visible_text\n"
        "for name in ('spans.html', 'navs.html'):\n"
        "    text, _ = visible_text(decode(name, (Path(sys.argv[1]) / name).read_bytes(), Problems()))\n"
        "    print(len(text.lines), len(' '.join(text.lines).split()))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert done.stdout.split("\n")[:2] == ["1 60000", "0 0"], done.stderr


def test_a_page_ending_in_a_run_of_unclosed_tags_reads_in_linear_time(tmp_path):
    """100 KB of "<v " (or "<a b='") after a page's last ">": html.parser looked for each one's end
    through the rest of the file (~95 s), as a saved page and a Podcasting 2.0 transcript alike. The
    run is read as the text it is. Read in a child process stopped after 60 s (it takes well under one)."""
    import subprocess
    import sys

    run = "<v " * 33_000 + "<a b='" * 5_000
    (tmp_path / "page.html").write_text("<html><body><p>Said.</p><p>" + run, encoding="utf-8")
    (tmp_path / "cites.html").write_text("<cite>Ana:</cite> <time>0:01</time> <p>Said.</p><cite>Bo:</cite> <time>0:05</time> <p>" + run, encoding="utf-8")
    script = (
        "import sys; from pathlib import Path; from generator.errors import Problems; from generator.readers import read_source\n"
        "for name, role in (('page.html', 'edited'), ('cites.html', 'transcript-html')):\n"
        "    p = Problems(); s = read_source(Path(sys.argv[1]) / name, name, role, p)\n"
        "    text = s.paragraphs[-1][0] if hasattr(s, 'paragraphs') else s.segments[-1].text\n"
        "    print(type(s).__name__, len(p.items), text.count('<v'))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, timeout=60, cwd=Path(__file__).resolve().parent.parent)
    assert done.stdout.split("\n")[:2] == ["EditedText 0 33000", "TimedTranscript 0 33000"], done.stderr


def test_a_saved_essay_that_cites_two_works_is_no_podcasting_transcript(tmp_path):
    """QA26: two <cite>s in a saved page's prose (and no <time>) made it a Podcasting 2.0
    transcript that failed for want of times."""
    text = "So we started with bees. It took years, and a lot of help from the city, as <cite>Bees</cite> says."
    page = f"<!DOCTYPE html><html><body><p>{text}</p><p>{text.replace('Bees', 'Hives')}</p></body></html>"
    edited, problems = read(tmp_path, page)
    assert problems == [] and isinstance(edited, EditedText) and len(edited.paragraphs) == 2


def test_a_pages_furniture_is_no_text_of_it():
    """QA26: a saved essay's footnotes ("1. See The Bitter Lesson…") were laid past the edited
    transcript's end as passages said; "Subscribe" and "Share" boxes and comments likewise."""
    page = ('<!DOCTYPE html><html><body><article><p>Said<a class="footnote-anchor" href="#fn1">1</a>.</p>'
            '<div class="subscribe-widget"><p>Subscribe now</p></div><div id="share_dialog">Share</div>'
            '<p>Said again.</p><section class="footnotes"><p>1. See The Bitter Lesson.</p></section>'
            '<div class="comments-section"><p>Great episode!</p></div><p class="post-content shared">Last.</p></article></body></html>')
    assert [line for _, line in shown(page) if line] == ["Said.", "Said again.", "Last."]


def test_a_tag_the_files_end_cut_off_is_not_shown():
    """QA40 F4: a saved page cut inside a tag showed "<" and "/p" as its last lines' words."""
    assert shown("<html><body><p>Ana Lima: Hello there.</p>\n<p>Bo Chen: Bye now.</p") == [(1, "Ana Lima: Hello there."), (2, ""), (2, "Bo Chen: Bye now.")]
