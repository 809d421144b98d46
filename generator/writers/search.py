"""Search indexing: a lunr.py index of passages, loaded by lunr.js in the reader's browser.

Fed the merged ``Site``, it writes the index cut into small files under ``search/``, so a
reader's first query downloads a few shards, not the archive (see ``site_files``):

- ``manifest.js``: fields, shard keys, the store's chunk size and each episode's slug
  and first document number;
- ``t/<key>.js``: the postings of every term starting with ``<key>`` (a term shard);
- ``x/<term>/<n>.js``: for a term in more than HEAD documents, the n-th page of TAIL
  documents that its shard leaves out (see ``_split_big``), and ``x/<term>/all.js``, every
  page in one file (``tail_files``);
- ``p/<slug>/<n>.js``: what results show for an episode's documents ``n*CHUNK`` ... (a store chunk);
- ``episodes.js``: each episode's title, speakers, date, length in seconds, YouTube video and
  search tips' examples, for the search page's filters and tips and a time or a video link typed
  as a query.

Every file is a script calling ``episodeSiteSearchData(name, data)``: loaded with a
``<script>`` tag it works over http and opened from disk (where ``fetch`` is refused).

Text is folded to ASCII letters and digits before lunr sees it (``fold``), and
``static/search.js`` folds queries the same way.  That keeps the Python and
JavaScript pipelines in step (their trimmers disagree on non-ASCII letters) and
keeps terms out of the Unicode ranges where Python and JavaScript sort strings
differently, which makes lunr.js throw "Out of order word insertion" on load.
``js_ordered`` sorts the inverted index the JavaScript way as a second guard.

lunr.py's Porter stemmer also differs from lunr.js's in one step (a final "y":
lunr.py stems "play" to "plai", lunr.js keeps "play"), so a reader typing "play"
would miss every "play" in the text.  The index is therefore stemmed the way
lunr.js stems (``stem_like_lunr_js``); read it back in Python with ``load_index``.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import json
import math
import re
from array import array
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
import unicodedata
import zlib
from typing import Any

from lunr.builder import Builder
from lunr.index import Index
from lunr.pipeline import Pipeline
from lunr.stemmer import PorterStemmer
from lunr.stop_word_filter import WORDS as STOP_WORDS, stop_word_filter
from lunr.token import Token
from lunr.trimmer import trimmer

from ..clock import format_clock
from ..model import Episode, Passage, Site
from .urls import passage_url

# Field name in the index -> what it holds, and its boost (measured with
# benchmarks/search_bench.py --quality against tests/search_queries.json).
FIELDS: tuple[tuple[str, str, int], ...] = (
    ("text", "the passage's words", 1),
    ("speaker", "the speaker's name (not the role: 'SSI' would match every guest passage)", 1),
    ("chapter", "the chapter title", 2),
)

#: lunr's document boost of a sponsor read: its words weigh a tenth. Pages fold the reads away, and
#: a reader searching the conversation found an ad first: "neural networks" ranked the read
#: saying "their network of almost 4 billion devices" above the guest's "neural nets" (one word
#: each; the read's the shorter passage). At half, "Gemini" still ranked the read's closing line
#: (13 words, "Gemini" twice: "Gemini 3 … gemini.google") above the guest's "Gemini have found a
#: way" (QA33a): a short passage's score is several times a long one's. A tenth puts a read below
#: conversation passages saying as many of the words; results rank by that count first, so a read
#: is still first where only a read says them (a sponsor's name, its offer).
SPONSOR_BOOST = 0.1

_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc`]")
_THOUSANDS = re.compile(r"(?<=[0-9]),(?=[0-9]{3}(?![0-9]))")  # "10,000" is one number, not 10 and 000
_NOT_WORD = re.compile(r"[\W_]+")  # what is no letter or digit, in any script
# From a word's start only, taken whole: tried at every letter, a 40,000-letter word took 26 s.
_HYPHENATED = re.compile(r"(?<![^\W_])[^\W_]++(?:[-\u2010\u2011\u2013][^\W_]++)+")


def _strip(text: str) -> str:
    """Compatibility-decomposed text without accents and apostrophes (``don’t`` -> ``dont``)."""
    text = _APOSTROPHES.sub("", unicodedata.normalize("NFKD", text))
    return _NON_ASCII.sub(_drop_marks, text)  # only non-ASCII runs can hold combining marks


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _drop_marks(match: re.Match) -> str:
    return "".join(ch for ch in match.group() if not unicodedata.category(ch).startswith("M")).translate(_LETTERS)


#: Letters no decomposition takes apart, as readers type them without the mark or ligature:
#: "soren" for "Søren", "lodz" for "Łódź", "strasse" for "straße" (QA40: "soren" found Søren only
#: by a typo retry, "No passage says “soren”"). ``static/search.js`` has the same table.
_LETTERS = str.maketrans({
    "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "ẞ": "SS", "đ": "d", "Đ": "D",
    "ł": "l", "Ł": "L", "þ": "th", "Þ": "TH", "ð": "d", "Ð": "D", "ı": "i", "ħ": "h", "Ħ": "H",
})  # fmt: skip


def fold(text: str) -> str:
    """Text as the index and the query box both see it: letters and digits between spaces, in any
    script that writes spaces between its words (accents and other marks dropped: "café" is
    "cafe"; Greek, Cyrillic, Arabic or Hebrew words are words; Chinese or Japanese text runs
    together, a "word" to a space, as lunr has no segmenter for them).

    ``static/search.js`` has the same function; change both together.
    """
    folded = _SCALED.sub(_scale_word, _strip(_THOUSANDS.sub("", text)))
    return _NOT_WORD.sub(" ", folded.replace("%", " percent ")).strip()  # "2%" is said "two percent"


# A number with its scale's letter is the number said with its scale word: "$3B" is "3 billion",
# "10k hours" "10 thousand hours", so each finds the other (and "10,000 hours": a number said in
# several words is also held as its value). Readers typed "$3B" and "10k hours" for "$3 billion"
# and "10,000 hours" and found nothing, or "100 hours" by a typo retry. Not "5mb", "1h2m", "2nm".
_SCALED = re.compile(r"(?<![\w.])([0-9]+(?:\.[0-9]+)?)(k|m|bn|b)(?!\w)", re.I)
_SCALE_LETTERS = {"k": "thousand", "m": "million", "b": "billion", "bn": "billion"}


def _scale_word(m: re.Match) -> str:
    return f"{m[1]} {_SCALE_LETTERS[m[2].lower()]}"


# Numbers said in words and written in digits find each other: "5 to 20 years" finds "five to
# twenty", and the other way round. Not "one": mostly a pronoun ("which one", "no one"), it made
# "1%" find 62 passages on the embedded episode, the one saying "1% of GDP" twelfth.
_NUMBER_WORDS = dict(
    zip(
        "zero two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
        "eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion".split(),
        ["0", *map(str, range(2, 21)), *map(str, range(30, 100, 10)), "100", "1000", "1000000", "1000000000"],
    )
)
_NUMBER_DIGITS = {digits: word for word, digits in _NUMBER_WORDS.items()}

# A number said in several words ("ten thousand", "two hundred and fifty", "twenty-five") is also
# held as its value, which readers type in digits: "10000 hours" finds "ten thousand hours", and
# search.js asks for the value of a query's own run ("ten thousand hours" finds "10,000 hours").
# "zero" and "one" stand for no number alone, but "one hundred" is 100.
_UNITS = {w: n for n, w in enumerate("one two three four five six seven eight nine".split(), 1)}
_TEENS = {w: n for n, w in enumerate("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split(), 10)}
_TENS = {w: 10 * n for n, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}


def number_runs(words: Sequence[str]) -> list[tuple[int, int, int]]:
    """(first, end, value) of each run of two or more lower-case words that says one number.

    A run ends where its next word could not continue the number as it is said: "five six" and
    "thirty forty" are two numbers, "thousand thousand" is not one. A year said in two pairs
    ("nineteen ninety-nine", "twenty twenty-five") is the year, not its second pair. An empty
    word is a clause's end (``clause_words``): "twenty. Five years later" says no 25.
    ``static/search.js`` has the same numberRuns (a browser test holds them together).
    """
    runs = []
    i = 0
    while i < len(words):
        if words[i] not in _RUN_WORDS and not words[i][:1].isdigit():  # most words: no number starts there
            i += 1
            continue
        year = _year_at(words, i)
        end, value, said = year or _number_at(words, i)
        if said >= 2:
            runs.append((i, end, value))
            i = end
        else:
            i += 1
    return runs


def _digits(word: str) -> bool:
    """A whole number as digits, short enough to multiply by a scale word (not "007")."""
    return word.isascii() and word.isdigit() and len(word) <= 6 and not word.startswith("0")


def _pair_at(words: Sequence[str], i: int) -> tuple[int, int] | None:
    """(end, value) of a number from 10 to 99 said at ``words[i]`` ("ninety-nine", "twelve")."""
    w = words[i] if i < len(words) else ""
    if w in _TEENS:
        return i + 1, _TEENS[w]
    if w in _TENS:
        unit = words[i + 1] if i + 1 < len(words) else ""
        return (i + 2, _TENS[w] + _UNITS[unit]) if unit in _UNITS else (i + 1, _TENS[w])
    return None


def _year_at(words: Sequence[str], i: int) -> tuple[int, int, int] | None:
    """(end, year, words) of a year said as two pairs, its century from eleven to twenty."""
    first = _pair_at(words, i)
    if first is None or not 11 <= first[1] <= 20:
        return None
    second = _pair_at(words, first[0])
    if second is None:
        return None
    return second[0], first[1] * 100 + second[1], second[0] - i


def clause_words(text: str) -> list[str]:
    """The lower-case folded words of ``text``, an empty word at each clause's end (for ``number_runs``).

    Folded once, with a word standing for each clause's end (folding clause by clause took the
    embedded episode's index from 18 to 30 ms).
    """
    marked = _CLAUSE.sub(f" {_END} ", _THOUSANDS.sub("", text))  # "10,000" is one number, not a clause's end
    return ["" if w == _END else w for w in fold(marked).lower().split()] + [""]


_END = "x0clause0x"  # a word no text says, that fold keeps


# What ends a clause: "ten, thousand" is two numbers; a point or comma between digits does not ("1.5 million").
_CLAUSE = re.compile(r"(?:(?<![0-9])[.,]|[.,](?![0-9])|[;:!?\u2026()\[\]\"\u201c\u201d\u2014\u2013])+")
_RUN_WORDS = frozenset(_UNITS) | frozenset(_TEENS) | frozenset(_TENS) | {"hundred"} | frozenset(_SCALES)


def _number_at(words: Sequence[str], i: int) -> tuple[int, int, int]:
    """(end, value, number words) of the longest number said from ``words[i]``; digits before a
    scale word count as its multiple ("200 million", not after more digits: "1.5 million")."""
    total = group = said = 0  # group: the part below the last scale word
    kind = ""  # the last word's: "unit", "teen", "tens", "hundred", "scale", "digits"
    below = 10**15  # a scale word must be smaller than the one before it
    end = j = i
    if _digits(words[i]) and not (i and words[i - 1].isascii() and words[i - 1].isdigit()) and i + 1 < len(words) and words[i + 1] in _SCALES:
        group, kind, said = int(words[i]), "digits", 1
        end = j = i + 1
    while j < len(words):
        w = words[j]
        if w == "and" and kind in ("hundred", "scale") and j + 1 < len(words) and (words[j + 1] in _UNITS or words[j + 1] in _TEENS or words[j + 1] in _TENS):
            j += 1  # "two hundred and fifty"
            continue
        if w in _UNITS:
            if kind in ("unit", "teen"):
                break
            group, kind = group + _UNITS[w], "unit"
        elif w in _TEENS or w in _TENS:
            if kind in ("unit", "teen", "tens"):
                break
            group, kind = group + (_TEENS.get(w) or _TENS[w]), "teen" if w in _TEENS else "tens"
        elif w == "hundred":
            if kind in ("hundred", "scale") or group >= 100:  # "thousand hundred" is not said
                break
            group, kind = (group or 1) * 100, "hundred"
        elif w in _SCALES and _SCALES[w] < below and kind != "scale" and (kind != "digits" or j == i + 1):
            below = _SCALES[w]
            total, group, kind = total + (group or 1) * below, 0, "scale"
        else:
            break
        said += 1
        j = end = j + 1
    return end, total + group, said


def index_text(text: str, vocabulary: frozenset[str] = frozenset()) -> str:
    """Folded text, plus what readers may type for its words in another form:

    - hyphenated compounds written solid ("pretraining" finds "pre-training");
    - numbers in digits for number words and in words for digits ("5 to 20" finds "five to twenty"),
      and the value of a number said in several words ("ten thousand" as 10000);
    - two words written solid where the episode itself writes them so (``vocabulary``, its
      lower-cased folded words): "superintelligence" finds "super intelligence", "OpenAI" "Open AI".
      Stop words and single letters are never joined ("a way" is not "away");
    - each word's light stem where it differs from its stem (``light_term``), for ranking.
    """
    return _index_text(text, fold(text), vocabulary)


def _index_text(text: str, folded: str, vocabulary: frozenset[str]) -> str:
    """``index_text`` of ``text`` whose ``fold`` is made already."""
    words = folded.lower().split()
    extra = [_NOT_WORD.sub("", m.group()) for m in _HYPHENATED.finditer(_strip(text))]
    extra += [_NUMBER_WORDS.get(w) or _NUMBER_DIGITS[w] for w in words if w in _NUMBER_WORDS or w in _NUMBER_DIGITS]
    if number_runs(words):  # a run in the words alone; then only a run within one clause counts
        extra += [str(value) for _, _, value in number_runs(clause_words(text))]
    if "percent" in words:
        extra += percents(clause_words(text))  # "one by one, percent by percent" says no 1%
    if vocabulary:
        extra += [a + b for a, b in zip(words, words[1:]) if a + b in vocabulary and _joinable(a) and _joinable(b)]
    extra += [t for t in map(light_term, words) if t]
    return " ".join([folded, *extra]).strip()


def percents(words: Sequence[str]) -> list[str]:
    """"1percent" for "1%", "1 percent" and "one percent" ("twenty five percent": "25percent") in
    ``clause_words``, so a query for a percentage finds the passage saying it first: "one percent"
    listed "100% obvious" and "one" said apart first, "1% of GDP" second. ``static/search.js``'s
    joins() asks for the same terms."""
    ends = {end: value for _, end, value in number_runs(words)}
    out = []
    for i in range(1, len(words)):
        if words[i] != "percent":
            continue
        n = words[i - 1]
        if i in ends:
            out.append(f"{ends[i]}percent")
        elif n.isascii() and n.isdigit() and not (i >= 2 and words[i - 2].isascii() and words[i - 2].isdigit()):  # not "1.5%"
            out.append(f"{n}percent")
        elif n in _UNITS or n in _TEENS or n in _TENS:
            out.append(f"{_UNITS.get(n) or _TEENS.get(n) or _TENS[n]}percent")
    return out


def _joinable(word: str) -> bool:
    return len(word) >= 2 and word not in STOP_WORDS


def indexed_texts(ep: Episode) -> list[str]:
    """Each passage's text as the index reads it: ``index_text`` with the episode's own words."""
    folded = [fold(p.text) for p in ep.passages]  # once a passage: the vocabulary and the text both need it
    vocabulary = frozenset(w for text in folded for w in text.lower().split())
    return [_index_text(p.text, text, vocabulary) for p, text in zip(ep.passages, folded)]


class _LunrJsPorterStemmer(PorterStemmer):
    """lunr.py's Porter stemmer with lunr.js's step 1c, so both sides make the same terms."""

    def step1c(self) -> None:
        # lunr.js: /^(.+[^aeiou])y$/ -> i; lunr.py: y -> i when the stem has a vowel.
        if self.ends("y") and self.k - self.k0 >= 2 and self.b[self.k - 1] not in "aeiou":
            self.b = self.b[: self.k] + "i" + self.b[self.k + 1 :]


    def light(self, word: str) -> str:
        """Porter's stem without its steps 3 and 4, which take off derivational suffixes ("-al",
        "-ize", "-ion", "-ence"): "generalization" and "generalized" stay "generalize", apart from
        "general" and "generate" (all three "gener" when stemmed fully). ``static/search.js``
        has the same function (``lightStem``); change both together."""
        if len(word) <= 2:
            return word
        self.b, self.k, self.k0 = word, len(word) - 1, 0
        self.step1ab()
        self.step1c()
        self.step2()
        self.step5()
        return self.b[self.k0 : self.k + 1]


_STEMMER = _LunrJsPorterStemmer()

# A passage saying a word of the query's own family ranks above one saying only a word that
# stems alike: "generalization" first finds "generalize" and "generalization", then "general".
# Where the light stem differs from the full one, the text field also holds it between two "_" (a
# word character: lunr's trimmer keeps it). The one after keeps lunr's stemmer off it (Porter only
# looks at a word's end); the one before keeps it from every prefix a reader types and at least two
# edits from every stem, so a prefix, a typo or a half-typed word never reaches it: "emoti" still
# finds what "emot" does, highlighted, not only the passages saying "emotion".
LIGHT_MARK = "_"


@functools.lru_cache(maxsize=None)
def light_term(word: str) -> str | None:
    """The marked light stem of a lower-cased folded word, or None where it says nothing more than the stem."""
    if word in STOP_WORDS:
        return None
    light = _STEMMER.light(word)
    return None if light == _stem(word) else LIGHT_MARK + light + LIGHT_MARK


@functools.lru_cache(maxsize=None)
def _stem(word: str) -> str:
    """A transcript says the same few thousand words again and again: stem each once."""
    return _STEMMER.stem(word)


def stem_like_lunr_js(token: Token, i: int | None = None, tokens: list[Token] | None = None) -> Token:
    """Pipeline step that stems as lunr.js 2.3.9 does."""
    return token.update(lambda word, metadata=None: _stem(word))


# Serialized under lunr.js's name, so lunr.js runs its own stemmer on queries.
stem_like_lunr_js.label = "stemmer"  # type: ignore[attr-defined]


def _builder() -> Builder:
    """lunr's default pipeline (trimmer, stop words, stemmer) with the lunr.js-compatible stemmer."""
    builder = Builder()
    builder.pipeline.add(trimmer, stop_word_filter, stem_like_lunr_js)
    builder.search_pipeline.add(stem_like_lunr_js)
    return builder


