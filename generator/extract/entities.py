"""People, organisations and places: spaCy's entities, cleaned and merged by general rules.

spaCy's French models mislabel a lot in news text (job titles as organisations, a regulator
as a place, a sentence-initial verb as a place, a newspaper glued to a person's name). This
module keeps spaCy as the candidate source and fixes its output with rules about *how French
names a thing*: websites by their domain, institutions by their head noun ("parquet de Paris"),
places by the preposition before them ("à Dijon"), roles by appositions ("X, ministre de …").

The result is an `EntityIndex`: canonical entities plus every mention with its span, which the
quote and claim extractors use to resolve a speaker ("le député du Nord", "elle").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from babel import Locale
from spacy.tokens import Doc, Span

from ..model import Article, Mention, Organisation, Person, Place, Source
from .lexicon import (
    CUE_FORMS,
    INSTITUTION_NOUNS,
    LOCATIVE_BEFORE,
    MEDIA_NOUNS,
    ROLE_NOUNS,
    SUBJECT_PRONOUNS,
)

PERSON, ORG, PLACE = "person", "org", "place"

DOMAIN_RE = re.compile(r"\b(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+(?:gg|fr|com|net|org|io|eu|tv|info|be|ch|ca|app)\b")
INSTITUTION_RE = re.compile(
    r"\b(?:(?:parquet|tribunal|cour|préfecture|mairie)(?: (?:national|judiciaire|correctionnel|administratif|"
    r"d['’]appel|de police|financier))?(?: (?:de|du|d['’]) ?[A-ZÉÈ][\w-]+(?: [A-ZÉÈ][\w-]+)?)"
    r"|(?:gendarmerie|police) (?:nationale|municipale|judiciaire)"
    r"|direction (?:générale|départementale|régionale|centrale)(?: (?:des|de la|du|de l['’]) [a-zéèêàç][\w'’-]*"
    r"(?: (?:(?:et|de|des|du|de la) )?(?!(?:et|la|le|les|l['’])\b)[a-zéèêàç][\w'’-]*)*))"
)
APOSTROPHE = "'’"


def fold(text: str) -> str:
    """Case-, accent-, hyphen- and apostrophe-insensitive key for merging name variants."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[’‘`]", "'", text).casefold()
    return re.sub(r"[\s\-‐]+", " ", text).strip(" .,;:·")


def _territories() -> frozenset[str]:
    names = set(Locale("fr").territories.values())
    return frozenset(fold(n) for n in names)


TERRITORIES = _territories()


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


def _strip_determiner(text: str, start: int) -> tuple[str, int]:
    """'du Nord' -> 'Nord', "l'Arcom" -> 'Arcom'; a capitalised article belongs to the name
    ('Le Parisien', 'La Croix'), since spaCy leaves ordinary determiners outside its entities."""
    for det in ("de la ", "de l'", "de l’", "du ", "des ", "le ", "la ", "les ", "l'", "l’", "au ", "aux ", "d'", "d’"):
        if text.startswith(det) and len(text) > len(det):
            return text[len(det):], start + len(det)
    return text, start


def _preceding_words(text: str, start: int, n: int = 3) -> str:
    return " ".join(text[:start].split()[-n:]).lower()


def _is_locative(text: str, start: int) -> bool:
    before = _preceding_words(text, start, 2)
    last = before.split()[-1] if before else ""
    last = last.rstrip(APOSTROPHE)
    return last in {"à", "en", "au", "aux", "vers"} or any(before.endswith(p) for p in LOCATIVE_BEFORE if " " in p)


def _is_subject_like(span: Span) -> bool:
    return any(t.dep_.startswith("nsubj") for t in span) or _preceding_words(span.doc.text, span.start_char, 1) == "par"


