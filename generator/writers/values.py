"""Display values: what templates show, computed where it can be tested (Markdown, dates, people, time attributes)."""

from __future__ import annotations

import datetime as _dt
import html
import re
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from ..model import Episode
from . import urls

_MD = MarkdownIt("commonmark", {"html": False, "typographer": False})
# Links go where the episode's own links may (a full http(s) address, mailto:), or stay in the
# site: a relative path or a fragment. "/root" left a project site's /repo/, "//host" is another
# host; markdown-it's own check (no javascript:, data:, vbscript:, file:) comes first. Another
# link is its text alone (see ``_safe``).
_SAFE_LINK = re.compile(r"(?i)(?:https?://[^/\s?#]+|mailto:[^\s@]+@|#|(?![a-z][a-z0-9+.-]*:|/))")


def markdown_html(text: str, *, heading_offset: int = 2) -> Markup:
    """Render publisher Markdown (raw HTML disabled); headings shift down to sit under the page's own."""
    tokens = _MD.parse(text)
    for tok in tokens:
        if tok.type in ("heading_open", "heading_close"):
            level = min(int(tok.tag[1]) + heading_offset, 6)
            tok.tag = f"h{level}"
        if tok.children:
            tok.children = _safe(tok.children)
    return Markup(_MD.renderer.render(tokens, _MD.options, {}))


def _safe(children: list[Token]) -> list[Token]:
    """A paragraph's inline tokens with each link going only where ``_SAFE_LINK`` allows (another is
    its text), and each image a link to it, or its text inside a link: a publisher's Markdown loads
    nothing on its own, as the pages load no third-party content until the reader asks."""
    out: list[Token] = []
    dropped: list[bool] = []  # per link open: whether it was left out (its close goes too)
    for tok in children:
        if tok.type == "link_open":
            bad = not _SAFE_LINK.match(str(tok.attrGet("href") or "").strip())
            dropped.append(bad)
            if not bad:
                out.append(tok)
        elif tok.type == "link_close":
            if not (dropped.pop() if dropped else False):
                out.append(tok)
        elif tok.type == "image":
            alt = Token("text", "", 0, content=tok.content or "image")
            src = str(tok.attrGet("src") or "")
            if any(not d for d in dropped) or not _SAFE_LINK.match(src.strip()):
                out.append(alt)  # inside a link (a badge): its text; nowhere safe to link: its text
            else:
                out += [Token("link_open", "a", 1, attrs={"href": src}), alt, Token("link_close", "a", -1)]
        else:
            out.append(tok)
    return out


# A sentence part that only says where to watch, listen or read: "Watch on YouTube",
# "Listen on Apple Podcasts", "read the transcript", "Subscribe on Spotify".
_POINTER = re.compile(
    r"(?P<verb>watch|listen|read|subscribe)(?: to (?:it|us|the (?:episode|podcast|show|interview)))?(?: (?:it|now|here))?"
    r"(?: (?:on|at|in|via) (?P<where>[A-Za-z][\w .&'+-]*?)| (?:the )?(?:full )?(?P<transcript>transcripts?))",
    re.IGNORECASE,
)
_PLATFORMS = ("youtube", "spotify", "apple podcasts", "apple", "google podcasts", "overcast", "pocket casts", "substack", "castbox", "podcast addict", "rss")


def pointer_targets(ep: Episode, transcript_href: str) -> dict[str, str]:
    """Where "watch on X" and "read the transcript" can point: the episode's links by label, its video, its transcript page."""
    targets = {link.label.lower(): link.url for link in ep.links}
    if ep.video_id:
        targets.setdefault("youtube", urls.media_page(ep))
    targets["transcript"] = transcript_href
    return targets


def link_pointers(markdown: str, targets: dict[str, str]) -> str:
    """Turn "Watch on YouTube; read the transcript." into links where ``targets`` knows the place; drop it otherwise.

    Publishers' descriptions point at the places around the page they came
    from; copied here such sentences are dead text.  Only a sentence made of
    nothing but such pointers is touched; everything else keeps its bytes.
    """
    paragraphs = re.split(r"(\n\s*\n)", markdown)
    kept = [_join_kept(re.split(r"((?<=[.!?])[ \t]+)", para), targets) for para in paragraphs[::2]]
    return _join_kept(_interleave(kept, paragraphs[1::2])).strip()


def _interleave(items: list[str], seps: list[str]) -> list[str]:
    out = [items[0]]
    for sep, item in zip(seps, items[1:]):
        out += [sep, item]
    return out


