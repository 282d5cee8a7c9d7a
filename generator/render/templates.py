"""Which template makes which page, and the Jinja2 environment that renders them safely."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .escape import ext_link, html_attr, md_text, md_text_keep_spaces
from .labels import french_date

TEMPLATES_DIR = Path(__file__).parent.parent / "templates"
# First line of every generated page. Its words stay as existing projects' pages carry them:
# stale-page removal recognises generated pages by it.
GENERATED_MARK = "<!-- généré par briefing (generator/render.py) : ne pas modifier à la main -->"

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

# Dossier-level pages (several articles): (file, template)
DOSSIER_PAGES: list[tuple[str, str]] = [
    ("chronologie.md", "dossier-chronologie.md.j2"),
    ("acteurs.md", "dossier-acteurs.md.j2"),
    ("contexte-juridique.md", "dossier-contexte-juridique.md.j2"),
]


def make_env() -> Environment:
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
    env.globals["ext_link"] = ext_link
    env.globals["french_date"] = french_date
    return env
