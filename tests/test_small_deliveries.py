"""Small episodes delivered as other publishers deliver them, checked as a reader sees them: every
passage once, in order, with its speaker and its start, the chapters, no markup, the search index."""

from __future__ import annotations

import json
from pathlib import Path

from generator.build import load_site

PEOPLE = 'host = { name = "Ana Lima", role = "Host" }\nguest = { name = "Bo Chen", role = "Guest" }\n'


def episode(tmp_path: Path, files: dict[str, str], extra: str = ""):
    """The merged episode of a site holding ``files`` as its sources, with Ana (host) and Bo (guest)."""
    (tmp_path / "ep").mkdir(parents=True)
    for name, text in files.items():
        (tmp_path / "ep" / name).write_text(text, encoding="utf-8")
    (tmp_path / "site.toml").write_text(f'title = "T"\n[[episodes]]\nslug = "ep"\ntitle = "Bees"\ndir = "ep"\n{PEOPLE}{extra}', encoding="utf-8")
    return load_site(tmp_path / "site.toml").episodes[0]


def shown(ep) -> list[tuple[str, str]]:
    """(speaker shown, text) per passage."""
    return [(p.speaker.name, p.text) for p in ep.passages]


def _json_transcript(*segments: tuple[str | None, float, str]) -> str:
    out = [{"startTime": t, "endTime": t + 3.0, "body": body} | ({"speaker": who} if who else {}) for who, t, body in segments]
    return json.dumps({"version": "1.0.0", "segments": out}, indent=1)


def test_a_json_transcript_naming_every_segment_leaves_a_segment_it_does_not_name_unattributed(tmp_path):
    # it was shown as Ana's, the speaker of the segment before: the file says no one knows who spoke
    text = _json_transcript(("Ana Lima", 1.0, "So how did it all start for you?"), ("Bo Chen", 4.5, "With a single hive in my garden."),
                            ("Bo Chen", 8.0, "It was a gift from my uncle."), ("Ana Lima", 11.5, "A single hive, really?"),
                            (None, 15.0, "Hello, is this thing on?"), ("Bo Chen", 18.5, "Yes, and then two more the next spring."))
    assert shown(episode(tmp_path, {"t.json": text})) == [
        ("Ana Lima", "So how did it all start for you?"), ("Bo Chen", "With a single hive in my garden. It was a gift from my uncle."),
        ("Ana Lima", "A single hive, really?"), ("", "Hello, is this thing on?"), ("Bo Chen", "Yes, and then two more the next spring."),
    ]


def test_a_json_transcript_naming_who_starts_each_turn_goes_on_with_that_speaker(tmp_path):
    text = _json_transcript(("Ana Lima", 1.0, "So how did it all start for you?"), ("Bo Chen", 4.5, "With a single hive in my garden."),
                            (None, 8.0, "It was a gift from my uncle."), ("Ana Lima", 11.5, "A single hive, really?"))
    assert shown(episode(tmp_path, {"t.json": text})) == [
        ("Ana Lima", "So how did it all start for you?"), ("Bo Chen", "With a single hive in my garden. It was a gift from my uncle."),
        ("Ana Lima", "A single hive, really?"),
    ]


def test_a_word_a_json_transcript_names_no_one_inside_a_speakers_run_is_theirs(tmp_path):
    segments = []
    t = 1.0
    for who, sentence in (("Ana Lima", "So how did it all start for you?"), ("Bo Chen", "With a single hive in my garden.")):
        for word in sentence.split():
            segments.append({"speaker": who, "startTime": round(t, 2), "endTime": round(t + 0.3, 2), "body": word})
            t += 0.35
        t += 0.8
    del segments[10]["speaker"]  # "single"
    ep = episode(tmp_path, {"t.json": json.dumps({"version": "1.0.0", "segments": segments})})
    assert shown(ep) == [("Ana Lima", "So how did it all start for you?"), ("Bo Chen", "With a single hive in my garden.")]


