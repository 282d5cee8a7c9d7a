"""Hostile article content is inert, checked in the real browser (Debian's Chromium via Playwright).

Two articles carry `<script>`, `<img onerror=…>`, `javascript:` links, raw HTML, Markdown link and image
syntax and Jinja syntax, in the body, in the front matter (title, outlet, url) and in a human correction
(a speaker name). The real CLI builds the site (`briefing build`: extract, corrections, render,
`mkdocs build --strict`); every page of both articles is opened: no dialog opens, no script of the
article runs (each payload would set `window.__pwned` or `document.title`), no `javascript:` link or
article image exists in the DOM, no request leaves for the article's addresses, and the hostile words
are visible as text.

The browser runs in its own thread, so this module works beside other Playwright sessions."""

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

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]
PAGES = ["", "chronologie/", "citations/", "acteurs/", "affirmations/", "contexte-juridique/", "texte-source/"]

TXT = """---
title: "Lille <script>document.title='PWNED'</script> vote {{ 7*7 }} son budget"
outlet: "<img src=x onerror=\\"window.__pwned='outlet'\\">Le Canard du Nord"
url: "javascript:window.__pwned='url'"
published: 2024-05-02
---
Le conseil municipal de Lille a voté samedi 27 avril 2024 le budget <script>window.__pwned='script';alert(1)</script> de la ville, selon la maire Marie Dupont.
« Nous refusons <img src=x onerror="window.__pwned='img';alert(2)"> toute hausse d'impôt », a déclaré Marie Dupont devant les élus.
Le lien [cliquez ici](javascript:window.__pwned='mdlink') et l'image ![logo](http://127.0.0.1:9/evil.png) circulent sur les réseaux depuis janvier 2023, a rapporté l'AFP.
Un internaute a écrit {{ 7*7 }} puis {% if true %}piège{% endif %} et {# commentaire #} sous la publication, ajoute le journal.
Le texte javascript:alert(3) et onerror=alert(4) reste du texte, comme &lt;script&gt; et &#60;b&#62;, a précisé l'opposition.
"""

MD = """---
title: "Roubaix : [le maire](javascript:window.__pwned='title') répond"
outlet: Le Journal *de* Roubaix
---
# Roubaix : le maire répond

Le maire de Roubaix, Guillaume Delbar, a répondu lundi 6 mai 2024 aux critiques de l'opposition sur le budget.

« Ce budget est <b onmouseover="window.__pwned='b'">sincère</b> », a affirmé Guillaume Delbar lors du conseil.

Selon l'opposition, [un document](javascript:window.__pwned='md') et ![une image](http://127.0.0.1:9/evil2.png) montrent le contraire depuis mars 2024.

Un élu a cité {{ config }} et {% include 'x' %} dans sa réponse, ce qui a fait rire la salle, selon le journal.
"""

