"""The edited-transcript reader and format detection across all readers."""

from __future__ import annotations

import pytest

from generator.errors import Problems
from generator.readers import read_source
from generator.readers.edited import READER
from generator.model import EditedText, PodcastPage, SummaryPage, WordPart
from helpers import read_text

from conftest import ROOT, SEEDS


def test_real_edited_text():
    edited, problems = read_text(READER, (SEEDS / "004_9c1d77b42b164a4b.txt").read_text(encoding="utf-8"), "ed.txt")
    assert problems == []
    assert edited.paragraphs[0][0].startswith("You know what's crazy? That all of this is real.")
    assert edited.paragraphs[0][1].line == 1
    assert edited.paragraphs[-1][0].endswith("what this new recipe might look like?")


@pytest.mark.parametrize(
    "name, kind",
    [
        ("000_bda1352659bf82d4.txt", WordPart),
        ("001_a9af0ab92605b360.txt", WordPart),
        ("002_381b167b6f003a42.txt", SummaryPage),
        ("003_6a06623c62d9b10e.txt", PodcastPage),
        ("004_9c1d77b42b164a4b.txt", EditedText),
    ],
)
def test_each_real_source_is_recognised_from_its_content(name, kind):
    problems = Problems()
    assert isinstance(read_source(SEEDS / name, name, None, problems), kind)
    assert not problems


def test_role_in_site_toml_overrides_detection(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("Key Takeaways\n\n  • One: a takeaway that reads as prose. It has sentences. Many of them here.\n")
    problems = Problems()
    assert isinstance(read_source(path, "x.txt", "edited", problems), EditedText)


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"", "x.txt: file is empty"),
        (b"hello\n\x81\x8d world\n", "x.txt:2: not valid UTF-8 (byte 0x81) nor Windows-1252 text"),  # 0xff 0xfe: Windows-1252's "ÿþ"
        (b"just three words", "x.txt: cannot tell what kind of source this is"),
        ("WEBVTT\n\n00:00.000 --> 00:01.000\nHi.\n".encode("utf-16")[:-1], "x.txt:4: not valid UTF-16-LE (a cut-off or lone character)"),
        (b"\xff\xfe" + "Line one\nthen \ud800 lone\n".encode("utf-16-le", "surrogatepass"), "x.txt:2: not valid UTF-16-LE"),
    ],
)
def test_unreadable_sources(tmp_path, raw, message):
    path = tmp_path / "x.txt"
    path.write_bytes(raw)
    problems = Problems()
    assert read_source(path, "x.txt", None, problems) is None
    assert str(problems.items[0]).startswith(message)


def test_a_source_far_larger_than_any_episode_is_refused_not_merged(tmp_path, monkeypatch):
    """20 million words in one caption cue took 13 GB to merge: past MAX_TEXT characters of
    transcript (or MAX_SOURCE_BYTES on disk) a source is a located problem. Limits lowered here."""
    import generator.readers as readers

    path = tmp_path / "big.vtt"
    path.write_text("WEBVTT\n\n00:00.000 --> 00:05.000\n" + "word " * 300 + "\n", encoding="utf-8")
    monkeypatch.setattr(readers, "MAX_TEXT", 1000)
    problems = Problems()
    assert read_source(path, "big.vtt", None, problems) is None
    assert str(problems.items[0]) == "big.vtt: 1,499 characters of transcript: more than any episode holds (the limit, 1,000, is ~35 hours of speech); is this the right file?"
    monkeypatch.setattr(readers, "MAX_SOURCE_BYTES", 100)
    problems = Problems()
    assert read_source(path, "big.vtt", None, problems) is None
    assert "larger than any episode's source" in str(problems.items[0])


def test_a_text_file_of_far_more_characters_than_any_episode_is_refused_before_it_is_read(tmp_path, monkeypatch):
    """A 50 MB caption file was decoded, detected and parsed (1.5 min, 770 MB) before its 29 million
    characters of transcript were refused: a text file's own size tells first. JSON and markup,
    whose keys and tags can be 60x their text, are measured once read. Limit lowered here."""
    import generator.readers as readers

    monkeypatch.setattr(readers, "MAX_TIMED_TEXT", 1000, raising=False)
    vtt = tmp_path / "big.vtt"
    vtt.write_text("WEBVTT\n\n00:00.000 --> 00:05.000\n" + "wörd " * 300 + "\n", encoding="utf-8")
    monkeypatch.setattr(readers, "READERS", {})  # nothing is detected nor parsed
    problems = Problems()
    assert read_source(vtt, "big.vtt", None, problems) is None
    assert [str(p) for p in problems.items] == ["big.vtt: 1,533 characters: more than any episode's source holds (~35 hours of speech, every word timed, is 1,000 at most); is this the right file?"]
    monkeypatch.undo()
    monkeypatch.setattr(readers, "MAX_TIMED_TEXT", 1000, raising=False)
    problems = Problems()
    assert read_source(ROOT / "tests" / "fixtures" / "readers" / "whisperx.json", "whisperx.json", None, problems) is not None and not problems.items


