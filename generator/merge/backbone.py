"""The backbone: the source that covers the whole episode in order, as one word sequence.

Every other source is placed by aligning it to these words (see ``align``).
When several sources cover the whole episode, the one with the best text is
the backbone (``RANK``): a publisher's verbatim page with paragraphs and
punctuation beats captions, captions with a person's hand on them beat a
machine's, and edited prose is the backbone only when nothing verbatim covers
the episode. Word-level parts are the backbone only when they are all there is:
laid end to end in the order of their numbers. Parts cut with an overlap (each
repeating the last seconds of the one before, so that no word is lost at a
cut) give the words they share once: each part gives half (``_splices``).

The other timed sources become *fits*: for each backbone word they match, the
time the source gives it. Word-level parts give times relative to their own
start (``offset`` unknown until timing places them); captions, Whisper runs
and publisher transcripts give times on the episode's clock (offset 0).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..errors import Problems
from ..model import Origin, PodcastPage, Segment, Speaker, TimedSegment, TimedTranscript, Turn, Word, WordPart
from ..text import word_key
from .align import POOR, SEED, align

# Which full transcript is the backbone, best first. The page is a human's
# verbatim text with paragraphs; uploaded caption and transcript files come
# next; Whisper is a machine's; a publisher's edited prose is not verbatim.
RANK = {"podcast-page": 0, "transcript-json": 1, "transcript-html": 1, "captions": 2, "whisper": 3, "publisher": 4, "words": 5}

# How much later a timed transcript may start, or earlier end, than the others and still cover the
# whole episode: WHOLE_SHARE of their span, at least WHOLE_SLACK seconds. Whole transcripts of one
# recording begin and end with its first and last words: the embedded episode delivered as captions,
# Whisper JSON and Podcasting 2.0 files, within 0.5 s of each other at both ends. What one
# transcriber adds at an end and another leaves out (captions' "[Music]" over an outro, Whisper's
# "Thanks for watching!" in the silence after it) runs a minute or two; a part misses far more:
# half the episode, or its last ten minutes of 96 (10%).
WHOLE_SLACK = 60.0
WHOLE_SHARE = 0.05
# Seconds a word of a segment whose end is not given (a publisher's or an HTML transcript's turn
# stamps only its start) is taken to last, to know where the last turn ends: 0.5 s, slower than
# speech (the embedded episode: 0.37 s a word), so that a long closing turn is never short.
WORD_SECONDS = 0.5

# Words of a part's opening sought at the end of the part before it: two anchors' worth (see
# ``align.SEED``), so that a run of speech said twice by chance is not taken for an overlap.
PROBE = 2 * SEED
# An overlap shorter than that (a second or three) is found word for word: the earlier part's last
# words, at least SHORT of them, are the later part's first words. Two cuts of one recording agree
# there; speech that happens to repeat the words just before a cut right after it is rare.
SHORT = 3
# Share of the words two parts both say that must be the very same word. Two renderings of a
# speech by different hands agree on most: the embedded episode's parts and its page, on 92% and
# 96% of the parts' words; two cuts of one recording by one speech-to-text, on more. Texts that
# are merely alike letter for letter ("models41" and "models49") are not an overlap.
SAME = 0.8
# A recording cut into pieces, each transcribed on its own clock (``restarted_parts``): no two share
# DISTINCT of their runs of three words, or of their cue times to the tenth of a second. Two
# transcripts of one stretch share most words: the embedded episode's parts and its page, 84% and 90%;
# two stretches of one conversation few: the page cut into 1,500-word windows, 45 pairs, 4.8% at most
# (2.7% median). One video's captions in two languages share no words but nearly every cue time
# (ALIKE: half of them or more); pieces share a few by chance, and their first (each piece cut just
# before a word starts it at the same moment), which in a short last piece of 8 cues is 12%.
DISTINCT = 0.2
ALIKE = 0.5
# Pieces of one timed transcript may share this much at their seam (a cue's last second repeated
# where a file was cut) and still be read one after the other; more, and they are two transcripts.
PIECE_OVERLAP = 1.0

# A timed segment whose end is known is short (captions: 1-7 s, Whisper: up
# to 30 s): words inside it are timed by their share of its letters, and are
# covered by a timed source. A turn stamp without an end only times its first
# word; the rest of a turn that may last minutes is left to interpolation.


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the backbone: whom the source says is speaking, and where it is written."""

    label: str
    origin: Origin


