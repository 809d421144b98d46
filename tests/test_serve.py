"""``episode-site serve``: serves the build on localhost and rebuilds on changes, keeping the last good site."""

from __future__ import annotations

import os
import queue
import signal
import socket
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
def child_env(**extra: str) -> dict[str, str]:
    """The environment of a child process, read when it starts (conftest points the cache elsewhere)."""
    return {**os.environ, "PYTHONPATH": str(ROOT), **extra}


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
        env=child_env(),
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


class Served:
    """``episode-site serve`` running in a subprocess, with its output read line by line."""

    def __init__(self, cwd: Path, *args: str, env: dict[str, str] | None = None) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "generator.cli", "serve", "--port", "0", *args],
            cwd=cwd,
            env=env or child_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.log: list[str] = []
        threading.Thread(target=lambda: [self.lines.put(line) for line in self.proc.stdout], daemon=True).start()

    def read_until(self, needle: str, timeout: float = 60) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                continue
            self.log.append(line)
            if needle in line:
                return line
        pytest.fail(f"no {needle!r} in serve output: {''.join(self.log)}")

    def start(self) -> str:
        """Wait until it serves and watches; return its URL."""
        url = self.read_until("serving http://127.0.0.1:").split()[1]
        self.read_until("watching")
        return url

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)


def _title(url: str) -> str:
    return _get(url)[1].split("<title>", 1)[1].split("</title>", 1)[0]


def test_serve_notices_every_save_of_site_toml_even_by_rename(copy_site) -> None:
    project: Path = copy_site()
    site_toml = project / "site.toml"
    served = Served(project)
    try:
        url = served.start()
        assert "Dwarkesh Podcast transcripts" in _title(url)
        # A safe save (sed -i, most editors): write a new file, rename it over site.toml.
        tmp = project / "site.toml.new"
        tmp.write_text(site_toml.read_text(encoding="utf-8").replace("Dwarkesh Podcast transcripts", "Renamed Over", 1), encoding="utf-8")
        os.replace(tmp, site_toml)
        _wait(lambda: "Renamed Over" in _title(url), "a rebuild after site.toml was replaced by rename")
        # The second save is the one that was lost: the watch had followed the old, deleted file.
        site_toml.write_text(site_toml.read_text(encoding="utf-8").replace("Renamed Over", "Edited In Place", 1), encoding="utf-8")
        _wait(lambda: "Edited In Place" in _title(url), "a rebuild after the next save of site.toml")
        tmp.write_text(site_toml.read_text(encoding="utf-8").replace("Edited In Place", "Renamed Again", 1), encoding="utf-8")
        os.replace(tmp, site_toml)
        _wait(lambda: "Renamed Again" in _title(url), "a rebuild after a second rename")
    finally:
        served.stop()


def test_sigterm_stops_serve_cleanly_and_removes_its_temporary_folder(copy_site, tmp_path) -> None:
    project: Path = copy_site()
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    served = Served(project, env=child_env(TMPDIR=str(tmpdir)))
    try:
        url = served.start()
        assert _get(url)[0] == 200
        assert [p.name.startswith("episode-site-serve-") for p in tmpdir.iterdir()] == [True]
        served.proc.send_signal(signal.SIGTERM)
        assert served.proc.wait(timeout=30) == 0, "".join(served.log)
        assert list(tmpdir.iterdir()) == []
    finally:
        served.stop()


def test_serve_without_a_site_build_says_so_and_serves_a_page_saying_nothing_is_built(copy_site) -> None:
    project: Path = copy_site()
    page = project / "content" / "ilya-sutskever-age-of-research" / "002_381b167b6f003a42.txt"
    good = page.read_bytes()
    page.write_bytes(b"")
    served = Served(project)
    try:
        url = served.start()
        text = "".join(served.log)
        assert "002_381b167b6f003a42.txt: file is empty" in text
        assert "keeping the last good site online" not in text
        assert "nothing to serve yet: fix the problems above and save" in text
        status, body = _get(url)
        assert status == 200 and "Nothing built yet" in body
        page.write_bytes(good)
        _wait(lambda: "Dwarkesh Podcast transcripts" in _get(url)[1], "the site once the source is fixed")
    finally:
        served.stop()


