"""The fixture episodes' data itself: files parse, truth matches the files, generation is reproducible."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

import deliveries
from fixtures import make_fixtures
from fixtures.make_fixtures import norm
from generator.readers.podcast_page import READER as PAGE_READER
from helpers import read_text

FIXTURES = Path(__file__).resolve().parent / "fixtures"
NAMES = ("panel", "solo", "publisher", "unmapped")
_CUE_TIME = re.compile(r"^(\d\d:\d\d:\d\d\.\d\d\d) --> (\d\d:\d\d:\d\d\.\d\d\d)(?: (.*))?$")


def seconds(stamp: str) -> float:
    h, m, s = stamp.split(":")
    return round(int(h) * 3600 + int(m) * 60 + float(s), 3)


def parse_vtt(text: str) -> list[dict]:
    """Cues of a WebVTT file: start, end, settings, text lines (strict about the header and timing lines)."""
    blocks = text.split("\n\n")
    assert blocks[0].split("\n")[0] == "WEBVTT"
    cues = []
    for block in blocks[1:]:
        lines = block.strip("\n").split("\n")
        if not block.strip():
            continue
        if not _CUE_TIME.match(lines[0]):
            lines = lines[1:]  # a cue identifier
        m = _CUE_TIME.match(lines[0])
        assert m, f"not a cue timing line: {lines[0]!r}"
        cues.append({"start": seconds(m[1]), "end": seconds(m[2]), "settings": m[3] or "", "lines": lines[1:]})
    return cues


def truth(name: str) -> dict:
    return json.loads((FIXTURES / name / "truth.json").read_text(encoding="utf-8"))


def site(name: str, file: str = "site.toml") -> dict:
    return tomllib.loads((FIXTURES / name / file).read_text(encoding="utf-8"))


def source(name: str, index: int = 0) -> Path:
    ep = site(name)["episodes"][0]
    return FIXTURES / name / ep["dir"] / ep["sources"][index]["file"]


def occurrences(phrase: str, text: str) -> int:
    return len(re.findall(rf"(?<![\w']){re.escape(phrase)}(?![\w'])", text))


# --- regeneration -------------------------------------------------------------------


def test_make_fixtures_regenerates_the_committed_files_byte_for_byte():
    files = make_fixtures.all_files()
    assert files == make_fixtures.all_files()  # deterministic within a run
    assert {p.relative_to(FIXTURES).parts[0] for p in files} == set(NAMES)
    for path, text in files.items():
        assert path.read_bytes() == text.encode("utf-8"), f"{path.relative_to(FIXTURES)} differs: run python tests/fixtures/make_fixtures.py"


# --- every fixture ---------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_site_toml_names_existing_sources_and_the_truths_people(name):
    for file in ["site.toml"] + (["site-pinned.toml"] if name == "unmapped" else []):
        ep = site(name, file)["episodes"][0]
        assert ep["duration"] == make_fixtures.short_hms(truth(name)["duration"])
        assert [p["name"] for p in ep["people"]] == truth(name)["speakers"]
        assert sum(bool(p.get("host")) for p in ep["people"]) == 1
        assert "video_id" not in ep
        for src in ep["sources"]:
            assert (FIXTURES / name / ep["dir"] / src["file"]).is_file()
            assert src["role"] in ("captions", "chapters", "whisper", "publisher", "podcast-page")


@pytest.mark.parametrize("name", NAMES)
def test_truth_has_enough_moments_spread_over_the_episode(name):
    t = truth(name)
    moments = t["moments"]
    assert len(moments) >= 10
    starts = [m["start"] for m in moments]
    assert starts == sorted(starts) and starts[0] < t["duration"] * 0.15 and starts[-1] > t["duration"] * 0.85
    assert {m["speaker"] for m in moments} == set(t["speakers"])
    titles = [c["title"] for c in t["chapters"]]
    for m in moments:
        assert 5 <= len(m["phrase"].split()) <= 8
        if titles:
            # the chapter a moment is in: the last one starting at or before it
            assert m["chapter"] == [c["title"] for c in t["chapters"] if c["start"] <= m["start"]][-1]
        else:
            assert m["chapter"] is None


# --- panel: WebVTT with voice tags + chapters JSON -------------------------------------------


def panel_cues() -> list[dict]:
    cues = parse_vtt(source("panel").read_text(encoding="utf-8"))
    for cue in cues:
        m = re.match(r"^<v ([^>]+)>(.*)$", cue["lines"][0])
        assert m, cue
        cue["speaker"], cue["text"] = m[1], " ".join([m[2], *cue["lines"][1:]])
    return cues


def test_panel_vtt_is_uploaded_style():
    cues = panel_cues()
    t = truth("panel")
    for prev, cue in zip(cues, cues[1:]):
        assert prev["end"] <= cue["start"]
    for cue in cues:
        assert 1.0 <= cue["end"] - cue["start"] <= 6.0, cue
        assert len(cue["lines"]) <= 2 and all(len(re.sub(r"^<v [^>]+>", "", line)) <= 42 for line in cue["lines"]), cue
        assert cue["speaker"] in t["speakers"]
    assert list(dict.fromkeys(c["speaker"] for c in cues)) == t["speakers"]
    assert "Zoë Álvarez" in cues[0]["text"] or "Zoë Álvarez" in cues[1]["text"]  # Unicode survives in text and tags
    assert cues[-1]["end"] <= t["duration"]


def test_panel_moments_are_in_the_cue_of_their_speaker_at_their_time():
    cues = panel_cues()
    text = " ".join(c["text"] for c in cues)
    for m in truth("panel")["moments"]:
        assert occurrences(m["phrase"], text) == 1, m
        first = m["phrase"].split()[0]
        cue = next(c for c in cues if c["start"] <= m["start"] <= c["end"])
        assert cue["speaker"] == m["speaker"] and first in cue["text"].split(), m


def test_panel_chapters_json_is_podcasting_2_0_and_matches_truth():
    doc = json.loads(source("panel", 1).read_text(encoding="utf-8"))
    assert doc["version"] == "1.2.0"
    assert [(c["title"], c["startTime"]) for c in doc["chapters"]] == [(c["title"], c["start"]) for c in truth("panel")["chapters"]]
    assert len(doc["chapters"]) in (3, 4)


# --- solo: Whisper JSON --------------------------------------------------------------------------


def test_solo_whisper_json_has_word_times_with_leading_spaces():
    doc = json.loads(source("solo").read_text(encoding="utf-8"))
    words = [w for s in doc["segments"] for w in s["words"]]
    assert all(w["word"].startswith(" ") and w["start"] < w["end"] for w in words)
    assert all(a["end"] <= b["start"] for a, b in zip(words, words[1:]))
    for seg in doc["segments"]:
        assert seg["text"] == "".join(w["word"] for w in seg["words"])
        assert (seg["start"], seg["end"]) == (seg["words"][0]["start"], seg["words"][-1]["end"])
        assert "speaker" not in seg
    assert doc["text"] == "".join(s["text"] for s in doc["segments"])
    t = truth("solo")
    assert t["chapters"] == [] and 270 <= t["duration"] <= 330
    for m in t["moments"]:
        assert occurrences(m["phrase"], doc["text"]) == 1, m
        # the moment's time is its first word's time in the file
        starts = [w["start"] for i, w in enumerate(words) if " ".join(x["word"].strip() for x in words[i : i + len(m["phrase"].split())]).startswith(m["phrase"])]
        assert starts == [m["start"]], m


# --- publisher: Substack-like text, stamped turns --------------------------------------------------


def publisher_turns() -> tuple[list[str], list[dict]]:
    lines = source("publisher").read_text(encoding="utf-8").split("\n")
    head = lines[: lines.index("Transcript")]
    turns: list[dict] = []
    for line in lines[lines.index("Transcript") + 1 :]:
        if m := re.fullmatch(r"\*\*(.+?)\*\* \((\d\d:\d\d:\d\d)\)", line):
            turns.append({"speaker": m[1], "start": seconds(m[2] + ".000"), "text": ""})
        elif line.strip():
            turns[-1]["text"] += " " + line.strip()
    return head, turns


def test_publisher_transcript_has_chapters_and_a_stamp_at_every_turn():
    head, turns = publisher_turns()
    t = truth("publisher")
    chapters = [re.fullmatch(r"\((\d\d:\d\d:\d\d)\) – (.+)", line) for line in head if line.startswith("(")]
    assert [(m[2], seconds(m[1] + ".000")) for m in chapters] == [(c["title"], c["start"]) for c in t["chapters"]]
    assert head[0] and head[2]  # title, description
    assert [x["start"] for x in turns] == sorted(x["start"] for x in turns)
    assert list(dict.fromkeys(x["speaker"] for x in turns)) == t["speakers"]
    assert sum(x["text"].count("\n") for x in turns) == 0 and len(turns) >= 15
    text = " ".join(x["text"] for x in turns)
    for m in t["moments"]:
        assert occurrences(m["phrase"], text) == 1, m
        turn = next(x for x in turns if occurrences(m["phrase"], x["text"]))
        assert turn["speaker"] == m["speaker"] and turn["start"] <= m["start"], m


# --- unmapped: podcast page with anonymous labels --------------------------------------------------


def test_unmapped_page_reads_with_the_existing_reader():
    page, problems = read_text(PAGE_READER, source("unmapped").read_text(encoding="utf-8"), "content/night-trains/page.txt")
    t = truth("unmapped")
    assert problems == []
    assert [(c.title, c.start) for c in page.chapters] == [(c["title"], c["start"]) for c in t["chapters"]]
    assert list(dict.fromkeys(x.label for x in page.turns)) == ["Speaker 1", "Speaker 2", "Speaker 3"]
    assert [(x["label"], x["line"]) for x in t["unmapped_labels"]] == [
        (label, next(x.origin.line for x in page.turns if x.label == label)) for label in ("Speaker 1", "Speaker 2", "Speaker 3")
    ]
    assert len(page.sponsors) == 1 and t["sponsor"]["phrase"] in page.sponsors[0]
    pins = site("unmapped", "site-pinned.toml")["episodes"][0]["speakers"]
    assert "speakers" not in site("unmapped")["episodes"][0]
    text = " ".join(x.text for x in page.turns)
    for m in t["moments"]:
        assert occurrences(m["phrase"], text) == 1, m
        turn = next(x for x in page.turns if occurrences(m["phrase"], x.text))
        assert pins[turn.label] == m["speaker"], m


# --- deliveries of the embedded episode ------------------------------------------------------------


def delivered_words(moments: list[dict], words: list[tuple[str, float]]) -> None:
    """Every moment's phrase occurs once in the delivered words (compared by norm()) and begins at its true time."""
    keys = [norm(w) for w, _ in words]
    for m in moments:
        want = [norm(w) for w in m["phrase"].split()]
        hits = [i for i in range(len(keys)) if keys[i : i + len(want)] == want]
        assert len(hits) == 1, m
        assert words[hits[0]][1] == m["start"], m


