"""Stamped lines: YouTube's transcript panel copied as text, or a time before each line."""

from __future__ import annotations

from generator.errors import Problems
from generator.readers import READERS
from generator.readers.base import decode
from generator.readers.stamped_lines import READER
from helpers import read_text

from conftest import ROOT

PANEL = ROOT / "tests" / "fixtures" / "readers" / "youtube-panel.txt"


def _detected(text: str) -> str | None:
    src = decode("t.txt", text.encode("utf-8"), Problems())
    return next((r.role for r in READERS.values() if r.detect(src)), None)


def test_the_panel_copied_is_a_timed_transcript():
    text = PANEL.read_text(encoding="utf-8")
    transcript, problems = read_text(READER, text)
    assert problems == [] and _detected(text) == "stamped-lines"
    first, second = transcript.segments[:2]
    lines = text.split("\n")
    assert (first.text, first.origin.line, first.label) == (lines[1], 2, "")
    # times to the whole second are cut down to it: each line starts half a second after its stamp on average
    assert (first.start, first.end, second.start) == (0.5, 2.5, 2.5)
    assert len(transcript.segments) == 40


def test_the_panel_s_times_read_aloud_are_no_words():
    """YouTube's newer panel reads each time aloud below it: copied, "1 second", "1 minute, 5 seconds"
    were the first words of every line."""
    import re

    def aloud(stamp: str) -> str:
        *h, m, sec = (int(x) for x in stamp.split(":"))
        parts = [(h[0] if h else 0, "hour"), (m, "minute"), (sec, "second")]
        return ", ".join(f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in parts if n) or "0 seconds"

    text = PANEL.read_text(encoding="utf-8")
    spoken = re.sub(r"^(\d+(?::\d\d)+)$", lambda m: m[1] + "\n" + aloud(m[1]), text, flags=re.M)
    assert "1 minute, " in spoken or "seconds" in spoken
    spoken = "Bees, episode 4\n\nTranscript\n\nSearch in video\n\n" + spoken  # the panel's own headings copied too (QA31)
    plain, problems = read_text(READER, text)
    read, more = read_text(READER, spoken)
    assert problems == more == [] and _detected(spoken) == "stamped-lines"
    assert [(s.text, s.start) for s in read.segments] == [(s.text, s.start) for s in plain.segments]


def test_a_speaker_s_name_above_each_stamp_names_who_speaks():
    """An export writing the speaker above each stamp ("Bo Chen" / "00:00:04" / his words): the name
    was read as the last words of the line before ("… nine. Bo Chen"), and no one spoke."""
    turns = [("Ana Lima", "So how did it start?"), ("Bo Chen", "With one hive."), ("Ana Lima", "And then?"), ("Bo Chen", "Two hives."), ("Ana Lima", "Why?")] * 3
    text = "Bees, episode 4\n\n" + "\n".join(f"{name}\n00:00:{3 * k + 1:02d}\n{said}\n" for k, (name, said) in enumerate(turns))
    transcript, problems = read_text(READER, text)
    assert problems == [] and _detected(text) == "stamped-lines" and transcript.title == "Bees, episode 4"
    assert [(s.label, s.text, s.start) for s in transcript.segments] == [(name, said, 3 * k + 1.5) for k, (name, said) in enumerate(turns)]


def test_a_time_before_each_line_with_speakers_marked_as_captions_mark_them():
    text = "The Show, episode 4\n" + "".join(
        f"[00:00:{2 * k:02d}.{k}] {'>> ' if k % 3 == 0 else ''}{'ANA: ' if k == 3 else ''}line {k} said here\n" for k in range(12)
    )
    transcript, problems = read_text(READER, text)
    assert problems == [] and _detected(text) == "stamped-lines" and transcript.title == "The Show, episode 4"
    assert [(s.label, s.text, s.start) for s in transcript.segments[2:5]] == [("", "line 2 said here", 4.2), ("ANA", "line 3 said here", 6.3), ("ANA", "line 4 said here", 8.4)]


def test_a_chapter_list_stays_a_chapter_list_and_a_time_going_back_is_reported():
    chapters = "".join(f"{k * 7}:00 Chapter {k}\n" for k in range(12))  # a chapter every seven minutes
    assert _detected(chapters) == "chapters"
    back = "".join(f"0:{s:02d} words {s}\n" for s in (1, 3, 5, 7, 9, 4, 11, 13, 15, 17, 19))
    _, problems = read_text(READER, back)
    assert problems == ["src.txt:6: time goes backwards: 0:00:04 comes after 0:00:09 (line 5)"]


