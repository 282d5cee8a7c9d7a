"""Dated events from made-up sentences: one per resolved date, at the text's precision."""

from __future__ import annotations


def events(facts):
    return [(e.date.iso, e.precision) for e in facts.events]


def test_one_event_per_date_with_its_clause(extract):
    facts = extract("Le musée a rouvert le 3 mars 2023. Il avait fermé en 2019 ; la toiture menaçait.")
    assert events(facts) == [("2023-03-03", "day"), ("2019", "year")]
    assert facts.events[0].text == "Le musée a rouvert le 3 mars 2023"
    assert facts.events[1].text == "Il avait fermé en 2019"
    for e in facts.events:
        para = facts.article.paragraph(e.source.paragraph)
        assert para.text[e.source.start : e.source.end] == e.date_text
        assert e.text in para.text


def test_month_precision_is_kept(extract):
    facts = extract("La ligne de tramway sera mise en service en septembre 2025.")
    assert events(facts) == [("2025-09", "month")]


def test_relative_year_next_to_explicit_month_is_one_event(extract):
    facts = extract("L’usine a fermé l’année dernière, en mars 2023, après un long procès.", published="2024-05-10")
    assert events(facts) == [("2023-03", "month")]


def test_relative_dates_resolved_against_publication(extract):
    facts = extract("Le conseil municipal a voté mardi la fermeture de la piscine.", published="2024-05-10")
    assert events(facts) == [("2024-05-07", "day")]


def test_vague_expressions_are_not_events(extract):
    facts = extract("Ces dernières semaines, les habitants ont multiplié les réunions. Récemment, le ton est monté.")
    assert facts.events == []


def test_ages_durations_and_counts_are_never_dates(extract):
    facts = extract("Le directeur, âgé de 58 ans, a dirigé l’usine pendant 18 mois. Elle employait 2000 salariés à 10 h.")
    assert facts.events == []


def test_several_dates_in_one_sentence_each_get_their_clause(extract):
    facts = extract("Le maire a signé l'arrêté le 4 mars 2024, puis la préfète l'a annulé le 18 avril 2024.")
    assert [(e.date.iso, e.text) for e in facts.events] == [
        ("2024-03-04", "Le maire a signé l'arrêté le 4 mars 2024"),
        ("2024-04-18", "puis la préfète l'a annulé le 18 avril 2024"),
    ]


def test_date_inside_a_long_quotation_gets_the_quoted_sentence(extract):
    facts = extract("« Nous avons déposé le dossier en janvier 2023. Personne ne nous a répondu depuis. "
                    "Le chantier devait pourtant s'ouvrir en 2024 », regrette la présidente du club.")
    texts = {e.date.iso: e.text for e in facts.events}
    assert texts["2023-01"] == "« Nous avons déposé le dossier en janvier 2023"
    assert texts["2024"].startswith("Le chantier devait pourtant s'ouvrir en 2024")


def test_bare_weekday_follows_the_tense_of_its_verb(extract):
    # published on Tuesday 10 December 2024: "ont manifesté jeudi" is the 5th, "manifesteront jeudi" the 12th
    facts = extract("Les agriculteurs ont manifesté jeudi devant la préfecture. "
                    "Ils manifesteront de nouveau jeudi devant le conseil régional.", published="2024-12-10")
    assert [(e.date.iso, e.date_text) for e in facts.events] == [("2024-12-05", "jeudi"), ("2024-12-12", "jeudi")]
    for e in facts.events:  # the weekday written is the weekday of the date given: no day off
        assert e.date.first_day.weekday() == 3


def test_weekday_on_the_reference_day_is_that_day(extract):
    facts = extract("Le conseil a voté ce mardi la hausse des tarifs.", published="2024-12-10")
    assert [e.date.iso for e in facts.events] == ["2024-12-10"]


def test_a_question_is_not_an_event(extract):
    facts = extract("Cette année, le festival aura-t-il lieu ? Les organisateurs l'ont confirmé le 3 mars 2024.")
    assert [e.date.iso for e in facts.events] == ["2024-03-03"]


def test_a_timestamp_line_is_not_an_event(extract):
    facts = extract("Le maire de la commune démissionne\n\nLe 05 août à 16h24\n\n"
                    "Le maire a annoncé sa démission le 4 août 2024 devant le conseil municipal.", published="2024-08-05")
    assert [e.date.iso for e in facts.events] == ["2024-08-04"]
    assert any(r.reason == "horodatage" for r in facts.article.removed)


def test_la_veille_and_evening_follow_the_paragraph_date(extract):
    facts = extract("Samedi, après les orages de la veille, les pompiers ont vidé les caves. "
                    "Personne ne s'attendait à la suite. En fin de journée, la rivière est sortie de son lit.",
                    published="2023-10-10")
    assert [e.date.iso for e in facts.events] == ["2023-10-07", "2023-10-06", "2023-10-07"]
    assert facts.events[0].text.startswith("Samedi, après les orages de la veille, les pompiers")


def test_a_la_veille_de_dates_the_named_event_the_day_after_the_page(extract):
    facts = extract("A la veille de l'inauguration du musée, les artisans posent les dernières vitrines.",
                    published="2022-03-08")
    assert [e.date.iso for e in facts.events] == ["2022-03-09"]


def test_le_lendemain_and_days_later_count_from_the_told_date(extract):
    facts = extract("Le suspect a été interpellé le 2 février 2021. Le lendemain, il a été présenté au juge. "
                    "Trois jours plus tard, il a été libéré.")
    assert [e.date.iso for e in facts.events] == ["2021-02-02", "2021-02-03", "2021-02-06"]


def test_instrument_years_weeks_and_quoted_forecasts_are_not_events(extract):
    facts = extract("Le maire invoque la loi de 1905 et l'accord de 1992. Cette semaine, il a reçu les "
                    "parents. « Nous rouvrirons l'école l'année prochaine », promet-il.", published="2020-02-03")
    assert facts.events == []


def test_le_lendemain_opening_a_paragraph_follows_the_previous_one(extract):
    facts = extract("Le conseil a voté le budget le 14 juin 2022.\n\nLe lendemain, l'opposition a saisi le tribunal.")
    assert [e.date.iso for e in facts.events] == ["2022-06-14", "2022-06-15"]


def test_days_after_a_noun_phrase_dated_by_an_earlier_sentence(extract):
    facts = extract("La tempête a frappé la côte le 9 janvier 2020.\n\n"
                    "Deux jours après la tempête, les écoles ont rouvert.\n\n"
                    "Le préfet a réuni une cellule de crise mardi 14 janvier 2020. "
                    "Cette cellule s'est tenue cinq jours après l'inondation du port.")
    dates = [e.date.iso for e in facts.events]
    assert "2020-01-11" in dates  # the tempest's day + 2
    assert "2020-01-09" in dates[2:]  # the flood: five days before the cell's day


def test_a_caption_date_bounds_the_page_day_but_resolves_no_weekday(make_article, nlp):
    from generator.extract import extract_articles
    from generator.model import Removed

    article = make_article("Les grévistes avaient voté le 2 mars.\n\nUn nouveau rassemblement est prévu jeudi.",
                           published=None)
    caption = Removed(text="Des grévistes devant l'usine, le 6 mars 2023 (AFP)", reason="légende photo")
    facts = next(extract_articles([article.model_copy(update={"removed": [caption]})], None, nlp=nlp))
    assert facts.article.reference_date == "2023-03-06"
    assert facts.article.reference_basis.startswith("au plus tôt")
    assert [e.date.iso for e in facts.events] == ["2023-03-02"]  # "jeudi" needs the exact day
