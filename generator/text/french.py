"""French vocabulary from packages, not hand-written lists: month and day names (babel), stop words (spaCy)."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

from babel.dates import get_day_names, get_month_names

from ..errors import BriefingError
from .fold import fold

# "janvier" … "décembre", "lundi" … "dimanche": the names as written in French text
MONTH_NAMES: tuple[str, ...] = tuple(get_month_names("wide", locale="fr")[m] for m in range(1, 13))
WEEKDAY_NAMES: tuple[str, ...] = tuple(get_day_names("wide", locale="fr")[d] for d in range(7))
# folded month name -> number: "fevrier" -> 2, "aout" -> 8
MONTH_NUMBERS: dict[str, int] = {fold(name): n for n, name in enumerate(MONTH_NAMES, start=1)}


@cache
def stop_words() -> frozenset[str]:
    """spaCy's French stop words, folded. Read from spaCy's own list (`spacy/lang/fr/stop_words.py`)
    without importing `spacy.lang.fr`, whose tokenizer exceptions take seconds to compile: the
    render stage, which needs the list and not the model, paid them on every run."""
    found = importlib.util.find_spec("spacy")  # locates the package without importing it
    if found is None or found.origin is None:
        raise BriefingError("spacy", "spaCy is not installed (pip install -e .)")
    path = Path(found.origin).parent / "lang" / "fr" / "stop_words.py"
    spec = importlib.util.spec_from_file_location("_spacy_fr_stop_words", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(fold(w) for w in module.STOP_WORDS)
