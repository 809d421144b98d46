"""The merge: one transcript on the video's clock from sources that disagree.

The stages, in the order ``merge_episode`` runs them; each takes frozen values
and returns new ones:

1. ``backbone``: the source with the best text among those covering the whole
   episode becomes the spine; every other timed source is aligned to it (edlib).
2. ``speakers``: every label is mapped to a person (pins, names, votes of the
   named timed sources); named timed sources win word by word.
3. ``sponsors``: sponsor reads, from the sponsors' web addresses.
4. ``timing``: measured times, chapter anchors, part offsets, interpolation.
5. ``sentences``: the backbone cut into sentences; edited text laid over it
   where it exists, nothing lost or repeated at the seam.
6. ``passages``: sentences grouped into passages, chapters given their ends.
"""

from __future__ import annotations

from dataclasses import replace

from ..clock import format_hms
from ..config import EpisodeConfig, SiteConfig
from ..errors import Problems
from ..model import ChapterList, ChapterMark, EditedText, Episode, Origin, PodcastPage, Source, SummaryPage, TimedTranscript, WordPart
from ..text import ends_sentence
from .backbone import LACKING, Fit, Spine, choose_backbone, filled, fit_names, fit_part, fit_timed, make_spine, on_the_clock, pieces_of, restarted_parts
from .offsets import marks_on_clock, on_video_clock
from .passages import in_chapters, make_chapters, make_passages, whole_episode
from .sentences import backbone_sentences, use_edited
from .speakers import People, assign_speakers, name_labels, written_name
from .sponsors import mark_sponsors
from .timing import FOLLOWS, Clock, number_parts, part_report, place_on_clock

__all__ = ["merge_episode", "clock_problems", "place_sources", "part_report", "Clock"]


def merge_episode(cfg: EpisodeConfig, sources: list[Source], site: SiteConfig) -> tuple[Episode | None, Problems]:
    """Merge an episode's sources into the timed, speaker-attributed model."""
    where = site.rel(site.path)
    sources = numbered_in_order(sources)
    problems = _source_problems(cfg, sources, where)
    if problems:
        return None, problems
    duration = episode_duration(cfg, sources)
    problems.extend(clock_problems(cfg, sources, where))
    if problems or duration is None:
        return None, problems
    backbone = filled(choose_backbone(sources), sources, People(cfg).known)
    assert backbone is not None  # _source_problems refused an episode without one
    spine, own = make_spine(backbone)
    edited = _edited_text(sources, spine, cfg)
    clock = place_sources(cfg, sources, duration, problems, (spine, own))
    if clock is None:
        return None, problems
    drafts = backbone_sentences(clock.spine, clock.chapter_at)
    if edited is not None:
        drafts = use_edited(edited, clock.spine, drafts, clock.chapter_at, problems)
    if problems:
        return None, problems
    page = next((s for s in sources if isinstance(s, PodcastPage)), None)
    timed = [s for s in sources if isinstance(s, TimedTranscript)]
    summaries = [s for s in sources if isinstance(s, SummaryPage)]
    marks = clock.marks or whole_episode("Full episode", Origin(where, None))
    episode = Episode(
        slug=cfg.slug,
        title=cfg.title or (page.title if page else "") or next((t.title for t in timed if t.title), ""),
        show=cfg.show,
        published=cfg.published,
        duration=duration,
        video_id=cfg.video_id,
        links=cfg.links,
        description=cfg.description or (page.description if page else "") or next((t.description for t in timed if t.description), ""),
        sponsors=page.sponsors if page else (),
        people=cfg.people,
        chapters=make_chapters(marks, duration),
        passages=make_passages(in_chapters(drafts, clock.chapter_at)),
        summary=summaries[0] if summaries else None,
        sources=tuple(sorted(site.rel(s.path) for s in cfg.sources)),
        media_url=cfg.media_url,
    )
    return episode, problems


