"""generator/resources.py: packaged data is found from the package, not from the current folder,
and the knowledge base is never silently missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import resources
from generator.errors import BriefingError

ENTRY = """- id: {id}
  kind: law
  official_title: {title}
  short_name: {short}
  sources: [{{url: 'https://www.legifrance.gouv.fr/'}}]
"""


def _base(folder: Path, *entries: tuple[str, str, str]) -> Path:
    folder.mkdir()
    (folder / "base.yaml").write_text("".join(ENTRY.format(id=i, title=t, short=s) for i, t, s in entries),
                                      encoding="utf-8")
    return folder


def test_packaged_data_does_not_depend_on_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert (resources.templates_dir() / "synthese.md.j2").is_file()
    assert resources.print_css().read_text(encoding="utf-8").strip()
    assert "theme:" in resources.mkdocs_template().read_text(encoding="utf-8")
    assert (resources.site_assets() / "briefing.css").is_file()


def test_the_packaged_knowledge_base_is_there_and_readable(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    kb = resources.load_knowledge_base(resources.knowledge_folders())
    assert kb.get("loi-2024-449-sren") is not None and len(kb) >= 20


def test_a_named_folder_adds_entries_and_a_same_id_entry_replaces_the_packaged_one(tmp_path):
    first = _base(tmp_path / "a", ("loi-x", "Loi n° 1 du 1er janvier 2001", "Loi X"),
                  ("loi-y", "Loi n° 2 du 2 janvier 2002", "Loi Y"))
    second = _base(tmp_path / "b", ("loi-y", "Loi n° 2 du 2 janvier 2002 (corrigée)", "Loi Y"),
                   ("loi-z", "Loi n° 3 du 3 janvier 2003", "Loi Z"))
    kb = resources.load_knowledge_base([first, second])
    assert [e.id for e in kb] == ["loi-x", "loi-y", "loi-z"]
    assert kb.get("loi-y").official_title.endswith("(corrigée)")


def test_knowledge_folders_add_to_or_replace_the_packaged_base(tmp_path):
    mine = _base(tmp_path / "mine", ("loi-x", "Loi n° 1 du 1er janvier 2001", "Loi X"))
    assert resources.knowledge_folders(mine) == [resources.packaged_knowledge(), mine]
    assert resources.knowledge_folders(mine, replace=True) == [mine]


def test_a_named_folder_that_is_not_there_is_an_error(tmp_path):
    with pytest.raises(BriefingError, match="absent: knowledge folder not found"):
        resources.knowledge_folders(tmp_path / "absent")


def test_replacing_with_nothing_is_an_error():
    with pytest.raises(BriefingError, match="needs --knowledge DIR"):
        resources.knowledge_folders(None, replace=True)
