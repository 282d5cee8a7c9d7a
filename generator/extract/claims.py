"""Attributed claims: who says what, kept as an allegation in the article's own words.

Two kinds:
- direct: a sentence holding attributed quotations; `what` runs from the first quotation
  mark to the last, verbatim;
- indirect: reported speech without quotation marks: "X affirme que …" (what = the
  complement after "que") and "Selon X, …" (what = the clause after the comma).

Who: the same decision as for quotes (`speakers`): a person or organisation of the article, or no
claim at all (a claim is an allegation; it is never pinned on a guess, a place or "deux adolescents").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..model import Article, Claim, Quote, Source
from .entities import EntityIndex
from .lexicon import CLAIM_EXTRA_LEMMAS
from .quotes import find_quote_spans
from .cues import cue_text, is_cue, marker, subject_of
from .speakers import ParagraphContext, SpeakerState


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \u00a0,":
        s += 1
    while e > s and text[e - 1] in " \u00a0.":
        e -= 1
    return s, e


def _direct_claims(article: Article, quotes: list[Quote]) -> list[tuple[str | None, str | None, str | None, str, int, int]]:
    groups: dict[tuple[str, int, str | None], list[Quote]] = {}
    for q in quotes:
        if not q.speaker:
            continue
        para = article.paragraph(q.source.paragraph)
        sent = next(((s, e) for s, e in para.sentences if s <= q.source.start < e), (0, len(para.text)))
        groups.setdefault((para.id, sent[0], q.speaker), []).append(q)
    out = []
    for (pid, _, speaker), qs in groups.items():
        s, e = qs[0].source.start, qs[-1].source.end
        out.append((speaker, qs[0].speaker_id, qs[0].cue, pid, s, e))
    return out


def _indirect_claims(article: Article, docs: list[Doc], index: EntityIndex, quotes: list[Quote]):
    out = []
    state = SpeakerState(texts={p.id: p.text for p in article.paragraphs})
    entities = {e.id: e for e in index.entities}
    quotes_by_para: dict[str, list[Quote]] = {}
    for q in quotes:
        quotes_by_para.setdefault(q.source.paragraph, []).append(q)
    for para, doc in zip(article.paragraphs, docs):
        spans = find_quote_spans(para.text)
        ctx = ParagraphContext(para, doc, index, spans, state)
        for s, e in para.sentences or [(0, len(para.text))]:
            if any(s <= q.open < e for q in spans):
                for q in quotes_by_para.get(para.id, []):
                    if s <= q.source.start < e and q.speaker_id in entities:
                        state.said(entities[q.speaker_id])  # "l'autorité" later refers back to it
                continue  # quoted sentences are direct claims
            sent = para.text[s:e]
            opening = re.match(r"\s*(selon|d['’]après)\s+", sent, flags=re.I)
            if opening:
                att = marker(ctx, s, e)
                comma = sent.find(",", opening.end())
                if att and att.entity and comma > 0:
                    a, b = _trim(para.text, s + comma + 1, e)
                    out.append((att.entity.name, att.entity.id or None, att.cue, para.id, a, b))
                    state.said(att.entity)
                continue
            for tok in ctx.tokens(s, e):
                if not (is_cue(tok) or tok.lemma_ in CLAIM_EXTRA_LEMMAS):
                    continue
                que = next((t for t in doc[tok.i + 1 : tok.i + 4] if t.lower_ in {"que", "qu'", "qu’"}), None)
                if que is None:
                    continue
                att = subject_of(ctx, tok, s)
                if att is None or att.entity is None:
                    continue
                a, b = _trim(para.text, que.idx + len(que.text), e)
                out.append((att.entity.name, att.entity.id or None, cue_text(tok), para.id, a, b))
                state.said(att.entity)
                break
    return out


def extract_claims(article: Article, docs: list[Doc], index: EntityIndex, quotes: list[Quote]) -> list[Claim]:
    raw = [(*c, "direct") for c in _direct_claims(article, quotes)] + [(*c, "indirect") for c in _indirect_claims(article, docs, index, quotes)]
    order = {p.id: i for i, p in enumerate(article.paragraphs)}
    raw.sort(key=lambda c: (order[c[3]], c[4]))
    claims = []
    for who, who_id, cue, pid, s, e, kind in raw:
        if e <= s:
            continue
        claims.append(Claim(id=f"c-{len(claims) + 1}", who=who, who_id=who_id, what=article.paragraph(pid).text[s:e],
                            kind=kind, cue=cue, source=Source(paragraph=pid, start=s, end=e)))
    return claims
