"""Speech-to-text services' JSON, in Whisper's shape: AssemblyAI's transcript, Deepgram's response and OpenAI's words-only transcription.

    AssemblyAI  {"text": "…", "words": [{"text", "start", "end", "confidence", "speaker": "A"}],
                 "utterances": [{"speaker": "A", "start", "end", "text", "words": [...]}]}   # milliseconds
    Deepgram    {"results": {"channels": [{"alternatives": [{"transcript", "words": [{"word", "start", "end",
                 "confidence", "speaker": 0, "punctuated_word"}]}]}], "utterances": [{"start", "end",
                 "transcript", "speaker": 0, "words": [...]}]}}                                # seconds

    YouTube json3 {"events": [{"tStartMs", "dDurationMs", "segs": [{"utf8", "tOffsetMs"}]}]}       # yt-dlp's subtitles

Each becomes Whisper's segments (``{"start", "end", "text", "speaker", "words": [{"word", "start",
"end", "speaker"}]}``, seconds), read from there by the Whisper reader: an utterance is a segment;
without utterances (diarization or ``utterances=true`` off), the words are cut into a segment a
sentence, and where the speaker changes. The services' labels ("A", 0) become "Speaker A",
"Speaker 0", as their own editors show them: anonymous labels, pinned or named by another source,
as Whisper's SPEAKER_00 is. A json3 event is a segment, each of its ``segs`` a word timed at its
offset (automatic captions'; an uploaded track's event is one seg, a line of text); an event that
is only a line break ("\\n", where YouTube's rolling captions start a new line) holds no words;
YouTube's ">>" (someone else speaks) is dropped wherever it stands, a seg of its own or before the
word in one (">> so"); and an event's end is cut to the next one's start (automatic captions'
events overlap while their lines roll up). A value of the wrong type is passed on as it is, for
the Whisper reader to report; each segment and word made keeps, under ``AT``, where it stands in the
file (``("utterances", 60, "words", 3)``), for the report to name its line and place: the segments'
numbers are no place in the file.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import shorten
from .json_source import number

_SENTENCE_END = re.compile(r"[.?!…][\"'”’)\]]*$")
AT = "_at"  # a made segment's or word's path in the file
UNIT = "_unit"  # a made segment's or word's unit of time in the file, where it is not seconds


def place(path: tuple) -> str:
    """A path in a JSON file as jq writes it: ``results.channels[0].alternatives[0].words[8000]``."""
    return "".join(f"[{key}]" if isinstance(key, int) else f".{key}" for key in path).lstrip(".")


# The segments last made, by the value they were made of: the Whisper reader's detection and its read
# both ask for them, and a service's words are many, each built into a dict (AssemblyAI's 96 minutes,
# ~16,000 words: made twice per build). ``json_source.parse`` gives both the same value; callers only read it.
_last: tuple[Any, list | None] | None = None


def as_segments(value: Any) -> list | None:
    """Whisper-shaped segments of an AssemblyAI or Deepgram JSON file; None if it is neither."""
    global _last
    if _last is None or _last[0] is not value:
        _last = (value, _segments(value))
    return _last[1]


def _segments(value: Any) -> list | None:
    kind = _kind(value)
    if kind == "assemblyai":
        return _assemblyai(value)
    if kind == "json3":
        return _json3(value["events"])
    if kind == "deepgram":
        return _deepgram(value["results"], _deepgram_alternative(value))
    if kind == "openai":
        return _openai_words(value)
    return None


def text_held(value: Any) -> int:
    """Characters of transcript a service's JSON holds, its words' (or utterances', or segs') texts
    and a space after each, counted before any word is built (a 62 MB file's 700,000 words took
    35 s and 1.5 GB to be built and found too many); 0 for other JSON."""
    kind = _kind(value)
    if kind == "assemblyai":
        pieces, key = value["words"] if _is_list_of(value.get("words"), "text") else value["utterances"], "text"
    elif kind == "deepgram":
        pieces, key = _deepgram_alternative(value).get("words"), "word"
    elif kind == "json3":
        pieces, key = [g for e in value["events"] if isinstance(e, dict) and isinstance(e.get("segs"), list) for g in e["segs"]], "utf8"
    else:
        return 0
    said = (p.get(key) for p in pieces if isinstance(p, dict)) if isinstance(pieces, list) else ()
    return sum(len(t) + 1 for t in said if isinstance(t, str))


def _kind(value: Any) -> str | None:
    """Which service's JSON the value is: "assemblyai", "json3", "deepgram", or None."""
    if not isinstance(value, dict) or "segments" in value or "transcription" in value:
        return None
    if "language_probability" in value:  # ElevenLabs' (in seconds): AssemblyAI's says "language_confidence"
        return None
    if _in_ms(value.get("words"), "text") and isinstance(value.get("text"), str) or _in_ms(value.get("utterances"), "speaker") and "results" not in value:
        return "assemblyai"
    if _is_list_of(value.get("events"), "tStartMs", "tStartMs"):
        return "json3"
    if _deepgram_alternative(value) is not None:
        return "deepgram"
    if isinstance(value.get("text"), str) and _is_list_of(value.get("words"), "word"):
        return "openai"
    return None


