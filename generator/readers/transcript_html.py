"""Podcasting 2.0 HTML transcripts: each monologue as its speaker, its start and its text.

    <cite>Kevin:</cite>
    <time>0:00</time>
    <p>We have an update planned where we would like to give …</p>
    <cite>Alban :</cite>
    <time>0:09</time>
    <p>You're triggering Tom right now with a hey, here's a cool feature.</p>

The spec's low-fidelity format: ``<cite>`` (the speaker) and ``<time>`` (the
start) are each optional. A ``<p>`` belongs to the last ``<cite>`` and
``<time>`` before it; paragraphs with no ``<time>`` of their own continue the
monologue before them, as long as the speaker is the same. Other markup inside
a paragraph (links, emphasis, line breaks) is dropped; entities are decoded.
A whole HTML page around the transcript is fine: only these three tags count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..clock import format_hms, parse_clock
from ..errors import Problems, shorten
from ..model import Origin, Segment, TimedTranscript
from ..text import tidy
from .base import Lines, Reader, markup

# Two starts (a <time> holding a clock time) or two speakers (<cite>): one <time> on a page of show
# notes ("Length <time>1:40</time>") or a post's date makes no transcript.
_STARTS = re.compile(r"<time\b[^>]*>\s*(?:\d{1,2}:)?\d{1,3}:\d{2}|<time\b[^>]*datetime=[\"']?(?:\d{1,2}:)?\d{1,3}:\d{2}", re.IGNORECASE)
_CITES = re.compile(r"<cite\b", re.IGNORECASE)
_PARAGRAPH = re.compile(r"<p\b", re.IGNORECASE)
_GOOD_STAMP = re.compile(r"^(?:\d{1,2}:)?\d{1,3}:\d{2}(?:[.,]\d{1,3})?$")
_EXPECTED = "(expected h:mm:ss or m:ss)"


def stamped(src: Lines) -> bool:
    """Whether the markup gives starts (``<time>``): without, a saved page that cites two works
    (``<cite>The Bitter Lesson</cite>``) is no transcript of speakers."""
    return bool(_STARTS.search("\n".join(src.lines[:400])))


def _detect(src: Lines) -> bool:
    """Markup with paragraphs and two or more starts or speakers."""
    text = "\n".join(src.lines[:400])
    return bool(_PARAGRAPH.search(text)) and (len(_STARTS.findall(text)) >= 2 or len(_CITES.findall(text)) >= 2)


@dataclass
class _Turn:
    """A paragraph as the file writes it: the speaker and stamp in force, where it starts, its text."""

    name: str
    stamp: str | None  # the <time> written for this paragraph, None if it has none of its own
    stamp_line: int
    line: int
    text: list[str] = field(default_factory=list)


class _Parser(HTMLParser):
    """Collects paragraphs with the ``<cite>`` and ``<time>`` before each (or at its very start:
    ``<p><cite>A:</cite> <time>0:09</time> text</p>``); inside a paragraph's text they are text
    ("I was reading <cite>The Bitter Lesson</cite>", "we met at <time>9:30</time>")."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.turns: list[_Turn] = []
        self.para: list[str] | None = None  # the open paragraph's text
        self.field: str | None = None  # the open <cite> or <time> that names a speaker or a start
        self.field_text: list[str] = []
        self.datetime = ""  # the open <time>'s datetime attribute
        self.name = ""
        self.stamp: tuple[str, int] | None = None  # the <time> not yet given to a paragraph

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p":
            self._end_paragraph()
            stamp, line = self.stamp or (None, 0)
            self.turns.append(_Turn(self.name, stamp, line, self.getpos()[0]))
            self.stamp, self.para = None, []
        elif tag in ("cite", "time") and self.field is None and not (self.para and "".join(self.para).strip()):
            self.field, self.field_text = tag, []
            self.datetime = next((v.strip() for k, v in attrs if k == "datetime" and v and ":" in v), "") if tag == "time" else ""
        elif tag == "br" and self.para is not None:
            self.para.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == self.field:
            self._end_field()
        elif tag == "p":
            self._end_paragraph()

    def handle_data(self, data: str) -> None:
        if self.field is not None:
            self.field_text.append(data)
        elif self.para is not None:
            self.para.append(data)

    def _end_field(self) -> None:
        text = " ".join("".join(self.field_text).split())
        turn = self.turns[-1] if self.para is not None and self.turns else None  # at the start of a paragraph: its own
        if self.field == "cite":
            self.name = text.rstrip(":").strip()
            if turn is not None:
                turn.name = self.name
        elif text or self.datetime:
            stamp = (text or self.datetime, self.getpos()[0])
            if turn is not None:
                turn.stamp, turn.stamp_line = stamp
            else:
                self.stamp = stamp
        self.field, self.field_text = None, []

    def _end_paragraph(self) -> None:
        if self.field is not None:
            self._end_field()
        if self.para is not None and self.turns:
            turn, text = self.turns[-1], " ".join("".join(self.para).split())
            turn.text.append(text)
            if not text and not "".join(turn.text) and turn.stamp is not None and self.stamp is None:
                # a paragraph of a speaker and a start alone (<p class="speaker"><cite>…</cite> <time>…</time></p>):
                # a heading for the paragraphs below it, which start there
                self.stamp = (turn.stamp, turn.stamp_line)
        self.para = None

    def finish(self) -> None:
        """Close what a file cut off short left open."""
        self.close()
        self._end_paragraph()


def _read(src: Lines, problems: Problems) -> TimedTranscript | None:
    found = len(problems.items)
    parser = _Parser()
    parser.feed(markup(src))
    parser.finish()
    turns = [t for t in parser.turns if tidy(" ".join(t.text))]
    if not turns:
        problems.add(src.path, None, "no paragraphs with text (expected <cite>Name:</cite> <time>0:00</time> <p>text</p>)")
        return None
    if all(t.stamp is None for t in turns):
        problems.add(src.path, turns[0].line, "no <time> before any paragraph: an HTML transcript needs each speaker's start (<time>0:00</time>); without times, set role = \"edited\"")
        return None
    segments: list[Segment] = []
    previous: tuple[float, int] | None = None
    for turn in turns:
        text = tidy(" ".join(turn.text))
        if turn.stamp is None:
            if segments and segments[-1].label == turn.name:
                last = segments[-1]
                segments[-1] = Segment(last.label, f"{last.text}\n\n{text}", last.start, None, last.origin)
            elif not segments:
                problems.add(src.path, turn.line, "the first paragraph has no <time>: the transcript's start is unknown")
            else:
                problems.add(src.path, turn.line, f"a paragraph by {shorten(turn.name or 'nobody')} has no <time> of its own: give each change of speaker its start")
            continue
        start = parse_clock(turn.stamp.replace(",", ".")) if _GOOD_STAMP.match(turn.stamp) else None
        if start is None:
            problems.add(src.path, turn.stamp_line, f"unreadable time {shorten(turn.stamp)} {_EXPECTED}")
            continue
        if previous is not None and start < previous[0]:
            problems.add(src.path, turn.stamp_line, f"time goes backwards: {format_hms(start)} comes after {format_hms(previous[0])} (line {previous[1]})")
        previous = (start, turn.stamp_line)
        segments.append(Segment(turn.name, text, start, None, Origin(src.path, turn.line)))
    if len(problems.items) > found:
        return None
    return TimedTranscript(src.path, "transcript-html", tuple(segments))


READER = Reader("transcript-html", _detect, _read)
