"""``episode-site serve``: build, serve on localhost, rebuild when sources, templates or static files change.

A failed rebuild prints its problems and the last good site stays online, so a
typo in a template never takes the preview down.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

import click
import watchfiles

from .build import build, build_summary
from .config import load_config
from .errors import BuildError


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site, with 404.html for missing pages as GitHub Pages does."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet; the builder talks
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # always show the latest build
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


def watched_paths(site_path: Path) -> list[Path]:
    """site.toml, every episode's source folder (content/ by default), templates/ and static/."""
    site_path = Path(site_path).resolve()
    root = site_path.parent
    paths = {site_path, root / "content"}
    try:
        config = load_config(site_path)
    except BuildError:
        pass
    else:
        paths.update(src.path.parent for ep in config.episodes for src in ep.sources)
    paths.update((root / "templates", root / "static"))  # the site's own; the installed theme does not change
    # Watch the outermost existing folders only; a folder inside another is covered already.
    existing = sorted(p for p in paths if p.exists())
    return [p for p in existing if not any(q != p and q.is_dir() and p.is_relative_to(q) for q in existing)]


def rebuild(site_path: Path, out_dir: Path, echo: Callable[..., None] = click.echo) -> bool:
    """Build once; on failure print every problem and leave the previous output in place."""
    try:
        site = build(site_path, out_dir)
    except BuildError as exc:
        echo(exc.format_message(), err=True)
        echo("keeping the last good site online", err=True)
        return False
    echo(build_summary(site))
    return True


def serve(
    site_path: Path,
    out_dir: Path | None,
    port: int,
    *,
    stop: threading.Event | None = None,
    changes: Iterable[object] | None = None,
) -> None:
    """Build, serve ``out_dir`` on 127.0.0.1:``port`` and rebuild on every change until stopped."""
    temporary = out_dir is None
    out = Path(tempfile.mkdtemp(prefix="episode-site-serve-")) / "site" if temporary else Path(out_dir)
    out = out.resolve()
    stop = stop or threading.Event()
    try:
        if not rebuild(site_path, out):
            out.mkdir(parents=True, exist_ok=True)
        handler = functools.partial(PagesHandler, directory=str(out))
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        click.echo(f"serving http://127.0.0.1:{httpd.server_address[1]}/ (Ctrl+C to stop)")
        paths = watched_paths(site_path)
        click.echo("watching " + ", ".join(str(p) for p in paths))
        try:
            for batch in changes if changes is not None else watchfiles.watch(*paths, stop_event=stop):
                click.echo(f"changed: {', '.join(sorted({Path(p).name for _, p in batch}))}" if isinstance(batch, set) else "changed")
                rebuild(site_path, out)
        except KeyboardInterrupt:
            pass
        finally:
            httpd.shutdown()
            httpd.server_close()
    finally:
        if temporary:
            shutil.rmtree(out.parent, ignore_errors=True)
