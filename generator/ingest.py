"""Ingest: read one article file, decode it, strip page furniture, split paragraphs and sentences.

Input: a `.txt`, `.md` or `.html` file, optionally starting with YAML front matter between `---`
lines (keys: title, outlet, published, url, language, author; unknown keys are ignored).

Output: a `generator.model.Article` whose paragraphs are the article body only. Everything taken
out is recorded in `Article.removed` with a reason, so nothing disappears silently.

Furniture rules are GENERAL (shapes of lines: credits, bylines, repeated titles, site chrome,
teasers before the body, headlines of linked articles), never words of one given article.
Every bad input raises `BriefingError(path, message)`; no other exception type escapes.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from .errors import BriefingError
from .model import Article, Paragraph, Removed

__all__ = ["read_article", "slugify", "decode", "split_sentences"]

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".xhtml", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MD_SUFFIXES = {".md", ".markdown"}
FRONT_MATTER_KEYS = ("title", "outlet", "published", "url", "language", "author")

# ---------------------------------------------------------------------------------------------
# slug


def slugify(name: str) -> str:
    """Safe, stable ASCII slug from a file name.

    A known article extension (.txt, .md, .html…) is dropped; accents are folded (é→e, œ→oe);
    every run of other characters becomes one '-'; lowercase; at most 80 characters.
    'Mon article é été (1).txt' -> 'mon-article-e-ete-1'.
    """
    base = str(name).replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, ext = base.rpartition(".")
    if dot and stem and f".{ext.lower()}" in TEXT_SUFFIXES:
        base = stem
    base = base.translate(_LIGATURES)
    folded = unicodedata.normalize("NFKD", base)
    bare = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", bare).strip("-")
    slug = slug[:80].rstrip("-")
    return slug or "article"


_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O",
                            "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "TH"})

# ---------------------------------------------------------------------------------------------
# bytes -> text

_WESTERN = ("cp1252", "iso8859_15", "latin_1", "mac_roman")  # preference order for ties
# characters a French text is made of beyond ASCII; used to choose between legacy code pages
_FRENCH_CHARS = set("àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ«»’‘“”–—…€°\u00a0\u202f·")


def _human_size(n: int, *, exact: bool = False) -> str:
    for unit, size in (("MB", 1_000_000), ("kB", 1_000)):
        if n >= size:
            value = n / size
            if exact and value == int(value):
                return f"{int(value)} {unit}"
            return f"{value:.1f} {unit}"
    return f"{n} bytes"


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data:
        return True
    sample = data[:65536]
    controls = sum(1 for b in sample if (b < 0x20 and b not in b"\t\n\r\f\v\x1b") or b == 0x7F)
    return controls > max(2, len(sample) // 100)


def _french_score(text: str) -> float:
    """Share of non-ASCII characters that belong to written French (1.0 when all do)."""
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return 1.0
    return sum(c in _FRENCH_CHARS for c in non_ascii) / len(non_ascii)


def decode(data: bytes, path: Path) -> str:
    """Decode article bytes to text with '\\n' line endings; refuses binary data.

    Order: UTF-32/UTF-16 with BOM, UTF-8 (BOM optional, strict), then legacy encodings:
    charset-normalizer's best guess is trusted when it recognises a language with clearly less
    mess than the Western code pages; otherwise the Western code page (cp1252, ISO-8859-15,
    Latin-1, MacRoman) whose decoding looks most like French and least messy wins, cp1252
    first on ties.
    """
    text: str | None = None
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                       (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise BriefingError(path, f"broken {codec.upper()} text ({exc.reason} at byte {exc.start})") from None
            break
    if text is None:
        if _looks_binary(data):
            raise BriefingError(path, "binary file, not text (contains NUL or control bytes); "
                                      "expected a .txt, .md or .html article")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _decode_legacy(data, path)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\t\f\v")
    if controls > max(2, len(text) // 100):
        raise BriefingError(path, "binary file, not text (too many control characters)")
    return text


def _decode_legacy(data: bytes, path: Path) -> str:
    from charset_normalizer import from_bytes
    from charset_normalizer.md import mess_ratio

    candidates: list[tuple[float, float, int, str, str]] = []
    for rank, codec in enumerate(_WESTERN):
        try:
            decoded = data.decode(codec)
        except UnicodeDecodeError:
            continue
        candidates.append((-_french_score(decoded), mess_ratio(decoded, 1.0), rank, codec, decoded))
    best = from_bytes(data).best()
    if best is not None and best.encoding not in _WESTERN:
        western_mess = min((c[1] for c in candidates), default=1.0)
        if best.coherence >= 0.2 and best.chaos + 0.05 < western_mess:
            return str(best)
    if not candidates:
        raise BriefingError(path, "unknown text encoding (not UTF-8, UTF-16 or a Western code page)")
    candidates.sort(key=lambda c: (round(c[0], 2), round(c[1], 2), c[2]))
    return candidates[0][4]


# ---------------------------------------------------------------------------------------------
# front matter and metadata

_DATE_NUM = re.compile(r"(?<!\d)(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?!\d)")
_DATE_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_MONTHS = {"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
           "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
           "décembre": 12, "decembre": 12}
_DATE_WORDS = re.compile(r"(?<!\d)(\d{1,2})(?:er)?\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})(?!\d)", re.I)


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _parse_date_text(s: str) -> str | None:
    """First full date in `s` (DD/MM/YYYY, YYYY-MM-DD, '25 juin 2024') as ISO, else None."""
    for rx, order in ((_DATE_ISO, "ymd"), (_DATE_NUM, "dmy"), (_DATE_WORDS, "dMy")):
        m = rx.search(s)
        if not m:
            continue
        a, b, c = m.groups()
        if order == "ymd":
            return _iso(int(a), int(b), int(c))
        if order == "dmy":
            return _iso(int(c), int(b), int(a))
        return _iso(int(c), _MONTHS[b.lower()], int(a))
    return None


def _published_value(value: Any, path: Path, line: int | None = None) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    s = str(value).strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?", s)
    iso = _iso(*map(int, m.groups())) if m else None
    if iso is None:
        raise BriefingError(path, f"published: {s!r} is not a date (expected YYYY-MM-DD)", line=line)
    return iso


def _split_front_matter(text: str, path: Path) -> tuple[dict[str, Any], str]:
    """(metadata, body). Front matter: a first line '---', YAML, a closing '---' (or '...')."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            break
    else:
        raise BriefingError(path, "front matter opened with '---' on line 1 is never closed by a '---' line", line=1)
    raw = "\n".join(lines[1:i])
    try:
        data = yaml.safe_load(raw) if raw.strip() else {}
    except (yaml.YAMLError, ValueError, RecursionError) as exc:  # ValueError: "published: 2024-02-30"
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise BriefingError(path, f"invalid YAML front matter: {problem}",
                            line=(mark.line + 2) if mark else 1) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise BriefingError(path, "front matter must be a mapping of keys (title:, outlet:, published:, …)", line=2)
    meta: dict[str, Any] = {}
    for key in FRONT_MATTER_KEYS:
        value = data.get(key)
        if value is None:
            continue
        line = _key_line(lines[1:i], key)
        if key == "published":
            meta[key] = _published_value(value, path, line)
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            s = str(value).strip()
            if s:
                meta[key] = s
        else:
            raise BriefingError(path, f"front matter {key}: must be text, got {type(value).__name__}", line=line)
    return meta, "\n".join(lines[i + 1:])


