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


def test_a_project_s_own_knowledge_folder_is_read_after_the_packaged_base(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert resources.knowledge_folders() == [resources.packaged_knowledge()]
    _base(tmp_path / "knowledge", ("evenement-x", "Un événement", "Événement X"))
    assert resources.knowledge_folders() == [resources.packaged_knowledge(), Path("knowledge")]
    other = _base(tmp_path / "autre", ("loi-x", "Loi n° 1 du 1er janvier 2001", "Loi X"))
    assert resources.knowledge_folders(other) == [resources.packaged_knowledge(), other]  # named: that one


def _seed_people() -> set[str]:
    """Names of the people of this repository's seed articles, and their surnames (read, not typed)."""
    import yaml

    facts = Path(__file__).resolve().parent.parent / "facts"
    names = {p["name"] for f in facts.glob("*/people.yaml") for p in yaml.safe_load(f.read_text("utf-8")) or []}
    return names | {n.split()[-1] for n in names}


def test_the_packaged_base_is_general_law_and_names_no_one_of_this_repository_s_affair():
    """The packaged base ships to every user: notes about one affair belong to its project's knowledge/."""
    import re

    from generator.knowledge import load_knowledge

    people = _seed_people()
    assert len(people) >= 3, "the seed articles' people.yaml files were not found"
    named = [(e.id, name) for e in load_knowledge(resources.packaged_knowledge())
             for text in [e.summary or "", e.status or "", *e.key_provisions]
             for name in people if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
    assert named == []
