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
from dataclasses import replace

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
# The title ends in a letter and the spaces after it are taken whole: every line is tried (parts may be
# joined into one file), and a lazy title before "\s+" backtracked through a run of spaces (20,000: 1.5 s a line).
# A speaker written without a role ("Speaker 0", "Dwarkesh Patel"), taken as one only before a time
# to the millisecond (stacked) or with one after it (inline): a word line holds one word and no time.
_BARE = r"[^\W\d_][^\s()]*+(?:[ \t]++[^\s()]++){0,3}"
_BARE_SPEAKER = re.compile(rf"^{_BARE}$")
_BARE_INLINE = re.compile(rf"^(?P<speaker>{_BARE})[ \t]++(?P<time>\d{{1,3}}(?::\d{{2}}){{1,2}}\.\d{{1,3}})$")
_MILLIS = re.compile(r"^\d{1,3}(?::\d{2}){1,2}\.\d{1,3}$")
_PART = re.compile(r"^(?P<title>.*?\S)\s++-\s++part\s++(?P<n>\d+)\s*+/\s*+(?P<of>\d+)\s*$", re.I)
_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}[_ T]\d{2}[-:]\d{2}\s*[•·|-]\s*(?P<dur>.+)$")


def _detect(src: Lines) -> bool:
    """Two segments or more in either layout, their times mostly to the millisecond: a publisher's
    transcript with roles in its headers (``Dwarkesh Patel (Host) 12:34``) is not a part."""
    stacked = [b.strip() for a, b in zip(src.lines, src.lines[1:]) if _speaker_line(a.strip(), b.strip())]
    inline = [m["time"] for line in src.lines if (m := _INLINE.match(line.strip()) or _BARE_INLINE.match(line.strip()))]
    return any(len(times) >= 2 and 2 * sum("." in t for t in times) > len(times) for times in (stacked, inline))


def _read(src: Lines, problems: Problems) -> WordPart | tuple[WordPart, ...] | None:
    """The file's part, or its parts where several were joined into one file (``cat part*.txt``):
    each opens with its header, or, without headers, where the times start again from zero."""
    lines = src.lines
    starts = [0] + [i for i in range(1, len(lines)) if _PART.match(lines[i].strip()) and _opens_part(lines, i)]
    ends = starts[1:] + [len(lines)]
    titles = [m["title"] for i in starts if (m := _PART.match(lines[i].strip()))]
    tails = [_glued_header(lines, b, titles) if b < len(lines) else [] for b in ends]
    found = len(problems.items)
    parts = [part for a, b, tail in zip(starts, ends, tails) for part in _read_part(src, a, b, problems, tail)]
    if len(problems.items) > found or not parts:
        return None
    return parts[0] if len(parts) == 1 else tuple(parts)


def _speaker_line(line: str, after: str) -> bool:
    """Whether ``line`` is a stacked block's speaker, ``after`` the line below it: "Name (Role)"
    before a time, or a name without a role before a time to the millisecond ("Speaker 0" was
    "time '00:00.560' without a speaker line before it", block after block)."""
    return bool(_SPEAKER.match(line) and _TIMEISH.match(after)) or bool(_BARE_SPEAKER.match(line) and _MILLIS.match(after))


def _opens_part(lines: tuple[str, ...], i: int) -> bool:
    """Whether the header-like line ``i`` opens a part: its date line, or a speaker's, follows."""
    after = next((lines[j].strip() for j in range(i + 1, len(lines)) if lines[j].strip()), "")
    return bool(_STAMP.match(after) or _SPEAKER.match(after) or _INLINE.match(after))


# A file that does not end in a newline, joined to the next with ``cat``, runs its last word into the
# next part's first line: "I'mDwarkesh Patel (Host) 00:00.720", "not.Ilya Sutskever – … - part 6/17".
# Read as they are, the first was a speaker "not one of this episode's people", the second left the
# segment before it without words ("file truncated?"). The word is given back to the segment before.
_GLUE = re.compile(r"(?<=[^\s\d])(?=[A-Z])")  # where a word runs into a capital: "I'm|Dwarkesh", "not.|Ilya"


def _ends_bare(lines: tuple[str, ...], i: int) -> bool:
    """Whether the segment before line ``i`` has no words yet: the last line before it is its speaker and time."""
    j = next((j for j in range(i - 1, -1, -1) if lines[j].strip()), -1)
    if j < 0:
        return False
    text = lines[j].strip()
    return bool(_INLINE.match(text) or _BARE_INLINE.match(text)) or (j > 0 and _speaker_line(lines[j - 1].strip(), text))


def _glued_header(lines: tuple[str, ...], i: int, titles: list[str]) -> list[tuple[str, int]]:
    """The words of the segment before the header on line ``i`` run into it (see ``_GLUE``), with
    their line: where its title ends as another header's title does, the text before that; else the
    text before the first capital a word runs into, after a sentence's end if there is one there."""
    text = lines[i].strip()
    title = _PART.match(text)["title"]
    if not _ends_bare(lines, i):
        return []
    same = [t for t in titles if t != title and title.endswith(t) and not title[: -len(t)][-1:].isspace()]
    if same:
        cut = len(title) - len(max(same, key=len))
    else:
        cuts = [m.start() for m in _GLUE.finditer(title)]
        ended = [c for c in cuts if title[c - 1] in ".?!…\"”'’)"]
        cut = (ended or cuts or [0])[0]
    return [(w, i + 1) for w in title[:cut].split()]


