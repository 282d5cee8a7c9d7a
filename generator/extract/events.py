"""Dated events: the clause a date expression anchors, at the precision the text gives.

Dates come from our own temporal tagger (`dates.find_dates`); this module turns each
resolved date into an event: the clause around it (cut at ; or at the sentence end),
never a date finer than the text's. Vague spans ("ces dernières semaines", "récemment")
are kept out: they date nothing precisely enough to put on a timeline.
"""

from __future__ import annotations

import datetime as dt
import re

from ..model import Article, Event, Source
from .dates import DateMention, find_dates

VAGUE = re.compile(r"(?i)\b(ces|ces derni[eè]res?|derni[eè]rement|r[eé]cemment)\b")


def reference_of(article: Article) -> dt.date | None:
    ref = article.published or article.reference_date
    try:
        return dt.date.fromisoformat(ref) if ref else None
    except ValueError:
        return None


def _clause(text: str, sentences: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The sentence holding the date, narrowed to the part between semicolons or colons."""
    s, e = next(((a, b) for a, b in sentences if a <= start < b), (0, len(text)))
    for m in re.finditer(r"[;:]\s", text[s:e]):
        cut = s + m.end()
        if cut <= start:
            s = cut
        elif cut - 2 >= end:
            e = cut - 2
            break
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1] in " \u00a0.":
        e -= 1
    return s, e


def _merge_nested(mentions: list[DateMention]) -> list[DateMention]:
    """'l'année dernière, en janvier 2023': keep the finer of two adjacent compatible dates."""
    out: list[DateMention] = []
    for m in mentions:
        if out and m.date and out[-1].date and m.start - out[-1].end <= 12:
            prev = out[-1]
            if m.date.startswith(prev.date) and len(m.date) > len(prev.date):
                out[-1] = m
                continue
            if prev.date.startswith(m.date) and len(prev.date) >= len(m.date):
                continue
        out.append(m)
    return out


def extract_events(article: Article) -> list[Event]:
    reference = reference_of(article)
    events: list[Event] = []
    for para in article.paragraphs:
        mentions = [m for m in find_dates(para.text, reference) if m.date and not VAGUE.search(m.text)]
        for m in _merge_nested(mentions):
            s, e = _clause(para.text, para.sentences, m.start, m.end)
            events.append(
                Event(
                    id=f"e-{len(events) + 1}",
                    date=m.date,
                    precision=m.precision,
                    approximate=m.approximate,
                    date_text=m.text,
                    text=para.text[s:e],
                    source=Source(paragraph=para.id, start=m.start, end=m.end),
                )
            )
    return events