def run_serve(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """``episode-site serve`` expected to exit at once; a bounded wait, so a serve that keeps running fails the test."""
    return subprocess.run([sys.executable, "-m", "generator.cli", "serve", *args], cwd=cwd, env=child_env(),
                          capture_output=True, text=True, timeout=60)


def test_serve_without_site_toml_exits_1_with_a_message(tmp_path) -> None:
    result = run_serve("--site", str(tmp_path / "site.toml"), "--port", "0")
    assert result.returncode == 1
    assert result.stderr == f"Error: {tmp_path / 'site.toml'}: no such site config, so there is nothing to serve; run serve in a site's folder or pass --site\n"
    assert list(tmp_path.iterdir()) == []


def test_serve_on_a_busy_port_exits_1_with_one_line(copy_site) -> None:
    project: Path = copy_site()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_serve("--site", str(project / "site.toml"), "--port", str(port))
    assert result.returncode == 1
    assert result.stderr == f"Error: port {port} is already in use on 127.0.0.1: use --port 0 (any free port) or another --port\n"
    assert result.stdout == ""  # refused before building anything


def test_serve_refuses_to_write_over_the_site_folder(copy_site) -> None:
    project: Path = copy_site()
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    result = run_serve("--site", str(project / "site.toml"), "--out", str(project), "--port", "0")
    assert result.returncode == 1
    assert f"{project}: not replacing this folder: it holds site.toml" in result.stderr
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before


def test_serve_with_an_out_the_system_cannot_name_exits_1_with_one_line(copy_site) -> None:
    project: Path = copy_site()
    out = project / ("x" * 300)
    result = run_serve("--site", str(project / "site.toml"), "--out", str(out), "--port", "0")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"{out}: cannot write output here: File name too long" in result.stderr


def test_serve_into_a_read_only_out_says_so_without_a_traceback(copy_site, monkeypatch) -> None:
    """The first build failed on a read-only --out, then writing the "Nothing built yet" page there
    ended serve in OSError: [Errno 30] Read-only file system, and a traceback."""
    import errno

    import click

    import generator.serve as serve_module

    project: Path = copy_site()
    out = project.parent / "mounted-read-only"

    def read_only(self, *args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))

    monkeypatch.setattr(serve_module, "rebuild", lambda *args, **kwargs: False)  # as the build fails there
    monkeypatch.setattr(Path, "mkdir", read_only)
    with pytest.raises(click.ClickException) as caught:
        serve_module.serve(project / "site.toml", out, 0, changes=[])
    assert caught.value.message == f"{out}: cannot write the preview there: Read-only file system"


