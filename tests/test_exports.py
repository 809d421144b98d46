"""The transcript exports: Podcasting 2.0 JSON and chapters, WebVTT, SRT."""

from __future__ import annotations

import json
import re

import pytest
from factories import GUEST, HOST, make_episode
from helpers import runs_left_open

from generator.writers.exports import srt, transcript_json, webvtt
from generator.model import Episode, Origin, Passage, Sentence, Speaker


@pytest.fixture(scope="module")
def folder(site_dir):
    return site_dir / "ilya-sutskever-age-of-research"


def test_podcasting20_json_transcript(folder, episode):
    data = json.loads((folder / "transcript.json").read_text(encoding="utf-8"))
    assert data["version"] == "1.0.0"
    segments = data["segments"]
    assert set(segments[0]) == {"speaker", "startTime", "endTime", "body"}
    assert {s["speaker"] for s in segments} == {"Dwarkesh Patel", "Ilya Sutskever"}
    assert all(isinstance(s["startTime"], float) and s["endTime"] > s["startTime"] for s in segments)
    starts = [s["startTime"] for s in segments]
    assert starts == sorted(starts)
    # sentence-sized: one segment per sentence of the model, none of paragraph length
    assert len(segments) == sum(len(p.sentences) for p in episode.passages)
    assert max(len(s["body"].split()) for s in segments) <= 60
    crux = next(s for s in segments if s["body"].startswith("Okay. So this is the crux") or s["body"] == "So this is the crux generalization.")
    assert crux["startTime"] == pytest.approx(1513, abs=1)


def test_chapters_json(folder):
    data = json.loads((folder / "chapters.json").read_text(encoding="utf-8"))
    assert data["version"] == "1.2.0"
    assert data["chapters"][0] == {"startTime": 0.0, "endTime": 579.0, "title": "Explaining model jaggedness"}
    assert [c["startTime"] for c in data["chapters"]][-1] == 5562.0


CUE_TIME = re.compile(r"^(\d{2}):(\d{2}):(\d{2})[.,](\d{3}) --> (\d{2}):(\d{2}):(\d{2})[.,](\d{3})$")


def _seconds(h, m, s, ms):
    return int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000


def test_webvtt_has_voice_tags_and_short_lines(folder):
    text = (folder / "transcript.vtt").read_text(encoding="utf-8")
    assert text.startswith("WEBVTT\n\n")
    blocks = text.strip().split("\n\n")[1:]
    previous = 0.0
    for block in blocks:
        timing, *lines = block.split("\n")
        m = CUE_TIME.match(timing)
        assert m, timing
        start, end = _seconds(*m.groups()[:4]), _seconds(*m.groups()[4:])
        assert previous <= start < end
        previous = start
        assert lines[0].startswith(("<v Dwarkesh Patel>", "<v Ilya Sutskever>"))
        assert 1 <= len(lines) <= 2
        for line in lines:
            assert len(re.sub(r"^<v [^>]+>", "", line)) <= 42


def test_srt_numbers_cues_and_names_speakers(folder):
    text = (folder / "transcript.srt").read_text(encoding="utf-8")
    blocks = text.strip().split("\n\n")
    assert [int(b.split("\n")[0]) for b in blocks] == list(range(1, len(blocks) + 1))
    assert CUE_TIME.match(blocks[0].split("\n")[1])
    assert blocks[0].split("\n")[2].startswith("Dwarkesh Patel: ")
    assert any(b.split("\n")[2].startswith("Ilya Sutskever:") for b in blocks)


# --- captions read like captions ------------------------------------------------------

VOICE = re.compile(r"^<v ([^>]+)>")


def parse_vtt(text: str) -> list[tuple[float, float, str, list[str]]]:
    """(start, end, speaker, lines) per cue of a WebVTT file as this exporter writes it."""
    assert text.startswith("WEBVTT\n\n")
    out = []
    for block in text.strip().split("\n\n")[1:]:
        timing, *lines = block.split("\n")
        m = CUE_TIME.match(timing)
        assert m, timing
        voice = VOICE.match(lines[0])
        if voice:
            lines[0] = lines[0][voice.end() :]
        out.append((_seconds(*m.groups()[:4]), _seconds(*m.groups()[4:]), voice.group(1) if voice else "", lines))
    return out


