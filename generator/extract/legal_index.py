"""What identifies a legal instrument, derived from the knowledge entries themselves (``build_index``).

Every key comes from an entry's own fields, none is written for a particular article:

* **number** — ``n° 2023-566`` or ``(UE) 2016/679`` in an entry's ``official_title``;
* **date** — ``du 7 juillet 2023`` in the title of a law, or its ``dates.promulgation``; a date shared
  by two laws identifies neither;
* **purpose words** — the title's words after the date (``visant à sécuriser et à réguler l'espace
  numérique``), matched when 80 % of them (3 or more) follow a ``loi`` in one clause;
* **names** — the entry's ``aliases`` (the press's names: ``loi Evin``, ``le 49.3``), its
  ``abbreviations`` and, for older entries, the parts of its ``short_name`` (``Loi SREN``, ``DSA
  (Digital Services Act)``, ``proposition de loi Marcangeli``, ``Loi « majorité numérique »``);
* **code articles** — ``code`` + ``articles`` of a ``code_article`` / ``constitution_article`` entry
  (or, for older entries, ``Code pénal, article 225-12-1 …`` in the title); the entry's short name,
  when it is an offence of two content words or more, is matched with small-word slack;
* **laws described inside an entry** — ``Loi n° 2023-22 du 24 janvier 2023 … (LOPMI)`` written in an
  entry's prose: its number, date and acronym give that title, the describing entry its ``knowledge_id``.

Event and office entries are never indexed: they are not legal instruments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..knowledge import (
    EMBEDDED_LAW_RE,
    MONTH_RE,
    NAMED_KINDS,
    KnowledgeBase,
    KnowledgeEntry,
    embedded_title,
    french_date_to_iso,
    is_acronym,
    short_name_parts,
    search_fold,
)

ARTICLE_KINDS = {"code_article", "constitution_article"}

STOPWORDS = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "a", "au", "aux", "en", "sur", "pour",
             "dans", "par", "un", "une", "ou", "qui", "que", "se", "s", "son", "sa", "ses"}

# Codes the press cites (folded), so that an article of a code the base does not describe is still found.
CODES = [
    "code penal", "code de procedure penale", "code civil", "code de procedure civile", "code du travail",
    "code de commerce", "code de la consommation", "code de l'education", "code de la sante publique",
    "code de la securite interieure", "code des postes et des communications electroniques",
    "code monetaire et financier", "code general des impots", "code de justice administrative",
    "code de la propriete intellectuelle", "code de l'action sociale et des familles", "code electoral",
    "code des douanes", "code de la route", "code de l'environnement", "code de la securite sociale",
    "code general des collectivites territoriales", "code de la construction et de l'habitation",
    "code de l'entree et du sejour des etrangers et du droit d'asile", "code de la justice penale des mineurs",
    "code rural et de la peche maritime", "constitution",
]


def content_words(s: str) -> list[str]:
    return [w for w in re.findall(r"\w+", search_fold(s)) if w not in STOPWORDS]


def flexible_phrase(phrase: str) -> re.Pattern[str] | None:
    """A folded phrase as a regex: content words in order, plural -s/-x allowed, up to
    three short words (≤ 4 letters) between them (``d'un mineur`` ~ ``sur mineur``)."""
    words = content_words(phrase)
    if not words:
        return None
    gap = r"(?:[\s'-]+\w{1,4}){0,3}[\s'-]+"
    body = gap.join(re.escape(w) + r"[sx]?" for w in words)
    return re.compile(rf"(?<!\w){body}(?!\w)")


@dataclass
class Target:
    """What a key identifies: a knowledge entry, or a law described inside one."""

    knowledge_id: str
    instrument: str
    kind: str


@dataclass
class Alias:
    """A name matched on its own: folded words, and whether case matters (``PNF``, not ``pnf``)."""

    text: str
    target: Target | None
    case: str  # "exact" (acronyms), "capital" (one-word proper nouns) or "any"


@dataclass
class LegalIndex:
    numbers: dict[str, Target] = field(default_factory=dict)          # "2023-566", "2022/2065"
    dates: dict[str, list[Target]] = field(default_factory=dict)      # "2023-07-07"
    purposes: list[tuple[list[str], Target]] = field(default_factory=list)
    names: dict[str, Target] = field(default_factory=dict)            # folded name after "loi"
    quoted: dict[str, Target] = field(default_factory=dict)           # folded « name » after "loi"
    aliases: list[Alias] = field(default_factory=list)
    articles: dict[tuple[str, str], Target] = field(default_factory=dict)    # ("code penal", "225-12-1")
    codes: set[str] = field(default_factory=lambda: set(CODES))       # folded code names
    code_names: dict[str, str] = field(default_factory=dict)          # "cpp" -> "code de procedure penale"
    offences: list[tuple[re.Pattern[str], Target]] = field(default_factory=list)
    plans: dict[str, object] = field(default_factory=dict)            # regexes built once (legal.py)


def title_keys(title: str) -> tuple[str | None, str | None, str | None]:
    """(number, ISO date, purpose words) of a title ``Loi n° N du D M Y purpose``."""
    t = search_fold(title)
    found = [m for m in (re.search(r"n\s?°\s*(\d{2,4}[-/]\d{1,5})", t), re.search(r"\((?:ue|ce)\)\s*(\d{4}/\d{1,5})", t)) if m]
    num = min(found, key=lambda m: m.start()) if found else None  # the act's own number comes first
    date = re.search(rf"\bdu\s+(\d{{1,2}})(?:er)?\s+({search_fold(MONTH_RE)})\s+(\d{{4}})\b", t)
    iso = french_date_to_iso(date.group(1), date.group(2), date.group(3)) if date else None
    purpose = t[date.end():].strip() if date else None
    if purpose:
        purpose = re.split(r"[(;]", purpose)[0].strip(" ,")
    return (num.group(1) if num else None), iso, (purpose or None)


def norm_num(n: str) -> str:
    return re.sub(r"[\s.]", "", n).upper()


def alias_case(name: str) -> str:
    if " " in name.strip():
        return "any"
    if sum(c.isupper() for c in name) >= 2 and len(name) <= 6:
        return "exact"
    return "capital" if name[:1].isupper() else "any"


def build_index(kb: KnowledgeBase) -> LegalIndex:
    idx = LegalIndex()
    owned: set[str] = set()
    for e in kb.entries:
        if e.kind in NAMED_KINDS:
            _index_named(idx, e, owned)
        elif e.kind in ARTICLE_KINDS:
            _index_article(idx, e)
    _index_embedded(idx, kb, owned)
    return idx


def _add_alias(idx: LegalIndex, name: str, target: Target) -> None:
    name = name.strip()
    if name:
        idx.aliases.append(Alias(name, target, alias_case(name)))
    m = re.match(r"^loi\s+([A-ZÉ][\w-]*)$", name, re.IGNORECASE)
    if m and m.group(1)[0].isupper():  # "loi Evin": "Evin" names the law after any "loi"
        idx.names.setdefault(search_fold(m.group(1)), target)


def _index_named(idx: LegalIndex, e: KnowledgeEntry, owned: set[str]) -> None:
    target = Target(e.id, e.official_title, e.kind)
    num, iso, purpose = title_keys(e.official_title)
    if num:
        idx.numbers[num] = target
        owned.add(num)
    promulgation = e.dates.get("promulgation", "").strip()
    for d in {iso} | ({promulgation} if re.match(r"^\d{4}-\d{2}-\d{2}$", promulgation) else set()):
        if d and e.kind == "law":
            idx.dates.setdefault(d, []).append(target)
    if purpose and len(content_words(purpose)) >= 3:
        idx.purposes.append((content_words(purpose), target))
    for name in e.aliases + [a.short for a in e.abbreviations]:
        _add_alias(idx, name, target)
    for outer, inner in short_name_parts(e.short_name):
        for name in [outer] + inner:
            _index_short_name_part(idx, name.strip(), target)
    for acr in re.findall(r"\(([A-Z][A-Za-z]{1,11})\)(?=\s*(?:$|[,;)]))", e.official_title):
        idx.names.setdefault(search_fold(acr), target)
        _add_alias(idx, acr, target)
    if e.kind == "code":  # "l'article 40 du CPP": every name of a code names it in an article citation
        for name in [e.official_title] + e.aliases:
            idx.code_names[search_fold(name).strip()] = search_fold(e.official_title).strip()
            idx.codes.add(search_fold(name).strip())
    if e.kind in ("regulator", "institution", "code"):
        long = re.split(r"\s*[(,]", e.official_title)[0].strip()
        if len(long.split()) >= 2:
            _add_alias(idx, long, target)


def _index_short_name_part(idx: LegalIndex, name: str, target: Target) -> None:
    """``Loi SREN``, ``Loi « majorité numérique »``, ``proposition de loi Marcangeli``, ``DSA``."""
    m = re.match(r"^[Ll]oi\s+(.+)$", name)
    if m:
        rest = m.group(1).strip()
        q = re.match(r"^«\s*(.+?)\s*»$", rest)
        if q:
            idx.quoted[search_fold(q.group(1))] = target
        elif is_acronym(rest):
            idx.names[search_fold(rest)] = target
            if sum(c.isupper() for c in rest) >= 2:
                _add_alias(idx, rest, target)
        return
    m = re.search(r"\bloi\s+([A-Z][\w-]+)$", name)
    if m:
        idx.names[search_fold(m.group(1))] = target
    elif is_acronym(name):
        idx.names[search_fold(name)] = target
        _add_alias(idx, name, target)
    elif _is_spelled_name(name):
        _add_alias(idx, name, target)


def _is_spelled_name(name: str) -> bool:
    """A multi-word name: every word capitalised (``Digital Services Act``) or an act's own
    designation (``règlement sur les services numériques``) — not a description."""
    words = name.split()
    if len(words) < 2:
        return False
    if all(w[0].isupper() for w in words if w.lower() not in STOPWORDS):
        return True
    return bool(re.match(r"^(?:loi|règlement|directive|code)\b", name, re.IGNORECASE))


def _index_article(idx: LegalIndex, e: KnowledgeEntry) -> None:
    target = Target(e.id, e.official_title, e.kind)
    t = search_fold(e.official_title)
    code = search_fold(e.code).strip() if e.code else None
    nums = list(e.articles)
    if code is None:  # older entries: "Code pénal, article 225-12-1 (…) et article 225-12-2 (…)"
        m = re.match(r"^(code [a-z' ]+?)\s*,", t)
        code = m.group(1) if m else ""
    if not nums:
        nums = re.findall(r"\barticles?\s+((?:[lrd]\.?\s?)?\d+(?:-\d+)*)", t)
    if code:
        idx.codes.add(code)
    for n in nums:
        idx.articles.setdefault((code, norm_num(n)), target)
    for name in e.aliases:
        _add_alias(idx, name, target)
    for outer, _inner in short_name_parts(e.short_name):
        if len(outer.split()) >= 2 and len(content_words(outer)) >= 2 and not re.match(r"(?i)article\b", outer):
            pat = flexible_phrase(outer)
            if pat:
                idx.offences.append((pat, target))


def _index_embedded(idx: LegalIndex, kb: KnowledgeBase, owned: set[str]) -> None:
    """Laws described inside an entry's prose (the first entry, in file order, that describes them)."""
    for e in kb.entries:
        for text in e.texts():
            for m in EMBEDDED_LAW_RE.finditer(text):
                num = m.group("num")
                if num in owned:
                    continue
                title = embedded_title(m)
                kind = search_fold(m.group("type"))
                kind = {"decret": "decree"}.get(kind, "law" if kind == "loi" else kind)
                old = idx.numbers.get(num)
                if old and len(old.instrument) >= len(title):
                    continue
                idx.numbers[num] = Target(old.knowledge_id if old else e.id, title, kind)
    for num, target in list(idx.numbers.items()):
        if num in owned:
            continue
        _num, iso, purpose = title_keys(target.instrument)
        if iso and target.kind == "law":
            idx.dates.setdefault(iso, []).append(target)
        if purpose and len(content_words(purpose)) >= 3:
            idx.purposes.append((content_words(purpose), target))
    for e in kb.entries:  # acronyms given to embedded laws: "(LOPMI)"
        for text in e.texts():
            for m in EMBEDDED_LAW_RE.finditer(text):
                acr = m.group("acr")
                if acr and m.group("num") not in owned and search_fold(acr) not in idx.names:
                    idx.names[search_fold(acr)] = idx.numbers[m.group("num")]
                    _add_alias(idx, acr, idx.numbers[m.group("num")])
