"""The publisher's edited, essay-style transcript: paragraphs of prose, no speakers, no times.

A publisher's page often lists the chapters above the transcript ("Timestamps", then
``(00:09:39) – Emotions and value functions``) and repeats each as a heading where its
chapter starts. Those lines are no words said: they are taken out of the prose and kept as
the transcript's chapter list (used where no other source lists chapters)."""

from __future__ import annotations

import re
from collections import Counter

from ..errors import Problems
from ..model import ChapterMark, EditedText, Origin
from ..text import ends_sentence, tidy
from . import chapterlines
from .base import Lines, Reader, hyphenated_words, unmark, wrap_glue
from .captions import is_name


# A transcript exported as Markdown: its headings ("## How it started") and rules ("---") are no
# words said, and its emphasis, links and escapes no part of them ("**Ana Lima:** So how…" was
# published as "** So how…", the headings as sentences someone said).
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+\S")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
# ... nor a short line wholly in italics: an editor's note or a sound ("*Edited for length and
# clarity.*", "*laughs*"), which was published as the first thing the host said.
_MD_NOTE = re.compile(r"^\s*([*_])(?!\1)(?=\S)(?P<note>[^*_]+?)(?<=\S)\1\s*$")
NOTE_WORDS = 20
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)[^*_]+\1:?\s*$")  # "**Ana Lima**" on a line of its own, above what she says


def _detect(src: Lines) -> bool:
    """Prose: sentences in long lines (a hard-wrapped paragraph's joined: wrapped at 60 columns, its
    lines averaged under 60 characters). Tried last, after every labelled or timed format."""
    text = [line for _, line in _unwrapped(list(enumerate(src.lines))) if not _MD_HEADING.match(line) and not _MD_RULE.match(line) and not _BOLD_LINE.match(line)]
    above = _names_above(src.lines)
    names = Counter(line.strip() for k, line in enumerate(src.lines) if line.strip() and (_name_line(line) or k in above))
    text = [line for line in text if line.strip() not in names]
    if not text:
        return False
    sentences = sum(line.count(". ") + line.count("? ") + line.rstrip().endswith((".", "?", "!")) for line in text)
    # turns of a conversation under their speakers' names may be short ("Hola Maya, thank you.")
    named = len(names) >= 2 and max(names.values()) >= 2
    return sentences >= 2 and sum(map(len, text)) / len(text) >= (NAMED_LINE if named else PROSE_LINE)


PROSE_LINE = 60  # characters a line, on average: prose, not a list
NAMED_LINE = 20


def _name_line(line: str) -> bool:
    """A speaker's name alone on its line, above what they say ("Maya Rao:"): no prose, as a heading
    is none (QA40 F7: with such lines above short replies, the transcript was no kind of source)."""
    line = line.strip()
    return line.endswith(":") and is_name(line[:-1])


def _chapter_line(line: str) -> ChapterMark | None:
    found = chapterlines.match(line)
    if found is None or len(found[1].split()) > chapterlines.TITLE_WORDS or found[1].rstrip().endswith((".", ",", ";", "…")):
        return None  # prose that opens with a time ends as a sentence: "10:30 is when the storm hit."
    return chapterlines.mark("", 0, found, Problems())  # a time that does not read: prose, as it was


def _read(src: Lines, problems: Problems) -> EditedText | None:
    lines = _unwrapped([(n, line) for n, line in src.numbered() if not _MD_RULE.match(line) and not _note(line)])
    shaped = [_chapter_line(line) for _, line in lines]
    # A list is two chapter lines or more in a row; a line alone is a chapter's heading only where
    # the list names it (a paragraph that opens with a time is said: "12:05 was too late, so…")
    listed = [m is not None and (k > 0 and shaped[k - 1] is not None or k + 1 < len(shaped) and shaped[k + 1] is not None) for k, m in enumerate(shaped)]
    named = {(m.start, m.title) for m, inside in zip(shaped, listed) if inside}
    paragraphs, marks = [], []
    for k, (n, line) in enumerate(lines):
        mark = shaped[k]
        if mark is not None and (listed[k] or (mark.start, mark.title) in named):
            marks.append(ChapterMark(mark.title, mark.start, Origin(src.path, n)))
        elif not (chapterlines.is_heading(line) and k + 1 < len(lines) and listed[k + 1]) and not _MD_HEADING.match(line):
            paragraphs.append((tidy(unmark(line)), Origin(src.path, n)))
    if not paragraphs:
        problems.add(src.path, None, "no text")
        return None
    return EditedText(src.path, tuple(paragraphs), _listed(marks))


def _unwrapped(numbered: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The text lines, a hard-wrapped paragraph's lines joined as one (numbered as its first).

    One paragraph a line is the usual form; a text wrapped at 72 columns or so, paragraphs apart
    by blank lines, had each line shown as a paragraph of its own, cut mid-sentence. A file is
    taken as wrapped where half or more of the lines followed by prose in the same paragraph end
    mid-sentence: one paragraph a line ends nearly every line as a sentence."""
    blocks: list[list[tuple[int, str]]] = [[]]
    for n, line in numbered:
        if line.strip():
            blocks[-1].append((n, line))
        elif blocks[-1]:
            blocks.append([])
    # a block's first line, a name alone ("Ana Lima"), is its speaker's, above the paragraph
    inner = [line for block in blocks for k, ((_, line), (_, after)) in enumerate(zip(block, block[1:])) if _prose(line) and _prose(after) and not (k == 0 and is_name(line))]
    lines = [entry for block in blocks for entry in block]
    if not inner or sum(not ends_sentence(line.split()[-1]) for line in inner) * 2 < len(inner):
        return lines
    hyphenated = hyphenated_words(line for _, line in lines)
    out: list[tuple[int, str]] = []
    tidied = -1  # the paragraph in ``out`` tidied so far: only what is added is tidied again
    for block in blocks:
        for k, (n, line) in enumerate(block):
            if k and _prose(line) and _prose(block[k - 1][1]) and not (k == 1 and is_name(block[0][1])):
                at, text = out[-1]
                if tidied != len(out):
                    text, tidied = tidy(text), len(out)
                out[-1] = (at, text + tidy(f"x{wrap_glue(text, line, hyphenated)}{line}")[1:])
            else:
                out.append((n, line))
    return out


def _names_above(lines: tuple[str, ...]) -> set[int]:
    """The lines that are a name alone ("Ana Lima", no colon) opening a paragraph, above its text."""
    return {k for k, line in enumerate(lines) if (k == 0 or not lines[k - 1].strip()) and k + 1 < len(lines) and lines[k + 1].strip() and is_name(line)}


def _prose(line: str) -> bool:
    """A line of the text itself: no heading, chapter line or speaker's name above a paragraph."""
    return not (_MD_HEADING.match(line) or _BOLD_LINE.match(line) or _name_line(line) or chapterlines.is_heading(line) or _chapter_line(line))


def _note(line: str) -> bool:
    m = _MD_NOTE.match(line)
    return m is not None and len(m["note"].split()) <= NOTE_WORDS


def _listed(marks: list[ChapterMark]) -> tuple[ChapterMark, ...]:
    """The chapters the lines list: a list above the text and the same lines as headings in it are
    one list (each start once, as first written). Starts out of order make no list."""
    seen: dict[float, ChapterMark] = {}
    for mark in marks:
        seen.setdefault(mark.start, mark)
    starts = list(seen)
    if len(starts) < 2 or any(b <= a for a, b in zip(starts, starts[1:])):
        return ()
    return tuple(seen.values())


READER = Reader("edited", _detect, _read)
