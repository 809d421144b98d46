"""Timed sources on another clock than the video's: a Podcasting 2.0 transcript of the audio, whose
intro is 8 s shorter than the video's, beside the video's own captions. Taken as they were, the
whole site ran on the audio's clock (every passage 8 s early against the video, and its "watch at
this moment" links too), and where both gave times, neither was kept steady.
"""

from __future__ import annotations

import statistics
from dataclasses import replace

from .backbone import Fit, Spine

#: Seconds two clocks must differ by, all along, to be two clocks: less than that is two
#: transcribers timing the same words (the embedded episode's deliveries agree within 0.5 s).
APART = 1.0
#: Seconds the differences may stray from their median (the median of how far) and still be one
#: offset: transcribers' word times differ by a few tenths.
STEADY = 0.5
#: Words both sources must time for an offset to be told.
SHARED = 50


def on_video_clock(video: bool, own: dict[int, float], spine: Spine, fits: list[Fit], captions: set[str], backbone_captions: bool) -> tuple[dict[int, float], Spine, list[Fit]]:
    """The backbone's own times and the timed sources' on the captions' clock, where the episode has
    a video (``video``), captions (``captions``: their paths; ``backbone_captions``: the backbone is
    captions) and another timed source differing from them by a steady offset (``APART``,
    ``STEADY``). Without a video, or captions, or where the clocks agree, nothing moves."""
    reference = own if backbone_captions else next((f.rel for f in fits if f.absolute and f.path in captions and f.rel), None)
    if not video or reference is None:
        return own, spine, fits
    if not backbone_captions and own and (shift := _offset(reference, own)) is not None:
        own = {i: t + shift for i, t in own.items()}
        spine = replace(spine, ends={i: t + shift for i, t in spine.ends.items()})
    moved = []
    for fit in fits:
        if fit.absolute and fit.rel and fit.path not in captions and fit.rel is not reference and (shift := _offset(reference, fit.rel)) is not None:
            fit = replace(fit, rel={i: t + shift for i, t in fit.rel.items()}, ends={i: t + shift for i, t in fit.ends.items()}, how=f"{fit.how}, moved {shift:+.2f} s to the captions' clock")
        moved.append(fit)
    return own, spine, moved


def _offset(reference: dict[int, float], times: dict[int, float]) -> float | None:
    """How much later ``reference`` times the words both time, if steadily so by APART or more."""
    diffs = [reference[i] - t for i, t in times.items() if i in reference]
    if len(diffs) < SHARED:
        return None
    middle = statistics.median(diffs)
    if abs(middle) < APART or statistics.median(abs(d - middle) for d in diffs) > STEADY:
        return None
    return round(middle, 3)
