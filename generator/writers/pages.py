"""Pages: home, episode, chapters, transcript, search and 404, from the merged model.

Templates stay dumb: every value they show (formatted times, relative links,
JSON-LD) is computed here or in ``values``, where it can be tested. Every
internal link is relative (see ``urls``), so the site works at a domain root,
under ``/REPO/`` on GitHub Pages, and opened from disk. Output is
deterministic: the same model gives byte-identical files.
"""

from __future__ import annotations

import base64
import hashlib
import json
import mimetypes
from collections.abc import Callable
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..clock import format_clock, format_duration, iso_duration
from ..model import Chapter, Episode, Site
from . import urls
from .exports import EXPORTS
from .feed import atom_feed, has_feed
from .home import PER_PAGE, check_slugs, episode_list_script, home_pages, newest_first, year_groups, year_links, year_of
from .linked_data import episode_json_ld, json_ld, robots_txt, series_json_ld, sitemap_files
from .output import Collected, Output, page_file
from .passages import media_href, moment_map, passage_blocks, watch_href
from .theme import Theme, render
from .values import closed_bidi, display_date, link_pointers, markdown_html, people_groups, people_line, plain_text, pointer_targets, seconds_attr, shorten

#: Episodes listed on the 404 page, newest first (the home page lists them all).
NOT_FOUND_LISTED = 10

#: The site's icon in static/, linked from every page (and inlined into 404.html).
FAVICON = "favicon.svg"

#: Where the in-page player loads YouTube from, once the reader presses play (never before).
#: Pages carry these in their player config, so tests can answer them with a local stand-in.
YOUTUBE_API = "https://www.youtube.com/iframe_api"
YOUTUBE_HOST = "https://www.youtube-nocookie.com"


def render_site(site: Site, out: Path, *, theme: Theme, exports: dict[str, dict[str, int]] | None = None) -> None:
    """Write every page of ``site`` and copy the theme's static files into ``out``; raise BuildError on clashes.

    ``exports`` is what the exports writer wrote for each episode (file name ->
    size), so episode pages list the downloads without reading them back. Each
    episode's pages are made as a build makes them (``render_episode_pages``).
    """
    output = Output(Path(out))
    for ep in site.episodes:
        pages = render_episode_pages(ep, site, theme=theme, exports=(exports or {}).get(ep.slug, {}), many=len(site.episodes) > 1)
        for rel, data in pages.items():
            output.write_bytes(rel, data, f"a page of episode '{ep.slug}'")
    render_site_pages(site, output, theme=theme)


def render_episode_pages(
    ep: Episode, site: Site, *, theme: Theme, exports: dict[str, int] | Callable[[], dict[str, int]], many: bool
) -> dict[str, bytes]:
    """One episode's pages (episode, chapters, transcript), path -> bytes: they depend on the
    episode, the site's title, description and base URL, the theme, its exports, and on whether
    the site has other episodes (``many``), never on the other episodes themselves.

    ``exports`` (file name -> size) may be a call that returns them: only the episode page lists
    them, and it is made last, so a build can cut the exports meanwhile in another process.
    """
    output = Collected()
    renderer = _Renderer(site, theme, output, many=many)
    for ch in ep.chapters:
        renderer.chapter(ep, ch)
    renderer.transcript(ep)
    renderer.exports = exports() if callable(exports) else exports
    renderer.episode(ep)
    return output.files


def render_site_pages(site: Site, output: Output, *, theme: Theme) -> None:
    """The pages about the whole site (home, search, 404, feed, sitemap) and the theme's static files."""
    renderer = _Renderer(site, theme, output)
    renderer.home()
    renderer.search()
    renderer.not_found()
    for rel, path in theme.static_files().items():
        output.write_bytes(urls.static_url(rel), theme.static_bytes(path), f"static file {rel}")
    if site.base_url:
        for name, text in sitemap_files(site, [page.url for page in home_pages(site.episodes)]).items():
            output.write(name, text, "the sitemap")
        if urls.at_host_root(site.base_url):  # crawlers read /robots.txt only: under /REPO/ it would be inert
            output.write("robots.txt", robots_txt(site.base_url), "robots.txt")
    if has_feed(site):
        output.write(urls.feed_url(), atom_feed(site), "the feed")


