"""A transcript as a table: CSV, tab- or semicolon-separated rows of a start, maybe an end, a
speaker and the words, as transcription services export them for spreadsheets::

    Speaker,Start Time,End Time,Text                00:00:01<TAB>Ana Lima<TAB>So how did it start?
    Ana Lima,00:00:01.000,00:00:04.295,So how…      00:00:04<TAB>Bo Chen<TAB>With one hive.

A header row names the columns (``speaker``/``name``, ``start``/``start time``/``timestamp``/``in``,
``end``/``end time``/``out``, ``text``/``transcript``/``content``, and a few in German, French and
Spanish); without one, the columns are told by what they hold: clock times in one or two, going
forward (the first the start), the words in the longest, the speaker in a short one whose values
come back. Times are clock times (``00:01:02.5``, ``1:02``) or seconds (milliseconds where whole
numbers hundreds apart say so). A table no header calls a transcript must say its words at a
talker's pace: a chapter list or a sheet of figures is none. The words are read by the captions
reader's rules (sounds dropped, ``>>`` a change of speaker); an empty speaker cell is no one.
"""

from __future__ import annotations

import csv
import html
import re
import statistics

from ..clock import parse_clock
from ..errors import Problems, shorten
from ..model import UNKNOWN, TimedTranscript
from . import captions, stamped_lines
from .base import Lines, Reader

_NAMES = {
    "speaker": ("speaker", "speaker name", "speaker label", "name", "speakers", "who", "participant", "person", "sprecher", "locuteur", "orador", "hablante"),
    "start": (
        "start", "start time", "starttime", "start_time", "begin", "timestamp", "time", "in", "from", "start (s)",
        "timecode in", "start timecode", "time in", "beginn", "start (ms)", "début", "debut", "inicio",
    ),
    "end": ("end", "end time", "endtime", "end_time", "stop", "out", "to", "end (s)", "timecode out", "end timecode", "time out", "ende", "end (ms)", "fin"),
    "text": ("text", "transcript", "content", "words", "utterance", "body", "sentence", "caption", "inhalt", "texte", "texto", "transcription"),
}
#: Rows a column's cells must read as times, of those with a value, to be a time column.
TIMED = 0.9
#: Rows looked at to tell the delimiter and the columns.
SAMPLE = 50


def _rows(src: Lines) -> tuple[str, list[tuple[int, list[str]]]] | None:
    """(delimiter, [(line, cells)]) where the file is a table of three columns or more, else None.
    Of tabs, semicolons and commas, the one that cuts the rows into the most columns, alike from
    row to row: "00:00:01,000;00:00:04,295;Ana Lima;…" (Excel in Europe) cut at its decimal commas
    gave three columns a row, and garbage."""
    lines = list(src.lines)
    skip = 1 if lines and re.fullmatch(r"sep=.", lines[0].strip()) else 0  # Excel's "sep=," line names the delimiter
    head = [line for line in lines[skip:SAMPLE] if line.strip()]
    if len(head) < 2:
        return None
    best: tuple[int, str, list[tuple[int, list[str]]]] | None = None
    for delimiter in ("\t", ";", ","):
        if statistics.median(line.count(delimiter) for line in head) < 2:
            continue
        reader = csv.reader((line + "\n" for line in lines[skip:]), delimiter=delimiter)
        rows: list[tuple[int, list[str]]] = []
        try:
            first = 1 + skip  # a row's first line: a quoted cell may run over several
            for cells in reader:
                if any(c.strip() for c in cells):
                    rows.append((first, [c.strip() for c in cells]))
                first = reader.line_num + 1 + skip
        except csv.Error:
            continue
        widths = [len(cells) for _, cells in rows[:SAMPLE]]
        usual = statistics.mode(widths) if widths else 0
        if len(rows) >= 2 and usual >= 3 and sum(abs(w - usual) <= 1 for w in widths) >= 0.9 * len(widths) and (best is None or usual > best[0]):
            best = (usual, delimiter, rows)
    return (best[1], best[2]) if best else None


def _time(cell: str) -> float | None:
    return parse_clock(cell.replace(",", ".")) if cell else None


def _columns(rows: list[tuple[int, list[str]]]) -> tuple[dict[str, int], bool] | None:
    """Which column holds what, and whether the first row is a header; None if it is no transcript."""
    header = [c.lower().strip(" :#\ufeff") for c in rows[0][1]]
    named: dict[str, int] = {}
    for key, names in _NAMES.items():
        hit = next((k for k, c in enumerate(header) if c in names), None)
        if hit is not None:
            named[key] = hit
    if "text" in named and "start" in named:
        return named, True
    # a header of other names: a first row no column of which reads as the times below it
    body = [cells for _, cells in rows[:SAMPLE]]
    width = min(len(cells) for cells in body)
    timed = [k for k in range(width) if sum(_time(cells[k]) is not None for cells in body[1:]) >= TIMED * (len(body) - 1) and _rising(body[1:], k)]
    headed = bool(timed) and all(_time(body[0][k]) is None for k in timed)
    body = body[1:] if headed else body
    if not timed or not body:
        return None
    # clock times before plain numbers, which may count rows or name a channel ("1,00:00:01,…")
    timed.sort(key=lambda k: (-sum(":" in cells[k] for cells in body), k))
    if not headed and sum(":" in cells[timed[0]] for cells in body) < TIMED * len(body):
        return None  # rows of plain numbers and words, named by no header, are figures, not what was said
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
    return cols, headed


