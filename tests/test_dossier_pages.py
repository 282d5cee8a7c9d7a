"""Dossier-wide pages: « Citations » and « Qui affirme quoi » across articles (generator/render/
speakers.py) and « À vérifier » on the dossier home (generator/render/checks.py).

Made-up French articles (tests/test_dossier.py's `bundle`) for the grouping rules, and the
committed facts of the repository's seeds for "nothing is left out"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.dossier import build_dossier
from generator.exports import make_exports
from generator.render import render_docs, site_articles
from generator.render.checks import to_check
from generator.render.speakers import UNKNOWN_ANCHOR, speakers
from generator.render.views import article_view
from generator.store import read_all
from test_dossier import A_TEXT, B_TEXT, C_TEXT, bundle

ROOT = Path(__file__).resolve().parents[1]


def _views_and_dossier(bundles):
    articles = site_articles(bundles)
    return [article_view(f) for f in articles], build_dossier(articles)


def _said(groups) -> list[tuple[str, str]]:
    return [(col.view.slug, it.id) for s in groups for col in s.columns for it in col.items]


@pytest.mark.parametrize("what", ["quotes", "claims"])
def test_every_quote_and_claim_of_the_seeds_stands_once_under_a_speaker(what):
    bundles = read_all(ROOT / "facts")
    views, d = _views_and_dossier(bundles)
    said = _said(speakers(views, d, what))
    expected = [(v.slug, it.id) for v in views for it in getattr(v.facts, what)]
    assert len(expected) > 10
    assert sorted(said) == sorted(expected) and len(set(said)) == len(said)


def test_one_speaker_named_two_ways_in_two_articles_has_a_column_per_article_in_date_order():
    later = bundle("b-journal", B_TEXT, published="2024-03-05", people=[("Vasseur", ("adjointe au maire",))],
                   quotes=[("la halle sera rouverte", "Vasseur", "per-1")])
    earlier = bundle("a-courrier", A_TEXT, published="2024-03-04", people=[("Claire Vasseur", ())],
                     quotes=[("Personne n'a été blessé", "Claire Vasseur", "per-1")])
    views, d = _views_and_dossier([later, earlier])
    (s,) = speakers(views, d, "quotes")
    assert s.name == "Claire Vasseur" and s.kind == "person" and s.roles == ["adjointe au maire"]
    assert [c.view.slug for c in s.columns] == ["a-courrier", "b-journal"]  # date order, not input order
    assert [[q.text for q in c.items] for c in s.columns] == [["Personne n'a été blessé"], ["la halle sera rouverte"]]


def test_an_organisation_speaks_under_its_merged_name_and_an_unnamed_speaker_comes_last():
    text = ("La mairie d'Abbeville a indiqué que « le marché restera fermé ». Le Syndicat des halles "
            "regrette « une décision brutale ». Un commerçant confie : « on attendait pire ».")
    f = bundle("a-mairie", text, orgs=["Syndicat des halles"], quotes=[
        ("une décision brutale", "Syndicat des halles", "org-1"),
        ("on attendait pire", None, None),
    ])
    g = bundle("b-radio", C_TEXT + " Le syndicat des halles parle d'« un gâchis ».", published="2024-06-01",
               orgs=["syndicat des halles"], quotes=[("un gâchis", "syndicat des halles", "org-1")])
    views, d = _views_and_dossier([f, g])
    groups = speakers(views, d, "quotes")
    assert [(s.name, s.kind) for s in groups] == [("Syndicat des halles", "org"), (None, "")]
    assert len(groups[0].columns) == 2  # one organisation across two articles
    assert groups[-1].anchor == UNKNOWN_ANCHOR and groups[-1].count == 1


def test_to_check_lists_a_date_conflict_once_with_a_link_to_its_chronology_item():
    a = bundle("a-courrier", A_TEXT, events=[
        ("2024-03-03", "day", "Le 3 mars 2024", "la préfète de la Somme a ordonné la fermeture du marché couvert "
                                                "d'Abbeville après l'effondrement d'une partie de la toiture")])
    c = bundle("c-radio", C_TEXT, published="2024-05-03", events=[
        ("2024-03-04", "day", "Le 4 mars 2024", "la préfète de la Somme a ordonné la fermeture du marché couvert "
                                                "d'Abbeville après l'effondrement d'une partie de la toiture")])
    views, d = _views_and_dossier([a, c])
    checks = [x for x in to_check(views, d) if x.kind.startswith("Même événement")]
    assert len(checks) == 1
    assert checks[0].page in {f"chronologie.md#{e.id}" for e in d.conflicts}
    assert "3 mars 2024" in checks[0].detail and "4 mars 2024" in checks[0].detail


@pytest.mark.parametrize("role_a, role_b, flagged", [
    ("ministre de l'Intérieur", "ministre de la Justice", True),
    ("secrétaire d'État", "secrétaire d'État au Numérique", False),  # more precise, not contradicting
    ("adjointe au maire", "conseillère régionale", False),            # two functions, both possible
])
def test_to_check_flags_the_same_function_with_different_complements(role_a, role_b, flagged):
    a = bundle("a-courrier", A_TEXT, people=[("Claire Vasseur", (role_a,))])
    b = bundle("b-journal", B_TEXT, published="2024-05-04", people=[("Vasseur", (role_b,))])
    views, d = _views_and_dossier([a, b])
    roles = [x for x in to_check(views, d) if x.kind == "Même nom, rôles contradictoires"]
    assert bool(roles) == flagged, roles
    if flagged:
        assert roles[0].page == f"acteurs.md#{d.people[0].id}"
        assert role_a in roles[0].detail and role_b in roles[0].detail


def test_dossier_pages_are_rendered_in_the_nav_with_a_to_check_list_linking_to_them(tmp_path):
    text = A_TEXT + " Un passant a lâché : « quelle pagaille »."
    a = bundle("a-courrier", text, people=[("Claire Vasseur", ())], quotes=[
        ("Personne n'a été blessé", "Claire Vasseur", "per-1"), ("quelle pagaille", None, None)])
    b = bundle("b-journal", B_TEXT, published="2024-05-04", people=[("Vasseur", ())],
               quotes=[("la halle sera rouverte", "Vasseur", "per-1")])
    articles = site_articles([a, b])
    d = build_dossier(articles)
    render_docs(articles, d, make_exports(articles, d, "Dossier"), tmp_path / "docs", site_name="Dossier")
    nav = yaml.safe_load((tmp_path / "generated" / "nav.yml").read_text(encoding="utf-8"))["nav"]
    assert {"Citations du dossier": "citations.md"} in nav and {"Qui affirme quoi (dossier)": "affirmations.md"} in nav
    citations = (tmp_path / "docs" / "citations.md").read_text(encoding="utf-8")
    assert citations.index("Claire Vasseur") < citations.index(f"{{ #{UNKNOWN_ANCHOR} }}")
    assert "a-courrier/texte-source.md#q2" in citations and "b-journal/texte-source.md#q1" in citations
    home = (tmp_path / "docs" / "index.md").read_text(encoding="utf-8")
    todo = home[home.index("## À vérifier"):home.index("## Sources")]
    assert f"citations.md#{UNKNOWN_ANCHOR}" in todo and "a-courrier/texte-source.md#q2" in todo
    affirmations = (tmp_path / "docs" / "affirmations.md").read_text(encoding="utf-8")
    assert "Allégations rapportées, pas des faits établis" in affirmations


def test_merged_chronology_shows_each_source_event_as_its_facts_hold_it(tmp_path):
    """Every item of the merged chronology prints the event text of the facts (events.yaml of the
    article it comes from), and each further source whose words differ shows its own."""
    from generator.render.escape import md_text

    same_event = "la préfète de la Somme a ordonné la fermeture du marché couvert d'Abbeville"
    a = bundle("a-courrier", A_TEXT, events=[("2024-03-03", "day", "Le 3 mars 2024", same_event + " après l'effondrement d'une partie de la toiture")])
    b = bundle("b-journal", B_TEXT, published="2024-05-04", events=[
        ("2024-03-03", "day", "dimanche 3 mars", "La fermeture du marché couvert d'Abbeville a été ordonnée par la préfète dimanche 3 mars")])
    articles = site_articles([a, b])
    d = build_dossier(articles)
    (merged,) = d.events
    assert len(merged.sources) == 2
    render_docs(articles, d, make_exports(articles, d, "Dossier"), tmp_path / "docs", site_name="Dossier")
    page = (tmp_path / "docs" / "chronologie.md").read_text(encoding="utf-8")
    item = page[page.index(f'id="{merged.id}"'):]
    for f in (a, b):
        assert str(md_text(f.events[0].text)) in item, f.article.slug


def test_a_date_conflict_links_to_the_other_event_by_the_anchor_it_carries(tmp_path):
    """The conflict note's link must land on the other event's item (an escaped '-' in the
    address, '#ev&#45;9', is a dead link that `mkdocs build --strict` rejects)."""
    from test_dossier import A, B, C

    articles = site_articles([A, B, C])
    d = build_dossier(articles)
    assert d.conflicts
    render_docs(articles, d, make_exports(articles, d, "Dossier"), tmp_path / "docs", site_name="Dossier")
    page = (tmp_path / "docs" / "chronologie.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(#([^)]+)\)", page)
    assert targets and all(f'id="{t}"' in page for t in targets), targets
