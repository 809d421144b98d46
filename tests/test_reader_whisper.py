"""The Whisper / faster-whisper / WhisperX JSON reader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.readers.whisper import READER
from helpers import read_text

FIXTURES = Path(__file__).parent / "fixtures" / "readers"


def read_fixture(name: str):
    result, problems = read_text(READER, (FIXTURES / name).read_text(encoding="utf-8"), name)
    assert problems == []
    return result


def test_whisper_segments_and_words_without_their_leading_spaces():
    whisper = read_fixture("whisper.json")
    assert whisper.format == "whisper"
    first, second = whisper.segments
    assert (first.label, first.text, first.start, first.end) == ("", "You know what's crazy? That all of this is real.", 0.0, 2.4)
    assert [w.text for w in first.words[:4]] == ["You", "know", "what's", "crazy?"]
    assert (first.words[3].start, first.words[3].end) == (0.6, 1.1)
    assert second.text == "Meaning what? Don't you think so?"
    assert (first.origin.line, second.origin.line) == (4, 86)  # where each segment's object begins
    assert first.words[1].origin.line == 30


def test_whisperx_speakers_as_written_and_missing_word_times_interpolated():
    whisperx = read_fixture("whisperx.json")
    assert [s.label for s in whisperx.segments] == ["SPEAKER_01", "SPEAKER_00", "SPEAKER_01"]
    words = {w.text: w for w in whisperx.segments[2].words}
    assert words["1%"].start == 5.0 and words["1%"].end is None  # from 'investing' ending at 5.0 to 'of' at 5.6
    assert words["2025."].start == 7.0  # the segment's last word: after 'by' ends
    assert len(whisperx.segments) == 3  # word_segments repeats the words: not read again


def test_several_untimed_words_share_the_gap_evenly():
    seg = {"start": 1.0, "end": 3.0, "text": "a 1 2 b", "words": [{"word": "a", "start": 1.0}, {"word": "1"}, {"word": "2"}, {"word": "b", "start": 2.5, "end": 3.0}]}
    whisper, problems = read_text(READER, json.dumps({"segments": [seg]}))
    assert problems == []
    assert [w.start for w in whisper.segments[0].words] == [1.0, 1.5, 2.0, 2.5]


def test_untimed_first_words_start_with_the_segment():
    seg = {"start": 1.0, "end": 3.0, "text": "10 20 b", "words": [{"word": "10"}, {"word": "20"}, {"word": "b", "start": 2.0}]}
    whisper, _ = read_text(READER, json.dumps({"segments": [seg]}))
    assert [w.start for w in whisper.segments[0].words] == [1.0, 1.5, 2.0]


def test_a_bare_list_of_segments_on_one_line_with_text_words_and_no_speaker():
    text = json.dumps([{"id": 0, "start": 0.5, "end": 1.5, "text": "  Hello   there. ", "words": [{"text": " Hello", "start": 0.5, "end": 0.9, "score": 0.9}, {"text": " there.", "start": 0.9, "end": 1.5}]}])
    whisper, problems = read_text(READER, text)
    assert problems == []
    seg = whisper.segments[0]
    assert (seg.text, seg.label, [w.text for w in seg.words]) == ("Hello there.", "", ["Hello", "there."])


def test_empty_segments_are_skipped():
    text = json.dumps({"segments": [{"start": 0, "end": 1, "text": " "}, {"start": 1, "end": 2, "text": "Yes."}]})
    whisper, _ = read_text(READER, text)
    assert [s.text for s in whisper.segments] == ["Yes."]


def segments(*segs: str) -> str:
    """A Whisper file with one segment object per line from line 3 on."""
    return '{\n"segments": [\n' + ",\n".join(segs) + "\n]}\n"


GOOD = '{"start": 0.0, "end": 1.0, "text": "Hi."}'


@pytest.mark.parametrize(
    "text, expected",
    [
        ('{"segments": [\n{"start": 0, "end": 1, "text": "Hi"},\n]}', "src.txt:3: invalid JSON: Expecting value (column 1)"),
        (segments(GOOD, '{"end": 2.0, "text": "Ho"}'), "src.txt:4: segment 1 has no 'start' time"),
        (segments(GOOD, '{"start": -2.0, "end": 2.0, "text": "Ho"}'), "src.txt:4: segment 1: 'start' is negative (-2 s)"),
        (segments(GOOD, '{"start": "0:01", "end": 2.0, "text": "Ho"}'), "src.txt:4: segment 1: 'start' must be a number of seconds, not '0:01'"),
        (segments(GOOD, '{"start": 3.0, "end": 2.0, "text": "Ho"}'), "src.txt:4: segment 1 ends before it starts (3.000 s to 2.000 s)"),
        (segments(GOOD, '{"start": 1.0, "end": 2.0, "text": 5}'), "src.txt:4: segment 1: 'text' must be a string, not 5"),
        (segments(GOOD, '{"start": 1.0, "end": 2.0, "text": "Ho", "speaker": 1}'), "src.txt:4: segment 1: 'speaker' must be a string, not 1"),
        (segments('{"start": 5.0, "end": 6.0, "text": "Hi"}', '{"start": 1.0, "end": 2.0, "text": "Ho"}'), "src.txt:4: time goes backwards: segment 1 starts at 1.000 s, before 5.000 s (line 3)"),
        (segments(GOOD, '"Ho"'), "src.txt:4: segment 1 is not an object: 'Ho'"),
        (segments(GOOD, '{"start": 1.0, "end": 2.0, "text": "Ho", "words": 5}'), "src.txt:4: 'words' must be a list, not 5"),
        (segments(GOOD, '{"start": 1.0, "end": 2.0, "text": "Ho",\n "words": [{"word": "Ho", "start": true}]}'), "src.txt:5: word 0 'Ho': 'start' must be a number of seconds, not True"),
        (segments(GOOD, '{"start": 1.0, "end": 2.0, "text": "Ho",\n "words": [\n{"word": "Ho", "start": 1.5, "end": 1.2}]}'), "src.txt:6: word 0 'Ho' ends before it starts (1.500 s to 1.200 s)"),
        (segments(GOOD, '{"start": 1.0, "end": 2.0, "text": "Ho",\n "words": [{"word": null}]}'), "src.txt:5: word 0: 'word' must be a string, not None"),
        (segments('{"start": 1e999, "end": 2.0, "text": "Ho"}'), "src.txt:3: segment 0: 'start' must be a number of seconds, not inf"),
        ('{"text": "Hi"}', "src.txt:1: no 'segments' list"),
        ('{"segments": [\n-Infinity]}', "src.txt:2: segment 0 is not an object: -inf"),
        (segments(GOOD, '{"start": NaN, "end": 2.0, "text": "Ho"}'), "src.txt:4: segment 1: 'start' must be a number of seconds, not nan"),
        ('{"segments": []}', "src.txt: no segments with text"),
        # one damaged word time would stretch the clock of every passage after it
        (segments('{"start": 0.0, "end": 3.0, "text": "So how",\n "words": [{"word": "So", "start": 0.1}, {"word": "how", "start": 250.0}]}'),
         "src.txt:4: word 1 'how': time 250.000 s is outside its segment (0.000 s to 3.000 s)"),
        (segments('{"start": 0.0, "end": 3.0, "text": "So how",\n "words": [{"word": "So", "start": 2.0}, {"word": "how", "start": 0.5}]}'),
         "src.txt:4: word 1 'how': time goes backwards (0.500 s after 2.000 s)"),
    ],
)
def test_bad_whisper_json_names_the_line(text, expected):
    whisper, problems = read_text(READER, text)
    assert whisper is None
    assert any(p.startswith(expected) for p in problems), problems


def test_nan_where_python_wrote_it_is_no_value_not_a_broken_file():
    """Python's json writes NaN ("avg_logprob": NaN from a failed score): the file was refused whole,
    though no reader uses that field. A word's NaN time is a time the tool could not give: filled in."""
    text = segments(
        '{"start": 0.0, "end": 2.0, "text": " So how", "avg_logprob": NaN,\n "words": [{"word": " So", "start": 0.0, "end": 0.5}, {"word": " how", "start": NaN, "end": Infinity, "score": NaN}]}',
        '{"start": 2.0, "end": 4.0, "text": " did it start?", "no_speech_prob": Infinity}',
    )
    whisper, problems = read_text(READER, text)
    assert problems == []
    assert [w.text for s in whisper.segments for w in s.words][:2] == ["So", "how"]
    assert 0.5 <= whisper.segments[0].words[1].start < 2.0


