"""The site-wide weighing of an archive's postings with numpy: the same files as ``search._term_files``.

At 1,000 episodes the index has ~3.4 million postings, and weighing them one by one
in Python takes ~15 s of every build (every weight depends on the whole site:
idf, average field lengths). Here each step is one operation over all postings.
Every float is computed by the same IEEE operations in the same order as lunr.py
(numpy's elementwise ``*``, ``/`` and ``+`` round exactly as Python's do; the logs
are Python's own, once per distinct value, and so is the final
``round(round(score, 3) * 1000)`` wherever it is not plainly the nearest integer:
``thousandths``), so the weights, and the files, are byte-identical to the plain
path's, which a test checks.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from . import search
from .search import B, FIELDS, K1, EpisodeIndex


def _array(values, dtype=np.int32) -> np.ndarray:
    """An array('I') (or any buffer of C unsigned ints) as a numpy array of ``dtype``."""
    return np.frombuffer(values, dtype=np.dtype(f"u{values.itemsize}")).astype(dtype) if len(values) else np.zeros(0, dtype)


def term_files(parts: Sequence[EpisodeIndex], boosts: dict[str, int], emit: search.Emit) -> list[str]:
    """The term shards (t/) and common terms' tails (x/) of the whole site to ``emit``; the shards' keys."""
    nfields = len(FIELDS)
    n = sum(part.documents for part in parts)
    total = sum(len(part.postings) for part in parts) // 3
    # Every posting in four arrays filled in place, 13 bytes each: 1,000 episodes of the embedded
    # one's length hold 6.9 million postings, and a build must stay under 500 MiB.
    tid, f, doc, tf = (np.empty(total, dtype) for dtype in (np.int32, np.int8, np.int32, np.int32))
    # Terms numbered in order of first appearance: a term not seen yet gets the vocabulary's size,
    # all in C (a dict lookup and a list of the new terms cost ~40% more at 1,000 episodes).
    vocabulary: defaultdict[str, int] = defaultdict()
    vocabulary.default_factory = vocabulary.__len__
    lengths = np.zeros((nfields, max(n, 1)), dtype=np.int32)
    documents = np.ones(max(n, 1))  # each document's boost (lunr's, after the field's)
    first = at = 0
    for part in parts:
        terms = search._terms(part)
        ids = np.fromiter(map(vocabulary.__getitem__, terms), dtype=np.int32, count=len(terms))
        triples = _array(part.postings).reshape(-1, 3)
        end = at + len(triples)
        tid[at:end] = np.repeat(ids, np.diff(_array(part.spans)))
        f[at:end], doc[at:end], tf[at:end] = triples[:, 0], triples[:, 1] + first, triples[:, 2]
        for k in range(nfields):
            lengths[k, first : first + part.documents] = _array(part.lengths[k])
        documents[[first + d for d in part.sponsored]] = search.SPONSOR_BOOST
        first, at = first + part.documents, end
    if not vocabulary:
        return []
    average = [int(lengths[k, :n].sum()) / n for k in range(nfields)]
    # BM25's length part, once per field and length in Python (same expression as lunr.py).
    norm = np.zeros((nfields, int(lengths.max()) + 1))
    for k in range(nfields):
        for length in np.unique(lengths[k, :n]).tolist() if average[k] else ():  # a field no document fills has no postings
            norm[k, length] = K1 * (1 - B + B * (length / average[k]))
    with_term = np.bincount(tid, minlength=len(vocabulary))  # lunr counts a document once per field
    counts, which = np.unique(with_term, return_inverse=True)
    idf = np.array([math.log(1 + abs((n - count + 0.5) / (count + 0.5))) for count in counts.tolist()])[which.ravel()]
    boost = np.array([float(boosts.get(name, b)) for name, _, b in FIELDS])
    weight = np.empty(total, np.int32)
    for a in range(0, total, WEIGH):  # a batch at a time: the floats of all of them would be 8 bytes a posting, thrice
        b = min(a + WEIGH, total)
        bf, bd = f[a:b], doc[a:b]
        tff = tf[a:b].astype(np.float64)
        score = idf[tid[a:b]]
        score *= (K1 + 1) * tff
        tff += norm[bf, lengths[bf, bd]]
        score /= tff
        score *= boost[bf]
        score *= documents[bd]
        weight[a:b] = thousandths(score)
    del tf

    # By term, then field; within those the postings are in document order already (episodes in
    # order, each one's postings of a term in document order), which a stable sort keeps.
    order = np.argsort(tid.astype(np.int64) * nfields + f, kind="stable")
    tid = tid[order]  # one at a time: each copy is 4 bytes a posting
    f = f[order]
    doc = doc[order]
    weight = weight[order]
    del order
    starts = np.flatnonzero(np.r_[True, tid[1:] != tid[:-1]])
    ends = np.r_[starts[1:], len(tid)]
    names = list(vocabulary)
    encoded: dict[str, str] = {}
    # Terms in more than HEAD documents are split (few, but most postings); the rest are written at once.
    big = np.zeros(len(vocabulary), dtype=bool)
    for a, b in zip(starts[ends - starts > search.HEAD].tolist(), ends[ends - starts > search.HEAD].tolist()):
        split = _split(f[a:b], doc[a:b], weight[a:b], nfields)
        if split is None:
            continue
        term = names[int(tid[a])]
        big[tid[a]] = True
        head, pages, firsts, least = split
        tail, encoded[term] = search.tail_files(term, head, pages, least, firsts)
        for rel, text in tail.items():
            emit(rel, text)
    small = ~big[tid]
    encoded.update((names[t], text) for t, text in _encode_groups(tid[small], f[small], doc[small], weight[small], nfields))
    return search.shard_files(encoded, emit)


#: Postings weighed at a time (floats of 8 bytes each, a few of them): a batch's arrays stay ~10 MB.
WEIGH = 500_000

#: Postings turned into text at a time: bounds the memory of the strings (~50 bytes a number).
BATCH = 100_000


def thousandths(score: np.ndarray) -> np.ndarray:
    """``round(round(s, 3) * 1000)`` of each score, as lunr.py rounds a weight: the nearest integer
    to ``s * 1000``, except within float error of a half, where Python's own rounding decides
    (a few in a million; an exact decimal rounding of ``s``, then half to even)."""
    scaled = score * 1000
    out = np.rint(scaled).astype(np.int32)
    for i in np.flatnonzero(np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6).tolist():
        out[i] = round(round(float(score[i]), 3) * 1000)
    return out


def _encode_groups(outer: np.ndarray, f: np.ndarray, doc: np.ndarray, weight: np.ndarray, nfields: int) -> list[tuple[int, str]]:
    """``search._encode`` of many postings lists at once: (outer id, text) for each id in ``outer``
    (a term, or a page of one), from postings sorted by outer id, field and document."""
    m = len(outer)
    if not m:
        return []
    group = outer * nfields + f
    fresh = np.r_[True, group[1:] != group[:-1]]  # first posting of an (outer id, field)
    gap = doc - np.r_[0, doc[:-1]]
    gap[fresh] = doc[fresh]
    flat = np.empty(2 * m, dtype=np.int32)
    flat[0::2] = gap
    flat[1::2] = weight
    del gap
    starts = np.flatnonzero(fresh)
    ends = np.r_[starts[1:], m]
    out: list[tuple[int, str]] = []
    fields: list[str] = []
    current = None
    lo = hi = 0  # the batch of postings [lo, hi) written as text, and where each of its numbers starts in it
    text, at = "", []
    for a, b, o, k in zip(starts.tolist(), ends.tolist(), outer[starts].tolist(), f[starts].tolist()):
        if o != current:
            if current is not None:
                out.append((current, "[" + ",".join(fields) + "]"))
            current, fields = o, ["[]"] * nfields
        if b > hi:  # this list ends past the batch: start a new batch at it
            lo, hi = a, max(b, a + BATCH)
            text, at = _decimal(flat[2 * lo : 2 * hi])
        fields[k] = "[" + text[at[2 * (a - lo)] : at[2 * (b - lo)] - 1] + "]"
    out.append((current, "[" + ",".join(fields) + "]"))
    return out


def _decimal(numbers: np.ndarray) -> tuple[str, list[int]]:
    """Non-negative integers as ``",".join(map(str, numbers)) + ","``, and where each one starts
    in it (and the end): ~3x faster than ``str`` one number at a time, digit by digit over all
    of them at once, which is most of writing an archive's index."""
    v = numbers.astype(np.int64)
    width = np.ones(len(v), np.int64)  # digits of each
    top, power = (int(v.max()) if len(v) else 0), 10
    while power <= top:
        width += v >= power
        power *= 10
    digits = int(width.max()) if len(v) else 1
    grid = np.zeros((len(v), digits + 1), np.uint8)  # right-aligned digits and a comma; 0 is no character
    grid[:, digits] = ord(",")
    rest = v.copy()
    for k in range(digits):
        column = grid[:, digits - 1 - k]
        column[:] = ord("0") + rest % 10
        rest //= 10
        if k:
            column[width <= k] = 0  # no leading zeros
    cells = grid.ravel()
    at = np.zeros(len(v) + 1, np.int64)
    np.cumsum(width + 1, out=at[1:])
    return cells[cells != 0].tobytes().decode("ascii"), at.tolist()


