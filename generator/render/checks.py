"""« À vérifier » on the dossier home: what the merge could not settle and a person should check,
each item with a link to where it stands.

- the same event dated differently by two articles (the merge keeps both, flagged `conflict`);
- one merged person given roles that contradict each other across articles: the same function with
  different complements ("ministre de l'Intérieur" / "ministre de la Justice"); a role that only
  adds precision to another ("secrétaire d'État" / "secrétaire d'État au Numérique") is no conflict;
- people kept apart who share a family name (the name rules would not merge them: two people, or one?);
- quotes and claims whose speaker the article does not give.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from markupsafe import Markup

from ..dossier import Dossier, MergedEntity, content_tokens
from ..dossier.names import name_tokens
from .labels import french_date
from .speakers import UNKNOWN_ANCHOR
from .views import ArticleView, fact_link_fn


@dataclass
class Check:
    kind: str          # what is to check, in a few words
    detail: str        # the facts, plain text (escaped by the template)
    page: Markup       # where it stands: page.md#anchor
    page_label: str
    src: Markup = Markup("")  # § link to the exact words, when the item is one fact


def to_check(views: list[ArticleView], d: Dossier) -> list[Check]:
    if len(views) < 2:
        return []
    titles = {v.slug: v.facts.article.outlet or v.facts.article.title for v in views}
    return [*_date_conflicts(d, titles), *_role_conflicts(d, titles), *_shared_surnames(d),
            *_unattributed(views)]


def _date_conflicts(d: Dossier, titles: dict[str, str]) -> list[Check]:
    out, seen = [], set()
    for e in d.conflicts:
        others = [x for x in d.events if x.id in e.conflict_with]
        ids = frozenset([e.id, *e.conflict_with])
        if ids in seen:
            continue  # each side of a conflict names the other: one item
        seen.add(ids)
        dated = "; ".join(f"{french_date(x.date, x.precision, x.approximate)} selon "
                          + ", ".join(titles.get(s, s) for s in x.slugs) for x in [e, *others])
        out.append(Check("Même événement, dates différentes", f"« {e.text} » — {dated}",
                         Markup(f"chronologie.md#{e.id}"), "Chronologie du dossier"))
    return out


def _role_conflicts(d: Dossier, titles: dict[str, str]) -> list[Check]:
    out = []
    for p in d.people:
        pairs = [(a, b) for a, b in combinations(p.roles, 2)
                 if set(a.slugs) != set(b.slugs) and _contradict(a.role, b.role)]
        for a, b in pairs:
            said = " ; ".join(f"« {r.role} » selon " + ", ".join(titles.get(s, s) for s in r.slugs) for r in (a, b))
            out.append(Check("Même nom, rôles contradictoires", f"{p.name} : {said}",
                             Markup(f"acteurs.md#{p.id}"), "Acteurs du dossier"))
    return out


def _contradict(a: str, b: str) -> bool:
    """Same head word (the function), different complements, neither more precise than the other."""
    ta, tb = _role_words(a), _role_words(b)
    if not ta or not tb or ta[0] != tb[0]:
        return False
    sa, sb = set(ta[1:]), set(tb[1:])
    return bool(sa) and bool(sb) and not (sa <= sb or sb <= sa)


def _role_words(role: str) -> list[str]:
    """The role's content words in their order (content_tokens keeps no order)."""
    keep = content_tokens(role)
    words = []
    for w in name_tokens(role):
        tok = next(iter(content_tokens(w)), None)
        if tok in keep and tok not in words:
            words.append(tok)
    return words


def _shared_surnames(d: Dossier) -> list[Check]:
    groups: dict[str, list[MergedEntity]] = {}
    for p in d.people:
        toks = name_tokens(p.name)
        if toks:
            groups.setdefault(toks[-1], []).append(p)
    out = []
    for people in groups.values():
        if len(people) > 1:
            names = " / ".join(p.name for p in people)
            out.append(Check("Même nom de famille, personnes distinctes", f"{names} : une seule personne ou plusieurs ?",
                             Markup(f"acteurs.md#{people[0].id}"), "Acteurs du dossier"))
    return out


def _unattributed(views: list[ArticleView]) -> list[Check]:
    out = []
    for v in views:
        src = fact_link_fn(v, f"{v.slug}/")
        title = v.facts.article.outlet or v.facts.article.title
        for q in v.facts.quotes:
            if not q.speaker:
                out.append(Check("Citation sans locuteur donné", f"« {q.text} » ({title})",
                                 Markup(f"citations.md#{UNKNOWN_ANCHOR}"), "Citations du dossier",
                                 src("quote", q.id, q.source)))
        for c in v.facts.claims:
            if not c.who:
                out.append(Check("Affirmation sans auteur donné", f"« {c.what} » ({title})",
                                 Markup(f"affirmations.md#{UNKNOWN_ANCHOR}"), "Qui affirme quoi (dossier)",
                                 src("claim", c.id, c.source)))
    return out
