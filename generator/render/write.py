"""Writing the rendered files: all staged, then renamed in (a crash leaves docs/ as it was), and
the pages of an earlier run that this run no longer makes removed — only pages listed in the
manifest and still carrying the generated mark (hand-written or hand-edited files are kept)."""

from __future__ import annotations

import json
from pathlib import Path

from ..yamlio import AtomicBatch, write_atomic
from .templates import GENERATED_MARK

MANIFEST_NAME = ".briefing-generated.json"


def write_all(pages: dict[Path, str], docs_dir: Path, nav_file: Path, nav: str) -> list[Path]:
    """Write every changed page and the nav in one step, then remove stale pages; the paths written."""
    with AtomicBatch() as batch:
        for path, text in pages.items():
            batch.add(path, text)
        batch.add(nav_file, nav)
    _remove_stale(docs_dir, set(pages))
    return batch.written


def _remove_stale(docs_dir: Path, current: set[Path]) -> None:
    manifest = docs_dir / MANIFEST_NAME
    rels = sorted(p.relative_to(docs_dir).as_posix() for p in current)
    keep = set(rels)
    root = docs_dir.resolve()
    for rel in _listed(manifest):
        if rel in keep or not isinstance(rel, str) or rel.startswith("assets/"):
            continue
        path = (docs_dir / rel).resolve()
        if root in path.parents and path.is_file() and _generated(path):
            path.unlink()
            _remove_empty_parents(path.parent, root)
    write_atomic(manifest, json.dumps({"files": rels}, ensure_ascii=False, indent=1) + "\n")


def _listed(manifest: Path) -> list[str]:
    """The files the previous run wrote ([] when there is no readable manifest)."""
    if not manifest.exists():
        return []
    try:
        return list(json.loads(manifest.read_text(encoding="utf-8")).get("files", []))
    except (ValueError, AttributeError, OSError):
        return []


def _generated(path: Path) -> bool:
    """True when the page still carries the mark (false once edited by hand to remove it)."""
    try:
        head = path.read_text(encoding="utf-8")[:400]
    except (OSError, UnicodeDecodeError):
        return False
    return GENERATED_MARK in head or "généré par generator/render.py" in head.lower()


def _remove_empty_parents(parent: Path, root: Path) -> None:
    while parent != root and root in parent.parents and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent
