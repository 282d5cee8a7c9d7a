"""Human corrections (facts/<slug>/corrections.yaml): format, each operation, warnings, and the CLI
hook (applied on every run after extraction; the file is never rewritten; pages show the mark)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from _render_sample import P, make_facts
from generator.cli import app
from generator.corrections import apply_corrections, load_corrections, parse_corrections
from generator.errors import BriefingError

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "coco-gg-roussel-darmanin.txt"


def corr(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "facts" / "exemple-lille" / "corrections.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def apply(tmp_path: Path, text: str, facts=None):
    path = corr(tmp_path, text)
    return apply_corrections(facts or make_facts(), load_corrections(path), path)


# --------------------------------------------------------------------------- format


def test_empty_or_missing_file_is_no_correction(tmp_path):
    assert load_corrections(tmp_path / "absent.yaml") == []
    assert load_corrections(corr(tmp_path, "# rien pour l'instant\n")) == []


def test_every_invalid_item_is_reported_with_its_line(tmp_path):
    path = corr(tmp_path, "- fix_speaker: q-1\n  speaker: X\n"   # 1 fine
                          "- drop: q-2\n  speakr: X\n"            # 3 unknown key
                          "- frobnicate: q-1\n"                   # 5 unknown operation
                          "- add: tweet\n  text: x\n"             # 6 unknown kind
                          "- add: event\n  date: '2024-02-30'\n  date_text: x\n"  # 9 impossible date (its line)
                          "- add: quote\n  id: q-7\n  text: x\n"  # 11 a machine id
                          "- merge: org-afp\n  into: org-afp\n"   # 14 merge into itself
                          "- fix_speaker: q-1\n")                 # 16 speaker key missing
    items, errors = parse_corrections(path)
    assert len(items) == 1
    lines = sorted(e.line for e in errors)
    assert lines == [4, 5, 6, 9, 12, 14, 16], [str(e) for e in errors]
    for e in errors:
        assert str(e).startswith(f"{path}:{e.line}: ")
    with pytest.raises(BriefingError):
        load_corrections(path)


def test_a_date_yaml_cannot_build_is_one_error_with_its_line(tmp_path):
    with pytest.raises(BriefingError) as exc:
        load_corrections(corr(tmp_path, "- review: q-1\n- add: event\n  date: 2024-02-30\n  date_text: x\n"))
    assert exc.value.line == 3 and "day is out of range for month" in str(exc.value)


def test_not_a_list(tmp_path):
    with pytest.raises(BriefingError, match="must be a YAML list"):
        load_corrections(corr(tmp_path, "fix_speaker: q-1\n"))
    with pytest.raises(BriefingError, match=r"invalid YAML") as exc:
        load_corrections(corr(tmp_path, "- drop: [q-1\n"))
    assert exc.value.line is not None


# --------------------------------------------------------------------------- operations


def test_fix_speaker_resolves_a_person_by_name_and_follows_the_direct_claim(tmp_path):
    facts, warnings = apply(tmp_path, "- fix_speaker: q-2\n  speaker: marie  dupont\n")
    q2 = next(q for q in facts.quotes if q.id == "q-2")
    assert (q2.speaker, q2.speaker_id) == ("Marie Dupont", "per-dupont") and not warnings
    facts, _ = apply(tmp_path, "- fix_speaker: q-1\n  speaker: Un proche du dossier\n")
    q1 = facts.quotes[0]
    assert (q1.speaker, q1.speaker_id) == ("Un proche du dossier", None)
    facts, _ = apply(tmp_path, "- fix_speaker: q-1\n  speaker: null\n")
    assert (facts.quotes[0].speaker, facts.quotes[0].speaker_id) == (None, None)
    facts, _ = apply(tmp_path, "- fix_speaker: q-2\n  speaker: org-arcom\n")  # an id works too
    assert facts.quotes[1].speaker_id == "org-arcom" and facts.quotes[1].speaker == "Arcom"


def test_drop_any_kind_and_unlink(tmp_path):
    facts, warnings = apply(tmp_path, "- drop: q-1\n- drop: e-0\n- drop: l-1\n- drop: pl-lille\n- drop: per-dupont\n")
    assert not warnings
    assert [q.id for q in facts.quotes] == ["q-2"] and "e-0" not in {e.id for e in facts.events}
    assert facts.legal == [] and facts.places == [] and facts.people == []
    assert facts.claims[0].who == "Marie Dupont" and facts.claims[0].who_id is None  # name kept, link gone


def test_rename_updates_quotes_and_claims(tmp_path):
    facts, _ = apply(tmp_path, "- rename: per-dupont\n  name: Marie-Anne Dupont\n")
    assert facts.people[0].name == "Marie-Anne Dupont"
    assert facts.quotes[0].speaker == "Marie-Anne Dupont" and facts.claims[0].who == "Marie-Anne Dupont"


def test_merge_entities(tmp_path):
    facts, warnings = apply(tmp_path, "- merge: org-afp\n  into: org-arcom\n")
    assert not warnings
    assert [o.id for o in facts.organisations] == ["org-arcom"]
    arcom = facts.organisations[0]
    assert [m.text for m in arcom.mentions] == ["l'Arcom", "AFP"] and arcom.aliases == ["AFP"]
    # a person merged into another: roles, mentions, and the quotes and claims pointing to it
    base = make_facts()
    from generator.model import Mention, Person, Source

    base.people.append(Person(id="per-2", name="M. Dupont", roles=["élue"],
                              mentions=[Mention(text="elle", source=Source(paragraph="p2", start=6, end=10))]))
    base.quotes[1].speaker, base.quotes[1].speaker_id = "M. Dupont", "per-2"
    facts, _ = apply(tmp_path, "- merge: per-2\n  into: per-dupont\n", base)
    [p] = facts.people
    assert p.roles == ["maire de Lille", "élue"] and len(p.mentions) == 2  # the same mention is not doubled
    assert facts.quotes[1].speaker_id == "per-dupont" and facts.quotes[1].speaker == "Marie Dupont"


def test_review_sets_the_flag(tmp_path):
    facts, _ = apply(tmp_path, "- review: q-1\n- review: e-0\n- review: per-dupont\n")
    assert facts.quotes[0].reviewed and not facts.quotes[1].reviewed
    assert next(e for e in facts.events if e.id == "e-0").reviewed and facts.people[0].reviewed


def test_add_quote_computes_its_span(tmp_path):
    facts, warnings = apply(tmp_path, "- add: quote\n  text: aurait favorisé\n  speaker: Marie Dupont\n  cue: Selon\n")
    q = facts.quotes[-1]
    assert q.id == "q-h1" and q.reviewed and q.speaker_id == "per-dupont" and not warnings
    assert P[q.source.paragraph][q.source.start:q.source.end] == "aurait favorisé"


def test_add_quote_not_in_the_article_is_an_error_with_the_line(tmp_path):
    with pytest.raises(BriefingError, match="not found word for word") as exc:
        apply(tmp_path, "- review: q-1\n- add: quote\n  text: des mots jamais écrits\n")
    assert exc.value.line == 2 and exc.value.path.endswith("corrections.yaml")
    with pytest.raises(BriefingError, match="occurrence 3"):
        apply(tmp_path, "- add: quote\n  text: Lille\n  occurrence: 3\n")


def test_add_every_other_kind(tmp_path):
    facts, warnings = apply(tmp_path, """\
