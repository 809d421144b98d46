"""TTML (Timed Text Markup Language; DFXP, its older name): Apple Podcasts' transcripts, and the
captions Premiere, broadcast and streaming tools export.

    <tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttm="http://www.w3.org/ns/ttml#metadata">
      <head><metadata><ttm:agent xml:id="SPEAKER_1" type="person"/></metadata></head>
      <body><div>
        <p begin="1.000s" end="4.295s" ttm:agent="SPEAKER_1">
          <span begin="1.000s" end="1.200s">So</span> <span begin="1.200s" end="1.400s">how</span> …</p>

Each ``<p>`` is a cue: its text (``<br/>`` a line break, other markup dropped), its speaker the
``ttm:agent`` on it or on an element around it (the agent's ``<ttm:name>`` where it has one, else
its id, an anonymous label for pins), and a ``<span>`` with a time of its own a word's time.
Times are clock times (``00:00:01.500``, or ``00:00:01:12`` in frames at the file's
``ttp:frameRate``) or offsets (``1.5s``, ``1500ms``, ``90000t`` in ticks, ``2m``, ``45f``), and
bare seconds or ``1:02.300`` as Apple writes them; an element's times count from its parent's
begin, as TTML's default time container says, unless every time in the file lies within its
parent's span (Apple's are all on the episode's clock). The cues are
then read by the captions reader's rules: sounds described (``[Music]``) are dropped, and a
``NAME:`` prefix names a speaker.
"""

from __future__ import annotations

import html
import math
import re
import xml.parsers.expat
from dataclasses import dataclass, field

from ..clock import beyond_rate, parse_clock, timecode
from ..errors import Problems, shorten
from ..model import TimedTranscript
from . import captions
from .base import Lines, Reader

_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_DOCTYPE = re.compile(r"^<!DOCTYPE\b(?:[^\[>]*\[[^\]]*\])?[^>]*>")
_ROOT = re.compile(r"<(?:\w+:)?tt[\s>]")
_BREAK, _SPAN_END = "\x01", "\x02"  # marks in a cue's text while it is read
_CLOCK = re.compile(r"^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)(?:([:;])(\d+(?:\.\d+)?))?$")  # ";": drop-frame timecode
_OFFSET = re.compile(r"^(\d+(?:\.\d+)?)(h|ms|m|s|f|t)$")
_UNITS = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001}
MAX_SECONDS = 10**7  # ~115 days: past any episode, and a time the messages can still print


def _detect(src: Lines) -> bool:
    head = _DECLARATION.sub("", "\n".join(src.lines[:40])[:20000]).lstrip()
    while head.startswith(("<!--", "<!DOCTYPE")):  # comments and a document type before the root
        if head.startswith("<!--"):
            head = head[head.find("-->") + 3 :].lstrip() if "-->" in head else ""
        else:
            m = _DOCTYPE.match(head)
            head = head[m.end() :].lstrip() if m else ""
    return bool(_ROOT.match(head))


@dataclass
class _Rates:
    """What frames and ticks are in seconds (``ttp:frameRate``, ``ttp:frameRateMultiplier``, ``ttp:tickRate``)."""

    frame: float = 30.0
    tick: float = 1.0
    smpte: bool = False  # ttp:timeBase="smpte": clock times are timecodes, frames counted at the nominal rate
    drop: bool = False  # ttp:dropMode="dropNTSC": drop-frame timecode

    def seconds(self, value: str) -> float | None:
        """Seconds a time expression gives, or None: also bare seconds ("0.500") and "1:02.300", as
        Apple's transcripts write them, though TTML asks for a unit and hours."""
        value = value.strip()
        if self.beyond(value):
            return None
        try:
            if m := _CLOCK.match(value):
                if self.smpte and m[5] and "." not in m[3]:  # a timecode: frames counted, not seconds
                    t = timecode(int(m[1]) * 3600 + int(m[2]) * 60 + int(m[3]), int(float(m[5])), self.frame, self.drop or m[4] == ";")
                else:
                    t = int(m[1]) * 3600 + int(m[2]) * 60 + float(m[3]) + (float(m[5]) / self.frame if m[5] else 0.0)
            elif m := _OFFSET.match(value):
                unit = m[2]
                per = self.frame if unit == "f" else self.tick if unit == "t" else 1 / _UNITS[unit]
                t = float(m[1]) / per
            else:
                t = parse_clock(value) if len(value) <= 40 else None
        except (OverflowError, ValueError):  # hundreds of digits
            return None
        return t if t is not None and math.isfinite(t) and t < MAX_SECONDS else None

    def beyond(self, value: str) -> str | None:
        """Why a clock time's frame number cannot be at the file's frame rate, or None."""
        m = _CLOCK.match(value.strip())
        return beyond_rate(float(m[5]), self.frame) if m and m[5] and len(m[5]) < 20 else None


