"""Timed sources on another clock than the video's: a Podcasting 2.0 transcript of the audio, whose
intro is 8 s shorter than the video's, beside the video's own captions. Taken as they were, the
whole site ran on the audio's clock (every passage 8 s early against the video, and its "watch at
this moment" links too), and where both gave times, neither was kept steady.
"""

from __future__ import annotations

import bisect
import statistics
from dataclasses import replace

from ..model import ChapterMark
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


#: Seconds a chapter list may sit off the measured clock and be moved onto it: a video's intro before
#: the audio's zero (30-60 s), a teaser repeated at the start. Further than that, a list is another
#: cut of the episode, not the same one shifted.
MARKS_SPAN = 120.0
#: Seconds a chapter listed to the second may miss the turn it opens at: a publisher's rounding (the
#: window ``timing`` opens a chapter at its sentence by, MARK_WINDOW).
MARKS_TOL = 1.5
#: Chapters (after the first) that must open at a change of speaker by one offset, and the share of
#: them. On the embedded episode 5 of its 9 do (the others open mid-turn, after an ad read or at a
#: "So…" of the host's). By chance one offset puts a chapter within MARKS_TOL of one of its 122
#: changes of speaker in 96 min with a probability of 3 s x 122 / 5763 s = 6 %: five of nine at once,
#: 1e-4, at any of the ~80 offsets 3 s apart in MARKS_SPAN either side, under 1 %; and the list
#: unmoved must do worse.
MARKS_MIN = 3
MARKS_SHARE = 0.5
#: Seconds a list must be off by to be moved: publishers put chapters a few seconds before the turn
#: they name (QA39: a list 3-10 s before each turn, on the right clock, was moved 6 s early, mid-answer),
#: where a video's intro or teaser before the audio's zero is longer (30-62 s in the deliveries measured).
MARKS_LEAST = 15.0


def marks_on_clock(marks: tuple[ChapterMark, ...], spine: Spine, times: dict[int, float], duration: float) -> tuple[ChapterMark, ...]:
    """A chapter list moved onto the measured clock where, by one offset, its chapters open at the
    changes of speaker the measured times place (``times``: spine index -> seconds), and unmoved they
    do not: a podcast page's list of the audio beside captions of a video with a 45 s intro opened
    all nine chapters 45 s early, mid-turn. The first chapter (what opens the episode) stays."""
    heard = sorted(times[i] for i in range(1, len(spine)) if i in times and spine.speaker[i] != spine.speaker[i - 1])
    if len(marks) < 2 or len(heard) < MARKS_MIN:
        return marks
    pairs = sorted((t - mark.start, k) for k, mark in enumerate(marks[1:]) for t in heard[bisect.bisect_left(heard, mark.start - MARKS_SPAN) : bisect.bisect_right(heard, mark.start + MARKS_SPAN)])
    ds = [d for d, _ in pairs]

    def hits(d: float) -> list[float]:
        """For each chapter a turn opens within MARKS_TOL of its time moved by ``d``: how far it moved."""
        near: dict[int, float] = {}
        for x, k in pairs[bisect.bisect_left(ds, d - MARKS_TOL) : bisect.bisect_right(ds, d + MARKS_TOL)]:
            if k not in near or abs(x - d) < abs(near[k] - d):
                near[k] = x
        return list(near.values())

    best = max(ds, key=lambda d: (len(hits(d)), -abs(d)), default=0.0)
    found = hits(best)
    if len(found) < max(MARKS_MIN, MARKS_SHARE * (len(marks) - 1)) or len(found) <= len(hits(0.0)):
        return marks
    shift = statistics.median(found)  # the clocks' offset and the list's rounding: kept to the list's own precision
    shift = float(round(shift)) if all(mark.start == int(mark.start) for mark in marks) else round(shift, 3)
    moved = (marks[0],) + tuple(replace(mark, start=mark.start + shift) for mark in marks[1:])
    if abs(shift) < MARKS_LEAST or moved[1].start <= moved[0].start or moved[-1].start >= duration:
        return marks
    return moved