def _key_line(lines: list[str], key: str) -> int | None:
    for n, line in enumerate(lines):
        if re.match(rf"{re.escape(key)}\s*:", line):
            return n + 2
    return None


# ---------------------------------------------------------------------------------------------
# HTML

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>")
_DANGEROUS_BLOCK = re.compile(r"<(script|style|noscript|template|iframe|object)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _looks_like_html(text: str) -> bool:
    head = text.lstrip("\ufeff \t\n").lower()
    if head.startswith(("<!doctype", "<html", "<?xml", "<head", "<body")):
        return True
    tags = _TAG.findall(text)
    if len(tags) < 3:
        return False
    visible = len(re.sub(r"\s", "", text))
    return visible > 0 and sum(len(t) for t in tags) / visible > 0.3


def _extract_html(html: str, path: Path) -> tuple[dict[str, Any], str]:
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - environment problem
        raise BriefingError(path, f"cannot read HTML: trafilatura is not usable ({exc})") from None
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=False, include_images=False, include_links=False)
    except Exception as exc:  # trafilatura/lxml raise many types on hostile input
        raise BriefingError(path, f"cannot parse HTML ({type(exc).__name__})") from None
    if doc is None:
        raise BriefingError(path, "no article text found in the HTML page")

    def get(key: str) -> Any:  # 2.x returns a Document object; 1.x returned a dict
        return doc.get(key) if isinstance(doc, dict) else getattr(doc, key, None)

    text = get("text") or ""
    if not text.strip():
        raise BriefingError(path, "no article text found in the HTML page")
    meta: dict[str, Any] = {}
    for src, key in (("title", "title"), ("sitename", "outlet"), ("url", "url"), ("author", "author"),
                     ("language", "language")):
        value = get(src)
        if isinstance(value, str) and value.strip():
            meta[key] = value.strip()
    date = get("date")
    if date:
        iso = _parse_date_text(str(date))
        if iso:
            meta["published"] = iso
    # trafilatura never returns tags in .text, but be defensive: no markup survives ingest
    text = _TAG.sub("", _DANGEROUS_BLOCK.sub("", _COMMENT.sub("", text)))
    return meta, text


