"""The one text core: fold, slugify, French vocabulary."""

from hypothesis import given
from hypothesis import strategies as st

from generator.text import MONTH_NAMES, MONTH_NUMBERS, WEEKDAY_NAMES, fold, slugify, stop_words


def test_name_variants_fold_to_one_key():
    variants = ["Jean-Luc d’Élysée", "jean luc d'elysee", "  JEAN‑LUC  D'ÉLYSÉE. ", "Jean – Luc d`Elysée"]
    assert {fold(v) for v in variants} == {"jean luc d'elysee"}


def test_key_opens_letters_and_strips_quotes_at_the_ends():
    assert fold("« Cœur de l’Œuvre »") == "coeur de l'oeuvre"
    assert fold("Straße Ørsted") == "strasse orsted"


def test_key_collapses_every_kind_of_space():
    assert fold("a\u00a0b\u202fc\t d\r\ne") == "a b c d e"


def test_search_text_keeps_offsets_and_hyphens():
    text = "L’Assemblée a voté — le 27 avril — la loi\u00a0SREN.\r\nŒuvre"
    folded = fold(text, keep_offsets=True)
    assert len(folded) == len(text)
    assert folded == "l'assemblee a vote - le 27 avril - la loi sren.\n\nœuvre"
    i = folded.index("assemblee")
    assert text[i:i + 9] == "Assemblée"


@given(st.text())
def test_search_text_is_always_same_length(text):
    assert len(fold(text, keep_offsets=True)) == len(text)


@given(st.text())
def test_key_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


def test_slugify():
    assert slugify("Mon article é été (1)") == "mon-article-e-ete-1"
    assert slugify("Œuvre & Ælia — n° 2") == "oeuvre-aelia-n-2"
    assert slugify("«  »") == ""
    assert slugify("abc def ghi", max_length=5) == "abc-d"
    assert slugify("abc def ghi", max_length=4) == "abc"


def test_french_vocabulary_from_packages():
    assert MONTH_NAMES[0] == "janvier" and MONTH_NAMES[7] == "août" and len(MONTH_NAMES) == 12
    assert WEEKDAY_NAMES == ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
    assert MONTH_NUMBERS["fevrier"] == 2 and MONTH_NUMBERS["aout"] == 8
    words = stop_words()
    assert {"de", "le", "et", "apres"} <= words  # folded: "après" -> "apres"
    assert "assemblee" not in words
