"""The PDFs as a reader holds them: `briefing pdf` prints the fresh project of the browser tests
(every seed, the dossier's pages included), and poppler's `pdftotext` reads every PDF back.

No raw Markdown reaches paper, and the running header holds the document's title on one side and
the current section on the other, each on one line (never the title twice).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from .test_site_in_browser import RAW_MARKDOWN, _raw_markdown

TOP_MARGIN_PT = 20 / 25.4 * 72   # pdf.css: @page margin-top 20mm
SIDE_MARGIN_PT = 17 / 25.4 * 72  # and 17mm left and right
# the seven pages of an article, by their headings (SPEC.md "The site"); Synthèse is headed by the title
ARTICLE_SECTIONS = {"Synthèse", "Chronologie", "Citations", "Acteurs", "Qui affirme quoi",
                    "Contexte juridique", "Texte source"}


@pytest.fixture(scope="module")
def pdfs(project) -> dict[str, Path]:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext missing (Debian package poppler-utils)")
    done = subprocess.run([sys.executable, "-m", "generator", "pdf", "--quiet"], cwd=project,
                          capture_output=True, text=True, timeout=600,
                          env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-3000:]
    found = {p.stem: p for p in sorted((project / "site" / "pdf").glob("*.pdf"))}
    assert "dossier" in found and len(found) >= 3, found
    return found


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def _title(pdf: Path) -> str:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return re.search(r"^Title:\s*(.*)$", info, re.M).group(1).strip()


def _header_lines(pdf: Path) -> list[tuple[float, list[dict]]]:
    """Per page: (page width, the text lines printed in the top margin, left to right)."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    root = etree.fromstring(xml, etree.XMLParser(recover=True))
    pages = []
    for page in root.iter("{*}page"):
        lines = []
        for line in page.iter("{*}line"):
            if float(line.get("yMax")) < TOP_MARGIN_PT:
                words = [w.text or "" for w in line.iter("{*}word")]
                lines.append({"text": " ".join(words), "x0": float(line.get("xMin")),
                              "x1": float(line.get("xMax")), "y": float(line.get("yMin"))})
        pages.append((float(page.get("width")), sorted(lines, key=lambda ln: ln["x0"])))
    return pages


def test_no_pdf_prints_raw_markdown(pdfs):
    problems = []
    for name, pdf in pdfs.items():
        text = _text(pdf)
        assert len(text) > 2000, f"{name}.pdf has almost no text"
        problems += [f"{name}.pdf: {hit}" for hit in _raw_markdown(text)]
        if "markdown=" in text:
            problems.append(f"{name}.pdf: prints a markdown= attribute")
    print(f"\n{len(pdfs)} PDFs checked for raw Markdown ({', '.join(RAW_MARKDOWN)}, markdown=)")
    assert not problems, "\n".join(problems[:40])


def test_running_header_title_one_side_section_other_one_line_each(pdfs):
    problems = []
    for name, pdf in pdfs.items():
        title = _title(pdf)
        start = " ".join(title.split()[:3])
        sections = set()
        for n, (width, lines) in enumerate(_header_lines(pdf), 1):
            if n == 1:
                assert not lines, f"{name}.pdf: the cover has a running header {lines}"
                continue
            where = f"{name}.pdf p. {n}"
            if not lines or not lines[0]["text"].startswith(start):
                problems.append(f"{where}: header does not start with the title: {lines}")
                continue
            if len({round(ln["y"]) for ln in lines}) != 1 or len(lines) > 2:
                problems.append(f"{where}: header on more than one line: {[ln['text'] for ln in lines]}")
            if any(ln["x1"] > width - SIDE_MARGIN_PT + 1 or ln["x0"] < SIDE_MARGIN_PT - 1 for ln in lines):
                problems.append(f"{where}: header runs into the page edge")
            if len(lines) == 2:
                right = lines[1]["text"]
                if right.startswith(start):
                    problems.append(f"{where}: the title twice in the header ({right!r})")
                sections.add(right)
        if name != "dossier" and not sections <= ARTICLE_SECTIONS:
            problems.append(f"{name}.pdf: header sections {sorted(sections - ARTICLE_SECTIONS)} are not page names")
        if len(sections) < 3:
            problems.append(f"{name}.pdf: the header names only {sorted(sections)}")
    assert not problems, "\n".join(problems[:40])


def test_the_dossier_pdf_holds_the_dossier_wide_pages(pdfs, project):
    """Every dossier page of the site (its h1) is in dossier.pdf, the speaker pages included."""
    text = " ".join(_text(pdfs["dossier"]).split())
    heads = []
    for page in ("chronologie", "citations", "acteurs", "affirmations", "contexte-juridique"):
        html = (project / "site" / page / "index.html").read_text(encoding="utf-8")
        heads.append(" ".join(re.sub(r"<[^>]+>|&para;", "", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)).split()))
    assert "Citations du dossier" in heads and "Qui affirme quoi dans le dossier" in heads
    missing = [h for h in heads if h not in text]
    assert not missing, missing
