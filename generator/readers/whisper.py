"""Whisper, faster-whisper and WhisperX JSON: segments with start, end and text, optionally words and speakers.

    {"text": "...", "language": "en",
     "segments": [{"id": 0, "start": 0.0, "end": 4.2, "text": " Hello there.", "speaker": "SPEAKER_00",
                   "words": [{"word": " Hello", "start": 0.0, "end": 0.4, "probability": 0.98}, ...]}],
     "word_segments": [...]}

whisper.cpp (``-oj``, ``-ojf``) writes its own shape: ``{"transcription": [{"offsets": {"from": 0,
"to": 4200}, "text": " Hello there.", "tokens": [...], "speaker": "0"}]}``, times in milliseconds,
``tokens`` (with ``-ojf``) word pieces with times of their own, which become the words; its
special tokens (``[_BEG_]``, ``[_TT_150]``) are left out; a ``speaker`` of "?" is a stereo
diarization that could not tell (``UNKNOWN``). Its tinydiarize (``-tdrz``) marks where a speaker's turn
ends (``"speaker_turn_next": true``) without saying who: the next segment is someone else's (``ANOTHER``).

Some tools write the bare list of segments instead of the object. Words are
``word`` (Whisper) or ``text`` (faster-whisper's, dumped as lists: ``[start, end, word, probability]``); WhisperX leaves out the times of words it could
not align (numerals, symbols): those get times interpolated between their
timed neighbours inside the segment. Speaker labels stay as written
(``SPEAKER_00``); the merge decides who they are. In a diarized run (some segment has a
speaker), a segment without one is one the diarizer could not attribute (``UNKNOWN``): not
the speaker's before it, as unlabelled captions are. WhisperX also gives each word its
speaker, and a segment the speaker of most of its words: where the words of one segment
name different speakers (a reply inside it), the segment is cut at each change and every
piece is its words' speaker's (see ``_by_voice``); a word without one (not aligned: numerals,
symbols) is the speaker's of the words before it. ``word_segments`` repeats the segments' words,
so it is ignored. Sounds described (``[Music]``, ``[BLANK_AUDIO]``) are left out (``_unsounded``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ..errors import Problems, shorten
from ..model import ANOTHER, UNKNOWN, Origin, Segment, TimedTranscript, Word
from ..text import BRACKETED_SOUND, SOUND, tidy
from . import services
from .base import Lines, Reader
from .json_source import Locator, looks_like_json, number, parse, shaped

BACKWARDS = 0.01  # seconds of rounding noise tolerated when a start is earlier than the one before
# Seconds a word's time may lie outside its segment. openai-whisper and WhisperX both set a segment's
# start and end from its words' times, so a word further out is a damaged time, and taken as given
# it would stretch the clock of every passage after it (one word at 250 s in a segment of 0-3 s
# put the next segments six minutes late).
OUTSIDE = 1.0


def segments_of(value: Any) -> list | None:
    """The segment list of a parsed file, wherever the tool put it (AssemblyAI's, Deepgram's and YouTube json3's
    made from their utterances, words or events); None if there is none."""
    service = services.as_segments(value)
    return service if service is not None else _own_segments(value)


def _own_segments(value: Any) -> list | None:
    """The segment list the file holds itself (a Whisper run's, whisper.cpp's, or a bare list)."""
    if isinstance(value, dict):
        value = value.get("segments", value.get("transcription"))
    return value if isinstance(value, list) else None


def _key(value: Any) -> str:
    """Where the file keeps its segments: ``segments``, or whisper.cpp's ``transcription``."""
    return "segments" if "segments" in value else "transcription"


def _detect(src: Lines) -> bool:
    if not looks_like_json(src):
        return False
    segments = segments_of(parse(src))
    if not segments:
        return False
    return shaped(segments, lambda s: ("start" in s and "end" in s or "offsets" in s) and ("text" in s or _said(s) is not None))




