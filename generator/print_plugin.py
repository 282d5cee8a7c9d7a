"""MkDocs plugin `briefing-print` (listed before `print-site` in mkdocs.yml): the print page of a big
dossier, and one print part per article for the PDF stage.

mkdocs-print-site-plugin combines every page of the nav into `print_page/`. On a 1,000-article
dossier that page would be 7,000 pages long, and the plugin's link fixing replaces each link and
each id over the whole page text, which grows with the square of a page's size (the dossier's
who's who). This plugin:

- makes that link fixing linear (`linear_href_links`, `linear_anchor_ids`: the same rewriting in one
  pass), for the print-site version it was checked against (`PINNED`);
- keeps the print page to the dossier pages above `PRINT_ALL_MAX` articles; links to the pages it
  leaves out go to those pages instead of to a missing anchor;
- writes each article's pages, combined the print-site way (same ids, same links), to
  `print_page/articles/<n>.html`, listed in nav order in `print_page/articles/index.json`: the
  PDF stage prints each article from its part (`generator.pdf`), so no document grows with the
  dossier.
"""

from __future__ import annotations

import html
import json
import os
import re
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from mkdocs.plugins import BasePlugin, event_priority

from .forked import split_map
from .parallel_build import in_parallel, log

PRINT_ALL_MAX = 31    # the print page holds every article up to this many (generator.pdf reads it too)
PARTS_DIR = "articles"  # under print_page/
PINNED = "2.9"        # mkdocs-print-site-plugin version whose link fixing the linear one reproduces

_HREF = re.compile(r"<a\s+([^>]*?\s+)?href=\"(.*?)\"", flags=re.IGNORECASE)      # print-site's regexes
_ID_TAG = re.compile(r"<([^\s]+).*?id=\"([^\"]*?)\".*?>", flags=re.IGNORECASE)
_ID_ATTR = re.compile(r"id=\"", flags=re.IGNORECASE)
_ID_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "sup", "li"}


class LinkScope:
    """The page keys the print document being combined holds (None: every page). A link to a page
    outside it stays a link to that page, relative to print_page/, instead of a missing anchor."""

    printed: set[str] | None = None


def linear_href_links(page_html: str, page_key: str, page_url: str, directory_urls: bool = False) -> str:
    """print-site's `fix_href_links` (internal links -> print-page anchors) in one pass."""
    from mkdocs_print_site_plugin import urls

    def rewrite(m: re.Match[str]) -> str:
        url = html.unescape(m.group(2))
        if urls.is_external(url):
            return m.group()
        if urls.is_attachment(url):
            url = urls.get_url_from_root(url, page_url)
            url = os.path.join("..", url) if directory_urls else url
            url = url.replace(os.sep, "/")
        elif url.startswith("#"):
            url = "#" + page_key + "-" + url[1:]
        else:
            target, _, anchor = urls.get_url_from_root(url, page_url).partition("#")
            # print-site makes the home page's key "." here; "index" is its section's id
            key = urls.get_page_key(target if LinkScope.printed is None else target.strip("."))
            if LinkScope.printed is not None and key not in LinkScope.printed:
                url = _outside_url(target, anchor)
            else:
                url = "#" + key + (f"-{anchor}" if anchor else "")
        other = m.group(1)
        return f'<a href="{url}"' if other is None else f'<a {other.rstrip()} href="{url}"'

    return _HREF.sub(rewrite, page_html)


def _outside_url(target: str, anchor: str) -> str:
    """A site page's URL relative to print_page/ ("a/b" -> "../a/b/", "." -> "../")."""
    path = target.strip("/").strip(".")
    return "../" + (path + "/" if path else "") + (f"#{anchor}" if anchor else "")


