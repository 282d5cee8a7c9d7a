"""The copy-if-unchanged cache: every PDF is kept in docs/pdf/ (git-ignored) with the key of what
it was made from; a PDF whose document is unchanged is copied from there, not rendered again
(an unchanged dossier costs no PDF time: `make site` twice renders once)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from ..yamlio import write_atomic
from .document import CSS
from .printpage import PDF_SUBDIR

_KEYS = ".keys.json"
_CODE = sorted(Path(__file__).resolve().parent.glob("*.py"))  # this package's code


def pdf_key(engine: str, doc_html: str) -> str:
    """What a PDF depends on: the document, the print style, this package's code and the engine."""
    h = hashlib.sha256()
    parts = [engine, doc_html, CSS.read_text(encoding="utf-8")] + [p.read_text(encoding="utf-8") for p in _CODE]
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def copy_into(source: Path, target: Path) -> None:
    """Copy through a temporary file: never half a PDF at `target`."""
    part = target.with_suffix(".pdf.part")
    shutil.copyfile(source, part)
    os.replace(part, target)


def keep(docs_dir: Path, name: str, pdf: Path, key: str, pages: int) -> None:
    """Keep a copy of a rendered PDF and its key in docs_dir/pdf/."""
    copy_dir = Path(docs_dir) / PDF_SUBDIR
    copy_dir.mkdir(parents=True, exist_ok=True)
    copy_into(pdf, copy_dir / f"{name}.pdf")
    keys = _keys(copy_dir)
    keys[name] = {"key": key, "pages": pages}
    write_atomic(copy_dir / _KEYS, json.dumps(keys, indent=1, sort_keys=True) + "\n")


def reuse_unchanged(jobs: dict, engine: str, docs_dir: Path | None) -> dict[str, int]:
    """Copy the kept PDF of every job whose key is unchanged; name -> its page count, per PDF copied."""
    if docs_dir is None or os.environ.get("BRIEFING_NO_CACHE", "") not in ("", "0"):
        return {}
    copy_dir = Path(docs_dir) / PDF_SUBDIR
    keys = _keys(copy_dir)
    reused = {}
    for name, (_title, doc_html, target) in jobs.items():
        kept = copy_dir / f"{name}.pdf"
        entry = keys.get(name) or {}
        if kept.is_file() and entry.get("key") == pdf_key(engine, doc_html):
            copy_into(kept, target)
            reused[name] = int(entry.get("pages", 0))
    return reused


def _keys(copy_dir: Path) -> dict:
    try:
        return json.loads((copy_dir / _KEYS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
