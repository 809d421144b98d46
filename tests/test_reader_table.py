"""The table reader: CSV and tab-separated transcripts, as services export them for spreadsheets."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.errors import Problems
from generator.readers import READERS
from generator.readers.base import decode
from generator.readers.table import READER
from helpers import HOSTILE, damaged, read_or_problems, read_text

CSV = (
    "Speaker,Start Time,End Time,Text\n"
    "Ana Lima,00:00:01.000,00:00:04.295,So how did it start?\n"
    'Bo Chen,00:00:04.895,00:00:11.115,"It started with one hive, in a garden,\nback in 2009."\n'
    "ana lima,00:00:11.715,00:00:15.595,[Music] And then? x < y\n"
)
TSV = "".join(f"00:00:{3 * k + 1:02d}\t{name}\t{said}\n" for k, (name, said) in enumerate([("Ana Lima", "Hi."), ("Bo Chen", "Hello, Ana."), ("Ana Lima", "How are you?"), ("Bo Chen", "Well.")]))


def detected(text: str) -> str | None:
    src = decode("t.csv", text.encode("utf-8"), Problems())
    return next((r.role for r in READERS.values() if r.detect(src)), None)


def test_a_csv_with_its_header_gives_speakers_times_and_words():
    transcript, problems = read_text(READER, CSV, "t.csv")
    assert problems == [] and detected(CSV) == "table"
    assert [(s.label, s.text, s.start, s.end, s.origin.line) for s in transcript.segments] == [
        ("Ana Lima", "So how did it start?", 1.0, 4.295, 2),
        ("Bo Chen", "It started with one hive, in a garden, back in 2009.", 4.895, 11.115, 3),
        ("ana lima", "And then? x < y", 11.715, 15.595, 5),  # a label as the column gives it; a sound dropped
    ]


def test_a_headerless_tab_separated_table_is_told_by_what_its_columns_hold():
    """"00:00:01<TAB>Ana Lima<TAB>Hi." was read as stamped lines: "Ana Lima Hi." said by no one."""
    transcript, problems = read_text(READER, TSV, "t.tsv")
    assert problems == [] and detected(TSV) == "table"
    assert [(s.label, s.text, s.start) for s in transcript.segments] == [("Ana Lima", "Hi.", 1.0), ("Bo Chen", "Hello, Ana.", 4.0), ("Ana Lima", "How are you?", 7.0), ("Bo Chen", "Well.", 10.0)]
    assert transcript.segments[0].end == 4.0  # a row given its start only lasts until the next


def test_prose_with_commas_is_no_table():
    prose = "So, as I said, we started, well, small.\nThen, one day, it grew, and grew, and grew.\nAnd that, in short, is it, really, all.\n"
    assert detected(prose) != "table"


def test_bad_rows_name_their_line():
    text = CSV.replace("00:00:11.715", "soon").replace("00:00:04.295", "00:00:00.500")
    transcript, problems = read_text(READER, text, "t.csv")
    assert transcript is None
    assert problems == ["t.csv:2: row ends before it starts (00:00:01.000 to 00:00:00.500)", "t.csv:5: unreadable start time 'soon' (expected 00:01:02.500, 1:02 or seconds)"]


@HOSTILE
@given(st.sampled_from([CSV, TSV]), st.data())
def test_truncated_and_damaged_tables_give_a_transcript_or_problems(sample, data):
    read_or_problems(READER, damaged(data, sample, [",", "\t", '"', "\n", ":", ".", "0", "é"]))