def _is_list_of(value: Any, key: str, start: str = "start") -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(w, dict) and key in w and start in w for w in value[:20])


# Keys of ElevenLabs' words ("text", "start", "end" in seconds, 0 and 1 where whole), none of them
# AssemblyAI's ("text", "start", "end", "confidence", "speaker", "channel"): its words are not
# read as AssemblyAI's milliseconds.
_ELEVENLABS = ("type", "speaker_id", "logprob", "characters")


def _in_ms(value: Any, key: str) -> bool:
    """AssemblyAI's words or utterances: whole milliseconds, and none of ElevenLabs' keys."""
    return _is_list_of(value, key) and all(isinstance(w["start"], int) and not isinstance(w["start"], bool) and not any(k in w for k in _ELEVENLABS) for w in value[:20])


def unfinished(value: Any) -> str | None:
    """Why an AssemblyAI transcript has no words to read: its job failed or has not finished (the
    JSON was saved too soon), or it found none; None for any other JSON."""
    if not (isinstance(value, dict) and isinstance(value.get("status"), str) and "id" in value and ("words" in value or "utterances" in value)):
        return None
    status = value["status"]
    if status == "error":
        return f"an AssemblyAI transcript whose job failed (status \"error\": {shorten(value.get('error'))}): it holds no words; transcribe the audio again"
    if status != "completed":
        return f"an AssemblyAI transcript whose job has not finished (status {shorten(status)}): fetch it again once its status is \"completed\""
    if not value.get("words") and not value.get("utterances"):
        return "an AssemblyAI transcript with no words (status \"completed\", 'words' empty): was its audio silent, or not the episode's?"
    return None


def _assemblyai(value: dict) -> list:
    raw = value.get("words")
    words = [_word(w.get("text"), w, 0.001, _label(w.get("speaker")), ("words", k)) for k, w in enumerate(raw) if isinstance(w, dict)] if isinstance(raw, list) else []
    utterances = value.get("utterances")
    if not isinstance(utterances, list) or not utterances:
        return _sentences(words)
    return [_utterance(u, u.get("text"), "text", 0.001, words, ("utterances", i)) if isinstance(u, dict) else u for i, u in enumerate(utterances)]


def _deepgram_alternative(value: dict) -> dict | None:
    results = value.get("results")
    channels = results.get("channels") if isinstance(results, dict) else None
    first = channels[0] if isinstance(channels, list) and channels and isinstance(channels[0], dict) else None
    alternatives = first.get("alternatives") if first else None
    alternative = alternatives[0] if isinstance(alternatives, list) and alternatives else None
    return alternative if isinstance(alternative, dict) and "transcript" in alternative else None


