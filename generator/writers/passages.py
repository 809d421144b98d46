"""A chapter's passages as pages show them: speaker turns, sponsor reads folded, and the map moment links use."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from ..clock import format_clock
from ..model import Episode, Passage
from . import urls
from .linked_data import json_ld
from .values import seconds_attr

# A URL with a scheme (https:, data:) is used as it is; anything else is relative to the site root.
_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class PassageView:
    """One passage as the templates show it."""

    id: str
    start_attr: str
    speaker_key: str
    speaker_name: str
    time_label: str
    estimated: bool  # no timed source gives this start: shown as "≈ 1:02:16"
    watch_url: str  # "" when the episode has no media
    text: str
    verbatim: bool
    first_in_turn: bool


@dataclass(frozen=True)
class Block:
    """Consecutive passages of one speaker: a turn, or a sponsor read folded in ``<details>``."""

    speaker_name: str
    sponsor: bool
    time_label: str
    passages: tuple[PassageView, ...]


def watch_href(ep: Episode, seconds: float, page_url: str) -> str:
    """``urls.watch_url`` as a link from the page at ``page_url``: a site-relative ``media_url`` is relative to the root."""
    url = urls.watch_url(ep, seconds)
    if url and not ep.video_id and not _ABSOLUTE.match(ep.media_url):
        return urls.relative(page_url, url)
    return url


def media_href(ep: Episode, page_url: str) -> str:
    """The episode's media file as a link from the page at ``page_url`` ("" without ``media_url``)."""
    if not ep.media_url or _ABSOLUTE.match(ep.media_url):
        return ep.media_url
    return urls.relative(page_url, ep.media_url)


def passage_blocks(ep: Episode, passages: tuple[Passage, ...], page_url: str = "") -> list[Block]:
    """Group passages into speaker turns; sponsor reads become their own folded blocks."""
    groups: list[list[Passage]] = []
    for p in passages:
        if groups and groups[-1][-1].speaker.key == p.speaker.key and groups[-1][-1].sponsor == p.sponsor and not p.turn:
            groups[-1].append(p)
        else:
            groups.append([p])
    blocks = []
    for group in groups:
        views = tuple(
            PassageView(
                id=p.id,
                start_attr=seconds_attr(p.start),
                speaker_key=p.speaker.key,
                speaker_name=p.speaker.name,
                time_label=format_clock(p.start),
                estimated=not p.measured,
                watch_url=watch_href(ep, p.start, page_url),
                text=p.text,
                verbatim=p.kind == "verbatim",
                first_in_turn=i == 0,
            )
            for i, p in enumerate(group)
        )
        blocks.append(Block(group[0].speaker.name, group[0].sponsor, format_clock(group[0].start), views))
    return blocks


def moment_map(ep: Episode, page_url: str, here: int | None, local: bool = False) -> Markup:
    """What static/moment.js needs to find the page holding a moment: where each chapter begins, its
    listed start or its first passage's if earlier (a link to the time a chapter list shows, 18:49,
    must open that chapter though its first word comes at 18:49.7). A chapter no one speaks in (an
    outro over music, after the last word) begins where it is listed."""
    chapters = []
    for ch in ep.chapters:
        ps = ep.chapter_passages(ch.index)
        start = min(ch.start, ps[0].start) if ps else ch.start
        chapters.append({"from": round(start, 3), "index": ch.index, "url": urls.relative(page_url, urls.chapter_url(ep, ch))})
    return json_ld({"chapters": chapters, "end": round(ep.duration, 3), "here": here, "local": local})
