"""Page furniture: which lines of a copied page are not the article, and why.

Rules are GENERAL (shapes of lines: credits, bylines, repeated titles, site chrome, teasers
before the body, headlines of linked articles), never words of one given article. Every line
taken out keeps its reason, so nothing disappears silently.
"""

from __future__ import annotations

import re

from ..model import Removed
from ..text import fold
from .frontmatter import parse_date_text
from .html import COMMENT, DANGEROUS_BLOCK, TAG
from .sentences import CLOSERS, split_sentences
from .shapes import DATELINE, LOW, UP, caption_with_credit, shape_reason

_UP, _LOW = UP, LOW
_ENDS_SENTENCE = re.compile(r"[.!?…:;][\s" + re.escape(CLOSERS) + r"]*$")

_NAME_WORD = rf"[{_UP}][\w'’\-]*\.?"
_PARTICLE = r"(?:de|du|des|d['’]|van|von|le|la|di|da|del|ben|el|ter)"
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{0,4}}"
_BYLINE = re.compile(
    rf"^Par\s+(?P<author>{_NAME}(?:\s*(?:,|et|avec)\s+{_NAME})*|la rédaction)"
    rf"(?:\s*,\s*(?P<role>[^,\d.!?;:]{{1,40}}?))?"
    rf"(?:\s*[,|–—-]?\s*(?:le|publié le|mis à jour le)\s+(?P<date>.+?))?\s*$")

_AGENCY_WORD = rf"[{_UP}][{_UP}0-9&\-]*(?=\s|$|[,.;)])"
_AGENCY = (rf"(?:{_AGENCY_WORD}(?:\s+{_AGENCY_WORD}){{0,3}}"
           r"|Getty Images|Hans Lucas|Reuters|Abaca(?:press)?|Sipa|Maxppp|Shutterstock|iStock|Divergence"
           r"|Leemage|Photononstop|Andia|Wikimedia Commons)"
           rf"(?:\s+via\s+{_AGENCY_WORD})?")
_CREDIT_NAME = rf"[{_UP}][\w'’\-]*\.?(?:[\s\-]+[{_UP}][\w'’\-]*\.?){{0,4}}"
_CREDIT = re.compile(rf"^(?:(?:©|\(c\))\s*)?{_CREDIT_NAME}\s*/\s*{_AGENCY}(?:\s*/\s*{_AGENCY})*")
_CREDIT_LABEL = re.compile(r"^(?:©|\(c\)|cr[ée]dits?(?:\s+photos?)?\s*:|photos?\s*:|illustration\s*:)", re.I)
_CAPTION_SUFFIX = re.compile(rf"^(?P<caption>.+?\S)\s+[-–—]\s+(?P<credit>[{_UP}0-9][\w&’'.\-]*(?:\s+[\w&’'.\-]+){{0,3}})$")
_GLUED_PREFIX = re.compile(rf"^(?P<prefix>[{_LOW}]{{3,}})(?P<rest>[{_UP}](?:[{_LOW}]|['’]).*)$")
_LIST_ITEM = re.compile(r"^(?:[-•*–—▪►]\s|\d{1,2}[.)]\s)")
_SEPARATOR = re.compile(r"^[\W_]{1,}$")


_STANDFIRST_WORDS = 20


def _norm(s: str) -> str:
    """Comparison key of a line: the text core's fold, quotation marks left out."""
    return fold(re.sub(r"[«»“”\"]", " ", s))


def _ends_sentence(line: str) -> bool:
    return bool(_ENDS_SENTENCE.search(line))


def _title_repeat(line: str, title_norm: str) -> bool:
    if not title_norm:
        return False
    candidates = {_norm(line)}
    m = _GLUED_PREFIX.match(line)
    if m:
        candidates.add(_norm(m.group("rest")))
    for c in candidates:
        if c == title_norm:
            return True
        # the title followed by a caption in brackets or after a dash: "TITLE (photo …)", "TITLE - AFP"
        if len(title_norm) >= 20 and c.startswith(title_norm) and c[len(title_norm):].lstrip()[:1] in tuple("([-–—|/©"):
            return True
    return False


_MD_TARGET = r"\((?:[^()\n]|\([^()\n]*\))*\)"  # link target, one level of nested ()


