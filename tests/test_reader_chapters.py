"""The chapter list reader: Podcasting 2.0 chapters JSON and plain lists such as YouTube's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.errors import Problems
from generator.model import ChapterList
from generator.readers.base import decode
from generator.readers import chapterlines
from generator.readers.chapters import READER
from generator.readers.podcast_page import READER as PAGE_READER
from helpers import HOSTILE, damaged, read_or_problems, read_text

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
JSON_CHAPTERS = FIXTURES / "chapters_podcasting20.json"
YOUTUBE = FIXTURES / "chapters_youtube.txt"


def detects(text: str) -> bool:
    return READER.detect(decode("src.txt", text.encode("utf-8"), Problems()))


def as_json(chapters: list) -> str:
    return json.dumps({"version": "1.2.0", "chapters": chapters}, indent=2)


def test_podcasting20_json_skips_toc_false_entries():
    chapters, problems = read_text(READER, JSON_CHAPTERS.read_text(encoding="utf-8"), "c.json")
    assert problems == []
    assert isinstance(chapters, ChapterList) and chapters.path == "c.json"
    # "Photo of the jars" is a picture shown while playing ("toc": false), not a chapter
    assert [(c.title, c.start, c.origin.line) for c in chapters.chapters] == [
        ("Intro", 0, 7), ("A kitchen drawer of beans", 14.5, 12), ("Nine hundred varieties", 62, 24),
        ("Sending seeds to anyone who asks", 1865.25, 28),
    ]


def test_youtube_description_list():
    chapters, problems = read_text(READER, YOUTUBE.read_text(encoding="utf-8"), "yt.txt")
    assert problems == []
    assert [(c.title, c.start, c.origin.line) for c in chapters.chapters] == [
        ("Intro", 0, 2), ("Learning curves", 161, 3), ("Grid storage", 545, 4), ("Why lithium won", 3599, 5),
        ("What comes next", 3730, 6),
    ]


@pytest.mark.parametrize(
    "line",
    ["(00:12:34) – Title", "(00:12:34) - Title", "00:12:34 Title", "00:12:34 - Title", "12:34 - Title",
     "12:34 Title", "[00:12:34] Title", "0:12:34 — Title", "- 12:34 Title", "• (00:12:34) Title",
     "12:34: Title", "Title @ 12:34"],  # "12:34: Title" was no chapter line, "Title @ 12:34" titled "Title @"
)
def test_every_list_line_shape(line):
    text = f"Timestamps\n\n0:00 Intro\n{line}\n"
    assert detects(text)
    chapters, problems = read_text(READER, text)
    assert problems == []
    assert [(c.title, c.start) for c in chapters.chapters] == [("Intro", 0), ("Title", 754)]


def test_a_list_may_start_after_zero():
    chapters, problems = read_text(READER, "2:00 Storms\n5:00 Floods\n")
    assert problems == [] and chapters.chapters[0].start == 120
    chapters, problems = read_text(READER, as_json([{"startTime": 30, "title": "Storms"}, {"startTime": 60, "title": "Floods"}]))
    assert problems == [] and chapters.chapters[0].start == 30


def test_json_start_times_written_as_strings_are_read_where_unambiguous():
    # files in the wild write every time as a string; "62.5" and "00:01:02" were refused
    text = as_json([{"startTime": "0", "title": "Intro"}, {"startTime": "62.5", "title": "Storms"},
                    {"startTime": "00:03:04", "title": "Floods", "endTime": "5:00"}, {"startTime": " 1:02:03.5 ", "title": "Calm"}])
    chapters, problems = read_text(READER, text)
    assert problems == [] and [(c.title, c.start) for c in chapters.chapters] == [("Intro", 0.0), ("Storms", 62.5), ("Floods", 184.0), ("Calm", 3723.5)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("0:00 Intro\n0:6x Storms\n", ["src.txt:2: unreadable or impossible chapter time (0:6x)"]),
        ("0:00 Intro\n(00:61:00) – Storms\n", ["src.txt:2: unreadable or impossible chapter time (00:61:00)"]),
        ("0:00 Intro\n10:00 Two\n5:00 Three\n", ["src.txt:3: chapter 'Three' at 00:05:00 is not after 'Two' at 00:10:00"]),
        ("0:00 Intro\n0:00 Again\n", ["src.txt:2: chapter 'Again' at 00:00:00 is not after 'Intro' at 00:00:00"]),
        ("Chapters\n0:00 Intro\nsee the show notes\n1:00 Storms\n",
         ["src.txt:3: not a chapter line: 'see the show notes' (expected '(hh:mm:ss) – Title')"]),
        ("Chapters\n0:00 Intro\n00:09:39\n1:00 Storms\n",  # a time alone was quoted cut short, as "(00:09:3)" titled "9"
         ["src.txt:3: not a chapter line: '00:09:39' (expected '(hh:mm:ss) – Title')"]),
        ("Chapters\n\n", ["src.txt: no chapters found (expected lines like '(00:12:34) – Title' or '0:00 Intro', or Podcasting 2.0 JSON)"]),
        ('{"version": "1.2.0",\n "chapters": [\n  {"startTime": 0, "title": "Intro"},\n ]}',
         ["src.txt:4: not valid JSON: Expecting value (column 2)"]),
        ('{"version": "1.2.0", "chapters": {}}', ['src.txt:1: not a Podcasting 2.0 chapters file: expected {"version": "1.2.0", "chapters": [...]}']),
        ('{"version": "1.2.0", "chapters": []}', ["src.txt: no chapters found (expected lines like '(00:12:34) – Title' or '0:00 Intro', or Podcasting 2.0 JSON)"]),
        (as_json([{"startTime": 0, "title": "Intro"}, {"title": "Storms"}]), ["src.txt:8: chapter 2 has no startTime"]),
        (as_json([{"startTime": 0, "title": "Intro"}, {"startTime": "00:01:00:12", "title": "Storms"}]),  # frames? hours?
         ["src.txt:8: chapter 2: 'startTime' must be a number of seconds (or a time like \"00:01:02\"), not '00:01:00:12'"]),
        (as_json([{"startTime": 0, "title": "Intro"}, {"startTime": "62,5", "title": "Storms"}]),  # 62.5 or 625?
         ["src.txt:8: chapter 2: 'startTime' must be a number of seconds (or a time like \"00:01:02\"), not '62,5'"]),
        (as_json([{"startTime": 0, "title": "Intro"}, {"startTime": "00:61:00", "title": "Storms"}]),
         ["src.txt:8: chapter 2: impossible startTime '00:61:00'"]),
        (as_json([{"startTime": -5, "title": "Intro"}]), ["src.txt:4: chapter 1: impossible startTime -5"]),
        ('{"chapters": [{"startTime": 1e999, "title": "Intro"}]}', ["src.txt:1: chapter 1: impossible startTime inf"]),
        (as_json([{"startTime": 0, "title": "Intro"}, {"startTime": 60}]),
         ['src.txt:8: chapter 2 at 00:01:00 has no title (give it one, or mark it "toc": false)']),
        (as_json([{"startTime": 0, "title": ["Intro"]}]), ["src.txt:4: chapter 1: 'title' must be a string, not ['Intro']"]),
        (as_json([{"startTime": 0, "title": "Intro", "toc": "no"}]), ["src.txt:4: chapter 1: 'toc' must be true or false, not 'no'"]),
        (as_json([{"startTime": 60, "endTime": 30, "title": "Intro"}]),
         ["src.txt:4: chapter 'Intro' ends at 00:00:30, before it starts at 00:01:00"]),
        (as_json([{"startTime": 0, "title": "Intro"}, "Storms"]),
         ['src.txt:8: chapter 2 is not an object like {"startTime": 0, "title": "Intro"}']),
        (as_json([{"startTime": 60, "title": "One"}, {"startTime": 30, "title": "Two"}]),
         ["src.txt:8: chapter 'Two' at 00:00:30 is not after 'One' at 00:01:00"]),
    ],
    ids=["garbled time", "61st minute", "out of order", "same start", "not a chapter line", "a time alone", "no chapters", "JSON syntax",
         "chapters not a list", "empty JSON list", "no startTime", "startTime in frames", "startTime with a comma", "startTime past 59 minutes", "negative", "infinite",
         "no title", "title not a string", "toc not a bool", "ends before it starts", "not an object", "JSON out of order"],
)
def test_malformed_input_names_the_line(text, expected):
    chapters, problems = read_text(READER, text)
    assert chapters is None
    assert problems == expected


def test_every_problem_is_reported_not_just_the_first():
    _, problems = read_text(READER, "0:00 Intro\n0:6x Two\nnot a chapter\n5:00 Three\n2:00 Four\n")
    assert [p.split(":")[1] for p in problems] == ["2", "3", "5"]
    _, problems = read_text(READER, as_json([{"startTime": "0"}, {"startTime": 5, "title": 7}, {"startTime": 9, "title": "ok"}]))
    assert [p.split(":")[1] for p in problems] == ["4", "7"]


def test_the_podcast_page_and_a_list_read_the_same_line_the_same_way():
    """One chapter parser: the same bad line gives the same message wherever it sits."""
    page = "Show\n\nTimestamps\n\n(00:00:00) – One\n\n(00:6x:00) – Two\n\nTranscript\n\nSpeaker 1 Hi.\n\nSpeaker 2 Ho.\n"
    _, page_problems = read_text(PAGE_READER, page)
    _, list_problems = read_text(READER, "Chapters\n\nTimestamps\n\n(00:00:00) – One\n\n(00:6x:00) – Two\n")
    assert page_problems == list_problems == ["src.txt:7: unreadable or impossible chapter time (00:6x:00)"]


def test_detection():
    assert detects(YOUTUBE.read_text(encoding="utf-8"))
    assert detects(JSON_CHAPTERS.read_text(encoding="utf-8"))
    assert not detects("0:00 Intro\n")  # one line is not a list
    assert not detects("0:00 Intro\n1:00 Storms\nAnd then we talked for an hour.\n")
    assert not detects('{"version": "1.0.0", "segments": [{"startTime": 0, "endTime": 1, "body": "Hi"}]}')
    assert not detects('{"chapters": ')
    # one-line turns of a publisher transcript look like chapter lines; people speaking twice give them away
    assert not detects("[00:00:00] Ana Lima: Hi.\n[00:00:05] Bo Chen: Hello.\n[00:00:09] Ana Lima: Ready?\n")


@pytest.mark.parametrize("sep", [": ", " - "])
def test_a_list_of_titles_first_is_a_chapter_list_not_a_transcript(sep):
    """QA28: "Intro: 0:00" is a one-word name and a stamp, so "Intro" and "Outro" headed turns whose
    text was the other chapters ("How it started: 5:12"): "does not match the episode's transcript"."""
    titles = [("Intro", "0:00"), ("How it started", "5:12"), ("Colony collapse", "12:40"), ("Business of pollination", "1:02:15"), ("Outro", "1:55:20")]
    text = "".join(f"{title}{sep}{stamp}\n" for title, stamp in titles)
    assert detects(text)
    chapters, problems = read_text(READER, text)
    assert problems == [] and [c.title for c in chapters.chapters] == [t for t, _ in titles]


@pytest.mark.parametrize("line", ["{stamp} {title}", "({stamp}) – {title}", "[{stamp}] {title}"])
def test_a_list_naming_two_chapters_alike_is_a_list_not_a_transcript(line):
    """QA27: two chapters called "Questions" were a person speaking twice, so the show notes were a
    publisher's transcript of five bodiless turns ("does not match the episode's transcript")."""
    titles = [("0:00", "Arrival"), ("2:03", "Questions"), ("2:57", "The long story"), ("5:04", "Questions"), ("5:52", "Goodbyes")]
    text = "Bees on the roof\n\nChapters\n" + "".join(line.format(stamp=t, title=x) + "\n" for t, x in titles)
    assert detects(text)
    chapters, problems = read_text(READER, text)
    assert problems == []
    assert [c.title for c in chapters.chapters] == [x for _, x in titles]


