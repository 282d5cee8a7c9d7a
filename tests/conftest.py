"""Shared fixtures: the spaCy model is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def nlp():
    """The French spaCy pipeline (loaded once; extraction tests share it)."""
    from generator.extract.nlp import load_nlp

    return load_nlp()


@pytest.fixture
def make_article(tmp_path: Path):
    """Build an Article from a text: the first line is the title, blank lines separate paragraphs.

    `make_article(body, title=..., published=...)` writes the text to a file and reads it back with
    `read_article`, so paragraphs and sentences are split exactly as in production.
    """
    from generator.ingest import read_article

    counter = iter(range(1_000_000))

    def build(body: str, title: str = "Un article de test sans rapport avec le texte", published: str | None = "2024-05-10"):
        n = next(counter)
        path = tmp_path / f"article-{n}.txt"
        front = f"---\ntitle: \"{title}\"\n" + (f"published: '{published}'\n" if published else "") + "---\n"
        path.write_text(front + body.strip() + "\n", encoding="utf-8")
        return read_article(path, slug=f"article-{n}")

    return build


@pytest.fixture
def extract(make_article, nlp):
    """`extract(body, **article_kwargs)` -> Facts for a small made-up article (no knowledge base)."""
    from generator.extract import extract_articles

    def run(body: str, **kwargs):
        article = make_article(body, **kwargs)
        return next(extract_articles([article], None, nlp=nlp))

    return run
