"""Verbatim quotations and who said them.

A quotation is the text between « », “ ” or straight quotes, found by a small scanner that
tracks nesting and never fails on unbalanced marks. Its speaker is found by general French
attribution patterns, in this order:

1. an incise after it: « … », a souligné le député / « … » s'insurge X / « … » elle dit;
2. a cue before it in the same sentence: X explique que « … » / selon X, … « … » /
   l'annonce de X : « … »; the cue's subject is resolved through the entity index
   (names, roles such as "le député du Nord", pronouns, "qui" after a name);
3. no cue: the quote continues the previous speaker of the paragraph; a quote standing
   alone before "Pour X, …" takes that X; otherwise the speaker is unknown (None).

Sentence boundaries from spaCy are not trusted (they split after « ); we use ingest's
sentences, which never cut inside a quotation.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..model import Article, Paragraph, Quote, Source
from .entities import ORG, PERSON, Entity, EntityIndex, MentionSpan, fold
from .lexicon import CUE_FORMS, CUE_LEMMAS, INSTITUTION_NOUNS, SPEECH_NOUNS

DETERMINER_WORDS = {"le", "la", "les", "l'", "l’", "un", "une", "des", "du", "ce", "cet", "cette", "ces", "son", "sa", "ses", "leur", "au"}

OPENERS = {"«": "»", "“": "”", "‹": "›"}
CLOSERS = {v: k for k, v in OPENERS.items()}
SPACES = " \u00a0\u202f\t"
ADDRESSEE_BEFORE = ("auprès de", "auprès du", "auprès des", "à", "au", "aux", "dans", "sur", "devant")
MARKERS = ("selon", "d'après", "d’après", "pour")


@dataclass
class QuoteSpan:
    open: int  # index of the opening mark
    close: int  # index of the closing mark (== len(text) when unclosed)
    depth: int

    @property
    def inner(self) -> tuple[int, int]:
        return self.open + 1, self.close


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """All quotations, nested ones with depth > 0. Unbalanced marks never raise."""
    spans: list[QuoteSpan] = []
    stack: list[tuple[str, int]] = []  # (expected closer, open index)
    for i, ch in enumerate(text):
        if ch in OPENERS:
            stack.append((OPENERS[ch], i))
        elif ch in CLOSERS and stack:
            # close the innermost matching opener; drop unmatched ones above it
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == ch:
                    spans.append(QuoteSpan(stack[k][1], i, k))
                    del stack[k:]
                    break
        elif ch == '"':
            if stack and stack[-1][0] == '"':
                spans.append(QuoteSpan(stack[-1][1], i, len(stack) - 1))
                stack.pop()
            elif _opens_straight(text, i):
                stack.append(('"', i))
    for closer, start in stack:
        if closer != '"':  # an unclosed « runs to the end of the paragraph
            spans.append(QuoteSpan(start, len(text), 0))
    spans = [s for s in spans if _trimmed(text, s)[0] < _trimmed(text, s)[1]]
    return sorted(spans, key=lambda s: s.open)


def _opens_straight(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before in SPACES + "(:[,'’" or i == 0) and after not in SPACES


def _trimmed(text: str, span: QuoteSpan) -> tuple[int, int]:
    s, e = span.inner
    while s < e and text[s] in SPACES:
        s += 1
    while e > s and text[e - 1] in SPACES:
        e -= 1
    return s, e


# --------------------------------------------------------------------------- attribution


@dataclass
class Attribution:
    entity: Entity | None
    who_text: str | None  # the subject phrase when it is no known entity ("deux adolescents")
    cue: str | None
    cue_span: tuple[int, int] | None = None


@dataclass
class ParagraphContext:
    para: Paragraph
    doc: Doc
    index: EntityIndex
    quotes: list[QuoteSpan]
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


@dataclass
class SpeakerState:
    last: Entity | None = None
    history: list[Entity] = field(default_factory=list)

    def said(self, entity: Entity | None) -> None:
        if entity is not None:
            self.last = entity
            self.history.append(entity)


def cue_text(tok: Token) -> str:
    """The cue as written, with its auxiliary and reflexive pronoun: "a souligné", "s'insurge"."""
    doc = tok.doc
    start = tok.i
    while start > 0 and (doc[start - 1].pos_ == "AUX" or doc[start - 1].lower_ in {"s'", "s’", "se"}):
        start -= 1
    return doc[start : tok.i + 1].text


def is_cue(tok: Token) -> bool:
    """A verb of saying, by lemma, or by its written form when the tagger got it wrong
    ("déplore" tagged as an adjective); never a noun after a determiner ("un reproche")."""
    if tok.pos_ == "AUX" or tok.is_punct:
        return False
    prev = tok.doc[tok.i - 1].lower_ if tok.i else ""
    if prev == "été" or any(c.dep_ == "aux:pass" for c in tok.children):
        return False  # passive: "ils ont été jugés pour « … »" reports no speech
    if tok.pos_ == "VERB" and tok.lemma_.lower() in CUE_LEMMAS:
        return True
    return tok.lower_ in CUE_FORMS and prev not in DETERMINER_WORDS


def _mention_at(ctx: ParagraphContext, start: int, end: int) -> MentionSpan | None:
    for m in ctx.index.mentions.get(ctx.para.id, []):
        if m.start < end and start < m.end:
            return m
    return None


def _institution_entity(ctx: ParagraphContext, tok: Token) -> Entity | None:
    """'le parquet' refers back to 'le parquet de Paris' named earlier."""
    if tok.lower_ not in INSTITUTION_NOUNS:
        return None
    for e in ctx.index.by_kind(ORG):
        if fold(e.name).split()[0] == tok.lower_:
            return e
    definite = tok.i > 0 and tok.doc[tok.i - 1].lower_ in {"le", "la", "l'", "l’"}
    if definite and ctx.state.last is not None and ctx.state.last.kind == ORG:
        return ctx.state.last  # "l'autorité", "le régulateur" after the organisation spoke
    return None


PRONOUN_FORMS = {"il", "elle", "ils", "elles", "-il", "-elle", "-ils", "-elles", "-t-il", "-t-elle", "-t-ils", "-t-elles"}


def _last_person_before(ctx: ParagraphContext, pos: int) -> Entity | None:
    """The person named most recently before `pos` (this paragraph, then earlier ones), outside quotes."""
    pids = list(ctx.index.mentions)
    here = pids.index(ctx.para.id) if ctx.para.id in pids else len(pids)
    for k in range(here, -1, -1):
        if k >= len(pids):
            continue
        spans = ctx.index.mentions[pids[k]]
        for m in reversed(spans):
            if k == here and (m.end > pos or ctx.in_quote(m.start)):
                continue
            if m.how != "pronoun" and m.entity is not None and m.entity.kind == PERSON:
                return m.entity
    return None


def _referent(ctx: ParagraphContext, pos: int) -> Entity | None:
    """Who 'il'/'elle' or an unnamed continuation refers to: the last speaker, else the last
    person named before, else the article's main person."""
    return ctx.state.last or _last_person_before(ctx, pos) or ctx.index.main_person


