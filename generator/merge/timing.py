"""Time: measured anchors, chapter anchors, part offsets, and interpolation by spoken length.

Times come first from timed sources: the backbone's own times (captions,
Whisper, a publisher's turn stamps) and those of every timed source aligned to
it. Word-level parts count from their own zero: a part whose span holds a
chapter start gets its exact offset from it, the first part starts the
episode, a part next to a placed part continues its clock, and any other part
is fitted to the clock around it. A part stamps only the start of each block;
the words in between, and after its last stamp, are timed by the parts' own
pace, fitted to their stamped blocks (``Pace``), which also times the cut
from one part to the next. Chapter starts anchor the clock only where
nothing measured covers them: each is placed at the speaker turn (or the
first paragraph after a sponsor read, or a sentence start) where it really
begins. Between anchors, time is interpolated in proportion to spoken length:
letters at each speaker's own rate, as measured on the timed sources, plus a
pause at each change of speaker.

A word is *measured* when a timed source gives its time (or the words around
it, a few words away), or a chapter list says the turn it opens starts then;
every other time is an estimate, and pages say so.
"""

from __future__ import annotations

import bisect
import statistics
from itertools import accumulate
from dataclasses import dataclass, replace

from ..model import ChapterMark, Speaker
from ..text import ends_sentence, starts_sentence, word_key
from .backbone import SHORT, WORD_SECONDS, Fit, Spine

# Weights of what takes time besides letters, in letters. Measured by a least-squares
# fit of the 62 segment durations of the embedded episode's parts to their letters,
# commas and speaker changes: a change of speaker costs ~9 letters (0.5 s), a comma
# ~10 (0.58 s: verbatim commas mark hesitations, "I, I think"), a sentence end ~1 (none).
# Counting commas cut the leave-one-part-out median error from 3.7 s to 1.9 s (part 5)
# and from 12.8 s to 3.8 s (part 6); see benchmarks/timing_validation.py.
PAUSE = 8.0
COMMA = 10.0
LAST_WORD = 2.0  # seconds: a chapter listed this long after a word's measured start is not inside it
# Seconds without a word that are a break (music, an ad), not a pause in talk: the embedded episode's
# word-level parts leave at most 1.5 s between one word's start and the next.
SILENCE = 10.0
# Seconds between a chapter a timed source marks and the word it stamps next: its markers are stamped
# with the turn after them (Descript's within a second, ``publisher.MARKER_SLACK``).
MARKED = 1.0
NEAR = 240.0  # seconds: a chapter opens at a turn this close to its listed time (the estimate's error at worst, on the parts)
# A chapter listed to the second opens at the sentence starting within MARK_WINDOW of its time,
# where measured times say so and no turn starts within TURN_SLACK: on captions with a chapter
# list, three of the embedded episode's chapters open mid-turn (the host goes on from an ad read
# to the next question), and the turns then nearest were the guest's replies 19-67 s later.
# Publishers mark a chapter at the moment its question starts, to the second.
MARK_WINDOW = 1.5
TURN_SLACK = 10.0
MAX_CUT_PAUSE = 2.0  # seconds: the longest silence a transcriber's cut plausibly hides
# The pace of a delivery's word-level parts is fitted to their own complete blocks (see ``Pace``):
# at least this many blocks per unknown (5 for two people). Measured on the embedded episode's
# two real parts (59 blocks): a fit to 20 of them predicts the other blocks' lengths to 2.6 s
# rms, the interpolation's constants to 2.8 s; a fit to 10, to 3.4 s (worse than the constants).
BLOCKS_PER_UNKNOWN = 4
# letters (~35 s of speech, two or three blocks): a person heard less than this in the blocks
# is timed at everyone's average rate, not a rate of their own (a block's length misfits by
# ~15 %, on the real parts and the synthetic ones alike, so a few blocks pin a rate to ~10 %).
THIN = 600
COVERED = 5  # words: an unmatched word between measured words this close is covered by the timed source too
PACE_SPAN = 60.0  # seconds of timed speech at least before the pace of a last turn is taken from them
# Parts cut at fixed lengths (see ``_fixed_lengths``): a chained offset may miss its multiple of the
# length by FIXED_SLACK plus FIXED_DRIFT a cut, as the chain's error grows cut after cut: measured
# 0.11 s after one cut and 1.27 s after eleven on 12 parts cut every 8 min mid-word, while 17 parts
# cut at the longest pause near each mark sit 3-19 s off the multiples of their best length.
FIXED_SLACK = 1.0
FIXED_DRIFT = 0.1
# ... and never by more than FIXED_SHARE of the length: short parts cut at pauses (half a minute
# each) can sit within a second of whole-second multiples by chance; the chain's drift on the
# 5-min and 8-min deliveries stays under 0.5 % of the length (1.36 s of 300 s, 1.27 s of 480 s).
FIXED_SHARE = 0.01
FIXED_MIN = 3  # parts: with fewer, two offsets near multiples prove nothing
# Words on the spine between one part's last word and the next one's first where the second picks
# up where the first stops (a word or two cut at the seam, or said twice across it).
FOLLOWS = 3


@dataclass(frozen=True)
class Clock:
    """The spine with every word timed, where each chapter begins, and how each timed source was placed."""

    spine: Spine
    chapter_at: tuple[int, ...]
    fits: tuple[Fit, ...]
    marks: tuple[ChapterMark, ...] = ()  # the chapters, each at the time it opens by (``_marked_words``)


