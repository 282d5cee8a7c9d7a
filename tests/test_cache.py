"""Incremental extraction: an unchanged article is not re-extracted (spaCy not even imported); a changed one is."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import generator.extract
from generator import cache, pipeline
from generator.extract import nlp
from generator.model import Facts, Summary

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.md"))[:2]


@pytest.fixture
def project(tmp_path: Path, monkeypatch):
    """A tmp project with two seed articles; extraction replaced by a spy (no spaCy: fast)."""
    (tmp_path / "seeds").mkdir()
    for s in SEEDS:
        shutil.copy(s, tmp_path / "seeds")
    shutil.copytree(ROOT / "knowledge", tmp_path / "knowledge")
    calls: list[list[str]] = []

    def spy(articles, kb, **kwargs):
        calls.append([a.slug for a in articles])
        return iter([Facts(article=a, summary=Summary(lead=a.paragraphs[0].text)) for a in articles])

    monkeypatch.setattr(generator.extract, "extract_articles", spy)
    monkeypatch.delenv("BRIEFING_NO_CACHE", raising=False)
    monkeypatch.chdir(tmp_path)

    def run(published=None):
        paths = sorted(Path("seeds").iterdir())
        articles = pipeline.read_articles(paths, published=published)
        pipeline.extract(articles, Path("facts"), knowledge_dir=Path("knowledge"), published=published)
        return calls[-1]

    return tmp_path, run


def slugs():
    return sorted(p.stem for p in SEEDS)


def test_unchanged_articles_are_not_re_extracted(project):
    root, run = project
    assert run() == slugs()                      # cold: both extracted
    assert (root / "facts" / cache.CACHE_DIR / cache.CACHE_FILE).is_file()
    before = {p: p.stat().st_mtime_ns for p in (root / "facts").rglob("*.yaml")}
    assert run() == []                           # warm: nothing extracted
    assert before == {p: p.stat().st_mtime_ns for p in (root / "facts").rglob("*.yaml")}


def test_a_changed_article_is_re_extracted_alone(project):
    root, run = project
    run()
    changed = root / "seeds" / SEEDS[0].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\nUn paragraphe ajouté à la fin de l'article.\n",
                       encoding="utf-8")
    assert run() == [SEEDS[0].stem]
    assert run() == []


def test_what_the_facts_depend_on_is_in_the_key(project):
    root, run = project
    run()
    assert run(published="2024-01-02") == slugs()          # --published override
    assert run(published="2024-01-02") == []
    kb_file = next((root / "knowledge").glob("*.yaml"))
    kb_file.write_text(kb_file.read_text(encoding="utf-8") + "\n# note\n", encoding="utf-8")
    assert run(published="2024-01-02") == slugs()          # knowledge base changed
    (root / "facts" / SEEDS[1].stem / "quotes.yaml").unlink()
    assert run(published="2024-01-02") == [SEEDS[1].stem]  # a fact file went missing
    (root / "facts" / SEEDS[1].stem / "corrections.yaml").write_text("[]\n", encoding="utf-8")
    assert run(published="2024-01-02") == [SEEDS[1].stem]  # a correction was added


def test_no_cache_env_forces_extraction(project, monkeypatch):
    _root, run = project
    run()
    monkeypatch.setenv("BRIEFING_NO_CACHE", "1")
    assert run() == slugs()


def test_a_warm_cli_run_does_not_import_spacy(project):
    root, run = project
    run()  # facts + cache written under the current key
    code = ("import sys; from generator.cli import app\n"
            "try:\n    app(['extract', *sorted(__import__('glob').glob('seeds/*')), '--out', 'facts', '-q'])\n"
            "except SystemExit as e:\n    assert not e.code, e.code\n"
            "print('spacy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_choose_n_process(monkeypatch):
    monkeypatch.delenv("BRIEFING_PROCESSES", raising=False)
    monkeypatch.setattr(nlp, "_cores", lambda: 2)
    assert nlp.choose_n_process(200) == 2        # measured: 2 workers beat 1 on 2 cores (29.3 -> 24.5 s)
    assert nlp.choose_n_process(5) == 1          # a few articles: not worth starting workers
    monkeypatch.setattr(nlp, "_cores", lambda: 8)
    assert nlp.choose_n_process(5) == 1 and nlp.choose_n_process(200) == 4
    monkeypatch.setenv("BRIEFING_PROCESSES", "2")
    assert nlp.choose_n_process(5) == 2
    assert nlp.choose_n_process(5, requested=1) == 1


# --------------------------------------------------------------------------- the extractor version

@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """A copy of the generator package's sources, to edit without touching the real one."""
    copy = tmp_path / "generator"
    shutil.copytree(Path(cache.PACKAGE), copy, ignore=shutil.ignore_patterns("__pycache__", "templates"))
    return copy


def _version(package: Path) -> str:
    return cache.extractor_version.__wrapped__(package)


def test_changing_how_corrections_apply_changes_the_key(package_copy):
    before = _version(package_copy)
    assert before == _version(package_copy)  # same sources, same key
    corrections = package_copy / "corrections" / "apply.py"
    corrections.write_text(corrections.read_text(encoding="utf-8").replace(
        "def apply_corrections(", "def apply_corrections(  "), encoding="utf-8")
    assert _version(package_copy) != before


def test_a_new_module_counts_once_the_extraction_imports_it(package_copy):
    (package_copy / "extract" / "helper.py").write_text("X = 1\n", encoding="utf-8")
    before = _version(package_copy)
    assert package_copy / "extract" / "helper.py" not in cache.fact_sources(package_copy)
    dates = package_copy / "extract" / "events.py"  # any module of the extract stage
    dates.write_text(dates.read_text(encoding="utf-8") + "\n\ndef _late():\n    from .helper import X\n    return X\n",
                     encoding="utf-8")
    assert package_copy / "extract" / "helper.py" in cache.fact_sources(package_copy)
    after = _version(package_copy)
    (package_copy / "extract" / "helper.py").write_text("X = 2\n", encoding="utf-8")
    assert len({before, after, _version(package_copy)}) == 3


def test_code_that_does_not_shape_facts_is_not_in_the_key(package_copy):
    sources = {p.relative_to(package_copy).as_posix() for p in cache.fact_sources(package_copy)}
    assert {"corrections/apply.py", "corrections/format.py", "extract/dates/patterns.py", "text/fold.py", "partialdate.py", "model.py", "store.py"} <= sources
    assert not {"cli.py", "pipeline.py", "cache.py", "dossier/__init__.py", "dossier/events.py", "exports.py"} & sources
    before = _version(package_copy)
    events = package_copy / "dossier" / "events.py"
    events.write_text(events.read_text(encoding="utf-8") + "# merged later, from the facts\n", encoding="utf-8")
    assert _version(package_copy) == before
