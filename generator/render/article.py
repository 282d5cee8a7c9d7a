"""The view-model of one article's seven pages: its facts grouped and ordered for reading, with a
link from each fact to its exact words and the knowledge-base context of its legal references."""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

from ..knowledge import KnowledgeBase
from ..model import Facts, Person, Source
from .escape import md_text
from .labels import date_order
from .spans import clean_id, render_paragraph
from .templates import GENERATED_MARK, PAGES
from .views import ArticleView, fact_link_fn, kb_entry, kb_view


def page_context(view: ArticleView, kb: KnowledgeBase | None, site_name: str) -> dict[str, Any]:
    """Everything the article templates print, for the article of `view`."""
    f = view.facts
    people = {p.id: p for p in f.people}
    return {
        "mark": Markup(GENERATED_MARK),
        "site_name": site_name,
        "view": view,
        "a": f.article,
        "f": f,
        "slug": view.slug,
        "prefix": "",
        "src": fact_link_fn(view, ""),
        "people": people,
        "quote_groups": _by_speaker(f.quotes, people, "cit", "cit-locuteur-non-precise"),
        "claims_by_person": _by_person(f.claims),
        "quotes_by_person": _by_person(f.quotes),
        "events": _events_in_order(f),
        "legal_groups": _legal_groups(f, kb),
        "claim_groups": _by_speaker(f.claims, people, "aff", "aff-auteur-non-precise"),
        "since": _since(kb, f),
        "counts": _counts(f),
        "pages": PAGES,
        "idx": view.idx,
        "render_paragraph": lambda pid: render_paragraph(view.idx, pid),
        "anchor_of": lambda pid: Markup(clean_id(pid)),
        "actor_anchor": lambda kind, eid: Markup(f"{kind}-{clean_id(eid)}"),
        "cit_anchor": lambda key: Markup(f"cit-{clean_id(key)}"),
        "aff_anchor": lambda key: Markup(f"aff-{clean_id(key)}"),
        "pnum": lambda pid: pid[1:] if re.fullmatch(r"p\d+", pid) else pid,
        "in_sentence": lambda source: _in_sentence(f, source),
    }


def _speaker(item: Any) -> tuple[str | None, str | None]:
    """(entity id, name as written) of whoever said a quote or made a claim."""
    if hasattr(item, "speaker"):
        return item.speaker_id, item.speaker
    return item.who_id, item.who


def _by_speaker(items: list[Any], people: dict[str, Person], prefix: str, unknown: str) -> list[dict[str, Any]]:
    """Quotes or claims grouped by who said them (order of first appearance), unattributed last."""
    groups: dict[str, dict[str, Any]] = {}
    for item in items:
        pid, name = _speaker(item)
        key = pid or name or ""
        if key not in groups:
            person = people.get(pid) if pid else None
            groups[key] = {
                "name": person.name if person else name,
                "person": person,
                "roles": person.roles if person else [],
                "anchor": Markup(f"{prefix}-{clean_id(key)}" if key else unknown),
                "said": [],
            }
        groups[key]["said"].append(item)
    return [g for k, g in groups.items() if k] + ([groups[""]] if "" in groups else [])


def _by_person(items: list[Any]) -> dict[str, list[Any]]:
    """Quotes or claims of each person of the article (by entity id)."""
    out: dict[str, list[Any]] = {}
    for item in items:
        pid, _name = _speaker(item)
        if pid:
            out.setdefault(pid, []).append(item)
    return out


def _events_in_order(f: Facts) -> list[Any]:
    """Events by date, then in reading order (paragraph, position)."""
    porder = {p.id: i for i, p in enumerate(f.article.paragraphs)}
    return sorted(f.events, key=lambda e: (date_order(e.date), porder.get(e.source.paragraph, 10**6), e.source.start))


def _legal_groups(f: Facts, kb: KnowledgeBase | None) -> list[dict[str, Any]]:
    """Legal references grouped by knowledge entry (or alone when the base does not know them)."""
    groups: dict[str, dict[str, Any]] = {}
    for lg in f.legal:
        key = f"kb:{lg.knowledge_id}" if lg.knowledge_id else f"ref:{lg.id}"
        g = groups.get(key)
        if g is None:
            entry = kb_entry(kb, lg.knowledge_id)
            g = groups[key] = {
                "anchor": Markup("jur-" + clean_id(lg.knowledge_id or lg.id)),
                "title": (entry or {}).get("official_title") or lg.instrument or lg.mention,
                "instrument": lg.instrument,
                "knowledge_id": lg.knowledge_id,
                "kb": entry,
                "refs": [],
            }
        g["refs"].append(lg)
        if not g["instrument"] and lg.instrument:
            g["instrument"] = lg.instrument
    return list(groups.values())


def _since(kb: KnowledgeBase | None, f: Facts) -> list[dict[str, Any]]:
    """Knowledge-base developments dated after the article: event entries, plus later dates of the
    legal entries the article cites. One row per entry: {kb, dates: [(iso, precision, approx, key)]}."""
    pub = f.article.published or f.article.reference_date
    if not pub or kb is None:
        return []
    cited = {lg.knowledge_id for lg in f.legal if lg.knowledge_id}
    rows: dict[str, dict[str, Any]] = {}
    for d in kb.developments_after(str(pub)):
        if d.entry.kind != "event" and d.entry.id not in cited:
            continue
        row = rows.setdefault(d.entry.id, {"kb": kb_view(d.entry), "dates": [], "first": d.date})
        row["dates"].append((d.date, d.precision, d.approximate, d.key.replace("_", " ")))
    return sorted(rows.values(), key=lambda r: (date_order(r["first"]), r["kb"]["id"]))


def _counts(f: Facts) -> list[tuple[str, int, Markup]]:
    """What the article holds, each count linked to the page that lists it."""
    return [
        (label, n, Markup(page))
        for label, n, page in [
            ("citations", len(f.quotes), "citations.md"),
            ("affirmations attribuées", len(f.claims), "affirmations.md"),
            ("événements datés", len(f.events), "chronologie.md"),
            ("personnes", len(f.people), "acteurs.md#personnes"),
            ("organisations", len(f.organisations), "acteurs.md#organisations"),
            ("lieux", len(f.places), "acteurs.md#lieux"),
            ("références juridiques", len(f.legal), "contexte-juridique.md"),
            ("paragraphes", len(f.article.paragraphs), "texte-source.md"),
        ]
    ]


def _in_sentence(facts: Facts, source: Source | None) -> Markup | None:
    """The sentence of the article holding `source`, its words in <strong> (inert HTML), or None."""
    if source is None:
        return None
    para = next((p for p in facts.article.paragraphs if p.id == source.paragraph), None)
    if para is None or not (0 <= source.start < source.end <= len(para.text)):
        return None
    a, b = 0, len(para.text)
    for s_start, s_end in para.sentences or []:
        if s_start <= source.start < s_end:
            a, b = s_start, max(s_end, source.end)
            break
    t = para.text
    return Markup(
        f"{md_text(t[a:source.start]) if t[a:source.start].strip() else ''}"
        f"{' ' if t[a:source.start][-1:].isspace() else ''}"
        f"<strong>{md_text(t[source.start:source.end])}</strong>"
        f"{' ' if t[source.end:b][:1].isspace() else ''}"
        f"{md_text(t[source.end:b]) if t[source.end:b].strip() else ''}"
    )
