"""The navigation: a generated MkDocs parent config (`generated/nav.yml`, pulled in by `INHERIT:`
from the hand-editable `mkdocs.yml`) holding `site_name` and `nav`.

A big dossier's articles are grouped by year, then month (a crowded month by day), so that
with Material's `navigation.prune` each page carries only its own branch: the dossier pages, the
years, the months of its year, the articles of its month and its own pages. The navigation of a
page then stays the same size whatever the number of articles, and the MkDocs build grows linearly
(all articles side by side made every page list every article: quadratic; README, "Big dossiers")."""

from __future__ import annotations

import re
from typing import Any

import yaml

from .escape import one_line
from .labels import french_date
from .templates import ARTICLE_PAGES, DOSSIER_NAV
from .views import ArticleView

_HEADER = (
    "# Généré par generator/render.py à chaque rendu : ne pas modifier.\n"
    "# mkdocs.yml l'inclut par INHERIT ; ce que mkdocs.yml définit l'emporte.\n"
)
ARTICLES_SECTION = "Articles du dossier"
GROUP_MAX = 31  # articles side by side at most: up to this many, no grouping (one a day fills a month)
NO_DATE = "Date inconnue"
NO_DAY = "Jour non précisé"


def nav_yaml(views: list[ArticleView], site_name: str) -> str:
    merged = len(views) > 1
    nav: list[Any] = [{"Accueil du dossier": "index.md"}]
    if merged:
        nav += [{title: fname} for fname, title, _tpl in DOSSIER_NAV]
        nav.append({ARTICLES_SECTION: article_groups(views)})
    else:
        nav += [_article_entry(v) for v in views]
    doc = {"site_name": nav_title(site_name), "nav": nav}
    return _HEADER + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10_000)


def _article_entry(v: ArticleView) -> dict[str, list[dict[str, str]]]:
    return {nav_title(v.facts.article.title): [{title: f"{v.slug}/{fname}"} for fname, title, _ in ARTICLE_PAGES]}


def article_groups(views: list[ArticleView]) -> list[Any]:
    """The articles (in site order) as nav entries: side by side up to GROUP_MAX, else by year
    (the level left out when there is one year), then month, then day when a month is crowded."""
    if len(views) <= GROUP_MAX:
        return [_article_entry(v) for v in views]
    years = _group(views, lambda v: v.sort_date[:4] or NO_DATE)
    if len(years) == 1:
        return _months(views)
    return [{year: _months(vs) if year != NO_DATE else _runs(vs, year)} for year, vs in years.items()]


def _months(views: list[ArticleView]) -> list[Any]:
    months = _group(views, lambda v: french_date(v.sort_date[:7], "month") if len(v.sort_date) >= 7 else NO_DATE)
    return [{label: _days(vs) if label != NO_DATE else _runs(vs, label)} for label, vs in months.items()]


def _days(views: list[ArticleView]) -> list[Any]:
    """A month of at most GROUP_MAX articles as it is; a crowded one by day."""
    if len(views) <= GROUP_MAX:
        return [_article_entry(v) for v in views]
    days = _group(views, lambda v: french_date(v.sort_date[:10], "day") if len(v.sort_date) >= 10 else NO_DAY)
    return [{label: _runs(vs, label)} for label, vs in days.items()]


def _runs(views: list[ArticleView], label: str) -> list[Any]:
    """At most GROUP_MAX articles as they are; more (a very crowded day) in numbered runs."""
    if len(views) <= GROUP_MAX:
        return [_article_entry(v) for v in views]
    runs = [views[i:i + GROUP_MAX] for i in range(0, len(views), GROUP_MAX)]
    return [{f"{label} ({k})": [_article_entry(v) for v in run]} for k, run in enumerate(runs, 1)]


def _group(views: list[ArticleView], key) -> dict[str, list[ArticleView]]:
    groups: dict[str, list[ArticleView]] = {}
    for v in views:
        groups.setdefault(key(v), []).append(v)
    return groups


def nav_title(title: str) -> str:
    """A nav title or site_name, escaped here: MkDocs/Material print them without escaping."""
    t = one_line(title or "").strip() or "Sans titre"
    if len(t) > 120:
        t = t[:117] + "…"
    # Material prints it raw in text and attributes (aria-label="…"), and escaped in title="…":
    # escape only what is needed (< > " and & that would start a character reference), so the
    # tooltip of an ordinary title ("Tech&Co", "l'Arcom") is not shown double-escaped.
    t = re.sub(r"&(?=#?[A-Za-z0-9]+;)", "&amp;", t)
    return t.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
