"""Build benchmark (a script, not a test): wall time, where it goes, peak memory, hotspots.

    python benchmarks/build_bench.py               # real episode + the 3-hour episode
    python benchmarks/build_bench.py --runs 9      # more runs per median
    python benchmarks/build_bench.py --profile 30  # also cProfile one real build, top 30 rows
    python benchmarks/build_bench.py --no-long     # real episode only

For each site it builds into a temporary folder ``--runs`` times (after one
warm-up build that pays for imports and template compilation) and prints the
median of:

  total     generator.build.build, start to finish, as build() measures itself
  load      site.toml and the output-folder check
  episodes  the cache lookup, then per episode: reading and merging, cutting the exports,
            rendering its pages and store, tokenizing it for the index
            and writing those files as each episode is done
  write     the site's own pages, the site-wide index, and the swap into place

Every build here is ``clean=True`` (``--clean``): the episode cache would
otherwise turn every build after the warm-up into a cache hit.

build() reports these through its ``timings`` dict, so the figures are the
stages the build really runs; the report checks their sum against the total.

Peak memory is measured two ways: tracemalloc's peak for one in-process build
(Python allocations only; tracemalloc slows the build, so it runs separately),
and ru_maxrss of a fresh interpreter that imports the generator and builds
once (the whole process, interpreter and C libraries included), beside the
maxrss of one that only imports it.

The 3-hour episode is the real one with the podcast page's transcript said
twice: chapters repeated with their times shifted by the episode's length
(1:36:03), duration 3:12:06 in site.toml. The word-level parts and the edited
text stay as they are, except that part 6's header states the episode length
and is changed to 3h 12m 6s, or the build rightly refuses it.

Targets (printed, not asserted): < 1 s for the episode, < 3 s for 3 hours.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import generator.build as build_mod  # noqa: E402
from generator.clock import parse_clock  # noqa: E402

EPISODE = "content/ilya-sutskever-age-of-research"
PAGE = "003_6a06623c62d9b10e.txt"
HEADED_PART = "000_bda1352659bf82d4.txt"
TARGETS = {"real episode (1:36:03)": 1.0, "3-hour episode (3:12:06)": 3.0}
_CHAPTER = re.compile(r"^\((\d+:\d\d:\d\d)\)(\s*[-–—].*)$")


# --- timing ---------------------------------------------------------------------------------------

#: The stages build() times itself (generator.build.build(..., timings=)), in the order they run.
LOAD_STAGES = ("cache", "merge")
MERGE_STAGES = ("read+merge", "exports", "pages", "index", "files")  # inside "merge", for episodes merged in-process
WRITE_STAGES = ("render", "search", "swap")


def time_builds(site_toml: Path, runs: int) -> dict[str, list[float]]:
    """Per-stage seconds for ``runs`` builds (after one warm-up), each into a fresh folder.

    The stage times come from build() itself, so they are the code the build really runs.
    """
    samples: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        build_mod.build(site_toml, Path(tmp) / "warmup", clean=True)
        for k in range(runs):
            timings: dict[str, float] = {}
            t0 = time.perf_counter()
            build_mod.build(site_toml, Path(tmp) / f"out{k}", timings=timings, clean=True)
            timings["wall"] = time.perf_counter() - t0
            for label, seconds in timings.items():
                samples.setdefault(label, []).append(seconds)
    return samples


def tracemalloc_peak(site_toml: Path) -> float:
    """MiB: tracemalloc's peak over one build (imports and templates already warm)."""
    with tempfile.TemporaryDirectory() as tmp:
        build_mod.build(site_toml, Path(tmp) / "warmup", clean=True)
        tracemalloc.start()
        try:
            build_mod.build(site_toml, Path(tmp) / "out", clean=True)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    return peak / 2**20


def child_maxrss(site_toml: Path | None) -> float:
    """MiB: ru_maxrss of a fresh interpreter that imports the generator and (if given) builds once."""
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, __file__, "--child", str(site_toml) if site_toml else "-", "--child-out", str(Path(tmp) / "out")]
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    kib = json.loads(done.stdout.strip().splitlines()[-1])["maxrss_kib"]
    return kib / 1024  # Linux reports KiB