def parse_srt(text: str) -> list[tuple[int, float, float, list[str]]]:
    """(number, start, end, lines) per cue of a SubRip file."""
    out = []
    for block in text.strip().split("\n\n"):
        number, timing, *lines = block.split("\n")
        m = CUE_TIME.match(timing)
        assert m, timing
        out.append((int(number), _seconds(*m.groups()[:4]), _seconds(*m.groups()[4:]), lines))
    return out


def _episode(*turns: tuple[Speaker, list[tuple[str, float, float]]], duration: float = 600) -> Episode:
    """An episode of the given turns: (speaker, [(sentence, start, end), ...]) each, one passage per turn."""
    passages = tuple(
        Passage(f"t{int(rows[0][1])}", who, 0, tuple(Sentence(text, a, b, Origin("fixture.txt", n + 1)) for text, a, b in rows), "edited")
        for n, (who, rows) in enumerate(turns)
    )
    return make_episode(passages=passages, duration=duration)


def _texts(ep: Episode) -> list[str]:
    return [" ".join(lines) for _, _, _, lines in parse_vtt(webvtt(ep))]


def test_a_long_sentence_never_leaves_a_one_word_tail():
    # wrapped at a fixed width, this sentence's last cue was the lone word "evals."
    sentence = "You look at the evals and you go, those are pretty hard problems, and the models do so well on them, but they still stumble on evals."
    ep = _episode((GUEST, [(sentence, 100.0, 112.0)]))
    texts = _texts(ep)
    assert len(texts) > 1
    assert all(len(t.split()) > 1 for t in texts), texts
    assert " ".join(texts) == sentence  # nothing lost, nothing repeated


def test_cues_are_cut_at_a_clause_boundary():
    sentence = "When we started the company in the spring of that year, nobody believed that scaling alone would carry us."
    texts = _texts(_episode((GUEST, [(sentence, 10.0, 16.0)])))
    assert texts == ["When we started the company in the spring of that year,", "nobody believed that scaling alone would carry us."]


def test_lines_fit_two_by_42_and_are_balanced():
    sentence = "Pre-training data is very big and it is very natural, and it captures a whole lot of what people do."
    cue = parse_vtt(webvtt(_episode((HOST, [(sentence, 0.0, 5.0)]))))[0]
    lines = cue[3]
    assert len(lines) == 2 and all(len(line) <= 42 for line in lines), lines
    assert all(len(line.split()) > 1 for line in lines)
    assert abs(len(lines[0]) - len(lines[1])) <= 12, lines


def test_a_one_word_turn_stays_alone_but_a_one_word_sentence_joins_its_turn():
    ep = _episode(
        (HOST, [("So is that the crux of it?", 0.0, 2.0)]),
        (GUEST, [("Yeah.", 2.2, 2.6)]),
        (HOST, [("Okay.", 3.0, 3.4), ("Then let's talk about how humans generalize.", 3.4, 6.0)]),
    )
    assert _texts(ep) == ["So is that the crux of it?", "Yeah.", "Okay. Then let's talk about how humans generalize."]


def test_cue_durations_stay_between_one_and_seven_seconds():
    slow = "Humans learn to drive in ten hours, yet the models need millions of miles, and that is the real puzzle of sample efficiency."
    ep = _episode(
        (HOST, [("Right.", 0.0, 0.3)]),  # a silence follows: the cue stays up a full second
        (GUEST, [(slow, 2.0, 32.0)]),  # slow speech: more cues, none longer than seven seconds
        (HOST, [("Interesting, because that is also what we see in practice.", 32.2, 34.5)]),
    )
    cues = parse_vtt(webvtt(ep))
    assert cues[0][:2] == (0.0, 1.0)
    for (start, end, _, _), following in zip(cues, [c[0] for c in cues[1:]] + [ep.duration]):
        assert 1.0 <= end - start <= 7.0, (start, end)
        assert end <= following


def test_a_cue_never_shows_faster_than_20_characters_a_second_when_a_gap_allows_it():
    sentence = "That's what I think scaling means."  # 34 characters said in one second, then a pause
    cues = parse_vtt(webvtt(_episode((GUEST, [(sentence, 10.0, 11.0)]), (HOST, [("And now?", 14.0, 15.0)]))))
    start, end, _, _ = cues[0]
    assert (start, end) == (10.0, 11.7)  # 34 / 20 s
    assert cues[1][0] == 14.0


