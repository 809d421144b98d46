"""Search benchmark (a script, not a test): download size, speed and quality in Chromium.

    python benchmarks/search_bench.py              # the real episode: sizes + timings
    python benchmarks/search_bench.py --quality    # also recall@5 and MRR on tests/search_queries.json
    python benchmarks/search_bench.py --archive 1 100 1000     # synthetic archives: the issue 9 table
    python benchmarks/search_bench.py --site /tmp/arch1000/_site   # an archive already built

It builds the site into a temporary folder, serves it under /repo/ the way
GitHub Pages serves a project site, and drives Debian's Chromium with Playwright.
Targets (issues 4 and 9): a first query downloads <= 150 KB gzip (lunr.js, index
data and result data) at 1, 100 and 1,000 episodes; first results <= 100 ms after
the query (cold cache, loopback); typing-to-results within a frame; JS heap
< 20 MiB; recall@5 >= 90 %, MRR >= 0.75.

``measure_search(site_dir, queries)`` is importable (benchmarks/archive_bench.py).
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM, CHROMIUM_ARGS, SUBPATH  # noqa: E402

from generator.build import build  # noqa: E402
from generator.writers.search import FIELDS  # noqa: E402

QUERIES = ROOT / "tests" / "search_queries.json"
WINDOW = 45.0  # a result counts when it starts within this many seconds of the moment meant
TIMING_QUERIES = ["brain damage emotions", "AlexNet two GPUs", "neuralink", "speaker:ilya research taste", "\"age of research\""]

# Runs in the page: set the box, fire input, resolve when the results list shows this query.
TYPE_AND_WAIT = """
async (q) => {
  const box = document.getElementById('search-q') || document.getElementById('site-search');
  const results = document.getElementById('search-results');
  const t0 = performance.now();
  const done = new Promise((resolve) => {
    const check = () => results.getAttribute('data-query') === q;
    const obs = new MutationObserver(() => { if (check()) { obs.disconnect(); resolve(); } });
    obs.observe(results, { attributes: true, childList: true, subtree: true });
  });
  box.value = q;
  box.dispatchEvent(new Event('input', { bubbles: true }));
  await done;
  return performance.now() - t0;
}
"""


def gzip_size(data: bytes) -> int:
    """Bytes on the wire with gzip at level 6, what GitHub Pages' servers use by default."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def report_sizes(site: Path) -> None:
    """Print the index's size on disk and what a reader downloads before any query."""
    folder = site / "search"
    files = [p for p in folder.rglob("*.js")]
    raw = sum(p.stat().st_size for p in files)
    gz = sum(gzip_size(p.read_bytes()) for p in files)
    fixed = {name: gzip_size((site / rel).read_bytes()) for name, rel in (
        ("lunr.min.js", "static/vendor/lunr/lunr.min.js"), ("search.js", "static/search.js"),
        ("manifest.js", "search/manifest.js"), ("episodes.js", "search/episodes.js"))}
    print(f"search index on disk: {len(files)} files, {raw / 2**20:.1f} MB raw, {gz / 2**20:.1f} MB gzip")
    print("  loaded before any query: " + ", ".join(f"{k} {v / 1024:.1f} KB" for k, v in fixed.items()) + " (gzip -6)")


class Served:
    """A loopback server of the site in a process of its own, as a real one is: served by a thread
    of this process, it waited on the GIL with Playwright's client, which drives the browser from
    here. The eight commonest words at 100 episodes, first results in 111-155 ms (three runs) that
    way, 94-103 ms served by another process."""

    def __init__(self, site: Path) -> None:
        code = (
            "import functools, http.server, sys\n"
            f"sys.path.insert(0, {str(ROOT / 'tests')!r})\n"
            "from conftest import SubPathHandler\n"
            f"handler = functools.partial(SubPathHandler, directory={str(site)!r})\n"
            "httpd = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)\n"
            "print(httpd.server_address[1], flush=True)\n"
            "httpd.serve_forever()\n"
        )
        self.process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.port = int(self.process.stdout.readline())

    def shutdown(self) -> None:
        self.process.terminate()
        self.process.wait()


