"""Alignment tolerates speech-to-text errors, fillers and punctuation, and finds a part inside the whole."""

from __future__ import annotations

from generator.merge.align import align
from generator.text import word_key


def keys(text: str) -> list[str]:
    return [word_key(w) for w in text.split()]


def test_misheard_words_still_pair():
    query = "let's say you use wipe coding to do something"
    target = "An example would be, let's say you use vibe coding to do something. You go"
    result = align(keys(query), keys(target))
    words = target.split()
    assert [words[t] for _, t in result.matched()] == "let's say you use vibe coding to do something.".split()


def test_fillers_and_repeats_are_skipped_not_forced():
    edited = "I think the impact of AI is going to be felt."
    verbatim = "Yeah. I think that the the impact of um AI is going to be felt. Yeah."
    result = align(keys(edited), keys(verbatim))
    q_words, t_words = edited.split(), verbatim.split()
    pairs = result.matched()
    assert len(pairs) >= 8
    assert all(word_key(q_words[q]) == word_key(t_words[t]) for q, t in pairs)  # never a wrong pair
    paired = {t_words[t] for _, t in pairs}
    assert "um" not in paired and "felt." in paired
    assert [t for _, t in pairs] == sorted(t for _, t in pairs)


def test_unrelated_text_matches_little():
    result = align(keys("completely different words about gardening"), keys("we talk about scaling laws and compute"))
    assert result.error_rate > 0.4
