"""Ingest: read one article file, decode it, strip page furniture, split paragraphs and sentences.

Input: a `.txt`, `.md` or `.html` file, optionally starting with YAML front matter between `---`
lines (keys: title, outlet, published, url, language, author; unknown keys are ignored).

Output: a `generator.model.Article` whose paragraphs are the article body only. Everything taken
out is recorded in `Article.removed` with a reason, so nothing disappears silently.

Furniture rules are GENERAL (shapes of lines: credits, bylines, repeated titles, site chrome,
teasers before the body, headlines of linked articles), never words of one given article.
Every bad input raises `BriefingError(path, message)`; no other exception type escapes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import BriefingError
from ..text import slugify as text_slugify
from ..model import Article, Paragraph, Removed
from .decode import decode
from .frontmatter import published_value, split_front_matter
from .furniture import clean_body
from .html import extract_html, looks_like_html
from .sentences import split_sentences

__all__ = ["read_article", "slugify", "decode", "split_sentences"]

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".xhtml", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MD_SUFFIXES = {".md", ".markdown"}

# ---------------------------------------------------------------------------------------------
# slug


def slugify(name: str) -> str:
    """Safe, stable ASCII slug from a file name.

    A known article extension (.txt, .md, .html…) is dropped; accents are folded (é→e, œ→oe);
    every run of other characters becomes one '-'; lowercase; at most 80 characters.
    'Mon article é été (1).txt' -> 'mon-article-e-ete-1'.
    """
    base = str(name).replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, ext = base.rpartition(".")
    if dot and stem and f".{ext.lower()}" in TEXT_SUFFIXES:
        base = stem
    return text_slugify(base, max_length=80) or "article"


def _human_size(n: int, *, exact: bool = False) -> str:
    for unit, size in (("MB", 1_000_000), ("kB", 1_000)):
        if n >= size:
            value = n / size
            if exact and value == int(value):
                return f"{int(value)} {unit}"
            return f"{value:.1f} {unit}"
    return f"{n} bytes"



# ---------------------------------------------------------------------------------------------
# entry point


def read_article(path: Path, *, slug: str | None = None, published: str | None = None,
                 max_bytes: int = 5_000_000) -> Article:
    """Read, decode and clean one article file. Raises BriefingError on any bad input."""
    path = Path(path)
    try:
        if not path.exists():
            raise BriefingError(path, "file not found")
        if path.is_dir():
            raise BriefingError(path, "is a directory, not an article file")
        if not path.is_file():
            raise BriefingError(path, "is not a regular file")
        size = path.stat().st_size
        if size > max_bytes:
            raise BriefingError(path, f"file is {_human_size(size)}, above the "
                                      f"{_human_size(max_bytes, exact=True)} limit")
        data = path.read_bytes()
    except BriefingError:
        raise
    except OSError as exc:
        raise BriefingError(path, f"cannot read file: {exc.strerror or exc}") from None
    if len(data) > max_bytes:  # grew since stat
        raise BriefingError(path, f"file is {_human_size(len(data))}, above the "
                                  f"{_human_size(max_bytes, exact=True)} limit")
    if not data:
        raise BriefingError(path, "file is empty")
    content_hash = hashlib.sha256(data).hexdigest()
    text = decode(data, path)
    if not text.strip():
        raise BriefingError(path, "file contains only whitespace, no article text")

    meta, body = split_front_matter(text, path)
    suffix = path.suffix.lower()
    is_html = suffix in HTML_SUFFIXES or looks_like_html(body)
    pre_removed: list[Removed] = []
    if is_html:
        html_meta, body = extract_html(body, path)
        for key, value in html_meta.items():
            meta.setdefault(key, value)
        pre_removed.append(Removed(text="page HTML : balises, scripts, menus, en-tête et pied de page",
                                   reason="habillage de page HTML (extraction du texte principal)"))
    if not body.strip():
        raise BriefingError(path, "no article text after the front matter")

    try:
        title, lines, removed, found = clean_body(
            body, title=meta.get("title"), markdown=suffix in MD_SUFFIXES and not is_html,
            strip_tags=not is_html)
    except RecursionError:  # pragma: no cover - pathological input
        raise BriefingError(path, "text too deeply nested to read") from None
    if not title:
        raise BriefingError(path, "no title: the file has no text line and no 'title:' in front matter")

    removed = pre_removed + removed
    paragraphs: list[Paragraph] = []
    for ln in lines:
        if ln.reason:
            removed.append(Removed(text=ln.text, reason=ln.reason))
            continue
        pid = f"p{len(paragraphs) + 1}"
        paragraphs.append(Paragraph(id=pid, text=ln.text, sentences=split_sentences(ln.text)))
    if not paragraphs:
        raise BriefingError(path, "no article body: only a title (and page furniture) was found")

    pub = published_value(published, path) if published else None
    pub = pub or meta.get("published") or found.get("published") or None
    return Article(
        slug=slug or slugify(path.name),
        title=title,
        outlet=meta.get("outlet"),
        published=pub,
        reference_date=None,
        reference_basis="",
        language=meta.get("language") or "fr",
        source_url=meta.get("url"),
        author=meta.get("author") or found.get("author"),
        source_file=path.as_posix(),
        content_hash=content_hash,
        paragraphs=paragraphs,
        removed=removed,
    )
