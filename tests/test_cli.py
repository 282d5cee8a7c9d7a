"""The CLI end to end: real files in, real site out; bad input gives one line and loses nothing."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.partialdate import PartialDate

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "coco-gg-roussel-darmanin.txt"


def briefing(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A fresh project folder holding what a clone holds: config, assets, knowledge, one seed."""
    root = tmp_path_factory.mktemp("project")
    shutil.copy(ROOT / "mkdocs.yml", root)
    shutil.copytree(ROOT / "docs" / "assets", root / "docs" / "assets")
    shutil.copytree(ROOT / "knowledge", root / "knowledge")
    (root / "seeds").mkdir()
    shutil.copy(SEED, root / "seeds")
    done = briefing("build", "--quiet", cwd=root)
    assert done.returncode == 0, done.stderr
    return root


def test_build_writes_every_page_of_the_spec(project):
    site = project / "site" / "coco-gg-roussel-darmanin"
    for page in ("", "chronologie/", "citations/", "acteurs/", "affirmations/", "contexte-juridique/", "texte-source/"):
        assert (site / page / "index.html").is_file(), page
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "Fabien Roussel demande à Gérald Darmanin de fermer le site de rencontre Coco.gg" in home


def test_a_quote_links_to_its_words_in_the_source(project):
    html = (project / "site" / "coco-gg-roussel-darmanin" / "citations" / "index.html").read_text(encoding="utf-8")
    assert "la domiciliation du site à Guernesey complique les investigations" in html
    links = set(re.findall(r'href="\.\./texte-source/#(q-\d+)"', html))
    assert links, "no quote links to Texte source"
    source = (project / "site" / "coco-gg-roussel-darmanin" / "texte-source" / "index.html").read_text(encoding="utf-8")
    for anchor in links:
        assert f'id="{anchor}"' in source


def test_the_timeline_lists_dates_in_order_at_their_precision(project):
    gold = yaml.safe_load((ROOT / "tests" / "gold" / f"{SEED.stem}.gold.yaml").read_text(encoding="utf-8"))
    required = sorted(PartialDate.parse(e["date"]) for e in gold["events"] if not e.get("optional"))
    html = (project / "site" / "coco-gg-roussel-darmanin" / "chronologie" / "index.html").read_text(encoding="utf-8")
    timeline = html[html.index('class="bf-timeline"'):]
    shown = re.findall(r'<time class="bf-date"[^>]*>([^<]+)</time>', timeline)
    labels = [d.label() for d in required]  # "janvier 2023" for a month, "27 avril 2024" for a day
    assert set(labels) <= set(shown), shown  # every date the article gives, at its precision
    assert [s for s in shown if s in labels] == labels  # in chronological order
    assert "1 janvier 2023" not in html  # a month is never shown as a day


def test_running_twice_leaves_facts_byte_identical(project):
    before = snapshot(project / "facts")
    done = briefing("extract", "seeds/coco-gg-roussel-darmanin.txt", "--out", "facts", "-q", cwd=project)
    assert done.returncode == 0, done.stderr
    assert snapshot(project / "facts") == before


@pytest.mark.parametrize("name,content,message", [
    ("missing.txt", None, "file not found"),
    ("empty.txt", b"", "file is empty"),
    ("binary.txt", bytes(range(256)) * 8, "binary"),
])
def test_bad_input_gives_one_line_and_keeps_facts(project, name, content, message):
    before = snapshot(project / "facts")
    bad = project / name
    if content is not None:
        bad.write_bytes(content)
    done = briefing("extract", name, "--out", "facts", cwd=project)
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and message in lines[0], done.stderr
    assert "Traceback" not in done.stderr
    assert snapshot(project / "facts") == before


def test_schema_command_writes_a_json_schema_per_fact_file(tmp_path):
    done = briefing("schema", "--out", str(tmp_path), cwd=ROOT)
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in tmp_path.glob("*.schema.json"))
    assert "quotes.schema.json" in names and "events.schema.json" in names and len(names) == 9
    assert '"speaker"' in (tmp_path / "quotes.schema.json").read_text(encoding="utf-8")