@dataclass
class _Open:
    """An element being read: its name, where its times count from, its speaker, if it times a word."""

    name: str
    offset: float  # its begin: where its children's times count from
    end: float | None
    agent: str
    timed: bool = False


@dataclass
class _Cue:
    line: int
    start: float | None
    end: float | None
    agent: str
    text: list[str] = field(default_factory=list)


def _local(name: str) -> str:
    """An element's or attribute's name without its namespace (expat gives "uri name")."""
    return name.rsplit(" ", 1)[-1]


def _read(src: Lines, problems: Problems) -> TimedTranscript | None:
    found = len(problems.items)
    text = "\n".join(src.lines)
    # the declaration names the bytes' encoding; the text is decoded already (UTF-16 files said "utf-16")
    text = _DECLARATION.sub(lambda m: "\n" * m[0].count("\n"), text, count=1)
    rates, absolute = _survey(text)
    agents: dict[str, str] = {}  # xml:id -> name
    naming: list[str] = []  # the id of the <ttm:agent> whose <ttm:name> is being read
    stack: list[_Open] = []
    cues: list[_Cue] = []
    cue: _Cue | None = None
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def time_of(attrs: dict[str, str], key: str, parent: _Open) -> float | None:
        if key not in attrs:
            return None
        t = rates.seconds(attrs[key])
        if t is None:
            why = rates.beyond(attrs[key])
            problems.add(src.path, parser.CurrentLineNumber, f"{key}={shorten(attrs[key])}: {why}" if why else f"unreadable time {key}={shorten(attrs[key])} (expected 00:00:01.500, 1.5s or 1500ms)")
            return None
        return t if absolute else parent.offset + t

    def start(name: str, raw: dict[str, str]) -> None:
        nonlocal cue
        tag = _local(name)
        attrs = {_local(k): v for k, v in raw.items()}
        parent = stack[-1] if stack else _Open("", 0.0, None, "")
        begin = time_of(attrs, "begin", parent)
        end = time_of(attrs, "end", parent)
        if end is None and "dur" in attrs and (d := rates.seconds(attrs["dur"])) is not None:
            end = (begin if begin is not None else parent.offset) + d
        agent = (attrs.get("agent") or parent.agent).split()
        opened = _Open(tag, begin if begin is not None else parent.offset, end if end is not None else parent.end, agent[0] if agent else "")
        if tag == "agent" and "id" in attrs:
            agents.setdefault(attrs["id"], "")
            naming.append(attrs["id"])
        elif tag == "p":
            cue = _Cue(parser.CurrentLineNumber, begin, end, opened.agent)
        elif cue is not None and tag == "br":
            cue.text.append(_BREAK)
        elif cue is not None and begin is not None:
            cue.text.append(f"<{begin:.3f}>")
            opened.timed = True
        stack.append(opened)

    def end(name: str) -> None:
        nonlocal cue
        closed = stack.pop()
        if closed.name == "agent" and naming:
            naming.pop()
        elif closed.name == "p" and cue is not None:
            cues.append(cue)
            cue = None
        elif closed.timed and cue is not None:
            cue.text.append(_SPAN_END)  # a word ends with its span (a space, unless punctuation follows)

    def chars(data: str) -> None:
        if cue is not None:
            cue.text.append(html.escape(" ".join(data.split("\n")), quote=False))  # the file's own line breaks are spaces
        elif naming and stack and stack[-1].name == "name":
            agents[naming[-1]] += data

    def skipped(name: str, is_parameter: bool) -> None:  # declared in a DTD expat does not read
        problems.add(src.path, parser.CurrentLineNumber, f"undefined entity &{name}; (an outside DTD is not read: write the character itself)")

    parser.SkippedEntityHandler = skipped
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        parser.Parse(text, True)
    except xml.parsers.expat.ExpatError as exc:
        problems.add(src.path, exc.lineno, f"invalid XML: {xml.parsers.expat.ErrorString(exc.code)} (column {exc.offset + 1})")
        return None
    made: list[captions.Cue] = []
    for c in cues:
        starts = [float(t) for t in re.findall(r"<(\d+(?:\.\d+)?)>", "".join(c.text))]
        begin = c.start if c.start is not None else min(starts, default=None)
        if begin is None:
            problems.add(src.path, c.line, "a <p> with no begin time, nor any word timed inside it")
            continue
        finish = c.end if c.end is not None else max([begin, *starts])
        if finish < begin:
            problems.add(src.path, c.line, f"<p> ends before it starts ({captions.vtt_clock(begin)} to {captions.vtt_clock(finish)})")
            continue
        said = re.sub(r"<(\d+(?:\.\d+)?)>", lambda m: f"<{captions.vtt_clock(float(m[1]))}>", "".join(c.text))
        said = re.sub(_SPAN_END + r"\s*<[\d:.]+>(?=[,.;:!?…)\]]+" + _SPAN_END + ")", "", said)  # a span of punctuation joins the word before
        said = re.sub(_SPAN_END + r"(?=\s*[,.;:!?…)\]])", "", said).replace(_SPAN_END, " ")
        name = agents.get(c.agent) or c.agent
        lines = [" ".join(line.split()) for line in said.split(_BREAK) if line.strip()]
        if name and lines and captions.speaker_prefix(html.unescape(lines[0]))[0] is None:  # "BO: …" in the text names who
            lines[0] = f"<v {html.escape(name)}>{lines[0]}"
        if made and (made[-1].start, made[-1].end, [t for _, t in made[-1].payload]) == (begin, finish, lines):
            continue  # the same cue again (files joined from overlapping exports): said once, as in captions
        made.append(captions.Cue(begin, finish, c.line, [(c.line, line) for line in lines]))
    if len(problems.items) > found:
        return None
    if not made:
        problems.add(src.path, None, "no <p> cues: expected TTML <p begin=\"…\" end=\"…\"> elements holding the words said")
        return None
    made.sort(key=lambda c: c.start)
    return captions.cue_transcript(src, made, problems, "no cues with text", rolling=False)