def _cpp(seg: dict, report: Callable[[int, str], None]) -> dict:
    """A whisper.cpp segment in openai-whisper's shape: seconds, and its tokens joined into words.

    A token that starts with a space starts a word; one without continues the word before
    ("Sut", "sk", "ever"). Special tokens ("[_BEG_]", "[_TT_150]", "<|endoftext|>") say nothing.
    A token that is not one, or has no text or time, is reported (``report(k, message)``):
    left out silently, its word would be missing from the transcript.
    """
    out = dict(seg, start=_offset(seg, "from"), end=_offset(seg, "to"))
    tokens = seg.get("tokens")
    if tokens is None:
        return out
    if not isinstance(tokens, list):
        report(-1, f"'tokens' must be a list, not {shorten(tokens)}")
        return out
    words: list[dict] = []
    for k, token in enumerate(tokens):
        if not isinstance(token, dict):
            report(k, f"token {k} is not an object: {shorten(token)}")
            continue
        text = token.get("text")
        if not isinstance(text, str):
            report(k, f"token {k}: 'text' must be a string, not {shorten(text)}")
            continue
        if _SPECIAL.fullmatch(text) or not text.strip():
            continue
        start, end = _offset(token, "from"), _offset(token, "to")
        bad = next((t for t in (start, end) if t is not None and not isinstance(t, float)), None)
        if bad is not None:
            report(k, f"token {k} {shorten(text.strip())}: offsets must be numbers of milliseconds, not {shorten(bad)}")
            continue
        if words and not text[0].isspace():
            words[-1]["word"] += text
            words[-1]["end"] = end
        else:
            words.append({"word": text, "start": start, "end": end})
    out["words"] = words
    return out


_SPECIAL = re.compile(r"\s*(?:\[_[^\]]*_?\]|<\|[^|]*\|>)\s*")  # whisper.cpp's special tokens


def _offset(obj: dict, key: str) -> Any:
    """whisper.cpp's time in milliseconds as seconds (what is not a number stays, to be reported)."""
    offsets = obj.get("offsets")
    ms = number(offsets.get(key)) if isinstance(offsets, dict) else None
    return ms / 1000 if ms is not None else (offsets.get(key) if isinstance(offsets, dict) else None)


def _read(src: Lines, problems: Problems) -> TimedTranscript | None:
    found = len(problems.items)
    value = parse(src, problems)
    if value is None:
        return None
    service = services.as_segments(value)  # made once: a service's words are many, and each is built
    segments = service if service is not None else _own_segments(value)
    if segments is None and (why := services.unfinished(value)):
        problems.add(src.path, Locator(src).line("status"), why)
        return None
    if segments is None:
        problems.add(src.path, 1, "no 'segments' list: expected Whisper JSON {\"segments\": [{\"start\", \"end\", \"text\"}, ...]}")
        return None
    where = Locator(src)
    bare = isinstance(value, list) or service is not None  # a service's: its segments say where they stand
    key = "segments" if bare else _key(value)
    result: list[Segment] = []
    previous: tuple[float, int] | None = None
    turned = False
    diarized = any(isinstance(s, dict) and (_labelled(s) or any(_labelled(w) for w in _listed(s.get("words")))) for s in segments)
    for i, seg in enumerate(segments):
        path: tuple = (i,) if bare else (key, i)
        name = f"segment {i}"
        if isinstance(seg, dict) and services.AT in seg:  # made from a service's utterance, words or event
            path = seg[services.AT]
            name = services.place(path)
        line = where.line(*path)
        if not isinstance(seg, dict):
            problems.add(src.path, line, f"segment {i} is not an object: {shorten(seg)}")
            continue
        if "offsets" in seg and "start" not in seg:
            seg = _cpp(seg, lambda k, message: problems.add(src.path, where.line(*path, "tokens", k) if k >= 0 else line, message))
        start, end = _times(src.path, line, name, seg, problems)
        text = seg.get("text", _said(seg))
        if not isinstance(text, str):
            problems.add(src.path, line, f"{name}: 'text' must be a string, not {shorten(text)}")
            continue
        label = seg.get("speaker", "")
        if label is None:
            label = ""
        if not isinstance(label, str):
            problems.add(src.path, line, f"{name}: 'speaker' must be a string, not {shorten(label)}")
            continue
        if not label.strip() and turned:
            label = ANOTHER  # whisper.cpp's tinydiarize (-tdrz): the segment before ends a speaker's turn
        elif not label.strip() and diarized:
            label = UNKNOWN
        turned = seg.get("speaker_turn_next") is True
        if start is None or end is None:
            continue
        if previous is not None and start < previous[0] - BACKWARDS:
            problems.add(src.path, line, f"time goes backwards: {name} starts at {start:.3f} s, before {previous[0]:.3f} s (line {previous[1]})")
        previous = (start, line)
        words, voices = _words(src, where, path, seg.get("words"), start, end, problems)
        text, words, voices = _unsounded(text, words, voices)
        if result and end <= start and tidy(text) == result[-1].text:
            continue  # Whisper looping: the segment before said again in no time at all, never spoken
        if tidy(text):
            result.extend(_by_voice(Segment(label.strip(), tidy(text), start, end, Origin(src.path, line), words), voices))
    if len(problems.items) > found:
        return None
    if not result:
        problems.add(src.path, None, "no segments with text")
        return None
    return TimedTranscript(src.path, "whisper", tuple(result))


