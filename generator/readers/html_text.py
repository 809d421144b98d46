"""A web page saved as HTML ("Save page as…"), read as the text a reader sees on it.

A publisher may deliver the podcast page, the edited transcript or the summary page as the
page itself rather than its text. Read as prose, its markup was an edited transcript laid over
the speech. Its visible text, a block a line (``<p>``, ``<li>``, ``<h2>``, ``<br>``…), is what
the text readers know; each line keeps the number of the HTML line it starts on, so a problem
still names a line of the file. What no reader of the page sees is left out: the head, scripts,
styles, and the site's navigation, sidebars and footer.

Podcasting 2.0 HTML transcripts (``<cite>``, ``<time>``, ``<p>``) have a reader of their own and
are not changed here.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from html.parser import HTMLParser
from typing import TypeVar

from ..errors import Problem
from ..model import Origin
from .base import Lines, markup

T = TypeVar("T")

# Blocks that start a line of their own; any other tag's text runs on in its line. A table's row
# is a line, its cells apart by a space (<td>00:09:39</td><td>Title</td> is "00:09:39 Title").
_BLOCKS = frozenset(
    "address article blockquote br dd details div dl dt fieldset figcaption figure form h1 h2 h3 h4 h5 h6 "
    "header hr li main ol p pre section summary table tbody thead tfoot tr ul".split()
)
_CELLS = frozenset(("td", "th"))
# Text no reader of the page sees as the page's own: the head, its title, code, and the site around the page.
_HIDDEN = frozenset("head title script style noscript template svg nav aside footer button select option iframe object".split())
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_INVISIBLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)", re.IGNORECASE)
_DOCUMENT = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)


def is_document(src: Lines) -> bool:
    """An HTML document: it opens with ``<!DOCTYPE html>``, ``<html>``, ``<head>`` or ``<body>``,
    after any comments (a saved page's ``<!-- saved from url=… -->``) and XHTML's ``<?xml …?>``."""
    head = "\n".join(src.lines[:20])[:4096].lstrip()
    while head.startswith(("<!--", "<?")):
        end = head.find("-->" if head.startswith("<!--") else "?>")
        if end < 0:
            return False
        head = head[end + (3 if head.startswith("<!--") else 2) :].lstrip()
    return bool(_DOCUMENT.match(head))


def _hidden(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    """An element no reader sees, by its kind, its ``hidden`` attribute or its style (``display:
    none``); or the page's furniture by its class or id: footnotes, "Subscribe" and "Share" boxes,
    comments (laid past an edited transcript's end, a footnote was a passage said)."""
    for k, v in attrs:
        if k == "hidden" or (k == "style" and v and _INVISIBLE.search(v)):
            return True
        if k in ("class", "id") and v and not _FURNITURE.isdisjoint(_PARTS.split(v.lower())):
            return True
    return tag in _HIDDEN


# The words of a class or id that name the page's furniture, not its text ("footnotes",
# "subscribe-widget", "share_dialog", "comments-section"; not "post-content", "shared", "commentary").
_FURNITURE = frozenset("footnote footnotes subscribe subscription newsletter share sharing social cookie cookies comment comments related paywall sidebar".split())
_PARTS = re.compile(r"[\s_-]+")


def visible_text(src: Lines) -> tuple[Lines, tuple[int, ...]]:
    """The page's text, a block a line with blank lines between, and the HTML line each starts on."""
    parser = _Text()
    parser.feed(markup(src))
    parser.close()
    parser.end_line()
    lines: list[str] = []
    numbers: list[int] = []
    for number, text, broken in parser.blocks:
        if lines and not broken:  # a new block: a blank line before it; after a <br>, a line of the same
            lines.append("")
            numbers.append(number)
        lines.append(text)
        numbers.append(number)
    return Lines(src.path, tuple(lines)), tuple(numbers)


def relocated(value: T, numbers: tuple[int, ...]) -> T:
    """``value`` (a source, or a problem) with every line of the page's text it names turned into
    the line of the HTML file that text starts on: the file a publisher opens to mend it."""
    if isinstance(value, (Origin, Problem)):
        return replace(value, line=numbers[value.line - 1]) if value.line and 0 < value.line <= len(numbers) else value
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: relocated(getattr(value, f.name), numbers) for f in fields(value) if f.init})
    if isinstance(value, tuple):
        return tuple(relocated(v, numbers) for v in value)  # type: ignore[return-value]
    if isinstance(value, list):
        return [relocated(v, numbers) for v in value]  # type: ignore[return-value]
    return value


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[int, str, bool]] = []  # (HTML line it starts on, text, whether a <br> ended the line before)
        self.broken = False  # the line being read follows a <br>
        self.words: list[str] = []
        self.started = False  # the line being read has a letter yet
        self.start = 0
        # The elements open since the outermost hidden one (itself first), with a count of each
        # kind: an end tag closes its own and what was left open inside, found without a scan
        # (60,000 stray end tags took 40 s when each looked through the stack).
        self.hidden: list[str] = []
        self.open: dict[str, int] = {}
        self.pre = 0  # <pre> elements open: their line breaks are the page's
        self.lists: list[int] = []  # the open lists: 0 for <ul>, the next item's number for <ol>
        self.bullet = ""  # an item's bullet or number, for its first line

    def end_line(self, br: bool = False) -> None:
        text = " ".join("".join(self.words).split()) if self.started else ""
        if text:
            self.blocks.append((self.start, self.bullet + text, self.broken))
            self.bullet = ""
        self.broken = br and bool(text)  # two <br> in a row end a paragraph, as a blank line
        self.words = []
        self.started = False

    def _push(self, tag: str) -> None:
        self.hidden.append(tag)
        self.open[tag] = self.open.get(tag, 0) + 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body" and self.open.get("head"):  # a head left open ends where the body starts, as browsers read it
            self.hidden.clear()
            self.open.clear()
        if self.hidden:
            if tag not in _VOID:
                self._push(tag)
        elif tag not in _VOID and _hidden(tag, attrs):
            self._push(tag)
        elif tag in _CELLS:
            self.words.append(" ")
        elif tag in _BLOCKS:
            self.end_line(tag == "br")
            if tag == "pre":
                self.pre += 1
            elif tag in ("ul", "ol"):
                self.lists.append(0 if tag == "ul" else 1)
            elif tag == "li":  # its bullet or number, as the text readers know lists ("* Sponsor", "1. 0:00 Intro")
                number = self.lists[-1] if self.lists else 0
                self.bullet = f"{number}. " if number else "* "
                if number:
                    self.lists[-1] += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS and not self.hidden:
            self.end_line(tag == "br")

    def handle_endtag(self, tag: str) -> None:
        if self.hidden:
            if self.open.get(tag):  # it closes, with what was left open inside it
                while True:
                    last = self.hidden.pop()
                    self.open[last] -= 1
                    if last == tag:
                        break
            return
        if tag in _BLOCKS:
            self.end_line()
            self.bullet = ""  # an empty item's bullet is no other line's
            if tag == "pre" and self.pre:
                self.pre -= 1
            elif tag in ("ul", "ol") and self.lists:
                self.lists.pop()

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        pieces = data.split("\n") if self.pre else [data]
        for k, piece in enumerate(pieces):
            if k:  # a line break in <pre>: a line of the same paragraph, or after an empty line a new one
                if self.started:
                    self.end_line(True)
                else:
                    self.broken = False
                    self.words = []
            if not self.started and piece.strip():  # the line its first letter is on
                self.start = self.getpos()[0] + k + (0 if self.pre else data[: len(data) - len(data.lstrip())].count("\n"))
                self.started = True
            self.words.append(piece)
