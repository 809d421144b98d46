"""The captions reader: WebVTT and SRT as YouTube, podcast hosts and Whisper write them."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.model import ANOTHER
from generator.readers.captions import READER
from helpers import read_text

FIXTURES = Path(__file__).parent / "fixtures" / "readers"


def read_fixture(name: str):
    captions, problems = read_text(READER, (FIXTURES / name).read_text(encoding="utf-8"), name)
    assert problems == []
    return captions


def test_youtube_auto_captions_give_every_word_once_with_its_inline_time():
    captions = read_fixture("youtube-auto.en.vtt")
    words = [w for s in captions.segments for w in s.words]
    text = " ".join(w.text for w in words)
    assert text == (  # the cue's "[Music]" is a sound described, not said
        "you know what's crazy that all of this is real meaning what don't you think so "
        "like all this AI stuff and all this Bay Area yeah that it's happened isn't it straight out of science fiction yeah"
    )
    times = [w.start for w in words]
    assert times == sorted(times)
    by_text = {(w.text, w.start) for w in words}
    assert ("you", 0.16) in by_text  # before the first inline time: the cue's start
    assert ("know", 0.4) in by_text and ("real", 2.88) in by_text and ("fiction", 14.0) in by_text
    assert captions.format == "captions"


def test_youtube_speaker_change_markers_start_unnamed_segments():
    captions = read_fixture("youtube-auto.en.vtt")
    starts = [s.text.split()[0] for s in captions.segments]
    assert "meaning" in starts and "like" in starts  # each ">>" begins a new segment
    assert {s.label for s in captions.segments} == {"", ANOTHER}  # someone else from each ">>"; unnamed text goes on with them
    assert captions.segments[[s.text.split()[0] for s in captions.segments].index("meaning")].label == ANOTHER
    assert all(">>" not in s.text and "&gt;" not in s.text for s in captions.segments)


def test_a_cue_given_twice_is_read_once_and_a_blank_line_may_come_before_the_header():
    text = "\nWEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello.\n\n00:00:01.000 --> 00:00:02.000\nHello.\n\n00:00:02.000 --> 00:00:03.000\n{\\an8}Speaker 1: Wow.\n"
    captions, problems = read_text(READER, text, "c.vtt")
    assert problems == [] and [(s.label, s.text) for s in captions.segments] == [("", "Hello."), ("Speaker 1", "Wow.")]


def test_a_long_cue_overlapping_an_interjection_ends_where_it_starts():
    # "Really?" at 0:12 inside a cue of 0:05-0:16 was shown at 0:15.7: each segment now ends where the next starts
    text = "WEBVTT\n\n00:00:05.000 --> 00:00:16.000\n<v Bo>It started with a single hive.\n\n00:00:12.000 --> 00:00:13.500\n<v Ana>Really?\n"
    captions, problems = read_text(READER, text, "c.vtt")
    assert problems == [] and [(s.label, s.start, s.end) for s in captions.segments] == [("Bo", 5.0, 12.0), ("Ana", 12.0, 13.5)]


def test_rolling_segments_end_where_the_next_one_starts():
    captions = read_fixture("youtube-auto.en.vtt")
    for seg, after in zip(captions.segments, captions.segments[1:]):
        assert seg.start <= seg.end <= after.start


def test_voice_tags_name_speakers_and_split_a_cue_by_characters():
    captions = read_fixture("uploaded-voices.vtt")
    got = [(s.label, s.text) for s in captions.segments]
    assert got[:3] == [
        ("Ilya Sutskever", "You know what's crazy? That all of this is real."),  # two payload lines joined
        ("Dwarkesh Patel", "Meaning what?"),
        ("Ilya Sutskever", "Don't you think so?"),  # <v.loud Ilya Sutskever>
    ]
    meaning, dont = captions.segments[1:3]
    assert meaning.start == 2.4 and dont.end == 4.1
    assert meaning.end == dont.start and 2.4 < dont.start < 4.1
    assert meaning.origin.line == 19 and captions.segments[0].origin.line == 14


def test_a_voice_name_is_read_as_webvtt_escapes_it():
    # "<v Ana &amp; Co>" (what our own export writes for "Ana & Co") was the label "Ana &amp; Co"
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ana &amp; Co>Hello there.\n\n00:00:03.000 --> 00:00:05.000\n<v Bo &lt;3&gt;>Hi.\n"
    doc, problems = read_text(READER, text, "c.vtt")
    assert problems == [] and [s.label for s in doc.segments] == ["Ana & Co", "Bo <3>"]


def test_a_voice_whose_annotation_holds_angle_brackets_keeps_its_speaker():
    # "<v Bo <Guest>>" was no voice tag: "<v Bo >" was shown as words, and Bo's line was Ana's
    text = ("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ana Lima>So how did it start?</v>\n\n"
            "00:00:03.000 --> 00:00:05.000\n<v Bo <Guest>>With a single hive.\n\n"
            "00:00:05.000 --> 00:00:07.000\n<v.loud Ana Lima>A single hive?\n\n"
            "00:00:07.000 --> 00:00:09.000\n<v Bo <Guest>Yes, one.\n")  # WebVTT's own reading: the voice "Bo <Guest"
    doc, problems = read_text(READER, text, "c.vtt")
    assert problems == []
    assert [(s.label, s.text) for s in doc.segments] == [
        ("Ana Lima", "So how did it start?"), ("Bo", "With a single hive."), ("Ana Lima", "A single hive?"), ("Bo", "Yes, one."),
    ]


def test_tags_entities_and_notes_are_removed_and_a_voice_carries_on():
    captions = read_fixture("uploaded-voices.vtt")
    texts = [s.text for s in captions.segments]
    assert texts[3] == "Like all this AI stuff & all this Bay Area stuff… that it's happened."
    assert texts[4] == "Isn't it straight out of science fiction?"
    assert texts[5] == "Another thing that's crazy is how normal the slow takeoff feels: 1% of GDP <in AI>."
    assert captions.segments[4].label == "Dwarkesh Patel"  # no voice tag: the last voice holds
    assert not any("Edited by hand" in t or "color" in t for t in texts)


def test_a_ruby_annotations_reading_is_not_said():
    # Japanese captions annotate kanji with their reading: "漢字かんじを読む" was the text (and "Ieye").
    vtt = ("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<ruby>漢字<rt>かんじ</rt></ruby>を読む\n\n"
           "00:00:03.000 --> 00:00:05.000\n<v Ana>Then <ruby>I<rt>eye</ruby> said <ruby>so<rt.small>sew</rt></ruby>.\n")
    captions, problems = read_text(READER, vtt, "ja.vtt")
    assert problems == [] and [s.text for s in captions.segments] == ["漢字を読む", "Then I said so."]


def test_srt_speaker_prefixes_dashes_and_loose_numbering():
    captions = read_fixture("speakers.srt")
    got = [(s.label, s.text, s.start) for s in captions.segments]
    assert got == [
        ("DWARKESH", "You know what's crazy? That all of this is real.", 0.0),
        ("ILYA SUTSKEVER", "Meaning what?", 2.4),
        ("ILYA SUTSKEVER", "Don't you think so?", 4.1),  # block 4 before block 3; the label holds
        (ANOTHER, "Like all this AI stuff.", 6.0),  # dialogue dashes: someone else each time, unnamed
        (ANOTHER, "And all this Bay Area.", got[4][2]),
        ("Dwarkesh Patel", "Isn't it straight out of science fiction?", 7.9),  # no block number
        ("Ilya", "Note: the slow takeoff feels normal at 10:30 at night.", 9.5),  # dot millis; 'Note:' is no speaker
        (ANOTHER, "Yeah.", 13.0),
    ]
    assert 6.0 < got[4][2] < 7.9
    assert captions.segments[0].end == 2.4 and captions.segments[0].origin.line == 3


@pytest.mark.parametrize(
    "line, label, text",
    [
        ("Note: this is not a speaker", None, "Note: this is not a speaker"),
        ("We met at 10:30: early", None, "We met at 10:30: early"),
        ("So the thing is: yes", None, "So the thing is: yes"),
        ("[Music] playing", None, "playing"),  # a sound described, not a speaker (nor words said)
        ("Speaker 1: hi", "Speaker 1", "hi"),  # an anonymous label, for a pin to map
        ("[SPEAKER_00]: hi", "SPEAKER_00", "hi"),
        ("- Ana Host: hi", "Ana Host", "hi"),  # a dialogue dash that names who
        ("- hi", ANOTHER, "hi"),
        ("Ludwig van Beethoven: hi", "Ludwig van Beethoven", "hi"),
        ("SPEAKER ONE: hi", "SPEAKER ONE", "hi"),
        ("Dr. O'Brien: hi", "Dr. O'Brien", "hi"),
        ("One Two Three Four Five: hi", None, "One Two Three Four Five: hi"),
        ("(MARIA) Zephyr coffee.", "MARIA", "Zephyr coffee."),  # SDH captions: a name in capitals, in parentheses
        ("(MARIA LOPEZ): Zephyr coffee.", "MARIA LOPEZ", "Zephyr coffee."),
        ("(laughs) Zephyr coffee.", None, "Zephyr coffee."),  # a sound, left out
        ("(NOTE) Zephyr coffee.", None, "(NOTE) Zephyr coffee."),
        ("李雷: Thank you, Zoë.", "李雷", "Thank you, Zoë."),  # a script without case (QA40 F1: left in the words, the turn the host's)
        ("山田 太郎: hi", "山田 太郎", "hi"),
        ("我觉得这个问题很重要: hi", None, "我觉得这个问题很重要: hi"),  # a clause, not a name
    ],
)
def test_only_name_like_prefixes_are_speakers(line, label, text):
    captions, problems = read_text(READER, f"WEBVTT\n\n00:01.000 --> 00:02.000\n{line}\n")
    assert problems == []
    seg = captions.segments[0]
    assert (seg.label, seg.text) == (label or "", text)


def test_bom_crlf_header_text_short_times_and_cue_settings():
    text = "\ufeffWEBVTT - made by a host\r\nKind: captions\r\n\r\n1\r\n01:02.500 --> 01:04.000 align:start position:0%\r\nHello &amp; welcome.\r\n"
    captions, problems = read_text(READER, text)
    assert problems == []
    assert [(s.text, s.start, s.end) for s in captions.segments] == [("Hello & welcome.", 62.5, 64.0)]


def test_empty_cues_are_skipped_and_cues_without_blank_lines_between_are_split():
    text = "1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:02,000 --> 00:00:03,000\n<i></i>\n\n3\n00:00:03,000 --> 00:00:04,000\nOne.\n4\n00:00:04,000 --> 00:00:05,000\nTwo.\n"
    captions, problems = read_text(READER, text)
    assert problems == []
    assert [(s.text, s.start) for s in captions.segments] == [("One.", 3.0), ("Two.", 4.0)]


def test_uploaded_captions_that_repeat_a_line_are_not_deduplicated():
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\nNo.\n\n00:02.000 --> 00:03.000\nNo.\n"
    captions, _ = read_text(READER, text)
    assert [s.text for s in captions.segments] == ["No.", "No."]


def test_rolling_captions_without_inline_times_are_deduplicated():
    lines = ["one two", "three four", "five six", "seven eight", "nine ten"]
    cues = [f"00:00:0{k}.000 --> 00:00:0{k + 1}.000\n{lines[k - 1] if k else ''}\n{lines[k]}" for k in range(5)]
    captions, problems = read_text(READER, "WEBVTT\n\n" + "\n\n".join(c.replace("\n\n", "\n") for c in cues) + "\n")
    assert problems == []
    assert " ".join(s.text for s in captions.segments) == "one two three four five six seven eight nine ten"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("WEBVTT\n\n00:0x:01.000 --> 00:00:02.000\nHi\n", "src.txt:3: unreadable time '00:0x:01.000' (expected hh:mm:ss.mmm)"),
        ("WEBVTT\n\n00:00:01.000 --> 00:00:61.000\nHi\n", "src.txt:3: unreadable time '00:00:61.000' (expected hh:mm:ss.mmm)"),
        ("1\n00:00:01,000 --> 00:00:0x,000\nHi\n", "src.txt:2: unreadable time '00:00:0x,000' (expected hh:mm:ss,mmm)"),
        ("WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nHi\n", "src.txt:3: cue ends before it starts: 00:00:05.000 --> 00:00:04.000"),
        ("WEBVTT\n\n00:00:05.000 --> 00:00:06.000\nHi\n\n00:00:03.000 --> 00:00:04.000\nHo\n", "src.txt:6: time goes backwards: 00:00:03.000 comes after 00:00:05.000 (line 3)"),
        ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n\nstray words\nmore\n", "src.txt:6: text outside a cue: 'stray words' (expected a time line like '00:00:01.000 --> 00:00:04.000' before it)"),
        ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi<00:00:0y.500><c> there</c>\n", "src.txt:4: unreadable time '00:00:0y.500' (expected hh:mm:ss.mmm)"),
        ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi<00:00:09.500><c> there</c>\n", "src.txt:4: word time 00:00:09.500 is outside its cue (00:00:01.000 --> 00:00:02.000)"),
        ("WEBVTT\n\n00:00:01.000 -->\nHi\n", "src.txt:3: unreadable time '' (expected hh:mm:ss.mmm)"),
        ("WEBVTT\nKind: captions\n\nNo cues at all here.\n", "src.txt: no cues found (expected time lines like '00:00:01.000 --> 00:00:04.000')"),
        ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<i></i>\n", "src.txt: no captions with text"),
        ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n\n" + "9" * 4400 + ":00:01.000 --> 00:00:02.000\nHo\n", "src.txt:6: unreadable time '99999999999"),
    ],
)
def test_bad_captions_name_the_line(text, expected):
    captions, problems = read_text(READER, text)
    assert captions is None
    assert any(p.startswith(expected) for p in problems), problems


def test_every_problem_is_reported_not_just_the_first():
    text = "WEBVTT\n\n00:00:0x.000 --> 00:00:02.000\nHi\n\n00:00:05.000 --> 00:00:04.000\nHo\n\nstray\n"
    _, problems = read_text(READER, text)
    assert [p.split(":")[1] for p in problems] == ["3", "6", "9"]


def _as_windows_1252(data: bytes) -> str:
    """Bytes as Windows opens them: 1252 where it defines the byte, Latin-1 where it does not (0x9d)."""
    return "".join(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in data)


def test_mojibake_is_repaired_and_problems_keep_their_lines():
    # UTF-8 captions once opened as Windows-1252 and saved again: "it’s" reads "itâ€™s" in the file.
    clean = "WEBVTT\n\n00:00.000 --> 00:02.000\n<v Ana>It’s “naïve” — São Paulo’s café.\n\n00:02.500 --> 00:04.000\n<v Bo>Yes, 5 €.\n"
    mangled = _as_windows_1252(clean.encode("utf-8"))
    assert "Itâ€™s" in mangled
    fixed, problems = read_text(READER, mangled)
    expected, _ = read_text(READER, clean)
    assert problems == [] and fixed == expected
    broken = mangled.replace("00:02.500", "00:0x.500")
    assert read_text(READER, broken)[1] == ["src.txt:6: unreadable time '00:0x.500' (expected hh:mm:ss.mmm)"]


@pytest.mark.parametrize("line", ["«L’ÉTÉ» est là, voilà» — Â is a letter", "CAFÉ™ and ÑŽ and Ó¾"])
def test_text_that_only_resembles_mojibake_is_left_alone(line):
    captions, problems = read_text(READER, f"WEBVTT\n\n00:00.000 --> 00:02.000\n{line}\n")
    assert problems == [] and captions.segments[0].text == line


def test_sounds_described_are_not_words_said():
    text = (
        "WEBVTT\n\n00:00.000 --> 00:02.000\n[Music]\n\n00:02.000 --> 00:05.000\n<v Ana>So it began (laughs) with a hive. ♪\n\n"
        "00:05.000 --> 00:07.000\n[upbeat MUSIC playing] [Ana] Right [inaudible 00:06] now.\n"
    )
    captions, problems = read_text(READER, text)
    assert problems == []
    assert [(s.label, s.text) for s in captions.segments] == [("Ana", "So it began with a hive."), ("Ana", "Right now.")]


def test_captions_for_the_deaf_describe_sounds_on_lines_of_their_own_and_set_music_apart():
    """"[SHIP HORN BLARES]" alone on its line was a speaker label (and the build stopped: no such person);
    "[waves crashing]" was said; "♪ upbeat harbour theme ♪" opened the first sentence. Lyrics run
    to their closing ♪, in the next cue too; without one, what follows is speech. A voice on a
    sound's line goes on to the words under it."""
    cues = [
        "♪ upbeat harbour theme ♪", "Welcome back, I'm Mara Quinn.", "[SHIP HORN BLARES]", "And that was the ferry.",
        "<i>[waves crashing]</i>", "{\\an8}(HORN HONKS)", "♪ Oh the harbour lights\nare shining bright ♪", "It was a long career. ♪",
        "♪ Coming to you live\nfrom the sea", "with the wind in your hair ♪", "♪ la la la\nBO: Sorry, my phone.", "<v Bo Chen>[laughs]\nIt is good to be back.", "(Which is not near the sea.)",
    ]
    text = "".join(f"{k + 1}\n00:00:{2 * k:02d},000 --> 00:00:{2 * k + 1:02d},500\n{c}\n\n" for k, c in enumerate(cues))
    captions, problems = read_text(READER, text)
    assert problems == []
    assert [(s.label, s.text, s.start) for s in captions.segments] == [
        ("", "Welcome back, I'm Mara Quinn.", 2.0), ("", "And that was the ferry.", 6.0), ("", "It was a long career.", 14.0),
        ("BO", "Sorry, my phone.", 20.0), ("Bo Chen", "It is good to be back.", 22.0), ("Bo Chen", "(Which is not near the sea.)", 24.0),
    ]


