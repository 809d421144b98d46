"""The TTML reader: Apple Podcasts' transcripts and the DFXP captions editors export."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.errors import Problems
from generator.readers import READERS
from generator.readers.base import decode
from generator.readers.ttml import READER
from helpers import HOSTILE, damaged, read_or_problems, read_text

APPLE = """<?xml version="1.0" encoding="UTF-8"?>
<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttm="http://www.w3.org/ns/ttml#metadata" xmlns:podcasts="http://podcasts.apple.com/transcript-ttml-internal" xml:lang="en">
<head><metadata><ttm:agent xml:id="SPEAKER_1" type="person"/><ttm:agent xml:id="SPEAKER_2" type="person"/></metadata></head>
<body dur="120.000s"><div>
<p begin="61.000s" end="64.300s" ttm:agent="SPEAKER_1"><span podcasts:unit="sentence"><span podcasts:unit="word" begin="61.000s" end="61.400s">So</span> <span podcasts:unit="word" begin="61.500s" end="61.900s">how</span> <span podcasts:unit="word" begin="62.000s" end="64.300s">come?</span></span></p>
<p begin="64.900s" end="67.000s" ttm:agent="SPEAKER_2"><span podcasts:unit="sentence"><span podcasts:unit="word" begin="64.900s" end="65.500s">[Music]</span> <span podcasts:unit="word" begin="65.600s" end="67.000s">Bees &amp; honey.</span></span></p>
</div></body></tt>
"""

DFXP = """<?xml version="1.0" encoding="utf-8"?>
<!-- exported by an editor -->
<tt xml:lang="en" xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" xmlns:ttm="http://www.w3.org/ns/ttml#metadata" ttp:frameRate="25" ttp:timeBase="media">
  <head>
    <metadata><ttm:agent xml:id="a1" type="person"><ttm:name type="full">Ana Lima</ttm:name></ttm:agent></metadata>
  </head>
  <body ttm:agent="a1">
    <div begin="00:01:00.000">
      <p begin="00:00:01:12" end="00:00:04:00">So how did the<br/>whole project start?</p>
      <p begin="5s" dur="1500ms">BO: In a garden.</p>
      <p begin="7s" end="9s"><span begin="0.5s">Two</span> <span begin="1.2s">hives.</span></p>
    </div>
  </body>
</tt>
"""


def test_apple_podcasts_ttml_gives_words_with_their_times_and_agents_as_labels():
    transcript, problems = read_text(READER, APPLE, "t.ttml")
    assert problems == []
    assert [(s.label, s.text, s.start, s.end, s.origin.line) for s in transcript.segments] == [
        ("SPEAKER_1", "So how come?", 61.0, 64.3, 5),
        ("SPEAKER_2", "Bees & honey.", 65.6, 67.0, 6),  # "[Music]" is a sound described, not said
    ]
    assert [(w.text, w.start) for w in transcript.segments[0].words] == [("So", 61.0), ("how", 61.5), ("come?", 62.0)]


def test_dfxp_frames_offsets_durations_line_breaks_named_agents_and_prefixes():
    transcript, problems = read_text(READER, DFXP, "c.dfxp")
    assert problems == []
    got = [(s.label, s.text, s.start, s.end) for s in transcript.segments]
    # the div's begin counts for the times inside it; 12 frames at 25 a second are 0.48 s
    assert got[0] == ("Ana Lima", "So how did the whole project start?", 61.48, 64.0)
    assert got[1] == ("BO", "In a garden.", 65.0, 66.5)
    assert got[2][:2] == ("Ana Lima", "Two hives.")  # the agent the body gives, the prefix once said and [w.start for w in transcript.segments[2].words] == [67.5, 68.2]


@pytest.mark.parametrize("text", [APPLE, DFXP, APPLE.replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "")])
def test_ttml_is_detected_as_ttml(text):
    src = decode("t.xml", text.encode("utf-16"), Problems())
    assert next(r.role for r in READERS.values() if r.detect(src)) == "ttml"


@pytest.mark.parametrize(
    "body, expected",
    [
        ('<p begin="1s" end="2s">Hi</p>\n<p begin="3s" end="4s">Ho</i></p>', "t.ttml:5: invalid XML: mismatched tag"),
        ('<p begin="1s" end="2s">Hi</p>\n<p>Ho</p>', "t.ttml:5: a <p> with no begin time, nor any word timed inside it"),
        ('<p begin="1s" end="2s">Hi</p>\n<p begin="soon" end="4s">Ho</p>', "t.ttml:5: unreadable time begin='soon'"),
        ('<p begin="5s" end="2s">Hi</p>', "t.ttml:4: <p> ends before it starts (00:00:05.000 to 00:00:02.000)"),
        ('<p begin="1s" end="2s">&nbsp;</p>', "t.ttml:4: invalid XML: undefined entity"),
        ("<div/>", "t.ttml: no <p> cues"),
    ],
)
def test_bad_ttml_names_the_line(body, expected):
    text = f'<?xml version="1.0"?>\n<tt xmlns="http://www.w3.org/ns/ttml">\n<body><div>\n{body}\n</div></body></tt>\n'
    transcript, problems = read_text(READER, text, "t.ttml")
    assert transcript is None
    assert any(p.startswith(expected) for p in problems), problems


def test_entities_that_multiply_are_refused_not_expanded():
    lol = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{k} "{f"&a{k - 1};" * 10}">' for k in range(1, 9))
    text = f'<?xml version="1.0"?>\n<!DOCTYPE tt [{lol}]>\n<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="1s" end="2s">&a8;</p></div></body></tt>\n'
    transcript, problems = read_text(READER, text, "t.ttml")
    assert transcript is None and problems[0].startswith("t.ttml:3: invalid XML:")


@HOSTILE
@given(st.sampled_from([APPLE, DFXP]), st.data())
def test_truncated_and_damaged_ttml_gives_a_transcript_or_problems(sample, data):
    read_or_problems(READER, damaged(data, sample, ["<", ">", "&", '"', "/", "p", "s", ":", ".", "\n", "é"]))


APPLE_PRETTY = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tt>
<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttm="http://www.w3.org/ns/ttml#metadata" xmlns:podcasts="http://podcasts.apple.com/transcript-ttml-internal">
  <body dur="1:10.500">
    <div begin="0.500" end="1:09.900">
      <p begin="0.500" end="4.100" ttm:agent="SPEAKER_1">
        <span podcasts:unit="sentence" begin="0.500" end="4.100">
          <span podcasts:unit="word" begin="0.500" end="0.900">Thanks</span><span podcasts:unit="word" begin="0.900" end="1.300">,</span>
          <span podcasts:unit="word" begin="1.300" end="2.000">Ana</span>.
        </span>
      </p>
      <p begin="58.000" end="1:02.300" ttm:agent="SPEAKER_2">
        <span podcasts:unit="sentence" begin="58.000" end="1:02.300">
          <span podcasts:unit="word" begin="58.000" end="58.500">Good</span>
          <span podcasts:unit="word" begin="1:00.100" end="1:00.500">morning.</span>
        </span>
      </p>
      <p begin="62.500" end="63.000" ttm:agent="SPEAKER_2">Yes.</p>
      <p begin="62.500" end="63.000" ttm:agent="SPEAKER_2">Yes.</p>
    </div>
  </body>
</tt>
"""