def test_a_chapter_list_a_minute_apart_stays_a_chapter_list():
    """Chapters a minute apart (the page's own form too) were read as a transcript of stamped lines."""
    for line in ("({t}) – Chapter {k}", "{t} Chapter {k}", "[{t}] Chapter {k}"):
        text = "".join(line.format(t=f"00:{k:02d}:00", k=k) + "\n" for k in range(12))
        assert _detected(text) == "chapters", line


def test_paragraphs_stamped_a_minute_apart_are_a_transcript_and_described_chapters_a_list():
    """A tool's stamped paragraphs (a time every 40-60 s, then all that was said till the next) were
    read as a chapter list of long titles: "has no transcript (… was read as a chapter list)"."""
    said = "So that is how it started, and we kept going through the winter with one hive and then two. " * 8
    stamps = [f"{k * 47 // 60}:{k * 47 % 60:02d}" for k in range(12)]
    for shape in ("{t} {said}\n\n", "{t}\n{said}\n\n"):
        text = "Transcript\n\n" + "".join(shape.format(t=t, said=said) for t in stamps)
        assert _detected(text) == "stamped-lines", shape
        transcript, problems = read_text(READER, text)
        assert problems == [] and [s.start for s in transcript.segments[:2]] == [0.5, 47.5]
    zh = "".join(f"{t} " + "我们一开始只有一个蜂箱，后来慢慢变成了两个，再后来就越来越多了。这就是我们的故事，很简单。" * 4 + "\n\n" for t in stamps)  # ~4 a second
    assert _detected("文字稿\n\n" + zh) == "stamped-lines"  # no spaces: counted in characters
    described = "".join(f"{k * 7}:00 Chapter {k}: in which the guest tells how the bees came back in spring, and why\n" for k in range(12))
    assert _detected(described) == "chapters"


def test_the_form_is_decided_once_and_a_stamp_that_is_no_time_is_reported():
    panel = PANEL.read_text(encoding="utf-8").split("\n")
    panel[5] = "2:30 in the morning he said"  # a line of words that starts with a time, in the panel's form
    transcript, problems = read_text(READER, "\n".join(panel))
    assert problems == [] and transcript.segments[2].text == "2:30 in the morning he said"
    panel[6] = "99:99"
    _, problems = read_text(READER, "\n".join(panel))
    assert problems == ["src.txt:7: unreadable or impossible time '99:99' (expected m:ss or h:mm:ss)"]


def test_the_panel_s_chapter_titles_are_chapters_not_words():
    """YouTube's panel shows each chapter's title above its first line: copied, the title came after
    the line before it and was read as words said there ("… is real yeah meaning Intro question …")."""
    lines = PANEL.read_text(encoding="utf-8").split("\n")
    with_titles = ["Explaining model jaggedness"] + lines[:10] + ["Emotions and value functions"] + lines[10:]
    transcript, problems = read_text(READER, "\n".join(with_titles))
    assert problems == []
    assert [(c.title, c.start, c.origin.line) for c in transcript.chapters] == [
        ("Explaining model jaggedness", 0.0, 1), ("Emotions and value functions", transcript.segments[5].start, 12)]
    said = " ".join(s.text for s in transcript.segments)
    assert "Emotions and value" not in said and "jaggedness" not in said and transcript.title == ""
    plain, _ = read_text(READER, "\n".join(lines))
    assert plain.chapters == () and [s.text for s in plain.segments] == [s.text for s in transcript.segments]
    # titles asking a question, or quoting someone, are titles too: they were read as words said
    asked = ["What are we scaling?"] + lines[:10] + ["\u201cWe are squarely an age of research company\u201d"] + lines[10:]
    transcript, problems = read_text(READER, "\n".join(asked))
    assert problems == [] and [c.title for c in transcript.chapters] == ["What are we scaling?", "\u201cWe are squarely an age of research company\u201d"]
    assert [s.text for s in plain.segments] == [s.text for s in transcript.segments]


def test_timed_lines_with_a_dash_stay_timed_lines_though_a_word_recurs_alone():
    """"0:21 - Sure" twice made "Sure" a speaker's name and the file a publisher's transcript: every
    other line's stamp became words said, and the words "Sure" and "Right" were lost."""
    lines = [f"0:{2 * k:02d} - {'Sure' if k in (4, 9) else 'Right.' if k in (6, 11) else f'line {k} said here today'}" for k in range(14)]
    text = "\n".join(lines) + "\n"
    assert _detected(text) == "stamped-lines"
    transcript, problems = read_text(READER, text)
    assert problems == [] and len(transcript.segments) == 14 and transcript.segments[4].text == "Sure"
