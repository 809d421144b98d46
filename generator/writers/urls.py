"""Where each page lives, relative to the site root; the one place URLs are decided.

Every URL here is relative and ends in ``/`` for folders, so the site works at a
domain root, under ``/REPO/`` on GitHub Pages, and opened from disk (pages are
``index.html`` files inside folders).
"""

from __future__ import annotations

from ..model import Chapter, Episode, Passage


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


AUDIO = (".mp3", ".m4a", ".aac", ".ogg", ".oga", ".opus", ".wav", ".flac")


def media_page(ep: Episode) -> str:
    """The episode's video or media file, or "" when the episode has neither."""
    if ep.video_id:
        return f"https://www.youtube.com/watch?v={ep.video_id}"
    return ep.media_url


def watch_url(ep: Episode, seconds: float) -> str:
    """Open the video (or play the media file, by a media fragment) at a moment; "" with no media."""
    if ep.video_id:
        return f"https://www.youtube.com/watch?v={ep.video_id}&t={int(seconds)}s"
    if ep.media_url:
        return f"{ep.media_url}#t={int(seconds)}"
    return ""


def is_audio(ep: Episode) -> bool:
    """An audio file is listened to, not watched: the links say so."""
    return not ep.video_id and ep.media_url.split("?", 1)[0].lower().endswith(AUDIO)


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


def at_host_root(base_url: str) -> bool:
    """Whether ``base_url`` is a host's root (a user site, a custom domain), not a folder below it (/REPO/)."""
    return base_url.split("://", 1)[-1].count("/") == 1


def thumbnail_url(ep: Episode) -> str:
    """The video's still, for OpenGraph and JSON-LD (never loaded by our pages); "" without a YouTube video."""
    return f"https://i.ytimg.com/vi/{ep.video_id}/hqdefault.jpg" if ep.video_id else ""


def embed_url(ep: Episode) -> str:
    return f"https://www.youtube-nocookie.com/embed/{ep.video_id}"


#: Episodes per home page: a screenful or two of one-line entries, ~5 KB gzipped; the list goes on at page/2/ …
PER_PAGE = 50


def reserved_slugs(episodes: int) -> dict[str, str]:
    """The folders the site's own pages take at its root, each with what takes it: no episode's slug.

    ``page/`` too while the ``episodes`` fill one home page: the episode that fills a second would
    otherwise refuse an address already published.
    """
    taken = {search_url().rstrip("/"): "the search page", static_url("").rstrip("/"): "the theme's styles and scripts"}
    later = "" if episodes > PER_PAGE else f", once there are more than {PER_PAGE} episodes"
    taken[home_page_url(2).split("/")[0]] = f"the home page's pages ({home_page_url(2)} …{later})"
    return taken


def home_page_url(number: int) -> str:
    """Page ``number`` of the episode list: the home page itself, then ``page/2/``, ``page/3/`` ..."""
    return home_url() if number == 1 else f"page/{number}/"


def episode_list_url() -> str:
    """Every episode in one small script, for the home page's filter box."""
    return "episodes.js"


def feed_url() -> str:
    return "feed.xml"
