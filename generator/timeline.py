"""The merge: one transcript on the video's clock from sources that disagree.

The verbatim transcript of the podcast page is the spine: it is the only
source that covers the whole episode in order. Everything else is aligned to
its words:

1. Word-level parts are aligned to it (edlib); their speakers name the page's
   anonymous ``Speaker 1/2`` labels, and override them word by word where a
   part covers the stretch (the page's labels slip at turn changes).
2. Sponsor reads are found from the sponsors' web addresses.
3. Times. Chapter start times are anchors, each placed at the speaker turn
   (or the first paragraph after a sponsor read) where it really begins. A
   part whose span holds a chapter start gets its exact offset from it;
   a part next to a placed part continues its clock. Placed parts give every
   word they cover its measured time. Between anchors, time is interpolated
   in proportion to spoken length (letters plus a pause per speaker change),
   the rate each speaker showed in the parts.
4. Text. The edited transcript is aligned to the same spine and wins where it
   exists; the verbatim text continues from the first sentence after the
   last one the edited text covers.
"""

from __future__ import annotations

import bisect
import re
import statistics
from dataclasses import dataclass, field

from .align import align
from .config import EpisodeConfig, SiteConfig, slugify
from .errors import Problems
from .model import (
    Chapter,
    ChapterMark,
    EditedText,
    Episode,
    Origin,
    Passage,
    PodcastPage,
    Sentence,
    Source,
    Speaker,
    SummaryPage,
    WordPart,
)
from .text import split_sentences, word_key

PAUSE = 8.0  # weight of a speaker change, in letters: measured from the parts' turn gaps
PASSAGE_WORDS = 90  # a passage (paragraph) closes after this many words ...
PASSAGE_SECONDS = 40.0  # ... or this long, at the next sentence end
SENTENCE_WORDS = 40  # an unpunctuated run is cut after this many words, at a comma or paragraph break ...
SENTENCE_HARD = 55  # ... or here, wherever it is


@dataclass
class Spine:
    """The verbatim transcript as one word sequence, with what we learn about each word."""

    keys: list[str]
    texts: list[str]
    para: list[int]  # index of the page paragraph (Turn) the word is in
    speaker: list[Speaker]
    time: list[float] = field(default_factory=list)
    measured: list[bool] = field(default_factory=list)
    sponsor: list[bool] = field(default_factory=list)


@dataclass
class PartFit:
    """A word-level part aligned to the spine: verbatim index -> time within the part."""

    part: WordPart
    rel: dict[int, float]  # spine index -> seconds from the part's start
    speaker: dict[int, str]  # spine index -> the part's speaker label
    first: int
    last: int
    offset: float | None = None
    how: str = ""  # how the offset was found, for reports
    number: int | None = None


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
    problems.extend(check_clock(cfg, page, parts, duration, where))
    if problems:
        return None, problems
    clock = place_on_clock(cfg, page, parts, duration, problems)
    if clock is None:
        return None, problems
    spine, chapter_at = clock.spine, clock.chapter_at
    sentences = _verbatim_sentences(spine, page, chapter_at)
    kinds = ["verbatim"] * len(sentences)
    if edited:
        sentences, kinds = _use_edited(edited[0], spine, sentences, chapter_at, problems)
    if problems:
        return None, problems
    for d in sentences:
        d.chapter = bisect.bisect_right(chapter_at, d.first) - 1
    chapters = _chapters(page, chapter_at, spine, duration)
    passages = _passages(sentences, kinds)
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
        host=cfg.host,
        guest=cfg.guest,
        chapters=chapters,
        passages=passages,
        summary=summaries[0] if summaries else None,
        sources=tuple(sorted(site.rel(s.path) for s in cfg.sources)),
    )
    return episode, problems


def episode_duration(cfg: EpisodeConfig, page: PodcastPage | None, parts: list[WordPart]) -> float | None:
    """The video's length: site.toml first, then a part's header, then the page's rounded runtime."""
    return cfg.duration or next((p.duration for p in parts if p.duration), None) or (page.runtime if page else None)