def test_chapter_lines_above_and_in_the_text_are_its_chapters_not_its_words():
    text = (
        "Chapters\n0:00 Intro\n4:10 Why bees matter\n\nTranscript\n\n0:00 Intro\n\n"
        "Welcome back to the show. Today we talk about bees and why they matter so much to cities.\n\n"
        "4:10 Why bees matter\n\n"
        "10:30 is when the storm hit the hives, and we lost half of them before the morning came round.\n\n"
        "Contents\n\nThat was the word on the label. It said contents under pressure, and so on.\n"
    )
    edited, problems = read_text(READER, text, "ed.txt")
    assert problems == []
    assert [(c.title, c.start, c.origin.line) for c in edited.chapters] == [("Intro", 0.0, 2), ("Why bees matter", 250.0, 3)]
    assert [(t[:20], o.line) for t, o in edited.paragraphs] == [
        ("Transcript", 5), ("Welcome back to the ", 9), ("10:30 is when the st", 13), ("Contents", 15), ("That was the word on", 17)]


def test_chapter_lines_out_of_order_are_no_chapter_list():
    edited, problems = read_text(READER, "2:00 Later\n1:00 Earlier\n\nSome prose here. It has sentences, and long ones at that.\n", "ed.txt")
    assert problems == [] and edited.chapters == ()
    assert [t for t, _ in edited.paragraphs] == ["Some prose here. It has sentences, and long ones at that."]


def test_prose_that_opens_with_a_time_is_said_even_two_paragraphs_running(tmp_path):
    """QA26: "10:30 is when the storm hit…" was taken out of the text as a chapter (and stopped the
    build when past the episode's end); a paragraph is a chapter line only in a list, or where a
    list names it."""
    text = ("We kept the hives on the roof for years, and the city never minded at all.\n\n"
            "10:30 is when the storm hit, and we all ran down to the basement.\n\n"
            "11:45 or so, the wind finally calmed down…\n\n12:05 Later\n")
    edited, problems = read_text(READER, text, "ed.txt")
    assert problems == [] and edited.chapters == ()
    assert [t[:5] for t, _ in edited.paragraphs] == ["We ke", "10:30", "11:45", "12:05"]


def test_an_intro_chapter_listed_and_repeated_as_a_heading_is_no_speakers_turn(tmp_path):
    """QA26: "(00:00:00) – Intro" above the text and again as its first heading read as two turns of
    a speaker called Intro: the file was a publisher's transcript and the build stopped."""
    body = "You know what's crazy? That all of this is real. Meaning what? Don't you think so? All this AI stuff, all this Bay Area.\n\n" * 8
    text = "Timestamps\n(00:00:00) – Intro\n(00:09:39) – Emotions and value functions\n\nTranscript\n\n(00:00:00) – Intro\n\n" + body
    path = tmp_path / "ed.txt"
    path.write_text(text, encoding="utf-8")
    problems = Problems()
    edited = read_source(path, "ed.txt", None, problems)
    assert not problems and isinstance(edited, EditedText)
    assert [(c.title, c.start) for c in edited.chapters] == [("Intro", 0.0), ("Emotions and value functions", 579.0)]


MARKDOWN = """# Bees, mites and money: a conversation with Bo Chen

*Edited for length and clarity.*

## How it started

**Ana Lima:** So how did the *whole* project start for you?

**Bo Chen:** It started with a single hive, as [my grandmother](https://example.com/gran) kept one. \\*Really\\*.

---

## Colony collapse

**ANA LIMA**

Let's talk about the science of colony collapse for a moment, if we may.
"""


