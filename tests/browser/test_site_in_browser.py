"""The built site in a real browser (Debian's Chromium driven by Playwright), as a reader opens it.

One tour visits every page at desktop (1280 px) and mobile (390 px) width: it records every request
(anything not for the local server is recorded *and* aborted), console errors and uncaught page errors,
runs axe-core (npm registry, injected into the page) at desktop width, checks `lang`, headings and link
texts, and saves full-page screenshots under tests/artifacts/screenshots/. The other tests follow what
a reader does: search, follow a quote to its words, read the timeline.
"""

from __future__ import annotations

import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from .conftest import ARTIFACTS, AXE_JS, CHROMIUM, CHROMIUM_ARGS

WIDTHS = {"desktop": 1280, "mobile": 390}
SHOTS = ARTIFACTS / "screenshots"

# Findings axe reports in Material for MkDocs' own markup (not in what the project writes). Each is
# excluded by rule id + exact node selector, never globally, so the same rule still fails anywhere else.
KNOWN_THEME_FINDINGS = {
    ("aria-dialog-name", ".md-search"):
        "Material's search overlay is a role=dialog <div> without aria-label (theme template)",
    ("color-contrast", ".md-copyright"):
        "Material's footer line 'Made with Material for MkDocs' is light grey on the dark footer",
}
FAILING_IMPACTS = {"serious", "critical"}

