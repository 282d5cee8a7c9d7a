"""Where a text names who spoke: the French attribution patterns around a quotation.

Each function reads one pattern and returns a `speakers.Candidate` (or None when the pattern is
absent): the incise after a quote, a cue verb's subject before it, "selon X", "X : « … »", a speech
noun, a sentence-closing incise, a label or signature line. Turning the words found into a speaker
of the article (pronouns, roles, institutions) and choosing among candidates is `speakers.py`'s job.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from .entities import PERSON, Entity, MentionSpan
from .lexicon import CUE_FORMS, CUE_LEMMAS, INCISE_CUE_FORMS, INCISE_CUE_LEMMAS, SPEECH_NOUNS, VOICE_NOUNS
from .speakers import (
    HONORIFICS,
    OPENERS,
    SPACES,
    TIME_WORDS,
    Candidate,
    ParagraphContext,
    as_speaker,
    fold,
    institution_at,
    mention_at,
    noun_phrase,
    resolve_pronoun,
    role_speaker,
)

ANY_CUE_LEMMAS, ANY_CUE_FORMS = CUE_LEMMAS | INCISE_CUE_LEMMAS, CUE_FORMS | INCISE_CUE_FORMS
DETERMINER_WORDS = {"le", "la", "les", "l'", "l’", "un", "une", "des", "du", "ce", "cet", "cette", "ces", "son", "sa",
                    "ses", "leur", "au"}
ADDRESSEE_BEFORE = ("auprès de", "auprès du", "auprès des", "à", "au", "aux", "dans", "sur", "devant")
PRONOUN_FORMS = {"il", "elle", "ils", "elles", "-il", "-elle", "-ils", "-elles", "-t-il", "-t-elle", "-t-ils",
                 "-t-elles"}
CLITICS = {"nous", "vous", "me", "m'", "m’", "lui", "leur", "t", "-t-il", "-t-elle", "encore", "aussi"}
COMPLEMENT_DEPS = {"nmod", "obl", "obl:arg", "obl:mod", "acl", "acl:relcl", "advcl", "obj", "iobj"}
# "faire" reports speech with these: "fait savoir", "fait valoir", "fait remarquer" (the tagger
# often reads "fait" as a noun, so its forms are listed)
FAIRE_CUES = {"savoir", "valoir", "remarquer", "observer", "part"}
FAIRE_FORMS = {"fait", "font", "faisait", "faisaient", "fera", "feront", "faire", "fasse"}
# a demonym used as an epithet for the person just quoted: "le Fribourgeois", "la Lyonnaise"
DEMONYM = re.compile(r"(?:ois|oise|ais|aise|ien|ienne|ain|aine)$")


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
        return Candidate(institution_at(ctx, subj), "cue", cue)
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
            return Candidate(role_speaker(ctx, None, noun_phrase(tok)), "incise", cue)  # "le Fribourgeois"
        if m is not None and not _is_addressee(text, m.start):
            return Candidate(as_speaker(ctx, m), "incise", cue)
        if tok.pos_ == "PRON":
            continue
        body = institution_at(ctx, tok)
        m = _head_mention(ctx, tok) if body is None else None  # "le proviseur Dominique X"
        if m is not None:
            return Candidate(as_speaker(ctx, m), "incise", cue)
        if body is None and (tok.pos_ == "NOUN" or tok.text[:1].isupper()):  # "a rappelé le Fribourgeois"
            body = role_speaker(ctx, None, noun_phrase(tok))
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
    """Selon X, … / D'après X, … / Pour X, … (for "pour", only with the comma right after X);
    "selon elle" / "pour lui," go to the person the pronoun resolves to."""
    text = ctx.para.text
    for m in re.finditer(r"(?i)\b(selon|d['’]après|pour)\s+(?:(?:le|la|les)\s+|l['’])?", text[lo:hi]):
        start = lo + m.end()
        pron = re.match(r"(?i)(elle|lui)\b", text[start:hi])
        if pron and (m.group(1).lower() != "pour" or text[start + pron.end() : start + pron.end() + 1] == ","):
            form = "elle" if pron.group(1).lower() == "elle" else "il"
            return Candidate(resolve_pronoun(ctx, start, form), "marker", m.group(1))
        mention = mention_at(ctx, start, start + 1)
        if mention is not None and mention.start in {start, lo + m.start(1) + len(m.group(1)) + 1} and mention.how != "pronoun":
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
