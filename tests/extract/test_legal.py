"""Legal references: small French sentences, then the four gold articles (scored by tests/gold/score.py)."""

import importlib.util
import re
from pathlib import Path

import pytest
import yaml

from generator.extract.legal import find_legal_references
from generator.knowledge import load_knowledge
from generator.model import Paragraph
from generator.yamlio import write_yaml

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold"


@pytest.fixture(scope="module")
def kb():
    return load_knowledge(ROOT / "knowledge")


def refs_of(kb, *texts):
    paras = [Paragraph(id=f"p{i}", text=t) for i, t in enumerate(texts, 1)]
    refs = find_legal_references(paras, kb)
    by_id = {p.id: p for p in paras}
    for r in refs:  # every mention is exactly the words at its span
        assert by_id[r.source.paragraph].text[r.source.start:r.source.end] == r.mention
    return refs


def one(kb, text):
    refs = refs_of(kb, text)
    assert len(refs) == 1, [r.mention for r in refs]
    return refs[0]


def test_law_by_number(kb):
    r = one(kb, "Il invoque la loi n° 2023-566, jamais appliquée.")
    assert r.mention == "la loi n° 2023-566"
    assert r.knowledge_id == "loi-2023-566-majorite-numerique"
    assert r.instrument == kb.get(r.knowledge_id).official_title
    assert r.kind == "law"


def test_law_by_promulgation_date(kb):
    r = one(kb, "Le site contrevient à la loi du 7 juillet 2023, selon lui.")
    assert r.mention == "la loi du 7 juillet 2023"
    assert r.knowledge_id == "loi-2023-566-majorite-numerique"


def test_law_by_acronym_and_by_name(kb):
    refs = refs_of(kb, "La loi SREN complète la loi Marcangeli, dite loi « majorité numérique ».")
    assert [(r.mention, r.knowledge_id) for r in refs] == [
        ("La loi SREN", "loi-2024-449-sren"),
        ("la loi Marcangeli", "loi-2023-566-majorite-numerique"),
        ("loi « majorité numérique »", "loi-2023-566-majorite-numerique"),
    ]


def test_law_by_purpose_words(kb):
    r = one(kb, "La loi pour la confiance dans l'économie numérique protège les hébergeurs.")
    assert r.mention == "La loi pour la confiance dans l'économie numérique"
    assert r.knowledge_id == "lcen-2004-575"
    r = one(kb, "Il viole la loi (visant à sécuriser et à réguler l’espace numérique, NDLR).")
    assert r.knowledge_id == "loi-2024-449-sren"


def test_unknown_law_keeps_no_title(kb):
    r = one(kb, "BFMTV parle d'une loi du 26 février 2023 qui réprime ce délit.")
    assert r.mention == "une loi du 26 février 2023"
    assert r.instrument is None and r.knowledge_id is None and r.kind == "law"
    r = one(kb, "La loi visant à protéger les enfants des écrans a été votée hier.")
    assert r.mention == "La loi visant à protéger les enfants des écrans"
    assert r.instrument is None


def test_bare_law_is_not_a_reference(kb):
    assert refs_of(kb, "Nul n'est au-dessus de la loi, dit ce hors-la-loi.") == []


def test_code_articles(kb):
    r = one(kb, "Il est poursuivi sur le fondement de l'article 225-12-1 du code pénal.")
    assert r.mention == "l'article 225-12-1 du code pénal"
    assert r.knowledge_id == "code-penal-225-12-1" and r.kind == "code_article"
    r = one(kb, "Les articles 225-5 et 225-7 du code pénal répriment le proxénétisme.")
    assert r.knowledge_id == "code-penal-225-5"
    r = one(kb, "Le ministre a saisi la justice au titre de l'article 40 du code de procédure pénale.")
    assert r.mention == "l'article 40 du code de procédure pénale"
    assert r.knowledge_id == "cpp-40-signalement-procureur" and r.kind == "code_article"
    r = one(kb, "Il invoque l'article L. 1234-9 du code du travail devant les prud'hommes.")
    assert r.mention == "l'article L. 1234-9 du code du travail"
    assert r.instrument is None and r.kind == "code_article"  # neither the article nor the code is described


def test_article_of_a_law(kb):
    r = one(kb, "L'article 6-7 de la LCEN impose une autorisation parentale.")
    assert r.mention == "L'article 6-7 de la LCEN"
    assert r.knowledge_id == "lcen-2004-575"


