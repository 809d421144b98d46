"""Property tests: whatever happens to the real sources, only BuildError reaches the user.

Each example copies the real episode (site.toml and its five sources) into a
temporary folder, damages one file, and loads the site. The build may succeed
(a harmless edit) or fail, but a failure must be a BuildError whose message is
what the CLI prints: ``build failed: N problem(s)`` and then one line per
problem that starts with the file's path, then ``:line`` (a line that exists
in the damaged file) where one applies, then the problem.

Hypothesis examples share no pytest function-scoped fixture, so each example
makes its own ``tempfile.TemporaryDirectory()``. One load_site takes about
0.4 s; the budget below keeps the whole file near a minute and a half.
"""

from __future__ import annotations

import hashlib
from collections import Counter
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import load_site
from generator.cli import main
from generator.errors import SHOWN_PER_FILE, BuildError
from generator.model import Site

from conftest import ROOT, SEEDS

EPISODE_DIR = SEEDS.relative_to(ROOT).as_posix()  # content/ilya-sutskever-age-of-research
SOURCES = sorted(p.name for p in SEEDS.iterdir() if p.is_file())
ORIGINAL = {name: (SEEDS / name).read_bytes() for name in SOURCES}
ORIGINAL_TOML = (ROOT / "site.toml").read_bytes()

# Lines that hold times: the stacked part's 00:09.580 lines, the inline part's
# "Name (Role) 00:18.160" lines and the podcast page's "(00:09:39) - Title" chapters.
TIME_LINE = re.compile(r"^(?:\d\d:\d\d\.\d+|.*\(.*\) \d\d:\d\d\.\d+|\(\d\d:\d\d:\d\d\)\s*[-–].*)$")
TIME_LINES = {
    name: [i for i, line in enumerate(data.decode("utf-8").split("\n")) if TIME_LINE.match(line)]
    for name, data in ORIGINAL.items()
}
TIMED_SOURCES = sorted(name for name, found in TIME_LINES.items() if found)
assert len(TIMED_SOURCES) == 3, TIMED_SOURCES  # both parts and the podcast page

EXAMPLES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- the damaged copy and what a user may see -------------------------------------------


def copy_project(dest: Path) -> Path:
    """site.toml and the episode's sources under ``dest``; returns the site.toml path."""
    shutil.copytree(SEEDS, dest / EPISODE_DIR)
    (dest / "site.toml").write_bytes(ORIGINAL_TOML)
    return dest / "site.toml"


def line_count(path: Path) -> int:
    if not path.is_file():
        return 0
    raw = path.read_bytes()
    return raw.count(b"\n") + raw.count(b"\r") - raw.count(b"\r\n") + 1


def assert_user_facing(error: BuildError, site_toml: Path) -> None:
    """The message is the CLI's: a count, then ``path[:line]: problem`` per line, every path ours."""
    text = error.format_message()
    lines = text.split("\n")
    n = len(error.problems)
    assert n >= 1, text
    assert lines[0] == f"build failed: {n} problem{'s' if n != 1 else ''}", text
    per_file = Counter(p.path for p in error.problems)  # past SHOWN_PER_FILE of a file, one line counts the rest
    shown = sum(min(k, SHOWN_PER_FILE) + (k > SHOWN_PER_FILE) for k in per_file.values())
    assert len(lines) == shown + 1, f"a problem spans several lines:\n{text}"
    files = {str(site_toml): site_toml, "site.toml": site_toml}
    files.update({f"{EPISODE_DIR}/{name}": site_toml.parent / EPISODE_DIR / name for name in SOURCES})
    shape = re.compile(
        r"^(?P<path>" + "|".join(re.escape(p) for p in sorted(files, key=len, reverse=True)) + r")(?::(?P<line>\d+))?: (?P<what>\S.*)$"
    )
    for line in lines[1:]:
        m = shape.match(line)
        assert m, f"problem does not start with one of our files' paths:\n{line!r}"
        if m["line"]:
            assert 1 <= int(m["line"]) <= line_count(files[m["path"]]), f"no such line in {m['path']}: {line!r}"


def load(site_toml: Path) -> None:
    """load_site returns a Site or raises a user-facing BuildError; nothing else escapes."""
    try:
        site = load_site(site_toml)
    except BuildError as error:
        assert_user_facing(error, site_toml)
    else:
        assert isinstance(site, Site) and len(site.episodes) == 1