def linear_anchor_ids(page_html: str, page_key: str) -> str:
    """print-site's `update_anchor_ids` (ids of headings, footnotes, list items prefixed with the
    page key) in one pass, the same matches as its regular expression found.

    That expression, tried at every "<", runs to the end of the line when no `id="` follows on
    it: quadratic in the length of a line (the dossier's who's who has lines of a megabyte; 30 s
    at 1,000 articles). Since neither `[^\\s]+` nor `.*?` crosses a line end, a match can only
    start at a "<" followed by an `id="` on its line: only those are tried, in order."""
    out, done, pos = [], 0, 0
    while (hit := _ID_ATTR.search(page_html, pos)) is not None:
        line_start = page_html.rfind("\n", 0, hit.start()) + 1
        m = _first_match(page_html, max(pos, line_start), hit.start())
        if m is None:
            pos = hit.start() + 1
            continue
        tag = m.group()
        out += [page_html[done:m.start()],
                tag.replace(m.group(2), page_key + "-" + m.group(2)) if m.group(1) in _ID_TAGS else tag]
        done = pos = m.end()
    return "".join(out) + page_html[done:]


def _first_match(text: str, start: int, end: int) -> re.Match[str] | None:
    """The first match of print-site's id expression starting at a "<" in text[start:end]."""
    lt = text.find("<", start, end)
    while lt != -1:
        if m := _ID_TAG.match(text, lt):
            return m
        lt = text.find("<", lt + 1, end)
    return None


def print_site_version() -> str:
    try:
        return version("mkdocs-print-site-plugin")
    except PackageNotFoundError:
        return ""


def article_sections(items: list[Any]) -> list[Any]:
    """The nav sections that are articles (their first page is `<slug>/index.md`), at any depth."""
    found = []
    for item in items:
        if not item.is_section:
            continue
        pages = [c for c in item.children if c.is_page]
        if pages and re.fullmatch(r"[^/]+/index\.md", pages[0].file.src_uri):
            found.append(item)
        else:
            found += article_sections(item.children)
    return found


class BriefingPrintPlugin(BasePlugin):
    """`plugins: [briefing-print, print-site]` in mkdocs.yml (entry point in pyproject.toml)."""

    def on_config(self, config, **kwargs):
        LinkScope.printed = None  # a new build (mkdocs serve rebuilds in the same process)
        if print_site_version() == PINNED:
            from mkdocs_print_site_plugin import urls

            urls.fix_href_links = linear_href_links
            urls.update_anchor_ids = linear_anchor_ids
        return config

    def on_nav(self, nav, config, files, **kwargs):
        self.articles = article_sections(nav.items)
        return nav

    @event_priority(50)  # before print-site combines the print page (it must run last)
    def on_post_build(self, config, **kwargs):
        print_site = config.plugins.get("print-site")
        if print_site is None or not print_site.config.get("enabled"):
            return
        from mkdocs_print_site_plugin.renderer import Renderer

        site = Path(config["site_dir"]) / print_site.config.get("print_page_basename")
        parts = site / PARTS_DIR
        parts.mkdir(parents=True, exist_ok=True)
        part_config = {**print_site.config, "add_cover_page": False, "add_table_of_contents": False,
                       "add_print_site_banner": False, "exclude": []}

        def write_part(n: str) -> dict[str, str]:
            section = self.articles[int(n) - 1]
            renderer = Renderer(plugin_config=part_config, mkdocs_config=config, cover_page_template_path="",
                                banner_template_path="", print_page=print_site.print_page)
            renderer.items = [section]
            LinkScope.printed = {_key(p) for p in section.children if p.is_page}
            part_html, _toc = renderer.write_combined()
            (parts / f"{n}.html").write_text(part_html, encoding="utf-8")
            return {"file": f"{n}.html", "slug": _key(section.children[0]), "title": section.title}

        numbers = [str(n) for n in range(1, len(self.articles) + 1)]
        listed = list(split_map(numbers, [1.0] * len(numbers), write_part, in_parallel(config),
                                  "print parts of articles:", log).values())
        (parts / "index.json").write_text(json.dumps(listed, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        if len(self.articles) > PRINT_ALL_MAX:
            print_site.renderer.items = [i for i in print_site.renderer.items if not i.is_section]
            LinkScope.printed = {_key(i) for i in print_site.renderer.items if i.is_page}
        else:
            LinkScope.printed = None


def _key(page: Any) -> str:
    from mkdocs_print_site_plugin.urls import get_page_key

    return get_page_key(page.url)
