"""Search benchmark (a script, not a test): download size, speed and quality in Chromium.

    python benchmarks/search_bench.py              # sizes + timings
    python benchmarks/search_bench.py --quality    # also recall@5 and MRR on tests/search_queries.json
    python benchmarks/search_bench.py --quality --boosts text=1,speaker=1,chapter=2   # try other boosts

It builds the real site into a temporary folder, serves it under /repo/ the way
GitHub Pages serves a project site, and drives Debian's Chromium with Playwright.
Targets (issue 4): lunr.js + index + store <= 150 KB gzip; first results <= 100 ms
after the query; typing-to-results within a frame; recall@5 >= 90 %, MRR >= 0.75.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import statistics
import sys
import tempfile
import threading
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM, CHROMIUM_ARGS, SUBPATH, SubPathHandler  # noqa: E402

from generator.build import build  # noqa: E402
from generator.writers.search import FIELDS, build_index, dumps, js_ordered  # noqa: E402

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
    """Print raw and gzip sizes of everything a searching reader downloads."""
    files = {
        "lunr.min.js": site / "static" / "vendor" / "lunr" / "lunr.min.js",
        "search.js": site / "static" / "search.js",
        "index.json": site / "search" / "index.json",
        "store.json": site / "search" / "store.json",
    }
    total = 0
    print("download size (gzip -6)")
    for name, path in files.items():
        data = path.read_bytes()
        g = gzip_size(data)
        if name != "search.js":
            total += g
        print(f"  {name:12} {len(data) / 1024:7.1f} KB raw  {g / 1024:6.1f} KB gzip")
    print(f"  lunr.js + index + store: {total / 1024:.1f} KB gzip (target <= 150 KB)")


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``site`` under /repo/ on loopback."""
    handler = functools.partial(SubPathHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}{SUBPATH}"


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
    print(f"  first results, cold (loads lunr.js + index + store): median {statistics.median(cold):.0f} ms, max {max(cold):.0f} ms")
    print(f"  typing-to-results, warm ({len(warm)} keystrokes): median {statistics.median(warm):.1f} ms, "
          f"p95 {sorted(warm)[int(len(warm) * 0.95)]:.1f} ms, max {max(warm):.1f} ms")
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
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(tmp) / "_site"
        site = build(ROOT / "site.toml", site_dir)
        if args.boosts:
            boosts = {k: int(v) for k, v in (pair.split("=") for pair in args.boosts.split(","))}
            (site_dir / "search" / "index.json").write_text(dumps(js_ordered(build_index(site, boosts).serialize())), encoding="utf-8")
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
