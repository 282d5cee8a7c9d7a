"""generator/project.py (`briefing new`): the project it writes is this repository's own set-up
(same mkdocs.yml but the site name, same Pages workflow), and it never writes over anything."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.errors import BriefingError
from generator.project import new_project

ROOT = Path(__file__).resolve().parents[1]


class _EnvLoader(yaml.SafeLoader):
    """mkdocs.yml uses `!ENV [VAR, default]`; keep the tag's value to compare it."""


_EnvLoader.add_constructor("!ENV", lambda loader, node: ("!ENV", loader.construct_sequence(node)))


def _config(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_EnvLoader)


def test_writes_a_ready_project(tmp_path):
    written = new_project(tmp_path / "dossier")
    assert {str(p) for p in written} >= {"mkdocs.yml", "seeds/LISEZMOI.md", ".gitignore", "Makefile",
                                         "requirements.txt", ".github/workflows/pages.yml",
                                         "docs/assets/briefing.css", "docs/assets/briefing.js"}
    for rel in written:
        path = tmp_path / "dossier" / rel
        assert path.is_file() and not path.is_symlink() and path.stat().st_size > 0, rel


def test_mkdocs_yml_is_this_repositorys_but_for_the_site_name(tmp_path):
    new_project(tmp_path / "a", name="Affaire du pont : « dossier »")
    ours, theirs = _config(ROOT / "mkdocs.yml"), _config(tmp_path / "a" / "mkdocs.yml")
    assert theirs.pop("site_name") == "Affaire du pont : « dossier »"
    assert theirs == ours
    assert ours["theme"]["name"] == "material" and ours["theme"]["language"] == "fr"
    assert ours["theme"]["font"] is False  # offline: no Google Fonts
    assert {"search", "print-site"} <= {next(iter(p)) if isinstance(p, dict) else p for p in ours["plugins"]}


def test_without_a_name_mkdocs_yml_is_identical(tmp_path):
    new_project(tmp_path / "a")
    assert (tmp_path / "a" / "mkdocs.yml").read_bytes() == (ROOT / "mkdocs.yml").read_bytes()


def test_the_pages_workflow_is_this_repositorys_and_runs_make_site_there_too(tmp_path):
    new_project(tmp_path / "a")
    workflow = tmp_path / "a" / ".github" / "workflows" / "pages.yml"
    assert workflow.read_bytes() == (ROOT / ".github" / "workflows" / "pages.yml").read_bytes()
    steps = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"]["build"]["steps"]
    assert any(s.get("run") == "make site" for s in steps)
    make = (tmp_path / "a" / "Makefile").read_text(encoding="utf-8")
    assert "\n\t$(BIN)/briefing build\n\t$(BIN)/briefing pdf\n" in make.split("\nsite:", 1)[1]


def test_site_assets_are_the_ones_this_site_uses(tmp_path):
    new_project(tmp_path / "a")
    for name in ("briefing.css", "briefing.js"):
        assert (tmp_path / "a" / "docs" / "assets" / name).read_bytes() == (ROOT / "docs" / "assets" / name).read_bytes()


def test_the_seeds_note_says_how_to_add_articles(tmp_path):
    new_project(tmp_path / "a")
    note = (tmp_path / "a" / "seeds" / "LISEZMOI.md").read_text(encoding="utf-8")
    assert "briefing add https://" in note and "briefing build" in note


def test_ignores_what_the_build_writes(tmp_path):
    new_project(tmp_path / "a")
    ignored = (tmp_path / "a" / ".gitignore").read_text(encoding="utf-8").split()
    assert {"site/", ".venv/", "docs/pdf/", ".cache/"} <= set(ignored)


def test_an_empty_folder_is_fine(tmp_path):
    (tmp_path / "vide").mkdir()
    new_project(tmp_path / "vide")
    assert (tmp_path / "vide" / "mkdocs.yml").is_file()


def test_a_non_empty_folder_is_refused_and_left_alone(tmp_path):
    (tmp_path / "plein").mkdir()
    (tmp_path / "plein" / "notes.txt").write_text("à garder", encoding="utf-8")
    with pytest.raises(BriefingError, match="plein: folder is not empty"):
        new_project(tmp_path / "plein")
    assert [p.name for p in (tmp_path / "plein").iterdir()] == ["notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plein"]  # no staging folder left behind


def test_a_file_in_the_way_is_refused(tmp_path):
    (tmp_path / "x").write_text("", encoding="utf-8")
    with pytest.raises(BriefingError, match="exists and is not a folder"):
        new_project(tmp_path / "x")
