"""Archive benchmark (a script, not a test): how builds and search grow with the number of episodes.

    python benchmarks/archive_bench.py                 # N = 1, 100 and 1000 (1000 takes minutes)
    python benchmarks/archive_bench.py --sizes 1,100   # choose N
    python benchmarks/archive_bench.py --keep /tmp/arch  # keep the generated archives there

For each N it writes N distinct synthetic episodes (benchmarks/synthetic.py:
different vocabulary, people, lengths and chapter counts, so the index grows as
a real archive's does), then, each build in a fresh process as a publisher runs
it (``python -m generator build``):

  cold      ``build --clean``: every episode read and merged, on every core
  warm      ``build`` after one word of one episode's captions changed: that
            episode merged again, the others from the cache (the summary line's
            "merged 1, from cache N-1" is checked)
  peak MiB  ru_maxrss of the building process, and of the largest merge worker
  output    bytes and files in _site/

and, if benchmarks/search_bench.py provides ``measure_search``, the search
figures in Chromium: gzip KB downloaded for a first query and for a second, ms
to first results, JS heap. Otherwise those columns read n/a.

Targets (issue 9; printed beside the figures, not asserted): cold <= 20 s at
N = 100, warm <= 3 s at 100 and <= 10 s at 1000, peak memory <= 500 MiB at 1000.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic import write_archive  # noqa: E402

TARGETS = {"cold": {100: 20.0}, "warm": {100: 3.0, 1000: 10.0}, "peak": {1000: 500.0}}


def timed_build(site_toml: Path, out: Path, *extra: str) -> dict:
    """One build in a fresh interpreter: wall seconds, its summary line, maxrss of it and of its workers."""
    cmd = [sys.executable, __file__, "--child", str(site_toml), str(out), *extra]
    t0 = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"build failed:\n{done.stdout}\n{done.stderr}")
    *summary, figures = done.stdout.strip().splitlines()
    return {"wall": wall, "summary": "\n".join(summary), **json.loads(figures)}


def child(site_toml: str, out: str, extra: list[str]) -> None:
    """Run the command in this process, then print the memory figures (Linux reports KiB)."""
    sys.path.insert(0, str(ROOT))
    from generator.cli import main

    try:
        main(["build", "--site", site_toml, "--out", out, *extra])
    except SystemExit as exc:
        if exc.code:
            raise
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({
        "maxrss_mib": me.ru_maxrss / 1024, "workers_maxrss_mib": kids.ru_maxrss / 1024,
        "cpu": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
    }))


def touch_one_episode(site_toml: Path, n: int) -> None:
    """Change one word of the middle episode's captions, as an editor would."""
    captions = site_toml.parent / "content" / f"episode-{n // 2:04d}" / "captions.vtt"
    text = captions.read_text(encoding="utf-8")
    i = text.index(">", text.index("<v ")) + 1
    captions.write_text(text[:i] + "Edited " + text[i:], encoding="utf-8")


def output_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def search_figures(site_dir: Path) -> dict | None:
    """The search columns from search_bench.measure_search, or None when that does not exist yet."""
    try:
        from search_bench import archive_queries, measure_search, typing_figures
    except ImportError:
        return None
    result = measure_search(site_dir, archive_queries(site_dir))
    queries = result["queries"]
    worst = lambda key: max(q[key] for q in queries)  # noqa: E731
    typing_median, typing_p95, _ = typing_figures(result["typing"])
    return {
        "first_kb": worst("first_kb"), "second_kb": worst("second_kb"), "first_ms": worst("first_ms"), "heap_mib": worst("heap_mib"),
        "first_ms_median": statistics.median(q["first_ms"] for q in queries),
        "typing_median": typing_median, "typing_p95": typing_p95,
    }


def measure(n: int, where: Path, search: bool) -> dict:
    """Every figure for an archive of ``n`` episodes written under ``where``."""
    site_toml = write_archive(where / f"archive{n}", n)
    out = site_toml.parent / "_site"
    cold = timed_build(site_toml, out, "--clean")
    touch_one_episode(site_toml, n)
    warm = timed_build(site_toml, out)
    expected = f"(merged 1, from cache {n - 1})" if n > 1 else "built 1 episode(s)"
    assert expected in warm["summary"], warm["summary"]
    size, files = output_size(out)
    row = {"n": n, "cold": cold, "warm": warm, "size_mb": size / 2**20, "files": files}
    row["search"] = search_figures(out) if search else None
    return row


def _verdict(kind: str, n: int, value: float) -> str:
    target = TARGETS[kind].get(n)
    if target is None:
        return ""
    return f" ({'meets' if value <= target else 'MISSES'} <= {target:g})"


def print_row(row: dict) -> None:
    n, cold, warm = row["n"], row["cold"], row["warm"]
    peak = max(cold["maxrss_mib"], warm["maxrss_mib"])
    workers = max(cold["workers_maxrss_mib"], warm["workers_maxrss_mib"])
    s = row["search"]
    na = "n/a"
    print(f"\nN = {n}")
    print(f"  cold build (--clean)   {cold['wall']:7.2f} s{_verdict('cold', n, cold['wall'])}   CPU {cold['cpu']:.1f} s")
    print(f"  warm build, 1 changed  {warm['wall']:7.2f} s{_verdict('warm', n, warm['wall'])}   CPU {warm['cpu']:.1f} s   [{warm['summary'].split(' -> ')[0]}]")
    print(f"  peak memory            {peak:7.1f} MiB{_verdict('peak', n, peak)} (build process); merge workers {workers:.1f} MiB each at most")
    print(f"  output                 {row['size_mb']:7.1f} MB in {row['files']} files")
    if s:
        print(f"  search (worst query)   first query {s['first_kb']:.1f} KB gzip, second {s['second_kb']:.1f} KB;"
              f" first results {s['first_ms']:.0f} ms (median {s['first_ms_median']:.0f}); JS heap {s['heap_mib']:.1f} MiB")
        print(f"  typing, once loaded    median {s['typing_median']:.1f} ms, p95 {s['typing_p95']:.1f} ms a keystroke")
    else:
        print(f"  search                 first query {na}, second {na}; first results {na}; JS heap {na}")


def main() -> None:
    if sys.argv[1:2] == ["--child"]:  # a build to measure: --child SITE OUT [build options]
        child(sys.argv[2], sys.argv[3], sys.argv[4:])
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1,100,1000", help="comma-separated numbers of episodes")
    parser.add_argument("--no-search", action="store_true", help="skip the Chromium search figures")
    parser.add_argument("--keep", type=Path, help="write the archives here and keep them (default: a temporary folder)")
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",")]
    print(f"python {sys.version.split()[0]}; synthetic archives of {', '.join(map(str, sizes))} episodes (~30 min each)")
    with tempfile.TemporaryDirectory() as tmp:
        where = args.keep or Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        for n in sizes:
            print_row(measure(n, where, not args.no_search))


if __name__ == "__main__":
    main()
