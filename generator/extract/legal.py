"""Legal references in French text: laws, code and Constitution articles, EU acts, institutions.

``find_legal_references(paragraphs, kb)`` returns one ``LegalRef`` per mention, ids ``legal-1``…
in text order. ``instrument`` is only ever a title written in the knowledge base: an
unidentified mention keeps ``instrument=None`` (a title is never made up). What identifies an
entry is derived from the entries themselves (see ``legal_index``).

Mentions are also found without a knowledge entry — the common citation forms: a law by date
(``la loi du 26 février 2023``), by number (``loi n° 2012-345``), by year (``la loi de 1985``), by
name (``la loi Machin``) or by purpose (``la loi visant à …``); a code article (``l'article L. 1234-5
du code du travail``); a Constitution article; an EU act (``directive 2000/31/CE``).

A mention ends where the instrument's name ends: a purpose clause stops at a comma, a date, a
number or a verb, so ``la proposition de loi relative à la sécurité globale, vendredi 20 novembre,
par 146 voix pour`` is only ``la proposition de loi relative à la sécurité globale``.
Matching runs on an offset-preserving fold of the text (lower case, no accents), so
``paragraph.text[start:end]`` is always the mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..knowledge import MONTH_RE, KnowledgeBase, french_date_to_iso, search_fold
from ..model import LegalRef, Paragraph, Source
from .legal_index import Alias, LegalIndex, Target, build_index, content_words, norm_num

__all__ = ["LegalIndex", "build_index", "find_legal_references"]

# Well-known bodies and acts, for DETECTION only: they never give a title.
GENERIC_NAMES: dict[str, str] = {
    "DGCCRF": "regulator", "Arcep": "regulator", "Hadopi": "regulator",
    "Conseil supérieur de l'audiovisuel": "regulator", "Conseil d'État": "institution",
    "Conseil constitutionnel": "institution", "Cour de justice de l'Union européenne": "institution",
    "Cour européenne des droits de l'homme": "institution", "CEDH": "institution",
    "RGPD": "eu_regulation", "DMA": "eu_regulation", "DSA": "eu_regulation", "LCEN": "law",
}
_CASE_SENSITIVE_GENERIC = {"DMA", "DSA", "CEDH", "RGPD", "LCEN", "DGCCRF"}

_ART_NUM = r"(?:[lrd]\.?\s?)?\d+(?:[-.]\d+)*"
ARTICLE_PREFIX_RE = re.compile(rf"(?:\b(?:l'|les\s+)?articles?\s+{_ART_NUM}\s+(?:de\s+la|de\s+l'|du|de)\s+)$")
_DET = r"(?:(?:la|une|cette|sa|leur|une\s+nouvelle|la\s+nouvelle|la\s+future|le|un|ce|son)\s+)?"
LAW_ANCHOR_RE = re.compile(rf"(?<![\w-]){_DET}(?:(?:proposition|projet)\s+de\s+)?loi(?:\s+(?:organique|constitutionnelle))?(?![\w-])")
_BILL_BEFORE_RE = re.compile(rf"{_DET}(?:(?:proposition|projet)\s+de\s+)?$")
NUMBER_RE = re.compile(r"\s*(?:n\s?[°ºo]|numero)\s*(\d{2,4}-\d{1,5})\b")
DATE_RE = re.compile(rf"\s*du\s+(\d{{1,2}})(?:er)?\s+({search_fold(MONTH_RE)})\s+(\d{{4}})\b")
YEAR_RE = re.compile(r"\s+de\s+(1[89]\d\d|20\d\d)\b")
NAME_RE = re.compile(r"\s+(?:dite\s+)?([A-ZÉ][\w-]*)")
QUOTED_RE = re.compile(r"\s*(?:dite\s+)?[«\"“]\s*([^»\"”]{2,80}?)\s*[»\"”]")
PURPOSE_RE = re.compile(
    r"\s*\(?\s*((?:visant|vise|relative?|relatif|pour|portant|tendant|renforcant|d'orientation|sur|contre|"
    r"de\s+finances|de\s+financement|de\s+programmation|d'urgence|de\s+simplification|de\s+modernisation)"
    r"\b[^.;:()«»\"]{3,200})"
)
STRONG_PURPOSE = re.compile(r"^(?:visant|relative?|relatif|portant|tendant|renforcant|d'orientation|de\s+finances|"
                            r"de\s+financement|de\s+programmation|d'urgence|de\s+simplification|de\s+modernisation)\b")
EU_RE = re.compile(r"\b(?:le\s+|la\s+)?(?:reglement|directive)\s*(?:\((?:ue|ce|cee)\)\s*)?(?:n°\s*)?"
                   r"(\d{2,4}/\d{1,4}(?:/(?:ue|ce|cee))?)")
# A title stops here: punctuation, a weekday or month, a figure, or a word that starts a predicate.
# (On the original text: "a" (has) must not be confused with "à". "pour 2026" ends a finance law's name.)
_TITLE_STOP = re.compile(
    r"[,;:()«»\"]|(?<!pour)\s\d|\s(?:a|ont|est|sont|[ée]tait|sera|avait|qui|que|mais|alors|car|ne|n'|n’|selon|lors|depuis|"
    rf"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|{MONTH_RE})(?=[\s'’,.]|$)", re.IGNORECASE
)


@dataclass
class Candidate:
    start: int
    end: int
    target: Target | None
    kind: str

    @property
    def length(self) -> int:
        return self.end - self.start


# ----------------------------------------------------------------------------- laws after "loi"


def _law_mentions(text: str, ftext: str, idx: LegalIndex) -> list[Candidate]:
    out = []
    for m in LAW_ANCHOR_RE.finditer(ftext):
        found = _law_keys(text, ftext, m, idx)
        if found is None:
            continue
        target, end = found
        start = _article_prefix_start(ftext, m.start())
        kind = "bill" if re.search(r"(?:proposition|projet)\s+de\s+loi", m.group(0)) else "law"
        out.append(Candidate(start, end, target, target.kind if target else kind))
    return out


def _law_keys(text: str, ftext: str, anchor: re.Match[str], idx: LegalIndex) -> tuple[Target | None, int] | None:
    """(target, end) of what follows a ``loi``: number, date, year, « name », Name or purpose."""
    p = anchor.end()
    end, target, described = p, None, False
    if (n := NUMBER_RE.match(ftext, p)):
        target, end, described = idx.numbers.get(n.group(1)), n.end(), True
    if (d := DATE_RE.match(ftext, end)):
        iso = french_date_to_iso(d.group(1), d.group(2), d.group(3))
        found = idx.dates.get(iso, [])
        target = target or (found[0] if len(found) == 1 else None)
        end, described = d.end(), True
    elif not described and (y := YEAR_RE.match(ftext, end)):
        found = {t.knowledge_id: t for d, ts in idx.dates.items() if d.startswith(y.group(1)) for t in ts}
        target = next(iter(found.values())) if len(found) == 1 else None
        end, described = y.end(), True
    if (q := QUOTED_RE.match(text, end)):
        target = target or idx.quoted.get(search_fold(q.group(1)))
        return target, q.end()
    if not described and (nm := NAME_RE.match(text, end)):
        word = nm.group(1)
        if search_fold(word) in idx.names or sum(c.isupper() for c in word) >= 2 or not _sentence_start(text, anchor.start()):
            return idx.names.get(search_fold(word)), nm.end()
    if target is not None:
        return target, _extend_over_purpose(text, ftext, end, target)
    pm = PURPOSE_RE.match(ftext, end)
    if pm is None:
        return (None, end) if described else None
    purpose_target, purpose_end = _match_purpose(ftext, pm, idx)
    if purpose_target is not None:
        return purpose_target, purpose_end
    if described or (STRONG_PURPOSE.match(pm.group(1)) and len(re.findall(r"\w+", pm.group(1))) >= 3):
        return None, _clause_end(text, pm)
    return None


def _sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    return not before or before[-1] in ".!?»\n"


def _article_prefix_start(ftext: str, start: int) -> int:
    """``l'article 23 de la loi …``: the article belongs to the mention."""
    pre = ARTICLE_PREFIX_RE.search(ftext[max(0, start - 40):start])
    return max(0, start - 40) + pre.start() if pre else start


