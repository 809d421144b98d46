"""Captions: WebVTT and SubRip (SRT), as YouTube, podcast hosts and Whisper write them, and
YouTube's SBV (``0:00:01.000,0:00:04.000`` above each cue) and Premiere Pro's transcript text
(``00:00:01:12 - 00:00:04:00`` in frames, the speaker's name below), read as WebVTT.

    WEBVTT                                    1
    Kind: captions                            00:00:01,000 --> 00:00:04,000
                                              DWARKESH: So what's the plan?
    00:00:01.000 --> 00:00:04.000 align:start
    <v Dwarkesh Patel>So what's the plan?    2
                                              00:00:04,200 --> 00:00:06,000
                                              ILYA: Research.

Cue identifiers, cue settings, NOTE/STYLE/REGION blocks, formatting tags
(``<c.colorE5E5E5>``, ``<i>``, ``<font>``…) and entities are handled; SRT block
numbers may be missing or out of order. Each cue becomes one segment per
speaker in it; a cue with several speakers shares its time span among them by
their share of the characters.

Speakers come from ``<v Name>`` voice tags or from a prefix at the start of a
caption line: ``NAME:``, ``Name Surname:`` or ``[Name]``. ``>>`` (YouTube's
speaker-change marker) and a ``- `` dialogue dash mean "someone else speaks,
unnamed" (``ANOTHER``; the merge decides who), unless a name follows the marker
(``>> ANA: …``, broadcast captions). A cue whose every line opens with a dash is a
dialogue even without the space (``-Really?``, Netflix's style). Sounds described
(``[Music]``, ``(laughs)``, ``♪``) are not words said and are dropped.
Anonymous labels are read too (``Speaker 1:``, ``[SPEAKER_00]:``), for pins to
map. Captions mark only *changes* of speaker, so a label holds for the
following cues until the next one. SSA override tags (``{\an8}``) are dropped,
and a cue given twice in a row (same times, same text) is read once.

YouTube's automatic captions roll: each cue shows the previous line again
above the new words, which carry inline times (``so<00:00:00.320><c> today</c>``),
and 10 ms cues in between repeat the text. Such files (any inline time, or
most cues starting with the previous cue's last line) are read in *rolling*
mode: lines the previous cue already showed are dropped, so every word comes
once, with its inline time (words before the first time get the cue's start).
Converted to plain SRT or VTT (no inline times), a cue's new words are spread over it.
"""

from __future__ import annotations

import html
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from ..clock import beyond_rate, timecode
from ..errors import Problems, shorten
from ..model import ANOTHER, ChapterMark, Origin, Segment, TimedTranscript, Word
from ..text import CREDENTIAL, SOUND
from . import chapterlines
from .base import Lines, Reader, one_at_a_time

