"""site.toml: every rule with the message a user reads, located at the line that breaks it."""

from __future__ import annotations

import os
from pathlib import Path
from textwrap import dedent

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.config import ROLES, Pin, load_config
from generator.errors import BuildError, Problems
from generator.model import ChapterMark, Link, Origin, Speaker

from conftest import ROOT

DWARKESH = Speaker("dwarkesh-patel", "Dwarkesh Patel", "Host", host=True)
ILYA = Speaker("ilya-sutskever", "Ilya Sutskever", "Co-founder and Chief Scientist, SSI")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Writes site.toml (dedented) beside a folder ``ep`` with one source; loads it as `--site site.toml` would."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ep").mkdir()
    (tmp_path / "ep" / "page.txt").write_text("x", encoding="utf-8")

    def load(text: str):
        Path("site.toml").write_text(dedent(text).lstrip("\n"), encoding="utf-8")
        return load_config(Path("site.toml"))

    return load


@pytest.fixture
def problems(site):
    """The problems a broken site.toml gives, as the CLI prints them (one per line, after the count)."""

    def load(text: str) -> list[str]:
        with pytest.raises(BuildError) as caught:
            site(text)
        return [str(p) for p in caught.value.problems]

    return load


# An episode with everything required, to which each test adds or breaks one thing.
EPISODE = """
    title = "Site"

    [[episodes]]
    slug = "one"
    title = "One"
    dir = "ep"
    host = { name = "Dwarkesh Patel", role = "Host" }
"""


def test_the_real_site_toml_loads_as_before():
    cfg = load_config(ROOT / "site.toml")
    (ep,) = cfg.episodes
    assert ep.people == (DWARKESH, ILYA)
    assert ep.host == DWARKESH
    assert (ep.slug, ep.video_id, ep.duration, ep.published) == ("ilya-sutskever-age-of-research", "aR20FWCCjAs", 5763.0, "2025-11-25")
    assert [s.path.name for s in ep.sources] == [f"00{i}_{h}.txt" for i, h in enumerate(["bda1352659bf82d4", "a9af0ab92605b360", "381b167b6f003a42", "6a06623c62d9b10e", "9c1d77b42b164a4b"])]
    assert ep.links[0] == Link("YouTube", "https://www.youtube.com/watch?v=aR20FWCCjAs") and len(ep.links) == 4
    assert (ep.media_url, ep.pins, ep.chapters, ep.description) == ("", (), (), "")
    assert cfg.description == "Searchable, timed transcripts of Dwarkesh Podcast episodes."


def test_roles_include_the_new_readers():
    assert ROLES == ("words", "podcast-page", "edited", "summary", "captions", "transcript-json", "transcript-html", "ttml", "whisper", "table", "stamped-lines", "publisher", "chapters")


# --- strict keys ------------------------------------------------------------------------------


def test_unknown_key_in_an_episode_suggests_the_nearest(problems):
    assert problems(EPISODE + '    videoid = "aR20FWCCjAs"\n') == [
        "site.toml:8: unknown key 'videoid' in [[episodes]]; did you mean 'video_id'?"
    ]


def test_unknown_top_level_key_suggests_the_nearest(problems):
    assert problems(EPISODE.replace('title = "Site"', 'titel = "Site"')) == [
        "site.toml:1: unknown key 'titel' at the top level; did you mean 'title'?",
    ]


def test_unknown_key_in_a_person_suggests_the_nearest(problems):
    assert problems("""
        title = "Site"

        [[episodes]]
        title = "One"
        dir = "ep"

        [[episodes.people]]
        nmae = "Dwarkesh Patel"
    """) == [
        "site.toml:8: unknown key 'nmae' in [[episodes.people]]; did you mean 'name'?",
    ]


def test_unknown_key_in_a_source_suggests_the_nearest(problems):
    assert problems(EPISODE + """
        [[episodes.sources]]
        file = "page.txt"
        rol = "podcast-page"
    """) == ["site.toml:11: unknown key 'rol' in [[episodes.sources]]; did you mean 'role'?"]


def test_a_misspelt_required_key_is_one_problem_at_its_line(problems):
    """'fiel' said twice: at its line, and "missing required key 'file'" at the table's."""
    assert problems(EPISODE + """
        [[episodes.sources]]
        fiel = "page.txt"
    """) == ["site.toml:10: unknown key 'fiel' in [[episodes.sources]]; did you mean 'file'?"]
    assert problems(EPISODE.replace('title = "One"', 'titel = "One"')) == [
        "site.toml:5: unknown key 'titel' in [[episodes]]; did you mean 'title'?"]


def test_episode_for_episodes_above_its_sources_is_one_problem_at_its_line(problems):
    """[[episode]] then [[episodes.sources]] made 'episodes' a table: "site.toml: 'episodes' must be
    a list of tables", at no line, beside the misspelling that caused it."""
    assert problems(EPISODE.replace("[[episodes]]", "[[episode]]") + """
        [[episodes.sources]]
        file = "page.txt"
    """) == ["site.toml:3: unknown key 'episode' at the top level; did you mean 'episodes'?"]


