"""Who speaks: the page's anonymous labels named from the parts, and the parts' word-by-word corrections."""

from __future__ import annotations

import re

from .config import EpisodeConfig
from .errors import Problems
from .model import PodcastPage, Speaker
from .spine import PartFit, Spine


def name_labels(page: PodcastPage, spine: Spine, fits: list[PartFit], cfg: EpisodeConfig, problems: Problems) -> dict[str, Speaker]:
    """Map 'Speaker N' to people by how often each label's words are a named speaker's in the parts."""
    people = _people(cfg)
    votes: dict[str, dict[str, int]] = {}
    for fit in fits:
        for t, name in fit.speaker.items():
            person = _person(name, people)
            if person is None:
                line = next(s.origin.line for s in fit.part.segments if s.speaker == name)
                problems.add(fit.part.path, line, f"speaker {name!r} is neither the host nor the guest in site.toml")
                return {}
            label = page.turns[spine.para[t]].label
            box = votes.setdefault(label, {})
            box[person.key] = box.get(person.key, 0) + 1
    labels: dict[str, Speaker] = {}
    by_key = {p.key: p for p in cfg.people}
    for label, box in votes.items():
        labels[label] = by_key[max(sorted(box), key=box.get)]
    # Without parts (or for a label they never cover): the host speaks first.
    order = list(dict.fromkeys(t.label for t in page.turns))
    free = [p for p in cfg.people if p not in labels.values()]
    for label in order:
        if label not in labels and free:
            labels[label] = free.pop(0)
    return labels


def _people(cfg: EpisodeConfig) -> dict[str, Speaker]:
    """The episode's people by lowercase name, as the parts' speaker lines name them."""
    return {p.name.lower(): p for p in cfg.people}


def _person(name: str, people: dict[str, Speaker]) -> Speaker | None:
    """``Ilya Sutskever (Co-founder and Chief Scientist)`` -> that person, or None."""
    base = re.sub(r"\s*\(.*\)\s*$", "", name).strip().lower()
    return people.get(base)


def assign_speakers(spine: Spine, page: PodcastPage, fits: list[PartFit], labels: dict[str, Speaker], cfg: EpisodeConfig) -> None:
    """Page labels first; inside a part's span, the part's named speaker wins word by word."""
    people = _people(cfg)
    for i, p in enumerate(spine.para):
        spine.speaker[i] = labels.get(page.turns[p].label, cfg.host)
    for fit in fits:
        current = None
        for i in range(fit.first, fit.last + 1):
            if i in fit.speaker:
                current = _person(fit.speaker[i], people)
            if current is not None:
                spine.speaker[i] = current