_TIME = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{1,2})[.,](\d{1,3})")
_TIMING = re.compile(r"^\s*(?P<a>\S*?)\s*-->\s*(?P<b>\S*)(?P<settings>.*)$")
_TIMING_SHAPE = re.compile(r"^\s*[\d:.,]+\s*-->")  # ends a cue that has no blank line after it
_SRT_TIMING = re.compile(r"^\s*\d+:\d{2}:\d{2},\d{1,3}\s*-->\s*\d+:\d{2}:\d{2},\d{1,3}")
_DOTTED_TIMING = re.compile(r"^\s*(?:\d+:)?\d{2}:\d{2}\.\d{1,3}\s*-->\s*(?:\d+:)?\d{2}:\d{2}\.\d{1,3}(?:\s|$)")
_BARE_TIMING = re.compile(r"^\s*\d+(?::\d+){1,2}[.,]\d+\s*-->\s*\d+(?::\d+){1,2}[.,]\d+\s*$")
_VTT_HEAD = re.compile(r"^WEBVTT(?:[ \t].*)?$")
_VTT_BLOCK = re.compile(r"^(?:NOTE|STYLE|REGION)(?:[ \t].*)?$")
# voice tags and inline times are kept as tokens; every other tag is dropped
# A tag never holds "<": each pattern stops at the next one, so a line of 100,000 unclosed "<v"
# is read in linear time (with [^>]* every "<" scanned to the end of the line: 31 s). A voice's
# annotation may hold one "<", as WebVTT allows ("<v Bo <Guest>": "Bo <Guest"), or a role in
# angle brackets closed before the tag is ("<v Bo <Guest>>"): the tag and text were shown as words.
_ANNOTATION = r"[^<>]*(?:<[^<>]*>?[^<>]*)?"
_VOICE_TAG = re.compile(rf"<v(?:\.[^\s<>]*)?(?:[ \t]{_ANNOTATION})?>")
_VOICE = re.compile(rf"<v(?:\.[^\s<>]*)?(?:[ \t]+(?P<name>{_ANNOTATION}))?>")
_TOKENS = re.compile(rf"({_VOICE_TAG.pattern}|<\d[^<>]*>)")
_VOICE_ROLE = re.compile(r"<[^<>]*>?")  # "<Guest>" after a voice's name: a role, not the name
_STAMP = re.compile(r"<\d[^<>]*>")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>|</>|\{\\[^{}]*\}")  # and SSA overrides: {\an8}
# A ruby annotation's reading (<ruby>漢字<rt>かんじ</rt></ruby>) is not said: "漢字かんじ" was the text.
_READING = re.compile(r"<rt(?:[.\s][^<>]*)?>[^<]*(?:</rt>)?")
_INVISIBLE = str.maketrans("", "", "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\ufeff")
_DASH = re.compile(r"^-\s+")
_TIGHT_DASH = re.compile(r"^((?:\s|<[^<>]*>)*)-(?=[^\s\->])")  # "-Really?": a dash with no space after it
_BRACKET = re.compile(r"^\[(?P<name>[^\]]{1,40})\]:?\s*")
# "(MARIA) Text": a name in capitals in parentheses (SDH captions); not "(laughs)", a sound, left out before
_PAREN = re.compile(r"^\((?P<name>[A-Z][A-Z .'\u2019-]{0,38})\):?\s*(?=\S)")
_COLON = re.compile(r"^(?P<name>[^:]{1,40}):(?:\s+|$)")
_ROLE_AFTER = re.compile(r"\s*\([^()]{1,30}\)$")
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.\-]*(?:['’.\-][^\W\d_]*)*\.?$")
_ANONYMOUS = re.compile(r"(?i:speaker|spk|person|voice|participant)[ _-]?\d{1,3}")  # Otter, Descript, Rev, WhisperX
# Scripts written without spaces between words: a "word" of one is a whole clause but for a name's
# few characters (李雷, 山田太郎), so a longer one before a colon is prose
_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_UNSPACED_NAME = 6  # characters
_PARTICLES = {"de", "da", "di", "del", "van", "von", "der", "den", "la", "le", "bin", "al", "ibn"}
# capitalised words people write before a colon that are not speakers ("Note: …"), and sound tags ("[Music]")
_NOT_NAMES = {
    "note", "notes", "nb", "ps", "example", "warning", "update", "edit", "step", "tip", "hint", "caution",
    "reminder", "source", "summary", "important", "disclaimer", "fyi", "also", "so", "well", "and", "but",
    "yes", "no", "okay", "ok", "because", "now", "here", "there", "this", "that", "then", "first", "second",
    "third", "finally", "remember", "look", "listen", "wait", "quote", "hey", "question", "answer", "translation",
    "music", "laughter", "laughs", "laughing", "applause", "silence", "inaudible", "crosstalk", "foreign",
    "noise", "cheering", "cheers", "sighs", "chuckles", "chuckling", "unintelligible", "background", "sound",
    "intro", "outro", "pause", "beep", "static", "coughs", "blank_audio", "no audio", "theme music",
}
ROLL_STEP = 0.001  # seconds: cue and word times may tie or be rounded by a millisecond


@dataclass
class Cue:
    """One cue: its times, its timing line's number, its caption lines."""

    start: float
    end: float
    line: int  # the timing line
    payload: list[tuple[int, str]]  # (line number, raw text) of each caption line


@dataclass
class _Run:
    """Words one speaker says within a cue."""

    label: str
    words: list[tuple[str, float | None, int]] = field(default_factory=list)  # (text, inline time, line)


def _detect(src: Lines) -> bool:
    return looks_like_cues(src) and not chapter_track(src)


# YouTube's SubViewer captions (.sbv, YouTube Studio's download): "0:00:01.000,0:00:04.295" above each cue.
_SBV_TIMING = re.compile(r"^\s*(\d+:\d{2}:\d{2}\.\d{1,3}),(\d+:\d{2}:\d{2}\.\d{1,3})\s*$")


# Premiere Pro's transcript exported as text: "00:00:01:00 - 00:00:04:07" (frames after the seconds),
# the speaker's name on the next line, then the words; and cues timed so between WebVTT's arrows
# ("00:00:01;15 --> 00:00:03;00", as broadcast caption tools write timecodes).
_FRAMED_TIMING = re.compile(r"^\s*(\d{2}:\d{2}:\d{2})([:;])(\d{2}) - (\d{2}:\d{2}:\d{2})([:;])(\d{2})\s*$")
_FRAMED_ARROWS = re.compile(r"^\s*(\d{2}:\d{2}:\d{2})([:;])(\d{2})\s*-->\s*(\d{2}:\d{2}:\d{2})([:;])(\d{2})(?=\s|$)(.*)$")
#: The frame rates video is cut at; a file's is taken as the least above every frame number it
#: writes (at most 0.17 s off where a short file never reaches its rate's last frames). A semicolon
#: before the frames is drop-frame timecode, which exists at 29.97 and 59.94 only: where the frames
#: written reach past 24 (or 49), else it is a separator.
FRAME_RATES = (24, 25, 30, 50, 60)
_DROP_RATES = (30000 / 1001, 60000 / 1001)


def as_cues(src: Lines, problems: Problems | None = None) -> Lines:
    """The file with SBV's or Premiere's timing lines, and timecodes between arrows, written as
    WebVTT's (``a --> b``), line for line, so that one parser reads them all and its messages keep
    their line numbers; any other file as it is. (Premiere's name under the times is read by
    ``_names_above``.) A frame number past the fastest rate is told ``problems``, if given."""
    first = next((line for line in src.lines if line.strip()), "")
    sbv = _SBV_TIMING.match(first)
    arrows = next((line for line in src.lines if "-->" in line), None)
    if arrows is not None:
        framed = _FRAMED_ARROWS if _FRAMED_ARROWS.match(arrows) else None
    else:
        framed = _FRAMED_TIMING if _FRAMED_TIMING.match(first) else None
    if not (sbv and arrows is None or framed):
        return src  # the first lines looked at first: this runs on every file whose kind is sought
    if sbv:
        return Lines(src.path, tuple(_SBV_TIMING.sub(r"\1 --> \2", line) for line in src.lines))
    timings = [m for line in src.lines if (m := framed.match(line))]
    frames = max((int(m[k]) for m in timings for k in (3, 6)), default=0)
    rate = next((r for r in FRAME_RATES if r > frames), FRAME_RATES[-1])
    # a ";" is drop-frame only at a rate that has it: frames to 24 (25) or 49 (50) are a separator's
    # (QA39: a 25 fps Premiere export with ";" was read at 29.97, 0.15 s early at 10 s)
    drop = rate in (30, 60) and any(m[2] == ";" or m[5] == ";" for m in timings)
    rate = _DROP_RATES[rate == 60] if drop else rate
    if problems is not None and (why := beyond_rate(frames, rate)):
        line = next(k for k, line in enumerate(src.lines) if (m := framed.match(line)) and frames in (int(m[3]), int(m[6])))
        problems.add(src.path, line + 1, f"{why}; no video is cut faster")
    lines = list(src.lines)
    for k, line in enumerate(lines):
        if m := framed.match(line):
            rest = m[7] if framed is _FRAMED_ARROWS else ""
            lines[k] = f"{_framed(m[1], m[3], rate, drop)} --> {_framed(m[4], m[6], rate, drop)}{rest}"
    return Lines(src.path, tuple(lines))


def _framed(clock: str, frames: str, rate: float, drop: bool) -> str:
    """A timecode (``hh:mm:ss`` and its frame) as WebVTT's time of the moment it stands for."""
    h, m, s = map(int, clock.split(":"))
    return vtt_clock(timecode(h * 3600 + m * 60 + s, int(frames), rate, drop))


#: Share of the cues of two lines or more that open with a name on a line of its own, a name that
#: comes back, from which those lines are speakers: Premiere's and Teams' transcripts (copied from
#: the .docx) write who speaks above the words, where the name was read as the first words said.
NAMED_CUES = 0.8


def _names_above(cues: list[Cue]) -> list[Cue]:
    """The cues with a speaker's name on a line of its own above the words made a ``Name:`` label."""
    heads = [cue.payload[0][1].strip() for cue in cues if len(cue.payload) >= 2]
    if len(heads) < 3 or any(h.endswith(":") for h in heads):
        return cues
    names = recurring_names(heads, NAMED_CUES)
    for cue in cues:
        if len(cue.payload) >= 2 and cue.payload[0][1].strip() in names:
            cue.payload = [(cue.payload[0][0], cue.payload[0][1].strip() + ":"), *cue.payload[1:]]
    return cues


def recurring_names(lines: list[str], share: float) -> set[str]:
    """The speakers' names among ``lines`` (each the line set apart above a block's words), where
    at least ``share`` of them are names (``is_name``), one comes back, and no more than half as
    many people as lines naming them; none otherwise: those lines are words."""
    named = [line for line in lines if is_name(line)]
    counts = Counter(named)
    if not named or len(named) < share * len(lines) or max(counts.values()) < 2 or len(counts) > len(named) / 2:
        return set()
    return set(counts)


def looks_like_cues(src: Lines) -> bool:
    """WebVTT, SRT, SBV or Premiere's text: cues with timing lines, whether captions or a chapters track."""
    src = as_cues(src)
    lines = [line for line in src.lines if line.strip()][:12]
    if not lines:
        return False
    if _VTT_HEAD.match(lines[0].strip()):
        return True
    if any(_SRT_TIMING.match(line) for line in lines):
        return True
    # an SRT written with dots (a block number, then a timing line), or WebVTT cues whose file lost
    # its "WEBVTT" line (some exporters leave it out; it was "cannot tell what kind of source this is"),
    # or times without their leading zeros ("0:0:1.0 --> 0:0:5.2", Teams' transcript copied from its .docx)
    return any(_DOTTED_TIMING.match(line) or _BARE_TIMING.match(line) for line in lines)


#: Seconds a cue lasts, at the median, from which it is a chapter and not a caption: captions show
#: a few seconds of speech each (YouTube's 2-8 s, subtitling guides' 7 s at most) and Whisper's
#: segments last 30 s at most (its window), while a chapter lasts minutes.
CHAPTER_CUE = 60.0


def chapter_track(src: Lines) -> bool:
    """A chapters track (HTML's ``<track kind="chapters">``): WebVTT whose header says ``Kind:
    chapters``, or cues of a minute or more at the median, each one short line, a title. Read
    as captions, its titles were a transcript that "does not match the episode's transcript"."""
    src = as_cues(src)
    head = next((k for k, line in enumerate(src.lines) if line.strip()), None)
    if head is not None and _VTT_HEAD.match(src.lines[head].strip()):
        for line in src.lines[head + 1:]:  # the header's lines, up to the first blank line or cue
            if not line.strip() or "-->" in line:
                break
            if "".join(line.split()).lower() == "kind:chapters":
                return True
    lasting = []
    for line in src.lines:  # every cue, not the first few: a livestream's captions may open with minutes of "[Music]"
        m = _TIMING.match(line) if "-->" in line else None
        start, end = (_seconds(m["a"]), _seconds(m["b"])) if m else (None, None)
        if start is not None and end is not None:
            lasting.append(end - start)
    if not lasting or statistics.median(lasting) < CHAPTER_CUE:
        return False
    # nearly every cue a title: one line or two ("Chapter 3" above it) of a few words; an empty cue,
    # or one long title, does not make the track captions again
    said = [" ".join(_clean(t) for _, t in cue.payload).split() for cue in _cues(src, is_vtt(src), Problems()) or []]
    said = [words for words in said if words]
    return bool(said) and sum(len(words) <= chapterlines.TITLE_WORDS for words in said) >= TITLED * len(said)


#: Share of a chapters track's cues that read as titles (one odd cue in ten is allowed).
TITLED = 0.9


def is_vtt(src: Lines) -> bool:
    """WebVTT by its header, or by its cues' dotted times where the header was left out."""
    head = next((line.strip() for line in src.lines if line.strip()), "")  # blank lines before WEBVTT are no header
    return bool(_VTT_HEAD.match(head)) or (not any(_SRT_TIMING.match(line) for line in src.lines) and any(_DOTTED_TIMING.match(line) for line in src.lines))


def chapter_marks(src: Lines, problems: Problems) -> list[ChapterMark] | None:
    """A chapters track's cues as chapters: each cue's text its title, its start the chapter's."""
    found = len(problems.items)
    src = as_cues(src, problems)
    cues = _cues(src, is_vtt(src), problems)
    if cues is None or len(problems.items) > found:
        return None
    return [ChapterMark(title, cue.start, Origin(src.path, cue.line)) for cue in cues if (title := _clean(" ".join(t for _, t in cue.payload)))]


def _read(src: Lines, problems: Problems) -> TimedTranscript | None:
    found = len(problems.items)
    src = as_cues(src, problems)
    vtt = is_vtt(src)
    cues = _cues(src, vtt, problems)
    if cues is None:
        return None
    cues = _names_above(cues)
    rolling = _is_rolling(cues)
    segments = _segments(src, cues, vtt, rolling, problems)
    if len(problems.items) > found:
        return None
    if not segments:
        problems.add(src.path, None, "no captions with text")
        return None
    return TimedTranscript(src.path, "captions", tuple(segments))


# --- blocks: header, notes, cues -------------------------------------------------------------


#: Words a caption shows at least for a cue that shows it again, or goes on from it, right after
#: (within CONTIGUOUS seconds) to be the same caption kept up or built up, not words said again:
#: "Yeah." / "Yeah." may be said twice; "So how did" / "So how did the whole project" is one line
#: painted on, and a whole sentence in two cues back to back was published twice.
SHOWN_WORDS = 3
CONTIGUOUS = 0.1


def _shown_on(before: str, previous: Cue, cue: Cue) -> list[tuple[int, str]] | None:
    """What ``cue`` adds to ``previous``, which showed the one line ``before``, where it shows that
    line again, or goes on with it ([] when nothing), right after it; None where it is a caption
    of its own. Cues of several lines, and lines with markup, are left alone: rolling captions
    repeat a line of the cue before theirs, and are read in rolling mode."""
    if len(previous.payload) != 1 or len(cue.payload) != 1 or not previous.start <= cue.start <= previous.end + CONTIGUOUS:
        return None
    now = cue.payload[0][1].strip()
    if "<" in before + now or not shows_again(before, now):
        return None
    return [] if now == before else [(cue.payload[0][0], now[len(before) + 1 :])]


def shows_again(before: str, now: str) -> bool:
    """Whether a one-line cue showing ``now`` right after one showing ``before`` shows that caption
    again or goes on with it (``SHOWN_WORDS``): read once, not as words said again. The exports
    write no such pair for a line said twice (``writers.exports``)."""
    return len(before.split()) >= SHOWN_WORDS and (now == before or now.startswith(before + " "))


def _cues(src: Lines, vtt: bool, problems: Problems) -> list[Cue] | None:
    """The cues in file order, with every malformed timing line and stray text reported."""
    lines = src.lines
    n = len(lines)
    expected = "hh:mm:ss.mmm" if vtt else "hh:mm:ss,mmm"
    if not any("-->" in line for line in lines):
        sample = "00:00:01.000 --> 00:00:04.000" if vtt else "00:00:01,000 --> 00:00:04,000"
        problems.add(src.path, None, f"no cues found (expected time lines like '{sample}')")
        return None
    cues: list[Cue] = []
    previous: Cue | None = None
    shown = ""  # the one line the cue before showed, whole, however much of it was new
    i = 0
    if vtt:  # the WEBVTT line, where there is one, and header lines (Kind:, Language:) up to the first blank line
        i = next(k for k, line in enumerate(lines) if line.strip())
        i += bool(_VTT_HEAD.match(lines[i].strip()))  # a headerless file may open with its first cue's timing
        while i < n and lines[i].strip() and "-->" not in lines[i]:
            i += 1
    while i < n:
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if vtt and _VTT_BLOCK.match(line.strip()) and "-->" not in line:
            while i < n and lines[i].strip():
                i += 1
            continue
        if "-->" in line:
            timing = i
        elif i + 1 < n and "-->" in lines[i + 1]:
            timing = i + 1  # a cue identifier or SRT block number first
        else:
            problems.add(src.path, *_stray(lines, i, expected))
            while i < n and lines[i].strip():
                i += 1
            continue
        start, end = _timing(src.path, timing + 1, lines[timing], expected, problems)
        i = timing + 1
        payload: list[tuple[int, str]] = []
        while i < n:
            text = lines[i]
            if text == "" or (not text.strip() and payload):
                break
            if _TIMING_SHAPE.match(text):  # the next cue, without a blank line before it
                if payload and payload[-1][1].strip().isdigit():
                    payload.pop()  # its SRT block number
                    i -= 1
                break
            if text.strip():
                payload.append((i + 1, text))
            i += 1
        if start is None or end is None:
            continue
        cue = Cue(start, end, timing + 1, payload)
        if previous is not None and (start, end) == (previous.start, previous.end) and [t for _, t in payload] == [t for _, t in previous.payload]:
            continue  # the same cue again (a file joined from overlapping exports): its words are said once
        added = _shown_on(shown, previous, cue) if previous is not None else None
        shown = cue.payload[0][1].strip() if len(cue.payload) == 1 else ""
        if added == []:  # the same caption kept up by a second cue: it stays up, said once
            previous.end = max(previous.end, end)
            continue
        if added:  # paint-on: a line built up cue by cue ("So how did", "So how did the whole project")
            cue.payload = added
        if previous is not None and start < previous.start - ROLL_STEP:
            problems.add(src.path, cue.line, f"time goes backwards: {vtt_clock(start)} comes after {vtt_clock(previous.start)} (line {previous.line})")
        previous = cue
        cues.append(cue)
    return cues


def _stray(lines: list[str], i: int, expected: str) -> tuple[int, str]:
    """The line and what is wrong with text outside a cue at ``lines[i]``. A cue number with no time line is most
    often a file cut short in the middle of its last cue: "text outside a cue: '3'" did not say so."""
    line = lines[i].strip()
    sample = f"'00:00:01{expected[8]}000 --> 00:00:04{expected[8]}000'"
    if not line.isdigit():
        return i + 1, f"text outside a cue: {shorten(line)} (expected a time line like {sample} before it)"
    after = lines[i + 1].strip() if i + 1 < len(lines) else ""
    last = not any(rest.strip() for rest in lines[i + 2 if after else i + 1 :])
    if after and re.fullmatch(r"[\d:.,]+(?:\s*-+>?\s*[\d:.,]*)?", after):
        cut = "; the file ends there: it was cut short" if last else ""
        return i + 2, f"cue {line}'s time line {shorten(after)} is incomplete (expected {sample}){cut}"
    if not after and last:
        return i + 1, f"the file ends after cue number {line}, before its time line: it was cut short (export it again, or delete the number)"
    return i + 1, f"cue number {line} has no time line after it (expected a time line like {sample})"


def _timing(path: str, lineno: int, line: str, expected: str, problems: Problems) -> tuple[float | None, float | None]:
    """Start and end of a cue's timing line; cue settings after the end are ignored."""
    m = _TIMING.match(line)
    if not m:
        problems.add(path, lineno, f"unreadable time line {shorten(line.strip())} (expected '{expected} --> {expected}')")
        return None, None
    start = _time(path, lineno, m["a"], expected, problems)
    end = _time(path, lineno, m["b"], expected, problems)
    if start is not None and end is not None and end < start:
        problems.add(path, lineno, f"cue ends before it starts: {vtt_clock(start)} --> {vtt_clock(end)}")
        return None, None
    return start, end


def _time(path: str, lineno: int, text: str, expected: str, problems: Problems) -> float | None:
    t = _seconds(text)
    if t is None:
        problems.add(path, lineno, f"unreadable time {shorten(text)} (expected {expected})")
    return t


def _seconds(text: str) -> float | None:
    m = _TIME.fullmatch(text)
    if not m:
        return None
    h, mnt, s, ms = m.groups()
    if int(s) >= 60 or (h is not None and int(mnt) >= 60) or len(h or "") > 6:
        return None
    return round(int(h or 0) * 3600 + int(mnt) * 60 + int(s) + int(ms.ljust(3, "0")) / 1000, 3)


def vtt_clock(t: float) -> str:
    """Seconds as WebVTT writes a time: ``00:01:02.500``."""
    t = round(t, 3)
    whole = int(t)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}.{round((t - whole) * 1000) % 1000:03d}"


# --- payloads: rolling captions, speakers, words ----------------------------------------------


def _clean(raw: str) -> str:
    """A caption line as plain text: no tags, entities decoded, whitespace collapsed."""
    text = _TAG.sub("", _READING.sub("", _VOICE.sub(" ", _STAMP.sub("", raw))))
    return " ".join(html.unescape(text).translate(_INVISIBLE).split())


def _is_rolling(cues: list[Cue]) -> bool:
    """YouTube's automatic captions: inline word times, or most cues repeat the previous cue's last line."""
    if any(_STAMP.search(text) for cue in cues for _, text in cue.payload):
        return True
    repeats = pairs = 0
    for before, cue in zip(cues, cues[1:]):
        if len(cue.payload) >= 2 and before.payload:
            pairs += 1
            repeats += _clean(cue.payload[0][1]) == _clean(before.payload[-1][1])
    return pairs >= 3 and repeats * 2 >= pairs


def cue_transcript(
    src: Lines, cues: list[Cue], problems: Problems, nothing: str, rolling: bool | None = None, chapters: tuple[ChapterMark, ...] = (), title: str = ""
) -> TimedTranscript | None:
    """The transcript of cues another reader found (stamped lines, TTML, a table): speakers, sounds
    and markup read as in captions; ``rolling`` as the cues look unless the format says (a TTML
    word time is no roll). None where the reading found problems, or no words (``nothing`` said)."""
    found = len(problems.items)
    segments = _segments(src, cues, True, _is_rolling(cues) if rolling is None else rolling, problems)
    if len(problems.items) > found:
        return None
    if not segments:
        problems.add(src.path, None, nothing)
        return None
    return TimedTranscript(src.path, "captions", tuple(segments), chapters, title=title)


def _segments(src: Lines, cues: list[Cue], vtt: bool, rolling: bool, problems: Problems) -> list[Segment]:
    """Each cue's runs as segments, speaker labels carried from cue to cue."""
    expected = "hh:mm:ss.mmm" if vtt else "hh:mm:ss,mmm"
    label = ""
    shown: list[str] = []  # what the previous cue showed, for rolling captions
    segments: list[Segment] = []
    singing = False  # lyrics opened in the cue before, not closed yet
    for k, cue in enumerate(cues):
        ahead = tuple(raw for _, raw in cues[k + 1].payload) if k + 1 < len(cues) else ()
        payload, singing = _unsaid_lines(cue.payload, singing, ahead)
        if len(payload) >= 2 and all(_TIGHT_DASH.match(raw) or _DASH.match(_clean(raw)) for _, raw in payload):
            # every line of the cue opens with a dash: a dialogue written "-Really?" / "-Yes." (Netflix's style)
            payload = [(n, _TIGHT_DASH.sub(r"\1- ", raw, count=1)) for n, raw in payload]
        payload = [(n, raw) for n, raw in payload if _clean(raw)]
        if rolling:
            lines = [_clean(raw) for _, raw in payload]
            repeated = max((k for k in range(len(lines) + 1) if k <= len(shown) and lines[:k] == shown[len(shown) - k :]), default=0)
            shown = lines
            payload = payload[repeated:]
        runs: list[_Run] = []
        for lineno, raw in payload:
            label = _line_runs(src.path, lineno, raw, cue, label, runs, expected, problems)
        runs = [r for r in runs if r.words]
        segments.extend(_cue_segments(src.path, cue, runs, rolling))
    return one_at_a_time(segments)


# Captions for the deaf describe sounds in brackets on a line of their own, in any words ("[SHIP HORN
# BLARES]", "<i>[waves crashing]</i>"; a sentence so is said: "(Which is not near the sea.)"), and
# set music apart with ♪: a line wholly so is not said, nor
# what ♪ … ♪ holds (a theme named, lyrics sung), nor a line that opens with ♪ (lyrics going on to the
# next). A ♪ closing a line of speech marks music starting under it. Within a line, a bracket is a
# sound only by its words (SOUND): "[inaudible]".
_DESCRIBED = re.compile(r"^(?:\[[^\[\]:]+\]|\([^():]+\))$")
_SUNG = re.compile(r"♪[^♪]*♪")
_SINGS_ON = re.compile(r"^(?:\s|<[^<>]*>|\{\\[^{}]*\})*♪[^♪]*$")  # tags and SSA overrides before it


def _unsaid_lines(payload: list[tuple[int, str]], singing: bool = False, ahead: tuple[str, ...] = ()) -> tuple[list[tuple[int, str]], bool]:
    """A cue's lines without the sounds and music they describe ("" for a line that is all that),
    and whether lyrics go on into the next cue. Lyrics opened with ♪ go on to the line that closes
    them, in this cue or the next (``ahead``, its lines), where one does: without a closing ♪ the
    lines after are speech ("♪ la la la" / "BO: Sorry, my phone."). A voice on a line left out goes to
    the next line ("<v Bo>[laughs]" / "It's good to be back" is Bo's)."""
    lines: list[tuple[int, str]] = []
    raws = [raw for _, raw in payload] + list(ahead)
    voice = ""
    for k, (n, raw) in enumerate(payload):
        if singing and not any("♪" in later for later in raws[k:]):
            singing = False  # the lyrics ended unmarked
        if singing:  # "♪ Oh the harbour lights" / "are shining bright ♪"
            singing = "♪" not in raw
            kept = "" if singing else raw.split("♪", 1)[1]
        elif "♪" in raw:
            kept = _SUNG.sub("", raw)
            singing = bool(_SINGS_ON.match(kept))
            kept = "" if singing else kept
        else:
            kept = raw
        kept = SOUND.sub("", kept)
        if _DESCRIBED.match(_clean(kept)) and _clean(kept)[-2:-1] not in (".", "?", "!", "…"):  # "(Which is not near the sea.)" is said
            kept = ""
        if not _clean(kept):
            voice = voice or "".join(_VOICE_TAG.findall(raw))
            lines.append((n, ""))
            continue
        lines.append((n, voice + kept if voice and not _VOICE_TAG.search(kept) else kept))
        voice = ""
    return lines, singing



def _line_runs(path: str, lineno: int, raw: str, cue: Cue, label: str, runs: list[_Run], expected: str, problems: Problems) -> str:
    """Add one caption line's words to ``runs``, starting a run at each change of speaker; returns the label now speaking."""
    at: float | None = None  # the inline time of the words that follow
    first_text = True
    buffer = ""
    buffer_time: float | None = None

    def flush() -> None:
        nonlocal buffer
        if buffer:
            if not runs:
                runs.append(_Run(label))
            runs[-1].words.append((buffer, buffer_time, lineno))
            buffer = ""

    def turn(new: str) -> None:
        nonlocal label
        flush()
        label = "" if new == ANOTHER else new  # after "someone else", unlabelled text goes on with them
        runs.append(_Run(new))

    for piece in _TOKENS.split(raw):
        if not piece:
            continue
        if voice := _VOICE.fullmatch(piece):
            turn(html.unescape(_VOICE_ROLE.sub(" ", voice["name"] or "")).strip())  # "<v Ana &amp; Co>", as WebVTT escapes a name
            first_text = False
            continue
        if _STAMP.fullmatch(piece):
            t = _seconds(piece[1:-1].strip())
            if t is None:
                problems.add(path, lineno, f"unreadable time {shorten(piece[1:-1])} (expected {expected})")
            elif not cue.start - ROLL_STEP <= t <= cue.end + ROLL_STEP:
                problems.add(path, lineno, f"word time {vtt_clock(t)} is outside its cue ({vtt_clock(cue.start)} --> {vtt_clock(cue.end)})")
            else:
                flush()
                at = t
            continue
        text = html.unescape(_TAG.sub("", _READING.sub("", piece))).translate(_INVISIBLE)
        if first_text and text.strip():
            first_text = False
            text = text.lstrip()
            speaker, text = speaker_prefix(text)
            if speaker is not None:
                turn(speaker)
        for part in re.split(r"(\s+)", text):
            if not part:
                continue
            if part.isspace():
                flush()
            elif part == ">>" and not buffer:
                turn(ANOTHER)
            else:
                if not buffer:
                    buffer_time = at
                buffer += part
    flush()
    return label


def speaker_prefix(text: str) -> tuple[str | None, str]:
    """A speaker marked at the start of a caption line: (label, the rest), or (None, text) when there is none."""
    if text.startswith(">>"):  # ">> ANA: How are you?" names who (broadcast captions); ">> How are you?" only says someone else
        rest = text[2:].lstrip(">").lstrip()
        named, after = _named(rest)
        return (named, after) if named is not None else (ANOTHER, rest)
    if _DASH.match(text):  # "- Ana Host: How are you?" names who; "- How are you?" only says someone else
        rest = _DASH.sub("", text, count=1)
        named, after = _named(rest)
        return (named, after) if named is not None else (ANOTHER, rest)
    return _named(text)


def _named(text: str) -> tuple[str | None, str]:
    for pattern in (_BRACKET, _PAREN, _COLON):
        m = pattern.match(text)
        if m and is_name(m["name"]):
            return m["name"].strip(), text[m.end() :]
    return None, text


def is_name(text: str) -> bool:
    """1 to 4 capitalised (or ALL CAPS) words without digits, or words of a script without case, not a
    word like 'Note' or '[Music]'."""
    if _ANONYMOUS.fullmatch(text.strip()):
        return True
    text = CREDENTIAL.sub("", _ROLE_AFTER.sub("", text.strip()))  # "Ana Lima (Host)", "Bo Chen, PhD": the name before it
    words = text.split()
    if not 1 <= len(words) <= 4 or len(text) > 40 or text.strip().lower() in _NOT_NAMES:
        return False
    if words[0].lower() in _NOT_NAMES and len(words) == 1:
        return False
    for k, word in enumerate(words):
        if not _NAME_WORD.match(word):
            return False
        if word[0].islower() and not (0 < k < len(words) - 1 and word in _PARTICLES):
            return False  # a letter of a script without case ("李雷") is as a capital
        if not word[0].isupper() and _UNSPACED.match(word) and len(word) > _UNSPACED_NAME:
            return False
    return True


def _cue_segments(path: str, cue: Cue, runs: list[_Run], rolling: bool) -> list[Segment]:
    """One segment per run: timed by its words' inline times, or by its share of the cue's characters."""
    timed = rolling or any(t is not None for r in runs for _, t, _ in r.words)
    total = sum(len(w) + 1 for r in runs for w, _, _ in r.words) or 1
    span = cue.end - cue.start
    segments: list[Segment] = []
    done = 0
    for k, run in enumerate(runs):
        chars = sum(len(w) + 1 for w, _, _ in run.words)
        text = " ".join(w for w, _, _ in run.words)
        origin = Origin(path, run.words[0][2])
        if timed:
            words = _timed_words(path, cue, runs, k)
            start = words[0].start
            end = cue.end if k + 1 == len(runs) else max(start, _timed_words(path, cue, runs, k + 1)[0].start)
        else:
            words = ()
            start = round(cue.start + span * done / total, 3)
            end = round(cue.start + span * (done + chars) / total, 3)
        segments.append(Segment(run.label, text, start, end, origin, words))
        done += chars
    return segments


def _timed_words(path: str, cue: Cue, runs: list[_Run], k: int) -> tuple[Word, ...]:
    """Run ``k``'s words, each at its inline time, or at the last time before it in the cue (the cue's
    start at first). A cue with no inline time at all (rolling captions converted to plain SRT or
    VTT) spreads its words over its span by their characters, as a plain cue's speakers are."""
    if not any(t is not None for r in runs for _, t, _ in r.words):
        total = sum(len(w) + 1 for r in runs for w, _, _ in r.words) or 1
        done = sum(len(w) + 1 for r in runs[:k] for w, _, _ in r.words)
        words = []
        for text, _, line in runs[k].words:
            words.append(Word(text, round(cue.start + (cue.end - cue.start) * done / total, 3), Origin(path, line)))
            done += len(text) + 1
        return tuple(words)
    at = cue.start
    for run in runs[:k]:
        for _, t, _ in run.words:
            at = t if t is not None else at
    words = []
    for text, t, line in runs[k].words:
        at = t if t is not None else at
        words.append(Word(text, at, Origin(path, line)))
    return tuple(words)


READER = Reader("captions", _detect, _read)
