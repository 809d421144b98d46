"""Who speaks: every label the sources write, mapped to one of the episode's people.

A label is mapped by, strongest first:

1. the publisher's pin in site.toml (``[episodes.speakers]``);
2. being a person's name ("Ilya Sutskever (Co-founder…)" is Ilya), or a word of the name of
   one person only ("Ilya", "SUTSKEVER");
3. in a one-person episode, being that person;
4. for an anonymous label ("Speaker 1", "SPEAKER_00"), the votes of named timed
   sources over the backbone words they cover;
5. when every other label is mapped and one label and one person are left,
   that label is that person.

A backbone label nothing maps is an error naming the file, the line and the
label, with the fix: never a guess. Text with no label at all (captions
without speakers) is nobody's (``NOBODY``: pages show no name) unless it
continues a labelled speaker or a named source covers it. Then, word by word, a named timed source
wins where it covers a stretch (a page paragraph's label slips at turn
changes), and a change of speaker that falls inside a sentence, the next
word carrying the sentence on ("Can / you find…"), moves to the nearest
sentence boundary (the parts' block labels slip by a few words). A change
where a new sentence begins ("what are the gains from making copies of /
I don't know.") is an interruption and stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from ..config import EpisodeConfig
from ..errors import Problems, shorten
from ..model import ANOTHER, NOBODY, UNKNOWN, Speaker
from ..text import CREDENTIAL, HONORIFIC, ends_sentence, starts_sentence, unaccented
from .backbone import Fit, Spine, para_starts

# Labels that say "someone" rather than who: Speaker 1, SPEAKER_00, spk_2, Speaker A, Unknown, Guest 2.
ANONYMOUS = re.compile(r"^(?:(?:speaker|spk|person|voice|unknown|guest|host|interviewer|interviewee)(?:[\s_-]*\d*|[\s_-]+[a-z])|[\s_-]*\d*)$", re.I)
_ROLE = re.compile(r"\s*\([^()]*\)\s*$")  # a role after a name or label: "(Host)", "(Unknown)"
# Labels that say the transcriber could not tell who spoke: Otter's "Unknown Speaker", "Unidentified".
# Such a label stands for any voice, so no vote names it and nothing need: its words are no one's.
UNTOLD = re.compile(
    r"^(?:(?:unknown|unidentified)(?:[\s_-]+(?:speaker|male|female|man|woman|voice|person|caller))?|speaker[\s_-]+(?:unknown|unidentified))[\s_-]*\d*$", re.I
)  # and the broadcast style: "Unidentified Male", "Unknown Female 2"

# Labels that name nobody: none at all, "someone else" (``ANOTHER``) or "could not tell" (``UNKNOWN``);
# never mapped to a person by votes.
_UNNAMED = ("", ANOTHER, UNKNOWN)

# An anonymous label is named when the named sources agree on it: at least
# MIN_VOTES of its words, and the winner has WIN_SHARE of them. On the parts,
# the right person gets 99% of a label's words (the rest are labels slipping at
# turn changes); 60% leaves room for a diarizer's noise and still refuses a coin toss.
MIN_VOTES = 20
WIN_SHARE = 0.6

# An anonymous label the named sources split between people (a diarizer hearing two panelists as
# one) needs no person where they name this share of its words: they say who speaks each. Asked
# to pin it to one of them, a publisher could only choose whose words to get wrong.
NAMED_SHARE = 0.95

# A change of speaker inside a sentence moves to a sentence boundary at most
# this many words away. The parts' block labels slip by 1-3 words ("Can / you
# find…", "It seems like / humans…"); a real interruption is left where it is.
SNAP_WORDS = 8
# A label the backbone's own speakers named by their votes (a diarizer's SPEAKER_00, pinned or not)
# says who speaks against a paragraph whose label names someone only for a run of at most this
# many words: a page folds a reply ("Yeah.", "Right, exactly.") into the other's paragraph and the
# diarizer hears it; its slips are whole segments (10 words at the median in the embedded episode's
# WhisperX run). Words in the wrong mouth, beside the page, in a run one segment in ten of which the
# diarizer gave the other label (and its labels swapped halfway), and in one beside a page folding
# every reply of up to 6 words (QA36): 29 and 82 at 6, 45 and 51 at 10, 171 and 37 at 20; with no
# such limit 5,253 and 6, with no run allowed 6 and 140.
REPLY = 10


_APOSTROPHES = str.maketrans("\u2019\u2018\u02bc", "'''")
# Zero-width characters a label may carry unseen (copied from a web page or a document): "Ana Lima\u200b"
# was none of the episode's people, and stopped the build.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u00ad"))  # and direction marks, soft hyphens


def anonymous(label: str) -> bool:
    """Whether a label says "someone" rather than who, with or without a role after it: word-level
    parts write "SPEAKER_00 (Unknown)", which was taken for a name, so a pin of it held in every
    part, though a diarizer numbers each part's voices anew (QA27: every other part's words went
    to the wrong person beside a page that said who spoke)."""
    return bool(ANONYMOUS.match(_ROLE.sub("", label.strip())))


def untold(label: str) -> bool:
    """Whether a label says the transcriber could not tell who spoke (``UNTOLD``), role or not."""
    return bool(UNTOLD.match(_ROLE.sub("", label.strip())))


def _norm(name: str) -> str:
    """A name as compared: no trailing "(role)", accents folded, without case, single spaces; in any
    script (ASCII only, "山田花子" and "佐藤太郎" were one person)."""
    name = unaccented(CREDENTIAL.sub("", _ROLE.sub("", name.translate(_INVISIBLE)).strip())).translate(_APOSTROPHES)  # O’Brien is O'Brien; "Bo Chen, PhD" is Bo Chen
    return " ".join(name.split())


def _untitled(name: str) -> str:
    """A name as compared, without a title before it: "Dr. Jane Smith" is Jane Smith."""
    return HONORIFIC.sub("", name)


def written_name(text: str) -> str:
    """A name as a heading or a label writes it, its marks taken off: "**Ana Lima**", "Ana Lima:", "## Ana"."""
    return text.strip().strip("*_#").strip().rstrip(":").strip("*_ ")


def _only_one(pairs: Iterable[tuple[str, Speaker]]) -> dict[str, Speaker]:
    """Each key that names one person only, to that person (a key two people share names neither)."""
    found: dict[str, list[Speaker]] = {}
    for key, person in pairs:
        found.setdefault(key, []).append(person)
    return {key: people[0] for key, people in found.items() if len(people) == 1}


def _initialled(parts: list[str]) -> set[str]:
    """A name's first name and last initial, and first initial and last name (none for one word)."""
    return {f"{parts[0]} {parts[-1][0]}", f"{parts[0][0]} {parts[-1]}"} if len(parts) >= 2 else set()


