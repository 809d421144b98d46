"""Lines stamped with their time and nothing more: a video's transcript copied from YouTube's
"Show transcript" panel (the time on a line of its own, the words below it), or a time before each
line, as transcript sites and tools export it::

    0:00                          [00:00:00] You know what's crazy?
    you know what's crazy         [00:00:03] >> Yeah, meaning what?
    0:03
    yeah meaning what

Each stamp starts a stretch that ends where the next one starts. Speakers, sounds and markup in
the text are read by the captions reader's rules (``>>``, ``NAME:``, ``[Music]``), as the text is
captions in another dress. Lines before the first stamp are the title. A chapter list has the
same shape, one line a chapter; it is told apart by its pace (``PACE``), and a publisher's
stamped turns (``00:12:34 Ana Lima: …``) are the publisher reader's.
"""

from __future__ import annotations

import re
import statistics

from ..clock import format_hms, parse_clock
from ..errors import Problems
from ..model import ChapterMark, Origin, TimedTranscript
from . import captions, publisher
from .base import Lines, Reader

_T = r"\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?"
_ALONE = re.compile(rf"^(?:\[(?P<a>{_T})\]|\((?P<b>{_T})\)|(?P<c>{_T}))$")
_BEFORE = re.compile(rf"^(?:\[(?P<a>{_T})\]|\((?P<b>{_T})\)|(?P<c>{_T})(?=\s))\s*+(?:[-–—|]\s*+)?(?P<text>\S.*)$")

# Stamps mark a transcript's lines every few seconds (YouTube's panel: 2-6 s) and a chapter list's
# chapters every few minutes (the embedded episode's: 2-23 min, 9 at the median); lists of chapters
# a minute apart exist (clips, a quick-fire round). Lines 20 s apart or less at the median are a
# transcript: a chapter that short is no chapter, and a transcript's lines are shorter still.
PACE = 20.0
# Stamps further apart are a transcript's still where their words come at a talker's pace: a tool's
# stamped paragraphs (every 30-60 s) hold what was said, 120-180 words a minute (the embedded
# episode: 163, ~750 letters), 200-300 characters in Chinese, where a chapter list's titles, 15
# words at most, come minutes apart (the embedded list: ~5 letters a minute; one with a line of
# description to each, ~15). Counted in characters (spaces aside), as Chinese writes no spaces.
TALK = 100.0
#: Lines before the first stamp, blank ones too: a copy of YouTube's panel may carry the video's
#: title, "Transcript", "Search in video" and a chapter's title (with blank lines between, 8).
PREAMBLE = 10
MIN_LINES = 10  # a chapter list of ten chapters under a minute each is no list: fewer lines prove nothing
CHARS_PER_SECOND = 15.0  # how long the last line lasts: speech runs ~15 characters a second (the embedded parts: 0.06 s each)


Entry = tuple[int, float, list[tuple[int, str]]]  # a stamp's line and time, and its lines of words (line, text)


def _entries(src: Lines) -> tuple[int, list[Entry], list[tuple[int, str]]]:
    """(first stamped line's index, [(stamp's line number, seconds, [(line number, text)…])…],
    [(line number, stamp) of stamps that are no time]). The file's form is decided once, by which
    its lines take more often: in the panel's, a line of words that starts with a time ("2:30 in
    the morning") is words."""
    shaped = [(_ALONE.match(line.strip()), _BEFORE.match(line.strip())) for line in src.lines]
    form = _PANEL if sum(a is not None for a, _ in shaped) >= sum(b is not None for _, b in shaped) else 1
    entries: list[tuple[int, float, list[tuple[int, str]]]] = []
    bad: list[tuple[int, str]] = []
    first = len(src.lines)
    for (lineno, raw), both in zip(src.numbered(), shaped):
        line = raw.strip()
        if not line:
            continue
        m = both[form]
        stamp = (m["a"] or m["b"] or m["c"]) if m else None
        start = parse_clock(stamp.replace(",", ".")) if stamp else None
        if start is not None:
            first = min(first, lineno - 1)
            text = m.groupdict().get("text")
            entries.append((lineno, start, [(lineno, text)] if text else []))
        elif stamp:
            bad.append((lineno, stamp))
        elif entries and not (form == _PANEL and not entries[-1][2] and _SPOKEN_TIME.match(line)):
            entries[-1][2].append((lineno, line))
    return first, entries, bad


