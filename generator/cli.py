"""Command line: `briefing new | add | extract | render | build | pdf | check | serve | schema`.

Every bad input ends as one line on stderr, `error: FILE: problem`, and exit status 1;
no traceback reaches the user.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from . import pipeline
from .errors import BriefingError
from .pipeline import DEFAULT_MAX_MB

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Turn French news articles into a sourced briefing site.")
err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors (for CI).")]
MaxSize = Annotated[float, typer.Option("--max-size", help="Refuse article files larger than this many MB.")]
Knowledge = Annotated[Optional[Path], typer.Option(
    "--knowledge", help="Your own knowledge folder (*.yaml): its entries are added to the packaged base "
                        "(an entry with the same id replaces the packaged one).")]
ReplaceKnowledge = Annotated[bool, typer.Option(
    "--replace-knowledge", help="Use the --knowledge folder alone, instead of the packaged base.")]
PROGRESS_MIN_ARTICLES = 3


def _fail(exc: BriefingError) -> None:
    err.print(f"error: {exc}", markup=False)
    raise typer.Exit(1)


def _warn(message: str) -> None:
    """A problem that does not stop the run (printed even with --quiet: never silently dropped)."""
    err.print(f"warning: {message}", markup=False)


def _progress(items: Iterable, total: int) -> Iterator:
    """A progress bar on stderr for runs of several articles, when stderr is a terminal (CI logs stay clean)."""
    if total < PROGRESS_MIN_ARTICLES or not sys.stderr.isatty():
        yield from items
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("extraction"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  TextColumn("{task.description}"), console=err, transient=True) as progress:
        task = progress.add_task("", total=total)
        for f in items:
            progress.update(task, description=f.article.slug, advance=1)
            yield f


def _knowledge(extra: Path | None, replace: bool) -> list[Path]:
    """The packaged knowledge base, plus or instead of the user's folder; a folder named and not found stops here."""
    from .resources import knowledge_folders

    return knowledge_folders(extra, replace=replace)


def _log(quiet: bool) -> pipeline.Log:
    if quiet:
        return pipeline.Log(warn=_warn)
    return pipeline.Log(info=lambda m: out.print(m, markup=False), warn=_warn, track=_progress)


@app.command()
def extract(
    articles: Annotated[list[Path], typer.Argument(help="Article files (.txt, .md, .html).")],
    out_dir: Annotated[Path, typer.Option("--out", help="Facts folder; one sub-folder per article.")] = Path("facts"),
    slug: Annotated[Optional[str], typer.Option(help="Slug for a single article (default: from the file name).")] = None,
    published: Annotated[Optional[str], typer.Option(help="Publication date YYYY-MM-DD (overrides front matter).")] = None,
    knowledge: Knowledge = None,
    replace_knowledge: ReplaceKnowledge = False,
    max_mb: MaxSize = DEFAULT_MAX_MB,
    quiet: Quiet = False,
) -> None:
    """Extract facts from articles into FACTS_DIR/<slug>/*.yaml."""
    try:
        log, folders = _log(quiet), _knowledge(knowledge, replace_knowledge)
        read = pipeline.read_articles(articles, slug=slug, published=published, max_mb=max_mb, log=log)
        pipeline.extract(read, out_dir, knowledge_dir=folders, published=published, log=log)
    except BriefingError as exc:
        _fail(exc)


@app.command()
def render(
    facts_dir: Annotated[Path, typer.Option("--facts", help="Facts folder.")] = Path("facts"),
    docs_dir: Annotated[Path, typer.Option("--docs", help="MkDocs docs folder to write.")] = Path("docs"),
    knowledge: Knowledge = None,
    replace_knowledge: ReplaceKnowledge = False,
    quiet: Quiet = False,
) -> None:
    """Render fact files into Markdown pages under docs/."""
    try:
        count, written = pipeline.render(facts_dir, docs_dir, _knowledge(knowledge, replace_knowledge))
    except BriefingError as exc:
        _fail(exc)
    if not quiet:
        out.print(f"{count} article(s) rendered, {len(written)} page(s) written to {docs_dir}")


