"""User-facing errors: every problem carries ``path:line:`` and all are reported at once."""

from __future__ import annotations

from dataclasses import dataclass

import click


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we can."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


def shorten(value: object, limit: int = 60) -> str:
    """A bad value quoted for a message, cut short if someone pasted something huge."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class BuildError(click.ClickException):
    """The root of every error a user may see; click prints it without a traceback."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def format_message(self) -> str:
        n = len(self.problems)
        head = f"build failed: {n} problem{'s' if n != 1 else ''}"
        return head + "\n" + "\n".join(_shown(self.problems))


#: Problems shown for one file: a file wrong throughout (every time in the wrong form) gave
#: thousands of lines; the first ones say what is wrong, and the count says how often.
SHOWN_PER_FILE = 20


def _shown(problems: list[Problem]) -> list[str]:
    """Each problem's line, file by file in the order they were found, each file's in line order
    (line 13 was shown before line 10); past SHOWN_PER_FILE of one file a single line counting the rest."""
    order = {path: k for k, path in enumerate(dict.fromkeys(p.path for p in problems))}
    seen: dict[str, int] = {}
    lines: list[str] = []
    for p in sorted(problems, key=lambda p: (order[p.path], p.line or 0)):
        seen[p.path] = seen.get(p.path, 0) + 1
        if seen[p.path] <= SHOWN_PER_FILE:
            lines.append(str(p))
    for path, count in seen.items():
        if count > SHOWN_PER_FILE:
            lines.append(f"{path}: … and {count - SHOWN_PER_FILE} more problems in this file")
    return lines


class Problems:
    """Collects problems while reading so the user sees all of them in one run."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, path: str, line: int | None, message: str) -> None:
        self.items.append(Problem(path, line, message))

    def extend(self, other: "Problems | list[Problem]") -> None:
        self.items.extend(other.items if isinstance(other, Problems) else other)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise BuildError(self.items)
