"""``feed.xml``: an Atom 1.0 feed of the site's episodes, so readers hear of new ones.

Written only when ``base_url`` is set: Atom ids must be absolute, and many
feed readers reject relative links, so a feed that only works from where it
happens to be fetched is worse than none.  Only dated episodes are entries:
``updated`` is required and the build machine's clock must not leak into the
output (two builds are byte-identical), so an episode without ``published``
has no honest date to give.  The newest ``FEED_SIZE`` episodes only: readers
poll a feed for what is new, and 1,000 entries would weigh ~170 KB gzipped on
every poll (the sitemap and the home pages list the whole archive).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..model import Episode, Site
from . import urls
from .home import newest_first
from .values import closed_bidi, link_pointers, plain_text, shorten

ATOM = "http://www.w3.org/2005/Atom"

#: Entries in the feed: the newest episodes.
FEED_SIZE = 100

# Characters XML 1.0 cannot carry at all (a stray control character in a title).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def feed_episodes(site: Site) -> list[Episode]:
    """The feed's entries: the newest ``FEED_SIZE`` dated episodes, newest first (none without ``base_url``)."""
    if not site.base_url:
        return []
    return [ep for ep in newest_first(site.episodes) if ep.published][:FEED_SIZE]


def has_feed(site: Site) -> bool:
    """Whether the build writes feed.xml, so pages advertise it only when it exists."""
    return bool(feed_episodes(site))


def _stamp(iso_date: str) -> str:
    """An RFC 3339 timestamp from an ISO date: midnight UTC of that day."""
    return f"{iso_date}T00:00:00Z"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = _NOT_XML.sub("", text)
    return el


def atom_feed(site: Site) -> str:
    """The Atom document for ``feed.xml`` (call only when ``has_feed``)."""
    assert site.base_url
    episodes = feed_episodes(site)
    assert episodes
    base = site.base_url
    feed = ET.Element("feed", {"xmlns": ATOM})
    _add(feed, "id", urls.absolute(base, urls.home_url()))
    _add(feed, "title", closed_bidi(site.title))
    if site.description:
        _add(feed, "subtitle", site.description)
    _add(feed, "link", rel="self", type="application/atom+xml", href=urls.absolute(base, urls.feed_url()))
    _add(feed, "link", rel="alternate", type="text/html", href=urls.absolute(base, urls.home_url()))
    # The newest episode's date, not the build's: the feed changes when an episode is added.
    _add(feed, "updated", _stamp(episodes[0].published))
    _add(feed, "generator", "episode-site")
    for ep in episodes:
        page = urls.absolute(base, urls.episode_url(ep))
        entry = _add(feed, "entry")
        _add(entry, "id", page)
        _add(entry, "title", closed_bidi(ep.title))  # readers show it beside the feed's name
        _add(entry, "link", rel="alternate", type="text/html", href=page)
        _add(entry, "published", _stamp(ep.published))
        _add(entry, "updated", _stamp(ep.published))
        for person in ep.people:  # site.toml gives every episode a person at least: Atom's required author
            _add(_add(entry, "author"), "name", closed_bidi(person.name))
        summary = shorten(plain_text(link_pointers(ep.description, {})), 300)
        if summary:
            _add(entry, "summary", summary, type="text")
    ET.indent(feed, "  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