def test_an_edited_transcript_in_markdown_is_its_text_without_the_markup(tmp_path):
    """QA28: an edited transcript exported as Markdown was published as written: "** So how…",
    its headings and its "*Edited for length and clarity.*" said by the host, a link's address
    in the text; with names bold on lines of their own it was "cannot tell what kind of source"."""
    path = tmp_path / "edited.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    problems = Problems()
    edited = read_source(path, "edited.md", None, problems)
    assert problems.items == [] and isinstance(edited, EditedText)
    assert [(text, origin.line) for text, origin in edited.paragraphs] == [
        ("Ana Lima: So how did the whole project start for you?", 7),
        ("Bo Chen: It started with a single hive, as my grandmother kept one. *Really*.", 9),
        ("ANA LIMA", 15),
        ("Let's talk about the science of colony collapse for a moment, if we may.", 17),
    ]


def test_an_edited_transcript_hard_wrapped_at_72_columns_keeps_its_paragraphs_whole():
    # each wrapped line was a paragraph of its own (the embedded episode's: 471 passages, not 231),
    # cut mid-sentence, and a word wrapped at its hyphen shown as "pre- training"
    import textwrap

    original, _ = read_text(READER, (SEEDS / "004_9c1d77b42b164a4b.txt").read_text(encoding="utf-8"), "ed.txt")
    wrapped = "\n\n".join(textwrap.fill(text, 72) for text, _ in original.paragraphs) + "\n"
    edited, problems = read_text(READER, wrapped, "ed.txt")
    assert problems == []
    assert [text for text, _ in edited.paragraphs] == [text for text, _ in original.paragraphs]
    assert edited.paragraphs[1][1].line == wrapped.split("\n\n")[0].count("\n") + 3  # where the second paragraph starts


def test_a_wrapped_edited_transcript_keeps_the_names_above_its_paragraphs_apart():
    text = ("Ana Lima:\nSo how did it all start for you, and when did you\nfirst think of keeping bees?\n\n"
            "Bo Chen:\nWith a single hive in my garden. It was a gift\nfrom my uncle, who kept forty.\n")
    edited, problems = read_text(READER, text, "ed.txt")
    assert problems == []
    assert [t for t, _ in edited.paragraphs] == ["Ana Lima:", "So how did it all start for you, and when did you first think of keeping bees?",
                                                "Bo Chen:", "With a single hive in my garden. It was a gift from my uncle, who kept forty."]


def test_names_alone_above_the_paragraphs_of_an_edited_transcript_stay_apart_from_them():
    text = ("Ana Lima\nSo how did it all start for you? When did you first think of keeping bees on the roof of your building?\n\n"
            "Bo Chen\nWith a single hive in my garden. It was a gift from my uncle, who kept forty of them in the countryside.\n")
    edited, problems = read_text(READER, text, "ed.txt")
    assert problems == []
    assert [t for t, _ in edited.paragraphs][::2] == ["Ana Lima", "Bo Chen"]


def test_a_wrapped_edited_transcript_with_each_name_alone_above_its_paragraph_is_edited_text(tmp_path):
    # the short name lines and a paragraph's short last lines made its lines too short for prose:
    # "cannot tell what kind of source this is"
    text = ("Ana Lima\nSo how did it all start for you, and when did you first think of\nkeeping bees on the roof of your building?\n\n"
            "Bo Chen\nWith a single hive in my garden. It was a gift from my uncle, who\nkept forty of them.\n\n"
            "Ana Lima\nA single hive, really? And the neighbours did not complain about\nthe swarm?\n\n"
            "Bo Chen\nThey complained a lot, until the first jar of honey arrived at\nevery door.\n")
    (tmp_path / "ed.txt").write_text(text, encoding="utf-8")
    problems = Problems()
    edited = read_source(tmp_path / "ed.txt", "ed.txt", None, problems, listed=False)
    assert problems.items == []
    assert [t for t, _ in edited.paragraphs][:2] == ["Ana Lima", "So how did it all start for you, and when did you first think of keeping bees on the roof of your building?"]


def test_an_edited_transcript_hard_wrapped_at_60_columns_is_edited_text(tmp_path):
    # its lines averaged under the 60 characters prose has: "cannot tell what kind of source this is"
    import textwrap

    original, _ = read_text(READER, (SEEDS / "004_9c1d77b42b164a4b.txt").read_text(encoding="utf-8"), "ed.txt")
    (tmp_path / "ed.txt").write_text("\n\n".join(textwrap.fill(text, 60) for text, _ in original.paragraphs) + "\n", encoding="utf-8")
    problems = Problems()
    edited = read_source(tmp_path / "ed.txt", "ed.txt", None, problems, listed=False)
    assert problems.items == []
    assert [text for text, _ in edited.paragraphs] == [text for text, _ in original.paragraphs]
