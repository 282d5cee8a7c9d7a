"""A seed removed from seeds/ is removed everywhere (generator/removed.py, run by `briefing build`):
real CLI runs (`briefing build` then `briefing pdf`, as `make site`) on a fresh project of two
seeds; one is deleted, the project is built again, and neither its slug nor its title is left in
facts/, docs/ or site/ (PDF text included), while its corrections.yaml is kept aside."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
KEEP, DROP = "roussel-coco-yahoo", "tetu-coco-fermeture"


def briefing(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})


def make_site(root: Path, stages=("build", "pdf")) -> str:
    out = ""
    for stage in stages:
        done = briefing(stage, "--quiet", cwd=root)
        assert done.returncode == 0, done.stderr[-3000:]
        out += done.stderr
    return out


def _texts(root: Path):
    """(path, text) of every file under facts/, docs/ and site/; PDFs read with pdftotext."""
    for top in ("facts", "docs", "site"):
        for path in sorted((root / top).rglob("*")):
            if not path.is_file():
                continue
            if path.suffix == ".pdf":
                text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
            else:
                text = path.read_bytes().decode("utf-8", errors="replace")
            yield path.relative_to(root), text


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("removed")
    shutil.copy(ROOT / "mkdocs.yml", root)
    shutil.copytree(ROOT / "docs" / "assets", root / "docs" / "assets")
    shutil.copytree(ROOT / "knowledge", root / "knowledge")
    (root / "seeds").mkdir()
    for slug in (KEEP, DROP):
        shutil.copy(ROOT / "seeds" / f"{slug}.md", root / "seeds")
    make_site(root)
    return root


def test_a_removed_seed_leaves_nothing_but_its_corrections_set_aside(project):
    title = yaml.safe_load((project / "facts" / DROP / "article.yaml").read_text(encoding="utf-8"))["title"]
    first_quote = yaml.safe_load((project / "facts" / DROP / "quotes.yaml").read_text(encoding="utf-8"))[0]
    corrections = f"- review: {first_quote['id']}\n  note: relu par une personne\n"
    (project / "facts" / DROP / "corrections.yaml").write_text(corrections, encoding="utf-8")
    before = [p for p, t in _texts(project) if DROP in t or title in t]
    assert len(before) > 10  # the check below can see the article when it is there

    (project / "seeds" / f"{DROP}.md").unlink()
    said = make_site(project)

    lines = [ln for ln in said.splitlines() if DROP in ln]
    assert len(lines) == 1 and "removed" in lines[0] and ".removed" in lines[0], said
    kept = project / "facts" / ".removed" / DROP / "corrections.yaml"
    assert kept.read_text(encoding="utf-8") == corrections
    left = [str(p) for p, t in _texts(project)
            if (DROP in t or title in t) and not str(p).startswith(f"facts/.removed/{DROP}")]
    assert not left, left
    # the other article is still published, in the dossier too
    assert (project / "site" / KEEP / "index.html").is_file() and (project / "site" / "pdf" / f"{KEEP}.pdf").is_file()


def test_corrections_come_back_with_the_seed(project):
    kept = project / "facts" / ".removed" / DROP / "corrections.yaml"
    assert kept.is_file(), "run after the removal test"
    text = kept.read_text(encoding="utf-8")
    shutil.copy(ROOT / "seeds" / f"{DROP}.md", project / "seeds")
    said = make_site(project, stages=("build",))
    assert "corrections restored" in said
    assert (project / "facts" / DROP / "corrections.yaml").read_text(encoding="utf-8") == text
    assert not kept.exists()
    reviewed = yaml.safe_load((project / "facts" / DROP / "quotes.yaml").read_text(encoding="utf-8"))[0]
    assert reviewed["reviewed"] is True  # applied again on this run
