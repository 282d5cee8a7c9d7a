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
from ..text.names import CIVILITIES, person_tokens, same_person, split_title
from .entity_types import (
    ACRONYM,
    CLUB,
    DOMAIN_RE,
    INSTITUTION_RE,
    MEDIA_AFTER_CUE_RE,
    NAME_AFTER_ORG_NOUN_RE,
    ORG,
    PERSON,
    PLACE,
    classify,
    fold,
    is_known_place,
    role_complement,
    split_glued_addressee,
    split_glued_person,
    strip_determiner,
    strip_org_noun,
)
from .lexicon import ROLE_NOUNS, STATE_NOUNS, SUBJECT_PRONOUNS
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
    title: str = ""  # civility or title written before a person's name ("Me", "le général")
    same_as: str = ""  # the long form an acronym stands for: "(DDE)" after "Direction … de l'Équipement"
    club: bool = False  # a club written as its town: one organisation apart from the town's place




def _spacy_candidates(pid: str, doc: Doc, doc_text: str) -> list[Candidate]:
    """`doc_text` is the paragraph's text (== doc.text, which spaCy rebuilds token by token)."""
    out = []
    for ent in doc.ents:
        if (parts := _coordinated(pid, ent)) is not None:
            out += parts
            continue
        if (glued := split_glued_addressee(ent, doc_text)) is not None:
            out += [Candidate(kind, text, pid, s, s + len(text)) for kind, text, s in glued]
            continue
        for part, span in split_glued_person(ent, doc_text):
            if "\n" in span.text:
                continue
            text, start = strip_determiner(span.text, span.start_char)
            text, start, kind_said = strip_org_noun(text.strip(" ,.;:"), start)
            kind = PERSON if part == PERSON else ORG if kind_said else classify(span, text, doc_text)
            if kind is None and (inner := role_complement(span)) is not None:
                span, text, start = inner, inner.text, inner.start_char  # "Préfet du Gard" -> "Gard"
                kind = PLACE if classify(span, text, doc_text) == PLACE else None
            if kind == PERSON:
                out.append(_person_candidate(pid, doc_text, text, start))
            elif kind:
                out.append(Candidate(ORG if kind == CLUB else kind, text, pid, start, start + len(text),
                                     club=kind == CLUB))
    return out


_COORDINATION = re.compile(r",\s+|\s+et\s+")


def _coordinated(pid: str, ent) -> list[Candidate] | None:
    """'Solidaires et la FSU' taken as one entity: each conjunct is an organisation when the whole
    was labelled one, or when one of them is an acronym; None when the entity is no coordination."""
    if ent.label_ not in {"ORG", "MISC"} or not _COORDINATION.search(ent.text):
        return None
    parts, pos = [], 0
    for m in [*_COORDINATION.finditer(ent.text), None]:
        end = m.start() if m else len(ent.text)
        text, start = strip_determiner(ent.text[pos:end], ent.start_char + pos)
        parts.append((text.strip(), start))
        pos = m.end() if m else pos
    if not all(t[:1].isupper() for t, _ in parts):
        return None
    if ent.label_ != "ORG" and not any(ACRONYM.fullmatch(t) for t, _ in parts):
        return []
    return [Candidate(ORG, t, pid, s, s + len(t)) for t, s in parts]


_PARTICLES = {"von", "van", "de", "di", "da", "del", "der", "den", "du", "des", "ben", "ibn", "bin", "al", "el"}
_TITLE_BEFORE = re.compile(r"(?:\b(?:le|la|l['’])\s*)?\b([A-Za-zéèÉ]+\.?)\s+$")


def _person_candidate(pid: str, text: str, name: str, start: int) -> Candidate:
    """A person's name without the civility or title written before it, inside the entity
    ('Me Camille Dupont') or just before it ('Me' + 'Dupont'); the mention keeps the title."""
    title, bare = split_title(name)
    end = start + len(name)
    if not title:
        m = _TITLE_BEFORE.search(text[max(0, start - 20):start])
        if m and split_title(f"{m.group(0)}{name}")[0]:
            title, start = m.group(0).strip(), start - len(m.group(0))
    if name.split()[-1].lower() in _PARTICLES and (m := re.match(r" [A-ZÉ][\w'’-]+", text[end:])):
        bare, end = f"{bare or name}{m.group(0)}", end + len(m.group(0))  # "Lars von" + "Trier"
    return Candidate(PERSON, bare or name, pid, start, end, title=title)