def place_on_clock(spine: Spine, own: dict[int, float], fits: list[Fit], marks: tuple[ChapterMark, ...], duration: float, host: Speaker) -> Clock:
    """Anchor the backbone's own times, timed sources, chapters and parts; time every word."""
    n = len(spine)
    placed = list(fits)
    cum = _weights(spine, [own] + [f.rel for f in placed])
    pace = fit_pace(spine, [f for f in placed if not f.absolute])
    if pace.fitted:
        placed = [f if f.absolute else respread(f, spine, pace) for f in placed]
    anchors: dict[int, float] = {}
    measured: set[int] = set()
    _anchor(own, 0.0, anchors, measured)
    for k, fit in enumerate(placed):
        if fit.offset is None and fit.number == 1:
            placed[k] = replace(fit, offset=0.0, how="the first part starts the episode")
    for fit in placed:
        if fit.offset is not None:
            _anchor(fit.rel, fit.offset, anchors, measured)
    anchors.setdefault(0, 0.0)
    anchors[n] = duration
    if any(fit.number == 1 and fit.offset == 0.0 and not fit.absolute for fit in placed):
        # A chain of parts from the first times each part it reaches by the parts' own clocks, better
        # than a chapter's listed time: a chapter placed by estimates first opened at the wrong turn
        # and moved its part, and the parts chained from it, by 50-76 s (17 parts and exact chapters:
        # worst moment 75.7 s off; chained first, 1.07 s). Chapters place what the chain cannot reach.
        _chain(placed, spine, pace, duration, anchors, measured)
    candidates = _candidates(spine)
    chapter_at = [0]
    heard = sorted((anchors[i], i) for i in measured if i < n)  # the words timed sources time, in time order
    silent = -1  # where the last chapter listed in a silence opened

    def estimate():
        """Estimated time of a word: its measured time; else a part's own clock where one covers it,
        else interpolation. A timed source that lost to another where both time a word (a publisher's
        transcript on a clock shifted by a pre-roll, beside captions) opened chapters by its own times,
        26 s early, where every word shown had the captions'."""
        at = _interpolator(cum, anchors)
        offsets = [fit.offset if fit.offset is not None else _best_offset(fit, at) for fit in placed]

        def est(i: int) -> float:
            if i in anchors:
                return anchors[i]
            for fit, offset in zip(placed, offsets):  # a part's clock beats interpolation locally
                if i in fit.rel:
                    return offset + fit.rel[i]
            return at(i)

        return est

    marks, words = _marked_words(marks, placed, anchors)
    window = _mark_window(marks)
    for k, mark in enumerate(marks[1:], 1):
        if words.get(k, -1) > chapter_at[-1]:
            chapter_at.append(words[k])  # the word its source marks, measured
            continue
        est = estimate()
        quiet = _after_silence(heard, mark.start, n)
        if chapter_at[-1] == n or quiet == n:
            chapter_at.append(n)  # after the last word (an "Outro" over music): no word opens it
            continue
        if quiet is not None and (quiet > chapter_at[-1] or quiet == chapter_at[-1] == silent):
            # In a silence (a break for music): the first word after it opens it; of two chapters
            # listed in one silence ("Sponsor break", then "Part two" a second before the talk
            # resumes) the first holds nothing.
            chapter_at.append(silent := quiet)
            continue
        best = _sentence_at(spine, mark.start, window, candidates, est, measured, chapter_at[-1])
        if best is None:
            best = _pause_at(spine, mark.start, window, candidates[0], est, measured, chapter_at[-1])
        for kind in candidates if best is None else ():  # turns first; sentence starts only where no turn is near
            times = {i: est(i) for i in kind if i > chapter_at[-1]}
            near = [i for i, t in times.items() if abs(t - mark.start) < NEAR]
            if near:
                best = min(near, key=lambda i: (_opening_cost(spine, i, times[i], mark, host, _covered(i, measured)), i))
                break
        if best is None:
            times = {i: est(i) for i in candidates[0] + candidates[1] if i > chapter_at[-1]}
            # no opening left after the previous chapter: the next word opens it
            best = min(times, key=lambda i: (abs(times[i] - mark.start), i)) if times else min(chapter_at[-1] + 1, n - 1)
        chapter_at.append(best)
        if _covered(best, measured):
            continue  # measured times say where it is; the listed time is the publisher's rounding
        if _set(anchors, best, mark.start):
            measured.add(best)  # the chapter list times this turn
        for k, fit in enumerate(placed):
            if fit.offset is None and fit.first <= best <= fit.last and best in fit.rel:
                placed[k] = fit = replace(fit, offset=mark.start - fit.rel[best], how=f"chapter '{mark.title}' starts at its word {fit.rel[best]:.2f}s")
                _anchor(fit.rel, fit.offset, anchors, measured)

    _chain(placed, spine, pace, duration, anchors, measured)
    at = _interpolator(cum, anchors)
    for k, fit in enumerate(placed):
        if fit.offset is None:
            placed[k] = fit = replace(fit, offset=_best_offset(fit, at), how="best fit to the clock around it")
            _anchor(fit.rel, fit.offset, anchors, measured)

    _last_turn_at_pace(spine, cum, anchors)
    time = _interpolate(cum, anchors)
    marked = sorted(measured)
    flags = tuple(_covered(i, measured, marked) for i in range(n))
    ends = dict(spine.ends)
    for fit in placed:
        if fit.absolute:  # where two sources end a word, the later: a sentence is never cut off early
            ends.update((i, max(t, ends.get(i, t))) for i, t in fit.ends.items())
    return Clock(replace(spine, time=tuple(time), measured=flags, ends=ends), tuple(chapter_at), tuple(placed), marks)


