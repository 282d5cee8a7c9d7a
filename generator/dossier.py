"""Dossier: merge the facts of several articles on one affair into typed, sourced views.

- **Merged chronology** — events of every article in one timeline. Two events from *different*
  articles are the same event when they carry the same date at the same precision and their words
  overlap (content-token overlap, date words and numbers left out): one item, every source kept.
  Two events from different articles whose words overlap strongly but whose dates differ are
  *not* merged: both stay, flagged `conflict` (with the other item's id) for a human to review.
  Events of one article are never merged together (the article says they are distinct).
- **Merged who's who** — people, organisations and places across articles under one canonical
  name, by general name-matching rules (see `same_person`, `same_org`): case, accents, hyphens,
  leading articles, surname-only forms ("Roussel" → "Fabien Roussel"), initials ("F. Roussel"),
  a website and its bare name ("Coco" → "Coco.gg"), acronyms of a long form. A short form that
  fits two different full names stays apart (ambiguous). Roles are listed with the article each
  comes from; quotes and claims from every article are attached.
- **Legal context** — legal references of all articles grouped by `knowledge_id` (or by the
  instrument / mention when the knowledge base does not know them).

Everything here is computed from the fact files only; nothing is invented, every merged item keeps
the list of its sources (article slug + fact id + span).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel

from .model import Claim, Event, Facts, LegalRef, Quote, Source
from .partialdate import PartialDate
from .text import MONTH_NAMES, WEEKDAY_NAMES, fold, slugify, stop_words

__all__ = [
    "ArticleRef", "EventSource", "MergedEvent", "RoleRef", "EntityMember", "MergedEntity",
    "MergedLegal", "Dossier", "build_dossier", "merge_events", "merge_entities",
    "similarity", "content_tokens", "same_person", "same_org",
]

# --------------------------------------------------------------------------- models


class ArticleRef(BaseModel):
    slug: str
    title: str
    outlet: str | None = None
    published: str | None = None
    reference_date: str | None = None
    source_url: str | None = None
    author: str | None = None
    language: str = "fr"
    counts: dict[str, int] = {}


class EventSource(BaseModel):
    slug: str
    event_id: str
    date: str
    precision: Literal["day", "month", "year"]
    approximate: bool = False
    date_text: str
    text: str
    source: Source


class MergedEvent(BaseModel):
    id: str
    date: str
    precision: Literal["day", "month", "year"]
    approximate: bool = False
    text: str
    sources: list[EventSource]
    conflict: bool = False
    conflict_with: list[str] = []   # ids of the merged events whose date disagrees
    conflict_note: str = ""

    @property
    def slugs(self) -> list[str]:
        return list(dict.fromkeys(s.slug for s in self.sources))


class RoleRef(BaseModel):
    role: str
    slugs: list[str]


class EntityMember(BaseModel):
    slug: str
    id: str
    name: str
    mentions: int = 0


class QuoteRef(BaseModel):
    slug: str
    quote: Quote


class ClaimRef(BaseModel):
    slug: str
    claim: Claim


class MergedEntity(BaseModel):
    id: str
    kind: Literal["person", "org", "place"]
    name: str
    variants: list[str] = []        # other name forms seen (aliases included)
    roles: list[RoleRef] = []
    members: list[EntityMember] = []
    quotes: list[QuoteRef] = []
    claims: list[ClaimRef] = []

    @property
    def slugs(self) -> list[str]:
        return list(dict.fromkeys(m.slug for m in self.members))


class LegalSource(BaseModel):
    slug: str
    ref: LegalRef


class MergedLegal(BaseModel):
    id: str
    knowledge_id: str | None = None
    title: str
    instrument: str | None = None
    refs: list[LegalSource] = []

    @property
    def slugs(self) -> list[str]:
        return list(dict.fromkeys(r.slug for r in self.refs))


class Dossier(BaseModel):
    articles: list[ArticleRef]
    first_date: str | None = None     # span of the dossier: earliest and latest date it mentions
    last_date: str | None = None
    first_published: str | None = None
    last_published: str | None = None
    events: list[MergedEvent] = []
    people: list[MergedEntity] = []
    organisations: list[MergedEntity] = []
    places: list[MergedEntity] = []
    legal: list[MergedLegal] = []

    @property
    def conflicts(self) -> list[MergedEvent]:
        return [e for e in self.events if e.conflict]

    def article(self, slug: str) -> ArticleRef:
        for a in self.articles:
            if a.slug == slug:
                return a
        raise KeyError(slug)


# --------------------------------------------------------------------------- text similarity

# date vocabulary beyond month and day names, and two verbs spaCy's stop list lacks ("été", "faire")
_TIME_WORDS = """an ans annee annees jour jours er premier premiere semaine mois matin soir hier aujourd demain
dernier derniere derniers dernieres prochain prochaine ete faire""".split()


@lru_cache(maxsize=1)
def _stop() -> frozenset[str]:
    """Function words and date words: left out of the overlap (dates are compared separately)."""
    return stop_words() | {fold(w) for w in (*MONTH_NAMES, *WEEKDAY_NAMES, *_TIME_WORDS)}


_WORD = re.compile(r"[a-z0-9][a-z0-9.]*[a-z0-9]|[a-z]")


def _stem(w: str) -> str:
    if len(w) > 4 and w.endswith(("s", "x")) and not w.endswith("ss"):
        w = w[:-1]
    if len(w) > 5 and w.endswith("e"):
        w = w[:-1]
    return w


@lru_cache(maxsize=65536)
def content_tokens(text: str) -> frozenset[str]:
    """Content words of a text (folded, crude singular), without function words, date words, numbers."""
    out = set()
    for w in _WORD.findall(fold(text)):
        w = w.strip(".")
        if len(w) < 3 or w in _stop() or any(ch.isdigit() for ch in w):
            continue
        out.add(_stem(w))
    return frozenset(out)


def similarity(a: str | frozenset[str], b: str | frozenset[str]) -> tuple[float, int]:
    """(overlap coefficient |A∩B| / min(|A|,|B|), number of shared content words)."""
    ta = content_tokens(a) if isinstance(a, str) else a
    tb = content_tokens(b) if isinstance(b, str) else b
    if not ta or not tb:
        return 0.0, 0
    shared = len(ta & tb)
    return shared / min(len(ta), len(tb)), shared


# same date, same precision, different articles -> same event when the words overlap this much
MERGE_RULES = {"day": (0.15, 2), "month": (0.35, 2), "year": (0.45, 3)}
# different dates -> flagged as a conflict when the words overlap this much
CONFLICT_RULE = (0.5, 3)
# a merged item is compared through its first few sources (bounded cost on big dossiers)
COMPARE_MEMBERS = 6


def _strip_date_text(text: str, date_text: str) -> str:
    return text.replace(date_text, " ") if date_text else text


# --------------------------------------------------------------------------- chronology

def _date_key(iso: str | None) -> tuple[int, int, int]:
    """Chronological key of an article date; an unreadable one sorts last."""
    try:
        return PartialDate.parse(iso or "").sort_key
    except ValueError:
        return (99999, 0, 0)


def merge_events(bundles: Iterable[Facts]) -> list[MergedEvent]:
    """One merged timeline: same-event items merged across articles, date disagreements flagged."""
    items: list[tuple[str, Event]] = []
    for f in bundles:
        items += [(f.article.slug, e) for e in f.events]
    items.sort(key=lambda x: (x[1].date.sort_key, x[1].precision, x[0], x[1].id))

    clusters: list[dict] = []   # {date, precision, approximate, members: [(slug, event, tokens)]}
    for slug, e in items:
        toks = content_tokens(_strip_date_text(e.text, e.date_text))
        best, best_score = None, 0.0
        min_sim, min_shared = MERGE_RULES.get(e.precision, (0.45, 3))
        for c in clusters:
            if c["date"] != e.date or c["precision"] != e.precision:
                continue
            if any(s == slug for s, _, _ in c["members"]):
                continue  # never merge two events of one article
            sim, shared = max((similarity(toks, t) for _, _, t in c["members"][:COMPARE_MEMBERS]), default=(0.0, 0))
            # short texts: every word shared (at least two) is enough
            need = min_shared if sim < 1.0 else min(min_shared, 2)
            if sim >= min_sim and shared >= need and sim > best_score:
                best, best_score = c, sim
        if best is None:
            clusters.append({"date": e.date, "precision": e.precision, "approximate": e.approximate,
                             "members": [(slug, e, toks)]})
        else:
            best["members"].append((slug, e, toks))
            best["approximate"] = best["approximate"] and e.approximate

    merged: list[MergedEvent] = []
    for i, c in enumerate(clusters, 1):
        first = c["members"][0][1]
        merged.append(MergedEvent(
            id=f"ev-{i}", date=c["date"].iso, precision=c["precision"], approximate=c["approximate"],
            text=first.text,
            sources=[EventSource(slug=s, event_id=e.id, date=e.date.iso, precision=e.precision,
                                 approximate=e.approximate, date_text=e.date_text, text=e.text, source=e.source)
                     for s, e, _ in c["members"]],
        ))

    # conflicts: strongly similar wording, different dates, and no article reporting both
    min_sim, min_shared = CONFLICT_RULE
    for i, a in enumerate(clusters):
        for j in range(i + 1, len(clusters)):
            b = clusters[j]
            if a["date"] == b["date"] and a["precision"] == b["precision"]:
                continue
            slugs_a = {s for s, _, _ in a["members"]}
            slugs_b = {s for s, _, _ in b["members"]}
            if slugs_a & slugs_b:
                continue  # one article tells them apart: two events
            sim, shared = max((similarity(ta, tb) for _, _, ta in a["members"][:COMPARE_MEMBERS]
                               for _, _, tb in b["members"][:COMPARE_MEMBERS]), default=(0.0, 0))
            if sim < min_sim or shared < min_shared:
                continue
            ma, mb = merged[i], merged[j]
            for x, y in ((ma, mb), (mb, ma)):
                x.conflict = True
                if y.id not in x.conflict_with:
                    x.conflict_with.append(y.id)
            note = ("dates de précision différente" if _compatible(a["date"].iso, b["date"].iso) else "dates différentes")
            ma.conflict_note = mb.conflict_note = note
    return merged


def _compatible(a: str, b: str) -> bool:
    """One date contains the other ('2024-04' and '2024-04-27')."""
    return a.startswith(b) or b.startswith(a)


# --------------------------------------------------------------------------- names

_LEADING = re.compile(r"^(?:le|la|les|l|un|une|des|du|de la|de l|de|d)\s+")
_TLD = re.compile(r"^(.+?)\.(?:[a-z]{2,6})$")
_SMALL = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "en", "a", "au", "aux", "pour", "sur"}
_HONORIFICS = {"m", "mme", "mlle", "monsieur", "madame", "mademoiselle", "dr", "me", "pr"}


@lru_cache(maxsize=65536)
def name_tokens(name: str) -> tuple[str, ...]:
    s = fold(name)
    s = re.sub(r"[^\w.\s]", " ", s)
    s = _LEADING.sub("", re.sub(r"\s+", " ", s).strip())
    return tuple(t for t in s.replace(".", ". ").split() if t.strip("."))


@lru_cache(maxsize=65536)
def _person_tokens(name: str) -> tuple[str, ...]:
    toks = [t.rstrip(".") if len(t.rstrip(".")) > 1 else t for t in name_tokens(name)]
    return tuple(t for t in toks if t.rstrip(".") not in _HONORIFICS) or tuple(toks)


def same_person(a: str, b: str) -> bool:
    """'Fabien Roussel' ~ 'Roussel' ~ 'F. Roussel' ~ 'fabien roussel'; not 'Fabien' ~ 'Fabien Roussel'."""
    ta, tb = _person_tokens(a), _person_tokens(b)
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    if ta[-1].rstrip(".") != tb[-1].rstrip("."):
        return False  # surnames (last word) must agree
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) == 1:
        return len(long_) >= 2  # surname alone
    # every given name of the short form matches (fully or by initial) one of the long form, in order
    gi = iter(long_[:-1])
    for t in short[:-1]:
        for u in gi:
            if t == u or (t.endswith(".") and u.startswith(t[:-1])) or (u.endswith(".") and t.startswith(u[:-1])):
                break
        else:
            return False
    return True


@lru_cache(maxsize=65536)
def _org_key(name: str) -> str:
    return " ".join(name_tokens(name)).replace(" .", ".")


@lru_cache(maxsize=65536)
def _org_forms(name: str) -> frozenset[str]:
    key = _org_key(name)
    forms = {key, key.replace(" ", "")}
    m = _TLD.match(key.replace(" ", ""))
    if m:  # a website: 'coco.gg' is also known as 'coco'
        forms.add(m.group(1))
    words = [w for w in key.split() if w not in _SMALL]
    if len(words) >= 2:
        forms.add("".join(w[0] for w in words))  # 'parti communiste francais' -> 'pcf'
    return frozenset(f for f in forms if f)


def same_org(a: str, b: str) -> bool:
    """'Coco.gg' ~ 'coco.gg' ~ 'Coco'; 'Grande Synthe' ~ 'Grande-Synthe'; 'PCF' ~ 'Parti communiste français'."""
    ka, kb = _org_key(a), _org_key(b)
    if not ka or not kb:
        return False
    if ka == kb or ka.replace(" ", "") == kb.replace(" ", ""):
        return True
    fa, fb = _org_forms(a), _org_forms(b)
    # a bare name equals the site name of a domain, or an acronym equals a long form's initials
    if " " not in ka and ka in fb:
        return True
    if " " not in kb and kb in fa:
        return True
    return False


def _canonical(names: list[str], kind: str) -> str:
    """The most complete form: most words, then a website form, then the most used, then capitalised."""
    counts: dict[str, int] = {}
    for n in names:
        counts[n] = counts.get(n, 0) + 1

    def score(n: str) -> tuple:
        toks = _person_tokens(n) if kind == "person" else name_tokens(n)
        dotted = 1 if kind != "person" and _TLD.match(_org_key(n).replace(" ", "")) else 0
        full_words = sum(1 for t in toks if not t.endswith("."))
        return (full_words, dotted, counts[n], n[:1].isupper(), len(n), n)

    return max(counts, key=score)


def merge_entities(bundles: list[Facts], kind: Literal["person", "org", "place"]) -> list[MergedEntity]:
    """People, organisations or places of every article, merged by name rules."""
    attr = {"person": "people", "org": "organisations", "place": "places"}[kind]
    match = same_person if kind == "person" else same_org
    groups: list[dict] = []   # {names: [...], members: [(slug, entity)]}
    entries = [(f.article.slug, ent) for f in bundles for ent in getattr(f, attr)]
    # longest names first, so short forms attach to a complete one
    order = sorted(range(len(entries)), key=lambda i: (-len(name_tokens(entries[i][1].name)), i))
    for i in order:
        slug, ent = entries[i]
        forms = [ent.name] + list(getattr(ent, "aliases", []) or [])
        hits = [g for g in groups if any(match(x, y) for x in forms for y in g["names"])]
        if kind == "person" and len(hits) > 1:
            hits = [g for g in hits if any(_person_tokens(ent.name) == _person_tokens(y) for y in g["names"])]
        if len(hits) == 1:
            g = hits[0]
        else:  # no match, or ambiguous (short form fitting two full names): stands alone
            g = {"names": [], "members": []}
            groups.append(g)
        g["members"].append((i, slug, ent))
        for n in forms:
            if n not in g["names"]:
                g["names"].append(n)

    out: list[MergedEntity] = []
    for g in groups:
        members = [(slug, ent) for _i, slug, ent in sorted(g["members"], key=lambda m: m[0])]
        name = _canonical([ent.name for _slug, ent in members], kind)
        roles: dict[str, RoleRef] = {}
        for slug, ent in members:
            for r in getattr(ent, "roles", []) or []:
                key = fold(r)
                rr = roles.setdefault(key, RoleRef(role=r, slugs=[]))
                if slug not in rr.slugs:
                    rr.slugs.append(slug)
        variants = sorted({n for n in g["names"] if n != name}, key=lambda n: (n.lower(), n))
        out.append(MergedEntity(
            id="", kind=kind, name=name, variants=variants, roles=list(roles.values()),
            members=[EntityMember(slug=s, id=e.id, name=e.name, mentions=len(e.mentions)) for s, e in members],
        ))
    out.sort(key=lambda m: (-len(m.slugs), fold(m.name)))
    prefix = {"person": "pers", "org": "org", "place": "lieu"}[kind]
    used: set[str] = set()
    for m in out:
        base = f"{prefix}-" + (slugify(m.name) or "x")
        ident, n = base, 2
        while ident in used:
            ident, n = f"{base}-{n}", n + 1
        used.add(ident)
        m.id = ident
    return out


def _attach_speech(people: list[MergedEntity], bundles: list[Facts]) -> None:
    """Quotes and claims of every article, attached to the merged person who said them."""
    by_member = {(m.slug, m.id): p for p in people for m in p.members}
    for f in bundles:
        slug = f.article.slug

        def owner(pid: str | None, name: str | None) -> MergedEntity | None:
            if pid and (slug, pid) in by_member:
                return by_member[(slug, pid)]
            if name:
                cands = [p for p in people if any(same_person(name, v) for v in [p.name, *p.variants])]
                if len(cands) == 1:
                    return cands[0]
            return None

        for q in f.quotes:
            p = owner(q.speaker_id, q.speaker)
            if p is not None:
                p.quotes.append(QuoteRef(slug=slug, quote=q))
        for c in f.claims:
            p = owner(c.who_id, c.who)
            if p is not None:
                p.claims.append(ClaimRef(slug=slug, claim=c))


# --------------------------------------------------------------------------- legal

def merge_legal(bundles: list[Facts], kb=None) -> list[MergedLegal]:
    groups: dict[str, MergedLegal] = {}
    for f in bundles:
        for lg in f.legal:
            key = f"kb:{lg.knowledge_id}" if lg.knowledge_id else "ref:" + _org_key(lg.instrument or lg.mention)
            g = groups.get(key)
            if g is None:
                title = None
                if lg.knowledge_id and kb is not None:
                    entry = getattr(kb, "get", lambda _k: None)(lg.knowledge_id)
                    title = getattr(entry, "official_title", None) if entry is not None else None
                anchor = slugify(lg.knowledge_id or lg.instrument or lg.mention)
                g = groups[key] = MergedLegal(id=f"jur-{anchor or len(groups) + 1}", knowledge_id=lg.knowledge_id,
                                              title=title or lg.instrument or lg.mention, instrument=lg.instrument)
            if not g.instrument and lg.instrument:
                g.instrument = lg.instrument
            g.refs.append(LegalSource(slug=f.article.slug, ref=lg))
    return sorted(groups.values(), key=lambda g: (-len(g.slugs), g.knowledge_id is None, fold(g.title)))


# --------------------------------------------------------------------------- dossier

def build_dossier(bundles: Iterable[Facts], kb=None) -> Dossier:
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
    _attach_speech(people, bundles)
    pubs = sorted((a.published or a.reference_date for a in articles if a.published or a.reference_date), key=_date_key)
    dated = sorted([e.date for e in events] + pubs, key=_date_key)
    return Dossier(
        articles=articles,
        first_date=dated[0] if dated else None, last_date=dated[-1] if dated else None,
        first_published=pubs[0] if pubs else None, last_published=pubs[-1] if pubs else None,
        events=events, people=people,
        organisations=merge_entities(bundles, "org"), places=merge_entities(bundles, "place"),
        legal=merge_legal(bundles, kb),
    )
