"""Word-level speech-to-text parts, in either layout the transcriber produces.

Stacked layout (with an optional header ``<title> - part 6/17`` and
``2025-11-25_17-29 • 1h 36m 3s``)::

    Dwarkesh Patel (Host)
    00:00.460
    It
    still

Inline layout (no header)::

    Dwarkesh Patel (Host) 00:00.720
    That's a very interesting way to put it. ...

Times count from the start of the part. Only a segment's first word has a
time; the others are spread over the segment by their length, which is what
the transcriber itself did when it cut the segment.
"""

from __future__ import annotations

import re

from ..clock import parse_clock
from ..errors import Problems, shorten
from ..model import Origin, TimedSegment, Word, WordPart
from .base import Lines, Reader

# Names never end in a space and the spaces after them are taken whole, so a long run of spaces
# in a line is read in linear time (a lazy name before optional spaces backtracked quadratically).
_SPEAKER = re.compile(r"^(?P<name>[^\d\s()][^()]*?(?<!\s))\s*+\((?P<role>[^()]*)\)$")
_TIMEISH = re.compile(r"^\d[\d:.]*$")
_GARBLED_TIME = re.compile(r"^\d[\w:.,]*:[\w:.,]*$")  # meant as a time, but not one
_INLINE = re.compile(r"^(?P<speaker>[^\d\s()][^()]*?(?<!\s)\s*+\([^()]*\))\s++(?P<time>\d[\d:.]*)$")
_PART = re.compile(r"^(?P<title>.*?)\s+-\s+part\s+(?P<n>\d+)\s*/\s*(?P<of>\d+)\s*$", re.I)
_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}[_ T]\d{2}[-:]\d{2}\s*[•·|-]\s*(?P<dur>.+)$")


def _detect(src: Lines) -> bool:
    """Two segments or more in either layout, their times mostly to the millisecond: a publisher's
    transcript with roles in its headers (``Dwarkesh Patel (Host) 12:34``) is not a part."""
    stacked = [b.strip() for a, b in zip(src.lines, src.lines[1:]) if _SPEAKER.match(a.strip()) and _TIMEISH.match(b.strip())]
    inline = [m["time"] for line in src.lines if (m := _INLINE.match(line.strip()))]
    return any(len(times) >= 2 and 2 * sum("." in t for t in times) > len(times) for times in (stacked, inline))


def _read(src: Lines, problems: Problems) -> WordPart | None:
    found = len(problems.items)
    number = count = None
    duration = None
    start = 0
    lines = src.lines
    if lines and (m := _PART.match(lines[0].strip())):
        number, count = int(m["n"]), int(m["of"])
        if not 1 <= number <= count:
            problems.add(src.path, 1, f"part {number}/{count} is impossible")
        start = 1
        if len(lines) > 1 and (s := _STAMP.match(lines[1].strip())):
            duration = parse_clock(s["dur"])
            if duration is None:
                problems.add(src.path, 2, f"unreadable episode length {s['dur']!r}")
            start = 2

    # Collect raw segments: (speaker, time, time line, [(word, line)])
    raw: list[tuple[str, float, int, list[tuple[str, int]]]] = []
    current: list[tuple[str, int]] | None = None
    i = start
    while i < len(lines):
        text = lines[i].strip()
        lineno = i + 1
        i += 1
        if not text:
            continue
        inline = _INLINE.match(text)
        if inline:
            t = _time(src.path, lineno, inline["time"], problems)
            current = []
            raw.append((inline["speaker"], t, lineno, current))
            continue
        if _SPEAKER.match(text) and i < len(lines) and _GARBLED_TIME.match(lines[i].strip()):
            t = _time(src.path, i + 1, lines[i].strip(), problems)
            current = []
            raw.append((text, t, i + 1, current))
            i += 1
            continue
        if _TIMEISH.match(text) and ":" in text:
            problems.add(src.path, lineno, f"time {text!r} without a speaker line before it")
            continue
        if current is None:
            problems.add(src.path, lineno, "text before the first speaker and time line")
            current = []
            continue
        current.extend((w, lineno) for w in text.split())

    if not raw:
        problems.add(src.path, None, "no timed segments found (expected 'Name (Role)' then a time like 00:09.580)")
        return None
    previous = None
    for speaker, t, lineno, ws in raw:
        if not ws and t is not None:
            stamp = _fmt(t) if t is not None else "an unreadable time"
            problems.add(src.path, lineno, f"segment of {speaker} at {stamp} has no words (file truncated?)")
        if t is not None and previous is not None and t < previous[0]:
            problems.add(src.path, lineno, f"time goes backwards: {_fmt(t)} comes after {_fmt(previous[0])} (line {previous[1]})")
        if t is not None:
            previous = (t, lineno)
    if duration is not None:
        last = max((t for _, t, _, _ in raw if t is not None), default=0.0)
        if last > duration:
            problems.add(src.path, raw[-1][2], f"time {_fmt(last)} is past the episode's end ({_fmt(duration)})")
    if len(problems.items) > found:
        return None
    return WordPart(src.path, number, count, duration, _timed_segments(src.path, raw))


def _timed_segments(path: str, raw) -> tuple[TimedSegment, ...]:
    """Spread each segment's words over its span, weighted by length."""
    chars = sum(len(w) + 1 for _, _, _, ws in raw for w, _ in ws)
    span = raw[-1][1] - raw[0][1]
    head_chars = chars - sum(len(w) + 1 for w, _ in raw[-1][3])
    rate = span / head_chars if head_chars and span > 0 else 0.06  # seconds per character
    segments = []
    for k, (speaker, t, lineno, ws) in enumerate(raw):
        weights = [len(w) + 1 for w, _ in ws]
        end = raw[k + 1][1] if k + 1 < len(raw) else t + rate * sum(weights)
        length = max(end - t, 0.0)
        total = sum(weights) or 1
        acc = 0
        words = []
        for (w, wline), weight in zip(ws, weights):
            words.append(Word(w, round(t + length * acc / total, 3), Origin(path, wline)))
            acc += weight
        segments.append(TimedSegment(speaker, t, tuple(words), Origin(path, lineno)))
    return tuple(segments)


def _time(path: str, lineno: int, text: str, problems: Problems) -> float | None:
    t = parse_clock(text)
    if t is None:
        problems.add(path, lineno, f"unreadable or impossible time {shorten(text)} (expected mm:ss.mmm)")
    return t


def _fmt(t: float) -> str:
    m, s = divmod(t, 60)
    return f"{int(m):02d}:{s:06.3f}"


READER = Reader("words", _detect, _read)
