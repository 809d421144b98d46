"""Where writers put files: below one folder, each path claimed once (a slug clash is an error, not an overwrite)."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import BuildError, Problem


class Output:
    """Writes files below one folder and refuses to write any path twice (slug clashes)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.written: dict[str, str] = {}

    def _claim(self, rel: str, what: str) -> Path:
        if rel in self.written:
            raise BuildError(Problem(rel, None, f"two outputs want the same path: {self.written[rel]} and {what}"))
        path = self.root / rel
        if path.exists():
            raise BuildError(Problem(rel, None, f"{what} would overwrite a file another stage already wrote"))
        self.written[rel] = what
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def write(self, rel: str, text: str, what: str) -> None:
        self._claim(rel, what).write_text(text, encoding="utf-8", newline="\n")

    def copy(self, rel: str, source: Path, what: str) -> None:
        self._claim(rel, what).write_bytes(source.read_bytes())

    def write_bytes(self, rel: str, data: bytes, what: str) -> None:
        self._claim(rel, what).write_bytes(data)

    def link(self, rel: str, source: Path, what: str) -> None:
        """The file as a hard link to ``source``, a file known to hold the same bytes (no copy, no write).

        Raises OSError, claiming nothing, where the link cannot be made: the caller writes the file instead.
        """
        path = self.root / rel
        if rel in self.written or path.exists():
            self._claim(rel, what)  # raises the clash
        path.parent.mkdir(parents=True, exist_ok=True)
        os.link(source, path)
        self.written[rel] = what


class Collected(Output):
    """An Output that keeps what is written in ``files`` (path -> bytes) instead of writing it:
    an episode's pages are made where it is merged, and written with the rest of the site."""

    def __init__(self) -> None:
        super().__init__(Path())
        self.files: dict[str, bytes] = {}

    def _claim(self, rel: str, what: str) -> Path:
        if rel in self.written:
            raise BuildError(Problem(rel, None, f"two outputs want the same path: {self.written[rel]} and {what}"))
        self.written[rel] = what
        return Path(rel)

    def write(self, rel: str, text: str, what: str) -> None:
        self._claim(rel, what)
        self.files[rel] = text.encode("utf-8")

    def copy(self, rel: str, source: Path, what: str) -> None:
        self.write_bytes(rel, source.read_bytes(), what)

    def write_bytes(self, rel: str, data: bytes, what: str) -> None:
        self._claim(rel, what)
        self.files[rel] = data


def page_file(url: str) -> str:
    """The file a page URL is served from: folders get ``index.html``."""
    return url + "index.html" if url == "" or url.endswith("/") else url
