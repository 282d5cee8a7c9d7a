"""Assembling the print documents: the print page's content without the plugin's cover, its
JavaScript table of contents and the Material chrome, wrapped in a document of our own (cover,
table of contents, `templates/pdf.css`) — one for the dossier, one per article."""

from __future__ import annotations

import copy
import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from ..errors import BriefingError
from ..forked import split_map
from ..model import Article
from ..resources import print_css
from .cover import Source, cover, created_meta, toc
from .printpage import PRINT_PAGE, ArticlePart, article_parts, classes, load, page_ids, site_url, text_of, top_sections

DOSSIER_NAME = "dossier"
CSS = print_css()  # packaged, found with importlib.resources
Toc = list[tuple[int, str, str]]  # (level, label, anchor)


def build_documents(site_dir: Path, facts_dir: Path | None = None, only: Iterable[str] | None = None,
                    parallel: bool = False) -> dict[str, tuple[str, str]]:
    """name -> (title, HTML) for the dossier ("dossier") and every article (its slug).

    The dossier document is the print page: every article in it up to `PRINT_ALL_MAX` articles, the
    dossier pages only above (its home lists the articles, each with a PDF of its own: a
    1,000-article dossier would be some 25,000 pages). Each article's document is its print part.
    With `parallel`, a forked helper assembles the last documents (`forked.split_map`)."""
    site_dir = Path(site_dir).resolve()
    tree = load(site_dir)
    # page ids read once: every document's links are resolved against them
    where = _Where(site_url(tree), site_dir, (site_dir / PRINT_PAGE).as_uri(), page_ids(site_dir))
    articles = _articles_by_slug(facts_dir)
    covers = tree.xpath('//*[@id="print-site-cover-page"]//h1')
    site_title = text_of(covers[0]) if covers else "Briefing"
    listed = {p.slug: p for p in article_parts(site_dir)}
    wanted = None if only is None else set(only)
    names = [n for n in [DOSSIER_NAME, *listed] if wanted is None or n in wanted]

    def dossier() -> tuple[str, str]:
        contents: Toc = []
        body = [_part(top, contents) if "md-section" in classes(top)
                else _page(top, "pdf-l1", "pdf-l2", contents, 1, with_h2=False)
                for top in top_sections(tree)]
        sources = [(p.title, articles.get(p.slug)) for p in listed.values()] or [(site_title, None)]
        kicker = f"Dossier de presse · {len(listed)} article{'s' if len(listed) > 1 else ''}"
        return site_title, _document(site_title, kicker, sources, body, contents, where)

    def article(part: ArticlePart) -> tuple[str, str]:
        contents: Toc = []
        body = [_page(p, "pdf-l1", "pdf-l2", contents, 1, with_h2=True) for p in part.pages()]
        return part.title, _document(part.title, "Briefing sourcé · article",
                                     [(part.title, articles.get(part.slug))], body, contents, where)

    weights = [(site_dir / PRINT_PAGE if n == DOSSIER_NAME else listed[n].path).stat().st_size for n in names]
    return split_map(names, weights, lambda n: dossier() if n == DOSSIER_NAME else article(listed[n]), parallel)


@dataclass(frozen=True)
class _Where:
    """Where a document lives: the online site's URL, the built site, the base URL of its resources."""

    url: str
    site_dir: Path
    base: str
    ids: dict[str, str]  # print-page section id -> URL path of the page


def _articles_by_slug(facts_dir: Path | None) -> dict[str, Article]:
    if facts_dir is None or not Path(facts_dir).is_dir():
        return {}
    from ..store import read_all

    try:
        return {f.article.slug: f.article for f in read_all(Path(facts_dir))}
    except BriefingError:
        return {}


