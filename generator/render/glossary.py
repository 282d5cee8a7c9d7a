"""The glossary: Material's `*[ABBR]: expansion` lines. Expansions come only from the knowledge
base (sourced entries), never from a list here.

Each page carries the lines of the abbreviations it uses (`with_glossary`): the abbr extension
costs Python-Markdown for every definition on every page, and the whole glossary appended to each
page was a third of the MkDocs build. The full list is also written to
`docs/includes/abbreviations.md`, for hand-written pages (`--8<-- "docs/includes/abbreviations.md"`)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..knowledge import KnowledgeBase
from markupsafe import Markup

from .escape import html_attr, one_line

GLOSSARY_PAGE = "includes/abbreviations.md"
# what Python-Markdown's abbr extension accepts as a term
_ABBR_KEY = re.compile(r"^[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ0-9&.\-]{0,15}$")


def abbreviations(kb: KnowledgeBase | None) -> dict[str, str]:
    """Abbreviation -> expansion from the knowledge base, in a stable order."""
    found = kb.abbreviations() if kb is not None else {}
    return {k: v for k, v in sorted(found.items()) if v and _ABBR_KEY.match(k)}


def glossary_page(kb: KnowledgeBase | None) -> str:
    lines = [_abbr_line(k, t) for k, t in abbreviations(kb).items()]
    return ("<!-- Glossaire généré par briefing (generator/render/glossary.py, extension abbr ; chaque page porte les lignes qu'elle utilise). -->\n\n"
            + "\n".join(lines) + "\n")


def with_glossary(page: str, abbrs: dict[str, str]) -> str:
    """The page followed by the glossary lines of the abbreviations it contains, matched as the abbr
    extension matches them (whole words); the page unchanged when it contains none."""
    used = sorted(set(_term_pattern(tuple(abbrs)).findall(page))) if abbrs else []
    if not used:
        return page
    return page.rstrip("\n") + "\n\n" + "\n".join(_abbr_line(k, abbrs[k]) for k in used) + "\n"


@lru_cache(maxsize=8)
def _term_pattern(keys: tuple[str, ...]) -> re.Pattern[str]:
    # the regex of markdown.extensions.abbr.AbbrTreeprocessor, longest keys first
    return re.compile(r"\b(?:" + "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True)) + r")\b")


def abbr_html(escaped: str, abbrs: dict[str, str]) -> Markup:
    """Escaped text (`md_text`) with each abbreviation of the glossary in an `<abbr>` tooltip, for
    text a page writes as raw HTML, which the abbr extension does not see."""
    if not abbrs:
        return Markup(escaped)
    return Markup(_term_pattern(tuple(abbrs)).sub(
        lambda m: f'<abbr title="{html_attr(abbrs[m.group()])}">{m.group()}</abbr>', escaped))


def _abbr_line(key: str, title: str) -> str:
    # abbr puts the title in an attribute (escaped by Python-Markdown); keep it one line, no ']'.
    return f"*[{key}]: {one_line(title).replace(']', ')').strip()}"