def test_a_short_cue_is_not_stretched_over_the_next_one():
    ep = _episode((HOST, [("Fine, go on.", 5.0, 5.4)]), (GUEST, [("So the idea is this one here.", 5.5, 8.0)]))
    cues = parse_vtt(webvtt(ep))
    assert cues[0][:2] == (5.0, 5.5)  # would need 1 s, but the next cue starts at 5.5
    assert cues[1][:2] == (5.5, 8.0)


def test_srt_names_the_speaker_inline_with_at_most_two_lines():
    # the old exporter put "Gil Guest:" on a line of its own here, making a three-line cue
    sentence = "Reinforcement learning environments are inspired by the evals that the labs publish, so the models overfit them."
    ep = _episode((HOST, [("Why is that?", 0.0, 1.5)]), (GUEST, [(sentence, 1.6, 9.0), ("That is my guess.", 9.0, 10.5)]))
    cues = parse_srt(srt(ep))
    assert [n for n, *_ in cues] == list(range(1, len(cues) + 1))
    assert all(1 <= len(lines) <= 2 for *_, lines in cues)
    assert all(len(line) <= 42 for *_, lines in cues for line in lines)
    named = [lines[0].split(": ")[0] for *_, lines in cues if ": " in lines[0]]
    assert named == ["Dana Host", "Gil Guest"]  # once per turn, on the first line
    assert cues[1][3][0].startswith("Gil Guest: Reinforcement")


def test_srt_shows_markup_in_the_text_as_text():
    # SubRip players read <i>, <b> and <font> (and web ones put cue text in innerHTML): a source's
    # "<img src=x onerror=…>" reached transcript.srt as markup, though the WebVTT export escaped it
    said = "I typed <img src=x onerror=alert(1)> and </script><script>alert(2)</script> in it. So 2 < 3 and 4 > 1."
    ep = _episode((Speaker("x", "<b>Ana</b>", "Host"), [(said, 0.0, 12.0)]))
    text = "\n".join(line for *_, lines in parse_srt(srt(ep)) for line in lines)
    assert not re.search(r"<\s*/?\s*[A-Za-z!]", text), text
    assert "2 < 3 and 4 > 1." in " ".join(text.split()) and "‹img src=x onerror=alert(1)>" in " ".join(text.split())


def test_a_timing_arrow_in_the_text_is_no_timing_line_in_the_srt():
    """SubRip has no escapes: "-->" in the text looked like a cue's timing line to lenient readers."""
    said = "Look. 4 00:00:01,000 --> 00:00:59,000 INJECTED and a -> b."
    ep = _episode((HOST, [(said, 0.0, 6.0)]))
    out = srt(ep)
    assert out.count("-->") == len(parse_srt(out))  # the timing lines' own, one a cue
    assert "00:00:01,000 \u2192 00:00:59,000" in " ".join(out.split()) and "a -> b." in out


def test_a_line_break_in_a_person_s_name_stays_out_of_the_captions(tmp_path):
    """A name written over two lines in site.toml ended the WebVTT cue at its blank line."""
    from generator.config import load_config

    (tmp_path / "content" / "e").mkdir(parents=True)
    (tmp_path / "content" / "e" / "captions.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nHello.\n", encoding="utf-8")
    (tmp_path / "site.toml").write_text('title = "t"\n[[episodes]]\ntitle = "e"\n[[episodes.people]]\nname = """Ana\n\nHost"""\nrole = "The\\nhost"\n', encoding="utf-8")
    person = load_config(tmp_path / "site.toml").episodes[0].people[0]
    assert (person.name, person.role) == ("Ana Host", "The host")


def test_srt_shortens_a_long_name_to_leave_room_for_words():
    long_name = Speaker("x", "Professor Maximilian Alexander von Humboldt-Something", "Guest")
    ep = _episode((long_name, [("Inductive biases matter a great deal for generalization.", 0.0, 4.0)]))
    *_, lines = parse_srt(srt(ep))[0]
    assert lines[0].startswith("Professor: Inductive")
    assert all(len(line) <= 42 for line in lines)