# ---------------------------------------------------------------------------------------------
# sentences

_TERM = ".!?…"
_CLOSERS = "»”\")]’'"
_OPENERS = "«“\"(['‘"
# words after which a period does not end a sentence (compared without the period)
_ABBREV = {
    "M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Me", "Mes", "Mgr", "Dr", "Drs", "Pr", "Prof", "St", "Ste",
    "Sts", "Cie", "Jr", "Sr", "Gén", "Gal", "Col", "Cdt", "Lt", "Sgt", "Cpt", "Adj",
    "art", "Art", "al", "alin", "av", "Av", "bd", "Bd", "boul", "cf", "Cf", "chap", "coll", "dir", "éd", "ed",
    "env", "ex", "fig", "hab", "ibid", "Ibid", "id", "min", "max", "nb", "NB", "op", "cit", "p", "pp",
    "par", "paragr", "réf", "suiv", "tél", "Tél", "vol", "vs", "no", "No", "n",
    "janv", "févr", "fév", "avr", "juil", "sept", "oct", "nov", "déc",
}


def _quote_depths(text: str) -> list[int]:
    """Quotation depth after each character: « » and “ ” nest; a straight \" toggles."""
    depths = [0] * len(text)
    guil = curly = 0
    straight = False
    for i, c in enumerate(text):
        if c == "«":
            guil += 1
        elif c == "»":
            guil = max(0, guil - 1)
        elif c == "“":
            curly += 1
        elif c == "”":
            curly = max(0, curly - 1)
        elif c == '"':
            straight = not straight
        depths[i] = guil + curly + (1 if straight else 0)
    return depths