def _classify(span: Span, text: str, start: int) -> str | None:
    """Decide person / org / place for one spaCy entity, or None to drop it."""
    label = span.label_
    doc_text = span.doc.text
    tokens = [t for t in span if not t.is_punct]
    if not tokens or not any(c.isalpha() for c in text):
        return None
    if DOMAIN_RE.fullmatch(text):
        return ORG
    if len(text) < 2 or text[0].islower():
        return None
    if all(not t.pos_ == "PROPN" for t in tokens) and tokens[0].is_sent_start and len(tokens) == 1:
        return None  # a capitalised common word opening a sentence ("Blocage", "Contacté")
    if tokens[0].lower_ in ROLE_NOUNS or tokens[0].lower_ in {"état"}:
        return None  # a job title is a role, not an organisation or a place
    before = _preceding_words(doc_text, span.start_char, 1)
    if before.endswith(("d'", "d’")) and label != "PER":
        return None  # "secrétaire d'État", "coup d'État": part of a phrase
    if label == "PER":
        if any(c.isdigit() for c in text) or text.isupper():
            return None
        return PERSON
    if tokens[0].lower_ in MEDIA_NOUNS:
        return ORG
    if fold(text) in TERRITORIES or _is_locative(doc_text, span.start_char):
        return PLACE
    if label == "ORG":
        return ORG
    if label == "LOC":
        return ORG if _is_subject_like(span) and not _is_locative(doc_text, span.start_char) and _looks_like_org(span) else PLACE
    return None  # MISC without a cue: too noisy to keep


def _looks_like_org(span: Span) -> bool:
    """A 'place' that acts (subject of a verb, agent after 'par') and is no known territory."""
    return fold(span.text) not in TERRITORIES


def _split_glued_person(span: Span) -> list[tuple[str, Span]]:
    """'Journal du dimanche Marina Ferrari' -> media 'Journal du dimanche' + person 'Marina Ferrari'."""
    toks = list(span)
    if len(toks) >= 4 and toks[-1].pos_ == "PROPN" and toks[-2].pos_ == "PROPN" and toks[-2].text[0].isupper():
        head = span.doc[span.start : span.end - 2]
        if any(t.text[0].islower() for t in head):
            return [("head", head), (PERSON, span.doc[span.end - 2 : span.end])]
    # "confie à Ouest-France Maëlle Quéré": after "à"/"auprès de", a name glued to the outlet
    # the words were given to; the outlet is the addressee, the last two words the person
    if (span.label_ == "PER" and len(toks) >= 3 and all(t.pos_ == "PROPN" for t in toks[-2:])
            and "-" in toks[0].text and _preceding_words(span.doc.text, span.start_char, 2).endswith(("à", "auprès de", "auprès du"))):
        head = span.doc[span.start : span.end - 2]
        return [("head", head), (PERSON, span.doc[span.end - 2 : span.end])]
    return [("whole", span)]


def _spacy_candidates(pid: str, doc: Doc) -> list[Candidate]:
    out = []
    for ent in doc.ents:
        for part, span in _split_glued_person(ent):
            if "\n" in span.text:
                continue
            text, start = _strip_determiner(span.text, span.start_char)
            text = text.strip(" ,.;:")
            kind = PERSON if part == PERSON else _classify(span, text, start)
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


# --------------------------------------------------------------------------- roles


ROLE_EXTEND = {"de", "du", "des", "d'", "d’", "au", "aux", "à", "la", "le", "l'", "l’", "les"}


