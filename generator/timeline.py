"""The merge: one transcript on the video's clock from sources that disagree.

The stages, each in its own module:

1. ``spine``: the verbatim transcript of the podcast page is the spine, the
   only source covering the whole episode in order; word-level parts are
   aligned to it (edlib).
2. ``speakers``: the parts' speakers name the page's anonymous ``Speaker 1/2``
   labels, and override them word by word where a part covers the stretch
   (the page's labels slip at turn changes).
3. ``sponsors``: sponsor reads, found from the sponsors' web addresses.
4. ``timing``: chapter anchors, part offsets, interpolation by spoken length.
5. ``sentences``: the edited transcript laid over the spine where it exists,
   verbatim sentences elsewhere, nothing lost or repeated at the seam.

This module runs them in order and groups the sentences into passages.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from .clock import format_hms
from .config import EpisodeConfig, SiteConfig, slugify
from .errors import Problems
from .model import Chapter, EditedText, Episode, Passage, PodcastPage, Sentence, Source, SummaryPage, WordPart
from .sentences import Draft, use_edited, verbatim_sentences
from .speakers import assign_speakers, name_labels
from .spine import PartFit, Spine, fit_part, make_spine
from .sponsors import mark_sponsors
from .timing import number_parts, part_report, place_chapters_and_parts

__all__ = ["merge_episode", "place_on_clock", "part_report", "Clock"]

PASSAGE_WORDS = 90  # a passage (paragraph) closes after this many words ...
PASSAGE_SECONDS = 40.0  # ... or this long, at the next sentence end


def merge_episode(cfg: EpisodeConfig, sources: list[Source], site: SiteConfig) -> tuple[Episode | None, Problems]:
    """Merge an episode's sources into the timed, speaker-attributed model."""
    problems = Problems()
    pages = [s for s in sources if isinstance(s, PodcastPage)]
    parts = [s for s in sources if isinstance(s, WordPart)]
    edited = [s for s in sources if isinstance(s, EditedText)]
    summaries = [s for s in sources if isinstance(s, SummaryPage)]
    where = site.rel(site.path)
    if len(pages) != 1:
        problems.add(where, None, f"episode '{cfg.slug}' needs exactly one podcast page with chapters and the verbatim transcript (found {len(pages)})")
    for kind, found in (("edited transcript", edited), ("summary", summaries)):
        if len(found) > 1:
            problems.add(where, None, f"episode '{cfg.slug}' has {len(found)} sources read as {kind}; set each source's role in site.toml")
    if problems:
        return None, problems
    page = pages[0]
    duration = episode_duration(cfg, page, parts)
    problems.extend(clock_problems(cfg, sources, where))
    if problems:
        return None, problems
    clock = place_on_clock(cfg, page, parts, duration, problems)
    if clock is None:
        return None, problems
    spine, chapter_at = clock.spine, clock.chapter_at
    sentences = verbatim_sentences(spine, page, chapter_at)
    if edited:
        sentences = use_edited(edited[0], spine, sentences, chapter_at, problems)
    if problems:
        return None, problems
    for d in sentences:
        d.chapter = bisect.bisect_right(chapter_at, d.first) - 1
    chapters = _chapters(page, duration)
    passages = _passages(sentences)
    episode = Episode(
        slug=cfg.slug,
        title=cfg.title or page.title,
        show=cfg.show,
        published=cfg.published,
        duration=duration,
        video_id=cfg.video_id,
        links=cfg.links,
        description=page.description,
        sponsors=page.sponsors,
        people=cfg.people,
        media_url=cfg.media_url,
        chapters=chapters,
        passages=passages,
        summary=summaries[0] if summaries else None,
        sources=tuple(sorted(site.rel(s.path) for s in cfg.sources)),
    )
    return episode, problems


def episode_duration(cfg: EpisodeConfig, page: PodcastPage | None, parts: list[WordPart]) -> float | None:
    """The video's length: site.toml first, then a part's header, then the page's rounded runtime."""
    return cfg.duration or next((p.duration for p in parts if p.duration), None) or (page.runtime if page else None)


def clock_problems(cfg: EpisodeConfig, sources: list[Source], where: str) -> Problems:
    """Times that cannot be on this episode's clock; the build checks them even when other files failed."""
    pages = [s for s in sources if isinstance(s, PodcastPage)]
    parts = [s for s in sources if isinstance(s, WordPart)]
    page = pages[0] if len(pages) == 1 else None
    duration = episode_duration(cfg, page, parts)
    problems = Problems()
    if duration is None:
        problems.add(where, None, f"episode '{cfg.slug}': no duration; set duration = \"h:mm:ss\"")
        return problems
    for mark in page.chapters if page else ():
        if mark.start >= duration:
            problems.add(mark.origin.path, mark.origin.line, f"chapter '{mark.title}' starts at {format_hms(mark.start)}, past the episode's end ({format_hms(duration)})")
    for part in parts:
        if part.duration and abs(part.duration - duration) > 60:
            problems.add(part.path, 2, f"episode length {format_hms(part.duration)} disagrees with {format_hms(duration)} in site.toml")
    return problems


@dataclass
class Clock:
    """The spine with every word timed, where each chapter begins, and how each part was placed."""

    spine: Spine
    chapter_at: list[int]
    fits: list[PartFit]


def place_on_clock(cfg: EpisodeConfig, page: PodcastPage, parts: list[WordPart], duration: float, problems: Problems) -> Clock | None:
    """Speakers, sponsor reads, chapter anchors, part offsets and a time for every verbatim word."""
    spine = make_spine(page, cfg)
    fits = [fit_part(part, spine, problems) for part in parts]
    fits = [f for f in fits if f is not None]
    labels = name_labels(page, spine, fits, cfg, problems)
    if problems:
        return None
    assign_speakers(spine, page, fits, labels, cfg)
    mark_sponsors(spine, page)
    chapter_at = place_chapters_and_parts(spine, page, fits, duration, cfg.host)
    number_parts(fits, duration)
    return Clock(spine, chapter_at, fits)


def _chapters(page: PodcastPage, duration: float) -> tuple[Chapter, ...]:
    """The page's chapters with their ends and unique URL slugs."""
    out = []
    slugs: set[str] = set()
    for k, mark in enumerate(page.chapters):
        end = page.chapters[k + 1].start if k + 1 < len(page.chapters) else duration
        slug = _unique(slugify(mark.title), slugs)
        out.append(Chapter(k, mark.title, slug, mark.start, end, mark.origin))
    return tuple(out)


def _passages(drafts: list[Draft]) -> tuple[Passage, ...]:
    """Group sentences into readable paragraphs of one speaker, one chapter, one kind."""
    passages: list[Passage] = []
    used: set[str] = set()
    group: list[Draft] = []

    def close() -> None:
        if not group:
            return
        head = group[0]
        sentences = tuple(Sentence(d.text, d.start, d.end, d.origin, d.measured) for d in group)
        passages.append(Passage(_unique(f"t{int(head.start)}", used), head.speaker, head.chapter, sentences, head.kind, head.sponsor))
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
                or (d.kind == "edited" and d.origin != group[-1].origin)  # the editor's paragraphs
                or (not d.sponsor and size >= PASSAGE_WORDS)
                or (not d.sponsor and d.start - head.start >= PASSAGE_SECONDS)
            ):  # a sponsor read stays whole: it is folded away as one
                close()
        group.append(d)
    close()
    return tuple(passages)


def _unique(base: str, used: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``… if taken; records the name as used."""
    name, n = base, 2
    while name in used:
        name, n = f"{base}-{n}", n + 1
    used.add(name)
    return name