@pytest.mark.parametrize("bom, encoding", [(b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")])
def test_a_site_toml_saved_as_utf16_says_so(tmp_path, monkeypatch, bom, encoding):
    """Notepad's "Unicode" was "site.toml:1: not valid UTF-8", which it is, but names no way out."""
    monkeypatch.chdir(tmp_path)
    Path("site.toml").write_bytes(bom + dedent(EPISODE).encode(encoding))
    with pytest.raises(BuildError) as caught:
        load_config(Path("site.toml"))
    assert [str(p) for p in caught.value.problems] == ["site.toml:1: not valid UTF-8: saved as UTF-16 (Windows Notepad's \"Unicode\"); save it as UTF-8"]


def test_unknown_key_with_no_near_name_lists_the_known_ones(problems):
    (problem,) = problems(EPISODE + '    links = [{ label = "YouTube", url = "https://youtu.be/x", colour = "red" }]\n')
    assert problem == "site.toml:8: unknown key 'colour' in links (known keys: label, url)"


def test_unknown_role_suggests_the_nearest(problems):
    (problem,) = problems(EPISODE + '    sources = [{ file = "page.txt", role = "Words" }]\n')
    assert problem.startswith("site.toml:8: unknown role 'Words' for page.txt; did you mean 'words'? (one of: words, podcast-page,")


def test_a_second_episodes_problem_points_at_the_second_episodes_line(problems):
    assert problems(EPISODE + """
        duration = "1:00:00"

        [[episodes]]
        slug = "two"
        title = "Two"
        dir = "missing"
        host = { name = "Dwarkesh Patel" }
        videoid = "aR20FWCCjAs"
        duration = "1:75:00"
    """) == [
        "site.toml:16: unknown key 'videoid' in [[episodes]]; did you mean 'video_id'?",
        "site.toml:17: unreadable duration '1:75:00' (use h:mm:ss, more than zero)",
        "site.toml:14: episode folder not found: missing",
    ]


def test_a_dir_that_is_a_file_says_so(problems):
    """QA27: dir naming a file was "episode folder not found", though the path is there."""
    Path("notes.txt").write_text("x", encoding="utf-8")
    assert problems(EPISODE.replace('dir = "ep"', 'dir = "notes.txt"')) == ["site.toml:6: episode folder is a file, not a folder: notes.txt"]


def test_a_wrong_dir_with_sources_listed_is_one_problem_at_its_line(problems):
    """QA37: with its sources listed, a dir wrong (the folder renamed) was "source file not found"
    once per source, at each file's line, and never named dir or its line."""
    listed = EPISODE.replace('dir = "ep"', 'dir = "episode"') + "".join(f'    [[episodes.sources]]\n    file = "part{k}.txt"\n' for k in range(5))
    assert problems(listed) == ["site.toml:6: episode folder not found: episode"]
    assert problems(listed.replace('dir = "episode"', 'dir = "EP"')) == [
        "site.toml:6: episode folder not found: EP; there is 'ep': names are matched letter for letter, case too (macOS and Windows find it; Linux, where GitHub Pages builds, does not)"]
    assert problems(EPISODE.replace('dir = "ep"', 'dir = "ep/page.txt"') + '    sources = ["page.txt"]\n') == ["site.toml:6: episode folder is a file, not a folder: ep/page.txt"]


def test_sources_listed_by_absolute_path_need_no_episode_folder(site, tmp_path):
    """QA39: with dir checked first, sources listed by absolute path (files kept elsewhere) were
    refused for a dir that is not there, which they never needed; they loaded before."""
    page = tmp_path / "ep" / "page.txt"
    cfg = site(EPISODE.replace('dir = "ep"', 'dir = "nowhere"') + f'    [[episodes.sources]]\n    file = "{page}"\n')
    assert [s.path for s in cfg.episodes[0].sources] == [page]


def test_brackets_and_hashes_inside_strings_do_not_move_lines(problems):
    assert problems('''
        title = "Site [[episodes]] # not a comment"
        description = """
        [[episodes]]
        videoid = "x" # still text
        """

        [[episodes]]
        slug = "one"
        title = 'One ] } #'
        dir = "ep"
        "host" = { name = "Dwarkesh Patel", role = "Host, \\"the\\" host" }
        links = [
          # a comment between entries
          { label = "A", url = "https://a.example/" },
          { label = "B" },
        ]
    ''') == ["site.toml:15: episode 'one': missing required key 'url' in links"]


def test_all_problems_are_reported_at_once(problems):
    found = problems("""
        title = ""

        [[episodes]]
        title = 3
        slug = "One"
        dir = "ep"
        video_id = "short"
    """)
    assert found == [
        "site.toml:1: 'title' at the top level must not be empty",
        "site.toml:4: 'title' must be a string",
        "site.toml:5: slug 'One' must be lowercase letters, digits, '-' or '_' (it becomes a folder name in URLs)",
        "site.toml:7: 'video_id' 'short' is not a YouTube id (11 letters, digits, '-' or '_', as in watch?v=aR20FWCCjAs)",
        "site.toml:3: episode 'one': no people: add [[episodes.people]] with name = \"…\" for each person (or host = { name = \"…\", role = \"…\" })",
    ]


# --- types and empty values ------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, expected",
    [
        ("title = 3", "site.toml:7: 'title' must be a string"),
        ("show = true", "site.toml:8: episode 'one': 'show' must be a string"),
        ("duration = true", "site.toml:8: episode 'one': 'duration' must be a length like \"1:36:03\" or a number of seconds"),
        ("duration = -5", "site.toml:8: unreadable duration -5 (use h:mm:ss, more than zero)"),
        ("links = 5", "site.toml:8: episode 'one': 'links' must be a list like [{ label = \"…\", url = \"…\" }]"),
        ("links = [5]", "site.toml:8: episode 'one': each entry of 'links' must be a table like { label = \"…\", url = \"…\" }"),
        ("published = \"Nov 25\"", "site.toml:8: 'published' must be a date like 2025-11-25, not 'Nov 25'"),
        ("published = \"2025-02-30\"", "site.toml:8: 'published' must be a date like 2025-11-25, not '2025-02-30'"),
        ("speakers = 5", "site.toml:8: episode 'one': 'speakers' must be a table: [episodes.speakers] with lines like \"Speaker 1\" = \"Dwarkesh Patel\""),
        ("description = [\"a\"]", "site.toml:8: episode 'one': 'description' must be a string (Markdown)"),
    ],
)
def test_wrong_types_are_located_problems(problems, line, expected):
    text = EPISODE.replace('    title = "One"\n', "") if line.startswith("title") else EPISODE
    assert problems(text + "    " + line + "\n") == [expected]


def test_numbers_of_seconds_are_a_duration(site):
    (ep,) = site(EPISODE + "    duration = 5763\n").episodes
    assert ep.duration == 5763.0


@pytest.mark.parametrize("value", ['"0001-01-01"', '"9999-12-31"', "0202-05-01", '"1899-12-31"', '"2101-01-01"'])
def test_a_published_date_in_no_plausible_year_names_its_line(problems, value):
    """0001-01-01 was built: "1 January 1" on the pages, a year heading "0001", <updated>0001-… in the feed."""
    shown = value.strip('"')
    assert problems(EPISODE + f"    published = {value}\n") == [
        f"site.toml:8: 'published' {shown} is no release date: its year must be from 1900 to 2100 (a typo of the year?)"]


def test_a_published_date_at_either_end_of_the_years_allowed_is_kept(site):
    for day in ("1900-01-01", "2100-12-31"):
        assert site(EPISODE + f'    published = "{day}"\n').episodes[0].published == day


def test_an_unquoted_date_is_a_published_date(site):
    (ep,) = site(EPISODE + "    published = 2025-11-25\n").episodes
    assert ep.published == "2025-11-25"


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ('title = "One"', 'title = ""', "site.toml:5: 'title' in [[episodes]] must not be empty"),
        ('title = "One"', 'title = "   "', "site.toml:5: 'title' in [[episodes]] must not be empty"),
        ('name = "Dwarkesh Patel"', 'name = ""', "site.toml:7: episode 'one': 'name' in host must not be empty"),
    ],
)
def test_empty_required_values_are_problems(problems, old, new, expected):
    assert expected in problems(EPISODE.replace(old, new))


