"""The publisher's own transcript: edited prose in named turns, each stamped with its start.

Exports from Substack, Notion, Descript and Riverside write a turn's header in
one of these shapes (``**…**`` bold is ignored)::

    Dwarkesh Patel 00:12:34           Dwarkesh Patel (00:12:34)      Dwarkesh Patel [00:12:34]
    Dwarkesh Patel: (00:12:34)        **Dwarkesh Patel** (00:12:34)  Ilya Sutskever (Guest) 1:02:03
    [00:12:34] Dwarkesh Patel: text…  00:12:34 Dwarkesh Patel: text…  Dwarkesh Patel (00:12:34): text…
    Dwarkesh Patel - 00:12:34         00:12:34 - Dwarkesh Patel: text…
    ### Dwarkesh Patel (00:12:34)     **Dwarkesh Patel** *00:12:34*  Dwarkesh Patel: [00:12:34] text…
    00:12:34 Dwarkesh Patel           Dwarkesh Patel (00:12:34) - text…
    [00:12:34] - Dwarkesh Patel       00:12:34 | Dwarkesh Patel      Dwarkesh Patel (00:12:34 - 00:12:50)

The last five shapes (and any under a Markdown heading) are a chapter line's too, so they head
a turn only where their name heads another, or after such a turn (see ``headers``).

Stamps are ``h:mm:ss``, ``hh:mm:ss`` or ``mm:ss``. The turn's text follows
the header on its line (bracketed-stamp-first shapes) and/or in the paragraphs
below it, up to the next header. Paragraphs are separated by blank lines; so
that both one-line-per-paragraph and hard-wrapped exports read right, a line
that ends a sentence also ends its paragraph, and one that does not continues
into the next line.

Before the first turn: an optional title (the first line), a description, and
an optional chapter list (after a ``Chapters``/``Timestamps``/``Contents``
heading, or any run of two or more chapter lines), read by the shared
:mod:`chapterlines` parser. A first chapter after 0:00 is accepted.

Millisecond stamps (``Name (Role) 00:00.720``) are the word-level parts'
inline layout, so detection leaves files that have them to the words reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..clock import format_hms, parse_clock
from ..errors import Problems, shorten
from ..model import ChapterMark, Origin, Segment, TimedTranscript
from ..text import BRACKETED_SOUND, CREDENTIAL, tidy
from . import chapterlines
from .base import Lines, Reader, unmark

# A stamp as written, loose so that "00:6x:12" is still seen as a (bad) stamp on a header.
_STAMP = r"\d[\w.]*(?::[\w.]+)+"
# A name never ends in a space and the spaces after it are taken whole (possessive): a lazy name,
# then optional spaces, then optional spaces again backtracked through every split of a long run of
# spaces, cubic in its length (2,000 spaces pasted into one line of a file took 36 s to detect).
_NAME = r"(?P<name>[^\W\d_][^\[\]():]*?(?<!\s)(?:\s*+\([^()]*\))?)"
# What may stand between a name and its stamp, or a stamp and the text: "Name - 00:12:34", "00:12:34 | Name:".
_SEP = r"(?:[:|\-\u2013\u2014]\s*+)?"
# A stamp in brackets may give the turn's end too: "Name (00:00:03 - 00:00:15)"; the start is the turn's.
_UNTIL = rf"(?:\s*+[-\u2013\u2014]\s*+{_STAMP})?"
_STAMPED = rf"(?:\((?P<s1>{_STAMP}){_UNTIL}\)|\[(?P<s2>{_STAMP}){_UNTIL}\]|(?P<s3>{_STAMP})(?![\w.]|:[\w.]))"  # a bare stamp taken whole: "00:12:34: text" is not "00:12" and "34: text"
# Name first: "Name 00:12:34", "Name (00:12:34)", "Name [00:12:34]", "Name: (00:12:34)", "Name - 00:12:34";
# text maybe on the same line after a colon: "Name (00:12:34): text" (Otter, Rev).
_NAME_FIRST = re.compile(rf"^{_NAME}\s*+{_SEP}{_STAMPED}\s*+(?::\s*(?P<text>.*))?$")
# Stamp first, name ending in a colon, text maybe on the same line: "[00:12:34] Name: text", "00:12:34 - Name: text".
_STAMP_FIRST = re.compile(rf"^(?:\[(?P<s1>{_STAMP})\]|(?P<s2>{_STAMP}))\s*+{_SEP}{_NAME}\s*+:(?:\s*(?P<text>.*))?$")
# Looser shapes, taken only for a name that heads two turns or more: a chapter list's
# "00:05:00 Scaling" or "## Intro (00:00:00)" has the same shape, once. "00:12:34 Name" (the text
# below), "Name: [00:12:34] text" (Sonix); a Markdown heading's "### " and an italic stamp's stars
# ("**Name** *00:12:34*") are taken off any shape first.
_STAMP_NAME = re.compile(rf"^(?:\[(?P<s1>{_STAMP})\]|\((?P<s2>{_STAMP})\)|(?P<s3>{_STAMP}))(?:\s*+[|\-\u2013\u2014]\s*+|\s++){_NAME}$")
_NAME_STAMP_TEXT = re.compile(rf"^{_NAME}\s*+:\s*+(?:\[(?P<s1>{_STAMP})\]|\((?P<s2>{_STAMP})\))\s*(?P<text>.*)$")
# "Name (00:12:34) - text": a chapter line's "Intro (00:00) - welcome" too.
_NAME_STAMP_DASH = re.compile(rf"^{_NAME}\s*+{_SEP}{_STAMPED}\s*+[|\-\u2013\u2014]\s*+(?P<text>\S.*)$")
_HEADING = re.compile(r"^#{1,6}\s+")
_ITALIC_STAMP = re.compile(rf"(?<!\S)[*_]({_STAMP})[*_](?!\S)")
_GOOD_STAMP = re.compile(r"^(?:\d{1,2}:\d{2}:\d{2}|\d{1,3}:\d{2})(?:\.\d{1,3})?$")  # "[00:00:12.84]" too
_ROLE = re.compile(r"\s*\([^()]*\)$")
# A transcription tool's credit line, which exports end with: Otter's "Transcribed by https://otter.ai".
# It names the tool by its address and says it transcribed: a turn ending "Powered by coffee and Node.js." stays.
_CREDIT = re.compile(r"(?i)^[*_]*(?:transcribed|transcription|transcript(?: \w+)?)\s+(?:by|with|using)\s+(?:\S+\s+){0,2}\S*\w\.[a-z]{2,}\b\S*[*_]*$")
# Lowercase words a name may hold ("Ursula von der Leyen"); any other lowercase word means prose.
_PARTICLES = frozenset({"de", "da", "di", "del", "della", "der", "den", "van", "von", "la", "le", "du", "dos", "bin", "ibn", "al", "el", "y"})
_SENTENCE_END = re.compile(r"[.!?…:][\"”’)\]*_]*$")
_EXPECTED = "(expected h:mm:ss or mm:ss)"


@dataclass(frozen=True)
class Header:
    """A turn's header line: the name as written, the stamp as written, text after it on the line."""

    name: str
    stamp: str
    text: str
    loose: str = ""  # a shape a chapter line may have too (which one): see ``headers``


