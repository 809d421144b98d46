"""Time: chapter anchors, part offsets, and interpolation by spoken length.

Chapter start times are anchors, each placed at the speaker turn (or the first
paragraph after a sponsor read) where it really begins. A part whose span
holds a chapter start gets its exact offset from it; a part next to a placed
part continues its clock. Placed parts give every word they cover its measured
time. Between anchors, time is interpolated in proportion to spoken length:
letters at each speaker's own rate, as measured on the parts, plus a pause at
each change of speaker.
"""

from __future__ import annotations

import bisect
import statistics

from .model import ChapterMark, PodcastPage, Speaker
from .spine import PartFit, Spine
from .text import word_key

PAUSE = 8.0  # weight of a speaker change, in letters: measured from the parts' turn gaps


def _rates(spine: Spine, fits: list[PartFit]) -> dict[tuple[str, bool], float]:
    """Seconds per letter for each speaker, reading an ad or not, measured on the placed parts.

    People differ (here the guest is ~25% slower per letter than the host) and
    ad reads are brisk; interpolation that ignores this drifts by tens of
    seconds across a long stretch. Categories the parts never show fall back
    to the speaker's conversational rate, then to 1 (only ratios matter).
    """
    sums: dict[tuple[str, bool], list[float]] = {}
    for fit in fits:
        items = sorted(fit.rel.items())
        for (t1, r1), (t2, r2) in zip(items, items[1:]):
            if t2 - t1 > 3 or any(spine.speaker[i] != spine.speaker[t1] for i in range(t1, t2 + 1)):
                continue
            box = sums.setdefault((spine.speaker[t1].key, spine.sponsor[t1]), [0.0, 0.0, 0])
            box[0] += r2 - r1
            box[1] += sum(len(spine.keys[i]) + 1 for i in range(t1, t2))
            box[2] += 1
    return {k: dt / letters for k, (dt, letters, n) in sums.items() if n >= 50 and letters}


def _weights(spine: Spine, fits: list[PartFit]) -> list[float]:
    """Cumulative spoken length before each word: letters at the speaker's rate, plus a pause per change."""
    rates = _rates(spine, fits)
    default = statistics.mean(rates.values()) if rates else 1.0
    pause = PAUSE * default
    cum = [0.0]
    for i, key in enumerate(spine.keys):
        who = spine.speaker[i].key
        rate = rates.get((who, spine.sponsor[i])) or rates.get((who, False)) or default
        gap = pause if i and spine.speaker[i] != spine.speaker[i - 1] else 0.0
        cum.append(cum[-1] + gap + (len(key) + 1) * rate)
    return cum


def _interpolate(cum: list[float], anchors: dict[int, float]) -> list[float]:
    """Each word's time, linear in spoken length between the anchors around it (one sweep)."""
    idx = sorted(anchors)
    times: list[float] = []
    k = 0
    for i in range(len(cum) - 1):
        while k + 1 < len(idx) and idx[k + 1] <= i:
            k += 1
        times.append(_between(cum, anchors, idx[k], idx[min(k + 1, len(idx) - 1)], i))
    return times


def _interpolator(cum: list[float], anchors: dict[int, float]):
    """The same interpolation for a few words at a time, without timing the whole spine."""
    idx = sorted(anchors)

    def at(i: int) -> float:
        k = bisect.bisect_right(idx, i) - 1
        return _between(cum, anchors, idx[k], idx[min(k + 1, len(idx) - 1)], i)

    return at


def _between(cum: list[float], anchors: dict[int, float], a: int, b: int, i: int) -> float:
    if b == a:
        return anchors[a]
    frac = (cum[i] - cum[a]) / ((cum[b] - cum[a]) or 1.0)
    return anchors[a] + frac * (anchors[b] - anchors[a])


def _candidates(spine: Spine) -> list[int]:
    """Where a chapter may begin: a change of speaker, or the first paragraph after a sponsor read."""
    out = []
    for i in range(1, len(spine.keys)):
        new_para = spine.para[i] != spine.para[i - 1]
        if spine.speaker[i] != spine.speaker[i - 1] or (new_para and spine.sponsor[i - 1] and not spine.sponsor[i]):
            if not spine.sponsor[i]:
                out.append(i)
    return out


def _turn_length(spine: Spine, i: int) -> int:
    n = i
    while n < len(spine.keys) and spine.speaker[n] == spine.speaker[i] and n - i < 50:
        n += 1
    return n - i


def _title_hits(title: str, spine: Spine, i: int) -> int:
    """How many of a chapter title's words the turn starting at ``i`` says in its first 60 words."""
    stop = {"the", "and", "of", "to", "a", "about", "how", "why", "what", "are", "we", "an", "will", "from", "than", "better", "think"}
    wanted = {word_key(w)[:5] for w in title.split() if word_key(w) and word_key(w) not in stop}
    said = {k[:5] for k in spine.keys[i : i + 60]}
    return len(wanted & said)


def _opening_cost(spine: Spine, i: int, when: float, mark: ChapterMark, host: Speaker) -> float:
    """How unlikely it is that the turn starting at word ``i`` (estimated at ``when``) opens ``mark``.

    Seconds away from the chapter's time, adjusted by what opens chapters in an
    interview: a substantial host turn, the first words after an ad, the
    chapter title's own words.
    """
    cost = abs(when - mark.start)
    if _turn_length(spine, i) < 6:
        cost += 45  # "Yeah." does not open a chapter
    if spine.speaker[i] != host:
        cost += 20  # the host opens topics
    if i > 0 and spine.sponsor[i - 1]:
        cost -= 60  # the talk resumes after an ad on a new topic
    return cost - 15 * min(_title_hits(mark.title, spine, i), 2)


