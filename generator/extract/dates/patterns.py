"""Date expressions of French news text: the vocabulary, one regular expression per shape
("samedi 27 avril", "en décembre dernier", "il y a deux ans"), and the scan that keeps the
longest non-overlapping candidates. Matching runs on the text core's offset-keeping fold.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from ...text import fold

# --------------------------------------------------------------------------------------------
# vocabulary

WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
              "septembre", "octobre", "novembre", "décembre"]
NUMBER_WORDS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50,
    "cent": 100,
}


def month_num(s: str) -> int:
    s = s.strip(".")
    if s.startswith("juin"):
        return 6
    if s.startswith("juil"):
        return 7
    return {"jan": 1, "fev": 2, "mar": 3, "avr": 4, "mai": 5, "aou": 8, "sep": 9, "oct": 10,
            "nov": 11, "dec": 12}[s[:3]]


def day_num(s: str) -> int:
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
    # a happening named with its year: "les élections législatives 2022", "le mondial 2018"
    ("year",
     rf"{_B}(?P<skip>(?:elections?|legislatives|presidentielles?|municipales|europeennes|regionales"
     rf"|departementales|senatoriales|primaires?|olympiques|paralympiques|mondial|euro|coupe du monde"
     rf"|sommet|scrutin) +){_yr('y')}"),
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
FUTURE_BEFORE = re.compile(
    r"(?:d'ici(?: a| au| le)?|jusqu'au|jusqu'a|jusqu'en|a partir du|a partir de|a compter du"
    r"|a compter de|avant le|des le|prevue? (?:pour )?le|prevue? (?:en|pour)) ?$")

# a future auxiliary shortly before a bare month, in the same sentence: "aura lieu en septembre"
# the verbs around a bare weekday say which week it is: "a confirmé samedi" (past), "jeudi, elle
# devra présenter" (coming); matched on the folded text
PAST_VERB = re.compile(
    r"\b(?:a|ont|avait|avaient|etait|etaient|est|sont|s'est|se sont)\s+(?:(?:ete|deja|bien|pas|aussi)\s+)?"
    r"[a-z]+(?:e|es|ee|ees|i|is|ie|ies|it|u|us|ue|ues|t|ts)\b|\b[a-z]{3,}(?:ait|aient)\b")
FUTURE_VERB = re.compile(
    r"\b[a-z]{2,}(?:ra|ront)\b|\b(?:va|vont|devrait|devraient|doit|doivent)\s+[a-z]+(?:er|ir|re)\b")

FUTURE_TENSE = re.compile(
    r"\b(?:aura|auront|sera|seront|devra|devront|pourra|pourront|va|vont|prevue?s?|entrera"
    r"|entreront|reprendra|reprendront|commencera|commenceront|ouvrira|ouvriront)\b[^.!?\n]*$")


@dataclass
class Candidate:
    start: int
    end: int
    kind: str
    g: dict
    order: int
    extra: dict = field(default_factory=dict)


def scan(text: str) -> tuple[str, list[Candidate]]:
    """All non-overlapping date candidates of ``text`` (longest first), in text order."""
    norm = fold(text, keep_offsets=True)
    cands: list[Candidate] = []
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
            cands.append(Candidate(start, end, kind, g, order))
    # longest first, then pattern order, then position
    cands.sort(key=lambda c: (-(c.end - c.start), c.order, c.start))
    taken: list[Candidate] = []
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
        d = day_num(g.get("d") or g.get("d2"))
        mo = month_num(g.get("m") or g.get("m2"))
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




def literal_years(cands: list[Candidate]) -> list[int]:
    years = []
    for c in cands:
        for k in ("y", "y1", "y2"):
            v = c.g.get(k)
            if v and c.kind in ("dmy", "num", "my", "year", "range_year", "range_day",
                                "range_month", "season_y"):
                years.append(int(v))
    return years