def test_a_description_and_links_are_kept(site):
    (ep,) = site(EPISODE + """
        description = "Ilya & I talk about **research**."
        links = [{ label = "Spotify", url = "https://open.spotify.com/episode/x" }]
    """).episodes
    assert ep.description == "Ilya & I talk about **research**."
    assert ep.links == (Link("Spotify", "https://open.spotify.com/episode/x"),)


def test_a_link_without_its_scheme_is_refused_at_its_line(problems):
    # "example.com/bees" would be a link relative to the page: /REPO/bees/example.com/bees
    found = problems(EPISODE + """
    links = [{ label = "Notes", url = "example.com/bees" }, { label = "Mail", url = "mailto:a@example.com" }]
    """)
    assert found == ["site.toml:9: episode 'one': link 'example.com/bees' must be a full address like https://example.com/episode (with https://)"]


def test_a_folder_read_whole_leaves_out_images_audio_and_documents(site, tmp_path):
    # a cover, the audio and a PDF beside the transcripts were each "not valid UTF-8"
    for name in ("cover.PNG", "episode.mp3", "notes.pdf", "raw-recording.aiff", "episode.mpg", "call.wma"):
        (tmp_path / "ep" / name).write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    (ep,) = site(EPISODE).episodes
    assert [(s.path.name, s.listed) for s in ep.sources] == [("page.txt", False)]


def test_a_folder_read_whole_leaves_out_backups_and_what_systems_leave(site, tmp_path):
    # an editor's backup of old captions was published in place of the new; Thumbs.db stopped the build
    for name in ("page.txt~", "page.txt.bak", "page.orig", ".#page.txt", "#page.txt#", "Thumbs.db", "desktop.ini", "page.txt.swp"):
        (tmp_path / "ep" / name).write_bytes(b"[.ShellClassInfo]\r\n\xff")
    (ep,) = site(EPISODE).episodes
    assert [(s.path.name, s.listed) for s in ep.sources] == [("page.txt", False)]


def test_a_folder_read_whole_that_holds_site_toml_leaves_it_out(site, tmp_path):
    # dir = "." beside the sources: site.toml was a source, "cannot tell what kind of source this is"
    (tmp_path / "page.txt").write_text("x", encoding="utf-8")
    (ep,) = site(EPISODE.replace('dir = "ep"', 'dir = "."')).episodes
    assert [s.path.name for s in ep.sources] == ["page.txt"]


def test_an_episode_copied_without_changing_its_dir_is_noted(site, tmp_path):
    """A table copied for a new episode, its dir left as it was, built the old episode's transcript
    a second time under the new title, without a word. Said, not refused: copies on purpose build."""
    second = EPISODE + """
    [[episodes]]
    slug = "two"
    title = "Two"
    dir = "ep"
    host = { name = "Dwarkesh Patel", role = "Host" }
"""
    assert site(second).unread == (
        "note: site.toml:12: episode 'two' reads the same sources as episode 'one' (ep/page.txt): a table copied without changing its dir? give it its own",)
    (tmp_path / "ep" / "other.txt").write_text("y", encoding="utf-8")  # one folder, each episode its own files
    loaded = site(second.replace('dir = "ep"\n    host', 'dir = "ep"\n    sources = ["page.txt"]\n    host', 1) + '    sources = ["other.txt"]\n')
    assert [[s.path.name for s in ep.sources] for ep in loaded.episodes] == [["page.txt"], ["other.txt"]]
    assert loaded.unread == ()  # nor "ep/other.txt is not read": episode 'two' reads it