def _clean_markdown(line: str) -> tuple[str, str | None]:
    """Plain text of a Markdown line; (text, reason) where reason says what was dropped."""
    if re.fullmatch(rf"!\[[^\]]*\]{_MD_TARGET}", line.strip()):
        return "", "image (Markdown)"
    out = re.sub(r"^#{1,6}\s+", "", line)
    out = re.sub(r"^>\s?", "", out)
    out = re.sub(rf"!\[([^\]]*)\]{_MD_TARGET}", "", out)
    out = re.sub(rf"\[([^\]]+)\]{_MD_TARGET}", r"\1", out)
    out = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", out)
    return out.strip(), None


def _mark_caption_twins(lines: list[_Line]) -> None:
    """An image's alt text and its caption: the same words, the second closed by a short credit
    ('… de Genève.' / '… de Genève.Keystone', '• X : « … »' / 'X : « … » Jeanne Dupont')."""
    for i, b in enumerate(lines):
        nb = _norm(b.text)
        for j in range(max(0, i - 3), min(len(lines), i + 4)):
            a = lines[j]
            na = _norm(_LIST_ITEM.sub("", a.text))
            if j == i or len(na) < 15 or not nb.startswith(na) or len(nb) == len(na):
                continue
            tail = nb[len(na):].lstrip(" .-–—|/©:")
            credit = b.text.rstrip()[-len(tail):] if tail else ""
            if (tail and len(tail) <= 30 and len(tail.split()) <= 4 and not re.search(r"[!?]|[.;]$", tail)
                    and credit[:1].isupper()):
                b.reason = b.reason or "légende photo"
                a.reason = a.reason or "légende photo (texte alternatif de l'image)"


_NAME_ONLY = re.compile(rf"^[{_UP}][{_LOW}'’\-]+(?:\s+(?:{_PARTICLE}\s+)?[{_UP}][{_LOW}'’\-]+){{1,3}}$")
_NEWSROOM = re.compile(r"^(?:la\s+)?r[ée]daction\b[^.!?]{0,40}$", re.I)
_RUBRIC = re.compile(rf"^(?:[{_UP}][\w'’\-]{{1,24}}|[{_UP}\s'’\-]{{2,30}})$")


_METADATA = {"date de publication (métadonnée)", "date de publication (vide)", "temps de lecture",
             "horodatage", "signature (auteur, date)"}


def _header_end(lines: list[_Line]) -> int:
    """End of the page header: the first line of running prose (long, or several sentences), or
    past the last publication date / reading time / byline line among the first ten lines."""
    prose = next((k for k, ln in enumerate(lines[:8])
                  if len(ln.text) >= 200 or len(split_sentences(ln.text)) >= 2), min(len(lines), 8))
    meta = [k + 1 for k, ln in enumerate(lines[:10]) if ln.reason in _METADATA]
    return max([prose, *meta])


def _mark_header(lines: list[_Line]) -> None:
    """Above the running text: a name alone on its line is the byline, a lone word the rubric."""
    for ln in lines[: _header_end(lines)]:
        t = ln.text.strip()
        if ln.reason or len(t) > 40:
            continue
        if _NEWSROOM.match(t) or _NAME_ONLY.match(t):
            ln.reason = "signature (auteur)"
        elif _RUBRIC.match(t) and len(t.split()) <= 3:
            ln.reason = "rubrique"


def _mark_embed_titles(lines: list[_Line]) -> None:
    """The short title line just above a slideshow counter or a video label ('… 1 / 23')."""
    for i, ln in enumerate(lines):
        if ln.reason != "diaporama ou vidéo intégrée" or i == 0:
            continue
        prev = lines[i - 1]
        if not prev.reason and len(prev.text) <= 120 and not _ends_sentence(prev.text):
            prev.reason = "titre de diaporama ou de vidéo"


class _Line:
    __slots__ = ("text", "reason")

    def __init__(self, text: str):
        self.text = text
        self.reason: str | None = None


