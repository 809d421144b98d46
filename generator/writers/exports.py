"""Transcript exports beside each episode's pages, for players and other tools.

- ``transcript.json``: Podcasting 2.0 JSON transcript, one segment per sentence.
- ``transcript.vtt``: WebVTT captions, a ``<v Speaker Name>`` voice tag on every cue.
- ``transcript.srt``: SubRip captions; the speaker's name as a ``Name: `` prefix on the
  first line of the first cue of each turn (and nowhere else). Words no source credits
  to anyone (a nameless speaker) get no prefix in SRT and no voice tag in WebVTT; where a
  source marks a new turn without a name (captions' ``>>``), its first cue opens ``>> `` in both.
- ``chapters.json``: Podcasting 2.0 chapters.

Both caption files carry the same cues, cut the way broadcast captions are: at most two
lines of at most 42 characters (the SRT name prefix counts toward its line), cut at
sentence ends, then clause punctuation, then before a conjunction; never a lone word
unless it is the speaker's whole turn; about 1 to 7 seconds each and at most 20
characters per second where the speech's timing allows it. Where it does not (fast
speech), cue times stay faithful to the speech rather than drift from it. No cue
overlaps the next one or ends after the episode does; nor does a JSON segment. A line
said again right after itself shares a cue with it, as its second line: two one-line
cues back to back with the same line read as one caption kept up, so once.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate, chain
from typing import NamedTuple

from ..model import Episode, Sentence
from ..readers.captions import CONTIGUOUS, shows_again
from ..text import is_title
from .urls import chapter_url
from .values import closed_bidi

LINE = 42  # characters per caption line: the common broadcast guideline
CUE_LINES = 2
MIN_CUE = 1.0  # seconds a cue stays up at least, where the next cue leaves room
MAX_CUE = 7.0  # seconds; longer stretches are cut into more cues
MAX_CPS = 20.0  # characters per second a viewer can read
SHORT = 20  # characters; a shorter piece of a sentence reads as a scrap on its own
LABEL_MAX = 20  # a longer name is shortened to its first word in the SRT prefix

# Words a clause or phrase often starts with: cutting just before them reads naturally.
_CONJUNCTIONS = frozenset(
    "and but or so because that which who whom whose when where while if then although though "
    "since unless until whereas whether than".split()
)
_PREPOSITIONS = frozenset("of in on at for with about from into to by like as through over under after before".split())
# Words that lean on the next one: a line or cue should not end on them.
_LEANING = frozenset("a an the of to in on at for with by from my your our their his her its this these those".split())
_SENTENCE_END = re.compile(r"[.?!…][\"”’')\]]*$")
_CLAUSE_END = re.compile(r"[,;:—–][\"”’')\]]*$")


@dataclass(frozen=True)
class Cue:
    """One caption: shown from ``start`` to ``end`` (seconds), one or two lines of one speaker."""

    start: float
    end: float
    speaker: str
    lines: tuple[str, ...]
    named: bool = False  # first cue of a turn: the SRT names the speaker here (or marks it ">> ")
    marked: bool = False  # of a turn a source marks without naming who speaks


#: The exports beside each episode page, with the label readers see on the episode page.
EXPORTS: tuple[tuple[str, str], ...] = (
    ("transcript.json", "JSON, with speakers and times"),
    ("transcript.vtt", "WebVTT captions"),
    ("transcript.srt", "SubRip captions"),
    ("chapters.json", "Chapters as JSON"),
)


def export_files(ep: Episode, base_url: str | None, captions: Callable[[], dict[str, bytes]] | None = None) -> dict[str, bytes]:
    """One episode's export files (name -> bytes): they depend on nothing else, so the build can cache them.

    ``captions`` gives ``caption_files`` when they are being made elsewhere meanwhile.
    """
    files = {
        "transcript.json": transcript_json(ep).encode("utf-8"),
        "chapters.json": chapters_json(ep, base_url).encode("utf-8"),
    }
    files.update(captions() if captions else caption_files(ep))
    return {name: files[name] for name, _ in EXPORTS}


def caption_files(ep: Episode) -> dict[str, bytes]:
    """The WebVTT and SubRip captions: most of the exports' work (cutting the cues), so a build of
    one episode makes them in a forked process while it makes the rest."""
    captions = cues(ep)  # cut once, written twice
    return {"transcript.vtt": webvtt(ep, captions).encode("utf-8"), "transcript.srt": srt(ep, captions).encode("utf-8")}


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def _fit(spans: list[tuple[float, float]], limit: float, unit: float) -> list[tuple[int, int]]:
    """Spans as whole ``unit``s that never overlap, always end after they start and end by ``limit``.

    The written files have a finite resolution (ms in captions, cs in JSON), so the
    guarantees are made on the numbers as written, not on floats that round later.
    """
    top = max(int(limit / unit + 1e-9), len(spans))  # floor: never round past the end
    out: list[list[int]] = []
    previous = 0
    for start, end in spans:
        a = max(round(start / unit), previous, 0)
        b = max(round(end / unit), a + 1)
        out.append([a, b])
        previous = b
    following = top
    for span in reversed(out):  # pull back from the end: the episode's length wins
        span[1] = min(span[1], following)
        span[0] = min(span[0], span[1] - 1)
        following = span[0]
    return [(a, b) for a, b in out]


def transcript_json(ep: Episode) -> str:
    """Podcasting 2.0 JSON transcript (version 1.0.0), float seconds."""
    rows = [(p.speaker.name, s) for p in ep.passages for s in p.sentences]
    times = _fit([(s.start, s.end) for _, s in rows], ep.duration, 0.01)
    segments = [
        {"speaker": closed_bidi(who), "startTime": a / 100, "endTime": b / 100, "body": s.text}
        for (who, s), (a, b) in zip(rows, times)
    ]
    return _dump({"version": "1.0.0", "segments": segments})


def chapters_json(ep: Episode, base_url: str | None) -> str:
    """Podcasting 2.0 chapters (version 1.2.0); chapter page URLs when the site has a base URL."""
    chapters = []
    for ch in ep.chapters:
        item: dict[str, object] = {"startTime": ch.start, "endTime": ch.end, "title": closed_bidi(ch.title)}
        if base_url:
            item["url"] = base_url + chapter_url(ep, ch)
        chapters.append(item)
    return _dump({"version": "1.2.0", "chapters": chapters})


# --- cutting turns into cues -----------------------------------------------------


def label(name: str) -> str:
    """The name as the SRT prefix shows it; short enough to leave room for words on its line, and
    its bidi overrides closed: an open U+202E reversed the words after it on the line (QA37)."""
    return closed_bidi(name if len(name) <= LABEL_MAX else name.split()[0][:LABEL_MAX])


def _prefix(name: str, marked: bool = False) -> str:
    """``Name: `` before a turn's first SRT line; for a turn the sources mark without a name,
    ``>> `` (the captions convention, read back as such); nothing for other words nobody is credited with."""
    return f"{label(name)}: " if name.strip() else ">> " if marked else ""


class _Token(NamedTuple):
    """A word (or a piece of one too long for a line) and its time: a tuple, as an episode has
    ~15,000 of them and a frozen dataclass took 1.5 us each to make."""

    text: str
    start: float
    end: float
    glued: bool  # continues the previous token without a space (a word too long for a line)
    sentence_end: bool  # last word of a sentence of the model


def _turns(ep: Episode) -> list[tuple[str, bool, list[Sentence]]]:
    """Runs of consecutive sentences by one speaker, across passage and chapter breaks: (name,
    whether a source marks the run's start as a turn, its sentences)."""
    turns: list[tuple[str, bool, list[Sentence]]] = []
    for p in ep.passages:
        if turns and turns[-1][0] == p.speaker.name and not p.turn:
            turns[-1][2].extend(p.sentences)
        else:
            turns.append((p.speaker.name, p.turn, list(p.sentences)))
    return turns


def _tokens(sentences: list[Sentence], first_width: int) -> list[_Token]:
    """The turn's words, each timed by the clock where the sentence has its words' times
    (``Sentence.times``), else in proportion to its characters within its sentence."""
    out: list[_Token] = []
    append = out.append
    for s in sentences:
        words = s.text.split()
        if not words:
            continue
        total = len(" ".join(words))
        start = s.start
        span = max(s.end - s.start, 0.0)
        said = _word_times(s, len(words))
        offset = 0
        last_word = len(words) - 1
        for k, word in enumerate(words):
            # a word wider than its line is cut into pieces that fit, glued back on display
            width = first_width if not out else LINE
            pieces = (word,) if len(word) <= width else [word[:width]] + [word[i : i + LINE] for i in range(width, len(word), LINE)]
            end = len(pieces) - 1
            for n, piece in enumerate(pieces):
                a = offset
                offset += len(piece)
                last = k == last_word and n == end
                b = total if last else offset + (n == end)  # a whole word's time takes its space
                if said:  # its pieces share the word's own time
                    w0, w1 = said[k], said[k + 1]
                    t0, t1 = w0 + (w1 - w0) * n / len(pieces), w0 + (w1 - w0) * (n + 1) / len(pieces)
                else:
                    t0, t1 = start + span * a / total, start + span * b / total
                append(_Token(piece, t0, t1, n > 0, last))
            offset += 1  # the space
    return out


def _word_times(s: Sentence, n: int) -> list[float] | None:
    """Where each of the sentence's ``n`` words starts, and the sentence's end after them, kept
    within the sentence and in order; None where it has no times of its words (edited text)."""
    if len(s.times) != n:
        return None
    times, previous = [], s.start
    for t in s.times:
        previous = min(max(t, previous), s.end)
        times.append(previous)
    return times + [s.end]


def _cut_cost(tokens: list[_Token], k: int) -> float:
    """How badly a cut between ``tokens[k - 1]`` and ``tokens[k]`` reads (0: a sentence end)."""
    before, after = tokens[k - 1], tokens[k]
    if after.glued:
        return 60.0
    ends_sentence, ends_clause, _, _, leans = _word(before.text)
    if before.sentence_end or ends_sentence:
        return 0.0
    _, _, dash, head, _ = _word(after.text)
    if ends_clause or dash:
        return 2.0
    if leans:  # "... at the same time and / then ..."
        return 12.0
    if head in _CONJUNCTIONS:
        return 4.0
    if head in _PREPOSITIONS:
        return 6.0
    return 8.0


@functools.lru_cache(maxsize=1 << 14)
def _word(text: str) -> tuple[bool, bool, bool, str, bool]:
    """What ``_cut_cost`` asks of a word: ends a sentence, ends a clause, starts with a dash, its
    bare lowercase head, leans on the next word. Remembered: an episode says a few thousand
    words ~15,000 times."""
    tail = text.lower()
    return (
        bool(_SENTENCE_END.search(text)) and not is_title(text),
        bool(_CLAUSE_END.search(text)),
        text[0] in "—–",
        text.strip("\"“‘'(").lower(),
        tail in _LEANING or tail in _CONJUNCTIONS,
    )


class _Turn:
    """One speaker's turn as tokens, with prefix sums so that any run of them is costed in O(1)."""

    def __init__(self, tokens: list[_Token], first_width: int, following: float) -> None:
        self.tokens = tokens
        self.first_width = first_width
        n = len(tokens)
        self.starts = [t.start for t in tokens]
        self.stops = [t.end for t in tokens]
        self.closes = [t.sentence_end for t in tokens]  # the token ends a sentence
        # silence after token k that a cue ending there may stay up into (until the next turn, at the end)
        nexts = self.starts[1:] + [following]
        self.silence = [max(nexts[k] - self.stops[k], 0.0) for k in range(n)]
        # prefix sums: characters, spaces before, sentence ends, silences after sentence ends
        self.chars = list(accumulate([len(t.text) for t in tokens], initial=0))
        self.spaces = list(accumulate([not t.glued for t in tokens], initial=0))
        self.ends = list(accumulate(self.closes, initial=0))
        self.pauses = list(accumulate([q if c else 0.0 for q, c in zip(self.silence, self.closes)], initial=0.0))
        self.cuts = [0.0] + [_cut_cost(tokens, k) for k in range(1, n)] + [0.0]

    def width(self, i: int, j: int) -> int:
        """Characters of ``tokens[i:j]`` on one line."""
        return self.chars[j] - self.chars[i] + self.spaces[j] - self.spaces[i + 1]

    def room(self, i: int) -> int:
        """Characters the first line of a cue starting at token i has: less after the SRT name."""
        return self.first_width if i == 0 else LINE

    def layout(self, i: int, j: int) -> tuple[float, int] | None:
        """Best (cost, second line's first token) for ``tokens[i:j]``; j means one line; None: does not fit.

        ``cost`` and ``layout`` say what a cue costs; ``cut`` inlines both for speed.
        """
        room = self.room(i)
        if self.width(i, j) <= room:
            return 0.0, j
        chars, spaces, cuts = self.chars, self.spaces, self.cuts
        best: tuple[float, int] | None = None
        for b in range(j - 1, i, -1):  # the bottom line grows as b goes back, the top one shrinks
            bottom = chars[j] - chars[b] + spaces[j] - spaces[b + 1]
            if bottom > LINE:
                break
            top = chars[b] - chars[i] + spaces[b] - spaces[i + 1]
            if top > room:
                continue
            # a break near the middle at a clause or phrase boundary; no one-word line
            cost = cuts[b] / 2 + abs(top - bottom) / 6 + (10.0 if b - i == 1 or j - b == 1 else 0.0)
            if best is None or cost < best[0]:
                best = (cost, b)
        return best

    def cost(self, i: int, j: int) -> float:
        """How badly ``tokens[i:j]`` reads as one cue, its line break aside."""
        n = len(self.tokens)
        closes = self.closes
        spoken = self.stops[j - 1] - self.starts[i]
        shown = min(spoken + self.silence[j - 1], MAX_CUE)
        cost = 1.0 + self.cuts[j]
        if j - i == 1 and n > 1:
            cost += 1000.0  # a lone word, unless it is the whole turn
        if shown < MIN_CUE and (i, j) != (0, n):  # a whole turn said in under a second may be short
            cost += 5.0 + 20.0 * (MIN_CUE - shown)
        if spoken > MAX_CUE:
            cost += 30.0 + 10.0 * (spoken - MAX_CUE)
        chars = self.width(i, j)
        opens = i == 0 or closes[i - 1]
        if chars < SHORT and not (opens and closes[j - 1]):
            cost += 0.4 * (SHORT - chars)  # a scrap of a sentence ("of investment.") on its own
        if shown > 0 and chars / shown > MAX_CPS:
            cost += 0.5 * (chars / shown - MAX_CPS)
        inner = self.ends[j - 1] - self.ends[i]  # sentences ending inside the cue
        if inner:
            cost += inner * 1.5 + (0.0 if opens and closes[j - 1] else 3.0)
            cost += 3.0 * (self.pauses[j - 1] - self.pauses[i])  # text shown through a silence
        return cost

    def cut(self) -> list[tuple[int, int, int]]:
        """Cheapest cutting of the turn into cues, as (first token, second line's first token, end).

        ``cost`` and ``layout`` inlined, term for term and in their order (the same floats, so the
        same ties; tests hold it to the plain loop over them): this loop is most of a build's
        exports (cutting the embedded episode 0.160 -> 0.077 s, min of 9; exports 0.243 -> 0.143 s).
        """
        tokens = self.tokens
        n = len(tokens)
        best: list[float] = [0.0] + [float("inf")] * n
        back: list[tuple[int, int]] = [(0, 0)] * (n + 1)
        cuts, chars, spaces, first = self.cuts, self.chars, self.spaces, self.first_width
        starts, stops, silence, closes, ends, pauses = self.starts, self.stops, self.silence, self.closes, self.ends, self.pauses
        halves = [c / 2 for c in cuts]
        # the last token a top line starting at i can hold (its width grows with its end)
        top_end = [0] * n
        b = 0
        for i in range(n):
            room = first if i == 0 else LINE
            b = max(b, i)
            while b < n and chars[b + 1] - chars[i] + spaces[b + 1] - spaces[i + 1] <= room:
                b += 1
            top_end[i] = b
        wide = 0  # the first token a cue ending at j can start at
        low = 0  # the first token a bottom line ending at j can start at: it only moves on with j
        for j in range(1, n + 1):
            while chars[j] - chars[low] + spaces[j] - spaces[low + 1] > LINE:
                low += 1
            floor = 1.0 + cuts[j]  # what any cue ending at j costs at least (the terms below only add to it)
            stop, quiet, closing, ended, paused = stops[j - 1], silence[j - 1], closes[j - 1], ends[j - 1], pauses[j - 1]
            while chars[j] - chars[wide] + spaces[j] - spaces[wide + 1] > (first if wide == 0 else LINE) + 1 + LINE:
                wide += 1  # tokens[wide:j] is too wide for two lines whatever their break
            # First the cue that extends the best last cue by this token (most often the best, or
            # close), then the rest widest first: once a good cue is found most others fall to the
            # bound below. Ties go to the shortest cue (largest i), as they always did, whatever the order.
            bj, bi = best[j], -1
            start = back[j - 1][0]
            order = chain((start,), range(wide, start), range(start + 1, j)) if wide <= start else range(wide, j)
            for i in order:
                if best[i] + floor > bj:
                    continue  # cannot beat the best cutting found for j
                width = chars[j] - chars[i] + spaces[j] - spaces[i + 1]
                # how badly tokens[i:j] reads as one cue, its line break aside
                spoken = stop - starts[i]
                shown = spoken + quiet
                if shown > MAX_CUE:
                    shown = MAX_CUE
                cost = floor
                if j - i == 1 and n > 1:
                    cost += 1000.0  # a lone word, unless it is the whole turn
                    if best[i] + cost > bj:
                        continue  # the terms below only add to it
                if shown < MIN_CUE and (i or j != n):  # a whole turn said in under a second may be short
                    cost += 5.0 + 20.0 * (MIN_CUE - shown)
                if spoken > MAX_CUE:
                    cost += 30.0 + 10.0 * (spoken - MAX_CUE)
                opens = i == 0 or closes[i - 1]
                if width < SHORT and not (opens and closing):
                    cost += 0.4 * (SHORT - width)  # a scrap of a sentence ("of investment.") on its own
                if shown > 0 and width / shown > MAX_CPS:
                    cost += 0.5 * (width / shown - MAX_CPS)
                inner = ended - ends[i]  # sentences ending inside the cue
                if inner:
                    cost += inner * 1.5 + (0.0 if opens and closing else 3.0)
                    cost += 3.0 * (paused - pauses[i])  # text shown through a silence
                total = best[i] + cost
                if total > bj:
                    continue  # a line break costs nothing or more: no need to lay it out
                room = first if i == 0 else LINE
                if width <= room:  # one line
                    if total < bj or i > bi:
                        best[j], bj, bi = total, total, i
                        back[j] = (i, j)
                    continue
                # the line break: near the middle at a clause or phrase boundary; no one-word line
                lay, at = -1.0, 0
                for b in range(min(j - 1, top_end[i]), max(i, low - 1), -1):  # each b leaves both lines short enough
                    top = chars[b] - chars[i] + spaces[b] - spaces[i + 1]
                    bottom = chars[j] - chars[b] + spaces[j] - spaces[b + 1]
                    c = halves[b] + abs(top - bottom) / 6
                    if b - i == 1 or j - b == 1:
                        c += 10.0
                    if lay < 0 or c < lay:
                        lay, at = c, b
                if lay >= 0 and (total + lay < bj or (total + lay == bj and i > bi)):
                    best[j], bj, bi = total + lay, total + lay, i
                    back[j] = (i, at)
        out = []
        j = n
        while j > 0:
            i, b = back[j]
            out.append((i, b, j))
            j = i
        return out[::-1]


def _text(tokens: list[_Token]) -> str:
    return "".join(("" if t.glued or k == 0 else " ") + t.text for k, t in enumerate(tokens))


def cues(ep: Episode) -> list[Cue]:
    """The episode's captions: each turn cut into readable cues, timed by its words."""
    turns = _turns(ep)
    raw: list[Cue] = []
    for n, (who, marked, sentences) in enumerate(turns):
        prefix = _prefix(who, marked)
        first_width = LINE - len(prefix)
        following = next((s.start for _, _, later in turns[n + 1 :] for s in later), ep.duration)
        turn = _Turn(_tokens(sentences, first_width), first_width, following)
        toks = turn.tokens
        for i, b, j in turn.cut():
            lines = tuple(line for line in (_text(toks[i:b]), _text(toks[b:j])) if line)
            raw.append(Cue(toks[i].start, toks[j - 1].end, who, lines, named=i == 0 and bool(prefix), marked=marked))
    # let short or fast cues stay up longer, into the silence before the next one
    spans = []
    for k, cue in enumerate(raw):
        following = raw[k + 1].start if k + 1 < len(raw) else ep.duration
        wanted = min(max(MIN_CUE, len(" ".join(cue.lines)) / MAX_CPS), MAX_CUE)
        end = max(cue.end, min(cue.start + wanted, following))
        spans.append((cue.start, end))
    times = _fit(spans, ep.duration, 0.001)
    return _unmistaken([Cue(a / 1000, b / 1000, c.speaker, c.lines, c.named, c.marked) for c, (a, b) in zip(raw, times)])


def _unmistaken(captions: list[Cue]) -> list[Cue]:
    """The cues with each one-line cue that a caption reader takes for the one-line cue before it
    kept up or painted on (the same line again, or that line and more, right after it: the
    reader's ``shows_again`` within ``CONTIGUOUS``) joined to it as its second line: a sentence
    said twice ("The whole problem is the power." twice, 4 ms apart) was read back once."""
    out: list[Cue] = []
    for cue in captions:
        before = out[-1] if out else None
        if before is not None and len(before.lines) == 1 and len(cue.lines) == 1 and not cue.named:
            shown = _prefix(before.speaker, before.marked) + before.lines[0] if before.named else before.lines[0]
            now = cue.lines[0]
            if cue.start <= before.end + CONTIGUOUS and shows_again(shown, now):
                out[-1] = Cue(before.start, cue.end, before.speaker, (before.lines[0], now), before.named, before.marked)
                continue
        out.append(cue)
    return out


def _stamp(seconds: float, sep: str) -> str:
    ms = int(round(seconds * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def webvtt(ep: Episode, captions: list[Cue] | None = None) -> str:
    """WebVTT with voice tags on every cue (players show the speaker per cue)."""
    blocks = ["WEBVTT\n"]
    for cue in cues(ep) if captions is None else captions:
        name = _vtt_escape(closed_bidi(cue.speaker)).strip()  # a name holding "<", ">" or "&" (WebVTT ends the tag at ">")
        # no voice tag rather than an empty one; a turn marked without a name starts ">> " as it came
        voice = f"<v {name}>" if name else _vtt_escape(_prefix("", cue.marked)) if cue.named else ""
        body = [voice + _vtt_escape(cue.lines[0])] + [_vtt_escape(line) for line in cue.lines[1:]]
        blocks.append(f"{_stamp(cue.start, '.')} --> {_stamp(cue.end, '.')}\n" + "\n".join(body) + "\n")
    return "\n".join(blocks)


def _vtt_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def srt(ep: Episode, captions: list[Cue] | None = None) -> str:
    """SubRip: numbered cues, ``Name: `` before the first line of each turn's first cue."""
    blocks = []
    for n, cue in enumerate(cues(ep) if captions is None else captions, 1):
        lines = list(cue.lines)
        if cue.named:
            lines[0] = _prefix(cue.speaker, cue.marked) + lines[0]
        lines = [_SRT_TAG.sub("\u2039", line).replace("-->", "\u2192") for line in lines]
        blocks.append(f"{n}\n{_stamp(cue.start, ',')} --> {_stamp(cue.end, ',')}\n" + "\n".join(lines) + "\n")
    return "\n".join(blocks)


# SubRip has no escapes, and its players read <i>, <b> and <font> (web ones put the text in
# innerHTML): a "<" that could open a tag is written "‹", so text that says "<img …>" shows as text;
# and "-->" in the text, which a lenient reader takes for a cue's timing line, is written "→".
_SRT_TAG = re.compile(r"<(?=\s*[/!?A-Za-z])")