def test_an_episode_without_dir_whose_folder_is_not_there_is_told_to_set_dir(problems, tmp_path):
    """Without dir the folder is content/<slug>, the slug made from the title: "episode folder not
    found: content/ilya-sutskever-we-re-moving-from…" named neither why nor the folder meant."""
    (tmp_path / "content" / "ilya-age-of-research").mkdir(parents=True)
    (tmp_path / "content" / "other-show").mkdir()
    no_dir = EPISODE.replace('    dir = "ep"\n', "").replace('slug = "one"', 'slug = "ilya-sutskever-age-of-research"')
    assert problems(no_dir) == [
        "site.toml:4: episode folder not found: content/ilya-sutskever-age-of-research; without dir it is content/<slug>:"
        ' set dir = "content/ilya-age-of-research"?']
    assert problems(no_dir.replace("ilya-sutskever-age-of-research", "zzz")) == [
        'site.toml:4: episode folder not found: content/zzz; without dir it is content/<slug>: set dir = "…" to its sources\' folder']


def test_a_link_in_the_folder_to_a_file_that_is_not_there_is_named(problems, tmp_path):
    """QA27: captions.vtt linking into git-annex's objects, not fetched, was left out silently."""
    (tmp_path / "ep" / "captions.vtt").symlink_to("../.git/annex/objects/Xy/SHA256E-s1--ab.vtt")
    assert problems(EPISODE) == [
        "site.toml:6: ep/captions.vtt is a link to ../.git/annex/objects/Xy/SHA256E-s1--ab.vtt, which is not there: fetch the file (git annex get, git lfs pull) or remove the link"]


def test_a_link_in_the_folder_to_a_file_outside_the_project_is_not_read(problems, site, tmp_path):
    """A link among the delivered sources to a file of the machine building (~/.ssh/…, another
    site's transcript) was read and its text published; listed in site.toml, it is read."""
    outside = tmp_path.parent / f"{tmp_path.name}-outside.vtt"
    outside.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nNot this site's.\n", encoding="utf-8")
    (tmp_path / "ep" / "z.vtt").symlink_to(outside)
    assert problems(EPISODE) == [
        f'site.toml:6: ep/z.vtt is a link to {outside}, outside the project: copy the file into ep/, or list it in [[episodes.sources]] (file = "{outside}")']
    (ep,) = site(EPISODE + '    sources = ["page.txt", "z.vtt"]\n').episodes
    assert [s.path.name for s in ep.sources] == ["page.txt", "z.vtt"]


def test_an_episode_folder_that_is_a_link_out_of_the_project_is_not_read(problems, site, tmp_path):
    """A link to a file outside was refused, a link to a folder was not: ep/ unpacked from a delivery
    as a link to ~/.ssh had every file there read and published. Named by its own path, it is read."""
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "captions.vtt").write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nNot this site's.\n", encoding="utf-8")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "ep").symlink_to(outside, target_is_directory=True)
    (tmp_path / "ep" / "parts").symlink_to(outside, target_is_directory=True)
    for folder in ("content/ep", "ep/parts"):
        assert problems(EPISODE.replace('dir = "ep"', f'dir = "{folder}"')) == [
            f'site.toml:6: episode folder {folder} is a link to {outside}, outside the project: copy its files into the project, or write dir = "{outside}"']
    (ep,) = site(EPISODE.replace('dir = "ep"', f'dir = "{outside}"')).episodes
    assert [s.path for s in ep.sources] == [outside / "captions.vtt"]


def test_the_folders_beside_a_dir_outside_the_project_are_not_looked_through(site, tmp_path):
    """dir = "/…/shows/ep" named every folder of /…/shows holding a transcript ("note: /tmp/other-show/
    is not built"), though none is the site's: the build listed folders of the machine building."""
    shows = tmp_path.parent / f"{tmp_path.name}-shows"
    for name in ("ep", "other-show"):
        (shows / name).mkdir(parents=True)
        (shows / name / "captions.vtt").write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello.\n", encoding="utf-8")
    loaded = site(EPISODE.replace('dir = "ep"', f'dir = "{shows / "ep"}"'))
    assert [s.path for s in loaded.episodes[0].sources] == [shows / "ep" / "captions.vtt"]
    assert loaded.unread == ()


def test_a_listed_source_that_is_a_link_to_nothing_or_a_loop_says_so(problems, tmp_path):
    """QA37: listed in site.toml, a git-annex link not fetched was "source file not found", though
    `ls` shows it; a link to itself said its target "is not there: fetch the file" (it is a loop)."""
    (tmp_path / "ep" / "captions.vtt").symlink_to("../.git/annex/objects/Xy/SHA256E-s1--ab.vtt")
    (tmp_path / "ep" / "loop.vtt").symlink_to("loop.vtt")
    listed = EPISODE + '    sources = ["page.txt", "captions.vtt", "loop.vtt"]\n'
    assert problems(listed) == [
        "site.toml:8: ep/captions.vtt is a link to ../.git/annex/objects/Xy/SHA256E-s1--ab.vtt, which is not there: fetch the file (git annex get, git lfs pull) or remove the link",
        "site.toml:8: ep/loop.vtt is a link to loop.vtt, which leads back to itself (a loop of links): point it at the file, or remove it",
    ]
    (tmp_path / "ep" / "captions.vtt").unlink()
    assert problems(EPISODE) == ["site.toml:6: ep/loop.vtt is a link to loop.vtt, which leads back to itself (a loop of links): point it at the file, or remove it"]


def test_a_path_that_only_macos_or_windows_would_find_says_what_differs(problems, tmp_path):
    """QA37: a name differing from the file's in case only, or folders written with '\\', is found on
    macOS or Windows and "not found" on the Linux machine GitHub Pages builds on, naming no cause."""
    (tmp_path / "ep" / "Captions.vtt").write_text("x", encoding="utf-8")
    assert problems(EPISODE + '    sources = ["page.txt", "captions.vtt"]\n') == [
        "site.toml:8: source file not found: ep/captions.vtt; there is 'Captions.vtt': names are matched letter for letter, case too (macOS and Windows find it; Linux, where GitHub Pages builds, does not)"]
    assert problems(EPISODE.replace('dir = "ep"', 'dir = "EP"')) == [
        "site.toml:6: episode folder not found: EP; there is 'ep': names are matched letter for letter, case too (macOS and Windows find it; Linux, where GitHub Pages builds, does not)"]
    (tmp_path / "content" / "one").mkdir(parents=True)
    assert problems(EPISODE.replace('dir = "ep"', "dir = 'content\\one'")) == [
        "site.toml:6: episode folder not found: content\\one; write '/' between folders: on Linux, where GitHub Pages builds, '\\' is a letter of the name"]