def test_a_name_on_a_line_of_its_own_above_each_cue_s_words_is_its_speaker():
    """Teams' transcript copied from its .docx ("0:0:1.0 --> 0:0:5.2" / "Ana Lima" / her words):
    the name was the first words said, and no one spoke. One cue without a name goes on in the voice before."""
    cues = [("Ana Lima", "So how did it start?"), ("Bo Chen", "With one hive."), (None, "Then two."), ("Ana Lima", "And then?"), ("Bo Chen", "Three.")]
    text = "".join(f"0:0:{2 * k}.0 --> 0:0:{2 * k + 1}.5\n" + (f"{name}\n" if name else "") + f"{said}\n\n" for k, (name, said) in enumerate(cues))
    captions, problems = read_text(READER, text)
    assert problems == []
    assert [(s.label, s.text) for s in captions.segments] == [("Ana Lima", "So how did it start?"), ("Bo Chen", "With one hive."), ("Bo Chen", "Then two."), ("Ana Lima", "And then?"), ("Bo Chen", "Three.")]
    two_lines = "".join(f"0:0:{2 * k}.0 --> 0:0:{2 * k + 1}.5\nYes we did\nand it was good {k}.\n\n" for k in range(5))  # a line said again is no name
    captions, _ = read_text(READER, two_lines)
    assert captions.segments[0].text == "Yes we did and it was good 0." and captions.segments[0].label == ""