def _last_turn_at_pace(spine: Spine, cum: list[float], anchors: dict[int, float]) -> None:
    """End the episode's words where its last turn, untimed after its first word, is said at the
    pace of the timed stretch before it, where that is before the episode's end.

    A publisher's transcript times each turn's start only; spread to the end of the episode,
    the last turn's sentences ran over the outro (2 minutes of music: 115 s late) and, with none,
    over the seconds of silence every recording ends with (7-15 s late in every export tested).
    Where more than one turn follows the last timed word (a part missing at the end), the text
    is taken to cover the rest of the episode, as before.
    """
    n = len(spine)
    idx = sorted(i for i in anchors if i < n)
    if len(idx) < 2:
        return
    first, last = idx[0], idx[-1]
    if last == n - 1 or any(spine.speaker[i] != spine.speaker[last] for i in range(last, n)):
        return
    span, length = anchors[last] - anchors[first], cum[last] - cum[first]
    if span < PACE_SPAN or length <= 0:
        return
    anchors[n] = min(anchors[n], anchors[last] + (cum[n] - cum[last]) * span / length)


def _chain(placed: list[Fit], spine: Spine, pace: Pace, duration: float, anchors: dict[int, float], measured: set[int]) -> None:
    """Place the parts a placed neighbour reaches (``_place_neighbours``), close their chains, and anchor them."""
    chained = _place_neighbours(placed, spine, pace)
    _close_chains(placed, chained, spine, pace, duration)
    _fixed_lengths(placed, duration)
    for k in chained:
        _anchor(placed[k].rel, placed[k].offset, anchors, measured)


def _place_neighbours(placed: list[Fit], spine: Spine, pace: Pace) -> list[int]:
    """Parts with no chapter inside: continue a placed neighbour's clock, as long as any can be placed.

    A part's zero is where the part before it ends: the end of that part's
    last word (timed from its last stamp by the delivery's own pace, see
    ``respread``), plus the silence a cut hides at the end of a part
    (``Pace.silence``). A part that overlaps a placed one (``shared_words``)
    is placed by the words both time instead: measured, not chained. Returns
    the positions of the parts placed so, for ``_close_chains`` to adjust and then anchor.
    """
    chained: list[int] = []
    changed = True
    while changed:
        changed = False
        for k, fit in enumerate(placed):
            if fit.offset is not None or fit.absolute:
                continue
            for other in placed:
                if other.offset is None or other.absolute:
                    continue
                both = shared_words(fit, other)
                if both:  # the same words on both clocks: the offset is measured, not chained
                    offset = statistics.median(other.offset + other.rel[i] - fit.rel[i] for i in both)
                    side = "before" if fit.first > other.first else "after"
                    placed[k] = fit = replace(fit, offset=offset, how=f"overlaps the part {side} it ({len(both)} words in both)")
                elif follows(fit, other):
                    offset = other.offset + _part_length(other, fit.first, spine, pace) + pace.silence
                    placed[k] = fit = replace(fit, offset=offset, how="continues the part before it")
                elif follows(other, fit):
                    offset = other.offset - _part_length(fit, other.first, spine, pace) - pace.silence
                    placed[k] = fit = replace(fit, offset=offset, how="ends where the part after it begins")
                else:
                    continue
                chained.append(k)
                changed = True
                break
    return chained


def _first_stamp(fit: Fit) -> int:
    return min(fit.stamps or fit.rel)


def _last_stamp(fit: Fit) -> int:
    return max(fit.stamps or fit.rel)


def _fixed_lengths(placed: list[Fit], duration: float) -> None:
    """Parts cut every L seconds, wherever that falls: part k starts at exactly (k - 1)·L.

    Some transcribers cut the audio into equal lengths (``duration / parts``) or into
    whole-second lengths (the last part shorter). Where every chained offset of a full
    run of parts lies that close to its multiple of one such L, the multiples are
    exact and the chain is not, so they replace it. Parts cut at pauses near the marks
    lie far off any multiple and are left as chained.
    """
    run = sorted((fit.number, k) for k, fit in enumerate(placed) if fit.number and fit.offset is not None and not fit.absolute)
    counts = {placed[k].count for _, k in run} - {None}
    if len(run) < FIXED_MIN or [number for number, _ in run] != list(range(1, len(run) + 1)) or counts - {len(run)}:
        return  # not parts 1 .. N, all of them placed
    xs = [number - 1 for number, _ in run]
    ys = [placed[k].offset or 0.0 for _, k in run]
    fitted = sum(x * y for x, y in zip(xs, ys)) / sum(x * x for x in xs)
    for length in (duration / len(run), float(round(fitted))):
        if all(abs(y - x * length) <= min(FIXED_SLACK + FIXED_DRIFT * x, FIXED_SHARE * length) for x, y in zip(xs, ys)):
            for x, (_, k) in zip(xs, run):
                placed[k] = replace(placed[k], offset=x * length, how=f"parts cut every {length:.2f}s: part {x + 1} starts at {x * length:.2f}s")
            return


