"""Verbatim quotations, and the passage around each that decides who said it.

A quotation is the text between « », “ ” or straight quotes, found by a small scanner that
tracks nesting and never fails on unbalanced marks. Its speaker is chosen by `speakers.choose`
over candidates read from the quote's own sentence (incise, cue verb, "selon X", "X : « … »"),
then, when that names nobody, from the passage: another quote of the same sentence, the next
sentence ("« … » Pour X, …"), a signature line under a quote box, the speaker of the previous
quote when nobody else was named in between. Otherwise the speaker is null.

Sentence boundaries from spaCy are not trusted (they split after « ); we use ingest's
sentences, which never cut inside a quotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from ..model import Article, Quote, Source
from .entities import PERSON, Entity, EntityIndex
from .cues import (
    colon,
    colon_after,
    cue_before,
    incise,
    marker,
    reported_speaker,
    signature,
    speech_noun,
    trailing_incise,
)
from .speakers import OPENERS, SPACES, Candidate, ParagraphContext, SpeakerState, choose

CLOSERS = {v: k for k, v in OPENERS.items()}


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


# --------------------------------------------------------------------------- the passage


def _clause_end(text: str, pos: int, sent_end: int, quotes: list[QuoteSpan]) -> int:
    nxt = [q.open for q in quotes if q.open >= pos and q.depth == 0] + [sent_end]
    stop = re.search(r"[.;!?]", text[pos:sent_end])
    if stop:
        nxt.append(pos + stop.start())
    return min(nxt)


def own_sentence(ctx: ParagraphContext, q: QuoteSpan, prev: QuoteSpan | None) -> Candidate | None:
    """Candidates the quote's own sentence gives: incise, cue verb, marker, speech noun, colon."""
    sent_start, sent_end = ctx.sentence_of(q.open)
    lo = max(sent_start, prev.close + 1) if prev else sent_start
    hi = _clause_end(ctx.para.text, q.close + 1, sent_end, ctx.quotes)
    found = [incise(ctx, q, hi), cue_before(ctx, q, lo), marker(ctx, sent_start, q.open),
             speech_noun(ctx, lo, q.open), colon(ctx, q, lo), colon_after(ctx, q), trailing_incise(ctx, q)]
    return choose(found) or next((c for c in found if c is not None and c.cue), None)


def _share_in_sentence(ctx: ParagraphContext, spans: list[QuoteSpan], chosen: list[Candidate | None]) -> None:
    """« A » et « B », dit X: an incise covers the sentence's other quotes that name nobody; a quote
    after the incise (« A », dit X, « B ») continues it."""
    for n, q in enumerate(spans):
        if chosen[n] is not None and chosen[n].entity is not None:
            continue
        same = [k for k in range(len(spans)) if k != n and ctx.sentence_of(spans[k].open) == ctx.sentence_of(q.open)
                and chosen[k] is not None and chosen[k].entity is not None and chosen[k].how in {"incise", "cue", "marker"}]
        later = [k for k in same if k > n]
        pick = later[0] if later else (same[-1] if same else None)
        if pick is not None:
            chosen[n] = Candidate(chosen[pick].entity, "sentence", chosen[pick].cue)


def _others_named(ctx: ParagraphContext, start: int, end: int, speaker: Entity) -> bool:
    """Someone other than the speaker named between two quotes (outside quotation marks)."""
    return any(m.how in {"name", "role"} and m.entity is not None and m.entity.kind == PERSON and m.entity is not speaker
               and start <= m.start < end and not ctx.in_quote(m.start) for m in ctx.mentions())


def _next_sentence(ctx: ParagraphContext, q: QuoteSpan) -> Candidate | None:
    """« … » Pour X, c'est … / « … » X le répète depuis des mois: the sentence right after a quote
    standing alone names its speaker at its start."""
    s, e = ctx.sentence_of(q.open)
    if re.search(r"\w", ctx.para.text[s : q.open] + ctx.para.text[q.close + 1 : e]):
        return None
    nxt = next(((a, b) for a, b in ctx.para.sentences if a >= e), None)
    if nxt is None or ctx.in_quote(nxt[0] + 1):
        return None
    found = marker(ctx, nxt[0], min(nxt[1], nxt[0] + 60))
    return Candidate(found.entity, "next-sentence", found.cue) if found is not None else None


@dataclass
class Passage:
    """Whose words were read last, where (paragraph id, offset), and the speaker the next paragraph
    may go on with (the last one of this paragraph when nobody else was named after them)."""

    speaker: Entity | None = None
    para: str | None = None
    pos: int = 0
    carried: Entity | None = None

    def heard(self, speaker: Entity | None, para: str, pos: int) -> None:
        if speaker is not None:
            self.speaker, self.para, self.pos = speaker, para, pos


