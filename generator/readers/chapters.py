"""Chapters alone: a Podcasting 2.0 chapters JSON, a WebVTT chapters track, or a plain list such as a
YouTube description's.

JSON (https://github.com/Podcastindex-org/podcast-namespace/blob/main/chapters/jsonChapters.md)::

    {"version": "1.2.0", "chapters": [{"startTime": 0, "title": "Intro", "endTime": 62, "img": "…", "url": "…", "toc": true}]}

Entries with ``"toc": false`` are pictures or links shown while playing, not
chapters: they are skipped. Every chapter that counts needs a title.

Plain list: one chapter a line in any form :mod:`chapterlines` reads
(``(00:12:34) – Title``, ``0:00 Intro``, ``12:05 - Title``, ``[00:12:34] Title``, ``🎬 0:00 Intro``),
or with the time last (``Intro (0:00)``, ``Scaling laws: 12:05``),
with optional ``Chapters``/``Timestamps`` heading lines and blank lines. A video's
description pasted whole is read for its list alone, where that list is one as YouTube
takes it (three lines or more, the first at 0:00, in order) and the text around it no longer
than a description may be.

WebVTT chapters track (HTML's ``<track kind="chapters">``): each cue's text is a chapter's title,
its start the chapter's; told from captions by ``Kind: chapters`` or by cues lasting minutes
(see :func:`captions.chapter_track`).

Chapters must start in strictly increasing order. A first chapter after 0:00
is accepted (Podcasting 2.0 allows it; YouTube would not): the stretch before
it is left to the merge.
"""

from __future__ import annotations

import json
import math
import re

from ..clock import format_hms, parse_clock
from ..errors import Problems, shorten
from ..model import ChapterList, ChapterMark, Origin
from ..text import tidy
from . import captions, chapterlines, publisher, summary
from .base import Lines, Reader

_WS = re.compile(r"[ \t\n\r]*")


def _detect(src: Lines) -> bool:
    """JSON with a "chapters" array, a chapters track (WebVTT), or a file of nothing but chapter
    lines (two or more) and headings."""
    if captions.looks_like_cues(src):
        return captions.chapter_track(src)
    if _is_json(src):
        data = _load(src)
        return isinstance(data, dict) and isinstance(data.get("chapters"), list)
    readable = 0
    for line in src.lines:
        if not line.strip() or chapterlines.is_heading(line):
            continue
        found = chapterlines.match(line) or chapterlines.match(line, chapterlines.TITLE_FIRST)
        if found is None:
            readable = -1 if _description_list(src) is None else 2
            break
        readable += chapterlines.mark("", 0, found, Problems()) is not None
    # "[00:00:12] Lena Park: Welcome…" lines are chapter-shaped too; a name that speaks twice makes them turns.
    return readable >= 2 and not publisher.READER.detect(src)


#: Characters a YouTube description holds at most: a file with more around its list is a transcript's.
DESCRIPTION_MAX = 5000
#: YouTube's own rule for a description's chapters: three or more, the first at 0:00, in order.
DESCRIPTION_CHAPTERS = 3


