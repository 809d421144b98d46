"""Listen along in Chromium: the in-page player, "Play from", follow-along, share, keyboard.

Audio: the panel fixture (6:51, four chapters) built with ``media_url = "media/panel.wav"``
and a silent WAV of its length written at test time (never committed), served with
byte ranges as GitHub Pages serves files. YouTube: the real episode, with a local
stand-in for the IFrame API answering https://www.youtube.com/iframe_api.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import re
import shutil
import threading
import wave
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import axe_violations, vnu_errors
from generator.clock import format_clock
from generator.serve import PagesHandler
from generator.writers import urls
from generator.writers.pages import YOUTUBE_API

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
PANEL = ROOT / "tests" / "fixtures" / "panel"
CURRENT = "document.querySelector('[aria-current=\"time\"]')?.id || null"
AUDIO_TIME = "document.querySelector('#player audio').currentTime"

# YT.Player as the IFrame API defines it, enough for player.js: an iframe (srcdoc: no request),
# onReady, onStateChange, and a clock that runs at YT_RATE times real time while playing.
YT_STANDIN = """
(function () {
  var RATE = 8;
  function Player(slot, opts) {
    var self = this, t = 0, state = -1, timer = 0, last = 0;
    var frame = document.createElement("iframe");
    frame.srcdoc = "<p>stand-in</p>";
    slot.parentNode.replaceChild(frame, slot);
    window.ytCalls = [];
    window.ytOptions = {host: opts.host, videoId: opts.videoId};
    function set(s) { state = s; if (opts.events.onStateChange) opts.events.onStateChange({data: s, target: self}); }
    function run() { var n = Date.now(); t += (n - last) / 1000 * RATE; last = n; }
    this.getIframe = function () { return frame; };
    this.getCurrentTime = function () { if (state === 1) run(); return t; };
    this.getPlayerState = function () { return state; };
    this.seekTo = function (s) { window.ytCalls.push(["seekTo", s]); t = s; last = Date.now(); };
    this.playVideo = function () { window.ytCalls.push(["playVideo"]); last = Date.now(); set(1); };
    this.pauseVideo = function () { run(); set(2); };
    setTimeout(function () { opts.events.onReady({target: self}); }, 50);
  }
  window.YT = {Player: Player, PlayerState: {PLAYING: 1, PAUSED: 2}};
  if (window.onYouTubeIframeAPIReady) window.onYouTubeIframeAPIReady();
})();
"""


@pytest.fixture(scope="module")
def panel(tmp_path_factory: pytest.TempPathFactory):
    """(base URL, merged episode, site folder) of the panel fixture with a local WAV as its media."""
    from generator.build import build, load_site

    folder = tmp_path_factory.mktemp("panel")
    shutil.copytree(PANEL, folder, dirs_exist_ok=True)
    toml = folder / "site.toml"
    toml.write_text(re.sub(r'media_url = ".*"', 'media_url = "media/panel.wav"', toml.read_text(encoding="utf-8")), encoding="utf-8")
    out = folder / "_site"
    (folder / "public" / "media").mkdir(parents=True)  # copied to the site's root by the build
    with wave.open(str(folder / "public" / "media" / "panel.wav"), "wb") as w:  # 8 kHz 8-bit mono silence, ~3.3 MB
        w.setnchannels(1)
        w.setsampwidth(1)
        w.setframerate(8000)
        w.writeframes(b"\x80" * (8000 * (6 * 60 + 52)))  # the panel's 6:51, and a second
    build(toml, out)
    episode = load_site(toml).episodes[0]
    assert (out / "media" / "panel.wav").stat().st_size == 8000 * (int(episode.duration) + 1) + 44
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(PagesHandler, directory=str(out)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/", episode, out
    httpd.shutdown()


@pytest.fixture
def audio_page(browser):
    """A desktop page allowed to play audio and use the clipboard; fails on any page error."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, errors


def play_from(page, passage_id: str) -> None:
    page.locator(f"#{passage_id} .play-from").click()
    page.wait_for_function("() => { const a = document.querySelector('#player audio'); return a && !a.paused && a.readyState >= 3 && !a.seeking; }")


def test_play_from_is_a_labelled_button_that_seeks_to_the_passage(audio_page, panel) -> None:
    base, episode, _ = panel
    ch = episode.chapters[1]
    passage = episode.chapter_passages(ch.index)[3]
    audio_page.goto(base + urls.chapter_url(episode, ch))
    button = audio_page.get_by_role("button", name=f"Play from {format_clock(passage.start)}")
    assert button.count() == 1
    assert audio_page.locator("#player audio").count() == 0  # nothing loaded before play
    button.focus()
    audio_page.keyboard.press("Enter")
    audio_page.wait_for_function("() => { const a = document.querySelector('#player audio'); return a && !a.paused && a.readyState >= 3 && !a.seeking; }")
    at = audio_page.evaluate(AUDIO_TIME)
    assert abs(at - passage.start) < 0.5, (at, passage.start)
    assert audio_page.evaluate(CURRENT) == passage.id
    assert audio_page.get_by_role("button", name="Pause").count() == 1