def test_apple_s_files_as_they_come_pretty_printed_bare_seconds_and_all():
    """QA30: bare seconds ("0.500") and "1:02.300" were unreadable; the file's own line breaks made
    caption lines, the speaker's voice put on the first, a time only; punctuation spans had a space before."""
    src = decode("t.ttml", APPLE_PRETTY.encode("utf-8"), Problems())
    assert next(r.role for r in READERS.values() if r.detect(src)) == "ttml"  # a DOCTYPE before the root
    transcript, problems = read_text(READER, APPLE_PRETTY, "t.ttml")
    assert problems == []
    assert [(s.label, s.text, s.start, s.end) for s in transcript.segments] == [
        ("SPEAKER_1", "Thanks, Ana.", 0.5, 4.1), ("SPEAKER_2", "Good morning.", 58.0, 62.3), ("SPEAKER_2", "Yes.", 62.5, 63.0),  # given twice: once
    ]
    assert [w.start for w in transcript.segments[1].words] == [58.0, 60.1]


def test_times_count_from_the_parent_unless_every_one_lies_within_it():
    """A <div> from 30 s holding <p>s at 1 s and 20 s counts them from 30 s (TTML's rule); Apple's
    div of 0.5-69.9 s holds times on the episode's clock (above)."""
    body = '<div begin="30s" end="90s"><p begin="1s" end="4s">One.</p><p begin="20s" end="24s">Two.</p><p begin="40s" end="44s">Three.</p></div>'
    text = f'<tt xmlns="http://www.w3.org/ns/ttml" ttp:tickRate="10000000" xmlns:ttp="http://www.w3.org/ns/ttml#parameter"><body>{body}<div><p begin="1000000000t" end="1010000000t">Four.</p></div></body></tt>\n'
    transcript, problems = read_text(READER, text, "t.ttml")
    assert problems == [] and [(s.text, s.start) for s in transcript.segments] == [("One.", 31.0), ("Two.", 50.0), ("Three.", 70.0), ("Four.", 100.0)]


@pytest.mark.parametrize("time", ["00:00:01:" + "9" * 400, "9" * 400 + ":00:00.000", "1" + "0" * 400 + "s"])
def test_a_time_of_hundreds_of_digits_is_named_not_a_traceback(time):
    transcript, problems = read_text(READER, f'<tt xmlns="http://www.w3.org/ns/ttml"><body><div>\n<p begin="{time}" end="2s">Hi</p>\n</div></body></tt>\n', "t.ttml")
    assert transcript is None and problems[0].startswith("t.ttml:2: unreadable time begin=")


