"""Command line: `briefing extract | render | build | pdf | check | serve | schema`.

Every bad input ends as one line on stderr, `error: FILE: problem`, and exit status 1;
no traceback reaches the user.
"""

from __future__ import annotations

import json
import sys
import time
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from .errors import BriefingError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Turn French news articles into a sourced briefing site.")
err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors (for CI).")]


def _fail(exc: BriefingError) -> None:
    err.print(f"error: {exc}", markup=False)
    raise typer.Exit(1)


def _warn(message: str) -> None:
    """A problem that does not stop the run (printed even with --quiet: never silently dropped)."""
    err.print(f"warning: {message}", markup=False)


MaxSize = Annotated[float, typer.Option("--max-size", help="Refuse article files larger than this many MB.")]
DEFAULT_MAX_MB = 5.0  # ingest.read_article's documented limit (5 MB of text is ~800 pages)


def _read(read_article, path: Path, **kwargs):
    """read_article, with a last safety net: even an unforeseen failure on a strange file is one
    line naming the file, never a traceback (tests/test_bad_input.py and the ingest property tests
    look for such failures, so they are fixed where they happen)."""
    try:
        return read_article(path, **kwargs)
    except BriefingError:
        raise
    except Exception as exc:  # noqa: BLE001 - reported, not hidden
        raise BriefingError(path, f"cannot read this file ({type(exc).__name__}: {exc})") from None


def _corrected(facts: list, facts_dir: Path) -> list:
    """Apply each article's human corrections (facts/<slug>/corrections.yaml) to its new facts."""
    from .corrections import apply_corrections_file

    out_facts = []
    for f in facts:
        f, warnings = apply_corrections_file(f, facts_dir)
        for w in warnings:
            _warn(w)
        out_facts.append(f)
    return out_facts


def _articles_in(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise BriefingError(folder, "seeds folder not found")
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
    if not files:
        raise BriefingError(folder, "no article (.txt, .md, .html) in the folder")
    return files


def _knowledge(folder: Path):
    """The knowledge base, read once per command even when extract and render both need it
    (keyed on the files' sizes and times, so an edited file is read again)."""
    if not folder.is_dir():
        return None
    stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.glob("*.yaml")))
    return _load_knowledge(folder.resolve(), stamp)


@lru_cache(maxsize=4)
def _load_knowledge(folder: Path, stamp: tuple):
    from .knowledge import load_knowledge

    return load_knowledge(folder)


def _extract(paths: list[Path], facts_dir: Path, *, slug: str | None, published: str | None,
             knowledge: Path, quiet: bool, max_mb: float = DEFAULT_MAX_MB) -> list[str]:
    """Read every article first (bad input stops the run before anything is written), then write
    every article's facts as one step (staged, then renamed into place: a crash loses nothing)."""
    from . import cache
    from .batch import extract_many
    from .ingest import read_article
    from .language import language_warning
    from .store import write_dossier

    if slug and len(paths) > 1:
        raise BriefingError(paths[1], "--slug names one article; give one file with it")
    articles = [_read(read_article, p, slug=slug, published=published, max_bytes=int(max_mb * 1_000_000))
                for p in paths]
    for a, p in zip(articles, paths):
        if (problem := language_warning(a)) is not None:
            _warn(f"{p}: {problem}")
    seen: dict[str, Path] = {}
    for a, p in zip(articles, paths):
        if a.slug in seen:
            raise BriefingError(p, f"slug '{a.slug}' is also the slug of {seen[a.slug]}; rename one file or pass --slug")
        seen[a.slug] = p
    plan = cache.plan(articles, facts_dir, knowledge_dir=knowledge, published=published)  # unchanged: not re-extracted
    kb = _knowledge(knowledge) if plan.to_extract else None  # loaded only when something is extracted
    facts = extract_many(plan.to_extract, kb, quiet=quiet)  # gather everything, then write
    facts = _corrected(facts, facts_dir)
    write_dossier(facts, facts_dir)
    for f in facts:
        if not quiet:
            out.print(f"{f.article.slug}: {len(f.people)} personnes, {len(f.quotes)} citations, "
                      f"{len(f.events)} événements, {len(f.legal)} références juridiques -> {facts_dir / f.article.slug}")
    cache.record(plan, [f.article.slug for f in facts])
    if plan.cached and not quiet:
        out.print(f"{len(plan.cached)} article(s) inchangé(s) : faits repris de {facts_dir} sans nouvelle extraction")
    return [a.slug for a in articles]


@app.command()
def extract(
    articles: Annotated[list[Path], typer.Argument(help="Article files (.txt, .md, .html).")],
    out_dir: Annotated[Path, typer.Option("--out", help="Facts folder; one sub-folder per article.")] = Path("facts"),
    slug: Annotated[Optional[str], typer.Option(help="Slug for a single article (default: from the file name).")] = None,
    published: Annotated[Optional[str], typer.Option(help="Publication date YYYY-MM-DD (overrides front matter).")] = None,
    knowledge: Annotated[Path, typer.Option(help="Knowledge base folder (legal context).")] = Path("knowledge"),
    max_mb: MaxSize = DEFAULT_MAX_MB,
    quiet: Quiet = False,
) -> None:
    """Extract facts from articles into FACTS_DIR/<slug>/*.yaml."""
    try:
        _extract(articles, out_dir, slug=slug, published=published, knowledge=knowledge, quiet=quiet, max_mb=max_mb)
    except BriefingError as exc:
        _fail(exc)


