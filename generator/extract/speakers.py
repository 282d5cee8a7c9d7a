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

Claims use the same candidates (`subject_of`, `marker`) and the same checks (`as_speaker`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..model import Paragraph
from .entities import ORG, PERSON, Entity, EntityIndex, MentionSpan, fold
from .roles import role_gender
from .lexicon import (
    CUE_FORMS,
    CUE_LEMMAS,
    INCISE_CUE_FORMS,
    INCISE_CUE_LEMMAS,
    INSTITUTION_NOUNS,
    SPEECH_NOUNS,
    VOICE_NOUNS,
)

THRESHOLD = 0.6
ANY_CUE_LEMMAS, ANY_CUE_FORMS = CUE_LEMMAS | INCISE_CUE_LEMMAS, CUE_FORMS | INCISE_CUE_FORMS
STRENGTH = {"incise": 1.0, "cue": 0.95, "marker": 0.9, "colon": 0.9, "sentence": 0.85, "speech-noun": 0.8,
            "next-sentence": 0.75, "attribution-line": 0.75, "passage": 0.65}

OPENERS = {"«": "»", "“": "”", "‹": "›"}
SPACES = " \u00a0\u202f\t"
DETERMINER_WORDS = {"le", "la", "les", "l'", "l’", "un", "une", "des", "du", "ce", "cet", "cette", "ces", "son", "sa",
                    "ses", "leur", "au"}
ADDRESSEE_BEFORE = ("auprès de", "auprès du", "auprès des", "à", "au", "aux", "dans", "sur", "devant")
PRONOUN_FORMS = {"il", "elle", "ils", "elles", "-il", "-elle", "-ils", "-elles", "-t-il", "-t-elle", "-t-ils",
                 "-t-elles"}
CLITICS = {"nous", "vous", "me", "m'", "m’", "lui", "leur", "t", "-t-il", "-t-elle", "encore", "aussi"}
HONORIFICS = {"me": None, "maître": None, "m.": "m", "mr": "m", "monsieur": "m", "mme": "f", "madame": "f",
              "mlle": "f", "mademoiselle": "f", "dr": None, "pr": None}
# "la leader de la deuxième centrale syndicale, Sophie X": the role's complement, then the name
APPOSED_COMPLEMENT = re.compile(r"\s+(?:de|du|des|d['’])\s[^,;:.«»\"]{1,60},\s")
# a demonym used as an epithet for the person just quoted: "le Fribourgeois", "la Lyonnaise"
DEMONYM = re.compile(r"(?:ois|oise|ais|aise|ien|ienne|ain|aine)$")
PLURAL_DETERMINERS = {"les", "des", "ces", "leurs", "plusieurs", "deux", "trois", "quatre", "certains", "certaines"}
COMPLEMENT_DEPS = {"nmod", "obl", "obl:arg", "obl:mod", "acl", "acl:relcl", "advcl", "obj", "iobj"}
# "faire" reports speech with these: "fait savoir", "fait valoir", "fait remarquer" (the tagger
# often reads "fait" as a noun, so its forms are listed)
FAIRE_CUES = {"savoir", "valoir", "remarquer", "observer", "part"}
FAIRE_FORMS = {"fait", "font", "faisait", "faisaient", "fera", "feront", "faire", "fasse"}
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


# --------------------------------------------------------------------------- cue verbs


def cue_text(tok: Token) -> str:
    """The cue as written, with its auxiliary and reflexive pronoun: "a souligné", "s'insurge"."""
    doc = tok.doc
    start = tok.i
    while start > 0 and (doc[start - 1].pos_ == "AUX" or doc[start - 1].lower_ in {"s'", "s’", "se"}):
        start -= 1
    end = tok.i + 1
    if _faire_cue(tok):
        end += 1
    return doc[start:end].text


def is_cue(tok: Token, incise: bool = False) -> bool:
    """A verb of saying, by lemma, or by its written form when the tagger got it wrong
    ("déplore" tagged as an adjective); never a noun after a determiner ("un reproche").
    Right after a quote (`incise`) a few narrating verbs report speech too: "reprend-elle"."""
    if tok.pos_ == "AUX" or tok.is_punct:
        return False
    doc = tok.doc
    prev = doc[tok.i - 1].lower_ if tok.i else ""
    if prev == "été" or any(c.dep_ == "aux:pass" for c in tok.children):
        return False  # passive: "ils ont été jugés pour « … »" reports no speech
    if _faire_cue(tok):
        return True
    lemmas, forms = (ANY_CUE_LEMMAS, ANY_CUE_FORMS) if incise else (CUE_LEMMAS, CUE_FORMS)
    if tok.pos_ == "VERB" and tok.lemma_.lower() in lemmas:
        return True
    return tok.lower_ in forms and prev not in DETERMINER_WORDS


def _faire_cue(tok: Token) -> bool:
    doc = tok.doc
    return tok.lower_ in FAIRE_FORMS and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in FAIRE_CUES


def is_participle_cue(tok: Token) -> bool:
    """"disant", "ajoutant": a present participle reports the main clause's subject, never an incise."""
    return tok.lower_.endswith("ant") and "Part" in tok.morph.get("VerbForm")


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
    the same role was given ("X, présidente de …"); else the last speaker, when it fits them (gender,
    and no one else is given that role); never a plural ("les avocats") or an indefinite ("un
    enquêteur") phrase."""
    phrase = m.text if m is not None else phrase or ""
    words = phrase.lower().split()
    if not words or words[0] in PLURAL_DETERMINERS or words[0] in {"un", "une"}:
        return None
    gender = role_gender(phrase)
    bound = _apposed(ctx, m, phrase)
    if bound is not None:
        return bound if compatible(bound, gender, ctx.state) else None
    head = _role_key(phrase).split()[:1]
    last = ctx.state.last
    if last is None or last.kind != PERSON or not compatible(last, gender, ctx.state):
        last = _only_fitting_person_before(ctx, m.start if m is not None else None, gender)
    others = [p for k, p in _appositions(ctx) if p is not last and k.split()[:1] == head]
    return None if last is None or others else last


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
    if re.search(r"(?i)\b(?:pour|selon|d['’]après)\s*$", text[: r.start]):
        return None  # "Pour le président du département, X devrait …": the comma closes the marker
    for n in (spans[k - 1] if k else None, spans[k + 1] if k + 1 < len(spans) else None):
        if n is None or n.how != "name" or n.entity is None or n.entity.kind != PERSON:
            continue
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


def _institution_token(ctx: ParagraphContext, tok: Token) -> Entity | None:
    """The subject phrase whose head is `tok`, read as an institution (its complements included)."""
    if tok.lower_ not in INSTITUTION_NOUNS or ctx.in_quote(tok.idx):
        return None
    entity = institution(ctx, _noun_phrase(tok))
    if entity is None and tok.i and tok.doc[tok.i - 1].lower_ in {"le", "la", "l'", "l’"}:
        last = ctx.state.last
        if last is not None and last.kind == ORG and tok.lower_ in {"autorité", "régulateur", "institution"}:
            return last
    return entity


def _noun_phrase(tok: Token) -> str:
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


def _is_addressee(text: str, start: int) -> bool:
    head = text[max(0, start - 12) : start].lower().rstrip()
    head = re.sub(r"\b(le|la|les|l['’])$", "", head).rstrip()
    return any(head.endswith(" " + a) or head == a for a in ADDRESSEE_BEFORE)


# --------------------------------------------------------------------------- candidate sources


def subject_of(ctx: ParagraphContext, verb: Token, lo: int) -> Candidate | None:
    """The cue verb's subject: the inverted one of an incise, the parser's nsubj (its head word, not a
    complement: "la centrale de Montreuil" is not Montreuil), else the nearest mention before the verb."""
    text = ctx.para.text
    cue = cue_text(verb)
    if is_participle_cue(verb):
        head = verb.head
        return subject_of(ctx, head, lo) if head is not verb and is_cue(head) else None
    if _is_incise(verb):
        comma = text.find(",", verb.idx)
        found = _after_verb(ctx, verb, comma if comma > 0 else ctx.sentence_of(verb.idx)[1])
        if found is not None:
            return found
    subjects = [c for c in verb.children if c.dep_.startswith("nsubj")]
    if not subjects and verb.dep_ in {"xcomp", "conj"}:
        subjects = [c for c in verb.head.children if c.dep_.startswith("nsubj")]  # the parser hung it lower
    for subj in subjects:
        if subj.idx < lo or ctx.in_quote(subj.idx):
            continue
        if subj.lower_ == "qui":
            prev = [m for m in ctx.mentions() if m.end <= subj.idx and m.start >= lo and m.how != "pronoun"]
            return Candidate(as_speaker(ctx, prev[-1]) if prev else ctx.state.last, "cue", cue)
        if subj.lower_ in {"nous", "on", "je", "tu", "vous"}:
            continue
        m = _head_mention(ctx, subj)
        if m is not None:
            return Candidate(as_speaker(ctx, m), "cue", cue)
        return Candidate(_institution_token(ctx, subj), "cue", cue)
    before = [m for m in ctx.mentions() if lo <= m.start and m.end <= verb.idx and not ctx.in_quote(m.start)]
    before = [m for m in before if not _is_addressee(text, m.start)]
    if before and _right_before(ctx, before[-1], verb):
        return Candidate(as_speaker(ctx, before[-1]), "cue", cue)
    return None


def _right_before(ctx: ParagraphContext, m: MentionSpan, verb: Token) -> bool:
    """The parser found no subject: a mention counts only when nothing but commas, clitics,
    auxiliaries or adverbs separates it from the verb ("X, ministre, a dit"; not "X et lui a dit")."""
    between = [t for t in ctx.tokens(m.end, verb.idx) if t.i < verb.i]
    return all(t.text == "," or t.pos_ in {"AUX", "ADV"} or t.lower_ in CLITICS for t in between)


def _head_mention(ctx: ParagraphContext, subj: Token) -> MentionSpan | None:
    """The mention that is the subject itself or stands in apposition to it, not one inside a
    complement ("de Montreuil", "du ministre") or a relative clause; but "les services du parquet"
    and "le porte-parole du ministère" speak for the body they name."""
    skip: set[int] = set()
    for child in subj.children:
        if child.dep_ in COMPLEMENT_DEPS and not (subj.lower_ in VOICE_NOUNS and child.dep_ == "nmod"):
            skip |= {t.i for t in child.subtree}
    for tok in subj.subtree:
        if tok.i in skip or ctx.in_quote(tok.idx):
            continue
        m = mention_at(ctx, tok.idx, tok.idx + len(tok.text))
        if m is not None:
            return m
    return None


def _is_incise(verb: Token) -> bool:
    """', nous précisent les services du parquet,': a cue right after a comma has its subject after it."""
    k = verb.i - 1
    while k >= 0 and (verb.doc[k].lower_ in CLITICS or verb.doc[k].pos_ == "AUX"):
        k -= 1
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if nxt is not None and (nxt.lower_ in {"que", "qu'", "qu’", ":"} or nxt.text in OPENERS or nxt.text == '"'):
        return False  # "X, ministre, explique que « … »": the subject came before
    j = verb.i + 1
    while j < len(verb.doc) and verb.doc[j].pos_ == "ADV":
        j += 1
    if j < len(verb.doc) and verb.doc[j].pos_ not in {"DET", "PROPN", "NOUN"}:
        return False  # "X, la présidente du festival, a prévenu dans …": no subject after the verb
    return k >= 0 and verb.doc[k].text == ","


def _after_verb(ctx: ParagraphContext, verb: Token, hi: int) -> Candidate | None:
    """Inverted subject of an incise, the first noun phrase after the verb that is no addressee or
    date: « … », souligne le parquet / détaille auprès de X le parquet / fait savoir le ministère."""
    text = ctx.para.text
    cue = cue_text(verb)
    for tok in ctx.tokens(verb.idx + 1, hi):
        if tok.i <= verb.i or ctx.in_quote(tok.idx) or (tok.i == verb.i + 1 and _faire_cue(verb)):
            continue
        if tok.text in OPENERS or tok.text == '"':
            break
        if tok.pos_ not in {"NOUN", "PROPN", "PRON"} or tok.lower_ in TIME_WORDS or _is_addressee(text, tok.idx):
            continue
        m = mention_at(ctx, tok.idx, tok.idx + len(tok.text))
        if m is not None and m.how == "name" and DEMONYM.search(m.text) and _definite_before(text, m.start):
            return Candidate(role_speaker(ctx, None, _noun_phrase(tok)), "incise", cue)  # "le Fribourgeois"
        if m is not None and not _is_addressee(text, m.start):
            return Candidate(as_speaker(ctx, m), "incise", cue)
        if tok.pos_ == "PRON":
            continue
        body = _institution_token(ctx, tok)
        m = _head_mention(ctx, tok) if body is None else None  # "le proviseur Dominique X"
        if m is not None:
            return Candidate(as_speaker(ctx, m), "incise", cue)
        if body is None and (tok.pos_ == "NOUN" or tok.text[:1].isupper()):  # "a rappelé le Fribourgeois"
            body = role_speaker(ctx, None, _noun_phrase(tok))
        return Candidate(body, "incise", cue)
    return None


def colon_after(ctx: ParagraphContext, q) -> Candidate | None:
    """«…» : X a prévenu que …: a quote put before a colon is the words of the clause's speaker."""
    text = ctx.para.text
    after = text[q.close + 1 :]
    if not after.lstrip(SPACES).startswith(":"):
        return None
    lo = q.close + 1 + after.index(":") + 1
    _, sent_end = ctx.sentence_of(q.open)
    for verb in ctx.tokens(lo, sent_end):
        if ctx.in_quote(verb.idx):
            break
        if is_cue(verb):
            return subject_of(ctx, verb, lo)
    return None


def _definite_before(text: str, start: int) -> bool:
    return re.search(r"(?i)\b(?:le|la|l['’])\s*$", text[:start]) is not None


def trailing_incise(ctx: ParagraphContext, q) -> Candidate | None:
    """«…» qui est concrète, a-t-il souligné: an incise closing the sentence after a comma."""
    _, sent_end = ctx.sentence_of(q.open)
    text = ctx.para.text
    comma = text.rfind(",", q.close, sent_end)
    if comma < 0 or ctx.in_quote(comma) or any(q.close < o.open < sent_end for o in ctx.quotes):
        return None
    return incise(ctx, type(q)(comma, comma, 0), sent_end)


def incise(ctx: ParagraphContext, q, hi: int) -> Candidate | None:
    """« … », a souligné X  /  « … » poursuit-elle: a cue among the first words after the quote."""
    words = [t for t in ctx.tokens(q.close + 1, hi) if not t.is_punct]
    for n, tok in enumerate(words[:6]):
        if is_cue(tok, incise=True) and not is_participle_cue(tok):
            pron = [w for w in words[: n + 3] if w.lower_ in PRONOUN_FORMS and (w.i <= tok.i or w.text.startswith("-"))]
            if pron:
                return Candidate(resolve_pronoun(ctx, pron[0].idx, pron[0].text), "incise", cue_text(tok))
            return _after_verb(ctx, tok, hi) or Candidate(None, "incise", cue_text(tok))
        if tok.pos_ not in {"AUX", "ADV", "PRON"} and tok.lower_ not in {"t", "-t", "-t-il", "-t-elle"}:
            break
    return None


def marker(ctx: ParagraphContext, lo: int, hi: int) -> Candidate | None:
    """Selon X, … / D'après X, … / Pour X, … (for "pour", only with the comma right after X)."""
    text = ctx.para.text
    for m in re.finditer(r"(?i)\b(selon|d['’]après|pour)\s+(?:(?:le|la|les)\s+|l['’])?", text[lo:hi]):
        start = lo + m.end()
        mention = mention_at(ctx, start, start + 1)
        if mention is not None and mention.start == start and mention.how != "pronoun":
            comma = text.find(",", mention.end, hi)
            if m.group(1).lower() != "pour" or comma == mention.end:
                return Candidate(as_speaker(ctx, mention), "marker", m.group(1))
    return None


def speech_noun(ctx: ParagraphContext, lo: int, hi: int) -> Candidate | None:
    """« l'annonce de la gendarmerie nationale : "…" » names the source of the words."""
    for tok in ctx.tokens(lo, hi):
        if tok.lower_ in SPEECH_NOUNS:
            after = [m for m in ctx.mentions() if tok.idx < m.start < hi]
            gap = ctx.para.text[tok.idx + len(tok.text) : after[0].start].strip().lower() if after else ""
            if after and gap in {"de", "du", "de la", "de l'", "de l’", "des"}:
                return Candidate(as_speaker(ctx, after[0]), "speech-noun", tok.text)
    return None


def cue_before(ctx: ParagraphContext, q, lo: int) -> Candidate | None:
    """X explique que « … »; an infinitive cue with no subject ("Et d'ajouter : « … »") is the last speaker's."""
    cues = [t for t in ctx.tokens(lo, q.open) if is_cue(t) and not ctx.in_quote(t.idx)]
    for verb in reversed(cues):
        found = subject_of(ctx, verb, lo)
        if found is not None:
            return found
        if "Inf" in verb.morph.get("VerbForm"):  # "Et d'ajouter : « … »" goes on with the last speaker
            return Candidate(ctx.state.last, "cue", cue_text(verb))
        return Candidate(None, "cue", cue_text(verb))
    return None


def colon(ctx: ParagraphContext, q, lo: int) -> Candidate | None:
    """"Me X : « … »" and "X a été très clair : « … »": the words before the colon name the speaker."""
    text = ctx.para.text
    head = text[lo : q.open].rstrip(SPACES)
    if not head.endswith(":"):
        return None
    colon_at = lo + len(head) - 1
    label = text[lo:colon_at].strip(SPACES + "•-–—*")
    m = mention_at(ctx, colon_at - len(label), colon_at) if label else None
    if m is not None and m.how == "name" and _without_honorific(m.text) == _without_honorific(label):
        return Candidate(as_speaker(ctx, m), "colon")
    for tok in ctx.tokens(lo, colon_at):
        if tok.dep_.startswith("nsubj") and not ctx.in_quote(tok.idx):
            if tok.lower_ in {"il", "elle"}:
                return Candidate(resolve_pronoun(ctx, tok.idx, tok.text), "colon")
            found = mention_at(ctx, tok.idx, tok.idx + len(tok.text))
            return Candidate(as_speaker(ctx, found), "colon") if found is not None else None
    return None


def _without_honorific(name: str) -> str:
    words = name.split()
    return fold(" ".join(words[1:] if len(words) > 1 and words[0].lower() in HONORIFICS else words))


def reported_speaker(ctx: ParagraphContext, s: int, e: int) -> Entity | None:
    """The speaker a sentence without quotation marks reports: "Selon X, …", "X a dénoncé …",
    "X affirme que …". Later pronouns and cue-less quotes refer to them."""
    found = marker(ctx, s, e)
    if found is None:
        for verb in (t for t in ctx.tokens(s, e) if is_cue(t)):
            found = subject_of(ctx, verb, s)
            if found is not None:
                break
    return found.entity if found is not None else None


def signature(ctx: ParagraphContext, before: bool) -> Entity | None:
    """A short verbless line naming one person: the signature under a quote box ("X, agriculteur
    dans l'Aude") or, `before` a quote paragraph, its label ("Le plus heureux : X (entraîneur)")."""
    text = ctx.para.text
    if len(text.strip(SPACES)) > 120 or text.rstrip(SPACES).endswith("."):
        return None
    start = text.rfind(":") + 1 if before else 0
    people = [m for m in ctx.mentions() if m.start >= start and m.how == "name"
              and m.entity is not None and m.entity.kind == PERSON]
    if len(people) != 1 or text[start : people[0].start].strip(SPACES + "—–-"):
        return None
    rest = text[people[0].end :].strip(SPACES)
    if rest and rest[0] not in ",(":
        return None
    if any(t.pos_ in {"VERB", "AUX"} for t in ctx.tokens(start, len(text))):
        return None
    return people[0].entity
