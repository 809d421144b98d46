"""Search indexing: a lunr.py index of passages, loaded by lunr.js in the reader's browser.

Fed the merged ``Site``, it writes the index cut into small files under ``search/``, so a
reader's first query downloads a few shards, not the archive (see ``write_search_index``):

- ``manifest.js``: fields, shard keys, the store's chunk size and each episode's slug
  and first document number;
- ``t/<key>.js``: the postings of every term starting with ``<key>`` (a term shard);
- ``x/<term>/<n>.js``: for a term in more than HEAD documents, its postings for documents
  ``n*RANGE`` ... that its shard leaves out (see ``_split_big``);
- ``p/<n>.js``: what results show for documents ``n*CHUNK`` ... (a store chunk);
- ``episodes.js``: each episode's title and speakers, for the search page's filters.

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

import functools
import gzip
import json
import math
from collections import Counter
import re
import unicodedata
from pathlib import Path
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

_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc`]")
_NOT_WORD = re.compile(r"[^A-Za-z0-9]+")
_HYPHENATED = re.compile(r"[A-Za-z0-9]+(?:[-\u2010\u2011\u2013][A-Za-z0-9]+)+")


def _strip(text: str) -> str:
    """Compatibility-decomposed text without accents and apostrophes (``don’t`` -> ``dont``)."""
    text = _APOSTROPHES.sub("", unicodedata.normalize("NFKD", text))
    return _NON_ASCII.sub(_drop_marks, text)  # only non-ASCII runs can hold combining marks


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _drop_marks(match: re.Match) -> str:
    return "".join(ch for ch in match.group() if not unicodedata.category(ch).startswith("M"))


def fold(text: str) -> str:
    """Text as the index and the query box both see it: ASCII letters and digits between spaces.

    ``static/search.js`` has the same function; change both together.
    """
    return _NOT_WORD.sub(" ", _strip(text)).strip()


def index_text(text: str) -> str:
    """Folded text plus hyphenated compounds written solid, so "pretraining" finds "pre-training"."""
    joined = [re.sub(r"[^A-Za-z0-9]", "", m.group()) for m in _HYPHENATED.finditer(_strip(text))]
    return " ".join([fold(text), *joined]).strip()


class _LunrJsPorterStemmer(PorterStemmer):
    """lunr.py's Porter stemmer with lunr.js's step 1c, so both sides make the same terms."""

    def step1c(self) -> None:
        # lunr.js: /^(.+[^aeiou])y$/ -> i; lunr.py: y -> i when the stem has a vowel.
        if self.ends("y") and self.k - self.k0 >= 2 and self.b[self.k - 1] not in "aeiou":
            self.b = self.b[: self.k] + "i" + self.b[self.k + 1 :]


_STEMMER = _LunrJsPorterStemmer()


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


def _documents(site: Site) -> list[dict[str, str]]:
    """One lunr document per passage, fields folded."""
    docs = []
    for ei, ep in enumerate(site.episodes):
        for p in ep.passages:
            docs.append(
                {
                    "ref": passage_ref(ei, p),
                    "text": index_text(p.text),
                    "speaker": fold(p.speaker.name),
                    "chapter": fold(ep.chapters[p.chapter].title),
                }
            )
    return docs


def build_index(site: Site, boosts: dict[str, int] | None = None) -> Index:
    """The lunr.py index of every passage; ``boosts`` overrides FIELDS (for tuning)."""
    boosts = boosts or {}
    builder = _builder()
    builder.ref("ref")
    for name, _, boost in FIELDS:
        builder.field(name, boost=boosts.get(name, boost))
    for doc in _documents(site):
        builder.add(doc)
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
# lengths), the way lunr.py's Builder computes them (``_weights`` is checked against
# it in tests), without building lunr.py's index: at 1,000 episodes that takes minutes.

K1, B = 1.2, 0.75  # lunr's BM25 constants
CHUNK = 4  # documents per store chunk: a page of 20 results loads at most 20 chunks of ~1 KB gzip
SHARD_BYTES = 12_000  # a term shard is split by one more letter above this many bytes (gzip)
HEAD = 600  # a term in more documents than this keeps only its best HEAD in its shard (see _split_big)
RANGE = 512  # the rest of such a term: one file per RANGE documents
VERSION = 1


def documents(site: Site) -> list[dict[str, str]]:
    """Every passage as a lunr document, in site order: its position is its number in the shards."""
    return _documents(site)


@functools.lru_cache(maxsize=None)
def _term(word: str) -> str | None:
    """lunr's index pipeline on one folded, lower-cased word: stop words out, then stemmed."""
    return None if word in STOP_WORDS else _stem(word)