def place_sources(
    cfg: EpisodeConfig, sources: list[Source], duration: float, problems: Problems, made: tuple[Spine, dict[int, float]] | None = None
) -> Clock | None:
    """Stages 1-4: the backbone, every timed source aligned to it, speakers, sponsor reads and the clock.

    ``made``: the backbone's spine and own times, when the caller has made them already.
    """
    sources = numbered_in_order(sources)  # as merge_episode does (idempotent): this stage is called alone too
    backbone = choose_backbone(sources)
    assert backbone is not None  # _source_problems refused an episode without one
    spine, own = make_spine(filled(backbone, sources, People(cfg).known)) if made is None else made
    fits: list[Fit] = []
    clocked = on_the_clock([s for s in sources if isinstance(s, WordPart)])
    for source in sources:
        if isinstance(source, WordPart):
            fit = fit_part(source, spine, problems, on_clock=clocked)
        elif isinstance(source, TimedTranscript) and not pieces_of(backbone, source):
            fit = fit_timed(source, spine, problems)
        else:
            continue
        if fit is not None:
            fits.append(fit)
    fits = numbered_by_place(fits)
    if not isinstance(backbone, tuple):
        cut_short(fits, sources, backbone.path, problems)
    captions = {s.path for s in sources if isinstance(s, TimedTranscript) and s.format == "captions"}
    own, spine, fits = on_video_clock(bool(cfg.video_id), own, spine, fits, captions, getattr(backbone, "format", "") == "captions")
    people = People(cfg)
    for source in sources:  # an edited transcript that names its speakers names the words it gives
        if isinstance(source, EditedText) and (named := _naming(named_paragraphs(source, people))):
            if (fit := fit_names(source.path, named, spine)) is not None:
                fits.append(fit)
    labels = name_labels(spine, fits, cfg, problems)
    if problems:
        return None
    spine = assign_speakers(spine, fits, labels, cfg)
    page = next((s for s in sources if isinstance(s, PodcastPage)), None)
    spine = mark_sponsors(spine, page.sponsors if page else ())
    marks = chapter_marks(cfg, sources)
    if not cfg.chapters:  # site.toml's are as its author means them
        measured = {i: t for f in fits if f.absolute for i, t in f.rel.items()} | own
        marks = marks_on_clock(marks, spine, measured, duration)
    clock = place_on_clock(spine, own, fits, marks, duration, cfg.host)
    return replace(clock, fits=number_parts(clock.fits, duration))


#: Seconds a part may go on after its last word the page matches and still be taken for cut short there.
HEARD_AFTER = 1.0


def cut_short(fits: list[Fit], sources: list[Source], whole: str, problems: Problems) -> None:
    """A part whose words stop ``LACKING`` words or more before the next-numbered part's begin, where the
    full transcript beside them says those words: its file was cut short (a download stopped, a
    file cut by lines). Its last word was taken for the part's end without a word, and the words
    after it timed by estimate. Refused, not warned of: the build has no warnings (a line a CI
    build prints goes unread), and the file is damaged, not the episode: fetched again, it builds;
    removed, the words are timed around it as around any part missing beside a page. ``LACKING``:
    renderings of one speech never lack so many words at one place (see ``backbone``)."""
    parts = {(p.path, p.number): p for p in sources if isinstance(p, WordPart)}
    numbered = sorted((f for f in fits if f.number is not None and not f.absolute and (f.path, f.number) in parts), key=lambda f: f.number or 0)
    for a, b in zip(numbered, numbered[1:]):
        lost = b.first - a.last - 1
        part = parts[(a.path, a.number)]
        # A part that goes on talking after its last word the page matches is whole, its end misheard
        # (music, crosstalk: QA39's 40 words heard as "mm" were refused as cut short); a cut file's
        # own words stop there. A second is less than two words said, where LACKING words are ten.
        heard_after = part.words[-1].start - a.rel.get(a.last, part.words[-1].start) if part.words else 0.0
        if b.number == (a.number or 0) + 1 and lost >= LACKING and heard_after < HEARD_AFTER:
            problems.add(a.path, part.words[-1].origin.line, f"part {a.number} stops {lost} words before part {b.number} ({b.path}) begins: {whole} says them and neither part does, so this file looks cut short; fetch it again, or remove it (the words are then timed around it)")


