"""The episode model: frozen dataclasses every stage reads and returns.

Readers turn each source file into a *source* object (``WordPart``,
``PodcastPage``, ``EditedText``, ``SummaryPage``); the timeline merges those
into one ``Episode`` whose passages sit on the video's clock.  Rendering,
search and exports only ever read an ``Episode``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Origin:
    """Where a piece of text came from: a source file (relative path) and line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Speaker:
    """A named person; ``key`` is a slug used in HTML attributes and filters."""

    key: str
    name: str
    role: str = ""

    @property
    def label(self) -> str:
        """Name with role, as the word-level parts write it."""
        return f"{self.name} ({self.role})" if self.role else self.name


# --- what readers return -------------------------------------------------------


@dataclass(frozen=True)
class Word:
    """One spoken word of a word-level part; ``start`` is relative to the part."""

    text: str
    start: float
    origin: Origin


@dataclass(frozen=True)
class TimedSegment:
    """A speech-to-text segment: a labelled speaker and the words said."""

    speaker: str
    start: float
    words: tuple[Word, ...]
    origin: Origin


@dataclass(frozen=True)
class WordPart:
    """One part of a word-level speech-to-text, timed from the part's own start."""

    path: str
    number: int | None  # None when the file does not say (headerless layout)
    count: int | None
    duration: float | None  # the whole episode's length, when the header gives it
    segments: tuple[TimedSegment, ...]

    @property
    def words(self) -> tuple[Word, ...]:
        return tuple(w for s in self.segments for w in s.words)


@dataclass(frozen=True)
class ChapterMark:
    """A chapter as the podcast page lists it: title and start time."""

    title: str
    start: float
    origin: Origin


@dataclass(frozen=True)
class Turn:
    """A paragraph of the verbatim transcript under an anonymous label."""

    label: str  # "Speaker 1"
    text: str
    origin: Origin


@dataclass(frozen=True)
class PodcastPage:
    """The podcast page: description, sponsors, chapters, verbatim transcript."""

    path: str
    title: str
    runtime: float | None
    description: str  # Markdown
    sponsors: tuple[str, ...]
    chapters: tuple[ChapterMark, ...]
    turns: tuple[Turn, ...]


@dataclass(frozen=True)
class EditedText:
    """The publisher's edited prose: paragraphs with no speakers or times."""

    path: str
    paragraphs: tuple[tuple[str, Origin], ...]


@dataclass(frozen=True)
class Takeaway:
    title: str
    text: str


@dataclass(frozen=True)
class SummaryPage:
    """An AI-generated summary: takeaways, what it covers, a notable moment."""

    path: str
    takeaways: tuple[Takeaway, ...]
    covers: str
    notable: str


Source = WordPart | PodcastPage | EditedText | SummaryPage


# --- the merged episode ------------------------------------------------------


@dataclass(frozen=True)
class Sentence:
    """One timed sentence; ``measured`` when its time comes from word-level parts."""

    text: str
    start: float
    end: float
    origin: Origin
    measured: bool = False


@dataclass(frozen=True)
class Passage:
    """A readable paragraph of one speaker's turn, within one chapter.

    ``id`` is derived from the start time (``t1330``; ``t1330-2`` on a clash),
    so links to it survive rebuilds from the same sources.
    """

    id: str
    speaker: Speaker
    chapter: int  # index into Episode.chapters
    sentences: tuple[Sentence, ...]
    kind: str  # "edited" or "verbatim"
    sponsor: bool = False

    @property
    def start(self) -> float:
        return self.sentences[0].start

    @property
    def end(self) -> float:
        return self.sentences[-1].end

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    @property
    def origin(self) -> Origin:
        return self.sentences[0].origin


@dataclass(frozen=True)
class Chapter:
    index: int
    title: str
    slug: str
    start: float
    end: float
    origin: Origin


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Episode:
    """Everything the site shows about one episode, on the video's clock."""

    slug: str
    title: str
    show: str
    published: str  # ISO date
    duration: float
    video_id: str
    links: tuple[Link, ...]
    description: str  # Markdown
    sponsors: tuple[str, ...]
    host: Speaker
    guest: Speaker
    chapters: tuple[Chapter, ...]
    passages: tuple[Passage, ...]
    summary: SummaryPage | None = None
    sources: tuple[str, ...] = field(default_factory=tuple)

    @property
    def speakers(self) -> tuple[Speaker, ...]:
        return (self.host, self.guest)

    def chapter_passages(self, index: int) -> tuple[Passage, ...]:
        """Passages of one chapter, in order."""
        return tuple(p for p in self.passages if p.chapter == index)


@dataclass(frozen=True)
class Site:
    title: str
    base_url: str | None  # e.g. "https://user.github.io/repo/"; None: no absolute URLs
    episodes: tuple[Episode, ...]
    description: str = ""
