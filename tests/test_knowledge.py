"""The knowledge base loader, its dated developments and its abbreviations."""

from pathlib import Path

import pytest

from generator.errors import BriefingError
from generator.knowledge import KnowledgeBase, KnowledgeEntry, load_knowledge, parse_date_value, validate_knowledge

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT / "knowledge"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge(KNOWLEDGE)


def test_loads_every_entry_with_unique_ids(kb):
    assert len(kb) > 10
    ids = [e.id for e in kb.entries]
    assert len(ids) == len(set(ids))
    assert kb.get("loi-2024-449-sren").short_name == "Loi SREN"
    assert kb.get("no-such-entry") is None


def test_every_entry_has_a_source_with_a_url(kb):
    for entry in kb.entries:
        assert entry.sources, entry.id
        assert any(s.url.startswith(("http://", "https://")) for s in entry.sources), entry.id


def test_dates_are_text_even_when_yaml_would_make_dates(tmp_path):
    (tmp_path / "k.yaml").write_text(
        "- id: x\n  kind: law\n  official_title: Loi n° 2000-1 du 1er janvier 2000 pour tester\n"
        "  dates:\n    promulgation: 2000-01-01\n  extra_key: kept\n"
        "  sources:\n  - url: https://example.org\n", encoding="utf-8")
    kb = load_knowledge(tmp_path)
    entry = kb.get("x")
    assert entry.dates == {"promulgation": "2000-01-01"}
    assert entry.model_extra == {"extra_key": "kept"}