def _description_list(src: Lines) -> tuple[int, int] | None:
    """Where the chapter list of a video's description pasted whole lies (first and last line
    index), or None: one run of chapter lines (``0:00 Intro``) as YouTube takes them, with no
    other chapter line in the file and at most a description's length of text around it."""
    if summary.READER.detect(src):
        return None  # an AI summary may list the chapters too: it is a summary
    runs: list[list[int]] = []
    previous = None  # the line index of the last chapter line, blank lines and headings aside
    other = 0
    for k, line in enumerate(src.lines):
        text = line.strip()
        if not text or chapterlines.is_heading(text):
            continue
        found = chapterlines.match(text) or chapterlines.match(text, chapterlines.TITLE_FIRST)  # "0:00 Intro", "Intro (0:00)"
        if found is not None and chapterlines.mark("", 0, found, Problems()) is None:
            return None  # a chapter line with a time mistyped ("4:0O Outro") is reported, not read past
        if found is not None:
            if previous is not None and runs and runs[-1][-1] == previous:
                runs[-1].append(k)
            else:
                runs.append([k])
            previous = k
        else:
            other += len(text)
            previous = None
    if len(runs) != 1 or len(runs[0]) < DESCRIPTION_CHAPTERS or other > DESCRIPTION_MAX:
        return None
    starts = [chapterlines.mark("", 0, chapterlines.match(src.lines[k]) or chapterlines.match(src.lines[k], chapterlines.TITLE_FIRST), Problems()).start for k in runs[0]]
    if starts[0] != 0 or any(b <= a for a, b in zip(starts, starts[1:])):
        return None
    return runs[0][0], runs[0][-1]


def _read(src: Lines, problems: Problems) -> ChapterList | None:
    found = len(problems.items)
    if captions.looks_like_cues(src):
        chapters = captions.chapter_marks(src, problems)
    else:
        chapters = _read_json(src, problems) if _is_json(src) else _read_list(src, problems)
    if chapters is None:
        return None
    if not chapters and len(problems.items) == found:
        problems.add(src.path, None, "no chapters found (expected lines like '(00:12:34) – Title' or '0:00 Intro', or Podcasting 2.0 JSON)")
    chapterlines.check_order(src.path, chapters, problems)
    if len(problems.items) > found:
        return None
    return ChapterList(src.path, tuple(chapters))


def _read_list(src: Lines, problems: Problems) -> list[ChapterMark]:
    chapters = []
    listed = all(not line.strip() or chapterlines.is_heading(line) or chapterlines.match(line) or chapterlines.match(line, chapterlines.TITLE_FIRST) for line in src.lines)
    # a description's text around its list is not read (a file of chapter lines alone is read whole)
    first, last = (None if listed else _description_list(src)) or (0, len(src.lines) - 1)
    for lineno, raw in src.numbered():
        line = raw.strip()
        if not first <= lineno - 1 <= last:
            continue
        if not line or chapterlines.is_heading(line):
            continue
        found = chapterlines.match(line) or chapterlines.match(line, chapterlines.TITLE_FIRST)
        if found is None:
            chapterlines.not_a_chapter(src.path, lineno, line, problems)
        elif mark := chapterlines.mark(src.path, lineno, found, problems):
            chapters.append(mark)
    return chapters


def _is_json(src: Lines) -> bool:
    return next((line.strip() for line in src.lines if line.strip()), "").startswith("{")


def _load(src: Lines, problems: Problems | None = None) -> object:
    """The parsed JSON, or None (with a located problem when ``problems`` is given)."""
    try:
        return json.loads("\n".join(src.lines))
    except json.JSONDecodeError as exc:
        where, message = exc.lineno, f"not valid JSON: {exc.msg} (column {exc.colno})"
    except RecursionError:
        where, message = None, "not valid JSON: nested too deeply"
    except ValueError as exc:  # an integer past Python's 4300-digit conversion limit
        where, message = None, f"not valid JSON: {shorten(str(exc), 80)}"
    if problems is not None:
        problems.add(src.path, where, message)
    return None


def _read_json(src: Lines, problems: Problems) -> list[ChapterMark] | None:
    data = _load(src, problems)
    if data is None:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("chapters"), list):
        problems.add(src.path, 1, 'not a Podcasting 2.0 chapters file: expected {"version": "1.2.0", "chapters": [...]}')
        return None
    lines = _item_lines("\n".join(src.lines), "chapters")
    chapters = []
    for n, item in enumerate(data["chapters"], 1):
        line = lines[n - 1] if n - 1 < len(lines) else None
        if mark := _json_chapter(src.path, line, n, item, problems):
            chapters.append(mark)
    return chapters