def test_offence_named_by_the_article(kb):
    r = one(kb, "Douze hommes sont jugés pour recours à la prostitution sur mineur.")
    assert r.mention == "recours à la prostitution sur mineur"
    assert r.knowledge_id == "code-penal-225-12-1"


def test_eu_acts_and_regulators(kb):
    refs = refs_of(kb, "Le DSA, ou règlement sur les services numériques, complète le RGPD ; "
                       "la CNIL, l'Arcom et Pharos veillent. Le règlement (UE) 2022/2065 s'applique.")
    got = [(r.mention, r.knowledge_id, r.kind) for r in refs]
    assert got == [
        ("DSA", "dsa-reglement-ue-2022-2065", "eu_regulation"),
        ("règlement sur les services numériques", "dsa-reglement-ue-2022-2065", "eu_regulation"),
        ("RGPD", "rgpd-reglement-ue-2016-679", "eu_regulation"),
        ("CNIL", "cnil", "regulator"),
        ("Arcom", "arcom", "regulator"),
        ("Pharos", "pharos", "regulator"),
        ("règlement (UE) 2022/2065", "dsa-reglement-ue-2022-2065", "eu_regulation"),
    ]


def test_law_described_inside_an_entry(kb):
    r = one(kb, "Le délit a été créé par la LOPMI.")
    assert r.instrument.startswith("Loi n° 2023-22 du 24 janvier 2023")
    assert r.knowledge_id == "code-penal-323-3-2"
    arcom, law = refs_of(kb, "L'Arcom est née de la loi n° 2021-1382.")
    assert arcom.knowledge_id == "arcom"
    assert law.mention == "la loi n° 2021-1382"
    assert law.instrument.startswith("Loi n° 2021-1382 du 25 octobre 2021 relative à la régulation")
    assert law.knowledge_id == "arcom"  # the entry that describes this law


def test_common_words_are_not_names(kb):
    assert refs_of(kb, "Le phare (pharos en grec) guide les marins ; un sondage CSA le confirme.") == []


def test_ids_in_text_order_and_deterministic(kb):
    texts = ["L'Arcom et la CNIL.", "La loi SREN et le DSA."]
    a, b = refs_of(kb, *texts), refs_of(kb, *texts)
    assert a == b
    assert [r.id for r in a] == [f"legal-{i}" for i in range(1, len(a) + 1)]
    assert [(r.source.paragraph, r.source.start) for r in a] == sorted((r.source.paragraph, r.source.start) for r in a)


# ---------------------------------------------------------------------------- gold articles


def _scorer():
    spec = importlib.util.spec_from_file_location("gold_score", GOLD / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def gold_paragraphs(path: Path) -> list[Paragraph]:
    blocks = [b.strip() for b in re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))]
    return [Paragraph(id=f"p{i}", text=b) for i, b in enumerate([b for b in blocks if b], 1)]


GOLD_IDS = sorted(p.name[: -len(".gold.yaml")] for p in GOLD.glob("*.gold.yaml"))


@pytest.mark.parametrize("gid", GOLD_IDS)
def test_gold_instrument_recall(kb, gid, tmp_path):
    gold = yaml.safe_load((GOLD / f"{gid}.gold.yaml").read_text(encoding="utf-8"))
    paras = gold_paragraphs(GOLD / f"{gid}.txt")
    refs = find_legal_references(paras, kb)
    for r in refs:
        assert paras[int(r.source.paragraph[1:]) - 1].text[r.source.start:r.source.end] == r.mention
        if r.instrument is not None:  # a title is always the knowledge base's own words
            entry = kb.get(r.knowledge_id)
            assert r.instrument == entry.official_title or r.instrument.split(" du ")[0].lower() in \
                " ".join(entry.texts()).lower()
    write_yaml(tmp_path / "legal.yaml", refs)
    score = _scorer().score_article(gold, tmp_path, (GOLD / f"{gid}.txt").read_text(encoding="utf-8"))
    assert score["laws"]["recall"] in (1.0, None), (gid, score["laws"])


def test_gold_required_instruments_found(kb):
    """The articles' named laws, checked by hand: not just the scorer's number match."""
    got = {}
    for gid in GOLD_IDS:
        got[gid] = {r.knowledge_id for r in find_legal_references(gold_paragraphs(GOLD / f"{gid}.txt"), kb)}
    assert "loi-2024-449-sren" in got["bfm-arcom-premier-blocage"]
    assert "loi-2023-566-majorite-numerique" in got["coco-gg-roussel-darmanin"]
    assert "arcom" in got["coco-gg-roussel-darmanin"]
