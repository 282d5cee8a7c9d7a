"""PDF stage: print the built site to one PDF for the dossier and one per article.

Input is the print page that mkdocs-print-site-plugin writes (`site/print_page/index.html`: every
page of the site, internal links already rewritten to in-page anchors). We keep its content, drop
the plugin's cover and JavaScript table of contents and the whole Material chrome, and wrap it in a
document of our own: a cover (title, sources, publication dates, date generated), a table of
contents with page numbers, and the print style `templates/pdf.css` (running title and page
numbers on every page, French hyphenation, cards and timeline items kept whole, bookmarks).

Engines: `weasyprint` (default, PyPI only) and `chromium` (Playwright driving Debian's
`/usr/bin/chromium`; its table of contents has no page numbers). The README says why.

PDFs go to `site/pdf/dossier.pdf` and `site/pdf/<slug>.pdf`; the home page and each article's
synthesis link to them ("Télécharger le PDF").
"""

from __future__ import annotations

import copy
import datetime as _dt
import html
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from .errors import BriefingError

ENGINES = ("weasyprint", "chromium")
DEFAULT_ENGINE = "weasyprint"
PDF_SUBDIR = "pdf"
DOSSIER_NAME = "dossier"
PRINT_PAGE = Path("print_page") / "index.html"
CHROMIUM = "/usr/bin/chromium"
_CSS = Path(__file__).with_name("templates") / "pdf.css"
_WS = re.compile(r"\s+")


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


# --------------------------------------------------------------------------- reading the print page

def _classes(el: Any) -> set[str]:
    return set((el.get("class") or "").split())


def _text(el: Any) -> str:
    if el is None:
        return ""
    clone = copy.deepcopy(el)
    for a in clone.xpath('.//*[contains(concat(" ", @class, " "), " headerlink ")]'):
        a.drop_tree()
    return _WS.sub(" ", clone.text_content()).strip()


def _load(site_dir: Path) -> Any:
    from lxml import html as lhtml

    page = site_dir / PRINT_PAGE
    if not page.is_file():
        raise BriefingError(page, "print page not found: build the site first (briefing build)")
    try:
        return lhtml.fromstring(page.read_bytes())
    except Exception as exc:  # lxml raises several types on garbage
        raise BriefingError(page, f"cannot read the print page: {exc}") from None


def _site_url(tree: Any) -> str:
    env = os.environ.get("SITE_URL")
    if env:
        return env if env.endswith("/") else env + "/"
    for link in tree.xpath('//link[@rel="canonical"]'):
        href = link.get("href") or ""
        if href.endswith("print_page/"):
            return href[: -len("print_page/")]
    return ""


def _top_sections(tree: Any) -> list[Any]:
    found = tree.xpath('//*[@id="print-site-page"]')
    if not found:
        raise BriefingError(PRINT_PAGE, "no #print-site-page in the print page (print-site plugin missing?)")
    return _flatten([el for el in found[0] if el.tag == "section" and "print-page" in _classes(el) and el.get("id")])


def _flatten(sections: list[Any]) -> list[Any]:
    """A nav section that only groups other sections ("Articles du dossier") gives way to them,
    so every article stays one part of the PDF whatever the depth of the navigation."""
    out: list[Any] = []
    for el in sections:
        inner = [c for c in el if c.tag == "section" and "md-section" in _classes(c) and c.get("id")]
        if "md-section" in _classes(el) and inner:
            out += _flatten(inner)
        else:
            out.append(el)
    return out


def _page_ids(site_dir: Path) -> dict[str, str]:
    """print-site section id -> URL path of the page ("coco-x-chronologie" -> "coco-x/chronologie/")."""
    ids: dict[str, str] = {}
    for index in site_dir.rglob("index.html"):
        rel = index.parent.relative_to(site_dir).as_posix()
        if rel == ".":
            ids["index"] = ""
        elif rel.split("/")[0] not in {"print_page", "assets", "search", PDF_SUBDIR}:
            ids[rel.replace("/", "-")] = rel + "/"
    return ids


# --------------------------------------------------------------------------- building our document

def _generated_date() -> _dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")  # reproducible builds
    if epoch and epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date()
    return _dt.date.today()


def _date_line(article: Any) -> str:
    from .render import french_date

    if article is None:
        return ""
    if article.published:
        return f"publié le {french_date(article.published)}"
    if article.reference_date:
        return f"sans date de publication (date de référence déduite : {french_date(article.reference_date)})"
    return "date de publication inconnue"


