"""Who said it: one test per class of attribution error seen on unseen articles.

Every sentence here is made up for the test (no gold article's words); each names people the
article introduces itself, so the test checks the grammar rule, not a list.
"""

from __future__ import annotations

import pytest

from generator.extract.speakers import THRESHOLD, Candidate, choose, first_name_gender


def spoken(facts) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in facts.quotes]


def speakers(facts) -> list[str | None]:
    return [q.speaker for q in facts.quotes]


# ------------------------------------------------------------------------- the decision itself


def test_choose_takes_the_strongest_named_candidate_and_nothing_below_the_threshold():
    from generator.extract.entities import PERSON, Entity

    a, b = Entity(PERSON, "Anne Vidal"), Entity(PERSON, "Marc Olier")
    assert choose([Candidate(a, "passage"), Candidate(b, "incise")]).entity is b
    assert choose([Candidate(None, "incise"), None]) is None  # a cue that names nobody chooses nobody
    assert all(Candidate(a, how).strength >= THRESHOLD for how in ("incise", "cue", "passage"))


def test_first_names_give_a_gender_and_unknown_ones_none():
    assert first_name_gender("Hélène") == "f"
    assert first_name_gender("Thierry") == "m"
    assert first_name_gender("Xqzt") is None


# ------------------------------------------------------------------------- cues around the quote


def test_name_then_colon_lines(extract):
    facts = extract("Me Lucie Ferrand : « Le doute doit profiter à l'accusé. »\n\n"
                    "Me Paul Girard : « La cour a été trompée. »")
    names = {p.name for p in facts.people}
    assert all(s in names for s in speakers(facts)) and len(set(speakers(facts))) == 2
    assert "Ferrand" in speakers(facts)[0] and "Girard" in speakers(facts)[1]


# ------------------------------------------------------------------------- organisations


@pytest.mark.parametrize("sentence,speaker", [
    ("Le parquet de Lyon qualifie le site de « zone de non-droit ».", "parquet de Lyon"),
    ("« Les faits sont établis », fait savoir le ministère de l'Intérieur dans un communiqué.", "ministère de l'Intérieur"),
    ("Le barreau de Nantes dénonce « une atteinte grave aux droits de la défense ».", "barreau de Nantes"),
])
def test_an_organisation_acting_as_speaker(extract, sentence, speaker):
    facts = extract(sentence)
    assert speakers(facts) == [speaker]


# ------------------------------------------------------------------------- never these


@pytest.mark.parametrize("sentence", [
    "« La grève continue », appelle la centrale de Montreuil.",  # a town inside the subject's complement
    "« Nous ferons appel », dénoncent les avocats de la défense.",  # a plural group
    "« Aucune trace d'effraction », explique un enquêteur.",  # a bare role nobody is named for
    "« Le village est coupé du monde », raconte-t-on à Bagnols.",  # an impersonal "on"
])
def test_never_a_place_a_group_a_bare_role_or_on(extract, sentence):
    facts = extract(sentence)
    assert speakers(facts) == [None]


