"""The episode-site command as a publisher uses it: build, errors, and what is left on disk."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

SOURCES = "content/ilya-sutskever-age-of-research"


def tree_hash(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def project(copy_site):
    """A copy of the project with the real episode built once into _site/."""
    root = copy_site()
    result = run("build", "--site", str(root / "site.toml"), "--out", str(root / "_site"))
    assert result.exit_code == 0, result.output
    return root


def test_build_writes_the_site_and_says_so(project):
    out = project / "_site"
    assert (out / "index.html").is_file()
    for name in ("index.html", "transcript.json", "transcript.vtt", "transcript.srt", "chapters.json"):
        assert (out / "ilya-sutskever-age-of-research" / name).is_file()
    assert not [p for p in project.iterdir() if p.name.startswith("._site")]  # no temp folder left


def test_a_console_that_cannot_show_a_path_s_letters_shows_them_escaped(project, tmp_path):
    """QA27: on a cp1252 console (Windows, output to a file or pipe) the summary line's "_site_中文"
    was a UnicodeEncodeError traceback and exit status 1, after the site had been written."""
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    out = project / "_site_中文"
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--site", str(project / "site.toml"), "--out", str(out)], env=env, capture_output=True)
    assert done.returncode == 0, done.stderr.decode("cp1252", "replace")
    assert b"Traceback" not in done.stderr
    assert done.stdout.decode("cp1252").rstrip().endswith(r"-> " + str(out).replace("中文", r"\u4e2d\u6587"))
    assert (out / "index.html").is_file()


def test_two_builds_are_byte_identical(project):
    first = tree_hash(project / "_site")
    run("build", "--site", str(project / "site.toml"), "--out", str(project / "again"))
    assert tree_hash(project / "again") == first


def test_the_project_folder_given_for_site_is_its_site_toml(project):
    # "--site ." was a usage error (exit status 2: "is a directory")
    run("build", "--site", str(project), "--out", str(project / "from-folder"))
    assert tree_hash(project / "from-folder") == tree_hash(project / "_site")


def test_help_documents_every_command():
    assert "build" in run("--help").output and "serve" in run("--help").output
    helptext = run("build", "--help").output
    assert "--site" in helptext and "--out" in helptext and "site.toml" in helptext


def _corrupt(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    "damage, expected",
    [
        (lambda r: _corrupt(r / SOURCES / "000_bda1352659bf82d4.txt", "00:09.580", "00:9x.580"),
         [f"{SOURCES}/000_bda1352659bf82d4.txt:37: unreadable or impossible time '00:9x.580'"]),
        (lambda r: _corrupt(r / SOURCES / "000_bda1352659bf82d4.txt", "00:29.140", "00:05.140"),
         [f"{SOURCES}/000_bda1352659bf82d4.txt:85: time goes backwards: 00:05.140 comes after 00:09.580 (line 37)"]),
        (lambda r: _corrupt(r / SOURCES / "003_6a06623c62d9b10e.txt", "(00:25:13)", "(00:15:13)"),
         [f"{SOURCES}/003_6a06623c62d9b10e.txt:27: chapter 'Why humans generalize better than models' at 00:15:13 is not after 'What are we scaling?' at 00:18:49"]),
        (lambda r: _corrupt(r / SOURCES / "003_6a06623c62d9b10e.txt", "(01:32:42)", "(02:32:42)"),
         [f"{SOURCES}/003_6a06623c62d9b10e.txt:39: chapter 'Research taste' starts at 2:32:42, past the episode's end (1:36:03)"]),
        (lambda r: (r / SOURCES / "004_9c1d77b42b164a4b.txt").write_bytes(b"Fine first line.\n\x81\x8d broken\n"),  # bytes no text encoding read (0xff 0xfe are Windows-1252's "ÿþ")
         [f"{SOURCES}/004_9c1d77b42b164a4b.txt:2: not valid UTF-8 (byte 0x81) nor Windows-1252 text: is this a transcript? If it is, save it as UTF-8"]),
        (lambda r: (r / SOURCES / "002_381b167b6f003a42.txt").write_bytes(b""),
         [f"{SOURCES}/002_381b167b6f003a42.txt: file is empty"]),
        (lambda r: (r / SOURCES / "001_a9af0ab92605b360.txt").write_text(
            (r / SOURCES / "001_a9af0ab92605b360.txt").read_text(encoding="utf-8") + "\nDwarkesh Patel (Host) 05:59.000\n", encoding="utf-8"),
         [f"{SOURCES}/001_a9af0ab92605b360.txt:61: segment of Dwarkesh Patel (Host) at 05:59.000 has no words (file truncated?)"]),
        (lambda r: (r / SOURCES / "001_a9af0ab92605b360.txt").unlink(),
         ["site.toml:31: source file not found: content/ilya-sutskever-age-of-research/001_a9af0ab92605b360.txt"]),
        (lambda r: _corrupt(r / "site.toml", 'title = "Dwarkesh', 'title = Dwarkesh'),
         ["site.toml:2: TOML syntax error: Invalid value"]),
    ],
    ids=["garbled-time", "time-backwards", "chapters-out-of-order", "chapter-past-end", "bad-utf8", "empty-file",
         "truncated-part", "missing-file", "toml-syntax"],
)
def test_bad_input_stops_the_build_and_keeps_the_old_site(project, damage, expected):
    before = tree_hash(project / "_site")
    damage(project)
    result = CliRunner().invoke(main, ["build", "--site", str(project / "site.toml"), "--out", str(project / "_site")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("Error: build failed:")
    for want in expected:
        assert any(line.startswith(want) or line.endswith("/" + want) for line in lines[1:]), result.output
    assert tree_hash(project / "_site") == before


def test_a_timed_source_that_fails_is_the_only_problem_not_also_a_missing_length(tmp_path):
    # The episode's length would have come from the file that failed: "no duration" said nothing more.
    (tmp_path / "ep").mkdir()
    (tmp_path / "ep" / "c.vtt").write_text("WEBVTT\n\n00:00:0x.000 --> 00:00:02.000\n<v Ana>Hi.\n", encoding="utf-8")
    (tmp_path / "site.toml").write_text('title = "T"\n[[episodes]]\nslug = "ep"\ntitle = "Ep"\ndir = "ep"\nhost = { name = "Ana" }\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--site", str(tmp_path / "site.toml"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1 and "build failed: 1 problem" in result.output and "duration" not in result.output


def test_all_problems_are_reported_in_one_run(project):
    _corrupt(project / SOURCES / "000_bda1352659bf82d4.txt", "00:09.580", "00:9x.580")
    _corrupt(project / SOURCES / "003_6a06623c62d9b10e.txt", "(01:32:42)", "(02:32:42)")
    (project / SOURCES / "002_381b167b6f003a42.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["build", "--site", str(project / "site.toml"), "--out", str(project / "_site")])
    assert result.exit_code == 1
    assert result.output.startswith("Error: build failed: 3 problems")


def test_missing_site_toml(tmp_path):
    result = CliRunner().invoke(main, ["build", "--site", str(tmp_path / "nope.toml"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "nope.toml: cannot read site config" in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ('slug = "ilya-sutskever-age-of-research"', 'slug = "../escape"',
         "site.toml:9: slug '../escape' must be lowercase letters, digits, '-' or '_' (it becomes a folder name in URLs)"),
        ('duration = "1:36:03"', 'duration = "0:00:00"', "site.toml:14: unreadable duration '0:00:00' (use h:mm:ss, more than zero)"),
        ('duration = "1:36:03"', 'duration = "' + "9" * 500 + '"', "site.toml:14: unreadable duration '99999"),
    ],
    ids=["slug-escapes-output", "zero-duration", "huge-duration"],
)
def test_bad_site_toml_values_point_at_their_line(project, old, new, expected):
    _corrupt(project / "site.toml", old, new)
    result = CliRunner().invoke(main, ["build", "--site", str(project / "site.toml"), "--out", str(project / "_site")])
    assert result.exit_code == 1
    line = next(line for line in result.output.splitlines() if "site.toml:" in line)
    assert line[line.index("site.toml:"):].startswith(expected)
    assert len(line) < 300
    assert not (project / "escape").exists()


# --- the output folder: only a folder the build made (or a new or empty one) is replaced ---------


def disk_state(root: Path) -> dict[str, str]:
    """Every file and folder under ``root`` (folders as 'dir'), to prove a refused build changed nothing."""
    return {str(p.relative_to(root)): "dir" if p.is_dir() else hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*"))}


@pytest.mark.parametrize(
    "out, why",
    [
        (".", "it holds site.toml"),
        ("..", "it holds {project}/site.toml"),  # where below it: a site.toml deep inside said only "site.toml"
        ("content", "it holds a source (content/ilya-sutskever-age-of-research/000_bda1352659bf82d4.txt)"),
        (SOURCES, "it holds a source"),
        (SOURCES + "/new", f"it is inside {SOURCES}/, which holds the site's sources"),
        ("content/new", "it is inside content/, which holds the site's sources"),
        ("templates", "it is inside templates/, which holds the site's sources"),
        ("static/built", "it is inside static/, which holds the site's sources"),
        ("notes", "it is not empty and has no .episode-site file, so episode-site did not make it"),
        ("old_site", "it is not empty and has no .episode-site file, so episode-site did not make it"
                     " (a folder built by an older episode-site has none either: delete it once)"),
        ("link-to-site", "it holds site.toml"),
    ],
    ids=["site-folder", "parent-of-site", "content", "source-folder", "inside-source-folder", "inside-content",
         "templates", "inside-static", "unmarked-folder", "old-unmarked-build", "symlink-to-site"],
)
def test_build_refuses_an_out_folder_it_did_not_make_and_changes_nothing(project, out, why):
    (project / "notes").mkdir()
    (project / "notes" / "draft.md").write_text("my notes\n", encoding="utf-8")
    (project / "old_site").mkdir()  # what the previous version built: the site without a marker
    (project / "old_site" / "index.html").write_text("<h1>old</h1>\n", encoding="utf-8")
    (project / "link-to-site").symlink_to(project, target_is_directory=True)
    before = disk_state(project.parent)
    result = CliRunner().invoke(main, ["build", "--site", str(project / "site.toml"), "--out", str(project / out)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "not replacing this folder: " + why.format(project=project.name) in result.output
    if out in ("notes", "old_site"):  # a folder of one's own files: deleting it is no advice, but for an old build
        assert result.output.rstrip().endswith("(a folder built by an older episode-site has none either: delete it once); use --out with another folder")
    else:  # the project, its sources or a folder of them: never "delete this one yourself"
        assert result.output.rstrip().endswith("; use --out with a folder of its own, such as _site") and "delete" not in result.output
    assert disk_state(project.parent) == before


@pytest.mark.parametrize("damage", [b"", b"\xff", b"file index.html\n", b"Made by 'episode-site build'. Every build replaces the files listed below\n"])
def test_a_damaged_marker_stops_the_build_before_it_deletes_anything(project, damage):
    """The marker lists what the last build made; everything else is the publisher's. Emptied,
    garbled or cut short it cannot say which is which: carrying nothing over deleted a CNAME."""
    out = project / "_site"  # made by the fixture's build
    (out / "CNAME").write_text("transcripts.example.com\n", encoding="utf-8")
    (out / ".episode-site").write_bytes(damage if damage != b"\xff" else (out / ".episode-site").read_bytes() + damage)
    before = disk_state(project.parent)
    result = CliRunner().invoke(main, ["build", "--site", str(project / "site.toml"), "--out", str(out)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "not replacing this folder: its .episode-site file is damaged" in result.output
    assert disk_state(project.parent) == before


@pytest.mark.parametrize("keys", ["", "episode ep 348fddbdc6b18d999ed9e0e697b79dd222f1de0288a42781dd3799002514f43c\n"])
def test_a_folder_built_by_an_older_episode_site_is_refused_once_not_replaced_whole(project, keys):
    """Its one-line marker lists no files: replaced whole, it took the CNAME the publisher added since (QA30)."""
    out = project / "_site"  # the versions between the one-line marker and the file list wrote each episode's key after it
    (out / ".episode-site").write_text("Made by 'episode-site build'. The whole folder is replaced on every build.\n" + keys, encoding="utf-8")
    (out / "CNAME").write_text("transcripts.example.com\n", encoding="utf-8")
    before = disk_state(project.parent)
    result = CliRunner().invoke(main, ["build", "--site", str(project / "site.toml"), "--out", str(out)])
    assert result.exit_code == 1 and "an older episode-site made it" in result.output and "Traceback" not in result.output
    assert disk_state(project.parent) == before


def test_a_file_added_to_a_new_output_while_the_build_runs_is_kept(project, monkeypatch):
    """QA30: "echo example.com > _site/CNAME" while the first build ran into a new folder: the build
    found no marker there, so nothing to keep, and its swap deleted the CNAME."""
    import generator.build as build_module

    out = project / "fresh"
    merge = build_module.merge_episode

    def meanwhile(*args, **kwargs):
        out.mkdir(exist_ok=True)
        (out / "CNAME").write_text("transcripts.example.com\n", encoding="utf-8")
        return merge(*args, **kwargs)

    monkeypatch.setattr(build_module, "merge_episode", meanwhile)
    assert run("build", "--clean", "--site", str(project / "site.toml"), "--out", str(out)).exit_code == 0
    assert (out / "CNAME").read_text(encoding="utf-8") == "transcripts.example.com\n" and (out / "index.html").is_file()


def test_an_out_that_is_a_file_is_refused_with_status_1(project):
    result = CliRunner().invoke(main, ["build", "--site", str(project / "site.toml"), "--out", str(project / "site.toml")])
    assert result.exit_code == 1 and "not replacing this folder: it is a file, not a folder" in result.output
    assert "delete" not in result.output  # it was "or delete this one yourself", of site.toml


def test_running_out_of_memory_is_a_message_and_the_output_is_as_it_was(project, monkeypatch):
    import generator.build as build_module

    def exhausted(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(build_module, "merge_episode", exhausted)
    before = disk_state(project.parent)
    result = CliRunner().invoke(main, ["build", "--clean", "--site", str(project / "site.toml"), "--out", str(project / "_site")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "out of memory while building" in result.output
    assert disk_state(project.parent) == before


def test_an_out_folder_below_a_file_is_a_message_not_a_traceback(project):
    (project / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--site", str(project / "site.toml"), "--out", str(project / "notes.txt" / "site")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    out = project / "notes.txt" / "site"
    assert result.output.splitlines()[1] == f"{out}: cannot write output here: {project / 'notes.txt'} is a file, not a folder"
    assert (project / "notes.txt").read_text(encoding="utf-8") == "mine\n"


def test_an_out_the_system_cannot_name_is_refused_with_status_1_and_no_traceback(project):
    """A name past the system's limit (a path pasted twice, a variable expanded wrong) ended in
    OSError: [Errno 36] File name too long, and a traceback."""
    out = project / ("x" * 300)
    result = CliRunner().invoke(main, ["build", "--site", str(project / "site.toml"), "--out", str(out)])
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert result.output.splitlines()[1] == f"{out}: cannot write output here: File name too long"


def test_build_refuses_the_site_folder_given_as_dot(project, monkeypatch):
    monkeypatch.chdir(project)
    before = disk_state(project)
    result = CliRunner().invoke(main, ["build", "--out", "."])
    assert result.exit_code == 1
    assert result.output.splitlines()[1] == (
        f". ({project}): not replacing this folder: it holds site.toml; use --out with a folder of its own, such as _site"
    )
    assert disk_state(project) == before


def test_build_refuses_root_and_home(project, monkeypatch, tmp_path):
    home = tmp_path / "home"
    (home / "documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    for out in (home, Path("/")):
        result = CliRunner().invoke(main, ["build", "--site", str(project / "site.toml"), "--out", str(out)])
        assert result.exit_code == 1
        assert "not replacing this folder: it is the root or home folder" in result.output
    assert [p.name for p in home.iterdir()] == ["documents"]


def test_build_replaces_only_what_it_made_or_new_or_empty_folders(project, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    for out in (empty, tmp_path / "new" / "deeper", project / "_site"):  # _site was made by the fixture's build
        result = run("build", "--site", str(project / "site.toml"), "--out", str(out))
        assert result.exit_code == 0, result.output
        assert (out / "index.html").is_file()
        assert (out / ".episode-site").read_text(encoding="utf-8").startswith("Made by 'episode-site build'")


def test_files_the_publisher_adds_to_the_output_are_kept_by_every_build(project):
    """A build never deletes what it did not make: a CNAME, .nojekyll, a verification file, a
    folder of one's own and a file added inside one of the build's folders all survive rebuilds
    (--clean too); what the build made is replaced as before."""
    out = project / "_site"
    added = {"CNAME": "transcripts.example.com\n", ".nojekyll": "", "google123.html": "google-site-verification", "extra/about.html": "<p>About</p>", "static/mine.css": "p{}"}
    for rel, text in added.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text)
    (out / "empty-folder").mkdir()
    (out / "index.html").write_text("edited by hand")  # the build's own file: replaced
    for args in ((), ("--clean",)):
        result = run("build", "--site", str(project / "site.toml"), "--out", str(out), *args)
        assert result.exit_code == 0, result.output
        assert {rel: (out / rel).read_text() for rel in added} == added and (out / "empty-folder").is_dir()
        assert "edited by hand" not in (out / "index.html").read_text()


def test_the_site_carries_nojekyll_unless_the_publisher_has_one(project):
    """Published from a branch (gh-pages, ghp-import), GitHub runs Jekyll, which drops files named
    with a leading "_": search/t/_.js, the light stems that rank a word's own family first, was not
    published. A .nojekyll of the publisher's (in the output, or public/) is theirs, kept as it is."""
    out = project / "_site"  # built by the fixture
    assert (out / ".nojekyll").read_bytes() == b"" and (out / "search" / "t" / "_.js").is_file()
    assert "file .nojekyll\t0" in (out / ".episode-site").read_text(encoding="utf-8")
    marker = out / ".episode-site"  # as an earlier version left it, and the publisher added theirs
    marker.write_text(marker.read_text(encoding="utf-8").replace("file .nojekyll\t0\n", ""), encoding="utf-8")
    (out / ".nojekyll").write_text("mine\n")
    assert run("build", "--site", str(project / "site.toml"), "--out", str(out)).exit_code == 0
    assert (out / ".nojekyll").read_text() == "mine\n" and "file .nojekyll" not in marker.read_text(encoding="utf-8")
    (project / "public").mkdir()
    (project / "public" / ".nojekyll").write_text("")
    result = run("build", "--site", str(project / "site.toml"), "--out", str(project / "fresh"))
    assert result.exit_code == 0, result.output


