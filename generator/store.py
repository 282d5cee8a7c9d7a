"""The facts folder: `facts/<slug>/*.yaml`, one file per fact kind (SPEC's contract).

Writing is deterministic and atomic per file, and happens only after every article
of a run was extracted (gather, then write), so a failure mid-run writes nothing.
"""

from __future__ import annotations

from pathlib import Path

from .errors import BriefingError
from .model import FACT_FILES, Facts
from .yamlio import load_yaml, write_yaml


def write_facts(facts: Facts, root: Path) -> list[Path]:
    """Write one article's fact files; returns the files whose content changed."""
    folder = root / facts.article.slug
    changed = []
    for name, (attr, _model) in FACT_FILES.items():
        path = folder / name
        if write_yaml(path, getattr(facts, attr)):
            changed.append(path)
    return changed


def read_facts(folder: Path) -> Facts:
    """Load and validate one article's fact files (errors name file and line)."""
    if not (folder / "article.yaml").exists():
        raise BriefingError(folder, "no article.yaml: not a facts folder (run `briefing extract` first)")
    data = {}
    for name, (attr, model) in FACT_FILES.items():
        path = folder / name
        many = attr not in {"article", "summary"}
        if not path.exists():
            if many:
                data[attr] = []
                continue
            raise BriefingError(path, "missing fact file")
        data[attr] = load_yaml(path, model, many=many)
    return Facts(**data)


def read_all(root: Path) -> list[Facts]:
    """Every article under `root`, in slug order (stable page and nav order)."""
    if not root.is_dir():
        raise BriefingError(root, "facts folder not found")
    return [read_facts(d) for d in sorted(root.iterdir()) if d.is_dir() and (d / "article.yaml").exists()]
