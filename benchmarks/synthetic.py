"""A synthetic archive: N distinct episodes, written as a site folder, for benchmarks and archive tests.

Copies of one episode hide how an archive grows: their index has one
episode's vocabulary. Here each episode draws its words from a Zipf
distribution over a shared vocabulary (the common words every episode
says) plus topic words of its own (names, jargon), so the number of distinct
terms grows with the archive as a real show's does (Heaps' law). Lengths and
chapter counts differ too, and the guests; the host is the same in most
episodes, as a show's is, so their name is in half the archive's passages. Sources are WebVTT with voice tags
and a Podcasting 2.0 chapters file, so a build exercises the readers, the
merge and every writer.

    python benchmarks/synthetic.py OUT_DIR N [--minutes 30]
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import random
from pathlib import Path

SYLLABLES = [c + v for c in "bcdfghjklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "ou", "ea")]
COMMON = 20000  # words every episode may say, ranked by frequency
ZIPF = 1.07  # English word frequencies fall off about as 1/rank
TOPIC = 300  # words of an episode's own topic
TOPIC_SHARE = 0.06  # how many of an episode's words are topic words
STAND_IN = 20  # one episode in this many has a stand-in host


def _word(rng: random.Random, lo: int = 1, hi: int = 4) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(lo, hi)))


def vocabulary(seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    words: dict[str, None] = {}
    while len(words) < COMMON:
        words[_word(rng)] = None
    return list(words)


def _cumulative(n: int) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank + 1) ** ZIPF for rank in range(n)))


def _stamp(t: float) -> str:
    ms = round(t * 1000)  # whole milliseconds first: 59.9996 s must not print as "60.000"
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    return f"{h:02d}:{m:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def _name(rng: random.Random) -> str:
    return f"{_word(rng, 1, 2).title()} {_word(rng, 2, 3).title()}"


def host() -> str:
    """The show's host, in every episode but the stand-ins'."""
    return _name(random.Random(7))


def episode(k: int, vocab: list[str], cum: list[float], minutes: float) -> tuple[dict, str, str]:
    """Episode ``k``: its site.toml table, its captions and its chapters JSON."""
    rng = random.Random(1000 + k)
    topic = [_word(rng, 2, 5) for _ in range(TOPIC)]
    guests = [_name(rng) for _ in range(rng.choice((0, 1, 1, 1, 2, 3)))]
    people = [_name(rng) if k % STAND_IN == STAND_IN - 1 else host()] + guests
    length = max(120.0, rng.uniform(0.4, 1.6) * minutes * 60)
    total = cum[-1]
    lines = ["WEBVTT", ""]
    t, n = 0.5, 0
    speaker = 0
    while t < length - 5:
        if n % rng.randint(3, 12) == 0 and len(people) > 1:
            speaker = (speaker + rng.randint(1, len(people) - 1)) % len(people)
        words = []
        for _ in range(rng.randint(6, 14)):
            if rng.random() < TOPIC_SHARE:
                words.append(rng.choice(topic))
            else:
                words.append(vocab[bisect.bisect_left(cum, rng.random() * total)])
        words[0] = words[0].title()
        text = " ".join(words) + rng.choice((".", ".", ",", "?"))
        span = 0.06 * len(text)
        n += 1
        lines += [str(n), f"{_stamp(t)} --> {_stamp(min(t + span, length))}", f"<v {people[speaker]}>{text}", ""]
        t += span + rng.uniform(0.05, 0.6)
    chapters = sorted({0.0} | {round(rng.uniform(30, length - 30)) * 1.0 for _ in range(rng.randint(0, 14))})
    chapter_json = {"version": "1.2.0", "chapters": [{"startTime": c, "title": " ".join(rng.choice(topic) for _ in range(rng.randint(2, 5))).capitalize()} for c in chapters]}
    year = 2015 + k % 11
    table = {
        "slug": f"episode-{k:04d}",
        "title": f"Episode {k}: " + " ".join(rng.choice(topic) for _ in range(4)).capitalize(),
        "show": "Synthetic Show",
        "published": f"{year}-{1 + k % 12:02d}-{1 + k % 28:02d}",
        "duration": round(length),
        "people": people,
        "description": " ".join(vocab[bisect.bisect_left(cum, rng.random() * total)] for _ in range(40)).capitalize() + ".",
    }
    return table, "\n".join(lines) + "\n", json.dumps(chapter_json, indent=1) + "\n"


def write_archive(out: Path, n: int, minutes: float = 30.0) -> Path:
    """Write ``n`` episodes as a site under ``out``; return its site.toml."""
    vocab = vocabulary()
    cum = _cumulative(len(vocab))
    toml = ['title = "Synthetic archive"', ""]
    for k in range(n):
        table, captions, chapters = episode(k, vocab, cum, minutes)
        folder = out / "content" / table["slug"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "captions.vtt").write_text(captions, encoding="utf-8")
        (folder / "chapters.json").write_text(chapters, encoding="utf-8")
        toml += ["[[episodes]]"]
        for key in ("slug", "title", "show", "published", "description"):
            toml.append(f"{key} = {json.dumps(table[key])}")
        toml.append(f"duration = {table['duration']}")
        for i, name in enumerate(table["people"]):
            toml += ["[[episodes.people]]", f"name = {json.dumps(name)}"] + (["host = true"] if i == 0 else [])
        toml.append("")
    path = out / "site.toml"
    path.write_text("\n".join(toml), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--minutes", type=float, default=30.0, help="average episode length")
    args = parser.parse_args()
    print(write_archive(args.out, args.n, args.minutes))


if __name__ == "__main__":
    main()
