"""Who said it: one explicit decision for every quotation and every claim.

A quotation's speaker is chosen in three steps (README, "How a quote gets its speaker"):

1. collect candidates, each from one French attribution pattern, with a strength that says how
   directly the grammar ties it to the words: the inverted subject of an incise (« … », a dit X /
   « … », poursuit-elle) 1.0; the subject of a cue verb before the quote (X explique que « … ») 0.95;
   "selon / d'après / pour X" 0.9; "X : « … »" 0.9; a speech noun ("le communiqué de X : « … »") 0.8;
   an incise elsewhere in the same sentence 0.85; a cue in the next sentence or an attribution line
   under a quote box 0.75; the speaker of the previous quote in the same passage 0.65;
2. make each candidate a speaker of the article or drop it: a person or organisation entity, given by
   its canonical name; a pronoun is resolved by gender and number to the last compatible speaker or
   person; a role phrase ("la présidente de l'association") only counts when it is bound to a person
   whose gender does not contradict it; an institution phrase ("le ministère des Affaires étrangères")
   is an organisation, and a later bare "le ministère" refers back to it; never a place, a bare role,
   a plural group or a pronoun nobody fits;
3. choose the strongest; below THRESHOLD, or when nothing is left, the speaker is null: a wrong
   speaker on an allegation is worse than none.

The patterns that find candidates are in `cues.py`; this module says who a candidate can be
and chooses. Claims use the same candidates (`cues.subject_of`, `cues.marker`) and checks.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..model import Paragraph
from .entities import ORG, PERSON, Entity, EntityIndex, MentionSpan, fold
from .lexicon import INSTITUTION_NOUNS
from .roles import role_gender

THRESHOLD = 0.6
STRENGTH = {"incise": 1.0, "cue": 0.95, "marker": 0.9, "colon": 0.9, "sentence": 0.85, "speech-noun": 0.8,
            "next-sentence": 0.75, "attribution-line": 0.75, "passage": 0.65}

OPENERS = {"«": "»", "“": "”", "‹": "›"}
SPACES = " \u00a0\u202f\t"
HONORIFICS = {"me": None, "maître": None, "m.": "m", "mr": "m", "monsieur": "m", "mme": "f", "madame": "f",
              "mlle": "f", "mademoiselle": "f", "dr": None, "pr": None}
# "la leader de la deuxième centrale syndicale, Sophie X": the role's complement, then the name
APPOSED_COMPLEMENT = re.compile(r"\s+(?:de|du|des|d['’])\s[^,;:.«»\"]{1,60},\s")
DEFINITE = {"le", "la", "l'", "l’", "ce", "cet", "cette"}
PLURAL_DETERMINERS = {"les", "des", "ces", "leurs", "plusieurs", "deux", "trois", "quatre", "certains", "certaines"}
TIME_WORDS = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "matin", "soir", "hier",
              "aujourd'hui", "aujourd’hui", "semaine", "mois", "année", "jour", "veille", "lendemain"}


# --------------------------------------------------------------------------- the passage being read


@dataclass
class ParagraphContext:
    para: Paragraph
    doc: Doc
    index: EntityIndex
    quotes: list  # QuoteSpan of the paragraph (objects with .open/.close)
    state: "SpeakerState"

    def tokens(self, start: int, end: int):
        """Tokens whose first character lies in [start, end), without walking the whole doc."""
        starts = self.__dict__.get("_starts")
        if starts is None:
            starts = self.__dict__["_starts"] = [t.idx for t in self.doc]
        return self.doc[bisect_left(starts, start) : bisect_left(starts, end)]

    def in_quote(self, pos: int) -> bool:
        return any(q.open <= pos <= q.close for q in self.quotes)

    def sentence_of(self, pos: int) -> tuple[int, int]:
        for s, e in self.para.sentences or [(0, len(self.para.text))]:
            if s <= pos < e:
                return s, e
        return 0, len(self.para.text)

    def mentions(self) -> list[MentionSpan]:
        return self.index.mentions.get(self.para.id, [])


@dataclass
class SpeakerState:
    """Who spoke last in the article, and the institutions that spoke (for "le ministère" later)."""

    texts: dict[str, str] = field(default_factory=dict)  # paragraph id -> text, for "Mme X"
    last: Entity | None = None
    history: list[Entity] = field(default_factory=list)
    genders: dict[str, str | None] = field(default_factory=dict)
    appositions: list[tuple[str, Entity]] | None = None  # (role key, person) stated by appositions

    def said(self, entity: Entity | None) -> None:
        if entity is not None:
            self.last = entity
            self.history.append(entity)


@dataclass
class Candidate:
    """One reading of who spoke: already a speaker of the article (entity), or None when the
    pattern matched but named nobody the article knows (kept so the cue is still recorded)."""

    entity: Entity | None
    how: str
    cue: str | None = None

    @property
    def strength(self) -> float:
        return STRENGTH[self.how] if self.entity is not None else 0.0


def choose(candidates: list[Candidate | None]) -> Candidate | None:
    """The strongest candidate that names a speaker; None when none reaches THRESHOLD."""
    named = [c for c in candidates if c is not None and c.strength >= THRESHOLD]
    return max(named, key=lambda c: c.strength) if named else None


# --------------------------------------------------------------------------- gender and number


@lru_cache(maxsize=1)
def _first_names():
    import gender_guesser.detector as detector  # a 40,000-name list; loaded once, on first need

    return detector.Detector(case_sensitive=False)


@lru_cache(maxsize=4096)
def first_name_gender(first: str) -> str | None:
    guess = _first_names().get_gender(first.split("-")[0], "france")
    if guess in {"andy", "unknown"}:
        guess = _first_names().get_gender(first.split("-")[0])
    return {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f"}.get(guess)


def gender_of(entity: Entity, state: "SpeakerState") -> str | None:
    """m / f from the honorific before a mention ("Mme X"), else the first name; None when unknown.
    An organisation's from the determiner before its name ("la CGT", "le parquet")."""
    if entity.id in state.genders:
        return state.genders[entity.id]
    gender = None
    for pid, s, _ in entity.mentions:
        before = state.texts.get(pid, "")[max(0, s - 12) : s].lower().split()
        if before and entity.kind == PERSON and HONORIFICS.get(before[-1]):
            gender = HONORIFICS[before[-1]]
            break
        if before and entity.kind == ORG and before[-1] in {"la", "le"}:
            gender = "f" if before[-1] == "la" else "m"
            break
    words = entity.name.split()
    if gender is None and entity.kind == PERSON and len(words) >= 2:
        gender = first_name_gender(words[0])
    if entity.id:
        state.genders[entity.id] = gender
    return gender