def child_main(site: str, out: str) -> None:
    if site != "-":
        build_mod.build(Path(site), Path(out), clean=True)
    print(json.dumps({"maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))


# --- the 3-hour episode ---------------------------------------------------------------------------


def _hms(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


def make_long_site(dest: Path) -> tuple[Path, dict[str, int]]:
    """The real episode with its verbatim transcript twice; returns site.toml and a few counts."""
    shutil.copytree(ROOT / EPISODE, dest / EPISODE)
    toml = (ROOT / "site.toml").read_text(encoding="utf-8")
    m = re.search(r'^duration = "([^"]+)"$', toml, re.M)
    length = parse_clock(m.group(1))
    assert length == 5763, m.group(1)
    toml = toml.replace(m.group(0), f'duration = "{_hms(2 * length).lstrip("0")}"')
    (dest / "site.toml").write_text(toml, encoding="utf-8")

    page = dest / EPISODE / PAGE
    lines = page.read_text(encoding="utf-8").split("\n")
    t_index = lines.index("Transcript")
    chapter_rows = [i for i, line in enumerate(lines[:t_index]) if _CHAPTER.match(line)]
    shifted = []
    for i in chapter_rows:
        cm = _CHAPTER.match(lines[i])
        shifted += ["", f"({_hms(parse_clock(cm.group(1)) + length)}){cm.group(2)}"]
    last = chapter_rows[-1]
    transcript = lines[t_index + 1 :]
    while transcript and not transcript[-1].strip():
        transcript.pop()
    new = lines[: last + 1] + shifted + lines[last + 1 : t_index + 1] + transcript + [""] + transcript + [""]
    page.write_text("\n".join(new), encoding="utf-8")

    part = dest / EPISODE / HEADED_PART
    text = part.read_text(encoding="utf-8")
    stamp = re.search(r"^(\d{4}-\d\d-\d\d_\d\d-\d\d • )1h 36m 3s$", text, re.M)
    assert stamp, "part 6's header changed; update the benchmark"
    part.write_text(text.replace(stamp.group(0), stamp.group(1) + "3h 12m 6s", 1), encoding="utf-8")
    words = sum(len(line.split()) for line in transcript)
    return dest / "site.toml", {"chapters": 2 * len(chapter_rows), "verbatim words": 2 * words}


# --- report -----------------------------------------------------------------------------------------


def report(name: str, site_toml: Path, runs: int) -> None:
    samples = time_builds(site_toml, runs)
    med = {label: statistics.median(v) for label, v in samples.items()}
    target = TARGETS[name]
    verdict = "meets" if med["total"] < target else "MISSES"
    print(f"\n{name}")
    print(f"  build, median of {runs}: {med['total']:.3f} s   (target < {target:.0f} s: {verdict})   "
          f"[min {min(samples['total']):.3f}, max {max(samples['total']):.3f}]")
    load_parts = sum(med.get(k, 0) for k in LOAD_STAGES)
    write_parts = sum(med.get(k, 0) for k in WRITE_STAGES)
    print(f"    load                 {med['load']:.3f} s  (site.toml, output-folder check)")
    merge_parts = sum(med.get(k, 0) for k in MERGE_STAGES)
    print(f"    episodes             {med['episodes']:.3f} s  = cache lookup {med.get('cache', 0):.3f}"
          f" + episode {med.get('merge', 0):.3f} + other {med['episodes'] - load_parts:.3f}")
    print(f"      episode            {med.get('merge', 0):.3f} s  = read and merge {med.get('read+merge', 0):.3f}"
          f" + exports {med.get('exports', 0):.3f} + pages and store {med.get('pages', 0):.3f}"
          f" + index terms {med.get('index', 0):.3f} + written to disk {med.get('files', 0):.3f} + other {med.get('merge', 0) - merge_parts:.3f}")
    print(f"    write                {med['write']:.3f} s  = site pages {med.get('render', 0):.3f}"
          f" + search index {med.get('search', 0):.3f} + swap {med.get('swap', 0):.3f} + other {med['write'] - write_parts:.3f}")
    stages = med["load"] + load_parts + write_parts
    print(f"    check: timed stages sum to {stages:.3f} s of build()'s {med['total']:.3f} s ({stages / med['total']:.0%});"
          f" wall time around the call {med['wall']:.3f} s")
    print(f"  peak memory: tracemalloc {tracemalloc_peak(site_toml):.1f} MiB (Python heap, one build);"
          f" maxrss {child_maxrss(site_toml):.1f} MiB for a fresh process that builds once")


def profile(site_toml: Path, rows: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        build_mod.build(site_toml, Path(tmp) / "warmup", clean=True)
        prof = cProfile.Profile()
        prof.enable()
        build_mod.build(site_toml, Path(tmp) / "out", clean=True)
        prof.disable()
    for key, title in (("tottime", "own time"), ("cumulative", "cumulative time")):
        buf = io.StringIO()
        stats = pstats.Stats(prof, stream=buf).strip_dirs().sort_stats(key)
        stats.print_stats(rows)
        body = buf.getvalue()
        start = body.find("   ncalls")
        print(f"\ncProfile of one real-episode build (warm), top {rows} by {title}:")
        print(body[start:].rstrip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", type=int, default=0, metavar="ROWS", help="cProfile one real build, print ROWS rows")
    parser.add_argument("--no-long", action="store_true", help="skip the 3-hour episode")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--child-out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_main(args.child, args.child_out)
        return

    print(f"python {sys.version.split()[0]}; build() of {ROOT / 'site.toml'}")
    print(f"a fresh process that only imports the generator: maxrss {child_maxrss(None):.1f} MiB")
    report("real episode (1:36:03)", ROOT / "site.toml", args.runs)
    if not args.no_long:
        with tempfile.TemporaryDirectory() as tmp:
            site_toml, counts = make_long_site(Path(tmp))
            print(f"\n(3-hour site: {counts['chapters']} chapters, {counts['verbatim words']:,} verbatim words)")
            report("3-hour episode (3:12:06)", site_toml, args.runs)
    if args.profile:
        profile(ROOT / "site.toml", args.profile)


if __name__ == "__main__":
    main()
