"""``episode-site serve``: build, serve on localhost, rebuild when sources, templates or static files change.

A failed rebuild prints its problems and the last good site stays online, so a
typo in a template never takes the preview down.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import http.server
import io
import itertools
import os
import re
import shutil
import signal
import tempfile
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import click
import watchfiles

WATCH_READY = 200  # ms the watch waits for a change before answering "nothing yet"
_RANGE = re.compile(r"bytes=(\d*)-(\d*)$")

from .build import MARKER, MARKER_TEXT, BuildStats, build, build_notes, build_summary, check_out_dir, config_sources
from .config import PUBLIC, load_config
from .errors import BuildError


_LIVE_BASE = re.compile(rb'<base href="https?://([^/"]*)[^"]*">')


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site as GitHub Pages does: 404.html for missing pages, byte ranges for media.

    A browser seeks in an audio or video file by asking for a byte range;
    without ranges the in-page player starts over at 0:00 on every seek.
    """

    def send_head(self):  # type: ignore[override]
        wanted = _RANGE.match(self.headers.get("Range", ""))
        path = self.translate_path(self.path)
        if "\x00" in path or not _inside(path, self.directory):  # "/%00" was a traceback; a link out of the site a file from the machine
            self.send_error(404)
            return None
        if not wanted or not os.path.isfile(path) or not (wanted[1] or wanted[2]):
            return super().send_head()
        size = os.path.getsize(path)
        if wanted[1]:
            start, end = int(wanted[1]), min(int(wanted[2]) if wanted[2] else size - 1, size - 1)
        else:  # "bytes=-500": the last 500 bytes
            start, end = max(size - int(wanted[2]), 0), size - 1
        if start >= size or start > end:
            self.send_response(416)
            self.send_header("Content-Range", f"bytes */{size}")
            self.end_headers()
            return None
        with open(path, "rb") as f:
            f.seek(start)
            body = f.read(end - start + 1)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        return io.BytesIO(body)

    def list_directory(self, path):  # type: ignore[override]
        """A folder without an index.html is a 404, as on GitHub Pages: no listing of the output."""
        self.send_error(404)
        return None

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet; the builder talks
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # always show the latest build
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            # Built with a base_url, the page's <base> is the live site's address, so its links and
            # search would leave the preview: here the site is served from this server's root.
            host = (self.headers.get("Host") or "").encode("latin-1", "replace")
            body = _LIVE_BASE.sub(lambda m: m[0] if m[1] == host else b'<base href="/">', page.read_bytes(), count=1)
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


def _inside(path: str, root: str) -> bool:
    """Whether ``path``, its links followed, lies in the folder ``root``."""
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))


def _inputs(site_path: Path) -> set[Path]:
    """site.toml, content/, every episode's source folder, templates/, static/ and public/ (existing or not)."""
    site_path = Path(site_path).resolve()
    root = site_path.parent
    paths = {site_path, root / "content", root / "templates", root / "static", root / PUBLIC}  # the site's own; the installed theme does not change
    try:
        config = load_config(site_path)
    except BuildError:
        pass
    else:
        paths.update(p.resolve().parent for p in config_sources(config))
    return paths


def watched_paths(site_path: Path) -> list[Path]:
    """site.toml, every episode's source folder (content/ by default), templates/, static/ and public/."""
    # The outermost existing folders only; a folder inside another is covered already.
    existing = sorted(p for p in _inputs(site_path) if p.exists())
    return [p for p in existing if not any(q != p and q.is_dir() and p.is_relative_to(q) for q in existing)]


def _watch_roots(site_path: Path) -> list[Path]:
    """Folders to give watchfiles: the site folder itself, not site.toml, plus any source folder outside it.

    A file watched by itself is lost when an editor saves by renaming a new file over it
    (``sed -i``, most editors' safe save); its folder sees every kind of save.
    """
    root = Path(site_path).resolve().parent
    return [root] + [p for p in watched_paths(site_path) if p.is_dir() and not p.is_relative_to(root)]


def _change_filter(site_path: Path) -> Callable[[watchfiles.Change, str], bool]:
    """Only changes to the build's inputs count, not the output, .git or an editor's backup files."""
    default = watchfiles.DefaultFilter()
    site_toml = Path(site_path).resolve()
    inputs = _inputs(site_path)

    def accept(change: watchfiles.Change, path: str) -> bool:
        if not default(change, path):
            return False
        p = Path(path)
        if p == site_toml:
            inputs.clear()  # site.toml may name other source folders now
            inputs.update(_inputs(site_path))
            return True
        return any(p.is_relative_to(q) for q in inputs if q != site_toml)

    return accept


def changed_names(batch: set[tuple[watchfiles.Change, str]]) -> list[str]:
    """The names of the files a batch of changes touched, less an editor's or ``sed -i``'s
    temporary file, made and gone within the batch (a source deleted is still named)."""
    added = {path for change, path in batch if change == watchfiles.Change.added}
    return sorted({Path(p).name for _, p in batch if not (p in added and not os.path.exists(p))}) or ["(a temporary file)"]