def numbered_in_order(sources: list[Source]) -> list[Source]:
    """Word-level parts without numbers given the numbers they must have, in the order listed:

    - where the parts are the transcript and none has a number, 1, 2, 3…: the first starts the
      episode and each continues the one before, as numbered parts do (17 such parts were placed by
      the clock around them alone: moments off by 8.6 s at the median, 28 s at worst; numbered,
      0.5 s and 1.1 s);
    - where as many parts lack a number as the numbered ones' count leaves missing, those numbers
      (17 parts, one with its header: "parts 2, 3, 4 … of 17 are missing").

    Timed transcripts cut into pieces that each start again at zero are word-level parts first
    (``restarted_parts``).
    """
    sources = restarted_parts(sources)
    parts = [s for s in sources if isinstance(s, WordPart)]
    bare = [part for part in parts if part.number is None]
    if not bare:
        return sources
    numbers = {part.number for part in parts if part.number is not None}
    count = max((part.count or 0 for part in parts), default=0)
    if numbers:
        missing = [n for n in range(1, count + 1) if n not in numbers]
        if len(missing) != len(bare):
            return sources
        given = dict(zip(map(id, bare), missing))
    elif isinstance(choose_backbone(sources), tuple):
        count = len(bare)
        given = {id(part): k + 1 for k, part in enumerate(bare)}
    else:
        return sources
    return [replace(s, number=given[id(s)], count=count) if id(s) in given else s for s in sources]


def numbered_by_place(fits: list[Fit]) -> list[Fit]:
    """Parts that came without an order numbered in the order they align in:

    - pieces of one recording (``restarted_parts`` beside another transcript): listed in reverse,
      or named "one", "two", "three", "four" (a folder lists them four, one, three, two), every
      time was off by minutes;
    - word-level parts without headers beside another transcript (a podcast page), none numbered,
      where the first aligns at the transcript's start: it starts the episode and the others
      continue it, as numbered parts do. Placed by the clock around them alone, one such part of
      the whole episode was 8.5 s late throughout, and 17 parts up to 30 s off.
    """
    parts = [f for f in fits if not f.absolute]
    if parts and all(f.number is None and not f.count for f in parts) and min(f.first for f in parts) <= FOLLOWS:
        order = {id(f): k + 1 for k, f in enumerate(sorted(parts, key=lambda f: (f.first, f.last)))}
        return [replace(f, number=order[id(f)], count=len(parts)) if id(f) in order else f for f in fits]
    bare = [f for f in fits if f.number is None and f.count and not f.absolute]
    if not bare or len(bare) != bare[0].count or any(f.count != bare[0].count for f in bare):
        return fits
    order = {id(f): k + 1 for k, f in enumerate(sorted(bare, key=lambda f: (f.first, f.last)))}
    return [replace(f, number=order[id(f)]) if id(f) in order else f for f in fits]


def chapter_marks(cfg: EpisodeConfig, sources: list[Source]) -> tuple[ChapterMark, ...]:
    """The chapters from whichever source has them: site.toml, a chapters file, the page, a timed
    transcript, an edited one; with an "Opening" before a first one that starts a minute or more
    in (see ``OPENING``)."""
    found = cfg.chapters
    for kind in (ChapterList, PodcastPage, TimedTranscript, EditedText):
        found = found or next((s.chapters for s in sources if isinstance(s, kind) and s.chapters), ())
    if found and found[0].start >= OPENING:
        return (ChapterMark("Opening", 0.0, found[0].origin), *found)
    return found


#: Seconds from which what is said before the first chapter listed is a chapter of its own. A list's
#: first chapter holds the few seconds before it (a list that starts at 0:30, after a jingle or a
#: teaser), but a first chapter at 2:06 or 3:26, with minutes of talk before it (Podcasting 2.0 and
#: publishers' markers need not start at 0), gave its title to that talk too.
OPENING = 60.0


def _edited_text(sources: list[Source], spine: Spine, cfg: EpisodeConfig) -> EditedText | None:
    """The edited prose to lay over a verbatim backbone: the edited transcript, else a publisher's."""
    edited = next((s for s in sources if isinstance(s, EditedText)), None)
    if edited is not None:
        return _unnamed(edited, People(cfg))
    if spine.kind == "edited":
        return edited
    publisher = next((s for s in sources if isinstance(s, TimedTranscript) and s.edited and s.path != spine.source), None)
    if publisher is None:
        return None
    paragraphs = tuple((chunk, seg.origin) for seg in publisher.segments for chunk in seg.text.split("\n\n") if chunk.strip())
    return EditedText(publisher.path, paragraphs)