def _join_kept(parts: list[str], targets: dict[str, str] | None = None) -> str:
    """Rejoin [text, sep, text, ...], rewriting each text with ``targets`` (if given); empty texts go with their separator."""
    texts = [(_link_sentence(t, targets) if targets is not None else t) for t in parts[::2]]
    out = ""
    for i, text in enumerate(texts):
        if text.strip():
            out += (parts[2 * i - 1] if out else "") + text
    return out


def _link_sentence(sentence: str, targets: dict[str, str]) -> str:
    body = sentence.rstrip(".!")
    parts = re.split(r"(\s*(?:;|,|\band\b)\s*)", body)
    linked = []
    for clause in parts[::2]:
        m = _POINTER.fullmatch(clause.strip())
        where = m and ("transcript" if m.group("transcript") else m.group("where").strip().lower())
        if not where or not (where == "transcript" or where in _PLATFORMS or where in targets):
            return sentence  # says more than where to go: leave it as written
        url = targets.get(where)
        linked.append(f"[{clause.strip()}]({url})" if url else "")
    out = _join_kept(_interleave(linked, parts[1::2]))
    if not out:
        return ""
    # "[read the transcript](…)" left first after a dropped part still starts a sentence.
    return "[" + out[1].upper() + out[2:] + sentence[len(body):]


_BLOCK_TAG = re.compile(r"</?(?:p|h[1-6]|ul|ol|li|blockquote|pre|hr|br|table|thead|tbody|tr|th|td)\b[^>]*>")


def plain_text(markdown: str) -> str:
    """Markdown as one line of plain text, for meta descriptions and JSON-LD."""
    rendered = _MD.render(markdown)
    # Blocks part words; inline tags do not: "**SSI's strategy**." is "SSI's strategy.", not "strategy .".
    text = re.sub(r"<[^>]+>", "", re.sub(_BLOCK_TAG, " ", rendered))
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def shorten(text: str, limit: int = 200) -> str:
    """Cut at a word boundary with an ellipsis, for meta descriptions."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


# Bidi controls that open a run (embeddings and overrides; isolates) and what closes each.
_EMBED, _ISOLATE = "\u202a\u202b\u202d\u202e", "\u2066\u2067\u2068"
_PDF, _PDI = "\u202c", "\u2069"


def closed_bidi(text: str) -> str:
    """``text`` with every bidi embedding, override and isolate it opens closed at its end, and closers
    with nothing to close dropped: plain text that goes on after a title (``<title>``'s " · Site", a
    chapter's " – Episode") would otherwise be reversed too by its U+202E. Markup would use ``<bdi>``."""
    out: list[str] = []
    open_: list[str] = []
    for c in text:
        if c in _EMBED or c in _ISOLATE:
            open_.append(c)
        elif c == _PDF:
            if not open_ or open_[-1] in _ISOLATE:
                continue  # closes nothing (a PDF cannot close past an isolate)
            open_.pop()
        elif c == _PDI:
            if not any(o in _ISOLATE for o in open_):
                continue
            while open_.pop() not in _ISOLATE:
                out.append(_PDF)  # what the PDI ends implicitly, said for renderers that know no isolates
        out.append(c)
    return "".join(out) + "".join(_PDI if o in _ISOLATE else _PDF for o in reversed(open_))


def seconds_attr(seconds: float) -> str:
    """Seconds for ``data-start``: ``1330`` or ``1330.25``, never exponent notation."""
    return f"{seconds:.3f}".rstrip("0").rstrip(".")


def display_date(iso: str) -> str:
    """``25 November 2025`` from an ISO date; the raw text when it is not one."""
    try:
        day = _dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {day.strftime('%B')} {day.year}"


def people_line(ep: Episode) -> str:
    """``Dwarkesh Patel with Ilya Sutskever``; a panel's guests joined with commas and "and"; a solo host alone."""
    hosts, guests = [p.name for p in ep.hosts], [p.name for p in ep.guests]
    line = _and(hosts)
    return f"{line} with {_and(guests)}" if guests else line


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def people_groups(ep: Episode) -> list[dict[str, Any]]:
    """The episode's facts about people: hosts, then guests, each with the role that is not just "host"."""
    groups = []
    for label, people in (("Host", ep.hosts), ("Guest", ep.guests)):
        if people:
            shown = [{"name": p.name, "role": p.role if p.role.lower() not in ("host", "co-host", "guest") else ""} for p in people]
            groups.append({"label": label + ("s" if len(people) > 1 else ""), "people": shown})
    return groups
