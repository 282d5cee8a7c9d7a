"""MkDocs plugin `briefing-parallel`: the build's two per-page loops on two cores.

`mkdocs build` converts every page's Markdown, then renders every page's template, one page after
the other on one core. A 1,000-article dossier is 7,000 pages, about four minutes, with the other
core idle. For each of the two loops, this plugin forks one helper process. The helper takes the
last pages of the loop (about half of the work, by size), while MkDocs goes on with the first ones.
When MkDocs reaches the helper's pages, it takes over what the helper computed instead of doing
it again:

- Markdown loop: each page's HTML, table of contents, title, anchors and links to anchors;
- template loop: the page is already written to site/; its search-index entries are added in
  their place, so the index is the same as a serial build's.

Log records come back with the work and are replayed at the page's turn, so the warnings, their
order and `--strict` are as without the plugin. The helper only saves time: a page it did not
finish (an error, a crash) is done by MkDocs itself, which then reports the error as it always does.

It runs only for the MkDocs it was checked against (`PINNED`), for `mkdocs build` (not serve, not
--dirty), with the plugins it knows (`KNOWN_PLUGINS`: another plugin could keep state per page
that would stay in the helper). `BRIEFING_MKDOCS_JOBS=1` turns it off.
`tests/test_parallel_build.py` checks that the site is byte for byte the serial build's.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from importlib.metadata import version
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import Page

from .forked import Helper, Recorder, cpus, replay, second_share

log = logging.getLogger("mkdocs.plugins.briefing-parallel")  # shown by `mkdocs build -v`

PINNED = "1.6.1"
KNOWN_PLUGINS = {"briefing-parallel", "briefing-print", "print-site", "material/search", "search"}
PAGE_COST = 15_000  # a template render costs about as much as indexing this many characters of HTML

_render = Page.render                  # MkDocs' own, called for the pages the helper did not do
_build_page = mkdocs_build._build_page


def enabled(command: str, dirty: bool) -> bool:
    """Parallel only where it was checked: `mkdocs build`, the pinned MkDocs, two CPUs or more."""
    jobs = os.environ.get("BRIEFING_MKDOCS_JOBS", "")
    return (command in ("build", "gh-deploy") and not dirty and hasattr(os, "fork")
            and version("mkdocs") == PINNED and (int(jobs) if jobs.isdigit() else cpus()) >= 2)


def in_parallel(config: Any) -> bool:
    """Whether this build may fork helpers (the `briefing-parallel` plugin is listed and on)."""
    plugin = config.plugins.get("briefing-parallel")
    return bool(getattr(plugin, "on", False))


@dataclass
class Rendered:
    """What `Page.render` leaves on a page."""

    markdown: str
    content: str
    toc: Any
    title: str | None
    anchors: set[str] | None
    links: dict[str, dict[str, str]] | None  # target file's src_uri -> {anchor: original link}


class _Build:
    """The helpers of the build in progress (None between builds: MkDocs' own functions run)."""

    markdown: Helper | None = None
    templates: Helper | None = None

    @classmethod
    def close(cls) -> None:
        for helper in (cls.markdown, cls.templates):
            if helper is not None:
                helper.close()
        cls.markdown = cls.templates = None


def _parallel_render(page: Page, config: Any, files: Any) -> None:
    done = _Build.markdown.done(page.file.src_uri) if _Build.markdown else None
    if done is None or done.value.markdown != page.markdown:
        return _render(page, config, files)
    r: Rendered = done.value
    replay(done.records)
    page.content, page.toc, page._title_from_render, page.present_anchor_ids = r.content, r.toc, r.title, r.anchors
    if r.links is not None:
        page.links_to_anchors = {files.get_file_from_path(uri): links for uri, links in r.links.items()}


def _parallel_build_page(page: Page, config: Any, doc_files: Any, nav: Any, env: Any, dirty: bool = False,
                         excluded: bool = False) -> None:
    done = _Build.templates.done(page.file.src_uri) if _Build.templates else None
    if done is None:
        return _build_page(page, config, doc_files, nav, env, dirty, excluded)
    replay(done.records)
    _search_entries(config).extend(done.value)


def _search_entries(config: Any) -> list:
    search = config.plugins.get("material/search") or config.plugins.get("search")
    return search.search_index.entries if search is not None else []


class ParallelBuildPlugin(BasePlugin):
    """`plugins: [briefing-parallel, ...]` in mkdocs.yml (entry point in pyproject.toml)."""

    active = False

    def on_startup(self, *, command, dirty):
        self.active = enabled(command, dirty)

    def on_config(self, config, **kwargs):
        _Build.close()
        self.on = self.active and set(config.plugins) <= KNOWN_PLUGINS
        if self.on:
            Page.render = _parallel_render
            mkdocs_build._build_page = _parallel_build_page
        return config

    @event_priority(-100)  # after every other plugin's on_nav: the pages are final
    def on_nav(self, nav, config, files, **kwargs):
        if not self.on:
            return nav
        self.nav = nav
        pages = self._pages(files, config)
        weights = [os.path.getsize(p.file.abs_src_path) for p in pages]
        share = second_share([p.file.src_uri for p in pages], weights)
        by_uri = {p.file.src_uri: p for p in pages}
        _Build.markdown = Helper(share, lambda uri, rec: _render_alone(by_uri[uri], config, files, rec),
                                 "Markdown of pages:", log)
        return nav

    @event_priority(-100)  # after every other plugin's on_env: the template environment is final
    def on_env(self, env, config, files, **kwargs):
        if not self.on:
            return env
        pages = self._pages(files, config)
        weights = [len(p.content or "") + PAGE_COST for p in pages]
        share = second_share([p.file.src_uri for p in pages], weights)
        by_uri = {p.file.src_uri: p for p in pages}
        doc_files = files.documentation_pages()
        _Build.templates = Helper(share, lambda uri, _rec: _build_alone(by_uri[uri], config, doc_files, self.nav, env),
                                  "templates of pages:", log)
        return env

    def _pages(self, files: Any, config: Any) -> list[Page]:
        """The pages a helper may take: every page already made, but the print page (print-site
        fills it in at the end)."""
        print_site = config.plugins.get("print-site")
        print_page = getattr(print_site, "print_page", None)
        return [f.page for f in files.documentation_pages() if f.page is not None and f.page is not print_page]

    @event_priority(100)
    def on_post_build(self, config, **kwargs):
        _Build.close()

    def on_build_error(self, error, **kwargs):
        _Build.close()


def _render_alone(page: Page, config: Any, files: Any, recorder: Recorder) -> Rendered:
    """In the helper: what MkDocs' Markdown loop computes for one page (the parent runs the plugin
    events around the rendering itself: only the rendering's log records are kept)."""
    config._current_page = page
    page = config.plugins.on_pre_page(page, config=config, files=files)
    page.read_source(config)
    page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
    recorder.start()
    _render(page, config, files)
    links = page.links_to_anchors
    return Rendered(page.markdown, page.content, page.toc, page._title_from_render, page.present_anchor_ids,
                    None if links is None else {f.src_uri: v for f, v in links.items()})


def _build_alone(page: Page, config: Any, doc_files: Any, nav: Any, env: Any) -> list:
    """In the helper: build one page (written to site/); its search-index entries."""
    entries = _search_entries(config)
    before = len(entries)
    _build_page(page, config, doc_files, nav, env)
    return entries[before:]