def test_a_folder_read_whole_is_read_in_the_order_people_number_files(site, tmp_path):
    # parts without a number of their own are laid end to end in this order: "part10" came before "part2"
    names = [f"part{n}.txt" for n in (1, 2, 3, 9, 10, 11, 12)] + ["Part13.txt", "part 14.txt"]
    for name in names:
        (tmp_path / "ep" / name).write_text("x", encoding="utf-8")
    (ep,) = site(EPISODE).episodes
    assert [s.path.name for s in ep.sources] == ["page.txt"] + names


def test_a_file_found_in_the_folder_that_is_no_source_says_to_move_it_or_list_the_sources(tmp_path):
    from generator.readers import read_source

    (tmp_path / "notes.md").write_text("# Links\n\n- [A](https://example.com)\n- [B](https://example.com/b)\n", encoding="utf-8")
    problems = Problems()
    assert read_source(tmp_path / "notes.md", "content/ep/notes.md", None, problems, listed=False) is None
    (message,) = [p.message for p in problems.items]
    assert message.startswith("cannot tell what kind of source this is: if it is none, move it out of content/ep/ or list the episode's sources in site.toml")


def test_a_source_that_is_a_folder_or_no_regular_file_says_so(problems, site):
    Path("ep/folder").mkdir()
    found = problems(EPISODE + """
    [[episodes.sources]]
    file = "folder"

    [[episodes.sources]]
    file = "/dev/null"

    [[episodes.sources]]
    file = "gone.txt"
    """)
    assert found == [
        "site.toml:10: source ep/folder is a folder, not a file",
        "site.toml:13: source /dev/null is not a regular file",
        "site.toml:16: source file not found: ep/gone.txt",
    ]


def test_toml_nested_by_the_thousand_is_a_message_not_a_traceback(problems):
    assert problems(EPISODE + "    deep = " + "[" * 5000 + "]" * 5000 + "\n") == [
        "site.toml: TOML nested too deeply (arrays or tables inside each other by the thousand)"
    ]


def test_a_source_listed_twice_is_refused_at_its_second_line(problems):
    # read twice, a source weighs twice in every vote of the merge (a part's times moved 1.5 s)
    found = problems(EPISODE + """
    [[episodes.sources]]
    file = "page.txt"

    [[episodes.sources]]
    file = "./page.txt"
    """)
    assert found == ["site.toml:13: episode 'one': './page.txt' is listed twice (first at line 10): keep one"]


# --- people -------------------------------------------------------------------------------------


def test_a_solo_episode_has_one_person_who_is_the_host(site):
    (ep,) = site("""
        title = "Site"

        [[episodes]]
        title = "One"
        dir = "ep"

        [[episodes.people]]
        name = "Dwarkesh Patel"
    """).episodes
    assert ep.people == (Speaker("dwarkesh-patel", "Dwarkesh Patel"),)
    assert ep.host == ep.people[0]


def test_a_panel_of_three_keeps_its_order_and_its_host(site):
    (ep,) = site("""
        title = "Site"

        [[episodes]]
        title = "Panel"
        dir = "ep"

        [[episodes.people]]
        name = "Ilya Sutskever"
        role = "Co-founder and Chief Scientist, SSI"

        [[episodes.people]]
        name = "Dwarkesh Patel"
        role = "Host"
        host = true

        [[episodes.people]]
        name = "Sholto Douglas"
    """).episodes
    assert [p.name for p in ep.people] == ["Ilya Sutskever", "Dwarkesh Patel", "Sholto Douglas"]
    assert ep.host == DWARKESH
    assert ep.people[0] == ILYA and ep.people[2] == Speaker("sholto-douglas", "Sholto Douglas")


def test_host_and_guest_shorthand_still_work(site):
    (ep,) = site(EPISODE + '    guest = { name = "Ilya Sutskever", role = "Co-founder and Chief Scientist, SSI" }\n').episodes
    assert ep.people == (DWARKESH, ILYA)


def test_hosts_and_guests_lists_are_shorthand_too(site):
    (ep,) = site(EPISODE.replace("host = ", "hosts = [").replace('"Host" }', '"Host" }, { name = "Co Host" }]') + """
        guests = [{ name = "Ilya Sutskever", role = "Co-founder and Chief Scientist, SSI" }, { name = "Third" }]
    """).episodes
    assert [(p.name, p.host) for p in ep.people] == [("Dwarkesh Patel", True), ("Co Host", True), ("Ilya Sutskever", False), ("Third", False)]


def test_people_and_shorthand_together_say_which_to_keep(problems):
    assert problems(EPISODE + """
        [[episodes.people]]
        name = "Ilya Sutskever"
    """) == [
        "site.toml:7: episode 'one': both [[episodes.people]] and 'host' list people: keep [[episodes.people]] (mark hosts there with host = true) and remove 'host'"
    ]


def test_names_are_unique_case_aside(problems):
    assert problems(EPISODE + '    guest = { name = "dwarkesh patel" }\n') == [
        "site.toml:8: episode 'one': 'dwarkesh patel' is listed twice (names must be unique): 'Dwarkesh Patel' is already one of the people"
    ]


