"""Dossier: merge the facts of several articles on one affair into typed, sourced views.

- `events`: the merged chronology (same event from two articles: one item; differing dates: flagged);
- `names`: the merged who's who (general name rules, quotes and claims attached);
- `legal`: the legal context, grouped by knowledge-base entry;
- `views`: the typed models all three produce, which the render stage reads.

Everything here is computed from the fact files only; nothing is invented, every merged item keeps
the list of its sources (article slug + fact id + span).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..knowledge import KnowledgeBase
from ..model import Facts
from ..partialdate import PartialDate
from .events import content_tokens, merge_events, similarity
from .legal import merge_legal
from .names import attach_speech, merge_entities, same_org, same_person
from .views import ArticleRef, Dossier, EntityMember, EventSource, MergedEntity, MergedEvent, MergedLegal, RoleRef

__all__ = [
    "ArticleRef", "EventSource", "MergedEvent", "RoleRef", "EntityMember", "MergedEntity",
    "MergedLegal", "Dossier", "build_dossier", "merge_events", "merge_entities", "merge_legal",
    "similarity", "content_tokens", "same_person", "same_org",
]


def _date_key(iso: str | None) -> tuple[int, int, int]:
    """Chronological key of an article date; an unreadable one sorts last."""
    try:
        return PartialDate.parse(iso or "").sort_key
    except ValueError:
        return (99999, 0, 0)


def build_dossier(bundles: Iterable[Facts], kb: KnowledgeBase | None = None) -> Dossier:
    """Every merge of the dossier, from the articles' fact bundles (in the order given)."""
    bundles = list(bundles)
    articles = [ArticleRef(
        slug=f.article.slug, title=f.article.title, outlet=f.article.outlet, published=f.article.published,
        reference_date=f.article.reference_date, source_url=f.article.source_url, author=f.article.author,
        language=f.article.language,
        counts={"quotes": len(f.quotes), "claims": len(f.claims), "events": len(f.events),
                "people": len(f.people), "legal": len(f.legal)},
    ) for f in bundles]
    events = merge_events(bundles)
    people = merge_entities(bundles, "person")
    orgs = merge_entities(bundles, "org")
    attach_speech(people, orgs, bundles)
    pubs = sorted((a.published or a.reference_date for a in articles if a.published or a.reference_date), key=_date_key)
    dated = sorted([e.date for e in events] + pubs, key=_date_key)
    return Dossier(
        articles=articles,
        first_date=dated[0] if dated else None, last_date=dated[-1] if dated else None,
        first_published=pubs[0] if pubs else None, last_published=pubs[-1] if pubs else None,
        events=events, people=people,
        organisations=orgs, places=merge_entities(bundles, "place"),
        legal=merge_legal(bundles, kb),
    )