class People:
    """The episode's people and pins: who a source's label is, when that is known without votes."""

    def __init__(self, cfg: EpisodeConfig, alone: bool = True) -> None:
        self.people = cfg.people
        self.alone = alone  # whether a show of one person takes any label for that person
        self.by_name = {_norm(p.name): p for p in cfg.people}
        # Without a title, the one person whose name that is: site.toml's "Dr. Jane Smith" is her
        # transcript's "Jane Smith"; "Dr. Ann Lee" beside "Ann Lee", or Mr. and Mrs. Smith, are two.
        self.by_untitled = _only_one((_untitled(_norm(p.name)), p) for p in cfg.people)
        # One word of a name ("Ilya", "DWARKESH", "Sutskever") is the one person whose name has it:
        # transcribers label by first name (Descript, Otter) or surname; a word two people share names neither.
        self.by_word = _only_one((word, p) for p in cfg.people for word in set(_norm(p.name).split()))
        # "Ilya S." or "I. Sutskever", as meeting apps (Zoom, Teams) show a name: the one person whose
        # first name and last initial, or first initial and last name, those are (QA35c: refused)
        self.by_initial = _only_one((form, p) for p in cfg.people for form in _initialled(_untitled(_norm(p.name)).split()))
        self.pins = {pin.label.strip(): pin.person for pin in cfg.pins}
        self._known: dict[str, Speaker | None] = {}

    def known(self, label: str) -> Speaker | None:
        """The person a label names, if that is known without votes (asked once per word and source,
        of a few labels: remembered, 4,756 calls on the embedded episode)."""
        try:
            return self._known[label]
        except KeyError:
            self._known[label] = person = self._lookup(label)
            return person

    def _lookup(self, label: str) -> Speaker | None:
        label = label.strip()
        if label in self.pins:
            return self.pins[label]
        name = _norm(label)
        if name in self.by_name:
            return self.by_name[name]
        untitled = _untitled(name)
        if untitled in self.by_untitled and untitled not in self.by_name:
            return self.by_untitled[untitled]
        if name in self.by_word:
            return self.by_word[name]
        initialled = " ".join(part.rstrip(".") for part in untitled.split())
        if initialled in self.by_initial:
            return self.by_initial[initialled]
        if self.alone and len(self.people) == 1:
            return self.people[0]
        return None

    def names(self) -> str:
        return ", ".join(p.name for p in self.people)

    def named(self, text: str) -> bool:
        """Whether ``text`` is only a person's name (or the one word of it no one else has), as a
        heading writes it: "**Ana Lima**", "Ana Lima (Host):", "ANA:". Not by pins, nor in a show
        of one, where ``known`` takes any label for that one person."""
        name = _norm(written_name(text))
        return name in self.by_name or name in self.by_word