# --- hostile input: a source or problems, never an exception ------------------------------------

SAMPLES = [p.read_text(encoding="utf-8") for p in (JSON_CHAPTERS, YOUTUBE)]
ALPHABET = list('0123456789:.()[]{}",-–# \n\taZé\u2028')
PIECES = st.lists(st.sampled_from(ALPHABET + ["Chapters\n", "0:00 ", '"startTime": ', '"title": ', '"chapters": [', "1e999", "toc"]), max_size=60).map("".join)


def outcome(raw: bytes) -> None:
    chapters = read_or_problems(READER, raw)
    if chapters is not None:
        assert chapters.chapters and all(c.title for c in chapters.chapters)


@HOSTILE
@given(PIECES)
def test_random_text_gives_chapters_or_problems(text):
    outcome(text.encode("utf-8"))


@HOSTILE
@given(st.binary(max_size=300))
def test_random_bytes_give_chapters_or_problems(raw):
    outcome(raw)


@HOSTILE
@given(st.sampled_from(SAMPLES), st.data())
def test_truncated_and_damaged_fixtures_give_chapters_or_problems(sample, data):
    outcome(damaged(data, sample, ALPHABET))


@pytest.mark.parametrize(
    "lines",
    [
        ["🎬 0:00 Welcome", "▶️ 1:00 The first hive", "⭐ 1:02:03 Outro"],  # an emoji before the time
        ["Welcome (0:00)", "The first hive (1:00)", "Outro (1:02:03)"],  # the time last
        ["Welcome: 0:00", "The first hive: 1:00", "Outro: 1:02:03"],
        ["Welcome - 00:00", "The first hive - 01:00", "Outro - 1:02:03"],
    ],
)
def test_other_ways_people_write_a_chapter_list(lines):
    chapters, problems = read_text(READER, "\n".join(lines) + "\n")
    assert problems == []
    assert [(c.title, c.start) for c in chapters.chapters] == [("Welcome", 0), ("The first hive", 60), ("Outro", 3723)]