_ALTERNATIVE = ("results", "channels", 0, "alternatives", 0)  # where Deepgram's words are


def _deepgram(results: dict, alternative: dict) -> list:
    raw = alternative.get("words")
    words = [_word(w.get("punctuated_word", w.get("word")), w, 1.0, _label(w.get("speaker")), _ALTERNATIVE + ("words", k)) for k, w in enumerate(raw) if isinstance(w, dict)] if isinstance(raw, list) else []
    utterances = results.get("utterances")
    if not isinstance(utterances, list) or not utterances:
        return _sentences(words)
    return [_utterance(u, u.get("transcript"), "punctuated_word", 1.0, words, ("results", "utterances", i)) if isinstance(u, dict) else u for i, u in enumerate(utterances)]


def _openai_words(value: dict) -> list:
    """OpenAI's transcription with word times only (``timestamp_granularities=["word"]``): its words
    carry no punctuation, so each takes its spelling in ``text`` ("you" -> "you?"), where the sentences
    it is cut into end; a word ``text`` does not hold next is kept as it is."""
    text, at = value["text"], 0
    # found in a lowercased copy (where lowercasing keeps every index: not "İ"), not by a regex compiled per word
    lower = text.lower() if len(text.lower()) == len(text) else None
    words = []
    for k, w in enumerate(value["words"]):
        if not isinstance(w, dict):
            continue
        said = w.get("word")
        if isinstance(said, str) and said.strip():
            found = _spelled(text, lower, said.strip(), at, at + 200 + len(said))
            if found and _letters(text[found[0] : found[1]]) == _letters(said):
                said, at = text[found[0] : found[1]], found[1]
        words.append(_word(said, w, 1.0, "", ("words", k)))
    return _sentences(words)


def _spelled(text: str, lower: str | None, said: str, at: int, end: int) -> tuple[int, int] | None:
    """Where ``said`` is first written in ``text[at:end]``, case aside, with the rest of its word
    around it (its punctuation): the span ``\\S*said\\S*`` matches."""
    if lower is None:
        found = re.compile(r"\S*" + re.escape(said) + r"\S*", re.I).search(text, at, end)
        return found.span() if found else None
    said = said.lower()
    k = lower.find(said, at, end)
    if k < 0:
        return None
    start, stop, end = k, k + len(said), min(end, len(text))
    while start > at and not text[start - 1].isspace():
        start -= 1
    while stop < end and not text[stop].isspace():
        stop += 1
    return start, stop