@dataclass(frozen=True)
class Spine:
    """The backbone as words, with what each stage learns about every word.

    Stages never change a spine; they return a new one with their field filled
    (``speaker`` by speakers, ``sponsor`` by sponsors, ``time``/``measured`` by timing).
    """

    source: str  # the backbone's path, for messages
    kind: str  # "verbatim" or "edited": which text the backbone's sentences are
    keys: tuple[str, ...]
    texts: tuple[str, ...]
    para: tuple[int, ...]  # each word's paragraph
    paragraphs: tuple[Paragraph, ...]
    speaker: tuple[Speaker, ...] = ()
    sponsor: tuple[bool, ...] = ()
    time: tuple[float, ...] = ()
    measured: tuple[bool, ...] = ()
    # index -> when a source on the episode's clock says the word ends: a word timed to its end, a
    # segment's last word. The next word's start is no end where a silence follows (a pause, music,
    # an ad break): the sentence before it would be shown through the silence.
    ends: dict[int, float] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.keys)


@dataclass(frozen=True)
class Fit:
    """A timed source aligned to the spine: spine index -> seconds (from ``offset``)."""

    path: str
    rel: dict[int, float]  # spine index -> seconds from the source's own zero
    speaker: dict[int, str]  # spine index -> the source's speaker label
    first: int
    last: int
    label_lines: dict[str, int] = field(default_factory=dict)  # label -> line where the source first writes it
    offset: float | None = None  # where the source's zero sits on the episode's clock
    how: str = ""  # how the offset was found, for reports
    number: int | None = None  # a word-level part's number
    count: int | None = None  # how many parts the episode was cut into
    absolute: bool = False  # times on the episode's clock already (not a word-level part)
    stamps: frozenset[int] = frozenset()  # spine indexes whose time the source states (a part's block starts)
    ends: dict[int, float] = field(default_factory=dict)  # spine index -> when the source says the word ends (as ``Spine.ends``; a part's, from its zero)
    said: dict[int, int] = field(default_factory=dict)  # spine index -> the part's own word number (where they differ, the part has words the spine lacks or lacks some)


def choose_backbone(sources: list) -> PodcastPage | TimedTranscript | tuple[WordPart, ...] | None:
    """The full transcript with the best text (``RANK``); parts end to end when they are all there is.

    A timed transcript that covers only part of what the others cover (captions of the first
    ten minutes, a transcript of the first half), or says fewer than SAME of the words of a
    complete set of word-level parts, is no backbone: every word outside it would be lost. It
    still adds its times and names where it overlaps.
    """
    full = [s for s in sources if isinstance(s, (PodcastPage, TimedTranscript)) and _has_text(s)]
    parts = [s for s in sources if isinstance(s, WordPart)]
    timed = [s for s in full if isinstance(s, TimedTranscript)]
    if timed:
        spans = {id(s): _span(s) for s in timed}
        first = min(a for a, _ in spans.values())
        last = max(b for _, b in spans.values())
        slack = max(WHOLE_SLACK, WHOLE_SHARE * (last - first))
        whole = [s for s in timed if spans[id(s)][0] <= first + slack and spans[id(s)][1] >= last - slack]
        if _complete(parts):  # every part there: the parts are the whole episode, in words
            said = sum(len(seg.words) for part in parts for seg in part.segments)
            whole = [s for s in whole if sum(len(seg.text.split()) for seg in s.segments) >= SAME * said]
        elif not whole and not any(isinstance(s, PodcastPage) for s in full):  # pieces only
            joined = _one_after_another(timed, spans)
            if joined is not None:
                return joined
            whole = [max(timed, key=lambda s: spans[id(s)][1] - spans[id(s)][0])]  # the one covering most
        full = [s for s in full if isinstance(s, PodcastPage) or s in whole]
    if full:
        return min(full, key=lambda s: RANK["podcast-page" if isinstance(s, PodcastPage) else s.format])
    if parts:
        return tuple(in_order(parts))
    return None


def in_order(parts: list[WordPart]) -> list[WordPart]:
    """Parts by number; those without one in the order site.toml lists them (the folder's: by name, part2 before part10)."""
    given = {id(p): k for k, p in enumerate(parts)}
    return sorted(parts, key=lambda p: (p.number is None, p.number or 0, given[id(p)]))


def on_the_clock(parts: list[WordPart]) -> bool:
    """Whether word-level parts are timed on the episode's clock, not each from its own start: each
    starts about where the one before it ends (a part timed from its own start starts within
    seconds of zero, long before the end of any part but one a few seconds long). A transcriber
    that cut the recording but kept its clock writes them so; chained end to end as parts, 3 such
    parts of the embedded episode put its last hour 11 s off at the median and 46 s at worst, and
    squeezed beside its page (everything after 32:00 into 32:00-46:47). Pieces of a timed transcript
    made parts because they start again at zero (``restarted_parts``) are on their own clocks."""
    if any(p.restarted for p in parts):
        return False
    spans = [(p.segments[0].start, p.words[-1].start) for p in in_order(parts) if p.segments and p.words]
    # each part's first stamp at most an overlap before the last word of the one before (a quarter of
    # it, at most OVERLAP: a 45 s intro's next part, timed from its own zero, opens 25 s in)
    return len(spans) > 1 and all(b[0] > a[1] - min(OVERLAP, (a[1] - a[0]) / 4) for a, b in zip(spans, spans[1:]))


