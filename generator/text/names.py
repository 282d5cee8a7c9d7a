"""People's names: the titles written before them, and when two written forms are one person.

One set of rules for the article (entities) and the dossier (merging across articles), so that
"F. Roussel", "Roussel", "M. Roussel" and "Fabien Roussel" are one person at both levels.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .fold import fold

# civilities: they say how the article addresses someone, not what the person does
CIVILITIES = frozenset({"m", "mm", "mme", "mmes", "mlle", "mlles", "monsieur", "madame", "mademoiselle"})
# titles and ranks written before a name ("Me X" for a lawyer): they go to the person's roles
TITLES = frozenset({
    "me", "maitre", "dr", "docteur", "pr", "professeur", "mgr", "monseigneur", "pere", "abbe", "soeur",
    "general", "generale", "colonel", "lieutenant-colonel", "commandant", "capitaine", "lieutenant",
    "adjudant", "sergent", "caporal", "amiral", "marechal", "commissaire", "juge", "sir", "lord", "dame",
})
HONORIFICS = CIVILITIES | TITLES
_LEADING = re.compile(r"^(?:le|la|les|l|un|une|des|du|de la|de l|de|d)\s+")


@lru_cache(maxsize=65536)
def name_tokens(name: str) -> tuple[str, ...]:
    """Folded words of a name without a leading article: 'la Croix-Rouge' -> ('croix', 'rouge')."""
    s = fold(name)
    s = re.sub(r"[^\w.\s]", " ", s)
    s = _LEADING.sub("", re.sub(r"\s+", " ", s).strip())
    return tuple(t for t in s.replace(".", ". ").split() if t.strip("."))


@lru_cache(maxsize=65536)
def person_tokens(name: str) -> tuple[str, ...]:
    """Folded words of a person's name without civilities or titles; initials keep their dot."""
    toks = [t.rstrip(".") if len(t.rstrip(".")) > 1 else t for t in name_tokens(name)]
    return tuple(t for t in toks if t.rstrip(".") not in HONORIFICS) or tuple(toks)


def same_person(a: str, b: str) -> bool:
    """'Fabien Roussel' ~ 'Roussel' ~ 'F. Roussel' ~ 'fabien roussel'; not 'Fabien' ~ 'Fabien Roussel'."""
    ta, tb = person_tokens(a), person_tokens(b)
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    if ta[-1].rstrip(".") != tb[-1].rstrip("."):
        return False  # surnames (last word) must agree
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) == 1:
        return len(long_) >= 2  # surname alone
    # every given name of the short form matches (fully or by initial) one of the long form, in order
    gi = iter(long_[:-1])
    for t in short[:-1]:
        for u in gi:
            if t == u or (t.endswith(".") and u.startswith(t[:-1])) or (u.endswith(".") and t.startswith(u[:-1])):
                break
        else:
            return False
    return True


_TITLE_WORD = re.compile(r"^(?:(?:le|la|l['’])\s*)?([^\W\d_][\w'’-]*\.?)\s+", re.I)


def split_title(name: str) -> tuple[str, str]:
    """('Me', 'Camille Dupont') from 'Me Camille Dupont'; ('le général', 'Martin') from 'le général Martin';
    ('', name) when no civility or title opens the name. Several may stack ('M. le professeur X')."""
    title, rest = "", name.strip()
    while True:
        m = _TITLE_WORD.match(rest)
        if not m or fold(m.group(1)).rstrip(".").replace(" ", "-") not in HONORIFICS:
            break
        if not rest[m.end():][:1].isupper():
            break  # 'Me voilà', 'Pr' before a lower-case word: not a title before a name
        title, rest = f"{title} {m.group(0).strip()}".strip(), rest[m.end():]
    return title, rest
