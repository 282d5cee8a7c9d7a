"""Attributed claims: who says what, in the article's own words (made-up examples)."""

from __future__ import annotations


def assert_slices(facts) -> None:
    for c in facts.claims:
        assert facts.article.paragraph(c.source.paragraph).text[c.source.start : c.source.end] == c.what


def test_que_clause_is_an_indirect_claim(extract):
    facts = extract("Le député Armand Téchené affirme que la nouvelle route coûtera trois millions d’euros.")
    [c] = facts.claims
    assert (c.kind, c.who, c.cue) == ("indirect", "Armand Téchené", "affirme")
    assert c.what == "la nouvelle route coûtera trois millions d’euros"
    assert_slices(facts)


def test_selon_marker_is_an_indirect_claim(extract):
    facts = extract("Selon la préfecture du Cher, les travaux commenceront en septembre.")
    [c] = facts.claims
    assert (c.kind, c.who) == ("indirect", "préfecture du Cher")
    assert c.what == "les travaux commenceront en septembre"
    assert_slices(facts)


def test_quoted_words_are_a_direct_claim(extract):
    facts = extract("« Le maire nous a menti », accuse Rémi Castagnet, porte-parole du collectif.")
    [c] = facts.claims
    assert (c.kind, c.who) == ("direct", "Rémi Castagnet")
    assert c.what == "Le maire nous a menti"
    assert_slices(facts)


def test_allegations_keep_the_articles_words(extract):
    facts = extract("La directrice, Sylvie Narbonne, estime que l’usine aurait pollué la rivière pendant des années. "
                    "Selon Hugo Lemaire, l’entreprise aurait caché des analyses.")
    whats = {c.who: c.what for c in facts.claims}
    assert whats == {"Sylvie Narbonne": "l’usine aurait pollué la rivière pendant des années",
                     "Hugo Lemaire": "l’entreprise aurait caché des analyses"}
    assert all(c.kind == "indirect" for c in facts.claims)
    assert_slices(facts)


def test_plain_facts_are_not_claims(extract):
    facts = extract("Le pont a été fermé mardi. Les travaux dureront trois mois.")
    assert facts.claims == []


def test_a_claim_is_never_pinned_on_a_group_or_a_place(extract):
    facts = extract("Deux riverains affirment que la digue a cédé dans la nuit. "
                    "La centrale de Montreuil assure que les salaires seront versés.")
    assert [c for c in facts.claims if c.kind == "indirect"] == []


def test_claim_by_a_role_bound_to_the_person_named_before(extract):
    facts = extract("Sabine Roux, présidente de l'association des usagers, a écrit au maire.\n\n"
                    "La présidente de l'association affirme que les tarifs ont doublé en un an.")
    indirect = [(c.who, c.what) for c in facts.claims if c.kind == "indirect"]
    assert indirect == [("Sabine Roux", "les tarifs ont doublé en un an")]


def test_claim_by_an_organisation(extract):
    facts = extract("Le syndicat des avocats de Rennes estime que la réforme menace les droits de la défense.")
    indirect = [(c.who, c.what) for c in facts.claims if c.kind == "indirect"]
    assert indirect == [("syndicat des avocats de Rennes", "la réforme menace les droits de la défense")]
