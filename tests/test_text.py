"""Word keys and sentence ends in any script: episodes in Spanish, Russian or Japanese merge and
read as well as English ones."""

from __future__ import annotations

import pytest

from generator.text import ends_sentence, split_sentences, starts_sentence, word_key


def test_a_words_key_keeps_its_letters_in_any_script():
    # Keys were ASCII only: every Cyrillic, Greek or Japanese word had the empty key, so no two
    # sources of such an episode could be aligned ("0 of 88 words found").
    assert word_key("It's,") == "its" and word_key("Café!") == "cafe" and word_key("naïve") == "naive"
    assert word_key("Привет,") == "привет" and word_key("«Да»") == "да"
    assert word_key("Σήμερα") == "σημερα"
    assert word_key("こんにちは。") == "こんにちは"
    assert word_key("Straße") != "" and word_key("—") == ""


@pytest.mark.parametrize(
    "text, sentences",
    [
        ("¿Qué pasa? Él dijo que sí. Ángel vino.", ["¿Qué pasa?", "Él dijo que sí.", "Ángel vino."]),
        ("¡Hola! ¿Cómo estás? bien.", ["¡Hola!", "¿Cómo estás? bien."]),
        ("Это правда. Да, конечно. Ещё раз.", ["Это правда.", "Да, конечно.", "Ещё раз."]),
        ("Öl ist teuer. Über alles.", ["Öl ist teuer.", "Über alles."]),
        ("これは本です。あれはペンです！そうですか？", ["これは本です。", "あれはペンです！", "そうですか？"]),
        ("I'm here with Dr. Mei Chen. Welcome.", ["I'm here with Dr. Mei Chen.", "Welcome."]),
        ("It costs 3.5 dollars. 10 people came.", ["It costs 3.5 dollars.", "10 people came."]),
        # a quote's closing mark stays with its sentence: it was dropped with the space after it
        ('You tell the model, "Go solve it." The model tries. (It does.) Then?', ['You tell the model, "Go solve it."', "The model tries.", "(It does.)", "Then?"]),
        ("彼は「はい。」と言った。それから？", ["彼は「はい。」と言った。", "それから？"]),
    ],
)
def test_sentences_end_and_start_in_any_script(text, sentences):
    # "[A-Z0-9]" only: Spanish sentences opening with "¿", "¡" or "Él" ran on, and so did every
    # Russian one; Japanese "。" ends a sentence with no space after it.
    assert split_sentences(text) == sentences


def test_a_word_ends_or_starts_a_sentence_in_any_script():
    assert ends_sentence("本です。") and ends_sentence("¿verdad?") and ends_sentence("да.") and not ends_sentence("Dr.")
    assert starts_sentence("¿Qué") and starts_sentence("¡Hola!") and starts_sentence("Él") and starts_sentence("«Да")
    assert starts_sentence("Это") and starts_sentence("これ") and starts_sentence("42")
    assert not starts_sentence("él") and not starts_sentence("это") and not starts_sentence("and")
