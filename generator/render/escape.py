"""Escaping: every string from an article reaches a page as inert text (article text is hostile).

`md_text` HTML-escapes and turns every Markdown/Jinja-significant character into a numeric
character reference; only values built as `Markup` here (links, checked URLs) pass unchanged.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from urllib.parse import quote as _urlquote
from urllib.parse import urlsplit

from markupsafe import Markup

# Characters with a meaning for Markdown, its extensions (attr_list, abbr, admonition, snippets,
# tables, footnotes), HTML or Jinja. Each becomes a numeric character reference: the browser shows
# the same character, no parser on the way acts on it.
_MD_SPECIAL = set("\\`*_{}[]()<>#+-.!|~=:^\"&$%@")
_ESCAPES = {c: f"&#{ord(c)};" for c in _MD_SPECIAL}
_ESCAPE_TABLE = str.maketrans(_ESCAPES)
_WS = re.compile(r"\s+")
_CTRL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]")


def one_line(value: Any) -> str:
    """The text without control characters, every run of whitespace one space (not stripped)."""
    return _WS.sub(" ", _CTRL.sub("", str(value)))


def md_text(value: Any) -> Markup:
    """Make any text render as literal text in Markdown *and* HTML (block or inline context).

    Whitespace (newlines, tabs, indentation) collapses to single spaces, so the text can never
    start a block (heading, list, quote, code, admonition, table row)."""
    if value is None:
        return Markup("")
    if isinstance(value, Markup):
        return value
    return Markup(one_line(value).strip().translate(_ESCAPE_TABLE))


def md_text_keep_spaces(value: str) -> Markup:
    """Like md_text but keeps single boundary spaces (segments are glued back together)."""
    return Markup(one_line(value).translate(_ESCAPE_TABLE))


def html_attr(value: Any) -> Markup:
    """Text for an HTML attribute value (double-quoted), also inert for Markdown."""
    return md_text(value)


_SAFE_URL_CHARS = ":/?#[]@!$&'()*+,;=%~-._"


def safe_url(url: Any) -> Markup | None:
    """An http(s) URL fit for an href, or None (javascript:, data:, relative, garbage)."""
    if not url or not isinstance(url, str):
        return None
    return _checked_url(url)


@lru_cache(maxsize=8192)
def _checked_url(url: str) -> Markup | None:
    # cached: the knowledge base's source URLs recur on every article's legal page
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    quoted = _urlquote(url, safe=_SAFE_URL_CHARS)
    # entity-encode everything that is not plainly URL-safe ASCII (keeps Markdown off it too)
    return Markup("".join(c if c.isalnum() or c in "/:.?=%-" else f"&#{ord(c)};" for c in quoted))


def ext_link(url: Any, label: Any) -> Markup:
    """An external link as raw HTML (label escaped), or just the label when the URL is unusable."""
    href = safe_url(url)
    text = md_text(label)
    if href is None:
        return text
    return Markup(f'<a href="{href}" class="bf-ext" rel="noopener noreferrer">{text}</a>')
