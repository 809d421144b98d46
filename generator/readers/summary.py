"""An AI-generated summary page: key takeaways, what it covers, a notable moment.

Everything after the notable moment (newsletter prompts, related episodes) is
site boilerplate and is dropped; the page repeats its takeaways under "Key
Questions Answered", which we read once.
"""

from __future__ import annotations

import re

from ..errors import Problems
from ..model import SummaryPage, Takeaway
from .base import Lines, Reader

_BULLET = re.compile(r"^\s*[•*\-]\s+(?:(?P<title>[^:]{2,80}):\s+)?(?P<text>.+)$")
_HEADINGS = {"key takeaways": "takeaways", "what it covers": "covers", "key questions answered": "skip", "notable moment": "notable"}


def _detect(src: Lines) -> bool:
    heads = {line.strip().lower() for line in src.lines}
    return "key takeaways" in heads or "ai-generated summary" in heads


def _read(src: Lines, problems: Problems) -> SummaryPage | None:
    section = None
    takeaways: list[Takeaway] = []
    covers: list[str] = []
    notable: list[str] = []
    for lineno, raw in src.numbered():
        line = raw.strip()
        if not line:
            continue
        key = line.lower()
        if key in _HEADINGS:
            section = _HEADINGS[key]
            continue
        if section == "takeaways":
            m = _BULLET.match(raw)
            if m:
                takeaways.append(Takeaway((m["title"] or "").strip(), m["text"].strip()))
            else:
                problems.add(src.path, lineno, f"expected a '•' takeaway bullet, got {line[:50]!r}")
        elif section == "covers":
            covers.append(line)
            section = None  # one paragraph each; what follows is the site's own text
        elif section == "notable":
            notable.append(line)
            section = None
    if not takeaways:
        problems.add(src.path, None, "no key takeaways found under a 'Key Takeaways' heading")
        return None
    return SummaryPage(src.path, tuple(takeaways), " ".join(covers), " ".join(notable))


READER = Reader("summary", _detect, _read)