_ACRONYM_AFTER = re.compile(r"\s*[(\[]([A-Z][A-Za-z0-9&]{1,9})[)\]]")
_LONG_FORM_AFTER = re.compile(r"\s*[(\[]([A-ZÉ][^()\[\]]{6,80})[)\]]")


def _acronym_links(pid: str, text: str, found: list[Candidate]) -> list[Candidate]:
    """'Direction … de l'Équipement (DDE)', "L'APRR [Autoroutes Paris-Rhin-Rhône]": the form in
    brackets is the same organisation, an alias of the one before it."""
    out = []
    for c in found:
        if c.kind != ORG:
            continue
        after = text[c.end:]
        m = _ACRONYM_AFTER.match(after) or (ACRONYM.fullmatch(c.text) and _LONG_FORM_AFTER.match(after))
        if m:
            s = c.end + m.start(1)
            out.append(Candidate(ORG, m.group(1), pid, s, s + len(m.group(1)), same_as=c.text))
    return out


_NEXT_ITEM = re.compile(r"(?:,\s*|\s+et\s+|\s+ou\s+)([A-ZÉ][\w&’'-]*(?:\s[A-ZÉ][\w&’'-]*)?)(?=[\s,.;:)…]|$)")


def _enumerated(pid: str, text: str, kept: list[Candidate]) -> list[Candidate]:
    """'(Auchan, Michelin, Vencorex, PPG...)': a capitalised item that continues a list of two
    organisations or more is one too, even when the model skipped it."""
    orgs = sorted((c for c in kept if c.kind == ORG), key=lambda c: c.start)
    taken = {(c.start, c.end) for c in kept}
    out = []
    for a, b in zip(orgs, orgs[1:]):
        if not re.fullmatch(r",\s*|\s+et\s+", text[a.end:b.start]):
            continue  # a and b are two items of one list
        last = b
        while (m := _NEXT_ITEM.match(text, last.end)) and not any(s <= m.start(1) < e for s, e in taken):
            last = Candidate(ORG, m.group(1), pid, m.start(1), m.end(1))
            out.append(last)
            taken.add((last.start, last.end))
    return out


def _link_acronyms(kept: list[Candidate], links: list[Candidate]) -> list[Candidate]:
    """Each bracketed form becomes, or marks the candidate already on its span as, an alias."""
    at = {(c.start, c.end): c for c in kept}
    for link in links:
        if (link.start, link.end) in at:
            at[(link.start, link.end)].kind, at[(link.start, link.end)].same_as = ORG, link.same_as
        else:
            kept.append(link)
    return kept


# French toponymy: "à Saint-Malo", "près de St-Ambroix" (spaCy often misses hyphenated towns)
_SAINT_PLACE = re.compile(r"\b(?:à|À|A|de|près de|vers|d['’])\s*((?:St|Ste|Saint|Sainte)-[A-ZÉ][\w'’-]*)")