def check_clock(cfg: EpisodeConfig, page: PodcastPage | None, parts: list[WordPart], duration: float | None, where: str) -> Problems:
    """Times that cannot be on this episode's clock; checked even when other files failed."""
    problems = Problems()
    if duration is None:
        problems.add(where, None, f"episode '{cfg.slug}': no duration; set duration = \"h:mm:ss\"")
        return problems
    for mark in page.chapters if page else ():
        if mark.start >= duration:
            problems.add(mark.origin.path, mark.origin.line, f"chapter '{mark.title}' starts at {_hms(mark.start)}, past the episode's end ({_hms(duration)})")
    for part in parts:
        if part.duration and abs(part.duration - duration) > 60:
            problems.add(part.path, 2, f"episode length {_hms(part.duration)} disagrees with {_hms(duration)} in site.toml")
    return problems


# --- the spine -----------------------------------------------------------------


@dataclass
class Clock:
    """The spine with every word timed, where each chapter begins, and how each part was placed."""

    spine: Spine
    chapter_at: list[int]
    fits: list[PartFit]


def place_on_clock(cfg: EpisodeConfig, page: PodcastPage, parts: list[WordPart], duration: float, problems: Problems) -> Clock | None:
    """Speakers, sponsor reads, chapter anchors, part offsets and a time for every verbatim word."""
    spine = _spine(page, cfg)
    fits = [_fit(part, spine, problems) for part in parts]
    fits = [f for f in fits if f is not None]
    labels = _name_labels(page, spine, fits, cfg, problems)
    if problems:
        return None
    _assign_speakers(spine, page, fits, labels, cfg)
    _mark_sponsors(spine, page)
    chapter_at = _place_chapters_and_parts(spine, page, fits, duration, cfg.host)
    _number_parts(fits, duration)
    return Clock(spine, chapter_at, fits)


def _spine(page: PodcastPage, cfg: EpisodeConfig) -> Spine:
    keys, texts, para = [], [], []
    for i, turn in enumerate(page.turns):
        for w in turn.text.split():
            keys.append(word_key(w))
            texts.append(w)
            para.append(i)
    return Spine(keys, texts, para, [cfg.host] * len(keys))


def _fit(part: WordPart, spine: Spine, problems: Problems) -> PartFit | None:
    """Align a part to the spine; a part that matches nowhere is a problem, not a guess."""
    words = part.words
    result = align([word_key(w.text) for w in words], spine.keys)
    matched = result.matched()
    if len(matched) < 0.5 * len(words) or result.error_rate > 0.35:
        problems.add(part.path, None, f"this part does not match the verbatim transcript ({len(matched)} of {len(words)} words found)")
        return None
    speaker_of = {id(w): seg.speaker for seg in part.segments for w in seg.words}
    rel = {t: words[q].start for q, t in matched}
    who = {t: speaker_of[id(words[q])] for q, t in matched}
    return PartFit(part, rel, who, matched[0][1], matched[-1][1], number=part.number)


def _name_labels(page: PodcastPage, spine: Spine, fits: list[PartFit], cfg: EpisodeConfig, problems: Problems) -> dict[str, Speaker]:
    """Map 'Speaker N' to people by how often each label's words are a named speaker's in the parts."""
    people = {cfg.host.name.lower(): cfg.host, cfg.guest.name.lower(): cfg.guest}
    votes: dict[str, dict[str, int]] = {}
    for fit in fits:
        for t, name in fit.speaker.items():
            person = _person(name, people)
            if person is None:
                line = next(s.origin.line for s in fit.part.segments if s.speaker == name)
                problems.add(fit.part.path, line, f"speaker {name!r} is neither the host nor the guest in site.toml")
                return {}
            label = page.turns[spine.para[t]].label
            box = votes.setdefault(label, {})
            box[person.key] = box.get(person.key, 0) + 1
    labels: dict[str, Speaker] = {}
    by_key = {cfg.host.key: cfg.host, cfg.guest.key: cfg.guest}
    for label, box in votes.items():
        labels[label] = by_key[max(sorted(box), key=box.get)]
    # Without parts (or for a label they never cover): the host speaks first.
    order = list(dict.fromkeys(t.label for t in page.turns))
    free = [p for p in (cfg.host, cfg.guest) if p not in labels.values()]
    for label in order:
        if label not in labels and free:
            labels[label] = free.pop(0)
    return labels


def _person(name: str, people: dict[str, Speaker]) -> Speaker | None:
    base = re.sub(r"\s*\(.*\)\s*$", "", name).strip().lower()
    return people.get(base)