def test_follow_along_marks_one_passage_at_a_time_in_order_across_the_chapter_end(audio_page, panel) -> None:
    base, episode, _ = panel
    first = episode.chapters[0]
    passages = episode.chapter_passages(first.index)
    start = next(i for i, p in enumerate(passages) if p.start >= episode.chapters[1].start - 20)
    audio_page.goto(base + urls.chapter_url(episode, first))
    audio_page.evaluate(
        """() => { window.marks = []; window.most = 0;
            new MutationObserver(() => {
                const now = document.querySelectorAll('[aria-current="time"]');
                window.most = Math.max(window.most, now.length);
                if (now.length && window.marks[window.marks.length - 1] !== now[0].id) window.marks.push(now[0].id);
            }).observe(document.body, {subtree: true, attributes: true, attributeFilter: ['aria-current']}); }"""
    )
    play_from(audio_page, passages[start].id)
    audio_page.evaluate("document.querySelector('#player audio').playbackRate = 8")
    ordered = [p.id for p in episode.passages]
    second = [p.id for p in episode.chapter_passages(1)]
    audio_page.wait_for_function(f"() => window.marks.includes({json.dumps(second[2])})", timeout=20000)
    marks = audio_page.evaluate("window.marks")
    first_at = ordered.index(passages[start].id)
    assert marks == ordered[first_at : first_at + len(marks)], marks
    assert audio_page.evaluate("window.most") == 1
    # The next chapter is shown in place: same page, its heading and passages below this one's.
    assert urlsplit(audio_page.url).path.endswith(urls.chapter_url(episode, first))
    assert audio_page.locator(f".followed-chapter h2:has-text('Chapter 2: {episode.chapters[1].title}')").is_visible()
    box = audio_page.locator(f"#{second[2]}").bounding_box()
    assert box and 0 <= box["y"] < 800, box  # followed into view


def test_scrolling_by_hand_pauses_following_until_asked_back(audio_page, panel) -> None:
    base, episode, _ = panel
    ch = episode.chapters[1]
    passages = episode.chapter_passages(ch.index)
    audio_page.set_viewport_size({"width": 1280, "height": 500})
    audio_page.goto(base + urls.chapter_url(episode, ch))
    play_from(audio_page, passages[-4].id)
    back = audio_page.get_by_role("button", name="Back to the current passage")
    assert not back.is_visible()
    audio_page.mouse.move(400, 300)
    audio_page.mouse.wheel(0, -5000)
    back.wait_for(state="visible")
    audio_page.wait_for_function("() => window.scrollY === 0")
    audio_page.evaluate("document.querySelector('#player audio').playbackRate = 4")
    was = audio_page.evaluate(CURRENT)
    audio_page.wait_for_function(f"() => ({CURRENT}) !== {json.dumps(was)}", timeout=15000)
    assert audio_page.evaluate("window.scrollY") == 0  # the mark moved, the page did not
    back.click()
    assert not back.is_visible()
    audio_page.wait_for_function(
        f"""() => {{ const el = document.getElementById({CURRENT});
            const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }}"""
    )


def test_share_copies_a_link_to_the_current_second_that_plays_from_there(audio_page, panel) -> None:
    base, episode, _ = panel
    ch = episode.chapters[2]
    audio_page.goto(base + urls.chapter_url(episode, ch))
    play_from(audio_page, episode.chapter_passages(ch.index)[2].id)
    audio_page.get_by_role("button", name="Play", exact=True).or_(audio_page.get_by_role("button", name="Pause")).click()
    audio_page.wait_for_function("document.querySelector('#player audio').paused")
    second = int(audio_page.evaluate(AUDIO_TIME))
    audio_page.get_by_role("button", name="Share this moment").click()
    toast = audio_page.locator(".toast.is-shown")
    toast.wait_for()
    assert toast.inner_text() == f"Link to {format_clock(second)} copied"
    link = audio_page.evaluate("navigator.clipboard.readText()")
    assert link == base + urls.chapter_url(episode, ch) + "#t=" + format_clock(second)
    # The link lands on the moment; pressing play starts at that second.
    audio_page.goto(base + urls.episode_url(episode) + "#t=" + format_clock(second))
    audio_page.wait_for_selector(".passage.is-moment")
    assert audio_page.locator(".player-now").inner_text() == format_clock(second)
    audio_page.get_by_role("button", name="Play", exact=True).click()
    audio_page.wait_for_function("() => { const a = document.querySelector('#player audio'); return a && !a.paused && a.readyState >= 3 && !a.seeking; }")
    assert abs(audio_page.evaluate(AUDIO_TIME) - second) < 0.5