def test_every_problem_is_reported_not_just_the_first():
    text = segments('{"end": 1.0, "text": "Hi"}', GOOD, '{"start": 1.0, "end": 2.0, "text": 5}')
    _, problems = read_text(READER, text)
    assert [p.split(":")[1] for p in problems] == ["3", "5"]


def test_a_looping_segment_said_again_in_no_time_is_read_once():
    # Whisper's hallucination loop: the same text again and again, each of zero length. Said again
    # over time of its own, a repeat is speech ("Really? Really?") and stays.
    segments = [
        {"start": 0.0, "end": 4.0, "text": " Student number two thought so."},
        {"start": 4.0, "end": 4.0, "text": " Student number two thought so."},
        {"start": 4.0, "end": 4.0, "text": " Student number two thought so."},
        {"start": 4.0, "end": 5.5, "text": " Really?"},
        {"start": 5.5, "end": 7.0, "text": " Really?"},
    ]
    doc, problems = read_text(READER, json.dumps({"segments": segments}))
    assert problems == []
    assert [(s.text, s.start) for s in doc.segments] == [("Student number two thought so.", 0.0), ("Really?", 4.0), ("Really?", 5.5)]


def _cpp_segment(start_ms: int, end_ms: int, text: str, tokens=None, **extra) -> dict:
    """A segment as whisper.cpp's -oj / -ojf writes it (timestamps as text, offsets in ms)."""
    clock = lambda ms: f"00:00:{ms // 1000:02d},{ms % 1000:03d}"  # noqa: E731
    seg = {"timestamps": {"from": clock(start_ms), "to": clock(end_ms)}, "offsets": {"from": start_ms, "to": end_ms}, "text": text}
    if tokens is not None:
        seg["tokens"] = [
            {"text": t, "timestamps": {"from": clock(a), "to": clock(b)}, "offsets": {"from": a, "to": b}, "id": 1, "p": 0.9, "t_dtw": -1}
            for t, a, b in tokens
        ]
    return {**seg, **extra}