def _marked_words(marks: tuple[ChapterMark, ...], placed: list[Fit], anchors: dict[int, float]) -> tuple[tuple[ChapterMark, ...], dict[int, int]]:
    """Chapters a timed source marks between its turns (a publisher's ``## Title`` headings), opened
    at the word they mark and on its clock: the first word that source times from the mark on,
    where another source measures it (mark number -> spine index). By the source's own times, on a
    clock shifted by a pre-roll, they opened 26 s early beside captions; unshifted, a heading's turn
    fell into the chapter before it (captions without punctuation have no sentence start there)."""
    by_path = {fit.path: fit for fit in placed if fit.absolute and fit.rel}
    timed: dict[str, tuple[list[float], list[int]]] = {}  # per source: its times in order, and the first word timed from each on
    out = list(marks)
    words: dict[int, int] = {}
    for k, mark in enumerate(marks[1:], 1):
        fit = by_path.get(mark.origin.path)
        if fit is None:
            continue
        if fit.path not in timed:
            pairs = sorted((r, t) for t, r in fit.rel.items())
            timed[fit.path] = ([r for r, _ in pairs], list(accumulate((t for _, t in reversed(pairs)), min))[::-1])
        times, first = timed[fit.path]
        at = bisect.bisect_left(times, mark.start - MARKED)
        t = first[at] if at < len(first) else None
        if t is not None and t in anchors and abs(fit.rel[t] - mark.start) <= MARKED:
            out[k] = replace(mark, start=anchors[t])
            words[k] = t
    starts = [m.start for m in out]
    return (tuple(out), words) if starts == sorted(starts) else (marks, {})


def _after_silence(heard: list[tuple[float, int]], when: float, n: int) -> int | None:
    """The spine index of the first word after a silence that ``when`` falls in (``n`` after the last
    word), where timed sources time the words on both sides; None where speech goes on around it.

    A chapter listed in such a silence (a break for music, an outro after the last word) took the
    nearest turn, up to four minutes earlier: the turn before the break left its own chapter.
    After the last measured word, each word still to come is given WORD_SECONDS (a last turn
    stamped only where it starts)."""
    k = bisect.bisect_right(heard, (when, n))
    if not k:
        return None
    said, last = heard[k - 1]
    if k == len(heard):
        return n if when > said + LAST_WORD + WORD_SECONDS * (n - 1 - last) else None
    resumes, first = heard[k]
    if first == last + 1 and resumes - said > SILENCE and when > said + LAST_WORD:
        return first
    return None


def _part_length(fit: Fit, until: int, spine: Spine, pace: Pace) -> float:
    """Seconds from a part's zero to the end of its words before spine index ``until``: its last word's
    end where the part says it and it is the last (a Whisper piece's), else its time, then the pace."""
    if until == fit.last + 1 and fit.last in fit.ends:
        return fit.ends[fit.last]
    return fit.rel[fit.last] + pace.span(spine, fit.last, until)


def _close_chains(placed: list[Fit], chained: list[int], spine: Spine, pace: Pace, duration: float) -> None:
    """Spread what a forward chain of parts misses at its far end over its cuts.

    Where the chain ends at a known time (the next placed part's zero, or the
    episode's end after the last part), the difference is shared equally by
    its cuts (and the end's own silence, as one more). Equally, because what
    the cuts get wrong they mostly get wrong alike: the silence a transcriber
    leaves after a part's last word is the one thing no part shows, and the
    rule for it (``Pace.silence``) errs by the same at every cut (+0.04 s a
    cut on the 17-part delivery, cut at pauses; +0.36 s on the delivery cut
    mid-word every 8 min), while the pace itself errs by ~0.13 s a cut, up
    and down. Sharing by each cut's own uncertainty (the length of its
    unstamped words) was tried and did worse (max error at held-back
    moments 1.69 s against 1.54 s on the mid-word delivery, 1.06 s against
    1.07 s at pauses). A difference worth more than ``MAX_CUT_PAUSE`` a cut
    means a part is missing in between, and is left alone.
    """
    n = len(spine)
    order = sorted(range(len(placed)), key=lambda k: placed[k].first)
    # A part placed by the words it shares with the one before continues that part's clock too, but
    # exactly: it is in the run, and takes the share of the cuts before it without adding one.
    chain = "continues the part before it"
    forward = {k for k in chained if placed[k].how == chain or placed[k].how.startswith("overlaps the part before it")}
    run: list[int] = []
    for pos, k in enumerate(order + [None]):
        if k is not None and k in forward:
            run.append(k)
            continue
        if run:
            start = pos - len(run)
            last = placed[run[-1]]
            target = None
            if k is not None and placed[k].offset is not None and not placed[k].absolute:
                target, until = placed[k].offset, placed[k].first
            elif k is None and last.last >= n - 3:
                target, until = duration, n
            if start and target is not None:
                predicted = last.offset + _part_length(last, until, spine, pace) + pace.silence
                shares = list(accumulate(placed[idx].how == chain for idx in run))
                cuts = shares[-1] + 1
                if abs(target - predicted) <= MAX_CUT_PAUSE * cuts:
                    for j, idx in zip(shares, run):
                        placed[idx] = replace(placed[idx], offset=placed[idx].offset + j * (target - predicted) / cuts)
            run = []