def test_keyboard_k_space_j_l_outside_fields(audio_page, panel) -> None:
    base, episode, _ = panel
    audio_page.goto(base + urls.chapter_url(episode, episode.chapters[1]) + "#t=100")
    audio_page.wait_for_selector(".passage.is-moment")
    audio_page.keyboard.press("k")
    audio_page.wait_for_function("() => { const a = document.querySelector('#player audio'); return a && !a.paused && a.readyState >= 3; }")
    audio_page.locator("main h1").click()  # focus on no control
    _space_pauses_and_l_j_skip_ten(audio_page)
    # Typing in the search box types.
    audio_page.locator("#site-search").fill("")
    audio_page.locator("#site-search").press("k")
    audio_page.locator("#site-search").press(" ")
    assert audio_page.evaluate("document.querySelector('#player audio').paused")
    assert audio_page.locator("#site-search").input_value() == "k "


def test_keys_work_on_the_players_own_slider(audio_page, panel) -> None:
    """"Skip to the player" puts the focus on its position slider: K plays there, L and J skip and
    Space pauses, as their tooltips say, though the slider is an <input>."""
    base, episode, _ = panel
    audio_page.goto(base + urls.chapter_url(episode, episode.chapters[1]))
    audio_page.locator("#skip-player").focus()
    audio_page.keyboard.press("Enter")
    audio_page.keyboard.press("Tab")
    assert audio_page.evaluate("document.activeElement.classList.contains('player-seek')")
    audio_page.keyboard.press("k")
    audio_page.wait_for_function("() => { const a = document.querySelector('#player audio'); return a && !a.paused && a.readyState >= 3 && !a.seeking; }")
    audio_page.keyboard.press("ArrowUp")  # moves the slider, not the page: following goes on
    assert audio_page.locator("button.player-follow").is_hidden()
    _space_pauses_and_l_j_skip_ten(audio_page)


def test_after_skip_to_the_player_and_play_tab_reaches_its_controls(browser, panel) -> None:
    """"Skip to the player", K, Tab: on a phone the focus went to the passage being played, far from
    the -10/+10 buttons the reader was after."""
    base, episode, _ = panel
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(base + urls.transcript_url(episode))
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "skip-player"
    page.keyboard.press("Enter")
    page.keyboard.press("k")
    page.wait_for_function("() => { const a = document.querySelector('#player audio'); return a && !a.paused && a.readyState >= 3 && !a.seeking; }")
    page.wait_for_function("window.scrollY > 0")  # scrolled to the passage being played
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('player-seek')")
    context.close()


def _space_pauses_and_l_j_skip_ten(page) -> None:
    """Space pauses the playing audio; then L skips 10 s on and J twice 10 s back from there."""
    page.keyboard.press(" ")
    page.wait_for_function("document.querySelector('#player audio').paused")
    at = page.evaluate(AUDIO_TIME)
    page.keyboard.press("l")
    assert abs(page.evaluate(AUDIO_TIME) - (at + 10)) < 0.5
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert abs(page.evaluate(AUDIO_TIME) - (at - 10)) < 0.5


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_reduced_motion_turns_smooth_scrolling_off(audio_page, panel, motion: str) -> None:
    base, episode, _ = panel
    audio_page.emulate_media(reduced_motion=motion)
    audio_page.set_viewport_size({"width": 1280, "height": 400})
    audio_page.goto(base + urls.chapter_url(episode, episode.chapters[1]))
    audio_page.evaluate(
        "() => { window.scrolls = []; const own = Element.prototype.scrollIntoView;"
        " Element.prototype.scrollIntoView = function (o) { window.scrolls.push(o && o.behavior); return own.call(this, o); }; }"
    )
    play_from(audio_page, episode.chapter_passages(1)[-1].id)
    audio_page.evaluate("window.scrollTo(0, 0)")
    audio_page.get_by_role("button", name="Pause").click()
    audio_page.locator(f"#{episode.chapter_passages(1)[-1].id} .play-from").click()  # far below: followed into view
    audio_page.wait_for_function("window.scrolls.length > 0")
    assert set(audio_page.evaluate("window.scrolls")) == {"auto" if motion == "reduce" else "smooth"}


def test_on_a_chapter_page_play_starts_at_the_chapter_and_the_mark_leaves_when_playback_does(audio_page, panel) -> None:
    base, episode, _ = panel
    ch = episode.chapters[2]
    first = episode.chapter_passages(ch.index)[0]
    audio_page.goto(base + urls.chapter_url(episode, ch))
    assert audio_page.locator(".player-now").inner_text() == format_clock(first.start)  # not 0:00
    audio_page.get_by_role("button", name="Play", exact=True).click()
    audio_page.wait_for_function("() => { const a = document.querySelector('#player audio'); return a && !a.paused && a.readyState >= 3 && !a.seeking; }")
    assert abs(audio_page.evaluate(AUDIO_TIME) - first.start) < 0.5
    audio_page.wait_for_function(f"() => ({CURRENT}) === {json.dumps(first.id)}")
    # Ten seconds back twice: before this page's first passage, nothing here is being said.
    audio_page.keyboard.press("j")
    audio_page.keyboard.press("j")
    audio_page.wait_for_function(f"() => ({CURRENT}) === null")
    # QA28: the page then showed nothing and no way to what is played: a link to it, on its chapter's page
    link = audio_page.locator(".player-elsewhere")
    link.wait_for(state="visible", timeout=5000)
    at = int(audio_page.evaluate(AUDIO_TIME))
    before = episode.chapters[1]
    assert link.inner_text().startswith("Show the passage at ")
    assert link.get_attribute("href").endswith("/" + urls.chapter_url(episode, before) + f"#t={int(link.get_attribute('href').rsplit('=', 1)[1])}")
    assert abs(int(link.get_attribute("href").rsplit("=", 1)[1]) - at) <= 1
    link.click()
    audio_page.wait_for_selector(".passage.is-moment")
    assert urls.chapter_url(episode, before) in audio_page.url


