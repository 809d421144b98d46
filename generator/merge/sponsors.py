"""Sponsor reads: kept in the transcript, flagged so pages can fold them away."""

from __future__ import annotations

import re
from dataclasses import replace

from .backbone import Spine, para_starts

# The web addresses sponsor blurbs give: a name and the top-level domains sponsors use.
_DOMAIN = re.compile(r"\b[a-z0-9-]+\.(?:com|ai|google|io|org|net|co|dev|app|fm|xyz)\b", re.I)


#: Words a sponsor read runs to at most: the embedded episode's longest, a story told around the
#: product, is ~700 words (three minutes); its shortest ~250.
READ_WORDS = 800


def mark_sponsors(spine: Spine, sponsors: tuple[str, ...]) -> Spine:
    """A sponsor read: the run of one speaker's paragraphs that ends by saying a sponsor's web address.

    The addresses come from the sponsor list the podcast page gives; an episode
    without one has no reads flagged (nothing is guessed from the talk itself).
    A run no other speaker's turn opens (a solo show's every paragraph is its host's, and everything
    said before the read was folded away with it), or longer than a read (``READ_WORDS``), starts at
    its first paragraph within that length naming the sponsor (its address's name: "Acme Cloud"
    for acmecloud.com), else at the paragraph saying the address.
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
            said = [d for d in domains if d in text]
            if not said:
                continue
            first, words = k, hi_k - lo_k
            while first > 0 and paragraphs[first - 1].label == paragraph.label and words <= READ_WORDS:
                first -= 1
                words += starts.get(first + 1, hi_k) - starts.get(first, hi_k)
            if words > READ_WORDS or first == 0:  # no turn of another speaker before it: where it names the sponsor
                names = {re.sub(r"[\W_]+", "", d.split(".")[0]) for d in said}  # "get-acme.com": "Get Acme"
                first = next((j for j in range(first, k) if _names(spine, starts, j, names)), k)
            lo = starts.get(first, lo_k)
            for i in range(lo, hi_k):
                flags[i] = True
    return replace(spine, sponsor=tuple(flags))


def _names(spine: Spine, starts: dict[int, int], paragraph: int, names: set[str]) -> bool:
    """Whether a paragraph names a sponsor, written as its address is, in up to three whole words
    ("Acme Cloud", "Acme Cloud's"): not inside others ("ramp" in "program planning")."""
    lo, hi = starts.get(paragraph), starts.get(paragraph + 1, len(spine))
    if lo is None:
        return False
    keys = [re.sub(r"[\W_]+", "", w.lower()) for w in spine.texts[lo:hi]]
    for i in range(len(keys)):
        joined = ""
        for key in keys[i : i + 3]:
            joined += key
            if any(joined == name or joined.startswith(name) and len(joined) - len(name) <= 2 and len(joined) - len(key) < len(name) for name in names):
                return True
    return False
