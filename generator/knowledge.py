"""The curated, sourced knowledge base (``knowledge/*.yaml``): the ONLY source of legal explanations.

Each YAML file (one per kind: ``lois.yaml``, ``codes.yaml``, ``institutions.yaml``…) holds a list of entries::

    - id: loi-2024-449-sren
      kind: law            # law | code | code_article | constitution | constitution_article | treaty |
                           # eu_regulation | regulator | institution | event | office
      official_title: Loi n° 2024-449 du 21 mai 2024 visant à sécuriser et à réguler l'espace numérique
      short_name: Loi SREN
      aliases: [loi SREN]                           # the names the press uses, matched in articles
      abbreviations: [{short: SREN, expansion: …}]  # for the site's glossary; written in a source
      code: Code pénal, articles: ['221-1']         # code and Constitution articles only
      dates: {promulgation: '2024-05-21', ...}
      summary: ...
      sources: [{url: ..., excerpt: ..., secondary: true}]   # secondary: not an official page

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

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError, field_validator

from .errors import BriefingError
from .partialdate import PartialDate
from .text import MONTH_NUMBERS, fold
from .yamlio import line_of as _line_of, load_raw as _load_raw

# --------------------------------------------------------------------------- models


class KnowledgeSource(BaseModel):
    model_config = ConfigDict(extra="allow")

    url: str
    excerpt: str = ""


class Abbreviation(BaseModel):
    """An abbreviation the entry defines; ``expansion`` must be written in its title or a source excerpt."""

    short: str
    expansion: str


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
    aliases: list[str] = []              # the names the press uses: "loi Evin", "le RGPD", "le 49.3"
    abbreviations: list[Abbreviation] = []
    code: str | None = None              # code_article / constitution_article: "Code pénal", "Constitution"
    articles: list[str] = []             # their article numbers: "221-1", "49"
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

    @field_validator("key_provisions", "sources", "aliases", "abbreviations", "articles", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return [] if value is None else value

    def texts(self) -> list[str]:
        """The curated prose of the entry (not the source excerpts), for derived indexes."""
        out = [self.official_title, self.short_name or "", self.summary, self.status or ""]
        out += list(self.dates.values()) + list(self.key_provisions)
        return [t for t in out if t]


@dataclass(frozen=True)
class Development:
    """One dated line of an entry's ``dates:`` mapping."""

    entry: KnowledgeEntry
    key: str            # the ``dates:`` key ("promulgation", "fermeture", …) or "id"
    when: PartialDate   # at the precision the value gives; approximate when not at its start
    text: str           # the raw value

    @property
    def date(self) -> str:
        return self.when.iso

    @property
    def precision(self) -> str:
        return self.when.precision

    @property
    def approximate(self) -> bool:
        return self.when.approximate

    @property
    def first_day(self) -> str:
        return self.when.first_day.isoformat()

    @property
    def last_day(self) -> str:
        return self.when.last_day.isoformat()


# --------------------------------------------------------------------------- dates in values

MONTH_RE = r"(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)"


def search_fold(s: str) -> str:
    """The one fold, offset-preserving: ``len(search_fold(s)) == len(s)``, so spans found in it index ``s``."""
    return fold(s, keep_offsets=True)


def french_date_to_iso(day: str | None, month: str, year: str) -> str:
    m = MONTH_NUMBERS[fold(month)]
    if day:
        d = int(day.lower().replace("er", ""))
        return f"{int(year):04d}-{m:02d}-{d:02d}"
    return f"{int(year):04d}-{m:02d}"


_ISO_START = re.compile(r"^\s*(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?![\d/-])")
_FR_DATE = re.compile(rf"\b(\d{{1,2}}(?:er)?\s+)?({MONTH_RE})\s+(\d{{4}})\b", re.IGNORECASE)
_FR_FULL = re.compile(rf"\b(\d{{1,2}})(?:er)?\s+({MONTH_RE})\s+(\d{{4}})\b", re.IGNORECASE)