def _role_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """Job-title phrases: a role noun, its adjectives and one or two 'de …' complements."""
    spans = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if tok.lower_ in ROLE_NOUNS and tok.pos_ in {"NOUN", "PROPN", "ADJ"}:
            j = i + 1
            complements = 0
            while j < len(doc):
                t = doc[j]
                if t.pos_ == "ADJ" and t.text[0].islower() and t.lower_ not in CUE_FORMS:
                    j += 1
                    continue
                if t.lower_ in ROLE_EXTEND and complements < 2 and j + 1 < len(doc):
                    k = j
                    while k < len(doc) and doc[k].lower_ in ROLE_EXTEND:
                        k += 1
                    if k < len(doc) and doc[k].pos_ in {"NOUN", "PROPN"} and doc[k].lower_ not in {"site", "lettre"}:
                        j = k + 1
                        complements += 1
                        continue
                break
            start = i
            if i > 0 and doc[i - 1].lower_ in {"le", "la", "l'", "l’", "ce", "cette"}:
                start = i - 1
            spans.append((doc[start].idx, doc[j - 1].idx + len(doc[j - 1].text), doc[i:j].text))
            i = j
        else:
            i += 1
    return spans


def _bind_roles(pid: str, doc: Doc, roles: list[tuple[int, int, str]], people: list[Entity], text: str) -> dict[tuple[int, int], Entity]:
    """Appositions tie a role to a person: 'NAME, ROLE,' and 'ROLE NAME'."""
    bound: dict[tuple[int, int], Entity] = {}
    person_spans = [(s, e, ent) for ent in people for (p, s, e) in ent.mentions if p == pid]
    for rs, re_, role in roles:
        for ps, pe, ent in person_spans:
            gap = text[pe:rs]
            after = text[re_:ps]
            if re.fullmatch(r"\s*,\s*", gap) or re.fullmatch(r"\s+", after):
                bound[(rs, re_)] = ent
                ent.gender = ent.gender or role_gender(text[rs:re_])
                if role not in ent.roles:
                    ent.roles.append(role)
    return bound


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
        roles = _role_spans(doc)
        bound = _bind_roles(para.id, doc, roles, people, para.text)
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
    _resolve_roles(mentions, people, main)
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


def role_gender(phrase: str) -> str | None:
    """'la ministre' -> 'f', 'le député' -> 'm', 'l'élu' -> None (the article does not say)."""
    words = phrase.strip().lower().split()
    if not words:
        return None
    if words[0] in {"la", "cette"}:
        return "f"
    if words[0] in {"le", "ce", "du", "au"}:
        return "m"
    return None


def _role_key(role: str) -> str:
    return fold(re.sub(r"^(le|la|l['’]|ce|cette|du|au)\s*", "", role.strip(), flags=re.I))


def _resolve_roles(mentions: dict[str, list[MentionSpan]], people: list[Entity], main: Entity | None) -> None:
    """Give unbound role phrases a person: one already holding that role, else the main person."""
    for spans in mentions.values():
        for m in spans:
            if m.how != "role" or m.entity is not None:
                continue
            key = _role_key(m.text)
            holder = next((p for p in people if any(_role_key(r).startswith(key) or key.startswith(_role_key(r)) for r in p.roles)), None)
            definite = re.match(r"(?i)(le|la|l['’]|ce|cette)\b", m.text) is not None
            # only "le député", "la ministre" stand for someone: "au ministre" is an addressee,
            # "du propriétaire" a complement, a bare "victime" a predicate
            if holder is None and definite and main is not None and not any(_role_key(r) == key for p in people for r in p.roles):
                gender = role_gender(m.text)
                clash = gender is not None and main.gender is not None and gender != main.gender
                holder = main if not (clash or _conflicts(key, people, main)) else None
            m.entity = holder
            if holder is not None and holder.gender is None:
                holder.gender = role_gender(m.text)
            if holder is not None and m.text and _role_key(m.text) not in {_role_key(r) for r in holder.roles}:
                holder.roles.append(re.sub(r"^(le|la|l['’]|ce|cette|du|au)\s*", "", m.text, flags=re.I))


def _conflicts(key: str, people: list[Entity], main: Entity) -> bool:
    """A role whose head noun another person holds is not silently given to the main person."""
    head = key.split()[0] if key else ""
    return any(p is not main and any(_role_key(r).split()[:1] == [head] for r in p.roles) for p in people)


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
