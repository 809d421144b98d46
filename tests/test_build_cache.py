"""Builds of an archive: episodes merged on every core, unchanged ones from the cache, same output."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import cache as cache_mod
from generator.build import BuildStats, build, worker_count
from generator.cache import EpisodeCache
from generator.config import load_config
from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
EPISODES = 4


def _synthetic():
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(autouse=True)
def user_cache(tmp_path: Path, monkeypatch) -> Path:
    """The user's cache folder, private to the test."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    return tmp_path / "user-cache"


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """site.toml of a small archive of distinct short episodes."""
    return _synthetic().write_archive(tmp_path / "archive", EPISODES, minutes=2)


def cache_dir(site: Path) -> Path:
    return EpisodeCache.of(load_config(site)).folder


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def cli_build(site: Path, out: Path, *extra: str):
    result = CliRunner().invoke(main, ["build", "--site", str(site), "--out", str(out), *extra], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def change_one_cue(site: Path, slug: str = "episode-0002") -> None:
    """A publisher's edit: one word of one episode's captions."""
    captions = site.parent / "content" / slug / "captions.vtt"
    text = captions.read_text(encoding="utf-8")
    i = text.index("<v ")
    i = text.index(">", i) + 1
    captions.write_text(text[:i] + "Zebra " + text[i:], encoding="utf-8")


def test_rebuild_merges_only_the_changed_episode_and_matches_a_clean_build(archive, tmp_path):
    out = tmp_path / "_site"
    first = cli_build(archive, out)
    assert "from cache" not in first  # nothing cached yet: every episode merged
    change_one_cue(archive)
    again = cli_build(archive, out)
    assert f"built {EPISODES} episode(s)" in again and f"(merged 1, from cache {EPISODES - 1})" in again
    assert "Zebra" in (out / "episode-0002" / "transcript.vtt").read_text(encoding="utf-8")
    warm = tree(out)
    clean = cli_build(archive, tmp_path / "clean", "--clean")
    assert "from cache" not in clean
    assert tree(tmp_path / "clean") == warm


def test_a_rebuild_links_unchanged_episodes_files_and_writes_the_rest(archive, tmp_path):
    """Files of episodes the last build made from the same inputs are hard links to its
    output, not written again; the changed episode, a file edited by hand since, and
    every file of a --clean build are written afresh."""
    out = tmp_path / "_site"
    cli_build(archive, out)
    inode = lambda rel: (out / rel).stat().st_ino  # noqa: E731
    before = {rel: inode(rel) for rel in ("episode-0001/index.html", "episode-0002/index.html", "episode-0003/index.html")}
    edited = out / "episode-0003" / "index.html"
    edited.write_text(edited.read_text(encoding="utf-8") + "<!-- by hand -->", encoding="utf-8")
    change_one_cue(archive, "episode-0002")
    cli_build(archive, out)
    assert inode("episode-0001/index.html") == before["episode-0001/index.html"]  # linked
    assert inode("episode-0002/index.html") != before["episode-0002/index.html"]  # merged again
    assert "by hand" not in edited.read_text(encoding="utf-8")  # a size that differs is written afresh
    clean = tmp_path / "clean"
    cli_build(archive, clean, "--clean")
    assert tree(clean) == tree(out)
    kept = inode("episode-0001/index.html")
    cli_build(archive, out, "--clean")
    assert inode("episode-0001/index.html") != kept


def test_a_file_edited_by_hand_keeping_its_size_is_made_afresh(archive, tmp_path):
    # `sed -i 's/Hour/HOUR/'` on a built page survived every rebuild but --clean
    out = tmp_path / "_site"
    cli_build(archive, out)
    page = out / "episode-0001" / "index.html"
    made = page.read_bytes()
    time.sleep(0.01)  # a file system's clock ticks: the edit comes after the build
    page.write_bytes(made.replace(b"<title>", b"<TITLE>", 1))
    assert page.read_bytes() != made and len(page.read_bytes()) == len(made)
    cli_build(archive, out)
    assert page.read_bytes() == made


def test_a_source_edited_while_the_build_runs_leaves_no_entry_of_what_it_no_longer_says(archive, tmp_path, monkeypatch):
    """The cache key was made of the sources as the build began and the merge read them again
    later: an edit in between was stored under the old bytes' key, and once the edit was undone,
    every build published the edit from the cache (a sync client, a `git stash` during a build)."""
    import generator.build as build_mod

    out = tmp_path / "_site"
    cli_build(archive, out)
    change_one_cue(archive)  # the publisher's edit, which this build is for
    captions = archive.parent / "content" / "episode-0002" / "captions.vtt"
    wanted = captions.read_text(encoding="utf-8")
    real = build_mod.read_sources

    def edited_meanwhile(episode, site, *args, **kwargs):
        if episode.slug == "episode-0002":  # another edit lands while the build runs
            captions.write_text(wanted.replace("Zebra", "Poison"), encoding="utf-8")
        return real(episode, site, *args, **kwargs)

    monkeypatch.setattr(build_mod, "read_sources", edited_meanwhile)
    cli_build(archive, out)
    monkeypatch.setattr(build_mod, "read_sources", real)
    captions.write_text(wanted, encoding="utf-8")  # and is undone
    cli_build(archive, out)
    assert "Poison" not in (out / "episode-0002" / "transcript.vtt").read_text(encoding="utf-8")
    cli_build(archive, tmp_path / "clean", "--clean")
    assert tree(tmp_path / "clean") == tree(out)


def test_a_rebuild_whose_forked_file_placing_fails_redoes_it_and_equals_a_clean_build(archive, tmp_path, monkeypatch):
    """Cached episodes' files are linked in a forked process; if it dies half-way, the build
    places them itself, replacing what the child made, and the output is still a clean build's."""
    from generator.background import can_fork

    if not can_fork():
        pytest.skip("no fork here: the files are placed in this process anyway")
    out = tmp_path / "_site"
    cli_build(archive, out)
    parent, real_link, died = os.getpid(), os.link, tmp_path / "child-died"

    def link(source, path):
        real_link(source, path)
        if os.getpid() != parent and len(list(Path(path).parent.iterdir())) > 2:
            died.touch()
            raise RuntimeError("the child dies after a few links")

    monkeypatch.setattr(os, "link", link)
    change_one_cue(archive, "episode-0002")
    cli_build(archive, out)
    assert died.exists()  # the child did die, with files made
    monkeypatch.setattr(os, "link", real_link)
    cli_build(archive, tmp_path / "clean", "--clean")
    assert tree(tmp_path / "clean") == tree(out)
    assert (out / "episode-0001" / "index.html").stat().st_nlink == 1  # the last output, gone; its files now only ours


def test_the_cache_is_outside_the_site_folder_and_the_output(archive, tmp_path, user_cache):
    before = tree(archive.parent)
    cli_build(archive, tmp_path / "a")
    assert tree(archive.parent) == before  # nothing added beside the sources
    assert not [p for p in (tmp_path / "a").rglob("*.pickle")]
    assert len(list(cache_dir(archive).glob("*.pickle"))) == EPISODES and cache_dir(archive).is_relative_to(user_cache)


def test_unchanged_rebuild_takes_every_episode_from_the_cache(archive, tmp_path):
    cli_build(archive, tmp_path / "a")
    assert f"(merged 0, from cache {EPISODES})" in cli_build(archive, tmp_path / "b")
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_one_site_spelled_another_way_is_taken_from_the_cache_all_the_same(archive, tmp_path, monkeypatch):
    """QA27: "--site .", "--site site.toml", "--site /abs/site.toml" and "--site ../x/site.toml"
    each merged every episode again, and evicted the entries the other spelling had made."""
    cli_build(archive, tmp_path / "a")
    monkeypatch.chdir(archive.parent)
    for spelled in (Path("site.toml"), Path("."), Path("..") / archive.parent.name / "site.toml"):
        result = CliRunner().invoke(main, ["build", "--site", str(spelled), "--out", str(tmp_path / "b")], catch_exceptions=False)
        assert result.exit_code == 0 and f"(merged 0, from cache {EPISODES})" in result.output, (spelled, result.output)
        assert tree(tmp_path / "a") == tree(tmp_path / "b")
    assert f"(merged 0, from cache {EPISODES})" in cli_build(archive, tmp_path / "c")


def test_an_episode_whose_settings_change_is_merged_again(archive, tmp_path):
    cli_build(archive, tmp_path / "a")
    toml = archive.read_text(encoding="utf-8")
    first_title = next(line for line in toml.splitlines() if line.startswith("title = ") and "Episode 1:" in line)
    archive.write_text(toml.replace(first_title, 'title = "Episode 1, renamed"'), encoding="utf-8")
    assert f"(merged 1, from cache {EPISODES - 1})" in cli_build(archive, tmp_path / "b")
    assert "Episode 1, renamed" in (tmp_path / "b" / "episode-0001" / "index.html").read_text(encoding="utf-8")


def test_lines_added_to_site_toml_above_an_episode_do_not_merge_it_again(archive, tmp_path):
    """Its chapters' and pins' site.toml lines only ever appear in messages: a comment at the top
    and a line added to the first episode merge that one episode, not every one below."""
    toml = archive.read_text(encoding="utf-8")
    for slug in ("episode-0001", "episode-0002"):
        toml = toml.replace(f'slug = "{slug}"\n', f'slug = "{slug}"\nchapters = [{{ title = "Opening", start = "0:00" }}, {{ title = "Later", start = "1:00" }}]\n')
    archive.write_text(toml, encoding="utf-8")
    cli_build(archive, tmp_path / "a")
    toml = "# the show's transcripts\n" + toml.replace('slug = "episode-0000"\n', 'slug = "episode-0000"\nlinks = [{ label = "Notes", url = "https://example.com/0" }]\n')
    archive.write_text(toml, encoding="utf-8")
    assert f"(merged 1, from cache {EPISODES - 1})" in cli_build(archive, tmp_path / "b")
    cli_build(archive, tmp_path / "c", "--clean")
    assert tree(tmp_path / "b") == tree(tmp_path / "c")


def test_a_site_wide_change_reaches_every_cached_episode_page_as_a_clean_build_has_it(archive, tmp_path):
    """Episode pages are cached with the episode: a new site title, then a template of the
    site's own, must each reach all of them."""
    cli_build(archive, tmp_path / "a")
    toml = archive.read_text(encoding="utf-8")
    assert toml.startswith('title = "Synthetic archive"')
    archive.write_text(toml.replace('title = "Synthetic archive"', 'title = "A renamed show"', 1), encoding="utf-8")
    cli_build(archive, tmp_path / "b")
    assert "A renamed show" in (tmp_path / "b" / "episode-0001" / "index.html").read_text(encoding="utf-8")
    (archive.parent / "templates").mkdir()
    base = (ROOT / "templates" / "base.html").read_text(encoding="utf-8")
    (archive.parent / "templates" / "base.html").write_text(base.replace("<body", "<body data-own-theme", 1), encoding="utf-8")
    cli_build(archive, tmp_path / "c")
    assert "data-own-theme" in (tmp_path / "c" / "episode-0001" / "index.html").read_text(encoding="utf-8")
    cli_build(archive, tmp_path / "clean", "--clean")
    assert tree(tmp_path / "c") == tree(tmp_path / "clean")


def test_a_theme_edit_merges_no_episode_again(archive, tmp_path):
    """A template edit makes every episode's pages again from its cached merge; a stylesheet
    edit, or an editor's swap file beside it, changes no page and makes nothing again."""
    out = tmp_path / "_site"
    cli_build(archive, out)
    (archive.parent / "templates").mkdir()
    base = (ROOT / "templates" / "base.html").read_text(encoding="utf-8")
    (archive.parent / "templates" / "base.html").write_text(base.replace("<body", "<body data-own-theme", 1), encoding="utf-8")
    assert f"(merged 0, from cache {EPISODES}; pages made again for {EPISODES})" in cli_build(archive, out)
    assert "data-own-theme" in (out / "episode-0001" / "index.html").read_text(encoding="utf-8")
    (archive.parent / "static").mkdir()
    css = (ROOT / "static" / "site.css").read_text(encoding="utf-8")
    (archive.parent / "static" / "site.css").write_text(css + "\nbody { color: #123456 }\n", encoding="utf-8")
    assert f"(merged 0, from cache {EPISODES})" in cli_build(archive, out)
    (archive.parent / "static" / ".site.css.swp").write_bytes(b"\0swap")
    (archive.parent / "templates" / ".base.html.swp").write_bytes(b"\0swap")
    assert f"(merged 0, from cache {EPISODES})" in cli_build(archive, out)
    assert "#123456" in (out / "static" / "site.css").read_text(encoding="utf-8")
    cli_build(archive, tmp_path / "clean", "--clean")
    assert tree(out) == tree(tmp_path / "clean")


def test_a_change_to_the_generator_code_invalidates_the_cache(archive, tmp_path, monkeypatch):
    cli_build(archive, tmp_path / "a")
    monkeypatch.setattr(cache_mod, "code_hash", lambda: b"the code of another version")
    assert "from cache" not in cli_build(archive, tmp_path / "b")


def test_upgrading_a_library_the_build_uses_invalidates_the_cache(archive, tmp_path, monkeypatch, request):
    request.addfinalizer(cache_mod.code_hash.cache_clear)
    library = tmp_path / "lib" / "somelib"
    library.mkdir(parents=True)
    (library / "__init__.py").write_text("VERSION = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "lib"))
    monkeypatch.setattr(cache_mod, "_LIBRARIES", cache_mod._LIBRARIES + ("somelib",))
    cache_mod.code_hash.cache_clear()
    cli_build(archive, tmp_path / "a")
    (library / "__init__.py").write_text("VERSION = 2  # an upgrade\n", encoding="utf-8")
    cache_mod.code_hash.cache_clear()  # a new build is a new process
    assert "from cache" not in cli_build(archive, tmp_path / "b")
    cache_mod.code_hash.cache_clear()
    assert f"(merged 0, from cache {EPISODES})" in cli_build(archive, tmp_path / "c")


@pytest.mark.parametrize("kinds", [("*.pickle",), ("*.pickle", "*.merged")])
def test_a_corrupt_cache_entry_is_rebuilt_not_an_error(archive, tmp_path, kinds):
    cli_build(archive, tmp_path / "a")
    for kind in kinds:  # three episodes' entries (their pages and all); then every merge's too
        entries = sorted(cache_dir(archive).glob(kind))
        assert len(entries) == EPISODES
        for n, entry in enumerate(entries[:3] if kind == "*.pickle" else entries):
            damage = [b"not a pickle", entry.read_bytes()[:100], pickle.dumps({"something": "else"})][n % 3]  # truncated, or foreign
            entry.write_bytes(damage)
    output = cli_build(archive, tmp_path / "b")
    if len(kinds) == 2:
        assert f"(merged 3, from cache {EPISODES - 3})" in output
    else:  # their merges were still there: only their pages were made again
        assert f"(merged 0, from cache {EPISODES}; pages made again for 3)" in output
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
    assert f"(merged 0, from cache {EPISODES})" in cli_build(archive, tmp_path / "c")  # and rewritten


def test_an_entry_whose_files_are_cut_short_is_rebuilt(archive, tmp_path):
    """An entry's pages live in a file of their own, read only when written out: one cut
    short (a full disk, a crash) is caught before the build uses the entry."""
    cli_build(archive, tmp_path / "a")
    blob = sorted(cache_dir(archive).glob("*.files"))[0]
    blob.write_bytes(blob.read_bytes()[:-10])
    assert f"(merged 0, from cache {EPISODES}; pages made again for 1)" in cli_build(archive, tmp_path / "b")  # from its merge
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
    for merge in cache_dir(archive).glob("*.mfiles"):  # and a merge's own files
        merge.write_bytes(merge.read_bytes()[:-10])
    blob = sorted(cache_dir(archive).glob("*.files"))[0]
    blob.write_bytes(blob.read_bytes()[:-10])
    assert f"(merged 1, from cache {EPISODES - 1})" in cli_build(archive, tmp_path / "c")
    assert tree(tmp_path / "a") == tree(tmp_path / "c")


def test_clean_ignores_the_cache_and_rewrites_it(archive, tmp_path):
    cli_build(archive, tmp_path / "a")
    cache = cache_dir(archive)
    stale = cache / ("0" * 64 + ".pickle")
    stale.write_bytes(b"an entry of an old build")
    assert "from cache" not in cli_build(archive, tmp_path / "b", "--clean")
    assert not stale.exists()
    assert len(list(cache.glob("*.pickle"))) == EPISODES
    assert f"(merged 0, from cache {EPISODES})" in cli_build(archive, tmp_path / "c")


def test_old_entries_are_pruned_so_the_cache_does_not_grow_with_every_edit(archive, tmp_path):
    cli_build(archive, tmp_path / "a")
    for _ in range(3):
        change_one_cue(archive)
        cli_build(archive, tmp_path / "a")
    assert len(list(cache_dir(archive).glob("*.pickle"))) == EPISODES


def test_an_unwritable_cache_only_loses_the_saving(archive, tmp_path):
    cache_dir(archive).parent.mkdir(parents=True)
    cache_dir(archive).write_text("a file where the cache folder would be", encoding="utf-8")
    assert f"built {EPISODES} episode(s)" in cli_build(archive, tmp_path / "a")
    assert "from cache" not in cli_build(archive, tmp_path / "b")


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="one usable core")
def test_a_cold_build_merges_on_every_core(archive, tmp_path):
    stats = BuildStats()
    build(archive, tmp_path / "a", stats=stats)
    assert stats.workers == worker_count(EPISODES) >= 2 and stats.merged == EPISODES
    one = BuildStats()
    build(archive, tmp_path / "b", clean=True, stats=one)
    assert one.workers == stats.workers  # --clean merges everything again, on every core too


def test_one_episode_forks_its_side_work_and_the_files_are_those_of_one_process(tmp_path, monkeypatch):
    # with a core to spare, the captions are made in a forked process
    from generator import background

    forked = []
    real = background.Background.__init__

    def counting(self, fn, *args, fork=True):
        real(self, fn, *args, fork=fork)
        forked.append(bool(self._pid))

    monkeypatch.setattr(background.Background, "__init__", counting)
    build(ROOT / "site.toml", tmp_path / "forked", clean=True)
    if len(os.sched_getaffinity(0)) >= 2 and background.can_fork():  # not beside another thread (pytest-xdist's)
        assert forked == [True]
    monkeypatch.setattr(background, "can_fork", lambda: False)
    build(ROOT / "site.toml", tmp_path / "alone", clean=True)
    assert forked[1:] == [False]
    assert tree(tmp_path / "forked") == tree(tmp_path / "alone")


def test_problems_of_every_episode_are_reported_together_in_episode_order(archive, tmp_path):
    content = archive.parent / "content"
    for slug in ("episode-0003", "episode-0000", "episode-0001"):
        with open(content / slug / "captions.vtt", "a", encoding="utf-8") as f:
            f.write("stray words\n")
    result = CliRunner().invoke(main, ["build", "--site", str(archive), "--out", str(tmp_path / "a")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = result.output.splitlines()
    assert lines[0] == "Error: build failed: 3 problems"
    assert [line.split("/")[1] for line in lines[1:]] == ["episode-0000", "episode-0001", "episode-0003"]
    assert not (tmp_path / "a").exists()


# --- progress: a line on a terminal, nothing when output is not one -------------------------------


def test_no_progress_when_output_is_not_a_terminal(archive, tmp_path):
    result = CliRunner().invoke(main, ["build", "--site", str(archive), "--out", str(tmp_path / "a")])
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout == f"built {EPISODES} episode(s), {result.stdout.split(', ')[1].split(' ')[0]} chapter pages -> {tmp_path / 'a'}\n"


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_progress_on_a_terminal(archive, tmp_path):
    import pty

    out = tmp_path / "a"
    code = f"import sys; sys.argv = ['episode-site', 'build', '--site', {str(archive)!r}, '--out', {str(out)!r}]; from generator.cli import main; main()"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-c", code], stdin=follower, stdout=subprocess.PIPE, stderr=follower, env=env, cwd=ROOT)
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    stdout, _ = proc.communicate(timeout=120)
    os.close(leader)
    assert proc.returncode == 0
    text = seen.decode("utf-8")
    assert f"\rmerging 0/{EPISODES} episodes" in text and f"\rmerging {EPISODES}/{EPISODES} episodes" in text
    assert "writing pages…" in text and "building the search index…" in text
    assert text.endswith("\r")  # the line is erased again before the summary
    assert stdout.decode().startswith(f"built {EPISODES} episode(s)")


# --- imports: only what a command needs -----------------------------------------------------------


def test_help_imports_none_of_the_build(tmp_path):
    code = (
        "import sys\nfrom generator.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print('IMPORTED', sorted(m for m in ('jinja2', 'markdown_it', 'lunr', 'edlib', 'generator.build') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert done.returncode == 0, done.stderr
    assert "IMPORTED []" in done.stdout


def _flip(path: Path) -> None:
    """One byte changed in the middle of a file, its size kept: what a bad disk or sector does."""
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x5A
    path.write_bytes(bytes(data))


def test_an_entry_with_a_byte_changed_is_rebuilt_and_its_files_are_never_published(archive, tmp_path, user_cache):
    """A flipped byte in an entry unpickled into wrong numbers (a traceback from the index); one in
    its files' bytes would have been published as they are, the size being right."""
    cli_build(archive, tmp_path / "a")
    for entry in [*cache_dir(archive).glob("*.pickle")][:2] + [*cache_dir(archive).glob("*.merged")][:1]:
        _flip(entry)
    output = cli_build(archive, tmp_path / "b")
    assert "from cache" in output  # the others
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
    blob = sorted(cache_dir(archive).glob("*.files"))[0]
    _flip(blob)
    result = CliRunner().invoke(main, ["build", "--site", str(archive), "--out", str(tmp_path / "c")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{blob}: this file of the build cache was changed since it was written: build again with --clean" in result.output
    assert not (tmp_path / "c").exists()
    cli_build(archive, tmp_path / "c", "--clean")
    assert tree(tmp_path / "a") == tree(tmp_path / "c")


def test_a_compiled_template_with_a_byte_changed_is_compiled_again(archive, tmp_path, user_cache):
    """Marshal crashed the interpreter on it: every build, --clean too, died without a word (exit 139)."""
    run = lambda *extra: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "generator", "build", "--site", str(archive), *extra], capture_output=True, text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(user_cache)}, cwd=tmp_path)
    assert run("--out", str(tmp_path / "a")).returncode == 0
    compiled = list((user_cache / "episode-site" / "templates").iterdir())
    assert compiled
    for path in compiled:
        _flip(path)
    done = run("--out", str(tmp_path / "b"), "--clean")
    assert done.returncode == 0, done.stderr
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