def _unnamed(edited: EditedText, people: People) -> EditedText:
    """The edited prose without the names an editor writes above or before each speaker's
    paragraphs ("Ana Lima" on a line of its own, "Ana Lima: So…"): laid over the speech, they
    were words said ("Ana Lima | Bo Park" as text). Who speaks they say too (``named_paragraphs``)."""
    return replace(edited, paragraphs=tuple((text, origin) for _, text, origin in named_paragraphs(edited, people)))


def _naming(paragraphs: list[tuple[str, str, Origin]]) -> list[tuple[str, str, Origin]]:
    """The paragraphs of an edited transcript that names its speakers, unnamed ones too ("" their name:
    they anchor the alignment, naming no one): two people or more, and a name on a third of its
    paragraphs or more (a turn may run on over two or three unnamed ones). One "Ilya: that name comes
    up a lot" in an essay named every paragraph after it Ilya's and moved the clock 62 s."""
    named = [p for p in paragraphs if p[0]]
    if len({name.casefold() for name, _, _ in named}) < 2 or 3 * len(named) < len(paragraphs):
        return []
    return paragraphs


def _heading_like(text: str) -> bool:
    """A line above an edited transcript's text ("Episode 42: Bees and the city", "Published March 3,
    2025", "Transcript"): a dozen words at most, not ending a sentence. Laid over the speech, each was
    a passage said at 0:01."""
    return len(text.split()) <= 12 and not ends_sentence(text.rstrip("*_").split()[-1] if text.split() else "")


def named_paragraphs(edited: EditedText, people: People) -> list[tuple[str, str, Origin]]:
    """(name, text, origin) of each paragraph of the edited prose, its name taken off: the one
    before its text or on a line above it (of the paragraphs up to the next name), "" if none."""
    paragraphs = []
    name = ""
    for text, origin in edited.paragraphs:
        if len(text.split()) <= 6 and people.named(text):
            name = written_name(text)
            continue
        if not paragraphs and not name and _heading_like(text):
            continue  # the file's title, date or "Transcript" heading above the text: nobody says it
        head, colon, rest = text.partition(":")
        if colon and rest.strip() and len(head.split()) <= 6 and people.named(head):
            name, text = written_name(head), rest.strip()
            paragraphs.append((name, text, origin))
            name = ""  # "Ana Lima: …" names its own paragraph; one that follows without a name is unnamed
            continue
        paragraphs.append((name, text, origin))
    return paragraphs


