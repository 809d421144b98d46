"""Detection: every file is recognised as the reader meant for it, and the new readers steal nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import Problems
from generator.readers import READERS
from generator.readers.base import decode

from conftest import ROOT, SEEDS

FIXTURES = ROOT / "tests" / "fixtures"

# what each existing source was recognised as before the captions, Whisper and transcript-json readers came
EXPECTED = {
    SEEDS / "000_bda1352659bf82d4.txt": "words",
    SEEDS / "001_a9af0ab92605b360.txt": "words",
    SEEDS / "002_381b167b6f003a42.txt": "summary",
    SEEDS / "003_6a06623c62d9b10e.txt": "podcast-page",
    SEEDS / "004_9c1d77b42b164a4b.txt": "edited",
    FIXTURES / "tiny/content/tiny-talk/words.txt": "words",
    FIXTURES / "tiny/content/tiny-talk/page.txt": "podcast-page",
    FIXTURES / "tiny/content/tiny-talk/edited.txt": "edited",
    FIXTURES / "tiny/content/tiny-talk/summary.txt": "summary",
    FIXTURES / "readers/youtube-auto.en.vtt": "captions",
    FIXTURES / "readers/uploaded-voices.vtt": "captions",
    FIXTURES / "readers/speakers.srt": "captions",
    FIXTURES / "readers/whisper.json": "whisper",
    FIXTURES / "readers/whisperx.json": "whisper",
    FIXTURES / "readers/podcast2.json": "transcript-json",
}


def detected(path: Path) -> str | None:
    """The role detection picks, as read_source does: the first reader in registry order."""
    src = decode(path.name, path.read_bytes(), Problems())
    return next((r.role for r in READERS.values() if r.detect(src)), None)


def test_every_content_and_fixture_file_is_listed():
    listed = {p for p in EXPECTED}
    on_disk = {p for p in SEEDS.iterdir() if p.is_file()} | {p for p in FIXTURES.rglob("*") if p.is_file() and p.name != "site.toml"}
    assert on_disk <= listed, sorted(map(str, on_disk - listed))


@pytest.mark.parametrize("path, role", sorted(EXPECTED.items()), ids=lambda v: v.name if isinstance(v, Path) else v)
def test_each_file_is_recognised_as_before(path: Path, role: str):
    assert detected(path) == role


@pytest.mark.parametrize("path", [p for p, role in EXPECTED.items() if role not in ("captions", "whisper", "transcript-json")], ids=lambda p: p.name)
def test_the_new_readers_recognise_none_of_the_old_sources(path: Path):
    src = decode(path.name, path.read_bytes(), Problems())
    assert not any(READERS[role].detect(src) for role in ("captions", "whisper", "transcript-json"))


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
    assert not any(READERS[role].detect(src) for role in ("captions", "whisper", "transcript-json"))
