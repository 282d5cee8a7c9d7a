"""French temporal tagger (pure Python + regex), one module per step: patterns, resolve, reference.

``find_dates(text, reference)`` finds date expressions in French news text and resolves them
to ISO dates at the precision the text gives (day ``2024-04-27``, month ``2023-12``, year
``2022``), never finer. ``infer_reference_date(texts)`` guesses the publication date of an
article whose date is unknown, from internal evidence, and explains why in French.

Matching is done on the text core's offset-keeping fold (``fold(text, keep_offsets=True)``: lower
case, accents stripped, typographic apostrophes and dashes folded, same length as the original),
so that match offsets are offsets into the original text.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from .anchored import after_noun_phrase, anchored_dates
from .patterns import literal_years, scan
from .reference import infer_reference_date
from .resolve import resolve

__all__ = ["DateMention", "find_dates", "infer_reference_date"]


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int  # offsets into the text given
    text: str  # text[start:end]
    date: str | None  # ISO at the given precision; None when it cannot be resolved
    precision: str  # "day" | "month" | "year"
    approximate: bool
    relative: bool  # needed the reference date (or other text) to resolve
    end_date: str | None = None  # for ranges




# --------------------------------------------------------------------------------------------
# public API

def _as_date(reference) -> _dt.date | None:
    if reference is None:
        return None
    if isinstance(reference, _dt.datetime):
        return reference.date()
    if isinstance(reference, _dt.date):
        return reference
    if isinstance(reference, str):
        try:
            return _dt.date.fromisoformat(reference[:10])
        except ValueError:
            return None
    return None




def find_dates(text: str, reference: _dt.date | None, anchor: str | None = None,
               history: list[tuple[str, str]] | None = None) -> list[DateMention]:
    """Date expressions of ``text`` resolved against ``reference`` (publication date); ``anchor``,
    the last day the text before told (ISO), anchors "le lendemain" before any date of ``text``;
    ``history``, the (folded sentence, ISO day) told before, dates "trois jours après l'attaque"."""
    if not text:
        return []
    ref = _as_date(reference)
    norm, cands = scan(text)
    years = literal_years(cands)
    out: list[DateMention] = []
    for c in cands:
        try:
            res = resolve(c, norm, ref, years)
        except (ValueError, OverflowError, KeyError, TypeError):  # pragma: no cover - defensive
            res = None
        if res is None:
            continue
        date, precision, approximate, relative, end_date = res
        out.append(DateMention(c.start, c.end, text[c.start:c.end], date, precision,
                               approximate, relative, end_date))
    days = [(m.start, m.end, m.date) for m in out if m.date and m.precision == "day"]
    if anchor:
        days.insert(0, (-1, 0, anchor))
    taken = [(c.start, c.end) for c in cands]
    for a in [*anchored_dates(norm, taken, days, ref), *after_noun_phrase(norm, taken, days, history or [])]:
        out.append(DateMention(a.start, a.end, text[a.start:a.end], a.date, "day", False, True))
    return sorted(out, key=lambda m: m.start)
