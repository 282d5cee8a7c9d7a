"""The reference date of an article without a publication date, from its own dates only.

No clock: when the text gives no year, the reference date stays unknown and the basis says why.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter

from .patterns import FUTURE_BEFORE, MONTHS_FR, WEEKDAYS, day_num, literal_years, month_num, scan
from .resolve import num, rel_kind, resolve_day_month, safe_date

# --------------------------------------------------------------------------------------------
# reference date inference

def _fr_day(d: int, mo: int) -> str:
    return f"{'1er' if d == 1 else d} {MONTHS_FR[mo - 1]}"


def _clip(s: str) -> str:
    return " ".join(s.split())


# what the page says about itself: "Publié le 12/03/2024 à 10h05", "Mis à jour le 15.09.2015"
_DATELINE = re.compile(r"\b(?:publie|mis a jour|mise a jour|modifie|actualise)e? (?:le|il y a)\b")
LOWER_BOUND = "au plus tôt"  # a basis starting so gives a day the page is not older than


# a timestamp line with no year: "Le 05 août à 16h24", "mardi 12 mars, 08:15"
_TIMESTAMP = re.compile(r"^(?:le )?(?:[a-z]+ )?\d{1,2}(?:er)? [a-z]+\.?,?(?: (?:a|-)? ?\d{1,2} ?[h:]\d{2})?$")


def _timestamp_day(line: str, years: list[int]) -> tuple[int, _dt.date, str] | None:
    """'Le 05 août à 16h24' on a page whose body cites years: that day in the latest year cited
    (checked against the weekday when the line gives one)."""
    norm, cands = scan(line)
    if not years or not _TIMESTAMP.match(norm.strip()) or [c.kind for c in cands] != ["dm"]:
        return None
    c = cands[0]
    wd = WEEKDAYS.index(c.g["wd"]) if c.g.get("wd") else None
    day, mo = day_num(c.g["d"]), month_num(c.g["m"])
    d = resolve_day_month(day, mo, wd, None, None, years) if wd is not None else safe_date(max(years), mo, day)
    if d is None:
        return None
    return (1, d, f"{LOWER_BOUND} : « {_clip(line)} » (horodatage retiré du corps, sans année), "
                  f"en {d.year}, année la plus récente citée par le texte")


def furniture_reference(lines: list[str], years: list[int] = ()) -> tuple[_dt.date | None, str]:
    """The page's day from its removed furniture: a dateline gives it, a dated caption bounds
    it (the photo was taken before the article was written), a timestamp without year takes the
    latest year the body cites (a guess, so only a bound). Never an event, only the anchor."""
    best: tuple[int, _dt.date, str] | None = None
    for line in lines:
        norm, cands = scan(line)
        stamp = _timestamp_day(line, list(years))
        if stamp is not None and (best is None or stamp[:2] > best[:2]):
            best = stamp
        for c in cands:
            if c.kind not in ("dmy", "num") or c.g.get("rel"):
                continue
            mo = int(c.g["m"]) if c.g["m"].isdigit() else month_num(c.g["m"])
            d = safe_date(int(c.g["y"]), mo, day_num(c.g["d"]))
            if d is None:
                continue
            said = _clip(line[c.start:c.end])
            option = (2, d, f"« {said} » : date de la page (ligne retirée du corps : « {_clip(line)[:60]} »)") \
                if _DATELINE.search(norm[:c.start]) else \
                (1, d, f"{LOWER_BOUND} le {said} : date d'une ligne retirée du corps (« {_clip(line)[:60]} »)")
            if best is None or option[:2] > best[:2]:
                best = option
    return (best[1], best[2]) if best else (None, "")


# a day in the page's address: ".../2014/11/20/...", "...-20220628-...", "AN-202502270758"
_URL_DAY = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<sep>[/-]?)(?P<m>[01]\d)(?P=sep)(?P<d>[0-3]\d)(?!\d{1,3}(?!\d))")


def url_reference(url: str | None) -> tuple[_dt.date | None, str]:
    """The publication day many outlets write into the article's address."""
    for m in _URL_DAY.finditer(url or ""):
        d = safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if d is not None:
            return d, f"date lue dans l'adresse de la page (« {m.group(0)} »)"
    return None, ""


def infer_reference_date(texts: list[str], furniture: list[str] | None = None,
                         url: str | None = None) -> tuple[_dt.date | None, str]:
    """Guess the publication date from the article's own dates; returns (date, French basis).
    The page's address, when it holds a day, says it first (it is the page's own date, not a
    guess); when the body dates nothing to the day, the page's removed furniture may."""
    if (found := url_reference(url))[0] is not None:
        return found
    day, basis = _from_body(texts)
    if day is None and furniture:
        found, why = furniture_reference(furniture, literal_years(scan("\n".join(texts or []))[1]))
        if found is not None:
            return found, why
    return day, basis