def load_index(serialized: str | dict[str, Any]) -> Index:
    """A written index loaded in lunr.py, searching with the same stemmer lunr.js uses."""
    index = Index.load(serialized)
    pipeline = Pipeline()
    pipeline.add(stem_like_lunr_js)
    index.pipeline = pipeline
    return index


def passage_ref(episode_index: int, passage: Passage) -> str:
    """The document key shared by index and store: stable across rebuilds, short on the wire."""
    return f"{episode_index}:{passage.id}"


def _episode_documents(ep: Episode, ei: int) -> list[dict[str, str]]:
    """One lunr document per passage of an episode, fields folded."""
    return [
        {
            "ref": passage_ref(ei, p),
            "text": text,
            "speaker": fold(p.speaker.name),
            "chapter": fold(ep.chapters[p.chapter].title),
        }
        for p, text in zip(ep.passages, indexed_texts(ep))
    ]


def _documents(site: Site) -> list[dict[str, str]]:
    """One lunr document per passage, fields folded."""
    return [doc for ei, ep in enumerate(site.episodes) for doc in _episode_documents(ep, ei)]


def build_index(site: Site, boosts: dict[str, int] | None = None) -> Index:
    """The lunr.py index of every passage; ``boosts`` overrides FIELDS (for tuning)."""
    boosts = boosts or {}
    builder = _builder()
    builder.ref("ref")
    for name, _, boost in FIELDS:
        builder.field(name, boost=boosts.get(name, boost))
    sponsored = {passage_ref(ei, p) for ei, ep in enumerate(site.episodes) for p in ep.passages if p.sponsor}
    for doc in _documents(site):
        builder.add(doc, {"boost": SPONSOR_BOOST} if doc["ref"] in sponsored else None)
    return builder.build()


