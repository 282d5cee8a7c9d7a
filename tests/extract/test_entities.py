"""People, organisations and places, on small made-up French examples (no gold sentence)."""

from __future__ import annotations


def names(items) -> set[str]:
    return {x.name for x in items}


def person(facts, name):
    return next(p for p in facts.people if p.name == name)


def test_role_from_apposition_after_the_name(extract):
    facts = extract("Jeanne Marchetti, ministre de la Culture, a inauguré la médiathèque de Tulle.")
    assert names(facts.people) == {"Jeanne Marchetti"}
    assert "ministre de la Culture" in person(facts, "Jeanne Marchetti").roles


def test_role_before_the_name(extract):
    facts = extract("Le ministre de l’Agriculture Thibault Verlaine s’est rendu à Lille jeudi.")
    assert names(facts.people) == {"Thibault Verlaine"}
    assert "ministre de l’Agriculture" in person(facts, "Thibault Verlaine").roles


def test_job_titles_are_neither_organisations_nor_places(extract):
    facts = extract("Le ministre de l’Intérieur Hervé Lantier a écrit au maire de Vierzon. "
                    "La secrétaire d’État chargée de la Mer, Inès Fabre, a répondu.")
    everything = {n.lower() for n in names(facts.organisations) | names(facts.places)}
    assert not any(w in n for n in everything for w in ("ministre", "secrétaire", "intérieur", "état", "maire"))
    assert {"Hervé Lantier", "Inès Fabre"} <= names(facts.people)


def test_role_given_to_main_person_only_when_gender_agrees(extract):
    facts = extract("La secrétaire d’État chargée du Numérique, Inès Fabre, a été interrogée. "
                    "Le procureur de Nantes a ouvert une enquête.")
    roles = " ".join(person(facts, "Inès Fabre").roles)
    assert "procureur" not in roles


def test_name_variants_are_merged(extract):
    facts = extract("La commune de Saint Malo a porté plainte. À Saint-Malo, les habitants sont inquiets.")
    assert len(facts.places) == 1
    assert facts.places[0].name.replace("-", " ") == "Saint Malo"
    assert len(facts.places[0].mentions) == 2
    assert not facts.organisations


def test_website_and_brand_variants_are_one_organisation(extract):
    facts = extract("Le site Trokette a été condamné. Trokette.fr, devenu trokette.com, est hébergé en Irlande. "
                    "Les utilisateurs de trokette.com ont été prévenus.")
    sites = [o for o in facts.organisations if "trokette" in o.name.lower()]
    assert len(sites) == 1
    variants = {sites[0].name, *sites[0].aliases}
    assert {"Trokette", "Trokette.fr", "trokette.com"} <= variants
    assert not any("trokette" in p.name.lower() for p in facts.people)


def test_websites_and_media_are_organisations(extract):
    facts = extract("L’affaire a été révélée par Libération et reprise par France Inter, puis commentée sur zapnews.fr.")
    assert {"Libération", "France Inter", "zapnews.fr"} <= names(facts.organisations)
    assert not facts.places


def test_places_by_preposition(extract):
    facts = extract("Armelle Jouvet vit à Lille depuis dix ans. Elle a travaillé en Belgique puis au Portugal.")
    assert {"Lille", "Belgique", "Portugal"} <= names(facts.places)
    assert names(facts.people) == {"Armelle Jouvet"}


def test_mentions_link_surname_and_pronoun(extract):
    facts = extract("Le préfet Alain Moreau a visité le chantier. « Tout avance », a déclaré Moreau.")
    texts = [m.text for m in person(facts, "Alain Moreau").mentions]
    assert "Alain Moreau" in texts and "Moreau" in texts
    for p in facts.people:
        for m in p.mentions:
            assert facts.article.paragraph(m.source.paragraph).text[m.source.start : m.source.end] == m.text


def test_addressee_complement_and_predicate_roles_are_not_given_to_the_main_person(extract):
    facts = extract(
        "Paul Grangier écrit au ministre de la Santé pour dénoncer la fermeture de la maternité.\n\n"
        "Le bâtiment du propriétaire a été vendu. Un jeune homme a été victime d'une agression.",
        title="Paul Grangier interpelle le gouvernement",
    )
    paul = next(p for p in facts.people if p.name == "Paul Grangier")
    assert paul.roles == []
    assert all(m.text in {"Paul Grangier"} for m in paul.mentions)


def test_a_capitalised_article_is_part_of_a_media_name(extract):
    facts = extract("Selon Le Parisien, la mairie de Tourcoing a fermé la piscine en juin 2023.")
    names = [o.name for o in facts.organisations]
    assert "Le Parisien" in names and "Parisien" not in names