def test_whisper_delivery_covers_the_whole_episode(tmp_path):
    toml_path, moments = deliveries.whisper_delivery(tmp_path)
    ep = tomllib.loads(toml_path.read_text(encoding="utf-8"))["episodes"][0]
    assert ep["speakers"] == {"SPEAKER_00": "Dwarkesh Patel", "SPEAKER_01": "Ilya Sutskever"}
    doc = json.loads((toml_path.parent / ep["dir"] / ep["sources"][0]["file"]).read_text(encoding="utf-8"))
    words = [w for s in doc["segments"] for w in s["words"]]
    assert words == doc["word_segments"]
    assert {s["speaker"] for s in doc["segments"]} == {"SPEAKER_00", "SPEAKER_01"}
    assert all(a["end"] <= b["start"] for a, b in zip(words, words[1:]))
    assert words[0]["start"] < 2 and 5755 < words[-1]["end"] <= 5763
    page_words = sum(len(text.split()) for _, text in deliveries.page_turns())
    assert len(words) == page_words
    assert len(moments) >= page_words // 100 - 5
    delivered_words(moments, [(w["word"], w["start"]) for w in words])
    # an STT-style slip about every 200th word; numbers as digits
    page = [w for _, text in deliveries.page_turns() for w in text.split()]
    slips = sum(norm(a) != norm(b["word"]) and not re.search(r"\d", b["word"]) for a, b in zip(page, words))
    assert page_words // 260 <= slips <= page_words // 150
    assert any(w["word"] == "2" for w in words)