def test_the_preview_server_answers_byte_ranges_so_media_can_seek(tmp_path):
    import functools
    import http.server
    import threading
    import urllib.request

    from generator.serve import PagesHandler

    (tmp_path / "a.wav").write_bytes(bytes(range(256)) * 4)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(PagesHandler, directory=str(tmp_path)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/a.wav"
    try:
        def get(rng):
            req = urllib.request.Request(base, headers={"Range": rng})
            try:
                with urllib.request.urlopen(req, timeout=10) as r:
                    return r.status, r.headers.get("Content-Range"), r.read()
            except urllib.error.HTTPError as e:
                return e.code, e.headers.get("Content-Range"), b""

        assert get("bytes=10-19") == (206, "bytes 10-19/1024", bytes(range(10, 20)))
        assert get("bytes=1020-") == (206, "bytes 1020-1023/1024", bytes(range(252, 256)))
        assert get("bytes=-2") == (206, "bytes 1022-1023/1024", bytes([254, 255]))
        assert get("bytes=5000-")[:2] == (416, "bytes */1024")
        with urllib.request.urlopen(base, timeout=10) as r:
            assert r.status == 200 and len(r.read()) == 1024
    finally:
        httpd.shutdown()


def test_a_build_that_crashes_keeps_the_preview_up(monkeypatch, tmp_path) -> None:
    """A defect of ours in a rebuild (any exception, not a reported problem) is printed with its
    traceback and the preview keeps the last good site, as for bad input."""
    import generator.serve as serve_module

    def crash(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(serve_module, "build", crash)
    said: list[str] = []
    assert serve_module.rebuild(tmp_path / "site.toml", tmp_path / "out", lambda text, err=False: said.append(text)) is False
    assert "RuntimeError: boom" in said[0] and said[1].startswith("build crashed") and said[2] == "keeping the last good site online"


def test_the_preview_404_page_keeps_its_links_in_the_preview(tmp_path) -> None:
    """Built with a base_url, 404.html's <base> is the live site: served here, it is this server's root."""
    import functools
    import http.server

    from generator.serve import PagesHandler

    (tmp_path / "404.html").write_text('<head><base href="https://u.github.io/repo/"></head><a href="search/">Search</a>', encoding="utf-8")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(PagesHandler, directory=str(tmp_path)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        status, body = _get(f"http://127.0.0.1:{httpd.server_address[1]}/no/such/page/")
    finally:
        httpd.shutdown()
    assert status == 404 and '<base href="/">' in body and "u.github.io" not in body


def test_a_rebuild_says_what_came_from_the_cache_and_names_no_temporary_file(copy_site, tmp_path, monkeypatch) -> None:
    import watchfiles

    from generator.serve import changed_names, rebuild

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    project: Path = copy_site()
    said: list[str] = []
    echo = lambda text, err=False: said.append(text)  # noqa: E731
    assert rebuild(project / "site.toml", tmp_path / "out", echo)
    assert rebuild(project / "site.toml", tmp_path / "out", echo)
    assert said == ["built 1 episode(s), 10 chapter pages", "built 1 episode(s), 10 chapter pages (merged 0, from cache 1)"]
    # sed -i writes a temporary file beside the source and renames it over the source
    source, temporary = str(project / "content" / "a.vtt"), str(project / "content" / "sedvn9efV")
    (project / "content" / "a.vtt").write_text("WEBVTT\n", encoding="utf-8")
    batch = {(watchfiles.Change.added, temporary), (watchfiles.Change.deleted, temporary), (watchfiles.Change.modified, source)}
    assert changed_names(batch) == ["a.vtt"]
    gone = str(project / "content" / "b.vtt")  # a source deleted is named
    assert changed_names({(watchfiles.Change.deleted, gone)}) == ["b.vtt"]


def test_the_preview_server_serves_only_the_site_as_pages_would(tmp_path):
    """QA30: a link in the output to a folder outside it was served, folders were listed, and
    "/%00" printed a traceback and dropped the connection."""
    import functools
    import http.client
    import http.server
    import threading

    from generator.serve import PagesHandler

    site, outside = tmp_path / "site", tmp_path / "outside"
    (site / "docs").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.txt").write_text("secret\n", encoding="utf-8")
    (site / "outlink").symlink_to(outside)
    (site / "index.html").write_text("<p>home</p>\n", encoding="utf-8")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(PagesHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        def status(path: str) -> int:
            conn = http.client.HTTPConnection("127.0.0.1", httpd.server_address[1], timeout=10)
            conn.request("GET", path)
            code = conn.getresponse().status
            conn.close()
            return code

        assert status("/") == 200
        assert [status(p) for p in ("/outlink/secret.txt", "/outlink/", "/docs/", "/%00", "/..%2f..%2foutside/secret.txt")] == [404] * 5
    finally:
        httpd.shutdown()
