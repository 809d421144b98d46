"""The word-level speech-to-text reader, on the real parts and on tiny hand-made ones."""

from __future__ import annotations

import re

import pytest

from generator.readers.words import READER
from helpers import read_text

from conftest import SEEDS

PART6 = SEEDS / "000_bda1352659bf82d4.txt"
PART5 = SEEDS / "001_a9af0ab92605b360.txt"


def test_stacked_part_with_header():
    part, problems = read_text(READER, PART6.read_text(encoding="utf-8"), "p6.txt")
    assert problems == []
    assert (part.number, part.count, part.duration) == (6, 17, 5763.0)
    first = part.segments[0]
    assert first.speaker == "Dwarkesh Patel (Host)" and first.start == 0.46
    assert [w.text for w in first.words[:4]] == ["It", "still", "seems", "better"]
    assert first.words[0].origin.line == 5  # the word's own line, for error messages
    assert part.segments[1].speaker == "Ilya Sutskever (Co-founder and Chief Scientist)"
    assert part.segments[1].start == 9.58
    assert len(part.words) == 1421


def test_inline_part_without_header_has_no_number():
    part, problems = read_text(READER, PART5.read_text(encoding="utf-8"), "p5.txt")
    assert problems == []
    assert part.number is None and part.duration is None
    assert part.segments[0].start == 0.72
    assert part.words[-1].text == "not."
    assert len(part.segments) == 30


@pytest.mark.parametrize("seed", [PART6, PART5])
def test_speakers_written_without_a_role_are_read_as_with_one(seed):
    """QA27: a diarizer's "Speaker 0" (or a bare name) on the speaker lines, with no role in
    parentheses, was "time '00:00.560' without a speaker line before it" at every block."""
    text = seed.read_text(encoding="utf-8")
    bare = text.replace("Dwarkesh Patel (Host)", "Speaker 0").replace("Ilya Sutskever (Co-founder and Chief Scientist)", "Ilya Sutskever")
    part, problems = read_text(READER, bare, "p.txt")
    assert problems == []
    whole, _ = read_text(READER, text, "p.txt")
    renamed = {"Dwarkesh Patel (Host)": "Speaker 0", "Ilya Sutskever (Co-founder and Chief Scientist)": "Ilya Sutskever"}
    assert [(renamed[s.speaker], s.start, [w.text for w in s.words]) for s in whole.segments] == [(s.speaker, s.start, [w.text for w in s.words]) for s in part.segments]
    assert (part.number, part.count) == (whole.number, whole.count)


def test_words_inside_a_segment_are_spread_until_the_next_segment():
    part, _ = read_text(READER, "A (Host) 00:01.000\none two three\nB (Guest) 00:04.000\nyes\n")
    times = [w.start for w in part.segments[0].words]
    assert times[0] == 1.0 and times[0] < times[1] < times[2] < 4.0


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A (Host)\n00:6x.000\nhello\n", "src.txt:2: unreadable or impossible time '00:6x.000'"),
        ("A (Host)\n00:75.000\nhello\n", "src.txt:2: unreadable or impossible time '00:75.000'"),
        ("A (Host)\n00:05.000\nhi\nB (Guest)\n00:03.000\nho\n", "src.txt:5: time goes backwards: 00:03.000 comes after 00:05.000 (line 2)"),
        ("A (Host)\n00:05.000\nhi\nB (Guest)\n00:09.000\n", "src.txt:5: segment of B (Guest) at 00:09.000 has no words (file truncated?)"),
        ("T - part 3/2\n2025-01-01_10-00 • 1h 0m 0s\nA (Host)\n00:01.000\nhi\n", "src.txt:1: part 3/2 is impossible"),
        ("T - part 1/2\n2025-01-01_10-00 • 0h 1m 0s\nA (Host)\n01:30.000\nhi\n", "src.txt:4: time 01:30.000 is past the episode's end"),
    ],
)
def test_bad_parts_name_the_line(text, expected):
    part, problems = read_text(READER, text)
    assert part is None
    assert any(p.startswith(expected) for p in problems), problems


def test_every_problem_is_reported_not_just_the_first():
    text = "A (Host)\n00:6x.000\nhi\nB (Guest)\n00:09.000\nho\nA (Host)\n00:08.000\nhey\n"
    _, problems = read_text(READER, text)
    assert [p.split(":")[1] for p in problems] == ["2", "8"]


def test_parts_joined_into_one_file_are_read_as_parts():
    """``cat part6.txt part5.txt``: each part with its own number and clock, its words at their own lines."""
    six, five = PART6.read_text(encoding="utf-8").rstrip("\n") + "\n", PART5.read_text(encoding="utf-8")
    alone, _ = read_text(READER, five)
    parts, problems = read_text(READER, six + five, "joined.txt")
    assert problems == [] and [(p.number, p.count, len(p.words)) for p in parts] == [(6, 17, 1421), (None, None, len(alone.words))]
    assert parts[1].segments[0].start == 0.72 and parts[1].segments[0].origin.line == six.count("\n") + 1
    headed = six + "Title - part 7/17\n2025-11-25_17-29 • 1h 36m 3s\n" + five
    parts, problems = read_text(READER, headed, "joined.txt")
    assert problems == [] and [(p.number, p.count, p.duration) for p in parts] == [(6, 17, 5763.0), (7, 17, 5763.0)]


