"""The podcast's web page: title, runtime, description, sponsors, chapters, verbatim transcript.

Chapters are lines like ``(00:09:39) - Emotions and value functions`` (en dash
or hyphen). The transcript follows a ``Transcript`` line as ``Speaker N text``
paragraphs; a line without a label continues the paragraph before it.
"""

from __future__ import annotations

import re

from ..clock import parse_clock
from ..errors import Problems
from ..model import ChapterMark, Origin, PodcastPage, Turn
from ..text import tidy
from . import chapterlines
from .base import Lines, Reader

_TURN = re.compile(r"^(?P<label>Speaker \d+)\s*:?\s+(?P<text>.*)$")
_RUNTIME = re.compile(r"^(?:Runtime:\s*)?(?P<dur>\d+\s*h(?:\s*\d+\s*m)?|\d+\s*m(?:in)?)$")
_BOILERPLATE = re.compile(r"^(Get full access to|Press play and read along|Runtime:|To sponsor a future episode)", re.I)


def _detect(src: Lines) -> bool:
    turns = sum(1 for line in src.lines if _TURN.match(line))
    return turns >= 2 and any(line.strip() == "Transcript" for line in src.lines)


def _read(src: Lines, problems: Problems) -> PodcastPage | None:
    lines = src.lines
    title = next((line.strip() for line in lines if line.strip()), "")
    try:
        t_index = next(i for i, line in enumerate(lines) if line.strip() == "Transcript")
    except StopIteration:
        problems.add(src.path, None, "no 'Transcript' line: cannot find where the transcript starts")
        return None

    runtime = None
    description: list[str] = []
    sponsors: list[str] = []
    chapters: list[ChapterMark] = []
    section = "description"
    for lineno, raw in src.numbered(1):
        if lineno - 1 >= t_index:
            break
        line = raw.strip()
        if not line:
            continue
        if line in ("Sponsors", "Timestamps", "Chapters"):
            section = line.lower()
            continue
        if m := _RUNTIME.match(line):
            runtime = runtime or parse_clock(m["dur"].replace(" ", ""))
            continue
        if found := chapterlines.match(line, chapterlines.PAGE_LINE):
            section = "timestamps"
            if mark := chapterlines.mark(src.path, lineno, found, problems):
                chapters.append(mark)
            continue
        if _BOILERPLATE.match(line):
            continue
        if section == "description":
            description.append(line)
        elif section == "sponsors" and line.startswith(("*", "-", "•")):
            sponsors.append(line.lstrip("*-• ").strip())
        elif section == "timestamps":
            chapterlines.not_a_chapter(src.path, lineno, line, problems)

    if description and description[0] == title:
        description = description[1:]
    chapterlines.check_order(src.path, chapters, problems)
    chapterlines.check_starts_at_zero(src.path, chapters, problems)

    turns: list[Turn] = []
    for lineno, raw in src.numbered(t_index + 1):
        line = raw.strip()
        if not line:
            continue
        if m := _TURN.match(line):
            turns.append(Turn(m["label"], tidy(m["text"]), Origin(src.path, lineno)))
        elif turns:
            last = turns[-1]
            turns[-1] = Turn(last.label, tidy(last.text + " " + line), last.origin)
        else:
            problems.add(src.path, lineno, "transcript text before the first 'Speaker N' label")
    turns = [t for t in turns if t.text]
    if not turns:
        problems.add(src.path, t_index + 1, "the transcript is empty")
    if not turns:
        return None  # no chapters is no problem: site.toml or another source may give them, else one chapter
    # Returned even with problems, so the chapter times can still be checked
    # against the episode's length; the build stops on the problems anyway.
    return PodcastPage(src.path, title, runtime, "\n\n".join(description), tuple(sponsors), tuple(chapters), tuple(turns))


READER = Reader("podcast-page", _detect, _read)