def _weights(docs: list[dict[str, str]], boosts: dict[str, int]) -> dict[str, list[list[tuple[int, int]]]]:
    """term -> per field, [(document number, weight x 1000)], as lunr.py's Builder would weigh them."""
    fields = [name for name, _, _ in FIELDS]
    counts: list[list[Counter]] = []
    lengths: list[list[int]] = []
    for doc in docs:
        per_field, per_len = [], []
        for name in fields:
            terms = [t for t in map(_term, (doc[name] or "").lower().split()) if t]
            per_field.append(Counter(terms))
            per_len.append(len(terms))
        counts.append(per_field)
        lengths.append(per_len)
    n = len(docs)
    average = [sum(ls[f] for ls in lengths) / n if n else 0 for f in range(len(fields))]
    postings: dict[str, list[list[tuple[int, int]]]] = {}
    for d, per_field in enumerate(counts):
        for f, counter in enumerate(per_field):
            for term, tf in counter.items():
                postings.setdefault(term, [[] for _ in fields])[f].append((d, tf))
    boost = [boosts.get(name, b) for name, _, b in FIELDS]
    # The length part of BM25's denominator, once per field and length (same expression as lunr.py).
    norm = [{length: K1 * (1 - B + B * (length / average[f])) for length in {ls[f] for ls in lengths}} for f in range(len(fields))]
    for term, per_field in postings.items():
        with_term = sum(len(p) for p in per_field)  # lunr counts a document once per field
        idf = math.log(1 + abs((n - with_term + 0.5) / (with_term + 0.5)))
        for f, plist in enumerate(per_field):
            nf, bf = norm[f], boost[f]
            for i, (d, tf) in enumerate(plist):
                # Same operations in the same order as lunr.py, so the rounding agrees.
                score = idf * ((K1 + 1) * tf) / (nf[lengths[d][f]] + tf)
                score *= bf
                score *= 1
                plist[i] = (d, round(round(score, 3) * 1000))
    return postings


def _encode(per_field: list[list[tuple[int, int]]]) -> list[list[int]]:
    """Per field, [gap, weight, gap, weight, ...]: document numbers as gaps compress well."""
    out = []
    for plist in per_field:
        flat: list[int] = []
        last = 0
        for d, w in plist:
            flat += [d - last, w]
            last = d
        out.append(flat)
    return out