def test_a_word_longer_than_a_line_is_cut_to_fit():
    url = "https://example.org/a/very/long/path/that/does/not/fit/on/one/line"
    lines = [line for *_, cue in parse_vtt(webvtt(_episode((HOST, [(f"Read it at {url} today.", 0.0, 6.0)])))) for line in cue]
    assert all(len(line) <= 42 for line in lines)
    assert "".join(lines).replace(" ", "") == f"Readitat{url}today."


def test_nothing_ends_after_the_episode():
    ep = _episode(
        (HOST, [("Thanks for listening.", 590.0, 596.0), ("Otherwise, I'll see you on the next one.", 596.0, 600.18)]),
        duration=600,
    )
    assert max(end for _, end, _, _ in parse_vtt(webvtt(ep))) == 600.0
    assert max(end for _, _, end, _ in parse_srt(srt(ep))) == 600.0
    segments = json.loads(transcript_json(ep))["segments"]
    assert segments[-1]["endTime"] == 600.0
    assert all(s["startTime"] < s["endTime"] for s in segments)


def test_real_episode_captions_read_like_captions(folder, episode):
    cues = parse_vtt((folder / "transcript.vtt").read_text(encoding="utf-8"))
    assert len(cues) > 1000
    assert all(1 <= len(lines) <= 2 and all(len(line) <= 42 for line in lines) for *_, lines in cues)
    for k, (start, end, who, lines) in enumerate(cues):
        assert start < end <= episode.duration
        following = cues[k + 1][0] if k + 1 < len(cues) else episode.duration
        assert end <= following  # no overlaps
        whole_turn = all(cues[n][2] != who for n in (k - 1, k + 1) if 0 <= n < len(cues))
        if len(" ".join(lines).split()) == 1:  # a lone word only as a whole turn ("Yes.")
            assert whole_turn, lines
        assert end - start <= 7.0
        if end - start < 1.0:  # too short only for a whole turn said faster, with no silence after it
            assert whole_turn and end == following, (start, end, lines)


def test_real_episode_srt_is_numbered_with_inline_names(folder, episode):
    cues = parse_srt((folder / "transcript.srt").read_text(encoding="utf-8"))
    assert [n for n, *_ in cues] == list(range(1, len(cues) + 1))
    assert all(1 <= len(lines) <= 2 and all(len(line) <= 42 for line in lines) for *_, lines in cues)
    assert not any(line.endswith(":") and line[:-1] in ("Dwarkesh Patel", "Ilya Sutskever") for *_, lines in cues for line in lines)
    assert cues[-1][2] <= episode.duration
    segments = json.loads((folder / "transcript.json").read_text(encoding="utf-8"))["segments"]
    assert segments[-1]["endTime"] <= episode.duration


def test_a_sentence_said_in_under_a_second_shares_a_cue_within_its_turn():
    ep = _episode(
        (
            GUEST,
            [
                ("It's much harder to invest your resources in research.", 0.0, 4.0),
                ("Compare that.", 4.0, 4.98),
                ("If you research, you need to be like, this is a thing that we could try next.", 4.98, 10.0),
            ],
        ),
        (HOST, [("Right.", 10.0, 10.5)]),  # a whole turn: may stay short, the next cue follows at once
        (GUEST, [("So that is the plan.", 10.5, 12.0)]),
    )
    cues = parse_vtt(webvtt(ep))
    assert [" ".join(lines) for start, end, _, lines in cues if end - start < 1.0] == ["Right."]


def test_no_line_ends_on_the_conjunction_that_starts_the_next_clause():
    sentence = "But actually picking them all up at the same time and then amalgamating the learnings."
    ep = _episode((GUEST, [("First this.", 0.0, 1.5), (sentence, 1.5, 7.2)]))
    lines = [line for *_, cue in parse_vtt(webvtt(ep)) for line in cue]
    assert not [line for line in lines if line.split()[-1] in ("and", "then", "the")], lines


def test_words_nobody_is_credited_with_get_no_voice_tag_and_no_name():
    nobody = Speaker("", "")  # what the merge gives text that no source attributes to anyone
    ep = _episode((HOST, [("Who said that?", 0.0, 1.5)]), (nobody, [("Somebody in the back of the room, I think.", 1.5, 4.0)]))
    vtt = webvtt(ep)
    assert "<v >" not in vtt and "\nSomebody in the back" in vtt
    assert [lines[0] for *_, lines in parse_srt(srt(ep))] == ["Dana Host: Who said that?", "Somebody in the back of the room, I think."]


