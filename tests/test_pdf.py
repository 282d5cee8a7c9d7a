"""PDF stage (generator/pdf/): real PDFs of a real built site, read back with poppler-utils.

The seed article's PDF must hold every quote and every timeline date label (pdftotext, whitespace
and hyphenation normalised), have a sane page count, a table of contents whose page numbers land on
the right pages, a running title and page numbers on every page, no site chrome, embedded fonts,
links and bookmarks, and a cover that renders to a non-blank image.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import zlib
from pathlib import Path

import pytest

from _pdf_project import OTHER, SEED, built
from generator.render import french_date
from generator.store import read_facts

for tool in ("pdftotext", "pdffonts", "pdftoppm", "pdfinfo"):
    if shutil.which(tool) is None:  # .ci/run installs poppler-utils
        pytest.fail(f"{tool} missing: apt-get install poppler-utils", pytrace=False)


@pytest.fixture(scope="module")
def b():
    return built()


@pytest.fixture(scope="module")
def seed_pdf(b) -> Path:
    return b.site / "pdf" / f"{SEED}.pdf"


def _run(*cmd: str) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True, encoding="utf-8").stdout


def _pages_text(pdf: Path, layout: bool = False) -> list[str]:
    out = _run("pdftotext", *(["-layout"] if layout else []), "-enc", "UTF-8", str(pdf), "-")
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


def _norm(text: str) -> str:
    """Compare text across line breaks and hyphenation: drop spaces and every kind of hyphen."""
    t = unicodedata.normalize("NFKC", text)
    t = t.replace("\u2019", "'").replace("\u02bc", "'")
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", t)


def _page_count(pdf: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", str(pdf)), re.M).group(1))


def _date_labels(b) -> list[str]:
    html = (b.site / SEED / "chronologie" / "index.html").read_text(encoding="utf-8")
    return [re.sub(r"<[^>]+>", "", m) for m in re.findall(r'<time class="bf-date[^"]*"[^>]*>(.*?)</time>', html)]


def test_one_pdf_for_the_dossier_and_one_per_article(b):
    for name in ("dossier", SEED, OTHER):
        pdf = b.site / "pdf" / f"{name}.pdf"
        assert pdf.read_bytes()[:5] == b"%PDF-", pdf
        assert (b.project / "docs" / "pdf" / f"{name}.pdf").is_file()  # rides along in later builds
        assert b.reports[name].pages == _page_count(pdf)
    assert not list((b.site / "pdf").glob("*.part"))


def test_every_quote_and_every_timeline_date_is_in_the_text(b, seed_pdf):
    facts = read_facts(b.project / "facts" / SEED)
    text = _norm("".join(_pages_text(seed_pdf)))
    missing = [q.text for q in facts.quotes if _norm(q.text) not in text]
    assert not missing, f"quotes missing from the PDF: {missing}"
    labels = _date_labels(b)
    assert len(labels) == len(facts.events) > 0
    assert all(_norm(label) in text for label in labels), labels
    dossier = _norm("".join(_pages_text(b.site / "pdf" / "dossier.pdf")))
    assert all(_norm(q.text) in dossier for q in facts.quotes)


def test_page_count_is_sane(b, seed_pdf):
    article, other, dossier = (b.reports[n].pages for n in (SEED, OTHER, "dossier"))
    assert 8 <= article <= 60          # cover + contents + seven site pages at least
    assert 5 <= other <= 60
    # the dossier adds its own pages: chronology, citations, who's who, claims, legal context
    assert max(article, other) < dossier <= article + other + 40


def test_cover_has_title_sources_and_dates(b, seed_pdf):
    facts = read_facts(b.project / "facts" / SEED)
    cover = _norm(_pages_text(seed_pdf)[0])
    assert _norm(facts.article.title) in cover
    assert _norm("Source") in cover and _norm("Document généré par briefing") in cover
    assert _norm("27 avril 2024") in cover  # the reference date (the seed has no publication date)
    assert _norm("État au 27 avril 2024") in cover  # the facts' date, not the day of the run
    dossier_cover = _norm(_pages_text(b.site / "pdf" / "dossier.pdf")[0])
    other = read_facts(b.project / "facts" / OTHER).article
    assert _norm(other.title) in dossier_cover and _norm(facts.article.title) in dossier_cover
    assert _norm(other.source_url or "") in dossier_cover and _norm("publié le") in dossier_cover
    latest = max(str(a.published or a.reference_date) for a in (other, facts.article))
    assert _norm(f"État au {french_date(latest)}") in dossier_cover  # the most recent article's date


def test_a_document_does_not_depend_on_the_day(b):
    """The cover date comes from the facts: a build on another day prints the same document."""
    import datetime as dt

    from generator.pdf import build_documents

    docs = build_documents(b.site, b.project / "facts")
    today = dt.date.today()
    for _title, doc in docs.values():
        assert today.isoformat() not in doc and french_date(today.isoformat()) not in doc
    assert build_documents(b.site, b.project / "facts") == docs


def test_documents_assembled_in_two_processes_are_the_serial_ones(b):
    from generator.pdf import build_documents

    serial = build_documents(b.site, b.project / "facts")
    assert len(serial) >= 3
    assert list(build_documents(b.site, b.project / "facts", parallel=True).items()) == list(serial.items())


def test_table_of_contents_page_numbers_land_on_their_headings(seed_pdf):
    pages = _pages_text(seed_pdf, layout=True)
    toc = pages[1]
    assert "Sommaire" in toc
    entries = re.findall(r"^\s*(\S.*?)(?:\s*\.\s)+\s*(\d+)\s*$", toc, re.M)
    titles = {t.strip(): int(n) for t, n in entries}
    for heading in ("Chronologie", "Citations", "Acteurs", "Qui affirme quoi", "Contexte juridique", "Texte source"):
        assert heading in titles, (heading, toc)
        page = titles[heading]
        assert 3 <= page <= len(pages)
        assert re.search(rf"^\s*{re.escape(heading)}\s*$", pages[page - 1], re.M), (heading, page)


def test_running_title_and_page_number_on_every_page_no_chrome(seed_pdf):
    pages = _pages_text(seed_pdf)
    n = len(pages)
    assert "Page 1 /" not in pages[0]  # the cover has no furniture
    head = _norm("Fabien Roussel demande")
    for i, text in enumerate(pages[1:], start=2):
        assert f"Page {i} / {n}" in text, i
        assert head in _norm(text), i
    everything = "\n".join(pages)
    for chrome in ("Rechercher", "Aller au contenu", "Passer en mode", "Télécharger le PDF", "Version imprimable", "¶"):
        assert chrome not in everything, chrome


def test_french_hyphenation_is_applied(seed_pdf):
    text = "\n".join(_pages_text(seed_pdf))
    # WeasyPrint hyphenates with pyphen's French patterns (lang="fr", hyphens: auto): U+2010 at line end
    assert re.search(r"[a-zé]\u2010\n[a-zé]", text)


def test_every_font_is_embedded(b):
    for name in ("dossier", SEED):
        rows = _run("pdffonts", str(b.site / "pdf" / f"{name}.pdf")).splitlines()[2:]
        assert rows, "no font at all"
        for row in rows:  # name type encoding emb sub uni object ID
            assert row.split()[-5] == "yes", row


def _inflated(pdf: Path) -> bytes:
    data = pdf.read_bytes()
    parts = [data]
    for m in re.finditer(rb"stream\r?\n", data):
        try:
            parts.append(zlib.decompressobj().decompress(data[m.end():m.end() + 4_000_000]))
        except zlib.error:
            pass
    return b"\n".join(parts)


def test_links_and_bookmarks(seed_pdf):
    raw = _inflated(seed_pdf)
    assert b"/Outlines" in raw                                  # PDF bookmarks
    assert len(re.findall(rb"/Subtype\s*/Link", raw)) > 50      # clickable links
    assert re.search(rb"/URI\s*\(https?://127\.0\.0\.1:\d+/briefing-repo/", raw)  # other pages -> online site
    assert re.search(rb"/Dest", raw)                            # in-document links (contents, sources)


def test_cover_renders_to_a_non_blank_png(seed_pdf, tmp_path):
    from PIL import Image, ImageStat

    _run("pdftoppm", "-f", "1", "-l", "1", "-r", "40", "-png", str(seed_pdf), str(tmp_path / "cover"))
    png = next(tmp_path.glob("cover*.png"))
    img = Image.open(png).convert("L")
    assert img.width > 200 and img.height > 300
    assert ImageStat.Stat(img).stddev[0] > 10
    dark = sum(img.histogram()[:200])
    assert dark / (img.width * img.height) > 0.005  # ink on the page, not a white sheet


def test_site_links_to_the_pdfs(b):
    home = (b.site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a [^>]*href="pdf/dossier\.pdf"[^>]*>Télécharger le PDF</a>', home)
    synth = (b.site / SEED / "index.html").read_text(encoding="utf-8")
    assert f'href="../pdf/{SEED}.pdf"' in synth
    assert (b.site / SEED / ".." / "pdf" / f"{SEED}.pdf").resolve().is_file()


def test_unknown_engine_is_a_one_line_error(b):
    from typer.testing import CliRunner

    from generator.cli import app

    res = CliRunner().invoke(app, ["pdf", "--engine", "nope", "--site", str(b.site), "--quiet"])
    assert res.exit_code == 1
    assert "unknown PDF engine" in res.output and res.output.count("\n") <= 1


def test_a_site_built_without_the_print_parts_is_a_one_line_error(b, tmp_path):
    from typer.testing import CliRunner

    from generator.cli import app

    site = tmp_path / "site"
    shutil.copytree(b.site / "print_page", site / "print_page", ignore=shutil.ignore_patterns("articles"))
    res = CliRunner().invoke(app, ["pdf", "--site", str(site), "--facts", str(b.project / "facts"),
                                   "--docs", str(tmp_path / "docs"), "--quiet"])
    assert res.exit_code == 1 and res.output.count("\n") <= 1
    assert "index.json" in res.output and "briefing-print" in res.output
    assert not (site / "pdf" / "dossier.pdf").exists()


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="Debian chromium not installed")
def test_chromium_engine_option(b, tmp_path):
    pytest.importorskip("playwright")
    from generator.pdf import build_documents, chromium_batch

    title, doc = build_documents(b.site, b.project / "facts", only=[OTHER])[OTHER]
    out = tmp_path / "other.pdf"
    base = (b.site / "print_page" / "index.html").as_uri()
    pages, _seconds = chromium_batch({OTHER: (title, doc, out)}, base, workers=1)[OTHER]
    assert pages == _page_count(out) >= 5
    assert all(r.split()[-5] == "yes" for r in _run("pdffonts", str(out)).splitlines()[2:])


def test_an_unchanged_pdf_is_copied_and_a_changed_one_rendered_again(b):
    """`make site` twice renders once: PDFs whose document is unchanged come from docs/pdf/."""
    import json

    from generator.pdf import write_pdfs

    keys_file = b.project / "docs" / "pdf" / ".keys.json"
    keys = json.loads(keys_file.read_text(encoding="utf-8"))
    assert set(keys) == {"dossier", SEED, OTHER}
    keys[OTHER]["key"] = "0" * 64  # as if that article's document had changed
    keys_file.write_text(json.dumps(keys), encoding="utf-8")

    reports = {r.name: r for r in write_pdfs(b.site, b.project / "facts", docs_dir=b.project / "docs")}
    assert reports["dossier"].reused and reports[SEED].reused
    assert not reports[OTHER].reused and reports[OTHER].seconds > 0
    for name, r in reports.items():
        assert r.pages == _page_count(b.site / "pdf" / f"{name}.pdf")
    assert json.loads(keys_file.read_text(encoding="utf-8"))[OTHER]["key"] != "0" * 64


def test_cover_date_is_the_latest_article_date_or_none():
    from generator.model import Article
    from generator.pdf.cover import cover, created_meta

    old = Article(slug="a", title="A", published="2023-11-30")
    new = Article(slug="b", title="B", reference_date="2024-02-01")  # no publication date: its reference date
    undated = Article(slug="c", title="C")
    text = cover("Dossier", "Dossier de presse", [("A", old), ("B", new), ("C", undated)], "")
    assert "État au 1er février 2024" in text and "30 novembre 2023" in text
    assert created_meta([("A", old), ("B", new)]) == '<meta name="dcterms.created" content="2024-02-01">'
    alone = cover("C", "article", [("C", undated)], "")
    assert "État au" not in alone and "Document généré par briefing" in alone
    assert created_meta([("C", undated), ("X", None)]) == ""