def serve(site: Path) -> tuple[Served, str]:
    """Serve ``site`` under /repo/ on loopback."""
    served = Served(site)
    return served, f"http://127.0.0.1:{served.port}{SUBPATH}"


def _search_bytes(site: Path, urls: list[str], kinds: dict[str, list[int]] | None = None) -> int:
    """gzip bytes of the search files among ``urls`` (lunr.js, search/*; not search.js, not pages).

    ``kinds`` collects [files, bytes] per kind: lunr+manifest, t/ shards, x/ tail pages, p/ chunks.
    """
    total = 0
    for url in urls:
        rel = urllib.parse.urlparse(url).path.split(SUBPATH, 1)[-1]
        if rel.startswith("search/") and rel.endswith(".js") or rel.endswith("lunr.min.js"):
            size = gzip_size((site / urllib.parse.unquote(rel)).read_bytes())
            total += size
            if kinds is not None:
                kind = rel.split("/")[1] if rel.count("/") >= 2 and rel.startswith("search/") else "fixed"
                kinds.setdefault(kind, [0, 0])
                kinds[kind][0] += 1
                kinds[kind][1] += size
    return total


def measure_search(site_dir: Path, queries: list[str], browser=None) -> dict:
    """For each query, on a cold page of search/: gzip bytes and ms to first results, then a second query.

    Returns {"queries": [{"query", "first_kb", "first_ms", "second_query", "second_kb", "heap_mib"}],
    "index_files", "index_mb_raw", "index_mb_gzip"}.  Opens Chromium itself unless given one.
    """
    from playwright.sync_api import sync_playwright

    site_dir = Path(site_dir)
    files = list((site_dir / "search").rglob("*.js"))
    out: dict = {
        "index_files": len(files),
        "index_mb_raw": sum(p.stat().st_size for p in files) / 2**20,
        "index_mb_gzip": sum(gzip_size(p.read_bytes()) for p in files) / 2**20,
        "queries": [],
    }
    httpd, base = serve(site_dir)
    pw = None
    try:
        if browser is None:
            pw = sync_playwright().start()
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + ["--enable-precise-memory-info"], headless=True)
        out["typing"] = measure_typing(browser, base, queries)
        for i, q in enumerate(queries):
            second = queries[(i + 1) % len(queries)]
            context = browser.new_context()
            page = context.new_page()
            seen: list[str] = []
            page.on("requestfinished", lambda r: seen.append(r.url))
            page.goto(base + "search/")
            page.wait_for_load_state("networkidle")  # lunr.js, manifest.js and episodes.js load with the page
            ms = page.evaluate(TYPE_AND_WAIT, q)
            kinds: dict[str, list[int]] = {}
            first = _search_bytes(site_dir, seen, kinds)
            # The filters' lists load after the first results.
            # (a site of one episode has no Episode list: nothing to wait for)
            page.wait_for_function("() => { const e = document.getElementById('search-episode'); return !e || e.hasAttribute('data-filled'); }", timeout=30000)
            filters = _search_bytes(site_dir, [u for u in seen if u.endswith("/search/episodes.js")])
            before = len(seen)
            page.evaluate(TYPE_AND_WAIT, second)
            page.wait_for_load_state("networkidle")
            cdp = context.new_cdp_session(page)
            cdp.send("HeapProfiler.collectGarbage")
            heap = cdp.send("Runtime.getHeapUsage")["usedSize"]
            out["queries"].append({
                "query": q, "first_kb": first / 1024, "first_ms": ms, "second_query": second,
                "first_files": {k: (n, b / 1024) for k, (n, b) in kinds.items()}, "filters_kb": filters / 1024,
                "second_kb": _search_bytes(site_dir, seen[before:]) / 1024, "heap_mib": heap / 2**20,
            })
            context.close()
    finally:
        if pw is not None:
            browser.close()
            pw.stop()
        httpd.shutdown()
    return out