# one case per class of error: (what it checks, article text, expected speakers in order)
CASES = [
    ("selon_a_role_then_the_name_in_apposition",
     "Selon le préfet de l'Hérault, Jacques Marty, la situation est « sous contrôle ».",
     ["Jacques Marty"]),
    ("an_indefinite_role_after_a_named_speaker_is_someone_else",
     "« Tout est prêt », assure Jacques Marty. « Le vent peut tourner », nuance un officier.",
     ["Jacques Marty", None]),
    ("a_possessive_role_is_someone_elses_not_the_last_speakers",
     "« Je suis innocent », a répété Kevin Lemoal avant l'audience. « Il fera appel », a annoncé son avocat.",
     ["Kevin Lemoal", None]),
    ("selon_elle_goes_to_the_woman_just_named",
     "Le maire, Denis Royer, a quitté la séance. Claire Morin est restée. "
     "Selon elle, le vote était « joué d'avance ».",
     ["Claire Morin"]),
    ("concede_l_avocat_after_the_lawyer_was_introduced",
     "Jérôme Quintin, avocat du prévenu, a plaidé la relaxe. "
     "« Mon client a commis une erreur », concède l'avocat.",
     ["Jérôme Quintin"]),
    ("a_bare_institution_noun_refers_back_to_the_one_that_spoke",
     "« Rien ne sera toléré », fait savoir le ministère des Sports. "
     "Le texte « sera appliqué dès mars », a ajouté le ministère.",
     ["ministère des Sports", "ministère des Sports"]),
    ("a_cue_whose_subject_the_parser_missed_is_not_the_last_speakers",
     "« Le site est fermé », indique Hélène Garnier.\n\n"
     "Interrogé par la radio locale Jean-Paul Serres, maire de Pléneuf, explique que « tout sera rouvert ».",
     ["Hélène Garnier", "Jean-Paul Serres"]),
    ("quote_paragraph_after_someone_else_was_named_is_not_given_to_the_earlier_speaker",
     "« Le projet est prêt », assure Hélène Garnier.\n\n"
     "Le maire, Bertrand Loisel, a reçu les riverains lundi soir à la salle des fêtes.\n\n"
     "« Nous voulons des garanties écrites. »",
     ["Hélène Garnier", None]),
    ("quote_paragraph_right_after_the_speakers_paragraph_goes_on_with_them",
     "« Le projet est prêt », assure Hélène Garnier.\n\n« Il sera présenté en juin. »",
     ["Hélène Garnier", "Hélène Garnier"]),
    ("a_lone_quote_opening_an_article_is_not_given_to_someone_quoted_later",
     "« On tiendra tout l'hiver. » Il est sept heures devant l'usine. Les grévistes arrivent un à un. "
     "« Personne ne partira », affirme Gilles Manceau, délégué syndical.",
     [None, "Gilles Manceau"]),
    ("two_people_quoted_in_alternation_keep_their_own_words",
     "« La réforme est nécessaire », affirme Sandrine Morvan. "
     "« Elle est injuste », rétorque Julien Caradec. "
     "« Nous en débattrons », poursuit-elle. "
     "« Sans moi », conclut-il.",
     ["Sandrine Morvan", "Julien Caradec", "Sandrine Morvan", "Julien Caradec"]),
    ("pronoun_incise_skips_a_man_named_in_between",
     "Interrogée sur le budget, Nathalie Brissot s'est dite inquiète. "
     "Le trésorier, Paul Véron, n'a pas souhaité réagir. "
     "« Les comptes ne sont pas tenus », rappelle-t-elle.",
     ["Nathalie Brissot"]),
    ("role_phrase_bound_to_the_person_it_was_given_to",
     "Martine Keller, présidente de l'association des riverains, a écrit au préfet.\n\n"
     "Le conseil municipal, lui, attend l'avis de Jean Dumas.\n\n"
     "« Nous irons devant le tribunal », prévient la présidente de l'association.",
     ["Martine Keller"]),
    ("a_role_that_contradicts_the_persons_gender_is_not_theirs",
     "« Le dossier avance », affirme Hélène Garnier.\n\n"
     "Le chef de l'État a demandé « un accord rapide ».",
     ["Hélène Garnier", None]),
    ("incise_after_the_last_quote_covers_the_sentence",
     "La présidente du parti demande « un sursaut » et « une méthode nouvelle », "
     "a déclaré Odile Perrin à la presse.",
     ["Odile Perrin", "Odile Perrin"]),
    ("quote_split_by_an_incise_keeps_its_speaker_after_it",
     "« Si rien ne change, nous partirons », a menacé Yves Tanguy, « et nous ne reviendrons pas ».",
     ["Yves Tanguy", "Yves Tanguy"]),
    ("cue_in_the_next_sentence",
     "« Trop tard, beaucoup trop tard. » Pour Céline Arnaud, la décision arrive après la saison.",
     ["Céline Arnaud"]),
    ("quote_then_colon_then_the_speakers_clause",
     "« Nous restons vigilants » : Agathe Lemoine, directrice du théâtre, a prévenu dans la presse "
     "locale que la saison serait maintenue.",
     ["Agathe Lemoine"]),
    ("label_line_above_and_signature_line_below_a_quote_paragraph",
     "Voici les réactions des entraîneurs après la rencontre de samedi soir.\n\n"
     "Le plus déçu : Marc Olier (capitaine de Vannes)\n\n"
     "« Nous avons manqué notre début de match. »\n\n"
     "« On reviendra plus forts. »\n\n"
     "Laure Bréhat, éleveuse dans le Finistère",
     ["Marc Olier", "Laure Bréhat"]),
    ("present_participle_reports_the_main_subject_not_its_object",
     "Le ministère de la Santé « appliquera la loi », a affirmé le ministère de la Santé, "
     "disant laisser la direction de l'hôpital assumer la « responsabilité entière » du retard.",
     ["ministère de la Santé", "ministère de la Santé"]),
    ("an_epithet_in_the_incise_is_the_person_just_quoted",
     "« Il faut se parler », a déclaré Bernard Ecoffey, président du conseil d'État.\n\n"
     "« Nous sommes voisins », a rappelé le Genevois, évoquant la frontière commune.",
     ["Bernard Ecoffey", "Bernard Ecoffey"]),
    ("an_incise_closing_the_sentence_after_a_relative_clause",
     "Véronique Lambert a parlé longuement. « C'est la confiance » qui compte, a-t-elle souligné.",
     ["Véronique Lambert"]),
    ("a_role_goes_to_the_one_person_of_its_gender_named_before_it_in_the_sentence",
     "Après la visite de Laurent Gaillard, Hélène Garnier devra présenter « un plan de relance », "
     "a indiqué le chef du gouvernement.",
     ["Laurent Gaillard"]),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_speaker_classes(extract, text, expected):
    assert speakers(extract(text)) == expected