def rebuild(site_path: Path, out_dir: Path, echo: Callable[..., None] = click.echo, *, online: bool = True) -> bool:
    """Build once, with the build command's progress line on a terminal; on failure print every
    problem and leave the previous output in place."""
    import sys

    from .cli import TerminalProgress

    progress = TerminalProgress() if sys.stderr.isatty() else None
    stats = BuildStats()
    try:
        try:
            site = build(site_path, out_dir, progress=progress, stats=stats)
        finally:
            if progress:
                progress.clear()  # the problems, or the summary, start on a clean line
    except Exception as exc:  # a defect of ours too: the preview stays up, the last good site online
        if isinstance(exc, BuildError):
            echo(exc.format_message(), err=True)
        else:
            echo("".join(traceback.format_exception(exc)).rstrip(), err=True)
            echo("build crashed: this is a bug in episode-site; please report it with the traceback above", err=True)
        if online:
            echo("keeping the last good site online", err=True)
        else:
            echo("nothing to serve yet: fix the problems above and save; the site is built as soon as they are gone", err=True)
        return False
    for note in build_notes(stats):
        echo(note, err=True)
    echo(build_summary(site, stats))
    return True


PLACEHOLDER = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Nothing built yet</title></head>
<body><h1>Nothing built yet</h1>
<p>The first build failed; its problems are in the terminal running <code>episode-site serve</code>.
Fix them and save: this page is replaced by the site as soon as a build succeeds.</p></body></html>
"""


def _open_server(port: int, directory: Path) -> http.server.ThreadingHTTPServer:
    """Bind 127.0.0.1:port before building anything, so a busy port fails fast with a plain message."""
    handler = functools.partial(PagesHandler, directory=str(directory))
    try:
        return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise click.ClickException(f"port {port} is already in use on 127.0.0.1: use --port 0 (any free port) or another --port") from None
        raise click.ClickException(f"cannot serve on 127.0.0.1:{port}: {exc.strerror or exc}; try --port 0") from None


@contextlib.contextmanager
def _sigterm_stops() -> Iterator[None]:
    """SIGTERM stops serve like Ctrl+C does, so the temporary folder is removed on both."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def serve(
    site_path: Path,
    out_dir: Path | None,
    port: int,
    *,
    stop: threading.Event | None = None,
    changes: Iterable[object] | None = None,
) -> None:
    """Build, serve ``out_dir`` on 127.0.0.1:``port`` and rebuild on every change until stopped."""
    site_path = Path(site_path)
    if not site_path.is_file():
        raise click.ClickException(f"{site_path}: no such site config, so there is nothing to serve; run serve in a site's folder or pass --site")
    if out_dir is not None:  # the same rule as build, checked before the first build so nothing else gets served
        try:
            sources = config_sources(load_config(site_path))
        except BuildError:
            sources = []
        check_out_dir(out_dir, site_path, sources)
    stop = stop or threading.Event()
    with _sigterm_stops():
        try:
            _serve(site_path, out_dir, port, stop, changes)
        except KeyboardInterrupt:
            pass
    click.echo("stopped")


def _serve(site_path: Path, out_dir: Path | None, port: int, stop: threading.Event, changes: Iterable[object] | None) -> None:
    tmp_root: Path | None = None  # the temporary folder to remove on the way out, once made
    httpd: http.server.ThreadingHTTPServer | None = None
    serving = False
    try:
        if out_dir is None:
            tmp_root = Path(tempfile.mkdtemp(prefix="episode-site-serve-")).resolve()
        out = tmp_root / "site" if tmp_root else Path(out_dir).resolve()
        httpd = _open_server(port, out)
        online = (out / MARKER).is_file() and (out / "index.html").is_file()  # a good site from an earlier serve --out
        if not rebuild(site_path, out, online=online) and not online:
            try:  # where the build could not write (read-only, full), this cannot either
                out.mkdir(parents=True, exist_ok=True)
                (out / MARKER).write_text(MARKER_TEXT + "file index.html\n", encoding="utf-8")
                (out / "index.html").write_text(PLACEHOLDER, encoding="utf-8")
            except OSError as exc:
                raise click.ClickException(f"{out}: cannot write the preview there: {exc.strerror or exc}") from None
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        serving = True
        click.echo(f"serving http://127.0.0.1:{httpd.server_address[1]}/ (Ctrl+C to stop)")
        paths = watched_paths(site_path)
        pending: list[object] = []
        if changes is None:
            # The watch starts on the generator's first step: take that step (it answers
            # empty after WATCH_READY ms) before saying we watch, or an edit made right
            # after "watching" appears could fall before the watch and be lost.
            changes = iter(watchfiles.watch(*_watch_roots(site_path), watch_filter=_change_filter(site_path), stop_event=stop, rust_timeout=WATCH_READY, yield_on_timeout=True))
            first = next(changes, set())
            pending = [first] if first else []
        click.echo("watching " + ", ".join(str(p) for p in paths))
        for batch in itertools.chain(pending, changes):
            if not batch:
                continue  # the watch's timeout: nothing changed
            click.echo(f"changed: {', '.join(changed_names(batch))}" if isinstance(batch, set) else "changed")
            rebuild(site_path, out)
    finally:
        if httpd is not None:
            if serving:  # shutdown() waits for serve_forever(), forever if it never ran
                httpd.shutdown()
            httpd.server_close()
        if tmp_root is not None:
            shutil.rmtree(tmp_root, ignore_errors=True)