def _segment_lines(text: str) -> list[int]:
    """The lines where each segment's object opens, in the file _cpp_file writes."""
    return [n for n, line in enumerate(text.split("\n"), 1) if line == "    {"]


def _cpp_file(*segments: dict) -> str:
    return json.dumps({
        "systeminfo": "AVX = 1", "model": {"type": "base"}, "params": {"model": "models/ggml-base.en.bin", "language": "en"},
        "result": {"language": "en"}, "transcription": list(segments),
    }, indent=2)


def test_whisper_cpp_json_segments_in_milliseconds_and_stereo_speakers():
    from generator.model import UNKNOWN

    text = _cpp_file(
        _cpp_segment(0, 2400, " You know what's crazy?", speaker="0"),
        _cpp_segment(2400, 4100, " Meaning what?", speaker="1"),
        _cpp_segment(4100, 5000, " Hm.", speaker="?"),
    )
    result, problems = read_text(READER, text, "episode.json")
    assert problems == []
    assert [(s.label, s.text, s.start, s.end) for s in result.segments] == [
        ("0", "You know what's crazy?", 0.0, 2.4), ("1", "Meaning what?", 2.4, 4.1), (UNKNOWN, "Hm.", 4.1, 5.0)]  # "?": could not tell
    assert [s.origin.line for s in result.segments] == _segment_lines(text)


def test_whisper_cpp_full_json_tokens_become_timed_words():
    tokens = [("[_BEG_]", 0, 0), (" Sut", 0, 300), ("sk", 300, 450), ("ever", 450, 700), (" said", 700, 1000), (" so.", 1000, 1300), ("[_TT_65]", 1300, 1300)]
    result, problems = read_text(READER, _cpp_file(_cpp_segment(0, 1300, " Sutskever said so.", tokens)), "episode.json")
    assert problems == []
    (seg,) = result.segments
    assert [(w.text, w.start, w.end) for w in seg.words] == [("Sutskever", 0.0, 0.7), ("said", 0.7, 1.0), ("so.", 1.0, 1.3)]