def _is_abbreviation(text: str, dot: int) -> bool:
    m = re.search(r"([^\s«“\"(\[]+)$", text[:dot])
    if not m:
        return False
    word = m.group(1)
    if word in _ABBREV:
        return True
    if re.fullmatch(r"[A-ZÀ-ÖØ-Þ]", word):  # an initial: "J. Doe"
        return True
    # "J.-C", "p.ex", "U.S" — letters separated by dots/hyphens: a dotted abbreviation or initials
    return bool(re.fullmatch(r"(?:[A-Za-zÀ-ÖØ-öø-ÿ]{1,2}[.\-]+)+[A-Za-zÀ-ÖØ-öø-ÿ]{1,2}", word))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) into `text`, rule-based.

    A sentence ends after . ! ? … (and any closing quote/bracket glued to it, or a closing
    guillemet after a space) when whitespace and then an uppercase letter or an opening quote
    follow. Never inside « … », “ … ” or "…" (an unclosed mark runs to the end of the text);
    never after an abbreviation (M., Mme, Dr, art., p., n., initials like J.). Spans are
    non-empty, ordered, non-overlapping and exclude surrounding whitespace.
    """
    n = len(text)
    if n == 0:
        return []
    depths = _quote_depths(text)
    spans: list[tuple[int, int]] = []
    start = 0
    while start < n and text[start].isspace():
        start += 1
    for e in range(1, n + 1):
        if e <= start:
            continue
        last = text[e - 1]
        if e < n and last in _TERM and text[e] in _TERM:
            continue  # inside a run like "?!" or "..."
        if last in _TERM:
            pass
        elif last in _CLOSERS:
            k = e - 2
            while k >= start and (text[k] in _CLOSERS or text[k] in "\u00a0\u202f \u2009"):
                k -= 1
            if k < start or text[k] not in _TERM:
                continue
        else:
            continue
        if depths[e - 1] != 0:
            continue
        w = e
        while w < n and text[w].isspace():
            w += 1
        if w == e or w >= n:
            continue
        nxt = text[w]
        if not (nxt.isupper() or nxt in _OPENERS or nxt in "—–"):
            continue
        if last == "." and not (e >= 2 and text[e - 2] == ".") and _is_abbreviation(text, e - 1):
            continue
        spans.append((start, e))
        start = w
    end = n
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))
    return spans


# ---------------------------------------------------------------------------------------------
# page furniture

_UP = "A-ZÀ-ÖØ-Þ"
_LOW = "a-zà-öø-ÿ"
_ENDS_SENTENCE = re.compile(r"[.!?…:;][\s" + re.escape(_CLOSERS) + r"]*$")

_CHROME = [re.compile(p, re.I) for p in (
    r"quitter la version mobile",
    r"(?:[àa]\s+)?lire\s+(?:aussi|également|egalement|la suite)\b.*",
    r"(?:[àa]\s+)?(?:voir|découvrir)\s+(?:aussi|également|egalement)\b.*",
    r"sur le même (?:sujet|thème)\b.*",
    r"(?:les\s+)?(?:articles?\s+)?(?:les\s+)?plus\s+(?:lus|partagés|commentés)\b.*",
    r"dans la même rubrique\b.*",
    r"partager(?:\s+(?:sur|cet article|l['’]article|par|via)\b.*)?",
    r"(?:s['’]abonner|abonnez-vous|je m['’]abonne|déjà abonné)\b.*",
    r"(?:newsletters?|(?:inscrivez-vous|abonnez-vous) à (?:la|notre|nos) newsletters?)\b.*",
    r"publicit[ée]|contenu sponsoris[ée]|sponsoris[ée]",
    r"(?:article\s+)?r[ée]serv[ée] aux abonn[ée]s\b.*",
    r"(?:accepter|refuser|param[ée]trer|g[ée]rer)(?:\s+(?:les|tous les|mes))?\s+cookies\b.*",
    r"(?:ce site|nous)\s+utilis\w*\s+des cookies\b.*",
    r"(?:temps de\s+)?lecture\s*:?\s*\d+\s*min\w*",
    r"\d+\s*min(?:utes?)?\s+de lecture",
    r"[ée]couter\s+(?:cet|l['’])\s*article\b.*",
    r"retour en haut(?: de (?:la )?page)?",
    r"(?:suivez|retrouvez)-nous\b.*",
    r"commentaires?|r[ée]agir|imprimer|menu|rechercher|se connecter|connexion|mon compte|fermer|accueil"
    r"|facebook|twitter|linkedin|whatsapp|e-?mail|copier le lien|envoyer par e-?mail|x",
)]
_DATELINE = re.compile(r"(?:publi[ée]|mis à jour|mise à jour|modifi[ée]|actualis[ée])\s+le\b.*", re.I)

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


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).replace("\u00a0", " ").replace("\u202f", " ")
    s = re.sub(r"[’‘`´]", "'", s)
    s = re.sub(r"[«»“”\"]", " ", s)
    s = re.sub(r"\s+", " ", s).strip().casefold()
    return s.strip(" .,;:!?-–—'")


def _ends_sentence(line: str) -> bool:
    return bool(_ENDS_SENTENCE.search(line))


def _is_chrome(line: str) -> bool:
    s = line.strip().rstrip(" :›>»→.")
    if len(s) > 250:
        return False
    if any(rx.fullmatch(s) for rx in _CHROME):
        # a "Lire aussi …" teaser may be long; other chrome is short
        return len(s) <= 120 or bool(re.match(r"(?:[àa]\s+)?(?:lire|voir)\b", s, re.I))
    return False


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


class _Line:
    __slots__ = ("text", "reason")

    def __init__(self, text: str):
        self.text = text
        self.reason: str | None = None


def _clean_body(body: str, *, title: str | None, markdown: bool, strip_tags: bool
                ) -> tuple[str, list[_Line], list[Removed], dict[str, str]]:
    """Title, body lines (with removal reasons), extra removals, metadata found in the text."""
    removed: list[Removed] = []
    found: dict[str, str] = {}
    if strip_tags:
        markup: list[str] = []
        for rx in (_COMMENT, _DANGEROUS_BLOCK, _TAG):
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
        if _is_chrome(t):
            ln.reason = "navigation du site"
        elif _DATELINE.fullmatch(t) and len(t) <= 120 and _parse_date_text(t):
            ln.reason = "date de publication (métadonnée)"
            found.setdefault("published", _parse_date_text(t) or "")
        elif (b := _BYLINE.match(t)) and len(t) <= 160:
            ln.reason = "signature (auteur, date)"
            found.setdefault("author", b.group("author"))
            if b.group("date"):
                iso = _parse_date_text(b.group("date"))
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
    # exact duplicates of an earlier kept line
    seen: set[str] = set()
    for ln in lines:
        if ln.reason:
            continue
        key = _norm(ln.text)
        if key in seen:
            ln.reason = "doublon (légende)"
        else:
            seen.add(key)

    # --- pass 2: before the body starts (first kept line ending like a sentence), lines that do
    # not end like a sentence are teasers, rubrics or photo captions
    kept = [ln for ln in lines if not ln.reason]
    body_start = next((k for k, ln in enumerate(kept) if _ends_sentence(ln.text)), None)
    if body_start is not None:
        for ln in kept[:body_start]:
            ln.reason = "accroche ou légende avant l'article"
        # --- pass 3: in the body, a long single-sentence line without final punctuation reads
        # like the headline of a linked article (subheadings are short)
        for ln in kept[body_start + 1:]:
            t = ln.text
            if (not _ends_sentence(t) and not t.endswith(",") and not _LIST_ITEM.match(t)
                    and len(t) <= 160 and len(t.split()) >= 12 and len(split_sentences(t)) == 1):
                ln.reason = "titre d'un article lié"
    return title, lines, removed, found


# ---------------------------------------------------------------------------------------------
# entry point


def read_article(path: Path, *, slug: str | None = None, published: str | None = None,
                 max_bytes: int = 5_000_000) -> Article:
    """Read, decode and clean one article file. Raises BriefingError on any bad input."""
    path = Path(path)
    try:
        if not path.exists():
            raise BriefingError(path, "file not found")
        if path.is_dir():
            raise BriefingError(path, "is a directory, not an article file")
        if not path.is_file():
            raise BriefingError(path, "is not a regular file")
        size = path.stat().st_size
        if size > max_bytes:
            raise BriefingError(path, f"file is {_human_size(size)}, above the "
                                      f"{_human_size(max_bytes, exact=True)} limit")
        data = path.read_bytes()
    except BriefingError:
        raise
    except OSError as exc:
        raise BriefingError(path, f"cannot read file: {exc.strerror or exc}") from None
    if len(data) > max_bytes:  # grew since stat
        raise BriefingError(path, f"file is {_human_size(len(data))}, above the "
                                  f"{_human_size(max_bytes, exact=True)} limit")
    if not data:
        raise BriefingError(path, "file is empty")
    content_hash = hashlib.sha256(data).hexdigest()
    text = decode(data, path)
    if not text.strip():
        raise BriefingError(path, "file contains only whitespace, no article text")

    meta, body = _split_front_matter(text, path)
    suffix = path.suffix.lower()
    is_html = suffix in HTML_SUFFIXES or _looks_like_html(body)
    pre_removed: list[Removed] = []
    if is_html:
        html_meta, body = _extract_html(body, path)
        for key, value in html_meta.items():
            meta.setdefault(key, value)
        pre_removed.append(Removed(text="page HTML : balises, scripts, menus, en-tête et pied de page",
                                   reason="habillage de page HTML (extraction du texte principal)"))
    if not body.strip():
        raise BriefingError(path, "no article text after the front matter")

    try:
        title, lines, removed, found = _clean_body(
            body, title=meta.get("title"), markdown=suffix in MD_SUFFIXES and not is_html,
            strip_tags=not is_html)
    except RecursionError:  # pragma: no cover - pathological input
        raise BriefingError(path, "text too deeply nested to read") from None
    if not title:
        raise BriefingError(path, "no title: the file has no text line and no 'title:' in front matter")

    removed = pre_removed + removed
    paragraphs: list[Paragraph] = []
    for ln in lines:
        if ln.reason:
            removed.append(Removed(text=ln.text, reason=ln.reason))
            continue
        pid = f"p{len(paragraphs) + 1}"
        paragraphs.append(Paragraph(id=pid, text=ln.text, sentences=split_sentences(ln.text)))
    if not paragraphs:
        raise BriefingError(path, "no article body: only a title (and page furniture) was found")

    pub = _published_value(published, path) if published else None
    pub = pub or meta.get("published") or found.get("published") or None
    return Article(
        slug=slug or slugify(path.name),
        title=title,
        outlet=meta.get("outlet"),
        published=pub,
        reference_date=None,
        reference_basis="",
        language=meta.get("language") or "fr",
        source_url=meta.get("url"),
        author=meta.get("author") or found.get("author"),
        source_file=path.as_posix(),
        content_hash=content_hash,
        paragraphs=paragraphs,
        removed=removed,
    )
