"""Word alignment between two renderings of the same speech, with edlib.

We align at the character level (lowercase letters and digits, words joined by
spaces) rather than word by word, so speech-to-text misspellings such as
"wipe coding" for "vibe coding" still pair up letter by letter. edlib's
bit-parallel Myers algorithm keeps a 20,000-character part against a
100,000-character transcript to a few milliseconds. Words are then paired by
majority vote of their matched characters.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Sequence

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


def _join(keys: Sequence[str]) -> tuple[str, list[int]]:
    """One string of the keys separated by spaces, and each character's word index (-1 for spaces)."""
    owner: list[int] = []
    parts: list[str] = []
    for i, key in enumerate(keys):
        if not key:
            continue
        if parts:
            owner.append(-1)
        parts.append(key)
        owner.extend([i] * len(key))
    return " ".join(parts), owner


@functools.lru_cache(maxsize=4)
def _joined(keys: tuple[str, ...]) -> tuple[str, list[int]]:
    """``_join`` of a spine's keys, made once: every timed source and the edited text are aligned to them."""
    return _join(keys)


def align(query: Sequence[str], target: Sequence[str], *, infix: bool = True) -> Alignment:
    """Pair each query word key with a target word key, monotonically.

    ``infix``: the query may match any stretch of the target (a part inside
    the whole transcript); otherwise both are aligned end to end.
    """
    qs, q_owner = _join(query)
    ts, t_owner = _joined(target) if isinstance(target, tuple) else _join(target)
    if not qs or not ts:
        return Alignment(tuple([None] * len(query)), len(qs), len(qs))
    result = edlib.align(qs, ts, mode="HW" if infix else "NW", task="path")
    votes: dict[int, dict[int, int]] = {}
    qi = 0
    ti = result["locations"][0][0] or 0
    for count, op in _CIGAR.findall(result["cigar"]):
        n = int(count)
        if op in "=X":
            if op == "=":
                for k in range(n):
                    qw, tw = q_owner[qi + k], t_owner[ti + k]
                    if qw >= 0 and tw >= 0:
                        box = votes.setdefault(qw, {})
                        box[tw] = box.get(tw, 0) + 1
            qi += n
            ti += n
        elif op == "I":  # characters only in the query
            qi += n
        else:  # "D": characters only in the target
            ti += n
    pairs: list[int | None] = [None] * len(query)
    last = -1
    for qw in sorted(votes):
        box = votes[qw]
        tw, hits = max(box.items(), key=lambda kv: (kv[1], -kv[0]))
        # at least half the letters of the longer word must match
        if tw > last and 2 * hits >= max(len(query[qw]), len(target[tw])):
            pairs[qw] = tw
            last = tw
    return Alignment(tuple(pairs), result["editDistance"], len(qs))
