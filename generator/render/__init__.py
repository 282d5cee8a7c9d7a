"""Render stage: the facts of the articles, their merged dossier and their exports -> Markdown
pages for MkDocs Material. It only renders: the merge (`generator.dossier`) and the exports
(`generator.exports`) are made before it, the knowledge base is read through its typed API.

One folder per article under `docs/<slug>/` (Synthèse, Chronologie, Citations, Acteurs,
Qui affirme quoi, Contexte juridique, Texte source), a dossier home `docs/index.md`, merged
timeline/who's-who/legal pages when the dossier holds several articles, each page with the glossary
lines it uses (the full glossary in `docs/includes/abbreviations.md`), and the navigation `generated/nav.yml`.

Modules, one job each: `escape` (article text is hostile: everything reaches a page inert),
`labels` (French dates), `spans` (an anchor for each fact's exact words), `views`, `article` and
`dossier` (what the templates print), `templates` (which template makes which page), `glossary`,
`nav`, `write` (staged writes, stale-page removal).
"""

from __future__ import annotations

from pathlib import Path

from ..dossier import Dossier
from ..exports import Exports
from ..knowledge import KnowledgeBase
from ..model import Facts
from . import article
from .dossier import home_context
from .escape import ext_link, html_attr, md_text, safe_url
from .glossary import GLOSSARY_PAGE, abbreviations, glossary_page, with_glossary
from .labels import french_date
from .nav import nav_yaml
from .spans import build_span_index
from .templates import ARTICLE_PAGES, DOSSIER_PAGES, make_env
from .views import article_view, default_site_name, site_articles
from .write import MANIFEST_NAME, write_all

__all__ = [
    "ARTICLE_PAGES", "MANIFEST_NAME", "abbreviations", "build_span_index", "default_site_name",
    "ext_link", "french_date", "html_attr", "md_text", "render_docs", "safe_url", "site_articles",
]


# In a dossier, the knowledge-base texts of every article's legal context are searched once, on the
# dossier's legal context page: repeated on each article they were half of the search index.
_DOSSIER_SEARCHED = {"contexte-juridique.md"}
_NOT_SEARCHED = "---\nsearch:\n  exclude: true\n---\n"


def render_docs(
    articles: list[Facts],
    dossier: Dossier,
    exported: Exports,
    docs_dir: Path,
    *,
    site_name: str,
    kb: KnowledgeBase | None = None,
    nav_file: Path | None = None,
) -> list[Path]:
    """Write the pages of `articles` (as `site_articles` gives them), of their merged `dossier`, and
    the `exported` files into `docs_dir`; return the paths written (only files whose content changed).

    The navigation goes to `nav_file` (default `docs_dir/../generated/nav.yml`)."""
    docs_dir = Path(docs_dir)
    nav_file = Path(nav_file) if nav_file else docs_dir.parent / "generated" / "nav.yml"
    abbrs = abbreviations(kb)
    env = make_env(abbrs)
    views = [article_view(f) for f in articles]
    searched_once = _DOSSIER_SEARCHED if len(views) > 1 else set()

    pages: dict[Path, str] = {}
    for v in views:
        ctx = article.page_context(v, kb, site_name)
        for fname, _title, tpl in ARTICLE_PAGES:
            text = env.get_template(tpl).render(ctx)
            pages[docs_dir / v.slug / fname] = _NOT_SEARCHED + text if fname in searched_once else text
    home = home_context(views, dossier, kb, site_name)
    pages[docs_dir / "index.md"] = env.get_template("home.md.j2").render(home)
    if len(views) > 1:
        for fname, tpl in DOSSIER_PAGES:
            pages[docs_dir / fname] = env.get_template(tpl).render(home)
    for rel, text in exported.files.items():
        pages[docs_dir / rel] = text
    for rel, block in exported.jsonld.items():
        if docs_dir / rel in pages:
            pages[docs_dir / rel] += block
    pages = {path: with_glossary(text, abbrs) if path.suffix == ".md" else text for path, text in pages.items()}
    pages[docs_dir / GLOSSARY_PAGE] = glossary_page(kb)
    return write_all(pages, docs_dir, nav_file, nav_yaml(views, site_name))
