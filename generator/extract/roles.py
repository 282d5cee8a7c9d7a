"""Roles: job-title phrases ("le député du Nord", "la ministre") and the person each stands for.

An apposition binds a role to a name ('NAME, ROLE,' and 'ROLE NAME'); an unbound definite role
goes to the person already holding it, else to the article's main person when gender agrees.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from .entity_types import fold
from .lexicon import CUE_FORMS, ROLE_NOUNS

if TYPE_CHECKING:
    from .entities import Entity, MentionSpan

ROLE_EXTEND = {"de", "du", "des", "d'", "d’", "au", "aux", "à", "la", "le", "l'", "l’", "les"}


def role_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """Job-title phrases: a role noun, its adjectives and one or two 'de …' complements."""
    spans = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if tok.lower_ in ROLE_NOUNS and tok.pos_ in {"NOUN", "PROPN", "ADJ"}:
            j = i + 1
            complements = 0
            while j < len(doc):
                t = doc[j]
                if t.pos_ == "ADJ" and t.text[0].islower() and t.lower_ not in CUE_FORMS:
                    j += 1
                    continue
                if t.lower_ in ROLE_EXTEND and complements < 2 and j + 1 < len(doc):
                    k = j
                    while k < len(doc) and doc[k].lower_ in ROLE_EXTEND:
                        k += 1
                    if k < len(doc) and doc[k].pos_ in {"NOUN", "PROPN"} and doc[k].lower_ not in {"site", "lettre"}:
                        j = k + 1
                        complements += 1
                        continue
                break
            start = i
            if i > 0 and doc[i - 1].lower_ in {"le", "la", "l'", "l’", "ce", "cette"}:
                start = i - 1
            spans.append((doc[start].idx, doc[j - 1].idx + len(doc[j - 1].text), doc[i:j].text))
            i = j
        else:
            i += 1
    return spans


def bind_roles(pid: str, doc: Doc, roles: list[tuple[int, int, str]], people: list[Entity], text: str) -> dict[tuple[int, int], Entity]:
    """Appositions tie a role to a person: 'NAME, ROLE,' and 'ROLE NAME'."""
    bound: dict[tuple[int, int], Entity] = {}
    person_spans = [(s, e, ent) for ent in people for (p, s, e) in ent.mentions if p == pid]
    for rs, re_, role in roles:
        for ps, pe, ent in person_spans:
            gap = text[pe:rs]
            after = text[re_:ps]
            if re.fullmatch(r"\s*,\s*", gap) or re.fullmatch(r"\s+", after):
                bound[(rs, re_)] = ent
                ent.gender = ent.gender or role_gender(text[rs:re_])
                if role not in ent.roles:
                    ent.roles.append(role)
    return bound



def role_gender(phrase: str) -> str | None:
    """'la ministre' -> 'f', 'le député' -> 'm', 'l'élu' -> None (the article does not say)."""
    words = phrase.strip().lower().split()
    if not words:
        return None
    if words[0] in {"la", "cette"}:
        return "f"
    if words[0] in {"le", "ce", "du", "au"}:
        return "m"
    return None


def _role_key(role: str) -> str:
    return fold(re.sub(r"^(le|la|l['’]|ce|cette|du|au)\s*", "", role.strip(), flags=re.I))


def resolve_roles(mentions: dict[str, list[MentionSpan]], people: list[Entity], main: Entity | None) -> None:
    """Give unbound role phrases a person: one already holding that role, else the main person."""
    for spans in mentions.values():
        for m in spans:
            if m.how != "role" or m.entity is not None:
                continue
            key = _role_key(m.text)
            holder = next((p for p in people if any(_role_key(r).startswith(key) or key.startswith(_role_key(r)) for r in p.roles)), None)
            definite = re.match(r"(?i)(le|la|l['’]|ce|cette)\b", m.text) is not None
            # only "le député", "la ministre" stand for someone: "au ministre" is an addressee,
            # "du propriétaire" a complement, a bare "victime" a predicate
            if holder is None and definite and main is not None and not any(_role_key(r) == key for p in people for r in p.roles):
                gender = role_gender(m.text)
                clash = gender is not None and main.gender is not None and gender != main.gender
                holder = main if not (clash or _conflicts(key, people, main)) else None
            m.entity = holder
            if holder is not None and holder.gender is None:
                holder.gender = role_gender(m.text)
            if holder is not None and m.text and _role_key(m.text) not in {_role_key(r) for r in holder.roles}:
                holder.roles.append(re.sub(r"^(le|la|l['’]|ce|cette|du|au)\s*", "", m.text, flags=re.I))


def _conflicts(key: str, people: list[Entity], main: Entity) -> bool:
    """A role whose head noun another person holds is not silently given to the main person."""
    head = key.split()[0] if key else ""
    return any(p is not main and any(_role_key(r).split()[:1] == [head] for r in p.roles) for p in people)