AXE_RUN = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(' ')),
    data: v.nodes.map(n => JSON.stringify((n.any[0] || {}).data || ''))}));
}"""

# lang, heading levels in the content, and every content link's accessible name
PAGE_FACTS = r"""() => {
  const content = document.querySelector('.md-content');
  const heads = [...content.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => +h.tagName[1]);
  const links = [...content.querySelectorAll('a[href]')].map(a => ({
    name: (a.getAttribute('aria-label') || a.textContent || a.title || '').replace(/\s+/g, ' ').trim(),
    title: a.title || '', cls: a.className, href: a.getAttribute('href')}));
  return {lang: document.documentElement.lang, heads, links};
}"""


# what a reader sees (rendered text), what is left of md_in_html, and every § link
PAGE_TEXT = r"""() => ({
  text: document.body.innerText,
  markdownAttrs: document.querySelectorAll('[markdown]').length,
  src: [...document.querySelectorAll('.md-content a.bf-src')].map(a => ({href: a.href, label: a.textContent})),
  deadAnchors: [...document.querySelectorAll('.md-content a[href*="#"]')]
    .filter(a => a.pathname === location.pathname && a.hash.length > 1
                 && !document.getElementById(decodeURIComponent(a.hash.slice(1))))
    .map(a => a.getAttribute('href'))
})"""


def _name(path: str) -> str:
    return path.strip("/").replace("/", "__") or "accueil"


def _is_local(url: str, base_url: str) -> bool:
    if url.startswith(("data:", "blob:", "about:")):
        return True
    return urlsplit(url).netloc == urlsplit(base_url).netloc


def _tour(browser, base_url: str, paths: list[str], *, width: int, scheme: str = "light",
          axe: bool = False, facts: bool = False, shots: bool = False, text: bool = False) -> dict[str, dict]:
    ctx = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, locale="fr-FR")
    results: dict[str, dict] = {}
    current: dict = {}

    def on_route(route):
        url = route.request.url
        current.setdefault("requests", []).append(url)
        if _is_local(url, base_url):
            route.continue_()
        else:
            route.abort()  # recorded above; never let it reach the network

    ctx.route("**/*", on_route)
    inflight: set = set()
    ctx.on("request", lambda r: inflight.add(r))
    ctx.on("requestfinished", lambda r: inflight.discard(r))
    ctx.on("requestfailed", lambda r: inflight.discard(r))
    page = ctx.new_page()

    def settle(quiet_ms: int = 300, limit_ms: int = 8000) -> None:
        # like "networkidle" (500 ms) but shorter; a request that would still come later is not
        # lost: it is recorded (and blocked) under the next page, and the last page waits fully
        quiet = waited = 0
        while quiet < quiet_ms and waited < limit_ms:
            page.wait_for_timeout(50)
            waited += 50
            quiet = quiet + 50 if not inflight else 0

    page.on("console", lambda m: m.type == "error" and current.setdefault("console", []).append(m.text))
    page.on("pageerror", lambda e: current.setdefault("console", []).append(f"uncaught: {e}"))
    for path in paths:
        current = results[path] = {"requests": [], "console": []}
        page.goto(base_url + path, wait_until="load")
        settle()  # late requests (search worker, index, lunr.fr) too
        if axe:
            # measure colours at rest, not halfway through a theme transition
            page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
            page.add_script_tag(path=str(AXE_JS))
            current["axe"] = page.evaluate(AXE_RUN)
        if facts:
            current["facts"] = page.evaluate(PAGE_FACTS)
        if text:
            current["text"] = page.evaluate(PAGE_TEXT)
        if shots:
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / f"{_name(path)}-{width}.png"), full_page=True)
    page.wait_for_load_state("networkidle")
    ctx.close()
    return results


def _launch_and_tour(runs: list[tuple]) -> dict[str, dict]:
    """Own Playwright + Chromium for this thread, then each (key, base_url, paths, kwargs) tour."""
    from playwright.sync_api import sync_playwright

    out = {}
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            for key, base_url, paths, kwargs in runs:
                out[key] = _tour(b, base_url, paths, **kwargs)
        finally:
            b.close()
    return out


@pytest.fixture(scope="session")
def tours(base_url, page_paths, extra_paths, slugs):
    """Every page at desktop width (requests, console, axe, page facts, screenshot) and at mobile
    width (requests, console, screenshot); plus the dark palette (axe) on the dossier pages and every
    page of the first article. Two browsers in two threads, to keep the suite fast."""
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} missing: run `npm ci` (make test does it) to get axe-core from the npm registry")
    dark_paths = [p for p in page_paths if "/" not in p.strip("/") or p.startswith(slugs[0] + "/")]
    plan_a = [("desktop", base_url, page_paths,
               dict(width=WIDTHS["desktop"], axe=True, facts=True, shots=True, text=True)),
              ("desktop-extra", base_url, extra_paths, dict(width=WIDTHS["desktop"], text=True))]
    plan_b = [("mobile", base_url, page_paths, dict(width=WIDTHS["mobile"], shots=True, text=True)),
              ("mobile-extra", base_url, extra_paths, dict(width=WIDTHS["mobile"], text=True)),
              ("dark", base_url, dark_paths, dict(width=WIDTHS["desktop"], scheme="dark", axe=True))]
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(_launch_and_tour, plan) for plan in (plan_a, plan_b)]
        results: dict[str, dict] = {}
        for f in futures:
            results.update(f.result())
    return results


@pytest.fixture(scope="session")
def desktop_tour(tours):
    """Every built page at 1280 px: the reading pages (axe, page facts, screenshots), then the
    print page and 404.html (requests, console, text)."""
    return {**tours["desktop"], **tours["desktop-extra"]}


@pytest.fixture(scope="session")
def mobile_tour(tours):
    return {**tours["mobile"], **tours["mobile-extra"]}


@pytest.fixture(scope="session")
def dark_tour(tours):
    return tours["dark"]


def _serious(tour: dict[str, dict]) -> tuple[list[str], Counter, Counter]:
    """(failures, counts of all findings by impact, known theme findings excluded)."""
    failures, by_impact, excluded = [], Counter(), Counter()
    for path, r in tour.items():
        for v in r.get("axe", []):
            for node, data in zip(v["nodes"], v["data"]):
                if (v["id"], node) in KNOWN_THEME_FINDINGS:
                    excluded[(v["id"], node)] += 1
                    continue
                by_impact[v["impact"]] += 1
                if v["impact"] in FAILING_IMPACTS:
                    failures.append(f"/{path}: {v['id']} ({v['impact']}) {node} — {v['help']} {data[:160]}")
    return failures, by_impact, excluded


# --------------------------------------------------------------------------- every page

@pytest.mark.parametrize("width", list(WIDTHS))
def test_no_request_leaves_localhost(width, desktop_tour, mobile_tour, base_url, page_paths, extra_paths):
    tour = desktop_tour if width == "desktop" else mobile_tour
    assert set(tour) == set(page_paths) | set(extra_paths)
    outside = {p: [u for u in r["requests"] if not _is_local(u, base_url)] for p, r in tour.items()}
    outside = {p: u for p, u in outside.items() if u}
    assert not outside, f"requests to outside hosts: {outside}"
    # the check saw real traffic: stylesheets, scripts, the search index
    every = [u for r in tour.values() for u in r["requests"]]
    assert any(u.endswith("search/search_index.json") for u in every)
    assert all(any(u.endswith("briefing.css") for u in r["requests"]) for r in tour.values())
    print(f"\n{width}: {len(tour)} pages, {len(every)} requests, {sum(map(len, outside.values()))} outside")


@pytest.mark.parametrize("width", list(WIDTHS))
def test_no_console_error(width, desktop_tour, mobile_tour):
    tour = desktop_tour if width == "desktop" else mobile_tour
    errors = {p: r["console"] for p, r in tour.items() if r["console"]}
    assert not errors, errors


def test_axe_finds_no_serious_or_critical_violation(desktop_tour):
    failures, by_impact, excluded = _serious(desktop_tour)
    print(f"\naxe (light, {len(desktop_tour)} pages): {dict(by_impact) or 'no finding'}; "
          f"theme findings excluded: {dict(excluded)}")
    assert not failures, "\n".join(failures[:40])


def test_axe_dark_palette_has_no_serious_or_critical_violation(dark_tour):
    failures, by_impact, excluded = _serious(dark_tour)
    print(f"\naxe (dark, {len(dark_tour)} pages): {dict(by_impact) or 'no finding'}; "
          f"theme findings excluded: {dict(excluded)}")
    assert not failures, "\n".join(failures[:40])


def test_pages_are_french_with_ordered_headings_and_meaningful_link_texts(desktop_tour):
    problems = []
    for path, r in desktop_tour.items():
        if "facts" not in r:
            continue  # print page and 404.html: not reading pages
        f = r["facts"]
        if not f["lang"].startswith("fr"):
            problems.append(f"/{path}: lang={f['lang']!r}")
        heads = f["heads"]
        if heads.count(1) != 1 or heads[0] != 1:
            problems.append(f"/{path}: expected one h1 first, got {heads}")
        for a, b in zip(heads, heads[1:]):
            if b > a + 1:
                problems.append(f"/{path}: heading level jumps h{a} -> h{b}")
        for link in f["links"]:
            if "headerlink" in link["cls"]:  # theme's ¶ permalink, named by its title
                assert link["title"], link
                continue
            # a name made only of digits, § and punctuation says nothing out of context
            if not re.search(r"[A-Za-zÀ-ÿ]{2,}", link["name"]):
                problems.append(f"/{path}: link {link['href']!r} named {link['name']!r}")
    assert not problems, "\n".join(problems[:40])


def test_source_links_say_what_they_point_to(desktop_tour, slugs):
    links = desktop_tour[f"{slugs[0]}/citations/"]["facts"]["links"]
    src = [a for a in links if "bf-src" in a["cls"]]
    assert src, "no source link on Citations"
    for a in src:
        assert re.fullmatch(r"§\s\d+ : source de la citation, paragraphe \d+", a["name"]), a


def test_screenshots_of_every_page_at_both_widths(desktop_tour, mobile_tour, page_paths):
    for path in page_paths:
        for width in WIDTHS.values():
            shot = SHOTS / f"{_name(path)}-{width}.png"
            assert shot.is_file() and shot.stat().st_size > 10_000, shot
            assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# --------------------------------------------------------------------------- what a reader does

def test_searching_arcom_lists_the_legal_context_page(page, base_url):
    page.goto(base_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("Arcom", delay=60)  # Material listens to real key presses
    hit = page.locator('.md-search-result__item a[href*="contexte-juridique"]').first
    hit.wait_for(state="attached", timeout=15_000)
    hrefs = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
    assert any("/contexte-juridique/" in h for h in hrefs), hrefs


def test_searching_a_speaker_lists_the_dossier_wide_citations_page(page, base_url, project):
    html = (project / "site" / "citations" / "index.html").read_text(encoding="utf-8")
    speaker = re.search(r'<h2 id="pers-[^"]*">([^<]+)', html).group(1).split()[-1]  # a family name
    page.goto(base_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(speaker, delay=60)
    page.locator('.md-search-result__item a').first.wait_for(state="attached", timeout=15_000)
    hrefs = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
    pages = {urlsplit(h)._replace(query="", fragment="").geturl() for h in hrefs}  # ?h=… is the highlight
    assert base_url + "citations/" in pages, sorted(pages)


def _quotes(project: Path, slug: str) -> list[dict]:
    return yaml.safe_load((project / "facts" / slug / "quotes.yaml").read_text(encoding="utf-8")) or []


def _words(text: str) -> str:
    """The words, character for character; only the kind of space may differ (the site shows the
    article's no-break spaces, e.g. after «, as ordinary spaces)."""
    return " ".join(text.split())


HIGHLIGHT = """() => {
  const segs = [...document.querySelectorAll('.bf-seg.bf-hl')];
  const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
  const r = segs.length ? segs[0].getBoundingClientRect() : null;
  const last = segs.length ? segs[segs.length - 1].getBoundingClientRect() : null;
  return {text: segs.map(s => s.textContent).join(''), n: segs.length,
          inView: !!r && r.top >= header && last.bottom <= window.innerHeight,
          bg: segs.length ? getComputedStyle(segs[0]).backgroundColor : null};
}"""


def test_a_quote_source_link_lands_on_its_exact_words_highlighted_in_view(page, base_url, project, slugs):
    slug = "coco-gg-roussel-darmanin" if "coco-gg-roussel-darmanin" in slugs else slugs[0]
    quotes = {q["id"]: q for q in _quotes(project, slug)}
    assert quotes, f"no quote in {slug}"
    page.goto(f"{base_url}{slug}/citations/")
    cards = page.locator(".bf-quote")
    n = cards.count()
    assert n == len(quotes)
    checked = 0
    for i in sorted({0, n // 2, n - 1}):  # real clicks from Citations: first, middle and last card
        page.goto(f"{base_url}{slug}/citations/")
        card = page.locator(".bf-quote").nth(i)
        shown = card.locator(".bf-qtext").inner_text().strip()
        link = card.locator("a.bf-src")
        anchor = link.get_attribute("href").split("#")[1]
        link.click()
        page.wait_for_url(re.compile(r"/texte-source/#" + re.escape(anchor) + "$"))
        page.wait_for_function("document.querySelectorAll('.bf-seg.bf-hl').length > 0")
        got = page.evaluate(HIGHLIGHT)
        q = quotes[anchor]  # the anchor is the quote's id
        assert _words(got["text"]) == _words(q["text"]), (anchor, got["text"], q["text"])
        assert _words(shown) == f"« {_words(q['text'])} »"
        assert got["inView"], f"{anchor}: highlighted words not in the viewport"
        assert got["bg"] not in (None, "rgba(0, 0, 0, 0)"), "highlight has no background"
        checked += 1
    # every other quote of the article: same page, only the fragment changes (hashchange)
    page.goto(f"{base_url}{slug}/texte-source/")
    for qid, q in quotes.items():
        page.evaluate("id => { location.hash = id; }", qid)
        page.wait_for_function(
            "id => [...document.querySelectorAll('.bf-seg.bf-hl')].some(s => s.dataset.f.split(' ').includes(id))",
            arg=qid)
        got = page.evaluate(HIGHLIGHT)
        assert _words(got["text"]) == _words(q["text"]), (qid, got["text"], q["text"])
        assert got["inView"], f"{qid}: highlighted words not in the viewport"
        checked += 1
    assert checked >= len(quotes)


_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"]


def _expected_label(e: dict) -> str:
    """French label at the event's precision, built here independently of the renderer."""
    parts = [int(x) for x in str(e["date"]).split("-")]
    if e["precision"] == "day":
        d = "1er" if parts[2] == 1 else str(parts[2])
        label = f"{d} {_MONTHS[parts[1] - 1]} {parts[0]}"
    elif e["precision"] == "month":
        label = f"{_MONTHS[parts[1] - 1]} {parts[0]}"
    else:
        label = str(parts[0])
    return f"vers {label}" if e.get("approximate") else label


def _key(iso: str) -> tuple[int, ...]:
    parts = [int(x) for x in iso.split("-")]
    return tuple(parts + [0] * (3 - len(parts)))


def test_the_timeline_shows_events_in_date_order_with_french_labels(page, base_url, project, slugs):
    seen = 0
    for slug in slugs:
        events = yaml.safe_load((project / "facts" / slug / "events.yaml").read_text(encoding="utf-8")) or []
        page.goto(f"{base_url}{slug}/chronologie/")
        if not events:
            continue
        items = page.locator(".bf-timeline .bf-tl-item")
        shown = items.evaluate_all("""els => els.map(el => {
            const t = el.querySelector('time.bf-date'); const r = el.getBoundingClientRect();
            return {label: t.innerText.trim(), iso: t.getAttribute('datetime'), top: r.top, left: r.left};
        })""")
        assert len(shown) == len(events), slug
        isos = [s["iso"] for s in shown]
        assert isos == sorted(isos, key=_key), f"{slug}: not in date order: {isos}"
        expected = sorted(events, key=lambda e: _key(str(e["date"])))
        assert [s["label"] for s in shown] == [_expected_label(e) for e in expected], slug
        assert Counter(isos) == Counter(str(e["date"]) for e in events)
        # a vertical timeline: each item below the previous one, in one column
        tops = [s["top"] for s in shown]
        assert tops == sorted(tops) and len(set(tops)) == len(tops)
        assert len({round(s["left"]) for s in shown}) == 1
        for s in shown:  # never finer than the text: a month is never shown with a day
            assert not re.match(r"^(vers )?1 ", s["label"])
        seen += len(shown)
    assert seen, "no event on any timeline"


# --------------------------------------------------------------------------- raw Markdown, § links

RAW_MARKDOWN = ("](", "{ .", "**")  # a link, an attribute list, bold: Markdown a parser never saw


def _raw_markdown(text: str) -> list[str]:
    """Each raw-Markdown marker in `text`, shown with the words around it."""
    hits = []
    for marker in RAW_MARKDOWN:
        for m in re.finditer(re.escape(marker), text):
            hits.append(repr(text[max(0, m.start() - 70): m.end() + 30]))
    return hits


@pytest.mark.parametrize("width", list(WIDTHS))
def test_no_page_shows_raw_markdown_or_dead_in_page_anchors(width, desktop_tour, mobile_tour):
    tour = desktop_tour if width == "desktop" else mobile_tour
    problems = []
    for path, r in tour.items():
        problems += [f"/{path}: {hit}" for hit in _raw_markdown(r["text"]["text"])]
        if r["text"]["markdownAttrs"]:
            problems.append(f"/{path}: {r['text']['markdownAttrs']} element(s) still carry a markdown attribute")
        problems += [f"/{path}: link to a missing anchor {h}" for h in r["text"]["deadAnchors"]]
    print(f"\n{width}: {len(tour)} pages checked for raw Markdown")
    assert len(tour) > 30 and all(len(r["text"]["text"]) > 200 for r in tour.values())
    assert not problems, "\n".join(problems[:40])


def test_no_built_html_file_keeps_a_markdown_attribute(project):
    files = sorted((project / "site").rglob("*.html"))
    left = [f.relative_to(project / "site").as_posix() for f in files
            if re.search(r"<[^>]+\smarkdown(=|\s|>)", f.read_text(encoding="utf-8"))]
    assert len(files) > 30
    assert not left, left


def _span_words(project: Path, slug: str) -> dict[str, set[str]]:
    """paragraph id -> the exact words of every span any fact file of the article points to."""
    facts = project / "facts" / slug
    article = yaml.safe_load((facts / "article.yaml").read_text(encoding="utf-8"))
    paras = {p["id"]: p["text"] for p in article["paragraphs"]}
    out: dict[str, set[str]] = {pid: set() for pid in paras}

    def walk(node) -> None:
        if isinstance(node, dict):
            if {"paragraph", "start", "end"} <= set(node) and node["paragraph"] in paras:
                out[node["paragraph"]].add(_words(paras[node["paragraph"]][node["start"]:node["end"]]))
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    for f in sorted(facts.glob("*.yaml")):
        walk(yaml.safe_load(f.read_text(encoding="utf-8")))
    return out


LANDING = """id => {
  const segs = [...document.querySelectorAll('.bf-seg.bf-hl')];
  const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
  const first = segs.length ? segs[0].getBoundingClientRect() : null;
  return {text: segs.map(s => s.textContent).join(''),
          paras: [...new Set(segs.map(s => s.closest('.bf-para') && s.closest('.bf-para').id))],
          mine: segs.every(s => s.dataset.f.split(' ').includes(id)),
          inView: !!first && first.top >= header && first.bottom <= window.innerHeight,
          bg: segs.length ? getComputedStyle(segs[0]).backgroundColor : null};
}"""


def test_every_source_link_of_every_page_lands_on_highlighted_words(desktop_tour, extra_paths, page,
                                                                     base_url, project):
    """Each distinct § link of every reading page (the dossier's included) is followed: the words
    highlighted on Texte source are the exact words of a fact span in the paragraph the link names."""
    targets: dict[str, dict[str, tuple[str, str]]] = {}
    for path, r in desktop_tour.items():
        if path in extra_paths:
            continue  # the print page links inside itself (checked by the dead-anchor test)
        for a in r["text"]["src"]:
            url, _, anchor = a["href"].partition("#")
            targets.setdefault(url, {}).setdefault(anchor, (path, a["label"]))
    problems, checked = [], 0
    for url, anchors in sorted(targets.items()):
        rel = url[len(base_url):]
        if not (url.startswith(base_url) and rel.endswith("/texte-source/")):
            problems.append(f"{url}: a § link that does not lead to a Texte source page")
            continue
        words = _span_words(project, rel.split("/")[0])
        page.goto(url)
        for anchor, (origin, label) in anchors.items():
            page.evaluate("id => { location.hash = id; }", anchor)
            try:
                page.wait_for_function("id => document.querySelectorAll('.bf-seg.bf-hl').length > 0 && "
                                       "[...document.querySelectorAll('.bf-seg.bf-hl')]"
                                       ".every(s => s.dataset.f.split(' ').includes(id))", arg=anchor, timeout=3000)
            except Exception:
                problems.append(f"/{origin}: {label!r} -> {rel}#{anchor}: nothing highlighted")
                continue
            got = page.evaluate(LANDING, anchor)
            m = re.match(r"§\s(\d+)", label)
            para = f"p{m.group(1)}" if m else (got["paras"][0] if got["paras"] else None)
            if got["paras"] != [para]:
                problems.append(f"/{origin}: {label!r} highlights paragraphs {got['paras']}, not {para}")
            elif _words(got["text"]) not in words.get(para, set()):
                problems.append(f"/{origin}: {label!r} -> #{anchor} highlights {got['text']!r}: no fact's words")
            if not got["inView"] or got["bg"] in (None, "rgba(0, 0, 0, 0)"):
                problems.append(f"/{origin}: #{anchor} highlight not visible (in view {got['inView']}, {got['bg']})")
            checked += 1
    print(f"\n{checked} distinct § links followed from {len(desktop_tour) - len(extra_paths)} pages")
    assert checked > 100
    assert not problems, "\n".join(problems[:40])
