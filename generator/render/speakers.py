"""The dossier-wide « Citations » and « Qui affirme quoi »: every quote and every claim of every
article under its speaker, the merged who's-who identity of `generator.dossier` (people and
organisations alike), one column per article in date order, so that what one speaker said in
several articles stands side by side. Words whose speaker no merged entity holds stay under the
name the article gives, or under « non précisé » when it gives none: nothing is left out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from markupsafe import Markup

from ..dossier import Dossier, MergedEntity
from ..model import Claim, Quote
from ..text import fold, slugify
from .views import ArticleView

What = Literal["quotes", "claims"]
UNKNOWN_ANCHOR = "non-precise"


@dataclass
class Column:
    """One article's share of a speaker's words, in the article's order."""

    view: ArticleView
    items: list[Any] = field(default_factory=list)


@dataclass
class Speaker:
    name: str | None            # None: the article does not say who
    anchor: Markup
    kind: str                   # "person", "org", or "" (a name no merged entity holds)
    roles: list[str]
    columns: list[Column]

    @property
    def count(self) -> int:
        return sum(len(c.items) for c in self.columns)


def speakers(views: list[ArticleView], d: Dossier, what: What) -> list[Speaker]:
    """Every speaker of the dossier with their quotes (or claims): the most widely reported first."""
    order = {v.slug: i for i, v in enumerate(views)}  # views come in date order
    by_slug = {v.slug: v for v in views}
    attached: set[tuple[str, str]] = set()
    out: list[Speaker] = []
    for e in (*d.people, *d.organisations):
        refs = [(r.slug, _item(r, what)) for r in getattr(e, what) if r.slug in by_slug]
        attached |= {(slug, it.id) for slug, it in refs}
        if refs:
            out.append(_speaker(e, refs, by_slug, order))
    loose: dict[str, list[tuple[str, Any]]] = {}
    for v in views:
        for it in getattr(v.facts, what):
            if (v.slug, it.id) not in attached:
                loose.setdefault(fold(_said_by(it) or ""), []).append((v.slug, it))
    for key, refs in loose.items():
        name = _said_by(refs[0][1]) if key else None
        anchor = Markup(f"nom-{slugify(name) or 'x'}" if name else UNKNOWN_ANCHOR)
        out.append(Speaker(name, anchor, "", [], _columns(refs, by_slug, order)))
    out.sort(key=lambda s: (s.name is None, -len(s.columns), -s.count, fold(s.name or "")))
    return out


def _item(ref: Any, what: What) -> Any:
    return ref.quote if what == "quotes" else ref.claim


def _said_by(item: Quote | Claim) -> str | None:
    """The name the article gives (a quote's speaker, a claim's who), or None."""
    return item.speaker if isinstance(item, Quote) else item.who


def _speaker(e: MergedEntity, refs: list[tuple[str, Any]], by_slug: dict[str, ArticleView],
             order: dict[str, int]) -> Speaker:
    return Speaker(e.name, Markup(e.id), e.kind, [r.role for r in e.roles], _columns(refs, by_slug, order))


def _columns(refs: list[tuple[str, Any]], by_slug: dict[str, ArticleView], order: dict[str, int]) -> list[Column]:
    cols: dict[str, Column] = {}
    for slug, it in sorted(refs, key=lambda r: (order[r[0]], _position(r[1]))):
        cols.setdefault(slug, Column(by_slug[slug])).items.append(it)
    return list(cols.values())


def _position(item: Any) -> tuple[int, int]:
    """Where the words stand in the article: paragraph number, then offset."""
    src = item.source
    if src is None:
        return (10**9, 0)
    digits = "".join(ch for ch in src.paragraph if ch.isdigit())
    return (int(digits) if digits else 10**9, src.start)