def _render(facts_dir: Path, docs_dir: Path, knowledge: Path) -> tuple[int, list[Path]]:
    """Merge the dossier and make the exports, then hand them to the render stage."""
    from .dossier import build_dossier
    from .exports import make_exports
    from .render import default_site_name, render_docs, site_articles
    from .store import read_all

    kb = _knowledge(knowledge)
    articles = site_articles(read_all(facts_dir))
    dossier = build_dossier(articles, kb)
    name = default_site_name(articles)
    exported = make_exports(articles, dossier, name)
    return len(articles), render_docs(articles, dossier, exported, docs_dir, site_name=name, kb=kb)


@app.command()
def render(
    facts_dir: Annotated[Path, typer.Option("--facts", help="Facts folder.")] = Path("facts"),
    docs_dir: Annotated[Path, typer.Option("--docs", help="MkDocs docs folder to write.")] = Path("docs"),
    knowledge: Annotated[Path, typer.Option(help="Knowledge base folder.")] = Path("knowledge"),
    quiet: Quiet = False,
) -> None:
    """Render fact files into Markdown pages under docs/."""
    try:
        count, written = _render(facts_dir, docs_dir, knowledge)
    except BriefingError as exc:
        _fail(exc)
    if not quiet:
        out.print(f"{count} article(s) rendered, {len(written)} page(s) written to {docs_dir}")


@app.command()
def build(
    seeds: Annotated[Path, typer.Option(help="Folder of articles.")] = Path("seeds"),
    facts_dir: Annotated[Path, typer.Option("--facts", help="Facts folder.")] = Path("facts"),
    docs_dir: Annotated[Path, typer.Option("--docs", help="Docs folder.")] = Path("docs"),
    knowledge: Annotated[Path, typer.Option(help="Knowledge base folder.")] = Path("knowledge"),
    max_mb: MaxSize = DEFAULT_MAX_MB,
    quiet: Quiet = False,
) -> None:
    """All stages: extract seeds/, render docs/, build site/ with `mkdocs build --strict`."""
    from .site import build_site

    try:
        t0 = time.perf_counter()
        _extract(_articles_in(seeds), facts_dir, slug=None, published=None, knowledge=knowledge, quiet=quiet,
                 max_mb=max_mb)
        t1 = time.perf_counter()
        _render(facts_dir, docs_dir, knowledge)
        t2 = time.perf_counter()
        site = build_site(Path.cwd(), quiet=quiet)
        t3 = time.perf_counter()
    except BriefingError as exc:
        _fail(exc)
    if not quiet:
        out.print(f"site built in {site}  (extract {t1 - t0:.1f} s, render {t2 - t1:.1f} s, mkdocs {t3 - t2:.1f} s)")


@app.command()
def check(
    facts_dir: Annotated[Path, typer.Argument(help="Facts folder (or one article's folder).")] = Path("facts"),
    quiet: Quiet = False,
) -> None:
    """Validate every fact file and corrections.yaml: one `file:line: message` line per error."""
    from .check import check_facts

    try:
        folders, errors = check_facts(facts_dir)
    except BriefingError as exc:
        _fail(exc)
    for e in errors:
        err.print(f"error: {e}", markup=False)
    if errors:
        raise typer.Exit(1)
    if not quiet:
        out.print(f"{len(folders)} article(s) checked in {facts_dir}: no error")


@app.command()
def serve(addr: Annotated[str, typer.Option(help="host:port")] = "127.0.0.1:8000") -> None:
    """Serve the site with live reload (`mkdocs serve`)."""
    from .site import serve_site

    try:
        serve_site(Path.cwd(), dev_addr=addr)
    except BriefingError as exc:
        _fail(exc)


@app.command()
def pdf(
    engine: Annotated[str, typer.Option(help="weasyprint (default, PyPI only) or chromium (Playwright + Debian's chromium).")] = "weasyprint",
    site_dir: Annotated[Path, typer.Option("--site", help="Built site folder; PDFs go to SITE/pdf/.")] = Path("site"),
    facts_dir: Annotated[Path, typer.Option("--facts", help="Facts folder (cover: sources, dates).")] = Path("facts"),
    docs_dir: Annotated[Path, typer.Option("--docs", help="Docs folder: PDFs also copied to DOCS/pdf/ (git-ignored) so later builds (serve, gh-deploy) carry them.")] = Path("docs"),
    quiet: Quiet = False,
) -> None:
    """Print the built site to SITE/pdf/dossier.pdf and SITE/pdf/<slug>.pdf (builds the site first if needed)."""
    from .pdf import PRINT_PAGE, write_pdfs
    from .site import build_site

    try:
        if not (site_dir / PRINT_PAGE).is_file():
            build_site(Path.cwd(), quiet=quiet, site_dir=site_dir)
        reports = write_pdfs(site_dir, facts_dir, engine=engine, docs_dir=docs_dir if docs_dir.is_dir() else None)
    except BriefingError as exc:
        _fail(exc)
    if not quiet:
        for r in reports:
            out.print(r.line(), markup=False)


@app.command()
def schema(out_dir: Annotated[Path, typer.Option("--out", help="Folder for the JSON Schema files.")] = Path("schema")) -> None:
    """Write the JSON Schema of every fact file."""
    from pydantic import TypeAdapter

    from .model import FACT_FILES
    from .yamlio import write_atomic

    for name, (attr, model) in FACT_FILES.items():
        target = model if attr in {"article", "summary"} else list[model]  # type: ignore[valid-type]
        schema_doc = TypeAdapter(target).json_schema()
        schema_doc["title"] = name
        write_atomic(out_dir / name.replace(".yaml", ".schema.json"), json.dumps(schema_doc, ensure_ascii=False, indent=2) + "\n")
    out.print(f"{len(FACT_FILES)} schemas written to {out_dir}")


def main() -> None:  # pragma: no cover - entry point
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