OVERLAP = 60.0  # seconds parts cut with an overlap share (transcribers use 0-30)


def _one_after_another(timed: list[TimedTranscript], spans: dict[int, tuple[float, float]]) -> TimedTranscript | None:
    """Pieces of one transcript, each on the episode's clock (captions delivered as two files, a Whisper
    run per hour), as one: the same kind, each starting where the one before ended (PIECE_OVERLAP).
    None where they are not: two transcripts of the same stretch."""
    pieces = sorted(timed, key=lambda s: spans[id(s)])
    if len(pieces) < 2 or len({s.format for s in pieces}) > 1:
        return None
    if any(spans[id(b)][0] < spans[id(a)][1] - PIECE_OVERLAP for a, b in zip(pieces, pieces[1:])):
        return None
    first = pieces[0]
    return replace(
        first,
        segments=tuple(seg for piece in pieces for seg in piece.segments),
        chapters=tuple(mark for piece in pieces for mark in piece.chapters),
        edited=all(piece.edited for piece in pieces),
    )


def pieces_of(backbone: object, source: TimedTranscript) -> bool:
    """Whether ``source`` is the backbone or one of the pieces it was joined from."""
    if source is backbone:
        return True
    if not isinstance(backbone, TimedTranscript) or not source.segments:
        return False
    return any(seg is source.segments[0] for seg in backbone.segments)


def restarted_parts(sources: list) -> list:
    """Timed transcripts of one kind that each start again at zero and say different things, as
    word-level parts: a recording cut into pieces (a speech-to-text service's upload limit, 25 MB
    for OpenAI's) and each piece transcribed on its own clock. Read as on the episode's clock, the
    second piece "did not match the episode's transcript". As parts they are placed as the
    episode's own parts are: by the transcript they align to, where another source gives one (in
    the order they align in), else end to end in the order listed.

    Beside the episode's own word-level parts too (the parts are no full transcript, so the pieces
    are numbered where they align, not as listed): read as on the episode's clock there, every
    piece sat at 0:00-10:00 and moments were 38 min off at the median (QA37b).

    Unchanged where the files follow one another on
    the clock as they are (``_one_after_another``); where two of them share their text (two runs
    over one stretch); and where two are cued alike (one video's captions in two languages).
    """
    kinds: dict[str, list[TimedTranscript]] = {}
    for s in sources:
        if isinstance(s, TimedTranscript) and s.segments:
            kinds.setdefault(s.format, []).append(s)
    number: dict[int, tuple[int | None, int]] = {}
    for group in kinds.values():
        if len(group) > 1 and _restarted(group):
            # Another transcript orders them by where they align (``number_by_place``); alone, the listing does.
            alone = not any(isinstance(s, (PodcastPage, WordPart)) or (isinstance(s, TimedTranscript) and s not in group) for s in sources)
            number.update((id(s), (k + 1 if alone else None, len(group))) for k, s in enumerate(group))
    return [_as_part(s, *number[id(s)]) if id(s) in number else s for s in sources]


def _restarted(pieces: list[TimedTranscript]) -> bool:
    """Whether the pieces overlap on the clock as they are, and no two share DISTINCT of their text
    or ALIKE of their cue times."""
    spans = {id(p): _span(p) for p in pieces}
    ordered = sorted(pieces, key=lambda p: spans[id(p)])
    if all(spans[id(b)][0] >= spans[id(a)][1] - PIECE_OVERLAP for a, b in zip(ordered, ordered[1:])):
        return False  # one after another as they are: pieces on the episode's clock
    runs = [_runs(p) for p in pieces]
    cues = [{round(seg.start, 1) for seg in p.segments} for p in pieces]
    return all(
        len(runs[i] & runs[j]) < DISTINCT * min(len(runs[i]), len(runs[j])) and len(cues[i] & cues[j]) < ALIKE * min(len(cues[i]), len(cues[j]))
        for i in range(len(pieces))
        for j in range(i + 1, len(pieces))
    )


def _runs(source: TimedTranscript) -> set[tuple[str, ...]]:
    """The runs of three words a transcript says (by ``word_key``)."""
    keys = [k for seg in source.segments for k in map(word_key, seg.text.split()) if k]
    return {tuple(keys[i : i + 3]) for i in range(len(keys) - 2)}