def header(line: str) -> Header | None:
    """The turn header ``line`` may be, or None; the stamp is not checked here (see ``_start``),
    nor whether a loose one's name heads another turn (see ``headers``)."""
    text = line.strip().replace("**", "").replace("__", "").strip()
    heading = _HEADING.match(text)
    if heading:
        text = text[heading.end() :]
    text = _ITALIC_STAMP.sub(r"\1", text)
    for shape, (pattern, loose) in enumerate(((_NAME_FIRST, False), (_STAMP_FIRST, False), (_STAMP_NAME, True), (_NAME_STAMP_TEXT, True), (_NAME_STAMP_DASH, True))):
        if m := pattern.match(text):
            name = m["name"].strip()
            if _is_name(name):
                stamp = next(g for g in (m["s1"], m["s2"], m.groupdict().get("s3")) if g is not None)
                return Header(name, stamp, (m.groupdict().get("text") or "").strip(), f"{shape}{'#' if heading else ''}" if loose or heading else "")
    return None


def headers(src: Lines) -> list[Header | None]:
    """Each line's turn header, or None. A loose shape heads a turn where its name heads another
    turn too, and, once a name has done so, wherever the file writes that shape after it (a guest
    who speaks once); a chapter list before the turns, its titles said once, stays a list."""
    found = [header(line) for line in src.lines]
    for i in range(1, len(found)):  # Lex Fridman's: the name alone on a line, then "(00:00:01) So how…"
        name = src.lines[i - 1].strip()
        if found[i] is None and found[i - 1] is None and (m := _STAMPED_PARAGRAPH.match(src.lines[i].strip())) and _is_name(name) and not _GOOD_STAMP.match(name):
            found[i] = Header(name, m["stamp"] or m["paren"], m["text"], loose=ABOVE)
    key = lambda h: _ROLE.sub("", h.name).lower()  # noqa: E731
    said = _said(src, found)
    names: dict[str, int] = {}
    for i, h in enumerate(found):
        if h is not None and (not h.loose or said[i]):  # a list's "(00:05:04) – Questions" twice is no one speaking twice
            names[key(h)] = names.get(key(h), 0) + 1
    since: dict[str, int] = {}  # a loose shape -> the first line where a repeated name wrote it
    for i, h in enumerate(found):
        if h is not None and h.loose and said[i] and names.get(key(h), 0) >= 2:
            since.setdefault(h.loose, i)
    return [h if h is not None and (not h.loose or names.get(key(h), 0) >= 2 or since.get(h.loose, i) < i) else None for i, h in enumerate(found)]


