"""Dated events: the clause a date expression anchors, at the precision the text gives.

Dates come from our own temporal tagger (`dates.find_dates`); this module turns each
resolved date into an event: the clause that carries it (its sentence, or its sentence inside a
quotation, cut at ; and : and, when the sentence holds several dates, between them), never a
date finer than the text's. Vague spans ("ces dernières semaines", "récemment")
and weeks without their day ("cette semaine") are kept out: they date nothing precisely enough
to put on a timeline. So are the year that names an instrument ("l'accord de 1968", "la loi de
1905": the text cites a law, nothing happens then) and, inside a quotation, a date still to come
(a speaker's forecast, "on sera en Ligue 1 l'année prochaine", is not a happening).
"""

from __future__ import annotations

import datetime as dt
import re

from ..model import Article, Event, Source
from ..text import fold
from .dates import DateMention, find_dates
from .dates.reference import LOWER_BOUND

VAGUE = re.compile(r"(?i)\b(ces|ces derni[eè]res?|derni[eè]rement|r[eé]cemment|semaines?)\b")
# a year naming an instrument: "l'accord de 1968", "la loi du 9 décembre 1905" is kept (a date)
_INSTRUMENT_YEAR = re.compile(
    r"\b(?:accords?|lois?|traites?|conventions?|decrets?|ordonnances?|constitution|pactes?"
    r"|protocoles?|chartes?|codes?|directives?|reglements?|statuts?|arretes?|plans?) (?:de|du) ?$")
_QUOTED = re.compile(r"«[^»]*»?|“[^”]*”?|\"[^\"]*\"?")


def reference_of(article: Article) -> dt.date | None:
    ref = article.published or article.reference_date
    try:
        return dt.date.fromisoformat(ref) if ref else None
    except ValueError:
        return None


# a sentence end inside a quotation (ingest keeps « … » in one sentence): ". " before a capital
_INNER_END = re.compile(r"[.!?…]+[»”\"]?\s+(?=[«“\"A-ZÀ-ÖØ-Þ])")
# where one clause of a sentence gives way to the next
_CLAUSE_BREAK = re.compile(r",\s+|;\s+|:\s+|\s+(?:et|mais|puis|ou encore|ou|ainsi que|alors que|tandis que|avant que|après que)\s+")


_QUESTION = re.compile(r"\?\s*[»”\"]?\s*$")


def _sentence(text: str, sentences: list[tuple[int, int]], start: int) -> tuple[int, int]:
    """The sentence holding `start`; inside a long quotation, the quoted sentence holding it."""
    s, e = next(((a, b) for a, b in sentences if a <= start < b), (0, len(text)))
    for m in _INNER_END.finditer(text, s, e):
        if m.end() <= start:
            s = m.end()
        elif m.start() >= start:
            e = m.start() + 1
            break
    return s, e


def _clauses(text: str, span: tuple[int, int], dates: list[DateMention]) -> list[tuple[int, int]]:
    """One clause per date of a sentence: cut at ; or : around it, and between two dates at the
    last clause break before the second ('A a voté lundi, puis B a signé mardi')."""
    s, e = span
    for m in re.finditer(r"[;:]\s", text[s:e]):  # a date never reaches over a ; or a :
        cut = s + m.end()
        if all(cut <= d.start for d in dates):
            s = cut
        elif all(cut - 2 >= d.end for d in dates):
            e = cut - 2
            break
    bounds = [s]
    for a, b in zip(dates, dates[1:]):
        breaks = list(_CLAUSE_BREAK.finditer(text, a.end, b.start))
        bounds.append(breaks[-1] if breaks else None)
    out = []
    for i, d in enumerate(dates):
        lo = next((x for x in reversed(bounds[: i + 1]) if x is not None), s)
        hi = next((x for x in bounds[i + 1:] if x is not None), None)
        start = lo if isinstance(lo, int) else lo.end()
        end = hi.start() if hi is not None else e
        if _bare(text[start:end], d):
            end = e  # "Dimanche, suite aux pluies de la veille, la ville…": the date alone says nothing
        out.append(_trim(text, start, end))
    return out


def _bare(clause: str, d: DateMention) -> bool:
    """A clause that is little more than its date ('Dimanche', 'En début de soirée')."""
    return len(re.findall(r"\w+", clause.replace(d.text, " ", 1))) < 2


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1] in " \u00a0.,":
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


def _names_instrument(text: str, m: DateMention) -> bool:
    return m.precision == "year" and bool(_INSTRUMENT_YEAR.search(fold(text[max(0, m.start - 24):m.start])))


def _forecast_in_quote(text: str, m: DateMention, reference: dt.date | None) -> bool:
    """A date after the page's day, inside « » or " ": the speaker foresees, nothing happened."""
    if reference is None or m.date <= reference.isoformat()[: len(m.date)]:
        return False
    return any(q.start() < m.start < q.end() for q in _QUOTED.finditer(text))


_MONTH_NAMED = re.compile(r"(?i)\b(?:janv|f[ée]v|mars|avr|mai|juin|juil|ao[uû]|sept|oct|nov|d[ée]c)")


def _needs_the_day(m: DateMention) -> bool:
    """'jeudi', 'hier', 'la veille': only an exact page day resolves them ('le 27 novembre' needs a year)."""
    return m.relative and m.precision == "day" and not _MONTH_NAMED.search(m.text)


def _is_event(text: str, m: DateMention, reference: dt.date | None, bound_only: bool) -> bool:
    return bool(m.date) and not VAGUE.search(m.text) and not _names_instrument(text, m) \
        and not _forecast_in_quote(text, m, reference) and not (bound_only and _needs_the_day(m))


def _last_told_day(found: list[DateMention]) -> str | None:
    """The story's day after a paragraph: its last day date, unless told backwards ('la veille')."""
    days = [m for m in found if m.date and m.precision == "day"
            and not re.search(r"(?i)veille|plus t[oô]t|auparavant|hier", m.text)]
    return days[-1].date if days else None


def _told(text: str, sentences: list[tuple[int, int]], found: list[DateMention]) -> list[tuple[str, str]]:
    """Each sentence of a paragraph that dates something to the day, folded, with that day."""
    out = []
    for m in found:
        if m.date and m.precision == "day":
            s, e = next(((a, b) for a, b in sentences if a <= m.start < b), (0, len(text)))
            out.append((fold(text[s:e]), m.date))
    return out


def extract_events(article: Article) -> list[Event]:
    reference = reference_of(article)
    bound_only = not article.published and article.reference_basis.startswith(LOWER_BOUND)
    events: list[Event] = []
    told: str | None = None  # the last day the story told, for "le lendemain" in the next paragraph
    history: list[tuple[str, str]] = []  # (folded sentence, its day), for "trois jours après l'attaque"
    for para in article.paragraphs:
        found = find_dates(para.text, reference, told, history)
        told = _last_told_day(found) or told
        history += _told(para.text, para.sentences, found)
        mentions = [m for m in found if _is_event(para.text, m, reference, bound_only)]
        by_sentence: dict[tuple[int, int], list[DateMention]] = {}
        for m in _merge_nested(mentions):
            by_sentence.setdefault(_sentence(para.text, para.sentences, m.start), []).append(m)
        for span, dates in by_sentence.items():
            if _QUESTION.search(para.text[span[0]:span[1]]):
                continue  # "Alors cette année, grève ou pas grève ?": a question asserts no event
            for m, (s, e) in zip(dates, _clauses(para.text, span, dates)):
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
