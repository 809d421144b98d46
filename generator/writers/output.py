"""Where writers put files: below one folder, each path claimed once (a slug clash is an error, not an overwrite)."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import BuildError, Problem


class Output:
    """Writes files below one folder and refuses to write any path twice (slug clashes).

    An archive's build writes tens of thousands of files: each folder is made once, and a
    file is created exclusively (``x``), which is also the check that no other stage wrote
    it, in the same system call. (Files of episodes from the cache are only claimed here,
    with ``reserve``, and placed by ``build._place_cached``.)
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.written: dict[str, str] = {}
        self._folders: set[str] = set()

    def reserve(self, rel: str, what: str) -> None:
        """Claim ``rel`` for ``what`` without writing it (someone else will): a second claim is an error."""
        if rel in self.written:
            raise BuildError(Problem(rel, None, f"two outputs want the same path: {self.written[rel]} and {what}"))
        self.written[rel] = what

    def _claim(self, rel: str, what: str) -> Path:
        self.reserve(rel, what)
        path = os.path.join(self.root, rel)
        folder = os.path.dirname(path)
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        return Path(path)

    def _overwrites(self, rel: str, what: str) -> BuildError:
        return BuildError(Problem(rel, None, f"{what} would overwrite a file another stage already wrote"))

    def write(self, rel: str, text: str, what: str) -> None:
        self.write_bytes(rel, text.encode("utf-8"), what)

    def write_bytes(self, rel: str, data: bytes, what: str) -> None:
        path = self._claim(rel, what)
        try:
            with open(path, "xb") as f:
                f.write(data)
        except FileExistsError:
            raise self._overwrites(rel, what) from None


class Collected(Output):
    """An Output that keeps what is written in ``files`` (path -> bytes) instead of writing it:
    an episode's pages are made where it is merged, and written with the rest of the site."""

    def __init__(self) -> None:
        super().__init__(Path())
        self.files: dict[str, bytes] = {}

    def write_bytes(self, rel: str, data: bytes, what: str) -> None:
        self.reserve(rel, what)
        self.files[rel] = data


def page_file(url: str) -> str:
    """The file a page URL is served from: folders get ``index.html``."""
    return url + "index.html" if url == "" or url.endswith("/") else url