def test_a_page_the_publisher_replaced_is_kept_once_the_build_no_longer_makes_it(project):
    """QA27: after renaming an episode, its old page replaced by hand with a redirect to the new
    one was deleted by the next build, with the old episode's files: it is the publisher's now.
    The old episode's files left as the build made them go."""
    out = project / "_site"
    assert run("build", "--site", str(project / "site.toml"), "--out", str(out)).exit_code == 0
    old = "ilya-sutskever-age-of-research"
    redirect = '<!doctype html><meta http-equiv="refresh" content="0; url=../age-of-research/">\n'
    (out / old / "index.html").write_text(redirect)
    made = (out / ".episode-site").stat().st_mtime_ns
    os.utime(out / old / "index.html", ns=(made - 10**9, made - 10**9))  # copied in with "cp -p": an older time (QA30)
    toml = project / "site.toml"
    toml.write_text(toml.read_text().replace(f'slug = "{old}"', 'slug = "age-of-research"'))
    result = run("build", "--site", str(toml), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert (out / old / "index.html").read_text() == redirect
    assert sorted(p.name for p in (out / old).iterdir()) == ["index.html"]  # the rest was the build's
    assert (out / "age-of-research" / "index.html").is_file()


def test_a_file_the_publisher_added_where_the_build_now_writes_stops_it_and_changes_nothing(project):
    out = project / "_site"
    (out / "transcripts").mkdir()
    (out / "transcripts" / "index.html").write_text("mine")
    toml = project / "site.toml"
    toml.write_text(toml.read_text().replace('slug = "ilya-sutskever-age-of-research"', 'slug = "transcripts"'))
    before = tree_hash(out)
    result = run("build", "--site", str(toml), "--out", str(out))
    assert result.exit_code == 1
    assert "_site/transcripts/index.html: you added this file, and the build makes transcripts/index.html there too: move or rename yours" in result.output
    assert tree_hash(out) == before


def test_files_in_public_are_copied_to_the_sites_root_and_may_not_take_a_page(project):
    """public/ beside site.toml holds files for the site's root that a deploy from a fresh clone needs."""
    (project / "public" / ".well-known").mkdir(parents=True)
    (project / "public" / "CNAME").write_text("transcripts.example.com\n")
    (project / "public" / ".nojekyll").write_text("")
    (project / "public" / ".well-known" / "security.txt").write_text("Contact: mailto:a@example.com\n")
    out = project / "public-site"
    result = run("build", "--site", str(project / "site.toml"), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "CNAME").read_text() == "transcripts.example.com\n" and (out / ".nojekyll").is_file()
    assert (out / ".well-known" / "security.txt").is_file()
    (project / "public" / "index.html").write_text("mine")
    result = run("build", "--site", str(project / "site.toml"), "--out", str(out))
    assert result.exit_code == 1 and "index.html: two outputs want the same path: the home page and public/index.html" in result.output


def test_a_public_file_named_with_a_line_break_is_refused_naming_it(project):
    # the marker lists the build's files one per line: "notes\nfile CNAME" became two entries, and a
    # later build deleted the CNAME the publisher had added to the output by hand
    (project / "public").mkdir()
    (project / "public" / "notes\nfile CNAME").write_text("x")
    out = project / "_site"
    before = disk_state(out)
    result = run("build", "--site", str(project / "site.toml"), "--out", str(out))
    assert result.exit_code == 1 and "public/'notes\\nfile CNAME': a file name with a line break" in result.output, result.output
    assert disk_state(out) == before


def test_links_in_public_are_followed_inside_the_project_and_refused_out_of_it(project, tmp_path):
    """A link in public/ to a file outside the project (~/.ssh/id_rsa, added in a pull request whose
    diff shows the link, not its target) was published; a link to a folder was left out silently."""
    secret = tmp_path / "outside" / "id_rsa"
    secret.parent.mkdir()
    secret.write_text("PRIVATE KEY\n")
    (project / "assets" / "img").mkdir(parents=True)
    (project / "assets" / "img" / "logo.svg").write_text("<svg/>")
    (project / "public").mkdir()
    (project / "public" / "img").symlink_to(project / "assets" / "img", target_is_directory=True)
    (project / "public" / "images").symlink_to(project / "assets" / "img", target_is_directory=True)  # the same folder twice
    (project / "public" / "loop").symlink_to(project / "public", target_is_directory=True)
    out = project / "_site"
    result = run("build", "--site", str(project / "site.toml"), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "img" / "logo.svg").read_text() == "<svg/>" == (out / "images" / "logo.svg").read_text()
    assert not (out / "loop").exists()
    (project / "public" / "key").symlink_to(secret)
    (project / "public" / "stale").symlink_to(project / "gone.txt")
    before = disk_state(out)
    result = run("build", "--site", str(project / "site.toml"), "--out", str(out))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"public/key: a link to {secret.resolve()}, outside the project: copy what should be published into public/" in result.output
    assert f"public/stale: a link to {(project / 'gone.txt').resolve()}, which does not exist" in result.output
    assert disk_state(out) == before and "PRIVATE" not in "".join(p.read_text(errors="replace") for p in out.rglob("*") if p.is_file())


def test_a_folder_of_the_publishers_where_the_build_makes_a_file_is_named(project):
    # "_site: cannot write output: File exists" named only the output
    out = project / "_site"
    (out / "feed.xml").mkdir()
    (out / "feed.xml" / "notes.txt").write_text("mine\n")
    before = disk_state(out)
    result = run("build", "--site", str(project / "site.toml"), "--out", str(out), "--base-url", "https://example.com/")
    assert result.exit_code == 1 and f"{out / 'feed.xml'}: cannot write output: File exists (the build makes a file where" in result.output, result.output
    assert disk_state(out) == before


def test_marker_and_nojekyll_are_the_only_dotfiles_added_to_the_site(project):
    files = {p.relative_to(project / "_site").as_posix() for p in (project / "_site").rglob("*") if p.is_file()}
    assert {f for f in files if f.startswith(".")} == {".episode-site", ".nojekyll"}


def test_python_m_generator_cli_runs_the_command(project):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "generator.cli", "--help"], capture_output=True, text=True, cwd=Path(__file__).parent.parent)
    assert done.returncode == 0 and "build" in done.stdout