def test_people_named_in_other_scripts_are_told_apart(site):
    # "王伟" and "李娜" both slugged to "untitled" and were refused as one person listed twice
    text = EPISODE.replace('    host = { name = "Dwarkesh Patel", role = "Host" }\n', '    host = { name = "王伟" }\n    guest = { name = "李娜" }\n')
    (ep,) = site(text).episodes
    assert [(p.name, p.key) for p in ep.people] == [("王伟", "王伟"), ("李娜", "李娜")]
    (ep,) = site(EPISODE.replace('    host = { name = "Dwarkesh Patel", role = "Host" }\n', '    host = { name = "Ольга Петрова" }\n')).episodes
    assert ep.people[0].key == "ольга-петрова"


def test_an_episode_needs_someone(problems):
    assert problems(EPISODE.replace('    host = { name = "Dwarkesh Patel", role = "Host" }\n', "")) == [
        "site.toml:3: episode 'one': no people: add [[episodes.people]] with name = \"…\" for each person (or host = { name = \"…\", role = \"…\" })"
    ]


def test_an_empty_list_of_people_is_no_people(problems):
    for empty in ("people = []", "hosts = []"):
        assert problems(EPISODE.replace('host = { name = "Dwarkesh Patel", role = "Host" }', empty)) == [
            "site.toml:3: episode 'one': no people: add [[episodes.people]] with name = \"…\" for each person (or host = { name = \"…\", role = \"…\" })"
        ]


def test_a_person_needs_a_name(problems):
    assert problems(EPISODE.replace('name = "Dwarkesh Patel", ', "")) == [
        "site.toml:7: episode 'one': missing required key 'name' in host"
    ]


# --- pinned speakers ----------------------------------------------------------------------------

PINNED = EPISODE + """
    guest = { name = "Ilya Sutskever" }

    [episodes.speakers]
    "Speaker 1" = "dwarkesh patel"
    SPEAKER_01 = "Ilya Sutskever"
"""


def test_pins_name_people_case_aside_with_their_lines(site):
    (ep,) = site(PINNED).episodes
    assert ep.pins == (
        Pin("Speaker 1", DWARKESH, Origin("site.toml", 12)),
        Pin("SPEAKER_01", Speaker("ilya-sutskever", "Ilya Sutskever"), Origin("site.toml", 13)),
    )


def test_a_pin_to_someone_not_in_the_episode_suggests_the_nearest(problems):
    assert problems(PINNED.replace('= "Ilya Sutskever"\n', '= "Ilya Sutskevr"\n', 1)) == [
        "site.toml:13: episode 'one': [episodes.speakers] 'SPEAKER_01' = 'Ilya Sutskevr' is none of this episode's people; did you mean 'Ilya Sutskever'?"
    ]


def test_a_pin_to_a_stranger_lists_the_people(problems):
    assert problems(PINNED.replace('"Ilya Sutskever"\n', '"Andrej Karpathy"\n', 1)) == [
        "site.toml:13: episode 'one': [episodes.speakers] 'SPEAKER_01' = 'Andrej Karpathy' is none of this episode's people (people: 'Dwarkesh Patel', 'Ilya Sutskever')"
    ]


def test_pins_under_a_misspelt_table_are_an_unknown_key(problems):
    assert problems(PINNED.replace("[episodes.speakers]", "[episodes.speaker]")) == [
        "site.toml:11: unknown key 'speaker' in [[episodes]]; did you mean 'speakers'?"
    ]


def test_a_pin_must_name_a_person_as_a_string(problems):
    assert problems(PINNED.replace('SPEAKER_01 = "Ilya Sutskever"', "SPEAKER_01 = 2")) == [
        "site.toml:13: episode 'one': [episodes.speakers] 'SPEAKER_01' must be a person's name as a string, e.g. \"Speaker 1\" = \"Dwarkesh Patel\""
    ]


# --- chapters ------------------------------------------------------------------------------------


def test_chapters_inline_become_chapter_marks_with_their_lines(site):
    (ep,) = site(EPISODE + """
        chapters = [
          { start = "0:00", title = "Intro" },
          { start = "1:02:16", title = "Research taste" },
          { start = 4000, title = "End" },
        ]
    """).episodes
    assert ep.chapters == (
        ChapterMark("Intro", 0.0, Origin("site.toml", 10)),
        ChapterMark("Research taste", 3736.0, Origin("site.toml", 11)),
        ChapterMark("End", 4000.0, Origin("site.toml", 12)),
    )


def test_chapters_as_tables(site):
    (ep,) = site(EPISODE + """
        [[episodes.chapters]]
        start = "0:00"
        title = "Intro"

        [[episodes.chapters]]
        title = "Scaling"
        start = "9:39"
    """).episodes
    assert ep.chapters == (ChapterMark("Intro", 0.0, Origin("site.toml", 10)), ChapterMark("Scaling", 579.0, Origin("site.toml", 15)))


def test_bad_chapters_are_located_problems(problems):
    assert problems(EPISODE + """
        duration = "1:00:00"
        chapters = [
          { start = "0:00", title = "Intro" },
          { start = "0:9x", title = "Garbled" },
          { start = "20:00", title = "Later" },
          { start = "10:00", title = "Earlier" },
          { start = "1:00:00", title = "Past the end" },
          { start = "30:00", title = "" },
          { title = "No start" },
        ]
    """) == [
        "site.toml:12: unreadable or impossible chapter time '0:9x' (use h:mm:ss)",
        "site.toml:14: chapter 'Earlier' at 0:10:00 is not after 'Later' at 0:20:00",
        "site.toml:15: chapter 'Past the end' starts at 1:00:00, past the episode's end (1:00:00)",
        "site.toml:16: episode 'one': 'title' in chapters must not be empty",
        "site.toml:17: episode 'one': missing required key 'start' in chapters",
    ]