# YouTube's newer transcript panel reads each time aloud below it ("1 second", "1 minute, 5 seconds",
# "2 hours, 3 minutes"): copied with the panel, it was the first words of every line.
_SPOKEN_TIME = re.compile(r"^(?=\d)(?:\d+ hours?,? ?)?(?:\d+ minutes?,? ?)?(?:\d+ seconds?)?$")


def _detect(src: Lines) -> bool:
    if any("-->" in line for line in src.lines[:50]):
        return False  # captions
    first, entries, _ = _entries(src)
    if len(entries) < MIN_LINES or first > PREAMBLE or sum(bool(text) for _, _, text in entries) < 0.9 * len(entries):
        return False
    starts = [t for _, t, _ in entries]
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    if sum(g >= 0 for g in gaps) < 0.9 * len(gaps) or statistics.median(gaps) > PACE and not _talked(entries):
        return False
    # A publisher's turns are stamped lines too ("[00:00:01] - Maria Lopez"): where they are, nearly
    # every stamp heads a turn; in timed lines a few happen to read so ("0:21 - Sure", said twice).
    found = publisher.headers(src)
    return sum(h is not None for h in found) < len(entries) / 2 or not publisher.turns_headed(src, found)


def _talked(entries: list[Entry]) -> bool:
    """Whether the stamped lines' words, up to the last stamp, come at a talker's pace."""
    return talking([text for _, _, lines in entries[:-1] for _, text in lines], entries[-1][1] - entries[0][1])


def talking(texts: list[str], seconds: float) -> bool:
    """Whether ``texts`` said over ``seconds`` come at least ``TALK`` characters a minute, spaces aside."""
    return seconds > 0 and sum(len("".join(text.split())) for text in texts) >= TALK * seconds / 60


def _read(src: Lines, problems: Problems) -> TimedTranscript | None:
    found = len(problems.items)
    first, entries, bad = _entries(src)
    for lineno, stamp in bad:
        problems.add(src.path, lineno, f"unreadable or impossible time {stamp!r} (expected m:ss or h:mm:ss)")
    if not entries:
        problems.add(src.path, None, "no stamped lines (expected a time like 0:00 or [00:00:00], then the words said)")
        return None
    # Times to the whole second are cut down to it (YouTube's panel shows 0:03 from 3.0 s to 3.99 s):
    # each line starts half a second after its stamp on average.
    half = 0.5 if all(t == int(t) for _, t, _ in entries) else 0.0
    entries = [(lineno, t + half, text) for lineno, t, text in entries]
    entries, named = _names_above(src, first, entries)
    chapters, entries = _chapters(src, first, entries)
    cues = []
    for k, (lineno, start, text) in enumerate(entries):
        if k and start < entries[k - 1][1]:
            problems.add(src.path, lineno, f"time goes backwards: {format_hms(start)} comes after {format_hms(entries[k - 1][1])} (line {entries[k - 1][0]})")
        said = sum(len(t) + 1 for _, t in text)
        end = entries[k + 1][1] if k + 1 < len(entries) else start + max(said / CHARS_PER_SECOND, 1.0)
        cues.append(captions.Cue(start, max(end, start), lineno, text))
    title = "" if chapters else " ".join(line.strip() for k, line in enumerate(src.lines[:first]) if line.strip() and k != named)
    transcript = captions.cue_transcript(src, cues, problems, "no stamped lines with text", chapters=chapters, title=title)
    return None if len(problems.items) > found else transcript


