"""French vocabulary from packages, not hand-written lists: month and day names (babel), stop words (spaCy)."""

from __future__ import annotations

from functools import cache

from babel.dates import get_day_names, get_month_names

from .fold import fold

# "janvier" … "décembre", "lundi" … "dimanche": the names as written in French text
MONTH_NAMES: tuple[str, ...] = tuple(get_month_names("wide", locale="fr")[m] for m in range(1, 13))
WEEKDAY_NAMES: tuple[str, ...] = tuple(get_day_names("wide", locale="fr")[d] for d in range(7))
# folded month name -> number: "fevrier" -> 2, "aout" -> 8
MONTH_NUMBERS: dict[str, int] = {fold(name): n for n, name in enumerate(MONTH_NAMES, start=1)}


@cache
def stop_words() -> frozenset[str]:
    """spaCy's French stop words, folded. Imported on first use: importing spaCy takes seconds."""
    from spacy.lang.fr.stop_words import STOP_WORDS

    return frozenset(fold(w) for w in STOP_WORDS)
