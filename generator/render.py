"""Render the merged model into HTML pages: home, episode, chapters, transcript, search, 404.

Templates stay dumb: every value they show (formatted times, relative links,
JSON-LD) is computed here, where it can be tested.  Every internal link is
relative (see ``urls``), so the site works at a domain root, under ``/REPO/``
on GitHub Pages, and opened from disk.  Output is deterministic: the same
model gives byte-identical files.
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import html
import json
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markdown_it import MarkdownIt
from markupsafe import Markup

from . import urls
from .clock import format_clock, format_duration, iso_duration
from .errors import BuildError, Problem
from .model import Chapter, Episode, Passage, Site

#: The site's icon in static/, linked from every page (and inlined into 404.html).
FAVICON = "favicon.svg"

#: Transcript exports the exporter writes beside each episode page, with the label readers see.
EXPORTS: tuple[tuple[str, str], ...] = (
    ("transcript.json", "JSON, with speakers and times"),
    ("transcript.vtt", "WebVTT captions"),
    ("transcript.srt", "SubRip captions"),
    ("chapters.json", "Chapters as JSON"),
)


def render_site(site: Site, out: Path, *, templates: Path, static: Path) -> None:
    """Write every page of ``site`` and copy ``static`` into ``out``; raise BuildError on clashes."""
    out = Path(out)
    output = _Output(out)
    env = _environment(Path(templates))
    renderer = _Renderer(site, env, output, Path(static))
    renderer.render_all()
    _copy_static(Path(static), output)
    if site.base_url:
        output.write("sitemap.xml", sitemap_xml(site), "the sitemap")
        output.write("robots.txt", robots_txt(site.base_url), "robots.txt")


# --- output ------------------------------------------------------------------


class _Output:
    """Writes files below one folder and refuses to write any path twice (slug clashes)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.written: dict[str, str] = {}

    def _claim(self, rel: str, what: str) -> Path:
        if rel in self.written:
            raise BuildError(Problem(rel, None, f"two outputs want the same path: {self.written[rel]} and {what}"))
        path = self.root / rel
        if path.exists():
            raise BuildError(Problem(rel, None, f"{what} would overwrite a file another stage already wrote"))
        self.written[rel] = what
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def write(self, rel: str, text: str, what: str) -> None:
        self._claim(rel, what).write_text(text, encoding="utf-8", newline="\n")

    def copy(self, rel: str, source: Path, what: str) -> None:
        self._claim(rel, what).write_bytes(source.read_bytes())


def page_file(url: str) -> str:
    """The file a page URL is served from: folders get ``index.html``."""
    return url + "index.html" if url == "" or url.endswith("/") else url


def _copy_static(static: Path, output: _Output) -> None:
    if not static.is_dir():
        return
    for path in sorted(static.rglob("*")):
        rel = path.relative_to(static)
        if path.is_file() and not any(part.startswith(".") or part == "__pycache__" for part in rel.parts):
            output.copy(urls.static_url(rel.as_posix()), path, f"static file {rel.as_posix()}")


# --- templates ---------------------------------------------------------------


