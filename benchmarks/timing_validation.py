"""Validate the timing model honestly: predict each word-level part without that part.

For every part, the episode is timed again from all the other sources; the
words the held-out part times are then compared with what the model predicted
for them. Also prints where each part was placed and why.

    python benchmarks/timing_validation.py [site.toml]
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

from generator.config import load_config
from generator.errors import Problems
from generator.merge import part_report, place_sources
from generator.model import WordPart
from generator.readers import read_sources


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main(config_path: str = "site.toml") -> None:
    config = load_config(Path(config_path))
    for ep in config.episodes:
        sources, problems = read_sources(ep, config)
        problems.raise_if_any()
        duration = ep.duration
        full = place_sources(ep, sources, duration, Problems())
        print(f"# {ep.slug}")
        for line in part_report(full.fits):
            print("placed:", line)
        for held in [f for f in full.fits if not f.absolute]:
            rest = [s for s in sources if not (isinstance(s, WordPart) and s.path == held.path)]
            clock = place_sources(ep, rest, duration, Problems())
            errors = [abs(clock.spine.time[t] - (held.offset + r)) for t, r in held.rel.items()]
            turn_starts = [t for t in held.rel if t and full.spine.speaker[t] != full.spine.speaker[t - 1]]
            turn_errors = [abs(clock.spine.time[t] - (held.offset + held.rel[t])) for t in turn_starts]
            print(
                f"without part {held.number} ({Path(held.path).name}): {len(errors)} words, "
                f"error median {statistics.median(errors):.1f}s, p90 {percentile(errors, 0.9):.1f}s, "
                f"max {max(errors):.1f}s; at {len(turn_errors)} turn starts median {statistics.median(turn_errors):.1f}s"
            )
            others = [f for f in clock.fits]
            for f in others:
                truth = next(x for x in full.fits if x.path == f.path)
                print(f"  part {truth.number} offset then {f.offset:.2f}s vs {truth.offset:.2f}s ({f.how})")


if __name__ == "__main__":
    main(*sys.argv[1:])