def _resolve(ctx: ParagraphContext, m: MentionSpan) -> Entity | None:
    if m.how == "pronoun":
        if m.entity is None:
            m.entity = _referent(ctx, m.start)
        return m.entity
    return m.entity


def _attribution(ctx: ParagraphContext, m: MentionSpan, cue: str | None) -> Attribution:
    """A mention as speaker: its entity, else its own words ("un député") — never a guess."""
    entity = _resolve(ctx, m)
    return Attribution(entity, None if entity else m.text, cue)


def _subject_of(ctx: ParagraphContext, verb: Token, lo: int) -> Attribution | None:
    """The cue verb's subject: parser's nsubj, else the nearest mention before the verb."""
    text = ctx.para.text
    if _is_incise(verb):
        comma = text.find(",", verb.idx)
        att = _after_verb(ctx, verb, comma if comma > 0 else ctx.sentence_of(verb.idx)[1])
        if att is not None:
            return att
    subjects = [c for c in verb.children if c.dep_.startswith("nsubj")]
    # the parser often hangs the real verb under an auxiliary/participle: look at its head too
    if not subjects and verb.dep_ in {"xcomp", "conj"}:
        subjects = [c for c in verb.head.children if c.dep_.startswith("nsubj")]
    for subj in subjects:
        if subj.idx < lo or ctx.in_quote(subj.idx):
            continue
        if subj.lower_ == "qui":
            prev = [m for m in ctx.index.mentions.get(ctx.para.id, []) if m.end <= subj.idx and m.start >= lo]
            if prev:
                return _attribution(ctx, prev[-1], cue_text(verb))
            return Attribution(_referent(ctx, subj.idx), None, cue_text(verb))
        if subj.lower_ in {"nous", "on", "je"}:
            continue
        sub_tokens = list(subj.subtree)
        s, e = sub_tokens[0].idx, sub_tokens[-1].idx + len(sub_tokens[-1].text)
        m = _mention_at(ctx, subj.idx, subj.idx + len(subj.text)) or _mention_at(ctx, s, e)
        if m is not None:
            return _attribution(ctx, m, cue_text(verb))
        inst = _institution_entity(ctx, subj)
        if inst is not None:
            return Attribution(inst, None, cue_text(verb))
        return Attribution(None, text[s:e], cue_text(verb))
    # nearest mention before the verb in the clause, not an addressee ("à X")
    before = [m for m in ctx.index.mentions.get(ctx.para.id, []) if lo <= m.start and m.end <= verb.idx and not ctx.in_quote(m.start)]
    before = [m for m in before if not _is_addressee(text, m.start)]
    if before:
        return _attribution(ctx, before[-1], cue_text(verb))
    return None


