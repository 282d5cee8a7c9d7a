"""The curated, sourced knowledge base (``knowledge/*.yaml``): the ONLY source of legal explanations.

Each YAML file holds a list of entries (see the header of ``knowledge/coco-gg-context.yaml``)::

    - id: loi-2024-449-sren
      kind: law                  # law | regulator | code_article | eu_regulation | event | office
      official_title: Loi n° 2024-449 du 21 mai 2024 visant à sécuriser et à réguler l'espace numérique
      short_name: Loi SREN
      dates: {promulgation: '2024-05-21', ...}
      summary: ...
      sources: [{url: ..., excerpt: ...}]

``load_knowledge(folder)`` reads every ``*.yaml`` of a folder (sorted by name) into a ``KnowledgeBase``.
Unknown keys are tolerated (kept on the model); a broken file raises ``BriefingError`` naming the
file and the line.

Dated developments ("Depuis l'article")
---------------------------------------
Only the values of each entry's ``dates:`` mapping are read (never the summary, whose dates are
context, not developments). Each value is parsed conservatively:

* a date *at the start* of the value is the development's date: ISO ``2024-06-25`` / ``2024-06`` /
  ``2024``, or French ``25 juin 2024`` / ``1er juin 2024`` / ``juin 2024``;
* otherwise the first full French date inside the value (``semaine du 7 janvier 2025 …``,
  ``Loi n° … du 25 octobre 2021 …``) is used and the development is flagged ``approximate``;
* a value with no date (a NOR number, a free comment) gives no development.

An entry whose ``dates:`` give nothing falls back on an ISO date in its ``id``
(``evenement-fermeture-coco-2024-06-25``), flagged approximate.
A development is *after* a reference date only when its whole period is: ``juin 2024`` is after
``2024-05-31`` but not after ``2024-06-10`` (never guess a finer date than the text gives).
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from functools import lru_cache
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError, field_validator

from .errors import BriefingError
from .yamlio import line_of as _line_of, load_raw as _load_raw

# --------------------------------------------------------------------------- models


class KnowledgeSource(BaseModel):
    model_config = ConfigDict(extra="allow")

    url: str
    excerpt: str = ""


class KnowledgeEntry(BaseModel):
    """One curated fact sheet. Extra keys are allowed and kept (``model_extra``)."""

    model_config = ConfigDict(extra="allow")

    id: str
    kind: str
    subkind: str | None = None
    official_title: str
    short_name: str | None = None
    dates: dict[str, str] = {}
    summary: str = ""
    key_provisions: list[str] = []
    status: str | None = None
    relation_to_dsa: str | None = None
    sources: list[KnowledgeSource] = []

    @field_validator("dates", mode="before")
    @classmethod
    def _dates_as_text(cls, value: Any) -> Any:
        # YAML turns an unquoted 2023-07-08 into a date object: keep every value as text
        if value is None:
            return {}
        if isinstance(value, dict):
            return {str(k): "" if v is None else str(v) for k, v in value.items()}
        return value

    @field_validator("key_provisions", "sources", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return [] if value is None else value

    def texts(self) -> list[str]:
        """The curated prose of the entry (not the source excerpts), for derived indexes."""
        out = [self.official_title, self.short_name or "", self.summary, self.status or "",
               self.relation_to_dsa or ""]
        out += list(self.dates.values()) + list(self.key_provisions)
        return [t for t in out if t]


@dataclass(frozen=True)
class Development:
    """One dated line of an entry's ``dates:`` mapping."""

    entry: KnowledgeEntry
    key: str          # the ``dates:`` key ("promulgation", "fermeture", …) or "id"
    date: str         # ISO at the precision given: 2024-06-25, 2024-06 or 2024
    precision: str    # day | month | year
    approximate: bool
    text: str         # the raw value

    @property
    def first_day(self) -> str:
        return _period(self.date)[0]

    @property
    def last_day(self) -> str:
        return _period(self.date)[1]


# --------------------------------------------------------------------------- text helpers

MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
}
MONTH_RE = r"(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)"


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


@lru_cache(maxsize=None)
def fold_char(c: str) -> str:
    """One character in, one character out: lower case, no accent, straight apostrophe/space."""
    if c in "’‘`´ʼ":
        return "'"
    if c in "\u00a0\u202f\u2009":
        return " "
    if c in "‐‑‒–":
        return "-"
    base = unicodedata.normalize("NFD", c)[0]
    low = base.lower()
    return low if len(low) == 1 else base