def _cover(title: str, kicker: str, sources: list[tuple[str, Any]], site_url: str) -> str:
    from .render import french_date

    e = html.escape
    items = []
    for fallback_title, art in sources:
        t = art.title if art is not None else fallback_title
        meta = " · ".join(x for x in [(art.outlet if art is not None and art.outlet else "média non précisé"),
                                       _date_line(art)] if x)
        url = art.source_url if art is not None else None
        url_html = (f'<br><a class="pdf-src-url" href="{e(url, quote=True)}">{e(url)}</a>'
                    if url and re.match(r"https?://", url) else "")
        items.append(f'<li><span class="pdf-src-title">{e(t)}</span><br>'
                     f'<span class="pdf-src-meta">{e(meta)}</span>{url_html}</li>')
    online = (f' Version en ligne : <a href="{e(site_url, quote=True)}">{e(site_url)}</a>.'
              if site_url.startswith(("http://", "https://")) else "")
    return (
        '<section class="pdf-cover">'
        f'<p class="pdf-kicker">{e(kicker)}</p>'
        f'<h1 class="pdf-title">{e(title)}</h1>'
        f'<h2>Source{"s" if len(items) > 1 else ""}</h2><ol>{"".join(items)}</ol>'
        f'<p class="pdf-generated">Document généré le {e(french_date(_generated_date().isoformat(), "day"))} '
        f'par briefing : chaque fait renvoie aux mots exacts de l\'article ; les affirmations restent '
        f'attribuées à leurs auteurs.{online}</p>'
        '</section>'
    )


def _toc(entries: list[tuple[int, str, str]]) -> str:
    e = html.escape
    lis = "".join(f'<li class="pdf-toc-{lvl}"><a href="#{e(anchor, quote=True)}">{e(label)}</a></li>'
                  for lvl, label, anchor in entries)
    return f'<nav class="pdf-toc"><h1 id="pdf-sommaire">Sommaire</h1><ul>{lis}</ul></nav>'


def _page(section: Any, h1_class: str, h2_class: str | None, toc: list[tuple[int, str, str]],
          h1_level: int, with_h2: bool) -> Any:
    """A copy of one print-site page section, headings classed for bookmarks, TOC entries added."""
    page = copy.deepcopy(section)
    page.attrib.pop("heading-number", None)
    page.set("class", "pdf-page")
    for h in page.xpath(".//h1|.//h2"):
        hid = h.get("id")
        if h.tag == "h1":
            h.set("class", (h.get("class", "") + " " + h1_class).strip())
            if hid:
                toc.append((h1_level, _text(h), hid))
        elif h2_class:
            h.set("class", (h.get("class", "") + " " + h2_class).strip())
            if with_h2 and hid:
                toc.append((h1_level + 1, _text(h), hid))
    return page


def _document(title: str, kicker: str, sources: list[tuple[str, Any]], body: list[Any],
              toc: list[tuple[int, str, str]], site_url: str, site_dir: Path, base: str) -> str:
    from lxml import html as lhtml

    e = html.escape
    body_html = "".join(lhtml.tostring(el, encoding="unicode") for el in body)
    doc = lhtml.fromstring(
        "<html><body>" + _cover(title, kicker, sources, site_url) + _toc(toc) + body_html + "</body></html>")
    # no chrome, no script, no "download the PDF" button inside the PDF
    for el in doc.xpath('//script|//*[contains(concat(" ", @class, " "), " headerlink ")]'
                        '|//*[contains(concat(" ", @class, " "), " bf-pdf-link ")]'):
        el.drop_tree()
    _fix_links(doc, site_url, _page_ids(site_dir))
    css = _CSS.read_text(encoding="utf-8")
    body_out = lhtml.tostring(doc.body, encoding="unicode")
    return (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
        f'<title>{e(title)}</title>'
        '<meta name="generator" content="briefing (generator/pdf.py)">'
        f'<meta name="dcterms.created" content="{_generated_date().isoformat()}">'
        f'<base href="{e(base, quote=True)}">'
        f"<style>{css}\n@page {{ @top-left {{ content: {_css_string(title)}; }} }}\n"
        "@page cover { @top-left { content: none; } }</style></head>\n"
        f"{body_out}</html>\n"
    )


