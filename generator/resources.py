"""The data that ships inside the package, found with importlib.resources, never from the
current directory: templates, print CSS, the project skeleton `briefing new` writes (its
mkdocs.yml and site assets are this repository's own, linked into generator/data/project/), and
the curated knowledge base.

The knowledge base is never silently missing: the packaged one must be there, a folder named
with `--knowledge` must exist, and either problem is one BriefingError.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from .errors import BriefingError

PACKAGE = "generator"


def _packaged(*parts: str) -> Path:
    """A file or folder of the installed package (installed unzipped, as pip does)."""
    path = Path(str(files(PACKAGE).joinpath(*parts)))
    if not path.exists():
        raise BriefingError(path, "packaged data is missing: the briefing installation is incomplete; reinstall it")
    return path


def templates_dir() -> Path:
    """Jinja2 templates of the pages."""
    return _packaged("templates")


def print_css() -> Path:
    """Style of the PDFs."""
    return _packaged("templates", "pdf.css")


def project_skeleton() -> Path:
    """What `briefing new` copies: mkdocs.yml, Makefile, gitignore, github/, seeds/, docs/assets/."""
    return _packaged("data", "project")


def mkdocs_template() -> Path:
    """The MkDocs configuration every project starts from (this repository's own mkdocs.yml)."""
    return _packaged("data", "project", "mkdocs.yml")


def site_assets() -> Path:
    """CSS and JavaScript the site pages need (docs/assets/ of a project)."""
    return _packaged("data", "project", "docs", "assets")


def packaged_knowledge() -> Path:
    """The curated knowledge base shipped with the package."""
    return _packaged("data", "knowledge")


def knowledge_folders(extra: Path | None = None, *, replace: bool = False) -> list[Path]:
    """Folders read in order, later entries winning on the same id: the packaged base, then
    `extra` (`--knowledge DIR`); with `replace`, `extra` alone."""
    if extra is not None and not Path(extra).is_dir():
        raise BriefingError(extra, "knowledge folder not found")
    if replace and extra is None:
        raise BriefingError("--replace-knowledge", "needs --knowledge DIR: the base it replaces the packaged one with")
    if replace:
        return [Path(extra)]
    return [packaged_knowledge()] + ([Path(extra)] if extra is not None else [])


def load_knowledge_base(folders: list[Path]):
    """One KnowledgeBase from several folders; an entry of a later folder replaces the entry
    with the same id (that is how a user corrects a packaged fact sheet)."""
    from .knowledge import KnowledgeBase, load_knowledge

    by_id: dict[str, object] = {}
    for folder in folders:
        for entry in load_knowledge(folder):
            by_id.pop(entry.id, None)
            by_id[entry.id] = entry
    return KnowledgeBase(list(by_id.values()))

