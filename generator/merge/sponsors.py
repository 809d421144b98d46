"""Sponsor reads: kept in the transcript, flagged so pages can fold them away."""

from __future__ import annotations

import re
from dataclasses import replace

from .backbone import Spine, para_starts

# The web addresses sponsor blurbs give: a name and the top-level domains sponsors use.
_DOMAIN = re.compile(r"\b[a-z0-9-]+\.(?:com|ai|google|io|org|net|co|dev|app|fm|xyz)\b", re.I)


def mark_sponsors(spine: Spine, sponsors: tuple[str, ...]) -> Spine:
    """A sponsor read: the run of one speaker's paragraphs that ends by saying a sponsor's web address.

    The addresses come from the sponsor list the podcast page gives; an episode
    without one has no reads flagged (nothing is guessed from the talk itself).
    """
    flags = [False] * len(spine)
    domains = {m.lower() for blurb in sponsors for m in _DOMAIN.findall(blurb)}
    if domains:
        starts = para_starts(spine)
        paragraphs = spine.paragraphs
        for k, paragraph in enumerate(paragraphs):
            lo_k, hi_k = starts.get(k), starts.get(k + 1, len(spine))
            if lo_k is None:
                continue
            text = " ".join(spine.texts[lo_k:hi_k]).lower()
            if not any(d in text for d in domains):
                continue
            first = k
            while first > 0 and paragraphs[first - 1].label == paragraph.label:
                first -= 1
            lo = starts.get(first, lo_k)
            for i in range(lo, hi_k):
                flags[i] = True
    return replace(spine, sponsor=tuple(flags))
