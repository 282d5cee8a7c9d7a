"""The PDF engines: WeasyPrint (default, PyPI only) and Chromium (Playwright driving Debian's
`/usr/bin/chromium`; its table of contents has no page numbers). The README says why."""

from __future__ import annotations

import html
import os
import queue
import re
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..errors import BriefingError
from ..forked import cpus

ENGINES = ("weasyprint", "chromium")
DEFAULT_ENGINE = "weasyprint"
CHROMIUM = "/usr/bin/chromium"


def count_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def weasyprint(doc_html: str, base: str, out: Path) -> int:
    try:
        from weasyprint import HTML
    except Exception as exc:  # ImportError, or OSError when Pango is missing
        raise BriefingError("weasyprint", f"cannot load WeasyPrint ({exc}); pip install weasyprint, "
                                          "or use --engine chromium") from None
    document = HTML(string=doc_html, base_url=base).render()
    document.write_pdf(out)
    return len(document.pages)


_CHROMIUM_CSS = ("<style>@page { margin: 20mm 17mm; @top-left { content: none } @top-right { content: none }"
                 " @bottom-center { content: none } }</style>")


def chromium_path() -> str | None:
    return os.environ.get("BRIEFING_CHROMIUM") or shutil.which("chromium") or (
        CHROMIUM if Path(CHROMIUM).exists() else None)


def chromium_batch(jobs: dict[str, tuple[str, str, Path]], base: str, workers: int) -> dict[str, tuple[int, float]]:
    """Print name -> (title, HTML, target) with Chromium: `workers` browsers, each launched once and
    taking the next document from a common queue, the longest first (launching a browser per PDF
    cost more than printing it; a fixed share per browser left one printing the dossier alone at
    the end). Each browser runs in a thread of its own, because Playwright's sync API refuses a
    thread that already has an asyncio loop (a caller that itself drives a browser)."""
    from concurrent.futures import ThreadPoolExecutor

    exe = chromium_path()
    if not exe:
        raise BriefingError("chromium", "no chromium executable (set BRIEFING_CHROMIUM or install chromium)")
    todo: queue.SimpleQueue[str] = queue.SimpleQueue()
    for name in sorted(jobs, key=lambda n: -len(jobs[n][1])):
        todo.put(name)
    browsers = max(1, min(workers, len(jobs)))
    with ThreadPoolExecutor(max_workers=browsers) as pool:
        done = pool.map(lambda _k: _print_from(exe, jobs, todo, base), range(browsers))
        return {name: result for part in done for name, result in part.items()}


def _print_from(exe: str, jobs: dict[str, tuple[str, str, Path]], todo: queue.SimpleQueue,
                base: str) -> dict[str, tuple[int, float]]:
    """One browser printing documents from `todo` until it is empty."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise BriefingError("playwright", "the chromium engine needs Playwright: pip install playwright") from None
    results: dict[str, tuple[int, float]] = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=["--allow-file-access-from-files"])
        try:
            page = browser.new_page()
            while True:
                try:
                    name = todo.get_nowait()
                except queue.Empty:
                    break
                title, doc_html, target = jobs[name]
                t0 = time.perf_counter()
                src = Path(tmp) / "document.html"
                # Chromium has no string-set: the running title and page numbers come from its own header/footer
                src.write_text(doc_html.replace("</head>", _CHROMIUM_CSS + "</head>", 1), encoding="utf-8")
                page.goto(src.as_uri(), wait_until="load")
                with staged(target) as part:
                    page.pdf(path=str(part), **_pdf_options(title))
                    pages = count_pages(part.read_bytes())
                results[name] = (pages, time.perf_counter() - t0)
        finally:
            browser.close()
    return results


def _pdf_options(title: str) -> dict:
    small = 'style="font: 8px sans-serif; color: #555; width: 100%; margin: 0 17mm;"'
    return dict(format="A4", print_background=True, prefer_css_page_size=True, display_header_footer=True,
                outline=True, tagged=True, header_template=f'<div {small}>{html.escape(title)}</div>',
                footer_template=f'<div {small} align="center">Page <span class="pageNumber"></span>'
                                ' / <span class="totalPages"></span></div>')


@contextmanager
def staged(target: Path) -> Iterator[Path]:
    """A temporary file renamed to `target` once written: a failed run never leaves half a PDF."""
    tmp = target.with_suffix(".pdf.part")
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def weasyprint_one(title: str, doc_html: str, base: str, target: Path) -> tuple[int, float]:
    """Render one PDF to `target` with WeasyPrint; (pages, seconds)."""
    t0 = time.perf_counter()
    with staged(target) as part:
        pages = weasyprint(doc_html, base, part)
    return pages, time.perf_counter() - t0


def workers(engine: str, jobs: int) -> int:
    """How many WeasyPrint processes or Chromium browsers at once: one per CPU (BRIEFING_PDF_JOBS
    overrides), never more than there are documents."""
    env = os.environ.get("BRIEFING_PDF_JOBS", "")
    return max(1, min(jobs, int(env) if env.isdigit() else cpus()))