@lru_cache(maxsize=8192)
def fold(s: str) -> str:
    """Offset-preserving fold: ``len(fold(s)) == len(s)``, so spans found in it index ``s``."""
    return "".join(fold_char(c) for c in s)


def french_date_to_iso(day: str | None, month: str, year: str) -> str:
    m = MONTHS[strip_accents(month.lower())]
    if day:
        d = int(day.lower().replace("er", ""))
        return f"{int(year):04d}-{m:02d}-{d:02d}"
    return f"{int(year):04d}-{m:02d}"


_ISO_START = re.compile(r"^\s*(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?![\d/-])")
_FR_DATE = re.compile(rf"\b(\d{{1,2}}(?:er)?\s+)?({MONTH_RE})\s+(\d{{4}})\b", re.IGNORECASE)
_FR_FULL = re.compile(rf"\b(\d{{1,2}})(?:er)?\s+({MONTH_RE})\s+(\d{{4}})\b", re.IGNORECASE)
_ISO_ANY = re.compile(r"(?<![\w/-])(\d{4})-(\d{2})-(\d{2})(?![\w/-])")


def _valid(iso: str) -> bool:
    parts = [int(p) for p in iso.split("-")]
    if not 1000 <= parts[0] <= 2999:
        return False
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        return False
    if len(parts) > 2 and not 1 <= parts[2] <= calendar.monthrange(parts[0], parts[1])[1]:
        return False
    return True


def parse_date_value(value: str) -> tuple[str, bool] | None:
    """(ISO date at the given precision, approximate) for a ``dates:`` value, or None."""
    value = value.strip()
    m = _ISO_START.match(value)
    if m:
        iso = "-".join(p for p in m.groups() if p)
        if _valid(iso):
            return iso, False
    m = _FR_DATE.match(value)
    if m:
        iso = french_date_to_iso(m.group(1), m.group(2), m.group(3))
        if _valid(iso):
            return iso, False
    m = _FR_FULL.search(value)
    if m:
        iso = french_date_to_iso(m.group(1), m.group(2), m.group(3))
        if _valid(iso):
            return iso, True
    return None


def _period(iso: str) -> tuple[str, str]:
    """First and last day an ISO date of any precision can mean."""
    parts = iso.split("-")
    y = int(parts[0])
    if len(parts) == 1:
        return f"{y:04d}-01-01", f"{y:04d}-12-31"
    m = int(parts[1])
    if len(parts) == 2:
        return f"{y:04d}-{m:02d}-01", f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"
    return iso, iso


# --------------------------------------------------------------------------- names and aliases

ACRONYM_RE = re.compile(r"^[A-ZÉ][A-Za-zÉé]{1,11}$")


def is_acronym(word: str) -> bool:
    """``DSA``, ``JUNALCO``, ``Arcom``, ``Pharos``: one word, capitalised, no space."""
    return bool(ACRONYM_RE.match(word))


def _split_parentheticals(text: str) -> tuple[str, list[str]]:
    """``"DSA (Digital Services Act)"`` -> ("DSA", ["Digital Services Act"]) (one level deep)."""
    inner = re.findall(r"\(([^()]*)\)", text)
    outer = re.sub(r"\s*\([^()]*\)", "", text).strip()
    return outer, [i.strip() for i in inner]


def short_name_parts(short_name: str | None) -> list[tuple[str, list[str]]]:
    """Each ``/``-separated part of a short name, as (name, [parenthetical parts])."""
    out = []
    for part in (short_name or "").split(" / "):
        outer, inner = _split_parentheticals(part)
        pieces = []
        for i in inner:
            for piece in i.split(";"):
                piece = re.sub(r"^(?:ou|aussi|dit[e]?)\s+", "", piece.strip())
                if piece:
                    pieces.append(piece)
        out.append((outer, pieces))
    return out


# an acronym defined by the title: "(PHAROS)" at the end of a phrase, not "Règlement (UE) 2022/2065"
TITLE_ACRONYM_RE = re.compile(r"\s*\(([A-Z][A-Za-z]{1,11})\)(?=\s*(?:$|[,;)]))")