def _part(top: Any, contents: Toc) -> Any:
    """One article of the dossier: its title as a part heading, then its pages."""
    part = copy.deepcopy(top)
    for child in list(part):
        part.remove(child)
    part.text = None
    part.attrib.pop("heading-number", None)
    part.set("class", "pdf-part pdf-page")
    h1 = copy.deepcopy(top.find("h1"))
    h1.tail = None
    h1.set("class", "pdf-l1")
    h1.set("id", top.get("id"))
    part.append(h1)
    contents.append((1, text_of(h1), top.get("id")))
    for c in top:
        if c.tag == "section" and c.get("id"):
            part.append(_page(c, "pdf-l2", "pdf-l3", contents, 2, with_h2=False))
    return part


def _page(section: Any, h1_class: str, h2_class: str | None, contents: Toc, h1_level: int, with_h2: bool) -> Any:
    """A copy of one print-site page section, headings classed for bookmarks, TOC entries added."""
    page = copy.deepcopy(section)
    page.attrib.pop("heading-number", None)
    page.set("class", "pdf-page")
    for h in page.xpath(".//h1|.//h2"):
        hid = h.get("id")
        if h.tag == "h1":
            h.set("class", (h.get("class", "") + " " + h1_class).strip())
            if hid:
                contents.append((h1_level, text_of(h), hid))
        elif h2_class:
            h.set("class", (h.get("class", "") + " " + h2_class).strip())
            if with_h2 and hid:
                contents.append((h1_level + 1, text_of(h), hid))
    return page


def _document(title: str, kicker: str, sources: list[Source], body: list[Any], contents: Toc, where: _Where) -> str:
    from lxml import html as lhtml

    e = html.escape
    body_html = "".join(lhtml.tostring(el, encoding="unicode") for el in body)
    doc = lhtml.fromstring(
        "<html><body>" + cover(title, kicker, sources, where.url) + toc(contents) + body_html + "</body></html>")
    # no chrome, no script, no "download the PDF" button inside the PDF
    for el in doc.xpath('//script|//*[contains(concat(" ", @class, " "), " headerlink ")]'
                        '|//*[contains(concat(" ", @class, " "), " bf-pdf-link ")]'):
        el.drop_tree()
    _fix_links(doc, where)
    css = CSS.read_text(encoding="utf-8")
    body_out = lhtml.tostring(doc.body, encoding="unicode")
    return (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
        f'<title>{e(title)}</title>'
        '<meta name="generator" content="briefing (generator/pdf)">'
        f'{created_meta(sources)}'
        f'<base href="{e(where.base, quote=True)}">'
        f"<style>{css}\n@page {{ @top-left {{ content: {_css_string(title)}; }} }}\n"
        "@page cover { @top-left { content: none; } }</style></head>\n"
        f"{body_out}</html>\n"
    )


def _css_string(value: str) -> str:
    """A CSS string literal (running title): quotes, backslashes and control characters escaped."""
    out = "".join(c if c.isprintable() and c not in '\\"<>' else f"\\{ord(c):x} " for c in value)
    return f'"{out}"'


def _fix_links(doc: Any, where: _Where) -> None:
    """In-document anchors stay; anchors to pages left out of this PDF point to the online site."""
    from urllib.parse import urljoin

    site_url = where.url
    online = site_url.startswith(("http://", "https://"))
    ids = {el.get("id") for el in doc.xpath("//*[@id]")}
    for a in doc.xpath("//a[@href]"):
        href = a.get("href") or ""
        if href.startswith("#"):
            if href[1:] in ids:
                continue
            url = _page_url(href[1:], where)
        elif not re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I):  # relative link to the site
            url = urljoin(site_url + "print_page/", href)
        else:
            continue
        if url and online:
            a.set("href", url)
        else:
            del a.attrib["href"]


def _page_url(target: str, where: _Where) -> str | None:
    """The online URL of a print-page anchor ("coco-x-chronologie-e-1" -> ".../coco-x/chronologie/#e-1"):
    the longest page id the anchor starts with, found by dropping its last words one by one."""
    words = target.split("-")
    for k in range(len(words), 0, -1):
        pid = "-".join(words[:k])
        if pid in where.ids:
            frag = "-".join(words[k:])
            return where.url + where.ids[pid] + (f"#{frag}" if frag else "")
    return None
