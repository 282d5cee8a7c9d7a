"""Ingest stage: decoding, bad input, page furniture on the real seeds, paragraphs, sentences, HTML."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import BriefingError
from generator.ingest import decode, read_article, slugify, split_sentences
from generator.model import Article

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "gold"
FIXTURES = ROOT / "tests" / "fixtures" / "ingest"
SEED_FILES = sorted(p for p in SEEDS.iterdir() if p.suffix in {".txt", ".md"})
GOLD_TEXTS = sorted(GOLD.glob("*.txt"))

FRENCH = "L’été dernier, le cœur de l’enquête a changé à Orléans : « Œuvre déjà faite », dit-il.\n"


def fold(s: str) -> str:
    """Same normalisation as tests/gold/score.py, to check leaks the way the scorer does."""
    s = unicodedata.normalize("NFKC", str(s or "")).replace("\u00a0", " ").replace("\u202f", " ")
    s = re.sub(r"[’‘`´]", "'", s)
    s = re.sub(r"[«»“”\"]", " ", s)
    s = s.replace("…", "...")
    s = re.sub(r"\s+", " ", s).strip().casefold().strip(" .,;:!?-–—'")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[-‐]", " ", s)


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def texts(article: Article) -> list[str]:
    return [p.text for p in article.paragraphs]


# --------------------------------------------------------------------------- decoding


def test_decode_utf8_with_and_without_bom():
    assert decode(FRENCH.encode("utf-8"), Path("a.txt")) == FRENCH
    assert decode(b"\xef\xbb\xbf" + FRENCH.encode("utf-8"), Path("a.txt")) == FRENCH


def test_decode_utf16_with_bom():
    for codec in ("utf-16", "utf-16-le", "utf-16-be"):
        data = FRENCH.encode(codec)
        if codec != "utf-16":
            data = ("\ufeff" + FRENCH).encode(codec)
        assert decode(data, Path("a.txt")) == FRENCH


@pytest.mark.parametrize("sentence", [
    FRENCH,
    "Le député a été élu.",
    "Élève œuvre « déjà » été",
    "Ça coûte 5 € à l’État — oui…",
])
def test_decode_cp1252_french(sentence):
    assert decode(sentence.encode("cp1252"), Path("a.txt")) == sentence


def test_decode_latin1_french():
    s = "Le ministre a été reçu à l'Élysée, où il a évoqué la réforme.\n"
    assert decode(s.encode("latin-1"), Path("a.txt")) == s


def test_decode_normalises_line_endings_and_keeps_typography():
    raw = "Titre\r\n\r\nIl dit\u00a0: «\u202fnon\u202f» et l’affaire s’arrête.\rFin.".encode("utf-8")
    out = decode(raw, Path("a.txt"))
    assert "\r" not in out
    assert out == "Titre\n\nIl dit\u00a0: «\u202fnon\u202f» et l’affaire s’arrête.\nFin."


def test_read_cp1252_file(tmp_path):
    body = "Un titre accentué\n\nLe préfet a décidé d’interdire la manifestation. L’œuvre reste exposée.\n"
    art = read_article(write(tmp_path, "legacy.txt", body.encode("cp1252")))
    assert art.title == "Un titre accentué"
    assert texts(art) == ["Le préfet a décidé d’interdire la manifestation. L’œuvre reste exposée."]
    assert art.content_hash == hashlib.sha256(body.encode("cp1252")).hexdigest()


# --------------------------------------------------------------------------- bad input


def _error(path: Path, **kw) -> str:
    with pytest.raises(BriefingError) as info:
        read_article(path, **kw)
    message = str(info.value)
    assert path.name in message
    assert "\n" not in message
    return message


def test_missing_file(tmp_path):
    assert "not found" in _error(tmp_path / "absent.txt")


def test_directory(tmp_path):
    d = tmp_path / "dossier.txt"
    d.mkdir()
    assert "directory" in _error(d)


def test_empty_file(tmp_path):
    assert "empty" in _error(write(tmp_path, "vide.txt", b""))


def test_whitespace_only_file(tmp_path):
    assert "whitespace" in _error(write(tmp_path, "blanc.txt", " \n\t\n\u00a0\n \r\n"))


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    bytes(range(256)) * 4,
    b"%PDF-1.7\n\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13" * 10,
])
def test_binary_file(tmp_path, data):
    assert "binary" in _error(write(tmp_path, "image.txt", data))


def test_too_large_file(tmp_path):
    p = write(tmp_path, "enorme.txt", "Titre\n\n" + "Une phrase.\n" * 200)
    msg = _error(p, max_bytes=1_000)
    assert "above the 1 kB limit" in msg
    assert re.search(r"file is 2\.\d kB", msg)


def test_too_large_message_in_megabytes(tmp_path):
    p = tmp_path / "gros.txt"
    with p.open("wb") as fh:  # sparse-ish: size is what is checked, before reading
        fh.truncate(52_400_000)
    assert "file is 52.4 MB, above the 5 MB limit" in _error(p)


def test_broken_front_matter_names_file_and_line(tmp_path):
    p = write(tmp_path, "casse.md", "---\ntitle: Un titre\noutlet: [Le Monde\n---\nUn titre\n\nTexte.\n")
    msg = _error(p)
    assert "front matter" in msg
    assert re.search(r"casse\.md:\d+:", msg)


def test_unclosed_front_matter(tmp_path):
    msg = _error(write(tmp_path, "ouvert.md", "---\ntitle: Un titre\n\nTexte sans fin.\n"))
    assert "never closed" in msg


def test_bad_published_date(tmp_path):
    p = write(tmp_path, "date.md", "---\npublished: hier soir\n---\nTitre\n\nTexte.\n")
    assert "not a date" in _error(p)
    p2 = write(tmp_path, "ok.md", "Titre\n\nTexte.\n")
    assert "not a date" in _error(p2, published="32/13/2024")


def test_title_only_has_no_body(tmp_path):
    assert "no article body" in _error(write(tmp_path, "titre.txt", "Seulement un titre\n"))


# --------------------------------------------------------------------------- front matter, metadata


def test_front_matter_metadata_and_override(tmp_path):
    p = write(tmp_path, "Mon Article.md", (
        "---\ntitle: Le vrai titre\noutlet: Le Journal\npublished: 2024-06-25\n"
        "url: https://exemple.fr/a\nlanguage: fr\nauthor: Jeanne Dupont\nrubrique: ignorée\n---\n"
        "Le vrai titre\n\nLe premier paragraphe dit quelque chose. Et ajoute une phrase.\n"))
    art = read_article(p)
    assert (art.title, art.outlet, art.published, art.source_url, art.author) == (
        "Le vrai titre", "Le Journal", "2024-06-25", "https://exemple.fr/a", "Jeanne Dupont")
    assert art.slug == "mon-article"
    assert art.reference_date is None and art.reference_basis == ""
    assert texts(art) == ["Le premier paragraphe dit quelque chose. Et ajoute une phrase."]
    assert read_article(p, published="2024-07-01", slug="autre").published == "2024-07-01"
    assert read_article(p, slug="autre").slug == "autre"


def test_published_as_quoted_string(tmp_path):
    p = write(tmp_path, "a.md", "---\npublished: '2025-03-06'\n---\nTitre\n\nTexte.\n")
    assert read_article(p).published == "2025-03-06"


def test_deterministic(tmp_path):
    for seed in SEED_FILES:
        a, b = read_article(seed), read_article(seed)
        assert a.model_dump() == b.model_dump()


# --------------------------------------------------------------------------- real seeds


def _gold(stem: str) -> dict:
    return yaml.safe_load((GOLD / f"{stem}.gold.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", SEED_FILES + GOLD_TEXTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_seed_furniture_removed(path):
    gold = _gold(path.stem)
    art = read_article(path)
    body = " \n ".join(fold(t) for t in texts(art))
    leaks = [b for b in gold.get("boilerplate") or [] if fold(b) in body]
    assert leaks == []
    assert fold(art.title) == fold(gold["title"])
    assert body.count(fold(gold["title"])) == 0
    assert art.paragraphs and [p.id for p in art.paragraphs] == [f"p{i}" for i in range(1, len(art.paragraphs) + 1)]
    # every removal is recorded with a reason; nothing else of the source disappears
    assert all(r.reason for r in art.removed)
    source = path.read_text(encoding="utf-8")
    for p in art.paragraphs:
        assert p.text in source  # verbatim
    if gold.get("published"):
        assert art.published in (None, str(gold["published"]))


def test_seed_coco_subheading_and_caption_kept():
    art = read_article(SEEDS / "coco-gg-roussel-darmanin.txt")
    t = texts(art)
    assert "Des enquêtes complexes" in t  # a section subheading in the body is content
    assert t[0].startswith("D’après Fabien Roussel, Coco.gg «\u00a0promeut")  # NBSP kept verbatim
    reasons = {r.text: r.reason for r in art.removed}
    assert reasons["ALAIN JOCARD / AFP"] == "crédit photo"
    assert reasons["Quitter la version mobile"] == "navigation du site"
    assert [r.reason for r in art.removed].count("titre répété") == 2


def test_seed_tetu_glued_rubric_and_byline():
    art = read_article(GOLD / "tetu-coco-fermeture.txt")  # no front matter: metadata from the byline
    assert art.title.startswith("Le site Coco enfin fermé")
    assert art.author == "Nicolas Scheffer"
    assert art.published == "2024-06-25"
    assert any(r.text == "justice" for r in art.removed)
    assert "Le propriétaire de Coco interpellé" in texts(art)


def test_seed_yahoo_subheading_kept_related_headline_removed():
    art = read_article(SEEDS / "roussel-coco-yahoo.md")
    t = texts(art)
    assert t[-1] == "Aucun contrôle de la majorité numérique"
    assert t[0].startswith("POLITIQUE - Fabien Roussel part en guerre")
    assert any(r.reason == "légende photo (crédit)" and r.text.startswith("THOMAS SAMSON / AFP") for r in art.removed)


def test_seed_bfm_caption_pair_removed_subheading_kept():
    art = read_article(SEEDS / "bfm-arcom-premier-blocage.md")
    assert "Blocage pour un site et avertissement pour les autres" in texts(art)
    assert texts(art)[0].startswith("En plus de ne pas avoir mis en place")
    assert [r.reason for r in art.removed] == ["légende photo (texte alternatif de l'image)", "légende photo"]


# --------------------------------------------------------------------------- general furniture rules


ARTICLE = """justiceLa commune vote un nouveau plan contre les inondations
Les infos à ne pas manquer ce matin
Par Jeanne Dupont le 03/02/2023