def _said(src: Lines, found: list[Header | None]) -> list[bool]:
    """For each header-shaped line, whether words follow it before the next one: on its own line,
    or on lines that are neither chapter lines nor headings. A chapter list's lines have none."""
    said = [False] * len(found)
    words = False  # seen below the header-shaped line after this one
    for i in range(len(found) - 1, -1, -1):
        h = found[i]
        if h is not None:
            said[i] = bool(h.text) or words
            words = False
        elif not words:
            line = src.lines[i]
            words = bool(line.strip()) and not chapterlines.match(line) and not chapterlines.is_heading(line)
    return said


def _is_name(name: str) -> bool:
    """A person's name (with an optional "(Role)"), not a line of prose that happens to end in a time."""
    core = CREDENTIAL.sub("", _ROLE.sub("", name).strip())
    words = core.split()
    if not words or len(name) > 60 or len(words) > 5 or any(c in core for c in ',;?!"“”'):
        return False
    return all(not w[0].islower() or w in _PARTICLES for w in words)


def _detect(src: Lines) -> bool:
    return turns_headed(src, headers(src))


def turns_headed(src: Lines, found: list[Header | None]) -> bool:
    """Whether ``src``, its lines' ``headers`` ``found``, is a publisher's transcript: two or more
    turn headers, and either a body under them or a name that speaks twice.

    The second condition keeps chapter lists whose titles hold a colon
    (``[00:05:00] Scaling: what next``) out: their "names" never repeat and
    nothing but chapter lines follows them.
    """
    heads: list[Header] = []
    body = under = False  # a body under a turn with another turn after it; one under the last turn seen
    for line, h in zip(src.lines, found):
        if h is not None:
            if "." in h.stamp and f"[{h.stamp}]" not in line and f"({h.stamp})" not in line:
                return False  # a bare millisecond stamp: the words reader's inline layout
            if _GOOD_STAMP.match(h.stamp):
                heads.append(h)
                body = body or under
        elif heads and line.strip() and not chapterlines.match(line) and not chapterlines.match(line, chapterlines.TITLE_FIRST) and not chapterlines.is_heading(line):
            under = True  # not "How it started: 5:12" below "Intro: 0:00": a list of chapters, title first
    # text after the last header only is no turn's body: a video description's closing lines below its
    # chapter list ("Welcome (0:00)" … "Follow us on Mastodon"), which were read as turns
    names = [h.name.lower() for h in heads]
    # and at two times or more: an edited transcript's "(00:00:00) – Intro", listed above it and
    # again as its first heading, is one chapter written twice, not a speaker's two turns
    times = {parse_clock(h.stamp) for h in heads}
    return len(heads) >= 2 and len(times) >= 2 and (body or len(set(names)) < len(names))


