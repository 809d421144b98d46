"""The podcast page reader: chapters, sponsors, description and the verbatim transcript."""

from __future__ import annotations

from generator.errors import Problems
from generator.readers.base import decode
from generator.readers.podcast_page import READER
from helpers import read_text

from conftest import SEEDS

PAGE = SEEDS / "003_6a06623c62d9b10e.txt"


def test_real_page():
    page, problems = read_text(READER, PAGE.read_text(encoding="utf-8"), "page.txt")
    assert problems == []
    assert page.title.startswith("Ilya Sutskever – We're moving")
    assert page.runtime == 5760
    assert [c.start for c in page.chapters] == [0, 579, 1129, 1513, 2145, 2807, 3307, 4693, 5426, 5562]
    # en dash and hyphen separators both read; curly quotes kept in titles
    assert page.chapters[1].title == "Emotions and value functions"
    assert page.chapters[7].title == "“We are squarely an age of research company”"
    assert page.chapters[1].origin.line == 23
    assert len(page.sponsors) == 3 and page.sponsors[1].startswith("Labelbox helped me")
    assert page.description.startswith("Ilya & I discuss SSI’s strategy")
    assert "Get full access" not in page.description
    assert {t.label for t in page.turns} == {"Speaker 1", "Speaker 2"}


def test_line_breaks_inside_a_segment_join_the_paragraph():
    page, _ = read_text(READER, PAGE.read_text(encoding="utf-8"), "page.txt")
    turn = next(t for t in page.turns if t.text.startswith("Like all this AI stuff"))
    assert turn.text == "Like all this AI stuff and all this Bay Area. Yeah, that it's happened. Like,"


PAGE_TEMPLATE = """Show

Description.

Timestamps

{chapters}

Transcript

Speaker 1 Hello there.

Speaker 2 Hi.
"""


def test_chapters_out_of_order_are_reported_with_their_line():
    text = PAGE_TEMPLATE.format(chapters="(00:00:00) – One\n\n(00:10:00) – Two\n\n(00:05:00) – Three")
    _, problems = read_text(READER, text)
    assert problems == ["src.txt:11: chapter 'Three' at 00:05:00 is not after 'Two' at 00:10:00"]


def test_a_chapter_list_may_start_after_the_episode_does():
    """A page whose list opens at 1:03 (after a cold open) was refused: "the first chapter must
    start at (00:00:00)". Like any list, it is read as it is; the merge adds an "Opening"."""
    page, problems = read_text(READER, PAGE_TEMPLATE.format(chapters="(00:01:03) – One\n\n(00:10:00) – Two"))
    assert problems == []
    assert [(c.title, c.start) for c in page.chapters] == [("One", 63.0), ("Two", 600.0)]


def test_impossible_chapter_time():
    _, problems = read_text(READER, PAGE_TEMPLATE.format(chapters="(00:00:00) – One\n\n(00:61:00) – Two"))
    assert problems == ["src.txt:9: unreadable or impossible chapter time (00:61:00)"]


def test_missing_transcript():
    _, problems = read_text(READER, "Show\n\n(00:00:00) – One\n")
    assert problems == ["src.txt: no 'Transcript' line: cannot find where the transcript starts"]


def test_a_page_without_a_chapter_list_is_read_with_none():
    # Chapters may come from site.toml or another source; with none the episode is one chapter.
    page, problems = read_text(READER, PAGE_TEMPLATE.replace("Timestamps\n\n{chapters}\n\n", ""))
    assert problems == [] and page.chapters == () and [t.label for t in page.turns] == ["Speaker 1", "Speaker 2"]


def test_speakers_labelled_by_letter_or_by_name_are_turns():
    """Pages label speakers otherwise than "Speaker 1": by letter, or by name and a colon, the text
    after the label or on the lines below it. Read as prose, such a page was a second edited text."""
    lettered = PAGE_TEMPLATE.format(chapters="(00:00:00) – One").replace("Speaker 1", "Speaker A:").replace("Speaker 2", "Speaker B")
    page, problems = read_text(READER, lettered)
    assert problems == [] and [(t.label, t.text) for t in page.turns] == [("Speaker A", "Hello there."), ("Speaker B", "Hi.")]
    named = """Show

(00:00:00) – Hello
(00:00:10) – Bye

Transcript

Ana Lima: Hello there. Note: this is what a
speaker says, on two lines.

Bo Reyes (Guest):
Hi. The label stands alone.

Ana Lima:
Note: once, not a label.

Bo Reyes (Guest): Bye.
"""
    page, problems = read_text(READER, named)
    assert problems == []
    assert [(t.label, t.text, t.origin.line) for t in page.turns] == [
        ("Ana Lima", "Hello there. Note: this is what a speaker says, on two lines.", 8),
        ("Bo Reyes (Guest)", "Hi. The label stands alone.", 11),
        ("Ana Lima", "Note: once, not a label.", 14),
        ("Bo Reyes (Guest)", "Bye.", 17),
    ]
    assert READER.detect(decode("page.txt", named.encode(), Problems()))