def test_whisper_cpp_json_is_recognised_and_its_bad_offsets_located(tmp_path):
    from generator.errors import Problems
    from generator.readers import read_source

    path = tmp_path / "episode.json"
    text = _cpp_file(_cpp_segment(0, 1000, " Fine."), {"offsets": {"from": "soon", "to": 2000}, "text": " Broken."})
    path.write_text(text, encoding="utf-8")
    problems = Problems()
    assert read_source(path, "episode.json", None, problems) is None
    (problem,) = problems.items
    assert (problem.line, problem.message) == (_segment_lines(text)[1], "segment 1: 'start' must be a number of seconds, not 'soon'")


def test_whisper_cpp_tokens_that_cannot_be_read_are_located_not_dropped(tmp_path):
    """A token's word left out silently would be missing from the transcript: each bad token is
    a problem at its own line, as a bad word of openai-whisper's JSON is."""
    from generator.errors import Problems
    from generator.readers import read_source

    good = _cpp_segment(0, 1300, " Sutskever said so.", [(" Sut", 0, 300), ("sk", 300, 450), ("ever", 450, 700), (" said", 700, 1000), (" so.", 1000, 1300)])
    bad = json.loads(json.dumps(good))
    bad["tokens"][3]["text"] = 7
    bad["tokens"][1] = "sk"
    bad["tokens"][4]["offsets"]["to"] = "later"
    text = _cpp_file(good, bad)
    path = tmp_path / "episode.json"
    path.write_text(text, encoding="utf-8")
    problems = Problems()
    assert read_source(path, "episode.json", None, problems) is None
    lines = text.split("\n")
    token_lines = [n for n, line in enumerate(lines, 1) if line.strip() in ('"text": " said",', '"text": 7,', '"sk",', '"text": " so.",')]
    assert [(p.line, p.message) for p in problems.items] == [
        (token_lines[-3], "token 1 is not an object: 'sk'"),
        (token_lines[-2] - 1, "token 3: 'text' must be a string, not 7"),
        (token_lines[-1] - 1, "token 4 'so.': offsets must be numbers of milliseconds, not 'later'"),
    ]


def test_whisper_cpp_tinydiarize_turns_are_someone_else_speaking():
    from generator.model import ANOTHER

    text = _cpp_file(
        _cpp_segment(0, 2000, " Welcome back to the show.", speaker_turn_next=False),
        _cpp_segment(2000, 4000, " Today, bees.", speaker_turn_next=True),
        _cpp_segment(4000, 6000, " Thanks for having me.", speaker_turn_next=False),
        _cpp_segment(6000, 8000, " I keep bees.", speaker_turn_next=True),
        _cpp_segment(8000, 9000, " How?"),
    )
    result, problems = read_text(READER, text, "episode.json")
    assert problems == []
    assert [s.label for s in result.segments] == ["", "", ANOTHER, "", ANOTHER]


def test_a_diarized_segment_without_a_speaker_is_nobody_s_not_the_one_before():
    # WhisperX leaves a segment it could not attribute without "speaker": the host's question was the guest's
    from dataclasses import replace

    from generator.merge import merge_episode
    from generator.model import NOBODY
    from test_merge_stages import ANA, BO, O, SITE, cfg
    from generator.config import Pin

    text = json.dumps({"segments": [
        {"start": 0, "end": 3, "text": " Welcome to the show.", "speaker": "SPEAKER_00"},
        {"start": 3.5, "end": 6, "text": " Thanks for having me.", "speaker": "SPEAKER_01"},
        {"start": 6.5, "end": 9, "text": " So what do you do?"},
        {"start": 9.5, "end": 12, "text": " I build robots.", "speaker": "SPEAKER_01"}]})
    run, problems = read_text(READER, text, "w.json")
    assert problems == [] and [s.label for s in run.segments] == ["SPEAKER_00", "SPEAKER_01", "?", "SPEAKER_01"]
    pins = (Pin("SPEAKER_00", ANA, O), Pin("SPEAKER_01", BO, O))
    ep, problems = merge_episode(replace(cfg(ANA, BO, duration=12.0), pins=pins), [run], SITE)
    assert not problems.items
    assert [(p.speaker, p.text) for p in ep.passages] == [
        (ANA, "Welcome to the show."), (BO, "Thanks for having me."), (NOBODY, "So what do you do?"), (BO, "I build robots.")]
    plain, _ = read_text(READER, json.dumps({"segments": [{"start": 0, "end": 3, "text": " Not diarized."}]}), "w.json")
    assert [s.label for s in plain.segments] == [""]  # no speakers at all: unlabelled, as captions are


