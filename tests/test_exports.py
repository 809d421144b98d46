"""The transcript exports: Podcasting 2.0 JSON and chapters, WebVTT, SRT."""

from __future__ import annotations

import json
import re

import pytest


@pytest.fixture(scope="module")
def folder(site_dir):
    return site_dir / "ilya-sutskever-age-of-research"


def test_podcasting20_json_transcript(folder, episode):
    data = json.loads((folder / "transcript.json").read_text(encoding="utf-8"))
    assert data["version"] == "1.0.0"
    segments = data["segments"]
    assert set(segments[0]) == {"speaker", "startTime", "endTime", "body"}
    assert {s["speaker"] for s in segments} == {"Dwarkesh Patel", "Ilya Sutskever"}
    assert all(isinstance(s["startTime"], float) and s["endTime"] > s["startTime"] for s in segments)
    starts = [s["startTime"] for s in segments]
    assert starts == sorted(starts)
    # sentence-sized: one segment per sentence of the model, none of paragraph length
    assert len(segments) == sum(len(p.sentences) for p in episode.passages)
    assert max(len(s["body"].split()) for s in segments) <= 60
    crux = next(s for s in segments if s["body"].startswith("Okay. So this is the crux") or s["body"] == "So this is the crux generalization.")
    assert crux["startTime"] == pytest.approx(1513, abs=1)


def test_chapters_json(folder):
    data = json.loads((folder / "chapters.json").read_text(encoding="utf-8"))
    assert data["version"] == "1.2.0"
    assert data["chapters"][0] == {"startTime": 0.0, "endTime": 579.0, "title": "Explaining model jaggedness"}
    assert [c["startTime"] for c in data["chapters"]][-1] == 5562.0


CUE_TIME = re.compile(r"^(\d{2}):(\d{2}):(\d{2})[.,](\d{3}) --> (\d{2}):(\d{2}):(\d{2})[.,](\d{3})$")


def _seconds(h, m, s, ms):
    return int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000


def test_webvtt_has_voice_tags_and_short_lines(folder):
    text = (folder / "transcript.vtt").read_text(encoding="utf-8")
    assert text.startswith("WEBVTT\n\n")
    blocks = text.strip().split("\n\n")[1:]
    previous = 0.0
    for block in blocks:
        timing, *lines = block.split("\n")
        m = CUE_TIME.match(timing)
        assert m, timing
        start, end = _seconds(*m.groups()[:4]), _seconds(*m.groups()[4:])
        assert previous <= start < end
        previous = start
        assert lines[0].startswith(("<v Dwarkesh Patel>", "<v Ilya Sutskever>"))
        assert 1 <= len(lines) <= 2
        for line in lines:
            assert len(re.sub(r"^<v [^>]+>", "", line)) <= 65


def test_srt_numbers_cues_and_names_speakers(folder):
    text = (folder / "transcript.srt").read_text(encoding="utf-8")
    blocks = text.strip().split("\n\n")
    assert [int(b.split("\n")[0]) for b in blocks] == list(range(1, len(blocks) + 1))
    assert CUE_TIME.match(blocks[0].split("\n")[1])
    assert blocks[0].split("\n")[2].startswith("Dwarkesh Patel: ")
    assert any(b.split("\n")[2].startswith("Ilya Sutskever:") for b in blocks)