def _source_problems(cfg: EpisodeConfig, sources: list[Source], where: str) -> Problems:
    """What an episode's set of sources lacks or has too many of."""
    problems = Problems()
    backbone = choose_backbone(sources)
    if backbone is None:
        # what each file was read as: a timed transcript taken for an edited one or a chapter list
        # said only "has no transcript", naming no file
        kinds = {EditedText: "an edited transcript (no times)", ChapterList: "a chapter list", SummaryPage: "a summary"}
        read = "; ".join(f"{s.path} was read as {kinds[type(s)]}" for s in sources if type(s) in kinds)
        fix = f" ({read}: if one is a timed transcript, give it its role in site.toml)" if read else ""
        problems.add(where, None, f"episode '{cfg.slug}' has no transcript{fix}: add a podcast page, captions (.vtt/.srt), a Whisper or Podcasting 2.0 JSON, a publisher transcript or word-level parts")
    parts = [s for s in sources if isinstance(s, WordPart)]
    by_number: dict[int, WordPart] = {}
    for part in parts:
        if part.number is not None and part.number in by_number:
            other = by_number[part.number]  # where each starts: one file may hold several parts
            where = f"{other.path}:{other.segments[0].origin.line}" if other.path == part.path else other.path
            problems.add(part.path, part.segments[0].origin.line if part.path == other.path else 1, f"part {part.number} again: {where} is part {part.number} too; keep one of them")
        elif part.number is not None:
            by_number[part.number] = part
    count = max((p.count for p in parts if p.count), default=0)
    missing = [n for n in range(1, count + 1) if n not in by_number]
    if missing and isinstance(backbone, tuple):  # the parts are the transcript: a hole in it shifts what follows
        said = ", ".join(map(str, missing[:8])) + (" …" if len(missing) > 8 else "")
        noun, are, them = ("parts", "are", "them") if len(missing) > 1 else ("part", "is", "it")
        pieces = [p.path for p in parts if p.restarted]
        # Timed transcripts in pieces each starting at zero are parts too (``restarted_parts``), not the
        # full transcript the message asks for: "add … a Whisper JSON" where ten pieces of one were given.
        given = f"; {len(pieces)} files ({', '.join(pieces[:2])}{' …' if len(pieces) > 2 else ''}) are a transcript in pieces, each starting again at zero: pieces of the recording, placed by a full transcript or laid end to end, not beside parts; remove the parts, or add a podcast page" if pieces else ""
        problems.add(where, None, f"episode '{cfg.slug}': {noun} {said} of {count} {are} missing: add {them}, or a full transcript (a podcast page, captions, a Whisper or Podcasting 2.0 JSON{' of the whole episode in one file' if pieces else ''}){given}")
    # An episode has one of each: of two, one is an old copy or read as the wrong kind.
    counted = ((PodcastPage, "podcast page"), (EditedText, "edited transcript"), (SummaryPage, "summary"), (ChapterList, "chapter list"))
    for kind, name in counted:
        found = [s for s in sources if isinstance(s, kind)]
        if len(found) > 1:
            files = ", ".join(s.path for s in found)
            problems.add(where, None, f"episode '{cfg.slug}' has {len(found)} sources read as {name} ({files}): keep one, or list the sources to use (and their role) in site.toml")
    return problems


def episode_duration(cfg: EpisodeConfig, sources: list[Source]) -> float | None:
    """The video's length: site.toml, else a part's header, else the page's runtime or the last timed word.

    A length in site.toml to the whole minute ("1:36:00", a page's "1h 36m") is taken as rounded where
    the sources say more finely within that minute: a part's header ("1h 36m 3s"), or timed words
    running past it (captions to 1:36:01 were "past the episode's end", and the parts' chain was
    squeezed into 1:36:00)."""
    parts = [s.duration for s in sources if isinstance(s, WordPart) and s.duration]
    ends = [said_until(s) for s in sources if isinstance(s, TimedTranscript) and s.segments]
    ends += [chained] if not parts and (chained := _chained(sources)) else []  # 0.0: no parts to chain, no length
    if cfg.duration:
        if cfg.duration % 60:
            return cfg.duration
        if parts and cfg.duration <= parts[0] < cfg.duration + ROUNDED:
            return parts[0]
        return max([cfg.duration] + [end for end in ends if end < cfg.duration + ROUNDED])
    if parts:
        return parts[0]
    runtimes = [s.runtime for s in sources if isinstance(s, PodcastPage) and s.runtime]
    return max(ends + runtimes, default=None)


#: Seconds a letter takes, where a transcript gives too few times to measure its own pace: the
#: embedded episode's speakers take 0.058 and 0.072.
PACE = 0.065


def said_until(transcript: TimedTranscript) -> float:
    """When a timed transcript's talk ends: its last time (a long cue may end after a later one), or
    where its last turn has only a start (a Podcasting 2.0 HTML transcript's <time>, a publisher's
    stamp), that start plus the turn's letters at the transcript's own pace. Its start alone made
    an episode without a duration end as its last turn began (QA40 F5: the turn's captions lasted
    1 ms, the length shown 1:56 of 2:04)."""
    segments = transcript.segments
    last = max(seg.end or seg.start for seg in segments)
    final = max(segments, key=lambda seg: seg.start)
    if final.end is not None:
        return last
    letters = sum(ch.isalnum() for seg in segments if seg is not final for ch in seg.text)
    span = final.start - min(seg.start for seg in segments)
    pace = span / letters if letters and span > 0 else PACE
    return round(max(last, final.start + pace * sum(ch.isalnum() for ch in final.text)), 2)