def test_a_name_in_a_script_without_case_labels_its_paragraphs():
    """QA40 F1: "李雷:" above the guest's paragraphs was read as words, and every turn of his given to the host."""
    text = "Show\n\nTranscript\n\nZoë Ñúñez:\nWelcome to Hive Minds.\n\n李雷:\nThank you, Zoë.\n\nZoë Ñúñez:\nHow did it start?\n\n李雷:\nWith four hives.\n"
    page, problems = read_text(READER, text)
    assert problems == []
    assert [(t.label, t.text) for t in page.turns] == [
        ("Zoë Ñúñez", "Welcome to Hive Minds."), ("李雷", "Thank you, Zoë."), ("Zoë Ñúñez", "How did it start?"), ("李雷", "With four hives."),
    ]


def test_a_colon_after_a_word_said_once_is_no_label():
    text = "Show\n\nTranscript\n\nSpeaker 1 Here is the thing.\n\nSummary: it opens a paragraph once.\n"
    page, _ = read_text(READER, text)
    assert [(t.label, t.text) for t in page.turns] == [("Speaker 1", "Here is the thing. Summary: it opens a paragraph once.")]


def test_names_before_stamps_are_a_publishers_turns_not_a_pages_labels():
    """Rev writes "Name: (00:00:03)" above each turn: under a "Transcript" heading that was read as
    a page, its stamps as words said and its turns untimed."""
    from generator.readers import READERS

    text = "Show\n\nTranscript\n\n" + "".join(f"{name}: ({t})\nWords said here, {k}.\n\n" for k, (name, t) in enumerate([("Ana Lima", "00:00:03"), ("Bo Reyes", "00:00:09"), ("Ana Lima", "00:00:15")]))
    src = decode("rev.txt", text.encode(), Problems())
    assert not READER.detect(src)
    assert next(r.role for r in READERS.values() if r.detect(src)) == "publisher"


def test_an_edited_transcript_of_named_paragraphs_under_a_heading_is_no_page():
    """No chapter list before the heading: the publisher's prose, as before ("Ana Lima: …" paragraphs
    under "# Transcript" had become a second podcast page, and the build stopped)."""
    text = "# Transcript\n\n" + "".join(f"{name}: Words said here, in a paragraph of its own, number {k}.\n\n" for k, name in enumerate(["Ana Lima", "Bo Reyes"] * 3))
    assert not READER.detect(decode("edited.txt", text.encode(), Problems()))


def test_a_publishers_anonymous_labels_with_a_role_or_a_dash_before_the_stamp_are_no_page():
    from generator.readers import READERS

    for head in ("Speaker {n} (Host) 00:0{k}", "Speaker {n} - 00:00:0{k}"):
        text = "Show\n\n## Transcript\n\n" + "".join(head.format(n=1 + k % 2, k=k) + f"\nWords said here, {k}.\n\n" for k in range(4))
        src = decode("t.txt", text.encode(), Problems())
        assert not READER.detect(src) and next(r.role for r in READERS.values() if r.detect(src)) == "publisher", head


def test_a_word_broken_after_its_hyphen_is_joined_where_the_page_writes_it_whole():
    text = "Show\n\nTranscript\n\nSpeaker 1 Scaling pre-training. Then pre-\ntraining again, and we-\nwe stop; pre-\nand post-training.\n\nSpeaker 2 Yes.\n"
    page, problems = read_text(READER, text)
    assert problems == [] and page.turns[0].text == "Scaling pre-training. Then pre-training again, and we- we stop; pre- and post-training."


def test_a_page_copied_as_markdown_reads_its_bold_labels():
    """QA28: "**Ana Lima:** So how…" on a page copied as Markdown was no label: every turn was no one's."""
    text = PAGE_TEMPLATE.format(chapters="(00:00:00) – One\n\n(00:10:00) – Two").replace(
        "Speaker 1 Hello there.\n\nSpeaker 2 Hi.", "**Ana Lima:** Hello there.\n\n**Bo Chen**: Hi.\n\n**Ana Lima:** Ready?\n\n**Bo Chen:** Yes.")
    page, problems = read_text(READER, text)
    assert problems == []
    assert [(t.label, t.text) for t in page.turns] == [("Ana Lima", "Hello there."), ("Bo Chen", "Hi."), ("Ana Lima", "Ready?"), ("Bo Chen", "Yes.")]


