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


def _speech(n: int, seed: int) -> list[str]:
    """``n`` words of made-up speech: a small vocabulary, so that short runs of words recur."""
    import random

    rng = random.Random(seed)
    vocab = "the a of to and that i think you know it is we what so like this model people research data".split()
    vocab += [f"w{k}" for k in range(400)]
    return [rng.choice(vocab) for _ in range(n)]


def test_a_long_part_pairs_as_one_alignment_would_inside_a_longer_transcript(monkeypatch):
    # A long query is aligned in pieces between anchors: the pairs must be those of one call over the whole.
    import generator.merge.align as module

    transcript = _speech(6000, 1)
    part = transcript[2000:3500]
    part[100] = part[100] + "s"  # misheard words
    part[700:705] = []  # a stretch the part missed
    part[1200:1200] = ["um", "uh"]  # fillers only the part has
    for k in [*range(0, 90, 3), *range(len(part) - 90, len(part), 3)]:
        part[k] = part[k][:-1] + "z"  # no anchor in its first and last words: its ends are aligned free
    anchored = align(part, tuple(transcript))
    assert len(" ".join(part)) >= module.ANCHORED and module._cuts(module._text(part), module._text(tuple(transcript)))
    monkeypatch.setattr(module, "ANCHORED", 10**9)  # one call over the whole
    whole = align(part, tuple(transcript))
    assert anchored.pairs == whole.pairs and anchored.distance == whole.distance
    assert anchored.pairs[1] == 2001 and anchored.pairs[-2] == 3498