def _partial(iso: str, approximate: bool = False) -> PartialDate | None:
    """The PartialDate of an ISO string, None when no such day exists (or before year 1000)."""
    try:
        d = PartialDate.parse(iso, approximate=approximate)
    except ValueError:
        return None
    return d if d.year >= 1000 else None


def parse_when(value: str) -> PartialDate | None:
    """The date of a ``dates:`` value: at its start (exact), else its first full French date (approximate)."""
    value = value.strip()
    if (m := _ISO_START.match(value)) and (d := _partial("-".join(p for p in m.groups() if p))):
        return d
    if (m := _FR_DATE.match(value)) and (d := _partial(french_date_to_iso(m.group(1), m.group(2), m.group(3)))):
        return d
    if (m := _FR_FULL.search(value)):
        return _partial(french_date_to_iso(m.group(1), m.group(2), m.group(3)), approximate=True)
    return None


def parse_date_value(value: str) -> tuple[str, bool] | None:
    """(ISO date at the given precision, approximate) for a ``dates:`` value, or None."""
    d = parse_when(value)
    return (d.iso, d.approximate) if d else None


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
    def __init__(self, entries: list[KnowledgeEntry],
                 origins: dict[str, tuple[Path, int | None]] | None = None):
        self.entries = entries
        self._by_id = {e.id: e for e in entries}
        self.origins = origins or {}   # entry id -> (file, line), for error messages

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
            found = [Development(e, key, when, value) for key, value in e.dates.items()
                     if (when := parse_when(value)) is not None]
            if not found:
                m = re.search(r"(?<!\d)(\d{4}-\d{2}(?:-\d{2})?)(?!\d)", e.id)
                if m and (when := _partial(m.group(1), approximate=True)):
                    found.append(Development(e, "id", when, e.id))
            out += found
        return sorted(out, key=lambda d: (d.first_day, d.entry.id, d.key))

    def developments_after(self, date_iso: str, kinds: set[str] | None = None) -> list[Development]:
        """Developments whose whole period lies after the whole period of ``date_iso``."""
        ref_last = PartialDate.parse(date_iso).last_day.isoformat()
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

        0. Each entry's own ``abbreviations:`` (sourced: checked by ``validate_knowledge``).
        1. From entries naming an instrument or a body (``NAMED_KINDS``): every one-word short name
           (``Arcom``, ``JUNALCO``, ``LCEN``, ``LEN``, ``DSA``, ``RSN``), the acronym of a
           ``Loi XXX`` short name (``SREN``) and a ``(XXX)`` acronym in the official title
           (``PHAROS``). Expansion: the short name's own parenthetical when it is a spelled-out
           name (``DSA (Digital Services Act)``), else the official title without the acronym.
        2. ``Loi n° … (XXX)`` inside the curated prose (``LOPMI``): the law's title.
        3. ``Long form (XXX)`` inside the curated prose or the source excerpts, when the initials spell the acronym
           (``Commission nationale de l'informatique et des libertés (CNIL)``).
        """
        out: dict[str, str] = {a.short: a.expansion for e in self.entries for a in e.abbreviations}
        for e in self.entries:
            if e.kind not in NAMED_KINDS:
                continue
            title = _without_acronym(e.official_title)
            for outer, inner in short_name_parts(e.short_name):
                names = [outer] + inner
                m = re.match(r"^[Ll]oi\s+([A-Z][A-Za-z]{1,11})$", outer)
                if m and sum(c.isupper() for c in m.group(1)) >= 2:  # "Loi SREN", not "Loi Avia"
                    out.setdefault(m.group(1), title)
                for i, name in enumerate(names):
                    if not is_acronym(name):
                        continue
                    spelled = [n for n in inner if not is_acronym(n)] if i == 0 else []
                    out.setdefault(name, spelled[0] if len(spelled) == 1 else title)
            for acr in TITLE_ACRONYM_RE.findall(e.official_title):
                if sum(c.isupper() for c in acr) >= 2:
                    out.setdefault(acr, title)
        legal = [e for e in self.entries if e.kind not in ("event", "office")]  # not parties, not papers
        for e in legal:
            for text in e.texts():
                for m in EMBEDDED_LAW_RE.finditer(text):
                    if m.group("acr"):
                        out.setdefault(m.group("acr"), embedded_title(m))
        for e in legal:
            for text in e.texts() + [s.excerpt for s in e.sources]:
                for m in re.finditer(r"\(([A-Z][A-Za-z]{1,11})\)", text):
                    acr = m.group(1)
                    if acr in out or (sum(c.isupper() for c in acr) < 2 and len(acr) > 7):
                        continue
                    words = text[: m.start()].split()[-(len(acr) * 3 + 4):]
                    start = long_form_before(words, acr)
                    if start is not None:
                        long = re.sub(r"^(?:l['’]|la |le |les )", "", " ".join(words[start:]).strip(",;: "),
                                      flags=re.IGNORECASE)
                        out[acr] = long[0].upper() + long[1:]
        return dict(sorted(out.items(), key=lambda kv: kv[0].casefold()))


# kinds whose short name is a name of the thing itself (a code article's short name is an offence)
NAMED_KINDS = {"law", "eu_regulation", "regulator", "institution", "code", "constitution", "treaty"}

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
    return KnowledgeBase(entries, where)


# --------------------------------------------------------------------------- validation


def validate_knowledge(folder: Path | str) -> list[BriefingError]:
    """Every problem of the base, one ``file:line: message`` each (``briefing check``).

    An entry must have sources, each with a URL and a verbatim excerpt; its ``dates:`` values must
    hold a real date; an alias or abbreviation must name one entry only, and an abbreviation's
    expansion must be written in the entry's title or in one of its excerpts (sourced, not typed).
    """
    try:
        kb = load_knowledge(folder)
    except BriefingError as exc:
        return [exc]
    errors: list[BriefingError] = []
    owners: dict[str, set[str]] = {}
    for e in kb.entries:
        path, line = kb.origins.get(e.id, (Path(folder), None))
        problems = _entry_problems(e)
        errors += [BriefingError(path, f"knowledge entry {e.id!r}: {p}", line=line) for p in problems]
        for name in e.aliases + [a.short for a in e.abbreviations]:
            owners.setdefault(_norm(name) if " " in name else name, set()).add(e.id)
    for name, ids in sorted(owners.items()):
        if len(ids) > 1:
            first = sorted(ids)[0]
            path, line = kb.origins.get(first, (Path(folder), None))
            errors.append(BriefingError(path, f"alias {name!r} is ambiguous: {', '.join(sorted(ids))}", line=line))
    return errors


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", fold(s)).strip()


def _entry_problems(e: KnowledgeEntry) -> list[str]:
    out = []
    if not e.sources:
        out.append("no source")
    for i, s in enumerate(e.sources):
        if not re.match(r"^https?://\S+$", s.url.strip()):
            out.append(f"source {i + 1}: not an http(s) URL: {s.url!r}")
        if not s.excerpt.strip():
            out.append(f"source {i + 1}: no excerpt ({s.url})")
    for key, value in e.dates.items():
        iso = _ISO_START.match(value)
        if iso and not _partial("-".join(p for p in iso.groups() if p)):
            out.append(f"dates.{key}: not a real date: {value!r}")
        elif parse_date_value(value) is None and not _FR_DATE.search(value):
            out.append(f"dates.{key}: no date in {value!r}")
    written = [_norm(e.official_title)] + [_norm(s.excerpt) for s in e.sources]
    for a in e.abbreviations:
        if not any(_norm(a.expansion) in w for w in written):
            out.append(f"abbreviation {a.short}: expansion not in the title or an excerpt")
        if not any(a.short in s.excerpt or a.short in e.official_title for s in e.sources):
            out.append(f"abbreviation {a.short}: not in the title or an excerpt")
    return out
