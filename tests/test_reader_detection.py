"""Detection: every source is recognised as the reader meant for it, and newer readers steal nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.errors import Problems
from generator.readers import READERS, captions, read_source
from generator.readers.base import decode

from conftest import ROOT, SEEDS

FIXTURES = ROOT / "tests" / "fixtures"
OLD = ("words", "podcast-page", "summary", "edited")  # the readers before any episode had other formats
TIMED = ("captions", "whisper", "transcript-json", "transcript-html")

EXPECTED = {
    "content/ilya-sutskever-age-of-research/000_bda1352659bf82d4.txt": "words",
    "content/ilya-sutskever-age-of-research/001_a9af0ab92605b360.txt": "words",
    "content/ilya-sutskever-age-of-research/002_381b167b6f003a42.txt": "summary",
    "content/ilya-sutskever-age-of-research/003_6a06623c62d9b10e.txt": "podcast-page",
    "content/ilya-sutskever-age-of-research/004_9c1d77b42b164a4b.txt": "edited",
    "tests/fixtures/tiny/content/tiny-talk/edited.txt": "edited",
    "tests/fixtures/tiny/content/tiny-talk/page.txt": "podcast-page",
    "tests/fixtures/tiny/content/tiny-talk/summary.txt": "summary",
    "tests/fixtures/tiny/content/tiny-talk/words.txt": "words",
    "tests/fixtures/readers/youtube-auto.en.vtt": "captions",
    "tests/fixtures/readers/uploaded-voices.vtt": "captions",
    "tests/fixtures/readers/speakers.srt": "captions",
    "tests/fixtures/readers/whisper.json": "whisper",
    "tests/fixtures/readers/whisperx.json": "whisper",
    "tests/fixtures/readers/podcast2.json": "transcript-json",
    "tests/fixtures/readers/podcast2.html": "transcript-html",
    "tests/fixtures/readers/publisher_substack.md": "publisher",
    "tests/fixtures/readers/publisher_descript.txt": "publisher",
    "tests/fixtures/readers/publisher_riverside.txt": "publisher",
    "tests/fixtures/readers/chapters_podcasting20.json": "chapters",
    "tests/fixtures/readers/chapters_youtube.txt": "chapters",
    "tests/fixtures/readers/youtube-panel.txt": "stamped-lines",
    "tests/fixtures/panel/content/rooftop-bees/rooftop-bees.vtt": "captions",
    "tests/fixtures/panel/content/rooftop-bees/chapters.json": "chapters",
    "tests/fixtures/solo/content/winter-cycling/whisper.json": "whisper",
    "tests/fixtures/publisher/content/local-papers/transcript.txt": "publisher",
    "tests/fixtures/unmapped/content/night-trains/page.txt": "podcast-page",
}


def detected(path: Path, readers) -> str | None:
    """The role the registry's detection order gives a file, as read_source would pick it."""
    src = decode(str(path), path.read_bytes(), Problems())
    return next((r.role for r in readers if src is not None and r.detect(src)), None)


def source_files() -> list[Path]:
    """Every source in the real episode and under tests/fixtures (configs, scripts, notes and truth files aside)."""
    files = [p for p in SEEDS.iterdir() if p.is_file()]
    files += [p for p in FIXTURES.rglob("*") if p.is_file() and p.suffix not in (".toml", ".py") and p.name not in ("truth.json", "README.md")]
    return sorted(files)


def test_every_source_file_is_listed():
    listed = {ROOT / name for name in EXPECTED}
    assert set(source_files()) <= listed, sorted(map(str, set(source_files()) - listed))


@pytest.mark.parametrize("name, role", sorted(EXPECTED.items()))
def test_each_source_is_recognised_as_its_kind(name, role):
    assert detected(ROOT / name, READERS.values()) == role


