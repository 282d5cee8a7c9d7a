"""People, organisations and places: spaCy's entities, typed and merged by general rules.

spaCy proposes the candidates; `entity_types` decides what each one is, this module merges the
variants of one name into one entity, and `roles` binds job titles to people. The result is an
`EntityIndex`: canonical entities plus every mention with its span, which the quote and claim
extractors use to resolve a speaker ("le député du Nord", "elle").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..model import Article, Mention, Organisation, Person, Place, Source
from .entity_types import (
    DOMAIN_RE,
    INSTITUTION_RE,
    ORG,
    PERSON,
    PLACE,
    classify,
    fold,
    split_glued_person,
    strip_determiner,
)
from .lexicon import SUBJECT_PRONOUNS
from .roles import bind_roles, resolve_roles, role_spans

__all__ = ["ORG", "PERSON", "PLACE", "Entity", "EntityIndex", "MentionSpan", "build_index", "fold", "to_models"]



@dataclass
class Entity:
    kind: str
    name: str
    aliases: set[str] = field(default_factory=set)
    roles: list[str] = field(default_factory=list)
    mentions: list[tuple[str, int, int]] = field(default_factory=list)  # (paragraph id, start, end)
    gender: str | None = None
    id: str = ""

    def keys(self) -> set[str]:
        return {fold(n) for n in {self.name, *self.aliases}}


@dataclass
class MentionSpan:
    """A stretch of a paragraph that refers to an entity (name, role, pronoun)."""

    paragraph: str
    start: int
    end: int
    text: str
    entity: Entity | None
    how: str  # name | role | pronoun | institution


@dataclass
class EntityIndex:
    entities: list[Entity]
    mentions: dict[str, list[MentionSpan]]  # paragraph id -> spans in order
    main_person: Entity | None

    def by_kind(self, kind: str) -> list[Entity]:
        return [e for e in self.entities if e.kind == kind]

    def mentions_in(self, pid: str, start: int, end: int) -> list[MentionSpan]:
        return [m for m in self.mentions.get(pid, []) if m.start >= start and m.end <= end]


# --------------------------------------------------------------------------- candidates


@dataclass
class Candidate:
    kind: str
    text: str
    paragraph: str
    start: int
    end: int
    order: int = 0  # paragraph position, for a stable merge order




def _spacy_candidates(pid: str, doc: Doc) -> list[Candidate]:
    out = []
    for ent in doc.ents:
        for part, span in split_glued_person(ent):
            if "\n" in span.text:
                continue
            text, start = strip_determiner(span.text, span.start_char)
            text = text.strip(" ,.;:")
            kind = PERSON if part == PERSON else classify(span, text, start)
            if kind:
                out.append(Candidate(kind, text, pid, start, start + len(text)))
    return out


def _rule_candidates(pid: str, text: str, outlet_names: list[str]) -> list[Candidate]:
    out = [Candidate(ORG, m.group(), pid, m.start(), m.end()) for m in DOMAIN_RE.finditer(text)]
    out += [Candidate(ORG, m.group(), pid, m.start(), m.end()) for m in INSTITUTION_RE.finditer(text)]
    for name in outlet_names:
        for m in re.finditer(re.escape(name), text, flags=re.IGNORECASE):
            out.append(Candidate(ORG, m.group(), pid, m.start(), m.end()))
    return out


def outlet_names(outlet: str | None) -> list[str]:
    """'BFMTV (Tech&Co)' -> ['BFMTV', 'Tech&Co']: the outlet as it may appear in its own text."""
    if not outlet:
        return []
    parts = re.split(r"[()]", outlet)
    return [p.strip() for p in parts if len(p.strip()) >= 3]


# --------------------------------------------------------------------------- merging


def _domain_base(name: str) -> str | None:
    m = DOMAIN_RE.fullmatch(name)
    return fold(name.split(".")[0]) if m else None


def _prefer(a: str, b: str) -> str:
    """Canonical form: the longer name; between equals, the capitalised one."""
    if len(b) > len(a):
        return b
    if len(a) == len(b) and b[:1].isupper() and not a[:1].isupper():
        return b
    return a


def _merge(candidates: list[Candidate]) -> list[Entity]:
    entities: list[Entity] = []
    by_key: dict[str, Entity] = {}

    def find(c: Candidate) -> Entity | None:
        key = fold(c.text)
        if key in by_key:
            return by_key[key]
        base = _domain_base(c.text)
        for e in entities:
            if base and any(_domain_base(n) == base for n in {e.name, *e.aliases}):
                return e
            if c.kind == PERSON and e.kind == PERSON:
                ct, et = key.split(), fold(e.name).split()
                # "Roussel" is "Fabien Roussel"; "Fabien Roussel" extends "Roussel"
                if ct and et and (ct[-1] == et[-1]) and (len(ct) == 1 or len(et) == 1):
                    return e
            if base is None and e.kind == ORG:
                # a bare brand equal to a website's name: "Coco" is "coco.gg"
                if any(_domain_base(n) == key for n in {e.name, *e.aliases}):
                    return e
        return None

    # websites first, then people, so later bare names can attach to them
    # ("Truc" tagged as a person by the model is the website truc.fr when the text names it)
    order = sorted(candidates, key=lambda c: (_domain_base(c.text) is None, c.kind != PERSON, c.order, c.start))
    votes: dict[int, list[str]] = {}
    for c in order:
        e = find(c)
        if e is None:
            e = Entity(c.kind, c.text)
            entities.append(e)
        else:
            if c.kind == PERSON or e.kind != PERSON:
                new_name = _prefer(e.name, c.text) if c.kind == e.kind else e.name
                if DOMAIN_RE.fullmatch(e.name) and not DOMAIN_RE.fullmatch(c.text):
                    new_name = e.name  # a website keeps its domain as its name
                if new_name != e.name:
                    e.aliases.add(e.name)
                    e.name = new_name
            if c.text != e.name:
                e.aliases.add(c.text)
        by_key[fold(c.text)] = e
        e.mentions.append((c.paragraph, c.start, c.end))
        votes.setdefault(id(e), []).append(c.kind)
    # one name, read as a place in some sentences and an organisation in others ("la commune de
    # Saint Malo a porté plainte" / "à Saint-Malo"): the reading of most mentions wins, ties go to
    # the place; websites stay organisations
    for e in entities:
        kinds = votes.get(id(e), [])
        if e.kind in {ORG, PLACE} and not any(DOMAIN_RE.fullmatch(n) for n in {e.name, *e.aliases}):
            n_place, n_org = kinds.count(PLACE), kinds.count(ORG)
            if n_place and n_org:
                e.kind = PLACE if n_place >= n_org else ORG
    return entities


# --------------------------------------------------------------------------- index


def build_index(article: Article, docs: list[Doc]) -> EntityIndex:
    outlets = outlet_names(article.outlet)
    candidates: list[Candidate] = []
    for n, (para, doc) in enumerate(zip(article.paragraphs, docs)):
        found = _spacy_candidates(para.id, doc) + _rule_candidates(para.id, para.text, outlets)
        for c in _drop_overlaps(found):
            c.order = n
            candidates.append(c)
    entities = _merge(candidates)
    _number(entities)
    people = [e for e in entities if e.kind == PERSON]
    main = _main_person(article, people)

    mentions: dict[str, list[MentionSpan]] = {}
    for para, doc in zip(article.paragraphs, docs):
        spans: list[MentionSpan] = []
        for e in entities:
            for pid, s, en in e.mentions:
                if pid == para.id:
                    spans.append(MentionSpan(pid, s, en, para.text[s:en], e, "name"))
        roles = role_spans(doc)
        bound = bind_roles(para.id, doc, roles, people, para.text)
        for rs, re_, role in roles:
            if any(m.start <= rs < m.end or rs <= m.start < re_ for m in spans if m.entity and m.entity.kind == PERSON):
                continue
            spans = [m for m in spans if not (rs <= m.start and m.end <= re_)]  # "Parti communiste" inside a role
            spans.append(MentionSpan(para.id, rs, re_, para.text[rs:re_], bound.get((rs, re_)), "role"))
        for tok in doc:
            if tok.lower_ in SUBJECT_PRONOUNS and tok.dep_.startswith("nsubj"):
                spans.append(MentionSpan(para.id, tok.idx, tok.idx + len(tok.text), tok.text, None, "pronoun"))
        spans.sort(key=lambda m: (m.start, -m.end))
        mentions[para.id] = spans
    resolve_roles(mentions, people, main)
    return EntityIndex(entities, mentions, main)


def _drop_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Keep the longest of overlapping candidates (rules and spaCy may both see a name)."""
    kept: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def _number(entities: list[Entity]) -> None:
    counters = {PERSON: 0, ORG: 0, PLACE: 0}
    prefix = {PERSON: "person", ORG: "org", PLACE: "place"}
    for e in entities:
        counters[e.kind] += 1
        e.id = f"{prefix[e.kind]}-{counters[e.kind]}"