def _chained(sources: list[Source]) -> float:
    """How long word-level parts numbered 1 to N and all there run, each after the one before: at
    least the episode's length (a recording cut into pieces, each transcribed on its own clock;
    on the episode's clock, the last part's end)."""
    parts = sorted((s for s in sources if isinstance(s, WordPart) and s.words), key=lambda s: s.number or 0)
    if not parts or [s.number for s in parts] != list(range(1, len(parts) + 1)) or {s.count for s in parts} != {len(parts)}:
        return 0.0
    ends = [max(w.end or w.start for w in part.words) for part in parts]
    return ends[-1] if on_the_clock(parts) else sum(ends)


ROUNDED = 60.0  # seconds: a length given to the minute is the length cut down to it ("1h 36m" of 1:36:03)


#: Chapters an episode may have. Every chapter page lists them all (and maps their times for
#: ``#t=`` links), so a build grows with their square: 300 chapters built in 3.8 s, 2,000 in 131 s
#: and 528 MB; a timed transcript given role = "chapters" would have thousands. Shows mark a
#: few dozen at most; a song-by-song music show, a few hundred.
MAX_CHAPTERS = 500


def clock_problems(cfg: EpisodeConfig, sources: list[Source], where: str, *, all_read: bool = True) -> Problems:
    """Times that cannot be on this episode's clock; the build checks them even when other files failed
    (``all_read`` False: then no length found is no problem of its own, as the failed file may give it)."""
    duration = episode_duration(cfg, sources)
    problems = Problems()
    if duration is None and not all_read:
        return problems
    if duration is None:
        problems.add(where, None, f"episode '{cfg.slug}': no duration; set duration = \"h:mm:ss\"")
        return problems
    listed = chapter_marks(cfg, sources)
    # an edited transcript's list only where it is the one used: above its prose, a list is a
    # copy of the page's, and another source's chapters say what the episode's are
    edited = {m for s in sources if isinstance(s, EditedText) for m in s.chapters}
    marks = list(cfg.chapters) + [m for s in sources if isinstance(s, (PodcastPage, ChapterList, TimedTranscript)) for m in s.chapters]
    # With no duration in site.toml the end is where the timed sources' talk ends: a transcript cut
    # short put the chapters after it "past the episode's end", the chapters file blamed alone.
    end = format_hms(duration) if cfg.duration else f"{format_hms(duration)}, where its timed sources end: is one cut short? Else set its duration in site.toml"
    for mark in marks + [m for m in listed if m in edited]:
        if mark.start >= duration:
            problems.add(mark.origin.path, mark.origin.line, f"chapter '{mark.title}' starts at {format_hms(mark.start)}, past the episode's end ({end})")
    if len(listed) > MAX_CHAPTERS:
        first = listed[MAX_CHAPTERS].origin
        problems.add(first.path, first.line, f"{len(listed):,} chapters: an episode has {MAX_CHAPTERS} at most (is this a transcript read as a chapter list?)")
    backbone = choose_backbone(sources) if all_read else None
    if isinstance(backbone, TimedTranscript) and backbone.segments:
        final = max(backbone.segments, key=lambda seg: seg.end or seg.start)
        last = final.end or final.start
        broken = _broken_off(backbone, final)
        if duration - last > max(UNSAID, UNSAID_SHARE * duration) or (broken and duration - last > UNSAID_SHARE * duration):
            problems.add(
                final.origin.path, final.origin.line,
                f"the transcript ends at {format_hms(last)}, {format_hms(duration - last)} before the episode does ({format_hms(duration)})"
                f"{f', mid-sentence (‘…{broken}’)' if broken else ''}: is the file cut short, or the duration wrong?",
            )
    elif isinstance(backbone, tuple):
        # Word-level parts laid end to end, held to the same: their headers' counts were checked
        # (_source_problems), but one headerless part of 5:53, all there was of a 1:36:03 episode,
        # built as the whole episode, its words from 18:49 on shown from 0:00.
        ends = [(part, part.words[-1]) for part in backbone if part.words]
        said = sum(word.end or word.start for _, word in ends)
        if ends and duration - said > max(UNSAID, UNSAID_SHARE * duration):
            part, word = ends[-1]
            which = "parts end" if len(ends) > 1 else "part ends"
            question = "is a part missing" if len(ends) > 1 else "is it one part of several"
            problems.add(
                part.path, word.origin.line,
                f"the word-level {which} at {format_hms(said)}{' laid end to end' if len(ends) > 1 else ''}, {format_hms(duration - said)} before the episode"
                f" does ({format_hms(duration)}): {question} (each part's times start at zero, so the episode's clock cannot be told without the rest),"
                f" or the duration wrong?",
            )
    for source in sources:
        if isinstance(source, PodcastPage) and (cut := _cut_short(source, duration)):
            problems.add(source.path, source.turns[-1].origin.line, cut)
        if isinstance(source, WordPart) and source.duration and abs(source.duration - duration) > 60:
            problems.add(source.path, 2, f"episode length {format_hms(source.duration)} disagrees with {format_hms(duration)} in site.toml")
        if isinstance(source, (TimedTranscript, WordPart)):  # a part's own times: no part is longer than the episode
            late = _past_the_end(source, duration + 1)  # a second of slack: lengths are given in whole seconds
            if late is not None:
                seconds, origin = late
                problems.add(source.path, origin.line, f"time {format_hms(seconds)} is past the episode's end ({format_hms(duration)})")
    return problems


