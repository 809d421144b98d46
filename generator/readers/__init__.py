"""Readers: one per source format, behind a small registry.

Each reader recognises its format from the file's content; ``role`` in
site.toml overrides detection. The order below matters only for detection:
the most specific formats are tried first and edited prose is the fallback.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..config import NOT_SOURCES, EpisodeConfig, SiteConfig
from ..errors import Problems
from ..model import EditedText, PodcastPage, Source, TimedTranscript, WordPart
from . import captions, chapters, edited, html_text, podcast_page, publisher, services, stamped_lines, summary, table, transcript_html, transcript_json, ttml, whisper, words
from .base import Lines, Reader, decode, opening_and_size
from .json_source import Locator, looks_like_json, opening, parse

READERS: dict[str, Reader] = {
    r.role: r
    for r in (
        words.READER,
        podcast_page.READER,
        captions.READER,
        transcript_json.READER,
        ttml.READER,
        transcript_html.READER,
        whisper.READER,
        table.READER,
        stamped_lines.READER,
        chapters.READER,
        publisher.READER,
        summary.READER,
        edited.READER,
    )
}


_DOCUMENTS = frozenset(".pdf .docx .doc .pages .key .zip .gz".split())  # may hold a transcript, in a form not read


def read_source(
    path: Path, shown: str, role: str | None, problems: Problems, listed: bool = True, raw: dict[Path, bytes] | None = None
) -> Source | tuple[Source, ...] | None:
    """Decode one file and hand it to the reader for its role (given or detected): its source, or
    its sources where one file holds several (word-level parts joined into one file).

    ``listed``: site.toml names the file; otherwise it was found in the episode's folder, and a
    file that is no source is better moved out (or the sources listed) than given a role.
    ``raw`` receives the bytes read, by path.
    """
    suffix = path.suffix.lower()
    if suffix in NOT_SOURCES:  # listed in site.toml ("not valid UTF-8 (byte 0xff)" said nothing of why)
        if suffix in _DOCUMENTS:
            problems.add(shown, None, f"a {suffix} file cannot be read: save its text as plain text (.txt, .md) and list that")
        else:
            problems.add(shown, None, f"a {suffix} file is no transcript: leave it out of the episode's sources (media_url links its audio or video)")
        return None
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            problems.add(shown, None, f"{size / 2**20:,.0f} MB: larger than any episode's source (the limit is {MAX_SOURCE_BYTES // 2**20} MB); is this the right file?")
            return None
        data = path.read_bytes()
    except OSError as exc:
        problems.add(shown, None, f"cannot read: {exc.strerror or exc}")
        return None
    opening, chars = opening_and_size(data)
    markup = opening[:1] in ("{", "<") or opening in ("[{", '["', "[[", "[]")  # JSON, HTML, TTML; "[00:01] …" is text
    if chars > MAX_TIMED_TEXT and not markup:  # before the decode, and the parse of 50 MB of captions (1.5 min, 770 MB)
        problems.add(shown, None, f"{chars:,} characters: more than any episode's source holds (~35 hours of speech, every word timed, is {MAX_TIMED_TEXT:,} at most); is this the right file?")
        return None
    if raw is not None:
        raw[path] = data
    src = decode(shown, data, problems)
    if src is None:
        return None
    # Minified JSON is one line, and a saved web page's inline scripts may be (its text is checked
    # once read out of it); no text format's lines are so long.
    if not looks_like_json(src) and not html_text.is_document(src) and not ttml.READER.detect(src) and _line_too_long(src, shown, problems):  # minified markup is one line
        return None
    # a service's JSON says how much text it holds before its words are built, which a file too
    # large takes seconds and gigabytes for (a file of fewer bytes holds fewer characters)
    if len(data) > MAX_TEXT and looks_like_json(src) and _too_much(services.text_held(parse(src)), shown, problems):
        return None
    source = _read_as(src, shown, role, problems, listed)
    chars = sum(map(text_size, source if isinstance(source, tuple) else (source,))) if source is not None else 0
    return None if _too_much(chars, shown, problems) else source


def _too_much(chars: int, shown: str, problems: Problems) -> bool:
    """Whether a source's text is past MAX_TEXT characters (told ``problems``)."""
    if chars > MAX_TEXT:
        problems.add(shown, None, f"{chars:,} characters of transcript: more than any episode holds (the limit, {MAX_TEXT:,}, is ~35 hours of speech); is this the right file?")
    return chars > MAX_TEXT


