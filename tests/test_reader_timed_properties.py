"""Hostile input for the captions, Whisper and transcript-json readers: a source or located problems, never an exception."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import Problems
from generator.model import TimedTranscript
from generator.readers import READERS
from generator.readers.base import decode

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
SAMPLES = {p.name: p.read_bytes() for p in sorted(FIXTURES.iterdir()) if p.is_file()}
ROLES = ("captions", "whisper", "transcript-json")
EXAMPLES = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(data: bytes, role: str) -> None:
    """Read ``data`` as ``role`` (and by detection): a TimedTranscript, or problems on lines that exist."""
    problems = Problems()
    src = decode("f", data, problems)
    if src is None:
        assert problems
        return
    for reader in [READERS[role]] + [r for r in READERS.values() if r.role in ROLES and r.detect(src)]:
        problems = Problems()
        result = reader.read(src, problems)
        assert (result is None) == bool(problems), problems.items
        if result is not None:
            assert isinstance(result, TimedTranscript) and result.segments
            assert all(s.text and (s.end is None or s.end >= s.start) for s in result.segments)
        for p in problems.items:
            assert p.line is None or 1 <= p.line <= len(src.lines), p
            assert "\n" not in p.message


@EXAMPLES
@given(st.sampled_from(sorted(SAMPLES)), st.data(), st.sampled_from(ROLES))
def test_truncated_fixtures(name, data, role):
    raw = SAMPLES[name]
    check(raw[: data.draw(st.integers(0, len(raw)))], role)


@EXAMPLES
@given(st.sampled_from(sorted(SAMPLES)), st.data(), st.sampled_from(ROLES))
def test_fixtures_with_characters_changed(name, data, role):
    text = list(SAMPLES[name].decode("utf-8"))
    for _ in range(data.draw(st.integers(1, 8))):
        i = data.draw(st.integers(0, len(text) - 1))
        text[i] = data.draw(st.sampled_from(list('0123456789:.,-> <v/c&;"{}[]\n\r\tNaé') + ["-->", "\ufeff", "\u2028", "9" * 400]))
    check("".join(text).encode("utf-8"), role)


@EXAMPLES
@given(st.text(alphabet=st.sampled_from(list("0123456789:.,->< \nWEBVTTv&amp;{}[]\"startendtextbodyTime")), max_size=300), st.sampled_from(ROLES))
def test_random_text(text, role):
    check(text.encode("utf-8"), role)


@EXAMPLES
@given(st.binary(max_size=300), st.sampled_from(ROLES))
def test_random_bytes(data, role):
    check(data, role)
