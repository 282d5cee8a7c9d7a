"""Legal references in French text: laws, code articles, EU acts, regulators and legal institutions.

``find_legal_references(paragraphs, kb)`` returns one ``LegalRef`` per mention, ids ``legal-1``…
in text order. ``instrument`` is only ever a title written in the knowledge base: an
unidentified mention keeps ``instrument=None`` (a title is never made up).

How a mention is identified — every key is derived from the knowledge entries, none is written
for a particular article:

* **law number** — ``n° 2023-566`` in an entry's ``official_title``;
* **promulgation date** — ``du 7 juillet 2023`` in the title, or ``dates.promulgation``;
  a date shared by two laws identifies neither;
* **purpose words** — the title's words after the date (``visant à sécuriser et à réguler l'espace
  numérique``): a ``loi`` followed by at least 80 % of those content words (3 or more) in its clause;
* **names** — from ``short_name`` of law / eu_regulation / regulator entries: one-word names
  and acronyms (``Arcom``, ``LCEN``, ``DSA``), ``Loi XXX`` (``SREN``), ``loi Name`` inside it
  (``proposition de loi Marcangeli``), « quoted » names (only right after ``loi``), spelled-out
  names (``Digital Services Act``, ``règlement sur les services numériques``), the ``(ACRONYM)`` and
  the long form of a regulator's title;
* **code articles** — ``Code pénal, article 225-12-1 … et article 225-12-2`` in the title of a
  ``code_article`` entry gives keys (pénal, 225-12-1), (pénal, 225-12-2); a hyphenated article number
  without its code matches when only one code has it; the entry's short name, when it is an offence
  of two content words or more (``Apologie du terrorisme``), is matched with small-word slack
  (``recours à la prostitution sur mineur``);
* **laws described inside an entry** — ``Loi n° 2023-22 du 24 janvier 2023 d'orientation … (LOPMI)``
  written in an entry's curated prose: its number, date and acronym give that title, and
  ``knowledge_id`` is the entry that describes it.

Event and office entries are never matched: they are not legal instruments.
Mentions are also detected without a knowledge entry (``loi du 26 février 2023``, ``RGPD``,
``CNIL``, ``article 40 du code de procédure pénale``): they are kept with ``instrument=None``.
Matching runs on an offset-preserving fold of the text (lower case, no accents), so
``paragraph.text[start:end]`` is always the mention.
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
    fold,
    french_date_to_iso,
    is_acronym,
    short_name_parts,
    strip_accents,
)
from ..model import LegalRef, Paragraph, Source

# ----------------------------------------------------------------------------- generic vocabulary
# Well-known French/EU legal bodies and acts, for DETECTION only: they never give a title.
GENERIC_NAMES: dict[str, str] = {
    "CNIL": "regulator",
    "Commission nationale de l'informatique et des libertés": "regulator",
    "DGCCRF": "regulator",
    "Arcep": "regulator",
    "Hadopi": "regulator",
    "Autorité de la concurrence": "regulator",
    "Défenseur des droits": "regulator",
    "Conseil constitutionnel": "institution",
    "Conseil d'État": "institution",
    "RGPD": "eu_regulation",
    "règlement général sur la protection des données": "eu_regulation",
    "DMA": "eu_regulation",
    "Digital Markets Act": "eu_regulation",
    "DSA": "eu_regulation",
    "Digital Services Act": "eu_regulation",
    "LCEN": "law",
}

CODES = [
    "penal", "de procedure penale", "civil", "de procedure civile", "du travail", "de commerce",
    "de la consommation", "de l'education", "de la sante publique", "de la securite interieure",
    "des postes et des communications electroniques", "monetaire et financier",
    "general des impots", "de justice administrative", "de la propriete intellectuelle",
    "de l'action sociale et des familles", "electoral", "des douanes", "de la route",
    "de l'environnement", "general des collectivites territoriales",
    "de l'entree et du sejour des etrangers et du droit d'asile", "de la justice penale des mineurs",
]
_CODE_RE = "|".join(re.escape(c) for c in sorted(CODES, key=len, reverse=True))
_ART_NUM = r"(?:[lrd]\.?\s?)?\d+(?:-\d+)*"
CODE_ARTICLE_RE = re.compile(
    rf"\b(?:l'|les\s+|aux\s+|des\s+)?articles?\s+(?P<nums>{_ART_NUM}(?:\s*(?:,|et|ou|a)\s*{_ART_NUM})*)"
    rf"(?:\s+(?:du|de\s+notre)\s+code\s+(?P<code>{_CODE_RE})\b)?"
)
ARTICLE_PREFIX_RE = re.compile(rf"(?:\b(?:l'|les\s+)?articles?\s+{_ART_NUM}\s+(?:de\s+la|de\s+l'|du)\s+)$")

_DET = r"(?:(?:la|une|cette|sa|leur)\s+)?"
LAW_ANCHOR_RE = re.compile(rf"(?<![\w-]){_DET}(?:(?:proposition|projet)\s+de\s+)?loi(?![\w-])")
NUMBER_RE = re.compile(r"\s*(?:n\s?[°ºo]|numero)\s*(\d{2,4}-\d{1,5})\b")
DATE_RE = re.compile(rf"\s*du\s+(\d{{1,2}})(?:er)?\s+({strip_accents(MONTH_RE)})\s+(\d{{4}})\b")
NAME_RE = re.compile(r"\s+(?:dite\s+)?([A-ZÉ][\w-]*)")
QUOTED_RE = re.compile(r"\s*(?:dite\s+)?[«\"]\s*([^»\"]{2,80}?)\s*[»\"]")
PURPOSE_RE = re.compile(
    r"\s*\(?\s*((?:visant|vise|relative?|relatif|pour|portant|tendant|renforcant|d'orientation|sur|contre)"
    r"\b[^.;:()«»\"]{3,200})"
)
STRONG_PURPOSE = re.compile(r"^(?:visant|relative?|relatif|portant|tendant|renforcant|d'orientation)\b")
EU_RE = re.compile(r"\b(?:le\s+)?(?:reglement|directive)\s*(?:\((?:ue|ce|cee)\)\s*)?(?:n°\s*)?(\d{2,4}/\d{1,4}(?:/\w+)?)")

STOPWORDS = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "a", "au", "aux", "en", "sur", "pour",
             "dans", "par", "un", "une", "ou", "qui", "que", "se", "s", "son", "sa", "ses"}


def content_words(s: str) -> list[str]:
    return [w for w in re.findall(r"\w+", fold(s)) if w not in STOPWORDS]


def flexible_phrase(phrase: str) -> re.Pattern[str] | None:
    """A folded phrase as a regex: content words in order, plural -s/-x allowed, up to
    three short words (≤ 4 letters) between them (``d'un mineur`` ~ ``sur mineur``)."""
    words = content_words(phrase)
    if not words:
        return None
    gap = r"(?:[\s'-]+\w{1,4}){0,3}[\s'-]+"
    body = gap.join(re.escape(w) + r"[sx]?" for w in words)
    return re.compile(rf"(?<!\w){body}(?!\w)")


# ----------------------------------------------------------------------------- index


@dataclass
class Target:
    """What a key identifies: a knowledge entry, or a law described inside one."""

    knowledge_id: str
    instrument: str
    kind: str


@dataclass
class LegalIndex:
    numbers: dict[str, Target] = field(default_factory=dict)          # "2023-566", "2022/2065"
    dates: dict[str, list[Target]] = field(default_factory=dict)      # "2023-07-07"
    purposes: list[tuple[list[str], Target]] = field(default_factory=list)
    names: dict[str, Target] = field(default_factory=dict)            # folded name after "loi"
    quoted: dict[str, Target] = field(default_factory=dict)           # folded « name » after "loi"
    standalone: list[tuple[str, Target, bool]] = field(default_factory=list)  # (alias, target, case-sensitive)
    articles: dict[tuple[str, str], Target] = field(default_factory=dict)    # (code, "225-12-1")
    offences: list[tuple[re.Pattern[str], Target]] = field(default_factory=list)
    alias_regex: re.Pattern[str] | None = None  # built on first use by _alias_plan
    alias_table: dict[str, tuple[str, "Target | None", bool]] = field(default_factory=dict)


def _title_keys(title: str) -> tuple[str | None, str | None, str | None]:
    """(number, ISO date, purpose words) of a law title ``Loi n° N du D M Y purpose``."""
    t = fold(title)
    num = re.search(r"n\s?°\s*(\d{2,4}[-/]\d{1,5})", t) or re.search(r"\(ue\)\s*(\d{4}/\d{1,5})", t)
    date = re.search(rf"\bdu\s+(\d{{1,2}})(?:er)?\s+({strip_accents(MONTH_RE)})\s+(\d{{4}})\b", t)
    iso = french_date_to_iso(date.group(1), date.group(2), date.group(3)) if date else None
    purpose = t[date.end():].strip() if date else None
    if purpose:
        purpose = re.split(r"[(;]", purpose)[0].strip(" ,")
    return (num.group(1) if num else None), iso, (purpose or None)


def build_index(kb: KnowledgeBase) -> LegalIndex:
    idx = LegalIndex()
    owned_numbers: set[str] = set()
    for e in kb.entries:
        if e.kind in NAMED_KINDS:
            _index_named(idx, e, owned_numbers)
        elif e.kind == "code_article":
            _index_article(idx, e)
    # laws described inside an entry's curated prose (first entry in file order describes it)
    for e in kb.entries:
        for text in e.texts():
            for m in EMBEDDED_LAW_RE.finditer(text):
                num = m.group("num")
                if num in owned_numbers:
                    continue
                title = embedded_title(m)
                kind = strip_accents(m.group("type").lower())
                kind = {"decret": "decree"}.get(kind, "law" if kind == "loi" else kind)
                old = idx.numbers.get(num)
                if old and len(old.instrument) >= len(title):
                    continue
                target = Target(e.id, title, kind)
                if old:  # a longer title for the same law: keep the first describing entry
                    target.knowledge_id = old.knowledge_id
                idx.numbers[num] = target
    for num, target in list(idx.numbers.items()):
        if num in owned_numbers:
            continue
        num_, iso, purpose = _title_keys(target.instrument)
        if iso and target.kind == "law":
            idx.dates.setdefault(iso, []).append(target)
        if purpose and len(content_words(purpose)) >= 3:
            idx.purposes.append((content_words(purpose), target))
    for e in kb.entries:  # acronyms given to embedded laws: "(LOPMI)"
        for text in e.texts():
            for m in EMBEDDED_LAW_RE.finditer(text):
                acr = m.group("acr")
                if acr and m.group("num") not in owned_numbers and fold(acr) not in idx.names:
                    target = idx.numbers[m.group("num")]
                    idx.names[fold(acr)] = target
                    idx.standalone.append((acr, target, True))
    return idx


def _index_named(idx: LegalIndex, e: KnowledgeEntry, owned_numbers: set[str]) -> None:
    target = Target(e.id, e.official_title, e.kind)
    num, iso, purpose = _title_keys(e.official_title)
    if num:
        idx.numbers[num] = target
        owned_numbers.add(num)
    dates = {iso} if iso else set()
    if e.kind == "law" and re.match(r"^\d{4}-\d{2}-\d{2}$", e.dates.get("promulgation", "").strip()):
        dates.add(e.dates["promulgation"].strip())
    for d in dates:
        if e.kind == "law":
            idx.dates.setdefault(d, []).append(target)
    if purpose and len(content_words(purpose)) >= 3:
        idx.purposes.append((content_words(purpose), target))
    # names
    for outer, inner in short_name_parts(e.short_name):
        for name in [outer] + inner:
            name = name.strip()
            m = re.match(r"^[Ll]oi\s+(.+)$", name)
            if m:
                rest = m.group(1).strip()
                q = re.match(r"^«\s*(.+?)\s*»$", rest)
                if q:
                    idx.quoted[fold(q.group(1))] = target
                elif is_acronym(rest):
                    idx.names[fold(rest)] = target
                    if sum(c.isupper() for c in rest) >= 2:
                        idx.standalone.append((rest, target, True))
                continue
            m = re.search(r"\bloi\s+([A-Z][\w-]+)$", name)  # "proposition de loi Marcangeli"
            if m:
                idx.names[fold(m.group(1))] = target
                continue
            if is_acronym(name):
                idx.names[fold(name)] = target
                idx.standalone.append((name, target, len(name) <= 4 and name.isupper()))
            elif _is_spelled_name(name):
                idx.standalone.append((name, target, False))
    for acr in re.findall(r"\(([A-Z][A-Za-z]{1,11})\)(?=\s*(?:$|[,;)]))", e.official_title):
        idx.names.setdefault(fold(acr), target)
        idx.standalone.append((acr, target, False))
    if e.kind == "regulator":
        long = re.split(r"\s*[(,]", e.official_title)[0].strip()
        if len(long.split()) >= 3:
            idx.standalone.append((long, target, False))


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
    t = fold(e.official_title)
    code = re.match(rf"^code\s+({_CODE_RE})\b", t) or re.search(rf"\bdu\s+code\s+({_CODE_RE})\b", t)
    code_name = code.group(1) if code else None
    nums = re.findall(rf"\barticles?\s+({_ART_NUM})", t)
    if not nums:
        m = re.search(r"-(\d+(?:-\d+)*)", e.id)
        nums = [m.group(1)] if m else []
    for n in nums:
        idx.articles.setdefault((code_name or "", _norm_num(n)), target)
    for outer, _inner in short_name_parts(e.short_name):
        if len(outer.split()) >= 2 and len(content_words(outer)) >= 2:  # not "Guet-apens"
            pat = flexible_phrase(outer)
            if pat:
                idx.offences.append((pat, target))


def _norm_num(n: str) -> str:
    return re.sub(r"[\s.]", "", n).upper()


# ----------------------------------------------------------------------------- finding


@dataclass
class Candidate:
    start: int
    end: int
    target: Target | None
    kind: str

    @property
    def length(self) -> int:
        return self.end - self.start


def _law_mentions(text: str, ftext: str, idx: LegalIndex) -> list[Candidate]:
    out = []
    for m in LAW_ANCHOR_RE.finditer(ftext):
        start, p = m.start(), m.end()
        end = p
        number = date = name = quoted = None
        if (n := NUMBER_RE.match(ftext, p)):
            number, p = n.group(1), n.end()
            end = p
        if (d := DATE_RE.match(ftext, p)):
            date, p = french_date_to_iso(d.group(1), d.group(2), d.group(3)), d.end()
            end = p
        if (q := QUOTED_RE.match(text, p)):
            quoted, end = q.group(1), q.end()
        elif (nm := NAME_RE.match(text, p)) and not number and not date:
            word = nm.group(1)
            if fold(word) in idx.names or sum(c.isupper() for c in word) >= 2 or not _sentence_start(text, m.start()):
                name, end = word, nm.end()
        purpose_target, purpose_end, purpose_strong = None, None, False
        if (pm := PURPOSE_RE.match(ftext, end if (number or date or quoted) else p)):
            words = re.findall(r"\w+", pm.group(1))
            purpose_target, purpose_end = _match_purpose(ftext, pm, idx)
            purpose_strong = bool(STRONG_PURPOSE.match(pm.group(1))) and len(words) >= 3
        target = None
        if number:
            target = idx.numbers.get(number)
        elif date:
            found = idx.dates.get(date, [])
            target = found[0] if len(found) == 1 else None
        elif quoted:
            target = idx.quoted.get(fold(quoted))
        elif name:
            target = idx.names.get(fold(name))
        if target is None and not (number or date) and purpose_target:
            target = purpose_target
        if purpose_end and (purpose_target is not None and target is purpose_target):
            end = max(end, purpose_end)
        described = number or date or quoted or name or purpose_target or purpose_strong
        if not described:
            continue
        if not (number or date or quoted or name or purpose_target) and purpose_strong:
            end = _clause_end(text, pm)
        # "l'article 23 de la loi …"
        pre = ARTICLE_PREFIX_RE.search(ftext[max(0, start - 40):start])
        if pre:
            start = max(0, start - 40) + pre.start()
        kind = "bill" if re.search(r"(?:proposition|projet)\s+de\s+loi", ftext[m.start():m.end()]) else "law"
        out.append(Candidate(start, end, target, target.kind if target else kind))
    return out


def _sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    return not before or before[-1] in ".!?»\n"


def _match_purpose(ftext: str, pm: re.Match[str], idx: LegalIndex) -> tuple[Target | None, int | None]:
    """Best knowledge title whose purpose words (≥ 80 %, ≥ 3) are in this clause."""
    clause_start = pm.start(1)
    clause = pm.group(1)
    tokens = [(t.group(0), clause_start + t.end()) for t in re.finditer(r"\w+", clause)]
    best: tuple[float, int, Target] | None = None
    for words, target in idx.purposes:
        wanted = set(words)
        seen: set[str] = set()
        last_end = None
        for tok, tend in tokens[: len(words) * 2 + 6]:
            if tok in wanted:
                seen.add(tok)
                last_end = tend
        cover = len(seen) / len(wanted)
        if cover >= 0.8 and len(seen) >= 3 and last_end is not None:
            if best is None or cover > best[0]:
                best = (cover, last_end, target)
    return (best[2], best[1]) if best else (None, None)


# on the original text: "a" (has) must not be confused with "à"
_CLAUSE_STOP = re.compile(r"\s(?:a|ont|est|sont|était|sera|avait|qui|que|mais|alors|car|ne|n'|selon)(?=[\s'’])",
                          re.IGNORECASE)


def _clause_end(text: str, pm: re.Match[str]) -> int:
    """End of an unidentified purpose clause: before the next verb-like word, 12 words at most."""
    clause = text[pm.start(1):pm.end(1)]
    stop = _CLAUSE_STOP.search(clause)
    words = list(re.finditer(r"\w+", clause[: stop.start()] if stop else clause))[:12]
    return pm.start(1) + words[-1].end()


def _code_article_mentions(ftext: str, idx: LegalIndex) -> list[Candidate]:
    out = []
    for m in CODE_ARTICLE_RE.finditer(ftext):
        nums = [_norm_num(n) for n in re.findall(_ART_NUM, m.group("nums"))]
        code = m.group("code")
        target = None
        if code is not None:
            for n in nums:
                target = target or idx.articles.get((code, n))
        else:
            # no code named: only a hyphenated number (225-12-1) that a single code has in the base
            for n in nums:
                hits = {t.knowledge_id: t for (c, num), t in idx.articles.items() if num == n}
                if "-" in n and len(hits) == 1:
                    target = target or next(iter(hits.values()))
            if target is None:
                continue  # "article 4" alone, or the article of a law (handled with the law)
        start = m.start()
        if ftext.startswith("les ", start) or ftext.startswith("aux ", start) or ftext.startswith("des ", start):
            start += 4
        out.append(Candidate(start, m.end(), target, "code_article"))
    return out


def _alias_plan(idx: LegalIndex) -> tuple[re.Pattern[str], dict[str, tuple[str, Target | None, bool]]]:
    """One alternation of every standalone name (longest first), built once per index."""
    if idx.alias_regex is not None:
        return idx.alias_regex, idx.alias_table
    table: dict[str, tuple[str, Target | None, bool]] = {}
    entries = [(a, t, cs) for a, t, cs in idx.standalone]
    entries += [(a, None, len(a) <= 4 and a.isupper()) for a in GENERIC_NAMES]
    for alias, target, case_sensitive in entries:
        key = fold(alias)
        if key in table:
            continue
        if target is None:  # a generic name the knowledge base already knows is matched above
            known = [t for a, t, _ in idx.standalone if fold(a) == key]
            target = known[0] if known else None
        table[key] = (alias, target, case_sensitive)
    keys = sorted(table, key=len, reverse=True)
    idx.alias_regex = re.compile(rf"(?<![\w-])(?P<k>{'|'.join(map(re.escape, keys))})s?(?![\w-])") if keys else re.compile(r"(?!)")
    idx.alias_table = table
    return idx.alias_regex, table


def _alias_mentions(text: str, ftext: str, idx: LegalIndex) -> list[Candidate]:
    out = []
    pattern, table = _alias_plan(idx)
    for m in pattern.finditer(ftext):
        alias, target, case_sensitive = table[m.group("k")]
        word = text[m.start():m.end()]
        if case_sensitive and not word.startswith(alias):
            continue
        if " " not in alias and not word[0].isupper():
            continue  # one-word names are proper nouns: "Pharos", not "pharos"
        kind = target.kind if target else GENERIC_NAMES.get(alias, "institution")
        start = m.start()
        pre = ARTICLE_PREFIX_RE.search(ftext[max(0, start - 40):start])
        if pre and kind in ("law", "eu_regulation"):
            start = max(0, start - 40) + pre.start()
        out.append(Candidate(start, m.end(), target, kind))
    return out


def _eu_mentions(ftext: str, idx: LegalIndex) -> list[Candidate]:
    out = []
    for m in EU_RE.finditer(ftext):
        num = m.group(1)
        target = idx.numbers.get(num) or idx.numbers.get(num.split("/")[0] + "/" + num.split("/")[1])
        kind = "eu_directive" if "directive" in m.group(0) else "eu_regulation"
        start = m.start() + (3 if m.group(0).startswith("le ") else 0)
        out.append(Candidate(start, m.end(), target, target.kind if target else kind))
    return out


def _offence_mentions(ftext: str, idx: LegalIndex) -> list[Candidate]:
    return [Candidate(m.start(), m.end(), target, target.kind)
            for pat, target in idx.offences for m in pat.finditer(ftext)]


def _select(cands: list[Candidate]) -> list[Candidate]:
    """Non-overlapping mentions: identified before unidentified, then longest, then first."""
    chosen: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (c.target is None, -c.length, c.start)):
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def find_legal_references(paragraphs: list[Paragraph], kb: KnowledgeBase,
                          index: LegalIndex | None = None) -> list[LegalRef]:
    idx = index or build_index(kb)
    refs: list[LegalRef] = []
    for para in paragraphs:
        text = para.text
        ftext = fold(text)
        cands = (_law_mentions(text, ftext, idx) + _code_article_mentions(ftext, idx)
                 + _eu_mentions(ftext, idx) + _alias_mentions(text, ftext, idx)
                 + _offence_mentions(ftext, idx))
        for c in _select(cands):
            start, end = c.start, c.end
            while end > start and text[end - 1] in " ,;:":
                end -= 1
            refs.append(LegalRef(
                id=f"legal-{len(refs) + 1}",
                mention=text[start:end],
                instrument=c.target.instrument if c.target else None,
                knowledge_id=c.target.knowledge_id if c.target else None,
                kind=c.kind,
                source=Source(paragraph=para.id, start=start, end=end),
            ))
    return refs