def clean_body(body: str, *, title: str | None, markdown: bool, strip_tags: bool
                ) -> tuple[str, list[_Line], list[Removed], dict[str, str]]:
    """Title, body lines (with removal reasons), extra removals, metadata found in the text."""
    removed: list[Removed] = []
    found: dict[str, str] = {}
    if strip_tags:
        markup: list[str] = []
        for rx in (COMMENT, DANGEROUS_BLOCK, TAG):
            markup += [m.group(0) for m in rx.finditer(body)]
            body = rx.sub("", body)
        if markup:
            shown = " ".join(markup)
            removed.append(Removed(text=shown if len(shown) <= 200 else shown[:199] + "…",
                                   reason="balises HTML retirées du texte"))
    lines: list[_Line] = []
    for raw in body.split("\n"):
        text = raw.strip()
        if not text:
            continue
        if markdown:
            text, why = _clean_markdown(text)
            if why:
                removed.append(Removed(text=raw.strip(), reason=why))
            if not text:
                continue
        if _SEPARATOR.fullmatch(text):
            removed.append(Removed(text=text, reason="séparateur"))
            continue
        lines.append(_Line(text))

    # --- title: given, or the first line; a rubric word glued to it ("justiceLe site …") is cut
    if lines:
        first = lines[0].text
        m = _GLUED_PREFIX.match(first)
        stripped = m.group("rest") if m else first
        if title is None:
            title = stripped
            lines.pop(0)
            if m:
                removed.append(Removed(text=m.group("prefix"), reason="rubrique collée au titre"))
        elif _norm(stripped) == _norm(title):
            lines.pop(0)
            if m:
                removed.append(Removed(text=m.group("prefix"), reason="rubrique collée au titre"))
    title = (title or "").strip()
    tnorm = _norm(title)

    # --- pass 1: line shapes
    for i, ln in enumerate(lines):
        t = ln.text
        if why := shape_reason(t):
            ln.reason = why
        elif DATELINE.fullmatch(t) and len(t) <= 120 and parse_date_text(t):
            ln.reason = "date de publication (métadonnée)"
            found.setdefault("published", parse_date_text(t) or "")
        elif (b := _BYLINE.match(t)) and len(t) <= 160:
            ln.reason = "signature (auteur, date)"
            found.setdefault("author", b.group("author"))
            if b.group("date"):
                iso = parse_date_text(b.group("date"))
                if iso:
                    found.setdefault("published", iso)
        elif (c := _CREDIT.match(t)) or (_CREDIT_LABEL.match(t) and len(t) <= 120):
            rest = t[c.end():].strip() if c else ""
            if not rest:
                ln.reason = "crédit photo"
            elif len(rest) <= 300 and len(split_sentences(rest)) <= 2:
                ln.reason = "légende photo (crédit)"
            # else: a wire dateline ("PARIS / AFP …") opening a real paragraph: kept
        elif _title_repeat(t, tnorm):
            ln.reason = "titre répété"
        elif caption_with_credit(t, split_sentences):
            ln.reason = "légende photo (crédit)"
    _mark_caption_twins(lines)
    _mark_header(lines)
    _mark_embed_titles(lines)
    # captions "TEXT - CREDIT" repeating a nearby line (image alt text + caption) or sentence
    for i, ln in enumerate(lines):
        if ln.reason:
            continue
        m = _CAPTION_SUFFIX.match(ln.text)
        if not m or len(m.group("credit")) > 30 or _ends_sentence(m.group("credit")):
            continue
        cap = _norm(m.group("caption"))
        if len(cap) < 15:
            continue
        near = [lines[j] for j in range(max(0, i - 3), min(len(lines), i + 4)) if j != i]
        twins = [o for o in near if _norm(o.text) == cap]
        if twins:
            ln.reason = "légende photo"
            for o in twins:
                o.reason = o.reason or "légende photo (texte alternatif de l'image)"
        elif any(cap in _norm(o.text) for o in near):
            ln.reason = "légende photo"
    # exact duplicates of an earlier line (kept, or removed as furniture: its twin is furniture too)
    seen: set[str] = set()
    for ln in lines:
        key = _norm(ln.text)
        if not ln.reason and key in seen:
            ln.reason = "doublon (légende)"
        seen.add(key)

    # --- pass 2: before the body starts (first kept line ending like a sentence), lines that do
    # not end like a sentence are teasers, rubrics or photo captions; a line of twenty words or
    # more is the standfirst (chapô), written without a final stop but part of the article
    kept = [ln for ln in lines if not ln.reason]
    body_start = next((k for k, ln in enumerate(kept) if _ends_sentence(ln.text)), None)
    if body_start is not None:
        for ln in kept[:body_start]:
            if len(ln.text.split()) < _STANDFIRST_WORDS:
                ln.reason = "accroche ou légende avant l'article"
        # --- pass 3: in the body, a long single-sentence line without final punctuation reads
        # like the headline of a linked article (subheadings are short)
        for ln in kept[body_start + 1:]:
            t = ln.text
            if (not _ends_sentence(t) and not t.endswith(",") and not _LIST_ITEM.match(t)
                    and len(t) <= 160 and len(t.split()) >= 12 and len(split_sentences(t)) == 1):
                ln.reason = "titre d'un article lié"
    return title, lines, removed, found
