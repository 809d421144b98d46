"""A tiny hand-made episode for fast tests of rendering and search (no sources, no merge)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from generator.model import Chapter, Episode, Link, Origin, Passage, Sentence, Site, Speaker, SummaryPage, Takeaway

HOST = Speaker("dana-host", "Dana Host", "Host", host=True)
GUEST = Speaker("gil-guest", "Gil Guest", "Researcher")

# (start, end, speaker, chapter, kind, sponsor, sentences)
PASSAGES: tuple[tuple[float, float, Speaker, int, str, bool, tuple[str, ...]], ...] = (
    (0, 28, HOST, 0, "edited", False, ("Welcome to the show.", "Today we talk about jagged models.")),
    (30, 90, GUEST, 0, "edited", False, ("Thanks for having me.", "Models ace evals but stumble in practice.")),
    (95, 190, GUEST, 0, "edited", False, ("One reason is reward hacking by researchers.",)),
    (200, 255, HOST, 0, "edited", True, ("This episode is brought to you by Acme <Widgets> & Co.",)),
    (260, 590, HOST, 0, "edited", True, ("Go to acme.example to learn more.",)),
    (620, 1300, GUEST, 1, "edited", False, ("Value functions short-circuit long rollouts.", "Emotions may play that role.")),
    (1330.5, 1395, HOST, 1, "edited", False, ("So what are we scaling now?",)),
    (1400, 3590, GUEST, 1, "verbatim", False, ("Um, you know, it's, it's pre-training data mostly.",)),
    (3700, 3725, HOST, 2, "edited", False, ("Let's talk about generalization.",)),
    (3730, 3790, GUEST, 2, "edited", False, ("Humans learn to drive in ten hours.", "Sample efficiency is the puzzle.")),
    (3800, 3895, GUEST, 2, "verbatim", False, ("I think the, the answer is something like continual learning.",)),
    (3900, 3990, HOST, 2, "edited", False, ("Thank you, Gil.",)),
)

CHAPTERS: tuple[tuple[str, str, float, float], ...] = (
    ("Explaining model jaggedness", "explaining-model-jaggedness", 0, 600),
    ("Emotions and value functions", "emotions-and-value-functions", 600, 3600),
    ("What are we scaling?", "what-are-we-scaling", 3600, 4000),
)


def make_passages(rows=PASSAGES) -> tuple[Passage, ...]:
    """Passages with ids derived from their start, like the merge makes them."""
    out = []
    for i, (start, end, speaker, chapter, kind, sponsor, texts) in enumerate(rows):
        step = (end - start) / len(texts)
        sentences = tuple(
            Sentence(text, start + k * step, start + (k + 1) * step, Origin("fixture.txt", i + 1)) for k, text in enumerate(texts)
        )
        out.append(Passage(f"t{int(start)}", speaker, chapter, sentences, kind, sponsor))
    return tuple(out)


def make_episode(**overrides: Any) -> Episode:
    """A three-chapter, twelve-passage episode past the one-hour mark, with a sponsor read and verbatim passages."""
    chapters = tuple(Chapter(i, title, slug, start, end, Origin("fixture.txt", 100 + i)) for i, (title, slug, start, end) in enumerate(CHAPTERS))
    episode = Episode(
        slug="test-episode",
        title="Gil Guest – Jagged models & the age of research",
        show="Test Podcast",
        published="2025-11-25",
        duration=4000,
        video_id="VIDEOID1234",
        links=(Link("YouTube", "https://www.youtube.com/watch?v=VIDEOID1234"), Link("Spotify", "https://open.spotify.com/episode/x")),
        description="Gil & I discuss **jagged models**, value functions and [research](https://example.org/research).\n\n# Big heading\n\nMore text.",
        sponsors=("Acme – widgets for researchers. Learn more at acme.example",),
        people=(HOST, GUEST),
        chapters=chapters,
        passages=make_passages(),
        summary=SummaryPage(
            "summary.txt",
            (Takeaway("Models are jagged", "They ace evals and fail at simple tasks."), Takeaway("Research over scaling", "The next gains need new ideas.")),
            "Scaling, generalization and research taste.",
            "The ten-hours-to-drive comparison.",
        ),
        sources=("fixture.txt",),
    )
    return replace(episode, **overrides)


def make_site(*episodes: Episode, base_url: str | None = None) -> Site:
    """A site around the given episodes (default: one ``make_episode()``)."""
    return Site("Test transcripts", base_url, episodes or (make_episode(),), "Timed, searchable transcripts.")