def _best_offset(fit: Fit, at) -> float:
    return statistics.median(at(t) - r for t, r in fit.rel.items())


@dataclass(frozen=True)
class Pace:
    """How long a delivery's words take: seconds per letter for each person, and the pause before a word.

    The pause before a word depends on what ends the word before it: a
    sentence, a clause (comma, semicolon, colon), or a person's turn. Fitted
    by least squares to the word-level parts' complete blocks, each a stretch
    whose start and end the part stamps (``fit_pace``), so every figure is
    the delivery's own: on the 17-part delivery the guest's ~0.066 s a
    letter against the host's ~0.055, and pauses of ~0.16 s at a comma and
    ~0.35 s at a sentence end; on the embedded episode's two real parts,
    whose commas and full stops mark no pause, those two come out as none.
    """

    letter: dict[str, float]  # seconds per letter (a word's letters + 1) by speaker key
    default: float  # seconds per letter for anyone else
    comma: float  # seconds of pause after a comma, semicolon or colon
    sentence: float  # ... after a sentence end
    turn: float  # ... at a change of speaker
    silence: float = 0.0  # seconds: the silence a cut hides at the end of a part (the parts' leading silences)
    fitted: bool = False  # fitted to enough blocks; otherwise the interpolation's constants

    def length(self, spine: Spine, i: int) -> float:
        return (len(spine.keys[i]) + 1) * self.letter.get(spine.speaker[i].key, self.default)

    def pause(self, spine: Spine, i: int) -> float:
        """Silence before word ``i`` (``i`` > 0)."""
        kind = _pause_kind(spine, i)
        return {"turn": self.turn, "sentence": self.sentence, "comma": self.comma}.get(kind, 0.0)

    def step(self, spine: Spine, i: int) -> float:
        """Seconds from the start of word ``i - 1`` to the start of word ``i``."""
        return self.length(spine, i - 1) + self.pause(spine, i)

    def span(self, spine: Spine, a: int, e: int) -> float:
        """Seconds from the start of word ``a`` to the end of word ``e - 1``."""
        if e <= a:
            return 0.0
        return sum(self.step(spine, i) for i in range(a + 1, e)) + self.length(spine, e - 1)


def _pause_kind(spine: Spine, i: int) -> str | None:
    if spine.speaker[i] != spine.speaker[i - 1]:
        return "turn"
    if ends_sentence(spine.texts[i - 1]):
        return "sentence"
    if spine.texts[i - 1].endswith((",", ";", ":")):
        return "comma"
    return None


def _blocks(parts: list[Fit]) -> list[tuple[int, int, float]]:
    """Every complete block of the parts: (first word, next block's first word, seconds between their stamps)."""
    out = []
    for fit in parts:
        stamps = sorted(fit.stamps)
        out += [(a, b, fit.rel[b] - fit.rel[a]) for a, b in zip(stamps, stamps[1:]) if fit.rel[b] > fit.rel[a]]
    return out


def fit_pace(spine: Spine, parts: list[Fit]) -> Pace:
    """The parts' pace, fitted to their complete blocks; the interpolation's constants where there are too few.

    Each block's seconds are its letters at each person's rate plus the
    pauses before its words and before the next block. A pause that comes
    out negative is left out and the fit made again: the real parts' commas
    say nothing about pauses. Blocks holding an ad read are left out (see
    ``respread``).

    The leading silence of every part that does not open the spine (its
    first stamp) is what the cut before it left on that side; their median
    is taken for what a cut leaves after the last word of the part before
    (``silence``). Right where a transcriber cuts inside silences; where it
    cuts mid-word, the last word runs past the cut and the rule is late at
    every cut alike, which ``_close_chains`` takes back from the end.
    """
    blocks = _blocks(parts)
    heard: dict[str, int] = {}
    for a, b, _ in blocks:
        for i in range(a, b):
            heard[spine.speaker[i].key] = heard.get(spine.speaker[i].key, 0) + len(spine.keys[i]) + 1
    people = sorted(k for k, v in heard.items() if v >= THIN)
    pauses = ["comma", "sentence", "turn"]
    rows = []
    for a, b, seconds in blocks:
        if any(spine.speaker[i].key not in people for i in range(a, b)) or (spine.sponsor and any(spine.sponsor[a:b])):
            continue
        row = dict.fromkeys(people + pauses, 0.0)
        for i in range(a, b):
            row[spine.speaker[i].key] += len(spine.keys[i]) + 1
            if kind := _pause_kind(spine, i + 1) if i + 1 < len(spine) else None:
                row[kind] += 1
        rows.append((row, seconds))
    coef = None
    columns = people + [p for p in pauses if any(row[p] for row, _ in rows)]
    while people and len(rows) >= BLOCKS_PER_UNKNOWN * len(columns):
        coef = _least_squares([[row[c] for c in columns] for row, _ in rows], [sec for _, sec in rows])
        if coef is None or min(coef[: len(people)]) <= 0:
            coef = None
            break
        worst = min(range(len(people), len(columns)), key=lambda j: coef[j], default=None)
        if worst is None or coef[worst] >= 0:
            break
        del columns[worst]
    leads = [fit.rel[_first_stamp(fit)] for fit in parts if fit.first > 0]
    silence = statistics.median(leads) if leads else 0.0
    if coef is not None:
        fitted = dict(zip(columns, coef))
        letter = {k: fitted[k] for k in people}
        pace = Pace(letter, statistics.mean(letter.values()), fitted.get("comma", 0.0), fitted.get("sentence", 0.0), fitted.get("turn", 0.0), fitted=True)
    else:
        rates = {who: r for (who, ad), r in _rates(spine, [f.rel for f in parts]).items() if not ad}
        default = statistics.mean(rates.values()) if rates else 1.0
        pace = Pace(rates, default, COMMA * default, 0.0, PAUSE * default)
    return replace(pace, silence=silence)