def _main_person(article: Article, people: list[Entity]) -> Entity | None:
    """The person the article is about: named in the title, else the most mentioned."""
    title = fold(article.title)
    in_title = [p for p in people if any(k in title for k in p.keys())]
    pool = in_title or people
    return max(pool, key=lambda p: len(p.mentions)) if pool else None


# --------------------------------------------------------------------------- output


def _source_mentions(article: Article, entity: Entity, spans: dict[str, list[MentionSpan]]) -> list[Mention]:
    seen = set()
    out = []
    for pid, items in spans.items():
        for m in items:
            if m.entity is entity and (pid, m.start) not in seen:
                seen.add((pid, m.start))
                out.append(Mention(text=m.text, source=Source(paragraph=pid, start=m.start, end=m.end)))
    order = {p.id: i for i, p in enumerate(article.paragraphs)}
    return sorted(out, key=lambda m: (order[m.source.paragraph], m.source.start))


def to_models(article: Article, index: EntityIndex) -> tuple[list[Person], list[Organisation], list[Place]]:
    people, orgs, places = [], [], []
    for e in index.entities:
        mentions = _source_mentions(article, e, index.mentions)
        aliases = sorted(a for a in e.aliases if fold(a) != fold(e.name))
        if e.kind == PERSON:
            people.append(Person(id=e.id, name=e.name, roles=e.roles, mentions=mentions))
        elif e.kind == ORG:
            orgs.append(Organisation(id=e.id, name=e.name, aliases=sorted(set(aliases)), mentions=mentions))
        else:
            places.append(Place(id=e.id, name=e.name, aliases=sorted(set(aliases)), mentions=mentions))
    return people, orgs, places
