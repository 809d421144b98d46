"""Sponsor reads: kept in the transcript, flagged so pages can fold them away."""

from __future__ import annotations

import re

from .model import PodcastPage
from .spine import Spine, para_starts


def mark_sponsors(spine: Spine, page: PodcastPage) -> None:
    """A sponsor read: the run of one speaker's paragraphs that ends by saying a sponsor's web address."""
    domains = set()
    for blurb in page.sponsors:
        domains.update(m.lower() for m in re.findall(r"\b[a-z0-9-]+\.(?:com|ai|google|io|org|net|co|dev|app)\b", blurb, re.I))
    spine.sponsor = [False] * len(spine.keys)
    if not domains:
        return
    starts = para_starts(spine)
    for k, turn in enumerate(page.turns):
        text = turn.text.lower()
        if not any(d in text for d in domains):
            continue
        first = k
        while first > 0 and page.turns[first - 1].label == turn.label:
            first -= 1
        lo = starts.get(first)
        hi = starts.get(k + 1, len(spine.keys))
        if lo is None:
            continue
        for i in range(lo, hi):
            spine.sponsor[i] = True
