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