@pytest.mark.parametrize("path", source_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_newer_readers_only_claim_what_nothing_but_prose_detection_claimed(path):
    """Only files that were unrecognised or taken for plain prose may be read by a newer reader."""
    before = detected(path, [r for r in READERS.values() if r.role in OLD])
    after = detected(path, READERS.values())
    assert after == before or before in (None, "edited"), f"{path.name}: was {before}, now {after}"


@pytest.mark.parametrize(
    "text",
    [
        "Speaker 1: We met at 00:10:30 --> and then left.\nSpeaker 2: Sure.\n",  # an arrow in prose is not SRT
        '{"title": "not a transcript"}',
        '[{"startTime": 1}]',
    ],
)
def test_near_misses_are_not_taken_for_timed_transcripts(text: str):
    src = decode("x.txt", text.encode(), Problems())
    assert not any(READERS[role].detect(src) for role in TIMED)


@pytest.mark.parametrize(
    "text, expected",
    [
        ('{"segments": [{"start": 1, "end": 2, "text": "Hi"\n', "x.json:2: invalid JSON: Expecting ',' delimiter"),
        ('{"segments": [{"start": ' + "9" * 5000 + ', "end": 2, "text": "Hi"}]}', "x.json:1: invalid JSON: a number of more than 4,300 digits"),
        ('{"segments": []}', "x.json: JSON of no shape episode-site reads: a Whisper run"),
        # on one line (as Whisper writes it), cut short: read as edited prose, the file went unnamed ("no transcript")
        ('{"text": "Hi there. Yes.", "segments": [{"id": 0, "start": 0.0, "end": 2.0, "text": " Hi there."}, {"id": 1, "start": 2.0, "end": 3.', "x.json:1: invalid JSON: "),
    ],
    ids=["cut-short", "huge-number", "no-shape", "one-line-cut-short"],
)
def test_json_no_reader_claims_says_where_it_breaks_or_which_shapes_are_read(tmp_path: Path, text: str, expected: str) -> None:

    (tmp_path / "x.json").write_text(text, encoding="utf-8")
    problems = Problems()
    assert read_source(tmp_path / "x.json", "x.json", None, problems) is None
    assert [str(p) for p in problems.items][0].startswith(expected)


def test_another_tools_json_is_pointed_to_its_captions(tmp_path: Path) -> None:
    """QA35c: a service's JSON no reader reads (Rev.ai's monologues) was told to set a role none of whose readers can read it."""
    for other in ('{"monologues": [{"speaker": 0, "elements": [{"type": "text", "value": "Hi", "ts": 0.5, "end_ts": 0.9}]}]}',  # Rev.ai
                  '{"language_code": "en", "text": "Hi there.", "words": [{"text": "Hi", "start": 0.119, "end": 0.4, "type": "word", "speaker_id": "speaker_0"}]}',  # ElevenLabs: seconds, not AssemblyAI's ms
                  '{"language_code": "en", "text": "Hi there.", "words": [{"text": "Hi", "start": 0, "end": 1, "type": "word", "speaker_id": "speaker_0"}, {"text": "there.", "start": 1, "end": 2, "type": "word", "speaker_id": "speaker_1"}]}'):  # QA37e: whole seconds were read as 1 ms
        (tmp_path / "x.json").write_text(other, encoding="utf-8")
        problems = Problems()
        assert read_source(tmp_path / "x.json", "x.json", None, problems) is None
        assert str(problems.items[0]).endswith("another tool's JSON: use its SRT or WebVTT captions instead")


def test_assemblyai_utterances_alone_are_read(tmp_path: Path) -> None:
    """QA35c's AssemblyAI JSON, its utterances without words: a timed source, not "use its captions"."""
    (tmp_path / "x.json").write_text('{"id": "x", "utterances": [{"speaker": "A", "start": 0, "end": 900, "text": "Hi."}]}', encoding="utf-8")
    problems = Problems()
    source = read_source(tmp_path / "x.json", "x.json", None, problems)
    assert not problems.items
    assert [(s.label, s.text, s.start, s.end) for s in source.segments] == [("Speaker A", "Hi.", 0.0, 0.9)]


@pytest.mark.parametrize("job, said", [
    ('"status": "error", "error": "Download error", "words": null, "utterances": null', 'whose job failed (status "error": \'Download error\'): it holds no words; transcribe the audio again'),
    ('"status": "queued", "words": null, "utterances": null', "whose job has not finished (status 'queued'): fetch it again once its status is \"completed\""),
    ('"status": "completed", "text": "", "words": [], "utterances": []', "with no words (status \"completed\", 'words' empty): was its audio silent, or not the episode's?"),
], ids=["failed", "queued", "no-words"])
@pytest.mark.parametrize("role", [None, "whisper"])
def test_an_assemblyai_transcript_of_a_job_failed_or_not_finished_says_so(tmp_path: Path, job: str, said: str, role: str | None) -> None:
    # QA37e: each was "JSON of no shape episode-site reads" (or "no 'segments' list" with its role)
    (tmp_path / "x.json").write_text('{\n "id": "5551722-f677",\n ' + job + "\n}\n", encoding="utf-8")
    problems = Problems()
    assert read_source(tmp_path / "x.json", "x.json", role, problems) is None
    assert [str(p) for p in problems.items] == [f"x.json:3: an AssemblyAI transcript {said}"]


@pytest.mark.parametrize("word, said", [
    ('"start": 0, "end": "soon"', "words[0]: 'end' must be a number of milliseconds, not 'soon'"),  # was "of seconds": AssemblyAI's times are milliseconds
    ('"start": 0, "end": 900, "speaker": true', "words[0]: 'speaker' must be a string, not True"),  # was dropped silently, the word no one's
], ids=["milliseconds", "boolean-speaker"])
def test_a_bad_value_in_assemblyai_s_words_is_named_as_the_service_writes_it(tmp_path: Path, word: str, said: str) -> None:
    (tmp_path / "x.json").write_text('{"id": "x", "text": "Hi.",\n "words": [{"text": "Hi.", ' + word + ', "confidence": 0.9}]}\n', encoding="utf-8")
    problems = Problems()
    assert read_source(tmp_path / "x.json", "x.json", None, problems) is None
    assert [str(p) for p in problems.items] == [f"x.json:2: {said}"]


@pytest.mark.parametrize("name, delivery", [
    ("assemblyai.json", lambda words: {"id": "x", "status": "completed", "text": " ".join(w["text"] for w in words), "words": words}),
    ("deepgram.json", lambda words: {"results": {"channels": [{"alternatives": [{"transcript": "", "words": [dict(w, word=w["text"], start=w["start"] / 1000, end=w["end"] / 1000) for w in words]}]}]}}),
])
def test_a_service_s_json_past_the_text_limit_is_refused_before_its_words_are_built(tmp_path: Path, monkeypatch, name: str, delivery) -> None:
    # QA37e: a 62 MB AssemblyAI transcript had its 700,000 words built (35 s, 1.5 GB) before it was found too long
    import generator.readers as readers
    from generator.readers import services

    monkeypatch.setattr(readers, "MAX_TEXT", 10_000)  # the limit, scaled down with the file
    monkeypatch.setattr(services, "_word", lambda *args: pytest.fail("a word was built"))
    words = [{"text": "research", "start": 100 * k, "end": 100 * k + 90, "confidence": 0.9, "speaker": "A"} for k in range(2_000)]
    (tmp_path / name).write_text(json.dumps(delivery(words)), encoding="utf-8")
    problems = Problems()
    assert read_source(tmp_path / name, name, None, problems) is None
    assert [str(p) for p in problems.items] == [f"{name}: 18,000 characters of transcript: more than any episode holds (the limit, 10,000, is ~35 hours of speech); is this the right file?"]


def test_a_long_run_of_spaces_in_a_line_is_read_in_linear_time(tmp_path: Path) -> None:
    """Text pasted from a PDF can hold thousands of spaces in a row: detection ran regular
    expressions that backtracked through every split of such a run (2,000 spaces: 36 s, growing
    with the cube). Read in a child process that is stopped after 60 s (it takes well under one)."""
    import subprocess
    import sys

    edited = (SEEDS / "004_9c1d77b42b164a4b.txt").read_text(encoding="utf-8").splitlines()
    edited[3] = edited[3][:20] + " " * 5000 + edited[3][20:]
    (tmp_path / "edited.txt").write_text("\n".join(edited) + "\n", encoding="utf-8")
    (tmp_path / "cue.vtt").write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nName" + " " * 100_000 + "x\n", encoding="utf-8")
    # 100,000 unclosed "<v" in one cue (31 s), and a word of 400,000 letters for the search index (~26 s at 40,000)
    (tmp_path / "tags.vtt").write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n" + "<v" * 100_000 + "\n", encoding="utf-8")
    # a line of 200,000 spaces among a word-level part's words, each line tried as a part's header (~150 s)
    part = (SEEDS / "000_bda1352659bf82d4.txt").read_text(encoding="utf-8").split("\n")
    (tmp_path / "part.txt").write_text("\n".join(part[:10] + ["so" + " " * 200_000 + "on"] + part[10:]), encoding="utf-8")
    script = (
        "import sys; from pathlib import Path; from generator.errors import Problems; from generator.readers import read_source\n"
        "from generator.writers.search import index_text\n"
        "for name in ('edited.txt', 'cue.vtt', 'tags.vtt', 'part.txt'):\n"
        "    p = Problems(); s = read_source(Path(sys.argv[1]) / name, name, None, p)\n"
        "    print(type(s).__name__, len(p.items))\n"
        "print(len(index_text('a' * 400_000 + ' pre-training').split()))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.stdout.split("\n")[:5] == ["EditedText 0", "TimedTranscript 0", "TimedTranscript 0", "WordPart 0", "4"], done.stderr


def test_a_long_run_of_brackets_stars_times_or_letters_is_read_in_linear_time(tmp_path: Path) -> None:
    """A line of 100 KB that a pattern tried again from each of its characters: "[[[…" and "*x *x …"
    (Markdown links and italics taken out), "0:0:0:…" (tried as a chapter line "Intro 0:00"), a word
    of 100,000 letters on a podcast page (tried as a hyphenated word): each took minutes. Read in a
    child process that is stopped after 60 s (it takes well under one)."""
    import subprocess
    import sys

    edited = (SEEDS / "004_9c1d77b42b164a4b.txt").read_text(encoding="utf-8").splitlines()
    edited[3:3] = ["[" * 100_000, "*x " * 33_000, "Said at " + "0:" * 50_000]
    (tmp_path / "edited.txt").write_text("\n".join(edited) + "\n", encoding="utf-8")
    page = (SEEDS / "003_6a06623c62d9b10e.txt").read_text(encoding="utf-8").splitlines()
    at = page.index("Transcript") + 2
    page[at:at] = ["Speaker 1 " + "a" * 100_000, ""]
    (tmp_path / "page.txt").write_text("\n".join(page) + "\n", encoding="utf-8")
    script = (
        "import sys; from pathlib import Path; from generator.errors import Problems; from generator.readers import read_source\n"
        "for name in ('edited.txt', 'page.txt'):\n"
        "    p = Problems(); s = read_source(Path(sys.argv[1]) / name, name, None, p)\n"
        "    print(type(s).__name__, len(p.items))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.stdout.split("\n")[:2] == ["EditedText 0", "PodcastPage 0"], done.stderr


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])  # with its byte-order mark, then without; UTF-32 with its mark (QA27: "contains a NUL byte")
def test_a_source_saved_as_utf16_reads_as_its_utf8_self(tmp_path: Path, codec: str) -> None:
    """Windows Notepad's "Unicode" and some subtitle tools save UTF-16: the same cues, speakers and
    line numbers as the UTF-8 file, not "cannot tell what kind of source this is"."""

    text = "WEBVTT\n\n00:00.000 --> 00:02.500\n<v Dwarkesh Patel>Café — so, what’s next?\n\n00:02.500 --> 00:04.000\n<v Ilya Sutskever>Research.\n"
    read = {}
    for name, data in (("utf8.vtt", text.encode("utf-8")), ("utf16.vtt", text.replace("\n", "\r\n").encode(codec))):
        (tmp_path / name).write_bytes(data)
        problems = Problems()
        read[name] = read_source(tmp_path / name, name, None, problems)
        assert not problems.items, problems.items
    seen = lambda source: [(s.label, s.text, s.start, s.end, s.origin.line) for s in source.segments]  # noqa: E731
    assert seen(read["utf16.vtt"]) == seen(read["utf8.vtt"])
    assert [s.label for s in read["utf16.vtt"].segments] == ["Dwarkesh Patel", "Ilya Sutskever"]


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_captions_saved_by_a_windows_tool_in_windows_1252_or_latin1_read_as_their_utf8_self(tmp_path: Path, codec: str) -> None:
    """Subtitle Edit, Aegisub and Notepad's "ANSI" save Windows-1252 (curly quotes 0x93 0x94, é 0xE9,
    … 0x85), older tools ISO-8859-1: they were refused as "not valid UTF-8 (byte 0x93)"."""
    text = "1\r\n00:00:01,000 --> 00:00:03,500\r\nANA: \u201cCaf\u00e9\u201d\u2026 so, what\u2019s next?\r\n\r\n2\r\n00:00:04,000 --> 00:00:06,000\r\nBO: Na\u00efve research \u2013 \u00e0 la carte.\r\n"
    if codec == "latin-1":  # Latin-1 has no curly quotes, ellipsis or dash
        text = text.translate({0x201C: '"', 0x201D: '"', 0x2019: "'", 0x2026: "...", 0x2013: "-"})
    read = {}
    for name, data in (("utf8.srt", text.encode("utf-8")), ("windows.srt", text.encode(codec))):
        (tmp_path / name).write_bytes(data)
        problems = Problems()
        read[name] = read_source(tmp_path / name, name, None, problems)
        assert not problems.items, [str(p) for p in problems.items]
    seen = lambda source: [(s.label, s.text, s.start, s.end, s.origin.line) for s in source.segments]  # noqa: E731
    assert seen(read["windows.srt"]) == seen(read["utf8.srt"])
    assert "Caf\u00e9" in read["windows.srt"].segments[0].text


@pytest.mark.parametrize("declared, codec, said", [
    ("ISO-8859-2", "iso-8859-2", "Dobr\u00fd den, \u017eena \u0159ekla: ano."),  # ž is 0xBE there, ¾ in Windows-1252
    ("ISO-8859-1", "cp1252", "Caf\u00e9 \u201cau lait\u201d, s\u2019il vous pla\u00eet\u2026"),  # a Windows tool's "ISO-8859-1" with 0x93 quotes, as browsers read it
    ("ISO-8859-1", "utf-8", "Caf\u00e9 \u201cau lait\u201d."),  # the declaration wrong: bytes that are UTF-8 are read as UTF-8
], ids=["iso-8859-2", "iso-8859-1-as-windows", "utf-8-declared-latin-1"])
def test_a_ttml_file_is_read_in_the_encoding_its_xml_prolog_declares(tmp_path: Path, declared: str, codec: str, said: str) -> None:
    ttml = (f'<?xml version="1.0" encoding="{declared}"?>\n<tt xmlns="http://www.w3.org/ns/ttml"><body><div>\n'
            f'<p begin="00:00:01.000" end="00:00:03.000">{said}</p>\n</div></body></tt>\n')
    (tmp_path / "t.ttml").write_bytes(ttml.encode(codec))
    problems = Problems()
    source = read_source(tmp_path / "t.ttml", "t.ttml", None, problems)
    assert not problems.items, [str(p) for p in problems.items]
    assert [s.text for s in source.segments] == [said]


@pytest.mark.parametrize("data, line", [
    (bytes(range(256)) * 4, 2),  # binary: control bytes, and bytes Windows-1252 leaves undefined
    (b"1\n00:00:01,000 --> 00:00:02,000\n" + "\u039a\u03b1\u03bb\u03b7\u03bc\u03ad\u03c1\u03b1 \u03c3\u03b1\u03c2.\n".encode("cp1253"), 3),  # Greek's code page: Latin letters in Windows-1252
], ids=["binary", "greek-code-page"])
def test_binary_garbage_is_still_refused_naming_the_file_and_line(tmp_path: Path, data: bytes, line: int) -> None:
    (tmp_path / "junk.srt").write_bytes(data)
    problems = Problems()
    assert read_source(tmp_path / "junk.srt", "junk.srt", None, problems) is None
    assert [(p.line, str(p)) for p in problems.items] == [(line, f"junk.srt:{line}: not valid UTF-8 (byte 0x{data[data.index(next(b for b in data if b > 0x7f).to_bytes(1, 'big'))]:02x}) nor Windows-1252 text: is this a transcript? If it is, save it as UTF-8")]


def test_utf8_with_one_byte_gone_wrong_is_refused_not_read_as_windows_1252(tmp_path: Path) -> None:
    # read as Windows-1252, every curly quote and accent of the file would be mojibake ("itâ€™s")
    good = "1\n00:00:01,000 --> 00:00:03,000\nIt\u2019s a caf\u00e9 \u2014 isn\u2019t it?\n\n2\n00:00:03,500 --> 00:00:05,000\nSure.\n"
    data = good.encode("utf-8").replace(b"Sure.", b"Sure\x85")  # one byte of another encoding
    (tmp_path / "c.srt").write_bytes(data)
    problems = Problems()
    assert read_source(tmp_path / "c.srt", "c.srt", None, problems) is None
    assert [(p.line, str(p).split(" nor ")[0]) for p in problems.items] == [(7, "c.srt:7: not valid UTF-8 (byte 0x85)")]


@pytest.mark.parametrize("codec, said", [
    ("mac_roman", "\u201eSch\u00f6ne Gr\u00fc\u00dfe aus M\u00fcnchen\u201c, sagte J\u00fcrgen \u2013 gr\u00f6\u00dfer als fr\u00fcher\u2026"),  # Windows-1252 read "\u00e3Sch\u0161ne Gr\u0178\u00a7e"
    ("mac_roman", "\u00ab \u00c7a va ? \u00bb \u2014 l\u2019\u00e9t\u00e9 dernier, \u00e0 No\u00ebl, tr\u00e8s cr\u00e9meux."),  # \u00e8 is a byte Windows-1252 leaves undefined
    ("cp1252", "DIE GRO\u00dfE STRA\u00dfE, sagte Du\u0161ek \u2013 20\u00baC, \u201ecool\u201c \u00e0 la carte."),  # Windows-1252 as it is, capitals, a Czech name
], ids=["mac-roman-german", "mac-roman-french", "windows-1252-kept"])
def test_captions_saved_in_mac_roman_read_as_their_utf8_self(tmp_path: Path, codec: str, said: str) -> None:
    # QA37e: Mac Roman's accented letters sit where Windows-1252 has punctuation and rare letters
    text = f"1\n00:00:01,000 --> 00:00:04,000\n{said}\n\n2\n00:00:04,500 --> 00:00:06,000\nSo it goes.\n"
    (tmp_path / "c.srt").write_bytes(text.encode(codec))
    problems = Problems()
    source = read_source(tmp_path / "c.srt", "c.srt", None, problems)
    assert not problems.items, [str(p) for p in problems.items]
    assert [s.text for s in source.segments] == [said, "So it goes."]


def test_windows_1252_text_is_not_repaired_as_mojibake(tmp_path: Path) -> None:
    # Icelandic's capital eth before a closing quote is 0xD0 0x93, UTF-8's bytes for "Г": the repair
    # of mojibake made "„AÐ“" "„AГ"; only UTF-8 read as Windows-1252 and saved as UTF-8 is mojibake
    said = "Hann sag\u00f0i \u201eA\u00d0\u201c og f\u00f3r heim, \u00fe\u00fa veist."
    (tmp_path / "c.srt").write_bytes(f"1\n00:00:01,000 --> 00:00:03,000\n{said}\n".encode("cp1252"))
    problems = Problems()
    source = read_source(tmp_path / "c.srt", "c.srt", None, problems)
    assert not problems.items, [str(p) for p in problems.items]
    assert [s.text for s in source.segments] == [said]


@pytest.mark.parametrize("codec, word, shown", [
    ("cp1251", "\u041c\u043e\u0441\u043a\u0432\u0430", "\u00cc\u00ee\u00f1\u00ea\u00e2\u00e0"),  # Москва: a Cyrillic word in a mostly English file
    ("gbk", "\u5317\u4eac", "\u00b1\u00b1\u00be\u00a9"),  # 北京
], ids=["cyrillic-word", "chinese-word"])
def test_a_word_of_another_code_page_is_refused_naming_its_line_not_read_as_latin_letters(tmp_path: Path, codec: str, word: str, shown: str) -> None:
    text = f"1\n00:00:01,000 --> 00:00:03,000\nHello there.\n\n2\n00:00:03,500 --> 00:00:05,000\nWe flew to {word} in May.\n"
    (tmp_path / "c.srt").write_bytes(text.encode(codec))
    problems = Problems()
    assert read_source(tmp_path / "c.srt", "c.srt", None, problems) is None
    assert [str(p) for p in problems.items] == [f"c.srt:7: not valid UTF-8, and read as Windows-1252 it has '{shown}', which is no word: is it in another encoding (Mac Roman, Cyrillic, Greek, Chinese)? Save the file as UTF-8"]


@pytest.mark.parametrize("codec", ["cp1252", "utf-8"])
def test_a_file_ending_in_dos_end_of_file_byte_reads_as_without_it(tmp_path: Path, codec: str) -> None:
    # QA37e: Windows-1252 with a last 0x1A (Ctrl-Z, DOS tools' end of file) was refused blaming line 3's "é"
    text = "1\r\n00:00:01,000 --> 00:00:02,000\r\nIt was a caf\u00e9.\r\n"
    (tmp_path / "c.srt").write_bytes(text.encode(codec) + b"\x1a")
    problems = Problems()
    source = read_source(tmp_path / "c.srt", "c.srt", None, problems)
    assert not problems.items, [str(p) for p in problems.items]
    assert [s.text for s in source.segments] == ["It was a caf\u00e9."]


def test_utf8_with_a_byte_gone_wrong_is_refused_whatever_encoding_its_page_declares() -> None:
    # QA39: a <meta charset="iso-8859-1"> over UTF-8 with one stray byte read every accent as "Ã©"
    raw = '<html><head><meta charset="iso-8859-1"></head><body><p>It\u2019s caf\u00e9 \u2014 na\u00efve.</p>\n'.encode("utf-8") + b"<p>stray \xff byte</p>\n"
    problems = Problems()
    assert decode("page.html", raw, problems) is None
    assert [(p.line, str(p).split(" nor ")[0]) for p in problems.items] == [(2, "page.html:2: not valid UTF-8 (byte 0xff)")]


def test_webvtt_cues_without_their_header_line_are_captions(tmp_path):
    # an exporter left out "WEBVTT": "cannot tell what kind of source this is"
    text = (ROOT / "tests/fixtures/readers/uploaded-voices.vtt").read_text(encoding="utf-8")
    path = tmp_path / "c.vtt"
    path.write_text(text.split("\n", 1)[1].lstrip("\n"), encoding="utf-8")
    assert not path.read_text(encoding="utf-8").startswith("WEBVTT")
    assert detected(path, READERS.values()) == "captions"
    problems = Problems()
    src = decode(str(path), path.read_bytes(), problems)
    whole = decode("w.vtt", text.encode("utf-8"), problems)
    assert [s.text for s in READERS["captions"].read(src, problems).segments] == [s.text for s in READERS["captions"].read(whole, problems).segments]
    assert not problems.items
    # its first line a cue's timing: that cue was skipped as if it were the header, its words lost
    bare = decode("b.vtt", b"00:00:01.000 --> 00:00:03.000\nYou know what's crazy?\n\n00:00:03.500 --> 00:00:05.000\nThat all of this is real.\n", problems)
    assert [s.text for s in READERS["captions"].read(bare, problems).segments] == ["You know what's crazy?", "That all of this is real."]
    assert not problems.items


@pytest.mark.parametrize("role, segment, broken", [
    ("transcript-json", '{{"speaker": "Ana", "startTime": {t}, "endTime": {e}, "body": "Words {k}."}}', '{"speaker": "Ana", "startTime": 50, "endTime": 51}'),
    ("whisper", '{{"start": {t}, "end": {e}, "text": " Words {k}."}}', '{"start": 50, "end": 51, "txt": " Oops."}'),
])
def test_a_json_transcript_with_one_damaged_segment_is_read_as_its_kind_and_the_line_named(role, segment, broken):
    """One segment missing its text (a hand edit): "JSON of no shape episode-site reads", no line named."""
    segments = [segment.format(t=5 * k, e=5 * k + 4, k=k) for k in range(10)]
    at = 0 if role == "whisper" else 5  # the first segment damaged too: its line named
    segments[at] = broken.replace("50", str(5 * at)).replace("51", str(5 * at + 1))
    text = '{"segments": [\n' + ",\n".join(segments) + "\n]}\n"
    problems = Problems()
    src = decode("t.json", text.encode("utf-8"), problems)
    assert next(r.role for r in READERS.values() if r.detect(src)) == role
    assert READERS[role].read(src, problems) is None
    assert [x.line for x in problems.items] == [2 if role == "whisper" else 7]


def test_youtube_sbv_captions_are_captions_read_as_webvtt(tmp_path):
    """YouTube Studio's .sbv download ("0:00:01.000,0:00:04.295" above each cue): "cannot tell what
    kind of source this is", and given the captions role, "no cues found"."""
    text = (
        "0:00:00.599,0:00:04.160\n>> ALICE: Hi, my name is Alice Miller\nand this is John Brown.\n\n"
        "0:00:04.160,0:00:06.770\n>> JOHN: We own Miller Bakery.\n\n0:00:06.770,0:00:09.000\n[Music]\n\n"
        "0:00:09.000,0:00:12.500\nSo how did it start?\n"
    )
    path = tmp_path / "captions.sbv"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    assert detected(path, READERS.values()) == "captions"
    problems = Problems()
    source = read_source(path, "captions.sbv", None, problems)
    assert not problems.items, problems.items
    assert [(s.label, s.text, s.start, s.end, s.origin.line) for s in source.segments] == [
        ("ALICE", "Hi, my name is Alice Miller and this is John Brown.", 0.599, 4.16, 2),
        ("JOHN", "We own Miller Bakery.", 4.16, 6.77, 6),
        ("JOHN", "So how did it start?", 9.0, 12.5, 12),
    ]
    bad = decode("b.sbv", b"0:00:00.599,0:00:04.160\nHi.\n\n0:00:05.000,0:00:04.000\nHo.\n", problems)
    assert READERS["captions"].read(bad, problems) is None
    assert [str(x) for x in problems.items] == ["b.sbv:4: cue ends before it starts: 00:00:05.000 --> 00:00:04.000"]


def test_premiere_s_transcript_text_is_captions_with_its_speakers(tmp_path):
    """Premiere Pro's "Export to text file": times in frames, the speaker's name below them. It was
    "cannot tell what kind of source this is"."""
    turns = [("Ana Lima", "So how did it start?"), ("Speaker 2", "With one hive."), ("Ana Lima", "And then?")] * 4
    blocks = [f"00:00:{2 * k:02d}:{(6 * k) % 25:02d} - 00:00:{2 * k + 1:02d}:{(6 * k + 3) % 25:02d}\n{name}\n{said}" for k, (name, said) in enumerate(turns)]
    path = tmp_path / "premiere.txt"
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    assert detected(path, READERS.values()) == "captions"
    problems = Problems()
    source = read_source(path, "premiere.txt", None, problems)
    assert not problems.items, problems.items
    assert [(s.label, s.text) for s in source.segments] == turns
    assert [s.start for s in source.segments][:3] == [0.0, 2 + 6 / 25, 4 + 12 / 25]  # frames up to 24: 25 a second


@pytest.mark.parametrize("form", ["premiere", "arrows"])
def test_drop_frame_timecodes_are_read_at_29_97_on_the_real_clock(tmp_path, form):
    """Premiere Pro and broadcast caption tools write drop-frame timecode at 29.97 ("00:12:00;02", a
    semicolon before the frames): Premiere's text was read at the least rate above its frame numbers
    (24 where no frame passed 23, 1.6 s off at 1:15), and cues between arrows were "cannot tell what
    kind of source this is". Drop-frame timecode keeps to the real clock: 01:00:00;00 is 3,600 s."""
    turns = [("Ana Lima", "So how did it start?"), ("Speaker 2", "With one hive."), ("Ana Lima", "And then?")] * 4
    stamps = [(0, 15), (75, 22), (720, 2), (1800, 10), (3599, 28), (3600, 0)] + [(3600 + 5 * k, 4) for k in range(1, 7)]  # (timecode second, frame)
    clock = lambda sec, f: f"{sec // 3600:02d}:{sec % 3600 // 60:02d}:{sec % 60:02d};{f:02d}"  # noqa: E731
    if form == "premiere":
        blocks = [f"{clock(sec, f)} - {clock(sec + 1, f)}\n{name}\n{said}" for (sec, f), (name, said) in zip(stamps, turns)]
    else:
        blocks = [f"{k}\n{clock(sec, f)} --> {clock(sec + 1, f)}\n{name}: {said}" for k, ((sec, f), (name, said)) in enumerate(zip(stamps, turns), 1)]
    path = tmp_path / "captions.txt"
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    assert detected(path, READERS.values()) == "captions"
    problems = Problems()
    source = read_source(path, "captions.txt", None, problems)
    assert not problems.items, [str(p) for p in problems.items]
    assert [(s.label, s.text) for s in source.segments] == turns
    # frames counted 30 to a timecode second, numbers 0 and 1 skipped each minute but every tenth, played at 30000/1001
    expected = [((sec * 30 + f) - 2 * (sec // 60 - sec // 600)) * 1001 / 30000 for sec, f in stamps]
    assert [s.start for s in source.segments] == pytest.approx(expected, abs=0.001)
    assert source.segments[5].start == pytest.approx(3600.0, abs=0.01)


def test_a_semicolon_before_frames_that_stop_at_24_is_a_separator_not_drop_frame():
    """QA39: a 25 fps Premiere export writing ";" before its frames was read as drop-frame at 29.97:
    00:00:10;24 at 10.811 s where it is 10.960 s. Drop-frame exists at 29.97 and 59.94 only."""
    text = "00:00:01;00 - 00:00:04;07\nAna Lima\nHello there.\n\n00:00:10;24 - 00:00:12;20\nBo Reyes\nHi.\n"
    problems = Problems()
    cues = captions.as_cues(decode("c.txt", text.encode("utf-8"), problems), problems)
    assert not problems.items
    assert [line for line in cues.lines if "-->" in line] == ["00:00:01.000 --> 00:00:04.280", "00:00:10.960 --> 00:00:12.800"]


@pytest.mark.parametrize("first, second, said", [
    ("00:10:00:00", "00:10:00:99", "frame 99"),  # read as at 60 fps, 1.65 s on
    ("00:00:01;00", "00:00:02;75", "frame 75"),  # drop-frame, past 59.94's frames
], ids=["non-drop", "drop-frame"])

def test_a_frame_number_past_any_video_rate_between_arrows_is_named(tmp_path, first, second, said):
    # QA37e: 00:10:00:99 was read at 60 frames a second as 00:10:01.650
    (tmp_path / "c.txt").write_text(f"00:00:01:00 --> 00:00:02:00\nSo how did it start?\n\n{first} --> {second}\nWith one hive.\n", encoding="utf-8")
    problems = Problems()
    assert read_source(tmp_path / "c.txt", "c.txt", None, problems) is None
    assert [str(p) for p in problems.items] == [f"c.txt:4: {said} at 60 frames a second (its frames run 00 to 59); no video is cut faster"]


def test_a_listed_audio_file_or_image_is_said_to_be_no_transcript(tmp_path: Path) -> None:
    # listed by mistake, "episode.mp3" was "not valid UTF-8 (byte 0xff); save the file as UTF-8"

    (tmp_path / "episode.MP3").write_bytes(b"ID3\x04\x00\xff\xfb")
    problems = Problems()
    assert read_source(tmp_path / "episode.MP3", "episode.MP3", None, problems) is None
    assert [str(p) for p in problems.items] == ["episode.MP3: a .mp3 file is no transcript: leave it out of the episode's sources (media_url links its audio or video)"]
    (tmp_path / "transcript.docx").write_bytes(b"PK\x03\x04")
    assert read_source(tmp_path / "transcript.docx", "transcript.docx", None, problems) is None
    assert str(problems.items[-1]) == "transcript.docx: a .docx file cannot be read: save its text as plain text (.txt, .md) and list that"


def test_a_line_longer_than_any_transcript_writes_is_refused_before_its_kind_is_sought(tmp_path):
    """A 50 MB line took 48 s to be told it is no source: each detector reads every line."""
    import json

    from generator.readers import MAX_LINE, read_source

    (tmp_path / "x.txt").write_text("intro\n" + "word " * (MAX_LINE // 5 + 1) + "\n", encoding="utf-8")
    problems = Problems()
    assert read_source(tmp_path / "x.txt", "x.txt", None, problems) is None
    assert [str(p) for p in problems.items] == [f"x.txt:2: a line of {MAX_LINE + 5:,} characters: no transcript writes lines that long; is this the right file?"]
    segments = [{"start": k, "end": k + 1, "text": " Hello there, and welcome."} for k in range(MAX_LINE // 60)]
    (tmp_path / "w.json").write_text(json.dumps({"segments": segments}), encoding="utf-8")  # minified JSON: one long line
    problems = Problems()
    assert read_source(tmp_path / "w.json", "w.json", None, problems) is not None and not problems.items


def test_every_reader_s_role_can_be_given_in_site_toml():
    """role = "stamped-lines" was refused as an unknown role: the list site.toml accepts lagged the readers."""
    from generator.config import ROLES

    assert sorted(ROLES) == sorted(READERS)


def test_teams_transcript_copied_from_its_docx_is_captions(tmp_path):
    """QA31: "0:0:1.0 --> 0:0:5.2" has no leading zeros: "cannot tell what kind of source this is"."""
    turns = [("Ana Lima", "So how did it start?"), ("Bo Chen", "With one hive.")] * 3
    path = tmp_path / "meeting.txt"
    path.write_text("".join(f"0:0:{3 * k}.0 --> 0:0:{3 * k + 2}.720\n{name}\n{said}\n\n" for k, (name, said) in enumerate(turns)), encoding="utf-8")
    assert detected(path, READERS.values()) == "captions"
    problems = Problems()
    assert [(s.label, s.text) for s in read_source(path, "meeting.txt", None, problems).segments] == turns and not problems.items


@pytest.mark.parametrize("name, text", [
    ("edited.txt", "Maya Rao:\nThis is Slow Kitchen, and I'm Maya Rao. Today I'm talking with chef José Álvarez.\n\nJosé Álvarez:\nHola Maya, thank you.\n\n"
                   "Maya Rao:\nYou opened your first restaurant at twenty-four?\n\nJosé Álvarez:\nYes, in 1998, with a loan from my uncle.\n"),
    ("transcript.html", "<html><body>\n<cite>Maya Rao:</cite>\n<p>This is Slow Kitchen, and I'm Maya Rao. Today I'm talking with chef José Álvarez.</p>\n"
                        "<cite>José Álvarez:</cite>\n<p>Hola Maya, thank you.</p>\n<cite>Maya Rao:</cite>\n<p>You opened your first restaurant at twenty-four?</p>\n"
                        "<cite>José Álvarez:</cite>\n<p>Yes, in 1998, with a loan from my uncle.</p>\n</body></html>\n"),
])
def test_an_edited_transcript_with_each_name_above_its_paragraph_is_edited_text(tmp_path: Path, name: str, text: str) -> None:
    """QA40 F7: names on lines of their own above short paragraphs (as the README has it; a Podcasting
    2.0 HTML transcript without its <time>s shows so) were "cannot tell what kind of source this is":
    the short name lines made the prose too short a line to be prose."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    problems = Problems()
    source = read_source(path, name, None, problems, listed=False)
    assert problems.items == []
    assert [p for p, _ in source.paragraphs][:2] == ["Maya Rao:", "This is Slow Kitchen, and I'm Maya Rao. Today I'm talking with chef José Álvarez."]