def _paragraph_quotes(ctx: ParagraphContext, passage: Passage,
                      around: tuple[ParagraphContext | None, ParagraphContext | None]) -> list[Candidate | None]:
    """Speakers of one paragraph's quotes: first what each sentence says (in reading order, so that
    "poursuit-elle" sees who spoke before), then the passage for the quotes still unattributed."""
    text, spans = ctx.para.text, ctx.quotes
    sentences = ctx.para.sentences or [(0, len(text))]
    narrative = [(a, b) for a, b in sentences if not any(a <= q.open < b for q in spans)]
    reported: list[tuple[int, Entity | None]] = []
    chosen: list[Candidate | None] = []
    for n, q in enumerate(spans):
        while narrative and narrative[0][0] < q.open:
            a, b = narrative.pop(0)
            reported.append((a, reported_speaker(ctx, a, b)))
            ctx.state.said(reported[-1][1])
        prev = spans[n - 1] if n and ctx.sentence_of(spans[n - 1].open) == ctx.sentence_of(q.open) else None
        chosen.append(own_sentence(ctx, q, prev))
        ctx.state.said(chosen[-1].entity if chosen[-1] is not None else None)
    reported += [(a, reported_speaker(ctx, a, b)) for a, b in narrative]
    _share_in_sentence(ctx, spans, chosen)
    for n, q in enumerate(spans):
        for a, who in [r for r in reported if r[0] < q.open]:
            passage.heard(who, ctx.para.id, a)
        reported = [r for r in reported if r[0] >= q.open]
        if chosen[n] is None:  # a cue that names nobody we know ("explique un enquêteur") stays null
            chosen[n] = _from_passage(ctx, q, chosen[:n], passage, around)
        passage.heard(chosen[n].entity if chosen[n] is not None else None, ctx.para.id, q.close)
    for a, who in reported:
        passage.heard(who, ctx.para.id, a)
    last = passage.speaker if passage.para == ctx.para.id else None
    passage.carried = last if last is not None and not _others_named(ctx, passage.pos, len(text), last) else None
    return chosen


def _from_passage(ctx: ParagraphContext, q: QuoteSpan, before: list[Candidate | None], passage: Passage,
                  around: tuple[ParagraphContext | None, ParagraphContext | None]) -> Candidate | None:
    """A quote whose sentence names nobody: the next sentence, a label or signature line around a
    paragraph that opens with it, or the speaker of the passage when nobody else was named since
    (this paragraph, or the previous one for a paragraph that opens with the quote)."""
    found = _next_sentence(ctx, q)
    if found is not None and found.entity is not None:
        return found
    opens = not re.search(r"\w", ctx.para.text[: q.open])
    if opens and all(c is None or c.entity is None for c in before):
        prev_ctx, next_ctx = around
        signed = (signature(prev_ctx, before=True) if prev_ctx is not None and not prev_ctx.quotes else None) or (
            signature(next_ctx, before=False) if next_ctx is not None and not next_ctx.quotes else None)
        if signed is not None:
            return Candidate(signed, "attribution-line")
    if passage.speaker is not None and passage.para == ctx.para.id:
        if not _others_named(ctx, passage.pos, q.open, passage.speaker):
            return Candidate(passage.speaker, "passage")
        return None
    if opens and passage.carried is not None:
        return Candidate(passage.carried, "passage")
    return None


def extract_quotes(article: Article, docs: list[Doc], index: EntityIndex) -> list[Quote]:
    state = SpeakerState(texts={p.id: p.text for p in article.paragraphs})
    ctxs = [ParagraphContext(p, d, index, [q for q in find_quote_spans(p.text) if q.depth == 0], state)
            for p, d in zip(article.paragraphs, docs)]
    passage = Passage()
    quotes: list[Quote] = []
    for k, ctx in enumerate(ctxs):
        around = (ctxs[k - 1] if k else None, ctxs[k + 1] if k + 1 < len(ctxs) else None)
        chosen = _paragraph_quotes(ctx, passage, around)
        for q, c in zip(ctx.quotes, chosen):
            s, e = _trimmed(ctx.para.text, q)
            entity = c.entity if c is not None else None
            quotes.append(Quote(
                id=f"q-{len(quotes) + 1}",
                text=ctx.para.text[s:e],
                speaker=entity.name if entity else None,
                speaker_id=entity.id or None if entity else None,
                cue=c.cue if c is not None else None,
                source=Source(paragraph=ctx.para.id, start=s, end=e),
                context=ctx.para.text[slice(*ctx.sentence_of(q.open))].strip(),
            ))
    return quotes