def test_a_dollar_amount_is_no_chapter_time():
    assert chapterlines.match("$5:00 a month") is None


@pytest.mark.parametrize("first, second", [
    ("0:00 - 1:23 Welcome", "1:23 - 2:15 The canyon question"),
    ("(0:00 - 1:23) Welcome", "(1:23 - 2:15) The canyon question"),
    ("[00:00–01:23] Welcome", "[01:23–02:15] The canyon question"),
    ("0:00 - 1:23 - Welcome", "1:23 - 2:15 - The canyon question"),
])
def test_chapters_given_as_time_ranges_start_at_the_first_time(first, second):
    """A range's end was taken into the title ("1:23 Welcome"), and into the page's address."""
    doc, problems = read_text(READER, f"{first}\n{second}\n", "chapters.txt")
    assert problems == []
    assert [(c.start, c.title) for c in doc.chapters] == [(0, "Welcome"), (83, "The canyon question")]


DESCRIPTION = """Maria Lopez and Tom Becker talk about harbors, glaciers and the economics of coffee.

Sponsors:
* Acme: https://acme.example.com - use code PODCAST for 20% off

Timestamps:
0:00 Intro
2:15 The canyon question
8:00 The harvest question
14:30 Outro

Follow us: https://twitter.com/example
#podcast #coffee
"""


