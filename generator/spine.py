"""The spine: the verbatim transcript as one word sequence, and the parts aligned to it.

The podcast page's verbatim transcript is the only source that covers the
whole episode in order, so every other source is placed by aligning it to
these words (see ``align``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .align import align
from .config import EpisodeConfig
from .errors import Problems
from .model import PodcastPage, Speaker, WordPart
from .text import word_key


@dataclass
class Spine:
    """The verbatim transcript as one word sequence, with what we learn about each word."""

    keys: list[str]
    texts: list[str]
    para: list[int]  # index of the page paragraph (Turn) the word is in
    speaker: list[Speaker]
    time: list[float] = field(default_factory=list)
    measured: list[bool] = field(default_factory=list)
    sponsor: list[bool] = field(default_factory=list)


@dataclass
class PartFit:
    """A word-level part aligned to the spine: verbatim index -> time within the part."""

    part: WordPart
    rel: dict[int, float]  # spine index -> seconds from the part's start
    speaker: dict[int, str]  # spine index -> the part's speaker label
    first: int
    last: int
    offset: float | None = None
    how: str = ""  # how the offset was found, for reports
    number: int | None = None


def make_spine(page: PodcastPage, cfg: EpisodeConfig) -> Spine:
    keys, texts, para = [], [], []
    for i, turn in enumerate(page.turns):
        for w in turn.text.split():
            keys.append(word_key(w))
            texts.append(w)
            para.append(i)
    return Spine(keys, texts, para, [cfg.host] * len(keys))


def fit_part(part: WordPart, spine: Spine, problems: Problems) -> PartFit | None:
    """Align a part to the spine; a part that matches nowhere is a problem, not a guess."""
    words = part.words
    result = align([word_key(w.text) for w in words], spine.keys)
    matched = result.matched()
    if len(matched) < 0.5 * len(words) or result.error_rate > 0.35:
        problems.add(part.path, None, f"this part does not match the verbatim transcript ({len(matched)} of {len(words)} words found)")
        return None
    speaker_of = {id(w): seg.speaker for seg in part.segments for w in seg.words}
    rel = {t: words[q].start for q, t in matched}
    who = {t: speaker_of[id(words[q])] for q, t in matched}
    return PartFit(part, rel, who, matched[0][1], matched[-1][1], number=part.number)


def para_starts(spine: Spine) -> dict[int, int]:
    starts: dict[int, int] = {}
    for i, p in enumerate(spine.para):
        starts.setdefault(p, i)
    return starts