class _Renderer:
    """Builds each page's context from the model and writes it through the output."""

    def __init__(self, site: Site, theme: Theme, output: Output, many: bool | None = None) -> None:
        self.site = site
        self.env = theme.environment()
        self.theme = theme
        self.output = output
        self.exports: dict[str, int] = {}  # the episode page's downloads: file name -> size
        self.many = len(site.episodes) > 1 if many is None else many
        self.has_search_js = theme.find_static("search.js") is not None
        self.favicon = theme.find_static(FAVICON)

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
        described = closed_bidi(description)  # cut short after its titles were closed, a closer may be gone
        return {
            "site_title": self.site.title,
            "site_description": self.site.description,
            "root": urls.root_prefix(url),
            "home_href": link(urls.home_url()),
            "search_action": link(urls.search_url()),
            "css_href": link(urls.static_url("site.css")),
            "inline_css": None,
            "favicon_href": link(urls.static_url(FAVICON)) if self.favicon else None,
            "search_js": link(urls.static_url("search.js")) if self.has_search_js else None,
            "moment_js": link(urls.static_url("moment.js")) if moment else None,
            "page_title": closed_bidi(title) if url == "" else f"{closed_bidi(title)} · {closed_bidi(self.site.title)}",
            "description": described,
            "canonical": absolute,
            "og": {
                "title": closed_bidi(title),
                "type": og_type,
                "description": described,
                "site_name": closed_bidi(self.site.title),
                "url": absolute,
                "image": image,
            },
            "json_ld": [],
            "base_script": None,
            "base_href": None,
            "player": None,
            "player_js": None,
            "search_episode": None,
        }

    def write(self, url: str, template: str, context: dict[str, Any], what: str) -> None:
        self.output.write(page_file(url), render(self.env, template, context), what)

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

    def media_link(self, url: str, ep: Episode, verb: str) -> dict[str, str] | None:
        """The episode's video or audio as a link on its page, first of its links: without JavaScript
        (no player) the page would offer no way to watch or listen. None when a link already goes there
        (or there is no media: ``verb``, as ``episode_links`` gives it, is "")."""
        if not verb:
            return None
        target = ep.video_id or ep.media_url
        if any(target in link.url for link in ep.links):
            return None
        label = "Watch on YouTube" if ep.video_id else "Listen to the episode" if verb == "Listen" else "Watch the episode"
        return {"label": label, "url": watch_href(ep, 0, url).removesuffix("&t=0s").removesuffix("#t=0")}

    def player(self, url: str, ep: Episode) -> dict[str, Any]:
        """The in-page player's context: what static/player.js plays and where it loads it from (None: no media)."""
        if not (ep.video_id or ep.media_url) or self.theme.find_static("player.js") is None:
            return {"player": None, "player_js": None}
        if ep.media_url:
            # The reader's own browser plays a file: no third-party code, so it wins over YouTube.
            kind = "audio" if ep.media_url.split("?", 1)[0].lower().endswith(urls.AUDIO) else "video"
            config: dict[str, Any] = {"kind": kind, "src": media_href(ep, url)}
        else:
            kind = "youtube"
            config = {"kind": kind, "videoId": ep.video_id, "api": YOUTUBE_API, "host": YOUTUBE_HOST}
        config.update(end=round(ep.duration, 3), title=ep.title)
        return {
            "player": {
                "kind": kind,
                "config": json_ld(config),
                "label": f"Play {ep.title}",
                "where": "Loads the video from YouTube" if kind == "youtube" else "",
                "duration": format_clock(ep.duration),
                "config_end": seconds_attr(ep.duration),
            },
            "player_js": urls.relative(url, urls.static_url("player.js")),
        }

    def home(self) -> None:
        """The episode list, newest first, in pages of ``home.PER_PAGE``; each page works without JavaScript."""
        pages = home_pages(self.site.episodes)
        check_slugs(pages)
        total = len(self.site.episodes)
        show = len({ep.show for ep in self.site.episodes}) > 1  # one show: no need to repeat its name
        feed = has_feed(self.site)
        home_js = self.theme.find_static("home.js") is not None
        if len(pages) > 1:
            self.output.write(urls.episode_list_url(), episode_list_script(self.site.episodes), "the home page's episode list")
        for page in pages:
            url = page.url
            first = (page.number - 1) * PER_PAGE + 1
            title = self.site.title if page.number == 1 else f"Episodes, page {page.number} of {len(pages)}"
            ctx = self.base_context(url, title=title, description=self.site.description or self.site.title)
            neighbour = lambda n: urls.relative(url, urls.home_page_url(n)) if 1 <= n <= len(pages) else None  # noqa: E731
            ctx.update(
                groups=year_groups(page, show=show),
                years=year_links(pages, url) if len({year_of(ep) for ep in self.site.episodes}) > 1 else [],
                page_number=page.number,
                page_count=len(pages),
                first=first,
                last=first + len(page.episodes) - 1,
                total=total,
                dated=any(ep.published for ep in self.site.episodes),  # else newer and older pages say nothing true
                # The count line says the page's own order: the last pages of a mixed archive are all undated, by title.
                page_dated=any(ep.published for ep in page.episodes),
                previous_href=neighbour(page.number - 1),
                next_href=neighbour(page.number + 1),
                # With more than one page the filter box reads every episode from episodes.js.
                list_href=urls.relative(url, urls.episode_list_url()) if len(pages) > 1 else None,
                home_js=urls.relative(url, urls.static_url("home.js")) if home_js else None,
                feed_href=urls.relative(url, urls.feed_url()) if feed else None,
            )
            if page.number == 1:
                ctx["json_ld"] = [series_json_ld(self.site, page.episodes, feed=feed)]
            what = "the home page" if page.number == 1 else f"page {page.number} of the home page"
            self.write(url, "index.html", ctx, what)

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
                "watch_url": watch_href(ep, ch.start, url),
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
        written = self.exports
        for name, label in EXPORTS:
            if name in written:
                exports.append({"name": name, "label": label, "href": urls.relative(url, urls.export_url(ep, name)), "size": _size(written[name])})
        summary = ep.summary
        ctx["search_episode"] = self.search_scope(ep)
        links = self.episode_links(url, ep)
        ctx.update(
            links,
            title=ep.title,
            show=ep.show,
            people=people_groups(ep),
            published=display_date(ep.published),
            published_iso=ep.published,
            length=format_duration(ep.duration),
            duration_clock=format_clock(ep.duration),
            links=ep.links,
            media_link=self.media_link(url, ep, links["watch_verb"]),
            description_html=markdown_html(link_pointers(ep.description, pointer_targets(ep, urls.relative(url, urls.transcript_url(ep))))),
            takeaways=summary.takeaways if summary else (),
            summary_covers=summary.covers if summary else "",
            sponsors=ep.sponsors,
            chapters=self.chapter_list(url, ep),
            exports=exports,
            moment_map=moment_map(ep, url, None),
            **self.player(url, ep),
        )
        ctx["json_ld"] = episode_json_ld(self.site, ep)
        self.write(url, "episode.html", ctx, f"the page of episode '{ep.slug}'")

    def chapter(self, ep: Episode, ch: Chapter) -> None:
        url = urls.chapter_url(ep, ch)
        passages = ep.chapter_passages(ch.index)
        first_words = shorten(passages[0].text, 160) if passages else ""
        description = f"{closed_bidi(ch.title)} ({format_clock(ch.start)}–{format_clock(ch.end)}) from {closed_bidi(ep.title)}. {first_words}".strip()
        ctx = self.base_context(
            url, title=f"{closed_bidi(ch.title)} – {ep.title}", description=shorten(description), og_type="article", image=urls.thumbnail_url(ep), moment=True
        )
        neighbour = lambda i: (  # noqa: E731
            {"title": ep.chapters[i].title, "href": urls.relative(url, urls.chapter_url(ep, ep.chapters[i])), "number": i + 1}
            if 0 <= i < len(ep.chapters)
            else None
        )
        ctx["search_episode"] = self.search_scope(ep)
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
            watch_url=watch_href(ep, ch.start, url),
            estimated_note=any(not p.measured for p in passages),
            previous=neighbour(ch.index - 1),
            next=neighbour(ch.index + 1),
            chapters=self.chapter_list(url, ep, ch.index),
            blocks=passage_blocks(ep, passages, url),
            moment_map=moment_map(ep, url, ch.index),
            **self.player(url, ep),
        )
        self.write(url, "chapter.html", ctx, f"chapter '{ch.title}' (slug '{ch.slug}') of episode '{ep.slug}'")

    def transcript(self, ep: Episode) -> None:
        url = urls.transcript_url(ep)
        ctx = self.base_context(
            url,
            title=f"Transcript – {ep.title}",
            description=f"The full transcript of {closed_bidi(ep.title)}, with speakers and times.",
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
                    "blocks": passage_blocks(ep, ep.chapter_passages(ch.index), url),
                }
            )
        ctx["search_episode"] = self.search_scope(ep)
        ctx.update(
            self.episode_links(url, ep),
            episode_title=ep.title,
            people=people_line(ep),
            length=format_duration(ep.duration),
            estimated_note=any(not p.measured for p in ep.passages),
            sections=sections,
            moment_map=moment_map(ep, url, None, local=True),
            **self.player(url, ep),
        )
        self.write(url, "transcript.html", ctx, f"the transcript page of episode '{ep.slug}'")

    def search_scope(self, ep: Episode) -> str | None:
        """On an episode's pages the header search is scoped to it (when the site has others to leave out)."""
        return ep.slug if self.many else None

    def search(self) -> None:
        url = urls.search_url()
        ctx = self.base_context(url, title="Search", description=f"Search the transcripts of {closed_bidi(self.site.title)}.")
        # Without JavaScript the page lists episodes instead: the newest, as the home page does,
        # and no more than its first page (an archive's thousand links would be most of the page).
        listed = newest_first(self.site.episodes)
        ctx["episodes"] = [
            {"title": ep.title, "slug": ep.slug, "href": urls.relative(url, urls.episode_url(ep))} for ep in listed[:PER_PAGE]
        ]
        ctx["unlisted"] = max(len(listed) - PER_PAGE, 0)
        ctx["older_href"] = urls.relative(url, urls.home_page_url(2))
        ctx["many"] = self.many  # an episode filter of one episode filters nothing
        from .search import search_examples  # the index's words, as the index keeps them

        ctx["speaker_example"], ctx["chapter_example"] = search_examples(listed)
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
        css = self.theme.find_static("site.css")
        if css is not None:
            # "</" cannot end a <style> element early in CSS written as "<\/".
            ctx["inline_css"] = Markup(self.theme.static_text(css).replace("</", "<\\/"))
            ctx["css_href"] = None
        if self.favicon:
            ctx["favicon_href"] = data_uri(self.favicon)
        if self.site.base_url:
            ctx["base_href"] = self.site.base_url
        else:
            ctx["base_href"] = "../"
            tops = sorted({ep.slug for ep in self.site.episodes} | {"search", "static"} | _home_folders(self.site))
            search_js = json.dumps(urls.static_url("search.js")) if self.has_search_js else "null"
            script = _BASE_SCRIPT.replace("TOPS", json.dumps(tops).replace("<", "\\u003c")).replace("MARK", not_found_mark(self.site))
            ctx["base_script"] = Markup(script.replace("SEARCH_JS", search_js))
            ctx["search_js"] = None  # the script loads it once the root is known
        # The newest few, not all: at 1,000 episodes the whole list made the page 124 KB for a reader
        # who wants the home page or a recent episode; the page's script finds an older episode it is inside.
        listed = newest_first(self.site.episodes)[:NOT_FOUND_LISTED]
        ctx["episodes"] = [{"title": ep.title, "href": urls.relative(url, urls.episode_url(ep))} for ep in listed]
        ctx["total"] = len(self.site.episodes)
        # Slugs only (~20 bytes an episode): the page asks for an unlisted episode's page only if it is one.
        ctx["slugs"] = Markup(json.dumps(sorted(ep.slug for ep in self.site.episodes), ensure_ascii=False).replace("<", "\\u003c"))
        self.write(url, "404.html", ctx, "the 404 page")