def place_chapters_and_parts(spine: Spine, page: PodcastPage, fits: list[PartFit], duration: float, host: Speaker) -> list[int]:
    """Anchor chapters at turns and parts on the clock; fill spine.time. Returns each chapter's first word."""
    n = len(spine.keys)
    cum = _weights(spine, fits)
    anchors: dict[int, float] = {0: 0.0, n: duration}
    candidates = _candidates(spine)
    chapter_at = [0]

    def estimate():
        """Estimated time of a word: a part's own clock where one covers it, else interpolation."""
        at = _interpolator(cum, anchors)
        offsets = [
            fit.offset if fit.offset is not None else statistics.median(at(t) - r for t, r in fit.rel.items())
            for fit in fits
        ]

        def est(i: int) -> float:
            for fit, offset in zip(fits, offsets):  # a part's clock beats interpolation locally
                if i in fit.rel:
                    return offset + fit.rel[i]
            return at(i)

        return est

    for mark in page.chapters[1:]:
        est = estimate()
        times = {i: est(i) for i in candidates if i > chapter_at[-1]}
        near = [i for i, t in times.items() if abs(t - mark.start) < 240]
        if near:
            best = min(near, key=lambda i: (_opening_cost(spine, i, times[i], mark, host), i))
        elif times:
            best = min(times, key=lambda i: (abs(times[i] - mark.start), i))
        else:  # no turn left after the previous chapter: the next word opens it
            best = min(chapter_at[-1] + 1, n - 1)
        chapter_at.append(best)
        anchors[best] = mark.start
        for fit in fits:
            if fit.offset is None and fit.first <= best <= fit.last and best in fit.rel:
                fit.offset = mark.start - fit.rel[best]
                fit.how = f"chapter '{mark.title}' starts at its word {fit.rel[best]:.2f}s"
                _anchor_part(fit, anchors)

    # Parts with no chapter inside: continue a neighbour's clock, else the best fit.
    changed = True
    while changed:
        changed = False
        for fit in fits:
            if fit.offset is not None:
                continue
            for other in fits:
                if other.offset is None:
                    continue
                if _follows(fit, other):
                    end = other.offset + max(other.rel.values()) + _word_seconds(other)
                    fit.offset = end - min(fit.rel.values())
                    fit.how = "continues the part before it"
                elif _follows(other, fit):
                    start = other.offset + min(other.rel.values())
                    fit.offset = start - _word_seconds(fit) - max(fit.rel.values())
                    fit.how = "ends where the part after it begins"
                else:
                    continue
                _anchor_part(fit, anchors)
                changed = True
                break
    at = _interpolator(cum, anchors)
    for fit in fits:
        if fit.offset is None:
            fit.offset = statistics.median(at(t) - r for t, r in fit.rel.items())
            fit.how = "best fit to the chapter clock"
            _anchor_part(fit, anchors)

    spine.time = _interpolate(cum, anchors)
    spine.measured = [False] * n
    for fit in fits:
        for t, r in fit.rel.items():
            if anchors.get(t) == fit.offset + r:
                spine.measured[t] = True
    return chapter_at


def _anchor_part(fit: PartFit, anchors: dict[int, float]) -> None:
    """Add a placed part's words as anchors, skipping any that would make time run backwards."""
    assert fit.offset is not None
    fixed = sorted(anchors.items())
    for t, r in sorted(fit.rel.items()):
        when = fit.offset + r
        k = bisect.bisect_left(fixed, (t, float("-inf")))
        before = fixed[k - 1] if k else None
        after = fixed[k] if k < len(fixed) else None
        if after and after[0] == t:
            continue
        if (before and before[1] > when) or (after and after[1] < when):
            continue
        anchors[t] = when
        fixed.insert(k, (t, when))


def _follows(later: PartFit, earlier: PartFit) -> bool:
    """``later`` picks up where ``earlier`` stops: within three words on the spine."""
    return 0 < later.first - earlier.last <= 3


def _word_seconds(fit: PartFit) -> float:
    """A typical word's length in this part, to bridge the cut between two parts."""
    times = sorted(fit.rel.values())
    return (times[-1] - times[0]) / max(len(times) - 1, 1)


def number_parts(fits: list[PartFit], duration: float) -> None:
    """Number headerless parts from a numbered neighbour, else from where they sit in the episode."""
    fits.sort(key=lambda f: f.first)
    for k, fit in enumerate(fits):
        if fit.number is not None:
            continue
        for j, other in enumerate(fits):
            if other.number is not None and abs(j - k) == 1 and (_follows(fit, other) or _follows(other, fit)):
                fit.number = other.number + (k - j)
        if fit.number is None:
            count = next((f.part.count for f in fits if f.part.count), None)
            if count and fit.offset is not None:
                fit.number = int(fit.offset // (duration / count)) + 1


def part_report(fits: list[PartFit]) -> list[str]:
    return [f"{f.part.path}: part {f.number}, offset {f.offset:.2f}s ({f.how})" for f in fits]
