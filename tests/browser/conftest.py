"""Browser tests: a fresh project is built once (`briefing build`: extract, render, `mkdocs build
--strict`), its `site/` is served on 127.0.0.1 by a thread-based http.server, and Debian's Chromium
is driven by Playwright (never `playwright install`: the system browser is used)."""

from __future__ import annotations

import functools
import http.server
import shutil
import socketserver
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
# The seven pages of every article, in navigation order (generator/render/templates.py ARTICLE_PAGES).
ARTICLE_PAGES = ["", "chronologie/", "citations/", "acteurs/", "affirmations/", "contexte-juridique/",
                 "texte-source/"]


@pytest.fixture(scope="session")
def project(tmp_path_factory) -> Path:
    """A fresh project holding what a clone holds (config, assets, knowledge, every seed), built
    with the real CLI into its own folder: the tests never depend on a stale site/ of the repo."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing (.ci/run installs Debian's chromium)")
    root = tmp_path_factory.mktemp("site-project")
    shutil.copy(ROOT / "mkdocs.yml", root)
    shutil.copytree(ROOT / "docs" / "assets", root / "docs" / "assets")
    shutil.copytree(ROOT / "knowledge", root / "knowledge")
    shutil.copytree(ROOT / "seeds", root / "seeds")
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--quiet"], cwd=root,
                          capture_output=True, text=True, timeout=600,
                          env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-3000:]
    return root


@pytest.fixture(scope="session")
def slugs(project) -> list[str]:
    return sorted(p.name for p in (project / "facts").iterdir() if (p / "article.yaml").exists())


@pytest.fixture(scope="session")
def page_paths(project, slugs) -> list[str]:
    """Every page a reader can open (site-relative URL paths), dossier pages included: every
    index.html MkDocs wrote, except the print page (see `extra_paths`)."""
    site = project / "site"
    paths = sorted(("" if d == site else d.relative_to(site).as_posix() + "/")
                   for d in (i.parent for i in site.rglob("index.html")))
    paths = [p for p in paths if p.split("/")[0] not in ("print_page", "assets", "search", "pdf")]
    expected = [""] + [f"{s}/{p}" for s in slugs for p in ARTICLE_PAGES]
    missing = [p for p in expected if p not in paths]
    assert not missing, f"pages not built: {missing}"
    return paths


@pytest.fixture(scope="session")
def extra_paths(project) -> list[str]:
    """Built pages that are not reading pages: the print page (every page in one) and 404.html."""
    paths = ["print_page/", "404.html"]
    site = project / "site"
    assert (site / "print_page" / "index.html").is_file() and (site / "404.html").is_file()
    return paths


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


@pytest.fixture(scope="session")
def base_url(project):
    """`site/` served on 127.0.0.1 on a free port (a real HTTP origin: the search worker needs it)."""
    handler = functools.partial(_QuietHandler, directory=str(project / "site"))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    """Closed after each module: a Playwright sync instance left open would break any later test
    that starts its own (e.g. the PDF tests)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    pg = ctx.new_page()
    yield pg
    ctx.close()
