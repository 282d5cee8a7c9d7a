"""Exports stage: machine-readable files made from the facts and the merged dossier, before the
render stage, which writes them beside the pages (into docs/, so they land in site/).

- `facts.json` — every fact of every article plus the dossier merges (`generator.dossier`).
- `timeline.json` — the merged chronology in TimelineJS's JSON format; partial dates stay partial
  (`start_date: {year, month?}` for "janvier 2023", `{year}` for "2022": never a made-up day).
- schema.org JSON-LD — `NewsArticle` for the sources, `Quotation` for quotes, `Claim` for attributed
  claims — as a `<script type="application/ld+json">` block embedded in the Markdown pages. The JSON
  is made inert for HTML (`<`, `>`, `&` written as \\u escapes), so hostile article text cannot
  close the script element.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

from pydantic import BaseModel

from .dossier import Dossier, MergedEvent
from .model import Facts
from .partialdate import PartialDate

FACTS_JSON = "facts.json"
TIMELINE_JSON = "timeline.json"
SCHEMA = "https://schema.org"


class Exports(BaseModel):
    """What the exports stage made, for the render stage to write (paths relative to docs/)."""

    files: dict[str, str]    # facts.json, timeline.json -> their text
    jsonld: dict[str, str]   # page ("index.md", "<slug>/citations.md") -> JSON-LD block to append


def make_exports(articles: list[Facts], dossier: Dossier, site_name: str) -> Exports:
    """Every export of the dossier: the JSON files, and one JSON-LD block per page that has data."""
    jsonld = {"index.md": jsonld_block([news_article(f) for f in articles])}
    for f in articles:
        for page, nodes in (("index.md", news_article(f)), ("citations.md", quotations(f)),
                            ("affirmations.md", claims(f))):
            jsonld[f"{f.article.slug}/{page}"] = jsonld_block(nodes)
    files = {FACTS_JSON: facts_json(articles, dossier), TIMELINE_JSON: timeline_json(dossier, site_name)}
    return Exports(files=files, jsonld=jsonld)


def dumps(data: Any) -> str:
    """Deterministic JSON (same input, same bytes: unchanged exports are not rewritten)."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def facts_json(bundles: list[Facts], dossier: Dossier) -> str:
    return dumps({
        "format": "briefing-facts",
        "version": 1,
        "articles": [f.model_dump(mode="json") for f in bundles],
        "dossier": dossier.model_dump(mode="json"),
    })


# --------------------------------------------------------------------------- TimelineJS

def _tl_date(e: MergedEvent) -> PartialDate | None:
    """The event's date at its precision (None when it is not a date: the event is left out)."""
    try:
        return replace(PartialDate.coerce(e.date).at(e.precision), approximate=e.approximate)
    except ValueError:
        return None


def timeline_json(dossier: Dossier, title: str) -> str:
    """TimelineJS JSON: {title, events: [{start_date, text: {headline, text}, display_date, unique_id}]}."""
    titles = {a.slug: a for a in dossier.articles}
    events = []
    for e in dossier.events:
        date = _tl_date(e)
        if date is None:
            continue
        sources = "; ".join(
            f"{titles[s.slug].outlet or titles[s.slug].title} : « {s.date_text} »" for s in e.sources if s.slug in titles)
        item: dict[str, Any] = {
            "unique_id": e.id,
            "start_date": date.timeline(),
            "text": {"headline": _headline(e), "text": f"{e.text}\n\nSources : {sources}"},
            "group": "à vérifier" if e.conflict else None,
            "display_date": date.label(),
            "briefing": {"precision": e.precision, "approximate": e.approximate, "conflict": e.conflict,
                         "conflict_with": e.conflict_with,
                         "sources": [{"article": s.slug, "event": s.event_id} for s in e.sources]},
        }
        events.append({k: v for k, v in item.items() if v is not None})
    return dumps({"title": {"text": {"headline": title, "text": f"{len(dossier.articles)} article(s)"}},
                  "events": events})


def _headline(e: MergedEvent, limit: int = 90) -> str:
    t = re.sub(r"\s+", " ", e.text).strip()
    return t if len(t) <= limit else t[: limit - 1].rsplit(" ", 1)[0] + "…"


# --------------------------------------------------------------------------- schema.org JSON-LD

def news_article(f: Facts, page_url: str | None = None) -> dict[str, Any]:
    a = f.article
    node: dict[str, Any] = {"@type": "NewsArticle", "headline": a.title, "inLanguage": a.language or "fr"}
    if a.source_url:
        node["url"] = a.source_url
        node["@id"] = a.source_url
    if a.published:
        node["datePublished"] = a.published
    if a.outlet:
        node["publisher"] = {"@type": "Organization", "name": a.outlet}
    if a.author:
        node["author"] = {"@type": "Person", "name": a.author}
    return node


def _agent(f: Facts, entity_id: str | None, name: str | None) -> dict[str, Any] | None:
    """The schema.org agent behind a quote or claim: a Person, an Organization (quotes are also
    attributed to a prosecutor's office or a regulator), or a Person named only by the article."""
    for kind, items in (("Person", f.people), ("Organization", f.organisations)):
        found = next((e for e in items if e.id == entity_id), None)
        if found is not None:
            return {"@type": kind, "name": found.name}
    return {"@type": "Person", "name": name} if name else None


def quotations(f: Facts) -> list[dict[str, Any]]:
    out = []
    for q in f.quotes:
        node: dict[str, Any] = {"@type": "Quotation", "text": q.text, "isPartOf": _ref(f)}
        agent = _agent(f, q.speaker_id, q.speaker)
        if agent:
            node["spokenByCharacter"] = agent
            node["creator"] = agent
        out.append(node)
    return out


def claims(f: Facts) -> list[dict[str, Any]]:
    out = []
    for c in f.claims:
        node: dict[str, Any] = {"@type": "Claim", "text": c.what, "appearance": _ref(f)}
        agent = _agent(f, c.who_id, c.who)
        if agent:
            node["author"] = agent
        out.append(node)
    return out


def _ref(f: Facts) -> dict[str, Any]:
    a = f.article
    if a.source_url:
        return {"@id": a.source_url}
    return {"@type": "NewsArticle", "headline": a.title}


def jsonld_block(nodes: list[dict[str, Any]] | dict[str, Any]) -> str:
    """A `<script type="application/ld+json">` block for a Markdown page ('' when there is nothing)."""
    if not nodes:
        return ""
    doc = {"@context": SCHEMA, **nodes} if isinstance(nodes, dict) else {"@context": SCHEMA, "@graph": nodes}
    text = json.dumps(doc, ensure_ascii=False, indent=None, separators=(",", ":"))
    # inert inside <script>: no '</script>', no '<!--', no entity; still valid JSON
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    # template syntax only occurs inside strings here: escaped, so no template engine on the way acts on it
    text = text.replace("{{", "{\\u007b").replace("{%", "{\\u0025").replace("{#", "{\\u0023")
    return f"\n\n<script type=\"application/ld+json\">{text}</script>\n"