def _assign_speakers(spine: Spine, page: PodcastPage, fits: list[PartFit], labels: dict[str, Speaker], cfg: EpisodeConfig) -> None:
    """Page labels first; inside a part's span, the part's named speaker wins word by word."""
    people = {cfg.host.name.lower(): cfg.host, cfg.guest.name.lower(): cfg.guest}
    for i, p in enumerate(spine.para):
        spine.speaker[i] = labels.get(page.turns[p].label, cfg.host)
    for fit in fits:
        current = None
        for i in range(fit.first, fit.last + 1):
            if i in fit.speaker:
                current = _person(fit.speaker[i], people)
            if current is not None:
                spine.speaker[i] = current


def _mark_sponsors(spine: Spine, page: PodcastPage) -> None:
    """A sponsor read: the run of one speaker's paragraphs that ends by saying a sponsor's web address."""
    domains = set()
    for blurb in page.sponsors:
        domains.update(m.lower() for m in re.findall(r"\b[a-z0-9-]+\.(?:com|ai|google|io|org|net|co|dev|app)\b", blurb, re.I))
    spine.sponsor = [False] * len(spine.keys)
    if not domains:
        return
    starts = _para_starts(spine)
    for k, turn in enumerate(page.turns):
        text = turn.text.lower()
        if not any(d in text for d in domains):
            continue
        first = k
        while first > 0 and page.turns[first - 1].label == turn.label:
            first -= 1
        lo = starts.get(first)
        hi = starts.get(k + 1, len(spine.keys))
        if lo is None:
            continue
        for i in range(lo, hi):
            spine.sponsor[i] = True


def _para_starts(spine: Spine) -> dict[int, int]:
    starts: dict[int, int] = {}
    for i, p in enumerate(spine.para):
        starts.setdefault(p, i)
    return starts


# --- time ----------------------------------------------------------------------


def _rates(spine: Spine, fits: list[PartFit]) -> dict[tuple[str, bool], float]:
    """Seconds per letter for each speaker, reading an ad or not, measured on the placed parts.

    People differ (here the guest is ~25% slower per letter than the host) and
    ad reads are brisk; interpolation that ignores this drifts by tens of
    seconds across a long stretch. Categories the parts never show fall back
    to the speaker's conversational rate, then to 1 (only ratios matter).
    """
    sums: dict[tuple[str, bool], list[float]] = {}
    for fit in fits:
        items = sorted(fit.rel.items())
        for (t1, r1), (t2, r2) in zip(items, items[1:]):
            if t2 - t1 > 3 or any(spine.speaker[i] != spine.speaker[t1] for i in range(t1, t2 + 1)):
                continue
            box = sums.setdefault((spine.speaker[t1].key, spine.sponsor[t1]), [0.0, 0.0, 0])
            box[0] += r2 - r1
            box[1] += sum(len(spine.keys[i]) + 1 for i in range(t1, t2))
            box[2] += 1
    return {k: dt / letters for k, (dt, letters, n) in sums.items() if n >= 50 and letters}


def _weights(spine: Spine, fits: list[PartFit]) -> list[float]:
    """Cumulative spoken length before each word: letters at the speaker's rate, plus a pause per change."""
    rates = _rates(spine, fits)
    default = statistics.mean(rates.values()) if rates else 1.0
    pause = PAUSE * default
    cum = [0.0]
    for i, key in enumerate(spine.keys):
        who = spine.speaker[i].key
        rate = rates.get((who, spine.sponsor[i])) or rates.get((who, False)) or default
        gap = pause if i and spine.speaker[i] != spine.speaker[i - 1] else 0.0
        cum.append(cum[-1] + gap + (len(key) + 1) * rate)
    return cum


def _interpolate(cum: list[float], anchors: dict[int, float]) -> list[float]:
    """Each word's time, linear in spoken length between the anchors around it (one sweep)."""
    idx = sorted(anchors)
    times: list[float] = []
    k = 0
    for i in range(len(cum) - 1):
        while k + 1 < len(idx) and idx[k + 1] <= i:
            k += 1
        times.append(_between(cum, anchors, idx[k], idx[min(k + 1, len(idx) - 1)], i))
    return times


