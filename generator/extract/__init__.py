"""Extract stage: cleaned `Article`s in, one `Facts` bundle per article out, through one `nlp.pipe` stream.

The rules run per article in `article.py`; this module only drives spaCy over every paragraph of the
run (model loaded once, batched, several processes when it pays). Importing this package does not
import spaCy: the rule modules are loaded when an article is actually extracted.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..model import Article, Facts
from .nlp import choose_n_process, load_nlp

if TYPE_CHECKING:
    from ..knowledge import KnowledgeBase

__all__ = ["extract_articles", "load_nlp"]


def extract_articles(articles: Iterable[Article], kb: "KnowledgeBase | None", *, nlp: Any = None,
                     n_process: int | None = None, batch_size: int = 64) -> Iterator[Facts]:
    """Facts of every article, in order, as each one is done (spaCy loaded only if there is one)."""
    articles = list(articles)
    if not articles:
        return
    from .article import build_legal_index, extract_article  # the rules import spaCy

    nlp = nlp or load_nlp()
    texts = [p.text for a in articles for p in a.paragraphs]
    procs = choose_n_process(len(articles), n_process)
    docs = iter(nlp.pipe(texts, batch_size=batch_size, **({"n_process": procs} if procs > 1 else {})))
    legal_index = build_legal_index(kb) if kb is not None else None  # once per run, not per article
    for article in articles:
        yield extract_article(article, [next(docs) for _ in article.paragraphs], kb, legal_index)