# --- media --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lines, video_id, media_url",
    [
        ("", "", ""),
        ('video_id = "aR20FWCCjAs"', "aR20FWCCjAs", ""),
        ('media_url = "https://media.example/ep1.mp3"', "", "https://media.example/ep1.mp3"),
        ('media_url = "media/ep 1.mp3"', "", "media/ep%201.mp3"),  # a URL: the name's space encoded
        ('media_url = "https://m.example/my ep ñ.mp3?a=1 2"', "", "https://m.example/my%20ep%20%C3%B1.mp3?a=1%202"),
        ('media_url = "https://m.example/my%20ep.mp3"', "", "https://m.example/my%20ep.mp3"),
        ('video_id = "a-R_0FWCCjA"\n    media_url = "http://x.example/a.mp4"', "a-R_0FWCCjA", "http://x.example/a.mp4"),
    ],
    ids=["neither", "video", "audio", "relative", "other letters", "encoded already", "both"],
)
def test_media_is_a_video_id_a_media_url_both_or_neither(site, tmp_path, lines, video_id, media_url):
    (tmp_path / "public" / "media").mkdir(parents=True)
    (tmp_path / "public" / "media" / "ep 1.mp3").write_bytes(b"ID3")
    (ep,) = site(EPISODE + "    " + lines + "\n").episodes
    assert (ep.video_id, ep.media_url) == (video_id, media_url)


def test_a_media_url_in_the_site_that_no_file_answers_is_refused(site, problems, tmp_path):
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "ep.mp3").write_bytes(b"ID3")
    assert problems(EPISODE + '    media_url = "media/ep.mp3"\n') == [
        "site.toml:8: episode 'one': 'media_url' 'media/ep.mp3' is no file of the site: put the file at public/media/ep.mp3 (copied to the site's root), or give its http(s) URL"
    ]
    (ep,) = site(EPISODE + '    media_url = "static/ep.mp3"\n').episodes  # the site's static/ files are served at static/…
    assert ep.media_url == "static/ep.mp3"


@pytest.mark.parametrize(
    "line, expected",
    [
        ('video_id = "https://www.youtube.com/watch?v=aR20FWCCjAs&t=5s"', "'video_id' takes the YouTube id, not a link: write video_id = \"aR20FWCCjAs\""),
        ('video_id = "https://youtu.be/aR20FWCCjAs"', "'video_id' takes the YouTube id, not a link: write video_id = \"aR20FWCCjAs\""),
        ('video_id = "aR20FWCCjAs!"', "'video_id' 'aR20FWCCjAs!' is not a YouTube id (11 letters, digits, '-' or '_', as in watch?v=aR20FWCCjAs)"),
        ('media_url = "/media/ep1.mp3"', "'media_url' '/media/ep1.mp3' must be an http(s) URL or a path relative to the site, without the leading '/' (the site may be served under /REPO/ or opened from disk)"),
        ('media_url = "ftp://x.example/a.mp3"', "'media_url' 'ftp://x.example/a.mp3' must be an http(s) URL or a path relative to the site"),
        ('media_url = "https://x.example/a.mp3#t=10"', "'media_url' 'https://x.example/a.mp3#t=10' must not end in a '#' fragment: the build adds #t=… for each moment"),
        ('media_url = "https:///a.mp3"', "'media_url' 'https:///a.mp3' must be an http(s) URL or a path relative to the site"),
    ],
    ids=["youtube-url", "youtu.be", "not-an-id", "root-path", "ftp", "fragment", "no-host"],
)
def test_bad_media_is_a_located_problem(problems, line, expected):
    assert problems(EPISODE + "    " + line + "\n") == ["site.toml:8: " + expected]


# --- the CLI ----------------------------------------------------------------------------------------


