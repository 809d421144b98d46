"""Sentences: the verbatim spine cut into sentences, and the edited text laid over it.

The edited transcript wins where it exists; each of its words inherits the
time, speaker and chapter of the spine word it aligns to. The verbatim text
continues from the first sentence the edited text does not cover.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass

from dataclasses import replace

from ..errors import Problems
from ..model import ANOTHER, EditedText, Origin, Speaker
from ..text import ends_sentence, split_sentences, starts_sentence, word_key
from .align import align
from .backbone import Spine, para_starts

# Speech-to-text without punctuation (YouTube's captions) has no sentence ends; a
# "sentence" there is cut so that no caption segment or search snippet runs on:
# nine in ten of the page's punctuated sentences have at most 29 words (median 12), so
# a run of 40 is cut at its next comma or paragraph break, and one of 55 wherever it is.
SENTENCE_WORDS = 40  # an unpunctuated run is cut after this many words, at a comma or paragraph break ...
SENTENCE_HARD = 55  # ... or here, wherever it is


@dataclass(frozen=True)
class Draft:
    """A sentence before passages are formed: spine position decides order and chapter."""

    text: str
    first: int  # spine index of its first word
    start: float
    end: float
    speaker: Speaker
    origin: Origin
    measured: bool
    sponsor: bool
    kind: str  # "edited" or "verbatim"
    chapter: int = 0
    turn: bool = False  # opens a turn the sources mark without naming its speaker (captions' ">>")
    times: tuple[float, ...] = ()  # each word's start, for verbatim text (``Sentence.times``)


def backbone_sentences(spine: Spine, chapter_at: tuple[int, ...]) -> list[Draft]:
    """Cut the spine into sentences: at sentence ends, speaker changes, chapter starts and ad edges.

    A verbatim page breaks its paragraphs mid-sentence ("And there's two" /
    "sub-questions."), so there a paragraph break alone does not end a
    sentence; in edited prose it does.
    """
    drafts: list[Draft] = []
    turns = _turns(spine)
    cuts = set(chapter_at) | turns
    n = len(spine.keys)
    piece_start = 0
    for k in range(n):
        nxt = k + 1
        if nxt < n and not (
            spine.speaker[nxt] != spine.speaker[k]
            or nxt in cuts
            or spine.sponsor[nxt] != spine.sponsor[k]
            or (ends_sentence(spine.texts[k]) and starts_sentence(spine.texts[nxt]))
            or (spine.kind == "edited" and spine.para[nxt] != spine.para[k])
            or (nxt - piece_start >= SENTENCE_WORDS and (spine.texts[k].endswith((",", ";", ":")) or spine.para[nxt] != spine.para[k]))
            or nxt - piece_start >= SENTENCE_HARD
        ):
            continue
        drafts.append(_draft(spine, piece_start, nxt, piece_start in turns))
        piece_start = nxt
    return drafts


def _turns(spine: Spine) -> set[int]:
    """The first word of each paragraph a source opens with "someone else speaks" (``ANOTHER``).

    Where the speakers are known, that is a change of speaker anyway; where they are not (captions
    whose every turn is ">>"), it is still a change, and a passage must not run on across it:
    four turns of a dialogue read as one paragraph of one voice.
    """
    return {k for p, k in para_starts(spine).items() if spine.paragraphs[p].label.strip() == ANOTHER}


def _draft(spine: Spine, a: int, b: int, turn: bool) -> Draft:
    paragraph = spine.paragraphs[spine.para[a]]
    end = _end(spine, b - 1)
    return Draft(
        text=" ".join(spine.texts[a:b]),
        first=a,
        start=round(spine.time[a], 2),
        end=round(max(end, spine.time[a]), 2),
        speaker=spine.speaker[a],
        origin=paragraph.origin,
        measured=spine.measured[a],
        sponsor=spine.sponsor[a],
        kind=spine.kind,
        turn=turn,
        times=tuple(round(t, 3) for t in spine.time[a:b]),
    )


def _end(spine: Spine, k: int) -> float:
    """When a sentence whose last word is spine word ``k`` ends: where the next word starts, or
    earlier where a source says the word ends (a pause, music or an ad break follows: the sentence
    is not shown through it); the episode's last word, where its source says, else 0.4 s on."""
    following = spine.time[k + 1] if k + 1 < len(spine.time) else None
    said = spine.ends.get(k)
    if said is not None and said >= spine.time[k] and (following is None or said < following):
        return said
    return following if following is not None else spine.time[k] + 0.4


