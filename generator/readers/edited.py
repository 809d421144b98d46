"""The publisher's edited, essay-style transcript: paragraphs of prose, no speakers, no times."""

from __future__ import annotations

from ..errors import Problems
from ..model import EditedText, Origin
from ..text import tidy
from .base import Lines, Reader


def _detect(src: Lines) -> bool:
    """Prose: a few long lines of sentences, and nothing that looks like labels or times."""
    long_lines = [line for line in src.lines if len(line) > 200]
    return bool(long_lines) and sum(len(line) for line in long_lines) > 0.8 * sum(len(line) for line in src.lines)


def _read(src: Lines, problems: Problems) -> EditedText | None:
    paragraphs = tuple((tidy(line), Origin(src.path, n)) for n, line in src.numbered() if line.strip())
    if not paragraphs:
        problems.add(src.path, None, "no text")
        return None
    return EditedText(src.path, paragraphs)


READER = Reader("edited", _detect, _read)