def name_labels(spine: Spine, fits: list[Fit], cfg: EpisodeConfig, problems: Problems) -> dict[str, Speaker]:
    """Map each label the backbone writes to a person (see the module notes)."""
    # A show of one person takes any label for that one, unless the sources name several people: a
    # panel whose site.toml lists only its host had every guest's "Bo Reyes" shown as the host.
    written = {label for fit in fits for label in fit.label_lines} | {p.label for p in spine.paragraphs}
    names = {name for name in map(_norm, written) if name not in _UNNAMED and not anonymous(name) and not untold(name)}
    people = People(cfg, alone=len(names) <= 1)
    unnamed = [p for p in people.people if p not in {people.known(label) for label in written}]
    for fit in fits:  # a named source naming someone who is not in the episode is a mistake
        for label, line in fit.label_lines.items():
            if label not in _UNNAMED and not anonymous(label) and not untold(label) and people.known(label) is None:
                problems.add(fit.path, line, _stranger(label, people, unnamed))
    votes: dict[str, dict[Speaker, int]] = {}
    by_name: dict[str, dict[Speaker, int]] = {}  # the votes of labels that are names, not pinned ones
    voters: dict[str, set[str]] = {}  # backbone label -> the sources that voted on it by name
    covered: set[int] = set()  # the backbone's words a source names
    for fit in fits:
        for t, label in fit.speaker.items():
            person = people.known(label)
            if person is not None:
                covered.add(t)
                said = spine.paragraphs[spine.para[t]].label.strip()
                box = votes.setdefault(said, {})
                box[person] = box.get(person, 0) + 1
                if label.strip() not in people.pins:
                    box = by_name.setdefault(said, {})
                    box[person] = box.get(person, 0) + 1
                    voters.setdefault(said, set()).add(fit.path)
    # A pin the named sources clearly contradict is a mistake (a page's "Speaker 1" is whoever speaks
    # first: pins copied from another episode swap host and guest), not a choice to outvote them word by word.
    for pin in cfg.pins:
        box = by_name.get(pin.label.strip(), {})
        winner = _winner(box)
        if winner is not None and winner != pin.person:
            files = ", ".join(sorted(voters[pin.label.strip()]))
            problems.add(
                pin.origin.path, pin.origin.line,
                f'pin "{pin.label}" = "{pin.person.name}", but the named sources say {winner.name} for {box[winner]:,} of its'
                f' {sum(box.values()):,} words they time ({files}): pin "{pin.label}" = "{winner.name}", or leave the pin out',
            )
    labels: dict[str, Speaker] = {}
    first_line: dict[str, int] = {}
    for paragraph in spine.paragraphs:
        first_line.setdefault(paragraph.label.strip(), paragraph.origin.line)
    # So is a backbone's name the named sources clearly give to someone else: a page naming its
    # two speakers the other way round had every word in the other's mouth but where parts cover it.
    for label, line in first_line.items():
        person = people.known(label)
        if person is None or label in people.pins or label in _UNNAMED or anonymous(label) or untold(label):
            continue
        box = by_name.get(label, {})
        if (winner := _winner(box)) is not None and winner != person:
            files = ", ".join(sorted(voters[label]))
            problems.add(
                spine.source, line,
                f'speaker "{label}" is {person.name}, but the named sources say {winner.name} for {box[winner]:,} of its'
                f' {sum(box.values()):,} words they time ({files}): if the names here are wrong, pin it in site.toml under'
                f' [episodes.speakers]: "{label}" = "{winner.name}"',
            )
    pinned = _backbone_pins(spine, fits, cfg, set(first_line), problems)
    for label, line in first_line.items():
        person = pinned[label] if label in pinned else people.known(label)
        if label in _UNNAMED or untold(label):  # not evidence-mapped, only named word by word or pinned
            if person is not None:
                labels[label] = person
            continue
        person = person or _winner(votes.get(label, {}))
        if person is not None:
            labels[label] = person
    left = [label for label in first_line if label not in _UNNAMED and not untold(label) and label not in labels]
    unheard = [p for p in people.people if p not in labels.values()]
    if len(left) == 1 and len(unheard) == 1:
        labels[left[0]] = unheard[0]  # the one label left is the one person left: deduced, not guessed
    voices = [label for label in first_line if label not in _UNNAMED and not untold(label)]
    words: dict[str, list[int]] = {}
    for t, p in enumerate(spine.para):
        words.setdefault(spine.paragraphs[p].label.strip(), []).append(t)
    for label, line in first_line.items():
        if label in labels or label in _UNNAMED or untold(label):
            continue
        box = votes.get(label, {})
        said = words.get(label, [])
        if anonymous(label) and len(box) > 1 and said and sum(t in covered for t in said) >= NAMED_SHARE * len(said):
            continue  # two voices a diarizer heard as one, every word of them named by the sources: left to them
        problems.add(spine.source, line, _unmapped(label, people, box, sum(box.values()), len(voices) > len(people.people)))
    return labels