def _read(src: Lines, problems: Problems) -> TimedTranscript | None:
    found = len(problems.items)
    heads = headers(src)
    first = next((i for i, h in enumerate(heads) if h), None)
    if first is None:
        problems.add(src.path, None, "no turns found (expected headers like 'Name (00:12:34)' or '[00:12:34] Name:')")
        return None
    headed: list[tuple[int, str, float | None]] = []  # chapters marked between the turns: (line, title, time if it says)
    # A Markdown heading right above the first turn marks the first chapter, as those between the
    # turns mark theirs ("## Cold open" was the description, and the chapter "Opening"); not the
    # file's first line, its title, unless the headings between the turns are of its level ("## Intro"
    # atop "## …" chapters: QA40 F2 lost it, and gave its turns to the next chapter)
    said = [n for n in range(first) if src.lines[n].strip()]
    if said and (top := _HEADING.match(src.lines[said[-1]].strip())) and (mark := _between(src.lines[said[-1]])) is not None:
        level = re.compile(rf"^{re.escape(top[0].strip())}\s")
        if len(said) > 1 or any(level.match(line.strip()) for line in src.lines[first:]):
            headed.append((said[-1] + 1, *mark))
    title, description, chapters = _preamble(src, said[-1] if headed else first, problems)

    turns: list[tuple[Header, int, float | None, list[str]]] = []
    names_above = {n - 1 for n, h in enumerate(heads) if h is not None and h.loose == ABOVE}  # indexes of the name lines
    speakers = {h.name.casefold() for h in heads if h is not None}
    titles = {c.title.casefold() for c in chapters}
    unstamped: set[int] = set()  # indexes of turns by a named speaker without a stamp
    for lineno, raw in src.numbered(first):
        h = heads[lineno - 1]
        if lineno - 1 in names_above or (h is None and titles and raw.strip().casefold() in titles):
            continue  # a turn's name above it, or a listed chapter's title as a heading between the turns
        if h is None:
            if (mark := _between(raw)) is not None and (mark[1] is None or _opens_turn(src, heads, lineno, mark[1])):
                headed.append((lineno, *mark))
                continue
            stamped = _STAMPED_PARAGRAPH.match(raw.strip())
            at = parse_clock(stamped["stamp"] or stamped["paren"]) if stamped else None
            if at is not None and turns[-1][2] is not None and at >= turns[-1][2]:
                # a paragraph of the same turn with its own time (Descript's "[00:00:31] The first is…"):
                # its stamp was read as words, and its time lost
                turns.append((turns[-1][0], lineno, at, [stamped["text"]]))
                continue
            if (named := _UNSTAMPED.match(raw.strip())) and named["name"].casefold() in speakers:
                # "Ana Lima: Right." between stamped turns, a stamp left out: her turn, its start
                # estimated (was glued to the turn before, her name shown as words: QA40 F8); the
                # name of the turn's own speaker again is no change of speaker
                words = raw.strip()[named.end() - 1 :]
                if named["name"].casefold() == turns[-1][0].name.casefold():
                    turns[-1][3].append(words)
                    continue
                unstamped.add(len(turns))
                turns.append((Header(named["name"], "", words), lineno, None, [words]))
                continue
            turns[-1][3].append(raw)
            continue
        turns.append((h, lineno, _start(src.path, lineno, h.stamp, problems), [h.text] if h.text else []))
    if turns:  # the tool's credit at the end ("Transcribed by https://otter.ai") is no one's words
        body = turns[-1][3]
        while body and (not body[-1].strip() or _CREDIT.match(body[-1].strip())):
            body.pop()

    turns = _estimated(src.path, turns, unstamped, problems)
    segments: list[Segment] = []
    previous: tuple[float, int] | None = None
    for k, (h, lineno, start, body) in enumerate(turns):
        if start is None:
            continue
        if previous is not None and start < previous[0]:
            problems.add(src.path, lineno, f"time goes backwards: {format_hms(start)} comes after {format_hms(previous[0])} (line {previous[1]})")
        previous = (start, lineno)
        text = "\n\n".join(_paragraphs(body))
        if text:  # a header with nothing under it says nothing the merge could use
            segments.append(Segment(h.name, text, start, None, Origin(src.path, lineno), estimated=k in unstamped))
    if not segments and len(problems.items) == found:
        problems.add(src.path, first + 1, "the turns have no text (file truncated?)")
    if len(problems.items) > found:
        return None
    chapters = chapters or _marked(src.path, headed, turns)
    return TimedTranscript(src.path, "publisher", tuple(segments), chapters, edited=True, title=title, description=description)


