"""The `briefing-parallel` MkDocs plugin (generator/parallel_build.py): a site built with its helper
processes is byte for byte the serial build's, and its warnings fail a strict build as serial ones do."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from _render_sample import sample_project

SLUGS = [f"art-{c}" for c in "abcdef"]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return sample_project(tmp_path_factory.mktemp("parallel"), SLUGS)


def _mkdocs(project: Path, site: Path, jobs: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "BRIEFING_MKDOCS_JOBS": jobs, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-v", "-d", str(site)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)


def _differences(a: Path, b: Path) -> list[str]:
    """Files present in one tree only, or with other bytes."""
    out = []
    cmp = filecmp.dircmp(a, b)
    stack = [(cmp, "")]
    while stack:
        c, rel = stack.pop()
        out += [f"{rel}{n} (one side only)" for n in c.left_only + c.right_only]
        _same, diff, errors = filecmp.cmpfiles(c.left, c.right, c.common_files, shallow=False)
        out += [rel + n for n in diff + errors]
        stack += [(sub, f"{rel}{name}/") for name, sub in c.subdirs.items()]
    return out


def _warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("WARNING")]


def test_parallel_site_is_the_serial_site(project, tmp_path):
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    one = _mkdocs(project, serial, "1")
    two = _mkdocs(project, parallel, "2")
    assert one.returncode == 0 and two.returncode == 0, (one.stderr[-2000:], two.stderr[-2000:])
    assert "briefing-parallel: " not in one.stderr
    # the helpers did take pages, in each of the three loops
    for loop in ("Markdown of", "templates of", "print parts of"):
        assert f"briefing-parallel: {loop}" in two.stderr, two.stderr[-3000:]
    assert len(list(parallel.rglob("index.html"))) >= len(SLUGS) * 7
    assert _differences(serial, parallel) == []


def test_helper_warnings_fail_a_strict_build_as_serial_ones_do(project, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(project, broken)
    # the last article's last page: in the helper's share
    last = broken / "docs" / SLUGS[-1] / "texte-source.md"
    last.write_text(last.read_text(encoding="utf-8") + "\n\nVoir [ailleurs](page-absente.md).\n", encoding="utf-8")
    one = _mkdocs(broken, tmp_path / "s1", "1")
    two = _mkdocs(broken, tmp_path / "s2", "2")
    assert one.returncode != 0 and two.returncode != 0
    assert "briefing-parallel: Markdown of" in two.stderr
    assert any("page-absente.md" in w for w in _warnings(two.stderr)), two.stderr[-2000:]
    assert _warnings(two.stderr) == _warnings(one.stderr)
    assert "Aborted with 1 warnings in strict mode!" in two.stdout + two.stderr