def _voices(spine: Spine, fit: Fit) -> dict[str, dict[str, int]]:
    """For each label a timed source writes, the backbone's labels over its words, counted."""
    out: dict[str, dict[str, int]] = {}
    for t, label in fit.speaker.items():
        box = out.setdefault(label.strip(), {})
        said = spine.paragraphs[spine.para[t]].label.strip()
        box[said] = box.get(said, 0) + 1
    return out


def _same_voice(box: dict[str, int]) -> str | None:
    """The one label the counts say is the same voice (MIN_VOTES, WIN_SHARE), if any."""
    total = sum(box.values())
    best = max(sorted(box), key=box.__getitem__, default=None)
    return best if best is not None and total >= MIN_VOTES and box[best] >= WIN_SHARE * total else None


def _backbone_pins(spine: Spine, fits: list[Fit], cfg: EpisodeConfig, mine: set[str], problems: Problems) -> dict[str, Speaker]:
    """The backbone's labels the pins name, where a pinned anonymous label is written by the backbone
    and by a timed source for two different voices (a page's "Speaker 1/2" beside parts diarized
    "Speaker 0/1": the parts' pin "Speaker 1" = guest named the page's host, swapping the two with
    no word said). Pins that name a label only the backbone writes, or all of its labels, are its
    own, as documented (nothing returned); pins that name one only that source writes are the source's, and each names
    the backbone's label for its voice; else which voice is meant is unknown: an error at the pin."""
    pins = {pin.label.strip(): pin for pin in cfg.pins}
    translated: dict[str, Speaker] = {}
    told: set[str] = set()
    for fit in fits:
        voices = _voices(spine, fit)
        theirs = set(voices)
        clash = [label for label in pins if label in mine and anonymous(label) and _same_voice(voices.get(label, {})) not in (None, label)]
        if not clash or any(label in mine and label not in theirs for label in pins) or all(label in pins for label in mine if anonymous(label)):
            continue  # the backbone's: a pin of a label only it writes, or pins of all its labels
        if any(label in theirs and label not in mine for label in pins):
            for label, pin in pins.items():
                if (same := _same_voice(voices.get(label, {}))) is not None:
                    translated.setdefault(same, pin.person)
            continue
        covered: dict[str, dict[str, int]] = {}  # the backbone's label -> the source's labels over its words
        for label, box in voices.items():
            for said, n in box.items():
                covered.setdefault(said, {})[label] = covered.setdefault(said, {}).get(label, 0) + n
        for label in clash:
            if label in told:
                continue  # once per pin: each part numbers its voices anew, the first says enough
            told.add(label)
            pin, same = pins[label], _same_voice(voices[label])
            ours = _same_voice(covered.get(label, {}))
            others = ", ".join(f'"{other}"' for other in sorted(mine - set(pins)) if anonymous(other))
            as_theirs = f'"{ours}" ({covered[label][ours]:,} words)' if ours else "no one label"
            problems.add(
                pin.origin.path, pin.origin.line,
                f'pin "{pin.label}" = "{pin.person.name}" names two voices: {spine.source}\'s "{label}" is {fit.path}\'s {as_theirs},'
                f' and {fit.path}\'s "{label}" is {spine.source}\'s "{same}" ({voices[label][same]:,} words); pins name {spine.source}\'s labels:'
                f' for {fit.path}\'s voice pin "{same}" = "{pin.person.name}", for {spine.source}\'s pin its other labels too ({others})',
            )
    return translated