def _split_big(per_field: list[list[tuple[int, int]]]) -> tuple[list[list[tuple[int, int]]], dict[int, list[list[tuple[int, int]]]], int]:
    """A very common term's postings as a head and a tail.

    The head is the HEAD documents where the term weighs most (its weights summed
    over the fields, which is what a query multiplies); the tail, every other
    document, is cut by document number into pages of RANGE.  A query loads the
    head with the shard; search.js then knows that no unloaded document weighs
    more than the head's least (``min``), which bounds what the tail can add to
    any score, and loads a tail page only where that bound could change the
    results shown (for one document, or for every document of an episode).
    """
    total: Counter = Counter()
    for plist in per_field:
        for d, w in plist:
            total[d] += w
    ranked = sorted(total, key=lambda d: (-total[d], d))
    head_docs = set(ranked[:HEAD])
    least = total[ranked[HEAD - 1]]
    head = [[(d, w) for d, w in plist if d in head_docs] for plist in per_field]
    pages: dict[int, list[list[tuple[int, int]]]] = {}
    for f, plist in enumerate(per_field):
        for d, w in plist:
            if d not in head_docs:
                pages.setdefault(d // RANGE, [[] for _ in per_field])[f].append((d, w))
    return head, pages, least


def _shards(encoded: dict[str, list[Any]], key: str = "") -> dict[str, dict[str, list[Any]]]:
    """Terms grouped by prefix: two letters, one more wherever a group is bigger than SHARD_BYTES.

    A term lives in the shard of the longest key that begins it; terms as short
    as a split key stay in that key's shard.
    """
    width = len(key) + 1 if key else 2
    groups: dict[str, dict[str, list[Any]]] = {}
    for term, data in encoded.items():
        groups.setdefault(term[:width], {})[term] = data
    out: dict[str, dict[str, list[Any]]] = {}
    for sub, terms in groups.items():
        if len(sub) == width and len(terms) > 1 and _gzip_size(dumps(terms)) > SHARD_BYTES:
            short = {t: v for t, v in terms.items() if len(t) <= width}
            out.update(_shards({t: v for t, v in terms.items() if len(t) > width}, sub))
            out[sub] = short  # may be empty: it still marks where the split is
        else:
            out[sub] = terms
    return out


def _gzip_size(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0))


def _store_entry(ep: Episode, ei: int, p: Passage) -> list[Any]:
    """[episode number, episode title, chapter title, speaker, start seconds, time label, url, text]."""
    return [ei, ep.title, ep.chapters[p.chapter].title, p.speaker.name, int(p.start), format_clock(p.start), passage_url(ep, p), p.text]


def _script(name: str, data: Any) -> str:
    """One search file: a call the page's search.js answers; "</" escaped so it stays inert anywhere."""
    return f"episodeSiteSearchData({json.dumps(name)},{dumps(data)});\n".replace("</", "<\\/")


def search_files(site: Site, boosts: dict[str, int] | None = None) -> dict[str, str]:
    """Every file of the search index, path under search/ -> text (for ``write_search_index`` and tests)."""
    docs = documents(site)
    postings = _weights(docs, boosts or {})
    files: dict[str, str] = {}
    encoded: dict[str, list[Any]] = {}
    for term, per_field in postings.items():
        if len({d for plist in per_field for d, _ in plist}) <= HEAD:
            encoded[term] = _encode(per_field)
            continue
        head, pages, least = _split_big(per_field)
        # A fourth element marks a split term: the head's least weight and its tail pages.
        encoded[term] = [*_encode(head), {"min": least, "pages": sorted(pages)}]
        for n, page in pages.items():
            files[f"x/{term}/{n}.js"] = _script(f"x/{term}/{n}", _encode(page))
    shards = _shards(encoded)
    for key, terms in shards.items():
        files[f"t/{key}.js"] = _script(f"t/{key}", terms)
    entries: list[list[Any]] = []
    firsts, episodes = [], []
    for ei, ep in enumerate(site.episodes):
        firsts.append([ep.slug, len(entries)])
        episodes.append([ep.title, _speaker_names(ep)])
        entries += [_store_entry(ep, ei, p) for p in ep.passages]
    for n in range(0, len(entries), CHUNK):
        files[f"p/{n // CHUNK}.js"] = _script(f"p/{n // CHUNK}", entries[n : n + CHUNK])
    manifest = {
        "version": VERSION,
        "fields": [name for name, _, _ in FIELDS],
        "shards": sorted(shards),
        "chunk": CHUNK,
        "range": RANGE,
        "documents": len(entries),
        "episodes": firsts,  # [slug, number of its first document]: a document's episode without the store
    }
    files["manifest.js"] = _script("manifest", manifest)
    # Titles and speakers for the filters, loaded by the search page only.
    files["episodes.js"] = _script("episodes", episodes)
    return files


def write_search_index(site: Site, out: Path) -> dict[str, int]:
    """Write the sharded search index under search/; return each file's size in bytes."""
    folder = Path(out) / "search"
    sizes = {}
    for rel, text in search_files(site).items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        sizes[rel] = len(data)
    return sizes