def test_whisper_delivery_speakers_follow_the_page_labels(tmp_path):
    toml_path, moments = deliveries.whisper_delivery(tmp_path)
    ep = tomllib.loads(toml_path.read_text(encoding="utf-8"))["episodes"][0]
    doc = json.loads((toml_path.parent / ep["dir"] / ep["sources"][0]["file"]).read_text(encoding="utf-8"))
    said_by = {w["start"]: ep["speakers"][w["speaker"]] for w in doc["word_segments"]}
    assert all(said_by[m["start"]] == m["speaker"] for m in moments)
    assert {m["speaker"] for m in moments} == {"Dwarkesh Patel", "Ilya Sutskever"}


def test_vtt_delivery_is_youtube_auto_caption_shaped(tmp_path):
    toml_path, moments = deliveries.vtt_delivery(tmp_path)
    ep = tomllib.loads(toml_path.read_text(encoding="utf-8"))["episodes"][0]
    text = (toml_path.parent / ep["dir"] / ep["sources"][0]["file"]).read_text(encoding="utf-8")
    assert text.startswith("WEBVTT\nKind: captions\nLanguage: en\n\n")
    cues = parse_vtt(text)
    assert all(c["settings"] == "align:start position:0%" and len(c["lines"]) == 2 for c in cues)
    assert all(a["end"] <= b["start"] for a, b in zip(cues, cues[1:]))
    words: list[tuple[str, float]] = []
    for rolling, flash in zip(cues[::2], cues[1::2]):
        assert round(flash["end"] - flash["start"], 3) == 0.01 and flash["lines"][1] == " "
        # the new line: its first word bare (said at the cue's start), then <time><c> word</c> for each next word
        first = rolling["lines"][1].split("<", 1)[0]
        stamped = re.findall(r"<(\d\d:\d\d:\d\d\.\d\d\d)><c> ([^<]+)</c>", rolling["lines"][1])
        assert rolling["lines"][1] == first + "".join(f"<{t}><c> {w}</c>" for t, w in stamped)
        new = [(first, rolling["start"])] + [(w, seconds(t)) for t, w in stamped]
        assert flash["lines"][0] == " ".join(w for w, _ in new)
        assert all(rolling["start"] <= t < rolling["end"] for _, t in new)
        words += new
    assert cues[0]["lines"][0] == " " and cues[2]["lines"][0] == cues[1]["lines"][0]
    assert "<v " not in text and not any(re.search(r"[.?!]", w) or w != w.lower() and not w.startswith("I") for w, _ in words)
    delivered_words(moments, words)


def test_page_plus_whisper_delivery_pins_both_label_sets(tmp_path):
    toml_path, moments = deliveries.page_plus_whisper_delivery(tmp_path)
    ep = tomllib.loads(toml_path.read_text(encoding="utf-8"))["episodes"][0]
    assert [s["role"] for s in ep["sources"]] == ["podcast-page", "whisper"]
    page = toml_path.parent / ep["dir"] / ep["sources"][0]["file"]
    assert page.read_bytes() == deliveries.page_path().read_bytes()
    assert set(ep["speakers"]) == {"Speaker 1", "Speaker 2", "SPEAKER_00", "SPEAKER_01"}
    parsed, problems = read_text(PAGE_READER, page.read_text(encoding="utf-8"), "page.txt")
    assert problems == []
    text = " ".join(t.text for t in parsed.turns)
    for m in moments:
        assert occurrences(m["phrase"], text) >= 1, m