def test_control_characters_in_a_source_are_spaces_in_its_text(tmp_path):
    # a terminal's escape codes and DEL passed into pages, captions and the feed (where XML forbids them)
    from generator.errors import Problems
    from generator.readers import read_source

    run, problems = read_text(READER, json.dumps({"segments": [{"start": 0, "end": 2, "text": " Bees\u001b[1m are\u007f back\ufffe."}]}), "w.json")
    assert problems == [] and [s.text for s in run.segments] == ["Bees [1m are back ."]
    path = tmp_path / "c.vtt"
    path.write_bytes(b"WEBVTT\n\n00:00.000 --> 00:02.000\nBees\x1b are\x7f back\x0c.\n")
    problems = Problems()
    source = read_source(path, "c.vtt", None, problems)
    assert not problems.items and [s.text for s in source.segments] == ["Bees are back ."]


def _word(text: str, start: float | None, speaker: str | None = None) -> dict:
    word: dict = {"word": f" {text}"}
    if start is not None:
        word.update(start=start, end=start + 0.3)
    if speaker is not None:
        word["speaker"] = speaker
    return word


def test_a_whisperx_segment_holding_a_reply_is_cut_where_its_words_change_speaker():
    """WhisperX gives a segment the speaker of most of its words, and each word its own: a short
    reply inside a segment was the other person's words credited to the one who spoke more."""
    words = [_word("Right.", 1.0, "SPEAKER_00"), _word("Exactly.", 1.4, "SPEAKER_00"), _word("So", 2.0, "SPEAKER_01"),
             _word("the", 2.3, "SPEAKER_01"), _word("1%", None), _word("case", 3.0, "SPEAKER_01"), _word("again.", 3.4, "SPEAKER_01")]
    seg = {"start": 1.0, "end": 3.8, "text": " Right. Exactly. So the 1% case again.", "speaker": "SPEAKER_01", "words": words}
    whisper, problems = read_text(READER, json.dumps({"segments": [seg]}))
    assert problems == []
    assert [(s.label, s.text, s.start, s.end) for s in whisper.segments] == [
        ("SPEAKER_00", "Right. Exactly.", 1.0, 2.0),
        ("SPEAKER_01", "So the 1% case again.", 2.0, 3.8),  # the unaligned "1%" is its neighbours' speaker's
    ]
    assert [w.text for w in whisper.segments[1].words] == ["So", "the", "1%", "case", "again."]


def test_speakers_given_on_the_words_alone_name_the_segments():
    """Some diarization scripts label only the words: the segments are theirs, not nobody's."""
    one = {"start": 0.0, "end": 1.0, "text": " Hello there.", "words": [_word("Hello", 0.0, "SPEAKER_00"), _word("there.", 0.5, "SPEAKER_00")]}
    two = {"start": 1.2, "end": 2.0, "text": " Hi.", "words": [_word("Hi.", 1.2, "SPEAKER_01")]}
    three = {"start": 2.2, "end": 3.0, "text": " Mm.", "words": [_word("Mm.", 2.2)]}  # diarized, unattributed
    whisper, problems = read_text(READER, json.dumps({"segments": [one, two, three]}))
    assert problems == []
    assert [(s.label, s.text) for s in whisper.segments] == [("SPEAKER_00", "Hello there."), ("SPEAKER_01", "Hi."), ("?", "Mm.")]  # "?": UNKNOWN