def _interpolator(cum: list[float], anchors: dict[int, float]):
    """The same interpolation for a few words at a time, without timing the whole spine."""
    idx = sorted(anchors)

    def at(i: int) -> float:
        k = bisect.bisect_right(idx, i) - 1
        return _between(cum, anchors, idx[k], idx[min(k + 1, len(idx) - 1)], i)

    return at


def _between(cum: list[float], anchors: dict[int, float], a: int, b: int, i: int) -> float:
    if b == a:
        return anchors[a]
    frac = (cum[i] - cum[a]) / ((cum[b] - cum[a]) or 1.0)
    return anchors[a] + frac * (anchors[b] - anchors[a])


def _candidates(spine: Spine) -> list[int]:
    """Where a chapter may begin: a change of speaker, or the first paragraph after a sponsor read."""
    out = []
    for i in range(1, len(spine.keys)):
        new_para = spine.para[i] != spine.para[i - 1]
        if spine.speaker[i] != spine.speaker[i - 1] or (new_para and spine.sponsor[i - 1] and not spine.sponsor[i]):
            if not spine.sponsor[i]:
                out.append(i)
    return out


def _turn_length(spine: Spine, i: int) -> int:
    n = i
    while n < len(spine.keys) and spine.speaker[n] == spine.speaker[i] and n - i < 50:
        n += 1
    return n - i


def _title_hits(title: str, spine: Spine, i: int) -> int:
    """How many of a chapter title's words the turn starting at ``i`` says in its first 60 words."""
    stop = {"the", "and", "of", "to", "a", "about", "how", "why", "what", "are", "we", "an", "will", "from", "than", "better", "think"}
    wanted = {word_key(w)[:5] for w in title.split() if word_key(w) and word_key(w) not in stop}
    said = {k[:5] for k in spine.keys[i : i + 60]}
    return len(wanted & said)


def _opening_cost(spine: Spine, i: int, when: float, mark: ChapterMark, host: Speaker) -> float:
    """How unlikely it is that the turn starting at word ``i`` (estimated at ``when``) opens ``mark``.

    Seconds away from the chapter's time, adjusted by what opens chapters in an
    interview: a substantial host turn, the first words after an ad, the
    chapter title's own words.
    """
    cost = abs(when - mark.start)
    if _turn_length(spine, i) < 6:
        cost += 45  # "Yeah." does not open a chapter
    if spine.speaker[i] != host:
        cost += 20  # the host opens topics
    if i > 0 and spine.sponsor[i - 1]:
        cost -= 60  # the talk resumes after an ad on a new topic
    return cost - 15 * min(_title_hits(mark.title, spine, i), 2)


def _place_chapters_and_parts(spine: Spine, page: PodcastPage, fits: list[PartFit], duration: float, host: Speaker) -> list[int]:
    """Anchor chapters at turns and parts on the clock; fill spine.time. Returns each chapter's first word."""
    n = len(spine.keys)
    cum = _weights(spine, fits)
    anchors: dict[int, float] = {0: 0.0, n: duration}
    candidates = _candidates(spine)
    chapter_at = [0]

    def estimate():
        """Estimated time of a word: a part's own clock where one covers it, else interpolation."""
        at = _interpolator(cum, anchors)
        offsets = [
            fit.offset if fit.offset is not None else statistics.median(at(t) - r for t, r in fit.rel.items())
            for fit in fits
        ]

        def est(i: int) -> float:
            for fit, offset in zip(fits, offsets):  # a part's clock beats interpolation locally
                if i in fit.rel:
                    return offset + fit.rel[i]
            return at(i)

        return est

    for mark in page.chapters[1:]:
        est = estimate()
        times = {i: est(i) for i in candidates if i > chapter_at[-1]}
        near = [i for i, t in times.items() if abs(t - mark.start) < 240]
        if near:
            best = min(near, key=lambda i: (_opening_cost(spine, i, times[i], mark, host), i))
        elif times:
            best = min(times, key=lambda i: (abs(times[i] - mark.start), i))
        else:  # no turn left after the previous chapter: the next word opens it
            best = min(chapter_at[-1] + 1, n - 1)
        chapter_at.append(best)
        anchors[best] = mark.start
        for fit in fits:
            if fit.offset is None and fit.first <= best <= fit.last and best in fit.rel:
                fit.offset = mark.start - fit.rel[best]
                fit.how = f"chapter '{mark.title}' starts at its word {fit.rel[best]:.2f}s"
                _anchor_part(fit, anchors)

    # Parts with no chapter inside: continue a neighbour's clock, else the best fit.
    changed = True
    while changed:
        changed = False
        for fit in fits:
            if fit.offset is not None:
                continue
            for other in fits:
                if other.offset is None:
                    continue
                if 0 < fit.first - other.last <= 3:  # fit follows other
                    end = other.offset + max(other.rel.values()) + _word_seconds(other)
                    fit.offset = end - min(fit.rel.values())
                    fit.how = "continues the part before it"
                elif 0 < other.first - fit.last <= 3:  # fit precedes other
                    start = other.offset + min(other.rel.values())
                    fit.offset = start - _word_seconds(fit) - max(fit.rel.values())
                    fit.how = "ends where the part after it begins"
                else:
                    continue
                _anchor_part(fit, anchors)
                changed = True
                break
    at = _interpolator(cum, anchors)
    for fit in fits:
        if fit.offset is None:
            fit.offset = statistics.median(at(t) - r for t, r in fit.rel.items())
            fit.how = "best fit to the chapter clock"
            _anchor_part(fit, anchors)

    spine.time = _interpolate(cum, anchors)
    spine.measured = [False] * n
    for fit in fits:
        for t, r in fit.rel.items():
            if anchors.get(t) == fit.offset + r:
                spine.measured[t] = True
    return chapter_at