def test_a_video_description_pasted_whole_is_read_for_its_chapter_list():
    """The publisher copies the YouTube description into chapters.txt: it was 'cannot tell what
    kind of source this is', and with role = "chapters" every description line was a problem."""
    assert detects(DESCRIPTION)
    doc, problems = read_text(READER, DESCRIPTION, "chapters.txt")
    assert problems == []
    assert [(c.start, c.title, c.origin.line) for c in doc.chapters] == [
        (0, "Intro", 7), (135, "The canyon question", 8), (480, "The harvest question", 9), (870, "Outro", 10)]


@pytest.mark.parametrize("text", [
    DESCRIPTION.replace("0:00 Intro", "0:30 Intro"),  # YouTube's first chapter is at 0:00
    DESCRIPTION.replace("8:00 The harvest", "1:00 The harvest"),  # out of order
    DESCRIPTION.replace("8:00 The harvest question\n14:30 Outro\n", ""),  # two chapters are no list YouTube takes
    DESCRIPTION + "And at 20:00 the bonus part.\n" + "20:00 Bonus\n",  # a second list: which one?
    DESCRIPTION.replace("#podcast", "An essay follows. " * 300),  # a transcript with a list at its top
])
def test_text_around_a_list_that_is_no_description_s_is_not_a_chapter_file(text):
    assert not detects(text)


