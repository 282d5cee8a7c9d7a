"""Site stage: build (or serve) the MkDocs Material site of a rendered project.

MkDocs runs in a subprocess (`python -m mkdocs`) from the project root, because
`pymdownx.snippets` resolves `docs/includes/abbreviations.md` from the working directory.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from .errors import BriefingError

CONFIG = "mkdocs.yml"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.setdefault("PYTHONIOENCODING", "utf-8")
    return env


def _first_error(output: str) -> str:
    lines = [_ANSI.sub("", ln).strip() for ln in output.splitlines()]
    lines = [ln for ln in lines if ln]
    for prefix in ("ERROR", "Error", "Aborted", "WARNING", "Config value"):
        for ln in lines:
            if ln.startswith(prefix):
                if ln.startswith("Aborted") and any(x.startswith("WARNING") for x in lines):
                    continue  # the warning that caused the abort says more
                return re.sub(r"\s+", " ", ln)
    tail = [ln for ln in lines if not ln.startswith("INFO")]
    return re.sub(r"\s+", " ", (tail or lines or ["mkdocs build failed"])[-1])


def build_site(project_dir: Path, *, strict: bool = True, quiet: bool = False, site_dir: Path | None = None) -> Path:
    """Run `mkdocs build` in `project_dir`; return the site folder.

    Raises BriefingError("mkdocs.yml", <first error line>) when the build fails (in strict mode,
    any warning: broken link or anchor, missing nav page, …)."""
    project_dir = Path(project_dir).resolve()
    cfg = project_dir / CONFIG
    if not cfg.is_file():
        raise BriefingError(cfg, "no mkdocs.yml in the project folder")
    cmd = [sys.executable, "-m", "mkdocs", "build", "-f", CONFIG]
    if strict:
        cmd.append("--strict")
    # never pass --quiet: it hides warnings from MkDocs' strict-mode counter (the build would pass)
    if site_dir is not None:
        cmd += ["--site-dir", str(Path(site_dir).resolve())]
    try:
        proc = subprocess.run(cmd, cwd=project_dir, env=_env(), capture_output=True, text=True,
                              encoding="utf-8", errors="replace")
    except OSError as exc:
        raise BriefingError(CONFIG, f"cannot run mkdocs: {exc}") from None
    if proc.returncode != 0:
        raise BriefingError(CONFIG, _first_error(proc.stderr + "\n" + proc.stdout))
    if not quiet and proc.stderr:
        sys.stderr.write(proc.stderr)  # MkDocs logs (INFO lines, and warnings when not strict)
    return Path(site_dir).resolve() if site_dir is not None else project_dir / "site"


def serve_site(project_dir: Path, dev_addr: str = "127.0.0.1:8000") -> int:
    """Run `mkdocs serve` in the foreground (Ctrl-C stops it); returns its exit code."""
    project_dir = Path(project_dir).resolve()
    if not (project_dir / CONFIG).is_file():
        raise BriefingError(project_dir / CONFIG, "no mkdocs.yml in the project folder")
    cmd = [sys.executable, "-m", "mkdocs", "serve", "-f", CONFIG, "--dev-addr", dev_addr]
    try:
        return subprocess.call(cmd, cwd=project_dir, env=_env())
    except KeyboardInterrupt:
        return 0
