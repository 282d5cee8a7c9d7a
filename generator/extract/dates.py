"""French temporal tagger (pure Python + regex).

``find_dates(text, reference)`` finds date expressions in French news text and resolves them
to ISO dates at the precision the text gives (day ``2024-04-27``, month ``2023-12``, year
``2022``), never finer. ``infer_reference_date(texts)`` guesses the publication date of an
article whose date is unknown, from internal evidence, and explains why in French.

Matching is done on a *normalised* copy of the text that has exactly the same length as the
original (lower case, accents stripped, typographic apostrophes and dashes folded, every
non-newline space folded to ``" "``), so that match offsets are offsets into the original text.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

__all__ = ["DateMention", "find_dates", "infer_reference_date", "normalize"]


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
# normalisation (same length as the input)

_CHAR_MAP = {
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'", "\u2032": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u2028": "\n", "\u2029": "\n", "\r": "\n",
}
_norm_cache: dict[str, str] = {}


def _norm_char(ch: str) -> str:
    out = _norm_cache.get(ch)
    if out is not None:
        return out
    if ch in _CHAR_MAP:
        out = _CHAR_MAP[ch]
    elif ch == "\n":
        out = "\n"
    elif ch.isspace():
        out = " "
    else:
        base = unicodedata.normalize("NFD", ch)[0]
        low = base.lower()
        out = low if len(low) == 1 else (base if len(base) == 1 else ch)
    if len(out) != 1:  # pragma: no cover - defensive
        out = ch if len(ch) == 1 else " "
    if len(_norm_cache) < 20000:
        _norm_cache[ch] = out
    return out


_ASCII_TABLE = str.maketrans({**{c: " " for c in "\t\x0b\x0c\x1c\x1d\x1e\x1f"},
                               "\r": "\n", "`": "'"})


def normalize(text: str) -> str:
    """Lower-case, accent-free, apostrophe/dash/space-folded copy of ``text``, same length."""
    if text.isascii():
        return text.lower().translate(_ASCII_TABLE)
    return "".join(_norm_char(c) for c in text)


# --------------------------------------------------------------------------------------------
# vocabulary

_WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
_MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
              "septembre", "octobre", "novembre", "décembre"]
_NUMBER_WORDS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50,
    "cent": 100,
}


def _month_num(s: str) -> int:
    s = s.strip(".")
    if s.startswith("juin"):
        return 6
    if s.startswith("juil"):
        return 7
    return {"jan": 1, "fev": 2, "mar": 3, "avr": 4, "mai": 5, "aou": 8, "sep": 9, "oct": 10,
            "nov": 11, "dec": 12}[s[:3]]


def _day_num(s: str) -> int:
    s = s.replace(" ", "")
    if s.isdigit():
        return int(s)
    return 1  # "1er", "1re", "1ᵉʳ", "premier"


# --------------------------------------------------------------------------------------------
# regular expressions (applied to the normalised text)

_S = r" +"  # spaces (newlines are paragraph breaks: never inside a date)
_B = r"(?<![a-z0-9])"  # word start
_E = r"(?![a-z0-9])"  # word end


def _wd(n: str) -> str:
    return rf"(?P<{n}>lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche){_E}"


def _mo(n: str) -> str:
    return (rf"(?P<{n}>(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre"
            rf"|novembre|decembre){_E}|(?:janv|fevr?|avr|juil|sept|oct|nov|dec)\.)")


def _day(n: str) -> str:
    return rf"(?<![\d,.])(?P<{n}>1(?:er|re|\u1d49\u02b3)|premier|3[01]|[12]\d|0?[1-9])(?![\d])"


def _yr(n: str) -> str:
    return rf"(?<![\d])(?P<{n}>1[89]\d\d|20\d\d|2100)(?!\d)"


_MOD = (r"(?P<mod>(?:(?:au|a la|a|en|dans le|vers la|tout au|tout) )*"
        r"(?:debut|fin|courant|milieu|mi)(?: de l'| de| du mois de| d')?"
        r"|vers|autour de|aux alentours de|aux environs de|environ|approximativement)")
_MODSEP = r"(?:(?<=')|(?<=mi)-|(?<=mi) ?- ?| +)"
_APPROX = rf"(?:{_MOD}{_MODSEP})"

_REL = r"(?P<rel>dernier|derniere|prochain|prochaine|passe|passee)"


_YEAR_PREP = (r"(?P<skip>(?:(?:en l'an|l'an|en l'annee|l'annee|annee|en|depuis|des|avant|apres"
              r"|jusqu'en|jusqu'a|d'ici a|d'ici|a partir de|a compter de|de|entre|courant|pour"
              r"|au cours de|durant|pendant|a l'horizon|horizon|saison|exercice|millesime|cru"
              r"|rentree) +))")
_WEAK_PREPS = {"de", "des", "pour", "entre"}

_PATTERNS: list[tuple[str, str]] = [
    # ranges ------------------------------------------------------------------------------
    ("range_day",
     rf"{_B}(?P<pre>du|entre le|entre|les|des){_S}(?:{_wd('wd1')}{_S})?{_day('d1')}"
     rf"(?:{_S}{_mo('m1')}(?:{_S}{_yr('y1')})?)?{_S}(?:au|et le|et|jusqu'au){_S}"
     rf"(?:{_wd('wd2')}{_S})?{_day('d2')}{_S}{_mo('m2')}(?:{_S}{_yr('y2')})?"),
    ("range_month",
     rf"{_B}(?P<pre>de |d'|entre |depuis )(?:{_mo('m1')})(?:{_S}{_yr('y1')})?{_S}"
     rf"(?:a|au|et|jusqu'a|jusqu'en){_S}{_mo('m2')}(?:{_S}{_yr('y2')})?"),
    ("range_year",
     rf"{_B}(?P<pre>de|entre|depuis|du){_S}{_yr('y1')}{_S}(?:a|et|jusqu'a|jusqu'en|au){_S}{_yr('y2')}"),
    ("range_year",
     rf"{_B}(?P<skip>(?:en|de|saison|annees?|exercice|periode|sur la periode|sur) +)"
     rf"{_yr('y1')} ?[-/] ?{_yr('y2')}"),
    # absolute dates ----------------------------------------------------------------------
    ("dmy",
     rf"{_B}(?:(?P<ce>ce|cette){_S})?(?:{_wd('wd')},?{_S})?{_day('d')}{_S}{_mo('m')},?{_S}{_yr('y')}"),
    ("num",
     r"(?<![\d/.-])(?P<d>3[01]|[12]\d|0?[1-9])(?P<sep>[/.-])(?P<m>1[0-2]|0?[1-9])(?P=sep)"
     r"(?P<y>1[89]\d\d|20\d\d|2100)(?![\d/-]|\.\d)"),
    ("num",
     r"(?<![\d/.-])(?P<y>1[89]\d\d|20\d\d|2100)-(?P<m>1[0-2]|0[1-9])-(?P<d>3[01]|[12]\d|0[1-9])"
     r"(?![\d-])"),
    ("dm",
     rf"{_B}(?:(?P<ce>ce|cette){_S})?(?:{_wd('wd')}{_S})?{_day('d')}{_S}{_mo('m')}"
     rf"(?:{_S}{_REL})?"),
    ("wd_d",
     rf"{_B}(?:(?P<ce>ce){_S})?{_wd('wd')}{_S}{_day('d')}(?!{_S}(?:{_mo('m')}|[a-z]*\d))"),
    ("my", rf"{_B}{_APPROX}?{_mo('m')},?{_S}{_yr('y')}"),
    ("season_y",
     rf"{_B}(?:(?:au|a l'|l'|en|de l'|du|le|cet|depuis l'|depuis le) ?)"
     rf"(?P<core>{_APPROX}?(?P<season>printemps|ete|automne|hiver){_S}{_yr('y')})"),
    ("decade",
     rf"{_B}(?P<core>{_APPROX}?(?:les{_S})?annees{_S}(?:(?P<y>1[89]\d0|20\d0)|(?P<yy>[2-9]0))){_E}"),
    ("year", rf"{_B}{_APPROX}{_yr('y')}"),
    ("year", rf"(?<=[0-9])(?P<skip>(?:,| et| ou|, et|, ou) +){_yr('y')}"),
    ("year", rf"{_B}{_YEAR_PREP}{_APPROX}?{_yr('y')}"),
    # relative ----------------------------------------------------------------------------
    ("month_rel",
     rf"{_B}(?:(?P<skip>(?:depuis|des|jusqu'en|jusqu'a) +))?"
     rf"(?P<core>(?:(?:en|au mois de|a) +)?{_APPROX}?{_mo('m')}{_S}{_REL})"),
    ("month_bare",
     rf"{_B}(?P<skip>(?P<prep>en|depuis|des|jusqu'en|jusqu'a|d'ici|d'ici a|a partir de"
     rf"|a compter de|au mois de|courant|avant|apres|durant|pendant) +){_APPROX}?"
     rf"{_mo('m')}(?! ?\d)"),
    ("month_bare", rf"{_B}{_APPROX}{_mo('m')}(?! ?\d)"),
    ("day_rel",
     rf"{_B}(?P<w>avant-hier|avant hier|apres-demain|apres demain|aujourd'hui|hier|demain"
     rf"|ce matin|ce soir|cet apres-midi|ce midi)(?:{_S}(?P<tod>matin|soir|apres-midi|midi))?{_E}"),
    ("week_rel",
     rf"{_B}(?:la semaine{_S}(?P<rel>derniere|passee|prochaine)|(?P<this>cette semaine))"
     rf"(?:-ci)?{_E}"),
    ("month_rel2",
     rf"{_B}(?:le mois{_S}(?P<rel>dernier|passe|prochain)|(?P<this>ce mois(?:-ci| ci)?)){_E}"),
    ("year_rel",
     rf"{_B}{_APPROX}?(?:(?:l'annee|l'an){_S}(?P<rel>derniere|dernier|passee|passe|prochaine"
     rf"|prochain)|(?P<this>cette annee(?:-ci)?|l'annee en cours)){_E}"),
    ("ago",
     rf"{_B}(?:il y a|il y avait|voila|voici){_S}"
     rf"(?:(?:un peu |tout juste |a peine |pas loin de |bientot |presque |environ |pres de "
     rf"|pres d'|plus de |plus d'|moins de |moins d'|quasiment |pratiquement )*)"
     rf"(?P<n>\d{{1,3}}|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize"
     rf"|quatorze|quinze|seize|vingt|trente|quarante|cinquante|cent|quelques|plusieurs)"
     rf"(?:{_S}(?:bons?|bonnes?|longs?|longues?|petits?|petites?))?{_S}"
     rf"(?P<unit>ans|an|annees|annee|mois|semaines|semaine|jours|jour){_E}"),
    ("recent",
     rf"{_B}(?:ces{_S}(?:dernieres|derniers){_S}(?P<u>semaines|jours|mois|temps|annees)"
     rf"|(?P<r>recemment|dernierement)){_E}"),
    ("season_rel",
     rf"{_B}(?:(?P<this>cet|ce){_S}(?P<s1>printemps|ete|automne|hiver)"
     rf"|(?:l'|le{_S})(?P<s2>printemps|ete|automne|hiver){_S}(?P<rel>dernier|prochain)){_E}"),
    ("weekday",
     rf"{_B}(?:(?P<ce>ce){_S})?{_wd('wd')}(?:{_S}(?P<rel>dernier|prochain|passe))?"
     rf"(?:{_S}(?P<tod>matin|soir|apres-midi|midi))?{_E}"),
]
_COMPILED = [(kind, re.compile(rx)) for kind, rx in _PATTERNS]

_UNIT_AFTER = re.compile(
    r" ?(?:%|€|\$|£|pour ?cent|euros?|dollars?|francs?|livres|ans?|annees|mois|semaines|jours?"
    r"|heures?|h\d*|min|minutes|secondes|km|kilometres?|metres?|m|m2|m²|m3|kg|kilos?|grammes"
    r"|tonnes?|litres?|l|personnes|habitants|victimes|morts|blesses|salaries|emplois|exemplaires"
    r"|voix|signatures|pages|participants|manifestants|policiers|gendarmes|agents|logements"
    r"|places|fois|points|eleves|etudiants|enfants|hommes|femmes|cas|membres|utilisateurs"
    r"|abonnes|sites|comptes|dossiers|plaintes|affaires|articles|mots|caracteres|vues|clics"
    r"|kw|mw|gw|watts?|degres|°|fr)(?![a-z])"
)
_AFTER_BAD = re.compile(
    r" ?[-/] ?\d|[.,]\d| \d{3}(?!\d)| (?:a|et|ou) (?!(?:1[89]\d\d|20\d\d)(?!\d))\d")
_QUANTITY_BEFORE = re.compile(
    r"(?:plus|moins|pres|loin|au-dela|moins|autour|beaucoup|nombre|total|montant|somme|chiffre"
    r"|hauteur|ordre|quelque|peu|jusqu'a|passe|passer|passant|a) $")
_APPROX_WEAK = {"vers", "environ", "approximativement", "autour de", "aux alentours de",
                "aux environs de"}
_FUNC_WORDS = set(
    "et a au aux ou qui que qu dont sur en par pour le la les l il elle ils elles on ont avait "
    "est etait sont ce cette un une des du de d avec dans sans contre apres avant lors alors mais "
    "donc puis deja encore ne n se s y jusqu selon comme quand lorsque ni car".split()
)
_BEFORE_BAD = re.compile(r"(?:n ?°|\bno|\bnum|\bnumero|\bart\.?|\barticle|\bl\.|\br\.|\bd\.)\s*$")
_WD_BEFORE_BAD = re.compile(
    r"(?:\ble|\bles|\bdu|\bchaque|\btous les|\bun|\bquel|\bau|\bjournal du|\bjdd du|\bdes) $")
_FUTURE_BEFORE = re.compile(
    r"(?:d'ici(?: a| au| le)?|jusqu'au|jusqu'a|jusqu'en|a partir du|a partir de|a compter du"
    r"|a compter de|avant le|des le|prevue? (?:pour )?le|prevue? (?:en|pour)) ?$")

# a future auxiliary shortly before a bare month, in the same sentence: "aura lieu en septembre"
_FUTURE_TENSE = re.compile(
    r"\b(?:aura|auront|sera|seront|devra|devront|pourra|pourront|va|vont|prevue?s?|entrera"
    r"|entreront|reprendra|reprendront|commencera|commenceront|ouvrira|ouvriront)\b[^.!?\n]*$")


@dataclass
class _Cand:
    start: int
    end: int
    kind: str
    g: dict
    order: int
    extra: dict = field(default_factory=dict)


def _scan(text: str) -> tuple[str, list[_Cand]]:
    """All non-overlapping date candidates of ``text`` (longest first), in text order."""
    norm = normalize(text)
    cands: list[_Cand] = []
    for order, (kind, rx) in enumerate(_COMPILED):
        for m in rx.finditer(norm):
            g = m.groupdict()
            start, end = m.start(), m.end()
            if g.get("core") is not None:
                start, end = m.start("core"), m.end("core")
            elif g.get("skip") is not None:
                start = m.end("skip")
            if start >= end:
                continue
            if not _accept(kind, norm, m, g, start, end):
                continue
            cands.append(_Cand(start, end, kind, g, order))
    # longest first, then pattern order, then position
    cands.sort(key=lambda c: (-(c.end - c.start), c.order, c.start))
    taken: list[_Cand] = []
    occupied = bytearray(len(text) + 1)
    for c in cands:
        if any(occupied[c.start:c.end]):
            continue
        occupied[c.start:c.end] = b"\x01" * (c.end - c.start)
        taken.append(c)
    taken.sort(key=lambda c: c.start)
    return norm, taken


def _accept(kind: str, norm: str, m: re.Match, g: dict, start: int, end: int) -> bool:
    after = norm[end:end + 16]
    before = norm[max(0, start - 12):start]
    if kind in ("dmy", "my", "year", "range_year", "season_y", "range_day", "range_month"):
        if _AFTER_BAD.match(after) and kind != "range_day":
            return False
        if _BEFORE_BAD.search(before):
            return False
    if kind in ("dmy", "dm", "range_day"):
        # "27 avril" must be a valid day of that month in some year
        d = _day_num(g.get("d") or g.get("d2"))
        mo = _month_num(g.get("m") or g.get("m2"))
        if d > (29 if mo == 2 else 30 if mo in (4, 6, 9, 11) else 31):
            return False
    if kind == "num":
        try:
            _dt.date(int(g["y"]), int(g["m"]), int(g["d"]))
        except ValueError:
            return False
    if kind == "year":
        y = int(g["y"])
        if not 1900 <= y <= 2100:
            return False
        if _UNIT_AFTER.match(after):
            return False
        skip = (g.get("skip") or "").strip(" ,")
        if skip in ("et", "ou", "", "et", ", et", ", ou") and g.get("skip") is not None \
                and not g.get("mod"):
            # "en 2019 et 2021": the number just before must itself be a year in context
            prev = norm[max(0, m.start() - 5):m.start()]
            if not re.fullmatch(r"[^\d](?:1[89]\d\d|20\d\d)", prev):
                return False
        mod = (g.get("mod") or "").strip()
        if (skip in _WEAK_PREPS and not mod) or mod in _APPROX_WEAK:
            s0 = m.start("skip") if g.get("skip") is not None else m.start()
            if _QUANTITY_BEFORE.search(norm[max(0, s0 - 14):s0]):
                return False
            if re.match(r" ?\d", after):
                return False
            nxt = re.match(r" +([a-z]+)", after)
            if nxt and nxt.group(1) not in _FUNC_WORDS:
                return False
    if kind == "range_year":
        y1, y2 = int(g["y1"]), int(g["y2"])
        if not (y1 < y2 <= y1 + 60) or _UNIT_AFTER.match(after):
            return False
    if kind == "weekday":
        if _WD_BEFORE_BAD.search(before) and not g.get("ce"):
            return False
    if kind in ("wd_d",):
        if _WD_BEFORE_BAD.search(before) and not before.endswith("le "):
            return False
    if kind == "ago" and g["n"].isdigit() and int(g["n"]) > 200:
        return False
    return True


# --------------------------------------------------------------------------------------------
# resolution helpers

def _iso(y: int, mo: int | None = None, d: int | None = None) -> str | None:
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


def _add_months(y: int, mo: int, k: int) -> tuple[int, int]:
    t = y * 12 + (mo - 1) + k
    return t // 12, t % 12 + 1


def _safe_date(y: int, mo: int, d: int) -> _dt.date | None:
    try:
        return _dt.date(y, mo, d)
    except (ValueError, OverflowError):
        return None


def _shift(ref: _dt.date, days: int) -> _dt.date | None:
    try:
        return ref + _dt.timedelta(days=days)
    except OverflowError:
        return None


def _rel_kind(rel: str | None) -> str | None:
    if not rel:
        return None
    if rel.startswith("dern") or rel.startswith("pass"):
        return "past"
    if rel.startswith("proch"):
        return "next"
    return None


def _resolve_day_month(day: int, mo: int, wd: int | None, rel: str | None,
                       ref: _dt.date | None, text_years: list[int], future: bool = False
                       ) -> _dt.date | None:
    if ref is not None:
        cands = [d for y in range(ref.year - 8, ref.year + 2)
                 if (d := _safe_date(y, mo, day)) is not None]
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
    hits = [d for y in years if 1 <= y <= 9999 and (d := _safe_date(y, mo, day)) is not None
            and d.weekday() == wd]
    if not hits:
        return None
    hits.sort(key=lambda d: (abs(d.year - top), -d.year))
    return hits[0]


def _resolve_month_only(mo: int, how: str, ref: _dt.date | None) -> str | None:
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
    return _iso(y, mo)


def _weekday_resolve(wd: int, rel: str | None, ref: _dt.date | None) -> str | None:
    if ref is None:
        return None
    delta = (ref.weekday() - wd) % 7
    if rel == "past":
        delta = delta or 7
        d = _shift(ref, -delta)
    elif rel == "next":
        d = _shift(ref, ((wd - ref.weekday()) % 7) or 7)
    else:
        d = _shift(ref, -delta)
    return d.isoformat() if d else None


def _num(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    return _NUMBER_WORDS.get(s)


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


def _literal_years(cands: list[_Cand]) -> list[int]:
    years = []
    for c in cands:
        for k in ("y", "y1", "y2"):
            v = c.g.get(k)
            if v and c.kind in ("dmy", "num", "my", "year", "range_year", "range_day",
                                "range_month", "season_y"):
                years.append(int(v))
    return years


def find_dates(text: str, reference: _dt.date | None) -> list[DateMention]:
    """Date expressions of ``text`` resolved against ``reference`` (publication date)."""
    if not text:
        return []
    ref = _as_date(reference)
    norm, cands = _scan(text)
    years = _literal_years(cands)
    out: list[DateMention] = []
    for c in cands:
        try:
            res = _resolve(c, norm, ref, years)
        except (ValueError, OverflowError, KeyError, TypeError):  # pragma: no cover - defensive
            res = None
        if res is None:
            continue
        date, precision, approximate, relative, end_date = res
        out.append(DateMention(c.start, c.end, text[c.start:c.end], date, precision,
                               approximate, relative, end_date))
    return out


def _resolve(c: _Cand, norm: str, ref: _dt.date | None, years: list[int]):
    g = c.g
    k = c.kind
    approx = bool(g.get("mod"))
    before = norm[max(0, c.start - 24):c.start]
    future = bool(_FUTURE_BEFORE.search(before))
    if k in ("dmy", "num"):
        y, mo, d = int(g["y"]), (_month_num(g["m"]) if not g["m"].isdigit() else int(g["m"])), \
            _day_num(g["d"])
        iso = _iso(y, mo, d)
        return (iso, "day", False, False, None) if iso else None
    if k == "dm":
        wd = _WEEKDAYS.index(g["wd"]) if g.get("wd") else None
        d = _resolve_day_month(_day_num(g["d"]), _month_num(g["m"]), wd, _rel_kind(g.get("rel")),
                               ref, years, future)
        return (d.isoformat() if d else None, "day", False, True, None)
    if k == "wd_d":
        wd = _WEEKDAYS.index(g["wd"])
        day = _day_num(g["d"])
        if ref is None:
            return (None, "day", False, True, None)
        for back in range(-7, 400):
            d = _shift(ref, -back)
            if d is not None and d.day == day and d.weekday() == wd:
                return (d.isoformat(), "day", False, True, None)
        return (None, "day", False, True, None)
    if k == "my":
        iso = _iso(int(g["y"]), _month_num(g["m"]))
        return (iso, "month", approx, False, None) if iso else None
    if k == "year":
        return (_iso(int(g["y"])), "year", approx, False, None)
    if k == "season_y":
        return (_iso(int(g["y"])), "year", True, False, None)
    if k == "decade":
        y = int(g["y"]) if g.get("y") else 1900 + int(g["yy"])
        return (_iso(y), "year", True, False, _iso(y + 9))
    if k == "range_year":
        return (_iso(int(g["y1"])), "year", False, False, _iso(int(g["y2"])))
    if k == "range_month":
        m1, m2 = _month_num(g["m1"]), _month_num(g["m2"])
        y2 = int(g["y2"]) if g.get("y2") else None
        y1 = int(g["y1"]) if g.get("y1") else None
        relative = False
        if y2 is None and y1 is not None:
            y2 = y1 if m2 >= m1 else y1 + 1
        if y2 is None:
            relative = True
            e = _resolve_month_only(m2, "future" if future else "plain", ref)
            if e is None:
                return (None, "month", False, True, None)
            y2 = int(e[:4])
        if y1 is None:
            y1 = y2 if m1 <= m2 else y2 - 1
        if (y1, m1) > (y2, m2):
            return None
        return (_iso(y1, m1), "month", False, relative, _iso(y2, m2))
    if k == "range_day":
        d1, d2 = _day_num(g["d1"]), _day_num(g["d2"])
        m2 = _month_num(g["m2"])
        m1 = _month_num(g["m1"]) if g.get("m1") else m2
        y2 = int(g["y2"]) if g.get("y2") else None
        y1 = int(g["y1"]) if g.get("y1") else None
        relative = False
        if y2 is None and y1 is not None:
            y2 = y1 if (m2, d2) >= (m1, d1) else y1 + 1
        if y2 is None:
            relative = True
            wd2 = _WEEKDAYS.index(g["wd2"]) if g.get("wd2") else None
            e = _resolve_day_month(d2, m2, wd2, None, ref, years, future)
            if e is None:
                return (None, "day", False, True, None)
            y2 = e.year
        if y1 is None:
            y1 = y2 if (m1, d1) <= (m2, d2) else y2 - 1
        s, e = _safe_date(y1, m1, d1), _safe_date(y2, m2, d2)
        if s is None or e is None or s > e:
            return None
        return (s.isoformat(), "day", False, relative, e.isoformat())
    # ------------------------------------------------------------------ relative expressions
    if k == "month_rel":
        how = "past" if _rel_kind(g["rel"]) == "past" else "next"
        return (_resolve_month_only(_month_num(g["m"]), how, ref), "month", approx, True, None)
    if k == "month_bare":
        prep = g.get("prep") or ""
        how = "future" if (prep in ("jusqu'en", "jusqu'a", "d'ici", "d'ici a", "a partir de",
                                    "a compter de") or future
                           or _FUTURE_TENSE.search(norm[max(0, c.start - 40):c.start])) else "plain"
        return (_resolve_month_only(_month_num(g["m"]), how, ref), "month", approx, True, None)
    if k == "day_rel":
        w = g["w"].replace(" ", "-")
        off = {"avant-hier": -2, "hier": -1, "aujourd'hui": 0, "demain": 1, "apres-demain": 2,
               "ce-matin": 0, "ce-soir": 0, "cet-apres-midi": 0, "ce-midi": 0}[w]
        d = _shift(ref, off) if ref else None
        return (d.isoformat() if d else None, "day", False, True, None)
    if k == "weekday":
        wd = _WEEKDAYS.index(g["wd"])
        return (_weekday_resolve(wd, _rel_kind(g.get("rel")), ref), "day", False, True, None)
    if k == "week_rel":
        off = 0 if g.get("this") else (-7 if _rel_kind(g["rel"]) == "past" else 7)
        d = _shift(ref, off) if ref else None
        return (_iso(d.year, d.month) if d else None, "month", True, True, None)
    if k == "month_rel2":
        if ref is None:
            return (None, "month", False, True, None)
        off = 0 if g.get("this") else (-1 if _rel_kind(g["rel"]) == "past" else 1)
        y, mo = _add_months(ref.year, ref.month, off)
        return (_iso(y, mo), "month", False, True, None)
    if k == "year_rel":
        off = 0 if g.get("this") else (-1 if _rel_kind(g["rel"]) == "past" else 1)
        return (_iso(ref.year + off) if ref else None, "year", approx, True, None)
    if k == "ago":
        n = _num(g["n"])
        unit = g["unit"]
        if ref is None:
            return (None, "year" if unit.startswith("an") else "month" if unit == "mois" or
                    unit.startswith("semaine") else "day", True, True, None)
        if unit.startswith("an"):
            if n is None:
                return (None, "year", True, True, None)
            return (_iso(ref.year - n), "year", True, True, None)
        if unit == "mois":
            if n is None:
                return (None, "month", True, True, None)
            y, mo = _add_months(ref.year, ref.month, -n)
            return (_iso(y, mo), "month", True, True, None)
        days = (7 if unit.startswith("semaine") else 1) * (n if n is not None else 3)
        d = _shift(ref, -days)
        if d is None:
            return None
        if unit.startswith("semaine") or n is None:
            return (_iso(d.year, d.month), "month", True, True, None)
        return (d.isoformat(), "day", True, True, None)
    if k == "recent":
        if g.get("u") == "annees":
            return (_iso(ref.year) if ref else None, "year", True, True, None)
        return (_iso(ref.year, ref.month) if ref else None, "month", True, True, None)
    if k == "season_rel":
        if ref is None:
            return (None, "year", True, True, None)
        off = 0 if g.get("this") else (-1 if g["rel"] == "dernier" else 1)
        return (_iso(ref.year + off), "year", True, True, None)
    return None  # pragma: no cover


# --------------------------------------------------------------------------------------------
# reference date inference

def _fr_day(d: int, mo: int) -> str:
    return f"{'1er' if d == 1 else d} {_MONTHS_FR[mo - 1]}"


def _clip(s: str) -> str:
    return " ".join(s.split())


def infer_reference_date(texts: list[str]) -> tuple[_dt.date | None, str]:
    """Guess the publication date from the article's own dates; returns (date, French basis)."""
    text = "\n".join(t for t in (texts or []) if isinstance(t, str))
    if not text.strip():
        return None, "aucune date : texte vide"
    norm, cands = _scan(text)
    literal = [c for c in cands if c.kind in ("dmy", "num", "my", "year", "range_year",
                                               "range_day", "range_month", "season_y")]
    explicit_years = sorted(set(_literal_years(literal)))
    # 1. relations "l'année dernière, en janvier 2023" -> reference year 2024
    implied: Counter[int] = Counter()
    implied_ev: dict[int, str] = {}
    year_bearing = [c for c in cands if c.kind in ("dmy", "num", "my", "year", "season_y")]
    for c in cands:
        off = None
        if c.kind == "year_rel":
            off = 0 if c.g.get("this") else (-1 if _rel_kind(c.g["rel"]) == "past" else 1)
        elif c.kind == "ago" and c.g["unit"].startswith("an") and _num(c.g["n"]) is not None \
                and not re.search(r"plus|moins|pres|environ|presque|peu", norm[c.start:c.end]):
            off = -_num(c.g["n"])
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
        if _FUTURE_BEFORE.search(before):
            continue
        if c.kind in ("dmy", "num"):
            if c.g.get("rel"):
                continue
            mo = int(c.g["m"]) if c.g["m"].isdigit() else _month_num(c.g["m"])
            d = _safe_date(int(c.g["y"]), mo, _day_num(c.g["d"]))
            if d is None or (ref_year is not None and d.year != ref_year):
                continue
            basis = f"« {_clip(text[c.start:c.end])} » : date complète la plus récente du texte"
            if ref_year is not None:
                basis += f", cohérente avec « {implied_ev[ref_year]} »"
            options.append((d, 1, basis))
        elif c.kind == "dm" and c.g.get("wd") and _rel_kind(c.g.get("rel")) != "next":
            wd = _WEEKDAYS.index(c.g["wd"])
            day, mo = _day_num(c.g["d"]), _month_num(c.g["m"])
            wtext = _clip(text[c.start:c.end])
            fact = f"« {wtext} » : le {_fr_day(day, mo)} tombe un {_WEEKDAYS[wd]} en "
            d = None
            if ref_year is not None:
                for y in (ref_year, ref_year - 1):
                    x = _safe_date(y, mo, day)
                    if x is not None and x.weekday() == wd:
                        d = x
                        basis = fact + f"{y}, année compatible avec « {implied_ev[ref_year]} »"
                        break
            elif explicit_years:
                d = _resolve_day_month(day, mo, wd, None, None, explicit_years)
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