CLITICS = {"nous", "vous", "me", "m'", "m’", "lui", "leur", "t", "-t-il", "-t-elle", "encore", "aussi"}


def _is_incise(verb: Token) -> bool:
    """', nous précisent les services du parquet,': a cue right after a comma has its subject after it."""
    k = verb.i - 1
    while k >= 0 and (verb.doc[k].lower_ in CLITICS or verb.doc[k].pos_ == "AUX"):
        k -= 1
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if nxt is not None and (nxt.lower_ in {"que", "qu'", "qu’", ":"} or nxt.text in OPENERS or nxt.text == '"'):
        return False  # "X, ministre, explique que « … »": the subject came before
    return k >= 0 and verb.doc[k].text == ","


def _is_addressee(text: str, start: int) -> bool:
    head = text[max(0, start - 12) : start].lower().rstrip()
    head = re.sub(r"\b(le|la|les|l['’])$", "", head).rstrip()
    return any(head.endswith(" " + a) or head == a for a in ADDRESSEE_BEFORE)


def _after_verb(ctx: ParagraphContext, verb: Token, hi: int) -> Attribution | None:
    """Inverted subject of an incise: « … », souligne le parquet / détaille auprès de X le parquet."""
    text = ctx.para.text
    after = [m for m in ctx.index.mentions.get(ctx.para.id, []) if m.start > verb.idx and m.end <= hi and not ctx.in_quote(m.start)]
    after = [m for m in after if not _is_addressee(text, m.start)]
    if after:
        ent = _resolve(ctx, after[0])
        return Attribution(ent, None if ent else after[0].text, cue_text(verb))
    for tok in ctx.tokens(verb.idx + 1, len(text)):
        if tok.i <= verb.i or ctx.in_quote(tok.idx):
            continue
        if tok.idx >= hi or tok.text in OPENERS or tok.text == '"':
            break
        if tok.pos_ in {"NOUN", "PROPN"}:
            inst = _institution_entity(ctx, tok)
            if inst is not None:
                return Attribution(inst, None, cue_text(verb))
            if not _is_addressee(text, tok.idx):
                subtree = list(tok.subtree)
                return Attribution(None, text[subtree[0].idx : subtree[-1].idx + len(subtree[-1].text)], cue_text(verb))
    return None


def _clause_end(text: str, pos: int, sent_end: int, quotes: list[QuoteSpan]) -> int:
    nxt = [q.open for q in quotes if q.open >= pos and q.depth == 0] + [sent_end]
    stop = re.search(r"[.;!?]", text[pos:sent_end])
    if stop:
        nxt.append(pos + stop.start())
    return min(nxt)