@pytest.mark.parametrize("line", ["2. 2:15 The canyon question", "**2:15** The canyon question", "2) 2:15 - The canyon question"])
def test_numbered_and_bold_chapter_lines(line):
    doc, problems = read_text(READER, f"1. 0:00 Intro\n{line}\n", "chapters.txt")
    assert problems == []
    assert [(c.start, c.title) for c in doc.chapters] == [(0, "Intro"), (135, "The canyon question")]


def test_a_list_with_title_first_lines_or_a_mistyped_time_is_read_whole_not_as_a_description():
    """Lines a list reads, but not as a description's run ("Swarming: 3:00", "4:0O Outro"), were
    taken for the description around it: two chapters lost, a mistyped time no longer reported."""
    mixed = "0:00 Intro\n1:00 Hives\n2:00 Bees\nSwarming: 3:00\nOutro (4:00)\n"
    doc, problems = read_text(READER, mixed, "c.txt")
    assert problems == [] and [c.start for c in doc.chapters] == [0, 60, 120, 180, 240]
    doc, problems = read_text(READER, "0:00 Intro\n1:00 Hives\n2:00 Bees\n3:00 Swarming\n4:0O Outro\n", "c.txt")
    assert doc is None and problems == ["c.txt:5: unreadable or impossible chapter time (4:0O)"]


def test_an_ai_summary_listing_the_chapters_stays_a_summary():
    text = "AI-Generated Summary\n\nKey Takeaways\n\n• Scaling: it ends.\n\nTimestamps\n0:00 Intro\n9:39 Emotions\n18:49 Scaling\n"
    assert not detects(text)


def test_a_title_that_begins_with_a_time_keeps_it_without_a_range_s_dash():
    doc, problems = read_text(READER, "0:00 Intro\n3:14 4:33 by John Cage\n", "c.txt")
    assert problems == [] and [c.title for c in doc.chapters] == ["Intro", "4:33 by John Cage"]


def _source(text: str, name: str):
    from generator.readers import read_source
    from tempfile import TemporaryDirectory

    with TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_text(text, encoding="utf-8")
        problems = Problems()
        return read_source(path, name, None, problems), [str(p) for p in problems.items]


@pytest.mark.parametrize("name, text", [
    ("chapters.vtt", "WEBVTT\nKind: chapters\nLanguage: en\n\n1\n00:00:00.000 --> 00:00:20.000\nIntro\n\n2\n00:00:20.000 --> 00:00:45.500\n<b>Bees</b> &amp; cities\n"),
    ("chapters.vtt", "WEBVTT\n\n00:00.000 --> 04:10.000\nIntro\n\n04:10.000 --> 12:00.000\nBees & cities\n"),
    ("chapters.srt", "1\n00:00:00,000 --> 00:04:10,000\nIntro\n\n2\n00:04:10,000 --> 00:12:00,000\nBees & cities\n"),
])
def test_a_chapters_track_is_a_chapter_list_not_captions(name, text):
    """HTML's <track kind="chapters"> in WebVTT (or SRT): by its "Kind: chapters" header, or by cues
    lasting minutes with a title each. Read as captions, it was a transcript that "does not match"."""
    chapters, problems = _source(text, name)
    assert problems == [] and isinstance(chapters, ChapterList)
    assert [c.title for c in chapters.chapters] == ["Intro", "Bees & cities"]
    assert chapters.chapters[0].start == 0 and chapters.chapters[1].start in (20.0, 250.0)