def write(site_toml: Path, name: str, data: bytes | None) -> None:
    """Replace one source (or site.toml itself); None deletes the file."""
    path = site_toml if name == "site.toml" else site_toml.parent / EPISODE_DIR / name
    if data is None:
        path.unlink()
    else:
        path.write_bytes(data)


def original(name: str) -> bytes:
    return ORIGINAL_TOML if name == "site.toml" else ORIGINAL[name]


# --- strategies ---------------------------------------------------------------------------------


@st.composite
def line_edits(draw, name: str) -> bytes:
    """Delete a range of lines, duplicate a range, swap two lines or move one."""
    lines = original(name).split(b"\n")
    n = len(lines)
    op = draw(st.sampled_from(["delete", "duplicate", "swap", "move"]))
    a = draw(st.integers(0, n - 1))
    b = draw(st.integers(a + 1, min(n, a + draw(st.sampled_from([1, 5, 50, n])))))
    if op == "delete":
        del lines[a:b]
    elif op == "duplicate":
        at = draw(st.integers(0, n))
        lines[at:at] = lines[a:b]
    elif op == "swap":
        c = draw(st.integers(0, n - 1))
        lines[a], lines[c] = lines[c], lines[a]
    else:
        line = lines.pop(a)
        lines.insert(draw(st.integers(0, n - 1)), line)
    return b"\n".join(lines)


CHARS = st.sampled_from(list("0123456789:.,()-–—•* \t\n\raZé") + ["\u2028", "\ufeff", "\x0b"])


@st.composite
def char_edits(draw, name: str) -> bytes:
    """Replace, insert or delete a few characters anywhere in the (decoded) file."""
    text = list(original(name).decode("utf-8"))
    for _ in range(draw(st.integers(1, 8))):
        i = draw(st.integers(0, len(text) - 1))
        op = draw(st.sampled_from(["replace", "insert", "delete"]))
        if op == "replace":
            text[i] = draw(CHARS)
        elif op == "insert":
            text.insert(i, draw(CHARS))
        else:
            del text[i]
    return "".join(text).encode("utf-8")


@st.composite
def time_edits(draw, name: str) -> bytes:
    """Damage the digits of time lines: 00:09.580 -> 00:69.580, 0x:09.580, (00:09:3) ..."""
    lines = original(name).decode("utf-8").split("\n")
    for _ in range(draw(st.integers(1, 4))):
        k = draw(st.sampled_from(TIME_LINES[name]))
        digits = [i for i, c in enumerate(lines[k]) if c.isdigit() or c in ":."]
        i = draw(st.sampled_from(digits))
        new = draw(
            st.one_of(
                st.sampled_from(list("0123456789:. x-")),
                st.sampled_from(["", "99", "6", "60", ":", "::", ".5.5"]),
                st.text("0123456789", min_size=1, max_size=6),
                st.sampled_from(["9" * 400, "9" * 4400]),  # past a float / past int()'s 4300 digits
            )
        )
        lines[k] = lines[k][:i] + new + lines[k][i + 1 :]
    return "\n".join(lines).encode("utf-8")


@st.composite
def byte_edits(draw, name: str) -> bytes | None:
    """Truncate at a byte (maybe inside a UTF-8 sequence), insert raw bytes, empty or delete the file."""
    data = original(name)
    op = draw(st.sampled_from(["truncate", "insert", "insert", "empty", "delete"]))
    if op == "truncate":
        return data[: draw(st.integers(0, len(data)))]
    if op == "insert":
        at = draw(st.integers(0, len(data)))
        junk = draw(st.one_of(st.sampled_from([b"\x00", b"\xff", b"\xc3", b"\xe2\x80", b"\xef\xbb\xbf", b"\r"]), st.binary(min_size=1, max_size=8)))
        return data[:at] + junk + data[at:]
    if op == "empty":
        return draw(st.sampled_from([b"", b"\n", b" \n\t\n", b"\xef\xbb\xbf"]))
    return None


TOML_KEY = re.compile(rb"^\s*([A-Za-z_]+)\s*=")
TOML_LINES = ORIGINAL_TOML.split(b"\n")
KEY_LINES = [i for i, line in enumerate(TOML_LINES) if TOML_KEY.match(line)]
SOURCE_TABLES = [i for i, line in enumerate(TOML_LINES) if line.strip() == b"[[episodes.sources]]"]
VALUES = [b"5", b"-1", b"true", b"[]", b"{}", b'""', b'"x"', b"[1, 2]", b'["a.txt"]', b"1979-05-27", b'"99:99:99"', b'"0:00:00"', b'"' + b"9" * 400 + b'"', b"{ name = 5 }"]


