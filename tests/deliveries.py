"""Other deliveries of the embedded episode, made at test time with their ground truth.

The embedded episode has word-level parts for only a few minutes of its 96, so
nothing can check the merge's times elsewhere. These helpers take the podcast
page's verbatim ``Speaker N`` paragraphs (read from ``content/`` at test time,
never copied into the repo), give every word a time from the seeded speaking
model in ``tests/fixtures/make_fixtures.py`` scaled to the video's 1:36:03, and
write the episode as a Whisper run, as YouTube auto-captions, or as the page
plus the Whisper run. Each returns the ``site.toml`` to build and the truth:
a moment at about every 100th word, ``{"phrase", "start", "speaker"}``.

Phrases are six words as the page writes them. The Whisper and caption text
differs from the page (lowercase, digits, a misspelling about every 200th word,
no punctuation in captions), so compare phrases after ``norm()`` of each word;
no phrase includes an altered word, so they match exactly once that way.
"""

from __future__ import annotations

import functools
import html
import json
import random
import re
import shutil
from pathlib import Path

from fixtures.make_fixtures import Line, Spoken, pick_moments, speak, vtt_time

ROOT = Path(__file__).resolve().parent.parent
EPISODE = ROOT / "content" / "ilya-sutskever-age-of-research"
SLUG = "ilya-sutskever-age-of-research"
DURATION = 5763.0  # 1:36:03, the video's length
SEED = 8008
PEOPLE = {"Speaker 1": "Dwarkesh Patel", "Speaker 2": "Ilya Sutskever"}
DIARIZED = {"Speaker 1": "SPEAKER_00", "Speaker 2": "SPEAKER_01"}  # WhisperX's labels for them
# seconds per letter: the guest speaks about 25 % slower per letter than the host, as the parts measure
RATES = {"Speaker 1": 0.058, "Speaker 2": 0.072}
_NUMBERS = {"two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10",
            "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50", "hundred": "100", "thousand": "1,000"}  # fmt: skip


def page_path() -> Path:
    """The embedded episode's podcast page (the 003_ file)."""
    return next(EPISODE.glob("003_*.txt"))


def page_turns() -> list[tuple[str, str]]:
    """The page's verbatim transcript: (label, text) per ``Speaker N`` paragraph, continuation lines joined."""
    lines = page_path().read_text(encoding="utf-8").splitlines()
    turns: list[tuple[str, str]] = []
    for line in lines[lines.index("Transcript") + 1 :]:
        if m := re.match(r"^(Speaker \d+)\s+(.*)$", line.strip()):
            turns.append((m[1], m[2].strip()))
        elif line.strip():
            turns[-1] = (turns[-1][0], f"{turns[-1][1]} {line.strip()}")
    return [(label, text) for label, text in turns if text]


@functools.lru_cache(maxsize=1)
def spoken() -> tuple[tuple[Spoken, ...], tuple[str, ...], frozenset[int]]:
    """The page's words on a synthetic clock ending at 1:36:03; their speech-to-text spelling; the altered indexes."""
    lines = [Line(label, (text,), 0) for label, text in page_turns()]
    words = speak(lines, RATES, SEED)
    scale = DURATION / (words[-1].end + 1.5)  # the same seeded model, stretched so the episode lasts exactly 1:36:03
    words = [Spoken(w.text, round(w.start * scale, 2), round(w.end * scale, 2), w.speaker, w.turn, w.paragraph, w.chapter) for w in words]
    rng = random.Random(SEED)
    stt, altered = [], set()
    typo_at = rng.randint(150, 250)
    for i, w in enumerate(words):
        text = w.text if re.fullmatch(r"I(?:'\w+)?[,.?!]*", w.text.replace("’", "'")) else w.text.lower()
        core = re.sub(r"^\W+|\W+$", "", text)
        if core in _NUMBERS:
            text = text.replace(core, _NUMBERS[core])
            altered.add(i)
        elif i >= typo_at and re.fullmatch(r"[a-z]{5,}", core):
            text = text.replace(core, _misspell(core, rng))
            altered.add(i)
            typo_at = i + rng.randint(170, 230)
        stt.append(text)
    return tuple(words), tuple(stt), frozenset(altered)