def _least_squares(rows: list[list[float]], y: list[float]) -> list[float] | None:
    """Solve the normal equations by Gaussian elimination; None when they are singular."""
    m = len(rows[0])
    a = [[sum(r[i] * r[j] for r in rows) for j in range(m)] + [sum(r[i] * v for r, v in zip(rows, y))] for i in range(m)]
    for c in range(m):
        p = max(range(c, m), key=lambda r: abs(a[r][c]))
        if abs(a[p][c]) < 1e-9 * max(1.0, abs(a[c][c])):
            return None
        a[c], a[p] = a[p], a[c]
        for r in range(m):
            if r != c:
                f = a[r][c] / a[c][c]
                a[r] = [x - f * z for x, z in zip(a[r], a[c])]
    return [a[i][m] / a[i][i] for i in range(m)]


def respread(fit: Fit, spine: Spine, pace: Pace) -> Fit:
    """A part's words retimed by the pace: inside each block in proportion, after the last stamp at the pace itself.

    The reader spreads a block's words by letters alone and the words after
    a part's last stamp at the part's average rate (both speakers, all
    pauses); the pace knows who speaks and where the pauses fall. Two kinds
    of block keep the reader's times. One whose words are not the part's
    own, one for one: a page backbone drops repeats and false starts the
    part says ("you really can spend you really can spend"), and the
    reader spread what was said. And one that holds an ad read: ads have a
    pace of their own that the conversation's blocks do not show (on the
    embedded episode, timing part 6's closing ad at the host's
    conversational rate moved the chapter after it, and with it the whole
    part, 0.8 s from where part 5 ends).
    """
    stamps = sorted(fit.stamps)
    if not stamps:
        return fit
    rel = dict(fit.rel)
    for a, b in zip(stamps, stamps[1:] + [None]):
        stop = b if b is not None else fit.last + 1
        if (spine.sponsor and any(spine.sponsor[a:stop])) or not _one_for_one(fit, a, stop if b is None else b + 1):
            continue
        steps, acc = {}, 0.0
        for i in range(a + 1, stop + (b is not None)):
            acc += pace.step(spine, i)
            steps[i] = acc
        scale = (fit.rel[b] - fit.rel[a]) / acc if b is not None and acc > 0 else 1.0
        if b is not None and scale <= 0:
            continue
        for i in range(a + 1, stop):
            if i in rel:
                rel[i] = round(fit.rel[a] + scale * steps[i], 3)
    return replace(fit, rel=rel)


def _one_for_one(fit: Fit, a: int, stop: int) -> bool:
    """Whether spine words ``a`` to ``stop - 1`` are the part's own consecutive words, each matched."""
    said = fit.said
    return all(i in said for i in range(a, stop)) and said[stop - 1] - said[a] == stop - 1 - a


def _rates(spine: Spine, timed: list[dict[int, float]]) -> dict[tuple[str, bool], float]:
    """Seconds per letter for each speaker, reading an ad or not, measured on the timed sources.

    People differ (on the embedded episode the guest is ~25% slower per letter
    than the host) and ad reads are brisk; interpolation that ignores this
    drifts by tens of seconds across a long stretch. Categories the sources
    never show fall back to the speaker's conversational rate, then to 1
    (only ratios matter).
    """
    sums: dict[tuple[str, bool], list[float]] = {}
    for rel in timed:
        items = sorted(rel.items())
        for (t1, r1), (t2, r2) in zip(items, items[1:]):
            if t2 - t1 > 3 or any(spine.speaker[i] != spine.speaker[t1] for i in range(t1, t2 + 1)):
                continue
            box = sums.setdefault((spine.speaker[t1].key, spine.sponsor[t1]), [0.0, 0.0, 0])
            box[0] += r2 - r1
            box[1] += sum(len(spine.keys[i]) + 1 for i in range(t1, t2))
            box[2] += 1
    return {k: dt / letters for k, (dt, letters, n) in sums.items() if n >= 50 and letters and dt > 0}


def _weights(spine: Spine, timed: list[dict[int, float]]) -> list[float]:
    """Cumulative spoken length before each word: letters at the speaker's rate, plus pauses.

    A pause at each change of speaker, and one after each comma in a
    speaker's run (see ``COMMA``).
    """
    rates = _rates(spine, timed)
    default = statistics.mean(rates.values()) if rates else 1.0
    speakers, sponsors, texts = spine.speaker, spine.sponsor, spine.texts  # locals: once per word of the episode
    cum = [0.0]
    total = 0.0
    for i, key in enumerate(spine.keys):
        who = speakers[i]
        rate = rates.get((who.key, sponsors[i])) or rates.get((who.key, False)) or default
        gap = 0.0
        if i and who != speakers[i - 1]:
            gap = PAUSE * default
        elif i and texts[i - 1].endswith((",", ";", ":")):
            gap = COMMA * rate
        total = total + gap + (len(key) + 1) * rate
        cum.append(total)
    return cum


