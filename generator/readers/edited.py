"""The publisher's edited, essay-style transcript: paragraphs of prose, no speakers, no times."""

from __future__ import annotations

from ..errors import Problems
from ..model import EditedText, Origin
from ..text import tidy
from .base import Lines, Reader


def _detect(src: Lines) -> bool:
    """Prose: sentences in long lines. Tried last, after every labelled or timed format."""
    text = [line for line in src.lines if line.strip()]
    sentences = sum(line.count(". ") + line.count("? ") + line.rstrip().endswith((".", "?", "!")) for line in text)
    return sentences >= 2 and sum(map(len, text)) / len(text) >= 60


def _read(src: Lines, problems: Problems) -> EditedText | None:
    paragraphs = tuple((tidy(line), Origin(src.path, n)) for n, line in src.numbered() if line.strip())
    if not paragraphs:
        problems.add(src.path, None, "no text")
        return None
    return EditedText(src.path, paragraphs)


READER = Reader("edited", _detect, _read)
