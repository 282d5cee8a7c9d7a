"""The navigation: a generated MkDocs parent config (`generated/nav.yml`, pulled in by `INHERIT:`
from the hand-editable `mkdocs.yml`) holding `site_name` and `nav`."""

from __future__ import annotations

import re
from typing import Any

import yaml

from .escape import one_line
from .templates import ARTICLE_PAGES
from .views import ArticleView

_HEADER = (
    "# Généré par generator/render.py à chaque rendu : ne pas modifier.\n"
    "# mkdocs.yml l'inclut par INHERIT ; ce que mkdocs.yml définit l'emporte.\n"
)


def nav_yaml(views: list[ArticleView], site_name: str) -> str:
    merged = len(views) > 1
    nav: list[Any] = [{"Accueil du dossier": "index.md"}]
    if merged:
        nav.append({"Chronologie du dossier": "chronologie.md"})
        nav.append({"Acteurs du dossier": "acteurs.md"})
        nav.append({"Contexte juridique du dossier": "contexte-juridique.md"})
    articles = [{nav_title(v.facts.article.title): [{title: f"{v.slug}/{fname}"} for fname, title, _ in ARTICLE_PAGES]}
                for v in views]
    # A dossier's articles sit in one section: with Material's navigation.prune each page then
    # carries only the open article's pages, so page size and build time stay linear in N.
    nav += [{"Articles du dossier": articles}] if merged else articles
    doc = {"site_name": nav_title(site_name), "nav": nav}
    return _HEADER + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10_000)


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
