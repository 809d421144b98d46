"""The home page of an archive: episodes newest first, split into pages of ``PER_PAGE``, grouped by year.

One page holding 1,000 episodes weighs ~250 KB of HTML; pages of 50 keep the
home page small at any archive size and work without JavaScript (prev/next
and year links).  With JavaScript the filter box on each page searches every
episode through ``episodes.js`` (title, people, date, length, slug), which
is only loaded once the reader types.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..clock import format_duration
from ..errors import BuildError, Problem
from ..model import Episode
from ..text import numbered
from . import urls
from .urls import PER_PAGE  # decided where the pages' URLs are
from .values import display_date, link_pointers, people_line, plain_text, shorten

#: The group of episodes without a ``published`` date (listed last).
UNDATED = "Undated"


@dataclass(frozen=True)
class HomePage:
    """One page of the episode list: its number (1 is the home page itself), URL and episodes."""

    number: int
    url: str
    episodes: tuple[Episode, ...]


def newest_first(episodes: tuple[Episode, ...] | list[Episode]) -> list[Episode]:
    """Episodes by ``published`` date, newest first; undated ones last; ties (and the undated) by title
    as people number them ("Episode 9" before "Episode 10"), then slug."""
    by_title = sorted(episodes, key=lambda ep: (numbered(ep.title), ep.slug))
    # Two stable sorts: ISO dates sort as strings, and an empty date goes last.
    return sorted(by_title, key=lambda ep: (ep.published != "", ep.published), reverse=True)


def home_pages(episodes: tuple[Episode, ...] | list[Episode], per_page: int = PER_PAGE) -> list[HomePage]:
    """The home page and its continuation pages (``page/2/`` ...), each with its share of the newest-first list."""
    ordered = newest_first(episodes)
    chunks = [ordered[i : i + per_page] for i in range(0, len(ordered), per_page)] or [[]]
    return [HomePage(n, urls.home_page_url(n), tuple(chunk)) for n, chunk in enumerate(chunks, start=1)]


def check_slugs(pages: list[HomePage]) -> None:
    """An episode slugged like a folder of the site's own pages would share its URLs with them: say so
    instead of mixing them (``load_config`` says it first, with the line; this guards sites made in code)."""
    episodes = [ep for page in pages for ep in page.episodes]
    taken = urls.reserved_slugs(len(episodes))
    for ep in episodes:
        if ep.slug in taken:
            raise BuildError(Problem("site.toml", None, f"episode slug '{ep.slug}' is the folder of {taken[ep.slug]}; give the episode another slug"))


def year_of(ep: Episode) -> str:
    """The year an episode is listed under: ``2025``, or ``Undated``."""
    return ep.published[:4] if ep.published else UNDATED


def year_id(year: str) -> str:
    """The anchor of a year's heading on a page: ``year-2025``, ``undated``."""
    return "undated" if year == UNDATED else f"year-{year}"


def episode_row(ep: Episode, from_url: str, *, show: bool) -> dict[str, Any]:
    """What one entry of the list shows: title, people, date, length and one line of description."""
    return {
        "title": ep.title,
        "href": urls.relative(from_url, urls.episode_url(ep)),
        "show": ep.show if show else "",
        "people": people_line(ep),
        "published": display_date(ep.published),
        "published_iso": ep.published,
        "length": format_duration(ep.duration) if ep.duration else "",
        "summary": shorten(plain_text(link_pointers(ep.description, {})), 140),
    }


def year_groups(page: HomePage, *, show: bool) -> list[dict[str, Any]]:
    """The page's episodes under one heading per year, in list order."""
    groups: list[dict[str, Any]] = []
    for ep in page.episodes:
        year = year_of(ep)
        if not groups or groups[-1]["year"] != year:
            groups.append({"year": year, "id": year_id(year), "episodes": []})
        groups[-1]["episodes"].append(episode_row(ep, page.url, show=show))
    return groups


def year_links(pages: list[HomePage], from_url: str) -> list[dict[str, Any]]:
    """One link per year to where its first episode is listed, so any year is two clicks away without JavaScript."""
    links: list[dict[str, Any]] = []
    seen: set[str] = set()
    for page in pages:
        for ep in page.episodes:
            year = year_of(ep)
            if year in seen:
                continue
            seen.add(year)
            href = ("" if page.url == from_url else urls.relative(from_url, page.url)) + "#" + year_id(year)
            links.append({"year": year, "href": href, "here": page.url == from_url})
    return links


def episode_list_script(episodes: tuple[Episode, ...] | list[Episode]) -> str:
    """``episodes.js``: every episode, newest first, as ``[url, title, people, date, length, iso date]`` rows.

    A script calling ``episodeSiteEpisodes(data)``, not JSON: loaded by a ``<script>`` tag it works
    opened from disk too, where ``fetch`` is refused and the filter found only its own page's 50.
    Rows rather than objects keep it small (~60 bytes an episode gzipped); the
    URLs are relative to the site root, and the filter box prefixes the page's
    own way back to the root.
    """
    rows = [
        [urls.episode_url(ep), ep.title, people_line(ep), display_date(ep.published), format_duration(ep.duration) if ep.duration else "", ep.published]
        for ep in newest_first(episodes)
    ]
    data = json.dumps({"version": 1, "episodes": rows}, ensure_ascii=False, separators=(",", ":"))
    return f"episodeSiteEpisodes({data});\n".replace("</", "<\\/")  # a title's "</script>" stays text
