"""Small helpers for reader tests: read text as a given file would be read."""

from __future__ import annotations

from generator.errors import Problems
from generator.readers.base import decode


def read_text(reader, text: str, path: str = "src.txt"):
    """Run a reader on text; return (result, problem strings)."""
    problems = Problems()
    src = decode(path, text.encode("utf-8"), problems)
    result = reader.read(src, problems) if src else None
    return result, [str(p) for p in problems.items]