def _incise(ctx: ParagraphContext, q: QuoteSpan) -> Attribution | None:
    """« … », a souligné X  /  « … » elle dit."""
    text = ctx.para.text
    _, sent_end = ctx.sentence_of(q.open)
    hi = _clause_end(text, q.close + 1, sent_end, ctx.quotes)
    window = list(ctx.tokens(q.close + 1, hi))
    words = [t for t in window if not t.is_punct]
    for n, tok in enumerate(words[:4]):
        if is_cue(tok):
            pron = [w for w in words[: n + 2] if w.lower_ in PRONOUN_FORMS and (w.i <= tok.i or w.text.startswith("-"))]
            if pron:
                m = _mention_at(ctx, pron[0].idx, pron[0].idx + len(pron[0].text))
                ent = _resolve(ctx, m) if m else _referent(ctx, pron[0].idx)
                return Attribution(ent, None, cue_text(tok))
            return _after_verb(ctx, tok, hi) or Attribution(_referent(ctx, tok.idx), None, cue_text(tok))
        if tok.pos_ not in {"AUX", "ADV", "PRON"} and tok.lower_ not in {"t", "-t", "-t-il", "-t-elle"}:
            break
    return None


def _marker(ctx: ParagraphContext, lo: int, hi: int) -> Attribution | None:
    """Selon X, … / D'après X, … / Pour X, … before the quote in the same sentence."""
    text = ctx.para.text
    for m in re.finditer(r"(?i)\b(selon|d['’]après|pour)\s+(?:(?:le|la|les)\s+|l['’])?", text[lo:hi]):
        start = lo + m.end()
        mention = _mention_at(ctx, start, start + 1)
        if mention is not None and mention.start == start and mention.how != "pronoun":
            comma = text.find(",", mention.end, hi)
            if m.group(1).lower() != "pour" or comma == mention.end:
                return _attribution(ctx, mention, m.group(1))
    return None


def _speech_noun(ctx: ParagraphContext, lo: int, hi: int) -> Attribution | None:
    """« l'annonce de la gendarmerie nationale : "…" » names the source of the words."""
    for tok in ctx.tokens(lo, hi):
        if tok.lower_ in SPEECH_NOUNS:
            after = [m for m in ctx.index.mentions.get(ctx.para.id, []) if tok.idx < m.start < hi]
            if after and ctx.para.text[tok.idx + len(tok.text) : after[0].start].strip().lower() in {"de", "du", "de la", "de l'", "de l’", "des"}:
                return _attribution(ctx, after[0], tok.text)
    return None


def _cue_before(ctx: ParagraphContext, q: QuoteSpan, lo: int) -> Attribution | None:
    cues = [t for t in ctx.tokens(lo, q.open) if is_cue(t) and not ctx.in_quote(t.idx)]
    for verb in reversed(cues):
        att = _subject_of(ctx, verb, lo)
        if att is not None:
            return att
        return Attribution(_referent(ctx, verb.idx), None, cue_text(verb))  # "Et d'ajouter : « … »"
    return None


def attribute(ctx: ParagraphContext, q: QuoteSpan, prev_in_sentence: QuoteSpan | None) -> Attribution | None:
    sent_start, _ = ctx.sentence_of(q.open)
    lo = max(sent_start, prev_in_sentence.close + 1) if prev_in_sentence else sent_start
    return (
        _incise(ctx, q)
        or _cue_before(ctx, q, lo)
        or _marker(ctx, sent_start, q.open)
        or _speech_noun(ctx, lo, q.open)
        or _colon_subject(ctx, q, lo)
        or (_cue_before(ctx, q, sent_start) if prev_in_sentence else None)
    )


def _reported_speaker(ctx: ParagraphContext, s: int, e: int) -> Entity | None:
    """The person a sentence without quotation marks reports as speaking: "Selon X, …",
    "X a dénoncé …", "X affirme que …". Later pronouns and cue-less quotes refer to them."""
    att = _marker(ctx, s, e)
    if att is None:
        for verb in (t for t in ctx.tokens(s, e) if is_cue(t)):
            att = _subject_of(ctx, verb, s)
            if att is not None:
                break
    if att is not None and att.entity is not None and att.entity.kind == PERSON:
        return att.entity
    return None


def _colon_subject(ctx: ParagraphContext, q: QuoteSpan, lo: int) -> Attribution | None:
    """"X a été très clair : « … »": a quotation opened by a colon belongs to the subject of the
    clause before the colon."""
    text = ctx.para.text
    head = text[lo : q.open].rstrip(SPACES)
    if not head.endswith(":"):
        return None
    colon = lo + len(head) - 1
    for tok in ctx.tokens(lo, colon):
        if tok.dep_.startswith("nsubj") and not ctx.in_quote(tok.idx):
            if tok.lower_ in SUBJECT_PRONOUN_WORDS:
                return Attribution(_referent(ctx, tok.idx), None, None)
            m = _mention_at(ctx, tok.idx, tok.idx + len(tok.text))
            if m is not None:
                ent = _resolve(ctx, m)
                if ent is not None and ent.kind in {PERSON, ORG}:
                    return Attribution(ent, None, None)
            return None
    return None