def _estimated(path: str, turns: list, unstamped: set[int], problems: Problems) -> list:
    """Turns without a stamp of their own (``unstamped``) started where their letters put them
    between the stamped turns around them: the turn before says its words, then they say theirs,
    until the next stamp. Without a stamped turn on either side there is no time to share: said so."""
    out = list(turns)
    for k in sorted(unstamped):
        before = max((j for j in range(k) if out[j][2] is not None), default=None)
        after = next((j for j in range(k + 1, len(out)) if out[j][2] is not None), None)
        if before is None or after is None:  # none before: the first turn's stamp is unreadable (said so)
            side = "after" if after is None else "before"
            problems.add(path, out[k][1], f"a turn by {shorten(out[k][0].name)} has no time of its own, and no turn {side} it has one: give it its start")
            continue
        letters = [sum(len(line) for line in out[j][3]) for j in range(before, after)]
        share = sum(letters[: k - before]) / max(1, sum(letters))
        start = out[before][2] + (out[after][2] - out[before][2]) * share
        out[k] = (out[k][0], out[k][1], round(start, 3), out[k][3])
    return out


def _between(line: str) -> tuple[str, float | None] | None:
    """A chapter marked between the turns, as exports write one: a Markdown heading ("## The dolphin
    question", starting where the next turn does) or a stamped title alone on its line ("[00:03:26] The
    dolphin question", Descript's markers); (title, its time or None). Read as words, either was the
    previous speaker's sentence, its stamp and all."""
    text = line.strip()
    if heading := _HEADING.match(text):
        title = tidy(unmark(text[heading.end() :]))
        return (title, None) if title else None
    if (found := chapterlines.match(text, _MARKER)) is not None:
        start = parse_clock(found[0])
        return (tidy(unmark(found[1])), start) if start is not None else None
    return None


def _opens_turn(src: Lines, heads: list[Header | None], lineno: int, start: float) -> bool:
    """Whether a stamped title is a chapter's: the next line said is a turn's header stamped within
    MARKER_SLACK of it, as a chapter starts where a turn does. A stamped line of speech inside a turn
    ("[00:00:05] And then we went") is followed by more words, or by a turn some seconds later."""
    k = next((k for k in range(lineno, len(src.lines)) if src.lines[k].strip()), None)
    head = heads[k] if k is not None else None
    stamp = parse_clock(head.stamp) if head is not None and _GOOD_STAMP.match(head.stamp) else None
    return stamp is not None and abs(stamp - start) <= MARKER_SLACK


MARKER_SLACK = 1.0  # seconds: a stamp to the second either side of the turn it opens