def _match_purpose(ftext: str, pm: re.Match[str], idx: LegalIndex) -> tuple[Target | None, int]:
    """Best knowledge title whose purpose words (≥ 80 %, ≥ 3) are in this clause."""
    tokens = [(t.group(0), pm.start(1) + t.end()) for t in re.finditer(r"\w+", pm.group(1))]
    best: tuple[float, int, Target] | None = None
    for words, target in idx.purposes:
        wanted, seen, last_end = set(words), set(), None
        for tok, tend in tokens[: len(words) * 2 + 6]:
            if tok in wanted:
                seen.add(tok)
                last_end = tend
        cover = len(seen) / len(wanted)
        if cover >= 0.8 and len(seen) >= 3 and last_end is not None and (best is None or cover > best[0]):
            best = (cover, last_end, target)
    return (best[2], best[1]) if best else (None, pm.end())


def _extend_over_purpose(text: str, ftext: str, end: int, target: Target) -> int:
    """``la loi de 1881 sur la liberté de la presse``: the purpose words of the identified title
    belong to the mention (at least two of them, in its first clause)."""
    pm = PURPOSE_RE.match(ftext, end)
    if pm is None:
        return end
    title_words = set(content_words(target.instrument))
    clause_end = _clause_end(text, pm)
    new_end, matched = end, 0
    for t in re.finditer(r"\w+", ftext[pm.start(1):clause_end]):
        word = t.group(0)
        if word in title_words:
            matched, new_end = matched + 1, pm.start(1) + t.end()
        elif word not in ("de", "du", "des", "la", "le", "les", "l", "d", "a", "au", "aux", "et", "en",
                          "sur", "pour", "visant", "relative", "relatif", "portant", "tendant", "une", "un"):
            break
    return new_end if matched >= 2 else end