def _rule_candidates(pid: str, text: str, outlet_names: list[str]) -> tuple[list[Candidate], list[Candidate]]:
    """Websites, institutions and the outlet's own names; plus the towns named inside institutions
    ('le tribunal de Tulle' is the organisation and the place Tulle)."""
    out = [Candidate(ORG, m.group(), pid, m.start(), m.end()) for m in DOMAIN_RE.finditer(text)]
    out += [Candidate(ORG, m.group("name"), pid, m.start("name"), m.end("name"))
            for rule in (MEDIA_AFTER_CUE_RE, NAME_AFTER_ORG_NOUN_RE) for m in rule.finditer(text)]
    towns = []
    for m in INSTITUTION_RE.finditer(text):
        out.append(Candidate(ORG, m.group(), pid, m.start(), m.end()))
        town = m.group("town")
        if town and fold(town) not in STATE_NOUNS and town.split()[0].lower() not in ROLE_NOUNS:
            towns.append(Candidate(PLACE, town, pid, m.start("town"), m.end("town")))
    towns += [Candidate(PLACE, m.group(1), pid, m.start(1), m.end(1)) for m in _SAINT_PLACE.finditer(text)]
    for name in outlet_names:
        for m in re.finditer(re.escape(name), text, flags=re.IGNORECASE):
            out.append(Candidate(ORG, m.group(), pid, m.start(), m.end()))
    return out, towns


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

    clubs: dict[str, Entity] = {}

    def find(c: Candidate) -> Entity | None:
        key = fold(c.text)
        if c.club:
            return clubs.get(key)
        if key in by_key:
            return by_key[key]
        if c.same_as and fold(c.same_as) in by_key:
            return by_key[fold(c.same_as)]
        base = _domain_base(c.text)
        for e in entities:
            if base and any(_domain_base(n) == base for n in {e.name, *e.aliases}):
                return e
            if c.kind == PERSON and e.kind == PERSON and same_person(c.text, e.name):
                return e  # "Roussel", "F. Roussel" are "Fabien Roussel" (the dossier's rule too)
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
            if c.club:
                clubs[fold(c.text)] = e
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
        if not c.club:
            by_key[fold(c.text)] = e
        e.mentions.append((c.paragraph, c.start, c.end))
        votes.setdefault(id(e), []).append(c.kind)
        if c.title:
            _take_title(e, c.title)
    # one name, read as a place in some sentences and an organisation in others ("la commune de
    # Saint Malo a porté plainte" / "à Saint-Malo"): the reading of most mentions wins, ties go to
    # the place; websites stay organisations
    for e in entities:
        kinds = votes.get(id(e), [])
        if e.kind in {ORG, PLACE} and not any(DOMAIN_RE.fullmatch(n) for n in {e.name, *e.aliases}):
            n_place, n_org = kinds.count(PLACE), kinds.count(ORG)
            if n_place and n_org:
                e.kind = PLACE if n_place >= n_org else ORG
    return _fold_short_forms(entities)


_FEMININE_CIVILITIES = {"mme", "mmes", "madame", "mlle", "mlles", "mademoiselle"}


def _take_title(e: Entity, title: str) -> None:
    """A civility says the gender ('Mme'); a title is also a role ('Me', 'le général')."""
    words = [fold(w).rstrip(".") for w in title.split() if fold(w).rstrip(".") not in {"le", "la", "l'"}]
    if words and e.gender is None and words[0] in CIVILITIES:
        e.gender = "f" if words[0] in _FEMININE_CIVILITIES else "m"
    role = " ".join(w for w in title.split() if fold(w).rstrip(".") not in CIVILITIES | {"le", "la", "l'"})
    if role and role not in e.roles:
        e.roles.append(role)


def _fold_short_forms(entities: list[Entity]) -> list[Entity]:
    """Short forms spaCy typed apart: a surname alone ('Macron' as a place) is the person who bears
    it; a lone head word ('Assemblée', 'Festival') is the one organisation it begins."""
    people = [e for e in entities if e.kind == PERSON and len(person_tokens(e.name)) >= 2]
    orgs = [e for e in entities if e.kind == ORG and len(e.name.split()) >= 2]
    kept = []
    for e in entities:
        target = None
        if e.kind != PERSON and " " not in e.name and not ACRONYM.fullmatch(e.name) and not is_known_place(e.name):
            owners = [p for p in people if person_tokens(p.name)[-1] == person_tokens(e.name)[-1]]
            heads = [o for o in orgs if e.kind == ORG and fold(o.name.split()[0]) == fold(e.name)]
            target = (owners or heads)[0] if len(owners or heads) == 1 else None
        if target is None:
            kept.append(e)
            continue
        target.aliases.add(e.name)
        target.mentions.extend(e.mentions)
    return kept


# --------------------------------------------------------------------------- index


def build_index(article: Article, docs: list[Doc]) -> EntityIndex:
    outlets = outlet_names(article.outlet)
    candidates: list[Candidate] = []
    for n, (para, doc) in enumerate(zip(article.paragraphs, docs)):
        rules, towns = _rule_candidates(para.id, para.text, outlets)
        kept = _drop_overlaps(_spacy_candidates(para.id, doc, para.text) + rules)
        kept = _link_acronyms(kept, _acronym_links(para.id, para.text, kept))
        for c in kept + _enumerated(para.id, para.text, kept) + towns:
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