def _css_string(value: str) -> str:
    """A CSS string literal (running title): quotes, backslashes and control characters escaped."""
    out = "".join(c if c.isprintable() and c not in '\\"<>' else f"\\{ord(c):x} " for c in value)
    return f'"{out}"'


def _fix_links(doc: Any, site_url: str, page_ids: dict[str, str]) -> None:
    """In-document anchors stay; anchors to pages left out of this PDF point to the online site."""
    from urllib.parse import urljoin

    ids = {el.get("id") for el in doc.xpath("//*[@id]")}
    by_length = sorted(page_ids, key=len, reverse=True)
    for a in doc.xpath("//a[@href]"):
        href = a.get("href") or ""
        if href.startswith("#"):
            target = href[1:]
            if target in ids:
                continue
            url = None
            for pid in by_length:
                if target == pid or target.startswith(pid + "-"):
                    frag = target[len(pid) + 1:]
                    url = site_url + page_ids[pid] + (f"#{frag}" if frag else "")
                    break
            if url and site_url.startswith(("http://", "https://")):
                a.set("href", url)
            else:
                del a.attrib["href"]
        elif not re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I):  # relative link to the site
            if site_url.startswith(("http://", "https://")):
                a.set("href", urljoin(site_url + "print_page/", href))
            else:
                del a.attrib["href"]


def _articles_by_slug(facts_dir: Path | None) -> dict[str, Any]:
    if facts_dir is None or not Path(facts_dir).is_dir():
        return {}
    from .store import read_all

    try:
        return {f.article.slug: f.article for f in read_all(Path(facts_dir))}
    except BriefingError:
        return {}


def build_documents(site_dir: Path, facts_dir: Path | None = None,
                    only: Iterable[str] | None = None) -> dict[str, tuple[str, str]]:
    """name -> (title, HTML) for the dossier ("dossier") and every article (its slug)."""
    site_dir = Path(site_dir).resolve()
    tree = _load(site_dir)
    site_url = _site_url(tree)
    base = (site_dir / PRINT_PAGE).as_uri()
    tops = _top_sections(tree)
    articles = _articles_by_slug(facts_dir)
    covers = tree.xpath('//*[@id="print-site-cover-page"]//h1')
    site_title = _text(covers[0]) if covers else "Briefing"

    # article parts: a nav section (md-section) holding <slug>, <slug>-chronologie, ...
    parts: list[tuple[str, str, Any, list[Any]]] = []  # (slug, title, part element or None, pages)
    for top in tops:
        if "md-section" in _classes(top):
            pages = [c for c in top if c.tag == "section" and c.get("id")]
            slug = pages[0].get("id") if pages else top.get("id")
            parts.append((slug, _text(top.find("h1")), top, pages))
    wanted = set(only) if only is not None else None
    docs: dict[str, tuple[str, str]] = {}

    if wanted is None or DOSSIER_NAME in wanted:
        toc: list[tuple[int, str, str]] = []
        body: list[Any] = []
        for top in tops:
            if "md-section" in _classes(top):
                part = copy.deepcopy(top)
                for child in list(part):
                    part.remove(child)
                part.text = None
                part.attrib.pop("heading-number", None)
                part.set("class", "pdf-part pdf-page")
                h1 = copy.deepcopy(top.find("h1"))
                h1.tail = None
                h1.set("class", "pdf-l1")
                h1.set("id", top.get("id"))
                part.append(h1)
                toc.append((1, _text(h1), top.get("id")))
                for c in top:
                    if c.tag == "section" and c.get("id"):
                        part.append(_page(c, "pdf-l2", "pdf-l3", toc, 2, with_h2=False))
                body.append(part)
            else:
                body.append(_page(top, "pdf-l1", "pdf-l2", toc, 1, with_h2=False))
        sources = [(t, articles.get(slug)) for slug, t, _, _ in parts] or [(site_title, None)]
        kicker = f"Dossier de presse · {len(parts)} article{'s' if len(parts) > 1 else ''}"
        docs[DOSSIER_NAME] = (site_title, _document(site_title, kicker, sources, body, toc, site_url, site_dir, base))

    for slug, title, _part, pages in parts:
        if wanted is not None and slug not in wanted:
            continue
        toc = []
        body = [_page(p, "pdf-l1", "pdf-l2", toc, 1, with_h2=True) for p in pages]
        art = articles.get(slug)
        docs[slug] = (title, _document(title, "Briefing sourcé · article", [(title, art)], body, toc,
                                       site_url, site_dir, base))
    return docs


# --------------------------------------------------------------------------- engines

