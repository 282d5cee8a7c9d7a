"""`briefing add URL|FILE...`: put articles into seeds/ without extracting anything.

A URL is fetched (generator/fetch.py) and saved as `seeds/<slug>.html` with YAML front matter
that ingest already reads: `url` (it becomes article.yaml `source_url`), plus `fetched` (when)
and `requested_url` (when a redirect moved it), which ingest ignores. A file is copied as is.

Every source is read back with `ingest.read_article` before anything is written, so a page the
build could not use (no article text, binary, empty) is refused now, with its title shown when
it is accepted. All sources are checked first, then written: one bad source writes nothing.
Extraction stays `briefing build`'s job, and stays clock-free: the fetch date is the seed's
metadata, not a fact.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .errors import BriefingError
from .fetch import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, Page, fetch
from .ingest import TEXT_SUFFIXES, read_article, slugify

SLUG_CHARS = 60  # a title can be long; a file name need not be
MIN_WORDS = 20  # below this a fetched page is a menu, a paywall or an error page, not an article


@dataclass(frozen=True)
class Added:
    """One source ready for seeds/: where it goes, its bytes, and the title the build will show."""

    source: str
    target: Path
    data: bytes
    title: str


def is_url(source: str) -> bool:
    """Anything with a scheme is treated as a URL (and refused by fetch unless http/https)."""
    scheme = urlsplit(source).scheme
    return len(scheme) > 1 and "://" in source  # 'C:\\file' has a one-letter 'scheme'


def add_sources(sources: list[str], seeds: Path, *, slug: str | None = None, timeout: float = DEFAULT_TIMEOUT,
                max_bytes: int = DEFAULT_MAX_BYTES, now: datetime | None = None) -> list[Added]:
    """Prepare every source, then write them all into `seeds`; returns what was added."""
    seeds = Path(seeds)
    if not seeds.is_dir():
        raise BriefingError(seeds, "seeds folder not found (run inside a folder made by `briefing new`, or pass --seeds)")
    if slug is not None and len(sources) > 1:
        raise BriefingError(sources[1], "--slug names one article; give one URL or file with it")
    taken = {slugify(p.name): p for p in seeds.iterdir() if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES}
    ready: list[Added] = []
    for source in sources:
        if is_url(source):
            item = _from_url(source, slug, timeout=timeout, max_bytes=max_bytes, now=now)
        else:
            item = _from_file(Path(source), slug, max_bytes=max_bytes)
        item = Added(item.source, seeds / item.target.name, item.data, item.title)
        key = slugify(item.target.name)
        if key in taken:
            raise BriefingError(source, f"slug '{key}' is already taken by {taken[key]}; "
                                        "remove that file or pass --slug")
        taken[key] = item.target
        ready.append(item)
    for item in ready:
        _write_new(item.target, item.data)
    return ready


def _from_url(url: str, slug: str | None, *, timeout: float, max_bytes: int, now: datetime | None) -> Added:
    page = fetch(url, timeout=timeout, max_bytes=max_bytes)
    data = seed_html(page, now or datetime.now(timezone.utc))
    title = _title_of(data, url, max_bytes)
    name = slugify(slug) if slug else _title_slug(title)
    return Added(url, Path(f"{name}.html"), data, title)


def _from_file(path: Path, slug: str | None, *, max_bytes: int) -> Added:
    if not path.exists():
        raise BriefingError(path, "file not found (for a web page, give the whole http:// or https:// URL)")
    if not path.is_file():
        raise BriefingError(path, "is not a regular file")
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES:
        raise BriefingError(path, f"not an article file: expected {', '.join(sorted(TEXT_SUFFIXES))}")
    article = read_article(path, max_bytes=max_bytes)  # errors name the file
    name = slugify(slug) if slug else slugify(path.name)
    return Added(str(path), Path(name + suffix), path.read_bytes(), article.title)


def seed_html(page: Page, fetched: datetime) -> bytes:
    """The page as UTF-8 text behind front matter naming where and when it was fetched."""
    meta = {"url": page.final_url}
    if page.final_url != page.url:
        meta["requested_url"] = page.url
    meta["fetched"] = fetched.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n# briefing add: `url` is the article's source; `fetched` is when it was saved\n{front}---\n{page.html}".encode()


def _title_of(data: bytes, url: str, max_bytes: int) -> str:
    """Read the seed exactly as the build will; a refusal names the URL, not the temp file."""
    with tempfile.TemporaryDirectory(prefix="briefing-add-") as tmp:
        path = Path(tmp) / "page.html"
        path.write_bytes(data)
        try:
            article = read_article(path, max_bytes=max_bytes + 4096)  # + the front matter
        except BriefingError as exc:
            raise BriefingError(url, exc.message) from None
    words = sum(len(p.text.split()) for p in article.paragraphs)
    if words < MIN_WORDS:
        raise BriefingError(url, f"no article text found (only {words} words outside menus and headers: "
                                 "a home page, a paywall or an error page?)")
    return article.title


def _title_slug(title: str) -> str:
    slug = slugify(title)
    if len(slug) > SLUG_CHARS:
        slug = slug[:SLUG_CHARS + 1].rsplit("-", 1)[0]
    return slug


def _write_new(target: Path, data: bytes) -> None:
    """Write beside the target, then rename: a crash never leaves half a seed."""
    tmp = target.with_name(f".{target.name}.part")
    try:
        tmp.write_bytes(data)
        tmp.replace(target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise BriefingError(target, f"cannot write: {exc.strerror or exc}") from None