def _stranger(label: str, people: People, unnamed: list[Speaker] = ()) -> str:
    """The message for a name a source gives that is none of the people: it may be one of them
    written another way ("DWARKESH", or a nickname: "Annie" for the one person no label names), to
    pin, or someone site.toml does not list yet."""
    said = {w for w in re.findall(r"\w+", label.casefold())}
    alike = [p for p in people.people if said & set(re.findall(r"\w+", p.name.casefold()))]
    if not alike and len(unnamed) == 1:
        alike = unnamed  # a panel's host written by a nickname was offered all four people to pin it to
    pin = f'"{label}" = ' + (f'"{alike[0].name}"' if len(alike) == 1 else _choices(people))
    return (
        f"speaker {shorten(label)} is not one of this episode's people ({people.names()}): if it is one of them written"
        f" another way, pin it in site.toml under [episodes.speakers]: {pin}; if it is someone else, add them as [[episodes.people]]"
    )


def _choices(people: People) -> str:
    """The people as a pin's right-hand side offers them: ``"Ana Host" | "Bo Guest"``."""
    return " | ".join(f'"{p.name}"' for p in people.people)


def _unmapped(label: str, people: People, box: dict[Speaker, int], total: int, more: bool = False) -> str:
    """The message for a label nothing maps, with the fix. Where the source has more voices than
    site.toml has people (``more``), the label may be someone not listed (an audience question, an
    ad read): offered the listed people only, a publisher pinned the voice to one of them."""
    choices = _choices(people)
    why = "no named timed source covers it" if total < MIN_VOTES else f"the named sources disagree about it ({total} words)"
    if not anonymous(label):
        why = f"it is not one of this episode's people ({people.names()})"
    fix = f"speaker label {shorten(label)} is not mapped to a person: {why}; pin it in site.toml under [episodes.speakers]: \"{label}\" = {choices}"
    if not anonymous(label):
        fix += "; if it is someone else, add them as [[episodes.people]]"
    elif more:
        fix += f"; the source has more voices than the episode's {len(people.people)} people: if it is someone else, add them as [[episodes.people]]"
    return fix


def assign_speakers(spine: Spine, fits: list[Fit], labels: dict[str, Speaker], cfg: EpisodeConfig) -> Spine:
    """Each word's speaker: its paragraph's label, then named timed sources word by word, then sentences."""
    people = People(cfg)
    by_para: list[Speaker] = []
    told: list[bool] = []  # whether the paragraph's own label says who speaks it
    previous = NOBODY  # unlabelled text continues the speaker before it; before anyone, nobody
    for paragraph in spine.paragraphs:
        label = paragraph.label.strip()
        told.append(label not in _UNNAMED and not untold(label) and label in labels)
        if label == ANOTHER:  # someone else, unnamed: of one person that one, of two the other one
            others = [p for p in people.people if p != previous]
            previous = others[0] if len(others) == 1 else people.people[0] if len(people.people) == 1 else NOBODY
        elif label == UNKNOWN or untold(label):  # the source could not tell: no name rather than the one before
            previous = labels.get(label, people.people[0] if len(people.people) == 1 else NOBODY)
        else:
            previous = labels.get(label, previous)
        by_para.append(previous)
    base = [by_para[p] for p in spine.para]
    speaker = list(base)
    named: list[Speaker | None] = [None] * len(base)  # who a named source says speaks each word
    para = spine.para
    for fit in fits:
        who, voted = _source_people(fit, base, people)
        lacks = _lacked(fit, para, told)
        current, guess = None, False
        doubted: list[tuple[int, Speaker]] = []  # words a voted label gives someone else than a named paragraph
        for i in range(fit.first, fit.last + 1):
            if i in fit.speaker:
                current, guess = who[fit.speaker[i]], fit.speaker[i] in voted
            elif i and para[i] != para[i - 1] and base[i] != base[i - 1] and base[i] != NOBODY:
                current = None  # the backbone starts someone else's turn on a word the source lacks: its say
            if current is None or para[i] in lacks:
                continue
            if guess and told[para[i]] and current != base[i]:
                doubted.append((i, current))
            else:
                speaker[i] = named[i] = current
        for run in _runs(doubted):
            if len(run) <= REPLY:
                for i, person in run:
                    speaker[i] = named[i] = person
    if len(people.people) == 2 and fits and _marks_changes(spine, named):
        speaker = _alternate(spine, speaker, people.people)
    return replace(spine, speaker=tuple(_follow_sentences(spine.texts, speaker)))