def test_play_after_the_end_starts_again_where_the_page_does(audio_page, panel) -> None:
    """Played to its end, Play on a chapter page starts that chapter again, as it did at first; it had
    gone to 0:00, the first chapter, leaving this page with nothing marked."""
    base, episode, _ = panel
    ch = episode.chapters[-1]
    first = episode.chapter_passages(ch.index)[0]
    audio_page.goto(base + urls.chapter_url(episode, ch))
    audio_page.keyboard.press("k")
    audio_page.wait_for_function("() => { const a = document.querySelector('#player audio'); return a && !a.paused && a.readyState >= 3 && !a.seeking; }")
    audio_page.evaluate("document.querySelector('#player audio').currentTime = document.querySelector('#player audio').duration - 1")
    audio_page.wait_for_function("document.querySelector('#player audio').ended")
    assert audio_page.locator(".player-toggle").get_attribute("aria-label") == "Play"
    audio_page.keyboard.press("k")
    audio_page.wait_for_function("() => { const a = document.querySelector('#player audio'); return !a.paused && a.readyState >= 3 && !a.seeking; }")
    assert abs(audio_page.evaluate(AUDIO_TIME) - first.start) < 1
    assert audio_page.locator(".player-now").inner_text() == format_clock(first.start)
    assert audio_page.evaluate(CURRENT) == first.id


def test_media_longer_than_the_episode_shows_its_own_length_at_its_end(audio_page, panel) -> None:
    """The panel's WAV is a second longer than the episode: at its end the player said "6:52 / 6:51"."""
    base, episode, out = panel
    length = ((out / "media" / "panel.wav").stat().st_size - 44) // 8000
    audio_page.goto(base + urls.chapter_url(episode, episode.chapters[-1]))
    shown = "() => { const t = document.querySelector('.player-time').cloneNode(true); t.querySelectorAll('.visually-hidden').forEach(h => h.remove()); return t.textContent; }"
    assert audio_page.evaluate(shown) == f"{format_clock(episode.chapters[-1].start)} / {format_clock(episode.duration)}"
    audio_page.keyboard.press("k")
    audio_page.wait_for_function("() => { const a = document.querySelector('#player audio'); return a && !a.paused && a.readyState >= 3 && !a.seeking; }")
    audio_page.evaluate("document.querySelector('#player audio').currentTime = document.querySelector('#player audio').duration - 0.5")
    audio_page.wait_for_function("document.querySelector('#player audio').ended")
    assert audio_page.evaluate(shown) == f"{format_clock(length)} / {format_clock(length)}"
    assert audio_page.locator(".player-seek").input_value() == audio_page.locator(".player-seek").get_attribute("max")


def test_the_bar_marking_the_chapter_played_leaves_its_title_clear(audio_page, panel) -> None:
    """On the episode page the chapter being played is marked with a bar at its left: it covered the
    first letter of the chapter's title."""
    base, episode, _ = panel
    audio_page.goto(base + urls.episode_url(episode))
    item = audio_page.locator(".chapter-list li").nth(1)
    item.locator(".play-from").focus()
    audio_page.keyboard.press("Enter")
    audio_page.wait_for_selector(".chapter-list li[aria-current='time']")
    bar = audio_page.evaluate("parseFloat(getComputedStyle(document.querySelector('.chapter-list li[aria-current]')).boxShadow.match(/([\\d.]+)px/)[1])")
    assert bar >= 3
    assert item.locator("a").first.bounding_box()["x"] >= item.bounding_box()["x"] + bar + 2