def _said(seg: dict) -> str | None:
    """A segment's text from its words, where it gives words and no ``text`` (a run saved with its
    texts left out, to keep the file small); None where it gives no words."""
    words = seg.get("words")
    if not isinstance(words, list) or not words or not all(isinstance(w, dict) and isinstance(w.get("word"), str) for w in words):
        return None
    said = [w["word"] for w in words]
    # Whisper's words carry the space before them (" hive"); others' are bare
    return "".join(said) if all(w[:1].isspace() for w in said[1:]) else " ".join(w.strip() for w in said)


def _times(path: str, line: int, what: str, obj: dict, problems: Problems, required: bool = True) -> tuple[float | None, float | None]:
    """``start`` and ``end`` checked: numbers, not negative, end not before start."""
    times: list[float | None] = []
    for key in ("start", "end"):
        if key not in obj or obj[key] is None or not required and _not_finite(obj[key]):  # a word a tool could not align
            if required:
                problems.add(path, line, f"{what} has no '{key}' time")
            times.append(None)
            continue
        t = number(obj[key])
        if t is None:
            problems.add(path, line, f"{what}: '{key}' must be a number of {obj.get(services.UNIT, 'seconds')}, not {shorten(obj[key])}")
        elif t < 0:
            problems.add(path, line, f"{what}: '{key}' is negative ({t:g} s)")
            t = None
        times.append(t)
    start, end = times
    if start is not None and end is not None and end < start:
        problems.add(path, line, f"{what} ends before it starts ({start:.3f} s to {end:.3f} s)")
        end = None
    return start, end


def _not_finite(value: Any) -> bool:
    """NaN or Infinity, as Python's json writes them: no time a tool could give."""
    return isinstance(value, float) and not math.isfinite(value)


def _words(
    src: Lines, where: Locator, path: tuple, raw: Any, seg_start: float, seg_end: float, problems: Problems
) -> tuple[tuple[Word, ...], list[str]]:
    """The segment's words with times (missing times interpolated between timed neighbours), and
    each one's speaker as the file gives it ("" where it gives none)."""
    if raw is None:
        return (), []
    seg_line = where.line(*path)
    if not isinstance(raw, list):
        problems.add(src.path, seg_line, f"'words' must be a list, not {shorten(raw)}")
        return (), []
    texts: list[str] = []
    voices: list[str] = []
    starts: list[float | None] = []
    ends: list[float | None] = []
    lines: list[int] = []
    for k, w in enumerate(raw):
        at = w.get(services.AT) if isinstance(w, dict) else None  # a service's word: where it stands in the file
        line = where.line(*(at or (*path, "words", k)))
        name = services.place(at) if at else f"word {k}"
        if isinstance(w, list) and len(w) in (3, 4) and isinstance(w[2], str):
            w = dict(zip(("start", "end", "word", "probability"), w))  # faster-whisper's Word tuple, dumped as a list
        if not isinstance(w, dict):
            problems.add(src.path, line, f"word {k} is not an object: {shorten(w)}")
            continue
        text = w.get("word", w.get("text"))
        if not isinstance(text, str):
            problems.add(src.path, line, f"{name}: 'word' must be a string, not {shorten(text)}")
            continue
        start, end = _times(src.path, line, f"{name} {shorten(text.strip())}", w, problems, required=False)
        if not text.strip():
            continue
        for t in (start, end):
            if t is not None and not seg_start - OUTSIDE <= t <= seg_end + OUTSIDE:
                problems.add(src.path, line, f"{name} {shorten(text.strip())}: time {t:.3f} s is outside its segment ({seg_start:.3f} s to {seg_end:.3f} s)")
                start = end = None
                break
        before = next((s for s in reversed(starts) if s is not None), None)
        if start is not None and before is not None and start < before - BACKWARDS:
            problems.add(src.path, line, f"{name} {shorten(text.strip())}: time goes backwards ({start:.3f} s after {before:.3f} s)")
        texts.append(text.strip())  # Whisper words carry their leading space
        voices.append(w["speaker"].strip() if _labelled(w) else "")
        starts.append(start)
        ends.append(end)
        lines.append(line)
    starts = _fill(starts, ends, seg_start, seg_end)
    words = tuple(Word(text, start, Origin(src.path, line), end) for text, start, end, line in zip(texts, starts, ends, lines))
    return words, voices