def compatible(entity: Entity, gender: str | None, state: "SpeakerState") -> bool:
    known = gender_of(entity, state)
    return gender is None or known is None or known == gender


def resolve_pronoun(ctx: ParagraphContext, pos: int, form: str) -> Entity | None:
    """"elle", "poursuit-il": the last speaker if gender fits, else the last person named before who
    fits; a plural pronoun ("ils") names no single speaker."""
    word = form.lower().lstrip("-").removeprefix("t-")
    if word not in {"il", "elle"}:
        return None
    gender = "f" if word == "elle" else "m"
    pool = ([ctx.state.last] if ctx.state.last is not None else []) + _persons_before(ctx, pos)
    sure = [e for e in pool if gender_of(e, ctx.state) == gender]
    maybe = [e for e in pool if compatible(e, gender, ctx.state)]
    if sure and maybe and sure[0] is not maybe[0] and maybe[0] is ctx.state.last:
        return sure[0]  # the last speaker's gender is unknown, someone just named fits for sure
    return maybe[0] if maybe else None


def _persons_before(ctx: ParagraphContext, pos: int) -> list[Entity]:
    """People named before `pos` (this paragraph, then earlier ones), most recent first, outside quotes."""
    pids = list(ctx.index.mentions)
    here = pids.index(ctx.para.id) if ctx.para.id in pids else len(pids)
    seen: list[Entity] = []
    for k in range(min(here, len(pids) - 1), -1, -1):
        for m in reversed(ctx.index.mentions[pids[k]]):
            if k == here and (m.end > pos or ctx.in_quote(m.start)):
                continue
            e = m.entity
            if m.how == "name" and e is not None and e.kind == PERSON and e not in seen:
                seen.append(e)
    return seen