@st.composite
def toml_edits(draw) -> bytes:
    """Random byte edits, a key removed, a key given a value of the wrong kind, a source unlisted or re-roled."""
    op = draw(st.sampled_from(["bytes", "remove key", "retype key", "unlist source", "set role"]))
    lines = list(TOML_LINES)
    if op == "bytes":
        data = bytearray(ORIGINAL_TOML)
        for _ in range(draw(st.integers(1, 4))):
            i = draw(st.integers(0, len(data) - 1))
            byte = draw(st.one_of(st.sampled_from(list(b'"=[]{}.,#\n 0a\\')), st.integers(0, 255)))
            how = draw(st.sampled_from(["replace", "insert", "delete"]))
            if how == "replace":
                data[i] = byte
            elif how == "insert":
                data.insert(i, byte)
            else:
                del data[i]
        return bytes(data)
    if op in ("remove key", "retype key"):
        k = draw(st.sampled_from(KEY_LINES))
        if op == "remove key":
            del lines[k]
        else:
            key = TOML_KEY.match(lines[k]).group(1)
            lines[k] = key + b" = " + draw(st.sampled_from(VALUES))
        return b"\n".join(lines)
    k = draw(st.sampled_from(SOURCE_TABLES))
    if op == "unlist source":
        del lines[k : k + 2]
    else:
        role = draw(st.sampled_from([b"words", b"podcast-page", b"edited", b"summary", b"speech", b"Words"]))
        lines.insert(k + 2, b'role = "' + role + b'"')
    return b"\n".join(lines)


# --- load_site: a Site or a BuildError, never anything else ---------------------------------


def load_damaged(name: str, content: bytes | None) -> None:
    """Copy the project, replace one file with ``content`` (None deletes it), and check what load_site does."""
    with tempfile.TemporaryDirectory() as tmp:
        site_toml = copy_project(Path(tmp))
        write(site_toml, name, content)
        load(site_toml)


@EXAMPLES
@given(st.data(), st.sampled_from(SOURCES))
def test_line_edits_give_a_site_or_located_problems(data, name):
    load_damaged(name, data.draw(line_edits(name)))


@EXAMPLES
@given(st.data(), st.sampled_from(SOURCES))
def test_character_edits_give_a_site_or_located_problems(data, name):
    load_damaged(name, data.draw(char_edits(name)))


@EXAMPLES
@given(st.data(), st.sampled_from(TIMED_SOURCES))
def test_damaged_times_give_a_site_or_located_problems(data, name):
    load_damaged(name, data.draw(time_edits(name)))


@EXAMPLES
@given(st.data(), st.sampled_from(SOURCES))
def test_byte_damage_and_missing_files_give_located_problems(data, name):
    load_damaged(name, data.draw(byte_edits(name)))


@EXAMPLES
@given(toml_edits())
def test_damaged_site_toml_gives_a_site_or_located_problems(toml):
    load_damaged("site.toml", toml)