def _edited_words(edited: EditedText) -> list[tuple[str, Origin, int]]:
    """The edited text's words as (word, origin, sentence number)."""
    words: list[tuple[str, Origin, int]] = []
    sentence_no = 0
    for text, origin in edited.paragraphs:
        for sentence in split_sentences(text):
            for w in sentence.split():
                words.append((w, origin, sentence_no))
            sentence_no += 1
    return words


def use_edited(
    edited: EditedText, spine: Spine, verbatim: list[Draft], chapter_at: tuple[int, ...], problems: Problems
) -> list[Draft]:
    """Edited sentences where the edited text reaches; verbatim from the next sentence on.

    Each edited word is aligned to the spine, so it inherits the time, speaker
    and chapter of the word it matches.
    A sentence that spans a speaker change or a chapter start is split there.
    Sponsor reads the editor removed come back as verbatim passages so nothing said is lost.
    """
    words = _edited_words(edited)
    if not words:  # all it held read as a heading above the text ("You know what's crazy? … Meaning wha", cut short)
        return verbatim
    result = align([word_key(w) for w, _, _ in words], spine.keys)
    matched = result.matched()
    if len(matched) < 0.3 * len(words):
        problems.add(edited.path, None, f"the edited transcript does not match the verbatim transcript ({len(matched)} of {len(words)} words found)")
        return verbatim
    pos = _fill_positions(result.pairs, [sn for _, _, sn in words])
    spans = _covered_spans([t for _, t in matched])
    chapter_of = lambda i: bisect.bisect_right(chapter_at, i) - 1  # noqa: E731

    drafts: list[Draft] = []
    k = 0
    while k < len(words):
        s = words[k][2]
        m = k
        while m < len(words) and words[m][2] == s:
            m += 1
        if 2 * sum(result.pairs[x] is not None for x in range(k, m)) < m - k and not _inside(spans, pos[k], pos[k] + 1):
            k = m  # mostly unmatched and placed outside what the edited text covers (beside a cut): its verbatim stays
            continue
        piece = k
        for x in range(k, m):
            nxt = x + 1
            split = nxt == m or (
                (spine.speaker[pos[nxt]] != spine.speaker[pos[x]] and _owned(pos, spine, nxt, m, piece))
                or chapter_of(pos[nxt]) != chapter_of(pos[x])
            )
            if split:
                drafts.append(_edited_draft(words, pos, spine, piece, nxt))
                piece = nxt
        k = m
    # Verbatim wherever the edited text does not reach (before it, after it, a stretch the editor
    # cut), plus any sponsor read the editor removed. A verbatim sentence the edited text begins or
    # ends inside is cut there where a sentence ends inside it (``_beyond_seam``), else kept only if
    # it covers less than half of it, so a seam neither loses nor repeats one.
    unfinished = {t for q, t in matched if not ends_sentence(words[q][0])}
    rest = []
    for d in verbatim:
        n = len(d.text.split())
        covered = _inside(spans, d.first, d.first + n)
        beyond = _beyond_seam(spine, spans, d, n, unfinished) if 0 < covered < n and not d.sponsor else None
        if beyond is not None:
            rest.append(beyond)
        elif covered == 0 or covered < n / 2 or (d.sponsor and not _edited_covers(pos, d, n)):
            rest.append(d)
    merged = sorted(drafts + rest, key=lambda d: d.first)
    for k in range(1, len(merged)):
        a, b = merged[k - 1], merged[k]
        if b.start < a.start:  # alignment jitter never sends the clock backwards
            b = merged[k] = replace(b, start=a.start)
        end = max(a.start, min(a.end, b.start))
        if end != a.end:  # (replace only what changes: most sentences are in order already)
            merged[k - 1] = replace(a, end=end)
    return merged


#: Words a seam may leave between the edited text's edge and a sentence end of the verbatim text:
#: fillers an editor drops ("um", "uh, so").
SEAM_SLACK = 3


