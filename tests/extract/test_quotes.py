"""Quotations and their speakers, on small made-up French examples (no gold sentence)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.extract.entities import build_index
from generator.extract.quotes import extract_quotes, find_quote_spans
from generator.model import Article, Paragraph


def spoken(facts) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in facts.quotes]


def assert_verbatim(facts) -> None:
    for q in facts.quotes:
        para = facts.article.paragraph(q.source.paragraph)
        assert para.text[q.source.start : q.source.end] == q.text


# ------------------------------------------------------------------------- quotation marks


@pytest.mark.parametrize("marks", [("«\u00a0", "\u00a0»"), ("“", "”"), ('"', '"')])
def test_each_kind_of_quotation_mark(extract, marks):
    o, c = marks
    facts = extract(f"{o}Nous ne lâcherons rien{c}, a déclaré Claire Dufresnoy mardi à Rennes.")
    assert spoken(facts) == [("Nous ne lâcherons rien", "Claire Dufresnoy")]
    assert facts.quotes[0].cue == "a déclaré"
    assert_verbatim(facts)


def test_nested_quote_only_outer_at_top_level(extract):
    facts = extract("« Il m’a dit : “Partez tout de suite” et je suis parti », raconte Hugo Vasseur, témoin de la scène.")
    assert spoken(facts) == [("Il m’a dit : “Partez tout de suite” et je suis parti", "Hugo Vasseur")]
    spans = find_quote_spans("« Il a crié “Stop” puis « non » »")
    assert [s.depth for s in spans] == [0, 1, 1]


def test_quote_split_by_incise_gives_two_quotes_same_speaker(extract):
    facts = extract("« Cette décision est injuste », a souligné Amandine Carrel. « Nous ferons appel dès lundi. »")
    assert spoken(facts) == [("Cette décision est injuste", "Amandine Carrel"),
                             ("Nous ferons appel dès lundi.", "Amandine Carrel")]


def test_colon_introduced_quote_takes_previous_speaker(extract):
    facts = extract("Le sénateur Gaspard Ollivier a dénoncé la réforme. Et d’ajouter : « Elle ne sert à rien. »")
    assert spoken(facts) == [("Elle ne sert à rien.", "Gaspard Ollivier")]
    assert "ajouter" in facts.quotes[0].cue


def test_colon_after_the_subject_clause(extract):
    facts = extract("Le syndicaliste Bruno Ladrière a été très clair : « Nous irons jusqu’au bout. »")
    assert spoken(facts) == [("Nous irons jusqu’au bout.", "Bruno Ladrière")]


def test_quote_without_cue_continues_previous_speaker_of_paragraph(extract):
    facts = extract("« Le vote est acquis », a assuré Mathilde Roussin, élue de Brest. « Nous avons les voix. »\n\n"
                    "Le conseil se réunira jeudi.")
    assert spoken(facts) == [("Le vote est acquis", "Mathilde Roussin"), ("Nous avons les voix.", "Mathilde Roussin")]


def test_quote_after_reported_speech_continues_that_speaker(extract):
    facts = extract("Le sénateur Gaspard Ollivier a dénoncé la réforme devant la presse. « Elle ne sert à rien. » Puis il est parti.")
    assert spoken(facts) == [("Elle ne sert à rien.", "Gaspard Ollivier")]


def test_quote_with_no_speaker_is_null(extract):
    facts = extract("Sur la porte de la mairie, une affiche proclamait « Fermé pour travaux ».")
    assert spoken(facts) == [("Fermé pour travaux", None)]


# ------------------------------------------------------------------------- speakers


@pytest.mark.parametrize("cue", ["affirme", "souligne", "dénonce", "déplore", "s’insurge", "estime", "explique",
                                 "rappelle", "ajoute", "assure", "écrit", "a dit", "a affirmé", "a expliqué"])
def test_cue_verbs_by_lemma(extract, cue):
    facts = extract(f"« Le budget est insuffisant », {cue} Corentin Abgrall.")
    assert spoken(facts) == [("Le budget est insuffisant", "Corentin Abgrall")]
    assert facts.quotes[0].cue == cue


def test_cue_before_the_quote(extract):
    facts = extract("Agnès Roux s’insurge : « C’est une honte ! » Paul Girard assure de son côté qu’« il n’y a pas de problème ».")
    assert spoken(facts) == [("C’est une honte !", "Agnès Roux"), ("il n’y a pas de problème", "Paul Girard")]
    assert [q.cue for q in facts.quotes] == ["s’insurge", "assure"]


@pytest.mark.parametrize("marker,sentence", [
    ("selon", "Selon Lucie Ferrand, le scrutin sera « serré jusqu’au bout »."),
    ("d’après", "D’après Lucie Ferrand, le scrutin sera « serré jusqu’au bout »."),
    ("pour", "Pour Lucie Ferrand, le scrutin sera « serré jusqu’au bout »."),
])
def test_attribution_markers(extract, marker, sentence):
    facts = extract(sentence)
    assert spoken(facts) == [("serré jusqu’au bout", "Lucie Ferrand")]
    assert facts.quotes[0].cue.lower() == marker


def test_surname_alone_resolves_to_full_name(extract):
    facts = extract("Le préfet Alain Moreau a visité le chantier. « Je reviendrai demain », a lancé Moreau.")
    assert spoken(facts) == [("Je reviendrai demain", "Alain Moreau")]
    person = next(p for p in facts.people if p.name == "Alain Moreau")
    assert "Moreau" in [m.text for m in person.mentions]


def test_role_phrase_resolved_from_earlier_apposition(extract):
    facts = extract("Jeanne Marchetti, ministre de la Culture, a visité le musée de Tulle.\n\n"
                    "Jules Perrot, un habitant, était présent.\n\n"
                    "La ministre a ajouté : « Ce lieu doit rester ouvert au public. »")
    assert spoken(facts) == [("Ce lieu doit rester ouvert au public.", "Jeanne Marchetti")]


@pytest.mark.parametrize("incise,speaker", [("dit-il", "Marius Berthelot"), ("a-t-elle promis", "Odile Kervran")])
def test_pronouns_resolve_to_last_person(extract, incise, speaker):
    intro = ("Selon Marius Berthelot, le chantier a pris du retard." if speaker == "Marius Berthelot"
             else "La maire de Quimperlé, Odile Kervran, s’est exprimée.")
    facts = extract(f"{intro} « Nous attendons les pièces », {incise}.")
    assert spoken(facts) == [("Nous attendons les pièces", speaker)]


def test_pronoun_cue_before_quote(extract):
    facts = extract("« Nous ne céderons pas », a prévenu Agnès Roux. Elle déplore « un manque de respect ».")
    assert [s for _, s in spoken(facts)] == ["Agnès Roux", "Agnès Roux"]


def test_organisation_speaker_and_short_reference(extract):
    facts = extract("Le parquet de Bourges a ouvert une enquête. « Les faits sont graves », indique le parquet dans un communiqué.")
    assert spoken(facts) == [("Les faits sont graves", "parquet de Bourges")]
    assert any(o.name == "parquet de Bourges" for o in facts.organisations)


def test_inverted_incise_with_media_between_verb_and_subject(extract):
    """The outlet the words were given to is no speaker; an unnamed role ("le commandant") is none either."""
    facts = extract("« Aucune plainte n’a été déposée », détaille auprès du Courrier de l’Ouest le commandant de la brigade.")
    assert facts.quotes[0].speaker is None
    assert facts.quotes[0].cue == "détaille"


def test_inverted_incise_with_named_subject_after_media(extract):
    facts = extract("« Le dossier est clos », confie à Ouest-France Maëlle Quéré, avocate de la famille.")
    assert spoken(facts) == [("Le dossier est clos", "Maëlle Quéré")]


def test_nous_precisent_les_services_du_parquet(extract):
    facts = extract("« Le site restera fermé », nous précisent les services du parquet de Vannes.")
    assert spoken(facts) == [("Le site restera fermé", "parquet de Vannes")]
    assert facts.quotes[0].cue == "précisent"


# ------------------------------------------------------------------------- robustness


MARKS = st.sampled_from(list("«»“”\"‹›") + ["« ", " »", "\u00a0»"])
WORDS = st.sampled_from(["Paul", "a dit", "que", "le maire", ",", ".", " ", "Il", "selon", "Lyon", ":", "non"])


def _paragraph_article(text: str) -> Article:
    return Article(slug="x", title="t", paragraphs=[Paragraph(id="p1", text=text, sentences=[(0, len(text))])])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(MARKS, WORDS), min_size=1, max_size=25).map(" ".join))
def test_unbalanced_marks_never_crash_and_quotes_are_slices(nlp, text):
    article = _paragraph_article(text)
    docs = [nlp(text)]
    quotes = extract_quotes(article, docs, build_index(article, docs))
    for q in quotes:
        assert text[q.source.start : q.source.end] == q.text
        assert q.text.strip()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("«»“”\"‹› ab,.:")), max_size=40))
def test_scanner_never_raises_on_any_marks(text):
    for span in find_quote_spans(text):
        assert 0 <= span.open < span.close <= len(text)


def test_a_passive_verb_reports_no_speech(extract):
    facts = extract("Cinq hommes ont été jugés pour « escroquerie en bande organisée » à Rennes, en mars 2024.")
    assert spoken(facts) == [("escroquerie en bande organisée", None)]


def test_a_definite_institution_noun_refers_back_to_the_organisation_that_spoke(extract):
    facts = extract(
        "Dans un avis, la Cnil affirme avoir « contrôlé douze applications de santé ».\n\n"
        "L'autorité estime que la plupart ne respectent pas la loi."
    )
    assert spoken(facts)[0][1] == "Cnil"
    indirect = [c for c in facts.claims if c.kind == "indirect"]
    assert [(c.who, c.what) for c in indirect] == [("Cnil", "la plupart ne respectent pas la loi")]