def test_broadcast_captions_name_the_speaker_after_the_change_marker():
    text = "WEBVTT\n\n00:00.000 --> 00:02.000\n>> ANA LIMA: How did it start?\n\n00:02.000 --> 00:04.000\n>> BO: With a hive.\n>> And then?\n"
    captions, problems = read_text(READER, text)
    assert problems == []
    assert [(s.label, s.text) for s in captions.segments] == [("ANA LIMA", "How did it start?"), ("BO", "With a hive."), (ANOTHER, "And then?")]


def test_a_dialogue_written_with_tight_dashes_is_two_speakers():
    text = "1\n00:00:00,000 --> 00:00:02,000\n<i>-Really?</i>\n-Yes, really.\n\n2\n00:00:02,000 --> 00:00:03,000\n-based on nothing\n"
    captions, problems = read_text(READER, text)
    assert problems == []
    # a line of its own that starts with a hyphen is no dialogue
    assert [(s.label, s.text) for s in captions.segments] == [(ANOTHER, "Really?"), (ANOTHER, "Yes, really."), ("", "-based on nothing")]


def test_converted_rolling_captions_spread_their_words_over_each_cue():
    # YouTube's automatic captions saved as plain SRT (no inline times): each new line is said over its cue.
    text = (
        "1\n00:00:00,000 --> 00:00:02,000\nyou know what's crazy\n\n2\n00:00:02,000 --> 00:00:02,010\nyou know what's crazy\n\n"
        "3\n00:00:02,010 --> 00:00:04,000\nyou know what's crazy\nthat all of this is real\n\n"
        "4\n00:00:04,000 --> 00:00:04,010\nthat all of this is real\n\n5\n00:00:04,010 --> 00:00:06,000\nthat all of this is real\nmeaning what\n\n"
        "6\n00:00:06,000 --> 00:00:06,010\nmeaning what\n\n7\n00:00:06,010 --> 00:00:08,000\nmeaning what\ndon't you think so\n"
    )
    captions, problems = read_text(READER, text)
    assert problems == []
    words = [(w.text, w.start) for s in captions.segments for w in s.words]
    assert [w for w, _ in words] == "you know what's crazy that all of this is real meaning what don't you think so".split()
    starts: dict[str, float] = {}
    for w, t in words:
        starts.setdefault(w, t)  # the first "you"
    assert starts["you"] == 0.0 and 0.4 < starts["what's"] < 1.2 and starts["that"] == 2.01 and 2.8 < starts["is"] < 3.6