#: Seconds at the end of an episode its only timed transcript may leave unsaid: at least UNSAID, and
#: UNSAID_SHARE of the episode (music after the talk runs a few minutes at most; the embedded
#: episode's last word ends a second before it does). Captions of 2.5 of 60 minutes, or a length
#: typed for another episode, built 57 minutes of nothing.
UNSAID = 300.0
UNSAID_SHARE = 0.25

def _broken_off(transcript: TimedTranscript, final) -> str | None:
    """The last words of a punctuated transcript whose last segment stops mid-sentence ("It sounds
    simple, bu"), else None: a file cut short, where music after the talk follows a sentence's end.
    So read, a quarter of a short episode missing is refused, not only 5 minutes of it (QA40 F3:
    captions of 2:40 cut at 1:36 built, the last chapter empty)."""
    words = final.text.split()
    if not words or ends_sentence(words[-1]) or not any(ends_sentence(w) for seg in transcript.segments for w in seg.text.split()):
        return None
    return " ".join(words[-4:])[-40:]


#: Words a minute below which a page's transcript cannot be the whole of a conversation's: people
#: talk at 120-180 (the embedded episode, 163 with its sponsor reads and pauses).
SLOWEST_TALK = 100


def _cut_short(page: PodcastPage, duration: float) -> str | None:
    """Why a page's transcript looks cut short, or None: it stops mid-sentence and holds too few
    words for the episode's length. Cut at half its bytes, a page built, its first half spread
    over the whole episode ("First word, AGI.", said at 47:41, shown at 1:34:08)."""
    words = [w for turn in page.turns for w in turn.text.split()]
    if not words or ends_sentence(words[-1]) or len(words) >= SLOWEST_TALK * duration / 60:
        return None
    tail = " ".join(words[-6:])[-60:]
    return (
        f"the transcript stops mid-sentence ('…{tail}') after {len(words):,} words, {len(words) / (duration / 60):.0f} a minute"
        f" of {format_hms(duration)} where people talk at 120-180: is the file cut short?"
    )


def _past_the_end(source: TimedTranscript | WordPart, limit: float) -> tuple[float, Origin] | None:
    """The first time of a timed transcript or part past ``limit`` (a start, an end, a word's), and where it is written.

    One absurd time anywhere (a cue ending at 99:00:00) would otherwise stretch the clock of
    every passage after it, so every time is checked, not only the last start. A word-level part's
    words have no times written, only spread from their segment's start (its last segment's at a
    pace): theirs are not checked (a whole episode in one part, its last stamp 10 s before the end
    and 37 words after it, was "past the episode's end" at a time the file does not have). A piece
    of Whisper made a part (``restarted_parts``) times its words itself, start and end.
    """
    for seg in source.segments:
        for t in (seg.start, getattr(seg, "end", None)):  # a part's segments give their start alone
            if t is not None and t > limit:
                return t, seg.origin
        for word in seg.words:
            if isinstance(source, WordPart) and word.end is None:
                continue
            for t in (word.start, word.end):
                if t is not None and t > limit:
                    return t, word.origin
    return None