def _environment(templates: Path) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _render(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """Render one template; template mistakes become a BuildError with the template's line."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise BuildError(Problem(f"templates/{exc.name or name}", exc.lineno, f"template syntax error: {exc.message}")) from None
    except jinja2.TemplateNotFound as exc:
        raise BuildError(Problem(f"templates/{exc.name}", None, "template not found")) from None
    except jinja2.UndefinedError as exc:
        raise BuildError(Problem(f"templates/{name}", None, f"template error: {exc.message}")) from None


# --- display values ----------------------------------------------------------

_MD = MarkdownIt("commonmark", {"html": False, "typographer": False})


def markdown_html(text: str, *, heading_offset: int = 2) -> Markup:
    """Render publisher Markdown (raw HTML disabled); headings shift down to sit under the page's own."""
    tokens = _MD.parse(text)
    for tok in tokens:
        if tok.type in ("heading_open", "heading_close"):
            level = min(int(tok.tag[1]) + heading_offset, 6)
            tok.tag = f"h{level}"
    return Markup(_MD.renderer.render(tokens, _MD.options, {}))


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


def plain_text(markdown: str) -> str:
    """Markdown as one line of plain text, for meta descriptions and JSON-LD."""
    rendered = _MD.render(markdown)
    text = re.sub(r"<[^>]+>", " ", rendered)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def shorten(text: str, limit: int = 200) -> str:
    """Cut at a word boundary with an ellipsis, for meta descriptions."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


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


def json_ld(data: dict[str, Any]) -> Markup:
    """JSON for a ``<script type="application/ld+json">``, safe inside HTML (no ``</script>``)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


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


@dataclass(frozen=True)
class PassageView:
    """One passage as the templates show it."""

    id: str
    start_attr: str
    speaker_key: str
    speaker_name: str
    time_label: str
    estimated: bool  # no timed source gives this start: shown as "≈ 1:02:16"
    watch_url: str  # "" when the episode has no media
    text: str
    verbatim: bool
    first_in_turn: bool


@dataclass(frozen=True)
class Block:
    """Consecutive passages of one speaker: a turn, or a sponsor read folded in ``<details>``."""

    speaker_name: str
    sponsor: bool
    time_label: str
    passages: tuple[PassageView, ...]


def passage_blocks(ep: Episode, passages: tuple[Passage, ...]) -> list[Block]:
    """Group passages into speaker turns; sponsor reads become their own folded blocks."""
    groups: list[list[Passage]] = []
    for p in passages:
        if groups and groups[-1][-1].speaker.key == p.speaker.key and groups[-1][-1].sponsor == p.sponsor:
            groups[-1].append(p)
        else:
            groups.append([p])
    blocks = []
    for group in groups:
        views = tuple(
            PassageView(
                id=p.id,
                start_attr=seconds_attr(p.start),
                speaker_key=p.speaker.key,
                speaker_name=p.speaker.name,
                time_label=format_clock(p.start),
                estimated=not p.measured,
                watch_url=urls.watch_url(ep, p.start),
                text=p.text,
                verbatim=p.kind == "verbatim",
                first_in_turn=i == 0,
            )
            for i, p in enumerate(group)
        )
        blocks.append(Block(group[0].speaker.name, group[0].sponsor, format_clock(group[0].start), views))
    return blocks


def moment_map(ep: Episode, page_url: str, here: int | None, local: bool = False) -> Markup:
    """What static/moment.js needs to find the page holding a moment: each chapter's first passage time."""
    chapters = []
    for ch in ep.chapters:
        ps = ep.chapter_passages(ch.index)
        if ps:
            chapters.append({"from": round(ps[0].start, 3), "index": ch.index, "url": urls.relative(page_url, urls.chapter_url(ep, ch))})
    return json_ld({"chapters": chapters, "end": round(ep.duration, 3), "here": here, "local": local})


# --- structured data ---------------------------------------------------------


def _person(speaker) -> dict[str, Any]:
    person: dict[str, Any] = {"@type": "Person", "name": speaker.name}
    if speaker.role:
        person["jobTitle"] = speaker.role
    return person


def episode_json_ld(site: Site, ep: Episode) -> list[Markup]:
    """PodcastEpisode for the episode, and a VideoObject with one Clip per chapter (key moments).

    With ``base_url`` the clips point at our episode page with ``?t=`` (moment.js
    forwards to the chapter); without it they point at the video with ``&t=``.
    """
    description = shorten(plain_text(link_pointers(ep.description, {})), 500) or ep.title
    page = urls.absolute(site.base_url, urls.episode_url(ep)) if site.base_url else None
    episode: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "PodcastEpisode",
        "name": ep.title,
        "description": description,
        "datePublished": ep.published,
        "duration": iso_duration(ep.duration),
        "timeRequired": iso_duration(ep.duration),
        "partOfSeries": {"@type": "PodcastSeries", "name": ep.show},
        "actor": [_person(p) for p in ep.people],
        "associatedMedia": [{"@type": "MediaObject", "name": link.label, "url": link.url} for link in ep.links],
    }
    if ep.video_id:
        episode["image"] = urls.thumbnail_url(ep)
    if page:
        episode["url"] = page
    if not ep.video_id:
        return [json_ld(episode)]
    video_page = page or urls.media_page(ep)
    clips = []
    for ch in ep.chapters:
        clip_url = f"{page}?t={int(ch.start)}" if page else urls.watch_url(ep, ch.start)
        clips.append(
            {
                "@type": "Clip",
                "name": ch.title,
                "startOffset": int(ch.start),
                "endOffset": int(ch.end),
                "url": clip_url,
            }
        )
    video: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "VideoObject",
        "name": ep.title,
        "description": description,
        "thumbnailUrl": [urls.thumbnail_url(ep)],
        "uploadDate": ep.published,
        "duration": iso_duration(ep.duration),
        "embedUrl": urls.embed_url(ep),
        "url": video_page,
        "hasPart": clips,
    }
    return [json_ld(episode), json_ld(video)]


