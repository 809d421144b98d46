"""The publisher's stamped transcript reader, on Substack-, Descript- and Riverside-style exports."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.errors import Problems
from generator.model import TimedTranscript
from generator.readers.base import decode
from generator.readers.publisher import READER
from helpers import HOSTILE, damaged, read_or_problems, read_text

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
SUBSTACK = FIXTURES / "publisher_substack.md"
DESCRIPT = FIXTURES / "publisher_descript.txt"
RIVERSIDE = FIXTURES / "publisher_riverside.txt"


def read_fixture(path: Path):
    return read_text(READER, path.read_text(encoding="utf-8"), path.name)


def detects(text: str) -> bool:
    return READER.detect(decode("src.txt", text.encode("utf-8"), Problems()))


def test_substack_export_with_bold_names_chapters_and_description():
    doc, problems = read_fixture(SUBSTACK)
    assert problems == []
    assert isinstance(doc, TimedTranscript) and doc.format == "publisher" and doc.edited
    assert doc.title == "Sarah Chen – Why batteries got cheap, and what comes next"
    # the description stays Markdown; the "## Transcript" heading is not part of it
    assert doc.description.startswith("Sarah Chen has spent twenty years building cell factories. We talk about *learning curves*")
    assert doc.description.endswith("\n\nWatch on YouTube; listen on Apple Podcasts or Spotify.")
    assert [(c.title, c.start, c.origin.line) for c in doc.chapters] == [
        ("Intro", 0, 9), ("Learning curves", 161, 11), ("Grid storage", 545, 13), ("What comes next", 3730, 15)
    ]
    assert [(s.label, s.start, s.origin.line) for s in doc.segments] == [
        ("Dwarkesh Patel", 0, 19), ("Sarah Chen", 9, 23), ("Dwarkesh Patel", 21, 29),
        ("Sarah Chen", 161, 33), ("Dwarkesh Patel", 545, 37), ("Sarah Chen", 3730, 41),
    ]
    assert all(s.end is None and s.words == () for s in doc.segments)
    # paragraph breaks are kept for the merge; Markdown bold is not
    assert doc.segments[1].text == (
        "Thanks for having me. It's a strange time to be in this industry, honestly.\n\n"
        "Prices fell faster than anybody in the business expected, including us."
    )
    assert doc.segments[4].text == "So what does grid storage need that cars don't?"


def test_escaped_markdown_stays_as_written():
    from generator.readers.publisher import unmark

    assert unmark(r"With a single hive \*really\*, *truly* and [this](https://x.example).") == "With a single hive *really*, truly and this."


def test_descript_export_with_text_on_the_header_line():
    doc, problems = read_fixture(DESCRIPT)
    assert problems == []
    assert doc.title == "" and doc.chapters == ()
    assert [s.label for s in doc.segments[:2]] == ["Lena Park", "Tomás Ruiz"]
    assert [s.start for s in doc.segments] == [0, 8, 11, 14, 31, 34, 62, 64]
    # a line under a one-line turn continues that turn, as a paragraph of its own
    assert doc.segments[3].text.endswith("each in a labelled jar.\n\nWhen she died we found forty-one of them.")
    assert doc.segments[3].origin.line == 4


def test_riverside_export_keeps_roles_and_joins_hard_wrapped_lines():
    doc, problems = read_fixture(RIVERSIDE)
    assert problems == []
    assert doc.title == "The Long Game, episode 112: Infrastructure nobody notices"
    assert [s.label for s in doc.segments[:2]] == ["Speaker 1", "Amara Obi (Civil Engineer)"]
    assert [s.start for s in doc.segments] == [3, 15, 22, 26, 65, 69]  # mm:ss stamps (01:05) too
    assert doc.segments[0].text == (
        "Hi everyone, and welcome to The Long Game. My guest today is Amara Obi, a civil engineer who "
        "inspects bridges for a living and writes about the ones that fail."
    )
    assert doc.segments[3].text.count("\n\n") == 1


@pytest.mark.parametrize(
    "first, second",
    [
        ("Dwarkesh Patel 00:12:34", "Ilya Sutskever 00:13:00"),
        ("Dwarkesh Patel (00:12:34)", "Ilya Sutskever (00:13:00)"),
        ("Dwarkesh Patel [00:12:34]", "Ilya Sutskever [00:13:00]"),
        ("Dwarkesh Patel: (00:12:34)", "Ilya Sutskever: (00:13:00)"),
        ("**Dwarkesh Patel** (00:12:34)", "**Ilya Sutskever** (00:13:00)"),
        ("**Dwarkesh Patel (00:12:34)**", "**Ilya Sutskever (00:13:00)**"),
        ("[00:12:34] Dwarkesh Patel:", "[00:13:00] Ilya Sutskever:"),
        ("00:12:34 Dwarkesh Patel:", "00:13:00 Ilya Sutskever:"),
        ("Dwarkesh Patel 0:12:34", "Ilya Sutskever 13:00"),
        ("[00:12:34.00] Dwarkesh Patel:", "[00:13:00.0] Ilya Sutskever:"),  # stamps to the hundredth, as some tools write them
        ("Dwarkesh Patel (12:34.000)", "Ilya Sutskever (13:00.000)"),
        ("Dwarkesh Patel (00:12:34 - 00:12:59)", "Ilya Sutskever (00:13:00 - 00:13:20)"),  # the turn's end given too
        ("Dwarkesh Patel [00:12:34 – 00:12:59]", "Ilya Sutskever [00:13:00 – 00:13:20]"),
    ],
)
def test_every_header_shape(first, second):
    text = f"{first}\nWhat are we scaling?\n\n{second}\nA good question.\n"
    assert detects(text)
    doc, problems = read_text(READER, text)
    assert problems == []
    assert [(s.label, s.start, s.text, s.origin.line) for s in doc.segments] == [
        ("Dwarkesh Patel", 754, "What are we scaling?", 1), ("Ilya Sutskever", 780, "A good question.", 4)
    ]


@pytest.mark.parametrize(
    "shape",
    [
        "{name} ({stamp}): {text}",  # Otter, Rev
        "{name} [{stamp}]: {text}",
        "{name} ({stamp}) - {text}",  # a chapter line's shape too: taken where a name speaks twice
        "{name} {stamp} \u2014 {text}",
        "{stamp} - {name}: {text}",
        "[{stamp}] | {name}: {text}",
    ],
)
def test_header_shapes_with_the_text_on_their_line(shape):
    # read as edited prose beside a page, their headers became words said; alone, "no transcript"
    turns = [("Dwarkesh Patel", "00:12:34", "What are we", "scaling?"), ("Ilya Sutskever", "13:00", "A good", "question."), ("Dwarkesh Patel", "14:02", "Why?", "")]
    text = "A title\n\n" + "\n\n".join(shape.format(name=n, stamp=t, text=a) + (f"\n{b}" if b else "") for n, t, a, b in turns) + "\n"
    assert detects(text)
    doc, problems = read_text(READER, text)
    assert problems == []
    assert [(s.label, s.start, s.text, s.origin.line) for s in doc.segments] == [
        ("Dwarkesh Patel", 754, "What are we scaling?", 3), ("Ilya Sutskever", 780, "A good question.", 6), ("Dwarkesh Patel", 842, "Why?", 9)
    ]


@pytest.mark.parametrize("first, second", [("Dwarkesh Patel - 00:12:34", "Ilya Sutskever - 00:13:00"), ("Dwarkesh Patel | 12:34", "Ilya Sutskever | 13:00")])
def test_a_separator_between_name_and_stamp_is_no_part_of_the_name(first, second):
    doc, problems = read_text(READER, f"{first}\nWhat are we scaling?\n\n{second}\nA good question.\n")
    assert problems == []
    assert [s.label for s in doc.segments] == ["Dwarkesh Patel", "Ilya Sutskever"]


@pytest.mark.parametrize(
    "shape",
    [
        "{stamp} {name}",  # the text on the lines below
        "### {name} ({stamp})",  # a Markdown heading
        "**{name}** *{stamp}*",  # an italic stamp
        "{name}: [{stamp}]",  # Sonix: the text on the same line
        "{name} (Host) {stamp}",  # a role, and no milliseconds: not word-level parts
    ],
)
def test_shapes_a_chapter_line_may_have_too_head_turns_of_people_who_speak_twice(shape):
    # Bo speaks once: his header has the shape Ana's, who speaks twice, gave the file's turns
    turns = [("Ana Lima", "00:00:01", "Hello."), ("Bo Chen", "00:00:09", "Hi there."), ("Ana Lima", "00:01:02", "Ready?")]
    body = [shape.format(name=name, stamp=stamp) + (" " + said if shape.endswith("]") else "\n" + said) for name, stamp, said in turns]
    text = "Chapters\n00:00:00 Intro\n00:01:00 Scaling Laws\n\n" + "\n\n".join(body) + "\n"
    assert detects(text)
    doc, problems = read_text(READER, text)
    assert problems == []
    assert [(c.title, c.start) for c in doc.chapters] == [("Intro", 0), ("Scaling Laws", 60)]  # once each: chapters
    assert [(s.label.removesuffix(" (Host)"), s.start, s.text) for s in doc.segments] == [(n, {"00:00:01": 1, "00:00:09": 9, "00:01:02": 62}[t], x) for n, t, x in turns]


def test_a_publisher_transcript_with_roles_is_not_taken_for_word_level_parts():
    from generator.readers import words

    text = "Dwarkesh Patel (Host) 0:00\nYou know what's crazy?\n\nIlya Sutskever (Guest) 0:05\nLike all this.\n\nDwarkesh Patel (Host) 0:14\nRight.\n"
    assert detects(text) and not words.READER.detect(decode("src.txt", text.encode("utf-8"), Problems()))


def test_a_role_in_parentheses_stays_part_of_the_label():
    doc, _ = read_text(READER, "Dwarkesh Patel (Host) 00:00:05\nHi.\nIlya Sutskever (Co-founder, SSI) 00:00:09\nHello.\n")
    assert [s.label for s in doc.segments] == ["Dwarkesh Patel (Host)", "Ilya Sutskever (Co-founder, SSI)"]


def test_prose_ending_in_a_time_is_not_a_turn():
    text = "Ana Lima 00:00:01\nWe met at the station.\nand we left at 10:30\nBo Chen 00:00:09\nRight.\n"
    doc, problems = read_text(READER, text)
    assert problems == []
    assert [s.label for s in doc.segments] == ["Ana Lima", "Bo Chen"]
    assert doc.segments[0].text == "We met at the station.\n\nand we left at 10:30"


def test_a_run_of_chapter_lines_without_heading_is_a_chapter_list_and_a_lone_one_is_description():
    text = (
        "Title\n\n00:45 is when the storm hit.\n\nWe talk about it.\n\n(00:00:00) – Intro\n(00:01:00) – Storms\n\n"
        "Ana Lima 00:00:01\nHello.\nBo Chen 00:00:09\nHi.\n"
    )
    doc, problems = read_text(READER, text)
    assert problems == []
    assert doc.description == "00:45 is when the storm hit.\n\nWe talk about it."
    assert [(c.title, c.start) for c in doc.chapters] == [("Intro", 0), ("Storms", 60)]


def test_a_chapter_list_naming_two_chapters_alike_stays_a_list():
    """QA27: "(00:05:04) – Questions", listed twice above the turns, was a person called Questions
    speaking twice: the list was read as turns, and refused as time going backwards."""
    text = (
        "Chapters\n(00:00:00) – Arrival\n(00:02:03) – Questions\n(00:02:57) – The long story\n(00:05:04) – Questions\n\n"
        "Transcript\n\nAna Lima (0:00:01)\nHello.\n\nBo Chen (0:00:09)\nHi.\n\nAna Lima (0:05:05)\nAny questions?\n"
    )
    doc, problems = read_text(READER, text)
    assert problems == []
    assert [(c.title, c.start) for c in doc.chapters] == [("Arrival", 0), ("Questions", 123), ("The long story", 177), ("Questions", 304)]
    assert [(s.label, s.start) for s in doc.segments] == [("Ana Lima", 1), ("Bo Chen", 9), ("Ana Lima", 305)]


def test_a_chapter_list_may_start_after_zero():
    doc, problems = read_text(READER, "Chapters\n(00:02:00) – Storms\nAna Lima 00:00:01\nHello.\nBo Chen 00:00:09\nHi.\n")
    assert problems == [] and doc.chapters[0].start == 120


def test_a_header_with_no_text_under_it_is_skipped():
    doc, problems = read_text(READER, "Ana Lima 00:00:01\nHello.\nBo Chen 00:00:09\n\nAna Lima 00:00:12\nStill there?\n")
    assert problems == []
    assert [s.start for s in doc.segments] == [1, 12]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ana Lima 00:00:01\nHi.\nBo Chen 00:6x:12\nHo.\n", ["src.txt:3: unreadable time '00:6x:12' (expected h:mm:ss or mm:ss)"]),
        ("Ana Lima 00:00:01\nHi.\nBo Chen 00:61:00\nHo.\n", ["src.txt:3: unreadable time '00:61:00' (expected h:mm:ss or mm:ss)"]),
        ("Ana Lima (00:00:01.5000)\nHi.\n", ["src.txt:1: unreadable time '00:00:01.5000' (expected h:mm:ss or mm:ss)"]),
        ("Ana Lima 00:05:00\nHi.\nBo Chen 00:04:59\nHo.\n", ["src.txt:3: time goes backwards: 0:04:59 comes after 0:05:00 (line 1)"]),
        ("Chapters\n(00:00:00) – One\n(00:0x:00) – Two\nAna Lima 00:00:01\nHi.\n", ["src.txt:3: unreadable or impossible chapter time (00:0x:00)"]),
        ("Chapters\n(00:00:00) – One\n(00:10:00) – Two\n(00:05:00) – Three\nAna Lima 00:00:01\nHi.\n",
         ["src.txt:4: chapter 'Three' at 00:05:00 is not after 'Two' at 00:10:00"]),
        ("Chapters\n(00:00:00) – One\nsee the show notes\n(00:10:00) – Two\nAna Lima 00:00:01\nHi.\n",
         ["src.txt:3: not a chapter line: 'see the show notes' (expected '(hh:mm:ss) – Title')"]),
        ("Just prose.\nNo turns at all.\n", ["src.txt: no turns found (expected headers like 'Name (00:12:34)' or '[00:12:34] Name:')"]),
        ("Title\nAna Lima 00:00:01\nBo Chen 00:00:09\n", ["src.txt:2: the turns have no text (file truncated?)"]),
        ("Ana Lima 00:00:01\nHi.\nBo Chen 00:00:0" + "9" * 500 + "\nHo.\n", ["src.txt:3: unreadable time '00:00:0999999999999999999999999999999999999999999999999999… (expected h:mm:ss or mm:ss)"]),
    ],
    ids=["garbled stamp", "61st minute", "milliseconds", "backwards", "chapter time", "chapters out of order", "not a chapter line", "no turns", "no text", "huge stamp"],
)
def test_malformed_input_names_the_line(text, expected):
    doc, problems = read_text(READER, text)
    assert doc is None
    assert problems == expected


def test_every_problem_is_reported_not_just_the_first():
    text = "Chapters\n(00:00:00) – One\n(00:0x:00) – Two\nAna Lima 00:05:00\nHi.\nBo Chen 00:6x:12\nHo.\nAna Lima 00:04:00\nHm.\n"
    _, problems = read_text(READER, text)
    assert [p.split(":")[1] for p in problems] == ["3", "6", "8"]


def test_detection_leaves_the_word_parts_inline_layout_alone():
    inline = "Dwarkesh Patel (Host) 00:00.720\nThat's a very interesting way.\nIlya Sutskever (Co-founder) 00:32.800\nSo, we've witnessed.\n"
    assert not detects(inline)
    # even when a couple of its stamps happen to lack the milliseconds
    assert not detects(inline + "Dwarkesh Patel (Host) 01:05\nYes.\nIlya Sutskever (Co-founder) 01:09\nRight.\n")


def test_detection_leaves_a_chapter_list_with_colons_in_titles_alone():
    assert not detects("Chapters\n[00:00:00] Intro: why now\n[00:05:00] Scaling: what next\n[00:10:00] Research: taste\n")
    # …but one-line turns by people who speak twice are a transcript
    assert detects("[00:00:00] Ana Lima: Hi.\n[00:00:05] Bo Chen: Hello.\n[00:00:09] Ana Lima: Ready?\n")


def test_detection_needs_two_headers():
    assert not detects("Ana Lima 00:00:01\nHello and welcome. This is a long paragraph of prose.\n")


# --- hostile input: a source or problems, never an exception ------------------------------------

SAMPLES = [p.read_text(encoding="utf-8") for p in (SUBSTACK, DESCRIPT, RIVERSIDE)]
ALPHABET = list("0123456789:.()[]*-–# \n\taZé\u2028")
PIECES = st.lists(st.sampled_from(ALPHABET + ["Ana Lima ", "**", "Chapters\n", "00:12:34"]), max_size=60).map("".join)


def outcome(raw: bytes) -> None:
    doc = read_or_problems(READER, raw)
    if doc is not None:
        assert doc.segments and all(s.text and s.origin.line >= 1 for s in doc.segments)


@HOSTILE
@given(PIECES)
def test_random_text_gives_a_transcript_or_problems(text):
    outcome(text.encode("utf-8"))


@HOSTILE
@given(st.binary(max_size=300))
def test_random_bytes_give_a_transcript_or_problems(raw):
    outcome(raw)


@HOSTILE
@given(st.sampled_from(SAMPLES), st.data())
def test_truncated_and_damaged_fixtures_give_a_transcript_or_problems(sample, data):
    outcome(damaged(data, sample, ALPHABET))


@pytest.mark.parametrize("credit", ["Transcribed by https://otter.ai", "*Transcript generated by descript.com*"])
def test_a_transcription_tool_s_credit_at_the_end_is_no_one_s_words(credit):
    """Otter's export ends "Transcribed by https://otter.ai": it was the last speaker's sentence."""
    text = f"Maria Lopez  0:03\nWelcome back.\n\nTom Becker  0:09\nThanks. It was made with love by my team.\n\n{credit}\n"
    doc, problems = read_text(READER, text, "o.txt")
    assert problems == []
    assert [s.text for s in doc.segments] == ["Welcome back.", "Thanks. It was made with love by my team."]


@pytest.mark.parametrize("shape", ["[{stamp}] - {name}", "{stamp} | {name}", "{stamp} – {name}"])
def test_a_stamp_then_a_name_on_a_line_of_their_own_heads_a_turn(shape):
    """Read as timed lines, each name was published as the first words of its turn, and no one spoke."""
    turns = [("Maria Lopez", "00:00:01"), ("Tom Becker", "00:00:18"), ("Maria Lopez", "00:00:38")]
    text = "\n\n".join(shape.format(stamp=t, name=n) + f"\nSomething said at {t}." for n, t in turns) + "\n"
    assert detects(text)
    doc, problems = read_text(READER, text)
    assert problems == []
    assert [(s.label, s.start, s.text) for s in doc.segments] == [(n, int(t[-2:]), f"Something said at {t}.") for n, t in turns]


@pytest.mark.parametrize("marker", ["## {title}", "[{stamp}] {title}"])
def test_chapters_marked_between_the_turns_are_chapters_not_words(marker):
    """A Markdown heading or a stamped title between the turns (Descript's markers) was the previous
    speaker's sentence, "## The dolphin question" and all, and the episode had one chapter."""
    turns = [("Maria Lopez", "00:00:01", "Welcome back."), ("Tom Becker", "00:03:26", "So, dolphins."), ("Maria Lopez", "00:04:03", "And umbrellas?")]
    titles = {"00:03:26": "The dolphin question", "00:04:03": "The umbrella question"}
    lines = []
    for name, stamp, text in turns:
        if stamp in titles:
            lines.append(marker.format(title=titles[stamp], stamp=stamp))
        lines.append(f"[{stamp}] {name}: {text}")
    doc, problems = read_text(READER, "# Episode 12\n\n" + "\n\n".join(lines) + "\n", "t.md")
    assert problems == []
    assert [s.text for s in doc.segments] == [text for _, _, text in turns]
    assert [(c.title, c.start) for c in doc.chapters] == [("The dolphin question", 206), ("The umbrella question", 243)]


@pytest.mark.parametrize("top", ["# Episode 12\n\n", "Episode 12\n\n"])
def test_a_heading_above_the_first_turn_marks_the_first_chapter(top):
    """QA33b: "## Cold open" above the first turn was the episode's description, and its chapter
    was "Opening"; the headings between the turns were chapters."""
    text = (f"{top}## Cold open\n\nMaria Lopez (00:00:01)\nWelcome back.\n\n## The dolphin question\n\n"
            "Tom Becker (00:03:26)\nSo, dolphins.\n\n## The umbrella question\n\nMaria Lopez (00:04:03)\nAnd umbrellas?\n")
    doc, problems = read_text(READER, text, "t.md")
    assert problems == []
    assert [(c.title, c.start) for c in doc.chapters] == [("Cold open", 1), ("The dolphin question", 206), ("The umbrella question", 243)]
    assert doc.title == "Episode 12" and doc.description == ""


def test_a_last_line_naming_what_made_something_is_still_said():
    text = "Maria Lopez  0:03\nWelcome back.\n\nTom Becker  0:09\nThe demo? Powered by coffee and Node.js.\n"
    doc, problems = read_text(READER, text, "o.txt")
    assert problems == [] and doc.segments[-1].text == "The demo? Powered by coffee and Node.js."


def test_a_stamped_line_of_speech_inside_a_turn_is_no_chapter_marker():
    """A marker opens the turn stamped as it is; "[00:00:05] And then we went" inside a turn, followed
    by a turn 4 s later, was taken for a chapter and its words lost."""
    text = ("[00:00:01] Maria Lopez: Hello there.\n\n[00:00:05] And then we went to the store\n\n[00:00:09] Tom Becker: Nice.\n\n"
            "[00:00:12] Maria Lopez: Yes.\n\n[00:00:15] So that was it\n")
    doc, problems = read_text(READER, text, "t.txt")
    assert problems == [] and doc.chapters == ()
    said = " ".join(s.text for s in doc.segments)
    assert "And then we went to the store" in said and "So that was it" in said


def test_stamps_in_minutes_past_99_read_as_minutes():
    """QA28: a 2-hour transcript stamped in minutes (Rev's, Riverside's) read 75:30, then refused
    100:25 as "unreadable time", 151 times."""
    doc, problems = read_text(READER, "Ana Lima (75:30):\nHello.\n\nBo Chen (100:25):\nHi.\n\nAna Lima (101:10.5):\nBye.\n")
    assert problems == []
    assert [s.start for s in doc.segments] == [4530.0, 6025.0, 6070.5]


def test_rev_s_tags_for_what_could_not_be_heard_are_no_words_said():
    """QA28: "surprised [crosstalk 00:00:18] everyone" and "[inaudible 00:00:40] neonicotinoids"
    were published as said; a tag without a time ("[laughs]") was kept too."""
    text = ("Ana Lima (00:01):\nIt surprised [crosstalk 00:00:18] everyone. [laughs]\n\n"
            "Bo Chen (00:40):\n[inaudible 00:00:40] Neonicotinoids, see [Figure 2].\n\nAna Lima (00:50):\nRight.\n")
    doc, problems = read_text(READER, text)
    assert problems == []
    assert [s.text for s in doc.segments] == ["It surprised everyone.", "Neonicotinoids, see [Figure 2].", "Right."]


def test_a_name_with_a_credential_after_it_heads_turns():
    """QA28: Rev's "Bo Chen, PhD (00:04):" was no turn header: his lines went to the host, the header in them."""
    text = "Ana Lima (00:01):\nSo how did it start?\n\nBo Chen, PhD (00:04):\nWith a hive.\n\nAna Lima (00:11):\nAnd then?\n\nBo Chen, PhD (00:16):\nIt grew.\n"
    doc, problems = read_text(READER, text)
    assert problems == []
    assert [(s.label, s.text) for s in doc.segments] == [
        ("Ana Lima", "So how did it start?"), ("Bo Chen, PhD", "With a hive."), ("Ana Lima", "And then?"), ("Bo Chen, PhD", "It grew.")]


def test_a_stamped_paragraph_inside_a_turn_is_timed_by_its_stamp():
    """QA28: Descript's "[00:00:31] The first is the varroa mite…", a paragraph of the same turn with
    its own time, kept "[00:00:31]" in the words said and lost the time."""
    text = ("[00:00:21] Ana Lima: Let's talk about colony collapse.\n\n[00:00:26] Bo Chen: There are three causes.\n\n"
            "[00:00:31] The first is the varroa mite, which spreads viruses.\n\n[00:00:37] The second is pesticides.\n\n"
            "[00:00:45] Ana Lima: Thank you.\n")
    doc, problems = read_text(READER, text)
    assert problems == []
    assert [(s.label, s.start, s.text) for s in doc.segments] == [
        ("Ana Lima", 21, "Let's talk about colony collapse."), ("Bo Chen", 26, "There are three causes."),
        ("Bo Chen", 31, "The first is the varroa mite, which spreads viruses."), ("Bo Chen", 37, "The second is pesticides."),
        ("Ana Lima", 45, "Thank you.")]


LEX = """Transcript for Bo Chen: Bees and Money | Lex Fridman Podcast #999

Table of Contents
Here are the loose "chapters" in the conversation.
0:00 – Introduction
0:40 – Colony collapse

Introduction

Ana Lima
(00:00:01) So how did the whole project start for you?

Bo Chen
(00:00:05) It started with a single hive in my grandmother's garden.
(00:00:12) The bees survived the winter, which surprised everyone.

Colony collapse

Ana Lima
(00:00:40) Let's talk about colony collapse.

Bo Chen
(00:00:44) There are three main causes.
"""


def test_lex_fridman_s_layout_a_name_above_stamped_paragraphs_is_a_transcript():
    """QA28: the name alone on a line, then "(00:00:01) So how…" paragraphs, with the chapters'
    titles as headings between the turns, was "cannot tell what kind of source this is", and no
    transcript in any role."""
    assert detects(LEX)
    doc, problems = read_text(READER, LEX)
    assert problems == []
    assert [(s.label, s.start, s.text) for s in doc.segments] == [
        ("Ana Lima", 1, "So how did the whole project start for you?"),
        ("Bo Chen", 5, "It started with a single hive in my grandmother's garden."),
        ("Bo Chen", 12, "The bees survived the winter, which surprised everyone."),
        ("Ana Lima", 40, "Let's talk about colony collapse."),
        ("Bo Chen", 44, "There are three main causes."),
    ]
    assert [(c.title, c.start) for c in doc.chapters] == [("Introduction", 0), ("Colony collapse", 40)]


def test_a_heading_atop_the_file_of_the_chapters_level_is_the_first_chapter():
    """QA40 F2: "## Introductions" as the file's first line was its title, the chapter lost and its
    turns given to the next chapter, listed at 0:00; a "# Title" atop "## …" chapters stays the title."""
    turns = "Ana Lima (00:00:01): Hello.\n\n## Why bridges sway\n\nBo Chen (00:00:46): Every bridge moves.\n\n## Aarhus\n\nAna Lima (00:01:34): Tell us.\n"
    doc, problems = read_text(READER, "## Introductions\n\n" + turns, "t.md")
    assert problems == []
    assert [(c.title, c.start) for c in doc.chapters] == [("Introductions", 1), ("Why bridges sway", 46), ("Aarhus", 94)]
    assert doc.title == ""
    doc, problems = read_text(READER, "# Spans, episode 4\n\n" + turns, "t.md")
    assert problems == [] and doc.title == "Spans, episode 4"
    assert [(c.title, c.start) for c in doc.chapters] == [("Why bridges sway", 46), ("Aarhus", 94)]


@pytest.mark.parametrize("unstamped", ["Ana Lima: Søren, would you introduce yourself?", "**Ana Lima:** Søren, would you introduce yourself?"])
def test_a_named_turn_without_a_stamp_between_stamped_ones_is_hers_from_an_estimated_start(unstamped):
    """QA40 F8: "Ana Lima: …" without a stamp, between stamped turns, was glued to the turn before:
    her name shown as words in Bo Chen's passage, her question his. It is her turn, starting where
    the letters put it between the stamps around it; a paragraph of the same speaker, or prose with
    a colon, is no such turn. Last, with no stamp after it to share, it is said to need one."""
    text = ("Ana Lima (00:00:01): Hello and welcome.\n\nBo Chen (00:00:13): Hi everyone.\n\nBo Chen: that is, me.\n\n"
            f"{unstamped}\n\nSøren Østergaard (00:00:23): Of course. Note: I design footbridges.\n")
    doc, problems = read_text(READER, text, "t.md")
    assert problems == []
    assert [(s.label, s.text) for s in doc.segments] == [
        ("Ana Lima", "Hello and welcome."),
        ("Bo Chen", "Hi everyone.\n\nthat is, me."),  # his name again: his own turn goes on
        ("Ana Lima", "Søren, would you introduce yourself?"),
        ("Søren Østergaard", "Of course. Note: I design footbridges."),
    ]
    assert 13 < doc.segments[2].start < 23  # after his words, before the next stamp
    _, problems = read_text(READER, text.rsplit("\n\n", 1)[0] + "\n", "t.md")
    assert problems == ["t.md:7: a turn by 'Ana Lima' has no time of its own, and no turn after it has one: give it its start"]
    # the first turn's stamp unreadable: no time before it either (this raised ValueError)
    _, problems = read_text(READER, "Ana Lima (00:99:01): Hello.\n\nBo Chen: Hi everyone.\n\nBo Chen (00:00:23): Of course.\n", "t.md")
    assert problems == ["t.md:1: unreadable time '00:99:01' (expected h:mm:ss or mm:ss)",
                        "t.md:3: a turn by 'Bo Chen' has no time of its own, and no turn before it has one: give it its start"]