def _as_part(source: TimedTranscript, number: int | None, count: int) -> WordPart:
    """A piece on its own clock as part ``number`` of ``count``: its words' own times where it gives them,
    else its segments' spread by letters (until the next segment, where a segment gives no end)."""
    segments = sorted(source.segments, key=lambda seg: seg.start)
    out = []
    for seg, nxt in zip(segments, segments[1:] + [None]):
        if seg.words:
            words = tuple(replace(w, text=w.text.strip()) for w in seg.words if w.text.strip())
        else:
            said = seg.text.split()
            end = seg.end if seg.end is not None else nxt.start if nxt else seg.start + WORD_SECONDS * len(said)
            words = tuple(Word(w, t, seg.origin) for w, t in zip(said, _spread(said, seg.start, end)) if t is not None)
        if words:
            out.append(TimedSegment(seg.label, seg.start, words, seg.origin))
    return WordPart(source.path, number, count, None, tuple(out), restarted=True)


def _complete(parts: list[WordPart]) -> bool:
    """Whether the parts are all the parts of the episode: numbered 1 to the count they state."""
    counts = {part.count for part in parts}
    return len(counts) == 1 and None not in counts and sorted(part.number or 0 for part in parts) == list(range(1, counts.pop() + 1))


def _span(source: TimedTranscript) -> tuple[float, float]:
    """The first and last moment a timed transcript gives (a segment given only its start lasts
    until the next one starts, the last one for its words at WORD_SECONDS each)."""
    segments = sorted(source.segments, key=lambda seg: seg.start)
    ends = [seg.end if seg.end is not None else nxt.start if nxt else seg.start + WORD_SECONDS * len(seg.text.split())
            for seg, nxt in zip(segments, segments[1:] + [None])]
    return segments[0].start, max(ends)


def _has_text(source: PodcastPage | TimedTranscript) -> bool:
    return bool(source.turns if isinstance(source, PodcastPage) else source.segments)


def make_spine(backbone: PodcastPage | TimedTranscript | tuple[WordPart, ...]) -> tuple[Spine, dict[int, float]]:
    """The backbone's words, and the times it gives them itself (spine index -> seconds)."""
    keys: list[str] = []
    texts: list[str] = []
    para: list[int] = []
    paragraphs: list[Paragraph] = []
    clock: dict[int, float] = {}
    ends: dict[int, float] = {}

    def add(label: str, origin: Origin, words: list[str]) -> None:
        paragraphs.append(Paragraph(label, origin))
        for w in words:
            keys.append(word_key(w))
            texts.append(w)
            para.append(len(paragraphs) - 1)

    if isinstance(backbone, PodcastPage):
        for turn in backbone.turns:
            add(turn.label, turn.origin, turn.text.split())
        return Spine(backbone.path, "verbatim", tuple(keys), tuple(texts), tuple(para), tuple(paragraphs)), clock
    if isinstance(backbone, TimedTranscript):
        for seg in backbone.segments:
            for chunk, times, chunk_ends in _segment_words(seg):
                first = len(keys)
                add(seg.label, seg.origin, chunk)
                for j, t in enumerate(times):
                    if t is not None:
                        clock[first + j] = t
                ends.update((first + j, t) for j, t in enumerate(chunk_ends) if t is not None)
        kind = "edited" if backbone.edited else "verbatim"
        return Spine(backbone.path, kind, tuple(keys), tuple(texts), tuple(para), tuple(paragraphs), ends=ends), clock
    for part, (first, end) in zip(backbone, _splices(backbone)):  # end to end; their times come through their fits
        k = 0
        for seg in part.segments:
            words = [w.text for w in seg.words]
            kept = words[max(first - k, 0) : max(end - k, 0)]
            if kept:
                add(seg.speaker, seg.origin, kept)
            k += len(words)
    return Spine(backbone[0].path, "verbatim", tuple(keys), tuple(texts), tuple(para), tuple(paragraphs)), clock


def _splices(parts: tuple[WordPart, ...]) -> list[tuple[int, int]]:
    """The words each part gives the spine, as (first, end): all of them, but where two parts
    overlap, the earlier one stops and the later one starts at the middle of what they share."""
    keys = [[word_key(w.text) for w in part.words] for part in parts]
    spans = [[0, len(k)] for k in keys]
    for k in range(1, len(parts)):
        before = spans[k - 1]
        shared = _overlap(keys[k - 1][before[0] : before[1]], keys[k])
        if shared is not None:
            before[1] = before[0] + shared[0]
            spans[k][0] = shared[1]
    return [(first, end) for first, end in spans]