def sitemap_xml(site: Site) -> str:
    """Every page worth indexing, as absolute URLs (needs ``base_url``)."""
    assert site.base_url
    pages = [urls.home_url()]
    for ep in site.episodes:
        pages.append(urls.episode_url(ep))
        pages.extend(urls.chapter_url(ep, ch) for ch in ep.chapters)
        pages.append(urls.transcript_url(ep))
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url in pages:
        lines.append(f"  <url><loc>{html.escape(urls.absolute(site.base_url, url))}</loc></url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(base_url: str) -> str:
    """Allow everything and point at the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n"


# --- pages -------------------------------------------------------------------


class _Renderer:
    """Builds each page's context from the model and writes it through the output."""

    def __init__(self, site: Site, env: jinja2.Environment, output: _Output, static: Path) -> None:
        self.site = site
        self.env = env
        self.output = output
        self.static = static
        self.has_search_js = (static / "search.js").is_file()
        self.has_favicon = (static / FAVICON).is_file()

    def render_all(self) -> None:
        self.home()
        for ep in self.site.episodes:
            self.episode(ep)
            for ch in ep.chapters:
                self.chapter(ep, ch)
            self.transcript(ep)
        self.search()
        self.not_found()

    # shared by every page
    def base_context(
        self,
        url: str,
        *,
        title: str,
        description: str,
        og_type: str = "website",
        image: str | None = None,
        moment: bool = False,
        canonical: bool = True,
    ) -> dict[str, Any]:
        link = lambda to: urls.relative(url, to)  # noqa: E731
        absolute = urls.absolute(self.site.base_url, url) if self.site.base_url and canonical else None
        return {
            "site_title": self.site.title,
            "site_description": self.site.description,
            "root": urls.root_prefix(url),
            "home_href": link(urls.home_url()),
            "search_action": link(urls.search_url()),
            "css_href": link(urls.static_url("site.css")),
            "inline_css": None,
            "favicon_href": link(urls.static_url(FAVICON)) if self.has_favicon else None,
            "search_js": link(urls.static_url("search.js")) if self.has_search_js else None,
            "moment_js": link(urls.static_url("moment.js")) if moment else None,
            "page_title": title if url == "" else f"{title} · {self.site.title}",
            "description": description,
            "canonical": absolute,
            "og": {
                "title": title,
                "type": og_type,
                "description": description,
                "site_name": self.site.title,
                "url": absolute,
                "image": image,
            },
            "json_ld": [],
            "base_script": None,
            "base_href": None,
        }

    def write(self, url: str, template: str, context: dict[str, Any], what: str) -> None:
        self.output.write(page_file(url), _render(self.env, template, context), what)

    def episode_links(self, url: str, ep: Episode) -> dict[str, str]:
        """Links every page of an episode has, and how its "watch" links read ("" verb: no media)."""
        verb = "" if not urls.media_page(ep) else "Listen" if urls.is_audio(ep) else "Watch"
        where = "on YouTube" if ep.video_id else "in the audio" if verb == "Listen" else "in the video"
        return {
            "episode_href": urls.relative(url, urls.episode_url(ep)),
            "transcript_href": urls.relative(url, urls.transcript_url(ep)),
            "watch_verb": verb,
            "watch_where": where,
            "watch_chapter": "Listen to this chapter" if verb == "Listen" else "Watch this chapter",
        }

    def home(self) -> None:
        url = urls.home_url()
        ctx = self.base_context(url, title=self.site.title, description=self.site.description or self.site.title)
        ctx["episodes"] = [
            {
                "title": ep.title,
                "show": ep.show,
                "href": urls.relative(url, urls.episode_url(ep)),
                "transcript_href": urls.relative(url, urls.transcript_url(ep)),
                "published": display_date(ep.published),
                "published_iso": ep.published,
                "length": format_duration(ep.duration),
                "people": people_line(ep),
                "chapters": len(ep.chapters),
                "summary": shorten(plain_text(link_pointers(ep.description, {})), 240),
            }
            for ep in self.site.episodes
        ]
        self.write(url, "index.html", ctx, "the home page")

    def chapter_list(self, url: str, ep: Episode, current: int | None = None) -> list[dict[str, Any]]:
        return [
            {
                "number": ch.index + 1,
                "title": ch.title,
                "href": urls.relative(url, urls.chapter_url(ep, ch)),
                "start": format_clock(ch.start),
                "start_attr": seconds_attr(ch.start),
                "length": format_duration(ch.end - ch.start),
                "current": ch.index == current,
                "watch_url": urls.watch_url(ep, ch.start),
            }
            for ch in ep.chapters
        ]

    def episode(self, ep: Episode) -> None:
        url = urls.episode_url(ep)
        description = shorten(plain_text(link_pointers(ep.description, {}))) or ep.title
        ctx = self.base_context(
            url, title=ep.title, description=description, og_type="video.episode", image=urls.thumbnail_url(ep), moment=True
        )
        exports = []
        for name, label in EXPORTS:
            path = self.output.root / urls.export_url(ep, name)
            if path.is_file():
                exports.append({"name": name, "label": label, "href": urls.relative(url, urls.export_url(ep, name)), "size": _size(path)})
        summary = ep.summary
        ctx.update(
            self.episode_links(url, ep),
            title=ep.title,
            show=ep.show,
            people=people_groups(ep),
            published=display_date(ep.published),
            published_iso=ep.published,
            length=format_duration(ep.duration),
            duration_clock=format_clock(ep.duration),
            links=ep.links,
            description_html=markdown_html(link_pointers(ep.description, pointer_targets(ep, urls.relative(url, urls.transcript_url(ep))))),
            takeaways=summary.takeaways if summary else (),
            summary_covers=summary.covers if summary else "",
            sponsors=ep.sponsors,
            chapters=self.chapter_list(url, ep),
            exports=exports,
            moment_map=moment_map(ep, url, None),
        )
        ctx["json_ld"] = episode_json_ld(self.site, ep)
        self.write(url, "episode.html", ctx, f"the page of episode '{ep.slug}'")

    def chapter(self, ep: Episode, ch: Chapter) -> None:
        url = urls.chapter_url(ep, ch)
        passages = ep.chapter_passages(ch.index)
        first_words = shorten(passages[0].text, 160) if passages else ""
        description = f"{ch.title} ({format_clock(ch.start)}–{format_clock(ch.end)}) from {ep.title}. {first_words}".strip()
        ctx = self.base_context(
            url, title=f"{ch.title} – {ep.title}", description=shorten(description), og_type="article", image=urls.thumbnail_url(ep), moment=True
        )
        neighbour = lambda i: (  # noqa: E731
            {"title": ep.chapters[i].title, "href": urls.relative(url, urls.chapter_url(ep, ep.chapters[i])), "number": i + 1}
            if 0 <= i < len(ep.chapters)
            else None
        )
        ctx.update(
            self.episode_links(url, ep),
            episode_title=ep.title,
            title=ch.title,
            number=ch.index + 1,
            count=len(ep.chapters),
            start=format_clock(ch.start),
            end=format_clock(ch.end),
            start_iso=iso_duration(ch.start),
            end_iso=iso_duration(ch.end),
            length=format_duration(ch.end - ch.start),
            watch_url=urls.watch_url(ep, ch.start),
            estimated_note=any(not p.measured for p in passages),
            previous=neighbour(ch.index - 1),
            next=neighbour(ch.index + 1),
            chapters=self.chapter_list(url, ep, ch.index),
            blocks=passage_blocks(ep, passages),
            moment_map=moment_map(ep, url, ch.index),
        )
        self.write(url, "chapter.html", ctx, f"chapter '{ch.title}' (slug '{ch.slug}') of episode '{ep.slug}'")

    def transcript(self, ep: Episode) -> None:
        url = urls.transcript_url(ep)
        ctx = self.base_context(
            url,
            title=f"Transcript – {ep.title}",
            description=f"The full transcript of {ep.title}, with speakers and times.",
            og_type="article",
            image=urls.thumbnail_url(ep),
            moment=True,
        )
        sections = []
        for ch in ep.chapters:
            sections.append(
                {
                    "id": f"chapter-{ch.slug}",
                    "number": ch.index + 1,
                    "title": ch.title,
                    "href": urls.relative(url, urls.chapter_url(ep, ch)),
                    "start": format_clock(ch.start),
                    "end": format_clock(ch.end),
                    "blocks": passage_blocks(ep, ep.chapter_passages(ch.index)),
                }
            )
        ctx.update(
            self.episode_links(url, ep),
            episode_title=ep.title,
            people=people_line(ep),
            length=format_duration(ep.duration),
            estimated_note=any(not p.measured for p in ep.passages),
            sections=sections,
            moment_map=moment_map(ep, url, None, local=True),
        )
        self.write(url, "transcript.html", ctx, f"the transcript page of episode '{ep.slug}'")

    def search(self) -> None:
        url = urls.search_url()
        ctx = self.base_context(url, title="Search", description=f"Search the transcripts of {self.site.title}.")
        ctx["episodes"] = [
            {"title": ep.title, "slug": ep.slug, "href": urls.relative(url, urls.episode_url(ep))} for ep in self.site.episodes
        ]
        self.write(url, "search.html", ctx, "the search page")

    def not_found(self) -> None:
        """404.html is served for any missing path, at any depth, so it must not depend on its own URL.

        It carries its stylesheet and favicon inline, so it is styled with or
        without JavaScript.  Its links are written from the site root: with
        ``base_url`` a ``<base>`` makes them absolute; without it ``<base href="../">``
        is right for a missing folder one level below the root (``/nope/``,
        ``/REPO/nope/``), and a small script replaces it with the real root at
        any depth (see ``_BASE_SCRIPT``).
        """
        url = urls.not_found_url()
        ctx = self.base_context(url, title="Page not found", description="This page does not exist.", canonical=False)
        css = self.static / "site.css"
        if css.is_file():
            # "</" cannot end a <style> element early in CSS written as "<\/".
            ctx["inline_css"] = Markup(css.read_text(encoding="utf-8").replace("</", "<\\/"))
            ctx["css_href"] = None
        if self.has_favicon:
            ctx["favicon_href"] = data_uri(self.static / FAVICON)
        if self.site.base_url:
            ctx["base_href"] = self.site.base_url
        else:
            ctx["base_href"] = "../"
            tops = sorted({ep.slug for ep in self.site.episodes} | {"search", "static"})
            search_js = json.dumps(urls.static_url("search.js")) if self.has_search_js else "null"
            script = _BASE_SCRIPT.replace("TOPS", json.dumps(tops).replace("<", "\\u003c")).replace("MARK", not_found_mark(self.site))
            ctx["base_script"] = Markup(script.replace("SEARCH_JS", search_js))
            ctx["search_js"] = None  # the script loads it once the root is known
        ctx["episodes"] = [{"title": ep.title, "href": urls.relative(url, urls.episode_url(ep))} for ep in self.site.episodes]
        self.write(url, "404.html", ctx, "the 404 page")


def not_found_mark(site: Site) -> str:
    """A token only this site's 404.html contains, so the page can recognise its own copy at the root."""
    key = json.dumps([site.title, sorted(ep.slug for ep in site.episodes)], ensure_ascii=True)
    return "episode-site-404-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def data_uri(path: Path) -> str:
    """A small file as a ``data:`` URL, for a page that cannot rely on relative links."""
    kind = "image/svg+xml" if path.suffix == ".svg" else mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{kind};base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def _size(path: Path) -> str:
    n = path.stat().st_size
    return f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} bytes"