def test_turns_marked_without_names_are_marked_in_the_captions_and_read_back_so(tmp_path):
    from dataclasses import replace

    from generator.model import ANOTHER
    from generator.readers import read_source
    from generator.errors import Problems

    nobody = Speaker("", "")
    ep = _episode((nobody, [("Welcome back to the show.", 0.0, 2.0)]), (nobody, [("Thanks for having me.", 2.0, 4.0)]),
                  (nobody, [("How did you start?", 4.0, 6.0)]), duration=6.0)
    ep = replace(ep, passages=tuple(replace(p, turn=True) for p in ep.passages))
    assert [lines[0] for *_, lines in parse_srt(srt(ep))] == [">> Welcome back to the show.", ">> Thanks for having me.", ">> How did you start?"]
    for name, text in (("back.srt", srt(ep)), ("back.vtt", webvtt(ep))):
        (tmp_path / name).write_text(text, encoding="utf-8")
        problems = Problems()
        source = read_source(tmp_path / name, name, None, problems)
        assert not problems.items and [(s.label, s.text) for s in source.segments] == [
            (ANOTHER, "Welcome back to the show."), (ANOTHER, "Thanks for having me."), (ANOTHER, "How did you start?")], name
    unmarked = _episode((nobody, [("Welcome back to the show.", 0.0, 2.0)]), (nobody, [("Thanks for having me.", 2.0, 4.0)]), duration=4.0)
    assert ">>" not in srt(unmarked) and "&gt;" not in webvtt(unmarked)


def _plain_cut(turn) -> list[tuple[int, int, int]]:
    """The cutting as the rules say it: every cue costed with ``cost`` and ``layout``, shortest cue first."""
    n = len(turn.tokens)
    best, back = [0.0] + [float("inf")] * n, [(0, 0)] * (n + 1)
    for j in range(1, n + 1):
        for i in range(j - 1, -1, -1):
            lay = turn.layout(i, j)
            if lay is not None and best[i] + turn.cost(i, j) + lay[0] < best[j]:
                best[j], back[j] = best[i] + turn.cost(i, j) + lay[0], (i, lay[1])
    out, j = [], n
    while j > 0:
        out.append((back[j][0], back[j][1], j))
        j = back[j][0]
    return out[::-1]


def test_the_fast_cutting_is_the_plain_one():
    # cut() inlines cost() and layout() and prunes; the same cues, ties included, on hostile turns
    import random

    from generator.writers.exports import LINE, _Token, _Turn

    rnd = random.Random(9)
    words = "a the and but so of in to research scaling models. clause, really; big— that which word. I x yes! end? “quoted” (paren)".split()
    words += ["supercalifragilisticexpialidociousandmore"]
    for _ in range(400):
        first_width = LINE - rnd.choice([0, 0, 8, 22])
        t, tokens = rnd.uniform(0, 5), []
        for k in range(rnd.randint(1, 50)):
            text = rnd.choice(words)[: first_width if k == 0 else LINE]
            end = t + rnd.choice([0.0, 0.05, 0.2, 0.5, 1.5]) * rnd.random()
            tokens.append(_Token(text, t, end, k > 0 and rnd.random() < 0.05, rnd.random() < 0.15))
            t = end + rnd.choice([0, 0, 0.1, 2.0]) * rnd.random()
        turn = _Turn(tokens, first_width, t + 3 * rnd.random())
        assert turn.cut() == _plain_cut(turn)


def test_a_speaker_name_with_markup_characters_is_escaped_in_the_voice_tag():
    # "<v Eve <img src=x onerror=alert(1)>Hello": a WebVTT parser ended the name at the first ">"
    eve = Speaker("eve", "Eve <img src=x> & Co")
    vtt = webvtt(_episode((eve, [("Hello there.", 0.0, 1.5)])))
    assert "<v Eve &lt;img src=x&gt; &amp; Co>Hello there." in vtt and "<img" not in vtt