def test_sounds_described_are_not_words_said():
    """whisper.cpp writes "[BLANK_AUDIO]" over silence, Whisper "[Music]" or "(upbeat music)": they
    were published as speech, at the top of the first page."""
    words = [_word("Hello", 1.0), _word("there.", 1.3), _word("[Laughter]", 1.6), _word("Yes.", 2.2)]
    segs = [{"start": 0, "end": 1, "text": " [BLANK_AUDIO]"}, {"start": 1, "end": 2.5, "text": " Hello there. [Laughter] Yes.", "words": words},
            {"start": 2.5, "end": 4, "text": " (upbeat music)"}, {"start": 4, "end": 5, "text": " ♪ Bye. ♪"},
            {"start": 5, "end": 6, "text": " Variables are (static) by default."}]  # within speech, a parenthesis is said
    whisper, problems = read_text(READER, json.dumps({"segments": segs}))
    assert problems == []
    assert [s.text for s in whisper.segments] == ["Hello there. Yes.", "Bye.", "Variables are (static) by default."]
    assert [w.text for w in whisper.segments[0].words] == ["Hello", "there.", "Yes."]


def test_faster_whisper_words_dumped_as_lists_are_words():
    """faster-whisper's Word is a named tuple: json.dumps writes [start, end, word, probability], and
    each was "word N is not an object" (689 problems, all at line 1)."""
    seg = {"start": 1.0, "end": 2.0, "text": " Hello there.", "words": [[1.0, 1.4, " Hello", 0.9], [1.5, 2.0, " there.", 0.8]]}
    whisper, problems = read_text(READER, json.dumps([seg]))
    assert problems == []
    assert [(w.text, w.start, w.end) for w in whisper.segments[0].words] == [("Hello", 1.0, 1.4), ("there.", 1.5, 2.0)]


def test_a_word_of_another_speaker_inside_a_segment_is_noise_and_words_that_miss_text_do_not_cut_it():
    """One word of 12 labelled SPEAKER_01 made the whole SPEAKER_00 segment SPEAKER_01's (its first words
    took that word's speaker); words that leave text out cut the segment and lost it."""
    words = [_word(w, 1.0 + 0.3 * k, "SPEAKER_01" if k == 5 else None if k < 3 else "SPEAKER_00") for k, w in enumerate("one two three four five six seven eight".split())]
    seg = {"start": 1.0, "end": 4.0, "text": " one two three four five six seven eight", "speaker": "SPEAKER_00", "words": words}
    whisper, problems = read_text(READER, json.dumps({"segments": [seg]}))
    assert problems == [] and [(s.label, s.text) for s in whisper.segments] == [("SPEAKER_00", "one two three four five six seven eight")]
    words = [_word("Right.", 1.0, "SPEAKER_00"), _word("So", 1.5, "SPEAKER_01"), _word("well.", 1.8, "SPEAKER_01")]
    seg = {"start": 1.0, "end": 3.0, "text": " Right. How are you? So well.", "speaker": "SPEAKER_01", "words": words}
    whisper, problems = read_text(READER, json.dumps({"segments": [seg]}))
    assert problems == [] and [(s.label, s.text) for s in whisper.segments] == [("SPEAKER_01", "Right. How are you? So well.")]


def _services(run: dict) -> dict[str, dict]:
    """The run's segments as AssemblyAI's transcript (utterances, milliseconds, speakers "A", "B") and
    Deepgram's response (utterances, seconds, speakers 0, 1; words lowercase beside punctuated_word)."""
    letter = {"SPEAKER_00": "A", "SPEAKER_01": "B"}
    ms = lambda t: round(t * 1000)  # noqa: E731
    assemblyai = {"id": "5551722-f677", "status": "completed", "text": " ".join(s["text"].strip() for s in run["segments"]),
                  "words": [{"text": w["word"], "start": ms(w["start"]), "end": ms(w["end"]), "confidence": 0.9, "speaker": letter[s["speaker"]]} for s in run["segments"] for w in s["words"]],
                  "utterances": [{"speaker": letter[s["speaker"]], "start": ms(s["start"]), "end": ms(s["end"]), "text": s["text"].strip(), "confidence": 0.9,
                                  "words": [{"text": w["word"], "start": ms(w["start"]), "end": ms(w["end"]), "confidence": 0.9, "speaker": letter[s["speaker"]]} for w in s["words"]]}
                                 for s in run["segments"]]}
    dg_words = lambda s: [{"word": w["word"].lower().strip(".,?!"), "start": w["start"], "end": w["end"], "confidence": 0.9, "speaker": int(s["speaker"][-1]), "speaker_confidence": 0.8, "punctuated_word": w["word"]} for w in s["words"]]  # noqa: E731
    deepgram = {"metadata": {"request_id": "a1", "duration": run["segments"][-1]["end"], "channels": 1},
                "results": {"channels": [{"alternatives": [{"transcript": assemblyai["text"], "confidence": 0.9, "words": [w for s in run["segments"] for w in dg_words(s)]}]}],
                            "utterances": [{"start": s["start"], "end": s["end"], "confidence": 0.9, "channel": 0, "transcript": s["text"].strip(), "speaker": int(s["speaker"][-1]), "id": str(k), "words": dg_words(s)}
                                           for k, s in enumerate(run["segments"])]}}
    no_utterances = json.loads(json.dumps(deepgram))
    del no_utterances["results"]["utterances"]
    return {"assemblyai.json": assemblyai, "deepgram.json": deepgram, "deepgram-words.json": no_utterances}


