"""The episode model: frozen dataclasses every stage reads and returns.

Readers turn each source file into a *source* object (``WordPart``,
``PodcastPage``, ``TimedTranscript``, ``ChapterList``, ``EditedText``,
``SummaryPage``); the merge turns those into one ``Episode`` whose passages
sit on the video's clock.  Writers (pages, exports, search) only ever read an
``Episode``.
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
    host: bool = False  # hosts open topics: the merge prefers their turns as chapter openings

    def __eq__(self, other: object) -> bool:
        """Field by field, as a dataclass compares, but the very same object at once: the merge
        compares each word's speaker with its neighbour's (75,739 times on the embedded episode).
        ``__hash__`` is still made by @dataclass from the fields."""
        if self is other:
            return True
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (self.key, self.name, self.role, self.host) == (other.key, other.name, other.role, other.host)  # type: ignore[attr-defined]

    @property
    def label(self) -> str:
        """Name with role, as the word-level parts write it."""
        return f"{self.name} ({self.role})" if self.role else self.name


# Who says words that no source attributes to anyone (captions without speakers in a
# many-person episode): pages and exports show no name rather than a guess.
NOBODY = Speaker("", "")

# The label of text a source marks as said by someone other than the speaker before, without
# saying who: captions' ">>" and a dialogue dash "- ". In an episode of two people it is the
# other one, of one that one; otherwise nobody's. Text after it with no label of its own
# continues that speaker.
ANOTHER = ">>"

# The label of text a source says it could not attribute (a diarized Whisper run leaves such a
# segment without a speaker; whisper.cpp writes "?"): nobody's, not the speaker's before it.
UNKNOWN = "?"


# --- what readers return -------------------------------------------------------


@dataclass(frozen=True)
class Word:
    """One spoken word: relative to the part in a ``WordPart``, on the episode's clock elsewhere."""

    text: str
    start: float
    origin: Origin
    end: float | None = None  # when the source gives it (Whisper words do)


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
    restarted: bool = False  # a timed transcript's piece found to start again at zero: on its own clock by that

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
    """The publisher's edited prose: paragraphs with no speakers or times, and the chapter list
    a publisher may put above it (or its lines as headings in it), taken out of the prose."""

    path: str
    paragraphs: tuple[tuple[str, Origin], ...]
    chapters: tuple[ChapterMark, ...] = ()


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


@dataclass(frozen=True)
class Segment:
    """A stretch of speech in a timed transcript: who (as the source labels them), what, and when.

    ``label`` is the speaker exactly as the source writes it ("Dwarkesh Patel",
    "Speaker 1", "SPEAKER_00"), or "" when the source names nobody; the merge
    decides which person a label is. Times are seconds on the episode's clock.
    """

    label: str
    text: str
    start: float
    end: float | None  # None when the source stamps only starts (a publisher's turn stamps)
    origin: Origin
    words: tuple[Word, ...] = ()  # word times on the episode's clock, when the source has them
    estimated: bool = False  # ``start`` is the reader's estimate, not the source's (an unstamped turn): the merge times it as unmeasured


@dataclass(frozen=True)
class TimedTranscript:
    """Captions, a Whisper run, a Podcasting 2.0 transcript, or a publisher's stamped transcript.

    ``format`` is the role it was read as: "captions", "whisper",
    "transcript-json", "transcript-html" or "publisher". ``edited`` marks prose a publisher
    edited (not verbatim speech): its text wins where it exists.
    """

    path: str
    format: str
    segments: tuple[Segment, ...]
    chapters: tuple[ChapterMark, ...] = ()
    edited: bool = False
    title: str = ""
    description: str = ""  # Markdown, when the source has one (a publisher's page)


@dataclass(frozen=True)
class ChapterList:
    """Chapters alone: a Podcasting 2.0 chapters JSON or a plain list of ``(hh:mm:ss) – Title`` lines."""

    path: str
    chapters: tuple[ChapterMark, ...]


Source = WordPart | PodcastPage | TimedTranscript | ChapterList | EditedText | SummaryPage


# --- the merged episode ------------------------------------------------------


@dataclass(frozen=True)
class Sentence:
    """One timed sentence; ``measured`` when a timed source covers its start, else estimated."""

    text: str
    start: float
    end: float
    origin: Origin
    measured: bool = False
    # when each of its words starts, where the text is the words the clock times (verbatim): captions
    # show a word when it is said, not at its share of a long unpunctuated sentence's letters
    times: tuple[float, ...] = ()


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
    turn: bool = False  # opens a turn a source marks without naming who speaks (captions' ">>")

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

    @property
    def measured(self) -> bool:
        """Whether a timed source gives the passage's start; otherwise it is an estimate."""
        return self.sentences[0].measured


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
    people: tuple[Speaker, ...]  # everyone configured, hosts first as listed
    chapters: tuple[Chapter, ...]
    passages: tuple[Passage, ...]
    summary: SummaryPage | None = None
    sources: tuple[str, ...] = field(default_factory=tuple)
    media_url: str = ""

    @property
    def speakers(self) -> tuple[Speaker, ...]:
        """The people who actually speak in the transcript, in order of first appearance."""
        return tuple(dict.fromkeys(p.speaker for p in self.passages))

    @property
    def hosts(self) -> tuple[Speaker, ...]:
        return tuple(p for p in self.people if p.host) or self.people[:1]

    @property
    def guests(self) -> tuple[Speaker, ...]:
        return tuple(p for p in self.people if p not in self.hosts)

    @property
    def host(self) -> Speaker:  # transitional: pages still show one host and one guest
        return self.hosts[0]

    @property
    def guest(self) -> Speaker:
        return (self.guests or self.hosts)[0]

    def chapter_passages(self, index: int) -> tuple[Passage, ...]:
        """Passages of one chapter, in order."""
        return tuple(p for p in self.passages if p.chapter == index)


@dataclass(frozen=True)
class Site:
    title: str
    base_url: str | None  # e.g. "https://user.github.io/repo/"; None: no absolute URLs
    episodes: tuple[Episode, ...]
    description: str = ""
