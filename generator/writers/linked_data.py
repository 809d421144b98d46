"""Structured data for search engines: JSON-LD, the sitemap and robots.txt."""

from __future__ import annotations

import html
import json
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from ..clock import iso_duration
from ..model import Episode, Site
from . import urls
from .values import closed_bidi, link_pointers, plain_text, shorten

def json_ld(data: dict[str, Any]) -> Markup:
    """JSON for a ``<script type="application/ld+json">``, safe inside HTML (no ``</script>``), every
    string's bidi overrides closed: a search engine shows its names and titles as text, where an open
    U+202E reverses what follows (as the exports and the page's <title> close them)."""
    text = json.dumps(_closed(data), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)



def _closed(value: Any) -> Any:
    if isinstance(value, str):
        return closed_bidi(value)
    if isinstance(value, dict):
        return {k: _closed(v) for k, v in value.items()}
    return [_closed(v) for v in value] if isinstance(value, list) else value


def _person(speaker) -> dict[str, Any]:
    person: dict[str, Any] = {"@type": "Person", "name": speaker.name}
    if speaker.role:
        person["jobTitle"] = speaker.role
    return person


_AUDIO = (".mp3", ".m4a", ".aac", ".wav", ".ogg", ".oga", ".opus", ".flac")


def _media_object(site: Site, ep: Episode) -> dict[str, Any] | None:
    """The episode's audio or video file (``media_url``), at an absolute address; None without one."""
    if not ep.media_url:
        return None
    if "://" in ep.media_url:
        url = ep.media_url
    elif site.base_url:
        url = urls.absolute(site.base_url, ep.media_url)
    else:
        return None  # a path in a site whose address is not known: nothing a crawler could fetch
    kind = "AudioObject" if ep.media_url.split("?")[0].lower().endswith(_AUDIO) else "MediaObject"
    # a file name as written ("my episode.mp3"): spaces and quotes percent-encoded, what is encoded kept
    url = quote(url, safe=":/?#[]@!$&'()*+,;=%~")
    return {"@type": kind, "contentUrl": url, "duration": iso_duration(ep.duration)}


def episode_json_ld(site: Site, ep: Episode) -> list[Markup]:
    """PodcastEpisode for the episode, and a VideoObject with one Clip per chapter (key moments).

    With ``base_url`` the clips point at our episode page with ``?t=`` (moment.js
    forwards to the chapter); without it they point at the video with ``&t=``.
    """
    description = shorten(plain_text(link_pointers(ep.description, {})), 500) or ep.title
    page = urls.absolute(site.base_url, urls.episode_url(ep)) if site.base_url else None
    episode: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "PodcastEpisode",
        "name": ep.title,
        "description": description,
        "duration": iso_duration(ep.duration),
        "timeRequired": iso_duration(ep.duration),
        "partOfSeries": {"@type": "PodcastSeries", "name": ep.show or site.title},  # as the home page names it
        "actor": [_person(p) for p in ep.people],
    }
    if ep.links:  # the same episode elsewhere (YouTube, Spotify, the show's page): not media of its own
        episode["sameAs"] = [link.url for link in ep.links]
    media = _media_object(site, ep)
    if media:
        episode["associatedMedia"] = media
    if ep.published:  # no date rather than an empty one, which validators reject
        episode["datePublished"] = ep.published
    if ep.video_id:
        episode["image"] = urls.thumbnail_url(ep)
    if page:
        episode["url"] = page
    if not ep.video_id:
        return [json_ld(episode)]
    video_page = page or urls.media_page(ep)
    clips = []
    for ch in ep.chapters:
        clip_url = f"{page}?t={int(ch.start)}" if page else urls.watch_url(ep, ch.start)
        clips.append(
            {
                "@type": "Clip",
                "name": ch.title,
                "startOffset": int(ch.start),
                "endOffset": int(ch.end),
                "url": clip_url,
            }
        )
    video: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "VideoObject",
        "name": ep.title,
        "description": description,
        "thumbnailUrl": [urls.thumbnail_url(ep)],
        "duration": iso_duration(ep.duration),
        "embedUrl": urls.embed_url(ep),
        "url": video_page,
        "hasPart": clips,
    }
    if ep.published:
        video["uploadDate"] = ep.published
    return [json_ld(episode), json_ld(video)]


def series_json_ld(site: Site, episodes: list[Episode] | tuple[Episode, ...], *, feed: bool) -> Markup:
    """PodcastSeries for the home page, its episodes bounded to those the page lists (``home.PER_PAGE``).

    Its name is the show's when every episode names the same one (what the
    episode pages' ``partOfSeries`` says), else the site's title.
    """
    shows = {ep.show for ep in site.episodes}
    name = shows.pop() if len(shows) == 1 and "" not in shows else site.title
    series: dict[str, Any] = {"@context": "https://schema.org", "@type": "PodcastSeries", "name": name}
    if site.description:
        series["description"] = site.description
    if site.base_url:
        series["url"] = urls.absolute(site.base_url, urls.home_url())
        if feed:
            series["webFeed"] = urls.absolute(site.base_url, urls.feed_url())
    entries = []
    for ep in episodes:
        entry: dict[str, Any] = {"@type": "PodcastEpisode", "name": ep.title}
        if ep.published:
            entry["datePublished"] = ep.published
        if ep.duration:
            entry["timeRequired"] = iso_duration(ep.duration)
        if site.base_url:
            entry["url"] = urls.absolute(site.base_url, urls.episode_url(ep))
        entries.append(entry)
    if entries:
        series["episode"] = entries
    return json_ld(series)


#: URLs a sitemap file may list (the sitemaps.org protocol); past it, the sitemap is an index of files of that many.
SITEMAP_URLS = 50_000


def sitemap_files(site: Site, home_urls: list[str]) -> dict[str, str]:
    """Every page worth indexing, as absolute URLs (needs ``base_url``): the home page and its pages,
    each episode's, search. ``sitemap.xml``, or, past SITEMAP_URLS, an index of ``sitemap-N.xml``."""
    assert site.base_url
    pages = list(home_urls)
    for ep in site.episodes:
        pages.append(urls.episode_url(ep))
        pages.extend(urls.chapter_url(ep, ch) for ch in ep.chapters)
        pages.append(urls.transcript_url(ep))
    pages.append(urls.search_url())
    locs = [html.escape(urls.absolute(site.base_url, url)) for url in pages]
    if len(locs) <= SITEMAP_URLS:
        return {"sitemap.xml": _sitemap("urlset", "url", locs)}
    files = {f"sitemap-{n}.xml": _sitemap("urlset", "url", locs[k : k + SITEMAP_URLS]) for n, k in enumerate(range(0, len(locs), SITEMAP_URLS), 1)}
    files["sitemap.xml"] = _sitemap("sitemapindex", "sitemap", [html.escape(urls.absolute(site.base_url, name)) for name in files])
    return files


def _sitemap(root: str, item: str, locs: list[str]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<{root} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines.extend(f"  <{item}><loc>{loc}</loc></{item}>" for loc in locs)
    lines.append(f"</{root}>")
    return "\n".join(lines) + "\n"


def robots_txt(base_url: str) -> str:
    """Allow everything and point at the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n"
