"""The PDF engines: WeasyPrint (default, PyPI only) and Chromium (Playwright driving Debian's
`/usr/bin/chromium`; its table of contents has no page numbers). The README says why."""

from __future__ import annotations

import html
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from ..errors import BriefingError

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


def chromium(doc_html: str, base: str, out: Path, title: str) -> int:
    """Print with Chromium; in a thread of its own, because Playwright's sync API refuses to run
    in a thread that already has an asyncio loop (e.g. a caller that itself drives a browser)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_chromium_in_thread, doc_html, base, out, title).result()


def _chromium_in_thread(doc_html: str, base: str, out: Path, title: str) -> int:
    exe = chromium_path()
    if not exe:
        raise BriefingError("chromium", "no chromium executable (set BRIEFING_CHROMIUM or install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise BriefingError("playwright", "the chromium engine needs Playwright: pip install playwright") from None
    # Chromium has no string-set: the running title and page numbers come from its own header/footer
    doc_html = doc_html.replace("</head>", _CHROMIUM_CSS + "</head>", 1)
    small = 'style="font: 8px sans-serif; color: #555; width: 100%; margin: 0 17mm;"'
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "document.html"
        src.write_text(doc_html, encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=exe, args=["--allow-file-access-from-files"])
            try:
                page = browser.new_page()
                page.goto(src.as_uri(), wait_until="load")
                page.pdf(path=str(out), format="A4", print_background=True, prefer_css_page_size=True,
                         display_header_footer=True, outline=True, tagged=True,
                         header_template=f'<div {small}>{html.escape(title)}</div>',
                         footer_template=f'<div {small} align="center">Page <span class="pageNumber"></span>'
                                         ' / <span class="totalPages"></span></div>')
            finally:
                browser.close()
    return count_pages(out.read_bytes())


def render_one(engine: str, title: str, doc_html: str, base: str, target: Path) -> tuple[int, float]:
    """Render one PDF to `target` through a temporary file (never half a PDF); (pages, seconds)."""
    tmp = target.with_suffix(".pdf.part")
    t0 = time.perf_counter()
    try:
        pages = weasyprint(doc_html, base, tmp) if engine == "weasyprint" else chromium(doc_html, base, tmp, title)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return pages, time.perf_counter() - t0


def workers(engine: str, jobs: int) -> int:
    """How many WeasyPrint processes at once: one per CPU (BRIEFING_PDF_JOBS overrides); one
    browser at a time for chromium."""
    if engine != "weasyprint" or jobs < 2:
        return 1
    env = os.environ.get("BRIEFING_PDF_JOBS", "")
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(jobs, int(env) if env.isdigit() else cpus))
