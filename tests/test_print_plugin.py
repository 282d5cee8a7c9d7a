"""The `briefing-print` MkDocs plugin (generator/print_plugin.py): print-site's link fixing made
linear gives the same HTML on real built pages; every article gets its own print part."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _render_sample import sample_project
from generator import print_plugin
from generator.print_plugin import LinkScope, linear_anchor_ids, linear_href_links
from generator.site import build_site

SLUGS = ["art-a", "art-b", "art-c"]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tmp = sample_project(tmp_path_factory.mktemp("printsite"), SLUGS)
    return build_site(tmp, quiet=True)


def _contents(site: Path) -> list[tuple[str, str]]:
    """(page URL, HTML of its content) of every built page."""
    from lxml import html

    out = []
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix()
        if rel.startswith(("print_page", "search", "assets")):
            continue
        inner = html.fromstring(index.read_text(encoding="utf-8")).xpath('//article[contains(@class, "md-content__inner")]')
        out.append(("" if rel == "." else rel + "/", "".join(html.tostring(c, encoding="unicode") for c in inner)))
    return out


def test_linear_link_fixing_gives_print_site_html(site):
    from mkdocs_print_site_plugin import urls

    assert print_plugin.print_site_version() == print_plugin.PINNED
    original_href, original_ids = urls.fix_href_links, urls.update_anchor_ids
    assert original_href.__module__ == urls.__name__  # not already replaced in this process
    pages = _contents(site)
    assert len(pages) >= 3 * 7
    LinkScope.printed = None
    for url, content in pages:
        key = urls.get_page_key(url)
        assert 'href="' in content and 'id="' in content
        assert linear_href_links(content, key, url, True) == original_href(content, key, url, True), url
        assert linear_anchor_ids(content, key) == original_ids(content, key), url


def test_links_out_of_the_printed_pages_go_to_those_pages():
    page = ('<p><a href="../chronologie/#ev-2">date</a> <a class="x" href="../../">accueil</a> '
            '<a href="#q-1">§ 1</a> <a href="https://exemple.fr/">site</a></p>')
    try:
        LinkScope.printed = {"art-a-citations", "index"}
        out = linear_href_links(page, "art-a-citations", "art-a/citations/", True)
        LinkScope.printed = {"art-a-citations"}
        away = linear_href_links(page, "art-a-citations", "art-a/citations/", True)
    finally:
        LinkScope.printed = None
    assert 'href="../art-a/chronologie/#ev-2"' in out and 'class="x" href="#index"' in out
    assert 'href="#art-a-citations-q-1"' in out and 'href="https://exemple.fr/"' in out
    assert 'class="x" href="../"' in away


def test_every_article_has_its_print_part_in_nav_order(site):
    folder = site / "print_page" / print_plugin.PARTS_DIR
    listed = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    assert sorted(i["slug"] for i in listed) == SLUGS
    for item in listed:
        part = (folder / item["file"]).read_text(encoding="utf-8")
        assert item["title"] == f"Article {item['slug']}"
        for page in ("", "-chronologie", "-citations", "-acteurs", "-affirmations", "-texte-source"):
            assert f'id="{item["slug"]}{page}"' in part
        assert not any(f'id="{other}"' in part for other in SLUGS if other != item["slug"])
    # the print page of a small dossier still holds every article
    page = (site / "print_page" / "index.html").read_text(encoding="utf-8")
    assert all(f'id="{slug}-chronologie"' in page for slug in SLUGS)


_FRAGMENTS = ['<h2 id="a">', "<p>", "</p>", "du texte ", "\n", '<li id="b"', ">", '<span ID="c">', '"',
              '<sup id="fn:1">', 'id="z"', "<", "<h3 class=\"x\" id=\"d\">"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=30))
def test_anchor_ids_only_tried_where_a_match_can_start_are_the_regex_matches(parts):
    """Trying print-site's id expression only at a "<" with an `id="` later on its line finds
    what the expression finds everywhere (its `sub`), on any mix of tags, ids and line ends."""
    from generator.print_plugin import _ID_TAG, _ID_TAGS

    page = "".join(parts)
    everywhere = _ID_TAG.sub(lambda m: m.group().replace(m.group(2), "k-" + m.group(2))
                             if m.group(1) in _ID_TAGS else m.group(), page)
    assert linear_anchor_ids(page, "k") == everywhere