def _home_folders(site: Site) -> set[str]:
    """The folder of the home page's continuation pages, when there are any (``page``)."""
    pages = home_pages(site.episodes)
    return {pages[1].url.split("/", 1)[0]} if len(pages) > 1 else set()


def not_found_mark(site: Site) -> str:
    """A token only this site's 404.html contains, so the page can recognise its own copy at the root."""
    key = json.dumps([site.title, sorted(ep.slug for ep in site.episodes)], ensure_ascii=True)
    return "episode-site-404-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def data_uri(path: Path) -> str:
    """A small file as a ``data:`` URL, for a page that cannot rely on relative links."""
    kind = "image/svg+xml" if path.suffix == ".svg" else mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{kind};base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} bytes"


# Runs in <head> of 404.html before any URL is resolved and points <base> at the site root:
# 1. opened from disk, the root is the page's own folder;
# 2. a path segment that is one of the site's top folders (an episode slug,
#    search, static, page) right after / or /REPO/, where GitHub Pages serves a site, follows
#    the root: /REPO/episode/typo/ -> /REPO/; deeper it may be a folder of an old site's own
#    (/REPO/category/news/page/2/ took /REPO/category/news/ for the root): asked as in 3;
# 3. otherwise ask each candidate root for 404.html, a project site's /REPO/ first, then
#    / (a user site's), then the deeper ones (/a/b/ ...), and take the first that is this
#    site's own copy (it holds MARK): one request where the site is a project site, whose
#    missing pages asked / first, a request failing in the console of every one.
# Until then <base href="../"> stands, right for a missing folder one level down.
# The path is cut at its first "//" (no folder is named ""): //slug/x/ made the root "//", no URL,
# so every link pointed back at the page, and //host/ would be asked for its 404.html.
_BASE_SCRIPT = (
    "(function(){var tops=TOPS,mark='MARK',js=SEARCH_JS,d=document,"
    "b=d.getElementsByTagName('base')[0],p=location.pathname.replace(/\\/\\/.*/,'/').split('/'),i;"
    "function use(r){b.href=r;if(js){var s=d.createElement('script');s.src=js;s.defer=true;d.head.appendChild(s);}}"
    "if(location.protocol==='file:'){use('./');return;}"
    "for(i=1;i<p.length-1&&i<3;i++){if(tops.indexOf(p[i])>=0){use(p.slice(0,i).join('/')+'/');return;}}"
    "var roots=[];for(i=1;i<p.length&&i<8;i++)roots.push(p.slice(0,i).join('/')+'/');"
    "if(roots.length>1)roots.unshift(roots.splice(1,1)[0]);"
    "(function next(k){if(k>=roots.length||!window.fetch){use(b.href);return;}"
    "fetch(roots[k]+'404.html',{credentials:'same-origin'}).then(function(r){return r.ok?r.text():'';})"
    ".then(function(t){if(t.indexOf(mark)>=0)use(roots[k]);else next(k+1);},function(){next(k+1);});})(0);"
    "})();"
)