def _clause_end(text: str, pm: re.Match[str]) -> int:
    """End of a purpose clause: before punctuation, a date or a figure, a verb-like word; 12 words at most."""
    clause = text[pm.start(1):pm.end(1)]
    stop = _TITLE_STOP.search(clause, 1)
    words = list(re.finditer(r"\w+", clause[: stop.start()] if stop else clause))[:12]
    return pm.start(1) + (words[-1].end() if words else len(clause.split()[0]))


# ----------------------------------------------------------------------------- articles, EU acts


def _article_plan(idx: LegalIndex) -> re.Pattern[str]:
    if "articles" not in idx.plans:
        codes = "|".join(re.escape(c) for c in sorted(idx.codes, key=len, reverse=True))
        idx.plans["articles"] = re.compile(
            rf"\b(?:(?:l'|les\s+|aux\s+|des\s+)?articles?|art\.)\s+(?P<nums>{_ART_NUM}(?:\s*(?:,|et|ou|a)\s*{_ART_NUM})*)"
            rf"(?:\s+et\s+suivants)?(?:\s*,?\s*(?:alinea|al\.)\s*\d+)?"
            rf"(?:,?\s+(?:du|de\s+la|de\s+l'|de\s+notre)\s+(?P<code>{codes})(?![\w-]))?"
        )
    return idx.plans["articles"]  # type: ignore[return-value]


def _code_article_mentions(ftext: str, idx: LegalIndex) -> list[Candidate]:
    out = []
    for m in _article_plan(idx).finditer(ftext):
        nums = [_article_num(n) for n in re.findall(_ART_NUM, m.group("nums"))]
        code = idx.code_names.get(m.group("code"), m.group("code"))
        if code is None:
            target = _article_without_code(nums, idx)
            if target is None:
                continue  # "article 4" alone, or the article of a law (handled with the law)
        else:
            keys = [(code, n) for n in nums] + [(code, n.split("-")[0]) for n in nums if code == "constitution"]
            target = next((idx.articles[k] for k in keys if k in idx.articles), None)
            target = target or _code_target(code, idx)
        start = m.start() + (4 if ftext.startswith(("les ", "aux ", "des "), m.start()) else 0)
        out.append(Candidate(start, m.end(), target, "constitution_article" if code == "constitution"
                             else "code_article"))
    return out


def _article_num(n: str) -> str:
    return norm_num(re.sub(r"(?<=\d)\.(?=\d)", "-", n))


def _article_without_code(nums: list[str], idx: LegalIndex) -> Target | None:
    """A hyphenated number (225-12-1) that a single code of the base has."""
    for n in nums:
        hits = {t.knowledge_id: t for (c, num), t in idx.articles.items() if num == n and c != "constitution"}
        if "-" in n and len(hits) == 1:
            return next(iter(hits.values()))
    return None


def _code_target(code: str, idx: LegalIndex) -> Target | None:
    """The code itself, when the base describes it (``Code pénal``): the article is one of its articles."""
    for a in idx.aliases:
        if a.target is not None and a.target.kind in ("code", "constitution") and (
                code in (_key(a.text), _key(a.target.instrument)) or _key(a.target.instrument).startswith(code + " du ")):
            return a.target
    return None