def _letters(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def _label(speaker: Any) -> Any:
    """A service's speaker as a label: "A" and 0 as "Speaker A", "Speaker 0"; none as ""; any
    other value (true) as it is, for the Whisper reader to report."""
    if speaker is None or speaker == "":
        return ""
    return f"Speaker {speaker}" if isinstance(speaker, (int, str)) and not isinstance(speaker, bool) else speaker


def _seconds(value: Any, unit: float) -> Any:
    t = number(value)
    return round(t * unit, 3) if t is not None else value


def _word(text: Any, w: dict, unit: float, speaker: str, at: tuple) -> dict:
    return {"word": text, "start": _seconds(w.get("start"), unit), "end": _seconds(w.get("end"), unit), "speaker": speaker, AT: at, UNIT: _UNITS[unit]}


_UNITS = {0.001: "milliseconds", 1.0: "seconds"}


def _utterance(u: dict, text: Any, word_key: str, unit: float, words: list[dict], at: tuple) -> dict:
    """An utterance as a segment: its own words, else the file's words within its times."""
    start, end = _seconds(u.get("start"), unit), _seconds(u.get("end"), unit)
    speaker = _label(u.get("speaker"))
    own = u.get("words")
    if isinstance(own, list) and own:
        inner = [_word(w.get(word_key, w.get("word", w.get("text"))), w, unit, speaker, at + ("words", k)) if isinstance(w, dict) else w for k, w in enumerate(own)]
    elif isinstance(start, float) and isinstance(end, float):
        inner = [w for w in words if isinstance(w["start"], float) and start <= w["start"] < end]
    else:
        inner = []
    return {"start": start, "end": end, "text": text, "speaker": speaker, "words": inner, AT: at, UNIT: _UNITS[unit]}


def _sentences(words: list[dict]) -> list:
    """Words without utterances cut into segments: a sentence each, and where the speaker changes."""
    segments: list[list[dict]] = []
    for w in words:
        if not segments or (segments[-1] and (w["speaker"] != segments[-1][-1]["speaker"] or _ends_sentence(segments[-1][-1]))):
            segments.append([])
        segments[-1].append(w)
    return [
        {"start": _first(w["start"] for w in seg), "end": _first(w["end"] for w in reversed(seg)), "text": " ".join(str(w["word"]) for w in seg), "speaker": seg[0]["speaker"], "words": seg, AT: seg[0][AT], UNIT: seg[0][UNIT]}
        for seg in segments
    ]


def _first(times: Any) -> Any:
    """The first time that is a number (a bad one is reported at its word, not at the sentence's
    first word), else the first as it is."""
    times = list(times)
    return next((t for t in times if isinstance(t, float)), times[0])


def _ends_sentence(w: dict) -> bool:
    return isinstance(w["word"], str) and bool(_SENTENCE_END.search(w["word"]))


def _json3(events: list) -> list:
    """YouTube's json3 events with text as segments, its segs as words; each ends by the next's start."""
    shown = [(n, e) for n, e in enumerate(events) if isinstance(e, dict) and isinstance(e.get("segs"), list) and "".join(_said(g) for g in e["segs"]).strip()]
    segments = []
    for k, (n, e) in enumerate(shown):
        start, duration = number(e.get("tStartMs")), number(e.get("dDurationMs"))
        if start is None:
            segments.append({"start": e.get("tStartMs"), "end": None, "text": "", AT: ("events", n), UNIT: "milliseconds"})  # reported by the Whisper reader
            continue
        end = start + (duration or 0)
        later = number(shown[k + 1][1].get("tStartMs")) if k + 1 < len(shown) else None
        if later is not None and start <= later < end:
            end = later
        segs = [(j, g) for j, g in enumerate(e["segs"]) if isinstance(g, dict) and _said(g).strip()]
        timed = len(segs) > 1 or any("tOffsetMs" in g for _, g in segs)
        words = []
        for m, (j, g) in enumerate(segs):
            at = start + (number(g.get("tOffsetMs")) or 0)
            after = start + (number(segs[m + 1][1].get("tOffsetMs")) or 0) if m + 1 < len(segs) else end
            words.append({"word": _said(g).strip(), "start": round(at / 1000, 3), "end": round(max(at, min(after, end)) / 1000, 3), AT: ("events", n, "segs", j)})
        text = " ".join(" ".join(_said(g).split()) for _, g in segs)
        segment = {"start": round(start / 1000, 3), "end": round(end / 1000, 3), "text": text, AT: ("events", n)}
        if timed:
            segment["words"] = words
        segments.append(segment)
    return segments


def _utf8(seg: Any) -> str:
    text = seg.get("utf8") if isinstance(seg, dict) else None
    return text if isinstance(text, str) else ""


# YouTube's mark that someone else speaks, as its automatic captions write it: a seg of its own
# (">>") or before the seg's word (">> so"), and in an uploaded track's line ("yes. >> no.").
_TURN = re.compile(r"(?:^|(?<=\s))>>(?=\s|$)\s*")


def _said(seg: Any) -> str:
    """A seg's words: its text without YouTube's ">>"."""
    return _TURN.sub("", _utf8(seg))
