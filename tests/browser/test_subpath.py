"""The site as GitHub publishes a project site: under a sub-path (`https://USER.github.io/REPO/`),
with `404.html` answering every missing address. Each page, the print page and the 404 page
included, must load in Chromium without a failed request or a console error.

Two builds: the sub-path project of tests/_pdf_project.py (SITE_URL set to the sub-path, as the
Pages workflow sets it), and the browser tests' project built for the root (SITE_URL unset) then
served under a sub-path anyway (what `make deploy` without SITE_URL gives): its print page must
still find the search index (theme override docs/assets/theme/main.html).
"""

from __future__ import annotations

import functools
import http.server
import socketserver
import threading
from pathlib import Path

import pytest

from _pdf_project import REPO, built

from .conftest import CHROMIUM, CHROMIUM_ARGS


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves `directory` at /REPO/ only; anything missing gets the site's 404.html, status 404."""

    repo = REPO

    def log_message(self, *args):
        pass

    def translate_path(self, path: str) -> str:
        prefix = f"/{self.repo}/"
        if not path.startswith(prefix) and path != prefix.rstrip("/"):
            return str(Path(self.directory) / "__outside_the_sub_path__")
        return super().translate_path("/" + path[len(prefix):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def serve():
    servers = []

    def start(site: Path) -> str:
        handler = functools.partial(_PagesHandler, directory=str(site))
        server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/{REPO}/"

    yield start
    for s in servers:
        s.shutdown()
        s.server_close()


def _pages(site: Path) -> list[str]:
    paths = sorted("" if d == site else d.relative_to(site).as_posix() + "/"
                   for d in (i.parent for i in site.rglob("index.html")))
    return [p for p in paths if p.split("/")[0] not in ("assets", "search", "pdf")] + ["404.html"]


def _visit(base: str, paths: list[str]) -> dict[str, list[str]]:
    """path -> problems: failed requests (status >= 400 or no answer) and console errors. For a
    missing address the document's own 404 is what GitHub sends: only what it loads counts."""
    from playwright.sync_api import sync_playwright

    out: dict[str, list[str]] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            current: list[str] = []
            doc = {"url": ""}

            def on_response(r):
                if r.status >= 400 and r.url != doc["url"]:
                    current.append(f"HTTP {r.status} {r.url}")

            def on_console(m):
                if m.type == "error" and (m.location or {}).get("url") != doc["url"]:
                    current.append(f"console: {m.text}")

            page.on("response", on_response)
            page.on("requestfailed", lambda r: current.append(f"failed {r.url} ({r.failure})"))
            page.on("console", on_console)
            page.on("pageerror", lambda e: current.append(f"uncaught: {e}"))
            for path in paths:
                current = out[path] = []
                doc["url"] = base + path if path.endswith("/missing/") else ""
                page.goto(base + path, wait_until="load")
                page.wait_for_load_state("networkidle")
        finally:
            browser.close()
    return out


def test_every_page_loads_cleanly_under_a_sub_path_with_site_url_set(serve):
    b = built()
    assert b.url.endswith(f"/{REPO}/")  # SITE_URL as the Pages workflow sets it
    base = serve(b.site)
    paths = _pages(b.site) + ["un/chemin/missing/"]
    assert {"print_page/", "404.html", ""} <= set(paths) and len(paths) > 15
    problems = {p: v for p, v in _visit(base, paths).items() if v}
    assert not problems, problems


def test_print_page_finds_the_search_index_under_a_sub_path_the_build_did_not_know(serve, project):
    base = serve(project / "site")  # built for the root (SITE_URL unset), served under /REPO/
    problems = {p: v for p, v in _visit(base, ["print_page/", ""]).items() if v}
    assert not problems, problems
