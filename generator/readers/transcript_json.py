"""Podcasting 2.0 JSON transcripts, the format the build itself exports as ``transcript.json``.

    {"version": "1.0.0",
     "segments": [{"speaker": "Dwarkesh Patel", "startTime": 0.46, "endTime": 1.2, "body": "It"}, ...]}

``speaker`` and ``endTime`` are optional. Hosts often write one word per
segment (``"body": " still"``); others write a sentence. Segments are kept as
given: the merge copes with many small ones.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import Problems, shorten
from ..model import UNKNOWN, Origin, Segment, TimedTranscript
from ..text import tidy
from .base import Lines, Reader, one_at_a_time
from .json_source import Locator, looks_like_json, number, parse, shaped
from .whisper import BACKWARDS


def _detect(src: Lines) -> bool:
    if not looks_like_json(src):
        return False
    value = parse(src)
    segments = value.get("segments") if isinstance(value, dict) else None
    if not isinstance(segments, list) or not segments:
        return False
    return shaped(segments, lambda s: "startTime" in s and "body" in s)


def _read(src: Lines, problems: Problems) -> TimedTranscript | None:
    found = len(problems.items)
    value = parse(src, problems)
    if value is None:
        return None
    segments = value.get("segments") if isinstance(value, dict) else None
    if not isinstance(segments, list):
        problems.add(src.path, 1, "no 'segments' list: expected {\"version\": \"1.0.0\", \"segments\": [{\"startTime\", \"endTime\", \"body\"}, ...]}")
        return None
    where = Locator(src)
    unknown = _unattributed(segments)
    result: list[Segment] = []
    previous: tuple[float, int] | None = None
    opening = ""  # opening punctuation given as a segment of its own, for the next word
    for i, seg in enumerate(segments):
        line = where.line("segments", i)
        if not isinstance(seg, dict):
            problems.add(src.path, line, f"segment {i} is not an object: {shorten(seg)}")
            continue
        start = _time(src.path, line, i, seg, "startTime", problems)
        end = _time(src.path, line, i, seg, "endTime", problems)
        if start is not None and end is not None and end < start:
            problems.add(src.path, line, f"segment {i} ends before it starts ({start:.3f} s to {end:.3f} s)")
        body = seg.get("body")
        if not isinstance(body, str):
            problems.add(src.path, line, f"segment {i}: 'body' must be a string, not {shorten(body)}")
            continue
        label = seg.get("speaker") or ""
        if not isinstance(label, str):
            problems.add(src.path, line, f"segment {i}: 'speaker' must be a string, not {shorten(label)}")
            continue
        if start is None:
            continue
        if previous is not None and start < previous[0] - BACKWARDS:
            problems.add(src.path, line, f"time goes backwards: segment {i} starts at {start:.3f} s, before {previous[0]:.3f} s (line {previous[1]})")
        previous = (start, line)
        last = result[-1] if result else None
        if last is not None and _PUNCTUATION.fullmatch(body) and last.label == label.strip():
            # punctuation as a segment of its own ("start", "?"): it ends the word before it
            result[-1] = Segment(last.label, last.text + body.strip(), last.start, end if end is not None else last.end, last.origin)
        elif _OPENING.fullmatch(body):
            opening += body.strip()  # "(" or "$": it begins the word after it
        elif tidy(body):
            result.append(Segment(label.strip() or (UNKNOWN if i in unknown else ""), opening + tidy(body), start, end, Origin(src.path, line)))
            opening = ""
    if len(problems.items) > found:
        return None
    if not result:
        problems.add(src.path, None, "no segments with text")
        return None
    # segments held past the next one's start (QA40 F6: a sentence inside one came a second late)
    return TimedTranscript(src.path, "transcript-json", tuple(one_at_a_time(result)))


def _unattributed(segments: list) -> set[int]:
    """The segments without a speaker that are no one's. A file that names the speaker of segment
    after segment (the spec's example) leaves one out where nobody could tell who spoke, unless it
    lies inside one speaker's run (a word left out of a turn); one that names only who starts a turn
    (never the same name twice in a row) goes on with that speaker until the next name."""
    named = [seg.get("speaker") if isinstance(seg, dict) and isinstance(seg.get("speaker"), str) else None for seg in segments]
    named = [name.strip() if name and name.strip() else None for name in named]
    if not any(a and a == b for a, b in zip(named, named[1:])):
        return set()
    before, after = [None] * len(named), [None] * len(named)
    for k in range(1, len(named)):
        before[k] = named[k - 1] or before[k - 1]
    for k in range(len(named) - 2, -1, -1):
        after[k] = named[k + 1] or after[k + 1]
    return {k for k, name in enumerate(named) if name is None and not (before[k] and before[k] == after[k])}


# Closing punctuation given as a segment of its own, with no space before it: "?" after " start"
# ends that word; an opening quote, "$" or "(" begins the next one, and " -- " stands between words.
_PUNCTUATION = re.compile(r"[.,!?;:…%)\]}»”’]+\s*")
_OPENING = re.compile(r"\s*[(\[{«“‘$£€]+")


def _time(path: str, line: int, i: int, seg: dict[str, Any], key: str, problems: Problems) -> float | None:
    """A segment's ``startTime`` (required) or ``endTime`` (optional), in seconds."""
    if seg.get(key) is None:
        if key == "startTime":
            problems.add(path, line, f"segment {i} has no 'startTime'")
        return None
    t = number(seg[key])
    if t is None:
        problems.add(path, line, f"segment {i}: '{key}' must be a number of seconds, not {shorten(seg[key])}")
    elif t < 0:
        problems.add(path, line, f"segment {i}: '{key}' is negative ({t:g} s)")
        return None
    return t


READER = Reader("transcript-json", _detect, _read)
