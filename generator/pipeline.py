"""The pipeline: every stage, in order, and nothing else.

    read seeds -> plan (cache) -> extract -> apply corrections -> write facts
    -> merge the dossier -> exports -> render -> MkDocs -> PDF

Each stage is a module; this one only hands one stage's output to the next. It prints nothing:
what a run has to say goes to a `Log` (the command line prints it), so the stages stay usable
from tests and scripts.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import BriefingError
from .model import Article, Facts

ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}
DEFAULT_MAX_MB = 5.0  # ingest.read_article's documented limit (5 MB of text is ~800 pages)


def _silent(_message: str) -> None:
    return None


def _untracked(items: Iterable[Facts], _total: int) -> Iterator[Facts]:
    return iter(items)


@dataclass
class Log:
    """Where a run reports: `info` (progress, may be silenced), `warn` (a problem that does not stop
    the run: never silenced), `track` (wraps the extraction stream, e.g. in a progress bar)."""

    info: Callable[[str], None] = _silent
    warn: Callable[[str], None] = _silent
    track: Callable[[Iterable[Facts], int], Iterator[Facts]] = _untracked


@dataclass
class BuildTimes:
    extract: float = 0.0
    render: float = 0.0
    mkdocs: float = 0.0
    site: Path = field(default_factory=Path)


# --------------------------------------------------------------------------- read seeds

def is_seeds_note(path: Path) -> bool:
    """seeds/LISEZMOI.md (written by `briefing new`) or a README there is a note, not an article."""
    return path.stem.upper() in {"LISEZMOI", "README"}


def articles_in(folder: Path) -> list[Path]:
    """The article files of a seeds folder, in name order."""
    if not folder.is_dir():
        raise BriefingError(folder, "seeds folder not found")
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
                   and not is_seeds_note(p))
    if not files:
        raise BriefingError(folder, "no article (.txt, .md, .html) in the folder")
    return files


def _read_one(path: Path, **kwargs: Any) -> Article:
    """read_article, with a last safety net: even an unforeseen failure on a strange file is one
    line naming the file, never a traceback (tests/test_bad_input.py and the ingest property tests
    look for such failures, so they are fixed where they happen)."""
    from .ingest import read_article

    try:
        return read_article(path, **kwargs)
    except BriefingError:
        raise
    except Exception as exc:  # noqa: BLE001 - reported, not hidden
        raise BriefingError(path, f"cannot read this file ({type(exc).__name__}: {exc})") from None


def read_articles(paths: list[Path], *, slug: str | None = None, published: str | None = None,
                  max_mb: float = DEFAULT_MAX_MB, log: Log = Log()) -> list[Article]:
    """Every article read and checked before anything is written: bad input stops the run here."""
    from .language import language_warning

    if slug and len(paths) > 1:
        raise BriefingError(paths[1], "--slug names one article; give one file with it")
    articles = [_read_one(p, slug=slug, published=published, max_bytes=int(max_mb * 1_000_000)) for p in paths]
    for a, p in zip(articles, paths):
        if (problem := language_warning(a)) is not None:
            log.warn(f"{p}: {problem}")
    seen: dict[str, Path] = {}
    for a, p in zip(articles, paths):
        if a.slug in seen:
            raise BriefingError(p, f"slug '{a.slug}' is also the slug of {seen[a.slug]}; rename one file or pass --slug")
        seen[a.slug] = p
    return articles


def knowledge(folders: Path | list[Path]):
    """The knowledge base from its folders (the packaged base, then the user's: see
    resources.knowledge_folders), read once per command even when extract and render both need
    it (keyed on the files' sizes and times, so an edited file is read again)."""
    folders = [folders] if isinstance(folders, Path) else list(folders)
    stamp = tuple((p.as_posix(), p.stat().st_mtime_ns, p.stat().st_size)
                  for folder in folders for p in sorted(Path(folder).glob("*.yaml")))
    return _load_knowledge(tuple(Path(f).resolve() for f in folders), stamp)


@lru_cache(maxsize=4)
def _load_knowledge(folders: tuple[Path, ...], stamp: tuple):
    from .resources import load_knowledge_base

    return load_knowledge_base(list(folders))


# --------------------------------------------------------------------------- plan, extract, correct, write

def corrected(facts: list[Facts], facts_dir: Path, log: Log = Log()) -> list[Facts]:
    """Each article's human corrections (facts/<slug>/corrections.yaml) applied to its new facts."""
    from .corrections import apply_corrections_file

    out = []
    for f in facts:
        f, warnings = apply_corrections_file(f, facts_dir)
        for w in warnings:
            log.warn(w)
        out.append(f)
    return out


def extract(articles: list[Article], facts_dir: Path, *, knowledge_dir: Path | list[Path],
            published: str | None = None, log: Log = Log()) -> list[Facts]:
    """Plan, extract, correct, write: the facts of every changed article, written as one staged step
    (a crash loses nothing); unchanged articles keep their facts on disk (see `cache`)."""
    from . import cache
    from .extract import extract_articles
    from .store import write_dossier

    plan = cache.plan(articles, facts_dir, knowledge_dir=knowledge_dir, published=published)
    kb = knowledge(knowledge_dir) if plan.to_extract else None  # loaded only when something is extracted
    facts = list(log.track(extract_articles(plan.to_extract, kb), len(plan.to_extract)))
    facts = corrected(facts, facts_dir, log)
    write_dossier(facts, facts_dir)
    for f in facts:
        log.info(f"{f.article.slug}: {len(f.people)} personnes, {len(f.quotes)} citations, "
                 f"{len(f.events)} événements, {len(f.legal)} références juridiques -> {facts_dir / f.article.slug}")
    cache.record(plan, [f.article.slug for f in facts])
    if plan.cached:
        log.info(f"{len(plan.cached)} article(s) inchangé(s) : faits repris de {facts_dir} sans nouvelle extraction")
    return facts


# --------------------------------------------------------------------------- merge, exports, render

def render(facts_dir: Path, docs_dir: Path, knowledge_dir: Path | list[Path]) -> tuple[int, list[Path]]:
    """Read the facts, merge the dossier, make the exports, and hand all three to the render stage.
    (number of articles, pages written)."""
    from .dossier import build_dossier
    from .exports import make_exports
    from .render import default_site_name, render_docs, site_articles
    from .store import read_all

    from .forked import worth_forking

    two = worth_forking()  # the facts read, and the article pages rendered, in two processes
    kb = knowledge(knowledge_dir)
    articles = site_articles(read_all(facts_dir, parallel=two))
    dossier = build_dossier(articles, kb)
    name = default_site_name(articles)
    exported = make_exports(articles, dossier, name)
    return len(articles), render_docs(articles, dossier, exported, docs_dir, site_name=name, kb=kb, parallel=two)


# --------------------------------------------------------------------------- every stage

def build(seeds: Path, facts_dir: Path, docs_dir: Path, knowledge_dir: Path | list[Path], *,
          max_mb: float = DEFAULT_MAX_MB, quiet: bool = False, log: Log = Log()) -> BuildTimes:
    """Seeds to site: read, extract (cached), render docs/, then `mkdocs build --strict` into site/.
    The PDFs are the next stage (`pdf`), run on the built site."""
    from .site import build_site

    from . import removed

    times = BuildTimes()
    t0 = time.perf_counter()
    articles = read_articles(articles_in(seeds), max_mb=max_mb, log=log)
    slugs = {a.slug for a in articles}
    for line in removed.restore(facts_dir, slugs):
        log.warn(line)
    extract(articles, facts_dir, knowledge_dir=knowledge_dir, log=log)
    for line in removed.remove_absent(facts_dir, docs_dir, slugs):  # the site shows exactly seeds/
        log.warn(line)
    t1 = time.perf_counter()
    render(facts_dir, docs_dir, knowledge_dir)
    t2 = time.perf_counter()
    times.site = build_site(Path.cwd(), quiet=quiet)
    times.extract, times.render, times.mkdocs = t1 - t0, t2 - t1, time.perf_counter() - t2
    return times


def pdf(site_dir: Path, facts_dir: Path, docs_dir: Path, *, engine: str, quiet: bool = False) -> list:
    """The PDFs of the built site (the site is built first when it is missing)."""
    from .pdf import PRINT_PAGE, write_pdfs
    from .site import build_site

    if not (site_dir / PRINT_PAGE).is_file():
        build_site(Path.cwd(), quiet=quiet, site_dir=site_dir)
    return write_pdfs(site_dir, facts_dir, engine=engine, docs_dir=docs_dir if docs_dir.is_dir() else None)


def write_schemas(out_dir: Path) -> int:
    """The JSON Schema of every fact file, for outside tools (`<name>.schema.json`); how many."""
    import json

    from pydantic import TypeAdapter

    from .model import FACT_FILES
    from .yamlio import write_atomic

    for name, (attr, model) in FACT_FILES.items():
        target = model if attr in {"article", "summary"} else list[model]  # type: ignore[valid-type]
        schema_doc = TypeAdapter(target).json_schema()
        schema_doc["title"] = name
        write_atomic(out_dir / name.replace(".yaml", ".schema.json"), json.dumps(schema_doc, ensure_ascii=False, indent=2) + "\n")
    return len(FACT_FILES)
