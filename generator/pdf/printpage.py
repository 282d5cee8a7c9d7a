"""Reading the print page that mkdocs-print-site-plugin writes (`site/print_page/index.html`: the
site's pages, internal links already rewritten to in-page anchors) and the print part of each
article that the `briefing-print` plugin writes beside it (`site/print_page/articles/`)."""

from __future__ import annotations

import copy
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import BriefingError
from ..print_plugin import PARTS_DIR

PRINT_PAGE = Path("print_page") / "index.html"
PDF_SUBDIR = "pdf"
_WS = re.compile(r"\s+")


def classes(el: Any) -> set[str]:
    return set((el.get("class") or "").split())


def text_of(el: Any) -> str:
    """The text of an element without its permalink signs, whitespace collapsed."""
    if el is None:
        return ""
    clone = copy.deepcopy(el)
    for a in clone.xpath('.//*[contains(concat(" ", @class, " "), " headerlink ")]'):
        a.drop_tree()
    return _WS.sub(" ", clone.text_content()).strip()


def load(site_dir: Path) -> Any:
    from lxml import html as lhtml

    page = site_dir / PRINT_PAGE
    if not page.is_file():
        raise BriefingError(page, "print page not found: build the site first (briefing build)")
    try:
        return lhtml.fromstring(page.read_bytes())
    except Exception as exc:  # lxml raises several types on garbage
        raise BriefingError(page, f"cannot read the print page: {exc}") from None


@dataclass(frozen=True)
class ArticlePart:
    """One article's print part: its pages combined as print-site combines them."""

    slug: str
    title: str
    path: Path

    def pages(self) -> list[Any]:
        """The part's page sections, in nav order."""
        from lxml import html as lhtml

        try:
            root = lhtml.fromstring(self.path.read_text(encoding="utf-8"))
        except Exception as exc:  # lxml raises several types on garbage
            raise BriefingError(self.path, f"cannot read the article's print part: {exc}") from None
        found = root.xpath('//section[contains(concat(" ", @class, " "), " md-section ")]')
        return [c for c in found[0] if c.tag == "section" and c.get("id")] if found else []


def article_parts(site_dir: Path) -> list[ArticlePart]:
    """The articles' print parts, in nav order (their list `print_page/articles/index.json`)."""
    folder = site_dir / PRINT_PAGE.parent / PARTS_DIR
    listing = folder / "index.json"
    if not listing.is_file():
        raise BriefingError(listing, "no article print parts: the site was built without the briefing-print "
                                     "plugin (add `- briefing-print` before `- print-site` in mkdocs.yml)")
    try:
        items = json.loads(listing.read_text(encoding="utf-8"))
        return [ArticlePart(i["slug"], i["title"], folder / i["file"]) for i in items]
    except (ValueError, KeyError, TypeError) as exc:
        raise BriefingError(listing, f"unreadable list of article print parts ({exc})") from None


def site_url(tree: Any) -> str:
    """The online site's URL (SITE_URL, else the print page's canonical link), or ''."""
    env = os.environ.get("SITE_URL")
    if env:
        return env if env.endswith("/") else env + "/"
    for link in tree.xpath('//link[@rel="canonical"]'):
        href = link.get("href") or ""
        if href.endswith("print_page/"):
            return href[: -len("print_page/")]
    return ""


def top_sections(tree: Any) -> list[Any]:
    """The print page's sections: one per page, or one per nav section (an article)."""
    found = tree.xpath('//*[@id="print-site-page"]')
    if not found:
        raise BriefingError(PRINT_PAGE, "no #print-site-page in the print page (print-site plugin missing?)")
    return _flatten([el for el in found[0] if el.tag == "section" and "print-page" in classes(el) and el.get("id")])


def _flatten(sections: list[Any]) -> list[Any]:
    """A nav section that only groups other sections ("Articles du dossier") gives way to them,
    so every article stays one part of the PDF whatever the depth of the navigation."""
    out: list[Any] = []
    for el in sections:
        inner = [c for c in el if c.tag == "section" and "md-section" in classes(c) and c.get("id")]
        if "md-section" in classes(el) and inner:
            out += _flatten(inner)
        else:
            out.append(el)
    return out


def page_ids(site_dir: Path) -> dict[str, str]:
    """print-site section id -> URL path of the page ("coco-x-chronologie" -> "coco-x/chronologie/")."""
    ids: dict[str, str] = {}
    for index in site_dir.rglob("index.html"):
        rel = index.parent.relative_to(site_dir).as_posix()
        if rel == ".":
            ids["index"] = ""
        elif rel.split("/")[0] not in {"print_page", "assets", "search", PDF_SUBDIR}:
            ids[rel.replace("/", "-")] = rel + "/"
    return ids
