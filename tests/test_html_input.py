"""HTML input end to end: a saved page through `briefing extract` -> facts with the page's metadata, no furniture."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from generator.cli import app

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
FURNITURE = ("cookie", "Accepter", "Accueil", "Lire aussi", "Roubaix", "Newsletter", "Mentions légales",
             "Texte injecté", "pisteur", "Partager", "Abonnez", "Tous droits", "Météo", "©")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory, nlp):  # `nlp`: the model is loaded once for the session
    out = tmp_path_factory.mktemp("facts")
    files = [str(FIXTURES / "page-enregistree.html"), str(FIXTURES / "page-jsonld.html")]
    done = CliRunner().invoke(app, ["extract", *files, "--out", str(out), "-q"])
    assert done.exit_code == 0, done.output
    return out


def _load(folder: Path, name: str):
    return yaml.safe_load((folder / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("slug,meta", [
    ("page-enregistree", {"title": "La mairie de Lille vote un budget participatif record",
                          "outlet": "Le Quotidien du Nord", "published": "2024-03-14", "author": "Claire Martin",
                          "source_url": "https://quotidien-du-nord.example/lille/budget-participatif"}),
    ("page-jsonld", {"title": "Rennes : la ligne b du métro prolongée jusqu'à Cesson",
                     "outlet": "La Gazette de Bretagne", "published": "2024-09-18", "author": "Yann Le Goff",
                     "source_url": "https://gazette-bretagne.example/rennes/metro-ligne-b-cesson"}),
])
def test_metadata_comes_from_the_page(extracted, slug, meta):
    article = _load(extracted / slug, "article.yaml")
    for key, value in meta.items():
        assert article[key] == value, key
    assert article["reference_basis"] == "date de publication"


@pytest.mark.parametrize("slug", ["page-enregistree", "page-jsonld"])
def test_page_furniture_is_gone_and_recorded(extracted, slug):
    article = _load(extracted / slug, "article.yaml")
    body = "\n".join(p["text"] for p in article["paragraphs"])
    for word in FURNITURE:
        assert word not in body, word
    assert article["removed"], "what was taken out is recorded"
    assert len(article["paragraphs"]) >= 3


def test_facts_are_extracted_from_the_page_text(extracted):
    quotes = _load(extracted / "page-enregistree", "quotes.yaml")
    assert "C’est une étape importante pour la démocratie locale" in [q["text"] for q in quotes]
    article = _load(extracted / "page-enregistree", "article.yaml")
    paragraphs = {p["id"]: p["text"] for p in article["paragraphs"]}
    for q in quotes:  # spans point at the exact words of the cleaned page text
        s = q["source"]
        assert paragraphs[s["paragraph"]][s["start"]:s["end"]] == q["text"]
    quotes2 = _load(extracted / "page-jsonld", "quotes.yaml")
    assert any(q["speaker"] == "Nathalie Appéré" for q in quotes2)
