"""Search indexing: a lunr.py index of passages, loaded by lunr.js in the reader's browser.

Fed the merged ``Site``, it writes three files under ``search/``:

- ``index.json``: the serialized lunr index (lunr.js 2.3.9 schema, no term positions);
- ``store.json``: what a result shows (chapter, speaker, time, link, snippet text);
- ``data.js``: both again as one script, used only when the site is opened from disk,
  where browsers refuse ``fetch`` of local files.

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
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from lunr.builder import Builder
from lunr.index import Index
from lunr.pipeline import Pipeline
from lunr.stemmer import PorterStemmer
from lunr.stop_word_filter import stop_word_filter
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


def build_store(site: Site) -> dict[str, Any]:
    """What results render, keyed by ref; chapter titles and speaker names stored once per episode.

    Shape::

        {"episodes": [{"title": str, "chapters": [title, ...], "speakers": [name, ...]}],
         "passages": {ref: [episode, chapter, speaker, start_seconds, time_label, url, text]}}
    """
    episodes = []
    passages: dict[str, list[Any]] = {}
    for ei, ep in enumerate(site.episodes):
        speakers = _speaker_names(ep)
        episodes.append({"title": ep.title, "chapters": [c.title for c in ep.chapters], "speakers": speakers})
        for p in ep.passages:
            passages[passage_ref(ei, p)] = [
                ei,
                p.chapter,
                speakers.index(p.speaker.name),
                int(p.start),
                format_clock(p.start),
                passage_url(ep, p),
                p.text,
            ]
    return {"episodes": episodes, "passages": passages}


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


def write_search_index(site: Site, out: Path) -> None:
    """Write search/index.json, search/store.json and search/data.js under the built site."""
    folder = Path(out) / "search"
    folder.mkdir(parents=True, exist_ok=True)
    index = dumps(js_ordered(build_index(site).serialize()))
    store = dumps(build_store(site))
    (folder / "index.json").write_text(index, encoding="utf-8")
    (folder / "store.json").write_text(store, encoding="utf-8")
    # Same data as a script for file:// pages; "</" never occurs in JSON we need to keep inert.
    script = f'window.episodeSiteSearch={{"index":{index},"store":{store}}};\n'.replace("</", "<\\/")
    (folder / "data.js").write_text(script, encoding="utf-8")
