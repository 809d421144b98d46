"""The AI summary reader keeps the takeaways once and drops the site's boilerplate."""

from __future__ import annotations

from generator.readers.summary import READER
from helpers import read_text

from conftest import SEEDS


def test_real_summary():
    summary, problems = read_text(READER, (SEEDS / "002_381b167b6f003a42.txt").read_text(encoding="utf-8"))
    assert problems == []
    assert [t.title for t in summary.takeaways] == [
        "RL Training Limitations",
        "Pretraining vs Human Learning",
        "Value Functions as Emotions",
        "Deployment Strategy Shift",
        "Research Era Returns",
    ]
    assert summary.covers.startswith("Ilya Sutskever explains why AI development shifts")
    assert summary.notable.startswith("Sutskever reveals he cannot discuss")
    everything = summary.covers + summary.notable + " ".join(t.text for t in summary.takeaways)
    for boilerplate in ("Monday", "Pick Your Podcasts", "Unsubscribe", "Know someone"):
        assert boilerplate not in everything


def test_summary_without_takeaways_is_a_problem():
    _, problems = read_text(READER, "AI-Generated Summary\n\nWhat It Covers\n\nThings.\n")
    assert problems == ["src.txt: no key takeaways found under a 'Key Takeaways' heading"]