# --------------------------------------------------------------------------- mentions as speakers


def mention_at(ctx: ParagraphContext, start: int, end: int) -> MentionSpan | None:
    for m in ctx.mentions():
        if m.start < end and start < m.end:
            return m
    return None


def as_speaker(ctx: ParagraphContext, m: MentionSpan) -> Entity | None:
    """A mention as a speaker of the article, or None: pronouns resolved by gender, roles only when
    bound to a person they fit, never a place."""
    if m.how == "pronoun":
        return resolve_pronoun(ctx, m.start, m.text)
    if m.how == "role":
        return role_speaker(ctx, m)
    entity = m.entity
    return entity if entity is not None and entity.kind in {PERSON, ORG} else None


def role_speaker(ctx: ParagraphContext, m: MentionSpan | None, phrase: str | None = None) -> Entity | None:
    """"la présidente de l'association", "le Fribourgeois": the person it is apposed to here or where
    the same role was given ("X, présidente de …"); else, for a definite phrase only, the last speaker
    when it fits them (gender, and no one else is given that role). Never a plural ("les avocats")
    or indefinite ("un enquêteur") phrase; "son avocat" is someone else's lawyer, not the last speaker."""
    phrase = m.text if m is not None else phrase or ""
    det = _determiner(ctx, m, phrase)
    if det in PLURAL_DETERMINERS or det in {"un", "une"}:
        return None
    gender = role_gender(phrase)
    bound = _apposed(ctx, m, phrase)
    if bound is not None:
        return bound if compatible(bound, gender, ctx.state) else None
    if det not in DEFINITE:
        return None
    head = _role_key(phrase).split()[:1]
    last = ctx.state.last
    if last is None or last.kind != PERSON or not compatible(last, gender, ctx.state):
        last = _only_fitting_person_before(ctx, m.start if m is not None else None, gender)
    others = [p for k, p in _appositions(ctx) if p is not last and k.split()[:1] == head]
    return None if last is None or others else last


def _determiner(ctx: ParagraphContext, m: MentionSpan | None, phrase: str) -> str:
    """The phrase's determiner, its own first word or the word written before the mention."""
    first = phrase.split()[0].lower() if phrase.split() else ""
    if first in DEFINITE or first in PLURAL_DETERMINERS or first in {"un", "une", "son", "sa", "ses", "leur"}:
        return first
    if first[:2] in {"l'", "l’"}:
        return "l'"
    before = ctx.para.text[: m.start].split()[-1:] if m is not None else []
    return before[0].lower() if before else ""


def _only_fitting_person_before(ctx: ParagraphContext, pos: int | None, gender: str | None) -> Entity | None:
    """"Au retour de X, Y devra …, a indiqué le chef de l'État": the one person named earlier in the
    sentence whose gender fits the role (known on both sides), else nobody."""
    if pos is None or gender is None:
        return None
    start, _ = ctx.sentence_of(pos)
    named = {id(m.entity): m.entity for m in ctx.mentions() if m.how == "name" and start <= m.start < pos
             and m.entity is not None and m.entity.kind == PERSON and not ctx.in_quote(m.start)}
    fits = [e for e in named.values() if gender_of(e, ctx.state) == gender]
    return fits[0] if len(fits) == 1 else None


def _role_key(role: str) -> str:
    return fold(re.sub(r"^(le|la|l['’]|ce|cette|du|au)\s*", "", role.strip(), flags=re.I))


def _adjacent_name(spans: list[MentionSpan], k: int, text: str) -> Entity | None:
    """The person named right before or after the role at spans[k] ("X, ROLE" / "ROLE X" / "ROLE, X")."""
    r = spans[k]
    after_marker = re.search(r"(?i)\b(?:pour|selon|d['’]après)\s*$", text[: r.start]) is not None
    for n in (spans[k - 1] if k else None, spans[k + 1] if k + 1 < len(spans) else None):
        if n is None or n.how != "name" or n.entity is None or n.entity.kind != PERSON:
            continue
        if after_marker and not text[n.end : n.end + 1] == ",":
            continue  # "Pour le président du département, X devrait …": the comma closed the marker
        gap = text[n.end : r.start] if n.end <= r.start else text[r.end : n.start]
        if re.fullmatch(r"[\s,]{1,3}", gap) or (n.start > r.end and APPOSED_COMPLEMENT.fullmatch(gap)):
            return n.entity
    return None