def _without_acronym(title: str) -> str:
    t = TITLE_ACRONYM_RE.sub("", title)
    return re.sub(r"\s+", " ", t).strip()


_STOP = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "a", "au", "aux", "en", "sur", "pour",
         "dans", "par", "un", "une"}


def long_form_before(words: list[str], acronym: str, max_skips: int = 2) -> int | None:
    """Index in ``words`` where the long form of ``acronym`` starts, reading backwards.

    Each letter of the acronym must be the initial of a word (after an elided ``d'``/``l'``);
    little words (de, la, et…) are skipped freely, at most ``max_skips`` other words.
    """
    letters = [c for c in fold(acronym) if c.isalpha()]
    i = len(words) - 1
    skips = 0
    while letters and i >= 0:
        w = fold(words[i]).strip(",;:.")
        w = re.sub(r"^[dl]'", "", w)
        w = w.replace("œ", "oe")
        if w and w[0] == letters[-1]:
            letters.pop()
            if not letters:
                return i
        elif w in _STOP or not w:
            pass
        else:
            skips += 1
            if skips > max_skips:
                return None
        i -= 1
    return None


# --------------------------------------------------------------------------- the base


class KnowledgeBase:
    def __init__(self, entries: list[KnowledgeEntry]):
        self.entries = entries
        self._by_id = {e.id: e for e in entries}

    def __iter__(self):
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, entry_id: str) -> KnowledgeEntry | None:
        return self._by_id.get(entry_id)

    # ---- dated developments

    def developments(self) -> list[Development]:
        out: list[Development] = []
        for e in self.entries:
            found = []
            for key, value in e.dates.items():
                parsed = parse_date_value(value)
                if parsed:
                    iso, approx = parsed
                    found.append(Development(e, key, iso, _precision(iso), approx, value))
            if not found:
                m = re.search(r"(?<!\d)(\d{4}-\d{2}(?:-\d{2})?)(?!\d)", e.id)
                if m and _valid(m.group(1)):
                    found.append(Development(e, "id", m.group(1), _precision(m.group(1)), True, e.id))
            out += found
        return sorted(out, key=lambda d: (d.first_day, d.entry.id, d.key))

    def developments_after(self, date_iso: str, kinds: set[str] | None = None) -> list[Development]:
        """Developments whose whole period lies after the whole period of ``date_iso``."""
        ref_last = _period(date_iso)[1]
        return [d for d in self.developments()
                if d.first_day > ref_last and (kinds is None or d.entry.kind in kinds)]

    def after(self, date_iso: str, kinds: set[str] | None = None) -> list[KnowledgeEntry]:
        """Entries with at least one development after ``date_iso``, ordered by that first development.

        ``kinds`` limits the entry kinds (e.g. ``{"event"}``); by default every kind counts, so a law
        promulgated after the article (SREN) or a minister leaving office appears too.
        """
        seen: dict[str, KnowledgeEntry] = {}
        for d in self.developments_after(date_iso, kinds):
            seen.setdefault(d.entry.id, d.entry)
        return list(seen.values())

    # ---- abbreviations

    def abbreviations(self) -> dict[str, str]:
        """Abbreviation -> expansion, for the Material ``*[ABBR]: …`` glossary.

        1. From entries of kind law / eu_regulation / regulator (``NAMED_KINDS``): every one-word short name
           (``Arcom``, ``JUNALCO``, ``LCEN``, ``LEN``, ``DSA``, ``RSN``), the acronym of a
           ``Loi XXX`` short name (``SREN``) and a ``(XXX)`` acronym in the official title
           (``PHAROS``). Expansion: the short name's own parenthetical when it is a spelled-out
           name (``DSA (Digital Services Act)``), else the official title without the acronym.
        2. ``Loi n° … (XXX)`` inside the curated prose (``LOPMI``): the law's title.
        3. ``Long form (XXX)`` inside the curated prose or the source excerpts, when the initials spell the acronym
           (``Commission nationale de l'informatique et des libertés (CNIL)``).
        """
        out: dict[str, str] = {}
        for e in self.entries:
            if e.kind not in NAMED_KINDS:
                continue
            title = _without_acronym(e.official_title)
            for outer, inner in short_name_parts(e.short_name):
                names = [outer] + inner
                m = re.match(r"^[Ll]oi\s+([A-Z][A-Za-z]{1,11})$", outer)
                if m:
                    out.setdefault(m.group(1), title)
                for i, name in enumerate(names):
                    if not is_acronym(name):
                        continue
                    spelled = [n for n in inner if not is_acronym(n)] if i == 0 else []
                    out.setdefault(name, spelled[0] if len(spelled) == 1 else title)
            for acr in TITLE_ACRONYM_RE.findall(e.official_title):
                if sum(c.isupper() for c in acr) >= 2:
                    out.setdefault(acr, title)
        for e in self.entries:
            for text in e.texts():
                for m in EMBEDDED_LAW_RE.finditer(text):
                    if m.group("acr"):
                        out.setdefault(m.group("acr"), embedded_title(m))
        for e in self.entries:
            for text in e.texts() + [s.excerpt for s in e.sources]:
                for m in re.finditer(r"\(([A-Z][A-Za-z]{1,11})\)", text):
                    acr = m.group(1)
                    if acr in out or (sum(c.isupper() for c in acr) < 2 and len(acr) > 7):
                        continue
                    words = text[: m.start()].split()[-(len(acr) * 3 + 4):]
                    start = long_form_before(words, acr)
                    if start is not None:
                        long = " ".join(words[start:]).strip(",;: ")
                        out[acr] = long[0].upper() + long[1:]
        return dict(sorted(out.items(), key=lambda kv: kv[0].casefold()))


