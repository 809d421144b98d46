"""``episode-site serve``: serves the build on localhost and rebuilds on changes, keeping the last good site."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from generator.serve import watched_paths

ROOT = Path(__file__).resolve().parent.parent
#: Subprocesses run in a copy of the project; this puts the code under test first on their path.
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def _wait(predicate, what: str, timeout: float = 30) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}")


def test_watched_paths_cover_sources_config_templates_and_static(copy_site) -> None:
    project = copy_site()
    paths = set(watched_paths(project / "site.toml"))
    assert paths == {project / "site.toml", project / "content", project / "templates", project / "static"}


def test_serve_rebuilds_on_change_and_keeps_the_last_good_site(copy_site) -> None:
    project: Path = copy_site()
    proc = subprocess.Popen(
        [sys.executable, "-c", "from generator.cli import main; main()", "serve", "--port", "0"],
        cwd=project,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    log: list[str] = []
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()

    def read_until(needle: str, timeout: float = 60) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                line = lines.get(timeout=0.5)
            except queue.Empty:
                continue
            log.append(line)
            if needle in line:
                return line
        pytest.fail(f"no {needle!r} in serve output: {''.join(log)}")

    try:
        url = read_until("serving http://127.0.0.1:").split()[1]
        read_until("watching")
        status, home = _get(url)
        assert status == 200 and "Dwarkesh Podcast transcripts" in home
        status, missing = _get(url + "no/such/page/")
        assert status == 404 and "Page not found" in missing

        page404 = project / "templates" / "404.html"
        page404.write_text(page404.read_text().replace("Page not found", "Nothing here, friend"))
        _wait(lambda: "Nothing here, friend" in _get(url + "nope")[1], "the rebuilt 404 page")

        (project / "templates" / "index.html").write_text("{% extends 'base.html' %}{% block main %}{% if %}{% endblock %}")
        line = read_until("build failed")
        read_until("templates/index.html:1: template syntax error")
        read_until("keeping the last good site online")
        status, still = _get(url)
        assert status == 200 and "Dwarkesh Podcast transcripts" in still and "Nothing here, friend" in _get(url + "nope")[1], line
    finally:
        proc.terminate()
        proc.wait(timeout=10)