def _speaker_names(ep: Episode) -> list[str]:
    """Speakers of an episode in a fixed order: host, guest, then anyone else by first appearance."""
    names = [s.name for s in ep.speakers]
    for p in ep.passages:
        if p.speaker.name not in names:
            names.append(p.speaker.name)
    return names


def _utf16_key(text: str) -> bytes:
    """Sort key matching JavaScript's ``<`` on strings: UTF-16 code units, not code points."""
    return text.encode("utf-16-be", "surrogatepass")


def js_ordered(serialized: dict[str, Any]) -> dict[str, Any]:
    """The serialized index with its inverted index sorted as lunr.js expects on load.

    Python sorts by code point, JavaScript by UTF-16 code unit; they disagree when
    a term holds a character above U+FFFF and another one in U+E000..U+FFFF.
    """
    out = dict(serialized)
    out["invertedIndex"] = sorted(serialized["invertedIndex"], key=lambda entry: _utf16_key(entry[0]))
    return out


def dumps(data: Any) -> str:
    """Deterministic compact JSON: sorted keys, no spaces, UTF-8 kept as is."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


# --- the sharded index ------------------------------------------------------------
#
# Lunr 2 scores a document field as dot(query, field vector) / |query|: only the
# field vector's weights for the query's own terms count.  So the postings of a term,
# each carrying that document's field-vector weight for the term, are all a query
# needs, and a shard of terms reproduces the unsplit index's scores exactly.  The
# weights are computed here once over the whole site (global idf and average field
# lengths), the way lunr.py's Builder computes them (checked against it in tests),
# without building lunr.py's index: at 1,000 episodes that takes minutes.
#
# The work is split in two so that an archive's build stays fast: ``episode_index``
# turns one episode into terms and counts (where the episode is merged, in a worker,
# and cached with it), and ``site_files`` only weighs those counts site-wide.

K1, B = 1.2, 0.75  # lunr's BM25 constants
# Documents per store chunk: a page of 10 results loads at most 10 chunks (~2 KB gzip each).
# Store chunks are most of an archive's files (19 of 38 thousand at 1,000 episodes with 4 a
# chunk), and a rebuild links every unchanged file and deletes the last output's: 8 halves them.
CHUNK = 8
SHARD_BYTES = 12_000  # a term shard is split by one more letter above this many bytes (gzip)
# ... or above this many as written: the browser parses the text, not what gzip sends. Varied
# episodes compress 2-2.5x, so their shards stay under this (synthetic archives of 100 and
# 1,000: 32 KB at most); one show's episodes that repeat each other compress far more (100
# copies of the embedded episode: 66x, a shard of 534 KB parsed for 7.6 KB on the wire).
SHARD_RAW = 48_000
# A term in more documents than HEAD keeps only its best HEAD in its shard (see _split_big); the
# rest, in pages of TAIL documents in document order (a page's first document is listed in the
# shard).  A query on common words loads the tail pages of the documents that could still reach
# its first page, so these two set how many requests it makes, which on a loopback server
# (~1.6 ms each, one at a time) is most of its time.  Measured at 1,000 synthetic episodes
# (benchmarks/search_bench.py; tail pages of "pami nabapourai", "varejaifa he maiho", "bai zi"):
# HEAD 600, TAIL 256: 32, 48, 48 pages; 2000/256: 26, 48, 25; 2000/512: 13, 48, 24, first queries
# <= 105 KB gzip; 600/1024: 8, 48, 48 but 175 KB.  A tail page of 512 is ~1.2 KB gzip, so a request
# costs far more than its bytes: 2000/1024 loads 7 and 24 pages for the first two, worst first query
# 94 KB, "pami nabapourai" 92 -> 76 ms (median of 5 runs); 2000/2048 reaches 136 KB for no gain in
# time, and heads of 1,000 or 3,000 with pages of 1,024 change nothing beyond noise (the second
# query needs 24 pages whatever their size: its 30 candidates lie in 24 of them).  A head of 2,000
# stays ~5 KB gzip, and a site of a few episodes splits no term.
HEAD = 2000
TAIL = 1024
VERSION = 3


def documents(site: Site) -> list[dict[str, str]]:
    """Every passage as a lunr document, in site order: its position is its number in the shards."""
    return _documents(site)


@functools.lru_cache(maxsize=None)
def _term(word: str) -> str | None:
    """lunr's index pipeline on one folded, lower-cased word: stop words out, then stemmed."""
    return None if word in STOP_WORDS else _stem(word)