def test_reloaded_mid_play_the_player_goes_on_from_where_it_was(audio_page, panel) -> None:
    """A reload (or Back to the page) put the player back at the chapter's start: the place was lost."""
    base, episode, _ = panel
    ch = episode.chapters[1]
    passages = episode.chapter_passages(ch.index)
    audio_page.goto(base + urls.chapter_url(episode, ch))
    play_from(audio_page, passages[3].id)
    audio_page.evaluate("document.querySelector('#player audio').currentTime = %s" % (passages[5].start + 2))
    audio_page.wait_for_function("() => { const a = document.querySelector('#player audio'); return !a.seeking && a.currentTime > %s; }" % (passages[5].start + 2))
    audio_page.reload()
    assert audio_page.locator(".player-now").inner_text() in (format_clock(passages[5].start + 2), format_clock(passages[5].start + 3))
    audio_page.keyboard.press("k")
    audio_page.wait_for_function("() => { const a = document.querySelector('#player audio'); return a && !a.paused && a.readyState >= 3 && !a.seeking; }")
    assert abs(audio_page.evaluate(AUDIO_TIME) - (passages[5].start + 2.5)) < 1.5
    assert audio_page.evaluate(CURRENT) == passages[5].id
    # Played to its end, a reload starts the chapter afresh, not at the end, where Play plays nothing.
    audio_page.evaluate("document.querySelector('#player audio').currentTime = document.querySelector('#player audio').duration - 0.5")
    audio_page.wait_for_function("document.querySelector('#player audio').ended")
    audio_page.reload()
    assert audio_page.locator(".player-now").inner_text() == format_clock(passages[0].start)


def test_a_passage_clicked_after_arriving_by_query_time_is_the_one_shown(audio_page, panel) -> None:
    base, episode, _ = panel
    ch = episode.chapters[1]
    passages = episode.chapter_passages(ch.index)
    audio_page.goto(base + urls.chapter_url(episode, ch) + f"?t={int(passages[1].start) + 1}")
    audio_page.wait_for_selector(f"#{passages[1].id}.is-moment")
    audio_page.locator(f"#{passages[4].id} a.time").click()
    audio_page.wait_for_selector(f"#{passages[4].id}.is-moment")
    assert audio_page.locator(".is-moment").count() == 1
    link = audio_page.evaluate("navigator.clipboard.readText()")
    assert "?t=" not in link and link.endswith("#" + passages[4].id)


def test_playing_clears_the_mark_of_the_moment_a_link_pointed_at(audio_page, panel) -> None:
    base, episode, _ = panel
    ch = episode.chapters[1]
    passages = episode.chapter_passages(ch.index)
    audio_page.goto(base + urls.chapter_url(episode, ch) + "#t=" + format_clock(int(passages[1].start) + 1))
    audio_page.wait_for_selector(f"#{passages[1].id}.is-moment")
    play_from(audio_page, passages[3].id)
    assert audio_page.locator(".is-moment").count() == 0 and audio_page.evaluate(CURRENT) == passages[3].id