def _from_body(texts: list[str]) -> tuple[_dt.date | None, str]:
    text = "\n".join(t for t in (texts or []) if isinstance(t, str))
    if not text.strip():
        return None, "aucune date : texte vide"
    norm, cands = scan(text)
    literal = [c for c in cands if c.kind in ("dmy", "num", "my", "year", "range_year",
                                               "range_day", "range_month", "season_y")]
    explicit_years = sorted(set(literal_years(literal)))
    # 1. relations "l'année dernière, en janvier 2023" -> reference year 2024
    implied: Counter[int] = Counter()
    implied_ev: dict[int, str] = {}
    year_bearing = [c for c in cands if c.kind in ("dmy", "num", "my", "year", "season_y")]
    for c in cands:
        off = None
        if c.kind == "year_rel":
            off = 0 if c.g.get("this") else (-1 if rel_kind(c.g["rel"]) == "past" else 1)
        elif c.kind == "ago" and c.g["unit"].startswith("an") and num(c.g["n"]) is not None \
                and not re.search(r"plus|moins|pres|environ|presque|peu", norm[c.start:c.end]):
            off = -num(c.g["n"])
        if off is None:
            continue
        best = None
        for o in year_bearing:
            gap = norm[min(c.end, o.end):max(c.start, o.start)] if o.start >= c.end else \
                norm[o.end:c.start]
            dist = o.start - c.end if o.start >= c.end else c.start - o.end
            if dist < 0 or dist > 60 or "\n" in gap or re.search(r"[.!?;] ", gap):
                continue
            if best is None or dist < best[0]:
                best = (dist, o)
        if best is None:
            continue
        o = best[1]
        yr = int(o.g["y"])
        implied[yr - off] += 1
        a, b = min(c.start, o.start), max(c.end, o.end)
        implied_ev.setdefault(yr - off, _clip(text[a:b]))
    implied_years = [y for y, _ in implied.most_common()]
    ref_year = implied_years[0] if implied_years else None

    # 2. candidate days
    options: list[tuple[_dt.date, int, str]] = []  # (date, strength, basis)
    no_year: list[str] = []  # weekday dates that no year of the text can anchor
    for c in cands:
        before = norm[max(0, c.start - 24):c.start]
        if FUTURE_BEFORE.search(before):
            continue
        if c.kind in ("dmy", "num"):
            if c.g.get("rel"):
                continue
            mo = int(c.g["m"]) if c.g["m"].isdigit() else month_num(c.g["m"])
            d = safe_date(int(c.g["y"]), mo, day_num(c.g["d"]))
            if d is None or (ref_year is not None and d.year != ref_year):
                continue
            basis = f"« {_clip(text[c.start:c.end])} » : date complète la plus récente du texte"
            if ref_year is not None:
                basis += f", cohérente avec « {implied_ev[ref_year]} »"
            options.append((d, 1, basis))
        elif c.kind == "dm" and c.g.get("wd") and rel_kind(c.g.get("rel")) != "next":
            wd = WEEKDAYS.index(c.g["wd"])
            day, mo = day_num(c.g["d"]), month_num(c.g["m"])
            wtext = _clip(text[c.start:c.end])
            fact = f"« {wtext} » : le {_fr_day(day, mo)} tombe un {WEEKDAYS[wd]} en "
            d = None
            if ref_year is not None:
                for y in (ref_year, ref_year - 1):
                    x = safe_date(y, mo, day)
                    if x is not None and x.weekday() == wd:
                        d = x
                        basis = fact + f"{y}, année compatible avec « {implied_ev[ref_year]} »"
                        break
            elif explicit_years:
                d = resolve_day_month(day, mo, wd, None, None, explicit_years)
                if d is not None:
                    ys = ", ".join(str(y) for y in explicit_years[-6:])
                    basis = fact + f"{d.year}, année la plus proche des années citées ({ys})"
            else:
                # no year anywhere in the text: a weekday fits one year in about seven, and
                # only the day of the run could choose among them; leave the date unknown
                no_year.append(wtext)
            if d is not None:
                options.append((d, 2, basis))
    if not options:
        if ref_year is not None:
            return None, (f"aucune date au jour près ; l'année de publication serait {ref_year} "
                          f"d'après « {implied_ev[ref_year]} »")
        if explicit_years:
            return None, ("aucune date au jour près ; année la plus récente citée : "
                          f"{explicit_years[-1]}")
        if no_year:
            return None, (f"date inconnue : « {no_year[0]} » ne dit pas l'année et le texte "
                          "n'en cite aucune")
        return None, "aucune date exploitable dans le texte"
    options.sort(key=lambda o: (o[0], o[1]))
    d, _, basis = options[-1]
    return d, basis
