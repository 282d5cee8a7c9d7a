"""`briefing check [FACTS_DIR]`: every error of every fact and corrections file, as `file:line: message`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from _render_sample import make_facts
from generator.cli import app
from generator.store import write_facts

ROOT = Path(__file__).resolve().parents[1]


def good_facts():
    """The render sample, made consistent (its claim and one event span wider words on purpose)."""
    f = make_facts()
    p2 = f.article.paragraph("p2").text
    c = f.claims[0]
    c.what = p2[c.source.start:c.source.end]
    e2 = next(e for e in f.events if e.id == "e-2")
    e2.source.start = p2.index("janvier 2023")
    e2.date_text = "janvier 2023"
    return f


@pytest.fixture
def facts_dir(tmp_path) -> Path:
    write_facts(good_facts(), tmp_path / "facts")
    return tmp_path / "facts"


def check(path: Path):
    res = CliRunner().invoke(app, ["check", str(path)])
    errors = [ln for ln in res.stderr.splitlines() if ln]
    assert "Traceback" not in res.output + res.stderr
    return res.exit_code, errors


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_consistent_facts_pass(facts_dir):
    code, errors = check(facts_dir)
    assert (code, errors) == (0, [])
    assert check(facts_dir / "exemple-lille") == (0, [])  # one article's folder works too


def test_seed_facts_of_the_repository_pass():
    code, errors = check(ROOT / "facts")
    assert code == 0, errors


def test_schema_errors_all_reported_with_lines(facts_dir):
    q = facts_dir / "exemple-lille" / "quotes.yaml"
    edit(q, "  cue: a dénoncé\n", "  cue: a dénoncé\n  speakr: X\n")
    edit(q, "    start: ", "    start: -", 1)
    ev = facts_dir / "exemple-lille" / "events.yaml"
    edit(ev, "precision: month", "precision: week")
    code, errors = check(facts_dir)
    assert code == 1
    assert len(errors) == 3, errors
    assert any(re.match(rf"error: {re.escape(str(q))}:\d+: 0\.speakr: Extra inputs are not permitted", e) for e in errors)
    assert any(re.match(rf"error: {re.escape(str(q))}:\d+: 0\.source\.start: .*greater than or equal to 0", e) for e in errors)
    assert any(e.startswith(f"error: {ev}:3: 0.precision:") for e in errors), errors


def test_broken_yaml_names_file_and_line(facts_dir):
    p = facts_dir / "exemple-lille" / "people.yaml"
    p.write_text("- id: per-dupont\n  name: [Marie\n", encoding="utf-8")
    code, errors = check(facts_dir)
    assert code == 1 and len(errors) == 1 and re.match(rf"error: {re.escape(str(p))}:\d+: invalid YAML", errors[0])


def test_span_outside_its_paragraph(facts_dir):
    q = facts_dir / "exemple-lille" / "quotes.yaml"
    text = q.read_text(encoding="utf-8")
    end = re.search(r"end: (\d+)", text).group(0)
    edit(q, end, "end: 9999")
    code, errors = check(facts_dir)
    assert code == 1
    assert len(errors) == 1 and "q-1: source [" in errors[0] and "is outside paragraph p1" in errors[0]
    line = int(errors[0].split(":")[2])
    assert q.read_text(encoding="utf-8").splitlines()[line - 1].strip() == "source:"


def test_unknown_paragraph(facts_dir):
    edit(facts_dir / "exemple-lille" / "legal.yaml", "paragraph: p3", "paragraph: p42")
    code, errors = check(facts_dir)
    assert code == 1 and errors == [f"error: {facts_dir / 'exemple-lille' / 'legal.yaml'}:6: l-1: source paragraph "
                                     "'p42' is not in article.yaml"]


def test_quote_text_must_be_the_paragraph_slice(facts_dir):
    q = facts_dir / "exemple-lille" / "quotes.yaml"
    edit(q, "text: la situation est devenue intenable", "text: la situation est intenable")
    code, errors = check(facts_dir)
    assert code == 1 and len(errors) == 1
    assert re.match(rf"error: {re.escape(str(q))}:\d+: q-2: text 'la situation est intenable' is not the text at "
                    r"its source \(p4\[\d+:\d+\] = 'la situation est devenue intenable'\)", errors[0]), errors


def test_ids_unique(facts_dir):
    edit(facts_dir / "exemple-lille" / "events.yaml", "id: e-0", "id: q-1")
    code, errors = check(facts_dir)
    assert code == 1 and len(errors) == 1 and "q-1: id already used in quotes.yaml" in errors[0]


def test_speaker_id_must_be_a_person(facts_dir):
    edit(facts_dir / "exemple-lille" / "quotes.yaml", "speaker_id: per-dupont", "speaker_id: per-inconnue")
    code, errors = check(facts_dir)
    assert code == 1 and len(errors) == 1 and "q-1: speaker_id 'per-inconnue' is no person" in errors[0]


def test_event_date_at_its_precision(facts_dir):
    edit(facts_dir / "exemple-lille" / "events.yaml", "date: '2024-04-27'", "date: '2024-04'")
    code, errors = check(facts_dir)
    assert code == 1 and len(errors) == 1 and "events.yaml:12: 1: e-1: date '2024-04' is not written at precision 'day'" in errors[0]


def test_missing_article_file(facts_dir):
    (facts_dir / "exemple-lille" / "article.yaml").unlink()
    code, errors = check(facts_dir)
    assert code == 1 and errors == [f"error: {facts_dir / 'exemple-lille' / 'article.yaml'}: missing fact file "
                                     "(run `briefing extract`)"]


def test_corrections_file_is_checked(facts_dir):
    c = facts_dir / "exemple-lille" / "corrections.yaml"
    c.write_text("- review: q-1\n"
                 "- add: quote\n  text: des mots que l'article ne contient pas\n"
                 "- fix_speaker: q-2\n  speaker: Marie Dupont\n  reviewd: true\n"
                 "- add: place\n  id: lieu-1\n  name: Lille\n"
                 "- add: place\n  id: lieu-1\n  name: Lille\n", encoding="utf-8")
    code, errors = check(facts_dir)
    assert code == 1
    assert sorted(errors) == sorted([
        f"error: {c}:2: add quote: text 'des mots que l'article ne contient pas' is not found word for word in the "
        "article (copy it exactly from article.yaml)",
        f"error: {c}:6: fix_speaker: reviewd: Extra inputs are not permitted",
        f"error: {c}:10: add: id 'lieu-1' is also added on line 7",
    ]), errors


def test_missing_folder_is_one_line(tmp_path):
    code, errors = check(tmp_path / "nope")
    assert code == 1 and errors == [f"error: {tmp_path / 'nope'}: facts folder not found"]