def test_a_clicked_time_stops_looking_played_once_playback_moves(audio_page, panel) -> None:
    """A passage's time clicked (its link copied) while paused stayed highlighted beside the passage
    heard once Play was pressed; clicked while playing, it stayed so after playback left the page."""
    base, episode, _ = panel
    ch = episode.chapters[1]
    passages = episode.chapter_passages(ch.index)
    audio_page.goto(base + urls.chapter_url(episode, ch))
    play_from(audio_page, passages[1].id)
    audio_page.keyboard.press("k")
    audio_page.locator(f"#{passages[4].id} a.time").focus()
    audio_page.keyboard.press("Enter")
    audio_page.wait_for_selector(f"#{passages[4].id}.is-moment")
    audio_page.keyboard.press("k")
    audio_page.wait_for_function("!document.querySelector('#player audio').paused")
    assert audio_page.evaluate(CURRENT) == passages[1].id
    assert audio_page.locator(".is-moment").count() == 0
    audio_page.locator(f"#{passages[3].id} a.time").focus()
    audio_page.keyboard.press("Enter")
    audio_page.wait_for_selector(f"#{passages[3].id}.is-moment")
    for _ in range(int(passages[1].start - ch.start) // 10 + 2):
        audio_page.keyboard.press("j")
    audio_page.wait_for_function(f"() => ({CURRENT}) === null")
    assert audio_page.locator(".is-moment").count() == 0


def test_playing_from_a_passage_link_leaves_one_passage_highlighted(audio_page, panel) -> None:
    """A passage's own link (#t123, as its time links and shares it) stays in the address while
    another passage is played: only the one being said looks marked, not the :target too."""
    base, episode, _ = panel
    ch = episode.chapters[1]
    passages = episode.chapter_passages(ch.index)
    audio_page.goto(base + urls.chapter_url(episode, ch) + "#" + passages[1].id)
    audio_page.wait_for_selector(f"#{passages[1].id}.is-moment")
    play_from(audio_page, passages[3].id)
    marked = audio_page.evaluate("""() => {
      const plain = getComputedStyle(document.querySelector('.passage:not([aria-current]):not(:target)')).backgroundColor;
      return [...document.querySelectorAll('.passage')].filter(p => getComputedStyle(p).backgroundColor !== plain).map(p => p.id);
    }""")
    assert marked == [passages[3].id]


def test_a_passage_link_no_passage_has_any_more_plays_from_its_second(audio_page, panel) -> None:
    """#t<seconds> from an older build, its passage since cut elsewhere: the page marks the passage
    covering that second, and Play starts there, not at the chapter's first passage."""
    base, episode, _ = panel
    ch = episode.chapters[1]
    passages = episode.chapter_passages(ch.index)
    ids = {p.id for p in episode.passages}
    second = next(s for s in range(int(passages[2].start) + 1, int(passages[3].start)) if f"t{s}" not in ids)
    audio_page.goto(base + urls.chapter_url(episode, ch) + f"#t{second}")
    audio_page.wait_for_selector(f"#{passages[2].id}.is-moment")
    assert audio_page.locator(".player-now").inner_text() == format_clock(second)
    audio_page.locator(".player-toggle").click()
    audio_page.wait_for_function("() => { const a = document.querySelector('#player audio'); return a && !a.paused && a.readyState >= 3 && !a.seeking; }")
    assert abs(audio_page.evaluate(AUDIO_TIME) - second) < 0.5
    assert audio_page.evaluate(CURRENT) == passages[2].id


def play_where_media_fails(browser, url: str, pattern: str, handler) -> tuple:
    """Open ``url`` with requests matching ``pattern`` answered by ``handler`` (a failure), press a
    passage's Play, and wait for the toast; returns (context, page, toast, page errors)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.route(pattern, handler)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url)
    page.locator(".passage .play-from").first.click()
    toast = page.locator(".toast.is-shown")
    toast.wait_for()
    return context, page, toast, errors


def test_media_that_cannot_load_says_so_and_the_controls_stay_ready(browser, panel) -> None:
    base, episode, _ = panel
    url = base + urls.chapter_url(episode, episode.chapters[1])
    context, page, toast, errors = play_where_media_fails(browser, url, "**/media/panel.wav", lambda route: route.fulfill(status=404, body="gone"))
    assert toast.inner_text() == "The audio could not be loaded. The Listen links open it."
    assert page.get_by_role("button", name="Play", exact=True).count() == 1  # not "Pause"
    assert page.locator("#player audio").count() == 0 and "is-playing" not in page.locator("#player").get_attribute("class")
    assert page.evaluate(CURRENT) is None  # no passage marked as being said
    context.close()
    assert not errors, errors


def test_a_server_without_byte_ranges_says_why_play_from_starts_at_the_beginning(audio_page, panel) -> None:
    """python -m http.server ignores Range: the browser cannot seek, and Play from a passage played
    0:00 with no word why. The panel's site, served so."""
    _, episode, out = panel
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        ch = episode.chapters[1]
        passage = episode.chapter_passages(ch.index)[2]
        audio_page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/" + urls.chapter_url(episode, ch))
        audio_page.locator(f"#{passage.id} .play-from").focus()
        audio_page.keyboard.press("Enter")
        toast = audio_page.locator(".toast.is-shown")
        toast.wait_for(timeout=10000)
        assert toast.inner_text() == f"The audio cannot start at {format_clock(passage.start)} here: its server sends it only from the beginning."
    finally:
        httpd.shutdown()


def test_playing_across_a_chapter_end_from_disk_opens_the_next_chapters_file(audio_page, panel) -> None:
    _, episode, out = panel
    first, second = episode.chapters[0], episode.chapters[1]
    last = episode.chapter_passages(first.index)[-1]
    console_errors: list[str] = []
    audio_page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    audio_page.goto((out / urls.chapter_url(episode, first) / "index.html").as_uri())
    play_from(audio_page, last.id)
    audio_page.evaluate("document.querySelector('#player audio').playbackRate = 8")
    audio_page.wait_for_url(f"**/{urls.chapter_url(episode, second)}index.html#t=*", timeout=20000)
    audio_page.wait_for_selector(".passage.is-moment")
    assert console_errors == []  # no fetch of the next chapter tried where the browser refuses it


def test_playing_across_a_chapter_end_from_disk_plays_on_in_the_next_chapters_file(browser, panel) -> None:
    """From disk the player moves to the next chapter's file: playing, it goes on playing there; where
    the browser wants a press first, it says so. Paused (L past the end), it stays paused."""
    _, episode, out = panel
    first, second = episode.chapters[0], episode.chapters[1]
    last = episode.chapter_passages(first.index)[-1]
    refuse = "if (location.hash) HTMLMediaElement.prototype.play = function () { return Promise.reject(new DOMException('no', 'NotAllowedError')); };"
    for refused in (False, True):
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        if refused:
            context.add_init_script(refuse)
        page = context.new_page()
        page.goto((out / urls.chapter_url(episode, first) / "index.html").as_uri())
        play_from(page, last.id)
        page.evaluate("document.querySelector('#player audio').playbackRate = 8")
        page.wait_for_url(f"**/{urls.chapter_url(episode, second)}index.html#t=*", timeout=20000)
        if refused:
            assert page.locator(".toast.is-shown").inner_text().startswith("Press Play to go on listening from ")
            assert page.locator(".player-toggle").get_attribute("aria-label") == "Play"
        else:
            page.wait_for_function("() => { const a = document.querySelector('#player audio'); return a && !a.paused && a.currentTime > 0; }")
            assert page.evaluate(AUDIO_TIME) >= second.start - 1
        context.close()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto((out / urls.chapter_url(episode, first) / "index.html").as_uri() + "#t=" + str(int(second.start) - 5))
    page.keyboard.press("k")
    page.wait_for_function("() => { const a = document.querySelector('#player audio'); return a && !a.paused && a.readyState >= 3; }")
    page.keyboard.press("k")
    page.keyboard.press("l")
    page.wait_for_url(f"**/{urls.chapter_url(episode, second)}index.html#t=*")
    page.wait_for_selector(".passage.is-moment")
    assert page.locator("#player audio").count() == 0
    context.close()


def test_without_javascript_no_player_and_no_dead_buttons(browser, panel) -> None:
    base, episode, _ = panel
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + urls.chapter_url(episode, episode.chapters[1]))
    assert not page.locator("#player").is_visible()
    assert page.locator("button:visible").count() == 0
    listen = page.locator(".passage .watch").first
    assert listen.is_visible() and listen.get_attribute("href").startswith("../../media/panel.wav#t=")
    context.close()