def test_openai_words_only_transcription_is_read_with_its_texts_punctuation(tmp_path):
    # OpenAI's API with timestamp_granularities=["word"]: "text" and "words", no "segments"; the file
    # was refused as "JSON of no shape episode-site reads"
    text = "So how did it all start for you? With a single hive in my garden. A single hive, really?"
    words, t = [], 1.0
    for w in text.split():
        words.append({"word": w.strip(".,?"), "start": round(t, 2), "end": round(t + 0.3, 2)})
        t += 0.4
    ep = episode(tmp_path, {"w.json": json.dumps({"task": "transcribe", "language": "english", "duration": t, "text": text, "words": words})})
    assert [(s.text, s.start) for p in ep.passages for s in p.sentences] == [
        ("So how did it all start for you?", 1.0), ("With a single hive in my garden.", 4.2), ("A single hive, really?", 7.0),
    ]


def test_a_services_words_are_made_into_segments_once_per_build(tmp_path, monkeypatch):
    # the Whisper reader's detection and its read each made them (every word's dict built twice)
    from generator.readers import services

    text = "So how did it all start for you? With a single hive in my garden. A single hive, really?"
    words = [{"word": w.strip(".,?"), "start": 1.0 + k * 0.4, "end": 1.3 + k * 0.4} for k, w in enumerate(text.split())]
    built = []
    monkeypatch.setattr(services, "_word", lambda *args, _word=services._word: built.append(args[0]) or _word(*args))
    ep = episode(tmp_path, {"w.json": json.dumps({"text": text, "words": words})})
    assert built == text.split()  # each word once, spelled as the text writes it
    assert [s.text for p in ep.passages for s in p.sentences] == ["So how did it all start for you?", "With a single hive in my garden.", "A single hive, really?"]


_PUBLISHER = """Bees in the City — Episode 12

Ana Lima [0:00:01]
So how did it all start for you? I mean, the very first hive on the roof of your building.

Bo Chen [0:00:09]
With a single hive in my garden, a gift from my uncle, who kept bees for forty years in the countryside.

Ana Lima [0:00:18]
A single hive, really? And the neighbours did not complain about the swarm in the first summer?

Bo Chen [0:00:26]
They complained a lot, until the first jar of honey arrived at every door on our street that autumn.
"""


def test_a_video_description_listing_chapters_title_first_is_a_chapter_list_not_turns(tmp_path):
    # "Welcome (0:00)" … with the description's closing line below was read as a publisher's turns:
    # the build stopped, asking to pin the speakers "Welcome" and "Goodbye"
    description = ("In this episode Ana talks with Bo about urban beekeeping.\n\nChapters:\nWelcome (0:00)\nThe first hive (0:09)\n"
                   "Neighbours and honey (0:26)\n\nFollow us on Mastodon for more.\n")
    ep = episode(tmp_path, {"transcript.txt": _PUBLISHER, "description.txt": description})
    assert [(c.title, c.start) for c in ep.chapters] == [("Welcome", 0.0), ("The first hive", 9.0), ("Neighbours and honey", 26.0)]
    assert [(p.speaker.name, p.start, ep.chapters[p.chapter].title) for p in ep.passages] == [
        ("Ana Lima", 1.0, "Welcome"), ("Bo Chen", 9.0, "The first hive"), ("Ana Lima", 18.0, "The first hive"), ("Bo Chen", 26.0, "Neighbours and honey"),
    ]
    assert ep.passages[-1].text == "They complained a lot, until the first jar of honey arrived at every door on our street that autumn."


def test_a_whisper_run_whose_segments_give_words_and_no_text_is_read_from_its_words(tmp_path):
    # segments saved with their words only ({"start", "end", "words"}): refused as JSON of no shape read
    text = "So how did it all start for you? With a single hive in my garden. A single hive, really?"
    words, t = [], 1.0
    for w in text.split():
        words.append({"word": " " + w, "start": round(t, 2), "end": round(t + 0.3, 2), "probability": 0.9})
        t += 0.4
    run = {"segments": [{"id": 0, "start": 1.0, "end": words[7]["end"], "words": words[:8]}, {"id": 1, "start": words[8]["start"], "end": words[-1]["end"], "words": words[8:]}]}
    ep = episode(tmp_path, {"w.json": json.dumps(run)})
    assert [(s.text, s.start) for p in ep.passages for s in p.sentences] == [
        ("So how did it all start for you?", 1.0), ("With a single hive in my garden.", 4.2), ("A single hive, really?", 7.0),
    ]