- add: claim
  what: ce que l'entreprise conteste
  who: l'entreprise
- add: event
  date: 2023-01
  date_text: janvier 2023
- add: person
  id: per-proche
  name: un proche du dossier
- add: organisation
  name: AFP
  mentions: [AFP]
- add: place
  name: Lille
- add: legal
  mention: la loi du 7 juillet 2023
  instrument: Loi n° 2023-566 du 7 juillet 2023
""")
    assert not warnings
    assert facts.claims[-1].id == "c-h1" and facts.claims[-1].kind == "indirect"
    ev = facts.events[-1]
    assert (ev.id, ev.date.iso, ev.precision, ev.date_text) == ("e-h1", "2023-01", "month", "janvier 2023")
    assert ev.text in P["p2"]
    assert facts.people[-1].id == "per-proche" and facts.people[-1].mentions[0].source.paragraph == "p4"
    assert facts.organisations[-1].id == "org-h1" and facts.places[-1].id == "place-h1"
    assert [m.source.paragraph for m in facts.places[-1].mentions] == ["p1"]
    assert facts.legal[-1].id == "legal-h1"
    with pytest.raises(BriefingError, match="not written at precision"):
        apply(tmp_path, "- add: event\n  date: 2023-01\n  precision: day\n  date_text: janvier 2023\n")
    with pytest.raises(BriefingError, match="already used"):
        apply(tmp_path, "- add: place\n  id: per-dupont\n  name: Lille\n")


def test_missing_targets_are_warnings_never_silent(tmp_path):
    facts, warnings = apply(tmp_path, "- drop: q-99\n- fix_speaker: e-0\n  speaker: X\n- merge: per-dupont\n  into: org-arcom\n"
                                      "- rename: q-1\n  name: X\n- review: q-1\n")
    assert facts.quotes[0].reviewed  # the valid correction still applied
    assert len(warnings) == 4
    for w, line in zip(warnings, (1, 2, 4, 6)):
        assert f"corrections.yaml:{line}: " in w and "not applied" in w
    assert "drop q-99: no fact with this id" in warnings[0]
    assert "fix_speaker e-0: 'e-0' is an event, not a quote" in warnings[1]
    assert "merge per-dupont into org-arcom: 'org-arcom' is an organisation, not a person" in warnings[2]
    assert "rename q-1: 'q-1' is a quote, not a person or organisation or place" in warnings[3]


def test_expect_guards_against_renumbered_ids(tmp_path):
    # q-1 now names another quote: the correction finds its quote by its words
    text = "- review: q-1\n  expect: la situation est devenue intenable\n"
    facts, warnings = apply(tmp_path, text)
    assert not warnings and facts.quotes[1].reviewed and not facts.quotes[0].reviewed
    facts, warnings = apply(tmp_path, "- drop: q-1\n  expect: des mots disparus\n")
    assert len(facts.quotes) == 2 and "now reads" in warnings[0]


def test_applying_does_not_touch_the_input(tmp_path):
    facts = make_facts()
    before = facts.model_dump()
    apply(tmp_path, "- drop: q-1\n- rename: per-dupont\n  name: X\n", facts)
    assert facts.model_dump() == before


# --------------------------------------------------------------------------- the mark on the pages


def test_pages_show_reviewed_and_machine_facts(tmp_path):
    from _render_sample import render_pages

    facts, _ = apply(tmp_path, "- review: q-1\n- review: c-1\n- review: e-1\n- review: org-arcom\n")
    render_pages([facts], tmp_path / "docs")
    cit = (tmp_path / "docs" / "exemple-lille" / "citations.md").read_text(encoding="utf-8")
    assert cit.count("✔ vérifié") == 1 and cit.count('class="bf-auto"') == 1
    assert "✔ vérifié" in (tmp_path / "docs" / "exemple-lille" / "affirmations.md").read_text(encoding="utf-8")
    chrono = (tmp_path / "docs" / "exemple-lille" / "chronologie.md").read_text(encoding="utf-8")
    assert chrono.count("✔ vérifié") == 1 and chrono.count('class="bf-auto"') == 3
    acteurs = (tmp_path / "docs" / "exemple-lille" / "acteurs.md").read_text(encoding="utf-8")
    assert acteurs.count("✔ vérifié") == 1


# --------------------------------------------------------------------------- the CLI hook


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """One real extraction of a seed (spaCy), in-process."""
    root = tmp_path_factory.mktemp("corr")
    shutil.copy(SEED, root / SEED.name)
    res = CliRunner().invoke(app, ["extract", str(root / SEED.name), "--out", str(root / "facts"), "-q"])
    assert res.exit_code == 0, res.output
    return root


def test_corrections_survive_regeneration(extracted, tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_NO_CACHE", "1")
    root = tmp_path
    shutil.copytree(extracted, root, dirs_exist_ok=True)
    folder = root / "facts" / "coco-gg-roussel-darmanin"
    quotes = (folder / "quotes.yaml").read_text(encoding="utf-8")
    assert "reviewed: true" not in quotes
    text = ("# relu le 2024-05-02\n"
            "- review: q-1\n"
            "- fix_speaker: q-3\n  speaker: Gérald Darmanin\n"
            "- add: quote\n  text: toujours sordides\n  speaker: Fabien Roussel\n"
            "- drop: q-999\n")
    (folder / "corrections.yaml").write_text(text, encoding="utf-8")
    for _ in range(2):  # regenerating twice: same result, the human file untouched
        res = CliRunner().invoke(app, ["extract", str(root / SEED.name), "--out", str(root / "facts"), "-q"])
        assert res.exit_code == 0, res.output
        assert (folder / "corrections.yaml").read_text(encoding="utf-8") == text
        from generator.store import read_facts

        f = read_facts(folder)
        assert next(q for q in f.quotes if q.id == "q-1").reviewed
        q3 = next(q for q in f.quotes if q.id == "q-3")
        assert q3.speaker == "Gérald Darmanin" and q3.speaker_id is not None
        assert any(q.id == "q-h1" for q in f.quotes)
        warn = [ln for ln in res.stderr.splitlines() if ln.startswith("warning:")]
        assert warn == [f"warning: {folder / 'corrections.yaml'}:8: drop q-999: no fact with this id in the "
                        "extracted facts (correction not applied)"], res.stderr


def test_bad_corrections_file_stops_before_writing(extracted, tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_NO_CACHE", "1")
    shutil.copytree(extracted, tmp_path, dirs_exist_ok=True)
    folder = tmp_path / "facts" / "coco-gg-roussel-darmanin"
    (folder / "corrections.yaml").write_text("- add: quote\n  text: jamais dit\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    res = CliRunner().invoke(app, ["extract", str(tmp_path / SEED.name), "--out", str(tmp_path / "facts"), "-q"])
    assert res.exit_code == 1
    assert res.stderr.strip() == (f"error: {folder / 'corrections.yaml'}:1: add quote: text 'jamais dit' is not found "
                                  "word for word in the article (copy it exactly from article.yaml)")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