def test_the_cli_prints_config_problems_without_a_traceback(site, tmp_path):
    Path("site.toml").write_text(dedent(EPISODE).lstrip("\n") + '    videoid = "aR20FWCCjAs"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--site", "site.toml", "--out", str(tmp_path / "_site")])
    assert result.exit_code == 1
    assert result.output == "Error: build failed: 1 problem\nsite.toml:8: unknown key 'videoid' in [[episodes]]; did you mean 'video_id'?\n"


# --- slugs the site's own pages take, base_url, characters nobody means -------------------------


def test_a_slug_the_sites_own_pages_take_is_refused_at_its_line(problems):
    assert problems(EPISODE.replace('slug = "one"', 'slug = "search"')) == [
        "site.toml:4: episode slug 'search' is the folder of the search page; give the episode another slug"
    ]
    assert problems(EPISODE.replace('slug = "one"\n', "").replace('title = "One"', 'title = "Static"')) == [
        "site.toml:4: episode slug 'static' is the folder of the theme's styles and scripts (made from its title: set slug = \"…\" to choose one)"
    ]


def test_titles_that_make_the_same_slug_say_where_it_came_from(problems):
    second = EPISODE.split("[[episodes]]")[1].replace('slug = "one"\n', "")
    text = EPISODE.replace('slug = "one"\n', "").replace('"One"', '"???"') + "\n    [[episodes]]" + second.replace('"One"', '"!!!"')
    assert problems(text) == ["site.toml:9: two episodes share the slug 'untitled' (made from its title: set slug = \"…\" to choose one)"]


@pytest.mark.parametrize("title, slug", [
    ("养蜂人的一天", "yang-feng-ren-de-yi-tian"), ("Пчёлы на крыше", "pchely-na-kryshe"), ("第3集", "di-3-ji"),
    ("Straße und Łódź", "strasse-und-lodz"), ("Café 王伟 and McDonald", "cafe-wang-wei-and-mcdonald"),
])
def test_a_title_in_another_script_makes_a_slug_of_its_letters(site, title, slug):
    """QA27: every title without a Latin letter made "untitled", and a second one stopped the build."""
    (ep,) = site(EPISODE.replace('slug = "one"\n', "").replace('"One"', f'"{title}"')).episodes
    assert ep.slug == slug


@pytest.mark.parametrize(
    "url, why",
    [
        ("https://u.github.io/my repo/", "without spaces or control characters"),
        ("https://u.github.io/repo/?a=1&b=2", "without a '?' query or '#' fragment"),
        ("https://u.github.io/repo/#top", "without a '?' query or '#' fragment"),
        ("https://u.github.io/repo/index.html", "not a page in it"),
        ("https://a..b/", "its domain is not a valid name"),
        ("https://u.github.io/repo//", "without '//' inside it"),
        ("https://ex<svg>.com/", "its domain is not a valid name"),  # written as it is into robots.txt and chapters.json
        ("https://octo:ghp_secret@octo.github.io/repo/", "without a user name or password"),  # published in every page
        ("u.github.io/repo", ", with its scheme: did you mean https://u.github.io/repo/?"),  # it named no cause
        ("//u.github.io/repo/", ", with its scheme: did you mean https://u.github.io/repo/?"),
    ],
)
def test_a_base_url_every_page_url_cannot_be_built_on_is_refused(problems, url, why):
    (found,) = problems('    base_url = "' + url + '"\n' + EPISODE)
    assert found.startswith("site.toml:1: 'base_url' must be an http(s) URL like https://user.github.io/repo/") and why in found


def test_a_base_url_in_other_scripts_is_written_as_urls_are(site):
    assert site('    base_url = "https://u.github.io/r\u00e9po"\n' + EPISODE).base_url == "https://u.github.io/r%C3%A9po/"
    assert site('    base_url = "https://\u4f8b\u3048.jp/"\n' + EPISODE).base_url == "https://xn--r8jz45g.jp/"


def test_a_control_character_in_a_value_is_refused_at_its_line(problems):
    assert problems(EPISODE.replace('title = "One"', 'title = "Bell\\u0007 One"')) == [
        "site.toml:5: 'title' in [[episodes]] holds the control character U+0007: remove it"
    ]
    assert problems(EPISODE.replace('"Dwarkesh Patel"', '"Dwar\\bkesh"')) == [
        "site.toml:7: episode 'one': 'name' in host holds the control character U+0008: remove it"
    ]


def test_a_byte_order_mark_before_site_toml_is_read_past(tmp_path, site):
    Path("site.toml").write_bytes("\ufeff".encode() + dedent(EPISODE).lstrip("\n").encode())
    assert load_config(Path("site.toml")).title == "Site"


def test_an_episode_folder_of_folders_says_their_files_are_not_read(problems, tmp_path):
    """Parts kept in subfolders of an episode's folder are not read unless listed: the build said
    only "has no transcript", naming no file."""
    (tmp_path / "ep" / "page.txt").unlink()
    for batch in ("batch1", "batch0"):
        (tmp_path / "ep" / "parts" / batch).mkdir(parents=True)
        (tmp_path / "ep" / "parts" / batch / "p1.txt").write_text("x", encoding="utf-8")
    assert problems(EPISODE) == [
        "site.toml:6: episode folder ep holds no files, only folders (parts/), whose files are not read: list them in "
        "[[episodes.sources]] (file = \"parts/batch0/p1.txt\")"
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="makes a named pipe")
def test_a_folder_or_a_named_pipe_beside_an_episode_s_files_is_passed_over(site, tmp_path):
    """QA37: a folder of the publisher's own (images/) or a fifo left in an episode folder read whole
    is skipped without a word, as the README says: neither is a transcript, and opening a fifo to
    read it would wait for a writer for ever."""
    (tmp_path / "ep" / "images").mkdir()
    (tmp_path / "ep" / "images" / "cover.txt").write_text("x", encoding="utf-8")
    os.mkfifo(tmp_path / "ep" / "pipe.txt")
    assert [s.path.name for s in site(EPISODE).episodes[0].sources] == ["page.txt"]


def test_an_episode_folder_with_no_transcript_in_it_is_named_at_the_episode_s_line(problems, tmp_path):
    """QA27: an empty folder (or one holding only the audio) said "site.toml: episode 'one' has no
    transcript", naming neither the folder nor a line."""
    (tmp_path / "ep" / "page.txt").unlink()
    (tmp_path / "ep" / "episode.mp3").write_bytes(b"ID3")
    assert problems(EPISODE) == [
        "site.toml:6: episode folder ep holds no transcript: add its sources there (a podcast page, captions, a Whisper or Podcasting 2.0 JSON, a publisher transcript or word-level parts)"]


def test_a_long_title_makes_a_slug_a_folder_can_have_and_a_long_slug_is_refused_at_its_line(site, problems):
    # a 500-letter title left out the slug: "_site: cannot write output: File name too long", naming nothing
    from generator.config import slugify

    title = " ".join(["Scaling"] * 70)
    (ep,) = site(EPISODE.replace('title = "One"', f'title = "{title}"').replace('slug = "one"\n', "")).episodes
    assert len(ep.slug) <= 80 and ep.slug.startswith("scaling-scaling") and not ep.slug.endswith("-")
    assert slugify("x" * 300) == "x" * 80
    assert problems(EPISODE.replace('slug = "one"', f'slug = "{"a" * 201}"')) == [
        "site.toml:4: slug 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa… is 201 characters: 200 at most (it becomes a folder name)"
    ]


def test_a_duration_longer_than_any_episode_is_refused(problems):
    # "99999999999999999999" (seconds) was taken: the page said 27,777,777,777,777,779 h
    assert problems(EPISODE + '    duration = "99999999999999999999"\n') == [
        "site.toml:8: duration '99999999999999999999' is more than 48 hours: use h:mm:ss (1:36:03)"
    ]
    assert problems(EPISODE + '    duration = "47:59:59"\n    videoid = 1\n')[0].startswith("site.toml:9: unknown key 'videoid'")