#: Share of the stamps (the last aside) with a speaker's name as the last line above the next, from
#: which the names are speakers: a tool's export puts one above every stamp ("Ana Lima" / "00:00:04" /
#: her words), where it was read as the last words of the line before ("… nine. Bo Chen").
NAMED = 0.8


def _names_above(src: Lines, first: int, entries: list[Entry]) -> tuple[list[Entry], int | None]:
    """The entries with the speaker names written above their stamps made "Name: " prefixes of the
    entry they head (read as captions read them), where nearly every stamp has one and a name
    comes back; and the index of the line above the first stamp that names its speaker, if any
    (not the title, then)."""
    heads = [text[-1][1].strip() for _, _, text in entries[:-1] if len(text) >= 2]
    names = captions.recurring_names(heads, 1.0) if len(entries) >= 3 and len(heads) >= NAMED * (len(entries) - 1) else set()
    if not names:
        return entries, None
    head = next((k for k in range(first - 1, -1, -1) if src.lines[k].strip()), None)
    if head is not None and src.lines[head].strip() not in names:
        head = None
    label = src.lines[head].strip() if head is not None else ""
    out: list[Entry] = []
    for k, (lineno, start, text) in enumerate(entries):
        text = list(text)
        if label and text:
            text[0] = (text[0][0], f"{label}: {text[0][1]}")
        label = ""
        if k + 1 < len(entries) and len(text) >= 2 and text[-1][1].strip() in names:
            label = text.pop()[1].strip()
        out.append((lineno, start, text))
    return out, head


def _chapters(src: Lines, first: int, entries: list[Entry]) -> tuple[tuple[ChapterMark, ...], list[Entry]]:
    """The chapter titles a copy of YouTube's transcript panel holds, taken out of the words: the
    panel shows each chapter's title above its first line, so a copy has it after the line before
    it (it was read as words said there: "… for was The engine question so the beacon …").

    Where nearly every stamp has one line of words (nine in ten: the panel's), a last line more,
    shaped as a title (a capital first, a dozen words at most, no sentence or clause end), is the
    title of the chapter starting at the next stamp; lines above the first stamp, the first
    chapter's, where others are found.  Returns the titles and the entries without them."""
    if sum(len(text) == 1 for _, _, text in entries) < 0.9 * len(entries):
        return (), entries
    marks: list[ChapterMark] = []
    kept: list[Entry] = []
    for k, (lineno, start, text) in enumerate(entries):
        if k + 1 < len(entries) and len(text) >= 2 and _titled(text[-1][1]):
            marks.append(ChapterMark(text[-1][1], entries[k + 1][1], Origin(src.path, text[-1][0])))
            text = text[:-1]
        kept.append((lineno, start, text))
    above = [(n, line.strip()) for n, line in src.numbered() if n <= first and line.strip()]
    if marks and above and _titled(above[-1][1]):
        marks.insert(0, ChapterMark(above[-1][1], 0.0, Origin(src.path, above[-1][0])))
    return tuple(marks), kept


_PANEL = 0  # the form of a copy of YouTube's transcript panel: a time alone on its line, the words below it
_OPENING = "\"'“‘«„‹([¿¡"  # marks a title may open with: “We are squarely an age of research company”
_CLAUSE_ENDS = (".", ",", ";", ":", "…")


def _titled(line: str) -> bool:
    """Shaped as a title: a capital, a digit or a letter of a script without case first (after an
    opening quote), a dozen words at most, and no end of a sentence or clause but a question's or an
    exclamation's ("What are we scaling?" was read as words said, and its chapter lost)."""
    head = line.lstrip(_OPENING)
    if not head or len(line) > 101 or len(line.split()) > 12:
        return False
    first = head[0]
    capital = first.isupper() or first.isdigit() or (first.isalpha() and first.lower() == first.upper())
    return capital and not line.endswith(_CLAUSE_ENDS)


READER = Reader("stamped-lines", _detect, _read)