# Runs in <head> of 404.html before any URL is resolved and points <base> at the site root:
# 1. opened from disk, the root is the page's own folder;
# 2. a path segment that is one of the site's top folders (an episode slug,
#    search, static) follows the root: /REPO/episode/typo/ -> /REPO/;
# 3. otherwise ask each candidate root, shortest first (/, /a/, /a/b/ ...), for
#    404.html and take the first that is this site's own copy (it holds MARK):
#    right at a user site's root and under a project's /REPO/ alike, and
#    usually one request, as the answer is / or /REPO/.
# Until then <base href="../"> stands, right for a missing folder one level down.
_BASE_SCRIPT = (
    "(function(){var tops=TOPS,mark='MARK',js=SEARCH_JS,d=document,"
    "b=d.getElementsByTagName('base')[0],p=location.pathname.split('/'),i;"
    "function use(r){b.href=r;if(js){var s=d.createElement('script');s.src=js;s.defer=true;d.head.appendChild(s);}}"
    "if(location.protocol==='file:'){use('./');return;}"
    "for(i=1;i<p.length-1;i++){if(tops.indexOf(p[i])>=0){use(p.slice(0,i).join('/')+'/');return;}}"
    "var roots=[];for(i=1;i<p.length&&i<8;i++)roots.push(p.slice(0,i).join('/')+'/');"
    "(function next(k){if(k>=roots.length||!window.fetch){use(b.href);return;}"
    "fetch(roots[k]+'404.html',{credentials:'same-origin'}).then(function(r){return r.ok?r.text():'';})"
    ".then(function(t){if(t.indexOf(mark)>=0)use(roots[k]);else next(k+1);},function(){next(k+1);});})(0);"
    "})();"
)
