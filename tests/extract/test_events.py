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
