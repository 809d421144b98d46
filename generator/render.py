"""Render the merged model into HTML pages: home, episode, chapters, transcript, search, 404.

Templates stay dumb: every value they show (formatted times, relative links,
JSON-LD) is computed here, where it can be tested.  Every internal link is
relative (see ``urls``), so the site works at a domain root, under ``/REPO/``
on GitHub Pages, and opened from disk.  Output is deterministic: the same
model gives byte-identical files.
"""

from __future__ import annotations

import datetime as _dt
import html
import json
import re
from collections.abc import Sequence
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

#: Transcript exports the exporter writes beside each episode page, with the label readers see.
EXPORTS: tuple[tuple[str, str], ...] = (
    ("transcript.json", "JSON, with speakers and times"),
    ("transcript.vtt", "WebVTT captions"),
    ("transcript.srt", "SubRip captions"),
    ("chapters.json", "Chapters as JSON"),
)


def render_site(site: Site, out: Path, *, templates: Path | Sequence[Path], static: Path | Sequence[Path]) -> None:
    """Write every page of ``site`` and copy ``static`` into ``out``; raise BuildError on clashes.

    ``templates`` and ``static`` may each be a list of folders, first one wins file by file,
    so a site's own files override the default theme's.
    """
    out = Path(out)
    output = _Output(out)
    templates, static = _folders(templates), _folders(static)
    env = _environment(templates)
    has_search_js = any((folder / "search.js").is_file() for folder in static)
    renderer = _Renderer(site, env, output, has_search_js)
    renderer.render_all()
    _copy_static(static, output)
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


def _folders(given: Path | Sequence[Path]) -> list[Path]:
    return [Path(given)] if isinstance(given, (str, Path)) else [Path(p) for p in given]


def _copy_static(folders: list[Path], output: _Output) -> None:
    chosen: dict[str, Path] = {}
    for static in reversed(folders):  # earlier folders override later ones, file by file
        if not static.is_dir():
            continue
        for path in static.rglob("*"):
            rel = path.relative_to(static)
            if path.is_file() and not any(part.startswith(".") or part == "__pycache__" for part in rel.parts):
                chosen[rel.as_posix()] = path
    for rel, path in sorted(chosen.items()):
        output.copy(urls.static_url(rel), path, f"static file {rel}")


# --- templates ---------------------------------------------------------------


def _environment(templates: list[Path]) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in templates]),  # first folder wins per file
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


@dataclass(frozen=True)
class PassageView:
    """One passage as the templates show it."""

    id: str
    start_attr: str
    speaker_key: str
    speaker_name: str
    time_label: str
    watch_url: str
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
                watch_url=urls.video_url(ep, p.start),
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
    return json_ld({"chapters": chapters, "here": here, "local": local})


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
    description = shorten(plain_text(ep.description), 500) or ep.title
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
        "actor": [_person(ep.host), _person(ep.guest)],
        "associatedMedia": [{"@type": "MediaObject", "name": link.label, "url": link.url} for link in ep.links],
        "image": urls.thumbnail_url(ep),
    }
    video_page = page or urls.video_url(ep, 0).rsplit("&t=", 1)[0]
    clips = []
    for ch in ep.chapters:
        clip_url = f"{page}?t={int(ch.start)}" if page else urls.video_url(ep, ch.start)
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
    if page:
        episode["url"] = page
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

    def __init__(self, site: Site, env: jinja2.Environment, output: _Output, has_search_js: bool) -> None:
        self.site = site
        self.env = env
        self.output = output
        self.has_search_js = has_search_js

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
        return {
            "episode_href": urls.relative(url, urls.episode_url(ep)),
            "transcript_href": urls.relative(url, urls.transcript_url(ep)),
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
                "guest": ep.guest.name,
                "host": ep.host.name,
                "chapters": len(ep.chapters),
                "summary": shorten(plain_text(ep.description), 240),
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
                "watch_url": urls.video_url(ep, ch.start),
            }
            for ch in ep.chapters
        ]

    def episode(self, ep: Episode) -> None:
        url = urls.episode_url(ep)
        description = shorten(plain_text(ep.description)) or ep.title
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
            host=ep.host,
            guest=ep.guest,
            published=display_date(ep.published),
            published_iso=ep.published,
            length=format_duration(ep.duration),
            duration_clock=format_clock(ep.duration),
            links=ep.links,
            description_html=markdown_html(ep.description),
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
            watch_url=urls.video_url(ep, ch.start),
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
            host=ep.host,
            guest=ep.guest,
            length=format_duration(ep.duration),
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
        """404.html is served for any missing path, at any depth: links are made from the site root.

        With ``base_url`` a ``<base>`` element makes them resolve; without it a
        small script guesses the root from the path (an episode slug in it, or
        the first segment on ``*.github.io``), and the links work as they are
        one level below the root.
        """
        url = urls.not_found_url()
        ctx = self.base_context(url, title="Page not found", description="This page does not exist.", canonical=False)
        if self.site.base_url:
            ctx["base_href"] = self.site.base_url
        else:
            tops = sorted({ep.slug for ep in self.site.episodes} | {"search", "static"})
            ctx["base_script"] = Markup(_BASE_SCRIPT.replace("TOPS", json.dumps(tops).replace("<", "\\u003c")))
        ctx["episodes"] = [{"title": ep.title, "href": urls.relative(url, urls.episode_url(ep))} for ep in self.site.episodes]
        self.write(url, "404.html", ctx, "the 404 page")


def _size(path: Path) -> str:
    n = path.stat().st_size
    return f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} bytes"


# Runs in <head> before any URL is resolved; sets <base> to the guessed site root.
_BASE_SCRIPT = (
    "(function(){var tops=TOPS,p=location.pathname.split('/'),r=null,i;"
    "if(location.protocol==='file:')return;"
    "for(i=1;i<p.length;i++){if(tops.indexOf(p[i])>=0){r=p.slice(0,i).join('/')+'/';break;}}"
    "if(r===null&&/\\.github\\.io$/.test(location.hostname)&&p.length>2)r='/'+p[1]+'/';"
    "if(r!==null){var b=document.createElement('base');b.href=r;document.head.appendChild(b);}})();"
)
