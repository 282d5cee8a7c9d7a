"""One built project shared by tests/test_pdf.py and tests/test_pages.py (built once per session).

Two real articles (the seeds `coco-gg-roussel-darmanin` and `roussel-coco-yahoo`) are extracted
by the real pipeline (`briefing extract`, real spaCy model) into a tmp project — never the committed
facts/ —, rendered, built with `mkdocs build --strict` for a project
site served under a sub-path (SITE_URL=http://127.0.0.1:PORT/briefing-repo/), and printed to PDF
with the default engine. A thread-based http.server serves the folder holding the site as
`/briefing-repo/`, so anything that escapes the sub-path is a 404.
"""

from __future__ import annotations

import atexit
import functools
import http.server
import os
import shutil
import socketserver
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = "coco-gg-roussel-darmanin"
OTHER = "roussel-coco-yahoo"
REPO = "briefing-repo"


@dataclass
class Built:
    project: Path          # tmp project: mkdocs.yml, docs/ (docs/pdf/ copies), generated/, facts/
    site: Path             # built site (= <www>/briefing-repo)
    url: str               # http://127.0.0.1:PORT/briefing-repo/
    reports: dict          # name -> generator.pdf.PdfReport
    build_seconds: float
    pdf_seconds: float


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass


@functools.lru_cache(maxsize=None)
def built() -> Built:
    from typer.testing import CliRunner

    from generator.cli import app
    from generator.knowledge import load_knowledge
    from generator.pdf import write_pdfs
    from _render_sample import render_pages
    from generator.site import build_site
    from generator.store import read_facts

    tmp = Path(tempfile.mkdtemp(prefix="briefing-pdf-"))
    atexit.register(shutil.rmtree, tmp, True)
    project, www = tmp / "project", tmp / "www"
    www.mkdir(parents=True)
    (project / "docs").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets")
    seeds = [next((ROOT / "seeds").glob(f"{slug}.*")) for slug in (SEED, OTHER)]
    done = CliRunner().invoke(app, ["extract", *map(str, seeds), "--out", str(project / "facts"),
                                    "--knowledge", str(ROOT / "knowledge"), "-q"])
    assert done.exit_code == 0, done.output
    dossier = [read_facts(project / "facts" / s) for s in (SEED, OTHER)]
    render_pages(dossier, project / "docs", kb=load_knowledge(ROOT / "knowledge"))

    handler = functools.partial(_Quiet, directory=str(www))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    atexit.register(server.shutdown)
    url = f"http://127.0.0.1:{server.server_address[1]}/{REPO}/"

    old = os.environ.get("SITE_URL")
    os.environ["SITE_URL"] = url  # the one place the site URL comes from (mkdocs.yml: !ENV SITE_URL)
    try:
        t0 = time.perf_counter()
        site = build_site(project, quiet=True, site_dir=www / REPO)
        t1 = time.perf_counter()
        reports = write_pdfs(site, project / "facts", docs_dir=project / "docs")
        t2 = time.perf_counter()
    finally:
        if old is None:
            os.environ.pop("SITE_URL", None)
        else:
            os.environ["SITE_URL"] = old
    return Built(project, site, url, {r.name: r for r in reports}, t1 - t0, t2 - t1)
