"""Passages and chapters: sentences grouped into readable paragraphs, chapters given their ends and slugs."""

from __future__ import annotations

import bisect
from dataclasses import replace

from ..config import slugify
from ..model import Chapter, ChapterMark, Origin, Passage, Sentence
from .sentences import Draft

# A passage is what a search result and a moment link land on: a paragraph a reader
# takes in at a glance. 90 words is about 30 s of speech at the parts' median rate
# (3.0 words a second), so the two bounds agree on ordinary talk; the seconds bound
# closes slow, pause-filled stretches whose time links would otherwise be far apart.
PASSAGE_WORDS = 90  # a passage (paragraph) closes after this many words ...
PASSAGE_SECONDS = 40.0  # ... or this long, at the next sentence end
_ROMANISED = ("CYRILLIC", "GREEK")  # scripts a chapter's slug spells in Latin letters


def make_chapters(marks: tuple[ChapterMark, ...], duration: float) -> tuple[Chapter, ...]:
    """Chapters with their ends and unique URL slugs (a chapter called "Transcript" is ``transcript-2``:
    ``transcript/`` is the episode's whole-transcript page, beside its chapters' folders)."""
    out = []
    slugs: set[str] = {"transcript"}
    for k, mark in enumerate(marks):
        end = marks[k + 1].start if k + 1 < len(marks) else duration
        # The first chapter holds what is said before its listed start too (a list may begin at 0:30):
        # it starts with the episode, so its page, its length and the chapters export say so.
        start = 0.0 if k == 0 else mark.start
        # A title in Cyrillic or Greek is spelt in Latin letters as their readers know it ("Глава первая":
        # glava-pervaya); one in a script whose romanisation would read wrong (Japanese kanji read as
        # Chinese, Arabic without its vowels) is named by its number.
        slug = slugify(mark.title, f"chapter-{k + 1}", transliterate=_ROMANISED)
        out.append(Chapter(k, mark.title, unique(slug, slugs), start, end, mark.origin))
    return tuple(out)


def whole_episode(title: str, origin: Origin) -> tuple[ChapterMark, ...]:
    """An episode no source divides is one chapter."""
    return (ChapterMark(title or "Full episode", 0.0, origin),)


def in_chapters(drafts: list[Draft], chapter_at: tuple[int, ...]) -> list[Draft]:
    """Each sentence with the chapter its first word falls in."""
    out = []
    for d in drafts:
        chapter = bisect.bisect_right(chapter_at, d.first) - 1
        out.append(d if d.chapter == chapter else replace(d, chapter=chapter))
    return out


def make_passages(drafts: list[Draft]) -> tuple[Passage, ...]:
    """Group sentences into readable paragraphs of one speaker, one chapter, one kind."""
    passages: list[Passage] = []
    used: set[str] = set()
    group: list[Draft] = []

    def close() -> None:
        if not group:
            return
        head = group[0]
        sentences = tuple(Sentence(d.text, d.start, d.end, d.origin, d.measured, d.times) for d in group)
        passages.append(Passage(unique(f"t{int(head.start)}", used), head.speaker, head.chapter, sentences, head.kind, head.sponsor, head.turn))
        group.clear()

    for d in drafts:
        if group:
            head = group[0]
            size = sum(len(g.text.split()) for g in group)
            if (
                d.speaker != head.speaker
                or d.chapter != head.chapter
                or d.kind != head.kind
                or d.sponsor != head.sponsor
                or d.turn  # someone else speaks, named or not
                or (d.kind == "edited" and d.origin != group[-1].origin)  # the editor's paragraphs
                or size >= PASSAGE_WORDS
                or d.start - head.start >= PASSAGE_SECONDS
            ):  # a sponsor read too: its passages are still folded away as one (writers.passages), and
                # a search result or a moment inside a read of 3 minutes lands on its words, not its start
                close()
        group.append(d)
    close()
    return tuple(passages)


def unique(base: str, used: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``… if taken; records the name as used."""
    name, n = base, 2
    while name in used:
        name, n = f"{base}-{n}", n + 1
    used.add(name)
    return name