@pytest.mark.parametrize("name, labels", [
    ("assemblyai.json", {"SPEAKER_00": "Speaker A", "SPEAKER_01": "Speaker B"}),
    ("deepgram.json", {"SPEAKER_00": "Speaker 0", "SPEAKER_01": "Speaker 1"}),
    ("deepgram-words.json", {"SPEAKER_00": "Speaker 0", "SPEAKER_01": "Speaker 1"}),  # utterances=false: words cut at sentences and speakers
])
def test_assemblyai_and_deepgram_json_are_read_as_diarized_runs_with_the_whisper_runs_words_and_times(tmp_path, name, labels):
    """Both services' JSON was refused ("use its SRT or WebVTT captions instead"), losing their word
    times and speakers: each word, its time in seconds and its diarized label, as the WhisperX run
    of the same episode gives them."""
    from deliveries import whisperx_json
    from generator.errors import Problems
    from generator.readers import read_source
    from generator.merge.speakers import anonymous

    run = json.loads(whisperx_json())
    (tmp_path / name).write_text(json.dumps(_services(run)[name], indent=1), encoding="utf-8")
    problems = Problems()
    source = read_source(tmp_path / name, name, None, problems)
    assert not problems.items, [str(p) for p in problems.items]
    said = [(w.text, w.start, w.end, seg.label) for seg in source.segments for w in seg.words]
    assert said == [(w["word"], round(w["start"], 3), round(w["end"], 3), labels[s["speaker"]]) for s in run["segments"] for w in s["words"]]
    assert all(anonymous(label) for label in labels.values())  # to be pinned or named by another source, as SPEAKER_00 is
    if name != "deepgram-words.json":
        assert [(s.label, s.start, s.text) for s in source.segments][:3] == [(labels[s["speaker"]], round(s["start"], 3), s["text"].strip()) for s in run["segments"][:3]]


@pytest.mark.parametrize("name, damaged", [
    ("assemblyai.json", ("utterances", 7, "words", 2)),
    ("deepgram.json", ("results", "utterances", 7, "words", 2)),
    ("deepgram-words.json", ("results", "channels", 0, "alternatives", 0, "words", 40)),
])
def test_a_bad_value_in_a_services_json_is_named_by_its_line_and_place_in_the_file(tmp_path, name, damaged):
    """Every problem in AssemblyAI's or Deepgram's JSON was at line 1 and named a segment or word
    by its number among the segments made from the file ("word 11"), which no place in it is."""
    from deliveries import whisperx_json
    from generator.errors import Problems
    from generator.readers import read_source

    delivery = _services(json.loads(whisperx_json()))[name]
    word = delivery
    for key in damaged:
        word = word[key]
    word["end"] = "soon"
    text = json.dumps(delivery, indent=1)
    (tmp_path / name).write_text(text, encoding="utf-8")
    problems = Problems()
    assert read_source(tmp_path / name, name, None, problems) is None
    [problem] = problems.items
    place = "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in damaged).lstrip(".")
    assert problem.message.startswith(f"{place} ") and problem.message.endswith(f"'end' must be a number of {'milliseconds' if name == 'assemblyai.json' else 'seconds'}, not 'soon'")  # AssemblyAI's unit
    assert problem.line > 100 and any('"soon"' in line for line in text.splitlines()[problem.line - 1 : problem.line + 8])  # the word's object opens there


