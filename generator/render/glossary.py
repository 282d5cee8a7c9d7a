"""The glossary `docs/includes/abbreviations.md`: Material's `*[ABBR]: expansion` lines, added to
every page. Expansions come only from the knowledge base (sourced entries), never from a list here."""

from __future__ import annotations

import re

from ..knowledge import KnowledgeBase
from .escape import one_line

GLOSSARY_PAGE = "includes/abbreviations.md"
# what Python-Markdown's abbr extension accepts as a term
_ABBR_KEY = re.compile(r"^[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ0-9&.\-]{0,15}$")


def abbreviations(kb: KnowledgeBase | None) -> dict[str, str]:
    """Abbreviation -> expansion from the knowledge base, in a stable order."""
    found = kb.abbreviations() if kb is not None else {}
    return {k: v for k, v in sorted(found.items()) if v and _ABBR_KEY.match(k)}


def glossary_page(kb: KnowledgeBase | None) -> str:
    lines = [_abbr_line(k, t) for k, t in abbreviations(kb).items()]
    return ("<!-- Glossaire généré par generator/render.py (extension abbr, ajouté à chaque page). -->\n\n"
            + "\n".join(lines) + "\n")


def _abbr_line(key: str, title: str) -> str:
    # abbr puts the title in an attribute (escaped by Python-Markdown); keep it one line, no ']'.
    return f"*[{key}]: {one_line(title).replace(']', ')').strip()}"
