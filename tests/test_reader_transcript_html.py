"""The Podcasting 2.0 HTML transcript reader: <cite> speaker, <time> start, <p> text per monologue."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.readers.transcript_html import READER
from helpers import read_or_problems, read_text

FIXTURES = Path(__file__).parent / "fixtures" / "readers"


def test_each_monologue_is_its_speaker_start_and_text_with_markup_dropped():
    transcript, problems = read_text(READER, (FIXTURES / "podcast2.html").read_text(encoding="utf-8"), "podcast2.html")
    assert problems == []
    assert transcript.format == "transcript-html" and not transcript.edited
    assert [(s.label, s.start, s.end, s.text) for s in transcript.segments] == [
        ("Ana Host", 0.0, None, "Welcome back. Today we're talking about bees on rooftops & what they need to get through a city winter."),
        # "Bo Guest :" as the spec's own example writes it; a paragraph with no <time> continues the monologue
        ("Bo Guest", 9.0, None, "Thanks for having me. It started with a single hive, on a roof in Leeds.\n\nAnd it grew from there."),
        ("Ana Host", 3723.0, None, "One hour in, and we are still on bees."),
    ]
    assert [s.origin.line for s in transcript.segments] == [7, 13, 17]


def test_without_any_time_it_says_to_read_it_as_edited_text():
    _, problems = read_text(READER, "<cite>Ana:</cite>\n<p>Hello.</p>\n", "t.html")
    assert problems == ['t.html:2: no <time> before any paragraph: an HTML transcript needs each speaker\'s start (<time>0:00</time>); without times, set role = "edited"']


def test_bad_times_are_refused_at_their_line():
    text = "<cite>A:</cite>\n<time>0:10</time>\n<p>One.</p>\n<cite>B:</cite>\n<time>soon</time>\n<p>Two.</p>\n<cite>A:</cite>\n<time>0:05</time>\n<p>Three.</p>\n"
    _, problems = read_text(READER, text, "t.html")
    assert problems == ["t.html:5: unreadable time 'soon' (expected h:mm:ss or m:ss)", "t.html:8: time goes backwards: 0:00:05 comes after 0:00:10 (line 2)"]


def test_a_change_of_speaker_without_its_own_time_is_refused():
    text = "<cite>A:</cite>\n<time>0:10</time>\n<p>One.</p>\n<cite>B:</cite>\n<p>Two.</p>\n"
    _, problems = read_text(READER, text, "t.html")
    assert problems == ["t.html:5: a paragraph by 'B' has no <time> of its own: give each change of speaker its start"]


def test_a_file_cut_off_inside_its_last_paragraph_keeps_what_it_has():
    transcript, problems = read_text(READER, "<cite>A:</cite><time>0:01</time><p>Complete.</p>\n<cite>A:</cite><time>0:04</time><p>Cut off in the mid", "t.html")
    assert problems == [] and [s.text for s in transcript.segments] == ["Complete.", "Cut off in the mid"]


def test_hostile_markup_never_raises():
    for raw in (b"<p><time>", b"<cite><cite><time>1:00</time><p>x", b"<time>99:99:99</time><p>x</p>", b"<time>" + b"9" * 5000 + b"</time><p>x</p>", b"<p>" * 10_000):
        read_or_problems(READER, raw)


def test_a_cite_or_time_inside_a_paragraphs_text_is_text_and_at_its_start_names_the_turn():
    # They closed the paragraph: "I was reading" was all that was left of it.
    text = (
        "<cite>Ana:</cite><time>0:00</time><p>I was reading <cite>The Bitter Lesson</cite> at <time>9:30</time> today.</p>\n"
        "<p><cite>Bo:</cite> <time>0:12</time> Me too.</p>\n"
    )
    transcript, problems = read_text(READER, text, "t.html")
    assert problems == [] and [(s.label, s.start, s.text) for s in transcript.segments] == [
        ("Ana", 0.0, "I was reading The Bitter Lesson at 9:30 today."),
        ("Bo", 12.0, "Me too."),
    ]


def test_a_page_with_one_time_and_paragraphs_is_no_transcript():
    from generator.errors import Problems
    from generator.readers.base import decode

    notes = "<h1>Episode 12</h1><p>Length <time>1:40</time></p><p>Links and notes.</p>"
    assert not READER.detect(decode("n.html", notes.encode(), Problems()))


def test_a_paragraph_of_a_speaker_and_a_start_heads_the_paragraphs_below_it():
    html = (
        '<div class="turn"><p class="speaker"><cite>Ana Lima</cite> <time>0:00</time></p>\n<p>Hello there.</p>\n<p>Welcome.</p></div>\n'
        '<div class="turn"><p class="speaker"><cite>Bo Chen</cite> <time>0:09</time></p>\n<p>Thanks.</p></div>\n'
    )
    doc, problems = read_text(READER, html)
    assert problems == []
    assert [(s.label, s.start, s.text) for s in doc.segments] == [("Ana Lima", 0, "Hello there.\n\nWelcome."), ("Bo Chen", 9, "Thanks.")]


@pytest.mark.parametrize("cut", ["</p", "</", "<", "</p>\n<ci", "</p>\n<!-- end"])
def test_a_tag_the_files_end_cut_off_is_no_words(cut):
    """QA40 F4: a file cut inside its last closing tag built with "</p" as the last words said, on
    the pages, in the search index and the exports."""
    text = "<cite>Maya Rao:</cite>\n<time>0:00</time>\n<p>Hello there.</p>\n<cite>José Álvarez:</cite>\n<time>0:04</time>\n<p>Gracias, Maya, never stir the rice." + cut
    transcript, problems = read_text(READER, text, "t.html")
    assert problems == []
    assert [(s.label, s.text) for s in transcript.segments] == [("Maya Rao", "Hello there."), ("José Álvarez", "Gracias, Maya, never stir the rice.")]
