"""Chapter lines as people write them, shared by every reader that meets a chapter list.

The podcast page writes ``(00:09:39) – Title``; YouTube descriptions write
``0:00 Intro`` or ``12:05 - Title``; show notes write ``[00:12:34] Title``.
One parser reads all of them, reports an unreadable time on its line, and
checks the order, so a list means the same thing whichever file it sits in.
"""

from __future__ import annotations

import re
from typing import Iterable

from ..clock import format_hms, parse_clock
from ..errors import Problems
from ..model import ChapterMark, Origin
from ..text import tidy

# The podcast page's only form: "(hh:mm:ss) – Title" with an en dash, em dash or hyphen.
PAGE_LINE = re.compile(r"^\((?P<time>[^)]*)\)\s*[-–—]\s*(?P<title>.+)$")

# Every form a plain list uses. The time group is loose on purpose ("00:6x:12",
# "(1:2:3:4)") so that a mistyped time is reported as unreadable on its line
# rather than as "not a chapter line"; a bare time must hold a colon.
LIST_LINE = re.compile(
    r"^(?:[-*•]\s+|\d{1,3}[.)]\s+|[^\x00-\x7f\w\s]{1,4}\s*+)?"  # an optional bullet, number ("1. 0:00 Intro"), or an emoji or symbol ("🎬 0:00 Intro"; not "$5:00")
    r"(?:\((?P<paren>[^()]*)\)|\[(?P<bracket>[^\[\]]*)\]|(?P<stars>[*_]{1,2})?(?P<bare>\d[\w.]*(?::[\w.]+)+)(?![\w.]|:[\w.])(?(stars)[*_]{1,2}))"  # "**0:00** Intro" in bold; a time whole, never cut for a title ("00:09:39" alone was "00:09:3", titled "9"); "12:34: Title"
    r"\s*(?:[-–—|:]\s*)?"  # an optional separator
    r"(?P<title>\S.*)$"
)

# A list of its own may put the time last: "Intro (0:00)", "Scaling laws: 12:05", "Outro - 1:02:03".
# Not in a transcript's preamble, where prose may end in a time ("the storm hit at 10:30").
# The title ends in a non-space, so a long run of spaces is read once, not once per space; a bare
# time starts where a run of digits and colons does, so such a run is read once, not once per digit
# (a 100 KB line of "0:0:0…" took minutes).
TITLE_FIRST = re.compile(
    r"^(?:[-*•]\s+)?(?P<title>[^\s\d(\[](?:.*?\S)?)\s*+(?:[-–—|:@]\s*+)?"  # "Intro @ 0:00" too
    r"(?:\((?P<paren>\d[^()]*)\)|\[(?P<bracket>\d[^\[\]]*)\]|(?<!\d)(?<!\d:)(?P<bare>\d+(?::\d+)+))$"
)

#: Words a chapter's title has at most, wherever a title is told from words said (an edited
#: transcript's chapter lines, a chapters track's cues): titles run to a dozen (the embedded page's: 7).
TITLE_WORDS = 15

# Lines that introduce a chapter list (compared after dropping Markdown "#", "**" and a trailing colon).
HEADINGS = frozenset({"chapters", "timestamps", "contents", "table of contents"})

EXPECTED = "(expected '(hh:mm:ss) – Title')"


def heading(line: str) -> str:
    """A line reduced to what a heading says: ``## **Chapters:**`` -> ``chapters``."""
    return line.strip().lstrip("#").strip().strip("*_").strip().rstrip(":").strip().lower()


def is_heading(line: str) -> bool:
    """True for a line that announces a chapter list (``Chapters``, ``Timestamps``, ``Contents``)."""
    return heading(line) in HEADINGS


# A time written as a Markdown link to that moment, as a description copied from YouTube has it:
# "[0:00](https://www.youtube.com/watch?v=…&t=0s) Intro" gave the title "(https://…) Intro".
_LINKED_TIME = re.compile(r"\[(\(?[\d:.]+\)?)\]\([^()\s]*\)")


def match(line: str, pattern: re.Pattern[str] = LIST_LINE) -> tuple[str, str] | None:
    """(time as written, title) when ``line`` is shaped like a chapter line, else None."""
    m = pattern.match(_LINKED_TIME.sub(r"\1", line.strip()))
    if not m:
        return None
    groups = m.groupdict()
    time = next(groups[k] for k in ("time", "paren", "bracket", "bare") if groups.get(k) is not None)
    title = m["title"]
    if span := _RANGE.fullmatch(time.strip()):  # "(0:00 - 1:23) Welcome": the chapter starts at the first
        time = span["start"]
    elif re.search(r"[-\u2013\u2014]\s*$", line.strip()[: m.start("title")]) and (end := _RANGE_END.match(title)) and _before(time, end["end"]):
        title = title[end.end() :]  # "0:00 - 1:23 Welcome": not a title "1:23 Welcome" ("3:14 4:33 by John Cage" is one)
    return time, title


# A chapter given as a time range: its end is no part of its title.
CLOCK = r"\d{1,3}(?::\d{2}){1,2}(?:\.\d+)?"  # a time as lists write it; minutes past 99 too ("101:10")
_RANGE = re.compile(rf"(?P<start>{CLOCK})\s*(?:[-–—]|to)\s*{CLOCK}")
_RANGE_END = re.compile(rf"(?P<end>{CLOCK})(?:\s*[-–—|:]\s*|\s+)(?=\S)")


def _before(start: str, end: str) -> bool:
    a, b = parse_clock(start), parse_clock(end)
    return a is not None and b is not None and a < b


def mark(path: str, lineno: int, found: tuple[str, str], problems: Problems) -> ChapterMark | None:
    """The chapter a matched line gives, or None with a problem naming the line if its time is unreadable."""
    time, title = found
    start = parse_clock(time)
    if start is None:
        shown = time if len(time) <= 40 else time[:39] + "…"
        problems.add(path, lineno, f"unreadable or impossible chapter time ({shown})")
        return None
    return ChapterMark(tidy(title), start, Origin(path, lineno))


def not_a_chapter(path: str, lineno: int, line: str, problems: Problems) -> None:
    """Report a line inside a chapter list that is not a chapter."""
    problems.add(path, lineno, f"not a chapter line: {line[:60]!r} {EXPECTED}")


def check_order(path: str, chapters: Iterable[ChapterMark], problems: Problems) -> None:
    """Each chapter must start after the one before it: the message names both and the later line."""
    chapters = list(chapters)
    for prev, cur in zip(chapters, chapters[1:]):
        if cur.start <= prev.start:
            problems.add(
                path,
                cur.origin.line,
                f"chapter '{cur.title}' at {format_hms(cur.start, 2)} is not after '{prev.title}' at {format_hms(prev.start, 2)}",
            )