def test_a_paragraph_hard_wrapped_into_thousands_of_lines_is_read_in_linear_time(tmp_path):
    """One turn of 30,000 short lines (480 KB): the turn was tidied again, and its last word looked
    for through all of it, at each line (8,000 lines: 25 s). Read in a child process stopped after
    60 s (it takes under a second)."""
    import subprocess
    import sys
    from pathlib import Path

    (tmp_path / "page.txt").write_text("Transcript\n\nSpeaker 1: It started with pre-\n" + "training, some words here\n" * 30_000, encoding="utf-8")
    script = (
        "import sys; from pathlib import Path; from generator.errors import Problems; from generator.readers import read_source\n"
        "p = Problems(); s = read_source(Path(sys.argv[1]) / 'page.txt', 'page.txt', 'podcast-page', p)\n"
        "text = s.turns[0].text\n"
        "print(len(p.items), len(s.turns), text[:40], len(text))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, timeout=60, cwd=Path(__file__).resolve().parent.parent)
    assert done.stdout.split("\n")[0] == f"0 1 It started with pre-training, some words {len('It started with pre-training, some words here') + len(' training, some words here') * 29_999}", done.stderr


def test_the_sites_furniture_copied_below_the_transcript_is_no_ones_words():
    # "Subscribe to Dwarkesh Podcast Share Comments … Privacy ∙ Terms" was shown as the host's closing words
    footer = "\n\nSubscribe to Dwarkesh Podcast\nShare\n\nComments\nRestacks\n© 2025 Dwarkesh Patel\nPrivacy ∙ Terms ∙ Collection notice\n"
    page, problems = read_text(READER, PAGE.read_text(encoding="utf-8") + footer, "page.txt")
    assert problems == []
    assert page.turns[-1].text == "Otherwise, I'll see you on the next one."


def test_a_last_paragraph_of_short_lines_that_ends_a_sentence_is_still_said():
    text = PAGE_TEMPLATE.format(chapters="(00:00:00) – Start\n(00:01:00) – End") + "\nAnd that is\nall we have\nfor you today\nso goodbye.\n"
    page, problems = read_text(READER, text, "page.txt")
    assert problems == []
    assert page.turns[-1].text == "Hi. And that is all we have for you today so goodbye."


def test_the_sites_menu_copied_above_the_page_is_neither_its_title_nor_its_description():
    # the title was "Dwarkesh Podcast" and the description opened "Home Archive About Sign in Subscribe" and the title
    menu = "Dwarkesh Podcast\nHome\nArchive\nAbout\n\nSign in\nSubscribe\n\n"
    original, _ = read_text(READER, PAGE.read_text(encoding="utf-8"), "page.txt")
    page, problems = read_text(READER, menu + PAGE.read_text(encoding="utf-8"), "page.txt")
    assert problems == []
    assert (page.title, page.description, page.runtime) == (original.title, original.description, original.runtime)


def test_short_lines_above_a_pages_description_are_its_title_and_description():
    text = "Bees in the City\nEpisode 12\nMarch 3, 2025\n\nIn this episode Ana talks with Bo about urban bees.\n\n" + PAGE_TEMPLATE.format(chapters="(00:00:00) – Start\n(00:01:00) – End").split("\n", 4)[4]
    page, problems = read_text(READER, text, "page.txt")
    assert problems == []
    assert page.title == "Bees in the City"
    assert page.description.split("\n\n")[-1] == "In this episode Ana talks with Bo about urban bees."


def test_chapter_headings_repeated_in_the_transcript_are_no_words_said():
    # as the publisher's site repeats each chapter where it starts: the first stopped the build as
    # "transcript text before the first speaker's label", the others ended the turn above them
    text = PAGE.read_text(encoding="utf-8")
    original, _ = read_text(READER, text, "page.txt")
    text = text.replace("\nTranscript\n", "\nTranscript\n\n(00:00:00) – Explaining model jaggedness\n", 1)
    text = text.replace("\nSpeaker 1 Otherwise, I'll see you", "\n## Research taste\n\nSpeaker 1 Otherwise, I'll see you", 1)
    text = text.replace("\nSpeaker 1 Another thing that's crazy", "\n**Emotions and value functions**\nSpeaker 1 Another thing that's crazy", 1)
    page, problems = read_text(READER, text, "page.txt")
    assert problems == []
    assert [(t.label, t.text) for t in page.turns] == [(t.label, t.text) for t in original.turns]
