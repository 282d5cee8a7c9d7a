"""The view-model of the dossier home and of the merged pages (chronology, who's who, legal
context of several articles), with links into each article's pages."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..dossier import Dossier
from ..knowledge import KnowledgeBase
from ..model import Source
from .checks import to_check
from .spans import clean_id
from .speakers import speakers
from .templates import GENERATED_MARK, PAGES
from .views import ArticleView, fact_link_fn, kb_entry

_ACTOR_PREFIX = {"person": "pers", "org": "org", "place": "lieu"}


def home_context(views: list[ArticleView], d: Dossier, kb: KnowledgeBase | None, site_name: str) -> dict[str, Any]:
    """Everything the home page and the dossier pages print."""
    by_slug = {v.slug: v for v in views}
    links = {v.slug: fact_link_fn(v, f"{v.slug}/") for v in views}

    def src(slug: str, kind: str, key: str, source: Source | None) -> Markup:
        return links[slug](kind, key, source) if slug in links else Markup("")

    entity_ids = {e.id for kind in (d.people, d.organisations, d.places) for e in kind}
    dated = [v.sort_date for v in views if v.sort_date]
    return {
        "mark": Markup(GENERATED_MARK),
        "site_name": site_name,
        "views": views,
        "merged": len(views) > 1,
        "pages": PAGES,
        "dossier": d,
        "by_slug": by_slug,
        "dsrc": src,
        "dsrc_for": lambda slug: links[slug],
        "dossier_events": _events(d, by_slug),
        "dossier_legal": _legal(d, by_slug, kb),
        "quote_speakers": speakers(views, d, "quotes"),
        "claim_speakers": speakers(views, d, "claims"),
        "to_check": to_check(views, d),
        "actor_link": lambda slug, kind, eid: Markup(f"{slug}/acteurs.md#{_ACTOR_PREFIX[kind]}-{clean_id(eid)}"),
        "entity_anchor": lambda ent: Markup(clean_id(ent.id)) if ent.id in entity_ids else Markup(""),
        "outlets": sorted({v.facts.article.outlet for v in views if v.facts.article.outlet}),
        "published_span": (min(dated), max(dated)) if dated else None,
    }


def _events(d: Dossier, by_slug: dict[str, ArticleView]) -> list[dict[str, Any]]:
    return [{
        "e": e,
        "anchor": Markup(clean_id(e.id)),
        "sources": [{"s": s, "view": by_slug[s.slug]} for s in e.sources if s.slug in by_slug],
        "conflicts": [{"e": x, "anchor": Markup(clean_id(x.id))} for x in d.events if x.id in e.conflict_with],
    } for e in d.events]


def _legal(d: Dossier, by_slug: dict[str, ArticleView], kb: KnowledgeBase | None) -> list[dict[str, Any]]:
    return [{
        "g": g,
        "anchor": Markup(clean_id(g.id)),
        "kb": kb_entry(kb, g.knowledge_id),
        "refs": [{"r": r.ref, "view": by_slug[r.slug]} for r in g.refs if r.slug in by_slug],
    } for g in d.legal]