def test_axe_and_vnu_with_the_player_loaded(audio_page, panel) -> None:
    base, episode, out = panel
    found = {}
    for url in (urls.episode_url(episode), urls.chapter_url(episode, episode.chapters[1]), urls.transcript_url(episode)):
        audio_page.goto(base + url)
        audio_page.get_by_role("button", name="Play", exact=True).click()
        audio_page.wait_for_function("() => !document.querySelector('#player audio').paused")
        result = axe_violations(audio_page)
        if result:
            found[url] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result]
    assert not found, json.dumps(found, indent=1)
    files = [str(p) for p in out.rglob("*.html")]
    errors = vnu_errors(files)
    assert not errors, errors[:5]


# --- YouTube, on the real episode ---


@pytest.fixture
def yt_page(browser):
    """A page whose requests to other hosts are recorded; YouTube's API is answered by the stand-in, the rest refused."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    outside: list[str] = []

    def guard(route) -> None:
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1":
            route.continue_()
            return
        outside.append(url)
        if url == YOUTUBE_API:
            route.fulfill(status=200, content_type="text/javascript", body=YT_STANDIN)
        else:
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.outside = outside  # type: ignore[attr-defined]
    yield page
    context.close()
    assert not errors, errors


def test_youtube_loads_only_when_asked_and_plays_from_the_passage(yt_page, server, episode) -> None:
    ch = episode.chapters[3]
    passage = episode.chapter_passages(ch.index)[5]
    for url in (urls.episode_url(episode), urls.chapter_url(episode, ch), urls.transcript_url(episode)):
        yt_page.goto(server + url)
        yt_page.wait_for_load_state("networkidle")
        assert yt_page.locator("#player .player-poster").is_visible()
    assert yt_page.outside == [], yt_page.outside  # type: ignore[attr-defined]
    yt_page.goto(server + urls.chapter_url(episode, ch))
    yt_page.get_by_role("button", name=f"Play from {format_clock(passage.start)}").click()
    yt_page.wait_for_function("() => window.ytCalls && window.ytCalls.some(c => c[0] === 'playVideo')")
    assert yt_page.outside == [YOUTUBE_API]  # type: ignore[attr-defined]
    assert yt_page.evaluate("window.ytOptions") == {"host": "https://www.youtube-nocookie.com", "videoId": episode.video_id}
    seeks = yt_page.evaluate("window.ytCalls.filter(c => c[0] === 'seekTo').map(c => c[1])")
    assert abs(seeks[0] - passage.start) < 0.5
    assert yt_page.locator("#player iframe").get_attribute("title") == "Video: " + episode.title
    assert not yt_page.locator("#player .player-poster").count()
    # The stand-in's clock runs at 8x: the mark moves on through the following passages, in order.
    later = [p.id for p in episode.chapter_passages(ch.index)[6:9]]
    yt_page.wait_for_function(f"() => ({CURRENT}) === {json.dumps(later[-1])}", timeout=20000)


def test_play_from_an_estimated_time_says_about(page, server, episode) -> None:
    """A passage whose time is estimated reads "about 10:08"; its Play button says "Play from about
    10:08", and a measured one "Play from 10:08", as their times read."""
    page.goto(server + urls.transcript_url(episode))
    estimated = next(p for p in episode.passages if not p.measured)
    measured = next(p for p in episode.passages if p.measured)
    for p, said in ((estimated, "about "), (measured, "")):
        button = page.locator(f"#{p.id} .play-from")
        assert button.text_content() == f"Play from {said}{format_clock(p.start)}"
        assert page.get_by_role("button", name=f"Play from {said}{format_clock(p.start)}", exact=True).count() >= 1


