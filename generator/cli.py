"""The ``episode-site`` command: build the site, or serve it while you edit."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import click

# The build's modules (readers, merge, writers: jinja2, markdown-it, lunr, edlib) are
# imported inside the commands that use them, so `--help` and `--version` start fast.


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="episode-site")
def main() -> None:
    """Turn a podcast episode's transcript sources into a static, searchable website.

    Sources live in content/<episode>/ and are described in site.toml; the
    site is written to _site/, ready for GitHub Pages.
    """
    # A console that cannot show a path's letters (cp1252 on Windows, where output goes to a file
    # or a pipe) shows them escaped, as Python's stderr does: printing "-> _site_中文" after a
    # build had succeeded was a traceback and exit status 1.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def _site_file(ctx: click.Context, param: click.Parameter, value: Path) -> Path:
    """A folder given for --site is the project: its site.toml (it was exit status 2, "is a directory")."""
    return value / "site.toml" if value.is_dir() else value


site_option = click.option(
    "--site",
    "site_path",
    type=click.Path(path_type=Path),
    default="site.toml",
    show_default=True,
    callback=_site_file,
    help="The site configuration (or the folder holding site.toml); sources are found relative to it.",
)
out_option = click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),  # a file here is refused by the build, with its exit status 1
    default="_site",
    show_default=True,
    help="Where to write the site. Replaced only when the build succeeds.",
)


@main.command()
@site_option
@out_option
@click.option(
    "--clean",
    is_flag=True,
    help="Merge every episode afresh, ignoring (and rewriting) the cache in ~/.cache/episode-site/.",
)
@click.option(
    "--base-url",
    metavar="URL",
    help="Where the site is served (replaces site.toml's base_url): canonical URLs, feed.xml, sitemap.xml.",
)
def build(site_path: Path, out_dir: Path, clean: bool, base_url: str | None) -> None:
    """Merge the sources and write the site (pages, search index, transcript exports).

    Episodes whose sources, settings and episode-site version are unchanged since
    the last build are taken from the cache (~/.cache/episode-site/) instead of merged
    again; the output is the same either way. Bad input stops the build with exit
    status 1 and one `path:line: problem` message per problem; the previous output
    is left untouched.
    """
    from .build import BuildStats, build as build_site, build_notes, build_summary
    from .errors import BuildError, Problem

    signal.signal(signal.SIGTERM, _stop)
    stats = BuildStats()
    progress = TerminalProgress() if sys.stderr.isatty() else None
    try:
        site = build_site(site_path, out_dir, clean=clean, progress=progress, stats=stats, base_url=base_url)
    except MemoryError:  # the temporary folder is gone and the previous output untouched by now
        raise BuildError(Problem(str(site_path), None, "out of memory while building: is a source far larger than an episode?")) from None
    finally:
        if progress:
            progress.clear()
    for note in build_notes(stats):
        click.echo(note, err=True)
    click.echo(f"{build_summary(site, stats)} -> {out_dir}")


def _stop(signum: int, frame: object) -> None:
    """SIGTERM (a CI job cancelled, ``kill``) stops a build as Ctrl-C does: its temporary folder
    removed, its workers ended, the previous output untouched."""
    raise KeyboardInterrupt


class TerminalProgress:
    """One line on stderr, rewritten in place: "merging 37/100 episodes", "writing pages…", "building the search index…"."""

    def __init__(self) -> None:
        self.shown = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        texts = {"writing": "writing pages…", "indexing": "building the search index…"}
        text = f"merging {done}/{total} episodes" if stage == "merging" else texts.get(stage, stage)
        self._show(text)

    def _show(self, text: str) -> None:
        pad = " " * max(0, self.shown - len(text))  # cover the end of a longer line
        sys.stderr.write(f"\r{text}{pad}")
        sys.stderr.flush()
        self.shown = len(text)

    def clear(self) -> None:
        """Erase the line, so the summary (or the problems) start on a clean one."""
        if self.shown:
            sys.stderr.write("\r" + " " * self.shown + "\r")
            sys.stderr.flush()
            self.shown = 0


@main.command()
@site_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the preview (default: a temporary folder removed on exit).",
)
@click.option("--port", "-p", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port on 127.0.0.1; 0 picks a free one.")
def serve(site_path: Path, out_dir: Path | None, port: int) -> None:
    """Build the site, serve it on http://127.0.0.1:PORT/ and rebuild on every change.

    Watches site.toml, the sources, templates/ and static/. A failed rebuild
    prints its problems and keeps the last good site online.
    """
    from .serve import serve as serve_site

    serve_site(site_path, out_dir, port)


if __name__ == "__main__":
    main()