def _rising(body: list[list[str]], k: int) -> bool:
    """Whether column ``k``'s times go forward from row to row, nearly all (a sales sheet's units do not)."""
    times = [t for cells in body if (t := _time(cells[k])) is not None]
    steps = list(zip(times, times[1:]))
    return bool(steps) and sum(b >= a for a, b in steps) >= TIMED * len(steps)


def _talked(rows: list[tuple[int, list[str]]], cols: dict[str, int]) -> bool:
    """Whether the rows' words come at a talker's pace (``stamped_lines.TALK``): what was said runs
    at hundreds of characters a minute, a chapter list given as a table or a sheet of figures at a few."""
    cell = lambda cells, key: cells[cols[key]] if cols[key] < len(cells) else ""  # noqa: E731
    starts = [t for _, cells in rows if (t := _time(cell(cells, "start"))) is not None]
    span = (max(starts) - min(starts)) * _unit(rows, cols) if starts else 0.0
    return stamped_lines.talking([cell(cells, "text") for _, cells in rows[:-1]], span)


def _unit(rows: list[tuple[int, list[str]]], cols: dict[str, int]) -> float:
    """Seconds a plain number of the start column counts: 1, or 0.001 where the numbers are whole and
    a row starts hundreds after the one before (whisper.cpp's ``-ocsv`` writes milliseconds)."""
    cells = [cells[cols["start"]] for _, cells in rows if cols["start"] < len(cells)]
    if not cells or not all(c.isdigit() for c in cells):
        return 1.0
    starts = [int(c) for c in cells]
    gaps = [b - a for a, b in zip(starts, starts[1:]) if b > a]
    return 0.001 if gaps and statistics.median(gaps) >= 100 else 1.0


def _detect(src: Lines) -> bool:
    found = _rows(src)
    columns = _columns(found[1]) if found else None
    if found is None or columns is None:
        return False
    cols, headed = columns
    names = {c.lower().strip(" :#\ufeff") for c in found[1][0][1]} if headed else set()
    known = {name for group in _NAMES.values() for name in group}
    if headed and not names & known:
        return False  # a sheet headed "Region, Product, Units, Revenue" is no transcript
    return bool(names & set(_NAMES["text"])) or _talked(found[1][headed:], cols)


def _read(src: Lines, problems: Problems) -> TimedTranscript | None:
    found = len(problems.items)
    table = _rows(src)
    columns = _columns(table[1]) if table else None
    if table is None or columns is None:
        problems.add(src.path, None, "not a table of times and words: expected CSV or tab-separated rows such as 'Speaker,Start Time,End Time,Text'")
        return None
    cols, header = columns
    rows = table[1][1:] if header else table[1]
    unit = _unit(rows, cols)
    cues: list[captions.Cue] = []
    for lineno, cells in rows:
        cell = lambda key: cells[cols[key]] if key in cols and cols[key] < len(cells) else ""  # noqa: E731
        start = _time(cell("start"))
        if start is None:
            problems.add(src.path, lineno, f"unreadable start time {shorten(cell('start'))} (expected 00:01:02.500, 1:02 or seconds)")
            continue
        end = _time(cell("end")) if cell("end") else None
        start, end = start * unit, (end * unit if end is not None else None)
        if end is not None and end < start:
            problems.add(src.path, lineno, f"row ends before it starts ({cell('start')} to {cell('end')})")
            continue
        if cues and start < cues[-1].start - captions.ROLL_STEP:
            problems.add(src.path, lineno, f"time goes backwards: {cell('start')} comes after the row before")
        text = " ".join(cell("text").split())
        if not text:
            continue
        # a speaker's cell left empty is someone the service could not tell, not the row before's
        name = cell("speaker") or (UNKNOWN if "speaker" in cols else "")
        said = html.escape(text, quote=False)  # the captions reader reads markup: "x < y" is words
        cues.append(captions.Cue(start, end if end is not None else start, lineno, [(lineno, f"<v {html.escape(name)}>{said}" if name else said)]))
    for k, cue in enumerate(cues):  # a row given only its start lasts until the next
        if cue.end == cue.start:
            cue.end = cues[k + 1].start if k + 1 < len(cues) else cue.start + max(len(cue.payload[0][1]) / 15.0, 1.0)
    if len(problems.items) > found:
        return None
    return captions.cue_transcript(src, cues, problems, "no rows with words", rolling=False)


READER = Reader("table", _detect, _read)
