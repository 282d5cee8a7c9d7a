"""Removed seeds: the site publishes exactly the articles in seeds/.

An article whose seed file was deleted loses everything made from it: its facts folder, its
extraction-cache entry and its kept PDF (docs/pdf/); the next render then drops its pages, its
exports and its entries in the dossier pages. Its `corrections.yaml`, the only file a person
writes, is never deleted: it is set aside in `facts/.removed/<slug>/` and put back if an article
with that slug comes back to seeds/.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from . import cache
from .pdf import reuse

REMOVED_DIR = ".removed"
CORRECTIONS = "corrections.yaml"


def restore(facts_dir: Path, slugs: set[str]) -> list[str]:
    """Before extraction: put back the set-aside corrections of articles back in seeds/."""
    return [f"{slug}: corrections restored from {facts_dir / REMOVED_DIR / slug}" for slug in sorted(slugs)
            if _restore_corrections(facts_dir, slug)]


def remove_absent(facts_dir: Path, docs_dir: Path, slugs: set[str]) -> list[str]:
    """After a successful extraction (a crash before it removes nothing): make facts_dir hold only
    the articles `slugs` (those of seeds/); one line per article removed."""
    lines = []
    gone = [d.name for d in _article_dirs(facts_dir) if d.name not in slugs]
    for slug in gone:
        kept = _set_aside(facts_dir, slug)
        _delete(facts_dir / slug)
        lines.append(f"{slug}: no longer in seeds/, its facts, pages and PDF are removed"
                     + (f" (corrections kept in {kept})" if kept else ""))
    if gone:
        cache.forget(facts_dir, gone)
        reuse.forget(docs_dir, gone)
    return lines


def _article_dirs(facts_dir: Path) -> list[Path]:
    if not facts_dir.is_dir():
        return []
    return sorted(d for d in facts_dir.iterdir()
                  if d.is_dir() and not d.name.startswith(".") and (d / "article.yaml").is_file())


def _set_aside(facts_dir: Path, slug: str) -> Path | None:
    """Move corrections.yaml to facts/.removed/<slug>/ (an older one there is renamed, not replaced)."""
    src = facts_dir / slug / CORRECTIONS
    if not src.is_file():
        return None
    target = facts_dir / REMOVED_DIR / slug / CORRECTIONS
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_file():
        if target.read_bytes() == src.read_bytes():
            return target
        n = 1
        while (older := target.with_name(f"corrections.{n}.yaml")).exists():
            n += 1
        os.replace(target, older)
    os.replace(src, target)
    return target


def _restore_corrections(facts_dir: Path, slug: str) -> bool:
    kept = facts_dir / REMOVED_DIR / slug / CORRECTIONS
    here = facts_dir / slug / CORRECTIONS
    if not kept.is_file() or here.exists():
        return False
    here.parent.mkdir(parents=True, exist_ok=True)
    os.replace(kept, here)
    return True


def _delete(folder: Path) -> None:
    """Rename the folder out of the way first (one atomic step), then delete it."""
    trash = Path(tempfile.mkdtemp(prefix=".removing-", dir=folder.parent))
    os.replace(folder, trash / folder.name)
    shutil.rmtree(trash, ignore_errors=True)