LEGAL_KINDS = {"law", "eu_regulation", "regulator", "code_article"}
# kinds whose short name is a name of the thing itself (a code article's short name is an offence)
NAMED_KINDS = {"law", "eu_regulation", "regulator"}

# "Loi n° 2023-22 du 24 janvier 2023 d'orientation et de programmation … (LOPMI)" inside curated prose
EMBEDDED_LAW_RE = re.compile(
    rf"\b(?P<type>[Ll]oi|[Dd]écret|[Oo]rdonnance)\s+n°\s*(?P<num>\d{{4}}-\d{{1,5}})\s+du\s+"
    rf"(?P<day>\d{{1,2}})(?:er)?\s+(?P<month>{MONTH_RE})\s+(?P<year>\d{{4}})"
    r"(?P<purpose>\s+(?:visant|relative?|relatif|pour|portant|tendant|renforçant|d'orientation|sur|contre)"
    r"\b[^(),;.]*)?(?:\s*\((?P<acr>[A-Z][A-Za-z]{2,11})\))?",
    re.IGNORECASE,
)


def embedded_title(m: re.Match[str]) -> str:
    """The title of an embedded law, exactly as the knowledge base writes it (capitalised)."""
    text = m.group(0)
    if m.group("acr"):
        text = text[: text.rfind("(")]
    text = text.strip()
    return text[0].upper() + text[1:]


def _precision(iso: str) -> str:
    return {1: "year", 2: "month", 3: "day"}[len(iso.split("-"))]


# --------------------------------------------------------------------------- loading


def load_knowledge(folder: Path | str) -> KnowledgeBase:
    """Read every ``*.yaml`` of ``folder`` (sorted); errors name the file and the line."""
    folder = Path(folder)
    if not folder.is_dir():
        raise BriefingError(folder, "knowledge folder not found")
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise BriefingError(folder, "no *.yaml knowledge file in this folder")
    entries: list[KnowledgeEntry] = []
    where: dict[str, tuple[Path, int | None]] = {}
    adapter = TypeAdapter(list[KnowledgeEntry])
    for path in files:
        data, node = _load_raw(path)
        if data is None:
            continue
        if not isinstance(data, list):
            raise BriefingError(path, "expected a list of knowledge entries at top level",
                                line=node.start_mark.line + 1 if node is not None else None)
        try:
            loaded = adapter.validate_python(data)
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = tuple(err["loc"])
            what = ".".join(str(p) for p in loc) or "top level"
            raise BriefingError(path, f"{what}: {err['msg']}", line=_line_of(node, loc)) from None
        for i, entry in enumerate(loaded):
            line = _line_of(node, (i,))
            if entry.id in where:
                first, first_line = where[entry.id]
                raise BriefingError(path, f"duplicate knowledge id {entry.id!r} "
                                    f"(first in {first}:{first_line})", line=line)
            where[entry.id] = (path, line)
            entries.append(entry)
    return KnowledgeBase(entries)