def _unsounded(text: str, words: tuple[Word, ...], voices: list[str]) -> tuple[str, tuple[Word, ...], list[str]]:
    """The segment without sounds described ("[Music]", "♪", whisper.cpp's "[BLANK_AUDIO]", a segment
    that is only "(laughs)"): not words said. A word is left out where it lies within one, in the
    words' own text. Within speech a parenthesis is the speaker's ("variables are (static) by default")."""
    sound = SOUND if SOUND.fullmatch(text.strip()) else BRACKETED_SOUND
    text = sound.sub(" ", text)
    joined = " ".join(w.text for w in words)
    spans = [m.span() for m in sound.finditer(joined)]
    if not spans:
        return text, words, voices
    kept, at = [], 0
    for k, w in enumerate(words):
        if not any(a <= at and at + len(w.text) <= b for a, b in spans):
            kept.append(k)
        at += len(w.text) + 1
    return text, tuple(words[k] for k in kept), [voices[k] for k in kept]


def _letters(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def _labelled(obj: Any) -> bool:
    return isinstance(obj, dict) and isinstance(obj.get("speaker"), str) and bool(obj["speaker"].strip())


def _listed(value: Any) -> list:
    return value if isinstance(value, list) else []


def _by_voice(seg: Segment, voices: list[str]) -> list[Segment]:
    """The segment cut where its words' speakers change (WhisperX): each piece its words' speaker's,
    its words' text, from its first word's start to the next piece's. A word without a speaker is
    the speaker's of the word before it (the first words: the segment's, else the first word's
    that has one). One word inside another speaker's run is the diarizer's noise at a boundary,
    not a reply; and where the words do not say the segment's text (some left out), it is not cut."""
    named = [v for v in voices if v]
    if not named:
        return [seg]
    current = seg.label if seg.label and seg.label not in (ANOTHER, UNKNOWN) else named[0]
    runs: list[tuple[str, list[Word]]] = []
    for word, voice in zip(seg.words, voices):
        current = voice or current
        if runs and runs[-1][0] == current:
            runs[-1][1].append(word)
        else:
            runs.append((current, [word]))
    for k in range(len(runs) - 2, 0, -1):  # A, one word of B, A: all A's
        if len(runs[k][1]) == 1 and runs[k - 1][0] == runs[k + 1][0]:
            runs[k - 1 : k + 2] = [(runs[k - 1][0], runs[k - 1][1] + runs[k][1] + runs[k + 1][1])]
    if len(runs) == 1:
        return [replace(seg, label=runs[0][0])]
    if _letters(" ".join(w.text for w in seg.words)) != _letters(seg.text):
        return [seg]
    ends = [words[0].start for _, words in runs[1:]] + [seg.end]
    return [
        replace(seg, label=voice, text=tidy(" ".join(w.text for w in words)), start=words[0].start, end=max(end, words[0].start), words=tuple(words))
        for (voice, words), end in zip(runs, ends)
    ]


def _fill(starts: list[float | None], ends: list[float | None], lo: float, hi: float) -> list[float]:
    """Starts for words without one, spread evenly from the word before to the next timed start."""
    filled: list[float] = []
    n = len(starts)
    k = 0
    while k < n:
        if starts[k] is not None:
            filled.append(starts[k])
            k += 1
            continue
        j = k
        while j < n and starts[j] is None:
            j += 1
        after = starts[j] if j < n else hi
        count = j - k
        if k == 0:  # the segment's first words: from the segment's start
            before, first = lo, 0
        elif ends[k - 1] is not None:  # right after the previous word ends
            before, first = ends[k - 1], 0
        else:  # only the previous word's start is known: leave it a share too
            before, first = filled[-1], 1
            count += 1
        after = max(after, before)
        filled.extend(round(before + (after - before) * (m - k + first) / count, 3) for m in range(k, j))
        k = j
    return filled


READER = Reader("whisper", _detect, _read)
