"""A big dossier: its navigation (generator/render/nav.py) holds every article once, and the part of
it a page carries (Material's navigation.prune shows a page its own branch) stays bounded whatever
the number of articles, so the MkDocs build stays linear; its search index holds each knowledge-base
text once; its dossier PDF holds the dossier pages, not every article again."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from _render_sample import make_facts, render_pages
from generator.render import nav
from generator.render.templates import ARTICLE_PAGES, DOSSIER_NAV
from generator.render.views import article_view, site_articles
from generator.site import build_site

ROOT = Path(__file__).resolve().parents[1]
TOP = 5  # home, three dossier pages, the articles section


def _facts(n: int, first: dt.date, span_days: int) -> list:
    """n articles, publication dates spread evenly over span_days from `first`."""
    return [make_facts(f"art-{i:04d}", published=(first + dt.timedelta(days=i * span_days // n)).isoformat(),
                       title=f"Article numéro {i}")
            for i in range(n)]


def _views(n: int, first: dt.date = dt.date(2022, 1, 3), span_days: int = 3 * 365):
    return [article_view(f) for f in site_articles(_facts(n, first, span_days))]


def _tree(n: int, **kw) -> list:
    return yaml.safe_load(nav.nav_yaml(_views(n, **kw), "Dossier"))["nav"]


def _paths(entries: list, trail: tuple = ()) -> dict[str, tuple[int, ...]]:
    """page file -> sizes of the entry lists on its way down from the top of the nav."""
    out: dict[str, tuple[int, ...]] = {}
    for entry in entries:
        ((_title, value),) = entry.items()
        if isinstance(value, list):
            out.update(_paths(value, trail + (len(entries),)))
        else:
            out[value] = trail + (len(entries),)
    return out


def _shown(entries: list) -> dict[str, int]:
    """page -> nav entries a pruned page shows: every list on its way down, its own included."""
    return {page: sum(sizes) for page, sizes in _paths(entries).items()}


def test_every_article_page_once_in_site_order():
    views = _views(300)
    pages = list(_paths(_tree(300)))
    expected = [f"{v.slug}/{fname}" for v in views for fname, _t, _tpl in ARTICLE_PAGES]
    top = ["index.md"] + [fname for fname, _title, _tpl in DOSSIER_NAV]
    assert pages[:len(top)] == top  # the dossier pages stay at the top
    assert pages[len(top):] == expected


@pytest.mark.parametrize("n", [50, 400, 1600])
def test_a_page_shows_a_bounded_part_of_the_nav(n):
    # three years, from 50 to 1,600 articles: years, the months of one year, the articles (or the
    # days) of one month, those of one day, the article's own pages; never the whole dossier
    bound = TOP + 3 + 12 + nav.GROUP_MAX + nav.GROUP_MAX + len(ARTICLE_PAGES)
    shown = _shown(_tree(n))
    assert max(shown.values()) <= bound
    assert max(shown.values()) < n or n < bound


def test_small_dossier_keeps_its_articles_side_by_side():
    tree = _tree(6)
    articles = tree[-1][nav.ARTICLES_SECTION]
    assert [list(e)[0] for e in articles] == [f"Article numéro {i}" for i in range(6)]


def test_crowded_month_by_day_and_crowded_day_in_runs():
    views = _views(3 * nav.GROUP_MAX, first=dt.date(2024, 3, 1), span_days=2)  # one month, two days
    groups = nav.article_groups(views)
    assert [list(g)[0] for g in groups] == ["mars 2024"]
    days = groups[0]["mars 2024"]
    assert [list(d)[0] for d in days] == ["1er mars 2024", "2 mars 2024"]
    assert [list(r)[0] for r in days[0]["1er mars 2024"]] == ["1er mars 2024 (1)", "1er mars 2024 (2)"]
    assert max(sizes[-2] for sizes in _paths(groups).values()) <= nav.GROUP_MAX  # articles side by side


def test_undated_articles_grouped_apart():
    facts = _facts(nav.GROUP_MAX + 5, dt.date(2023, 5, 1), 400)
    facts[:3] = [f.model_copy(update={"article": f.article.model_copy(update={"published": None, "reference_date": None})})
                 for f in facts[:3]]
    groups = nav.article_groups([article_view(f) for f in site_articles(facts)])
    assert [list(g)[0] for g in groups] == ["2023", "2024", nav.NO_DATE]
    assert len(groups[-1][nav.NO_DATE]) == 3


# --------------------------------------------------------------------------- the built site

def _build(tmp: Path, n: int) -> Path:
    shutil.copy(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    shutil.copytree(ROOT / "docs" / "assets", tmp / "docs" / "assets")
    render_pages(_facts(n, dt.date(2020, 2, 1), 10 * 365), tmp / "docs")  # the same ten years
    return build_site(tmp, quiet=True)


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    saved = nav.GROUP_MAX
    nav.GROUP_MAX = 4  # small groups, so that 40 articles are a "big" dossier
    try:
        return {n: _build(tmp_path_factory.mktemp(f"nav{n}"), n) for n in (10, 40)}
    finally:
        nav.GROUP_MAX = saved


def _primary_nav_items(page: Path) -> int:
    from lxml import html

    doc = html.fromstring(page.read_bytes())
    return len(doc.xpath('//nav[contains(@class, "md-nav--primary")]//li'))


def test_built_page_nav_does_not_grow_with_the_dossier(sites):
    # four times the articles over the same years: one group of at most GROUP_MAX more, not 30 more
    small, big = (_primary_nav_items(sites[n] / "art-0005" / "chronologie" / "index.html") for n in (10, 40))
    assert big <= small + 4
    assert big < 40


def _links(page: Path, site: Path) -> set[Path]:
    from lxml import html

    doc = html.fromstring(page.read_bytes())
    base = page.relative_to(site).as_posix()
    out = set()
    for href in doc.xpath("//a/@href"):
        path = urlsplit(urljoin(base, href)).path
        if path and not path.startswith(("/", "..")) and "://" not in href:
            target = site / path
            target = target / "index.html" if target.is_dir() else target
            if target.suffix == ".html" and target.is_file():
                out.add(target.resolve())
    return out


def test_every_article_within_two_clicks_of_home(sites):
    site = sites[40]
    home = site / "index.html"
    reached = {home.resolve()}
    for _ in range(2):
        reached |= {t for p in list(reached) for t in _links(p, site)}
    for i in range(40):
        assert (site / f"art-{i:04d}" / "index.html").resolve() in reached


def test_dossier_legal_context_searched_once(sites):
    import json

    index = json.loads((sites[10] / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    assert "contexte-juridique/" in locations  # the dossier's page
    assert not any(loc.endswith("/contexte-juridique/") for loc in locations)  # not each article's
    assert "art-0003/texte-source/" in locations


def test_big_dossier_pdf_holds_the_dossier_pages_not_every_article(sites):
    from generator.pdf import DOSSIER_NAME, build_documents
    from generator.print_plugin import PRINT_ALL_MAX

    assert 10 <= PRINT_ALL_MAX < 40
    small = build_documents(sites[10], only={DOSSIER_NAME})[DOSSIER_NAME][1]
    big = build_documents(sites[40], only={DOSSIER_NAME})[DOSSIER_NAME][1]
    assert 'id="art-0005-chronologie"' in small
    assert 'id="art-0005-chronologie"' not in big
    assert 'id="chronologie"' in big and 'id="acteurs"' in big  # the dossier's own pages
    assert "art-0039/" in big  # the list of articles links to each one online, and to its PDF
    assert 'href="http://127.0.0.1:8000/pdf/art-0039.pdf"' in big
    assert "Dossier de presse · 40 articles" in big


def test_big_dossier_print_page_links_to_the_articles_it_leaves_out(sites):
    page = (sites[40] / "print_page" / "index.html").read_text(encoding="utf-8")
    assert 'id="art-0005-chronologie"' not in page and 'id="chronologie"' in page
    assert 'href="../art-0039/"' in page and 'href="#art-0039"' not in page
    assert "Articles du dossier</h1>" not in page  # no empty nav sections


def test_big_dossier_article_pdf_comes_from_its_own_print_part(sites):
    from generator.pdf import build_documents

    title, doc = build_documents(sites[40], only={"art-0005"})["art-0005"]
    assert title == "Article numéro 5"
    assert 'id="art-0005-chronologie"' in doc and 'id="art-0005-texte-source"' in doc
    assert 'id="art-0006' not in doc


# --------------------------------------------------------------------------- one more article

def test_adding_one_article_plans_only_that_one(tmp_path: Path, monkeypatch):
    from generator import cache
    from generator.ingest import read_article
    from generator.model import Facts, Summary
    from generator.store import write_dossier

    monkeypatch.delenv("BRIEFING_NO_CACHE", raising=False)
    seeds, facts_dir = tmp_path / "seeds", tmp_path / "facts"
    seeds.mkdir()
    towns = ["Rennes", "Brest", "Quimper", "Lorient"]
    for i, town in enumerate(towns):
        (seeds / f"{i}-{town.lower()}.txt").write_text(
            f"Le conseil municipal de {town} vote son budget\n\nLe maire de {town} a présenté mardi "
            f"un budget en hausse de {i + 2} %, a-t-il déclaré devant la presse.\n", encoding="utf-8")

    def extract(paths):
        """What the extract stage does around spaCy: plan, write the facts of those to extract, record."""
        articles = [read_article(p) for p in paths]
        plan = cache.plan(articles, facts_dir)
        write_dossier([Facts(article=a, summary=Summary(lead=a.paragraphs[0].text)) for a in plan.to_extract],
                      facts_dir)
        cache.record(plan)
        return [a.slug for a in plan.to_extract]

    first = sorted(seeds.iterdir())[:3]
    assert len(extract(first)) == 3
    assert extract(first) == []
    assert extract(sorted(seeds.iterdir())) == ["3-lorient"]
