"""PDF stage: print the built site to one PDF for the dossier and one per article.

`document` assembles each print document from the print page of mkdocs-print-site-plugin (`printpage`)
with a cover and a table of contents (`cover`) and the print style `templates/pdf.css` (running
title and page numbers, French hyphenation, cards and timeline items kept whole, bookmarks);
`engines` prints it (WeasyPrint by default, or Chromium); `reuse` copies a PDF whose document is
unchanged instead of printing it again.

PDFs go to `site/pdf/dossier.pdf` and `site/pdf/<slug>.pdf`; the home page and each article's
synthesis link to them ("Télécharger le PDF").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..errors import BriefingError
from .document import DOSSIER_NAME, build_documents
from .engines import DEFAULT_ENGINE, ENGINES, chromium_batch, chromium_path, weasyprint_one, workers
from .printpage import PDF_SUBDIR, PRINT_PAGE
from .reuse import keep, pdf_key, reuse_unchanged

__all__ = ["DEFAULT_ENGINE", "DOSSIER_NAME", "ENGINES", "PDF_SUBDIR", "PRINT_PAGE", "PdfReport",
           "build_documents", "chromium_batch", "chromium_path", "write_pdfs"]


@dataclass
class PdfReport:
    name: str          # "dossier" or an article slug
    path: Path
    pages: int
    size: int          # bytes
    seconds: float
    engine: str
    reused: bool = False  # unchanged since the last run: copied, not rendered

    def line(self) -> str:
        how = "unchanged, not re-rendered" if self.reused else f"{self.seconds:.1f} s"
        return f"{self.path}: {self.pages} pages, {self.size / 1024:.0f} kio, {how} ({self.engine})"


def write_pdfs(site_dir: Path = Path("site"), facts_dir: Path | None = Path("facts"), *,
               engine: str = DEFAULT_ENGINE, only: Iterable[str] | None = None,
               docs_dir: Path | None = None) -> list[PdfReport]:
    """Write site_dir/pdf/dossier.pdf and site_dir/pdf/<slug>.pdf; return one report per PDF.

    WeasyPrint PDFs are rendered in parallel, one process per CPU (BRIEFING_PDF_JOBS overrides).
    With `docs_dir`, each PDF is also copied to docs_dir/pdf/ (git-ignored), so every later
    `mkdocs build` — `mkdocs serve`, `mkdocs gh-deploy`, which clean site/ — carries it as a static
    file. Each PDF is written to a temporary file and renamed: a failed run never leaves half a PDF."""
    if engine not in ENGINES:
        raise BriefingError(engine, f"unknown PDF engine; choose one of {', '.join(ENGINES)}")
    site_dir = Path(site_dir)
    docs = build_documents(site_dir, facts_dir, only, parallel=workers(engine, 2) > 1)
    out_dir = site_dir / PDF_SUBDIR
    out_dir.mkdir(parents=True, exist_ok=True)
    jobs = {name: (title, doc_html, out_dir / f"{name}.pdf") for name, (title, doc_html) in docs.items()}
    reused = reuse_unchanged(jobs, engine, docs_dir)
    reports = [PdfReport(name, jobs[name][2], pages, jobs[name][2].stat().st_size, 0.0, engine, True)
               for name, pages in reused.items()]
    jobs = {name: job for name, job in jobs.items() if name not in reused}
    results = _render_all(jobs, engine, (site_dir.resolve() / PRINT_PAGE).as_uri())
    for name, (_title, doc_html, target) in jobs.items():
        pages, seconds = results[name]
        reports.append(PdfReport(name, target, pages, target.stat().st_size, seconds, engine))
        if docs_dir is not None:
            keep(docs_dir, name, target, pdf_key(engine, doc_html), pages)
    order = list(docs)
    return sorted(reports, key=lambda r: order.index(r.name))


def _render_all(jobs: dict, engine: str, base: str) -> dict[str, tuple[int, float]]:
    """name -> (pages, seconds) for every job: WeasyPrint in parallel processes, Chromium in
    parallel browsers (`workers`)."""
    n = workers(engine, len(jobs))
    if engine == "chromium":
        return chromium_batch(jobs, base, n) if jobs else {}
    if n <= 1:
        return {name: weasyprint_one(t, h, base, target) for name, (t, h, target) in jobs.items()}
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=n) as pool:
        futures = {name: pool.submit(weasyprint_one, t, h, base, target) for name, (t, h, target) in jobs.items()}
        return {name: f.result() for name, f in futures.items()}