def _beyond_seam(spine: Spine, spans: list[tuple[int, int]], d: Draft, n: int, unfinished: set[int]) -> Draft | None:
    """The part of a verbatim sentence the edited text begins or ends inside that it does not give,
    where a sentence ends at the seam: speech-to-text that starts a sentence with a lowercase filler
    ("…think with. um Violin as on…") runs two sentences into one, and the edited text's last
    sentence was said again with the next (7 words of 22 covered: under half, so all 22 kept).
    Where no sentence ends there and the edited text ends mid-sentence (cut off: "…and what would
    it"; ``unfinished``, the spine words its unfinished last words match), the rest is what it does
    not give, more than SEAM_SLACK words of it: over half covered, the 15 words after the cut were
    lost. Where the edited sentence is whole, what it leaves out (a false start, a trailing "you
    know") was left out by the editor."""
    a, b = d.first, d.first + n
    for lo, hi in spans:
        if lo <= a < hi < b:  # the edited text ends inside: the rest after the sentence end at its edge
            end = next((k for k in range(hi - 1, min(hi + SEAM_SLACK, b - 1)) if ends_sentence(spine.texts[k])), None)
            if end is not None:
                return _draft(spine, end + 1, b, False)
            return _draft(spine, hi, b, False) if hi - 1 in unfinished and b - hi > SEAM_SLACK else None
        if a < lo < b <= hi:  # it begins inside: what comes before the sentence end at its edge
            end = next((k for k in range(lo - 1, max(lo - 1 - SEAM_SLACK, a) - 1, -1) if ends_sentence(spine.texts[k])), None)
            return _draft(spine, a, end + 1, d.turn) if end is not None else None
    return None


#: Spine words in a row that no edited word matches, from which the editor cut a stretch rather
#: than trimmed it: the embedded episode's edited text skips at most 13 words at a time (false
#: starts, fillers) over the 3,650 it covers, so 40 is three times that.
CUT = 40


def _covered_spans(matched: list[int]) -> list[tuple[int, int]]:
    """The stretches of the spine the edited text covers, [first, end): its matched spine
    positions, in order, split wherever CUT or more words in a row go unmatched. A match with no
    other within three words is left out: a stray word paired inside a cut stretch (the edit
    distance pairs a few letters where it can) must not claim the sentences around it."""
    near = [t for k, t in enumerate(matched) if (k and t - matched[k - 1] <= 3) or (k + 1 < len(matched) and matched[k + 1] - t <= 3)]
    spans: list[tuple[int, int]] = []
    for t in near:
        if spans and t - spans[-1][1] < CUT:
            spans[-1] = (spans[-1][0], t + 1)
        else:
            spans.append((t, t + 1))
    return spans


def _inside(spans: list[tuple[int, int]], a: int, b: int) -> int:
    """How many of the spine positions [a, b) the spans cover."""
    k = max(bisect.bisect_right(spans, (a, float("inf"))) - 1, 0)
    covered = 0
    while k < len(spans) and spans[k][0] < b:
        covered += max(0, min(b, spans[k][1]) - max(a, spans[k][0]))
        k += 1
    return covered


def _owned(pos: list[int], spine: Spine, nxt: int, end: int, start: int) -> bool:
    """A speaker change splits an edited sentence only if both pieces have 3+ words and the new speaker keeps the floor."""
    return nxt - start >= 3 and end - nxt >= 3 and spine.speaker[pos[nxt + 1]] == spine.speaker[pos[nxt]]


def _fill_positions(pairs: tuple[int | None, ...], sentence: list[int]) -> list[int]:
    """Give each unmatched edited word the spine position of a matched word of its own sentence.

    The previous matched word of the sentence if there is one, else the next;
    a sentence with no match at all follows the text before it.
    """
    pos: list[int | None] = list(pairs)
    n = len(pos)
    first_match = next(t for t in pos if t is not None)
    k = 0
    previous = first_match
    while k < n:
        m = k
        while m < n and sentence[m] == sentence[k]:
            m += 1
        inside = [t for t in pos[k:m] if t is not None]
        last = inside[0] if inside else previous
        for x in range(k, m):
            if pos[x] is None:
                pos[x] = last
            else:
                last = pos[x]
        previous = last
        k = m
    return pos  # type: ignore[return-value]


def _edited_covers(pos: list[int], d: Draft, n: int) -> bool:
    span = set(range(d.first, d.first + n))
    return sum(1 for p in pos if p in span) >= n / 2


def _edited_draft(words, pos, spine: Spine, a: int, b: int) -> Draft:
    first = pos[a]
    tally = Counter(spine.speaker[pos[x]] for x in range(a, b))
    speaker = max(sorted(tally, key=lambda who: who.key), key=tally.__getitem__)  # a tie goes to the first key
    end = _end(spine, pos[b - 1])
    origin = words[a][1]
    return Draft(
        text=" ".join(w for w, _, _ in words[a:b]),
        first=first,
        start=round(spine.time[first], 2),
        end=round(max(end, spine.time[first]), 2),
        speaker=speaker,
        origin=origin,
        measured=spine.measured[first],
        sponsor=False,
        kind="edited",
    )
