"""Merged who's who: people, organisations and places across articles under one canonical name.

General name-matching rules (`same_person`, `same_org`): case, accents, hyphens, leading articles,
surname-only forms ("Roussel" → "Fabien Roussel"), initials ("F. Roussel"), a website and its bare
name ("Coco" → "Coco.gg"), acronyms of a long form. A short form that fits two different full names
stays apart (ambiguous). Roles are listed with the article each comes from; quotes and claims from
every article are attached to the person who said them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from ..model import Facts
from ..text import fold, slugify
from ..text.names import name_tokens, person_tokens, same_person
from .views import ClaimRef, EntityMember, MergedEntity, QuoteRef, RoleRef

_TLD = re.compile(r"^(.+?)\.(?:[a-z]{2,6})$")
_SMALL = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "en", "a", "au", "aux", "pour", "sur"}


@lru_cache(maxsize=65536)
def org_key(name: str) -> str:
    return " ".join(name_tokens(name)).replace(" .", ".")


@lru_cache(maxsize=65536)
def _org_forms(name: str) -> frozenset[str]:
    key = org_key(name)
    forms = {key, key.replace(" ", "")}
    m = _TLD.match(key.replace(" ", ""))
    if m:  # a website: 'coco.gg' is also known as 'coco'
        forms.add(m.group(1))
    words = [w for w in key.split() if w not in _SMALL]
    if len(words) >= 2:
        forms.add("".join(w[0] for w in words))  # 'parti communiste francais' -> 'pcf'
    return frozenset(f for f in forms if f)


def same_org(a: str, b: str) -> bool:
    """'Coco.gg' ~ 'coco.gg' ~ 'Coco'; 'Grande Synthe' ~ 'Grande-Synthe'; 'PCF' ~ 'Parti communiste français'."""
    ka, kb = org_key(a), org_key(b)
    if not ka or not kb:
        return False
    if ka == kb or ka.replace(" ", "") == kb.replace(" ", ""):
        return True
    fa, fb = _org_forms(a), _org_forms(b)
    # a bare name equals the site name of a domain, or an acronym equals a long form's initials
    if " " not in ka and ka in fb:
        return True
    if " " not in kb and kb in fa:
        return True
    return False


def _canonical(names: list[str], kind: str) -> str:
    """The most complete form: most words, then a website form, then the most used, then capitalised."""
    counts: dict[str, int] = {}
    for n in names:
        counts[n] = counts.get(n, 0) + 1

    def score(n: str) -> tuple:
        toks = person_tokens(n) if kind == "person" else name_tokens(n)
        dotted = 1 if kind != "person" and _TLD.match(org_key(n).replace(" ", "")) else 0
        full_words = sum(1 for t in toks if not t.endswith("."))
        return (full_words, dotted, counts[n], n[:1].isupper(), len(n), n)

    return max(counts, key=score)


def merge_entities(bundles: list[Facts], kind: Literal["person", "org", "place"]) -> list[MergedEntity]:
    """People, organisations or places of every article, merged by name rules."""
    attr = {"person": "people", "org": "organisations", "place": "places"}[kind]
    match = same_person if kind == "person" else same_org
    groups: list[dict] = []   # {names: [...], members: [(slug, entity)]}
    entries = [(f.article.slug, ent) for f in bundles for ent in getattr(f, attr)]
    # longest names first, so short forms attach to a complete one
    order = sorted(range(len(entries)), key=lambda i: (-len(name_tokens(entries[i][1].name)), i))
    for i in order:
        slug, ent = entries[i]
        forms = [ent.name] + list(getattr(ent, "aliases", []) or [])
        hits = [g for g in groups if any(match(x, y) for x in forms for y in g["names"])]
        if kind == "person" and len(hits) > 1:
            hits = [g for g in hits if any(person_tokens(ent.name) == person_tokens(y) for y in g["names"])]
        if len(hits) == 1:
            g = hits[0]
        else:  # no match, or ambiguous (short form fitting two full names): stands alone
            g = {"names": [], "members": []}
            groups.append(g)
        g["members"].append((i, slug, ent))
        for n in forms:
            if n not in g["names"]:
                g["names"].append(n)

    out: list[MergedEntity] = []
    for g in groups:
        members = [(slug, ent) for _i, slug, ent in sorted(g["members"], key=lambda m: m[0])]
        name = _canonical([ent.name for _slug, ent in members], kind)
        roles: dict[str, RoleRef] = {}
        for slug, ent in members:
            for r in getattr(ent, "roles", []) or []:
                key = fold(r)
                rr = roles.setdefault(key, RoleRef(role=r, slugs=[]))
                if slug not in rr.slugs:
                    rr.slugs.append(slug)
        variants = sorted({n for n in g["names"] if n != name}, key=lambda n: (n.lower(), n))
        out.append(MergedEntity(
            id="", kind=kind, name=name, variants=variants, roles=list(roles.values()),
            members=[EntityMember(slug=s, id=e.id, name=e.name, mentions=len(e.mentions)) for s, e in members],
        ))
    out.sort(key=lambda m: (-len(m.slugs), fold(m.name)))
    prefix = {"person": "pers", "org": "org", "place": "lieu"}[kind]
    used: set[str] = set()
    for m in out:
        base = f"{prefix}-" + (slugify(m.name) or "x")
        ident, n = base, 2
        while ident in used:
            ident, n = f"{base}-{n}", n + 1
        used.add(ident)
        m.id = ident
    return out


def attach_speech(people: list[MergedEntity], orgs: list[MergedEntity], bundles: list[Facts]) -> None:
    """Quotes and claims of every article, attached to the merged person or organisation who said
    them: by the article's own id first, else by a name that fits one entity only."""
    by_member = {(m.slug, m.id): e for e in (*people, *orgs) for m in e.members}
    for f in bundles:
        slug = f.article.slug

        def owner(eid: str | None, name: str | None) -> MergedEntity | None:
            if eid and (slug, eid) in by_member:
                return by_member[(slug, eid)]
            for entities, match in ((people, same_person), (orgs, same_org)):
                cands = [e for e in entities if name and any(match(name, v) for v in [e.name, *e.variants])]
                if len(cands) == 1:
                    return cands[0]
            return None

        for q in f.quotes:
            if (e := owner(q.speaker_id, q.speaker)) is not None:
                e.quotes.append(QuoteRef(slug=slug, quote=q))
        for c in f.claims:
            if (e := owner(c.who_id, c.who)) is not None:
                e.claims.append(ClaimRef(slug=slug, claim=c))