def _anchor_part(fit: PartFit, anchors: dict[int, float]) -> None:
    """Add a placed part's words as anchors, skipping any that would make time run backwards."""
    assert fit.offset is not None
    fixed = sorted(anchors.items())
    for t, r in sorted(fit.rel.items()):
        when = fit.offset + r
        k = bisect.bisect_left(fixed, (t, float("-inf")))
        before = fixed[k - 1] if k else None
        after = fixed[k] if k < len(fixed) else None
        if after and after[0] == t:
            continue
        if (before and before[1] > when) or (after and after[1] < when):
            continue
        anchors[t] = when
        fixed.insert(k, (t, when))


def _word_seconds(fit: PartFit) -> float:
    """A typical word's length in this part, to bridge the cut between two parts."""
    times = sorted(fit.rel.values())
    return (times[-1] - times[0]) / max(len(times) - 1, 1)


def _number_parts(fits: list[PartFit], duration: float) -> None:
    """Number headerless parts from a numbered neighbour, else from where they sit in the episode."""
    fits.sort(key=lambda f: f.first)
    for k, fit in enumerate(fits):
        if fit.number is not None:
            continue
        for j, other in enumerate(fits):
            if other.number is not None and abs(j - k) == 1 and (0 < fit.first - other.last <= 3 or 0 < other.first - fit.last <= 3):
                fit.number = other.number + (k - j)
        if fit.number is None:
            count = next((f.part.count for f in fits if f.part.count), None)
            if count and fit.offset is not None:
                fit.number = int(fit.offset // (duration / count)) + 1


def part_report(fits: list[PartFit]) -> list[str]:
    return [f"{f.part.path}: part {f.number}, offset {f.offset:.2f}s ({f.how})" for f in fits]


# --- sentences -------------------------------------------------------------------


@dataclass
class Draft:
    """A sentence before passages are formed: spine position decides order and chapter."""

    text: str
    first: int  # spine index of its first word
    start: float
    end: float
    speaker: Speaker
    origin: Origin
    measured: bool
    sponsor: bool
    paragraph: tuple[str, int]  # breaks passages: (source path, paragraph line)
    chapter: int = 0


def _verbatim_sentences(spine: Spine, page: PodcastPage, chapter_at: list[int]) -> list[Draft]:
    """Cut the spine into sentences: at sentence ends, speaker changes, chapter starts and ad edges.

    The page breaks its paragraphs mid-sentence ("And there's two" / "sub-questions."),
    so a paragraph break alone does not end a sentence.
    """
    drafts: list[Draft] = []
    cuts = set(chapter_at)
    n = len(spine.keys)
    piece_start = 0
    for k in range(n):
        nxt = k + 1
        if nxt < n and not (
            spine.speaker[nxt] != spine.speaker[k]
            or nxt in cuts
            or spine.sponsor[nxt] != spine.sponsor[k]
            or (_ends_sentence(spine.texts[k]) and _starts_sentence(spine.texts[nxt]))
            or (nxt - piece_start >= SENTENCE_WORDS and (spine.texts[k].endswith((",", ";", ":")) or spine.para[nxt] != spine.para[k]))
            or nxt - piece_start >= SENTENCE_HARD
        ):
            continue
        drafts.append(_draft(spine, page, piece_start, nxt))
        piece_start = nxt
    return drafts


def _ends_sentence(word: str) -> bool:
    return bool(re.search(r"[.!?…][\"”’)]*$", word))


def _starts_sentence(word: str) -> bool:
    return bool(re.match(r"[\"“‘(]*[A-Z0-9]", word))


def _draft(spine: Spine, page: PodcastPage, a: int, b: int) -> Draft:
    turn = page.turns[spine.para[a]]
    last = spine.time[b - 1]
    end = spine.time[b] if b < len(spine.time) else last + 0.4
    return Draft(
        text=" ".join(spine.texts[a:b]),
        first=a,
        start=round(spine.time[a], 2),
        end=round(max(end, spine.time[a]), 2),
        speaker=spine.speaker[a],
        origin=turn.origin,
        measured=spine.measured[a],
        sponsor=spine.sponsor[a],
        paragraph=(turn.origin.path, turn.origin.line),
    )


def _use_edited(edited: EditedText, spine: Spine, verbatim: list[Draft], chapter_at: list[int], problems: Problems) -> tuple[list[Draft], list[str]]:
    """Edited sentences where the edited text reaches; verbatim from the next sentence on.

    Each edited word is aligned to the spine, so it inherits the time, speaker
    and chapter of the word it matches. A sentence that spans a speaker change
    or a chapter start is split there. Sponsor reads the editor removed come
    back as verbatim passages so nothing said is lost.
    """
    words: list[tuple[str, Origin, int]] = []  # (word, origin, sentence number)
    sentence_no = 0
    for text, origin in edited.paragraphs:
        for sentence in split_sentences(text):
            for w in sentence.split():
                words.append((w, origin, sentence_no))
            sentence_no += 1
    result = align([word_key(w) for w, _, _ in words], spine.keys)
    matched = result.matched()
    if len(matched) < 0.3 * len(words):
        problems.add(edited.path, None, f"the edited transcript does not match the verbatim transcript ({len(matched)} of {len(words)} words found)")
        return verbatim, ["verbatim"] * len(verbatim)
    pos = _fill_positions(result.pairs, [sn for _, _, sn in words])
    seam = matched[-1][1]  # the last spine word the edited text covers
    chapter_of = lambda i: bisect.bisect_right(chapter_at, i) - 1  # noqa: E731

    drafts: list[Draft] = []
    k = 0
    while k < len(words):
        s = words[k][2]
        m = k
        while m < len(words) and words[m][2] == s:
            m += 1
        piece = k
        for x in range(k, m):
            nxt = x + 1
            split = nxt == m or (
                (spine.speaker[pos[nxt]] != spine.speaker[pos[x]] and _owned(pos, spine, nxt, m, piece))
                or chapter_of(pos[nxt]) != chapter_of(pos[x])
            )
            if split:
                drafts.append(_edited_draft(words, pos, spine, piece, nxt))
                piece = nxt
        k = m
    # Verbatim after the seam, plus any sponsor read the editor removed. The
    # verbatim sentence the edited text ends inside is kept only if the edited
    # text covers less than half of it, so the seam neither loses nor repeats one.
    rest = []
    for d in verbatim:
        n = len(d.text.split())
        covered = max(0, min(seam - d.first + 1, n))
        if covered == 0 or covered < n / 2 or (d.sponsor and not _edited_covers(pos, d, n)):
            rest.append(d)
    merged = sorted(drafts + rest, key=lambda d: d.first)
    kinds = ["edited" if d.origin.path == edited.path else "verbatim" for d in merged]
    for a, b in zip(merged, merged[1:]):
        b.start = max(b.start, a.start)  # alignment jitter never sends the clock backwards
        a.end = max(a.start, min(a.end, b.start))
    return merged, kinds


def _owned(pos: list[int], spine: Spine, nxt: int, end: int, start: int) -> bool:
    """A speaker change splits an edited sentence only if both pieces have 3+ words and the new speaker keeps the floor."""
    return nxt - start >= 3 and end - nxt >= 3 and spine.speaker[pos[nxt + 1]] == spine.speaker[pos[nxt]]


def _fill_positions(pairs: tuple[int | None, ...], sentence: list[int]) -> list[int]:
    """Give each unmatched edited word the spine position of a matched word of its own sentence.

    The previous matched word of the sentence if there is one, else the next;
    a sentence with no match at all follows the text before it.
    """
    pos: list[int | None] = list(pairs)
    n = len(pos)
    first_match = next(t for t in pos if t is not None)
    k = 0
    previous = first_match
    while k < n:
        m = k
        while m < n and sentence[m] == sentence[k]:
            m += 1
        inside = [t for t in pos[k:m] if t is not None]
        last = inside[0] if inside else previous
        for x in range(k, m):
            if pos[x] is None:
                pos[x] = last
            else:
                last = pos[x]
        previous = last
        k = m
    return pos  # type: ignore[return-value]


def _edited_covers(pos: list[int], d: Draft, n: int) -> bool:
    span = set(range(d.first, d.first + n))
    return sum(1 for p in pos if p in span) >= n / 2


def _edited_draft(words, pos, spine: Spine, a: int, b: int) -> Draft:
    first = pos[a]
    tally: dict[str, int] = {}
    for x in range(a, b):
        key = spine.speaker[pos[x]].key
        tally[key] = tally.get(key, 0) + 1
    speaker = next(spine.speaker[pos[x]] for x in range(a, b) if spine.speaker[pos[x]].key == max(sorted(tally), key=tally.get))
    end_i = pos[b - 1]
    end = spine.time[end_i + 1] if end_i + 1 < len(spine.time) else spine.time[end_i] + 0.4
    origin = words[a][1]
    return Draft(
        text=" ".join(w for w, _, _ in words[a:b]),
        first=first,
        start=round(spine.time[first], 2),
        end=round(max(end, spine.time[first]), 2),
        speaker=speaker,
        origin=origin,
        measured=spine.measured[first],
        sponsor=False,
        paragraph=(origin.path, origin.line),
    )


# --- chapters and passages ----------------------------------------------------------


def _chapters(page: PodcastPage, chapter_at: list[int], spine: Spine, duration: float) -> tuple[Chapter, ...]:
    out = []
    slugs: set[str] = set()
    for k, mark in enumerate(page.chapters):
        end = page.chapters[k + 1].start if k + 1 < len(page.chapters) else duration
        slug = slugify(mark.title)
        base, n = slug, 2
        while slug in slugs:
            slug, n = f"{base}-{n}", n + 1
        slugs.add(slug)
        out.append(Chapter(k, mark.title, slug, mark.start, end, mark.origin))
    return tuple(out)


def _passages(drafts: list[Draft], kinds: list[str]) -> tuple[Passage, ...]:
    """Group sentences into readable paragraphs of one speaker, one chapter, one kind."""
    passages: list[Passage] = []
    used: set[str] = set()
    group: list[tuple[Draft, str, int]] = []

    def close() -> None:
        if not group:
            return
        first = group[0][0]
        base = f"t{int(first.start)}"
        pid, n = base, 2
        while pid in used:
            pid, n = f"{base}-{n}", n + 1
        used.add(pid)
        sentences = tuple(Sentence(d.text, d.start, d.end, d.origin, d.measured) for d, _, _ in group)
        passages.append(Passage(pid, first.speaker, group[0][2], sentences, group[0][1], first.sponsor))
        group.clear()

    for d, kind in zip(drafts, kinds):
        chapter = d.chapter
        if group:
            head = group[0][0]
            size = sum(len(g.text.split()) for g, _, _ in group)
            if (
                d.speaker != head.speaker
                or chapter != group[0][2]
                or kind != group[0][1]
                or d.sponsor != head.sponsor
                or (kind == "edited" and d.paragraph != group[-1][0].paragraph)
                or (not d.sponsor and size >= PASSAGE_WORDS)
                or (not d.sponsor and d.start - head.start >= PASSAGE_SECONDS)
            ):  # a sponsor read stays whole: it is folded away as one
                close()
        group.append((d, kind, chapter))
    close()
    return tuple(passages)


def _hms(t: float) -> str:
    t = int(t)
    return f"{t // 3600}:{t % 3600 // 60:02d}:{t % 60:02d}"