SMPTE = """<?xml version="1.0" encoding="UTF-8"?>
<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" xmlns:tts="http://www.w3.org/ns/ttml#styling"
    ttp:timeBase="smpte" ttp:frameRate="30" ttp:frameRateMultiplier="1000 1001"{drop}>
<body><div><div xml:id="reel1"><div>
<p begin="00:00:01{sep}15" end="00:00:03{sep}00">So <span tts:fontStyle="italic">how</span> did it start?</p>
</div></div><div><div>
<p begin="01:00:00{sep}00" end="01:00:02{sep}00"><span tts:color="yellow">With a</span> single <span tts:fontWeight="bold">hive</span>.</p>
</div></div></div></body></tt>
"""


@pytest.mark.parametrize("drop, sep, hour", [
    ("", ":", 3603.6),  # 108,000 frames at 29.97: an hour of timecode is 3.6 s more of real time
    (' ttp:dropMode="dropNTSC"', ":", 3600.0),  # drop-frame timecode keeps to the clock: 107,892 frames
    ("", ";", 3600.0),  # the semicolon says drop-frame too, as broadcast and Premiere write it
], ids=["non-drop", "dropNTSC", "semicolon"])
def test_smpte_timecodes_count_frames_at_29_97_with_drop_frame_and_nested_divs_and_styled_spans(drop, sep, hour):
    """ttp:timeBase="smpte" (broadcast captions): a clock time with frames is a timecode, frames
    counted at 30 to its second and played at 29.97; "01:00:00;00" was an unreadable time, and
    every timecode was read as that many seconds (3.6 s off an hour in). A <p> deep in <div>s and
    <span>s without times (styling) inside it read as its text."""
    result, problems = read_text(READER, SMPTE.format(drop=drop, sep=sep), "c.ttml")
    assert problems == []
    first, second = result.segments
    assert first.text == "So how did it start?"
    assert (first.start, first.end) == (pytest.approx(45 * 1.001 / 30, abs=0.001), pytest.approx(90 * 1.001 / 30, abs=0.001))
    assert second.text == "With a single hive."
    assert second.start == pytest.approx(hour, abs=0.01)


@pytest.mark.parametrize("rate, drop, sep", [
    ('ttp:frameRate="25"', "", ";"),
    ('ttp:frameRate="25"', ' ttp:dropMode="dropNTSC"', ":"),
    ('ttp:frameRate="30"', ' ttp:dropMode="dropNTSC"', ":"),
], ids=["25-semicolon", "25-dropNTSC", "30-dropNTSC-no-multiplier"])
def test_drop_frame_is_read_at_29_97_only(rate, drop, sep):
    """Drop-frame timecode exists at 29.97 and 59.94: frames skipped at 25 fps put an hour 2.16 s
    early, and a file saying 30 with dropNTSC (the multiplier left out) 3.6 s early."""
    text = SMPTE.format(drop=drop, sep=sep).replace('ttp:frameRate="30" ttp:frameRateMultiplier="1000 1001"', rate)
    result, problems = read_text(READER, text, "c.ttml")
    assert problems == []
    assert result.segments[1].start == pytest.approx(3600.0, abs=0.01)


@pytest.mark.parametrize("timebase", [' ttp:timeBase="smpte"', ""], ids=["smpte", "media"])
def test_a_frame_number_past_the_frame_rate_is_named_not_read_as_the_next_second(timebase):
    # QA37e: 00:00:01:45 at 30 fps was read as 2.502 s, frame 45 of a second that has 30
    text = SMPTE.format(drop="", sep=":").replace('ttp:timeBase="smpte" ', "").replace("ttp:frameRate=", timebase.strip() + " ttp:frameRate=").replace("00:00:01:15", "00:00:01:45")
    result, problems = read_text(READER, text, "c.ttml")
    assert result is None
    assert problems[0] == "c.ttml:5: begin='00:00:01:45': frame 45 at 30 frames a second (its frames run 00 to 29)"


def test_elements_nested_deep_without_times_are_read_in_linear_time(tmp_path):
    """150,000 <div>s one inside the other, none timed, around one cue: each element looked through
    every one open around it for a time (minutes). Read in a child process stopped after 60 s (it
    takes well under one)."""
    import subprocess
    import sys
    from pathlib import Path

    cue = '<p begin="00:00:01.000" end="00:00:02.500">Hello there.</p>'
    (tmp_path / "deep.ttml").write_text('<tt xmlns="http://www.w3.org/ns/ttml"><body>' + "<div>" * 150_000 + cue + "</div>" * 150_000 + "</body></tt>", encoding="utf-8")
    script = (
        "import sys; from pathlib import Path; from generator.errors import Problems; from generator.readers import read_source\n"
        "p = Problems(); s = read_source(Path(sys.argv[1]) / 'deep.ttml', 'deep.ttml', None, p)\n"
        "print(len(p.items), [(seg.start, seg.end, seg.text) for seg in s.segments])\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, timeout=60, cwd=Path(__file__).resolve().parent.parent)
    assert done.stdout.split("\n")[0] == "0 [(1.0, 2.5, 'Hello there.')]", done.stderr