def test_a_bidi_override_in_a_name_or_title_ends_with_it_in_every_export():
    """QA37: a speaker named with an unclosed U+202E (and a stray U+2069 first, which closes nothing)
    went raw into the SRT prefix, and players showed the rest of that caption line reversed; the
    HTML pages close it. So do the exports, wherever a name or a title is written."""
    from dataclasses import replace

    from generator.writers.exports import chapters_json

    eve = Speaker("eve", "Eve \u2069\u202eledom", "Host")
    ep = _episode((eve, [("Hello there, and welcome to the show.", 0.0, 3.0)]))
    ep = replace(ep, chapters=(replace(make_episode().chapters[0], title="Cha\u202bpter"),))
    *_, lines = parse_srt(srt(ep))[0]
    name, said = lines[0].split(": ", 1)
    assert "ledom" in name and not runs_left_open(name) and said.startswith("Hello")
    voice = re.search(r"<v ([^>]*)>Hello", webvtt(ep)).group(1)
    assert "ledom" in voice and not runs_left_open(voice)
    speaker = json.loads(transcript_json(ep))["segments"][0]["speaker"]
    assert "ledom" in speaker and not runs_left_open(speaker)
    title = json.loads(chapters_json(ep, None))["chapters"][0]["title"]
    assert title.startswith("Cha") and not runs_left_open(title)


def test_captions_show_each_word_when_it_is_said_where_the_clock_times_words():
    # YouTube's automatic captions: no punctuation, so one "sentence" runs on through a pause;
    # spread by letters over it, "okay" was shown ~10 s before it was said
    from generator.config import EpisodeConfig, SiteConfig
    from generator.merge import merge_episode
    from generator.model import Segment, TimedTranscript, Word
    from generator.writers.exports import cues
    from pathlib import Path

    at = Origin("auto.vtt", 3)
    said = [("so", 0.8), ("today", 1.0), ("we", 1.2), ("talk", 1.3), ("about", 1.4), ("bees", 1.5),
            ("and", 12.0), ("then", 12.3), ("okay", 12.6), ("later", 12.9)]
    run = TimedTranscript("auto.vtt", "captions", (Segment("", " ".join(w for w, _ in said), 0.8, 13.2, at, tuple(Word(w, t, at) for w, t in said)),))
    cfg = EpisodeConfig(slug="ep", title="Ep", show="Show", published="", duration=14.0, video_id="", people=(HOST,), links=(), sources=())
    ep, problems = merge_episode(cfg, [run], SiteConfig(Path("/site"), Path("/site/site.toml"), "Site", "", None, ()))
    assert not problems.items
    shown = [(c.start, " ".join(c.lines)) for c in cues(ep)]
    okay = next(start for start, text in shown if "okay" in text)
    bees = next(start for start, text in shown if "bees" in text)
    assert okay >= 11.9 and bees <= 1.5, shown


def test_a_sentence_said_twice_in_a_row_is_read_back_twice(tmp_path):
    # Two one-line cues back to back, the second the first's line again (or that line and more),
    # are what a caption reader takes for one caption kept up (or painted on): the embedded
    # episode's "The whole problem is the power." said twice was read back from its SRT once.
    from generator.errors import Problems
    from generator.readers import read_source

    said = [("Well, here is how I see it.", 8.0, 10.0),
            ("The whole problem is the power.", 10.0, 12.05), ("The whole problem is the power.", 12.054, 14.1),
            ("When the power is really big, things change in ways nobody expects.", 14.1, 19.0),
            ("You got to be showing it.", 19.5, 21.0), ("You got to be showing it to people.", 21.0, 23.0),
            # unpunctuated speech-to-text: a cue of the first, then one of the second, read as painted on
            ("and then we should go", 24.0, 26.0), ("and then we should go to the store", 26.0, 28.0), ("Fine.", 28.0, 29.0)]
    ep = _episode((HOST, [("So what is the problem?", 6.0, 8.0)]), (GUEST, said), duration=30.0)
    cues = [lines for *_, lines in parse_srt(srt(ep))]
    assert ["The whole problem is the power.", "The whole problem is the power."] in cues, cues
    assert ["and then we should go", "and then we should go to the store Fine."] in cues, cues
    for name, text in (("back.srt", srt(ep)), ("back.vtt", webvtt(ep))):
        (tmp_path / name).write_text(text, encoding="utf-8")
        problems = Problems()
        source = read_source(tmp_path / name, name, None, problems)
        words = " ".join(s.text for s in source.segments)
        assert not problems.items and words.count("The whole problem is the power.") == 2, (name, words)
        assert "You got to be showing it. You got to be showing it to people." in words, (name, words)
        assert words.endswith("and then we should go and then we should go to the store Fine."), (name, words)
