"""The ``episode-site`` command: build the site, or serve it while you edit."""

from __future__ import annotations

from pathlib import Path

import click

from .build import build as build_site, build_summary


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="episode-site")
def main() -> None:
    """Turn a podcast episode's transcript sources into a static, searchable website.

    Sources live in content/<episode>/ and are described in site.toml; the
    site is written to _site/, ready for GitHub Pages.
    """


site_option = click.option(
    "--site",
    "site_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default="site.toml",
    show_default=True,
    help="The site configuration; sources are found relative to it.",
)
out_option = click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default="_site",
    show_default=True,
    help="Where to write the site. Replaced only when the build succeeds.",
)


@main.command()
@site_option
@out_option
def build(site_path: Path, out_dir: Path) -> None:
    """Merge the sources and write the site (pages, search index, transcript exports).

    Bad input stops the build with exit status 1 and one `path:line: problem`
    message per problem; the previous output is left untouched.
    """
    site = build_site(site_path, out_dir)
    click.echo(f"{build_summary(site)} -> {out_dir}")


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
