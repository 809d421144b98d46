"""Search index (generator/writers/search.py): contents, determinism, store shape, and lunr.py/lunr.js agreement."""

from __future__ import annotations

import gzip
import json
import math
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from lunr import lunr

from factories import make_episode
from generator.model import Site
from generator.writers.search import (
    _STEMMER,
    FIELDS,
    build_index,
    documents,
    fold,
    index_text,
    js_ordered,
    number_runs,
    passage_ref,
    search_files,
)
from generator.writers.urls import passage_url

ROOT = Path(__file__).resolve().parent.parent
LUNR_JS = ROOT / "tests" / "tools" / "node_modules" / "lunr" / "lunr.js"
VENDORED = ROOT / "static" / "vendor" / "lunr" / "lunr.min.js"
NODE = shutil.which("node")

# Queries in lunr syntax, run by both implementations against the same index.
AGREEMENT_QUERIES = [
    "models",
    "value functions",
    "emotions",
    "pretraining",
    "pre training",
    "scal*",
    "gen*",
    "text:reward",
    "speaker:gil",
    "chapter:emotions",
    "+models -evals",
    "model~1",
    "scalling~1",
    "widgets",
    "research^10 jagged",
]


def _tiny_site() -> Site:
    return Site("Test site", None, (make_episode(),))


def _unicode_site() -> Site:
    """Passages full of what our sources hold (curly quotes, dashes, ellipses) and worse."""
    ep = make_episode()
    texts = [
        "It’s “pre-training” — not RL… café naïve déjà-vu",
        "🔥 emoji \uf0ae private-use \U0001f600 smile ﬁne ligature ½",
        "Ελληνικά русский 中文 and tabs\tand\u2028separators",
        "<script>alert(1)</script> & \"quotes\" ' apostrophes",
    ]
    passages = tuple(
        replace(p, sentences=(replace(p.sentences[0], text=texts[i % len(texts)]),)) for i, p in enumerate(ep.passages)
    )
    return Site("Test site", None, (replace(ep, passages=passages),))


