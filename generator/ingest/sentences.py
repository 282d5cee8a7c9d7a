"""Rule-based French sentence spans (offsets into the paragraph), aware of quotes and abbreviations."""

from __future__ import annotations

import re

_TERM = ".!?…"
CLOSERS = "»”\")]’'"
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
        elif last in CLOSERS:
            k = e - 2
            while k >= start and (text[k] in CLOSERS or text[k] in "\u00a0\u202f \u2009"):
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
