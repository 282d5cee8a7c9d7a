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
from ..forked import split_map
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
    parallel: bool = False,
) -> list[Path]:
    """Write the pages of `articles` (as `site_articles` gives them), of their merged `dossier`, and
    the `exported` files into `docs_dir`; return the paths written (only files whose content changed).

    The navigation goes to `nav_file` (default `docs_dir/../generated/nav.yml`). With `parallel`, a
    forked helper renders the last articles' pages (`forked.split_map`)."""
    docs_dir = Path(docs_dir)
    nav_file = Path(nav_file) if nav_file else docs_dir.parent / "generated" / "nav.yml"
    abbrs = abbreviations(kb)
    env = make_env(abbrs)
    views = [article_view(f) for f in articles]
    searched_once = _DOSSIER_SEARCHED if len(views) > 1 else set()

    by_slug = {v.slug: v for v in views}
    home = home_context(views, dossier, kb, site_name)
    dossier_pages = dict([("index.md", "home.md.j2"), *(DOSSIER_PAGES if len(views) > 1 else [])])

    def finished(rel: str, text: str) -> str:
        """A page as written: its JSON-LD block, then the glossary lines it uses."""
        return with_glossary(text + exported.jsonld.get(rel, ""), abbrs)

    def render(key: str) -> dict[str, str]:
        """path under docs/ -> text, for one dossier page or for every page of one article."""
        if key in dossier_pages:
            return {key: finished(key, env.get_template(dossier_pages[key]).render(home))}
        ctx = article.page_context(by_slug[key], kb, site_name)
        texts = {f"{key}/{fname}": (_NOT_SEARCHED if fname in searched_once else "") + env.get_template(tpl).render(ctx)
                 for fname, _title, tpl in ARTICLE_PAGES}
        return {rel: finished(rel, text) for rel, text in texts.items()}

    # the dossier pages first (this process), then the articles (the last ones in the helper); a
    # dossier page weighs about what 5 % of the articles do (measured at 1,000 articles)
    keys = [*dossier_pages, *by_slug]
    weights = [0.05 * len(views)] * len(dossier_pages) + [1.0] * len(by_slug)
    rendered = split_map(keys, weights, render, parallel)
    pages = {docs_dir / rel: text for key in [*by_slug, *dossier_pages] for rel, text in rendered[key].items()}
    pages.update({docs_dir / rel: text for rel, text in exported.files.items()})
    pages[docs_dir / GLOSSARY_PAGE] = glossary_page(kb)
    return write_all(pages, docs_dir, nav_file, nav_yaml(views, site_name))
