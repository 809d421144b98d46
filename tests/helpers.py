"""Small helpers for reader tests: read text as a given file would be read, and hostile input."""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from generator.errors import Problems
from generator.readers.base import decode

#: Hypothesis settings for a reader's hostile-input tests.
HOSTILE = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_text(reader, text: str, path: str = "src.txt"):
    """Run a reader on text; return (result, problem strings)."""
    problems = Problems()
    src = decode(path, text.encode("utf-8"), problems)
    result = reader.read(src, problems) if src else None
    return result, [str(p) for p in problems.items]


def read_or_problems(reader, raw: bytes):
    """Decode and read ``raw`` as a hostile file: the result, or None with problems on lines that exist; never an exception."""
    problems = Problems()
    src = decode("src.txt", raw, problems)
    if src is None:
        assert problems
        return None
    reader.detect(src)
    result = reader.read(src, problems)
    assert (result is None) == bool(problems.items), [str(p) for p in problems.items]
    for p in problems.items:
        assert p.line is None or 1 <= p.line <= len(src.lines)
    return result


def damaged(data: st.DataObject, sample: str, alphabet: list[str]) -> bytes:
    """A sample cut short somewhere, with a few characters of ``alphabet`` put in before the cut."""
    raw = sample.encode("utf-8")
    cut = data.draw(st.integers(0, len(raw)))
    at = data.draw(st.integers(0, cut))
    junk = data.draw(st.text(st.sampled_from(alphabet), max_size=8)).encode("utf-8")
    return raw[:at] + junk + raw[at:cut]


def runs_left_open(text: str) -> list[str]:
    """The bidi embeddings, overrides and isolates still open at the end of ``text``, by the Unicode
    bidi algorithm's matching (X6a, X7): whatever follows it in the same line is displayed inside them."""
    runs: list[str] = []
    for c in text:
        if c in "\u202a\u202b\u202d\u202e\u2066\u2067\u2068":
            runs.append(c)
        elif c == "\u202c" and runs and runs[-1] not in "\u2066\u2067\u2068":
            runs.pop()
        elif c == "\u2069" and any(r in "\u2066\u2067\u2068" for r in runs):
            while runs.pop() not in "\u2066\u2067\u2068":
                pass
    return runs
