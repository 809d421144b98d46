"""Load and check ``site.toml``: the site, its episodes, their people, chapters, media and sources.

The schema is declared once, below (``SITE``, ``EPISODE``, ``PERSON``, ``LINK``,
``SOURCE``, ``CHAPTER``): every key with the TOML types it takes, whether it is
required, what it defaults to, how its value is checked and what it is for.
Anything else is an error that suggests the nearest known key, located at its
own line of ``site.toml``, and every problem is reported at once.
"""

from __future__ import annotations

import difflib
import errno
import os
import re
import tomllib
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote, unquote

from .clock import format_hms, parse_clock
from .errors import Problems, shorten
from .model import ChapterMark, Link, Origin, Speaker
from .text import numbered
from .writers.urls import reserved_slugs

ROLES = ("words", "podcast-page", "edited", "summary", "captions", "transcript-json", "transcript-html", "ttml", "whisper", "table", "stamped-lines", "publisher", "chapters")


@dataclass(frozen=True)
class SourceConfig:
    path: Path  # absolute
    role: str | None  # None: detect from content
    listed: bool = True  # named in site.toml; False: found in the episode's folder


#: The folder beside site.toml whose files are copied to the site's root as they are (CNAME,
#: .nojekyll, verification files, a robots.txt of one's own): a deploy from a fresh clone has them too.
PUBLIC = "public"

# Files an episode's folder may hold beside its sources (a cover, the audio, show notes as a PDF):
# when site.toml lists no sources, every other file of the folder is read as one.
NOT_SOURCES = frozenset(
    ".png .jpg .jpeg .gif .webp .avif .svg .ico .bmp .tif .tiff .heic "
    ".mp3 .m4a .aac .wav .ogg .oga .opus .flac .aif .aiff .aifc .caf .wma .amr .alac .ape .mka .weba "
    ".mp4 .m4v .mov .webm .mkv .avi .mpg .mpeg .wmv .flv .3gp .ts .m2ts .mts "
    ".pdf .zip .gz .docx .doc .pages .key .psd .ai".split()
)
# ... nor what editors and systems leave beside them: a backup ("interview.srt~", ".bak") read as a
# source is an old transcript published; Windows' Thumbs.db and desktop.ini stopped the build.
LEFT_BEHIND = re.compile(r".*(?:~|\.bak|\.orig|\.swp|\.swo|\.tmp|\.part|\.crdownload)|#.*#|thumbs\.db|desktop\.ini|ehthumbs\.db", re.I)


@dataclass(frozen=True)
class Pin:
    """``[episodes.speakers]``: the publisher says which person an anonymous label is."""

    label: str  # as the sources write it: "Speaker 1", "SPEAKER_00"
    person: Speaker
    origin: Origin  # the site.toml line, for messages


@dataclass(frozen=True)
class EpisodeConfig:
    slug: str
    title: str
    show: str
    published: str
    duration: float | None
    video_id: str  # YouTube id, or "" when the episode has none
    people: tuple[Speaker, ...]  # one to many, in the order site.toml lists them
    links: tuple[Link, ...]
    sources: tuple[SourceConfig, ...]
    media_url: str = ""  # the episode's audio or video file, or ""
    pins: tuple[Pin, ...] = ()
    chapters: tuple[ChapterMark, ...] = ()  # chapters given in site.toml itself
    description: str = ""  # Markdown; a source's description is used when this is empty

    @property
    def host(self) -> Speaker:
        """The first person marked host, else the first person: who opens topics."""
        return next((p for p in self.people if p.host), self.people[0])


@dataclass(frozen=True)
class SiteConfig:
    root: Path  # the folder site.toml is in; source paths are relative to it
    path: Path
    title: str
    description: str
    base_url: str | None
    episodes: tuple[EpisodeConfig, ...]
    # files and folders a publisher may have dropped in for the build to read, which it does not
    # read: a line each for the build to say (they stop nothing; the build goes on without them)
    unread: tuple[str, ...] = ()

    def rel(self, path: Path) -> str:
        """A path as users should read it in messages: relative to the site folder."""
        return str(_shown(path, self.root))


