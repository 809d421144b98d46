"""The podcast's web page: title, runtime, description, sponsors, chapters, verbatim transcript.

Chapters are lines like ``(00:09:39) - Emotions and value functions`` (en dash
or hyphen), or, under a ``Timestamps`` or ``Chapters`` heading, in any form a chapter list takes
(``0:00 Intro``, ``[00:09:39] Title``). The transcript follows a ``Transcript`` heading
(``TRANSCRIPT``, ``## Full transcript:``) as paragraphs that open with their
speaker's label: ``Speaker 1`` or ``Speaker A`` (with or without a colon), or a name and a colon
(``Dwarkesh Patel: …``), the text after it or on the lines below it. A line without a label
continues the paragraph before it.
"""

from __future__ import annotations

import re
from collections import Counter

from ..clock import parse_clock
from ..errors import Problems
from ..model import ChapterMark, Origin, PodcastPage, Turn
from ..text import ends_sentence, tidy
from . import chapterlines
from .base import Lines, Reader, hyphenated_words, wrap_glue
from .captions import is_name

# "Speaker 1 text", "Speaker A: text", "Speaker 2" alone on its line (the text below it)
_NUMBERED = re.compile(r"^(?P<label>Speaker\s?(?:\d{1,3}|[A-Z]))(?:\s*:\s*|\s+|$)(?P<text>.*)$")
# "Dwarkesh Patel: text", "ILYA:" alone on its line; a label only where it opens two paragraphs
# or more, as a speaker's does ("Note: …" once is the text's own).
_NAMED = re.compile(r"^(?P<label>[^\W\d_][^:]{0,59}?)\s*:(?:\s+(?P<text>.*))?$")
# "Name: (00:12:34)", "Speaker 1 (Host) 00:00", "Speaker A - 00:00:00": a publisher's stamped turn, not a page's
_STAMP_FIRST = re.compile(r"^(?:\([^()]*\)\s*)?(?:[-–—|:]\s*)?[(\[]?\d{1,2}:\d{2}")
_ROLE = re.compile(r"\s*\([^()\d]*\)$")  # "Bo Reyes (Guest)": the name is before it
# A page copied as Markdown bolds its labels: "**Ana Lima:** So how…", "**Speaker 1**: Hello".
_BOLD_LABEL = re.compile(r"^(\*\*|__)([^*_]{1,60}?)\1(?=\s|:)")
_RUNTIME = re.compile(r"^(?:Runtime:\s*)?(?P<dur>\d+\s*h(?:\s*\d+\s*m)?|\d+\s*m(?:in)?)$")
_TRANSCRIPT_HEADINGS = frozenset({"transcript", "full transcript", "episode transcript", "verbatim transcript", "the transcript"})
_BOILERPLATE = re.compile(r"^(Get full access to|Press play and read along|Runtime:|To sponsor a future episode)", re.I)


def _labelled(lines: tuple[str, ...], named: bool = True) -> list[tuple[str, str] | None]:
    """Each line's (label, text after it) where the line opens a speaker's paragraph, else None;
    ``named``: names before a colon count (see ``_detect``)."""
    found: list[tuple[str, str] | None] = []
    for raw in lines:
        line = _BOLD_LABEL.sub(r"\2", raw.strip())
        if (m := _NUMBERED.match(line)) and not _STAMP_FIRST.match(m["text"]):
            found.append((m["label"], m["text"]))
        elif named and (m := _NAMED.match(line)) and is_name(_ROLE.sub("", m["label"])) and not _STAMP_FIRST.match(m["text"] or ""):
            found.append((m["label"], m["text"] or ""))
        else:
            found.append(None)
    counts = Counter(f[0] for f in found if f is not None)
    return [f if f is not None and (_NUMBERED.match(f[0]) or counts[f[0]] >= 2) else None for f in found]


def _is_transcript(line: str) -> bool:
    """A heading that opens the transcript: "Transcript", "TRANSCRIPT", "## Full transcript:"."""
    return chapterlines.heading(line) in _TRANSCRIPT_HEADINGS


def _detect(src: Lines) -> bool:
    """A transcript heading, then two paragraphs or more that open with a label. Names before a colon
    count only where a chapter list comes before the heading, as on a page: an edited transcript
    under a heading, its paragraphs opening "Ana Lima: …", is the publisher's prose."""
    at = next((i for i, line in enumerate(src.lines) if _is_transcript(line)), None)
    if at is None:
        return False
    listed = sum(1 for line in src.lines[:at] if chapterlines.match(line.strip(), chapterlines.PAGE_LINE) or chapterlines.match(line.strip()))
    return sum(1 for found in _labelled(src.lines[at + 1 :], named=listed >= 2) if found is not None) >= 2