def _overlap(before: list[str], after: list[str]) -> tuple[int, int] | None:
    """Where ``after`` repeats the end of ``before``: the middle of what they share, as a word of
    each (the same spoken word), or None when ``after`` starts where ``before`` stops.

    ``after``'s first ``PROBE`` words are sought in ever longer stretches of ``before``'s end, so
    the nearest occurrence to the end is found first; it is an overlap only if everything of
    ``before`` from there on matches the start of ``after`` as two renderings of one speech do.
    """
    probe = after[:PROBE]
    if len(probe) < PROBE or len(before) < PROBE:
        return None
    for n in range(PROBE * 2, SHORT - 1, -1):  # a short overlap: word for word, the longest first
        tail = before[-n:]
        if len(tail) == n and sum(a == b for a, b in zip(tail, after)) >= SAME * n and tail[0] == after[0] and tail[-1] == after[n - 1]:
            return len(before) - n + n // 2, n // 2
    width = 2 * PROBE
    while True:
        start = max(len(before) - width, 0)
        found = align(probe, before[start:])
        pairs = found.matched()
        if len(pairs) * 2 >= PROBE and found.error_rate <= POOR:
            at = max(start + pairs[0][1] - pairs[0][0], 0)  # where after's first word is in before
            tail = before[at:]
            whole = align(tail, after[: len(tail) + len(tail) // 4 + PROBE])
            shared = whole.matched()
            same = sum(tail[q] == after[t] for q, t in shared)
            # the whole rest of ``before`` is said again at the very start of ``after``
            if same >= SAME * len(tail) and whole.error_rate <= POOR and shared[0][1] < SEED and len(tail) - shared[-1][0] <= SEED:
                mine, theirs = shared[len(shared) // 2]
                if theirs < len(after) - 1:
                    return at + mine, theirs
        if not start:
            return None
        width *= 2


def _segment_words(seg: Segment) -> list[tuple[list[str], list[float | None], list[float | None]]]:
    """A segment's paragraphs of words, each word with its time on the clock or None (see module
    notes), and with when it ends, where the source says: its own end, or the segment's for its last."""
    if seg.words:
        said = [w for w in seg.words if w.text.strip()]
        ends = [w.end for w in said]
        if said and ends[-1] is None:
            ends[-1] = seg.end
        return [([w.text.strip() for w in said], [w.start for w in said], ends)]
    chunks = [c.split() for c in seg.text.split("\n\n") if c.split()]
    words = [w for c in chunks for w in c]
    if seg.estimated:  # a start the source does not give: the clock places its words as it places untimed ones
        times = [None] * len(words)
    elif seg.end is not None:
        times = _spread(words, seg.start, seg.end)
    else:
        times = [seg.start] + [None] * (len(words) - 1)
    ends = [None] * (len(words) - 1) + [seg.end]
    out, k = [], 0
    for chunk in chunks:
        out.append((chunk, times[k : k + len(chunk)], ends[k : k + len(chunk)]))
        k += len(chunk)
    return out


def _spread(words: list[str], start: float, end: float) -> list[float | None]:
    """Times for words said between ``start`` and ``end``, by their share of the letters."""
    weights = [len(word_key(w)) + 1 for w in words]
    total = sum(weights) or 1
    span = max(end - start, 0.0)
    out, acc = [], 0
    for w in weights:
        out.append(round(start + span * acc / total, 3))
        acc += w
    return out


#: Words one text says and the other lacks at one place (a stretch the captions lost, a cut): a step
#: between matched words over this many more words of one text than of the other.
LACKED = 20
#: Matched words in a row fewer than this, with such a stretch on both sides, are stray: an edit
#: distance costs a stretch one text lacks the same wherever it lies, so edlib matches the few words
#: beside it to words like them inside it. Five minutes missing from captions beside the page:
#: "how will you know" (40:00) took the page's "How will SSI make money? You know," (42:35), and the
#: 800 words between were squeezed into 1.4 s. (Runs of words that match in a row across the
#: embedded episode's parts, and captions, Whisper and table deliveries of it, are far longer.)
STRAY = 8


def _kept_runs(matched: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The matched pairs (source word, spine word) without the stray runs (``STRAY``, ``LACKED``)."""
    def lacked(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return abs((b[1] - a[1]) - (b[0] - a[0])) >= LACKED

    runs: list[list[tuple[int, int]]] = []
    for pair in matched:
        if runs and not lacked(runs[-1][-1], pair) and pair[0] - runs[-1][-1][0] < LACKED:
            runs[-1].append(pair)
        else:
            runs.append([pair])
    k = 1
    while k < len(runs) - 1:
        run = runs[k]
        if len(run) < STRAY and lacked(runs[k - 1][-1], run[0]) and lacked(run[-1], runs[k + 1][0]):
            del runs[k]
            k = max(k - 1, 1)  # the run before now has another neighbour
        else:
            k += 1
    return [pair for run in runs for pair in run]


#: Words more a timed transcript says than the page between two words they both say (at most
#: ``UNSAID_HERE`` apart in the page) for the page to lack them: the page was cut there. An answer
#: of 833 words missing from the page was lost without a word, though the captions beside it said
#: it. Renderings of one speech differ by far less: across the embedded episode's parts and some 50
#: deliveries of it beside its page (captions, Whisper, tables, TTML, panels), none lacks a stretch
#: of even 12 words so.
LACKING = 30
UNSAID_HERE = 20
SAID_ANEW = 0.3  # of a stretch's words, different ones at least: a loop's are a few (2 of 50), talk's half or more
EDGE = 3  # a step between matched words over this many more words of the transcript than of the page ...
STRAYING = 3  # ... at the edge of a stretch the page lacks, up to this many words matched across it


Backbone = PodcastPage | TimedTranscript | tuple[WordPart, ...]


def filled(backbone: Backbone, sources: list, known: Callable[[str], Speaker | None]) -> Backbone:
    """The page with every stretch it lacks that a timed transcript says (``LACKING``) put in where it
    is said, as turns of their own: the transcript's words under its speaker's name where ``known``
    names them, else under no label (its words are named by the sources that time them). The best
    ranked transcript fills first; anything else is returned as it is."""
    if not isinstance(backbone, PodcastPage):
        return backbone
    page = backbone
    for source in sorted((s for s in sources if isinstance(s, TimedTranscript) and s.segments and not s.edited), key=lambda s: RANK[s.format]):
        said: list[tuple[str, str, Origin]] = []  # word, label, where
        for seg in source.segments:
            said.extend((w, seg.label, seg.origin) for chunk, _, _ in _segment_words(seg) for w in chunk)
        spine, _ = make_spine(page)
        said_keys = [word_key(w) for w, _, _ in said]
        matched = _past_cold_open(spine, said_keys, _kept_runs(align(said_keys, spine.keys).matched()))
        lacked = []
        for k in range(len(matched) - 1):
            a, b = matched[k], matched[k + 1]
            if (b[0] - a[0]) - (b[1] - a[1]) < LACKING or b[1] - a[1] > UNSAID_HERE + 1:
                continue
            # a word or two matched across the edge, far from the words before (or after) it, are
            # words like them said in the stretch ("at" of "you at SSI" for the page's "validated at")
            i, j = k, k + 1
            while i > max(k - STRAYING, 0) and (matched[i][0] - matched[i - 1][0]) - (matched[i][1] - matched[i - 1][1]) >= EDGE:
                i -= 1
            while j < min(k + STRAYING, len(matched) - 1) and (matched[j + 1][0] - matched[j][0]) - (matched[j + 1][1] - matched[j][1]) >= EDGE:
                j += 1
            after, stretch = _seam(spine, said, matched[i], matched[j])
            # not the words of a voice no one is pinned to (a mid-roll ad: given to the guest), nor a
            # loop (Whisper's "Thank you." 25 times, put into the middle of a sentence)
            stretch = [w for w in stretch if not w[1].strip() or known(w[1]) is not None]
            keys = [word_key(w) for w, _, _ in stretch]
            if len(stretch) >= LACKING and len(set(keys)) >= SAID_ANEW * len(keys):
                lacked.append((after, stretch))
        if matched and (head := _beyond(spine, said, matched, known, last=False)):
            lacked.insert(0, head)
        if matched and (tail := _beyond(spine, said, matched, known, last=True)):
            lacked.append(tail)
        if lacked:
            page = replace(page, turns=_with_turns(page, spine, lacked, known))
    return page


def _past_cold_open(spine: Spine, keys: list[str], matched: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The matched pairs with the page's opening on the transcript's second saying of it, where the
    transcript opens with a copy of it (a cold open, a teaser): an edit distance costs the copy the
    same on either saying, and edlib took the first, so the real opening was put in as a stretch the
    page lacks after it, phrases said twice at the seam. Found as the first stretch the page lacks
    holding, in order, the page's words from its start up to the stretch; the words before that
    saying are then the transcript's own (``_beyond`` puts them in before the page's first word)."""
    if not matched or matched[0][1] > UNSAID_HERE:
        return matched
    seam = next((k for k in range(len(matched) - 1) if (matched[k + 1][0] - matched[k][0]) - (matched[k + 1][1] - matched[k][1]) >= LACKING), None)
    if seam is None:
        return matched
    a, b = matched[seam], matched[seam + 1]
    opening = list(spine.keys[matched[0][1] : a[1] + 1])
    stretch = keys[a[0] + 1 : b[0]]
    if len(opening) < PROBE:
        return matched
    found = align(opening, stretch)
    copy = found.matched()
    if len(copy) < SAME * len(opening) or found.error_rate > POOR or len(stretch) - 1 - copy[-1][1] > UNSAID_HERE:
        return matched
    start = a[0] + 1 + max(copy[0][1] - copy[0][0], 0)
    again = _kept_runs(align(keys[start:], spine.keys).matched())
    return [(q + start, t) for q, t in again]


def _beyond(spine: Spine, said: list[tuple[str, str, Origin]], matched: list[tuple[int, int]], known: Callable[[str], Speaker | None], last: bool) -> tuple[int, list[tuple[str, str, Origin]]] | None:
    """What a timed transcript says before the page's first words, or after its ``last`` (within
    UNSAID_HERE of them), where that is a stretch as ``filled`` takes one: a pre-roll ad or an intro,
    an outro or a closing sponsor read the page leaves out (captions' 58 words either side were lost
    without a word). Strays matched across it are stepped over. Before the first word, its place is
    -1."""

    def gap(k: int) -> int:  # the transcript's words between matched pairs k and k + 1, less the page's
        return (matched[k + 1][0] - matched[k][0]) - (matched[k + 1][1] - matched[k][1])

    i = len(matched) - 1 if last else 0
    while last and i > max(len(matched) - 1 - STRAYING, 0) and gap(i - 1) >= EDGE:
        i -= 1
    while not last and i < min(STRAYING, len(matched) - 1) and gap(i) >= EDGE:
        i += 1
    if (len(spine) - 1 - matched[i][1] if last else matched[i][1]) > UNSAID_HERE:
        return None
    after, stretch = _seam(spine, said, matched[i], (len(said), len(spine))) if last else _seam(spine, said, (-1, -1), matched[i])
    stretch = [w for w in stretch if not w[1].strip() or known(w[1]) is not None]
    keys = [word_key(w) for w, _, _ in stretch]
    beside = len(spine) - 1 - after if last else matched[i][1] - after - 1  # the page's own words it opens or ends with
    if len(stretch) - beside < LACKING or len(set(keys)) < SAID_ANEW * len(keys) or last and _repeated(keys):
        return None
    return after, stretch


#: Words a phrase said over and over at an edge may hold and be Whisper's loop, not speech.
LOOP_SPAN = 100


def _repeated(keys: list[str]) -> bool:
    """Whether the words are one phrase said again and again: Whisper's loop in the silence after the
    last word ("Thank you for watching. … Subtitles by the Amara.org community." twice over, QA39,
    was put in as the host's outro), where its words vary too much for SAID_ANEW. Nine words in
    ten the same as those a phrase's length before."""
    n = len(keys)
    return any(sum(keys[k] == keys[k + p] for k in range(n - p)) >= 0.9 * (n - p) for p in range(1, min(LOOP_SPAN, n // 2) + 1))


def _seam(spine: Spine, said: list[tuple[str, str, Origin]], a: tuple[int, int], b: tuple[int, int]) -> tuple[int, list[tuple[str, str, Origin]]]:
    """Where the words the page lacks between matched pairs ``a`` and ``b`` go (after which page word),
    and which they are: the page's few words between them that the stretch opens or ends with are
    the page's, said once ("Okay, Okay, so let's suppose")."""
    between = list(spine.keys[a[1] + 1 : b[1]])
    stretch = said[a[0] + 1 : b[0]]
    after = a[1]
    while between and stretch and word_key(stretch[0][0]) == between[0]:
        stretch, between, after = stretch[1:], between[1:], after + 1
    while between and stretch and word_key(stretch[-1][0]) == between[-1]:
        stretch, between = stretch[:-1], between[:-1]
    return after, stretch


def _with_turns(page: PodcastPage, spine: Spine, lacked: list[tuple[int, list[tuple[str, str, Origin]]]], known: Callable[[str], Speaker | None]) -> tuple[Turn, ...]:
    """The page's turns with each stretch put in after the page word it follows (spine index; -1:
    before the first), its turn cut there."""
    cuts: dict[int, list[tuple[int, list[tuple[str, str, Origin]]]]] = {}
    starts = para_starts(spine)
    for after, words in lacked:
        p = spine.para[max(after, 0)]
        cuts.setdefault(p, []).append((after - starts[p] + 1, words))
    out: list[Turn] = []
    for p, turn in enumerate(page.turns):
        words, at = turn.text.split(), 0
        for offset, stretch in cuts.get(p, []):
            if words[at:offset]:
                out.append(replace(turn, text=" ".join(words[at:offset])))
            at = offset
            for w, label, origin in stretch:
                person = known(label)
                name = person.name if person is not None else ""
                if out and out[-1].origin.path == origin.path and out[-1].label == name:
                    out[-1] = replace(out[-1], text=f"{out[-1].text} {w}")
                else:
                    out.append(Turn(name, w, origin))
        if words[at:] or at == 0:
            out.append(replace(turn, text=" ".join(words[at:])) if at else turn)
    return tuple(out)


def fit_part(part: WordPart, spine: Spine, problems: Problems, on_clock: bool = False) -> Fit | None:
    """Align a word-level part to the spine; a part that matches nowhere is a problem, not a guess.
    ``on_clock``: its times are the episode's (``on_the_clock``), and place it as they are."""
    words = part.words
    result = align([word_key(w.text) for w in words], spine.keys)
    matched = result.matched()
    if len(matched) < 0.5 * len(words) or result.error_rate > 0.35:
        problems.add(part.path, None, f"this part does not match the episode's transcript ({len(matched)} of {len(words)} words found)")
        return None
    matched = _kept_runs(matched)
    speaker_of = {id(w): seg.speaker for seg in part.segments for w in seg.words}
    lines = {}
    for seg in part.segments:
        lines.setdefault(seg.speaker, seg.origin.line)
    rel = {t: words[q].start for q, t in matched}
    who = {t: speaker_of[id(words[q])] for q, t in matched}
    # Measured: each block's first word (the reader spreads the rest by letters), and every word a
    # Whisper piece times itself (it gives each word's end too).
    opening = {id(seg.words[0]) for seg in part.segments if seg.words}
    stamps = frozenset(t for q, t in matched if id(words[q]) in opening or words[q].end is not None)
    said = {t: q for q, t in matched}
    ends = {t: words[q].end for q, t in matched if words[q].end is not None}  # a Whisper piece's, on its own clock
    if on_clock:
        return Fit(part.path, rel, who, matched[0][1], matched[-1][1], lines, offset=0.0, how="times on the episode's clock",
                   number=part.number, count=part.count, absolute=True, stamps=stamps, said=said, ends=ends)
    return Fit(part.path, rel, who, matched[0][1], matched[-1][1], lines, number=part.number, count=part.count, stamps=stamps, said=said, ends=ends)


def fit_timed(source: TimedTranscript, spine: Spine, problems: Problems) -> Fit | None:
    """Align a timed transcript that is not the backbone; its times are on the clock already."""
    words: list[str] = []
    times: list[float | None] = []
    ends: list[float | None] = []
    labels: list[str] = []
    lines: dict[str, int] = {}
    for seg in source.segments:
        lines.setdefault(seg.label, seg.origin.line)
        for chunk, chunk_times, chunk_ends in _segment_words(seg):
            words.extend(chunk)
            times.extend(chunk_times)
            ends.extend(chunk_ends)
            labels.extend([seg.label] * len(chunk))
    result = align([word_key(w) for w in words], spine.keys)
    matched = result.matched()
    if len(matched) < 0.3 * len(words):
        problems.add(source.path, None, f"this transcript does not match the episode's transcript ({len(matched)} of {len(words)} words found)")
        return None
    matched = _kept_runs(matched)
    rel = {t: times[q] for q, t in matched if times[q] is not None}
    who = {t: labels[q] for q, t in matched}
    said_until = {t: ends[q] for q, t in matched if ends[q] is not None}
    return Fit(source.path, rel, who, matched[0][1], matched[-1][1], lines, offset=0.0, how="times on the episode's clock", absolute=True, ends=said_until)


def fit_names(path: str, named: list[tuple[str, str, Origin]], spine: Spine) -> Fit | None:
    """An untimed transcript's speaker names (an edited transcript's "Ana Lima: …" paragraphs)
    aligned to the spine: who says each word it matches, and no time. None where it matches too
    little of itself to say (another episode's text). An unnamed paragraph's words ("" their name)
    are aligned too, naming no one: left out, they left a hole in which a named paragraph's words
    matched stray words of the spine, and the name ran on over another person's sentences (a
    transcript naming a turn's first paragraph only: 266 of 15,363 words the wrong person's)."""
    words: list[str] = []
    labels: list[str] = []
    lines: dict[str, int] = {}
    for name, text, origin in named:
        if name:
            lines.setdefault(name, origin.line or 1)
        said = text.split()
        words.extend(said)
        labels.extend([name] * len(said))
    matched = align([word_key(w) for w in words], spine.keys).matched()
    if len(matched) < 0.3 * len(words):
        return None
    who = {t: labels[q] for q, t in matched}
    return Fit(path, {}, who, matched[0][1], matched[-1][1], lines, offset=0.0, how="names only, no times", absolute=True)


def para_starts(spine: Spine) -> dict[int, int]:
    """The spine index of each paragraph's first word."""
    starts: dict[int, int] = {}
    for i, p in enumerate(spine.para):
        starts.setdefault(p, i)
    return starts