_STYLED_VTT = """WEBVTT - Bees episode
Kind: captions

STYLE
::cue(.yellow) { color: yellow; }

NOTE Edited by hand
on 2025-01-02 --> checked

REGION
id:left
width:40%

intro-1
00:00:01.000 --> 00:00:04.000 line:90% position:10%,line-left align:start size:80%
<v Ana Lima><c.yellow>So</c> how did it <i>all</i> start for you?</v>

00:00:04.500 --> 00:00:08.000 region:left
<v Bo Chen><b>With a single hive</b> in my <u>garden</u>.

NOTE
A note between cues.

00:00:08.500 --> 00:00:12.000 align:middle
<v.host Ana Lima>A single hive, <c.loud.red>really</c>?</v> <v Bo Chen>Yes, really.</v>

00:00:12.500 --> 00:00:16.000
<v Bo Chen><i>[laughing]</i> Two more the next spring &amp; summer.
"""

_ASS_SRT = ("1\r\n00:00:01,000 --> 00:00:04,000\r\n{\\an8}<font color=\"#ffff00\">ANA LIMA:</font> So how did it all start for you?\r\n\r\n"
            "2\r\n00:00:04,500 --> 00:00:08,000 X1:100 X2:500 Y1:10 Y2:50\r\n{\\an8}<i>BO CHEN:</i> With a single hive in my garden.\r\n\r\n"
            "3\r\n00:00:08,500 --> 00:00:12,000\r\n{\\pos(192,210)}{\\i1}- A single hive, really?{\\i0}\r\n- Yes, really.\r\n\r\n"
            "4\r\n00:00:12,500 --> 00:00:16,000\r\n<b>Two</b> more the next spring &amp; summer.\r\n")


def test_captions_with_styles_notes_regions_cue_settings_and_ass_tags_show_only_what_is_said(tmp_path):
    for k, (name, text) in enumerate((("c.vtt", _STYLED_VTT), ("c.srt", _ASS_SRT))):
        ep = episode(tmp_path / str(k), {name: text})
        said = [(s.text, round(s.start, 1), p.speaker.name) for p in ep.passages for s in p.sentences]
        assert said[:4] == [("So how did it all start for you?", 1.0, "Ana Lima"), ("With a single hive in my garden.", 4.5, "Bo Chen"),
                            ("A single hive, really?", 8.5, "Ana Lima"), ("Yes, really.", said[3][1], "Bo Chen")], name
        assert 8.5 < said[3][1] < 12.0 and said[4][0] == "Two more the next spring & summer." and said[4][1] == 12.5, name


def test_a_publisher_turn_without_a_stamp_is_shown_at_an_estimated_time(tmp_path):
    # Its start was the reader's estimate from the letters between the stamps, shown as if the
    # transcript gave it ("0:15"); the page marks a time no source gives as estimated ("≈ 0:17").
    text = ("Ana Lima (00:00:01): Hello and welcome to the show about bees and the people who keep them.\n\n"
            "Bo Chen (00:00:13): Hi everyone, glad to be here today.\n\n"
            "Ana Lima: So how did it all start for you?\n\n"
            "Bo Chen (00:00:23): With a single hive in my garden, a gift from my uncle.\n")
    ep = episode(tmp_path, {"t.md": text}, 'duration = "0:40"\n')
    assert [(p.speaker.name, p.measured, round(p.start)) for p in ep.passages][:2] == [("Ana Lima", True, 1), ("Bo Chen", True, 13)]
    asked = next(p for p in ep.passages if p.text.startswith("So how"))
    assert asked.speaker.name == "Ana Lima" and not asked.measured and 13 < asked.start < 23
    assert next(p for p in ep.passages if p.text.startswith("With a single")).measured