def _interpolate(cum: list[float], anchors: dict[int, float]) -> list[float]:
    """Each word's time, linear in spoken length between the anchors around it (one sweep)."""
    idx = sorted(anchors)
    times: list[float] = []
    k = 0
    last = len(idx) - 1
    for i in range(len(cum) - 1):
        while k < last and idx[k + 1] <= i:
            k += 1
        a, b = idx[k], idx[min(k + 1, last)]
        if b == a:  # _between, inlined: once per word of the episode
            times.append(anchors[a])
            continue
        frac = (cum[i] - cum[a]) / ((cum[b] - cum[a]) or 1.0)
        times.append(anchors[a] + frac * (anchors[b] - anchors[a]))
    return times


def _interpolator(cum: list[float], anchors: dict[int, float]):
    """The same interpolation for a few words at a time, without timing the whole spine."""
    idx = sorted(anchors)

    def at(i: int) -> float:
        k = max(bisect.bisect_right(idx, i) - 1, 0)
        return _between(cum, anchors, idx[k], idx[min(k + 1, len(idx) - 1)], i)

    return at


def _between(cum: list[float], anchors: dict[int, float], a: int, b: int, i: int) -> float:
    if b == a:
        return anchors[a]
    frac = (cum[i] - cum[a]) / ((cum[b] - cum[a]) or 1.0)
    return anchors[a] + frac * (anchors[b] - anchors[a])


def _candidates(spine: Spine) -> tuple[list[int], list[int]]:
    """Where a chapter may begin: turns, then sentence starts.

    A turn is a change of speaker or the first paragraph after a sponsor read;
    a sentence start inside one speaker's talk is the fallback (a solo episode
    has nothing else).
    """
    turns, sentences = [], []
    for i in range(1, len(spine)):
        if spine.sponsor[i]:
            continue
        new_para = spine.para[i] != spine.para[i - 1]
        if spine.speaker[i] != spine.speaker[i - 1] or (new_para and spine.sponsor[i - 1]):
            turns.append(i)
        elif new_para or _sentence_start(spine, i):
            sentences.append(i)
    return turns, sentences


def _mark_window(marks: tuple[ChapterMark, ...]) -> float:
    """How near its listed time a chapter opening must be to be taken at its word: half a second
    either side of a list given to the second or finer (0 for a coarser one: rounded to the
    minute, the time says nothing of which sentence)."""
    starts = [m.start for m in marks[1:]]
    if not starts or any(t % 60 for t in starts):
        return MARK_WINDOW
    return 0.0


def _sentence_at(
    spine: Spine, when: float, window: float, candidates: tuple[list[int], list[int]], est, measured: set[int], after: int
) -> int | None:
    """The sentence start a chapter listed at ``when`` opens at, where the times around it are
    measured, it lies within ``window`` of that time, and no turn lies within TURN_SLACK:
    a host who goes on from an ad read to the next question opens the chapter mid-turn."""
    if not window:
        return None
    turns, sentences = candidates
    for i in turns[bisect.bisect_right(turns, after) :]:
        t = est(i)
        if abs(t - when) <= TURN_SLACK:
            return None
        if t > when + TURN_SLACK:
            break
    close = []
    for i in sentences[bisect.bisect_right(sentences, after) :]:
        t = est(i)
        if t > when + window:
            break
        if abs(t - when) <= window and _covered(i, measured) and _sentence_start(spine, i):  # not a paragraph break mid-sentence
            close.append((abs(t - when), i))
    return min(close)[1] if close else None


def _pause_at(spine: Spine, when: float, window: float, turns: list[int], est, measured: set[int], after: int) -> int | None:
    """Where text without punctuation (YouTube's automatic captions) has no sentence to open a
    chapter at: the measured word within ``window`` of its listed time that follows the longest
    pause, as a new topic does; nearest the time among equals. It opened at the caption line
    before, up to 4 words of the sentence before it (QA29: 4 of 6 chapters)."""
    if not window or any(abs(est(i) - when) <= TURN_SLACK for i in turns[bisect.bisect_right(turns, after) :][:50]):
        return None
    # a list to the second gives the second a chapter starts in: its word is at or just after that
    # time (a hesitation a second before, mid-sentence, opened one at 0:59 listed at 1:00)
    near = [i for i in measured if after < i < len(spine) and i - 1 in measured and when - EARLY <= est(i) <= when + window]
    if not near:
        return None
    lo, hi = min(near), max(near)
    if any(ends_sentence(t) for t in spine.texts[max(0, lo - UNPUNCTUATED) : hi + UNPUNCTUATED]):
        return None  # punctuated: its sentences are its openings (_sentence_at)
    return max(near, key=lambda i: (round(est(i) - est(i - 1), 2), -abs(est(i) - when), -i))


#: Seconds before its listed time a chapter's first word may be where text has no sentences: a
#: time to the second is cut down to it, and its word is not said before it but for a stamp's rounding.
EARLY = 0.5

#: Words around a chapter's listed time with no sentence end among them for the text there to be
#: taken as unpunctuated: a punctuated transcript ends a sentence every 12 words at the median (the
#: embedded page's), so twice that many without one is no such transcript.
UNPUNCTUATED = 25


def _sentence_start(spine: Spine, i: int) -> bool:
    return ends_sentence(spine.texts[i - 1]) and starts_sentence(spine.texts[i])