@dataclass(frozen=True)
class EpisodeIndex:
    """One episode's terms and counts, before any site-wide weighing; compact, as an archive holds thousands."""

    slug: str
    title: str
    speakers: tuple[str, ...]  # for the search page's speaker filter
    documents: int
    lengths: tuple[array, ...]  # per field, each document's length in terms
    terms: str  # its distinct terms, sorted, one per line: one string to keep, not thousands
    spans: array  # terms[i]'s postings are the triples postings[3 * spans[i] : 3 * spans[i + 1]]
    postings: array  # (field, document, term frequency) triples, term by term, in document order
    published: str = ""  # its date (ISO), to list the filter's episodes newest first and tell like titles apart
    seconds: int = 0  # its length, rounded up: a typed time past the end is no moment to offer
    video_id: str = ""  # its YouTube video: a link pasted into the search box is a moment of this episode, or of none
    sponsored: tuple[int, ...] = ()  # its documents that are sponsor reads (SPONSOR_BOOST)
    examples: tuple[str, ...] = ()  # the search tips' speaker and chapter words, shown when a search is scoped to it


def episode_index(ep: Episode) -> EpisodeIndex:
    """Tokenize one episode's passages as lunr's pipeline would: what the site-wide weighing needs of it."""
    fields = [name for name, _, _ in FIELDS]
    lengths = tuple(array("I") for _ in fields)
    per_term: dict[str, list[int]] = {}
    for d, doc in enumerate(_episode_documents(ep, 0)):
        for f, name in enumerate(fields):
            terms = [t for t in map(_term, (doc[name] or "").lower().split()) if t]
            lengths[f].append(len(terms))
            for term, tf in Counter(terms).items():
                per_term.setdefault(term, []).extend((f, d, tf))
    ordered = sorted(per_term)
    spans, postings = array("I", [0]), array("I")
    for term in ordered:
        postings.extend(per_term[term])
        spans.append(len(postings) // 3)
    return EpisodeIndex(ep.slug, ep.title, tuple(_speaker_names(ep)), len(ep.passages), lengths, "\n".join(ordered), spans, postings, ep.published, math.ceil(ep.duration), ep.video_id or "", tuple(d for d, p in enumerate(ep.passages) if p.sponsor), search_examples([ep]))


def search_examples(episodes: list[Episode]) -> tuple[str, str]:
    """The filters the search page's tips show: the first name of the newest episode's first guest
    (or its host) and the longest word of one of its chapter titles, so each finds passages on this
    site (the tips named the embedded episode's guest and chapter on every site); where the site
    has no such name or title, placeholders."""

    def words(text: str) -> list[str]:
        return [w for w in fold(text).lower().split() if w.isalpha()]

    # a first name the filter takes: not a stop word the index leaves out ("Will" Smith)
    names = [w for ep in episodes for p in sorted(ep.people, key=lambda p: p.host) for w in [x for x in words(p.name) if x not in STOP_WORDS][:1]]
    titled = [w for ep in episodes if len(ep.chapters) > 1 for ch in ep.chapters for w in words(ch.title) if len(w) >= 4 and w not in STOP_WORDS]
    return (names[0] if names else "name"), (max(titled[:8], key=len) if titled else "word")

def _terms(part: EpisodeIndex) -> list[str]:
    return part.terms.split("\n") if part.terms else []


def _weigh(parts: Sequence[EpisodeIndex], boosts: dict[str, int]) -> dict[str, list[array]]:
    """term -> per field, flat [document number, weight x 1000, ...], as lunr.py's Builder would weigh them."""
    nfields = len(FIELDS)
    n = sum(part.documents for part in parts)
    average = [sum(sum(part.lengths[f]) for part in parts) / n if n else 0 for f in range(nfields)]
    with_term: Counter = Counter()  # lunr counts a document once per field
    for part in parts:
        spans = part.spans
        for i, term in enumerate(_terms(part)):
            with_term[term] += spans[i + 1] - spans[i]
    boost = [boosts.get(name, b) for name, _, b in FIELDS]
    # The length part of BM25's denominator, once per field and length (same expression as lunr.py).
    norm: list[dict[int, float]] = [{} for _ in range(nfields)]
    for part in parts:
        for f in range(nfields):
            for length in set(part.lengths[f]) if average[f] else ():  # a field no document fills has no postings
                if length not in norm[f]:
                    norm[f][length] = K1 * (1 - B + B * (length / average[f]))
    idfs = {term: math.log(1 + abs((n - count + 0.5) / (count + 0.5))) for term, count in with_term.items()}
    postings: dict[str, list[array]] = {}
    first = 0
    for part in parts:
        spans, triples, lengths = part.spans, part.postings, part.lengths
        sponsored = set(part.sponsored)
        for i, term in enumerate(_terms(part)):
            lists = postings.get(term)
            if lists is None:
                lists = postings[term] = [array("i") for _ in range(nfields)]
            idf = idfs[term]
            for j in range(3 * spans[i], 3 * spans[i + 1], 3):
                f, d, tf = triples[j], triples[j + 1], triples[j + 2]
                # Same operations in the same order as lunr.py, so the rounding agrees.
                score = idf * ((K1 + 1) * tf) / (norm[f][lengths[f][d]] + tf)
                score *= boost[f]
                score *= SPONSOR_BOOST if d in sponsored else 1
                lists[f].append(first + d)
                lists[f].append(round(round(score, 3) * 1000))
        first += part.documents
    return postings


def _pairs(flat: array) -> list[tuple[int, int]]:
    return list(zip(flat[0::2], flat[1::2]))


def _encode(per_field: Sequence[Sequence[tuple[int, int]]]) -> str:
    """Per field, [gap, weight, gap, weight, ...] as JSON: document numbers as gaps compress well."""
    out = []
    for plist in per_field:
        flat: list[int] = []
        last = 0
        for d, w in plist:
            flat += [d - last, w]
            last = d
        out.append("[" + ",".join(map(str, flat)) + "]")
    return "[" + ",".join(out) + "]"


def _split_big(per_field: list[list[tuple[int, int]]]) -> tuple[list[list[tuple[int, int]]], list[list[list[tuple[int, int]]]], list[int], int]:
    """A very common term's postings as a head and a tail.

    The head is the HEAD documents where the term weighs most (its weights summed
    over the fields, which is what a query multiplies); the tail, every other
    document, is cut in document order into pages of TAIL documents, each known by
    its first document.  A query loads the head with the shard; search.js then
    knows that no unloaded document weighs more than the head's least (``min``),
    which bounds what the tail can add to any score, and loads a tail page only
    where that bound could change the results shown (for one document, or for
    every document of an episode).  Returns (head, pages, first documents, least).
    """
    total: Counter = Counter()
    for plist in per_field:
        for d, w in plist:
            total[d] += w
    ranked = sorted(total, key=lambda d: (-total[d], d))
    head_docs = set(ranked[:HEAD])
    least = total[ranked[HEAD - 1]]
    head = [[(d, w) for d, w in plist if d in head_docs] for plist in per_field]
    firsts = sorted(total.keys() - head_docs)[::TAIL]
    pages: list[list[list[tuple[int, int]]]] = [[[] for _ in per_field] for _ in firsts]
    for f, plist in enumerate(per_field):
        for d, w in plist:
            if d not in head_docs:
                pages[bisect.bisect_right(firsts, d) - 1][f].append((d, w))
    return head, pages, firsts, least


def _quote(key: str) -> str:
    return f'"{key}"' if key.isascii() and key.isalnum() else json.dumps(key, ensure_ascii=False)


def _shards(encoded: dict[str, str]) -> dict[str, str]:
    """Terms grouped by prefix, each group as the JSON object its shard holds (keys sorted, as
    ``dumps`` sorts them): one letter, one more wherever a group is bigger than SHARD_BYTES.

    A term lives in the shard of the longest key that begins it; terms as short
    as a split key stay in that key's shard.  The embedded episode has 34 shards, of
    0.1-3.3 KB gzip: starting from two letters gave it 208 of ~0.1-1 KB, and a file
    costs a build more than such bytes (its search files: 239 -> 65).
    """
    terms = sorted(encoded)  # a prefix's terms are a run of them, already in the order a shard lists them
    members = [f"{_quote(t)}:{encoded[t]}" for t in terms]  # each written once, whatever its depth
    sizes = [0]  # the term, its value and four characters (quotes, colon, comma), summed from the first
    for member in members:
        sizes.append(sizes[-1] + len(member) + 1)
    out: dict[str, str] = {}
    _split_shards(terms, members, sizes, 0, len(terms), 1, out)
    return out


def _split_shards(terms: list[str], members: list[str], sizes: list[int], lo: int, hi: int, width: int, out: dict[str, str]) -> None:
    """The shards of ``terms[lo:hi]``, which share their first ``width - 1`` characters and are longer."""
    i = lo
    while i < hi:
        key = terms[i][:width]
        j = _after_prefix(terms, key, i, hi)
        # a group of two terms or more is split where it is over SHARD_RAW as written (checked first:
        # a group far bigger, an archive's letter of megabytes, is not compressed to find out), or
        # SHARD_BYTES compressed
        small = j - i == 1 or sizes[j] - sizes[i] <= SHARD_RAW
        text = _object(members, i, j) if small else None
        if text is not None and (j - i == 1 or _gzip_size(text) <= SHARD_BYTES):
            out[key] = text
        else:
            short = i + (terms[i] == key)  # the key itself, if a term, stays in the key's shard
            _split_shards(terms, members, sizes, short, j, width + 1, out)
            out[key] = _object(members, i, short)  # may be empty: it still marks where the split is
        i = j


def _object(members: list[str], a: int, b: int) -> str:
    """The JSON object of the written members ``'"term":value'`` a to b."""
    return "{" + ",".join(members[a:b]) + "}"


def _after_prefix(terms: list[str], prefix: str, lo: int, hi: int) -> int:
    """The end of the run of sorted ``terms[lo:hi]`` that begin with ``prefix`` (``terms[lo]`` does)."""
    last = ord(prefix[-1])
    if last < 0x10FFFF:
        return bisect.bisect_left(terms, prefix[:-1] + chr(last + 1), lo, hi)
    while lo < hi and terms[lo].startswith(prefix):
        lo += 1
    return lo


def _gzip_size(text: str) -> int:
    """Compressed size, at zlib's fastest level: 7x faster than level 6 on shards, ~11% bigger,
    so shards come out a little under SHARD_BYTES as a server's gzip sends them."""
    return len(zlib.compress(text.encode("utf-8"), 1))


def _store_entry(ep: Episode, p: Passage) -> list[Any]:
    """[episode slug, episode title, chapter title, speaker, start seconds, time label, url, text,
    1 if the start is estimated (results show it as pages do, "≈ 22:10") else 0], and 1 after it
    for a sponsor read (results say so, as the pages fold it: a reader found an ad first, unmarked)."""
    entry: list[Any] = [
        ep.slug, ep.title, ep.chapters[p.chapter].title, p.speaker.name, int(p.start), format_clock(p.start),
        passage_url(ep, p), p.text, 0 if p.measured else 1,
    ]
    return entry + [1] if p.sponsor else entry


def _script(name: str, data: Any, *, written: bool = False) -> str:
    """One search file: a call the page's search.js answers; "</" escaped so it stays inert anywhere.

    ``data`` is a value, or JSON text already (``written``).
    """
    # the name as JSON.stringify writes it (search.js compares the two): "t/р", not "t/\\u0440"
    return f"episodeSiteSearchData({json.dumps(name, ensure_ascii=False)},{data if written else dumps(data)});\n".replace("</", "<\\/")


def store_files(ep: Episode) -> dict[str, str]:
    """An episode's store: what results show for its documents, in chunks of CHUNK under p/<slug>/.

    Numbered within the episode, so the files depend on this episode alone.
    """
    entries = [_store_entry(ep, p) for p in ep.passages]
    return {
        f"p/{ep.slug}/{n // CHUNK}.js": _script(f"p/{ep.slug}/{n // CHUNK}", entries[n : n + CHUNK])
        for n in range(0, len(entries), CHUNK)
    }


#: Where the files of the search index go as they are made: (path under search/, text).
Emit = Callable[[str, str], None]


def site_files(parts: Sequence[EpisodeIndex], boosts: dict[str, int] | None = None, emit: Emit | None = None) -> dict[str, str]:
    """The site-wide files of the search index, from every episode's ``episode_index`` in site order:
    term shards, tails of common terms, the manifest and the episode list (not the store).

    Each goes to ``emit`` as soon as it is made, if given; else all are returned. The build
    writes them as they come: 1,000 copies of the embedded episode have ~70 MB of tails.
    """
    boosts = boosts or {}
    files: dict[str, str] = {}
    kept = emit or files.__setitem__
    build = index_build(parts, boosts)
    # Of every SAMPLE-th term file, its characters and gzip bytes; of every SAMPLE-th tail's all.js,
    # its gzip bytes and those at zlib's fastest level (as its size in the shard is measured).
    files_seen, chars, packed = [0, 0], [0, 0], [0, 0]

    def out(rel: str, text: str) -> None:
        text = stamped(text, build)
        whole = rel.endswith("/all.js")
        if files_seen[whole] % SAMPLE == 0:
            data = text.encode("utf-8")
            size = len(zlib.compress(data, 6))  # a server's gzip
            if whole:
                packed[0] += size
                packed[1] += len(zlib.compress(data, 1))
            else:
                chars[0] += len(text)
                chars[1] += size
        files_seen[whole] += 1
        kept(rel, text)
    if sum(len(part.postings) for part in parts) // 3 >= ARRAY_POSTINGS:
        from .weights import term_files  # numpy: imported only by an archive's build

        keys = term_files(parts, boosts, out)
    else:
        keys = _term_files(parts, boosts, out)
    firsts, episodes, total = [], [], 0
    for part in parts:
        firsts.append([part.slug, total])
        episodes.append([part.title, list(part.speakers), part.published, part.seconds, part.video_id, list(part.examples)])
        total += part.documents
    manifest = {
        "version": VERSION,
        "build": build,  # what every term, tail and episodes file says it belongs to (``stamped``)
        "fields": [name for name, _, _ in FIELDS],
        "shards": sorted(keys, key=_utf16_key),  # search.js finds a key by binary search, in its own order
        "chunk": CHUNK,
        "documents": total,
        "episodes": firsts,  # [slug, number of its first document]: a document's episode and store chunk
        # what a server's gzip leaves of the term files, and of a tail's ``all``: search.js keeps a
        # query's download within a budget by them, whether this server compresses or not
        "gzip": round(chars[1] / chars[0], 3) if chars[0] else 1,
        "fast": round(packed[0] / packed[1], 3) if packed[1] else 1,
    }
    kept("manifest.js", _script("manifest", manifest))
    # Titles and speakers for the filters, loaded by the search page only; lengths, for a time typed.
    kept("episodes.js", stamped(_script("episodes", episodes), build))
    return files


def index_build(parts: Sequence[EpisodeIndex], boosts: dict[str, int]) -> str:
    """A digest of everything the site-wide files are made of, known before any is written.

    A reader's page may hold the manifest of one build and fetch a shard of the next (the site
    deployed again while it is open, or a browser's cache holding an older manifest): its documents
    are numbered otherwise, and results showed other passages, the words searched for marked nowhere.
    """
    h = hashlib.sha1(json.dumps([VERSION, sorted(boosts.items())]).encode("utf-8"))
    for part in parts:
        h.update(json.dumps([part.slug, part.title, part.speakers, part.documents, part.published, part.seconds, part.video_id, part.sponsored], ensure_ascii=False).encode("utf-8"))
        h.update(part.terms.encode("utf-8"))
        for numbers in (part.spans, part.postings, *part.lengths):
            h.update(numbers.tobytes())
    return h.hexdigest()[:12]


def stamped(text: str, build: str) -> str:
    """A site-wide search file with its build as a third argument: ``episodeSiteSearchData("t/ab",{...},"<build>");``."""
    assert text.endswith(");\n")
    return f'{text[:-3]},"{build}");\n'


#: Postings from which the index is weighed with numpy (``weights.term_files``, the same files):
#: measured on synthetic archives, numpy's import (~0.1 s) pays off from ~50,000 postings
#: (about 15 episodes); the embedded episode has ~10,000.
ARRAY_POSTINGS = 50_000

#: Every SAMPLE-th term file is compressed to measure the index's compression (the manifest's
#: ``gzip`` and ``fast``): all of them at 1,000 episodes would be ~50 MB more to compress.
SAMPLE = 8


def _term_files(parts: Sequence[EpisodeIndex], boosts: dict[str, int], emit: Emit) -> list[str]:
    """The term shards (t/) and common terms' tails (x/) to ``emit``, weighed one posting at a time; the shards' keys."""
    postings = _weigh(parts, boosts)
    encoded: dict[str, str] = {}
    for term, per_field in postings.items():
        if sum(len(flat) for flat in per_field) // 2 <= HEAD or len({d for flat in per_field for d in flat[0::2]}) <= HEAD:
            encoded[term] = _encode([_pairs(flat) for flat in per_field])
            continue
        head, pages, firsts, least = _split_big([_pairs(flat) for flat in per_field])
        tail, encoded[term] = tail_files(term, _encode(head), [_encode(page) for page in pages], least, firsts)
        for rel, text in tail.items():
            emit(rel, text)
    del postings
    return shard_files(encoded, emit)


def shard_files(encoded: dict[str, str], emit: Emit) -> list[str]:
    """The term shards (t/) of every term's shard entry (JSON) to ``emit``; their keys."""
    shards = _shards(encoded)
    for key, text in shards.items():
        emit(f"t/{key}.js", _script(f"t/{key}", text, written=True))
    return list(shards)


def tail_files(term: str, head: str, pages: list[str], least: int, firsts: list[int]) -> tuple[dict[str, str], str]:
    """A split term's tail pages (each written as ``_encode`` writes postings) and all of them in one
    file; and its shard entry: the head's postings (``head``, as ``_encode`` writes them) with what
    the shard says of the tail as a fourth element: the head's least weight, the pages' first
    documents, and the size of ``all`` (zlib's fastest level: 20-30% above a server's gzip on
    varied episodes, ~3x on copies of one, whose pages repeat each other).

    A query that needs a term's whole tail (a speaker filter on a show's host, who speaks in
    half its passages; the rest of a phrase's words) loads ``all`` in one request instead of
    one per page: at 1,000 episodes, a host's name is in ~35 pages. So does one that needs a
    good share of the pages, where ``all`` is small enough (see search.js).  ``all`` is the
    list of the pages, so search.js adds only those it has not loaded yet.
    """
    files = {f"x/{term}/{n}.js": _script(f"x/{term}/{n}", text, written=True) for n, text in enumerate(pages)}
    split: dict[str, Any] = {"min": least, "pages": firsts}
    if len(pages) > 1:
        files[f"x/{term}/all.js"] = _script(f"x/{term}/all", "[" + ",".join(pages) + "]", written=True)
        split["all"] = _gzip_size(files[f"x/{term}/all.js"])
    return files, head[:-1] + "," + dumps(split) + "]"


def search_files(site: Site, boosts: dict[str, int] | None = None) -> dict[str, str]:
    """Every file of the search index of a whole merged site, path under search/ -> text.

    The build makes the same files in two steps (``store_files`` and ``episode_index`` per
    episode where it is merged, ``site_files`` once); this is both at once, for tests.
    """
    files = site_files([episode_index(ep) for ep in site.episodes], boosts)
    for ep in site.episodes:
        files.update(store_files(ep))
    return files