@app.command()
def build(
    seeds: Annotated[Path, typer.Option(help="Folder of articles.")] = Path("seeds"),
    facts_dir: Annotated[Path, typer.Option("--facts", help="Facts folder.")] = Path("facts"),
    docs_dir: Annotated[Path, typer.Option("--docs", help="Docs folder.")] = Path("docs"),
    knowledge: Knowledge = None,
    replace_knowledge: ReplaceKnowledge = False,
    max_mb: MaxSize = DEFAULT_MAX_MB,
    quiet: Quiet = False,
) -> None:
    """All stages: extract seeds/, render docs/, build site/ with `mkdocs build --strict`."""
    try:
        t = pipeline.build(seeds, facts_dir, docs_dir, _knowledge(knowledge, replace_knowledge), max_mb=max_mb,
                           quiet=quiet, log=_log(quiet))
    except BriefingError as exc:
        _fail(exc)
    if not quiet:
        out.print(f"site built in {t.site}  (extract {t.extract:.1f} s, render {t.render:.1f} s, mkdocs {t.mkdocs:.1f} s)")


@app.command()
def check(
    facts_dir: Annotated[Path, typer.Argument(help="Facts folder (or one article's folder).")] = Path("facts"),
    knowledge: Annotated[Optional[Path], typer.Option(
        help="Knowledge folder to validate too (default: the packaged base).")] = None,
    quiet: Quiet = False,
) -> None:
    """Validate every fact file and corrections.yaml (and a knowledge base): one `file:line: message` line per error."""
    from .check import check_facts

    try:
        kb_dir = _knowledge(knowledge, knowledge is not None)[-1]  # the folder named, else the packaged base
        folders, errors = check_facts(facts_dir, knowledge=kb_dir)
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
    try:
        reports = pipeline.pdf(site_dir, facts_dir, docs_dir, engine=engine, quiet=quiet)
    except BriefingError as exc:
        _fail(exc)
    if not quiet:
        for r in reports:
            out.print(r.line(), markup=False)


@app.command()
def schema(out_dir: Annotated[Path, typer.Option("--out", help="Folder for the JSON Schema files.")] = Path("schema")) -> None:
    """Write the JSON Schema of every fact file."""
    count = pipeline.write_schemas(out_dir)
    out.print(f"{count} schemas written to {out_dir}")


@app.command()
def new(
    folder: Annotated[Path, typer.Argument(help="New (or empty) folder for the project.")],
    name: Annotated[Optional[str], typer.Option(help="Site name (default: the article's title, or « Dossier de presse »).")] = None,
) -> None:
    """Create a briefing project: mkdocs.yml, seeds/, .gitignore, Makefile, GitHub Pages workflow."""
    from .project import new_project

    try:
        written = new_project(folder, name=name)
    except BriefingError as exc:
        _fail(exc)
    out.print(f"projet créé dans {folder} : {', '.join(str(p) for p in written)}", markup=False)
    out.print(f"ensuite : cd {folder} && briefing add URL && briefing build", markup=False)


@app.command()
def add(
    sources: Annotated[list[str], typer.Argument(help="http(s) URLs of article pages, or article files.")],
    seeds: Annotated[Path, typer.Option(help="Folder of articles.")] = Path("seeds"),
    slug: Annotated[Optional[str], typer.Option(help="File name in seeds/ for one source (default: from its title or file name).")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds allowed to fetch each URL.")] = 20.0,
    max_mb: MaxSize = DEFAULT_MAX_MB,
    quiet: Quiet = False,
) -> None:
    """Put articles into seeds/: fetch each URL (saved with its address and date) or copy each file.
    Nothing is extracted: `briefing build` does that."""
    from .add import add_sources

    try:
        added = add_sources(sources, seeds, slug=slug, timeout=timeout, max_bytes=int(max_mb * 1_000_000))
    except BriefingError as exc:
        _fail(exc)
    if not quiet:
        for a in added:
            out.print(f"{a.target}  ←  {a.source}\n  « {a.title} »", markup=False)


def main() -> None:  # pragma: no cover - entry point
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
