"""A transcript as a table: CSV or tab-separated rows of a start, maybe an end, a speaker and the
words, as transcription services export them for spreadsheets::

    Speaker,Start Time,End Time,Text                00:00:01<TAB>Ana Lima<TAB>So how did it start?
    Ana Lima,00:00:01.000,00:00:04.295,So how…      00:00:04<TAB>Bo Chen<TAB>With one hive.

A header row names the columns (``speaker``/``name``, ``start``/``start time``/``timestamp``/``in``,
``end``/``end time``/``out``, ``text``/``transcript``/``content``); without one, the columns are told
by what they hold: times in one or two (the first the start), the words in the longest, the speaker
in a short one whose values come back. Times are clock times (``00:01:02.5``, ``1:02``) or seconds.
The words are read by the captions reader's rules (sounds dropped, ``>>`` a change of speaker).
"""

from __future__ import annotations

import csv
import html
import statistics

from ..clock import parse_clock
from ..errors import Problems, shorten
from ..model import TimedTranscript
from . import captions
from .base import Lines, Reader

_NAMES = {
    "speaker": ("speaker", "speaker name", "name", "speakers", "who"),
    "start": ("start", "start time", "starttime", "start_time", "begin", "timestamp", "time", "in", "from", "start (s)"),
    "end": ("end", "end time", "endtime", "end_time", "stop", "out", "to", "end (s)"),
    "text": ("text", "transcript", "content", "words", "utterance", "body", "sentence", "caption"),
}
#: Rows a column's cells must read as times, of those with a value, to be a time column.
TIMED = 0.9
#: Rows looked at to tell the delimiter and the columns.
SAMPLE = 50


def _rows(src: Lines) -> tuple[str, list[tuple[int, list[str]]]] | None:
    """(delimiter, [(line, cells)]) where the file is a table of three columns or more, else None."""
    head = [line for line in src.lines[:SAMPLE] if line.strip()]
    if len(head) < 2:
        return None
    for delimiter in ("\t", ",", ";"):
        counts = [line.count(delimiter) for line in head]
        if statistics.median(counts) < 2:
            continue
        reader = csv.reader((line + "\n" for line in src.lines), delimiter=delimiter)
        rows: list[tuple[int, list[str]]] = []
        try:
            first = 1  # a row's first line: a quoted cell may run over several
            for cells in reader:
                if any(c.strip() for c in cells):
                    rows.append((first, [c.strip() for c in cells]))
                first = reader.line_num + 1
        except csv.Error:
            return None
        widths = [len(cells) for _, cells in rows[:SAMPLE]]
        if len(rows) >= 2 and statistics.median(widths) >= 3 and sum(w == widths[0] for w in widths) >= 0.9 * len(widths):
            return delimiter, rows
    return None


def _time(cell: str) -> float | None:
    return parse_clock(cell.replace(",", ".")) if cell else None


def _columns(rows: list[tuple[int, list[str]]]) -> tuple[dict[str, int], bool] | None:
    """Which column holds what, and whether the first row is a header; None if it is no transcript."""
    header = [c.lower().strip(" :#") for c in rows[0][1]]
    named: dict[str, int] = {}
    for key, names in _NAMES.items():
        hit = next((k for k, c in enumerate(header) if c in names), None)
        if hit is not None:
            named[key] = hit
    if "text" in named and "start" in named:
        return named, True
    body = [cells for _, cells in rows[:SAMPLE]]
    width = min(len(cells) for cells in body)
    timed = [k for k in range(width) if sum(_time(cells[k]) is not None for cells in body) >= TIMED * len(body)]
    if not timed:
        return None
    rest = [k for k in range(width) if k not in timed]
    if not rest:
        return None
    text = max(rest, key=lambda k: sum(len(cells[k]) for cells in body))
    cols = {"start": timed[0], "text": text}
    if len(timed) >= 2:
        cols["end"] = timed[1]
    short = [k for k in rest if k != text and statistics.median(len(cells[k]) for cells in body) <= 40]
    if short:
        k = short[0]
        values = [cells[k] for cells in body]
        if len(set(values)) <= len(values) / 2:
            cols["speaker"] = k
    return cols, False


def _detect(src: Lines) -> bool:
    found = _rows(src)
    return found is not None and _columns(found[1]) is not None


def _read(src: Lines, problems: Problems) -> TimedTranscript | None:
    found = len(problems.items)
    table = _rows(src)
    columns = _columns(table[1]) if table else None
    if table is None or columns is None:
        problems.add(src.path, None, "not a table of times and words: expected CSV or tab-separated rows such as 'Speaker,Start Time,End Time,Text'")
        return None
    cols, header = columns
    rows = table[1][1:] if header else table[1]
    cues: list[captions.Cue] = []
    for lineno, cells in rows:
        cell = lambda key: cells[cols[key]] if key in cols and cols[key] < len(cells) else ""  # noqa: E731
        start = _time(cell("start"))
        if start is None:
            problems.add(src.path, lineno, f"unreadable start time {shorten(cell('start'))} (expected 00:01:02.500, 1:02 or seconds)")
            continue
        end = _time(cell("end")) if cell("end") else None
        if end is not None and end < start:
            problems.add(src.path, lineno, f"row ends before it starts ({cell('start')} to {cell('end')})")
            continue
        if cues and start < cues[-1].start - captions.ROLL_STEP:
            problems.add(src.path, lineno, f"time goes backwards: {cell('start')} comes after the row before")
        text = " ".join(cell("text").split())
        if not text:
            continue
        name = cell("speaker")
        said = html.escape(text, quote=False)  # the captions reader reads markup: "x < y" is words
        cues.append(captions.Cue(start, end if end is not None else start, lineno, [(lineno, f"<v {html.escape(name)}>{said}" if name else said)]))
    for k, cue in enumerate(cues):  # a row given only its start lasts until the next
        if cue.end == cue.start:
            cue.end = cues[k + 1].start if k + 1 < len(cues) else cue.start + max(len(cue.payload[0][1]) / 15.0, 1.0)
    if len(problems.items) > found:
        return None
    return captions.cue_transcript(src, cues, problems, "no rows with words", rolling=False)


READER = Reader("table", _detect, _read)