def _unglued(raw: list) -> list:
    """Segments whose speaker is another segment's with a word run into it ("I'mDwarkesh Patel
    (Host)", see ``_GLUE``) under that speaker, the word given to the segment before. Only where the
    times start again there, as the next file's do: "JoAnn Lee" after "Ann Lee" mid-part is a name
    (QA39: she was made Ann, and "Jo" a word of the turn before)."""
    labels = {speaker for speaker, _, _, _ in raw}
    out = list(raw)
    for k in range(1, len(out)):
        speaker, t, lineno, ws = out[k]
        known = [label for label in labels if label != speaker and speaker.endswith(label) and not speaker[-len(label) - 1].isspace()]
        restarted = t is not None and out[k - 1][1] is not None and t < out[k - 1][1]
        if known and restarted and (cut := len(speaker) - len(max(known, key=len))) in {m.start() for m in _GLUE.finditer(speaker)}:
            out[k - 1][3].extend((w, lineno) for w in speaker[:cut].split())
            out[k] = (speaker[cut:], t, lineno, ws)
    return out


# Parts joined without their headers: a segment at most RESTART seconds into the clock, after one
# at least PART_SPAN in, opens the next part. A part's first word comes within a second of its start
# in the parts we have (0.46 s, 0.72 s), as the transcriber cuts at a pause: 5 s leaves room for a
# longer pause at the cut. Parts run minutes (the embedded episode's 17 parts, 5.6 min each), so a
# time going back from under a minute, or to past 5 s, or one the times after it do not go on from,
# is a garbled time, reported as such.
RESTART = 5.0
PART_SPAN = 60.0


def _read_part(src: Lines, first: int, last: int, problems: Problems, tail: list[tuple[str, int]] = ()) -> list[WordPart]:
    """The part on lines ``first`` to ``last`` (indexes) of the file: more than one where its times
    start again from zero (see ``RESTART``), the first with the header's number. ``tail``: its last
    words, run into the next part's header (``_glued_header``)."""
    found = len(problems.items)
    number = count = None
    duration = None
    start = first
    lines = src.lines
    if first < last and (m := _PART.match(lines[first].strip())):
        number, count = int(m["n"]), int(m["of"])
        if not 1 <= number <= count:
            problems.add(src.path, first + 1, f"part {number}/{count} is impossible")
        start = first + 1
        if start < last and (s := _STAMP.match(lines[start].strip())):
            duration = parse_clock(s["dur"])
            if duration is None:
                problems.add(src.path, start + 1, f"unreadable episode length {s['dur']!r}")
            start += 1

    # Collect raw segments: (speaker, time, time line, [(word, line)])
    raw: list[tuple[str, float, int, list[tuple[str, int]]]] = []
    current: list[tuple[str, int]] | None = None
    i = start
    while i < last:
        text = lines[i].strip()
        lineno = i + 1
        i += 1
        if not text:
            continue
        inline = _INLINE.match(text) or _BARE_INLINE.match(text)
        if inline:
            t = _time(src.path, lineno, inline["time"], problems)
            current = []
            raw.append((inline["speaker"], t, lineno, current))
            continue
        if i < last and ((_SPEAKER.match(text) and _GARBLED_TIME.match(lines[i].strip())) or _speaker_line(text, lines[i].strip())):
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
    if current is not None:
        current.extend(tail)
    raw = _unglued(raw)

    if not raw:
        problems.add(src.path, first + 1 if first else None, "no timed segments found (expected 'Name (Role)' then a time like 00:09.580)")
        return []
    runs: list[list] = [[]]
    previous = None
    times = [t for _, t, _, _ in raw]
    for k, segment in enumerate(raw):
        speaker, t, lineno, ws = segment
        if not ws and t is not None:
            stamp = _fmt(t) if t is not None else "an unreadable time"
            problems.add(src.path, lineno, f"segment of {speaker} at {stamp} has no words (file truncated?)")
        if t is not None and previous is not None and t < previous[0]:
            # the clock starts again only if it goes on from there: a lone garbled "00:02.000" is
            # followed by the times it interrupts (it had split a part and moved the rest by 2 min)
            after = next((times[j] for j in range(k + 1, len(times)) if times[j] is not None), None) if t <= RESTART and previous[0] >= PART_SPAN else None
            if after is not None and t <= after < previous[0]:
                runs.append([])  # the next part, joined on without its header
            else:
                problems.add(src.path, lineno, f"time goes backwards: {_fmt(t)} comes after {_fmt(previous[0])} (line {previous[1]})")
        if t is not None:
            previous = (t, lineno)
        runs[-1].append(segment)
    if duration is not None:
        latest = max((t for _, t, _, _ in raw if t is not None), default=0.0)
        if latest > duration:
            problems.add(src.path, raw[-1][2], f"time {_fmt(latest)} is past the episode's end ({_fmt(duration)})")
    if len(problems.items) > found:
        return []
    parts = [WordPart(src.path, None, None, duration, _timed_segments(src.path, run)) for run in runs]
    return [replace(parts[0], number=number, count=count)] + parts[1:]  # the header numbers the first


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