def test_youtube_that_never_answers_says_so_after_a_while(browser, server, episode) -> None:
    """A request to YouTube that hangs (a firewall dropping packets) gave no error: the player said
    "Pause" over a frozen clock, with nothing said, for as long as the reader waited."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).hostname == "127.0.0.1" else None)  # never answered
    page = context.new_page()
    page.clock.install()
    page.goto(server + urls.chapter_url(episode, episode.chapters[3]))
    page.locator(".passage .play-from").first.click()
    page.clock.run_for(19000)
    assert page.locator(".toast.is-shown").count() == 0  # still waiting
    page.clock.run_for(2000)
    page.locator(".toast.is-shown").wait_for()
    assert page.inner_text(".toast") == "The video is taking too long to load. The Watch links open it on YouTube."
    assert page.get_by_role("button", name="Play", exact=True).count() >= 1 and "is-playing" not in page.locator("#player").get_attribute("class")
    context.close()


def test_youtube_that_cannot_load_says_so_and_stays_ready_to_try_again(browser, server, episode) -> None:
    offline = lambda route: route.continue_() if urlsplit(route.request.url).hostname == "127.0.0.1" else route.abort()  # noqa: E731
    context, page, toast, errors = play_where_media_fails(browser, server + urls.chapter_url(episode, episode.chapters[3]), "**/*", offline)
    assert toast.inner_text() == "The video could not be loaded. The Watch links open it on YouTube."
    page.wait_for_function("() => !document.getElementById('player').classList.contains('is-playing')")
    assert page.locator("#player .player-poster").is_visible()
    page.evaluate("document.querySelector('.toast').classList.remove('is-shown')")
    page.get_by_role("button", name="Play", exact=True).first.click()  # tries again, says so again
    toast.wait_for()
    context.close()
    assert not errors, errors


def test_page_weight_before_play_stays_under_50_kb_gzipped(site_dir: Path, episode) -> None:
    """Everything a chapter page loads before play (HTML, CSS, scripts) weighs at most 50 KB gzipped."""
    static = sum(len(gzip.compress((site_dir / "static" / n).read_bytes(), 9)) for n in ("site.css", "moment.js", "player.js", "search.js"))
    for ch in episode.chapters:
        html = len(gzip.compress((site_dir / urls.chapter_url(episode, ch) / "index.html").read_bytes(), 9))
        assert html + static <= 50 * 1024, f"{ch.slug}: {html} + {static} bytes gzipped"


def test_on_a_phone_a_focused_link_is_never_under_the_docked_player(browser, panel) -> None:
    """At 375 px the player docks at the bottom of the window: a link reached with Tab scrolls
    into view above it, not behind it (9 of 60 stops were half hidden)."""
    base, episode, _ = panel
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(base + urls.chapter_url(episode, episode.chapters[1]))
    page.wait_for_selector("#player:not([hidden])")
    hidden = []
    for _ in range(60):
        page.keyboard.press("Tab")
        box = page.evaluate("""() => {
            const a = document.activeElement, p = document.getElementById('player');
            if (!a || p.contains(a) || a === document.body) return null;
            const r = a.getBoundingClientRect(), top = p.getBoundingClientRect().top;
            return {bottom: r.bottom, top: top, text: a.textContent.trim().slice(0, 30)};
        }""")
        if box and box["bottom"] > box["top"] + 1:
            hidden.append(box)
    context.close()
    assert not hidden, hidden[:3]


@pytest.mark.parametrize("width, height", [(320, 640), (375, 740), (800, 600), (640, 400)])
def test_on_a_phone_the_toast_leaves_the_players_buttons_in_sight(browser, panel, width, height) -> None:
    """What Share says ("Link to 2:20 copied") was drawn over the docked player's -10 and +10 for its
    3.5 s (320 and 375 px wide); the player staying in the page (640x400) keeps it at the bottom."""
    base, episode, _ = panel
    context = browser.new_context(viewport={"width": width, "height": height}, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base + urls.chapter_url(episode, episode.chapters[1]))
    page.locator(".player-share").click()
    page.locator(".toast.is-shown").wait_for()
    covered = page.evaluate("""() => {
        const t = document.querySelector('.toast').getBoundingClientRect();
        return [...document.querySelectorAll('#player button:not([hidden])')].filter(b => {
            const r = b.getBoundingClientRect();
            return r.width && r.bottom > 0 && r.top < innerHeight && r.left < t.right && r.right > t.left && r.top < t.bottom && r.bottom > t.top;
        }).map(b => b.textContent.trim() || b.getAttribute('aria-label'));
    }""")
    context.close()
    assert covered == []


@pytest.mark.parametrize("width, height", [(320, 256), (640, 400)])
def test_zoomed_in_the_player_stays_in_the_page_not_over_the_text(browser, panel, width, height) -> None:
    """At 400% zoom (320x256 CSS px, WCAG's reflow case) the docked player took 141 px of 256:
    two lines of text were left. On a screen that short it stays in the page, after the text."""
    base, episode, _ = panel
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(base + urls.chapter_url(episode, episode.chapters[1]))
    page.wait_for_selector("#player:not([hidden])")
    over = page.evaluate("""() => {
        const r = document.getElementById('player').getBoundingClientRect();
        return Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
    }""")
    context.close()
    assert over == 0, f"the player covers {over} px of {height}"
