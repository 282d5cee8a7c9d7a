"""Site stage: a rendered tmp project builds with `mkdocs build --strict`, hostile text stays inert."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from _render_sample import make_facts, render_pages
from generator.errors import BriefingError
from generator.site import build_site

ROOT = Path(__file__).resolve().parents[1]


def _project(tmp_path: Path, dossier, kb=None) -> Path:
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "docs" / "assets", tmp_path / "docs" / "assets")
    render_pages(dossier, tmp_path / "docs", kb=kb)
    return tmp_path


def _kb():
    from generator.resources import knowledge_folders, load_knowledge_base

    return load_knowledge_base(knowledge_folders(ROOT / "knowledge"))  # the packaged base and this repository's


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("site")
    project = _project(tmp, [make_facts(), make_facts("second", published=None, title="Second article")], kb=_kb())
    site = build_site(project, quiet=True)
    return project, site


def test_strict_build_passes(built):
    _project_dir, site = built
    assert (site / "index.html").is_file()
    for page in ("", "chronologie/", "citations/", "acteurs/", "affirmations/", "contexte-juridique/",
                 "texte-source/"):
        assert (site / "exemple-lille" / page / "index.html").is_file()
    assert (site / "chronologie" / "index.html").is_file()  # merged timeline (two articles)
    assert (site / "print_page" / "index.html").is_file()
    assert (site / "assets" / "briefing.js").is_file()


def test_hostile_text_is_literal_in_html(built):
    _project_dir, site = built
    page = (site / "exemple-lille" / "texte-source" / "index.html").read_text(encoding="utf-8")
    # the article's words are shown literally…
    assert "&lt;script&gt;alert" in page or "&#60;script&#62;alert" in page
    assert "{{ 7*7 }}" in page or "&#123;&#123; 7&#42;7 &#125;&#125;" in page
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        # …and never become markup: no script from the article, no javascript: link, no image
        assert "<script>alert" not in text, html
        assert not re.search(r"""href=["']?javascript:""", text, re.I), html
        assert "evil.example/x.png\"" not in text and "<img src=\"http://evil" not in text, html
        assert "<b>dénonce</b>" not in text, html
        assert "49" not in re.findall(r"favorisé\s*(\S+)", text), html


def test_fact_links_land_on_ids(built):
    _project_dir, site = built
    src = (site / "exemple-lille" / "texte-source" / "index.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'id="([^"]+)"', src))
    n = 0
    for page in ("", "chronologie/", "citations/", "acteurs/", "affirmations/", "contexte-juridique/"):
        html = (site / "exemple-lille" / page / "index.html").read_text(encoding="utf-8")
        for anchor in re.findall(r'href="(?:\.\./)*(?:exemple-lille/)?texte-source/#([^"]+)"', html):
            assert anchor in ids
            n += 1
    assert n >= 15
    # every segment of q-1 carries its id for the highlighter
    assert re.search(r'data-f="[^"]*\bq-1\b', src)


def test_offline_no_outside_requests(built):
    _project_dir, site = built
    html = (site / "exemple-lille" / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    for m in re.findall(r'<(?:script[^>]+src|link[^>]+rel="(?:stylesheet|preload|preconnect|icon)"[^>]+href)="(https?://[^"]+)"', html):
        pytest.fail(f"outside request: {m}")


def test_abbreviations_and_french_ui(built):
    _project_dir, site = built
    html = (site / "exemple-lille" / "texte-source" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in html
    acteurs = (site / "exemple-lille" / "acteurs" / "index.html").read_text(encoding="utf-8")
    # the glossary is the knowledge base's: its sourced expansion of the regulator's acronym
    expansion = _kb().abbreviations()["Arcom"].replace("'", "&#39;")
    assert f'<abbr title="{expansion}">Arcom</abbr>' in acteurs
    assert "AFP" in acteurs and ">AFP</abbr>" not in acteurs  # no expansion the base does not source


def test_build_failure_is_one_line_error(tmp_path: Path):
    project = _project(tmp_path, [make_facts()])
    page = project / "docs" / "exemple-lille" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[cassé](nulle-part.md)\n", encoding="utf-8")
    with pytest.raises(BriefingError) as exc:
        build_site(project, quiet=True)
    assert exc.value.path == "mkdocs.yml"
    assert "\n" not in str(exc.value) and str(exc.value)


def test_every_environment_variable_the_code_reads_is_documented_in_the_readme():
    """A setting nobody can find is a setting nobody uses: each BRIEFING_* variable read anywhere in
    generator/ appears in the README, in backquotes."""
    root = Path(__file__).resolve().parents[1]
    code = "".join(p.read_text(encoding="utf-8") for p in (root / "generator").rglob("*.py"))
    read = set(re.findall(r"\bBRIEFING_[A-Z_]+\b", code))
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert {"BRIEFING_MKDOCS_JOBS", "BRIEFING_PDF_JOBS", "BRIEFING_PROCESSES"} <= read
    assert sorted(v for v in read if f"`{v}" not in readme) == []