def _count_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def _weasyprint(doc_html: str, base: str, out: Path) -> int:
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


def _chromium(doc_html: str, base: str, out: Path, title: str) -> int:
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
    return _count_pages(out.read_bytes())


def _render_one(engine: str, title: str, doc_html: str, base: str, target: Path) -> tuple[int, float]:
    """Render one PDF to `target` through a temporary file (never half a PDF); (pages, seconds)."""
    tmp = target.with_suffix(".pdf.part")
    t0 = time.perf_counter()
    try:
        pages = _weasyprint(doc_html, base, tmp) if engine == "weasyprint" else _chromium(doc_html, base, tmp, title)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return pages, time.perf_counter() - t0


def _workers(engine: str, jobs: int) -> int:
    if engine != "weasyprint" or jobs < 2:
        return 1  # one browser at a time for chromium
    env = os.environ.get("BRIEFING_PDF_JOBS", "")
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(jobs, int(env) if env.isdigit() else cpus))


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
    docs = build_documents(site_dir, facts_dir, only)
    out_dir = site_dir / PDF_SUBDIR
    out_dir.mkdir(parents=True, exist_ok=True)
    base = (site_dir.resolve() / PRINT_PAGE).as_uri()
    jobs = {name: (title, doc_html, out_dir / f"{name}.pdf") for name, (title, doc_html) in docs.items()}
    reused = _reuse_unchanged(jobs, engine, docs_dir)
    jobs = {name: job for name, job in jobs.items() if name not in reused}
    workers = _workers(engine, len(jobs))
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {name: pool.submit(_render_one, engine, t, h, base, target) for name, (t, h, target) in jobs.items()}
            results = {name: f.result() for name, f in futures.items()}
    else:
        results = {name: _render_one(engine, t, h, base, target) for name, (t, h, target) in jobs.items()}
    reports = list(reused.values())
    for name, (_title, doc_html, target) in jobs.items():
        pages, seconds = results[name]
        reports.append(PdfReport(name, target, pages, target.stat().st_size, seconds, engine))
        if docs_dir is not None:
            copy_dir = Path(docs_dir) / PDF_SUBDIR
            copy_dir.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(target, copy_dir / f"{name}.pdf.part")
            os.replace(copy_dir / f"{name}.pdf.part", copy_dir / f"{name}.pdf")
            _remember(copy_dir, name, _pdf_key(engine, doc_html), pages)
    order = list(docs)
    return sorted(reports, key=lambda r: order.index(r.name))


# --------------------------------------------------------------------------- reuse

_KEYS = ".keys.json"


def _pdf_key(engine: str, doc_html: str) -> str:
    """What a PDF depends on: the document, the print style, this module's code and the engine."""
    import hashlib

    h = hashlib.sha256()
    for part in (engine, doc_html, _CSS.read_text(encoding="utf-8"), Path(__file__).read_text(encoding="utf-8")):
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def _keys(copy_dir: Path) -> dict:
    import json

    try:
        return json.loads((copy_dir / _KEYS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _remember(copy_dir: Path, name: str, key: str, pages: int) -> None:
    import json

    from .yamlio import write_atomic

    keys = _keys(copy_dir)
    keys[name] = {"key": key, "pages": pages}
    write_atomic(copy_dir / _KEYS, json.dumps(keys, indent=1, sort_keys=True) + "\n")


def _reuse_unchanged(jobs: dict, engine: str, docs_dir: Path | None) -> dict[str, PdfReport]:
    """PDFs whose document is unchanged since the copy kept in docs/pdf/ are copied, not rendered
    again (an unchanged dossier costs no PDF time: `make site` twice renders once)."""
    if docs_dir is None or os.environ.get("BRIEFING_NO_CACHE", "") not in ("", "0"):
        return {}
    copy_dir = Path(docs_dir) / PDF_SUBDIR
    keys = _keys(copy_dir)
    reused = {}
    for name, (_title, doc_html, target) in jobs.items():
        kept = copy_dir / f"{name}.pdf"
        entry = keys.get(name) or {}
        if kept.is_file() and entry.get("key") == _pdf_key(engine, doc_html):
            shutil.copyfile(kept, target.with_suffix(".pdf.part"))
            os.replace(target.with_suffix(".pdf.part"), target)
            reused[name] = PdfReport(name, target, int(entry.get("pages", 0)), target.stat().st_size, 0.0, engine, True)
    return reused
