"""One article's extraction: its cleaned `Article` and its spaCy docs in, its `Facts` bundle out.

Order matters and data flows one way:
reference date -> spaCy docs -> entity index -> quotes (resolve speakers) -> claims
-> events (dates) -> legal references -> summary -> entity models (with resolved mentions).
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..knowledge import KnowledgeBase
from ..model import Article, Facts
from .claims import extract_claims
from .dates import infer_reference_date
from .entities import build_index, to_models
from .events import extract_events
from .legal import LegalIndex, build_index as build_legal_index, find_legal_references
from .quotes import extract_quotes
from .summary import build_summary

__all__ = ["extract_article", "with_reference_date", "build_legal_index"]


def with_reference_date(article: Article) -> Article:
    """The date relative expressions are resolved against, and why (recorded in article.yaml)."""
    if article.published:
        return article.model_copy(update={"reference_date": article.published,
                                          "reference_basis": "date de publication"})
    ref, basis = infer_reference_date([p.text for p in article.paragraphs],
                                      [r.text for r in article.removed], article.source_url)
    return article.model_copy(update={"reference_date": ref.isoformat() if ref else None, "reference_basis": basis})


def extract_article(article: Article, docs: list[Doc], kb: KnowledgeBase | None,
                    legal_index: LegalIndex | None = None) -> Facts:
    article = with_reference_date(article)
    index = build_index(article, docs)
    quotes = extract_quotes(article, docs, index)
    claims = extract_claims(article, docs, index, quotes)
    events = extract_events(article)
    legal = find_legal_references(article.paragraphs, kb, legal_index) if kb is not None else []
    people, organisations, places = to_models(article, index)
    summary = build_summary(article, people, quotes, events, legal)
    return Facts(article=article, people=people, organisations=organisations, places=places,
                 quotes=quotes, claims=claims, events=events, legal=legal, summary=summary)