SUBJECT_PRONOUN_WORDS = {"il", "elle"}


def _standalone(ctx: ParagraphContext, q: QuoteSpan) -> bool:
    s, e = ctx.sentence_of(q.open)
    outside = ctx.para.text[s : q.open] + ctx.para.text[q.close + 1 : e]
    return not re.search(r"\w", outside)


def extract_quotes(article: Article, docs: list[Doc], index: EntityIndex) -> list[Quote]:
    state = SpeakerState()
    quotes: list[Quote] = []
    pending_forward: list[tuple[int, Paragraph, QuoteSpan]] = []
    for para, doc in zip(article.paragraphs, docs):
        spans = [q for q in find_quote_spans(para.text) if q.depth == 0]
        ctx = ParagraphContext(para, doc, index, spans, state)
        para_speaker: Entity | None = None
        starts_with_quote = para.text.lstrip(SPACES)[:1] in OPENERS or para.text.lstrip(SPACES)[:1] == '"'
        sentences = [(a, b) for a, b in (para.sentences or [(0, len(para.text))]) if not any(a <= q.open < b for q in spans)]
        for n, q in enumerate(spans):
            while sentences and sentences[0][0] < q.open:
                speaker = _reported_speaker(ctx, *sentences.pop(0))
                if speaker is not None:
                    para_speaker = speaker
                    state.said(speaker)
            prev = spans[n - 1] if n and ctx.sentence_of(spans[n - 1].open) == ctx.sentence_of(q.open) else None
            att = attribute(ctx, q, prev)
            if att is None:
                continuing = para_speaker or (state.last if starts_with_quote and n == 0 else None)
                att = Attribution(continuing, None, None)
            s, e = _trimmed(para.text, q)
            quote = Quote(
                id=f"q-{len(quotes) + 1}",
                text=para.text[s:e],
                speaker=att.entity.name if att.entity else att.who_text,
                speaker_id=att.entity.id if att.entity else None,
                cue=att.cue,
                source=Source(paragraph=para.id, start=s, end=e),
                context=_sentence_text(ctx, q.open),
            )
            quotes.append(quote)
            if att.entity is None and _standalone(ctx, q):
                pending_forward.append((len(quotes) - 1, para, q))
            if att.entity is not None:
                para_speaker = att.entity
                state.said(att.entity)
                _fill_forward(quotes, pending_forward, para, att.entity)
        for a, b in sentences:
            speaker = _reported_speaker(ctx, a, b)
            if speaker is not None:
                state.said(speaker)
        pending_forward = [p for p in pending_forward if p[1] is para]
        _fill_forward_markers(ctx, quotes, pending_forward)
        pending_forward = []
    return quotes


def _fill_forward(quotes: list[Quote], pending: list, para: Paragraph, entity: Entity) -> None:
    """A standalone quote opening a paragraph takes the speaker named right after it."""
    for idx, p, _ in pending:
        if p is para and quotes[idx].speaker is None:
            quotes[idx] = quotes[idx].model_copy(update={"speaker": entity.name, "speaker_id": entity.id})
    pending.clear()


def _fill_forward_markers(ctx: ParagraphContext, quotes: list[Quote], pending: list) -> None:
    """« … » Pour X, … : the marker of the next sentence names the speaker of a lone quote."""
    for idx, para, q in pending:
        _, sent_end = ctx.sentence_of(q.open)
        nxt = next(((s, e) for s, e in para.sentences if s >= sent_end), None)
        if nxt and quotes[idx].speaker is None:
            att = _marker(ctx, nxt[0], min(nxt[1], nxt[0] + 60))
            if att and att.entity:
                quotes[idx] = quotes[idx].model_copy(update={"speaker": att.entity.name, "speaker_id": att.entity.id, "cue": att.cue})


def _sentence_text(ctx: ParagraphContext, pos: int) -> str:
    s, e = ctx.sentence_of(pos)
    return ctx.para.text[s:e].strip()
