"""The table reader: CSV and tab-separated transcripts, as services export them for spreadsheets."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.errors import Problems
from generator.readers import READERS
from generator.model import UNKNOWN
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


def test_the_delimiter_that_cuts_rows_into_most_columns_wins_and_excel_s_lines_are_read():
    """QA31: "00:00:01,000;00:00:04,295;Ana Lima;…" (Excel in Europe) was cut at its decimal commas:
    garbage text said by no one. Excel's "sep=;" line, and a stray last column, made no table."""
    said = [("Ana Lima", "So how did it start?"), ("Bo Chen", "With one hive.")] * 3
    rows = [(f"00:00:{4 * k + 1:02d},000", f"00:00:{4 * k + 3:02d},295", name, text) for k, (name, text) in enumerate(said)]
    semi = "".join(";".join(r) + "\n" for r in rows)
    for text in (semi, "sep=;\n" + semi, semi.replace("?\n", "?;\n", 1)):
        transcript, problems = read_text(READER, text, "t.csv")
        assert problems == [] and detected(text) == "table"
        assert [(s.label, s.text, s.start) for s in transcript.segments][:2] == [("Ana Lima", "So how did it start?", 1.0), ("Bo Chen", "With one hive.", 5.0)]


def test_columns_are_told_apart_by_what_they_hold():
    """A row number before the times was the start (every row a second apart); a header of other
    names ("Timecode In", German's) was a row; an empty speaker cell was the row before's speaker;
    whisper.cpp's -ocsv writes milliseconds."""
    numbered = "".join(f"{k},00:00:{3 * k:02d},00:00:{3 * k + 2:02d},{'Ana Lima' if k % 2 else 'Bo Chen'},Words said in row {k}.\n" for k in range(1, 9))
    transcript, _ = read_text(READER, numbered, "t.csv")
    assert [s.start for s in transcript.segments][:3] == [3.0, 6.0, 9.0]
    german = "Sprecher;Beginn;Ende;Text\n" + "".join(f"{'Ana' if k % 2 else 'Bo'};00:00:{3 * k:02d};00:00:{3 * k + 2:02d};Satz {k}.\n" for k in range(6))
    transcript, problems = read_text(READER, german, "t.csv")
    assert problems == [] and [s.label for s in transcript.segments][:2] == ["Bo", "Ana"]
    blank = "Speaker,Start,End,Text\nAna Lima,1,2,Hi.\n,3,4,Who is there?\n"
    transcript, _ = read_text(READER, blank, "t.csv")
    assert [s.label for s in transcript.segments] == ["Ana Lima", UNKNOWN]
    cpp = "start,end,text\n" + "".join(f"{5000 * k},{5000 * k + 4200},Words said in row {k}.\n" for k in range(6))
    transcript, _ = read_text(READER, cpp, "ep.wav.csv")
    assert [(s.start, s.end) for s in transcript.segments][:2] == [(0.0, 4.2), (5.0, 9.2)]


def test_a_chapter_list_or_a_sales_sheet_as_a_table_is_no_transcript():
    chapters = "".join(f"00:{5 * k:02d}:00,00:{5 * k + 5:02d}:00,Chapter about topic number {k}\n" for k in range(8))
    sales = "Region,Product,Units,Revenue\n" + "".join(f"North,Widget model {k},{10 + 3 * k},{120.5 + k}\n" for k in range(10))
    unsorted = "".join(f"2024-01-0{k + 1},North,Widget deluxe model,{(17 * k) % 50},{220.73 + (31 * k) % 7}\n" for k in range(8))
    assert detected(chapters) != "table"  # a list at minutes' pace: the chapter reader's, or none
    assert detected(sales) is None and detected(unsorted) is None
