"""What every page view is built from: the articles in site order, one `ArticleView` per article,
the view of a knowledge entry, and the link from a fact to its exact words in texte-source.md."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import urlsplit

from markupsafe import Markup

from ..knowledge import KnowledgeBase, KnowledgeEntry
from ..model import Facts, Source
from ..text import slugify
from .escape import md_text, safe_url
from .labels import french_date
from .spans import SpanIndex, build_span_index

# folder names of docs/ and site/ that an article slug must not take
_RESERVED = {"assets", "includes", "javascripts", "stylesheets", "search", "print_page", "pdf"}


@dataclass
class ArticleView:
    slug: str
    facts: Facts
    idx: SpanIndex
    date_label: str
    date_is_reference: bool
    sort_date: str


def article_view(facts: Facts) -> ArticleView:
    a = facts.article
    if a.published:
        label, is_ref, sort = french_date(a.published), False, a.published
    elif a.reference_date:
        label, is_ref, sort = french_date(a.reference_date), True, a.reference_date
    else:
        label, is_ref, sort = "date de publication inconnue", False, ""
    return ArticleView(a.slug, facts, build_span_index(facts), label, is_ref, str(sort))


def site_articles(facts: list[Facts]) -> list[Facts]:
    """The articles as the site shows them, decided before the dossier merge links to their pages:
    each slug safe and unique as a docs/ folder name, articles in publication order."""
    seen: set[str] = set()
    out = []
    for f in facts:
        base = slug = _clean_slug(f.article.slug)
        n = 2
        while slug in seen:
            slug, n = f"{base}-{n}", n + 1
        seen.add(slug)
        out.append(_with_slug(f, slug))
    return sorted(out, key=lambda f: (str(f.article.published or f.article.reference_date or "9999"), f.article.slug))


def default_site_name(articles: list[Facts]) -> str:
    """One article: its title; several: a dossier."""
    return articles[0].article.title if len(articles) == 1 else "Dossier de presse"


def _clean_slug(slug: str) -> str:
    s = slugify(str(slug))
    if not s or s in _RESERVED:
        s = f"article-{s or 'sans-nom'}"
    return s


def _with_slug(f: Facts, slug: str) -> Facts:
    if f.article.slug == slug:
        return f
    return f.model_copy(update={"article": f.article.model_copy(update={"slug": slug})})


# --------------------------------------------------------------------------- knowledge entries

def kb_entry(kb: KnowledgeBase | None, entry_id: str | None) -> dict[str, Any] | None:
    """The view of knowledge entry `entry_id` (None when there is no base or no such entry)."""
    entry = kb.get(entry_id) if kb is not None and entry_id else None
    return kb_view(entry) if entry is not None else None


def kb_view(entry: KnowledgeEntry) -> dict[str, Any]:
    """A knowledge entry for the templates: its prose, and its sources with a usable link only."""
    sources = []
    seen: set[str] = set()
    for s in entry.sources:
        if safe_url(s.url) is not None and s.url not in seen:
            seen.add(s.url)
            sources.append({"url": s.url, "label": _source_label(s.url)})
    return {
        "id": entry.id,
        "kind": entry.kind,
        "official_title": entry.official_title,
        "short_name": entry.short_name,
        "summary": entry.summary,
        "key_provisions": list(entry.key_provisions),
        "status": entry.status,
        "sources": sources,
    }


def _source_label(url: str) -> str:
    try:
        host = urlsplit(url).netloc
    except ValueError:
        return url
    return host[4:] if host.startswith("www.") else host


# --------------------------------------------------------------------------- fact links

_SRC_KIND_LABEL = {
    "quote": "de la citation", "claim": "de l'affirmation", "event": "de l'événement",
    "legal": "de la référence", "person": "de la mention", "org": "de la mention",
    "place": "de la mention", "summary": "de la phrase",
}

FactLink = Callable[..., Markup]


def fact_link_fn(view: ArticleView, prefix: str) -> FactLink:
    """`src(kind, key, source)` -> Markup link to texte-source (or '' when there is nowhere to go)."""

    def src(kind: str, key: str, source: Source | None, label: str | None = None) -> Markup:
        anchor = view.idx.target(kind, key, source)
        if anchor is None:
            return Markup("")
        pnum = ""
        numbered = source is not None and re.fullmatch(r"p\d+", source.paragraph)
        if source is not None:
            pnum = f"§\u00a0{source.paragraph[1:]}" if numbered else "source"
        text = md_text(label or pnum or "source")
        # "§ 3" alone means nothing to a screen reader: add visually hidden words (a11y, link purpose)
        what = _SRC_KIND_LABEL.get(kind, "fait")
        where = f"paragraphe {source.paragraph[1:]}" if numbered else "texte source"
        hidden = f'<span class="bf-sr"> : source {what}, {where}</span>'
        return Markup(
            f'[{text}{hidden}]({prefix}texte-source.md#{anchor} "Voir les mots exacts dans le texte source")'
            "{ .bf-src }"
        )

    return src
