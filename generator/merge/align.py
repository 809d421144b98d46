"""Word alignment between two renderings of the same speech, with edlib.

We align at the character level (lowercase letters and digits, words joined by
spaces) rather than word by word, so speech-to-text misspellings such as
"wipe coding" for "vibe coding" still pair up letter by letter, with edlib's
bit-parallel Myers algorithm. Words are then paired by majority vote of their
matched characters.

A long query is not aligned in one call: runs of words that occur once in each text
(``_anchors``) pin it to the target, and edlib aligns the stretches between them
(``_pieces``). One call over a whole episode costs the product of the two lengths;
the pieces cost the sum of theirs (the embedded episode's edited text: 56 -> 11 ms, with
the spine's text made; making it, once per episode, is 8 ms).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple, Sequence

import edlib

_CIGAR = re.compile(r"(\d+)([=XID])")


@dataclass(frozen=True)
class Alignment:
    """``pairs[i]`` is the target word matched by query word ``i``, or None."""

    pairs: tuple[int | None, ...]
    distance: int  # character edits
    length: int  # query characters

    @property
    def error_rate(self) -> float:
        return self.distance / max(self.length, 1)

    def matched(self) -> list[tuple[int, int]]:
        return [(q, t) for q, t in enumerate(self.pairs) if t is not None]


#: A query of fewer characters is aligned in one call: below this the pieces save under a
#: millisecond (against the embedded episode's 83,000 characters, a 2,100-character stretch of
#: a part: 2.3 -> 1.4 ms; a whole part of 5,500: 11.7 -> 3.0 ms).
ANCHORED = 2000
#: Words in an anchor. Runs of three recur too often in speech ("I think that"): 81% of the
#: embedded episode's spine's runs of three occur once in it, 94% of its runs of four (its
#: parts' and edited text's: 97-98%), and the anchors of a run found once in each are many.
SEED = 4
#: Query characters between two cuts: longer pieces pay edlib's quadratic cost, shorter ones
#: its per-call overhead and break more ties unlike one call (the embedded edited text, medians
#: of 9: 500: 10.2 ms, 4 of its 3,328 words paired unlike one call; 1,000: 10.6 ms, 1;
#: 2,000: 12.0 ms, 1; 8,000: 15.9 ms).
SPAN = 1000
#: Edits per query character above which anchored pieces are checked against one call. Texts of
#: one speech differ by far less (the embedded episode's parts: 2% and 5%, its edited text 9%);
#: pieces pinned across a stretch one text lacks count its every letter, where one call may
#: spread the query over it.
POOR = 0.2


class _Text(NamedTuple):
    """Word keys as edlib reads them: one string, the keys separated by spaces."""

    chars: str
    owner: list[int]  # each character's word index (-1 for the spaces)
    starts: list[int]  # each word's first character (-1 for a word with no key)
    runs: dict[str, int]  # each run of SEED keys (as characters) -> its first word (the last, if it recurs)
    counts: Counter[str]  # how often each run occurs


def _text(keys: Sequence[str]) -> _Text:
    owner: list[int] = []
    starts = [-1] * len(keys)
    parts: list[str] = []
    at: list[int] = []  # the words with a key
    for i, key in enumerate(keys):
        if not key:
            continue
        if parts:
            owner.append(-1)
        starts[i] = len(owner)
        parts.append(key)
        at.append(i)
        owner.extend([i] * len(key))
    # runs as strings: a spine's 15,000 runs kept as tuples set off the garbage collector (3-4 ms, 1 without it)
    runs = [" ".join(run) for run in zip(*(parts[k:] for k in range(SEED)))]
    return _Text(" ".join(parts), owner, starts, dict(zip(runs, at)), Counter(runs))


#: ``_text`` of a spine's keys, made once: every timed source and the edited text are aligned to them.
_target_text = functools.lru_cache(maxsize=4)(_text)


def align(query: Sequence[str], target: Sequence[str], *, infix: bool = True) -> Alignment:
    """Pair each query word key with a target word key, monotonically.

    ``infix``: the query may match any stretch of the target (a part inside
    the whole transcript); otherwise both are aligned end to end. A spine's keys (a tuple) are
    aligned to once per query: a timed transcript beside a page is aligned to it to find what the
    page lacks (``backbone.filled``) and again to fit it, 86 of a 316 ms merge.
    """
    if isinstance(target, tuple):
        return _aligned(tuple(query), target, infix)
    return _align(query, target, infix)


def _align(query: Sequence[str], target: Sequence[str], infix: bool) -> Alignment:
    q = _text(query)
    t = _target_text(target) if isinstance(target, tuple) else _text(target)
    qs, ts = q.chars, t.chars
    if not qs or not ts:
        return Alignment(tuple([None] * len(query)), len(qs), len(qs))
    cuts = _cuts(q, t) if len(qs) >= ANCHORED else []
    votes, distance = _path(q, t, cuts, infix)
    if cuts and distance > POOR * len(qs):  # anchors that pinned unlike texts: one call decides, as for short ones
        votes, distance = min((votes, distance), _path(q, t, [], infix), key=lambda made: made[1])
    best: dict[int, tuple[int, int]] = {}  # query word -> (characters, -target word) of its best match
    for (qw, tw), hits in votes.items():
        if qw >= 0 and tw >= 0 and (hits, -tw) > best.get(qw, (0, 0)):
            best[qw] = hits, -tw
    pairs: list[int | None] = [None] * len(query)
    last = -1
    for qw in sorted(best):
        hits, tw = best[qw][0], -best[qw][1]
        # at least half the letters of the longer word must match
        if tw > last and 2 * hits >= max(len(query[qw]), len(target[tw])):
            pairs[qw] = tw
            last = tw
    return Alignment(tuple(pairs), distance, len(qs))


_aligned = functools.lru_cache(maxsize=4)(_align)


def _path(q: _Text, t: _Text, cuts: list[tuple[int, int]], infix: bool) -> tuple[Counter[tuple[int, int]], int]:
    """The characters each (query word, target word) pair shares, aligned piece by piece, and the edits."""
    qs, ts = q.chars, t.chars
    votes: Counter[tuple[int, int]] = Counter()
    distance = 0
    for q0, q1, t0, t1, mode, backwards in _pieces(cuts, len(qs), len(ts), infix):
        a, b = qs[q0:q1], ts[t0:t1]
        if not b:  # no room left in the target: the piece's characters are all missing there
            distance += len(a)
            continue
        if backwards:  # the query's head: its end is pinned, its start is free
            a, b = a[::-1], b[::-1]
        result = edlib.align(a, b, mode=mode, task="path")
        distance += result["editDistance"]
        start = (result["locations"][0][0] or 0) if mode == "HW" else 0
        _vote(votes, result["cigar"], (q1, t1) if backwards else (q0, t0 + start), backwards, q.owner, t.owner)
    return votes, distance


def _vote(votes: Counter[tuple[int, int]], cigar: str, at: tuple[int, int], backwards: bool, q_owner: list[int], t_owner: list[int]) -> None:
    """Count the characters each (query word, target word) pair shares on one piece's path, which
    starts at ``at`` (query, target character), or ends there for a piece aligned reversed."""
    qc, tc = at
    step = -1 if backwards else 1
    for count, op in _CIGAR.findall(cigar):
        n = int(count)
        if op == "=":
            if backwards:
                votes.update(zip(q_owner[qc - n : qc], t_owner[tc - n : tc]))
            else:
                votes.update(zip(q_owner[qc : qc + n], t_owner[tc : tc + n]))
        if op in "=XI":  # "I": characters only in the query
            qc += step * n
        if op in "=XD":  # "D": characters only in the target
            tc += step * n


def _cuts(q: _Text, t: _Text) -> list[tuple[int, int]]:
    """Character positions (query, target) where both texts may be cut and aligned apart: the starts of
    anchors at least SPAN query characters apart."""
    cuts: list[tuple[int, int]] = []
    for qw, tw in _anchors(q, t):
        qc, tc = q.starts[qw], t.starts[tw]
        if not cuts or qc >= cuts[-1][0] + SPAN:
            cuts.append((qc, tc))
    return cuts


def _anchors(q: _Text, t: _Text) -> list[tuple[int, int]]:
    """(query word, target word) pairs starting a run found once in each text, the longest chain
    of them in order in both (a run found out of order is a repeat elsewhere, not this speech)."""
    found = sorted((qw, t.runs[run]) for run, qw in q.runs.items() if q.counts[run] == 1 and t.counts.get(run) == 1)
    # the longest increasing subsequence by target word (patience sorting), with links back
    tops: list[int] = []  # tops[k]: the smallest target word ending a chain of k + 1
    ends: list[int] = []  # ends[k]: that chain's last pair
    back = [-1] * len(found)
    for n, (_, tw) in enumerate(found):
        k = bisect.bisect_left(tops, tw)
        back[n] = ends[k - 1] if k else -1
        if k == len(tops):
            tops.append(tw)
            ends.append(n)
        else:
            tops[k], ends[k] = tw, n
    chain = []
    n = ends[-1] if ends else -1
    while n >= 0:
        chain.append(found[n])
        n = back[n]
    return chain[::-1]


def _pieces(cuts: list[tuple[int, int]], q_len: int, t_len: int, infix: bool) -> list[tuple[int, int, int, int, str, bool]]:
    """The pieces to align, as (query from, to, target from, to, edlib mode, backwards).

    Between two cuts both ends are pinned (NW). Before the first, the query's head ends at the cut
    and, in an infix alignment, may start anywhere within twice its length (and SPAN) before it
    (aligned reversed, SHW pins the reversed start); after the last, its tail starts at the cut
    and may end anywhere within as much after it. Twice: a verbatim transcript says a stretch
    with its fillers and repeats in more letters than an edited or misheard one.
    """
    if not cuts:
        return [(0, q_len, 0, t_len, "HW" if infix else "NW", False)]
    pieces = []
    (q_first, t_first), (q_last, t_last) = cuts[0], cuts[-1]
    head_from = max(0, t_first - 2 * q_first - SPAN) if infix else 0
    pieces.append((0, q_first, head_from, t_first, "SHW" if infix else "NW", infix))
    for (qa, ta), (qb, tb) in zip(cuts, cuts[1:]):
        pieces.append((qa, qb, ta, tb, "NW", False))
    tail_to = min(t_len, t_last + 2 * (q_len - q_last) + SPAN) if infix else t_len
    pieces.append((q_last, q_len, t_last, tail_to, "SHW" if infix else "NW", False))
    return [piece for piece in pieces if piece[0] < piece[1]]
