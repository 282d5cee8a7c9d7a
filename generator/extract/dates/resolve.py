"""Each date candidate resolved to an ISO date at the precision the text gives, against the
reference (publication) date when it is relative; weekdays are checked against the calendar.
"""

from __future__ import annotations

import datetime as _dt

from .patterns import (
    FUTURE_BEFORE,
    FUTURE_TENSE,
    FUTURE_VERB,
    PAST_VERB,
    NUMBER_WORDS,
    WEEKDAYS,
    Candidate,
    day_num,
    month_num,
)

# --------------------------------------------------------------------------------------------
# resolution helpers

def to_iso(y: int, mo: int | None = None, d: int | None = None) -> str | None:
    try:
        if d is not None:
            return _dt.date(y, mo, d).isoformat()
        if mo is not None:
            if not (1 <= y <= 9999 and 1 <= mo <= 12):
                return None
            return f"{y:04d}-{mo:02d}"
        if not 1 <= y <= 9999:
            return None
        return f"{y:04d}"
    except (ValueError, TypeError, OverflowError):
        return None


def add_months(y: int, mo: int, k: int) -> tuple[int, int]:
    t = y * 12 + (mo - 1) + k
    return t // 12, t % 12 + 1


def safe_date(y: int, mo: int, d: int) -> _dt.date | None:
    try:
        return _dt.date(y, mo, d)
    except (ValueError, OverflowError):
        return None


def shift(ref: _dt.date, days: int) -> _dt.date | None:
    try:
        return ref + _dt.timedelta(days=days)
    except OverflowError:
        return None


def rel_kind(rel: str | None) -> str | None:
    if not rel:
        return None
    if rel.startswith("dern") or rel.startswith("pass"):
        return "past"
    if rel.startswith("proch"):
        return "next"
    return None


def resolve_day_month(day: int, mo: int, wd: int | None, rel: str | None,
                       ref: _dt.date | None, text_years: list[int], future: bool = False
                       ) -> _dt.date | None:
    if ref is not None:
        cands = [d for y in range(ref.year - 8, ref.year + 2)
                 if (d := safe_date(y, mo, day)) is not None]
        if not cands:
            return None
        if rel == "next" or future:
            pool = [d for d in cands if d > ref] if rel == "next" else \
                   [d for d in cands if d >= ref - _dt.timedelta(days=3)]
            if wd is not None:
                wpool = [d for d in pool if d.weekday() == wd and d.year <= ref.year + 1]
                if wpool:
                    return min(wpool)
            return min(pool) if pool else None
        if rel == "past":
            pool = [d for d in cands if d < ref]
            if wd is not None:
                wpool = [d for d in pool if d.weekday() == wd and (ref - d).days <= 366]
                if wpool:
                    return max(wpool)
            return max(pool) if pool else None
        if wd is not None:
            limit = ref + _dt.timedelta(days=7)
            wpool = [d for d in cands if d <= limit and d.weekday() == wd and (ref - d).days <= 366]
            if wpool:
                return max(wpool)
        limit = ref + _dt.timedelta(days=3)
        pool = [d for d in cands if d <= limit]
        return max(pool) if pool else None
    # no reference: only a weekday can fix the year, near the years the text cites
    if wd is None or not text_years:
        return None
    top = max(text_years)
    years = set(range(top - 3, top + 2))
    for y in text_years:
        years.update((y - 1, y, y + 1))
    hits = [d for y in years if 1 <= y <= 9999 and (d := safe_date(y, mo, day)) is not None
            and d.weekday() == wd]
    if not hits:
        return None
    hits.sort(key=lambda d: (abs(d.year - top), -d.year))
    return hits[0]


def resolve_month_only(mo: int, how: str, ref: _dt.date | None) -> str | None:
    if ref is None:
        return None
    if how == "past":
        y = ref.year if mo < ref.month else ref.year - 1
    elif how == "next":
        y = ref.year if mo > ref.month else ref.year + 1
    elif how == "future":
        y = ref.year if mo >= ref.month else ref.year + 1
    else:
        y = ref.year if mo <= ref.month else ref.year - 1
    return to_iso(y, mo)