def _json_chapter(path: str, line: int | None, n: int, item: object, problems: Problems) -> ChapterMark | None:
    """One entry of "chapters" checked; None when it is not a chapter (toc: false) or is broken."""
    if not isinstance(item, dict):
        problems.add(path, line, f"chapter {n} is not an object like {{\"startTime\": 0, \"title\": \"Intro\"}}")
        return None
    toc = item.get("toc", True)
    if not isinstance(toc, bool):
        problems.add(path, line, f"chapter {n}: 'toc' must be true or false, not {shorten(toc)}")
        return None
    start = _seconds(path, line, n, item, "startTime", problems)
    if "startTime" not in item and start is None:
        problems.add(path, line, f"chapter {n} has no startTime")
    end = _seconds(path, line, n, item, "endTime", problems)
    title = item.get("title", "")
    if not isinstance(title, str):
        problems.add(path, line, f"chapter {n}: 'title' must be a string, not {shorten(title)}")
        return None
    if start is None or not toc:
        return None
    if not tidy(title):
        problems.add(path, line, f"chapter {n} at {format_hms(start, 2)} has no title (give it one, or mark it \"toc\": false)")
        return None
    if end is not None and end < start:
        problems.add(path, line, f"chapter '{tidy(title)}' ends at {format_hms(end, 2)}, before it starts at {format_hms(start, 2)}")
        return None
    return ChapterMark(tidy(title), float(start), Origin(path, line or 1))


_STRING_TIME = re.compile(r"\d{1,9}(?:\.\d+)?|(?:\d{1,3}:)?\d{1,3}:\d\d(?:\.\d+)?")


def _seconds(path: str, line: int | None, n: int, item: dict, key: str, problems: Problems) -> float | None:
    """A time field as float seconds; None (and a problem) when present but not a usable number."""
    if key not in item:
        return None
    value = item[key]
    if isinstance(value, str) and (clock := _STRING_TIME.fullmatch(value.strip())):
        # files in the wild write "62.5" or "00:01:02"; a frame count ("00:01:02:12") or "62,5" is not clear
        value = parse_clock(clock[0])
        if value is None:
            problems.add(path, line, f"chapter {n}: impossible {key} {shorten(item[key])}")
            return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        problems.add(path, line, f"chapter {n}: '{key}' must be a number of seconds (or a time like \"00:01:02\"), not {shorten(value)}")
        return None
    seconds = float(value) if abs(value) < 1e300 else math.inf
    if not math.isfinite(seconds) or seconds < 0:
        problems.add(path, line, f"chapter {n}: impossible {key} {shorten(value)}")
        return None
    return seconds


def _item_lines(text: str, key: str) -> list[int]:
    """The line on which each element of the top-level array ``key`` begins.

    ``json`` gives no positions, so walk the top-level object with
    ``raw_decode``, skipping every other value whole. Only called on text that
    already parsed, so the walk meets only well-formed JSON.
    """
    decoder = json.JSONDecoder()
    lines: list[int] = []

    def skip(pos: int) -> int:
        return _WS.match(text, pos).end()

    pos = skip(0) + 1  # past "{"
    while True:
        pos = skip(pos)
        if text[pos] == "}":
            return lines
        name, pos = decoder.raw_decode(text, pos)
        pos = skip(skip(pos) + 1)  # past ":"
        if name == key and text[pos] == "[":
            lines = []  # json.loads keeps the last of duplicate keys; so do we
            pos = skip(pos + 1)
            while text[pos] != "]":
                lines.append(text.count("\n", 0, pos) + 1)
                _, pos = decoder.raw_decode(text, pos)
                pos = skip(pos)
                if text[pos] == ",":
                    pos = skip(pos + 1)
            pos += 1
        else:
            _, pos = decoder.raw_decode(text, pos)
        pos = skip(pos)
        if text[pos] == ",":
            pos += 1


READER = Reader("chapters", _detect, _read)
