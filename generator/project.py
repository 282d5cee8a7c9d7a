"""`briefing new DIR`: a ready briefing project, like `mkdocs new`.

Copies the packaged skeleton (generator/data/project/: this repository's own mkdocs.yml, Pages
workflow and site assets, plus a Makefile, a .gitignore and seeds/LISEZMOI.md) and writes
requirements.txt naming where this copy of briefing was installed from, so `make site` and the
GitHub Pages workflow install the same tool. The project is assembled in a hidden folder beside
DIR and renamed into place: a failure leaves nothing half-written.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

import yaml

from .errors import BriefingError
from .resources import project_skeleton

# packaged names -> project names (wheels leave out files whose name starts with a dot)
DOTTED = {"gitignore": ".gitignore", "github": ".github"}
INHERIT_LINE = "INHERIT: generated/nav.yml\n"


def new_project(target: Path, *, name: str | None = None) -> list[Path]:
    """Write a project into `target` (new or empty folder); returns the files written, relative."""
    target = Path(target)
    _check_free(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        _copy_skeleton(project_skeleton(), stage)
        (stage / "mkdocs.yml").write_text(mkdocs_config(name), encoding="utf-8")
        (stage / "requirements.txt").write_text(requirements(), encoding="utf-8")
        written = sorted(p.relative_to(stage) for p in stage.rglob("*") if p.is_file())
        if target.exists():
            target.rmdir()  # empty, checked above
        stage.rename(target)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return written


def _check_free(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise BriefingError(target, "exists and is not a folder")
    if target.is_dir() and any(target.iterdir()):
        raise BriefingError(target, "folder is not empty; `briefing new` writes only into a new or empty folder")


def _copy_skeleton(skeleton: Path, stage: Path) -> None:
    """Copy files, not links (a source checkout links this repository's own files in)."""
    shutil.copytree(skeleton, stage, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
    for packaged, real in DOTTED.items():
        (stage / packaged).rename(stage / real)
    umask = os.umask(0)
    os.umask(umask)
    stage.chmod(0o777 & ~umask)  # mkdtemp made it private; the project is an ordinary folder


def mkdocs_config(name: str | None) -> str:
    """The packaged mkdocs.yml; with a name, `site_name` set after INHERIT (so it wins over the
    title the renderer puts in generated/nav.yml)."""
    from .resources import mkdocs_template

    text = mkdocs_template().read_text(encoding="utf-8")
    if not name:
        return text
    if INHERIT_LINE not in text:  # pragma: no cover - a packaging mistake, caught by the tests
        raise BriefingError(mkdocs_template(), f"no {INHERIT_LINE.strip()!r} line to put site_name after")
    line = yaml.safe_dump({"site_name": name}, allow_unicode=True, width=10_000)
    return text.replace(INHERIT_LINE, INHERIT_LINE + line, 1)


def requirements() -> str:
    """requirements.txt: this copy of briefing, when it came from somewhere CI can reach."""
    head = ("# What `make site` (and so the GitHub Pages workflow) installs to build this briefing.\n"
            "# One requirement line naming briefing, e.g. `briefing @ git+https://github.com/OWNER/briefing@v0.1.0`.\n")
    origin = _install_origin()
    if origin is None or origin.startswith("file:"):
        where = f"from {origin}, which GitHub cannot reach" if origin else "from an unknown place"
        return head + f"# This copy of briefing was installed {where}: write that line here.\n"
    return head + f"briefing @ {origin}\n"


def _install_origin() -> str | None:
    """The URL pip installed briefing from (PEP 610 direct_url.json), git commit included."""
    try:
        raw = distribution("briefing").read_text("direct_url.json")
    except PackageNotFoundError:  # pragma: no cover - not installed at all
        return None
    if not raw:
        return None
    info = json.loads(raw)
    url = info.get("url", "")
    vcs = info.get("vcs_info")
    if vcs:
        return f"{vcs.get('vcs', 'git')}+{url}@{vcs.get('commit_id', '')}".rstrip("@")
    return url or None