CORRECTIONS = """- fix_speaker: q-1
  speaker: "<img src=x onerror=window.__pwned='speaker'>Marie Dupont"
- review: q-1
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    shutil.copy(ROOT / "mkdocs.yml", root)
    shutil.copytree(ROOT / "docs" / "assets", root / "docs" / "assets")
    shutil.copytree(ROOT / "knowledge", root / "knowledge")
    (root / "seeds").mkdir()
    (root / "seeds" / "piege-texte.txt").write_text(TXT, encoding="utf-8")
    (root / "seeds" / "piege-markdown.md").write_text(MD, encoding="utf-8")
    (root / "facts" / "piege-texte").mkdir(parents=True)
    (root / "facts" / "piege-texte" / "corrections.yaml").write_text(CORRECTIONS, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--quiet"], cwd=root, capture_output=True,
                          text=True, timeout=600, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin",
                                                       "BRIEFING_NO_CACHE": "1"})
    assert done.returncode == 0, done.stderr[-3000:]
    assert "warning" not in done.stderr, done.stderr  # the corrections applied
    return root / "site"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


PROBE = """() => ({
  pwned: window.__pwned === undefined ? null : String(window.__pwned),
  title: document.title,
  text: document.body.innerText,
  jsLinks: [...document.querySelectorAll('a[href]')].filter(a => /^\\s*javascript:/i.test(a.getAttribute('href'))).length,
  evilImages: [...document.querySelectorAll('img')].filter(i => /evil|^x$/.test(i.getAttribute('src') || '')).length,
  handlers: [...document.querySelectorAll('[onerror],[onmouseover],[onclick],[onload]')].length,
  bold: [...document.querySelectorAll('main b, article b')].map(b => b.textContent),
})"""


def _visit(base: str, paths: list[str]) -> dict:
    """Open every page in Chromium (in this thread); return what each page showed and did."""
    from playwright.sync_api import sync_playwright

    out: dict = {"pages": {}, "dialogs": [], "requests": [], "errors": []}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        ctx = browser.new_context()
        page = ctx.new_page()
        page.on("dialog", lambda d: (out["dialogs"].append(d.message), d.dismiss()))
        page.on("request", lambda r: out["requests"].append(r.url))
        page.on("pageerror", lambda e: out["errors"].append(str(e)))
        for path in paths:
            page.goto(base + path, wait_until="load")
            page.wait_for_timeout(150)  # let any (injected) timer or handler fire
            page.mouse.move(300, 300)
            out["pages"][path] = page.evaluate(PROBE)
        browser.close()
    return out


@pytest.fixture(scope="module")
def visited(site) -> dict:
    handler = functools.partial(_Quiet, directory=str(site))
    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    paths = [""] + [f"{slug}/{p}" for slug in ("piege-texte", "piege-markdown") for p in PAGES]
    result: dict = {}

    def worker():
        try:
            result.update(_visit(base, paths))
        except BaseException as exc:  # surfaced in the main thread
            result["crash"] = exc

    t = threading.Thread(target=worker)
    t.start()
    t.join(300)
    server.shutdown()
    server.server_close()
    if "crash" in result:
        raise result["crash"]
    result["base"] = base
    return result


def test_no_dialog_and_no_script_of_the_article_runs(visited):
    assert visited["dialogs"] == []
    assert len(visited["pages"]) == 15
    for path, seen in visited["pages"].items():
        assert seen["pwned"] is None, (path, seen["pwned"])
        assert "PWNED" not in seen["title"] or "<script>" in seen["title"], (path, seen["title"])
        assert seen["jsLinks"] == 0 and seen["evilImages"] == 0 and seen["handlers"] == 0, (path, seen)
        assert "sincère" not in seen["bold"], path


def test_no_request_to_the_article_addresses(visited):
    base = visited["base"]
    outside = [u for u in visited["requests"] if not u.startswith(base)]
    assert outside == [], outside
    assert not [u for u in visited["requests"] if "evil" in u]


def test_hostile_words_are_visible_as_text(visited):
    src = visited["pages"]["piege-texte/texte-source/"]["text"]
    for words in ("{{ 7*7 }}", "{% if true %}piège{% endif %}", "{# commentaire #}",
                  "[cliquez ici](javascript:window.__pwned='mdlink')", "![logo](http://127.0.0.1:9/evil.png)",
                  "javascript:alert(3)", "onerror=alert(4)", "&lt;script&gt;", "&#60;b&#62;"):
        assert words in src, words
    # tags in a plain-text article are taken out of the text and listed, literally, as removed
    assert "<script>window.__pwned='script';alert(1)</script>" in src
    assert "<img src=x onerror=\"window.__pwned='img';alert(2)\">" in src
    home = visited["pages"]["piege-texte/"]
    assert "Lille <script>document.title='PWNED'</script> vote {{ 7*7 }} son budget" in home["text"]
    assert "<img src=x onerror=\"window.__pwned='outlet'\">Le Canard du Nord" in home["text"]
    md_src = visited["pages"]["piege-markdown/texte-source/"]["text"]
    assert "{{ config }}" in md_src and "{% include 'x' %}" in md_src


def test_the_corrected_speaker_is_text_and_the_reviewed_mark_shows(visited):
    cit = visited["pages"]["piege-texte/citations/"]["text"]
    assert "<img src=x onerror=window.__pwned='speaker'>Marie Dupont" in cit
    assert "✔ vérifié" in cit
