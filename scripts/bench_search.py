#!/usr/bin/env python3
"""Time Material's search in Chromium on a built site (issue 15: usable at 1,000 articles).

Serves SITE on 127.0.0.1, opens an article page in Debian's Chromium (Playwright), waits until the
search index is ready, types NAME into the search box with real key presses (`page.type`, DELAY ms
between keys) and reports how long after the last key the results show NAME. A measurement to
print, not a timed test (the machine's load moves it).

Usage: scripts/bench_search.py SITE NAME [RUNS=2] [DELAY_MS=30]
  e.g. scripts/bench.py --sizes 1000 --skip pdf,add --keep, then
       scripts/bench_search.py /tmp/bench-1000-XXXX/site Telvaon 2 150
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
import time
from pathlib import Path

INPUT = "input.md-search__input"
META = ".md-search-result__meta"
READY = f"""() => {{ const m = document.querySelector('{META}');
    return m && m.textContent.trim() && !/Initialisation/i.test(m.textContent) }}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(site: Path) -> str:
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{srv.server_port}/"


def one_run(browser, url: str, name: str, delay_ms: int) -> str:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    t0 = time.perf_counter()
    page.goto(url, wait_until="load")
    loaded = time.perf_counter() - t0
    page.click(INPUT)
    page.wait_for_function(READY, timeout=300_000)
    ready = time.perf_counter() - t0
    t1 = time.perf_counter()
    page.type(INPUT, name, delay=delay_ms)
    typed = time.perf_counter() - t1
    t2 = time.perf_counter()
    page.wait_for_function(f"""() => document.querySelectorAll('.md-search-result__item').length > 0
        && /{name}/i.test(document.querySelector('.md-search-result__list').textContent)""", timeout=60_000)
    answered = time.perf_counter() - t2
    meta = (page.text_content(META) or "").strip()
    page.close()
    return (f"page load {loaded:.2f} s, index ready {ready:.1f} s after navigation, typing '{name}' "
            f"{typed:.2f} s ({delay_ms} ms per key), results {answered:.3f} s after the last key ({meta})")


def main() -> None:
    from playwright.sync_api import sync_playwright

    site, name = Path(sys.argv[1]), sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    delay_ms = int(sys.argv[4]) if len(sys.argv) > 4 else 30
    articles = sorted(p.parent.relative_to(site).as_posix() for p in site.glob("*/index.html")
                      if p.parent.name not in {"search", "print_page", "assets", "chronologie", "acteurs"})
    url = serve(site) + (articles[0] + "/" if articles else "")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        for run in range(runs):
            print(f"run {run}: {one_run(browser, url, name, delay_ms)}", flush=True)
        browser.close()


if __name__ == "__main__":
    main()
