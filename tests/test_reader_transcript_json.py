"""The Podcasting 2.0 JSON transcript reader (the format the build exports)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.model import UNKNOWN
from generator.readers.transcript_json import READER
from helpers import read_text

FIXTURES = Path(__file__).parent / "fixtures" / "readers"


def test_word_and_sentence_segments_are_kept_as_given():
    text = (FIXTURES / "podcast2.json").read_text(encoding="utf-8")
    transcript, problems = read_text(READER, text, "podcast2.json")
    assert problems == []
    assert transcript.format == "transcript-json"
    got = [(s.label, s.text, s.start, s.end) for s in transcript.segments]
    assert got[:2] == [("Ilya Sutskever", "You", 0.0, 0.2), ("Ilya Sutskever", "know", 0.2, 0.36)]  # " know": space dropped
    assert got[4] == ("Ilya Sutskever", "That all of this is real.", 1.3, 2.4)
    # no speaker, in a file naming segment after segment: no one's (UNKNOWN); the blank body skipped
    assert got[-1] == (UNKNOWN, "Like all this AI stuff and all this Bay Area.", 4.2, 7.9)
    assert len(got) == 8
    assert transcript.segments[1].origin.line == 10


def test_punctuation_given_as_its_own_segment_ends_the_word_before_it():
    segs = [("A", " So", 0.0), ("A", " how", 0.3), ("A", "?", 0.5), ("A", " Well", 1.0), ("A", ",", 1.2), ("A", " -- ", 1.3), ("A", "yes", 1.5),
            ("A", "(", 1.7), ("A", "roughly", 1.8), ("A", ")", 2.0)]
    text = json.dumps({"version": "1.0.0", "segments": [{"speaker": w, "startTime": t, "endTime": t + 0.1, "body": b} for w, b, t in segs]})
    transcript, problems = read_text(READER, text)
    assert problems == [] and [s.text for s in transcript.segments] == ["So", "how?", "Well,", "--", "yes", "(roughly)"]


def test_end_time_is_optional():
    transcript, problems = read_text(READER, json.dumps({"version": "1.0.0", "segments": [{"startTime": 3, "body": "Hi."}]}))
    assert problems == []
    assert (transcript.segments[0].start, transcript.segments[0].end) == (3.0, None)


def doc(*segs: str) -> str:
    return '{"version": "1.0.0",\n"segments": [\n' + ",\n".join(segs) + "\n]}\n"


GOOD = '{"speaker": "A", "startTime": 0.0, "endTime": 1.0, "body": "Hi."}'


@pytest.mark.parametrize(
    "text, expected",
    [
        (doc(GOOD, '{"endTime": 2.0, "body": "Ho"}'), "src.txt:4: segment 1 has no 'startTime'"),
        (doc(GOOD, '{"startTime": -1, "body": "Ho"}'), "src.txt:4: segment 1: 'startTime' is negative (-1 s)"),
        (doc(GOOD, '{"startTime": "00:01", "body": "Ho"}'), "src.txt:4: segment 1: 'startTime' must be a number of seconds, not '00:01'"),
        (doc(GOOD, '{"startTime": 3, "endTime": 2, "body": "Ho"}'), "src.txt:4: segment 1 ends before it starts (3.000 s to 2.000 s)"),
        (doc(GOOD, '{"startTime": 1, "body": ["Ho"]}'), "src.txt:4: segment 1: 'body' must be a string, not ['Ho']"),
        (doc(GOOD, '{"startTime": 1, "body": "Ho", "speaker": {"name": "B"}}'), "src.txt:4: segment 1: 'speaker' must be a string, not {'name': 'B'}"),
        (doc('{"startTime": 5, "body": "Hi"}', '{"startTime": 1, "body": "Ho"}'), "src.txt:4: time goes backwards: segment 1 starts at 1.000 s, before 5.000 s (line 3)"),
        (doc(GOOD, "7"), "src.txt:4: segment 1 is not an object: 7"),
        (doc(GOOD, '{"startTime": 1, "body": "' + "x" * 300 + '", "speaker": 5}'), "src.txt:4: segment 1: 'speaker' must be a string, not 5"),
        ('{"version": "1.0.0", "segments": [\n{"startTime": 1, "body": "Hi"}\n', "src.txt:3: invalid JSON: Expecting ',' delimiter"),
        ('{"version": "1.0.0"}', "src.txt:1: no 'segments' list"),
        ('{"version": "1.0.0", "segments": [{"startTime": 1, "body": ""}]}', "src.txt: no segments with text"),
    ],
)
def test_bad_transcript_json_names_the_line(text, expected):
    transcript, problems = read_text(READER, text)
    assert transcript is None
    assert any(p.startswith(expected) for p in problems), problems


def test_every_problem_is_reported_not_just_the_first():
    _, problems = read_text(READER, doc('{"body": "Hi"}', GOOD, '{"startTime": 2, "body": 5}'))
    assert [p.split(":")[1] for p in problems] == ["3", "5"]


def test_a_huge_bad_value_is_cut_short_in_the_message():
    _, problems = read_text(READER, doc('{"startTime": "' + "9" * 5000 + '", "body": "Hi"}'))
    assert len(problems) == 1 and len(problems[0]) < 150


def test_times_written_as_strings_of_numbers_are_those_numbers():
    text = json.dumps({"version": "1.0.0", "segments": [
        {"speaker": "Ana", "startTime": "0.5", "endTime": "2.35", "body": "Hello."},
        {"speaker": "Bo", "startTime": " 2.35", "endTime": "4", "body": "Hi."},
    ]})
    doc, problems = read_text(READER, text)
    assert problems == []
    assert [(s.label, s.start, s.end) for s in doc.segments] == [("Ana", 0.5, 2.35), ("Bo", 2.35, 4.0)]

