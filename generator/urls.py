"""Where each page lives, relative to the site root; the one place URLs are decided.

Every URL here is relative and ends in ``/`` for folders, so the site works at a
domain root, under ``/REPO/`` on GitHub Pages, and opened from disk (pages are
``index.html`` files inside folders).
"""

from __future__ import annotations

from .model import Chapter, Episode, Passage


def episode_url(ep: Episode) -> str:
    return f"{ep.slug}/"


def chapter_url(ep: Episode, chapter: Chapter) -> str:
    return f"{ep.slug}/{chapter.slug}/"


def transcript_url(ep: Episode) -> str:
    return f"{ep.slug}/transcript/"


def passage_url(ep: Episode, passage: Passage) -> str:
    """The link a reader copies: the chapter page plus the passage's stable id."""
    return chapter_url(ep, ep.chapters[passage.chapter]) + "#" + passage.id


def search_url() -> str:
    return "search/"


def root_prefix(url: str) -> str:
    """The relative path from a page at ``url`` back to the site root (``../../``)."""
    return "../" * url.count("/")


def video_url(ep: Episode, seconds: float) -> str:
    """Open the video at a moment."""
    return f"https://www.youtube.com/watch?v={ep.video_id}&t={int(seconds)}s"


# --- added for rendering: names of the site's fixed pages and absolute forms ---


def home_url() -> str:
    return ""


def not_found_url() -> str:
    """The 404 page sits at the site root; GitHub Pages serves it for any missing path."""
    return "404.html"


def static_url(name: str) -> str:
    return f"static/{name}"


def export_url(ep: Episode, name: str) -> str:
    """A transcript export (``transcript.json`` ...) written beside the episode page."""
    return f"{ep.slug}/{name}"


def relative(from_url: str, to_url: str) -> str:
    """``to_url`` as a link from the page at ``from_url``; both relative to the site root."""
    link = root_prefix(from_url) + to_url
    return link or "./"


def absolute(base_url: str, url: str) -> str:
    """A site URL made absolute with ``base_url`` (which ends in ``/``)."""
    return base_url + url


def thumbnail_url(ep: Episode) -> str:
    """The video's still, for OpenGraph and JSON-LD (never loaded by our pages)."""
    return f"https://i.ytimg.com/vi/{ep.video_id}/hqdefault.jpg"


def embed_url(ep: Episode) -> str:
    return f"https://www.youtube-nocookie.com/embed/{ep.video_id}"