# The backbone's "someone else" marks are taken to say where the speaker changes (and unmarked text
# to go on in the voice before it) only where they are shown to: of the changes named sources show
# between paragraphs (MIN_CHANGES or more), at least MARKED_SHARE marked; where named sources show
# too few to tell, marks on at least MARKED_SHARE_PARAS of the paragraphs (speakers change every
# 30 s or so in an interview, a caption is 3-5 s: a marked file marks about a tenth). YouTube's captions carry
# ">>" at some changes and none at others: one ">>" in 388 unmarked cues had a part's edge speaker
# carried over the whole episode (65 of 157 moments the wrong person's), as with none at all.
MIN_CHANGES = 3
MARKED_SHARE = 0.5
MARKED_SHARE_PARAS = 0.1


def _paragraph_spans(spine: Spine) -> tuple[list[str], list[tuple[int, int]]]:
    """Each paragraph that has words, in spoken order: its label, and the span of words it holds."""
    firsts = sorted(para_starts(spine).items(), key=lambda item: item[1])  # (paragraph, its first word)
    starts = [i for _, i in firsts]
    return [spine.paragraphs[p].label.strip() for p, _ in firsts], list(zip(starts, starts[1:] + [len(spine.para)]))


def _marks_changes(spine: Spine, named: list[Speaker | None]) -> bool:
    """Whether the backbone's ``ANOTHER`` marks say where the speaker changes (see ``MARKED_SHARE``)."""
    every = [p.label.strip() for p in spine.paragraphs]
    if ANOTHER not in every:
        return False
    labels, spans = _paragraph_spans(spine)
    whose: list[Speaker | None] = []
    for a, b in spans:
        known = {named[i] for i in range(a, b)} - {None, NOBODY}
        whose.append(known.pop() if len(known) == 1 else None)
    changes = marked = 0
    for k in range(1, len(spans)):
        if whose[k] is not None and whose[k - 1] is not None and whose[k] != whose[k - 1]:
            changes += 1
            marked += labels[k] == ANOTHER
    if changes >= MIN_CHANGES:
        return marked >= MARKED_SHARE * changes
    return every.count(ANOTHER) >= MARKED_SHARE_PARAS * len(every)


def _alternate(spine: Spine, speaker: list[Speaker], two: tuple[Speaker, ...]) -> list[Speaker]:
    """Of two people, a turn marked only "someone else" (``ANOTHER``: ">>", a dialogue dash) that no
    one is known to say is the other one of the turn beside it, once another source names that one:
    forward from each named turn, and back from the first. Text after such a turn with no mark of
    its own goes on in its voice."""
    labels, spans = _paragraph_spans(spine)
    out = list(speaker)

    def whose(k: int) -> Speaker | None:
        """The one person turn k is said by; NOBODY where no word of it is known; None where two are."""
        a, b = spans[k]
        known = {out[i] for i in range(a, b)} - {NOBODY}
        return known.pop() if len(known) == 1 else NOBODY if not known else None

    def say(k: int, person: Speaker) -> None:
        a, b = spans[k]
        out[a:b] = [person] * (b - a)

    for k in range(1, len(spans)):
        before = whose(k - 1)
        if before and before != NOBODY and whose(k) == NOBODY:
            if labels[k] == ANOTHER:
                say(k, two[1] if before == two[0] else two[0])
            elif not labels[k]:
                say(k, before)
    for k in range(len(spans) - 2, -1, -1):
        after = whose(k + 1)
        if after and after != NOBODY and whose(k) == NOBODY:
            if labels[k + 1] == ANOTHER:
                say(k, two[1] if after == two[0] else two[0])
            elif not labels[k + 1]:
                say(k, after)
    return out