def _survey(text: str) -> tuple[_Rates, bool]:
    """The file's frame and tick rates, and whether it writes every time on the episode's clock:
    TTML counts a time from its parent's begin, but Apple's transcripts give a <div>, its <p>s and
    their word <span>s each the episode's own times. Taken so where every timed element inside a
    timed one begins within it (a <p> at 1 s inside a <div> from 30 s counts from the div)."""
    rates = _Rates()
    # each open element's nearest begin and end, its own or its closest timed parent's: looked
    # through, 100 KB of elements nested without times took seconds
    spans: list[tuple[float, float | None] | None] = []
    inside = True
    nested = False

    def start(name: str, raw: dict[str, str]) -> None:
        nonlocal inside, nested
        attrs = {_local(k): v for k, v in raw.items()}
        if _local(name) == "tt":
            rates.frame = _number(attrs.get("frameRate"), 30.0) * _multiplier(attrs.get("frameRateMultiplier"))
            rates.tick = _number(attrs.get("tickRate"), rates.frame if "frameRate" in attrs else 1.0)
            rates.smpte = attrs.get("timeBase", "").strip() == "smpte"
            rates.drop = attrs.get("dropMode", "").strip() == "dropNTSC"
        begin = rates.seconds(attrs["begin"]) if "begin" in attrs else None
        end = rates.seconds(attrs["end"]) if "end" in attrs else None
        parent = spans[-1] if spans else None
        if begin is not None and parent is not None:
            nested = True
            inside = inside and parent[0] - 0.001 <= begin and (parent[1] is None or begin <= parent[1] + 0.001)
        spans.append((begin, end) if begin is not None else parent)

    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = start
    parser.EndElementHandler = lambda name: spans.pop()
    try:
        parser.Parse(text, True)
    except xml.parsers.expat.ExpatError:  # reported by the reading itself
        pass
    return rates, nested and inside


def _number(value: str | None, default: float) -> float:
    try:
        number = float(value) if value is not None else default
    except ValueError:
        return default
    return number if 0 < number < 1e12 else default  # Netflix's tickRate is 10,000,000


def _multiplier(value: str | None) -> float:
    """``ttp:frameRateMultiplier="1000 1001"`` (29.97 frames a second) as a factor."""
    parts = (value or "").split()
    if len(parts) == 2 and all(p.isdigit() and int(p) > 0 for p in parts):
        return int(parts[0]) / int(parts[1])
    return 1.0


READER = Reader("ttml", _detect, _read)