# A source is refused past these sizes rather than merged (a hostile or wrong file: 20 million
# words in one caption cue took 13 GB to merge). The merge holds ~650 bytes a word, so the text
# limit keeps an episode under ~250 MB; it is ~35 hours of speech at 165 words a minute, and the
# longest episodes run 4-6 hours (~350,000 characters). A WhisperX run of a 6-hour episode, every
# word scored and listed twice, is ~30 MB of JSON.
MAX_SOURCE_BYTES = 100 * 2**20
MAX_TEXT = 2_000_000
# A text file (not JSON nor markup) past this many characters is refused before it is decoded: its
# timings are what a file holds besides the transcript, at most ~9x its text (measured: YouTube's
# captions timed word by word, each line said twice, or an SRT of a cue a word; 11.7 in
# tests/fixtures/readers/youtube-auto.en.vtt, where short words and [Music] weigh more).
MAX_TIMED_TEXT = 16 * MAX_TEXT
# A line this long in a file that is not JSON is refused before its kind is detected, which reads
# each line with a dozen patterns (a 50 MB line took 48 s to be told it is no source). An edited
# transcript's paragraph is its longest line: a few thousand characters; a whole 6-hour episode
# written as one paragraph, ~350,000.
MAX_LINE = 1_000_000


def text_size(source: Source) -> int:
    """Characters of transcript text a source holds: what the merge's memory grows with."""
    if isinstance(source, WordPart):
        return sum(len(w.text) + 1 for seg in source.segments for w in seg.words)
    if isinstance(source, PodcastPage):
        return sum(len(turn.text) for turn in source.turns)
    if isinstance(source, TimedTranscript):
        return sum(len(seg.text) for seg in source.segments)
    if isinstance(source, EditedText):
        return sum(len(text) for text, _ in source.paragraphs)
    return 0


def _line_too_long(src: Lines, shown: str, problems: Problems) -> bool:
    """Whether a line is longer than MAX_LINE, said as a problem."""
    long = next((n for n, line in enumerate(src.lines, 1) if len(line) > MAX_LINE), None)
    if long is not None:
        problems.add(shown, long, f"a line of {len(src.lines[long - 1]):,} characters: no transcript writes lines that long; is this the right file?")
    return long is not None


def _read_as(src: Lines, shown: str, role: str | None, problems: Problems, listed: bool) -> Source | tuple[Source, ...] | None:
    """The decoded file read in its role, given or detected; a web page as the text it shows."""
    podcasting = role is None and transcript_html.READER.detect(src) and transcript_html.stamped(src)  # a web page's two <cite>s make none
    if role != transcript_html.READER.role and html_text.is_document(src) and not podcasting:
        text, numbers = html_text.visible_text(src)
        if not text.lines:
            problems.add(shown, None, "a web page with no text on it")
            return None
        found = Problems()
        source = None if _line_too_long(text, shown, found) else _read_as(text, shown, role, found, listed)
        problems.extend([html_text.relocated(p, numbers) for p in found.items])
        return html_text.relocated(source, numbers)
    if role is None:
        role = next((r.role for r in READERS.values() if r.detect(src)), None)
        if role == "edited" and (opening(src) == "{" or (looks_like_json(src) and shown.lower().endswith(".json"))):
            role = None  # not prose: JSON cut short on one line (as Whisper writes it) was read as edited text
        if role is None:
            if looks_like_json(src):  # JSON no reader claims: where it breaks, or the shapes read
                value = parse(src, problems)
                if value is not None and (why := services.unfinished(value)):
                    problems.add(shown, Locator(src).line("status"), why)
                elif value is not None:
                    problems.add(shown, None, "JSON of no shape episode-site reads: a Whisper run ({\"segments\": [{\"start\", \"end\", \"text\"}, …]}), AssemblyAI's transcript ({\"text\", \"words\": [{\"text\", \"start\", \"end\"}, …]}), Deepgram's response ({\"results\": {\"channels\": [{\"alternatives\": [{\"transcript\", \"words\"}]}]}}), a Podcasting 2.0 transcript ({\"segments\": [{\"startTime\", \"body\"}, …]}) or chapters ({\"chapters\": [{\"startTime\", \"title\"}, …]}); if it is one of those, set role = \"whisper\" (the first three), \"transcript-json\" or \"chapters\" to see what is wrong with it; another tool's JSON: use its SRT or WebVTT captions instead")
                return None
            if listed:
                problems.add(shown, None, f"cannot tell what kind of source this is; set role = one of {', '.join(READERS)} in site.toml")
            else:
                problems.add(shown, None, f"cannot tell what kind of source this is: if it is none, move it out of {os.path.dirname(shown) or '.'}/ or list the episode's sources in site.toml ([[episodes.sources]] file = \"…\"); if it is one, list it with its role (one of {', '.join(READERS)})")
            return None
    return READERS[role].read(src, problems)


def read_sources(episode: EpisodeConfig, site: SiteConfig, raw: dict[Path, bytes] | None = None) -> tuple[list[Source], Problems]:
    """Every source of an episode, read; problems from all files together. ``raw`` receives the
    bytes read, by path (the cache keys the merge by them)."""
    problems = Problems()
    sources = []
    for src in episode.sources:
        result = read_source(src.path, site.rel(src.path), src.role, problems, src.listed, raw)
        if isinstance(result, tuple):
            sources.extend(result)
        elif result is not None:
            sources.append(result)
    return sources, problems
