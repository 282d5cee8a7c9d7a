"""The installed tool, from any folder: a wheel built from this repository in the test run is
installed into a fresh venv in a temporary folder, then, outside the repository,
`briefing new x`, `cd x`, `briefing add http://127.0.0.1:PORT/article.html`, `briefing build`.

Offline: the wheel is built with --no-build-isolation (setuptools from the test venv) and installed
with --no-deps --no-index; its dependencies come from this venv's site-packages through a .pth
line (a .pth line only adds a folder: the editable install of the repository in it stays inactive,
and the test checks that `generator` is imported from the new venv). The only server is on 127.0.0.1.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from _web import web_server

ROOT = Path(__file__).resolve().parents[1]
NOT_SOURCE = (".git", ".venv", "node_modules", "site", "build", "*.egg-info", "__pycache__", ".pytest_cache",
              ".hypothesis", "artifacts")
SLUG = "reseaux-sociaux-la-prefecture-de-lozere-saisit-l-arcom-apres"  # from the page title (test_add)


def _run(cmd: list, cwd: Path, env: dict, timeout: float = 600) -> subprocess.CompletedProcess:
    done = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{cmd} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(bin folder of a fresh venv holding the wheel, environment to run it in, work folder)."""
    tmp = tmp_path_factory.mktemp("install")
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}}
    source = tmp / "source"  # a clean copy: no stale build/ of an earlier in-tree build can slip in
    shutil.copytree(ROOT, source, symlinks=True, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    _run([sys.executable, "-m", "pip", "wheel", source, "--no-deps", "--no-build-isolation", "--no-index",
          "-q", "-w", tmp / "dist"], cwd=tmp, env=env)
    [wheel] = (tmp / "dist").glob("briefing-*.whl")
    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp, env=env)
    site = Path(_run([venv / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                     cwd=tmp, env=env).stdout.strip())
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "zz_test_dependencies.pth").write_text("\n".join(sorted(deps)) + "\n", encoding="utf-8")
    _run([sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "--no-deps", "--no-index",
          "-q", wheel], cwd=tmp, env=env)
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    work = tmp / "work"
    work.mkdir()
    return venv / "bin", env, work


def test_the_installed_package_is_the_one_that_runs(installed):
    bin_dir, env, work = installed
    where = _run([bin_dir / "python", "-c", "import generator; print(generator.__file__)"], cwd=work, env=env).stdout
    assert where.strip().startswith(str(bin_dir.parent)) and str(ROOT) not in where


def test_new_add_build_from_any_folder(installed):
    bin_dir, env, work = installed
    briefing = bin_dir / "briefing"
    _run([briefing, "new", "x"], cwd=work, env=env)
    project = work / "x"
    with web_server() as (base, _server):
        added = _run([briefing, "add", f"{base}/article.html"], cwd=project, env=env)
    assert "la préfecture de Lozère saisit l'Arcom" in added.stdout  # the extracted title is shown
    assert not (project / "facts").exists()  # add never extracts
    _run([briefing, "build"], cwd=project, env=env)
    site = project / "site"
    pages = {p.parent.name for p in (site / SLUG).glob("*/index.html")}
    assert {"chronologie", "citations", "acteurs", "affirmations", "contexte-juridique", "texte-source"} <= pages
    legal = (site / SLUG / "contexte-juridique" / "index.html").read_text(encoding="utf-8")
    assert "Loi n° 2024-449 du 21 mai 2024" in legal  # explained from the packaged knowledge base
    assert f"{base}/article.html" in (site / SLUG / "index.html").read_text(encoding="utf-8")  # link to the source
    assert not (site / "lisezmoi").exists()  # the seeds note is not an article
    assert "1 article(s) checked" in _run([briefing, "check"], cwd=project, env=env).stdout


def test_a_non_empty_folder_is_refused_in_one_line(installed):
    bin_dir, env, work = installed
    (work / "occupe").mkdir()
    (work / "occupe" / "notes.txt").write_text("à garder\n", encoding="utf-8")
    done = subprocess.run([str(bin_dir / "briefing"), "new", "occupe"], cwd=work, env=env, capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == ["error: occupe: folder is not empty; `briefing new` writes only into a new or empty folder"]


def test_a_knowledge_folder_named_and_not_found_stops_the_build(installed):
    bin_dir, env, work = installed
    done = subprocess.run([str(bin_dir / "briefing"), "extract", "article.txt", "--knowledge", "ma-base"],
                          cwd=work, env=env, capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == ["error: ma-base: knowledge folder not found"]


def test_requirements_say_where_this_copy_came_from(installed):
    bin_dir, env, work = installed
    _run([bin_dir / "briefing", "new", "y"], cwd=work, env=env)
    text = (work / "y" / "requirements.txt").read_text(encoding="utf-8")
    # installed from a local wheel: named, and flagged as out of GitHub's reach, never guessed
    assert "installed from file://" in text and "briefing-0.1.0-py3-none-any.whl" in text
    assert not [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def test_add_refuses_a_bad_url_in_one_line_and_writes_nothing(installed):
    bin_dir, env, work = installed
    _run([bin_dir / "briefing", "new", "z"], cwd=work, env=env)
    project = work / "z"
    with web_server() as (base, _server):
        done = subprocess.run([str(bin_dir / "briefing"), "add", f"{base}/loop-a"], cwd=project, env=env,
                              capture_output=True, text=True)
    assert done.returncode == 1
    [line] = done.stderr.strip().splitlines()
    assert line.startswith(f"error: {base}/loop-a: redirect loop")
    assert sorted(p.name for p in (project / "seeds").iterdir()) == ["LISEZMOI.md"]