@pytest.mark.parametrize(
    "name, old, new, where",
    [
        ("000_bda1352659bf82d4.txt", "\n00:09.580\n", "\n" + "9" * 4400 + ":00:09.580\n", f"{EPISODE_DIR}/000_bda1352659bf82d4.txt:37: unreadable or impossible time"),
        ("003_6a06623c62d9b10e.txt", "(00:09:39)", "(" + "9" * 4400 + ":09:39)", f"{EPISODE_DIR}/003_6a06623c62d9b10e.txt:23: unreadable or impossible chapter time"),
        ("site.toml", 'duration = "1:36:03"', 'duration = "' + "9" * 400 + '"', "site.toml:14: unreadable duration"),
        ("site.toml", None, "title = 'x'\nepisodes = [1]\n", "site.toml:2: each entry of 'episodes' must be a table"),
        ("site.toml", 'dir = "content/', 'dir = 5\nxdir = "content/', "site.toml:10: episode 'ilya-sutskever-age-of-research': 'dir' must be a string"),
        ("site.toml", "links = [", "links = 5\nxlinks = [", "site.toml:18: episode 'ilya-sutskever-age-of-research': 'links' must be a list"),
        ("site.toml", 'slug = "ilya-sutskever-age-of-research"', "slug = 5", "site.toml:9: 'slug' must be a string"),
        ("site.toml", 'dir = "content/ilya-sutskever-age-of-research"', 'dir = "' + "9" * 400 + '"', "site.toml:10: cannot read episode folder: File name too long"),
        ("site.toml", 'file = "001_a9af0ab92605b360.txt"', 'file = "' + "a" * 300 + '"', f"site.toml:31: cannot open source file {EPISODE_DIR}/aaa"),
    ],
    ids=["4400-digit part time", "4400-digit chapter time", "400-digit duration", "episodes = [1]", "dir = 5", "links = 5", "slug = 5", "400-char dir", "300-char file"],
)
def test_found_escapes_are_now_located_problems(name, old, new, where):
    """Inputs that once escaped as ValueError/OverflowError/TypeError/AttributeError."""
    with tempfile.TemporaryDirectory() as tmp:
        site_toml = copy_project(Path(tmp))
        text = original(name).decode("utf-8")
        assert old is None or old in text
        write(site_toml, name, (new if old is None else text.replace(old, new, 1)).encode("utf-8"))
        with pytest.raises(BuildError) as caught:
            load_site(site_toml)
        assert_user_facing(caught.value, site_toml)
        shown = [str(p).replace(str(site_toml), "site.toml") for p in caught.value.problems]
        assert any(p.startswith(where) for p in shown), shown


# --- the CLI: exit 1, no traceback, the previous site untouched --------------------------------


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    """The real episode built by the CLI once; (output folder, its digest, its parent's listing)."""
    where = tmp_path_factory.mktemp("cli")
    out = where / "_site"
    result = CliRunner().invoke(main, ["build", "--site", str(ROOT / "site.toml"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, tree_digest(out), sorted(p.name for p in where.iterdir())


@st.composite
def breaking_edits(draw) -> tuple[str, bytes | None]:
    """Damage that must stop the build: bad UTF-8, a NUL, an empty or missing file, a 61st second, bad TOML."""
    name = draw(st.sampled_from(SOURCES + ["site.toml"]))
    data = original(name)
    if name == "site.toml":
        op = draw(st.sampled_from(["utf-8", "syntax", "no title"]))
        if op == "no title":
            return name, data.replace(b'title = "Dwarkesh Podcast transcripts"\n', b"", 1)
        at = draw(st.integers(0, len(data)))
        return name, data[:at] + (b"\xff" if op == "utf-8" else b"\n= =\n") + data[at:]
    ops = ["utf-8", "nul", "empty", "delete"] + (["time"] if name in TIMED_SOURCES else [])
    op = draw(st.sampled_from(ops))
    if op in ("utf-8", "nul"):
        at = draw(st.integers(0, len(data)))
        return name, data[:at] + (b"\x81" if op == "utf-8" else b"\x00") + data[at:]  # 0x81: neither UTF-8 nor Windows-1252
    if op == "empty":
        return name, b""
    if op == "delete":
        return name, None
    lines = data.decode("utf-8").split("\n")
    k = draw(st.sampled_from(TIME_LINES[name]))
    seconds = r":\d\d(?=\))" if lines[k].startswith("(") else r":\d\d(?=\.\d+$)"  # (00:09:39) or 00:09.580
    lines[k] = re.sub(seconds, ":61", lines[k], count=1)
    assert ":61" in lines[k], lines[k]
    return name, "\n".join(lines).encode("utf-8")


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edit=breaking_edits())
def test_cli_failure_exits_1_without_traceback_and_keeps_the_old_site(built, edit):
    out, before, listing = built
    name, data = edit
    with tempfile.TemporaryDirectory() as tmp:
        site_toml = copy_project(Path(tmp))
        write(site_toml, name, data)
        result = CliRunner().invoke(main, ["build", "--site", str(site_toml), "--out", str(out)])
        assert result.exit_code == 1, result.output
        # click handled a ClickException (SystemExit), not an exception CliRunner caught for us
        assert isinstance(result.exception, SystemExit), repr(result.exception)
        assert "Traceback" not in result.output
        head, *problems = result.stderr.rstrip("\n").split("\n")
        assert re.fullmatch(r"Error: build failed: \d+ problems?", head), result.stderr
        assert problems and all(re.match(rf"({re.escape(str(site_toml))}|site\.toml|{EPISODE_DIR}/[\w.]+)(:\d+)?: \S", p) for p in problems), result.stderr
    assert tree_digest(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == listing  # no half-written folder left beside it