def test_a_caption_kept_up_or_painted_on_over_several_cues_is_said_once():
    """QA28: a sentence shown by two cues back to back was published twice, and a line painted on
    cue by cue ("So how did", "So how did the whole project", …) as "So how did So how did the
    whole project …". A short line said again ("Yeah." twice) is said twice."""
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nSo how did\n\n2\n00:00:02,000 --> 00:00:03,000\nSo how did the whole project\n\n"
        "3\n00:00:03,000 --> 00:00:04,000\nSo how did the whole project start for you?\n\n"
        "4\n00:00:04,500 --> 00:00:06,000\nIt started with a single hive.\n\n5\n00:00:06,000 --> 00:00:07,500\nIt started with a single hive.\n\n"
        "6\n00:00:08,000 --> 00:00:08,500\nYeah.\n\n7\n00:00:08,500 --> 00:00:09,000\nYeah.\n"
    )
    captions, problems = read_text(READER, text)
    assert problems == []
    said = " ".join(s.text for s in captions.segments)
    assert said == "So how did the whole project start for you? It started with a single hive. Yeah. Yeah."
    hive = next(s for s in captions.segments if s.text.startswith("It started"))
    assert (hive.start, hive.end) == (4.5, 7.5)  # kept up by the second cue
    assert [(s.text, s.start) for s in captions.segments[:3]] == [("So how did", 1.0), ("the whole project", 2.0), ("start for you?", 3.0)]  # each part when painted on


@pytest.mark.parametrize("label", ["Ana Lima (Host)", "Ana Lima, PhD", "Ana Lima MD"])
def test_a_speaker_prefix_with_a_role_or_credential_names_who(label):
    """QA28: "Ana Lima (Host): …" and "Bo Chen, PhD: …" named no one, the label left in the words."""
    captions, problems = read_text(READER, f"1\n00:00:00,000 --> 00:00:02,000\n{label}: Hello there.\n\n2\n00:00:02,000 --> 00:00:04,000\nBo Chen: Hi.\n")
    assert problems == []
    assert [(s.label, s.text) for s in captions.segments] == [(label, "Hello there."), ("Bo Chen", "Hi.")]