def _misspell(word: str, rng: random.Random) -> str:
    """An STT-style slip: a vowel heard as another, a doubled or a dropped letter."""
    kind = rng.choice(("vowel", "double", "drop"))
    inner = range(1, len(word) - 1)
    if kind == "vowel" and (spots := [i for i in inner if word[i] in "aeiou"]):
        i = rng.choice(spots)
        return word[:i] + rng.choice([v for v in "aeiou" if v != word[i]]) + word[i + 1 :]
    i = rng.choice(list(inner))
    return word[:i] + word[i] + word[i:] if kind == "double" else word[:i] + word[i + 1 :]


def truth() -> list[dict]:
    """A moment at about every 100th word: six words of the page, when they begin, who says them."""
    words, _, altered = spoken()
    return [{"phrase": phrase, "start": words[i].start, "speaker": PEOPLE[words[i].speaker]} for i, phrase in pick_moments(list(words), 100, avoid=altered)]


def whisperx_json() -> str:
    """WhisperX's JSON: diarized segments (SPEAKER_00/01) cut at sentence ends, scored words, and word_segments."""
    words, stt, _ = spoken()
    rng = random.Random(SEED + 1)
    segments, current = [], []
    for i, w in enumerate(words):
        current.append(i)
        nxt = words[i + 1] if i + 1 < len(words) else None
        if nxt is None or nxt.turn != w.turn or (re.search(r"[.?!]$", w.text) and len(current) >= 6) or len(current) >= 30:
            segments.append(current)
            current = []
    out, flat = [], []
    for seg in segments:
        label = DIARIZED[words[seg[0]].speaker]
        ws = [{"word": stt[i], "start": words[i].start, "end": words[i].end, "score": round(rng.uniform(0.5, 0.99), 3), "speaker": label} for i in seg]
        out.append({"start": words[seg[0]].start, "end": words[seg[-1]].end, "text": " " + " ".join(stt[i] for i in seg), "words": ws, "speaker": label})
        flat += ws
    return json.dumps({"segments": out, "word_segments": flat}, ensure_ascii=False)


