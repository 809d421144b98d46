"""One episode against MkDocs-Material (a script, not a test): the same text, each built in a fresh process.

    python benchmarks/mkdocs_compare.py                      # installs both into fresh venvs (~30 s)
    python benchmarks/mkdocs_compare.py --runs 9 --mkdocs /path/to/venv/bin/mkdocs

Each tool is installed as a publisher installs it: ``pip install`` into a venv of its own
(this checkout as a wheel, not editable; mkdocs-material from the registry, unless ``--mkdocs``
names one already installed). Both then start the same way: an editable install's import
hook, or a ``.pth`` file of this machine's own site-packages (the sandbox's certifi hook),
would cost one of them ~35 ms the other does not pay.

The embedded episode is merged once; its transcript is written as an MkDocs
project with the Material theme and its built-in search, with the pages our
site has: one Markdown page per chapter (speaker and time before each passage,
as our chapter pages show them), the whole transcript on one page, and an
index page with the episode's description and chapter list. Then,
alternating so that neither gets a warmer disk, each is built ``--runs``
times from a fresh interpreter, as a publisher runs it:

  mkdocs build                       MkDocs 1.6 + Material, its search index included
  episode-site build --clean         every stage: merge, exports, pages, search index
  episode-site build                 a rebuild with nothing changed (the episode from the cache)

and the medians are printed with their ratio, wall time and the CPU seconds of each build's
processes (user + system: steadier than wall time on a shared machine). Target (issue 9):
<= 0.5x MkDocs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build import load_site  # noqa: E402
from generator.clock import format_clock  # noqa: E402


def mkdocs_project(site_toml: Path, dest: Path) -> Path:
    """The episode's text as an MkDocs-Material project; returns its mkdocs.yml."""
    site = load_site(site_toml)
    ep = site.episodes[0]
    docs = dest / "docs"
    docs.mkdir(parents=True)
    nav = [{"Episode": "index.md"}]
    index = [f"# {ep.title}", "", ep.description, "", "## Chapters", ""]
    for ch in ep.chapters:
        name = f"{ch.index + 1:02d}-{ch.slug}.md"
        index.append(f"- [{ch.title}]({name}) ({format_clock(ch.start)})")
        lines = [f"# {ch.title}", ""]
        for p in ep.chapter_passages(ch.index):
            lines += [f"**{p.speaker.name}** · {format_clock(p.start)}", "", p.text, ""]
        (docs / name).write_text("\n".join(lines), encoding="utf-8")
        nav.append({ch.title: name})
    whole = [f"# Transcript – {ep.title}", ""]
    for ch in ep.chapters:
        whole += [f"## {ch.title}", ""]
        for p in ep.chapter_passages(ch.index):
            whole += [f"**{p.speaker.name}** · {format_clock(p.start)}", "", p.text, ""]
    (docs / "transcript.md").write_text("\n".join(whole), encoding="utf-8")
    nav.append({"Transcript": "transcript.md"})
    (docs / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")
    yml = dest / "mkdocs.yml"
    entries = "\n".join(f"  - {next(iter(item))!r}: {next(iter(item.values()))}" for item in nav)
    yml.write_text(f"site_name: {site.title!r}\ntheme:\n  name: material\nplugins:\n  - search\nnav:\n{entries}\n", encoding="utf-8")
    return yml


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds, and CPU seconds of the command and every process it waited for."""
    with tempfile.TemporaryFile() as err:  # a file, not a pipe: nothing can block while we wait
        t0 = time.perf_counter()
        child = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - t0
        if status:
            err.seek(0)
            raise SystemExit(f"{' '.join(cmd)} failed:\n{err.read().decode(errors='replace')}")
    return wall, usage.ru_utime + usage.ru_stime


def installed(venv: Path, command: str, *packages: str) -> str:
    """``command`` of ``packages`` pip-installed into a fresh venv at ``venv`` (bytecode compiled, as pip does)."""
    print(f"installing {' '.join(packages)} into {venv} ...", flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run(pip + list(packages), check=True, stdout=subprocess.DEVNULL)
    return str(venv / "bin" / command)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mkdocs", help="an installed mkdocs command (default: install mkdocs-material into a fresh venv)")
    parser.add_argument("--ours", help="an installed episode-site command (default: install this checkout into a fresh venv)")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    site_toml = ROOT / "site.toml"
    with tempfile.TemporaryDirectory() as tmp:
        where = Path(tmp)
        mkdocs = args.mkdocs or installed(where / "venv-mkdocs", "mkdocs", "mkdocs-material")
        episode_site = args.ours or installed(where / "venv-ours", "episode-site", str(ROOT))
        mkdocs_project(site_toml, where / "mk")
        ours = [episode_site, "build", "--site", str(site_toml), "--out", str(where / "ours")]
        commands = {
            "mkdocs build (Material)": ([mkdocs, "build", "--quiet", "--site-dir", str(where / "mk-site")], where / "mk"),
            "episode-site build --clean": (ours + ["--clean"], ROOT),
            "episode-site build (cached)": (ours, ROOT),
        }
        for cmd, cwd in commands.values():  # warm-up: imports compiled, files in the page cache
            timed(cmd, cwd)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, (cmd, cwd) in commands.items():
                times[name].append(timed(cmd, cwd))
    walls = {name: [w for w, _ in values] for name, values in times.items()}
    cpus = {name: [c for _, c in values] for name, values in times.items()}
    base, base_cpu = (statistics.median(d["mkdocs build (Material)"]) for d in (walls, cpus))
    print(f"median of {args.runs} builds, each a fresh process (python {sys.version.split()[0]})")
    for name in times:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        print(
            f"  {name:30} {wall:6.3f} s   {wall / base:5.2f}x MkDocs   [min {min(walls[name]):.3f}, max {max(walls[name]):.3f}]"
            f"   CPU {cpu:.3f} s ({cpu / base_cpu:.2f}x)"
        )
    print("  target: episode-site <= 0.50x MkDocs")


if __name__ == "__main__":
    main()
