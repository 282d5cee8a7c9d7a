"""One fold for comparing French text, and the slug made from it."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# typographic variants mapped to one plain character
_APOSTROPHES = "\u2019\u2018\u02bc\u00b4`\u2032"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212"
_LINE_BREAKS = "\r\u2028\u2029"
# letters NFKD does not decompose: opened by hand ("œ" -> "oe", "ø" -> "o")
_LETTERS = {"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ł": "l", "þ": "th"}
_ASCII_SAME_LENGTH = str.maketrans({"`": "'", "\r": "\n", **{c: " " for c in "\t\x0b\x0c\x1c\x1d\x1e\x1f"}})
_GAPS = re.compile(r"[\s\-]+")
_EDGES = " .,;:!?·'\"«»“”"  # stripped from both ends of a comparison key


@lru_cache(maxsize=None)
def _fold_char(c: str) -> str:
    """One character folded: lower case, no accent, plain apostrophe, dash and space; may be 0-2 characters."""
    if c in _APOSTROPHES:
        return "'"
    if c in _DASHES:
        return "-"
    if c in _LINE_BREAKS:
        return "\n"
    if c.isspace() and c != "\n":
        return " "
    low = c.lower()
    if low in _LETTERS:
        return _LETTERS[low]
    bare = "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x))
    return bare.casefold() if bare else c


def _same_length(c: str) -> str:
    out = _fold_char(c)
    if len(out) == 1:
        return out
    low = c.lower()
    return low if len(low) == 1 else c


@lru_cache(maxsize=65536)
def fold(text: str, *, keep_offsets: bool = False) -> str:
    """French text folded for comparison: "Jean-Luc d’Élysée" and "jean luc d'elysee" fold alike.

    Always folded: case (lower), accents (é -> e, ç -> c), typographic apostrophes (’ ‘ ʼ ´ ` ′ -> '),
    dashes (‐ ‑ ‒ – — − -> -) and space characters (no-break, thin, tab -> space; \\r and line
    separators -> newline).

    keep_offsets=False (a comparison key): also letters opened (œ -> oe, ß -> ss), hyphens and runs
    of white space made one space, and spaces, punctuation and quotes stripped from both ends.
    keep_offsets=True (a search text): one character out for each character in, so
    ``len(fold(s, keep_offsets=True)) == len(s)`` and a span found in the fold indexes ``s``;
    nothing is opened, merged or stripped (œ stays œ).
    """
    if text.isascii():
        folded = text.lower().translate(_ASCII_SAME_LENGTH)
    elif keep_offsets:
        folded = "".join(map(_same_length, text))
    else:
        folded = "".join(map(_fold_char, text))
    if keep_offsets:
        return folded
    return _GAPS.sub(" ", folded).strip(_EDGES)


def slugify(text: str, *, max_length: int | None = None) -> str:
    """ASCII slug of `text`: folded, every run of other characters one '-', no '-' at the ends.

    'Mon article é été (1)' -> 'mon-article-e-ete-1'; '' when nothing is left (callers choose the default).
    """
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    if max_length is not None:
        slug = slug[:max_length].rstrip("-")
    return slug