def whisper_chunks(every: float = 600.0, at_pauses: bool = False) -> list[str]:
    """The recording cut every ``every`` seconds (or, ``at_pauses``, at the longest pause within 60 s
    of each mark) and each piece run through Whisper on its own, as one does for a service's upload
    limit: OpenAI's JSON per piece (segments and their words, no speakers), every time from the
    piece's own zero; a word belongs to the piece it starts in."""
    words, stt, _ = spoken()
    cuts = [k * every for k in range(int(-(-DURATION // every)))]
    if at_pauses:
        cuts = [0.0] + [words[max((i for i in range(1, len(words)) if abs(words[i].start - mark) < 60), key=lambda i: words[i].start - words[i - 1].end)].start - 0.2 for mark in cuts[1:]]
    files = []
    for lo, hi in zip(cuts, cuts[1:] + [DURATION + 1]):
        inside = [i for i, w in enumerate(words) if lo <= w.start < hi]
        segments, current = [], []
        for i in inside:
            current.append(i)
            if i == inside[-1] or words[i + 1].turn != words[i].turn or (re.search(r"[.?!]$", words[i].text) and len(current) >= 6) or len(current) >= 30:
                segments.append(current)
                current = []
        out = []
        for seg in segments:
            ws = [{"word": stt[i], "start": round(words[i].start - lo, 3), "end": round(words[i].end - lo, 3)} for i in seg]
            out.append({"start": ws[0]["start"], "end": ws[-1]["end"], "text": " " + " ".join(stt[i] for i in seg), "words": ws})
        files.append(json.dumps({"text": "".join(seg["text"] for seg in out), "segments": out, "language": "en"}, ensure_ascii=False))
    return files


def caption_lines() -> list[list[tuple[str, Spoken]]]:
    """The speech-to-text words as YouTube's automatic captions line them: no punctuation, 32
    characters a line at most, a new line after a pause of 2 s."""
    words, stt, _ = spoken()
    lines: list[list[tuple[str, Spoken]]] = [[]]
    for text, w in ((re.sub(r"[^\w'%,]+|,", "", t.replace("’", "'")), w) for t, w in zip(stt, words)):
        if not text:
            continue
        cur = lines[-1]
        if cur and (len(" ".join(t for t, _ in cur)) + 1 + len(text) > 32 or w.start - cur[-1][1].end > 2.0):
            lines.append([])
        lines[-1].append((text, w))
    return lines


def youtube_vtt() -> str:
    """YouTube auto-captions as yt-dlp saves them: rolling two-line cues, new words stamped inline with <c>.

    Each line of words gets a cue that repeats the previous line above it and
    stamps every word after the first with ``<hh:mm:ss.mmm><c> word</c>``; a
    10 ms cue then shows the finished line alone above a blank line. No speakers,
    no punctuation, lowercase.
    """
    lines = caption_lines()
    out = ["WEBVTT", "Kind: captions", "Language: en", ""]
    previous = " "
    for k, line in enumerate(lines):
        start = line[0][1].start
        end = lines[k + 1][0][1].start - 0.01 if k + 1 < len(lines) else line[-1][1].end + 0.5
        stamped = line[0][0] + "".join(f"<{vtt_time(w.start)}><c> {t}</c>" for t, w in line[1:])
        plain_line = " ".join(t for t, _ in line)
        out += [f"{vtt_time(start)} --> {vtt_time(end)} align:start position:0%", previous, stamped, ""]
        out += [f"{vtt_time(end)} --> {vtt_time(end + 0.01)} align:start position:0%", plain_line, " ", ""]
        previous = plain_line
    return "\n".join(out)


def youtube_panel(stamp_first: bool = False) -> str:
    """The transcript copied from YouTube's "Show transcript" panel: each caption line's start in
    whole seconds (m:ss, h:mm:ss past an hour) on a line of its own, its words below it; no speakers,
    no punctuation. ``stamp_first``: the time and the words on one line, as transcript sites give it."""
    out = []
    for line in caption_lines():
        seconds = int(line[0][1].start)
        stamp = f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds >= 3600 else f"{seconds // 60}:{seconds % 60:02d}"
        text = " ".join(t for t, _ in line)
        out += [f"{stamp} {text}"] if stamp_first else [stamp, text]
    return "\n".join(out) + "\n"


def podcasting_html() -> str:
    """A Podcasting 2.0 HTML transcript as hosts export it: a <cite>, a <time> in whole seconds and a <p> per turn."""
    words, _, _ = spoken()
    out = []
    for (label, text), first in zip(page_turns(), _turn_starts(words)):
        seconds = int(words[first].start)
        stamp = f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds >= 3600 else f"{seconds // 60}:{seconds % 60:02d}"
        out += [f"<cite>{PEOPLE[label]}:</cite>", f"<time>{stamp}</time>", f"<p>{html.escape(text)}</p>"]
    return "\n".join(out) + "\n"


def _turn_starts(words: tuple[Spoken, ...]) -> list[int]:
    """The index of each turn's first word."""
    return [i for i, w in enumerate(words) if i == 0 or w.turn != words[i - 1].turn]


def whisper_plus_partial_html_delivery(tmp: Path) -> tuple[Path, list[dict]]:
    """A WhisperX run of the whole episode, and a Podcasting 2.0 HTML transcript of its first half
    only (a host's transcript cut short): better text by rank, but no backbone."""
    folder = _content(tmp)
    (folder / "whisper.json").write_text(whisperx_json(), encoding="utf-8")
    turns = podcasting_html().split("<cite>")
    (folder / "transcript.html").write_text("<cite>".join(turns[: len(turns) // 2]), encoding="utf-8")
    pins = {DIARIZED[label]: name for label, name in PEOPLE.items()}
    return _site_toml(Path(tmp), [("whisper.json", "whisper"), ("transcript.html", "")], pins), truth()


def parts_plus_partial_html_delivery(tmp: Path) -> tuple[Path, list[dict]]:
    """All 17 word-level parts, and a Podcasting 2.0 HTML transcript of the first half only."""
    site_toml, truth_ = parts_delivery(tmp)
    turns = podcasting_html().split("<cite>")
    (_content(tmp) / "transcript.html").write_text("<cite>".join(turns[: len(turns) // 2]), encoding="utf-8")
    names = [f"part-{k:02d}.txt" for k in range(1, PARTS + 1)]
    return _site_toml(Path(tmp), [(name, "words") for name in names] + [("transcript.html", "")], {}), truth_


def html_delivery(tmp: Path) -> tuple[Path, list[dict]]:
    """The whole episode as a Podcasting 2.0 HTML transcript alone: real names, a start per turn."""
    folder = _content(tmp)
    (folder / "transcript.html").write_text(podcasting_html(), encoding="utf-8")
    return _site_toml(Path(tmp), [("transcript.html", "")], {}), truth()


def _site_toml(folder: Path, sources: list[tuple[str, str]], pins: dict[str, str]) -> Path:
    """site.toml for one delivery: the embedded episode's details, its two people, pins and sources."""
    out = [
        'title = "Dwarkesh Podcast transcripts (synthetic delivery)"',
        "",
        "[[episodes]]",
        f'slug = "{SLUG}"',
        f'dir = "content/{SLUG}"',
        'title = "Ilya Sutskever – We\'re moving from the age of scaling to the age of research"',
        'show = "Dwarkesh Podcast"',
        'published = "2025-11-25"',
        'duration = "1:36:03"',
        'video_id = "aR20FWCCjAs"',
        "",
        "[[episodes.people]]",
        'name = "Dwarkesh Patel"',
        'role = "Host"',
        "host = true",
        "",
        "[[episodes.people]]",
        'name = "Ilya Sutskever"',
        'role = "Co-founder and Chief Scientist, SSI"',
    ]
    if pins:
        out += ["", "[episodes.speakers]"] + [f'"{label}" = "{name}"' for label, name in pins.items()]
    for file, role in sources:
        out += ["", "[[episodes.sources]]", f'file = "{file}"'] + ([f'role = "{role}"'] if role else [])  # none: detected
    path = folder / "site.toml"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def _content(tmp: Path) -> Path:
    folder = Path(tmp) / "content" / SLUG
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def whisper_delivery(tmp: Path) -> tuple[Path, list[dict]]:
    """The whole episode as a WhisperX run alone; SPEAKER_00/01 pinned to Dwarkesh Patel and Ilya Sutskever."""
    (_content(tmp) / "whisper.json").write_text(whisperx_json(), encoding="utf-8")
    pins = {DIARIZED[label]: name for label, name in PEOPLE.items()}
    return _site_toml(Path(tmp), [("whisper.json", "whisper")], pins), truth()


def vtt_delivery(tmp: Path) -> tuple[Path, list[dict]]:
    """The whole episode as YouTube auto-captions alone: times for every word, no speakers."""
    (_content(tmp) / "captions.vtt").write_text(youtube_vtt(), encoding="utf-8")
    return _site_toml(Path(tmp), [("captions.vtt", "captions")], {}), truth()


def youtube_panel_delivery(tmp: Path) -> tuple[Path, list[dict]]:
    """The whole episode as YouTube's transcript panel copied into a text file, detected, not named."""
    (_content(tmp) / "transcript.txt").write_text(youtube_panel(), encoding="utf-8")
    return _site_toml(Path(tmp), [("transcript.txt", "")], {}), truth()


def page_plus_stamped_lines_delivery(tmp: Path) -> tuple[Path, list[dict]]:
    """The real podcast page with the YouTube transcript as stamped lines ("0:03 yeah meaning what") giving its times."""
    folder = _content(tmp)
    shutil.copy(page_path(), folder / page_path().name)
    (folder / "youtube.txt").write_text(youtube_panel(stamp_first=True), encoding="utf-8")
    return _site_toml(Path(tmp), [(page_path().name, ""), ("youtube.txt", "")], PEOPLE), truth()


def vtt_plus_two_parts_delivery(tmp: Path) -> tuple[Path, list[dict]]:
    """YouTube's auto-captions (no speakers, no ">>") with two word-level parts naming who speaks in
    their ten minutes, as the embedded episode has them: part 6 with its header, part 9 without."""
    folder = _content(tmp)
    (folder / "captions.vtt").write_text(youtube_vtt(), encoding="utf-8")
    parts = word_parts()
    (folder / "part-06.txt").write_text(parts[5], encoding="utf-8")
    (folder / "part-09.txt").write_text(parts[8].split("\n", 2)[2], encoding="utf-8")
    return _site_toml(Path(tmp), [("captions.vtt", ""), ("part-06.txt", ""), ("part-09.txt", "")], {}), truth()


def page_plus_whisper_delivery(tmp: Path) -> tuple[Path, list[dict]]:
    """The real podcast page (untimed backbone) with the WhisperX run giving its times; all four labels pinned."""
    folder = _content(tmp)
    shutil.copy(page_path(), folder / page_path().name)
    (folder / "whisper.json").write_text(whisperx_json(), encoding="utf-8")
    pins = {**PEOPLE, **{DIARIZED[label]: name for label, name in PEOPLE.items()}}
    return _site_toml(Path(tmp), [(page_path().name, "podcast-page"), ("whisper.json", "whisper")], pins), truth()


def page_plus_misdiarized_whisper_delivery(tmp: Path) -> tuple[Path, list[dict]]:
    """The real podcast page, its labels pinned, with a WhisperX run whose diarizer slips as diarizers
    do: its two labels swapped from the episode's middle on (it clustered the voices again) and one
    segment in ten before that given the other label. WhisperX's labels are not pinned: the page's
    speakers name them by their votes."""
    import json
    import random

    folder = _content(tmp)
    shutil.copy(page_path(), folder / page_path().name)
    swap = {"SPEAKER_00": "SPEAKER_01", "SPEAKER_01": "SPEAKER_00"}
    run, rng = json.loads(whisperx_json()), random.Random(7)
    for segment in run["segments"]:
        if segment["start"] > DURATION / 2 or rng.random() < 0.1:
            segment["speaker"] = swap[segment["speaker"]]
            for word in segment.get("words", ()):
                if "speaker" in word:
                    word["speaker"] = swap[word["speaker"]]
    (folder / "whisper.json").write_text(json.dumps(run), encoding="utf-8")
    return _site_toml(Path(tmp), [(page_path().name, "podcast-page"), ("whisper.json", "whisper")], PEOPLE), truth()


#: Seconds the holed delivery's Whisper run lacks: five minutes, as where a recording's backup took over.
HOLE = (2400.0, 2700.0)


def page_plus_holed_whisper_delivery(tmp: Path) -> tuple[Path, list[dict]]:
    """``page_plus_whisper_delivery`` with the Whisper run lacking every segment that starts in ``HOLE``."""
    site_toml, truth_ = page_plus_whisper_delivery(tmp)
    run = _content(tmp) / "whisper.json"
    data = json.loads(run.read_text(encoding="utf-8"))
    data["segments"] = [seg for seg in data["segments"] if not HOLE[0] <= seg["start"] < HOLE[1]]
    data["word_segments"] = [w for seg in data["segments"] for w in seg["words"]]
    run.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return site_toml, truth_


def page_lacking_minutes_plus_whisper_delivery(tmp: Path) -> tuple[Path, list[dict]]:
    """``page_plus_whisper_delivery`` with the page lacking every turn that starts in ``HOLE``: cut
    from the page, said in the Whisper run."""
    site_toml, truth_ = page_plus_whisper_delivery(tmp)
    words, _, _ = spoken()
    starts: dict[int, float] = {}
    for w in words:
        starts.setdefault(w.turn, w.start)
    page = _content(tmp) / page_path().name
    lines = page.read_text(encoding="utf-8").splitlines()
    body = lines.index("Transcript") + 1
    kept, turn, cut = lines[:body], -1, False
    for line in lines[body:]:
        if m := re.match(r"^(Speaker \d+)\s+(.*)$", line.strip()):
            if m[2].strip():  # as page_turns counts them
                turn += 1
            cut = HOLE[0] <= starts.get(turn, -1.0) < HOLE[1]
        if not cut:
            kept.append(line)
    page.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return site_toml, truth_


def whisper_chunks_delivery(tmp: Path) -> tuple[Path, list[dict]]:
    """The whole episode as Whisper runs over its 10-minute pieces, each on its own clock, nothing else."""
    folder = _content(tmp)
    names = []
    for k, text in enumerate(whisper_chunks()):
        names.append((f"chunk-{k + 1}.json", ""))
        (folder / names[-1][0]).write_text(text, encoding="utf-8")
    return _site_toml(Path(tmp), names, {}), truth()


def page_plus_whisper_chunks_delivery(tmp: Path) -> tuple[Path, list[dict]]:
    """The real podcast page with Whisper runs over the episode's 10-minute pieces giving its times."""
    site_toml, truth_ = whisper_chunks_delivery(tmp)
    shutil.copy(page_path(), _content(tmp) / page_path().name)
    text = site_toml.read_text(encoding="utf-8").replace("[[episodes.sources]]", f'[episodes.speakers]\n"Speaker 1" = "Dwarkesh Patel"\n"Speaker 2" = "Ilya Sutskever"\n\n[[episodes.sources]]\nfile = "{page_path().name}"\n\n[[episodes.sources]]', 1)
    site_toml.write_text(text, encoding="utf-8")
    return site_toml, truth_


def page_plus_whisper_chunks_and_two_parts_delivery(tmp: Path) -> tuple[Path, list[dict]]:
    """``page_plus_whisper_chunks_delivery`` with two of the 17 word-level parts naming who speaks in
    their minutes, as the embedded episode has them: part 6 with its header, part 9 without."""
    site_toml, truth_ = page_plus_whisper_chunks_delivery(tmp)
    parts = word_parts()
    (_content(tmp) / "part-06.txt").write_text(parts[5], encoding="utf-8")
    (_content(tmp) / "part-09.txt").write_text(parts[8].split("\n", 2)[2], encoding="utf-8")
    text = site_toml.read_text(encoding="utf-8") + "".join(f'\n[[episodes.sources]]\nfile = "part-0{k}.txt"\n' for k in (6, 9))
    site_toml.write_text(text, encoding="utf-8")
    return site_toml, truth_


PARTS = 17  # the embedded episode's transcriber cut it into 17 parts


def word_parts(count: int = PARTS, at_pauses: bool = True, every: float | None = None, overlap: float = 0.0) -> list[str]:
    """The whole episode as ``count`` word-level parts in the stacked layout, each timed from its own zero.

    Cuts fall at the longest pause near each ``duration / count`` mark (a
    transcriber cuts audio where nobody speaks), so parts differ in length;
    with ``at_pauses=False`` they fall exactly on the marks instead, wherever
    that is (mid-sentence, even mid-word: a word belongs to the part it starts
    in); with ``every`` they fall every that many seconds, the last part shorter.
    With ``overlap``, every part after the first starts that many seconds before its cut, as
    transcribers that cut audio into overlapping chunks deliver it: the words there are in both parts.
    Every part has the ``… - part k/N`` header and the episode-length stamp.
    A block (speaker line and time) starts at each turn and, as the real parts
    do, about every 14 s within a turn (at a sentence end; 23 s at most).
    """
    words, stt, _ = spoken()
    names = {label: f"{name} ({'Host' if label == 'Speaker 1' else 'Co-founder and Chief Scientist'})" for label, name in PEOPLE.items()}
    if every:
        count = int(-(-DURATION // every))
    cuts = [0.0]
    for k in range(1, count):
        if every:
            cuts.append(k * every)
            continue
        mark = k * DURATION / count
        if not at_pauses:
            cuts.append(round(mark, 2))
            continue
        near = [i for i in range(1, len(words)) if abs(words[i].start - mark) < 20]
        best = max(near, key=lambda i: words[i].start - words[i - 1].end)
        cuts.append(round((words[best - 1].end + words[best].start) / 2, 2))
    cuts.append(DURATION)
    files = []
    for k in range(count):
        lo, hi = max(cuts[k] - overlap, 0.0), cuts[k + 1]
        lines = [f"Ilya Sutskever – We're moving from the age of scaling to the age of research - part {k + 1}/{count}", "2025-11-25_17-29 • 1h 36m 3s"]
        previous, stamp = None, 0.0
        for i, w in enumerate(words):
            if not lo <= w.start < hi:
                continue
            long = w.start - stamp >= 23 or (w.start - stamp >= 14 and re.search(r"[.?!]$", words[i - 1].text))
            if (w.speaker, w.turn) != previous or long:
                rel = w.start - lo
                lines += [names[w.speaker], f"{int(rel // 60):02d}:{rel % 60:06.3f}"]
                previous, stamp = (w.speaker, w.turn), w.start
            lines.append(stt[i])
        files.append("\n".join(lines) + "\n")
    return files


def parts_delivery(tmp: Path) -> tuple[Path, list[dict]]:
    """The whole episode as its 17 word-level parts alone, no page and no chapters."""
    return _parts(tmp, word_parts())


def fixed_cut_parts_delivery(tmp: Path) -> tuple[Path, list[dict]]:
    """The whole episode as 12 word-level parts cut every 8 min wherever that falls (mid-sentence), nothing else."""
    return _parts(tmp, word_parts(12, at_pauses=False))


def whole_minutes_parts_delivery(tmp: Path) -> tuple[Path, list[dict]]:
    """The whole episode as word-level parts of 5 min each wherever that falls (the last one shorter), nothing else."""
    return _parts(tmp, word_parts(every=300.0))


def overlapping_parts_delivery(tmp: Path) -> tuple[Path, list[dict]]:
    """The whole episode as 17 word-level parts, each after the first repeating the last 30 s of the one before."""
    return _parts(tmp, word_parts(overlap=30.0))


def short_overlap_parts_delivery(tmp: Path) -> tuple[Path, list[dict]]:
    """The same with an overlap of 3 s (eight words or so: fewer than the probe that finds long ones)."""
    return _parts(tmp, word_parts(overlap=3.0))


def headerless_parts_delivery(tmp: Path) -> tuple[Path, list[dict]]:
    """The 17 parts without their headers (nothing says their numbers), in files named in their order."""
    return _parts(tmp, [text.split("\n", 2)[2] for text in word_parts()])


def page_plus_headerless_parts_delivery(tmp: Path, count: int = PARTS) -> tuple[Path, list[dict]]:
    """The podcast page with the word-level parts without their headers: nothing but what they say
    places them. The page's chapter list is left out (its times are the real video's, not this
    delivery's clock), so no chapter anchors them either."""
    return _with_untimed_page(*_parts(tmp, [text.split("\n", 2)[2] for text in word_parts(count)]))


def _with_untimed_page(site_toml: Path, truth_: list[dict], pins: dict[str, str] | None = None) -> tuple[Path, list[dict]]:
    """A delivery with the podcast page added, its chapter list left out (its times are the real
    video's, not the synthetic clock's), and ``pins`` in site.toml."""
    page = [line for line in page_path().read_text(encoding="utf-8").split("\n") if line.strip() != "Timestamps" and not re.match(r"\(\d\d:\d\d:\d\d\) [–-] ", line)]
    (site_toml.parent / "content" / SLUG / page_path().name).write_text("\n".join(page), encoding="utf-8")
    text = site_toml.read_text(encoding="utf-8") + f'\n[[episodes.sources]]\nfile = "{page_path().name}"\n'
    if pins:
        text = text.replace("[[episodes.sources]]", "[episodes.speakers]\n" + "".join(f'"{k}" = "{v}"\n' for k, v in pins.items()) + "\n[[episodes.sources]]", 1)
    site_toml.write_text(text, encoding="utf-8")
    return site_toml, truth_


def page_plus_diarized_parts_delivery(tmp: Path) -> tuple[Path, list[dict]]:
    """The page with the 17 parts labelled by a diarizer run on each part alone: "SPEAKER_00
    (Unknown)" is the host in odd parts and the guest in even ones. Every label is pinned, the
    parts' as the first part has them, as a publisher copying the pins would."""
    named = {f"{name} ({'Host' if label == 'Speaker 1' else 'Co-founder and Chief Scientist'})": label for label, name in PEOPLE.items()}
    texts = []
    for k, text in enumerate(word_parts()):
        for name, label in named.items():
            other = DIARIZED["Speaker 2" if label == "Speaker 1" else "Speaker 1"]
            text = text.replace(name, f"\x00{DIARIZED[label] if k % 2 == 0 else other} (Unknown)")
        texts.append(text.replace("\x00", ""))
    pins = {**PEOPLE, **{f"{DIARIZED[label]} (Unknown)": name for label, name in PEOPLE.items()}}
    return _with_untimed_page(*_parts(tmp, texts), pins)


def page_plus_one_headerless_part_delivery(tmp: Path) -> tuple[Path, list[dict]]:
    """The same with the whole episode as one word-level part."""
    return page_plus_headerless_parts_delivery(tmp, 1)


def mixed_parts_delivery(tmp: Path) -> tuple[Path, list[dict]]:
    """The 17 parts as the embedded episode has them: parts 1 and 6 with their headers, the others without."""
    return _parts(tmp, [text if k in (0, 5) else text.split("\n", 2)[2] for k, text in enumerate(word_parts())])


def parts_plus_chapters_delivery(tmp: Path) -> tuple[Path, list[dict]]:
    """The 17 parts with a chapters file: ten of the host's turns after the guest's, evenly spread,
    each listed at its first word's start to the second ("0:09:39 Chapter 2"), as a publisher's list is."""
    words, _, _ = spoken()
    starts = [i for i in _turn_starts(words) if words[i].speaker == "Speaker 1" != words[i - 1].speaker and words[i].text[0].isupper() and words[i - 1].text[-1] in ".?!"]
    picked = [starts[round(k * (len(starts) - 1) / 10)] for k in range(10)]
    lines = []
    for k, i in enumerate([0] + picked[1:]):
        t = int(words[i].start) if i else 0
        lines.append(f"{t // 3600}:{t // 60 % 60:02d}:{t % 60:02d} Chapter {k + 1}")
    folder = _content(tmp)
    (folder / "chapters.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    site_toml, truth_ = _parts(tmp, word_parts())
    text = site_toml.read_text(encoding="utf-8") + '\n[[episodes.sources]]\nfile = "chapters.txt"\n'
    site_toml.write_text(text, encoding="utf-8")
    return site_toml, truth_


def joined_parts_delivery(tmp: Path) -> tuple[Path, list[dict]]:
    """The 17 parts joined into one file, headers and all (``cat part-*.txt``), detected, not named."""
    folder = _content(tmp)
    (folder / "parts.txt").write_text("".join(word_parts()), encoding="utf-8")
    return _site_toml(Path(tmp), [("parts.txt", "")], {}), truth()


def joined_headerless_parts_delivery(tmp: Path) -> tuple[Path, list[dict]]:
    """The 17 parts joined into one file without their headers: each part's times start from zero again."""
    folder = _content(tmp)
    (folder / "parts.txt").write_text("".join(text.split("\n", 2)[2] for text in word_parts()), encoding="utf-8")
    return _site_toml(Path(tmp), [("parts.txt", "")], {}), truth()


def _parts(tmp: Path, texts: list[str]) -> tuple[Path, list[dict]]:
    folder = _content(tmp)
    sources = []
    for k, text in enumerate(texts):
        name = f"part-{k + 1:02d}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        sources.append((name, "words"))
    return _site_toml(Path(tmp), sources, {}), truth()
