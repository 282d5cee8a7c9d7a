"""The facts folder: `facts/<slug>/*.yaml`, one file per fact kind (SPEC's contract).

Writing is deterministic and atomic per file, and happens only after every article
of a run was extracted (gather, then write), so a failure mid-run writes nothing.
`write_dossier` writes several articles as one step: every file is staged beside its
target first, then all are renamed into place (yamlio.AtomicBatch), so a crash while
writing the 2nd of N articles leaves every previous fact file as it was.
"""

from __future__ import annotations

from pathlib import Path

from .errors import BriefingError
from .forked import split_map
from .model import FACT_FILES, Facts
from .yamlio import AtomicBatch, dump_yaml, load_yaml, to_plain, write_yaml


def write_facts(facts: Facts, root: Path, batch: AtomicBatch | None = None) -> list[Path]:
    """Write one article's fact files (or stage them in `batch`); returns the files whose content changed."""
    folder = root / facts.article.slug
    changed = []
    for name, (attr, _model) in FACT_FILES.items():
        path = folder / name
        if batch.add(path, dump_yaml(to_plain(getattr(facts, attr)))) if batch else write_yaml(path, getattr(facts, attr)):
            changed.append(path)
    return changed


def write_dossier(dossier: list[Facts], root: Path) -> dict[str, list[Path]]:
    """Write several articles' fact files all together or not at all (see module doc).
    Returns, per slug, the files whose content changed. Files other than the fact files
    (corrections.yaml, notes) are never touched."""
    with AtomicBatch() as batch:
        changed = {f.article.slug: write_facts(f, root, batch=batch) for f in dossier}
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


def read_all(root: Path, parallel: bool = False) -> list[Facts]:
    """Every article under `root`, in slug order (stable page and nav order). With `parallel`, a
    forked helper reads the last folders (YAML parsing is most of the render stage's time)."""
    if not root.is_dir():
        raise BriefingError(root, "facts folder not found")
    folders = {d.name: d for d in sorted(root.iterdir()) if d.is_dir() and (d / "article.yaml").exists()}
    weights = [sum(f.stat().st_size for f in d.iterdir() if f.is_file()) for d in folders.values()]
    return list(split_map(list(folders), weights, lambda name: read_facts(folders[name]), parallel).values())