def _run_lunr_js(tmp_path: Path, index: dict, queries: list[str], lunr_path: Path = LUNR_JS) -> list[list[str]]:
    """Load a serialized index in lunr.js under node and return each query's refs in order."""
    if NODE is None:
        pytest.fail("node is required for the lunr.js agreement tests")
    (tmp_path / "index.json").write_text(json.dumps(index), encoding="utf-8")
    (tmp_path / "queries.json").write_text(json.dumps(queries), encoding="utf-8")
    script = (
        f"const lunr = require({json.dumps(str(lunr_path))});"
        "const fs = require('fs');"
        f"const idx = lunr.Index.load(JSON.parse(fs.readFileSync({json.dumps(str(tmp_path / 'index.json'))}, 'utf8')));"
        f"const qs = JSON.parse(fs.readFileSync({json.dumps(str(tmp_path / 'queries.json'))}, 'utf8'));"
        "console.log(JSON.stringify(qs.map(q => idx.search(q).map(r => r.ref))));"
    )
    done = subprocess.run([NODE, "-e", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


# --- folding: what both pipelines see ------------------------------------------


def test_fold_keeps_letters_and_digits_of_any_script() -> None:
    assert fold("Don’t “pre-training” — café… 10,000 🔥 GPT-4!") == "Dont pre training cafe 10000 GPT 4"
    assert fold("Ελληνικά, русский; עברית — 中文") == "Ελληνικα русскии עברית 中文"  # marks dropped, as accents are
    assert fold("1,000,000 and 1,5 and 3,5000") == "1000000 and 1 5 and 3 5000"  # thousands separators only
    assert fold("2% of GDP") == "2 percent of GDP"  # said "two percent"
    assert fold("Søren Østergaard in Łódź, straße, Œuvre") == "Soren Ostergaard in Lodz strasse OEuvre"  # as readers type them
    assert fold("$3B at a $32b valuation, 10k hours, 1.5bn") == "3 billion at a 32 billion valuation 10 thousand hours 1 5 billion"
    assert fold("5mb 1h2m 2nm x10k") == "5mb 1h2m 2nm x10k"  # no scale letters: units, times, names
    assert fold("…—“”") == ""
    assert fold("ﬁne naïve") == "fine naive"


def test_index_text_adds_hyphenated_compounds_written_solid() -> None:
    assert index_text("pre-training and GPT‑4") == "pre training and GPT 4 pretraining GPT4 four"


def test_a_words_light_stem_is_indexed_where_its_full_stem_says_less() -> None:
    from generator.writers.search import light_term

    # "generalization" and "general" both stem to "gener"; the light stems keep them apart
    assert [light_term(w) for w in ("generalization", "generalized", "general", "generate", "models", "the")] == [
        "_generaliz_", "_generaliz_", "_general_", "_generat_", None, None,
    ]
    assert index_text("Generalization in general").split()[-2:] == ["_generaliz_", "_general_"]


def test_a_number_said_in_several_words_is_held_as_its_value_too() -> None:
    def said(text: str) -> list[int]:
        return [value for _, _, value in number_runs(text.split())]

    assert said("ten thousand hours") == [10000]
    assert said("two hundred and fifty years and a hundred and one days") == [250, 101]
    assert said("one hundred twenty five thousand three hundred") == [125300]
    assert said("nineteen eighty four") == [1984] and said("twenty twenty five") == [2025]  # a year said in pairs
    assert said("fifty fifty") == said("thousand hundred") == []
    assert said("five six seven") == said("thirty forty") == said("thousand thousand") == said("one of ten") == []
    assert said("ten ten thousand") == [10000]
    assert "10000" in index_text("They practice ten-thousand hours").split()
    assert "25" not in index_text("He was twenty. Five years later").split()  # a clause's end ends a number
    assert "10000" not in index_text("ten, thousand").split() and "10000" in index_text("10,000 and more").split()
    assert "25" in index_text("twenty five").split() and "5" in index_text("twenty five").split()


def test_a_percentage_is_one_term_whichever_way_it_is_written() -> None:
    """"one percent" listed "100% obvious" and "one" said apart before "1% of GDP": the index holds
    a percentage as one term, which search.js asks for."""
    for text in ("1% of GDP", "1 percent of GDP", "only one percent of GDP"):
        assert "1percent" in index_text(text).split(), text
    assert "25percent" in index_text("twenty five percent").split() and "100percent" in index_text("100% obvious").split()
    assert "5percent" not in index_text("1.5% of it").split()  # the digits after a point are no number
    assert not [t for t in index_text("one by one, percent by percent").split() if t.endswith("percent") and t != "percent"]


def test_index_text_adds_numbers_in_the_other_form_and_words_the_episode_writes_solid() -> None:
    vocabulary = frozenset({"superintelligence", "openai", "away", "anyone"})
    text = index_text("Five to 20 years of super intelligence at Open AI, a way for any one", vocabulary)
    assert text.split()[-5:-1] == ["5", "twenty", "superintelligence", "openai"]  # not "one": mostly a pronoun
    assert text.split()[-1] == "_intelligenc_"  # the light stem, for ranking (see the next test)
    assert "away" not in text.split() and "anyone" not in text.split()  # a single letter or a stop word is never joined
    assert "superintelligence" not in index_text("super intelligence").split()  # only words the episode writes solid


# --- index contents -------------------------------------------------------------


def test_every_passage_is_a_document_with_three_fields() -> None:
    site = _tiny_site()
    data = build_index(site).serialize()
    assert data["fields"] == ["text", "speaker", "chapter"]
    refs = {ref.split("/", 1)[1] for ref, _ in data["fieldVectors"]}
    assert refs == {passage_ref(0, p) for p in site.episodes[0].passages}


def test_no_term_positions_are_stored() -> None:
    data = build_index(_tiny_site()).serialize()
    for _term, posting in data["invertedIndex"]:
        for field in data["fields"]:
            assert all(meta == {} for meta in posting[field].values())


def test_terms_are_folded_and_stemmed() -> None:
    data = build_index(_unicode_site()).serialize()
    terms = [t for t, _ in data["invertedIndex"]]
    plain = lambda t: t.strip("_").isalnum() and t == t.lower()  # noqa: E731  (a light stem is marked "_…_")
    assert all(plain(t) for t in terms), [t for t in terms if not plain(t)]
    assert {"ελληνικα", "русскии", "中文"} <= set(terms)  # words of other scripts are searched too
    assert {"pretrain", "cafe", "naiv", "fine"} <= set(terms)
    assert "not" not in terms and "and" not in terms  # lunr's stop words dropped


def test_search_finds_passages_by_text_speaker_and_chapter() -> None:
    index = build_index(_tiny_site())
    assert [r["ref"] for r in index.search("reward hacking")][0] == "0:t95"
    assert {r["ref"] for r in index.search("speaker:gil")} == {"0:t30", "0:t95", "0:t620", "0:t1400", "0:t3730", "0:t3800"}
    assert {r["ref"] for r in index.search("chapter:scaling")} == {"0:t3700", "0:t3730", "0:t3800", "0:t3900"}
    assert [r["ref"] for r in index.search("pretraining")] == ["0:t1400"]  # written "pre-training"


# --- store --------------------------------------------------------------------


# --- files --------------------------------------------------------------------


def _data(text: str) -> tuple[str, object]:
    """A written search file's name and data: ``episodeSiteSearchData("name",{...});``, or ``…,"<build>");``."""
    assert text.startswith("episodeSiteSearchData(") and text.endswith(");\n"), text[:80]
    name, _, rest = re.sub(r',"[0-9a-f]{12}"\);\n$', ");\n", text)[len("episodeSiteSearchData(") : -3].partition(",")
    return json.loads(name), json.loads(rest.replace("<\\/", "</"))


def test_written_files_are_deterministic_compact_scripts() -> None:
    site = _unicode_site()
    first, again = search_files(site), search_files(site)
    assert {"manifest.js", "episodes.js"} <= set(first) and any(k.startswith("t/") for k in first)
    build = _data(first["manifest.js"])[1]["build"]
    for rel in first:
        assert first[rel] == again[rel]
        text = first[rel]
        name, data = _data(text)
        assert name == rel[:-3]
        assert "</script" not in text
        # the site-wide files say which build they are of; an episode's store chunks are its own
        stamp = f',"{build}"' if rel.startswith(("t/", "x/", "episodes.")) else ""
        assert text == f"episodeSiteSearchData({json.dumps(name, ensure_ascii=False)},{json.dumps(data, sort_keys=True, separators=(',', ':'), ensure_ascii=False)}{stamp});\n".replace("</", "<\\/")


def _shard_weights(site: Site) -> dict[tuple[str, str, int], float]:
    """(term, field, document number) -> weight, read back from the written term shards."""
    fields = [name for name, _, _ in FIELDS]
    out = {}
    for rel, text in search_files(site).items():
        if not rel.startswith("t/"):
            continue
        for term, per_field in _data(text)[1].items():
            for f, flat in enumerate(per_field):
                doc = 0
                for gap, weight in zip(flat[::2], flat[1::2]):
                    doc += gap
                    out[(term, fields[f], doc)] = weight / 1000
    return out


def _lunr_py_weights(site: Site) -> dict[tuple[str, str, int], float]:
    """The same read from lunr.py's own index of the site: its field vectors."""
    data = build_index(site).serialize()
    term_of = {posting["_index"]: term for term, posting in data["invertedIndex"]}
    number = {doc["ref"]: i for i, doc in enumerate(documents(site))}
    out = {}
    for field_ref, elements in data["fieldVectors"]:
        field, ref = field_ref.split("/", 1)
        for i in range(0, len(elements), 2):
            out[(term_of[elements[i]], field, number[ref])] = elements[i + 1]
    return out


@pytest.mark.parametrize("make_site", [_tiny_site, _unicode_site])
def test_shards_hold_exactly_lunr_py_weights(make_site) -> None:
    """Scores equal the unsplit index's only if every posting carries lunr.py's own weight."""
    site = make_site()
    assert _shard_weights(site) == _lunr_py_weights(site)


def test_a_sponsor_read_weighs_less_than_the_conversation_as_lunr_py_weighs_it(episode) -> None:
    """"neural networks" ranked the sponsor read saying "their network of almost 4 billion devices"
    first, above the guest's "neural nets": a read's words weigh SPONSOR_BOOST of a passage's, in
    the shards as in lunr.py's own index (a document boost), so rankings stay the unsplit index's."""
    from generator.writers.search import SPONSOR_BOOST, build_index

    site = Site("t", None, (episode,))
    assert _shard_weights(site) == _lunr_py_weights(site)
    read = next(p for p in episode.passages if p.sponsor and "network" in p.text)
    unboosted = Site("t", None, (replace(episode, passages=tuple(replace(p, sponsor=False) for p in episode.passages)),))
    weights, plain = _shard_weights(site), _shard_weights(unboosted)
    doc = episode.passages.index(read)
    said = [key for key in plain if key[2] == doc]
    assert said and all(abs(weights[key] - plain[key] * SPONSOR_BOOST) <= 0.001 for key in said)
    assert all(weights[key] == plain[key] for key in plain if not episode.passages[key[2]].sponsor)
    top = build_index(site).search("neural networks")[0]["ref"]
    assert not next(p for p in episode.passages if f"0:{p.id}" == top).sponsor
    assert next(p for p in episode.passages if f"0:{p.id}" == build_index(unboosted).search("neural networks")[0]["ref"]) is read


def test_shard_weights_use_site_wide_idf(episode) -> None:
    """Two episodes: a term's weight depends on how many passages of the whole site hold it."""
    two = Site("t", None, (episode, replace(make_episode(), slug="other")))
    assert _shard_weights(two) == _lunr_py_weights(two)


def test_an_archive_is_weighed_with_numpy_into_the_same_files(tmp_path, monkeypatch) -> None:
    """Archives take the vectorized path (writers/weights.py); it must write exactly the plain
    path's files, split common terms and tail pages included."""
    import sys

    from generator.build import load_site
    from generator.writers import search, weights

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import write_archive

    site = load_site(write_archive(tmp_path / "archive", 6, minutes=6))
    # every seventh passage a sponsor read, weighed at SPONSOR_BOOST on both paths
    site = replace(site, episodes=tuple(replace(ep, passages=tuple(replace(p, sponsor=k % 7 == 0) for k, p in enumerate(ep.passages))) for ep in site.episodes))
    monkeypatch.setattr(search, "HEAD", 40)  # terms in more than 40 passages are split ...
    monkeypatch.setattr(search, "TAIL", 16)  # ... into pages of 16 passages
    monkeypatch.setattr(search, "ARRAY_POSTINGS", 10**12)
    plain = search_files(site)
    monkeypatch.setattr(search, "ARRAY_POSTINGS", 0)
    monkeypatch.setattr(weights, "WEIGH", 1_000)  # weighed in many batches, as an archive is
    monkeypatch.setattr(weights, "BATCH", 50)  # ... and written as text in many
    vectorized = search_files(site)
    assert sum(k.startswith("x/") for k in plain) > 10 and any(k.endswith("/all.js") for k in plain)
    assert vectorized == plain


def test_a_site_where_no_passage_names_its_speaker_is_indexed(episode, monkeypatch) -> None:
    """Captions without voices: the speaker field is empty in every document (an average length
    of 0, which BM25 divides by); the index still holds lunr.py's weights, on both paths."""
    from generator.model import NOBODY
    from generator.writers import search

    nameless = replace(episode, passages=tuple(replace(p, speaker=NOBODY) for p in episode.passages))
    site = Site("t", None, (nameless,))
    assert _shard_weights(site) == _lunr_py_weights(site)
    plain = search_files(site)
    monkeypatch.setattr(search, "ARRAY_POSTINGS", 0)
    assert search_files(site) == plain


def test_every_term_is_in_the_shard_of_the_longest_key_that_begins_it(episode) -> None:
    files = search_files(Site("t", None, (episode,)))
    keys = _data(files["manifest.js"])[1]["shards"]
    assert keys == sorted(keys) and len(keys) > 20
    for rel, text in files.items():
        if rel.startswith("t/"):
            for term in _data(text)[1]:
                assert rel[2:-3] == max((k for k in keys if term.startswith(k)), key=len), term


def test_shards_of_episodes_that_repeat_each_other_are_split_by_their_written_size(episode) -> None:
    # gzip sends 20 copies of one episode's shards in a few KB, but the browser parses every byte
    from generator.writers.search import SHARD_BYTES, SHARD_RAW

    site = Site("Copies", None, tuple(replace(episode, slug=f"copy-{i}") for i in range(20)))
    files = search_files(site)
    shards = {rel: text for rel, text in files.items() if rel.startswith("t/")}
    assert all(len(gzip.compress(text.encode(), 6)) <= SHARD_BYTES for text in shards.values())
    several = {rel: text for rel, text in shards.items() if len(_data(text)[1]) > 1}
    assert several and all(len(text) <= SHARD_RAW + 100 for text in several.values()), max(map(len, several.values()))
    keys = _data(files["manifest.js"])[1]["shards"]
    assert any(len(key) >= 2 for key in keys)  # "s" alone was ~100 KB as written


def test_store_chunks_hold_what_a_result_renders() -> None:
    site = _tiny_site()
    ep = site.episodes[0]
    files = search_files(site)
    manifest = _data(files["manifest.js"])[1]
    assert manifest["episodes"] == [[ep.slug, 0]] and manifest["documents"] == len(ep.passages)
    chunks = -(-len(ep.passages) // manifest["chunk"])
    assert {k for k in files if k.startswith("p/")} == {f"p/{ep.slug}/{n}.js" for n in range(chunks)}
    entries = [e for n in range(chunks) for e in _data(files[f"p/{ep.slug}/{n}.js"])[1]]
    p = ep.passages[6]  # starts at 1330.5 s, past twenty-two minutes
    estimated = 0 if p.measured else 1
    assert entries[6] == [ep.slug, ep.title, ep.chapters[p.chapter].title, "Dana Host", 1330, "22:10", passage_url(ep, p), p.text, estimated]
    # the search tips' filters of this episode, shown when a search is scoped to it
    assert _data(files["episodes.js"])[1] == [[ep.title, ["Dana Host", "Gil Guest"], ep.published, math.ceil(ep.duration), ep.video_id, ["gil", "explaining"]]]


# --- stemming: lunr.py's stemmer differs from lunr.js's on a final "y" ----------


def test_stemmer_matches_lunr_js_fixture_vocabulary() -> None:
    vocab = json.loads((ROOT / "tests/tools/node_modules/lunr/test/fixtures/stemming_vocab.json").read_text())
    assert {w: _STEMMER.stem(w) for w in vocab} == vocab
    assert _STEMMER.stem("play") == "play" and _STEMMER.stem("try") == "tri"


def test_stemmer_matches_lunr_js_on_every_word_of_the_episode(episode, tmp_path: Path) -> None:
    vocabulary = sorted({w for p in episode.passages for w in fold(p.text).lower().split()})
    (tmp_path / "words.json").write_text(json.dumps(vocabulary))
    script = (
        f"const lunr = require({json.dumps(str(VENDORED))});"
        f"const ws = require({json.dumps(str(tmp_path / 'words.json'))});"
        "console.log(JSON.stringify(ws.map(w => lunr.stemmer(new lunr.Token(w)).toString())));"
    )
    done = subprocess.run([NODE or "node", "-e", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    js = dict(zip(vocabulary, json.loads(done.stdout)))
    assert {w: _STEMMER.stem(w) for w in vocabulary} == js


def test_query_words_ending_in_y_find_the_passage_in_lunr_js(tmp_path: Path) -> None:
    ep = make_episode()
    first = ep.passages[0]
    said = replace(first, sentences=(replace(first.sentences[0], text="They play it every day."),))
    site = Site("t", None, (replace(ep, passages=(said, *ep.passages[1:])),))
    index = js_ordered(build_index(site).serialize())
    assert _run_lunr_js(tmp_path, index, ["day", "play"], lunr_path=VENDORED) == [["0:t0"], ["0:t0", "0:t620"]]


# --- the Unicode ordering problem (lunr.py issue #144) ---------------------------


def test_js_ordered_sorts_by_utf16_code_units() -> None:
    data = {"invertedIndex": [["\uf0ae", {}], ["\U0001f525", {}], ["a", {}]]}
    # Python puts U+F0AE before U+1F525; JavaScript puts the surrogate pair (0xD83D...) first.
    assert [t for t, _ in js_ordered(data)["invertedIndex"]] == ["a", "\U0001f525", "\uf0ae"]


def test_raw_lunr_py_index_with_emoji_breaks_lunr_js_and_js_ordered_fixes_it(tmp_path: Path) -> None:
    """The guard is needed: an unfolded lunr.py index throws in lunr.js; the reordered one loads."""
    raw = lunr(ref="id", fields=["body"], documents=[{"id": "a", "body": "🔥"}, {"id": "b", "body": "\uf0ae"}]).serialize()
    with pytest.raises(AssertionError, match="Out of order word insertion"):
        _run_lunr_js(tmp_path, raw, ["a"])
    assert _run_lunr_js(tmp_path, js_ordered(raw), ["\uf0ae"]) == [["b"]]


def test_index_of_hostile_unicode_loads_in_vendored_lunr_js(tmp_path: Path) -> None:
    index = js_ordered(build_index(_unicode_site()).serialize())
    assert _run_lunr_js(tmp_path, index, ["pretraining cafe"], lunr_path=VENDORED)[0]


# --- lunr.py and lunr.js agree ------------------------------------------------------


def test_lunr_py_and_lunr_js_return_the_same_refs_on_the_tiny_site(tmp_path: Path) -> None:
    index = build_index(_tiny_site())
    expected = [[r["ref"] for r in index.search(q)] for q in AGREEMENT_QUERIES]
    assert any(expected), "the queries should find something"
    got = _run_lunr_js(tmp_path, js_ordered(index.serialize()), AGREEMENT_QUERIES)
    assert got == expected


REAL_QUERIES = [
    "brain damage emotions",
    "alexnet gpus",
    "neuralink",
    "speaker:ilya research",
    "chapter:taste",
    "scal*",
    "sentient life",
    "pretraining",
    "generalization~1",
    "+value +function",
    "self play",
    "they say today",
    "ssi money",
]


def test_lunr_py_and_lunr_js_agree_on_the_real_episode(episode, tmp_path: Path) -> None:
    index = build_index(Site("t", None, (episode,)))
    expected = [[r["ref"] for r in index.search(q)] for q in REAL_QUERIES]
    assert all(expected), dict(zip(REAL_QUERIES, expected))
    assert _run_lunr_js(tmp_path, js_ordered(index.serialize()), REAL_QUERIES, lunr_path=VENDORED) == expected


def test_real_episode_store_links_every_passage_to_its_chapter_page(site_dir: Path, episode) -> None:
    folder = site_dir / "search"
    chunk = _data((folder / "manifest.js").read_text(encoding="utf-8"))[1]["chunk"]
    for i, p in enumerate(episode.passages):
        entry = _data((folder / "p" / episode.slug / f"{i // chunk}.js").read_text(encoding="utf-8"))[1][i % chunk]
        page_path, anchor = entry[6].split("#")
        assert anchor == p.id
        html = (site_dir / page_path / "index.html").read_text(encoding="utf-8")
        assert f'id="{p.id}"' in html


def test_search_page_preloads_files_that_exist(site_dir):
    """The search page hints its downloads early; each hint must name a file the build wrote."""
    import re

    page = site_dir / "search" / "index.html"
    hrefs = re.findall(r'<link rel="preload" href="([^"]+)"', page.read_text(encoding="utf-8"))
    # The index's files are fetched by search.js as soon as the page runs (a script
    # preload would not match a fetch, and a fetch preload is refused from disk).
    assert sorted(Path(h).name for h in hrefs) == ["lunr.min.js"]
    for href in hrefs:
        assert (page.parent / href).resolve().is_file(), href


def test_weights_are_rounded_to_thousandths_as_lunr_py_rounds_them() -> None:
    """The archive path rounds with numpy and leaves near-halves to Python: the same integers as
    ``round(round(s, 3) * 1000)`` for every score, halves and their float neighbours included."""
    import random

    import numpy as np

    from generator.writers.weights import thousandths

    rng = random.Random(3)
    halves = [(k + 0.5) / 1000 for k in range(0, 40_000, 7)]
    scores = [rng.uniform(0, 40) for _ in range(100_000)] + halves
    scores += [np.nextafter(h, 0) for h in halves] + [np.nextafter(h, 99) for h in halves] + [0.0, 1e-9, 12.3455, 2.0005]
    assert thousandths(np.array(scores)).tolist() == [round(round(float(s), 3) * 1000) for s in scores]


def test_numbers_written_digit_by_digit_read_as_python_writes_them() -> None:
    """An archive's postings are written as text by numpy (weights._decimal); every number, its
    offset and the commas must be what ``str`` and ``join`` give."""
    import random

    import numpy as np

    from generator.writers.weights import _decimal

    rng = random.Random(9)
    numbers = [0, 9, 10, 99, 100, 2**31 - 1] + [rng.randrange(10 ** rng.randrange(1, 10)) for _ in range(2000)]
    text, at = _decimal(np.array(numbers, dtype=np.int32))
    assert text == ",".join(map(str, numbers)) + ","
    assert [text[at[i] : at[i + 1] - 1] for i in range(len(numbers))] == list(map(str, numbers))
    assert _decimal(np.array([7], dtype=np.int32)) == ("7,", [0, 2])