def test_parts_joined_with_cat_where_a_file_lacks_its_last_newline_keep_their_words_and_speakers():
    """QA37b: the seeds end without a newline, so ``cat`` runs a part's last word into the next
    part's first line: "I'mDwarkesh Patel (Host) 00:00.720" was a speaker "not one of this episode's
    people"; "not.Ilya Sutskever – … - part 6/17" left the segment before it "without words (file
    truncated?)". The word goes back to the segment before; the next part opens as it would alone."""
    six, five = PART6.read_text(encoding="utf-8"), PART5.read_text(encoding="utf-8")
    assert not six.endswith("\n") and not five.endswith("\n")
    alone6, _ = read_text(READER, six)
    alone5, _ = read_text(READER, five)
    parts, problems = read_text(READER, six + five, "joined.txt")
    assert problems == [] and [(p.number, len(p.words)) for p in parts] == [(6, len(alone6.words)), (None, len(alone5.words))]
    assert parts[0].words[-1].text == "I'm" and parts[1].segments[0].speaker == alone5.segments[0].speaker
    parts, problems = read_text(READER, five + six, "joined.txt")
    assert problems == [] and [(p.number, len(p.words)) for p in parts] == [(None, len(alone5.words)), (6, len(alone6.words))]
    assert parts[0].words[-1].text == "not." and parts[0].words[-1].origin.line == five.count("\n") + 1
    # a title written again by another header is cut where that title starts, capitals inside or not
    headed = "OpenAI title - part 1/2\nA (Host) 00:00.500\nwe asked\nB (Guest) 01:10.000\nMcDonald"
    parts, problems = read_text(READER, headed + headed.replace("part 1/2", "part 2/2"), "joined.txt")
    assert problems == [] and [w.text for w in parts[0].words][-1] == "McDonald" and parts[1].number == 2


def test_a_name_ending_as_another_does_is_its_own_speaker_not_a_word_run_into_a_label():
    """QA39: "JoAnn Lee (Guest)" after "Ann Lee (Guest)" in one part was read as Ann's label with "Jo"
    run into it (as ``cat`` runs a file's last word into the next's first line): JoAnn's words were
    Ann's, and "Jo" a word of the turn before. Times going on, it is no file's seam."""
    text = "Ann Lee (Guest)\n00:00.560\nso\nwe\nbegin\n\nJoAnn Lee (Guest)\n00:05.000\nand\nI\nanswer\n\nAnn Lee (Guest)\n00:09.000\nthanks\n"
    part, problems = read_text(READER, text)
    assert problems == []
    assert [(s.speaker, " ".join(w.text for w in s.words)) for s in part.segments] == [
        ("Ann Lee (Guest)", "so we begin"), ("JoAnn Lee (Guest)", "and I answer"), ("Ann Lee (Guest)", "thanks")]


def test_a_time_going_back_within_the_first_minute_or_past_five_seconds_is_no_new_part():
    text = "A (Host)\n00:00.500\nhi\nB (Guest)\n01:30.000\nho\nA (Host)\n00:20.000\nhe\n"
    _, problems = read_text(READER, text)
    assert problems == ["src.txt:8: time goes backwards: 00:20.000 comes after 01:30.000 (line 5)"]


def test_a_garbled_time_near_zero_inside_a_part_is_reported_not_taken_for_a_new_part():
    """One time written 00:02.000 in a part (the times after it go on from 01:46): it split the part in
    two and moved the rest of the transcript by up to 2 min, silently."""
    lines = PART6.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if i > 300 and re.fullmatch(r"\d\d:\d\d\.\d+", line.strip()))
    before = next(line for line in reversed(lines[:at]) if re.fullmatch(r"\d\d:\d\d\.\d+", line.strip()))
    lines[at] = "00:02.000"
    _, problems = read_text(READER, "\n".join(lines), "p6.txt")
    assert problems == [f"p6.txt:{at + 1}: time goes backwards: 00:02.000 comes after {before.strip()} (line {lines.index(before) + 1})"]


def test_a_part_given_twice_in_one_file_is_named_at_its_lines():
    """It said "parts.txt:1: part 6 again: parts.txt is part 6 too"."""
    from generator.merge import _source_problems  # the merge's own check, on what the reader gives

    six = PART6.read_text(encoding="utf-8").rstrip("\n") + "\n"
    parts, _ = read_text(READER, six + six, "parts.txt")
    problems = _source_problems(type("C", (), {"slug": "ep"})(), list(parts), "site.toml")
    second = six.count("\n") + 4  # the second copy's first segment: after the first copy, its header, its date line and speaker line
    again = [str(p) for p in problems.items if "again" in str(p)]
    assert again == [f"parts.txt:{second}: part 6 again: parts.txt:4 is part 6 too; keep one of them"], [str(p) for p in problems.items]