La commune vote un nouveau plan contre les inondations
La commune vote un nouveau plan contre les inondations (photo d'illustration)
J. DOE / REUTERS
Le conseil municipal a voté mardi un plan de 3 millions d’euros. Les travaux débuteront en mai.
Partager
À lire aussi : Le maire répond aux critiques sur la digue

Le maire, M. Leroy, a salué « un vote historique. Enfin ». L’opposition s’est abstenue.

Un financement contesté

Le conseil municipal a voté mardi un plan de 3 millions d’euros. Les travaux débuteront en mai.
S'abonner
Le département apportera 1 million d’euros, selon la préfecture.
Publicité
"""


def test_general_furniture_rules(tmp_path):
    art = read_article(write(tmp_path, "inondations.txt", ARTICLE))
    assert art.title == "La commune vote un nouveau plan contre les inondations"
    assert texts(art) == [
        "Le conseil municipal a voté mardi un plan de 3 millions d’euros. Les travaux débuteront en mai.",
        "Le maire, M. Leroy, a salué « un vote historique. Enfin ». L’opposition s’est abstenue.",
        "Un financement contesté",
        "Le département apportera 1 million d’euros, selon la préfecture.",
    ]
    reasons = [(r.text, r.reason) for r in art.removed]
    assert ("justice", "rubrique collée au titre") in reasons
    assert ("J. DOE / REUTERS", "crédit photo") in reasons
    assert ("Par Jeanne Dupont le 03/02/2023", "signature (auteur, date)") in reasons
    assert ("Les infos à ne pas manquer ce matin", "accroche ou légende avant l'article") in reasons
    assert [r for t, r in reasons if t.startswith("La commune vote")] == ["titre répété", "titre répété"]
    assert ("Partager", "navigation du site") in reasons
    assert ("S'abonner", "navigation du site") in reasons
    assert ("Publicité", "navigation du site") in reasons
    assert any(t.startswith("À lire aussi") and r == "navigation du site" for t, r in reasons)
    assert any(r == "doublon (légende)" for _, r in reasons)
    assert art.author == "Jeanne Dupont" and art.published == "2023-02-03"


PAGE = """Le conseil départemental adopte son budget

Le vote a eu lieu après six heures de débat.

Société

Camille Leroux

Publié le

Mis à jour le

Temps de lecture :

6 min

Le 05 août à 16h24

Réservé aux abonnés

Les élus de la majorité ont défendu une hausse de 4 % des dépenses sociales. L'opposition a dénoncé un budget « sans cap ». Le texte a été adopté par 32 voix contre 12.

La salle des séances, lors du vote de mardi. (Photo, AFP)

Le président de l'assemblée à la tribune. © Jean Martin

Un élu consulte le document. DR

durée de la vidéo : 00h01mn13s

Les images du vote

Video: dailymotion

Le budget de la commune voisine

4 / 12

Short Url

La lecture des articles est réservée aux abonnés de notre journal.

Connectez-vous ou créez un compte pour participer à la conversation.

Avez-vous repéré une erreur ? Signalez-la-nous grâce au formulaire en bas de page.

Reportages, analyses, entretiens… Retrouvez toute l'actualité de votre département avec notre rédaction locale.

Ceci pourrait également vous intéresser

3 commentaires
"""


def test_page_furniture_classes(tmp_path):
    art = read_article(write(tmp_path, "budget.txt", PAGE))
    assert texts(art) == [
        "Le vote a eu lieu après six heures de débat.",
        "Les élus de la majorité ont défendu une hausse de 4 % des dépenses sociales. L'opposition a "
        "dénoncé un budget « sans cap ». Le texte a été adopté par 32 voix contre 12.",
    ]
    why = {r.text: r.reason for r in art.removed}
    assert why["Société"] == "rubrique"
    assert why["Camille Leroux"] == "signature (auteur)"
    assert why["Publié le"] == why["Mis à jour le"] == "date de publication (vide)"
    assert why["Temps de lecture :"] == why["6 min"] == "temps de lecture"
    assert why["Le 05 août à 16h24"] == "horodatage"
    assert why["La salle des séances, lors du vote de mardi. (Photo, AFP)"] == "légende photo (crédit)"
    assert why["Le président de l'assemblée à la tribune. © Jean Martin"] == "légende photo (crédit)"
    assert why["Un élu consulte le document. DR"] == "légende photo (crédit)"
    assert why["durée de la vidéo : 00h01mn13s"] == why["4 / 12"] == "diaporama ou vidéo intégrée"
    assert why["Les images du vote"] == why["Le budget de la commune voisine"] == "titre de diaporama ou de vidéo"
    assert why["La lecture des articles est réservée aux abonnés de notre journal."] == "accès réservé aux abonnés"
    assert why["Connectez-vous ou créez un compte pour participer à la conversation."].startswith("invitation")
    assert why["Avez-vous repéré une erreur ? Signalez-la-nous grâce au formulaire en bas de page."].startswith("invitation")
    assert why["Reportages, analyses, entretiens… Retrouvez toute l'actualité de votre département avec notre "
               "rédaction locale."] == "promotion du site"
    assert why["Short Url"] == why["Ceci pourrait également vous intéresser"] == "navigation du site"
    assert why["3 commentaires"] == "navigation du site"


def test_caption_twins_and_live_closing(tmp_path):
    p = write(tmp_path, "a.txt", "Le maire inaugure la médiathèque\n\n"
              "Le maire coupe le ruban devant la façade neuve.\n\n"
              "Le maire coupe le ruban devant la façade neuve.Agence Sud\n\n"
              "La médiathèque ouvrira au public samedi. Elle compte 40 000 ouvrages.\n\n"
              "18h05 : Ce direct est désormais terminé. Merci d'avoir suivi cette journée avec nous.\n")
    art = read_article(p)
    assert texts(art) == ["La médiathèque ouvrira au public samedi. Elle compte 40 000 ouvrages."]
    assert [r.reason for r in art.removed] == [
        "légende photo (texte alternatif de l'image)", "légende photo", "fin du direct"]


def test_body_lines_like_furniture_are_kept(tmp_path):
    # a name or a date inside running text, a quoted imperative, a paragraph ending in an agency tag
    body = ("Le tribunal a rendu sa décision mardi 4 mars, après deux jours d'audience. Le prévenu a été relaxé.\n\n"
            "Jeanne Martin\n\n"
            "« Suivez l'actualité de près », a conseillé la procureure aux jurés, le 4 mars à 18h.\n\n"
            "Le parquet a dix jours pour faire appel de la décision rendue par le tribunal. (ats/jdu)\n")
    art = read_article(write(tmp_path, "a.txt", "Relaxe au tribunal\n\n" + body))
    assert texts(art) == [t for t in body.split("\n") if t]


def test_byline_date_does_not_override_known_date(tmp_path):
    p = write(tmp_path, "a.md", "---\npublished: 2023-01-01\nauthor: Autre\n---\nTitre\n\n"
                                "Par Jeanne Dupont le 03/02/2023\n\nLe texte commence ici.\n")
    art = read_article(p)
    assert (art.published, art.author) == ("2023-01-01", "Autre")


def test_body_sentence_starting_with_par_is_kept(tmp_path):
    p = write(tmp_path, "a.txt", "Titre du jour\n\nLe texte commence ici.\n\n"
                                 "Par ailleurs, le maire a démissionné.\n\nPar conséquent, rien.\n")
    assert texts(read_article(p))[1:] == ["Par ailleurs, le maire a démissionné.", "Par conséquent, rien."]


def test_caption_with_outlet_suffix_repeating_a_sentence(tmp_path):
    p = write(tmp_path, "a.txt", "Un titre assez long pour le test\n\n"
                                 "Le pont a été fermé à la circulation lundi matin. Les secours sont sur place.\n"
                                 "Le pont a été fermé à la circulation lundi matin - Ouest-France\n"
                                 "La préfecture prévoit une réouverture jeudi.\n")
    art = read_article(p)
    assert len(texts(art)) == 2
    assert art.removed[-1].reason == "légende photo"


def test_markdown_syntax_is_plain_text(tmp_path):
    p = write(tmp_path, "a.md", "# Un titre en Markdown\n\n![photo](http://x/y.jpg)\n\n"
                                "Le **maire** a [répondu](javascript:alert(1)) aux questions.\n\n"
                                "## Une réaction\n\nLa suite du texte arrive ici.\n")
    art = read_article(p)
    assert art.title == "Un titre en Markdown"
    assert texts(art) == ["Le maire a répondu aux questions.", "Une réaction", "La suite du texte arrive ici."]


def test_stray_tags_in_text_are_dropped(tmp_path):
    p = write(tmp_path, "a.txt", "Titre du jour\n\nLe texte <b>important</b> commence ici."
                                 "<script>alert('x')</script>\n\nFin du texte.\n")
    art = read_article(p)
    assert texts(art) == ["Le texte important commence ici.", "Fin du texte."]
    assert all("<" not in t for t in texts(art))


# --------------------------------------------------------------------------- HTML


def _check_html_article(art: Article) -> None:
    joined = "\n".join(texts(art))
    assert art.title == "La mairie de Lille vote un budget participatif record"
    assert art.outlet == "Le Quotidien du Nord"
    assert art.published == "2024-03-14"
    assert art.author == "Claire Martin"
    assert art.source_url == "https://quotidien-du-nord.example/lille/budget-participatif"
    assert texts(art)[0].startswith("Le conseil municipal de Lille a adopté")
    assert "Des quartiers prioritaires" in texts(art)
    assert "Le vote des habitants aura lieu en septembre" in joined
    for junk in ("<", ">", "alert", "pisteur", "Texte injecté", "Accueil", "cookies", "Mentions légales",
                 "Roubaix", "Newsletter", "font-family", "Par Claire Martin"):
        assert junk not in joined, junk
    assert art.title not in joined


def test_html_file():
    art = read_article(FIXTURES / "page-enregistree.html")
    _check_html_article(art)
    assert art.slug == "page-enregistree"


def test_html_saved_as_txt(tmp_path):
    p = write(tmp_path, "page.txt", (FIXTURES / "page-enregistree.html").read_bytes())
    _check_html_article(read_article(p))


def test_html_without_text(tmp_path):
    p = write(tmp_path, "vide.html", "<html><head><script>alert(1)</script></head><body><nav>Menu</nav></body></html>")
    assert "no article" in _error(p)


# --------------------------------------------------------------------------- sentences


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_sentences_basic_and_nbsp():
    t = "Le maire parle. Il répond\u00a0! Est-ce vrai\u00a0? Oui… Enfin."
    assert sentences(t) == ["Le maire parle.", "Il répond\u00a0!", "Est-ce vrai\u00a0?", "Oui…", "Enfin."]


def test_sentences_never_inside_quotes():
    t = "Il a dit : « Je pars. Tu restes ! Nous verrons. » Puis il est sorti. Elle a écrit “Non. Jamais.” Rien."
    assert sentences(t) == ["Il a dit : « Je pars. Tu restes ! Nous verrons. »", "Puis il est sorti.",
                            "Elle a écrit “Non. Jamais.”", "Rien."]
    t2 = 'Le parquet indique "Ces faits sont graves. Ils seront jugés", souligne-t-il. La suite.'
    assert sentences(t2) == ['Le parquet indique "Ces faits sont graves. Ils seront jugés", souligne-t-il.', "La suite."]


def test_sentences_nested_and_glued_quotes():
    t = "Il cite « un procès pour « recours à la prostitution ». Ils sont jugés » hier. Fin."
    assert sentences(t) == ["Il cite « un procès pour « recours à la prostitution ». Ils sont jugés » hier.", "Fin."]
    t2 = "Et d’ajouter : « C’est un endroit sordide.» Il conclut."
    assert sentences(t2) == ["Et d’ajouter : « C’est un endroit sordide.»", "Il conclut."]
    t3 = "« où la fiscalité est nulle ! »s’insurge le député. Ensuite."
    assert sentences(t3) == ["« où la fiscalité est nulle ! »s’insurge le député.", "Ensuite."]


def test_sentences_unbalanced_quotes_do_not_crash():
    t = "Un « guillemet jamais fermé. Phrase deux. Phrase trois."
    assert sentences(t) == [t]  # an unclosed « runs to the end of the paragraph
    t2 = "Un guillemet fermant » en trop. Phrase deux."
    assert sentences(t2) == ["Un guillemet fermant » en trop.", "Phrase deux."]


def test_sentences_abbreviations():
    t = ("M. Dupont et Mme Durand ont vu le Dr Martin. Selon l’art. 12 du code, p. ex. ici. "
         "J. Doe et Me Bernard sont là. MM. Leroy sont venus. La loi n° 2023-566 du 7 juillet 2023. Fin.")
    assert sentences(t) == ["M. Dupont et Mme Durand ont vu le Dr Martin.",
                            "Selon l’art. 12 du code, p. ex. ici.",
                            "J. Doe et Me Bernard sont là.", "MM. Leroy sont venus.",
                            "La loi n° 2023-566 du 7 juillet 2023.", "Fin."]


def test_sentences_no_split_on_urls_numbers_lowercase():
    t = "Le site coco.gg devenu Coco.fr compte 2.5 millions d’inscrits. et voilà… la suite. Fin."
    assert sentences(t) == ["Le site coco.gg devenu Coco.fr compte 2.5 millions d’inscrits. et voilà… la suite.", "Fin."]


def test_sentences_on_seed_paragraphs():
    art = read_article(SEEDS / "coco-gg-roussel-darmanin.txt")
    for p in art.paragraphs:
        assert p.sentences, p.id
        for s, e in p.sentences:
            chunk = p.text[s:e]
            assert chunk.count("«") == chunk.count("»") or p.text.count("«") != p.text.count("»"), chunk
    p5 = art.paragraph("p5")
    assert [p5.text[s:e] for s, e in p5.sentences][1] == "Comme le meurtre de Philippe, à Grande-Synthe (Nord)."


def test_sentences_empty():
    assert split_sentences("") == []
    assert split_sentences(" \n\u00a0 ") == []


ALPHABET = st.sampled_from(list("aBé. !?…«»“”\"'’()\n\u00a0MmeDrJ0-:;") + [" M. ", " Mme ", " « ", " » ", ". A", "… »"])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(ALPHABET, max_size=80).map("".join)))
def test_sentences_property(text):
    spans = split_sentences(text)
    prev_end = 0
    for s, e in spans:
        assert 0 <= prev_end <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        prev_end = e
    # whatever is not inside a span is whitespace
    covered = set()
    for s, e in spans:
        covered.update(range(s, e))
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)


# --------------------------------------------------------------------------- slugs


def test_slugify():
    assert slugify("Mon article é été (1).txt") == "mon-article-e-ete-1"
    assert slugify("Cœur d’Œuvre — Ça.md") == "coeur-d-oeuvre-ca"
    assert slugify("coco-gg-roussel-darmanin.txt") == "coco-gg-roussel-darmanin"
    assert slugify("rapport v1.2") == "rapport-v1-2"
    assert slugify("???.txt") == "article"
    assert slugify("../../etc/passwd") == "passwd"
    assert re.fullmatch(r"[a-z0-9-]+", slugify("Ünïcödé 漢字 ñ.html"))
    assert len(slugify("x" * 500)) <= 80


def test_lede_repeating_title_words_is_kept(tmp_path):
    p = write(tmp_path, "a.txt", "Le Sénat adopte la loi sur l’immigration\n\n"
                                 "Le Sénat adopte la loi sur l’immigration, après des semaines de débats. Le texte part à l’Assemblée.\n"
                                 "Le Sénat adopte la loi sur l’immigration (photo d’illustration)\n")
    art = read_article(p)
    assert texts(art) == ["Le Sénat adopte la loi sur l’immigration, après des semaines de débats. Le texte part à l’Assemblée."]
    assert art.removed[-1].reason == "titre répété"


def test_list_items_and_long_lines_with_comma_are_kept(tmp_path):
    items = ["- la hausse des prix de l’énergie pour les ménages les plus modestes du pays",
             "- la baisse des aides au logement pour les étudiants et les jeunes actifs précaires"]
    p = write(tmp_path, "a.txt", "Les mesures du budget\n\nLe gouvernement présente deux mesures :\n" + "\n".join(items) + "\n")
    assert texts(read_article(p))[1:] == items


def test_wire_dateline_paragraph_is_not_a_credit(tmp_path):
    para = ("PARIS / AFP Le gouvernement a annoncé lundi une réforme. Elle entrera en vigueur en mai. "
            "Les syndicats ont dénoncé une méthode brutale. Une grève est prévue jeudi.")
    p = write(tmp_path, "a.txt", "Une réforme annoncée\n\n" + para + "\n")
    assert texts(read_article(p)) == [para]


def test_saved_html_page_keeps_the_article_and_drops_its_furniture():
    # a saved page: the same line rules apply to the text trafilatura takes out of <article>
    art = read_article(FIXTURES / "budget-page.html")
    assert art.title == "Le conseil vote le budget"
    assert texts(art) == [
        "Le conseil départemental a adopté mardi son budget pour l'année, après six heures de débat. "
        "Les élus de la majorité ont défendu une hausse des dépenses sociales.",
        "L'opposition a dénoncé un budget « sans cap » et annoncé un recours devant le tribunal administratif.",
    ]
    why = {r.text: r.reason for r in art.removed}
    assert why["Publié le"] == "date de publication (vide)"
    assert why["Temps de lecture : 4 min"] == "temps de lecture"
    assert why["Réservé aux abonnés"] == "accès réservé aux abonnés"
    assert why["Connectez-vous ou créez un compte pour participer à la conversation."].startswith("invitation")
    assert not any("Mentions légales" in t or "Accueil" in t for t in texts(art))


def test_a_long_standfirst_without_final_stop_is_body(tmp_path):
    from generator.ingest import read_article

    path = tmp_path / "chapo.txt"
    path.write_text("Le titre de l'article sur la réforme\n\nSociété\n\n"
                    "Retrouvez toutes les réactions des syndicats et des élus après l'annonce de la réforme des "
                    "retraites par le gouvernement ce matin\n\nLe Premier ministre a présenté son texte. "
                    "Les syndicats ont aussitôt réagi.\n", encoding="utf-8")
    article = read_article(path, slug="chapo")
    texts = [p.text for p in article.paragraphs]
    assert texts[0].startswith("Retrouvez toutes les réactions")
    assert [r.text for r in article.removed] == ["Société"]