def test_build_bench_times_the_stages_the_build_really_runs():
    import importlib.util

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("build_bench", root / "benchmarks" / "build_bench.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    samples = bench.time_builds(root / "site.toml", 1)
    stages = {label: seconds[0] for label, seconds in samples.items()}
    for label in ("merge", "read+merge", "exports", "pages", "index", "files", "render", "search"):
        assert stages.get(label, 0) > 0, f"{label} not timed: {stages}"
    parts = sum(stages[k] for k in ("load", "cache", "merge", "render", "search", "swap"))
    assert parts <= stages["total"] <= stages["wall"]
    assert sum(stages[k] for k in ("read+merge", "exports", "pages", "index", "files")) <= stages["merge"]


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _gone(pids: set[int], seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text(errors="replace").lower() for pid in pids):
            return True
        time.sleep(0.1)
    return False


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc")
def test_a_build_stopped_by_sigterm_or_killed_leaves_no_worker_and_no_folder_behind(copy_site, tmp_path):
    """A CI job cancelled sends SIGTERM; the OOM killer sends SIGKILL. Either way the workers end
    with the build (they lived on, blocked, holding the caller's output open), the previous output
    is as it was, and the temporary folder goes: at once on SIGTERM, on the next build after SIGKILL."""
    root = copy_site()
    toml = (root / "site.toml").read_text(encoding="utf-8")
    one = toml[toml.index("[[episodes]]"):]
    toml = toml[: toml.index("[[episodes]]")] + "".join(one.replace('slug = "ilya-sutskever-age-of-research"', f'slug = "copy-{k}"') for k in range(12))
    (root / "site.toml").write_text(toml, encoding="utf-8")
    out = root / "_site"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "generator", "build", "--site", str(root / "site.toml"), "--out", str(out)]
    assert subprocess.run(command, env=env, capture_output=True).returncode == 0
    before = disk_state(out)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        proc = subprocess.Popen(command + ["--clean"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        workers: set[int] = set()
        while proc.poll() is None and len(workers) < 2:
            workers |= _children(proc.pid)
            time.sleep(0.02)
        assert len(workers) == 2, "the build ended before its workers were seen"
        proc.send_signal(sig)
        proc.wait(timeout=60)
        assert _gone(workers), f"workers left after {sig.name}"
        assert disk_state(out) == before
        unfinished = [p.name for p in root.iterdir() if p.name.startswith("._site-")]
        if sig == signal.SIGTERM:
            assert proc.returncode == 1 and b"Traceback" not in proc.stderr.read() and unfinished == []
        else:
            assert len(unfinished) == 1
    assert subprocess.run(command, env=env, capture_output=True).returncode == 0
    assert [p.name for p in root.iterdir() if p.name.startswith("._site-")] == []


def _dead_pid() -> int:
    """The number of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_what_a_stopped_swap_left_beside_the_output_is_put_right_by_the_next_build(project):
    """Stopped while deleting the last output (after the new one was in place), a build left that
    output beside the new one forever; stopped between the swap's two renames, it left no output
    at all. The next build deletes the first and puts the second back before it starts."""
    from generator.build import _remove_unfinished

    out = project / "_site"
    (out / "CNAME").write_text("example.com\n", encoding="utf-8")
    aside = project / f"._site-replaced-{_dead_pid()}"
    shutil.copytree(out, aside)
    assert run("build", "--site", str(project / "site.toml"), "--out", str(out)).exit_code == 0
    assert not aside.exists() and (out / "CNAME").is_file()
    out.rename(aside)  # stopped between the renames: the output moved aside, the new one not yet in
    unfinished = project / "._site-abcd1234"
    unfinished.mkdir()
    (unfinished / ".episode-site").write_text(f"Unfinished build by episode-site, process {os.getpid()}\n", encoding="utf-8")
    before = disk_state(aside)
    _remove_unfinished(out)  # what the next build does first (this process's own number: not a build running)
    assert disk_state(out) == before and not aside.exists() and not unfinished.exists()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="kills a forked process part-way through")
def test_a_build_killed_while_deleting_a_folder_of_its_own_leaves_it_for_the_next_build(project):
    """QA37: killed (kill -9) while deleting the last output after the swap, a build deleted its
    marker among the first files: what was left was no build's to the next one, and stayed beside
    the output for good. Killed after any file, the next build finishes the job."""
    from generator.build import _delete, _remove_unfinished

    out = project / "_site"
    aside = project / f"._site-replaced-{_dead_pid()}"
    for n in range(1, 1000):  # the n-th removal (a file's, a folder's) is the last one
        shutil.copytree(out, aside)
        pid = os.fork()
        if pid == 0:  # the build, killed part-way through deleting its last output
            removed = 0

            def dying(remove):
                def call(*args, **kwargs):
                    nonlocal removed
                    removed += 1
                    if removed == n:
                        os._exit(9)
                    return remove(*args, **kwargs)

                return call

            os.unlink, os.rmdir = dying(os.unlink), dying(os.rmdir)
            _delete(aside)
            os._exit(0)
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) == 0:  # deleted whole before its n-th removal: every point tried
            break
        _remove_unfinished(out)  # what the next build does first
        assert not aside.exists(), f"left beside the output when killed at removal {n}: {sorted(p.name for p in aside.rglob('*'))[:5]}"
    assert n > 50 and (out / "index.html").is_file()


def test_a_build_killed_after_its_last_marker_leaves_nothing_for_good(project):
    """QA30: killed between writing its finished marker and the swap, a build left its whole site
    beside the output for good (1.4 GB at 1,000 episodes): only its folder's name says it is a build's."""
    out = project / "_site"
    left = project / f"._site-building-{_dead_pid()}-k3y9"
    shutil.copytree(out, left)  # a finished marker, its file list and all
    assert run("build", "--site", str(project / "site.toml"), "--out", str(out)).exit_code == 0
    assert not left.exists() and (out / "index.html").is_file()


def test_a_folder_named_as_a_stopped_build_s_without_its_marker_is_left_and_named(project):
    """QA37: a folder named as a build's (``._site-replaced-<pid>``) holding files but no marker was
    left beside the output without a word. Nothing proves a build made it: it stays, named."""
    out = project / "_site"
    left = project / f"._site-replaced-{_dead_pid()}"
    left.mkdir()
    (left / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--site", str(project / "site.toml"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (left / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    assert result.stderr == f"note: {project / left.name} is named as a stopped build's folder but holds no .episode-site file: left as it is (delete it, or rename it if it is yours)\n"


@pytest.mark.skipif(shutil.which("git") is None, reason="runs git")
def test_git_add_all_commits_neither_the_site_nor_a_stopped_build_s_folders(tmp_path):
    """QA37: .gitignore ignored _site/ but not a killed build's ``._site-building-<pid>-…`` or
    ``._site-replaced-<pid>``: ``git add -A`` committed them."""
    root = Path(__file__).resolve().parent.parent
    shutil.copy(root / ".gitignore", tmp_path / ".gitignore")
    for folder in ("_site", "._site-building-4242-k3y9", "._site-replaced-4242", "content/ep"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "index.html").write_text("x\n", encoding="utf-8")
    git = ["git", "-C", str(tmp_path), "-c", "init.defaultBranch=main"]
    subprocess.run(git + ["init", "-q"], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    staged = subprocess.run(git + ["diff", "--cached", "--name-only"], check=True, capture_output=True, text=True).stdout.split()
    assert staged == [".gitignore", "content/ep/index.html"]


def test_the_old_output_goes_back_where_the_swap_s_second_rename_fails(project, monkeypatch):
    """Another build's output put in place between the two renames: the second failed, and this
    build's last output stayed aside, for a later build to delete."""
    import generator.build as build_module

    out = project / "_site"
    (out / "CNAME").write_text("example.com\n", encoding="utf-8")
    before = disk_state(project)
    rename = os.rename

    def second_fails(a, b):
        if Path(a).name.startswith("._site-") and "replaced" not in Path(a).name and Path(b) == out:  # the new output into place
            raise OSError(39, "Directory not empty", str(b))
        return rename(a, b)

    monkeypatch.setattr(build_module.os, "rename", second_fails)
    result = CliRunner().invoke(main, ["build", "--site", str(project / "site.toml"), "--out", str(out)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert disk_state(project) == before


def test_a_folder_beside_the_output_that_no_build_left_is_never_touched(project):
    out = project / "_site"
    mine = [project / "._site-old-1", project / "._site-notes", project / "._site-old-x"]
    for folder in mine:
        folder.mkdir()
        (folder / "keep.txt").write_text("mine\n", encoding="utf-8")  # no marker: not a build's
    # a backup of the site a publisher made before a redesign holds the marker, and a number:
    # it was taken for an output a stopped build had moved aside, and deleted
    backup = project / f"._site-old-{_dead_pid()}"
    shutil.copytree(out, backup)
    assert run("build", "--site", str(project / "site.toml"), "--out", str(out)).exit_code == 0
    assert all((folder / "keep.txt").is_file() for folder in mine)
    assert disk_state(backup) == disk_state(out) and (backup / ".episode-site").is_file()
    shutil.rmtree(out)  # with no output, it was renamed into its place
    assert run("build", "--site", str(project / "site.toml"), "--out", str(out)).exit_code == 0
    assert backup.is_dir() and out.is_dir()


def test_a_file_wrong_throughout_shows_its_first_problems_and_counts_the_rest():
    from generator.errors import SHOWN_PER_FILE, BuildError, Problem

    problems = [Problem("a.json", n, f"time {n} is wrong") for n in range(1, 501)] + [Problem("b.vtt", 3, "one thing")]
    message = BuildError(problems).format_message()
    lines = message.splitlines()
    assert lines[0] == "build failed: 501 problems"
    assert lines[1 : SHOWN_PER_FILE + 1] == [f"a.json:{n}: time {n} is wrong" for n in range(1, SHOWN_PER_FILE + 1)]
    assert "b.vtt:3: one thing" in lines and lines[-1] == f"a.json: … and {500 - SHOWN_PER_FILE} more problems in this file"
    assert len(lines) == SHOWN_PER_FILE + 3
    # each file's in line order, files in the order found: line 13 was shown before line 10
    found = [Problem("b.vtt", 13, "later"), Problem("a.json", 2, "x"), Problem("b.vtt", 10, "earlier"), Problem("b.vtt", None, "whole file")]
    assert BuildError(found).format_message().splitlines()[1:] == ["b.vtt: whole file", "b.vtt:10: earlier", "b.vtt:13: later", "a.json:2: x"]


def test_base_url_option_gives_the_deployed_site_its_feed_and_sitemap(project):
    """GitHub Pages' workflow passes the address configure-pages reports: site.toml needs no edit."""
    out = project / "_site"
    assert not (out / "feed.xml").exists() and "base_url" not in (project / "site.toml").read_text(encoding="utf-8").replace("# base_url", "")
    result = run("build", "--site", str(project / "site.toml"), "--out", str(out), "--base-url", "https://octo.github.io/my-repo")
    assert result.exit_code == 0, result.output
    assert "<loc>https://octo.github.io/my-repo/ilya-sutskever-age-of-research/</loc>" in (out / "sitemap.xml").read_text(encoding="utf-8")
    assert '<link rel="self" type="application/atom+xml" href="https://octo.github.io/my-repo/feed.xml"' in (out / "feed.xml").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://octo.github.io/my-repo/"' in (out / "index.html").read_text(encoding="utf-8")
    again = run("build", "--site", str(project / "site.toml"), "--out", str(out))  # without it: site.toml's (none)
    assert again.exit_code == 0 and not (out / "feed.xml").exists() and not (out / "sitemap.xml").exists()


def test_a_bad_base_url_option_is_a_message_with_status_1_and_the_site_stays(project):
    before = tree_hash(project / "_site")
    result = CliRunner().invoke(main, ["build", "--site", str(project / "site.toml"), "--out", str(project / "_site"), "--base-url", "user.github.io/repo"])
    assert result.exit_code == 1
    assert "--base-url: the base URL must be an http(s) URL like https://user.github.io/repo/" in result.output
    assert tree_hash(project / "_site") == before


def test_sources_dropped_in_that_site_toml_does_not_name_are_noted_not_read(project):
    """A new episode's folder in content/ with no [[episodes]] yet, and a file added beside an
    episode's listed sources: the build said only "built 1 episode(s)", as if they had been read."""
    new = project / "content" / "second-episode"
    new.mkdir()
    (new / "captions.vtt").write_text("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ana>Hello bees.\n", encoding="utf-8")
    (project / SOURCES / "extra.srt").write_text("1\n00:00:01,000 --> 00:00:02,000\nHi.\n", encoding="utf-8")
    for quiet in ("cover.jpg", "episode.mp3", "notes.txt~"):  # not sources: nothing to say of them
        (project / SOURCES / quiet).write_bytes(b"x")
    for hidden in ("_drafts", ".git"):  # nor of folders kept aside on purpose
        (project / "content" / hidden).mkdir()
        (project / "content" / hidden / "a.txt").write_text("draft", encoding="utf-8")
    (project / "content" / "covers").mkdir()
    (project / "content" / "covers" / "ep1.png").write_bytes(b"x")
    before = tree_hash(project / "_site")
    result = run("build", "--site", str(project / "site.toml"), "--out", str(project / "_site"))
    assert result.exit_code == 0, result.output
    notes = [line for line in result.output.splitlines() if line.startswith("note:")]
    assert notes == [
        f"note: {SOURCES}/extra.srt is not read: episode 'ilya-sutskever-age-of-research' lists its sources in site.toml, not this one (add it to its [[episodes.sources]])",
        'note: content/second-episode/ is not built: no episode in site.toml has it as its dir (add an [[episodes]] with title = "…" and dir = "content/second-episode")',
    ]
    assert result.output.rstrip().endswith("_site") and "built 1 episode(s)" in result.output
    assert tree_hash(project / "_site") == before  # noted, not read


_SRT = "1\n00:00:01,000 --> 00:00:04,000\nANA: So how did it start?\n\n2\n00:00:04,500 --> 00:00:08,000\nBO: With a single hive.\n\n"


@pytest.mark.parametrize(
    "tail, expected",
    [
        ("3\n", "c.srt:9: the file ends after cue number 3, before its time line: it was cut short"),
        ("3", "c.srt:9: the file ends after cue number 3, before its time line: it was cut short"),
        ("3\n00:00:08,5", "c.srt:10: cue 3's time line '00:00:08,5' is incomplete (expected '00:00:01,000 --> 00:00:04,000'); the file ends there: it was cut short"),
    ],
)
def test_an_srt_file_cut_short_after_a_cue_number_says_so(tmp_path, tail, expected):
    # it said "text outside a cue: '3' (expected a time line … before it)": not that the file was cut
    (tmp_path / "ep").mkdir()
    (tmp_path / "ep" / "c.srt").write_text(_SRT + tail, encoding="utf-8")
    (tmp_path / "site.toml").write_text('title = "T"\n[[episodes]]\nslug = "ep"\ntitle = "Ep"\ndir = "ep"\nhost = { name = "Ana" }\nguest = { name = "Bo" }\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--site", str(tmp_path / "site.toml"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert expected in result.output, result.output


def test_a_timed_source_that_fails_beside_a_chapter_list_is_the_only_problem(tmp_path):
    """Captions cut inside their first time line, beside a chapters file, without a duration in
    site.toml: every chapter was also "past the episode's end (0:00:00)", a length made of nothing."""
    result = _captions_beside_chapters(tmp_path, "c.vtt", "WEBVTT\n\n00:00:01.000 --> 00:0")
    assert result.exit_code == 1
    assert result.output.splitlines()[1:] == ["ep/c.vtt:3: unreadable time '00:0' (expected hh:mm:ss.mmm)"]


def test_chapters_past_the_end_of_sources_cut_short_say_where_that_end_comes_from(tmp_path):
    """Without a duration in site.toml, captions cut after their first cue made the episode end
    there, and the chapters after it were "past the episode's end (0:00:04)": the chapters file
    was blamed alone, for a length the captions gave."""
    result = _captions_beside_chapters(tmp_path, "c.srt", "1\n00:00:01,000 --> 00:00:04,000\nAna Lima: Welcome to the show.\n")
    assert result.exit_code == 1
    assert "ep/chapters.json:1: chapter 'Honey' starts at 0:00:08, past the episode's end (0:00:04, where its timed sources end: is one cut short? Else set its duration in site.toml)" in result.output


def _captions_beside_chapters(tmp_path: Path, name: str, captions: str):
    """A build of an episode of ``captions`` (file ``name``) and a chapters file (0:00 Bees, 0:08
    Honey), with no duration in site.toml."""
    (tmp_path / "ep").mkdir()
    (tmp_path / "ep" / name).write_text(captions, encoding="utf-8")
    chapters = {"version": "1.2.0", "chapters": [{"startTime": 0, "title": "Bees"}, {"startTime": 8, "title": "Honey"}]}
    (tmp_path / "ep" / "chapters.json").write_text(json.dumps(chapters), encoding="utf-8")
    (tmp_path / "site.toml").write_text('title = "T"\n[[episodes]]\nslug = "ep"\ntitle = "Bees"\ndir = "ep"\nhost = { name = "Ana Lima" }\n', encoding="utf-8")
    return run("build", "--site", str(tmp_path / "site.toml"), "--out", str(tmp_path / "out"))