def _files(folder: Path) -> list[Path]:
    """The files of a folder (not its folders, nor hidden ones), in the order sources are read; none if it cannot be listed."""
    try:
        return sorted((p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")), key=_numbered)
    except OSError:
        return []


def _readable(path: Path, site_toml: Path) -> bool:
    """Whether a file of an episode's folder is read as a source when site.toml lists none: not a
    cover, the audio or an editor's leftover (``NOT_SOURCES``, ``LEFT_BEHIND``), nor site.toml itself
    in the folder it names (dir = "."): "cannot tell what kind of source this is"."""
    if path.suffix.lower() in NOT_SOURCES or LEFT_BEHIND.fullmatch(path.name):
        return False
    return path.name != site_toml.name or path.resolve() != site_toml.resolve()


def _shown(path: Path, root: Path) -> Path:
    """``path`` relative to ``root`` when it lies inside it, else as it is."""
    return path.relative_to(root) if path.is_relative_to(root) else path


def _not_there(path: Path) -> str:
    """Why a path site.toml names is not there, where a near one is: folders written with '\\', or a
    name that differs in case only. macOS and Windows find those; Linux, where the GitHub Pages
    workflow builds, does not, and "not found" of a file the publisher sees named no cause."""
    if "\\" in str(path):
        return "; write '/' between folders: on Linux, where GitHub Pages builds, '\\' is a letter of the name"
    missing = path
    while missing.parent != missing and not missing.parent.exists():
        missing = missing.parent  # the first part of the path that is not there
    try:
        names = os.listdir(missing.parent)
    except OSError:
        return ""
    near = sorted(name for name in names if name.casefold() == missing.name.casefold())
    if not near:
        return ""
    return f"; there is {near[0]!r}: names are matched letter for letter, case too (macOS and Windows find it; Linux, where GitHub Pages builds, does not)"


def _broken_link(link: Path, root: Path) -> str:
    """Why a link leads to no file: its target is not there (git-annex or Git LFS content not
    fetched), or it leads back to itself, where "fetch the file" would send the publisher astray."""
    try:
        link.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return f"{_shown(link, root)} is a link to {link.readlink()}, which leads back to itself (a loop of links): point it at the file, or remove it"
    return f"{_shown(link, root)} is a link to {link.readlink()}, which is not there: fetch the file (git annex get, git lfs pull) or remove the link"


#: A slug made from a title keeps its first MADE_SLUG letters, cut between words: a title's first
#: ten words or so, a readable URL (a 500-letter title made a folder name past the file system's
#: 255, and the build failed with "File name too long", naming nothing). One given is refused past
#: GIVEN_SLUG, with room left for the files it holds.
MADE_SLUG = 80
GIVEN_SLUG = 200


def slugify(text: str, fallback: str = "untitled", transliterate: bool | tuple[str, ...] = True) -> str:
    """A lowercase ASCII slug for URLs and ids: accents dropped ("Café" -> "cafe"), other letters
    transliterated ("Straße" -> "strasse", "Пчёлы на крыше" -> "pchely-na-kryshe", "养蜂人" -> "yang-feng-ren");
    ``fallback`` for text with no letter or digit. Every title in another script made "untitled",
    and a second such episode stopped the build (QA27). Without ``transliterate``, other scripts'
    letters are left out; given scripts (("CYRILLIC", "GREEK")), only text whose other letters are
    all of them is transliterated."""
    others = [c for c in text if _other_script(c)]
    if isinstance(transliterate, tuple):
        transliterate = all(unicodedata.name(c, "").startswith(transliterate) for c in others)
    if transliterate and others:
        from anyascii import anyascii  # only for the titles that need it

        text = _NON_ASCII.sub(lambda m: _transliterated(m[0], anyascii), text)
    return _ascii_slug(text) or fallback


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_SYLLABLES = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _transliterated(run: str, anyascii: Callable[[str], str]) -> str:
    """A run of non-ASCII text in ASCII. A character of a script without case is a word or a
    syllable of its own (Chinese, Japanese, Korean), which anyascii capitalises: "第3集" is
    "Di3Ji" and "养蜂人" "YangFengRen", told apart as "di-3-ji" and "yang-feng-ren"."""
    latin = anyascii(run)
    if run[0].isalpha() and not run[0].isupper() and not run[0].islower():
        return " " + _SYLLABLES.sub(" ", latin) + " "
    return latin


def _other_script(c: str) -> bool:
    """A letter or digit that is no Latin letter with or without marks: no ASCII in its decomposition."""
    return c.isalnum() and not c.isascii() and not unicodedata.normalize("NFKD", c).encode("ascii", "ignore")


def _ascii_slug(text: str) -> str:
    """``text``'s ASCII letters and digits, lowercase, joined by '-', cut to MADE_SLUG between words."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(slug) > MADE_SLUG:
        cut = slug[: MADE_SLUG + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut[MADE_SLUG // 2 :] else slug[:MADE_SLUG]
    return slug.strip("-")


def one_line(text: str) -> str:
    """A title, name or label as one line, its spaces single: a TOML string's line break or edge spaces
    sorted "  Episode 10" before every episode of its day and went as they were into feeds and JSON-LD."""
    return " ".join(text.split())


def person_key(name: str) -> str:
    """A person's id in pages and filters: their name's ASCII slug, or, for a name in another script
    ("王伟", "Ольга"), its letters as written: two such people both became "untitled" and were
    refused as one person listed twice."""
    return _ascii_slug(name) or re.sub(r"[\W_]+", "-", name.casefold()).strip("-") or "untitled"


# --- the schema ------------------------------------------------------------------------------


def _numbered(path: Path) -> list:
    """A file's place in its folder as people number files: "part2" before "part10" (parts without a
    number of their own are laid end to end in this order)."""
    return numbered(path.name)


class Invalid(ValueError):
    """A value of the right type that still cannot be used; the message says why and quotes it."""


@dataclass(frozen=True)
class Option:
    """One key of a ``site.toml`` table: the types it takes, if it must be there, and what it is for."""

    kinds: tuple[type, ...]
    shape: str  # completes "'key' must be …" when the type is wrong
    doc: str
    required: bool = False
    default: Any = None
    check: Callable[[Any], Any] | None = None  # returns the value to use, or raises Invalid


def _check_base_url(value: str) -> str:
    """The folder the site is served from, ending in ``/``: every absolute URL is this plus a path,
    so it may hold no query, fragment, space or control character; other characters a URL may
    not hold as they are (``é``) are percent-encoded, as the sitemap protocol asks."""
    shape = "'base_url' must be an http(s) URL like https://user.github.io/repo/"
    if not re.match(r"https?://[^/\s?#]+", value):
        bare = re.fullmatch(r"(?://)?([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/[^\s?#]*)?)", value)  # "u.github.io/repo"
        if bare:
            raise Invalid(f"{shape}, with its scheme: did you mean https://{bare[1].rstrip('/')}/?")
        raise Invalid(shape)
    if any(c.isspace() or unicodedata.category(c) == "Cc" for c in value):
        raise Invalid(f"{shape}, without spaces or control characters: {shorten(value)}")
    if "?" in value or "#" in value:
        raise Invalid(f"{shape}: the folder the site is served from, without a '?' query or '#' fragment: {shorten(value)}")
    if "//" in value.split("://", 1)[1]:
        raise Invalid(f"{shape}, without '//' inside it: {shorten(value)}")
    if re.search(r"/[^/]+\.html?$", value):
        raise Invalid(f"{shape}: the folder the site is served from, not a page in it: {shorten(value)}")
    scheme, rest = value.split("://", 1)
    host, slash, path = rest.partition("/")
    try:
        host = host.encode("idna").decode("ascii")  # a domain in another script: its xn-- form
    except UnicodeError:
        raise Invalid(f"{shape}: its domain is not a valid name: {shorten(host)}") from None
    if "@" in host:  # "https://user:token@host/": written into every page, the feed and the sitemap
        raise Invalid(f"{shape}, without a user name or password ('…@'): it would be published in every page")
    # letters, digits, dots and dashes (a port or an IPv6 literal aside): "<" is no name
    if not re.fullmatch(r"(?:[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.?|\[[0-9A-Fa-f:.]+\])(?::\d+)?", host):
        raise Invalid(f"{shape}: its domain is not a valid name: {shorten(host)}")
    value = f"{scheme}://{host}{slash}" + quote(path, safe="/%@!$&'()*+,;=:~-._")
    return value if value.endswith("/") else value + "/"


def _check_slug(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", value):
        raise Invalid(f"slug {shorten(value)} must be lowercase letters, digits, '-' or '_' (it becomes a folder name in URLs)")
    if len(value) > GIVEN_SLUG:
        raise Invalid(f"slug {shorten(value)} is {len(value)} characters: {GIVEN_SLUG} at most (it becomes a folder name)")
    return value


#: The years a release date may fall in: 0001-01-01 and 9999-12-31 were built, shown as "1 January 1"
#: under a heading "0001" and dated so in the feed, where a year mistyped was meant.
PUBLISHED_YEARS = range(1900, 2101)


def _check_published(value: str | date) -> str:
    if isinstance(value, date):  # written unquoted: published = 2025-11-25 (a datetime is a date too)
        value = value.isoformat()[:10]
    try:
        day = date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d\d-\d\d", value) else None
    except ValueError:
        day = None
    if not value:
        return value
    if day is None:
        raise Invalid(f"'published' must be a date like 2025-11-25, not {shorten(value)}")
    if day.year not in PUBLISHED_YEARS:
        raise Invalid(f"'published' {value} is no release date: its year must be from {PUBLISHED_YEARS.start} to {PUBLISHED_YEARS.stop - 1} (a typo of the year?)")
    return value


#: The longest episode a duration may give: 48 hours, past the longest livestreams published as one
#: episode; "99999999999999999999" was taken, and pages showed 27,777,777,777,777,779 h.
MAX_DURATION = 48 * 3600


def _check_duration(value: str | int | float) -> float:
    seconds = parse_clock(str(value))
    if seconds is None or seconds <= 0:
        raise Invalid(f"unreadable duration {shorten(value)} (use h:mm:ss, more than zero)")
    if seconds > MAX_DURATION:
        raise Invalid(f"duration {shorten(value)} is more than {MAX_DURATION // 3600} hours: use h:mm:ss (1:36:03)")
    return seconds


_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
# the id inside a pasted link: watch?v=ID, youtu.be/ID, /embed/ID, /shorts/ID, /live/ID
_YOUTUBE_URL = re.compile(r"(?:[?&]v=|youtu\.be/|/embed/|/shorts/|/live/)([A-Za-z0-9_-]{11})(?![A-Za-z0-9_-])")


def _check_video_id(value: str) -> str:
    if not value or _YOUTUBE_ID.fullmatch(value):
        return value
    pasted = _YOUTUBE_URL.search(value)
    if pasted:  # an error, not a silent fix: the line then says what it means
        raise Invalid(f"'video_id' takes the YouTube id, not a link: write video_id = \"{pasted.group(1)}\"")
    raise Invalid(f"'video_id' {shorten(value)} is not a YouTube id (11 letters, digits, '-' or '_', as in watch?v=aR20FWCCjAs)")


def _check_media_url(value: str) -> str:
    if not value:
        return value
    if any(unicodedata.category(c) == "Cc" for c in value):
        raise Invalid(f"'media_url' {shorten(value)} holds a control character")
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", value):  # has a scheme (or a Windows drive letter)
        if not re.match(r"https?://[^/\s?#]+", value):
            raise Invalid(f"'media_url' {shorten(value)} must be an http(s) URL or a path relative to the site")
    elif value.startswith("/"):
        raise Invalid(f"'media_url' {shorten(value)} must be an http(s) URL or a path relative to the site, without the leading '/' (the site may be served under /REPO/ or opened from disk)")
    if "#" in value:
        raise Invalid(f"'media_url' {shorten(value)} must not end in a '#' fragment: the build adds #t=… for each moment")
    # a file name as written ("my episode ñ.mp3"): spaces and other letters percent-encoded, what is
    # encoded kept; written raw into href, the feed and the player, they are no valid URL
    return quote(value, safe=":/?[]@!$&'()*+,;=%~")


_TEXT = "a string"
_PERSON_TABLE = 'a table like { name = "…", role = "…" }'
_PERSON_LIST = 'a list like [{ name = "…", role = "…" }]'

SITE: dict[str, Option] = {
    "title": Option((str,), _TEXT, "the site's name, on every page", required=True),
    "description": Option((str,), _TEXT, "one line about the site for the home page and search engines", default=""),
    "base_url": Option((str,), "an http(s) URL like https://user.github.io/repo/", "where the site is served: canonical URLs, sitemap.xml, robots.txt", check=_check_base_url),
    "episodes": Option((list,), "a list of tables: write [[episodes]] (two brackets) above each episode's keys", "one table per episode; at least one"),
}

EPISODE: dict[str, Option] = {
    "title": Option((str,), _TEXT, "the episode's title as pages show it", required=True),
    "slug": Option((str,), _TEXT, "its URL folder; made from the title when left out", check=_check_slug),
    "dir": Option((str,), "a string (a folder relative to site.toml)", "the folder of its sources; content/<slug> when left out"),
    "show": Option((str,), _TEXT, "the show's name", default=""),
    "published": Option((str, date), "a date like 2025-11-25", "release date (ISO)", default="", check=_check_published),
    "duration": Option((str, int, float), 'a length like "1:36:03" or a number of seconds', "the recording's length; checks chapter times", check=_check_duration),
    "video_id": Option((str,), "a string (the 11-character YouTube id)", "YouTube id for 'watch at this moment' links", default="", check=_check_video_id),
    "media_url": Option((str,), "a string (an http(s) URL or a path relative to the site)", "the audio or video file, linked at moments with #t=", default="", check=_check_media_url),
    "description": Option((str,), "a string (Markdown)", "shown on the episode page; a source's description when left out", default=""),
    "people": Option((list,), "a list of tables: one [[episodes.people]] per person", "everyone who speaks, in order"),
    "host": Option((dict,), _PERSON_TABLE, "shorthand for one person marked host"),
    "hosts": Option((list,), _PERSON_LIST, "shorthand for several people marked host"),
    "guest": Option((dict,), _PERSON_TABLE, "shorthand for one more person"),
    "guests": Option((list,), _PERSON_LIST, "shorthand for several more people"),
    "speakers": Option((dict,), 'a table: [episodes.speakers] with lines like "Speaker 1" = "Dwarkesh Patel"', "who each anonymous label of the sources is"),
    "chapters": Option((list,), 'a list like [{ start = "0:00", title = "…" }]', "chapters, when no source gives them"),
    "links": Option((list,), 'a list like [{ label = "…", url = "…" }]', "where else to find the episode", default=[]),
    "sources": Option((list,), "a list: one [[episodes.sources]] table per file", "which files of dir to read; all of them when left out"),
}

PERSON: dict[str, Option] = {
    "name": Option((str,), _TEXT, "the name, as the sources write it", required=True),
    "role": Option((str,), _TEXT, "shown beside the name", default=""),
    "host": Option((bool,), "true or false", "hosts open topics: chapters start at their turns", default=False),
}

LINK: dict[str, Option] = {
    "label": Option((str,), _TEXT, "the link's text", required=True),
    "url": Option((str,), _TEXT, "where it goes", required=True),
}

SOURCE: dict[str, Option] = {
    "file": Option((str,), "a string (a file name in the episode's dir)", "the file, relative to dir", required=True),
    "role": Option((str,), f"a string (one of: {', '.join(ROLES)})", "its format; detected from the content when left out"),
}

CHAPTER: dict[str, Option] = {
    "start": Option((str, int, float), 'a time like "1:02:16" or a number of seconds', "when it starts on the recording's clock", required=True),
    "title": Option((str,), _TEXT, "the chapter's title", required=True),
}

# Shorthand for people, in the order they join the list: hosts first, as before.
_SHORTHAND = (("host", True), ("hosts", True), ("guest", False), ("guests", False))


# --- where each key is written -----------------------------------------------------------------

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BLANKS = re.compile(r"(?:[ \t]+|#[^\n]*)*")
_BLANK_LINES = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")
_BASIC = re.compile(r'"(?:[^"\\\n]|\\.)*"')  # a one-line string, as tomllib accepted it
_LITERAL = re.compile(r"'[^'\n]*'")
_SCALAR = re.compile(r"[^,\]}\s#]+(?: [0-9][^,\]}\s#]*)?")  # a number, bool or date; a datetime may hold one space


class _Stop(Exception):
    """The locator met something it does not read; the lines found so far still hold."""


class _Locator:
    """Which line of ``site.toml`` writes each key, since tomllib gives values but no positions.

    Paths nest as the parsed data does: ``("episodes", 1, "people", 0, "name")``
    is the name of the second episode's first person. It reads text that
    tomllib already accepted, so it only follows structure: table headers,
    keys, inline tables and arrays (an element's line is where it starts).
    """

    def __init__(self, text: str) -> None:
        self.lines: dict[tuple, int] = {}
        self._text = text
        self._i = 0
        self._line = 1
        self._tables: dict[tuple, int] = {}  # arrays of tables ([[…]]) -> how many so far
        try:
            self._document()
        except (_Stop, IndexError, ValueError, KeyError):
            pass  # never worse than no line at all

    def line(self, path: tuple) -> int | None:
        """The line of ``path``, else of the nearest table or list around it that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None

    def _advance(self, n: int) -> None:
        self._line += self._text.count("\n", self._i, self._i + n)
        self._i += n

    def _at(self, token: str) -> bool:
        return self._text.startswith(token, self._i)

    def _skip(self, newlines: bool = False) -> None:
        """Past blanks and comments; past line ends too when ``newlines``."""
        end = (_BLANK_LINES if newlines else _BLANKS).match(self._text, self._i).end()
        if end > self._i:
            self._advance(end - self._i)

    def _expect(self, token: str) -> None:
        self._skip()
        if not self._at(token):
            raise _Stop
        self._advance(len(token))

    def _document(self) -> None:
        table: tuple = ()
        while True:
            self._skip(newlines=True)
            if self._i >= len(self._text):
                return
            line = self._line
            if self._at("[["):
                self._advance(2)
                path = self._resolve(self._key())
                self._expect("]]")
                count = self._tables.get(path, 0)
                self._tables[path] = count + 1
                self.lines.setdefault(path, line)
                table = path + (count,)
                self.lines[table] = line
            elif self._at("["):
                self._advance(1)
                table = self._resolve(self._key())
                self._expect("]")
                self.lines.setdefault(table, line)
            else:
                key = self._key()
                self._expect("=")
                self._value(table + key, line)

    def _resolve(self, key: tuple[str, ...]) -> tuple:
        """A header's path: each array of tables it passes through at its latest table."""
        path: tuple = ()
        for k, part in enumerate(key):
            path += (part,)
            if k < len(key) - 1 and path in self._tables:
                path += (self._tables[path] - 1,)
        return path

    def _key(self) -> tuple[str, ...]:
        parts = []
        while True:
            self._skip()
            if self._at('"') or self._at("'"):
                parts.append(self._string(decode=True))
            else:
                m = _BARE_KEY.match(self._text, self._i)
                if not m:
                    raise _Stop
                parts.append(m.group())
                self._advance(m.end() - self._i)
            self._skip()
            if not self._at("."):
                return tuple(parts)
            self._advance(1)

    def _string(self, decode: bool = False) -> str:
        """Past the quoted string at the cursor; decoded by tomllib itself where it is a key (keys
        may be quoted): a value's is not needed, and decoding each one again took 1,000 episodes'
        site.toml 0.17 of its 0.5 s to read."""
        text, start = self._text, self._i
        q = text[start]
        triple = text.startswith(q * 3, start)
        j = start + (3 if triple else 1)
        one_line = not triple and (_BASIC if q == '"' else _LITERAL).match(text, start)
        if one_line:
            j = one_line.end()
        while not one_line:
            if q == '"' and text[j] == "\\":
                j += 2
            elif triple and text.startswith(q * 3, j):
                j += 3
                for _ in range(2):  # up to two quotes of the content may touch the closing three
                    if j < len(text) and text[j] == q:
                        j += 1
                break
            elif not triple and text[j] == q:
                j += 1
                break
            else:
                j += 1
        self._advance(j - start)
        return tomllib.loads("k = " + text[start:j])["k"] if decode else ""

    def _value(self, path: tuple, line: int) -> None:
        self.lines[path] = line
        self._skip()
        if self._i >= len(self._text):
            raise _Stop
        if self._at("{"):
            self._advance(1)
            while True:
                self._skip(newlines=True)
                if self._at("}"):
                    self._advance(1)
                    return
                at = self._line
                key = self._key()
                self._expect("=")
                self._value(path + key, at)
                self._skip(newlines=True)
                if self._at(","):
                    self._advance(1)
        elif self._at("["):
            self._advance(1)
            index = 0
            while True:
                self._skip(newlines=True)
                if self._at("]"):
                    self._advance(1)
                    return
                self._value(path + (index,), self._line)
                index += 1
                self._skip(newlines=True)
                if self._at(","):
                    self._advance(1)
        elif self._at('"') or self._at("'"):
            self._string()
        else:
            m = _SCALAR.match(self._text, self._i)
            if not m:
                raise _Stop
            self._advance(m.end() - self._i)


# --- reading ---------------------------------------------------------------------------------------


def load_config(path: Path, base_url: str | None = None) -> SiteConfig:
    """Read ``site.toml``; raise one BuildError listing every problem found.

    ``base_url`` (``build --base-url``) replaces the file's: a deployment knows where it
    serves the site (GitHub Pages' ``configure-pages`` says so), as Hugo's ``--baseURL`` does.
    """
    problems = Problems()
    shown = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.add(shown, None, f"cannot read site config: {exc.strerror or exc}")
        problems.raise_if_any()
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")  # a byte-order mark, as Windows editors write
        data = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        utf16 = raw.startswith((b"\xff\xfe", b"\xfe\xff"))  # its byte-order mark
        problems.add(shown, line, "not valid UTF-8: saved as UTF-16 (Windows Notepad's \"Unicode\"); save it as UTF-8" if utf16 else "not valid UTF-8")
        problems.raise_if_any()
    except RecursionError:  # tomllib parses nested arrays by recursion
        problems.add(shown, None, "TOML nested too deeply (arrays or tables inside each other by the thousand)")
        problems.raise_if_any()
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        problems.add(shown, int(m.group(1)) if m else None, f"TOML syntax error: {msg}")
        problems.raise_if_any()
    reader = _Reader(path, shown, _Locator(text), problems)
    site = reader.site(data)
    if base_url is not None:
        try:
            site = replace(site, base_url=_check_base_url(base_url.strip()))
        except Invalid as exc:
            problems.add("--base-url", None, str(exc).replace("'base_url'", "the base URL"))
    problems.raise_if_any()
    return site


def _control(text: str) -> str | None:
    """The first control character of ``text`` other than a tab or line break, if any."""
    m = _CONTROL.search(text)
    return m.group() if m else None


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # Unicode's category Cc but tab and line ends


def _is(value: Any, kinds: tuple[type, ...]) -> bool:
    """isinstance, except that true and false are not numbers here."""
    if isinstance(value, bool):
        return bool in kinds
    return isinstance(value, kinds)


def _suggest(word: str, choices: list[str]) -> str | None:
    found = difflib.get_close_matches(word, choices, n=1)
    return found[0] if found else None


class _Reader:
    """Checks the parsed ``site.toml`` against the schema, adding a located problem for each fault."""

    def __init__(self, path: Path, shown: str, where: _Locator, problems: Problems) -> None:
        self.path = path
        self.shown = shown
        self.root = path.parent.resolve()
        self.where = where
        self.problems = problems
        self.folders: list[Path] = []  # the episodes' folders (resolved), for the unread notes
        self.read: set[Path] = set()  # the sources site.toml lists (resolved)
        self.unread: list[str | tuple[Path, str]] = []  # notes; a file's "is not read" with the file

    def add(self, at: tuple, message: str) -> None:
        self.problems.add(self.shown, self.where.line(at), message)

    def table(self, table: dict, schema: dict[str, Option], at: tuple, name: str, context: str = "", keys: tuple[str, ...] = (), unknown: bool = True) -> dict[str, Any]:
        """The values of ``schema``'s keys (or just ``keys``) in ``table``, checked; defaults where missing or wrong.

        ``name`` says which table in messages ("in [[episodes]]"); ``context`` starts
        type messages ("episode 'x': "); ``unknown`` reports keys the schema lacks.
        """
        near = {key: _suggest(key, list(schema)) for key in table if key not in schema}
        suggested = set(near.values())  # a required key misspelt is one problem, at its line: not also "missing" without one
        if unknown:
            for key, like in near.items():
                hint = f"; did you mean '{like}'?" if like else f" (known keys: {', '.join(schema)})"
                self.add(at + (key,), f"unknown key {shorten(key)} {name}{hint}")
        values = {}
        for key in keys or tuple(schema):
            option = schema[key]
            values[key] = option.default
            if key not in table:
                if option.required and key not in suggested:
                    self.add(at, f"{context}missing required key '{key}' {name}")
                continue
            value = table[key]
            if not _is(value, option.kinds):
                # [[episode]] then [[episodes.sources]]: 'episodes' made a table, at no line of its own;
                # the misspelling, said at its line, is the problem
                if key not in suggested or self.where.line(at + (key,)) is not None:
                    self.add(at + (key,), f"{context}'{key}' must be {option.shape}")
                continue
            if option.required and isinstance(value, str) and not value.strip():
                self.add(at + (key,), f"{context}'{key}' {name} must not be empty")
                continue
            control = _control(value) if isinstance(value, str) else None
            if control:  # invisible here, a box or worse in pages and feeds
                self.add(at + (key,), f"{context}'{key}' {name} holds the control character U+{ord(control):04X}: remove it")
                continue
            if option.check:
                try:
                    value = option.check(value)
                except Invalid as exc:
                    self.add(at + (key,), str(exc))
                    continue
            values[key] = value
        return values

    def site(self, data: dict) -> SiteConfig:
        top = self.table(data, SITE, (), "at the top level")
        episodes = []
        raw = top["episodes"] or []
        if data.get("episodes", []) == []:  # missing or empty; another type was reported above
            self.add(("episodes",), "no [[episodes]] defined")
        slugs: set[str] = set()
        read_by: dict[frozenset[Path], str] = {}  # each episode's sources: a table copied, its dir left as it was
        taken = reserved_slugs(len(raw))
        for k, ep in enumerate(raw):
            at = ("episodes", k)
            if not isinstance(ep, dict):
                self.add(at, "each entry of 'episodes' must be a table: write [[episodes]] and its keys below it")
                continue
            episode = self.episode(ep, at)
            where = at + ("slug" if "slug" in ep else "title",)
            made = "" if "slug" in ep else " (made from its title: set slug = \"…\" to choose one)"
            if episode.slug in slugs:
                self.add(where, f"two episodes share the slug '{episode.slug}'{made}")
            elif episode.slug in taken:
                self.add(where, f"episode slug '{episode.slug}' is the folder of {taken[episode.slug]}{made or '; give the episode another slug'}")
            same = frozenset(src.path.resolve() for src in episode.sources)
            if same and same in read_by and episode.slug not in slugs:  # a note: copies on purpose (load tests) build
                first = min(_shown(p, self.root).as_posix() for p in same)
                line = self.where.line(at + (next((key for key in ("dir", "slug", "title") if key in ep), "title"),))
                self.unread.append(f"note: {self.shown}:{line}: episode '{episode.slug}' reads the same sources as episode '{read_by[same]}' ({first}{', …' if len(same) > 1 else ''}): a table copied without changing its dir? give it its own")
            read_by.setdefault(same, episode.slug)
            slugs.add(episode.slug)
            episodes.append(episode)
        # a file beside one episode's listed sources that another episode reads (one folder, each
        # episode its own files) is read: "is not read" of it was wrong
        read = {src.path.resolve() for episode in episodes for src in episode.sources}
        notes = [note if isinstance(note, str) else note[1] for note in self.unread if isinstance(note, str) or note[0] not in read]
        self.unread = notes + self.other_folders()
        return SiteConfig(self.root, self.path, one_line(top["title"] or ""), one_line(top["description"]), top["base_url"], tuple(episodes), tuple(self.unread))

    def other_folders(self) -> list[str]:
        """Notes of the folders beside the episodes' in their parent folders (``content/``) that no
        episode reads from: a new episode's sources dropped into ``content/new/`` built nothing and
        said nothing ("built 1 episode(s)"), as site.toml had no [[episodes]] for it yet."""
        notes = []
        used: set[Path] = set()  # the episodes' folders, the listed sources', and the folders holding them
        for folder in {*self.folders, *(f.parent for f in self.read)}:
            while folder not in used and folder != folder.parent:
                used.add(folder)
                folder = folder.parent
        # only in the project: a dir elsewhere (/home/me/shows/ep1) is the publisher's to name, and
        # its neighbours (every folder of /home/me/shows) are none of the site's
        for parent in sorted({f.parent for f in self.folders if f.parent != self.root and f.parent.is_relative_to(self.root)}):
            try:
                others = sorted(d for d in parent.iterdir() if not d.name.startswith((".", "_")) and d not in used and d.is_dir())
            except OSError:
                continue
            for d in others:
                if d.is_symlink() and d.resolve() in used:
                    continue  # another name of an episode's folder
                if any(_readable(f, self.path) for f in _files(d)):
                    shown = _shown(d, self.root).as_posix()
                    notes.append(f'note: {shown}/ is not built: no episode in {self.path.name} has it as its dir (add an [[episodes]] with title = "…" and dir = "{shown}")')
        return notes

    def episode(self, ep: dict, at: tuple) -> EpisodeConfig:
        # The slug names the episode in every other message, so it is read first.
        first = self.table(ep, EPISODE, at, "in [[episodes]]", keys=("title", "slug"), unknown=False)
        title = one_line(first["title"] or "")
        slug = first["slug"] or slugify(ep["slug"] if isinstance(ep.get("slug"), str) else title)
        context = f"episode '{slug}': "
        values = self.table(ep, EPISODE, at, "in [[episodes]]", context, keys=tuple(k for k in EPISODE if k not in first))
        people = self.people(ep, values, at, context)
        dir_at = at + ("dir",) if "dir" in ep else at + ("slug" if "slug" in ep else "title",)
        return EpisodeConfig(
            slug=slug,
            title=title,
            show=one_line(values["show"]),
            published=values["published"],
            duration=values["duration"],
            video_id=values["video_id"],
            people=people,
            links=self.links(values["links"], at + ("links",), context),
            sources=self.sources(values, at, dir_at, slug, context),
            media_url=self.media(values["media_url"], at + ("media_url",), context),
            pins=self.pins(values["speakers"] or {}, people, at + ("speakers",), context),
            chapters=self.chapters(values["chapters"] or [], at + ("chapters",), values["duration"], context),
            description=values["description"],
        )

    def folder_absent(self, folder: Path, dir_at: tuple) -> bool:
        """Whether the episode's folder is not there, or is no folder: said at dir's line (or the episode's)."""
        try:  # a name past the system's limit raises ENAMETOOLONG rather than answering False
            if folder.is_dir():
                return False
        except OSError as exc:
            self.add(dir_at, f"cannot read episode folder: {exc.strerror or exc}")
            return True
        what = "is a file, not a folder" if folder.is_file() else "not found"
        why = "" if folder.is_file() else _not_there(folder)
        if not why and dir_at[-1] != "dir" and not folder.exists():  # content/<slug>, a slug made from the title
            try:
                names = sorted(d.name for d in folder.parent.iterdir() if d.is_dir() and not d.name.startswith((".", "_")))
            except OSError:
                names = []
            near = difflib.get_close_matches(folder.name, names, n=1, cutoff=0.5)
            shown = _shown(folder.parent, self.root).as_posix()
            why = "; without dir it is content/<slug>: " + (f'set dir = "{shown}/{near[0]}"?' if near else 'set dir = "…" to its sources\' folder')
        self.add(dir_at, f"episode folder {what}: {self.path.parent / _shown(folder, self.root)}{why}")
        return True

    def media(self, url: str, at: tuple, context: str) -> str:
        """A media file given as a path in the site must be one the build puts there: from public/
        (copied to the site's root) or static/; any other path is a link that answers 404."""
        if not url or re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", url):
            return url
        path = unquote(url.split("?")[0])
        if not (self.root / PUBLIC / path).is_file() and not (path.startswith("static/") and (self.root / path).is_file()):
            self.add(at, f"{context}'media_url' {shorten(url)} is no file of the site: put the file at {PUBLIC}/{path} (copied to the site's root), or give its http(s) URL")
        return url

    def entries(self, items: list, at: tuple, field: str, shape: str, context: str) -> list[tuple[int, dict]]:
        """The tables of a list, each with its index; a problem for anything else in it."""
        found = []
        for j, item in enumerate(items):
            if isinstance(item, dict):
                found.append((j, item))
            else:
                self.add(at + (j,), f"{context}each entry of '{field}' must be {shape}")
        return found

    def people(self, ep: dict, values: dict, at: tuple, context: str) -> tuple[Speaker, ...]:
        """Everyone in the episode, from [[episodes.people]] or the host/guest shorthand."""
        shorthand = [key for key, _ in _SHORTHAND if key in ep]
        listed: list[tuple[tuple, dict, bool | None]] = []  # (where, table, host by shorthand or None)
        if "people" in ep and shorthand:
            self.add(at + (shorthand[0],), f"{context}both [[episodes.people]] and '{shorthand[0]}' list people: keep [[episodes.people]] (mark hosts there with host = true) and remove '{', '.join(shorthand)}'")
        if "people" in ep:
            for j, item in self.entries(values["people"] or [], at + ("people",), "people", "a table: write [[episodes.people]] and its keys below it", context):
                listed.append((at + ("people", j), item, None))
        else:
            for key, host in _SHORTHAND:
                value = values[key]
                if isinstance(value, dict):
                    listed.append((at + (key,), value, host))
                elif isinstance(value, list):
                    for j, item in self.entries(value, at + (key,), key, _PERSON_TABLE, context):
                        listed.append((at + (key, j), item, host))
        if not listed and not (shorthand and "people" in ep):  # none given (an empty list too); two ways was said above
            self.add(at, f"{context}no people: add [[episodes.people]] with name = \"…\" for each person (or host = {{ name = \"…\", role = \"…\" }})")
        people: list[Speaker] = []
        for where, table, host in listed:
            name = "in " + (where[-2] if isinstance(where[-1], int) else where[-1])
            person = self.table(table, PERSON, where, "in [[episodes.people]]" if host is None else name, context)
            if person["name"] is None:
                continue
            full = " ".join(person["name"].split())  # one line: a line break in a name broke the captions' cues
            same = next((p for p in people if p.name.casefold() == full.casefold() or p.key == person_key(full)), None)
            if same:
                why = "names must be unique" if same.name.casefold() == full.casefold() else f"both would get the id '{same.key}'"
                self.add(where + ("name",), f"{context}{shorten(full)} is listed twice ({why}): {shorten(same.name)} is already one of the people")
                continue
            role = " ".join(person["role"].split()) if isinstance(person["role"], str) else person["role"]
            people.append(Speaker(person_key(full), full, role, host=person["host"] if host is None else (host or person["host"])))
        return tuple(people)

    def pins(self, table: dict, people: tuple[Speaker, ...], at: tuple, context: str) -> tuple[Pin, ...]:
        """``"Speaker 1" = "Dwarkesh Patel"``: labels the sources leave anonymous, named by the publisher."""
        pins = []
        by_name = {p.name.casefold(): p for p in people}
        for label, name in table.items():
            where = at + (label,)
            if not label.strip():
                self.add(where, f"{context}an empty label in [episodes.speakers]: write the label as the sources do, e.g. \"Speaker 1\" = \"Dwarkesh Patel\"")
                continue
            if not isinstance(name, str):
                self.add(where, f"{context}[episodes.speakers] {shorten(label)} must be a person's name as a string, e.g. \"Speaker 1\" = \"Dwarkesh Patel\"")
                continue
            person = by_name.get(" ".join(name.split()).casefold())  # written over lines, as a person's name may be
            if person is None:
                if not people:
                    continue  # already reported: the episode has no people
                near = _suggest(name.strip().casefold(), list(by_name))
                hint = f"; did you mean {shorten(by_name[near].name)}?" if near else f" (people: {', '.join(shorten(p.name) for p in people)})"
                self.add(where, f"{context}[episodes.speakers] {shorten(label)} = {shorten(name)} is none of this episode's people{hint}")
                continue
            pins.append(Pin(label, person, Origin(self.shown, self.where.line(where) or 0)))
        return tuple(pins)

    def chapters(self, items: list, at: tuple, duration: float | None, context: str) -> tuple[ChapterMark, ...]:
        """Chapters written in site.toml: readable times, non-empty titles, in order, within the episode."""
        marks: list[ChapterMark] = []
        for j, item in self.entries(items, at, "chapters", 'a table like { start = "0:00", title = "…" }', context):
            where = at + (j,)
            values = self.table(item, CHAPTER, where, "in chapters", context)
            start, title = values["start"], values["title"]
            if start is None or title is None:
                continue
            seconds = parse_clock(str(start))
            if seconds is None:
                self.add(where + ("start",), f"unreadable or impossible chapter time {shorten(start)} (use h:mm:ss)")
                continue
            title = one_line(title)
            line = self.where.line(where + ("start",)) or 0
            if marks and seconds <= marks[-1].start:
                self.add(where + ("start",), f"chapter {shorten(title)} at {format_hms(seconds)} is not after {shorten(marks[-1].title)} at {format_hms(marks[-1].start)}")
                continue
            if duration is not None and seconds >= duration:
                self.add(where + ("start",), f"chapter {shorten(title)} starts at {format_hms(seconds)}, past the episode's end ({format_hms(duration)})")
                continue
            marks.append(ChapterMark(title, seconds, Origin(self.shown, line)))
        return tuple(marks)

    def links(self, items: list, at: tuple, context: str) -> tuple[Link, ...]:
        links = []
        for j, item in self.entries(items, at, "links", 'a table like { label = "…", url = "…" }', context):
            values = self.table(item, LINK, at + (j,), "in links", context)
            if values["label"] is not None and values["url"] is not None:
                url = values["url"].strip()
                if not re.match(r"(?:https?://[^/\s?#]+|mailto:\S+@)", url) or any(c.isspace() for c in url):
                    self.add(at + (j, "url"), f"{context}link {shorten(url)} must be a full address like https://example.com/episode (with https://)")
                    continue
                links.append(Link(one_line(values["label"]), url))
        return tuple(links)

    def sources(self, values: dict, at: tuple, dir_at: tuple, slug: str, context: str) -> tuple[SourceConfig, ...]:
        """The files to read: those listed, or every file of the episode's folder."""
        folder = self.root / (values["dir"] if values["dir"] is not None else f"content/{slug}")
        listed = values["sources"]
        # (sources listed by absolute path need no folder: QA39, they built before dir was checked first)
        files = [src if isinstance(src, str) else src.get("file") if isinstance(src, dict) else None for src in listed] if isinstance(listed, list) else []
        needed = listed is None or any(not isinstance(f, str) or not Path(f).is_absolute() for f in files)
        absent = needed and self.folder_absent(folder, dir_at)
        if listed is None:
            if absent:
                return ()
            # As with a file linked out of the project below: a folder inside it that is a link out
            # (a delivery's archive unpacked) had every file of the machine's folder read and published.
            real = folder.resolve()
            if Path(os.path.normpath(folder)).is_relative_to(self.root) and not real.is_relative_to(self.root):
                self.add(dir_at, f'episode folder {_shown(Path(os.path.normpath(folder)), self.root).as_posix()} is a link to {real}, outside the project: copy its files into the project, or write dir = "{real}"')
                return ()
            try:  # a name past the system's limit raises ENAMETOOLONG rather than answering False
                found = sorted((p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")), key=_numbered)
            except OSError as exc:
                self.add(dir_at, f"cannot read episode folder: {exc.strerror or exc}")
                return ()
            # A link to a file that is not there (git-annex or Git LFS content not fetched) was left
            # out without a word, and the episode built without that source.
            said = len(self.problems.items)
            # A link out of the project (one a delivery's archive unpacked) is read only where
            # site.toml lists it: found here, it read and published a file of the machine building
            outside = [p for p in found if p.is_symlink() and not p.resolve().is_relative_to(self.root)]
            for link in outside:
                self.add(dir_at, f'{_shown(link, self.root)} is a link to {link.resolve()}, outside the project: copy the file into {_shown(folder, self.root)}/, or list it in [[episodes.sources]] (file = "{link.resolve()}")')
            found = [p for p in found if p not in outside]
            for link in sorted(p for p in folder.iterdir() if p.is_symlink() and not p.exists() and not p.name.startswith(".")):
                if link.suffix.lower() not in NOT_SOURCES and not LEFT_BEHIND.fullmatch(link.name):
                    self.add(dir_at, _broken_link(link, self.root))
            if not found:  # its files kept in folders of their own (parts/): said, not taken for "no transcript"
                inner = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
                first = next((f for d in inner for f in sorted(d.rglob("*")) if f.is_file() and not f.name.startswith(".")), None)
                if first is not None:
                    folders = ", ".join(f"{d.name}/" for d in inner[:3]) + (", …" if len(inner) > 3 else "")
                    self.add(dir_at, f"episode folder {_shown(folder, self.root)} holds no files, only folders ({folders}), whose files are not read: list them in [[episodes.sources]] (file = \"{first.relative_to(folder).as_posix()}\")")
                    return ()
            self.folders.append(folder.resolve())
            readable = tuple(SourceConfig(p, None, listed=False) for p in found if _readable(p, self.path))
            if not readable and len(self.problems.items) == said:  # named here, at the episode's line: "site.toml: episode 'ep' has no transcript" named neither
                self.add(dir_at, f"episode folder {self.path.parent / _shown(folder, self.root)} holds no transcript: add its sources there (a podcast page, captions, a Whisper or Podcasting 2.0 JSON, a publisher transcript or word-level parts)")
            return readable
        if not absent:
            self.folders.append(folder.resolve())
        sources = []
        seen: dict[Path, int | None] = {}  # each file once: read twice, a source would weigh twice in every vote
        for j, src in enumerate(listed):
            where = at + ("sources", j)
            if isinstance(src, str):  # sources = ["a.txt", …]
                file, role = src, None
            elif isinstance(src, dict):
                checked = self.table(src, SOURCE, where, "in [[episodes.sources]]", context)
                file, role = checked["file"], checked["role"]
                where += ("file",)
                if file is None:
                    continue
            else:
                self.add(where, f"{context}each entry of 'sources' must be a table: write [[episodes.sources]] and file = \"…\" below it")
                continue
            if role is not None and role not in ROLES:
                near = _suggest(role, list(ROLES))
                hint = f"; did you mean '{near}'?" if near else ""
                self.add(at + ("sources", j, "role"), f"unknown role {role!r} for {file}{hint} (one of: {', '.join(ROLES)})")
                role = None
            if absent and not Path(file).is_absolute():
                continue  # said once, at dir's line (QA37: "not found" of each file, and dir's line not named)
            src_path = folder / file
            try:  # a name past the system's limit raises ENAMETOOLONG rather than answering False
                found_file = src_path.is_file()
            except OSError as exc:
                self.add(where, f"cannot open source file {_shown(src_path, self.root)}: {exc.strerror or exc}")
                continue
            if not found_file and src_path.is_symlink() and not src_path.exists():
                self.add(where, _broken_link(src_path, self.root))  # `ls` lists it: "not found" left them puzzled
                continue
            if not found_file:
                what = "a folder, not a file" if src_path.is_dir() else "not a regular file" if src_path.exists() else ""
                shown_path = _shown(src_path, self.root)
                self.add(where, f"source {shown_path} is {what}" if what else f"source file not found: {shown_path}{_not_there(src_path)}")
                continue
            same = src_path.resolve()
            if same in seen:
                first = seen[same]
                self.add(where, f"{context}{file!r} is listed twice" + (f" (first at line {first})" if first else "") + ": keep one")
                continue
            seen[same] = self.where.line(where)
            sources.append(SourceConfig(src_path, role))
        self.read.update(seen)
        if not absent:  # a file dropped in beside the listed ones: read only once listed
            here = folder.resolve()
            for other in _files(folder):
                if here / other.name not in seen and _readable(other, self.path) and other.resolve() not in seen:
                    shown = _shown(other, self.root).as_posix()
                    self.unread.append((other.resolve(), f"note: {shown} is not read: episode '{slug}' lists its sources in {self.path.name}, not this one (add it to its [[episodes.sources]])"))
        return tuple(sources)
