"""Extractive summary: the lead and key points are the article's own sentences, never rewritten.

Sentences are scored by what a briefing reader needs: attributed words (quotes, speech
cues), dates, named actors and legal references, with a small bonus for coming early
(news is written top-down). Key points keep the article's order.
"""

from __future__ import annotations

from ..model import Article, Event, LegalRef, Person, Quote, Source, Summary, SummarySentence

MAX_POINTS = 5


def _sentences(article: Article) -> list[tuple[str, int, int]]:
    out = []
    for para in article.paragraphs:
        for s, e in para.sentences or [(0, len(para.text))]:
            text = para.text[s:e].strip()
            if len(text.split()) >= 6 and text[-1:] in ".!?»\"…":
                lead_ws = len(para.text[s:e]) - len(para.text[s:e].lstrip())
                out.append((para.id, s + lead_ws, s + lead_ws + len(text)))
    return out


def _covers(items, pid: str, s: int, e: int) -> int:
    return sum(1 for x in items if x.source.paragraph == pid and s <= x.source.start < e)


def build_summary(article: Article, people: list[Person], quotes: list[Quote], events: list[Event], legal: list[LegalRef]) -> Summary:
    sents = _sentences(article)
    if not sents:
        first = article.paragraphs[0] if article.paragraphs else None
        return Summary(lead=first.text if first else article.title,
                       lead_source=Source(paragraph=first.id, start=0, end=len(first.text)) if first else None)
    mentions = [m for p in people for m in p.mentions]
    scored = []
    for rank, (pid, s, e) in enumerate(sents):
        score = (2 * _covers(quotes, pid, s, e) + 2 * _covers(events, pid, s, e) + _covers(legal, pid, s, e)
                 + min(_covers(mentions, pid, s, e), 3) + 3 / (1 + rank))
        scored.append((score, rank))
    text_of = {i: article.paragraph(pid).text[s:e] for i, (pid, s, e) in enumerate(sents)}
    lead_i = 0
    best = sorted(scored, key=lambda x: (-x[0], x[1]))
    points = sorted(r for _, r in best[: MAX_POINTS + 1] if r != lead_i)[:MAX_POINTS]
    pid, s, e = sents[lead_i]
    return Summary(
        lead=text_of[lead_i],
        lead_source=Source(paragraph=pid, start=s, end=e),
        key_points=[SummarySentence(text=text_of[r], source=Source(paragraph=sents[r][0], start=sents[r][1], end=sents[r][2])) for r in points],
    )