def _turn_length(spine: Spine, i: int) -> int:
    n = i
    while n < len(spine) and spine.speaker[n] == spine.speaker[i] and n - i < 50:
        n += 1
    return n - i


def _title_hits(title: str, spine: Spine, i: int) -> int:
    """How many of a chapter title's words the turn starting at ``i`` says in its first 60 words."""
    stop = {"the", "and", "of", "to", "a", "about", "how", "why", "what", "are", "we", "an", "will", "from", "than", "better", "think"}
    wanted = {word_key(w)[:5] for w in title.split() if word_key(w) and word_key(w) not in stop}
    said = {k[:5] for k in spine.keys[i : i + 60]}
    return len(wanted & said)


def _opening_cost(spine: Spine, i: int, when: float, mark: ChapterMark, host: Speaker, measured: bool) -> float:
    """How unlikely it is that the turn starting at word ``i`` (at ``when``) opens ``mark``.

    Seconds away from the chapter's time, adjusted by what opens chapters in an
    interview: a substantial host turn, the first words after an ad, the
    chapter title's own words. The adjustments are worth minutes where the
    time is an estimate (its error on the parts reaches 20 s); where the time
    is measured they only break near-ties (a tenth as much).
    """
    hint = 0.0
    if _turn_length(spine, i) < 6:
        hint += 45  # "Yeah." does not open a chapter
    if spine.speaker[i] != host:
        hint += 20  # the host opens topics
    if i > 0 and spine.sponsor[i - 1]:
        hint -= 60  # the talk resumes after an ad on a new topic
    hint -= 15 * min(_title_hits(mark.title, spine, i), 2)
    return abs(when - mark.start) + (0.1 * hint if measured else hint)


def _anchor(rel: dict[int, float], offset: float, anchors: dict[int, float], measured: set[int]) -> None:
    """Add a timed source's words as measured anchors, skipping any that would make time run backwards."""
    fixed = sorted(anchors.items())
    for t, r in sorted(rel.items()):
        when = offset + r
        k = bisect.bisect_left(fixed, (t, float("-inf")))
        before = fixed[k - 1] if k else None
        after = fixed[k] if k < len(fixed) else None
        if after and after[0] == t:
            continue
        if (before and before[1] > when) or (after and after[1] < when):
            continue
        anchors[t] = when
        measured.add(t)
        fixed.insert(k, (t, when))


def _set(anchors: dict[int, float], i: int, when: float) -> bool:
    """Anchor a chapter start, unless a measured time around it says otherwise (time never runs back)."""
    idx = sorted(anchors)
    k = bisect.bisect_left(idx, i)
    before = anchors[idx[k - 1]] if k else float("-inf")
    after = anchors[idx[k]] if k < len(idx) and idx[k] != i else (anchors[idx[k + 1]] if k + 1 < len(idx) else float("inf"))
    if before <= when <= after:
        anchors[i] = when
        return True
    return False


def _covered(i: int, measured: set[int], marked: list[int] | None = None) -> bool:
    """Measured, or between measured words at most ``COVERED`` words away on both sides."""
    if i in measured:
        return True
    marked = marked if marked is not None else sorted(measured)
    k = bisect.bisect_left(marked, i)
    return 0 < k < len(marked) and i - marked[k - 1] <= COVERED and marked[k] - i <= COVERED


def shared_words(a: Fit, b: Fit) -> list[int]:
    """The spine words two word-level parts both time, when they overlap (cut so, see ``backbone``):
    at least ``SHORT`` of them, as the spine is spliced, where one part's end meets the other's start."""
    if a.absolute or b.absolute or a.last < b.first or b.last < a.first or a.first == b.first or a.last == b.last:
        return []
    both = [i for i in a.rel if i in b.rel]
    return both if len(both) >= SHORT else []


def follows(later: Fit, earlier: Fit) -> bool:
    """``later`` picks up where ``earlier`` stops: within FOLLOWS words on the spine."""
    return 0 < later.first - earlier.last <= FOLLOWS


def number_parts(fits: tuple[Fit, ...], duration: float) -> tuple[Fit, ...]:
    """Number headerless parts from a numbered neighbour, else from where they sit in the episode.
    (By place, not by file: one file may hold several parts.)"""
    parts = sorted((f for f in fits if not f.absolute), key=lambda f: f.first)
    numbers: dict[int, int | None] = {id(f): f.number for f in parts}
    for k, fit in enumerate(parts):
        if numbers[id(fit)] is not None:
            continue
        for j, other in enumerate(parts):
            if numbers[id(other)] is not None and abs(j - k) == 1 and (follows(fit, other) or follows(other, fit) or shared_words(fit, other)):
                numbers[id(fit)] = numbers[id(other)] + (k - j)
        if numbers[id(fit)] is None:
            count = next((f.count for f in parts if f.count), None)
            if count and fit.offset is not None:
                numbers[id(fit)] = int(fit.offset // (duration / count)) + 1
    return tuple(replace(f, number=numbers[id(f)]) if id(f) in numbers else f for f in fits)


def part_report(fits: tuple[Fit, ...]) -> list[str]:
    """Where each timed source sits on the clock and why, one line each (for the validation benchmark)."""
    return [f"{f.path}: part {f.number}, offset {f.offset:.2f}s ({f.how})" for f in fits]