def _appositions(ctx: ParagraphContext) -> list[tuple[str, Entity]]:
    """Every (role key, person) an apposition states in the article, computed once per article."""
    if ctx.state.appositions is None:
        ctx.state.appositions = []
        for pid, spans in ctx.index.mentions.items():
            text = ctx.state.texts.get(pid, "")
            for k, r in enumerate(spans):
                person = _adjacent_name(spans, k, text) if r.how == "role" else None
                if person is not None:
                    ctx.state.appositions.append((_role_key(r.text), person))
    return ctx.state.appositions


def _apposed(ctx: ParagraphContext, m: MentionSpan | None, phrase: str) -> Entity | None:
    spans = ctx.mentions()
    here = _adjacent_name(spans, spans.index(m), ctx.para.text) if m in spans else None
    if here is not None:
        return here
    key = _role_key(phrase)
    holders = {id(p): p for k, p in _appositions(ctx) if k and key and (k.startswith(key) or key.startswith(k))}
    return next(iter(holders.values())) if len(holders) == 1 else None


def institution(ctx: ParagraphContext, phrase: str) -> Entity | None:
    """"le ministère des Affaires étrangères" as an organisation; a bare "le ministère" is the one
    that spoke before, else the organisation of the article whose name starts with that noun."""
    words = phrase.split()
    if not words:
        return None
    det = words[0].lower()
    if det in PLURAL_DETERMINERS:
        return None
    body = words[1:] if det in {"le", "la", "l'", "l’"} else words
    if body and body[0].lower().startswith(("l'", "l’")):
        body = [body[0][2:], *body[1:]]
    elif det.startswith(("l'", "l’")):
        body = [words[0][2:], *words[1:]]
    if not body or body[0].lower() not in INSTITUTION_NOUNS:
        return None
    head = fold(body[0])
    known = [e for e in reversed(ctx.state.history) if e.kind == ORG and fold(e.name).split()[:1] == [head]]
    known += [e for e in ctx.index.by_kind(ORG) if fold(e.name).split()[:1] == [head]]
    if len(body) == 1:
        return known[0] if known else None
    name = " ".join(body).rstrip(" ,.;:")
    return next((e for e in known if fold(e.name) == fold(name)), None) or Entity(ORG, name)


def institution_at(ctx: ParagraphContext, tok: Token) -> Entity | None:
    """The subject phrase whose head is `tok`, read as an institution (its complements included)."""
    if tok.lower_ not in INSTITUTION_NOUNS or ctx.in_quote(tok.idx):
        return None
    entity = institution(ctx, noun_phrase(tok))
    if entity is None and tok.i and tok.doc[tok.i - 1].lower_ in {"le", "la", "l'", "l’"}:
        last = ctx.state.last
        if last is not None and last.kind == ORG and tok.lower_ in {"autorité", "régulateur", "institution"}:
            return last
    return entity


def noun_phrase(tok: Token) -> str:
    """The noun phrase headed by `tok`, with its determiner and "de …" complements, cut before a
    comma, a date ("ce jeudi 27 février") or anything the parser hung outside it."""
    sub = list(tok.subtree)
    start = next((k for k, t in enumerate(sub) if t.i >= tok.i - 2 and (t.i == tok.i or t.dep_ == "det")), 0)
    words = []
    for t in sub[start:]:
        if t.i > tok.i and (t.text == "," or t.lower_ in TIME_WORDS or t.pos_ in {"NUM", "VERB", "PRON"}
                            or (t.pos_ == "ADP" and t.lower_ not in {"de", "d'", "d’", "du", "des"})
                            or (t.dep_ == "det" and t.lower_ in {"ce", "cet", "cette"})):
            break
        words.append(t)
    last = words[-1]
    while len(words) > 1 and words[-1].pos_ in {"ADP", "DET"}:
        words.pop()
        last = words[-1]
    return tok.doc.text[words[0].idx : last.idx + len(last.text)]