def test_captions_a_minute_a_cue_are_still_captions():
    """A turn a cue (some tools export a speaker's turn as one cue): minutes long, but words said, not titles."""
    from generator.model import TimedTranscript

    turn = " ".join(["and so we kept the bees on the roof of the library for years"] * 6)
    text = "".join(f"{k + 1}\n00:{2 * k:02}:00,000 --> 00:{2 * k + 2:02}:00,000\n{turn}\n\n" for k in range(4))
    captions, problems = _source(text, "turns.srt")
    assert problems == [] and isinstance(captions, TimedTranscript)


def test_a_chapters_track_with_an_odd_cue_is_still_a_chapter_list():
    """QA26: one empty cue, or one title on two lines, made a track without "Kind: chapters" captions."""
    cues = [("00:00:00.000", "00:04:10.000", "Intro"), ("00:04:10.000", "00:09:00.000", ""),
            ("00:09:00.000", "00:15:00.000", "Chapter 3\nBees and cities"), ("00:15:00.000", "00:20:00.000", "Outro")]
    text = "WEBVTT\n\n" + "\n".join(f"{a} --> {b}\n{t}\n" for a, b, t in cues)
    chapters, problems = _source(text, "chapters.vtt")
    assert problems == [] and isinstance(chapters, ChapterList)
    assert [c.title for c in chapters.chapters] == ["Intro", "Chapter 3 Bees and cities", "Outro"]


def test_captions_that_open_with_minutes_of_music_are_still_captions():
    """QA26: a livestream's captions opening with seven 90 s "[Music]" cues were a chapters track
    (only the first cues were timed), and the episode had "no transcript"."""
    from generator.model import TimedTranscript

    music = "".join(f"{k + 1}\n00:{3 * k // 2:02}:{30 * (k % 2):02},000 --> 00:{3 * (k + 1) // 2:02}:{30 * ((k + 1) % 2):02},000\n[Music]\n\n" for k in range(7))
    said = "".join(f"{k + 8}\n00:11:{k:02},000 --> 00:11:{k + 1:02},000\nand so we kept the bees on the roof\n\n" for k in range(40))
    captions, problems = _source(music + said, "live.srt")
    assert problems == [] and isinstance(captions, TimedTranscript)


def test_chapter_times_in_minutes_past_99_read_as_minutes():
    """QA28: "101:10 Questions" in a 2-hour list given in minutes was refused as an unreadable time."""
    chapters, problems = read_text(READER, "0:00 Intro\n75:30 Bees\n101:10 Questions\n")
    assert problems == [] and [c.start for c in chapters.chapters] == [0.0, 4530.0, 6070.0]


@pytest.mark.parametrize("line", ["[{stamp}](https://www.youtube.com/watch?v=abcdefghijk&t={s}s) {title}", "[({stamp})](https://youtu.be/abcdefghijk?t={s}) – {title}"])
def test_times_written_as_links_to_their_moment_are_times(line):
    """QA28: "[0:00](https://www.youtube.com/watch?v=…&t=0s) Intro", a description copied as
    Markdown, gave the title "(https://www.youtube.com/watch?v=…&t=0s) Intro"."""
    listed = [("00:00", 0, "Intro"), ("05:12", 312, "How it started"), ("12:40", 760, "Colony collapse")]
    chapters, problems = read_text(READER, "".join(line.format(stamp=t, s=s, title=x) + "\n" for t, s, x in listed))
    assert problems == [] and [(c.start, c.title) for c in chapters.chapters] == [(s, x) for _, s, x in listed]
