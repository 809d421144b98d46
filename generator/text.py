"""Text helpers shared by readers and the merge: word keys for alignment, sentence splitting."""

from __future__ import annotations

import functools
import re
import unicodedata

# Sentence ends and starts in any script: "¿", "¡" and "«" open a sentence; "Él", "Это" and "これ"
# can start one (a capital, or a letter of a script without case); "。！？" end one with no space
# after them. ASCII only, every Spanish sentence opening with "¿" or "Él", and every Russian one,
# ran on into the next.
_OPENERS = "\"“‘([¿¡«„‹「『"
_SPACED_ENDS = ".!?…"  # a space after them, where a sentence ends
_CJK_ENDS = "。！？"  # none after them
_CLOSERS = "\"”’)]»›」』"
_WORD_END = re.compile(rf"[{re.escape(_SPACED_ENDS + _CJK_ENDS)}][{re.escape(_CLOSERS)}]*$")
# Where a sentence may end inside prose: after ".!?…" and spaces (if a sentence starts there); after
# "。！？" unless a closing mark follows ("「はい。」と言った。" is one sentence).
_BOUNDARY = re.compile(rf"(?<=[{re.escape(_SPACED_ENDS)}])[{re.escape(_CLOSERS)}]*\s+|(?<=[{_CJK_ENDS}])\s*(?![{re.escape(_CLOSERS)}])")
_NEXT_WORD = re.compile(r"\S+")
_KEY = re.compile(r"[\W_]+")


@functools.lru_cache(maxsize=1 << 16)
def word_key(word: str) -> str:
    """What alignment compares: letters and digits, in any script, without case or accents
    (``It's,`` -> ``its``, ``Café`` -> ``cafe``, ``Это,`` -> ``это``). ASCII only, every word of a
    Russian or Japanese episode had the empty key and no two of its sources could be aligned.

    Cached: an episode says its few thousand words tens of thousands of times, and the
    merge keys each many times (22,519 calls, 2,811 words: 19 -> 3 ms on the embedded episode).
    """
    return _KEY.sub("", word.lower() if word.isascii() else unaccented(word))


def numbered(text: str) -> list:
    """Text as people number things, for sorting: "part2" before "part10", "Episode 9" before "Episode 10"."""
    return [int(run) if k % 2 else run for k, run in enumerate(re.split(r"(\d+)", text.casefold()))]


def unaccented(text: str) -> str:
    """Text without case or accents, in any script (``Café`` -> ``cafe``, ``Ólafur`` -> ``olafur``)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[str]:
    """Whitespace-separated words, punctuation kept (for display and timing)."""
    return text.split()


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences: at ., !, ? or … before a word that can start one (not after
    "Dr."), and after 。, ！ or ？."""
    out: list[str] = []

    def add(part: str) -> None:
        if out and part and is_title(out[-1].rsplit(None, 1)[-1]):
            out[-1] += " " + part
        elif part:
            out.append(part)

    start = 0
    for m in _BOUNDARY.finditer(text):
        after = _NEXT_WORD.match(text, m.end())
        if after is None or (text[m.start() - 1] in _SPACED_ENDS and not starts_sentence(after[0])):
            continue
        add(text[start : m.end()].strip())
        start = m.end()
    add(text[start:].strip())
    return out


# Abbreviations that stand before a name and so never end a sentence: "I'm here with Dr. Mei Chen."
# was two sentences ("I'm here with Dr." / "Mei Chen."), each a caption and a segment of its own.
# Not "Jr.", "etc." or "U.S.": those end sentences as often as not.
_TITLES = frozenset("mr mrs ms mx dr prof st sen rep gov gen col capt lt sgt rev fr hon mt messrs mme mlle".split())


def is_title(word: str) -> bool:
    """Whether a word is a title before a name ("Dr.", "Mrs."), whose period ends no sentence."""
    return word.endswith(".") and word[:-1].lstrip("\"“‘(").lower() in _TITLES


# Control characters (a terminal's escape codes, DEL, a form feed) and the non-characters U+FFFE/U+FFFF
# say nothing readers could see, and XML 1.0 forbids most of them: one in a description made
# feed.xml unreadable to every feed reader. Each becomes a space (tabs and line ends are spaces already).
CONTROL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


# A credential after a name ("Bo Chen, PhD", "Ana Lima, MD", "Sam Ortiz Jr."): no part of whom it
# names. Rev's "Bo Chen, PhD (00:04):" was no turn, and its lines went to the speaker before.
CREDENTIAL = re.compile(r",?\s+(?:Ph\.?\s?D|M\.?D|D\.?Phil|Jr|Sr|Esq|MBA|RN|CPA)\.?$|,\s*(?:I{2,3}|IV)$", re.I)
# ... and a title before it ("Dr. Jane Smith"): her transcript's "Jane Smith" was no one of the episode.
HONORIFIC = re.compile(r"^(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mx|Sir|Dame|Rev|Fr)\.?\s+(?=\S)", re.I)


# Sound and music described, not said: "[Music]", "(laughs)", "[upbeat music playing]", "♪",
# whisper.cpp's "[BLANK_AUDIO]".
_SOUND_WORDS = (
    "music|laughter|laughs|laughing|applause|silence|inaudible|crosstalk|noise|cheering|cheers|sighs|"
    "chuckles|chuckling|unintelligible|coughs|coughing|groans|gasps|clapping|claps|beep|static|blank_audio"
)
_BRACKETED = rf"\[[^\[\]\d]{{0,30}}?\b(?i:{_SOUND_WORDS})\b[^\[\]\d]{{0,30}}(?:\d{{1,2}}(?::\d{{2}}){{1,2}}(?:\.\d+)?)?\]"  # Rev's "[crosstalk 00:00:18]" too
_PARENTHESIZED = rf"\([^()\d]{{0,30}}?\b(?i:{_SOUND_WORDS})\b[^()\d]{{0,30}}\)"
SOUND = re.compile(rf"(?:{_BRACKETED}|{_PARENTHESIZED}|♪+)")
BRACKETED_SOUND = re.compile(rf"(?:{_BRACKETED}|♪+)")  # not "(static)", which may be words said


def tidy(text: str) -> str:
    """Collapse runs of whitespace (and control characters: a JSON source's "\\u001b") to single spaces."""
    return re.sub(r"\s+", " ", CONTROL.sub(" ", text)).strip()


def ends_sentence(word: str) -> bool:
    """Whether a word closes a sentence: ``staggering.``, ``right?"``, ``so…`` (not ``Dr.``)."""
    return bool(_WORD_END.search(word)) and not is_title(word)


def starts_sentence(word: str) -> bool:
    """Whether a word can open a sentence: after any opening quote or "¿", a capital, a digit, or a
    letter of a script without case."""
    core = word.lstrip(_OPENERS)
    if not core:
        return False
    c = core[0]
    return c.isdigit() or c.isupper() or (c.isalpha() and not c.islower())