def measure_typing(browser, base: str, queries: list[str], passes: int = 2) -> list[float]:
    """ms from a keystroke to its results shown, every prefix of every query as typed, once loaded.

    One page types every prefix once first, so each has loaded the shards, tail pages and store
    chunks it needs; then each keystroke is timed ``passes`` times over.
    """
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "search/")
    page.wait_for_load_state("networkidle")
    typed = [q[:i] for q in queries for i in range(1, len(q) + 1) if q[:i].strip()]
    for text in typed:
        page.evaluate(TYPE_AND_WAIT, text)
    times = [page.evaluate(TYPE_AND_WAIT, text) for _ in range(passes) for text in typed]
    context.close()
    return times


def typing_figures(times: list[float]) -> tuple[float, float, float]:
    """Median, 95th percentile and max of keystroke-to-results times (ms)."""
    ordered = sorted(times)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.95)], ordered[-1]


def archive_queries(site_dir: Path) -> list[str]:
    """Queries over a synthetic archive: a common, a middling and a rare word, two words, three words, a prefix,
    a phrase, a common word said by the host (a speaker filter on a name in half the passages), and the eight
    commonest words together (proving their first page exact would take most of their tails)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import host, vocabulary

    vocab = vocabulary()
    return [vocab[0], vocab[300], vocab[8000], f"{vocab[40]} {vocab[3000]}", f"{vocab[2]} {vocab[20]} {vocab[500]}",
            vocab[1200][:3], f'"{vocab[5]} {vocab[6]}"', f"speaker:{host().split()[-1].lower()} {vocab[40]}", " ".join(vocab[:8])]


def print_table(rows: list[tuple[str, dict]]) -> None:
    """The issue 9 table: one line per site and query."""
    print(f"{'site':>10} {'query':28} {'1st KB gz':>9} {'1st ms':>7} {'2nd KB gz':>9} {'heap MiB':>8}  first query's files (count, KB)")
    for name, result in rows:
        for r in result["queries"]:
            files = " ".join(f"{k} {n} {kb:.0f}" for k, (n, kb) in sorted(r["first_files"].items()))
            print(f"{name:>10} {r['query'][:28]:28} {r['first_kb']:9.1f} {r['first_ms']:7.0f} {r['second_kb']:9.1f} {r['heap_mib']:8.1f}  {files}")
        worst = max(r["first_kb"] for r in result["queries"])
        median, p95, most = typing_figures(result["typing"])
        print(f"{'':>10} typing-to-results once loaded ({len(result['typing'])} keystrokes): median {median:.1f} ms, "
              f"p95 {p95:.1f} ms, max {most:.1f} ms (target: one frame, 16.7 ms)")
        print(f"{'':>10} index {result['index_files']} files, {result['index_mb_raw']:.2f} MB raw, "
              f"{result['index_mb_gzip']:.2f} MB gzip; worst first query {worst:.1f} KB (target <= 150); "
              f"filters' lists after the first results {result['queries'][0]['filters_kb']:.1f} KB")


def report_timings(browser, base: str) -> None:
    """First results after a query on a cold page (loads included), then typing-to-results warm."""
    cold = []
    for q in TIMING_QUERIES:
        context = browser.new_context()
        page = context.new_page()
        page.goto(base + "search/")
        cold.append(page.evaluate(TYPE_AND_WAIT, q))
        context.close()
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "search/")
    page.evaluate(TYPE_AND_WAIT, "warm up")
    warm = []
    for q in TIMING_QUERIES * 4:
        for i in range(2, len(q) + 1):  # every prefix, as if typed
            warm.append(page.evaluate(TYPE_AND_WAIT, q[:i]))
    nav = []
    for q in TIMING_QUERIES:
        page.goto(base + "search/?q=" + urllib.parse.quote(q))
        page.wait_for_function("q => document.getElementById('search-results').getAttribute('data-query') === q", arg=q)
        nav.append(page.evaluate("performance.now()"))
    context.close()
    print("speed in Chromium (headless, this machine, loopback server)")
    print(f"  first results, cold (loads lunr.js, manifest, shards, chunks): median {statistics.median(cold):.0f} ms, max {max(cold):.0f} ms")
    median, p95, most = typing_figures(warm)
    print(f"  typing-to-results, warm ({len(warm)} keystrokes): median {median:.1f} ms, p95 {p95:.1f} ms, max {most:.1f} ms")
    print(f"  search/?q= page load to results shown: median {statistics.median(nav):.0f} ms (from navigation start)")


def report_quality(browser, base: str) -> tuple[float, float]:
    """recall@5 and MRR (over the first 10) of the query set, through search/?q= as a reader would."""
    queries = json.loads(QUERIES.read_text(encoding="utf-8"))
    context = browser.new_context()
    page = context.new_page()
    hits5 = 0
    rr_total = 0.0
    misses = []
    for item in queries:
        q = item["query"]
        page.goto(base + "search/?q=" + urllib.parse.quote(q))
        page.wait_for_function("q => document.getElementById('search-results').getAttribute('data-query') === q", arg=q)
        starts = [float(s) for s in page.eval_on_selector_all("#search-results a[data-start]", "els => els.map(e => e.dataset.start)")]
        rank = next((i + 1 for i, s in enumerate(starts[:10]) if abs(s - item["seconds"]) <= WINDOW), None)
        if rank is not None and rank <= 5:
            hits5 += 1
        rr_total += 1 / rank if rank else 0.0
        if rank != 1:
            misses.append(f"    rank {rank or '-':>2}  {q!r} (moment {item['seconds']} s; top: {starts[:3]})")
    context.close()
    recall, mrr = hits5 / len(queries), rr_total / len(queries)
    print(f"quality on {len(queries)} queries ({QUERIES.relative_to(ROOT)})")
    print(f"  recall@5 {recall:.1%} (target >= 90 %)   MRR {mrr:.3f} (target >= 0.75)")
    if misses:
        print("  not first:")
        print("\n".join(misses))
    return recall, mrr


def main() -> None:
    """Build, serve and measure; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quality", action="store_true", help="run tests/search_queries.json and print recall@5 and MRR")
    parser.add_argument("--boosts", default="", help="override field boosts, e.g. text=1,speaker=1,chapter=2")
    parser.add_argument("--no-timing", action="store_true", help="skip the speed figures")
    parser.add_argument("--archive", type=int, nargs="*", help="synthetic archives of these many episodes (e.g. 1 100 1000)")
    parser.add_argument("--site", type=Path, nargs="*", help="built synthetic archives (their _site folders) to measure")
    args = parser.parse_args()
    if args.archive or args.site:
        rows = []
        for site_dir in args.site or []:
            rows.append((site_dir.parent.name, measure_search(site_dir, archive_queries(site_dir))))
        for n in args.archive or []:
            import time

            from synthetic import write_archive

            with tempfile.TemporaryDirectory() as tmp:
                t0 = time.perf_counter()
                build(write_archive(Path(tmp), n), Path(tmp) / "_site")
                print(f"built {n} episodes in {time.perf_counter() - t0:.0f} s")
                rows.append((f"{n} ep", measure_search(Path(tmp) / "_site", archive_queries(Path(tmp) / "_site"))))
        print_table(rows)
        return

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(tmp) / "_site"
        site = build(ROOT / "site.toml", site_dir)
        if args.boosts:
            from generator.writers import search as writer

            boosts = {k: int(v) for k, v in (pair.split("=") for pair in args.boosts.split(","))}
            shutil.rmtree(site_dir / "search" / "t")
            for rel, text in writer.search_files(site, boosts).items():
                if rel.startswith("t/") or rel == "manifest.js":
                    (site_dir / "search" / rel).parent.mkdir(parents=True, exist_ok=True)
                    (site_dir / "search" / rel).write_text(text, encoding="utf-8")
        print("boosts:", args.boosts or ", ".join(f"{name}={boost}" for name, _, boost in FIELDS))
        report_sizes(site_dir)
        httpd, base = serve(site_dir)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
                if not args.no_timing:
                    report_timings(browser, base)
                if args.quality:
                    report_quality(browser, base)
                browser.close()
        finally:
            httpd.shutdown()


if __name__ == "__main__":
    main()
