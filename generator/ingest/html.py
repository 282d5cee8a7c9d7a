"""Saved HTML pages: the main text through trafilatura, and markup that must never survive."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import BriefingError
from .frontmatter import parse_date_text

TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>")
DANGEROUS_BLOCK = re.compile(r"<(script|style|noscript|template|iframe|object)\b[^>]*>.*?</\1\s*>", re.I | re.S)
COMMENT = re.compile(r"<!--.*?-->", re.S)


def looks_like_html(text: str) -> bool:
    head = text.lstrip("\ufeff \t\n").lower()
    if head.startswith(("<!doctype", "<html", "<?xml", "<head", "<body")):
        return True
    tags = TAG.findall(text)
    if len(tags) < 3:
        return False
    visible = len(re.sub(r"\s", "", text))
    return visible > 0 and sum(len(t) for t in tags) / visible > 0.3


def extract_html(html: str, path: Path) -> tuple[dict[str, Any], str]:
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - environment problem
        raise BriefingError(path, f"cannot read HTML: trafilatura is not usable ({exc})") from None
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=False, include_images=False, include_links=False)
    except Exception as exc:  # trafilatura/lxml raise many types on hostile input
        raise BriefingError(path, f"cannot parse HTML ({type(exc).__name__})") from None
    if doc is None:
        raise BriefingError(path, "no article text found in the HTML page")

    def get(key: str) -> Any:  # 2.x returns a Document object; 1.x returned a dict
        return doc.get(key) if isinstance(doc, dict) else getattr(doc, key, None)

    text = get("text") or ""
    if not text.strip():
        raise BriefingError(path, "no article text found in the HTML page")
    meta: dict[str, Any] = {}
    for src, key in (("title", "title"), ("sitename", "outlet"), ("url", "url"), ("author", "author"),
                     ("language", "language")):
        value = get(src)
        if isinstance(value, str) and value.strip():
            meta[key] = value.strip()
    date = get("date")
    if date:
        iso = parse_date_text(str(date))
        if iso:
            meta["published"] = iso
    # trafilatura never returns tags in .text, but be defensive: no markup survives ingest
    text = TAG.sub("", DANGEROUS_BLOCK.sub("", COMMENT.sub("", text)))
    return meta, text