def weekday_resolve(wd: int, rel: str | None, ref: _dt.date | None) -> str | None:
    if ref is None:
        return None
    delta = (ref.weekday() - wd) % 7
    if rel == "past":
        delta = delta or 7
        d = shift(ref, -delta)
    elif rel == "next":
        d = shift(ref, ((wd - ref.weekday()) % 7) or 7)
    else:
        d = shift(ref, -delta)
    return d.isoformat() if d else None


def coming(norm: str, start: int, end: int) -> bool:
    """Whether the verb nearest to a bare weekday, in its sentence, is in the future."""
    s = max(norm.rfind(". ", 0, start), norm.rfind("\n", 0, start), norm.rfind("? ", 0, start)) + 1
    e = min((i for i in (norm.find(". ", end), norm.find("\n", end), norm.find("? ", end)) if i >= 0), default=len(norm))
    best: tuple[int, bool] | None = None
    for rx, future in ((PAST_VERB, False), (FUTURE_VERB, True)):
        for m in rx.finditer(norm, s, e):
            dist = start - m.end() if m.end() <= start else m.start() - end
            if dist >= 0 and (best is None or dist < best[0]):
                best = (dist, future)
    return bool(best and best[1])


def num(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    return NUMBER_WORDS.get(s)




def resolve(c: Candidate, norm: str, ref: _dt.date | None, years: list[int]):
    g = c.g
    k = c.kind
    approx = bool(g.get("mod"))
    before = norm[max(0, c.start - 24):c.start]
    future = bool(FUTURE_BEFORE.search(before))
    if k in ("dmy", "num"):
        y, mo, d = int(g["y"]), (month_num(g["m"]) if not g["m"].isdigit() else int(g["m"])), \
            day_num(g["d"])
        iso = to_iso(y, mo, d)
        return (iso, "day", False, False, None) if iso else None
    if k == "dm":
        wd = WEEKDAYS.index(g["wd"]) if g.get("wd") else None
        d = resolve_day_month(day_num(g["d"]), month_num(g["m"]), wd, rel_kind(g.get("rel")),
                               ref, years, future)
        return (d.isoformat() if d else None, "day", False, True, None)
    if k == "wd_d":
        wd = WEEKDAYS.index(g["wd"])
        day = day_num(g["d"])
        if ref is None:
            return (None, "day", False, True, None)
        for back in range(-7, 400):
            d = shift(ref, -back)
            if d is not None and d.day == day and d.weekday() == wd:
                return (d.isoformat(), "day", False, True, None)
        return (None, "day", False, True, None)
    if k == "my":
        iso = to_iso(int(g["y"]), month_num(g["m"]))
        return (iso, "month", approx, False, None) if iso else None
    if k == "year":
        return (to_iso(int(g["y"])), "year", approx, False, None)
    if k == "season_y":
        return (to_iso(int(g["y"])), "year", True, False, None)
    if k == "decade":
        y = int(g["y"]) if g.get("y") else 1900 + int(g["yy"])
        return (to_iso(y), "year", True, False, to_iso(y + 9))
    if k == "range_year":
        return (to_iso(int(g["y1"])), "year", False, False, to_iso(int(g["y2"])))
    if k == "range_month":
        m1, m2 = month_num(g["m1"]), month_num(g["m2"])
        y2 = int(g["y2"]) if g.get("y2") else None
        y1 = int(g["y1"]) if g.get("y1") else None
        relative = False
        if y2 is None and y1 is not None:
            y2 = y1 if m2 >= m1 else y1 + 1
        if y2 is None:
            relative = True
            e = resolve_month_only(m2, "future" if future else "plain", ref)
            if e is None:
                return (None, "month", False, True, None)
            y2 = int(e[:4])
        if y1 is None:
            y1 = y2 if m1 <= m2 else y2 - 1
        if (y1, m1) > (y2, m2):
            return None
        return (to_iso(y1, m1), "month", False, relative, to_iso(y2, m2))
    if k == "range_day":
        d1, d2 = day_num(g["d1"]), day_num(g["d2"])
        m2 = month_num(g["m2"])
        m1 = month_num(g["m1"]) if g.get("m1") else m2
        y2 = int(g["y2"]) if g.get("y2") else None
        y1 = int(g["y1"]) if g.get("y1") else None
        relative = False
        if y2 is None and y1 is not None:
            y2 = y1 if (m2, d2) >= (m1, d1) else y1 + 1
        if y2 is None:
            relative = True
            wd2 = WEEKDAYS.index(g["wd2"]) if g.get("wd2") else None
            e = resolve_day_month(d2, m2, wd2, None, ref, years, future)
            if e is None:
                return (None, "day", False, True, None)
            y2 = e.year
        if y1 is None:
            y1 = y2 if (m1, d1) <= (m2, d2) else y2 - 1
        s, e = safe_date(y1, m1, d1), safe_date(y2, m2, d2)
        if s is None or e is None or s > e:
            return None
        return (s.isoformat(), "day", False, relative, e.isoformat())
    # ------------------------------------------------------------------ relative expressions
    if k == "month_rel":
        how = "past" if rel_kind(g["rel"]) == "past" else "next"
        return (resolve_month_only(month_num(g["m"]), how, ref), "month", approx, True, None)
    if k == "month_bare":
        prep = g.get("prep") or ""
        how = "future" if (prep in ("jusqu'en", "jusqu'a", "d'ici", "d'ici a", "a partir de",
                                    "a compter de") or future
                           or FUTURE_TENSE.search(norm[max(0, c.start - 40):c.start])) else "plain"
        return (resolve_month_only(month_num(g["m"]), how, ref), "month", approx, True, None)
    if k == "day_rel":
        w = g["w"].replace(" ", "-")
        off = {"avant-hier": -2, "hier": -1, "aujourd'hui": 0, "demain": 1, "apres-demain": 2,
               "ce-matin": 0, "ce-soir": 0, "cet-apres-midi": 0, "ce-midi": 0}[w]
        d = shift(ref, off) if ref else None
        return (d.isoformat() if d else None, "day", False, True, None)
    if k == "weekday":
        wd = WEEKDAYS.index(g["wd"])
        rel = rel_kind(g.get("rel")) or ("next" if coming(norm, c.start, c.end) else None)
        return (weekday_resolve(wd, rel, ref), "day", False, True, None)
    if k == "week_rel":
        off = 0 if g.get("this") else (-7 if rel_kind(g["rel"]) == "past" else 7)
        d = shift(ref, off) if ref else None
        return (to_iso(d.year, d.month) if d else None, "month", True, True, None)
    if k == "month_rel2":
        if ref is None:
            return (None, "month", False, True, None)
        off = 0 if g.get("this") else (-1 if rel_kind(g["rel"]) == "past" else 1)
        y, mo = add_months(ref.year, ref.month, off)
        return (to_iso(y, mo), "month", False, True, None)
    if k == "year_rel":
        off = 0 if g.get("this") else (-1 if rel_kind(g["rel"]) == "past" else 1)
        return (to_iso(ref.year + off) if ref else None, "year", approx, True, None)
    if k == "ago":
        n = num(g["n"])
        unit = g["unit"]
        if ref is None:
            return (None, "year" if unit.startswith("an") else "month" if unit == "mois" or
                    unit.startswith("semaine") else "day", True, True, None)
        if unit.startswith("an"):
            if n is None:
                return (None, "year", True, True, None)
            return (to_iso(ref.year - n), "year", True, True, None)
        if unit == "mois":
            if n is None:
                return (None, "month", True, True, None)
            y, mo = add_months(ref.year, ref.month, -n)
            return (to_iso(y, mo), "month", True, True, None)
        days = (7 if unit.startswith("semaine") else 1) * (n if n is not None else 3)
        d = shift(ref, -days)
        if d is None:
            return None
        if unit.startswith("semaine") or n is None:
            return (to_iso(d.year, d.month), "month", True, True, None)
        return (d.isoformat(), "day", True, True, None)
    if k == "recent":
        if g.get("u") == "annees":
            return (to_iso(ref.year) if ref else None, "year", True, True, None)
        return (to_iso(ref.year, ref.month) if ref else None, "month", True, True, None)
    if k == "season_rel":
        if ref is None:
            return (None, "year", True, True, None)
        off = 0 if g.get("this") else (-1 if g["rel"] == "dernier" else 1)
        return (to_iso(ref.year + off), "year", True, True, None)
    return None  # pragma: no cover
