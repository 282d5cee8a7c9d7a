"""The one `nlp.pipe` driver: same facts, in the same order, with one process and with two."""

from __future__ import annotations

from pathlib import Path

from generator.extract import extract_articles
from generator.knowledge import load_knowledge
from generator.yamlio import to_plain

ROOT = Path(__file__).resolve().parents[2]

BODIES = [
    "Le maire de Villeneuve, Paul Martin, a annoncé lundi 3 juin 2024 la fermeture de la piscine municipale.\n\n"
    "« Nous n'avons pas le choix », a déclaré Paul Martin devant le conseil municipal.",
    "La préfecture du Rhône a publié un arrêté le 12 mars 2023. Selon la préfète, Claire Dubois, "
    "la mesure durera six mois.\n\nLes associations contestent cette décision devant le tribunal administratif.",
    "En janvier 2022, l'entreprise Dupont et Fils a licencié quarante salariés. « C'est un choc », "
    "a réagi la syndicaliste Anne Leroy.",
]


def _facts(articles, **kwargs):
    return [to_plain(f) for f in extract_articles(articles, load_knowledge(ROOT / "knowledge"), **kwargs)]


def test_one_process_and_two_processes_give_the_same_facts(make_article, nlp):
    articles = [make_article(b, published=None) for b in BODIES]
    one = _facts(articles, nlp=nlp, n_process=1)
    two = _facts(articles, nlp=nlp, n_process=2)  # a real spaCy multiprocess pipe
    assert [f["article"]["slug"] for f in one] == [a.slug for a in articles]
    assert one == two
    assert any(q["speaker"] == "Paul Martin" for q in one[0]["quotes"])
    assert {e["date"] for e in one[1]["events"]} >= {"2023-03-12"}


def test_no_article_no_model(monkeypatch):
    import generator.extract

    def refuse():
        raise AssertionError("the model must not be loaded for an empty run")

    monkeypatch.setattr(generator.extract, "load_nlp", refuse)
    assert list(extract_articles([], None)) == []