def _read(src: Lines, problems: Problems) -> PodcastPage | None:
    lines = src.lines
    header = _site_header(lines)
    title = next((line.strip() for line in lines[header:] if line.strip()), "")
    try:
        t_index = next(i for i, line in enumerate(lines) if _is_transcript(line))
    except StopIteration:
        problems.add(src.path, None, "no 'Transcript' line: cannot find where the transcript starts")
        return None

    runtime = None
    description: list[str] = []
    sponsors: list[str] = []
    chapters: list[ChapterMark] = []
    section = "description"
    for lineno, raw in src.numbered(1):
        if lineno - 1 < header:
            continue
        if lineno - 1 >= t_index:
            break
        line = raw.strip()
        if not line:
            continue
        if chapterlines.heading(line) == "sponsors":
            section = "sponsors"
            continue
        if chapterlines.is_heading(line):
            section = "timestamps"
            continue
        if m := _RUNTIME.match(line):
            runtime = runtime or parse_clock(m["dur"].replace(" ", ""))
            continue
        # the page's own form anywhere; under a Timestamps heading, any form a chapter list takes
        timestamps = section == "timestamps"
        if found := chapterlines.match(line, chapterlines.PAGE_LINE) or (timestamps and (chapterlines.match(line) or chapterlines.match(line, chapterlines.TITLE_FIRST))):
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

    turns: list[Turn] = []
    body = lines[t_index + 1 :]
    hyphenated = hyphenated_words(body)
    # names before a colon count on a page with a chapter list, or where no "Speaker N" label is found
    labelled = _labelled(body, named=len(chapters) >= 2)
    if not any(labelled):
        labelled = _labelled(body)
    end = _furniture_at(body, labelled)
    titles = {tidy(c.title).casefold() for c in chapters}
    for (lineno, raw), found in zip(src.numbered(t_index + 1), labelled[:end]):
        line = raw.strip()
        if not line or found is None and _chapter_heading(line, titles):
            continue
        if found is not None:
            turns.append(Turn(found[0], tidy(found[1]), Origin(src.path, lineno)))
        elif turns:
            last = turns[-1]
            turns[-1] = Turn(last.label, _joined(last.text, wrap_glue(last.text, line, hyphenated), line), last.origin)
        else:
            problems.add(src.path, lineno, "transcript text before the first speaker's label ('Speaker 1', or a name and a colon)")
    turns = [t for t in turns if t.text]
    if not turns:
        problems.add(src.path, t_index + 1, "the transcript is empty")
    if not turns:
        return None  # no chapters is no problem: site.toml or another source may give them, else one chapter
    # Returned even with problems, so the chapter times can still be checked
    # against the episode's length; the build stops on the problems anyway.
    return PodcastPage(src.path, title, runtime, "\n\n".join(description), tuple(sponsors), tuple(chapters), tuple(turns))


# A page copied from the browser ends with the site's furniture below the last turn ("Subscribe to
# Dwarkesh Podcast", "Share", "© 2025 …", "Privacy ∙ Terms"), which was shown as the last speaker's
# closing words: short lines, no sentence among them, three or more, apart from the text by a blank
# line. A turn's own lines, however wrapped, end in a sentence where its paragraph does.
FURNITURE_WORDS = 6
FURNITURE_LINES = 3


def _furniture_at(body: tuple[str, ...], labelled: list[tuple[str, str] | None]) -> int:
    """Where the page's furniture below its transcript starts (``len(body)`` where it has none)."""
    at, run = len(body), 0
    for k in range(len(body) - 1, -1, -1):
        if not body[k].strip():
            continue
        if labelled[k] is not None or not _furniture(body[k]):
            break
        at, run = k, run + 1
    return at if run >= FURNITURE_LINES and at > 0 and not body[at - 1].strip() else len(body)


def _chapter_heading(line: str, titles: set[str]) -> bool:
    """A listed chapter's heading where it starts in the transcript, as the page repeats it
    ("(00:09:39) – Emotions and value functions", "## Emotions and value functions", a saved
    page's <h2>): no words said. It was read as the end of the turn above, or, above the first
    turn, stopped the build as "transcript text before the first speaker's label"."""
    core = line.lstrip("#").strip().strip("*_").strip()
    found = chapterlines.match(core, chapterlines.PAGE_LINE) or chapterlines.match(core) or chapterlines.match(core, chapterlines.TITLE_FIRST)
    return tidy(found[1] if found else core).strip("*_").strip().casefold() in titles


def _furniture(line: str) -> bool:
    """A line of a site's menu or footer: a few words, no sentence ("Home", "Sign in", "© 2025 …")."""
    words = line.split()
    return 0 < len(words) <= FURNITURE_WORDS and not ends_sentence(words[-1])


def _site_header(lines: tuple[str, ...]) -> int:
    """Where the page starts below the site's menu copied above it ("Dwarkesh Podcast", "Home",
    "Archive", "Sign in"), which was its title and description: three lines of furniture or more,
    then a title (no sentence: a page opening "Bees", "Episode 12", "March 3, 2025" and then its
    description keeps them all)."""
    run = 0
    for k, line in enumerate(lines):
        if not line.strip():
            continue
        special = _RUNTIME.match(line.strip()) or chapterlines.heading(line) in chapterlines.HEADINGS | {"sponsors"} or _is_transcript(line)
        if special:
            return 0
        if not _furniture(line):
            words = line.split()
            return k if run >= FURNITURE_LINES and len(words) <= TITLE_WORDS and not ends_sentence(words[-1]) else 0
        run += 1
    return 0


TITLE_WORDS = 30  # an episode's title, at most: the embedded one has 14


def _joined(text: str, glue: str, line: str) -> str:
    """``tidy(text + glue + line)`` for a tidied ``text``, tidying only what is added: the turn tidied
    again at each of its lines took a paragraph hard-wrapped into 8,000 lines 25 s ("x" stands for
    the text, whose last character is no space)."""
    return text + tidy(f"x{glue}{line}")[1:] if text else tidy(f"{glue}{line}")


READER = Reader("podcast-page", _detect, _read)
