"""Transcript exports beside each episode's pages, for players and other tools.

- ``transcript.json``: Podcasting 2.0 JSON transcript, one segment per sentence.
- ``transcript.vtt``: WebVTT with ``<v Speaker>`` voice tags, lines of at most 65 characters.
- ``transcript.srt``: SubRip, the speaker's name at each change of speaker.
- ``chapters.json``: Podcasting 2.0 chapters.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from pathlib import Path

from .model import Episode, Site
from .urls import chapter_url

LINE = 65  # WebVTT/SRT line length readers' players wrap well at
CUE_LINES = 2  # long sentences become several cues of at most two lines


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    speaker: str
    lines: tuple[str, ...]


def write_exports(site: Site, out: Path) -> None:
    """Write every episode's exports into ``out/<episode>/``."""
    for ep in site.episodes:
        folder = out / ep.slug
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "transcript.json").write_text(transcript_json(ep), encoding="utf-8")
        (folder / "transcript.vtt").write_text(webvtt(ep), encoding="utf-8")
        (folder / "transcript.srt").write_text(srt(ep), encoding="utf-8")
        (folder / "chapters.json").write_text(chapters_json(ep, site.base_url), encoding="utf-8")


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def _segments(ep: Episode):
    """(speaker, start, end, text) per sentence, with end always after start."""
    for p in ep.passages:
        for s in p.sentences:
            yield p.speaker.name, s.start, max(s.end, s.start + 0.1), s.text


def transcript_json(ep: Episode) -> str:
    """Podcasting 2.0 JSON transcript (version 1.0.0), float seconds."""
    segments = [
        {"speaker": who, "startTime": round(start, 2), "endTime": round(end, 2), "body": text}
        for who, start, end, text in _segments(ep)
    ]
    return _dump({"version": "1.0.0", "segments": segments})


def chapters_json(ep: Episode, base_url: str | None) -> str:
    """Podcasting 2.0 chapters (version 1.2.0); chapter page URLs when the site has a base URL."""
    chapters = []
    for ch in ep.chapters:
        item: dict[str, object] = {"startTime": ch.start, "endTime": ch.end, "title": ch.title}
        if base_url:
            item["url"] = base_url + chapter_url(ep, ch)
        chapters.append(item)
    return _dump({"version": "1.2.0", "chapters": chapters})


def cues(ep: Episode) -> list[Cue]:
    """Sentences cut into cues of at most two wrapped lines, time shared by length."""
    out: list[Cue] = []
    for who, start, end, text in _segments(ep):
        lines = textwrap.wrap(text, LINE, break_long_words=True, break_on_hyphens=False)
        chunks = [lines[i : i + CUE_LINES] for i in range(0, len(lines), CUE_LINES)]
        total = sum(len(line) for line in lines) or 1
        t = start
        for chunk in chunks:
            share = sum(len(line) for line in chunk) / total
            nxt = t + (end - start) * share
            out.append(Cue(t, max(nxt, t + 0.05), who, tuple(chunk)))
            t = nxt
    return out


def _stamp(seconds: float, sep: str) -> str:
    ms = int(round(seconds * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def webvtt(ep: Episode) -> str:
    """WebVTT with voice tags on every cue (players show the speaker per cue)."""
    blocks = ["WEBVTT\n"]
    for cue in cues(ep):
        name = cue.speaker.replace(">", "")
        body = [f"<v {name}>" + _vtt_escape(cue.lines[0])] + [_vtt_escape(line) for line in cue.lines[1:]]
        blocks.append(f"{_stamp(cue.start, '.')} --> {_stamp(cue.end, '.')}\n" + "\n".join(body) + "\n")
    return "\n".join(blocks)


def _vtt_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def srt(ep: Episode) -> str:
    """SubRip: numbered cues, the speaker's name where the speaker changes."""
    blocks = []
    previous = None
    for n, cue in enumerate(cues(ep), 1):
        lines = list(cue.lines)
        if cue.speaker != previous:
            lines = [f"{cue.speaker}: {lines[0]}"] + lines[1:] if len(f"{cue.speaker}: {lines[0]}") <= LINE else [f"{cue.speaker}:"] + lines
        previous = cue.speaker
        blocks.append(f"{n}\n{_stamp(cue.start, ',')} --> {_stamp(cue.end, ',')}\n" + "\n".join(lines) + "\n")
    return "\n".join(blocks)