def test_youtube_json3_speaker_change_marks_are_not_words(tmp_path):
    """YouTube's automatic captions write ">>" before the word where someone else speaks, in the
    same seg (">> so"): it stayed in the transcript as a word of its own, ">> so" one word timed."""
    from generator.errors import Problems
    from generator.readers import read_source

    events = [
        {"tStartMs": 0, "dDurationMs": 9000, "id": 1, "wpWinPosId": 1, "wsWinStyleId": 1},
        {"tStartMs": 1000, "dDurationMs": 3000, "wWinId": 1, "segs": [{"utf8": "you"}, {"utf8": " know", "tOffsetMs": 300}, {"utf8": " what", "tOffsetMs": 600}]},
        {"tStartMs": 2000, "dDurationMs": 10, "wWinId": 1, "aAppend": 1, "segs": [{"utf8": "\n"}]},
        {"tStartMs": 2100, "dDurationMs": 3000, "wWinId": 1, "segs": [{"utf8": ">> so"}, {"utf8": " what", "tOffsetMs": 400}, {"utf8": " >>", "tOffsetMs": 700}, {"utf8": " yes", "tOffsetMs": 900}]},
        {"tStartMs": 5000, "dDurationMs": 2000, "wWinId": 1, "segs": [{"utf8": "right. >> and then"}]},
    ]
    (tmp_path / "episode.en.json3").write_text(json.dumps({"wireMagic": "pb3", "events": events}), encoding="utf-8")
    problems = Problems()
    source = read_source(tmp_path / "episode.en.json3", "episode.en.json3", None, problems)
    assert not problems.items, [str(p) for p in problems.items]
    assert [seg.text for seg in source.segments] == ["you know what", "so what yes", "right. and then"]
    assert [(w.text, w.start) for w in source.segments[1].words] == [("so", 2.1), ("what", 2.5), ("yes", 3.0)]


def test_youtube_json3_automatic_captions_from_yt_dlp_are_read_with_each_words_time(tmp_path):
    """yt-dlp's --sub-format json3 was "JSON of no shape episode-site reads": each event's segs are
    words at tOffsetMs from its tStartMs; events only "\\n" (a rolling line's start) are no words,
    and an event lasts until the next starts, though its dDurationMs runs on while the lines roll."""
    from deliveries import caption_lines
    from generator.errors import Problems
    from generator.readers import read_source

    ms = lambda t: round(t * 1000)  # noqa: E731
    lines = caption_lines()
    events = [{"tStartMs": 0, "dDurationMs": ms(lines[-1][-1][1].end), "id": 1, "wpWinPosId": 1, "wsWinStyleId": 1}]
    for k, line in enumerate(lines):
        start = ms(line[0][1].start)
        ends = ms(lines[k + 1][0][1].start) + 2000 if k + 1 < len(lines) else ms(line[-1][1].end)  # shown on while the next line rolls in
        events.append({"tStartMs": start, "dDurationMs": ends - start, "wWinId": 1,
                       "segs": [{"utf8": ("" if j == 0 else " ") + text, **({"tOffsetMs": ms(w.start) - start} if j else {}), "acAsrConf": 0} for j, (text, w) in enumerate(line)]})
        events.append({"tStartMs": ms(line[-1][1].end), "dDurationMs": 10, "wWinId": 1, "aAppend": 1, "segs": [{"utf8": "\n"}]})
    (tmp_path / "episode.en.json3").write_text(json.dumps({"wireMagic": "pb3", "pens": [{}], "wsWinStyles": [{}], "wpWinPositions": [{}], "events": events}), encoding="utf-8")
    problems = Problems()
    source = read_source(tmp_path / "episode.en.json3", "episode.en.json3", None, problems)
    assert not problems.items, [str(p) for p in problems.items]
    assert [[w.text for w in seg.words] for seg in source.segments] == [[text for text, _ in line] for line in lines]
    assert [w.start for seg in source.segments for w in seg.words] == [round(ms(w.start) / 1000, 3) for line in lines for _, w in line]
    assert all(a.end <= b.start for a, b in zip(source.segments, source.segments[1:]))
