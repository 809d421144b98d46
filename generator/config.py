"""Load and check ``site.toml``: the site, its episodes, and each episode's sources."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import Problems, shorten
from .clock import parse_clock
from .model import ChapterMark, Link, Origin, Speaker

ROLES = ("words", "podcast-page", "edited", "summary", "captions", "transcript-json", "whisper")


@dataclass(frozen=True)
class SourceConfig:
    path: Path  # absolute
    role: str | None  # None: detect from content


@dataclass(frozen=True)
class Pin:
    """``[episodes.speakers]``: the publisher says which person an anonymous label is."""

    label: str  # as the sources write it: "Speaker 1", "SPEAKER_00"
    person: Speaker
    origin: Origin  # the site.toml line, for messages


@dataclass(frozen=True)
class EpisodeConfig:
    slug: str
    title: str
    show: str
    published: str
    duration: float | None
    video_id: str  # YouTube id, or "" when the episode has none
    people: tuple[Speaker, ...]  # one to many, in the order site.toml lists them
    links: tuple[Link, ...]
    sources: tuple[SourceConfig, ...]
    media_url: str = ""  # the episode's audio or video file, or ""
    pins: tuple[Pin, ...] = ()
    chapters: tuple[ChapterMark, ...] = ()  # chapters given in site.toml itself
    description: str = ""  # Markdown; a source's description is used when this is empty

    @property
    def host(self) -> Speaker:
        """The first person marked host, else the first person: who opens topics."""
        return next((p for p in self.people if p.host), self.people[0])


@dataclass(frozen=True)
class SiteConfig:
    root: Path  # the folder site.toml is in; source paths are relative to it
    path: Path
    title: str
    description: str
    base_url: str | None
    episodes: tuple[EpisodeConfig, ...]

    def rel(self, path: Path) -> str:
        """A path as users should read it in messages: relative to the site folder."""
        return str(_shown(path, self.root))


def _shown(path: Path, root: Path) -> Path:
    """``path`` relative to ``root`` when it lies inside it, else as it is."""
    return path.relative_to(root) if path.is_relative_to(root) else path


def slugify(text: str) -> str:
    """A lowercase ASCII slug for URLs and ids."""
    import unicodedata

    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "untitled"


def load_config(path: Path) -> SiteConfig:
    """Read ``site.toml``; raise one BuildError listing every problem found."""
    problems = Problems()
    shown = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.add(shown, None, f"cannot read site config: {exc.strerror or exc}")
        problems.raise_if_any()
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.add(shown, line, "not valid UTF-8")
        problems.raise_if_any()
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        problems.add(shown, int(m.group(1)) if m else None, f"TOML syntax error: {msg}")
        problems.raise_if_any()

    root = path.parent.resolve()
    lines = raw.decode("utf-8").splitlines()

    def line_of(needle: str) -> int | None:
        """The line that sets key ``needle`` (``needle =``), else the first line that mentions it."""
        assign = re.compile(rf"^\s*{re.escape(needle)}\s*=")
        mention = None
        for i, text in enumerate(lines, 1):
            if assign.match(text):
                return i
            if mention is None and needle in text:
                mention = i
        return mention

    def text_field(table: dict, key: str, where: str, required: bool = True) -> str:
        value = table.get(key)
        if value is None:
            if required:
                problems.add(shown, line_of(where) if where else None, f"{where or 'site'}: missing required key '{key}'")
            return ""
        if not isinstance(value, str):
            problems.add(shown, line_of(f"{key}"), f"'{key}' must be a string")
            return ""
        return value

    title = text_field(data, "title", "")
    base_url = data.get("base_url")
    if base_url is not None:
        if not isinstance(base_url, str) or not re.match(r"https?://[^/\s]+", base_url):
            problems.add(shown, line_of("base_url"), "'base_url' must be an http(s) URL like https://user.github.io/repo/")
            base_url = None
        elif not base_url.endswith("/"):
            base_url += "/"
    episodes = []
    raw_episodes = data.get("episodes")
    if not isinstance(raw_episodes, list) or not raw_episodes:
        problems.add(shown, None, "no [[episodes]] defined")
        raw_episodes = []
    seen_slugs: set[str] = set()
    for ep in raw_episodes:
        if not isinstance(ep, dict):
            problems.add(shown, line_of("episodes"), "each entry of 'episodes' must be a table: write [[episodes]] and its keys below it")
            continue
        ep_title = text_field(ep, "title", "[[episodes]]")
        slug = ep.get("slug") or slugify(ep_title)
        if not isinstance(slug, str):
            problems.add(shown, line_of("slug"), f"'slug' must be a string, not {slug!r}")
            slug = slugify(ep_title)
        if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", slug):
            problems.add(shown, line_of("slug"), f"slug {shorten(slug)} must be lowercase letters, digits, '-' or '_' (it becomes a folder name in URLs)")
            slug = slugify(slug)
        if slug in seen_slugs:
            problems.add(shown, line_of(f'"{slug}"'), f"two episodes share the slug '{slug}'")
        seen_slugs.add(slug)
        ep_dir = ep.get("dir", f"content/{slug}")
        if not isinstance(ep_dir, str):
            problems.add(shown, line_of("dir"), f"episode '{slug}': 'dir' must be a string (a folder relative to site.toml)")
            ep_dir = f"content/{slug}"
        folder = root / ep_dir
        duration = None
        if "duration" in ep:
            duration = parse_clock(str(ep["duration"]))
            if duration is None or duration <= 0:
                problems.add(shown, line_of("duration"), f"unreadable duration {shorten(ep['duration'])} (use h:mm:ss, more than zero)")
                duration = None
        people = []
        for key in ("host", "guest"):
            person = ep.get(key)
            if not isinstance(person, dict) or not isinstance(person.get("name"), str):
                problems.add(shown, line_of(key), f"episode '{slug}': '{key}' needs a name, e.g. {key} = {{ name = \"…\", role = \"…\" }}")
                person = {"name": key.title()}
            people.append(Speaker(slugify(person["name"]), person["name"], str(person.get("role", "")), host=key == "host"))
        raw_links = ep.get("links", [])
        if not isinstance(raw_links, list):
            problems.add(shown, line_of("links"), f"episode '{slug}': 'links' must be a list like [{{ label = \"…\", url = \"…\" }}]")
            raw_links = []
        links = tuple(
            Link(str(link.get("label", "")), str(link.get("url", "")))
            for link in raw_links
            if isinstance(link, dict)
        )
        sources = []
        listed = ep.get("sources")
        if listed is not None and not isinstance(listed, list):
            problems.add(shown, line_of("sources"), f"episode '{slug}': 'sources' must be a list: one [[episodes.sources]] table per file")
            listed = []
        if listed is None:
            try:  # a name past the system's limit raises ENAMETOOLONG rather than answering False
                found = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")) if folder.is_dir() else None
            except OSError as exc:
                problems.add(shown, line_of("dir") or line_of(slug), f"cannot read episode folder: {exc.strerror or exc}")
                found = []
            if found is not None:
                sources = [SourceConfig(p, None) for p in found]
            else:
                problems.add(shown, line_of("dir") or line_of(slug), f"episode folder not found: {path.parent / _shown(folder, root)}")
        else:
            for src in listed:
                src = {"file": src} if isinstance(src, str) else src
                file = src.get("file") if isinstance(src, dict) else None
                if not isinstance(file, str):
                    problems.add(shown, line_of("sources"), "each source needs a 'file'")
                    continue
                role = src.get("role")
                if role is not None and role not in ROLES:
                    problems.add(shown, line_of(file), f"unknown role {role!r} for {file} (one of: {', '.join(ROLES)})")
                    role = None
                src_path = folder / file
                try:  # a name past the system's limit raises ENAMETOOLONG rather than answering False
                    found_file = src_path.is_file()
                except OSError as exc:
                    problems.add(shown, line_of(file), f"cannot open source file {_shown(src_path, root)}: {exc.strerror or exc}")
                    continue
                if not found_file:
                    problems.add(shown, line_of(file), f"source file not found: {_shown(src_path, root)}")
                    continue
                sources.append(SourceConfig(src_path, role))
        published = ep.get("published", "")
        episodes.append(
            EpisodeConfig(
                slug=slug,
                title=ep_title,
                show=str(ep.get("show", "")),
                published=str(published),
                duration=duration,
                video_id=str(ep.get("video_id", "")),
                people=tuple(people),
                links=links,
                sources=tuple(sources),
            )
        )
    problems.raise_if_any()
    return SiteConfig(root, path, title, str(data.get("description", "")), base_url, tuple(episodes))