def test_broken_yaml_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- id: x\n  kind: law\n  official_title: [unclosed\n", encoding="utf-8")
    with pytest.raises(BriefingError) as err:
        load_knowledge(tmp_path)
    assert "bad.yaml" in str(err.value) and err.value.line


def test_missing_field_names_file_and_line(tmp_path):
    (tmp_path / "a.yaml").write_text(
        "- id: ok\n  kind: law\n  official_title: T\n- id: no-title\n  kind: law\n", encoding="utf-8")
    with pytest.raises(BriefingError) as err:
        load_knowledge(tmp_path)
    assert "a.yaml:4" in str(err.value) and "official_title" in str(err.value)


def test_duplicate_id_across_files(tmp_path):
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text("- id: same\n  kind: law\n  official_title: T\n", encoding="utf-8")
    with pytest.raises(BriefingError, match="duplicate knowledge id"):
        load_knowledge(tmp_path)


def test_empty_or_missing_folder(tmp_path):
    with pytest.raises(BriefingError):
        load_knowledge(tmp_path)
    with pytest.raises(BriefingError):
        load_knowledge(tmp_path / "nope")


@pytest.mark.parametrize("value, expected", [
    ("2024-06-25", ("2024-06-25", False)),
    ("2023-07-08 (JORF n°0157, texte n° 2)", ("2023-07-08", False)),
    ("2019 (loi n° 2019-222 du 23 mars 2019, art. 68)", ("2019", False)),
    ("janvier 2009 (6 janvier selon la préfecture)", ("2009-01", False)),
    ("depuis janvier 2021", None),  # no full date, no date at the start
    ("semaine du 7 janvier 2025 (date exacte non vérifiée)", ("2025-01-07", True)),
    ("Décision n° 2024-866 DC du 17 mai 2024", ("2024-05-17", True)),
    ("JUSX2306064L", None),
])
def test_parse_date_value(value, expected):
    assert parse_date_value(value) == expected


def test_after_keeps_only_later_developments(kb):
    later = kb.developments_after("2024-04-27")
    assert later and all(d.first_day > "2024-04-27" for d in later)
    events = [e.id for e in kb.after("2024-04-27", kinds={"event"})]
    assert "evenement-fermeture-coco-2024-06-25" in events
    assert "evenement-lettre-roussel-2024-04-27" not in events  # same day: not "since"
    assert all(kb.get(i).kind == "event" for i in events)
    # a law promulgated after the article is a development too
    assert "loi-2024-449-sren" in [e.id for e in kb.after("2024-04-27")]
    assert "loi-2024-449-sren" not in [e.id for e in kb.after("2024-06-01")]


def test_after_never_claims_a_coarse_date_is_later():
    e = KnowledgeEntry(id="e", kind="event", official_title="E", dates={"a": "juin 2024"})
    kb = KnowledgeBase([e])
    assert kb.after("2024-06-10") == []
    assert kb.after("2024-05-31") == [e]
    assert kb.after("2024-05") == [e]


def test_abbreviations_come_from_the_base(kb):
    abbr = kb.abbreviations()
    assert abbr["Arcom"] == kb.get("arcom").official_title
    assert abbr["SREN"] == kb.get("loi-2024-449-sren").official_title
    assert abbr["LCEN"] == kb.get("lcen-2004-575").official_title
    assert abbr["DSA"] == "Digital Services Act"
    assert abbr["JUNALCO"].startswith("Juridiction nationale chargée de la lutte contre la criminalité organisée")
    assert "(JUNALCO)" not in abbr["JUNALCO"]
    assert abbr["LOPMI"].startswith("Loi n° 2023-22 du 24 janvier 2023")
    assert abbr["CNIL"].startswith("Commission nationale de l")
    assert "UE" not in abbr  # "Règlement (UE) 2022/2065" does not define UE
    assert "Proxénétisme" not in abbr  # a code article's short name is an offence, not an abbreviation
    assert list(abbr) == sorted(abbr, key=str.casefold)


def test_the_shipped_base_passes_its_own_validation():
    assert [str(e) for e in validate_knowledge(KNOWLEDGE)] == []


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_validation_reports_each_problem_with_its_file_and_line(tmp_path):
    kb = tmp_path / "kb"
    _write(kb, "a.yaml", """\
- id: sans-source
  kind: law
  official_title: Loi n° 1 du 1er janvier 2000
- id: extrait-vide
  kind: law
  official_title: Loi n° 2 du 2 janvier 2000
  dates: {promulgation: '2000-02-30', publication: un jour}
  sources: [{url: 'https://example.org/a', excerpt: ''}]
- id: sigle-invente
  kind: regulator
  official_title: Haute autorité des essais
  aliases: [la HAE]
  abbreviations: [{short: HAE, expansion: Haute autorité des épreuves}]
  sources: [{url: 'ftp://example.org', excerpt: La Haute autorité des essais (HAE) contrôle les essais.}]
""")
    _write(kb, "b.yaml", """\
- id: homonyme
  kind: regulator
  official_title: Haute assemblée des experts
  aliases: [la  HAE]
  sources: [{url: 'https://example.org/b', excerpt: La Haute assemblée des experts se réunit.}]
""")
    messages = [str(e) for e in validate_knowledge(kb)]
    assert any(m.startswith(f"{kb / 'a.yaml'}:1: ") and "'sans-source': no source" in m for m in messages)
    assert any(":4: " in m and "dates.promulgation: not a real date" in m for m in messages)
    assert any("dates.publication: no date in 'un jour'" in m for m in messages)
    assert any("source 1: no excerpt" in m for m in messages)
    assert any("not an http(s) URL" in m for m in messages)
    assert any("abbreviation HAE: expansion not in the title or an excerpt" in m for m in messages)
    assert any("alias 'la hae' is ambiguous: homonyme, sigle-invente" in m for m in messages)
    assert len(messages) == 7


def test_validation_reports_a_duplicate_id_instead_of_raising(tmp_path):
    entry = "- id: x\n  kind: law\n  official_title: X\n  sources: [{url: 'https://e.org', excerpt: X}]\n"
    _write(tmp_path / "kb", "a.yaml", entry)
    _write(tmp_path / "kb", "b.yaml", entry)
    [error] = validate_knowledge(tmp_path / "kb")
    assert "duplicate knowledge id 'x'" in str(error)


def test_an_entry_s_own_abbreviations_come_first(kb):
    assert kb.abbreviations()["SREN"] == kb.get("loi-2024-449-sren").official_title
    entry = KnowledgeEntry(id="e", kind="event", official_title="Haute autorité des essais",
                           abbreviations=[{"short": "HAE", "expansion": "Haute autorité des essais"}])
    assert KnowledgeBase([entry]).abbreviations() == {"HAE": "Haute autorité des essais"}


def test_briefing_check_reports_the_knowledge_base_errors(tmp_path):
    from generator.check import check_facts

    facts = tmp_path / "facts"
    facts.mkdir()
    _write(tmp_path / "kb", "a.yaml", "- id: x\n  kind: law\n  official_title: X\n")
    _folders, errors = check_facts(facts, knowledge=tmp_path / "kb")
    assert [e.line for e in errors] == [1] and "'x': no source" in str(errors[0])
    _folders, errors = check_facts(facts, knowledge=KNOWLEDGE)
    assert errors == []
