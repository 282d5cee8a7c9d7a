"""Which template makes which page, and the Jinja2 environment that renders them safely."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..resources import templates_dir
from .escape import ext_link, html_attr, md_text, md_text_keep_spaces
from .glossary import abbr_html
from .labels import french_date

TEMPLATES_DIR = templates_dir()  # packaged, found with importlib.resources
# First line of every generated page: stale-page removal recognises generated pages by it.
GENERATED_MARK = "<!-- généré par briefing (generator/render/) : ne pas modifier à la main -->"
# What marks a page as generated, lower-cased: the mark above and the glossary's, and the marks
# pages of earlier versions carry (they named generator/render.py), so their stale pages still go.
GENERATED_SIGNS = ("généré par briefing (generator/render", "généré par generator/render.py")

# Per-article pages, in navigation order: (file, nav title, template)
ARTICLE_PAGES: list[tuple[str, str, str]] = [
    ("index.md", "Synthèse", "synthese.md.j2"),
    ("chronologie.md", "Chronologie", "chronologie.md.j2"),
    ("citations.md", "Citations", "citations.md.j2"),
    ("acteurs.md", "Acteurs", "acteurs.md.j2"),
    ("affirmations.md", "Qui affirme quoi", "affirmations.md.j2"),
    ("contexte-juridique.md", "Contexte juridique", "contexte-juridique.md.j2"),
    ("texte-source.md", "Texte source", "texte-source.md.j2"),
]
PAGES = [(Markup(f), t, Markup(tpl)) for f, t, tpl in ARTICLE_PAGES]  # as the templates print them

# Dossier-level pages (several articles), in navigation order: (file, nav title, template)
DOSSIER_NAV: list[tuple[str, str, str]] = [
    ("chronologie.md", "Chronologie du dossier", "dossier-chronologie.md.j2"),
    ("citations.md", "Citations du dossier", "dossier-citations.md.j2"),
    ("acteurs.md", "Acteurs du dossier", "dossier-acteurs.md.j2"),
    ("affirmations.md", "Qui affirme quoi (dossier)", "dossier-affirmations.md.j2"),
    ("contexte-juridique.md", "Contexte juridique du dossier", "dossier-contexte-juridique.md.j2"),
]
DOSSIER_PAGES: list[tuple[str, str]] = [(f, tpl) for f, _title, tpl in DOSSIER_NAV]  # (file, template)


def make_env(abbrs: dict[str, str] | None = None) -> Environment:
    """The Jinja environment of the pages; `abbrs` (abbreviation -> expansion) feeds the `abbr` filter,
    which adds glossary tooltips to text a template writes as raw HTML."""
    def finalize(value: Any) -> Any:
        # Safety net: any plain string printed by a template is neutralised.
        if isinstance(value, str) and not isinstance(value, Markup):
            return md_text_keep_spaces(value)  # keeps " · " separators; never starts a block
        return value

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        finalize=finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md_text"] = md_text
    env.filters["attr"] = html_attr
    env.filters["french_date"] = french_date
    env.filters["ext_link"] = ext_link
    env.filters["abbr"] = lambda escaped: abbr_html(escaped, abbrs or {})
    env.globals["ext_link"] = ext_link
    env.globals["french_date"] = french_date
    return env
