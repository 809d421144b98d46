"""The in-page player as the build writes it (no browser): what each page carries, and nothing loaded before play."""

from __future__ import annotations

import json
import re
from pathlib import Path

from factories import make_episode, make_site
from generator.model import Link
from generator.writers.pages import YOUTUBE_API, YOUTUBE_HOST, render_site
from generator.writers.theme import Theme

ROOT = Path(__file__).resolve().parent.parent
EP = "test-episode"
CHAPTER = f"{EP}/emotions-and-value-functions/index.html"
PLAYER_PAGES = [f"{EP}/index.html", CHAPTER, f"{EP}/transcript/index.html"]


def build(tmp_path: Path, **episode) -> Path:
    out = tmp_path / "out"
    render_site(make_site(make_episode(**episode)), out, theme=Theme.of(ROOT / "templates", ROOT / "static"))
    return out


def config(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="player-config">(.*?)</script>', html, re.S)
    assert m, "no player config"
    return json.loads(m.group(1))


def test_youtube_player_waits_hidden_for_javascript_and_loads_nothing(tmp_path: Path) -> None:
    out = build(tmp_path)
    for page in PLAYER_PAGES:
        html = (out / page).read_text(encoding="utf-8")
        # Hidden without JavaScript (no dead buttons); player.js shows it.
        assert re.search(r'<section class="player player-youtube" id="player" aria-label="Player" hidden>', html), page
        assert config(html) == {
            "api": YOUTUBE_API,
            "end": 4000,
            "host": YOUTUBE_HOST,
            "kind": "youtube",
            "title": "Gil Guest – Jagged models & the age of research",
            "videoId": "VIDEOID1234",
        }
        # Nothing on the page is fetched from another host: no iframe, no remote src.
        assert "<iframe" not in html
        remote = [m for m in re.findall(r'\ssrc="([^"]+)"', html) if re.match(r"[a-z]+:", m)]
        assert not remote, (page, remote)
        assert 'src="../' in html and 'static/player.js" defer' in html
        # The keys player.js answers (outside text fields) are told: to screen readers and on hover.
        keys = dict(re.findall(r'data-act="(toggle|back|forward)"[^>]*aria-keyshortcuts="([^"]+)"', html))
        assert keys == {"toggle": "K", "back": "J", "forward": "L"}, page
    assert YOUTUBE_HOST.removeprefix("https://") == "www.youtube-nocookie.com"
    for page in ("index.html", "search/index.html", "404.html"):
        html = (out / page).read_text(encoding="utf-8")
        assert 'id="player"' not in html and 'player.js" defer' not in html, page


def test_an_audio_file_on_the_site_plays_from_each_page_and_its_links_resolve(tmp_path: Path) -> None:
    out = build(tmp_path, video_id="", media_url="media/episode.mp3")
    chapter = (out / CHAPTER).read_text(encoding="utf-8")
    assert config(chapter)["kind"] == "audio" and config(chapter)["src"] == "../../media/episode.mp3"
    assert config((out / EP / "index.html").read_text(encoding="utf-8"))["src"] == "../media/episode.mp3"
    assert 'class="player-media"' not in chapter  # audio: controls only, no poster
    # The Listen links (no JavaScript) reach the same file from a page two folders down.
    listen = re.findall(r'<a class="watch" href="([^"]+)">Listen', chapter)
    assert listen and all(h.startswith("../../media/episode.mp3#t=") for h in listen), listen[:3]
    assert re.search(r'href="\.\./\.\./media/episode\.mp3#t=\d+">Listen to this chapter', chapter)


def test_a_video_file_elsewhere_is_played_by_the_browser_and_wins_over_youtube(tmp_path: Path) -> None:
    out = build(tmp_path, media_url="https://media.example.com/ep.mp4")
    cfg = config((out / CHAPTER).read_text(encoding="utf-8"))
    assert cfg["kind"] == "video" and cfg["src"] == "https://media.example.com/ep.mp4" and "api" not in cfg


def test_an_episode_without_media_has_no_player(tmp_path: Path) -> None:
    out = build(tmp_path, video_id="", media_url="")
    for page in PLAYER_PAGES:
        html = (out / page).read_text(encoding="utf-8")
        assert 'id="player"' not in html and 'player.js" defer' not in html and "has-player" not in html, page


def test_the_episode_page_links_its_video_or_audio_for_readers_without_javascript(tmp_path: Path) -> None:
    """Without JavaScript the player stays hidden: the episode page's links still reach the media,
    once (a link the publisher lists to the same video is not doubled)."""
    def links(out: Path) -> list[tuple[str, str]]:
        html = (out / EP / "index.html").read_text(encoding="utf-8")
        listed = re.search(r'<ul class="pill-links" aria-label="Watch or listen">(.*?)</ul>', html, re.S)
        return re.findall(r'<a href="([^"]+)">([^<]+)</a>', listed.group(1)) if listed else []

    audio = links(build(tmp_path / "a", video_id="", media_url="media/episode.mp3", links=()))
    assert audio == [("../media/episode.mp3", "Listen to the episode")]
    video = links(build(tmp_path / "v", links=()))
    assert video == [("https://www.youtube.com/watch?v=VIDEOID1234", "Watch on YouTube")]
    listed = (Link("YouTube", "https://youtu.be/VIDEOID1234"),)
    assert links(build(tmp_path / "l", links=listed)) == [("https://youtu.be/VIDEOID1234", "YouTube")]
    assert links(build(tmp_path / "n", video_id="", media_url="", links=())) == []


def test_a_media_file_named_with_spaces_and_other_letters_is_linked_by_a_valid_url(tmp_path: Path) -> None:
    # "my episode ñ.mp3" was written raw into every Listen link and the player's source
    from click.testing import CliRunner

    from generator.cli import main

    (tmp_path / "ep").mkdir()
    (tmp_path / "ep" / "c.vtt").write_text("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ana>So how did it start?\n", encoding="utf-8")
    (tmp_path / "site.toml").write_text('title = "T"\n[[episodes]]\nslug = "ep"\ntitle = "Ep"\ndir = "ep"\nhost = { name = "Ana" }\n'
                                        'media_url = "https://media.example.com/my episode ñ.mp3"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--site", str(tmp_path / "site.toml"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    for page in ("ep/index.html", "ep/full-episode/index.html", "ep/transcript/index.html"):
        html = (tmp_path / "out" / page).read_text(encoding="utf-8")
        hrefs = re.findall(r'href="(https://media\.example\.com/[^"]*)"', html)
        assert hrefs and all(h.startswith("https://media.example.com/my%20episode%20%C3%B1.mp3") for h in hrefs), (page, hrefs)
        assert config(html)["src"] == "https://media.example.com/my%20episode%20%C3%B1.mp3"