def _split(f: np.ndarray, doc: np.ndarray, weight: np.ndarray, nfields: int) -> tuple[str, list[str], list[int], int] | None:
    """As ``search._split_big``, written: the head (the HEAD documents where the term weighs most),
    the rest in pages of TAIL documents, the pages' first documents, and the head's least weight;
    None for a term in HEAD documents or fewer (its postings, in several fields, may be more)."""
    # The postings are in runs, one per field, each in document order: a stable sort merges them,
    # and every sort here keeps the (field, document) order within what it groups.
    ordered = np.sort(doc, kind="stable")
    unique = ordered[np.r_[True, ordered[1:] != ordered[:-1]]]
    if len(unique) <= search.HEAD:
        return None
    inverse = np.searchsorted(unique, doc)
    total = np.bincount(inverse, weights=weight).astype(np.int64)
    ranked = np.lexsort((unique, -total))
    least = int(total[ranked[search.HEAD - 1]])
    chosen = np.zeros(len(unique), dtype=bool)
    chosen[ranked[: search.HEAD]] = True
    in_head = chosen[inverse]
    zero = np.zeros(int(in_head.sum()), dtype=np.int32)
    head = _encode_groups(zero, f[in_head], doc[in_head], weight[in_head], nfields)[0][1]
    tail = ~in_head
    tf, td, tw = f[tail], doc[tail], weight[tail]
    firsts = unique[~chosen][:: search.TAIL]
    page = np.searchsorted(firsts, td, side="right") - 1
    order = np.argsort(page.astype(np.int16) if len(firsts) < 2**15 else page, kind="stable")  # int16: a radix sort
    pages = [text for _, text in _encode_groups(page[order], tf[order], td[order], tw[order], nfields)]
    return head, pages, firsts.tolist(), least
