"""What the JSON transcript readers share: parsing with a located error, and finding an element's line.

``json.loads`` forgets where things were, so when a value inside valid JSON
is wrong we scan the text once more (only then) to find the line where the
element begins: ``segments[3]`` or ``segments[3].words[5]``.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from typing import Any

from ..errors import Problems
from .base import Lines

# Strings (with escapes), the six punctuation characters, or a run of anything else (numbers, true, null).
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+', re.S)

Path = tuple[str | int, ...]


def opening(src: Lines) -> str:
    """The file's first non-blank character ("" if it has none)."""
    return next((line.lstrip() for line in src.lines if line.strip()), "")[:1]


def looks_like_json(src: Lines) -> bool:
    """A cheap test before parsing: the first non-blank character opens an object or array."""
    return opening(src) in ("{", "[")


# The last file parsed and its value: a file is parsed by read_source's size check, by each JSON
# reader's detection and by the reader's read, and a WhisperX run of 96 minutes (3 MB) takes ~80 ms
# each time. The value is only read, never changed, by its callers.
_last: tuple[Lines, Any] | None = None


def parse(src: Lines, problems: Problems | None = None) -> Any:
    """The file's JSON value; None (and a problem naming the line, if ``problems`` is given) when invalid."""
    global _last
    if _last is not None and _last[0] is src:
        return _last[1]
    if not looks_like_json(src):
        if problems is not None:
            problems.add(src.path, 1, "not JSON: expected the file to start with '{' or '['")
        return None
    try:
        value = json.loads("\n".join(src.lines))
        _last = (src, value)
        return value
    except json.JSONDecodeError as exc:
        if problems is not None:
            problems.add(src.path, exc.lineno, f"invalid JSON: {exc.msg} (column {exc.colno})")
    except RecursionError:
        if problems is not None:
            problems.add(src.path, None, "invalid JSON: nested too deeply")
    except ValueError:  # an integer of more than 4,300 digits (Python's limit on converting one)
        if problems is not None:
            line = next((n for n, text in src.numbered() if re.search(r"\d{4301}", text)), None)
            problems.add(src.path, line, "invalid JSON: a number of more than 4,300 digits")
    return None


#: Share of the first segments of their shape that tells a JSON file's kind: one segment missing its
#: text (a hand edit) made the file "JSON of no shape episode-site reads", its line never named.
SHAPED = 0.8


def shaped(segments: list, ok: Callable[[dict], bool]) -> bool:
    """Whether most of the first 20 segments are objects ``ok`` accepts."""
    first = segments[:20]
    return sum(isinstance(s, dict) and ok(s) for s in first) >= SHAPED * len(first)


def number(value: Any) -> float | None:
    """A finite number of seconds, or None (bools are not numbers here, though Python says so).
    NaN and Infinity are parsed, as Python's json writes them (a Whisper run's "avg_logprob": NaN, a
    field no reader uses, stopped the build), and are no number where a number is read.
    A number written as a string ("2.35", as some converters write every time) is that number."""
    if isinstance(value, str) and 0 < len(value) <= 40:
        try:
            value = float(value.strip())
        except ValueError:
            return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        value = float(value)
    except OverflowError:  # an integer with hundreds of digits
        return None
    return value if math.isfinite(value) else None


class Locator:
    """Lines where JSON elements begin, found by scanning the text only when a problem needs one."""

    def __init__(self, src: Lines) -> None:
        self._src = src
        self._lines: dict[Path, int] | None = None

    def line(self, *path: str | int) -> int | None:
        """The line where the value at ``path`` begins (the nearest enclosing one if not found)."""
        if self._lines is None:
            self._lines = _scan("\n".join(self._src.lines))
        while path:
            if path in self._lines:
                return self._lines[path]
            path = path[:-1]
        return 1


def _scan(text: str) -> dict[Path, int]:
    """Map the path of every value in ``text`` to the line its first character is on."""
    found: dict[Path, int] = {}
    stack: list[list] = []  # each frame: [kind "{" or "[", path, next index or current key]
    line = 1
    pos = 0
    expect_key = False
    for m in _TOKEN.finditer(text):
        line += text.count("\n", pos, m.start())
        pos = m.start()
        tok = m.group()
        if tok in ",:":
            if tok == "," and stack and stack[-1][0] == "{":
                expect_key = True
            continue
        if tok in "}]":
            if stack:
                stack.pop()
            expect_key = False
            continue
        if expect_key and stack and stack[-1][0] == "{":
            stack[-1][2] = _key(tok)
            expect_key = False
            continue
        # a value starts here
        if not stack:
            path: Path = ()
        elif stack[-1][0] == "[":
            path = stack[-1][1] + (stack[-1][2],)
            stack[-1][2] += 1
        else:
            path = stack[-1][1] + (stack[-1][2],)
        found.setdefault(path, line)
        if tok in "{[":
            stack.append([tok, path, 0 if tok == "[" else ""])
            expect_key = tok == "{"
    return found


def _key(token: str) -> str:
    try:
        key = json.loads(token)
    except ValueError:
        return token
    return key if isinstance(key, str) else token