_STAMPED_PARAGRAPH = re.compile(rf"^(?:\[(?P<stamp>{chapterlines.CLOCK})\]|\((?P<paren>{chapterlines.CLOCK})\))\s+(?P<text>\S.*)$")
ABOVE = "name above"  # the loose shape of a header whose name is the line above its stamped paragraph
# "[00:03:26] The dolphin question": a bracketed stamp and a title, between turns (not "[00:03:26] Name: text").
_MARKER = re.compile(r"^\[(?P<bracket>\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?)\]\s*(?:[-\u2013\u2014|]\s*)?(?P<title>[^:]+?)$")


def _marked(path: str, headed: list[tuple[int, str, float | None]], turns: list) -> tuple[ChapterMark, ...]:
    """The chapters marked between the turns (``_between``), where there are two or more, in order:
    each at its own time, or at the next turn's (a heading's). The file's first turns, before the
    first mark, belong to the first chapter, as before a chapter list's first line after 0:00."""
    if len(headed) < 2:
        return ()
    marks: list[ChapterMark] = []
    for lineno, title, start in headed:
        if start is None:
            start = next((t for _, line, t, _ in turns if line > lineno and t is not None), None)
        if start is not None and (not marks or start > marks[-1].start):
            marks.append(ChapterMark(title, start, Origin(path, lineno)))
    return tuple(marks)


_UNSTAMPED = re.compile(r"^(?:\*\*)?(?P<name>[^:*\[\]()]{1,60}?)(?:\*\*)?:(?:\*\*)?\s+\S")  # "Ana Lima: …", "**Ana Lima:** …"


def _start(path: str, lineno: int, stamp: str, problems: Problems) -> float | None:
    start = parse_clock(stamp) if _GOOD_STAMP.match(stamp) else None
    if start is None:
        problems.add(path, lineno, f"unreadable time {shorten(stamp)} {_EXPECTED}")
    return start


def _paragraphs(lines: list[str]) -> list[str]:
    """Blank lines and sentence-ending lines end a paragraph; other lines run on (hard wrapping)."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        text = line.strip()
        if text:
            current.append(text)
        if current and (not text or _SENTENCE_END.search(text)):
            paragraph = tidy(BRACKETED_SOUND.sub(" ", unmark(" ".join(current))))  # Rev's "[inaudible 00:00:40]" is no word said
            if paragraph:
                paragraphs.append(paragraph)
            current = []
    return paragraphs


def _preamble(src: Lines, first: int, problems: Problems) -> tuple[str, str, tuple[ChapterMark, ...]]:
    """Title, description (Markdown) and chapters from the lines before the first turn."""
    lines = [(n, line.strip()) for n, line in src.numbered() if n <= first and line.strip()]
    kinds = ["heading" if chapterlines.is_heading(t) else "chapter" if chapterlines.match(t) else "text" for _, t in lines]
    title = ""
    description: list[str] = []
    chapters: list[ChapterMark] = []
    in_list = False
    for k, ((lineno, text), kind) in enumerate(zip(lines, kinds)):
        before = kinds[k - 1] if k else None
        after = kinds[k + 1] if k + 1 < len(kinds) else None
        if kind == "heading":
            in_list = True
            continue
        if kind == "chapter" and (in_list or after == "chapter"):
            in_list = True
            if mark := chapterlines.mark(src.path, lineno, chapterlines.match(text), problems):
                chapters.append(mark)
            continue
        if kind == "text" and in_list and before == "chapter" and after == "chapter":
            chapterlines.not_a_chapter(src.path, lineno, text, problems)
            continue
        in_list = False
        if chapterlines.heading(text) == "transcript":
            continue
        if k == 0:
            title = tidy(unmark(text.lstrip("#")))
        else:
            description.append(text)
    chapterlines.check_order(src.path, chapters, problems)
    return title, "\n\n".join(description), tuple(chapters)


READER = Reader("publisher", _detect, _read)