# A named paragraph a timed source has fewer than this share of the words of (within the source's
# span) is one the source lacks: a question from the audience or an ad read the page has and the
# source does not, where one stray aligned word ("can") gave the whole turn to the voice before it.
LACKED_SHARE = 0.5


def _lacked(fit: Fit, para: tuple[int, ...], told: list[bool]) -> set[int]:
    """The named paragraphs the source lacks (``LACKED_SHARE``): their own label says who speaks them."""
    words: dict[int, int] = {}
    have: dict[int, int] = {}
    for i in range(fit.first, fit.last + 1):
        words[para[i]] = words.get(para[i], 0) + 1
        have[para[i]] = have.get(para[i], 0) + (i in fit.speaker)
    return {p for p, n in words.items() if told[p] and have[p] < LACKED_SHARE * n}


def _runs(doubted: list[tuple[int, Speaker]]) -> list[list[tuple[int, Speaker]]]:
    """Consecutive words given one person, as runs."""
    runs: list[list[tuple[int, Speaker]]] = []
    for i, person in doubted:
        if runs and runs[-1][-1][0] == i - 1 and runs[-1][-1][1] == person:
            runs[-1].append((i, person))
        else:
            runs.append([(i, person)])
    return runs


def _source_people(fit: Fit, base: list[Speaker], people: People) -> tuple[dict[str, Speaker | None], set[str]]:
    """Who each label of a timed source is. A name is that person. An anonymous label ("Speaker 1",
    "SPEAKER_00") is numbered by that source's own transcriber, who may number the people
    otherwise than the backbone's: where the backbone's speakers over its words agree (MIN_VOTES,
    WIN_SHARE), it is whom they say, whatever a pin of that label says (a pin names the
    backbone's label first: one "Speaker 1" pinned for the page made another tool's "Speaker 1"
    the host in 1,019 of 1,023 sentences); else its pin, if any. Also the labels named by votes."""
    votes: dict[str, dict[Speaker, int]] = {}
    label = None
    for i in range(fit.first, fit.last + 1):
        label = fit.speaker.get(i, label)
        if label is not None and base[i] != NOBODY and anonymous(label) and label not in _UNNAMED and not untold(label):
            box = votes.setdefault(label, {})
            box[base[i]] = box.get(base[i], 0) + 1
    who: dict[str, Speaker | None] = {}
    voted: set[str] = set()
    for label in set(fit.speaker.values()):
        who[label] = _winner(votes.get(label, {}))
        if who[label] is not None:
            voted.add(label)
        else:
            who[label] = people.known(label)
    return who, voted


def _winner(box: dict[Speaker, int]) -> Speaker | None:
    """The person the votes name: MIN_VOTES words at least, WIN_SHARE of them for one (ties by key)."""
    total = sum(box.values())
    if total < MIN_VOTES:
        return None
    best = max(sorted(box, key=lambda p: p.key), key=box.__getitem__)
    return best if box[best] >= WIN_SHARE * total else None


def _follow_sentences(texts: tuple[str, ...], speaker: list[Speaker]) -> list[Speaker]:
    """Move each change of speaker that falls inside a sentence to the nearest sentence boundary."""
    out = list(speaker)
    n = len(out)
    i = 1
    while i < n:
        if out[i] == out[i - 1] or ends_sentence(texts[i - 1]) or starts_sentence(texts[i]):
            i += 1  # a new sentence after a cut-off one is an interruption, not a slip
            continue
        back = next((j for j in range(i - 1, max(i - SNAP_WORDS, 0) - 1, -1) if j == 0 or ends_sentence(texts[j - 1])), None)
        ahead = next((j for j in range(i + 1, min(i + SNAP_WORDS, n) + 1) if ends_sentence(texts[j - 1])), None)
        # only within the two speakers' own runs: never across a third change
        if back is not None and any(out[k] != out[i - 1] for k in range(back, i)):
            back = None
        if back == 0 and ahead is None:
            back = None  # the text's start, in text without sentence ends (unpunctuated captions): the change stays where the source put it
        if ahead is not None and any(out[k] != out[i] for k in range(i, ahead)):
            ahead = None
        if back is not None and (ahead is None or i - back <= ahead - i):
            out[back:i] = [out[i]] * (i - back)
        elif ahead is not None:
            out[i:ahead] = [out[i - 1]] * (ahead - i)
            i = ahead
        i += 1
    return out
