"""The merge, checked against the word-level parts, the chapter list and the two texts."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from generator.build import load_site
from generator.config import load_config
from generator.errors import Problems
from generator.merge import place_sources
from generator.readers import read_sources

from conftest import ROOT

TINY = ROOT / "tests" / "fixtures" / "tiny" / "site.toml"
PART5_OFFSET = 1513 - 186.88  # chapter "Why humans generalize…" opens at part 5's 03:06.880


@pytest.fixture(scope="module")
def clock():
    config = load_config(ROOT / "site.toml")
    ep = config.episodes[0]
    sources, problems = read_sources(ep, config)
    return place_sources(ep, sources, ep.duration, Problems())


def sentence_with(episode, phrase):
    """The passage and sentence whose text contains ``phrase``."""
    hits = [(p, s) for p in episode.passages for s in p.sentences if phrase in s.text]
    assert len(hits) == 1, f"{phrase!r} found {len(hits)} times"
    return hits[0]


# --- parts on the clock ------------------------------------------------------------------


def test_headerless_part_is_numbered_and_placed(clock):
    by_file = {Path(f.path).name: f for f in clock.fits}
    part5 = by_file["001_a9af0ab92605b360.txt"]
    part6 = by_file["000_bda1352659bf82d4.txt"]
    assert part5.number == 5 and part6.number == 6
    assert part5.offset == pytest.approx(PART5_OFFSET, abs=0.01)
    # the two parts meet: part 6 starts within a second of part 5's last word
    part5_end = part5.offset + max(part5.rel.values())
    assert 0 < part6.offset + min(part6.rel.values()) - part5_end < 1.5


@pytest.mark.parametrize(
    "phrase, part_time",
    [
        ("So this is the crux generalization.", PART5_OFFSET + 186.88),
        ("The robustness of people is really staggering.", 1679.93 + 127.26 + 0.9),
        ("So if we were back in the era of research, stepping back,", PART5_OFFSET + 124.28),
    ],
)
def test_sentences_in_parts_carry_their_word_times(episode, phrase, part_time):
    _, sentence = sentence_with(episode, phrase)
    assert sentence.measured
    assert sentence.start == pytest.approx(part_time, abs=1.0)


def test_every_word_a_part_times_keeps_that_time(clock):
    for fit in clock.fits:
        errors = [abs(clock.spine.time[t] - (fit.offset + r)) for t, r in fit.rel.items()]
        assert statistics.median(errors) < 0.01 and max(errors) < 2.0


def test_time_only_moves_forward_and_stays_inside_the_episode(episode):
    starts = [s.start for p in episode.passages for s in p.sentences]
    assert starts == sorted(starts)
    assert starts[0] == 0 and starts[-1] < episode.duration
    assert all(s.end >= s.start for p in episode.passages for s in p.sentences)


# --- chapters ------------------------------------------------------------------------------


def test_each_chapter_begins_at_a_speaker_turn(episode):
    for chapter in episode.chapters[1:]:
        passages = episode.chapter_passages(chapter.index)
        first = passages[0]
        before = episode.passages[episode.passages.index(first) - 1]
        assert first.start == pytest.approx(chapter.start, abs=1.0), chapter.title
        assert before.speaker != first.speaker or before.sponsor, chapter.title


@pytest.mark.parametrize(
    "title, opening",
    [
        ("Emotions and value functions", "Here are analogies that people have proposed"),
        ("What are we scaling?", "People have been talking about scaling data"),
        ("Why humans generalize better than models", "Okay. So this is the crux generalization."),
        ("SSI’s plan to straight-shot superintelligence", "I am curious if you say we are back in the era of research."),
        ("Self-play and multi-agent", "And then I've heard you hint in the past about self-play"),
        ("Research taste", "Final question."),
    ],
)
def test_chapters_open_where_the_conversation_turns(episode, title, opening):
    chapter = next(c for c in episode.chapters if c.title == title)
    assert episode.chapter_passages(chapter.index)[0].text.startswith(opening)


# --- speakers ---------------------------------------------------------------------------------


def test_anonymous_labels_are_named_from_the_parts(episode):
    p, _ = sentence_with(episode, "When do you expect that impact?")
    assert p.speaker.name == "Dwarkesh Patel"
    p, _ = sentence_with(episode, "Because of this, they can't do basic things.")
    assert p.speaker.name == "Ilya Sutskever"


def test_a_part_corrects_the_page_label_at_a_turn_change(episode):
    # The page gives "much more robust." to Speaker 1 (the host); part 6 says Ilya said it.
    p, _ = sentence_with(episode, "The robustness of people is really staggering.")
    assert p.speaker.name == "Ilya Sutskever"
    # ...and "sub-questions" to Speaker 2 (the guest) mid-question; part 5 says the host.
    p, _ = sentence_with(episode, "And there's two sub-questions.")
    assert p.speaker.name == "Dwarkesh Patel"


def test_edited_text_gets_speakers_through_alignment(episode):
    p, _ = sentence_with(episode, "An example would be, let's say you use vibe coding to do something.")
    assert p.kind == "edited" and p.speaker.name == "Ilya Sutskever"
    p, _ = sentence_with(episode, "I like this idea that the real reward hacking is the human researchers")
    assert p.kind == "edited" and p.speaker.name == "Dwarkesh Patel"


# --- text choice and the seam -------------------------------------------------------------------


def test_edited_text_wins_where_it_exists(episode):
    text = " ".join(p.text for p in episode.passages)
    assert "vibe coding" in text and "wipe coding" not in text
    assert {p.kind for p in episode.passages if p.end <= 1320} == {"edited"}
    assert {p.kind for p in episode.passages if p.start >= 1400} == {"verbatim"}


def test_the_seam_between_edited_and_verbatim_loses_and_repeats_nothing(episode):
    kinds = [p.kind for p in episode.passages]
    seam = kinds.index("verbatim")
    assert "edited" not in kinds[seam:]
    last_edited, first_verbatim = episode.passages[seam - 1], episode.passages[seam]
    assert last_edited.text.endswith("how should we think about what this new recipe might look like?")
    assert first_verbatim.text.startswith("So we've already witnessed a transition from one type of scaling")
    text = " ".join(p.text for p in episode.passages)
    assert text.count("what this new recipe might look like") == 1
    assert text.count("already witnessed a transition") == 1
    assert last_edited.end <= first_verbatim.start


# --- sponsor reads ----------------------------------------------------------------------------


def test_sponsor_reads_are_flagged_whole_and_kept(episode):
    reads: list[list] = []  # runs of consecutive sponsor passages
    for k, p in enumerate(episode.passages):
        if p.sponsor:
            if k and episode.passages[k - 1].sponsor:
                reads[-1].append(p)
            else:
                reads.append([p])
    texts = [" ".join(p.text for p in read) for read in reads]
    assert [t.split(". ")[0][:40] for t in texts] == [
        "So I have to say that prepping for Ilya ",
        "Some people in our audience like to read",
        "AI tools like D-Fakes, Voice Clones, and",
    ]
    assert ["gemini.google" in texts[0], "labelbox.com" in texts[1], "sardine.ai" in texts[2]] == [True] * 3
    # each read runs up to the chapter that follows it
    assert [read[-1].end for read in reads] == [2145, 3307, 4693]
    assert all(p.speaker.name == "Dwarkesh Patel" and p.kind == "verbatim" for read in reads for p in read)
    assert not any("gemini.google" in p.text for p in episode.passages if not p.sponsor)


def test_a_long_sponsor_read_is_cut_into_passages_as_talk_is(episode):
    """A search result or a moment inside a 3-minute read lands on its words, not on the read's start
    (readers' "google colab", said 2 min into it, linked to its first line)."""
    from generator.merge.passages import PASSAGE_SECONDS

    longest = max(p.end - p.start for p in episode.passages if p.sponsor)
    assert longest < PASSAGE_SECONDS + 20, longest
    colab = next(p for p in episode.passages if "Colab" in p.text)
    assert colab.sponsor and 2045 < colab.start <= 2075


# --- passages ------------------------------------------------------------------------------------


def test_passage_ids_come_from_time_and_are_stable(episode):
    ids = [p.id for p in episode.passages]
    assert len(ids) == len(set(ids))
    assert all(p.id.split("-")[0] == f"t{int(p.start)}" for p in episode.passages)
    again = load_site(ROOT / "site.toml").episodes[0]
    assert [p.id for p in again.passages] == ids


def test_passages_are_readable_paragraphs(episode):
    for p in episode.passages:
        if not p.sponsor:
            assert len(p.text.split()) <= 160
            assert p.end - p.start <= 90


# --- the tiny fixture episode: every rule in a few lines ------------------------------------------


def test_tiny_episode_end_to_end():
    ep = load_site(TINY).episodes[0]
    rows = [(p.kind, p.sponsor, p.speaker.name, p.chapter, round(p.start, 1), p.text) for p in ep.passages]
    assert rows[0][:5] == ("edited", False, "Host Person", 0, 0.0)
    ad = next(r for r in rows if r[1])
    assert ad == ("verbatim", True, "Host Person", 0, 48.0, "Let me tell you about Acme. Acme makes widgets that never break. Go to acme.com slash tiny.")
    # the chapter anchors the part: its "So what is…" word at 00:12 is the chapter's 1:00
    assert rows[-2] == ("verbatim", False, "Host Person", 1, 60.0, "So what is the second big idea?")
    # the page calls the last speaker "Speaker 1"; the part names the guest, and wins
    assert rows[-1][2] == "Guest Person" and rows[-1][4] == 63.0
    assert [r[5] for r in rows if r[0] == "edited"][-1] == "People write code quickly, and they forget the edge cases."