def _eu_mentions(ftext: str, idx: LegalIndex) -> list[Candidate]:
    out = []
    for m in EU_RE.finditer(ftext):
        num = m.group(1)
        target = idx.numbers.get(num) or idx.numbers.get("/".join(num.split("/")[:2]))
        kind = "eu_directive" if "directive" in m.group(0) else "eu_regulation"
        start = m.start() + (3 if m.group(0).startswith(("le ", "la ")) else 0)
        out.append(Candidate(start, m.end(), target, target.kind if target else kind))
    return out


def _offence_mentions(ftext: str, idx: LegalIndex) -> list[Candidate]:
    return [Candidate(m.start(), m.end(), target, target.kind)
            for pat, target in idx.offences for m in pat.finditer(ftext)]


# ----------------------------------------------------------------------------- names


def _key(name: str) -> str:
    """A name's matching key: folded words without quotes, one space apart."""
    return " ".join(re.sub(r"[«»\"“”]", " ", search_fold(name)).split())


def _alias_plan(idx: LegalIndex) -> tuple[re.Pattern[str], dict[str, list[Alias]]]:
    """One alternation of every name (longest first), built once per index."""
    if "aliases" not in idx.plans:
        table: dict[str, list[Alias]] = {}
        generic = [Alias(n, None, "exact" if n in _CASE_SENSITIVE_GENERIC else ("capital" if " " not in n else "any"))
                   for n in GENERIC_NAMES]
        for alias in idx.aliases + generic:
            table.setdefault(_key(alias.text), []).append(alias)
        keys = sorted((k for k in table if k), key=len, reverse=True)
        body = "|".join(r"[\s«»\"“”]+".join(map(re.escape, k.split())) for k in keys) or "(?!)"
        idx.plans["aliases"] = (re.compile(rf"(?<![\w-])(?:{body})s?(?![\w-])"), table)
    return idx.plans["aliases"]  # type: ignore[return-value]


def _alias_mentions(text: str, ftext: str, idx: LegalIndex) -> list[Candidate]:
    out = []
    pattern, table = _alias_plan(idx)
    for m in pattern.finditer(ftext):
        key = _key(m.group(0))
        aliases = table.get(key) or table.get(key[:-1], [])
        word = text[m.start():m.end()]
        chosen = next((a for a in aliases if _case_ok(a, word)), None)
        if chosen is None:
            continue
        target = chosen.target or next((a.target for a in aliases if a.target), None)
        kind = target.kind if target else GENERIC_NAMES.get(chosen.text, "institution")
        start = m.start()
        if key.startswith("loi "):
            before = _BILL_BEFORE_RE.search(ftext, 0, start)
            start = before.start() if before else start
        if kind in ("law", "eu_regulation"):
            start = _article_prefix_start(ftext, start)
        end = _extend_over_purpose(text, ftext, m.end(), target) if target and kind == "law" else m.end()
        out.append(Candidate(start, end, target, kind))
    return out


def _case_ok(alias: Alias, word: str) -> bool:
    if alias.case == "exact":
        return word.startswith(alias.text)
    if alias.case == "capital":
        return word[:1].isupper()
    return True


# ----------------------------------------------------------------------------- choosing


_KIND_RANK = {"code_article": 0, "constitution_article": 0}


def _select(cands: list[Candidate]) -> list[Candidate]:
    """Non-overlapping mentions: longest first (a name inside a longer citation belongs to it),
    then identified before unidentified, articles before the law or code they belong to, then first."""
    chosen: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (-c.length, c.target is None, _KIND_RANK.get(c.kind, 1), c.start)):
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def _merge_glosses(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """``obligation de quitter le territoire français (OQTF)``: a name and its gloss in brackets are one mention."""
    out: list[Candidate] = []
    for c in chosen:
        prev = out[-1] if out else None
        if (prev is not None and c.target is not None and prev.target == c.target
                and text[prev.end:c.start].strip() == "(" and text[c.end:c.end + 1] == ")"):
            out[-1] = Candidate(prev.start, c.end + 1, prev.target, prev.kind)
        else:
            out.append(c)
    return out


def find_legal_references(paragraphs: list[Paragraph], kb: KnowledgeBase,
                          index: LegalIndex | None = None) -> list[LegalRef]:
    idx = index or build_index(kb)
    refs: list[LegalRef] = []
    for para in paragraphs:
        text = para.text
        ftext = search_fold(text)
        cands = (_law_mentions(text, ftext, idx) + _code_article_mentions(ftext, idx)
                 + _eu_mentions(ftext, idx) + _alias_mentions(text, ftext, idx)
                 + _offence_mentions(ftext, idx))
        for c in _merge_glosses(text, _select(cands)):
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
