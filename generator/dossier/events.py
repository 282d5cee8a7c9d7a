"""Merged chronology: events of every article in one timeline.

Two events from *different* articles are the same event when they carry the same date at the same
precision and their words overlap (content-token overlap, date words and numbers left out): one
item, every source kept. Two events from different articles whose words overlap strongly but whose
dates differ are *not* merged: both stay, flagged `conflict` for a human to review. Events of one
article are never merged together (the article says they are distinct).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..model import Event, Facts
from ..text import MONTH_NAMES, WEEKDAY_NAMES, fold, stop_words
from .views import EventSource, MergedEvent

# --------------------------------------------------------------------------- text similarity

# date vocabulary beyond month and day names, and two verbs spaCy's stop list lacks ("été", "faire")
_TIME_WORDS = """an ans annee annees jour jours er premier premiere semaine mois matin soir hier aujourd demain
dernier derniere derniers dernieres prochain prochaine ete faire""".split()


@lru_cache(maxsize=1)
def _stop() -> frozenset[str]:
    """Function words and date words: left out of the overlap (dates are compared separately)."""
    return stop_words() | {fold(w) for w in (*MONTH_NAMES, *WEEKDAY_NAMES, *_TIME_WORDS)}


_WORD = re.compile(r"[a-z0-9][a-z0-9.]*[a-z0-9]|[a-z]")


def _stem(w: str) -> str:
    if len(w) > 4 and w.endswith(("s", "x")) and not w.endswith("ss"):
        w = w[:-1]
    if len(w) > 5 and w.endswith("e"):
        w = w[:-1]
    return w


@lru_cache(maxsize=65536)
def content_tokens(text: str) -> frozenset[str]:
    """Content words of a text (folded, crude singular), without function words, date words, numbers."""
    out = set()
    for w in _WORD.findall(fold(text)):
        w = w.strip(".")
        if len(w) < 3 or w in _stop() or any(ch.isdigit() for ch in w):
            continue
        out.add(_stem(w))
    return frozenset(out)


def similarity(a: str | frozenset[str], b: str | frozenset[str]) -> tuple[float, int]:
    """(overlap coefficient |A∩B| / min(|A|,|B|), number of shared content words)."""
    ta = content_tokens(a) if isinstance(a, str) else a
    tb = content_tokens(b) if isinstance(b, str) else b
    if not ta or not tb:
        return 0.0, 0
    shared = len(ta & tb)
    return shared / min(len(ta), len(tb)), shared


# same date, same precision, different articles -> same event when the words overlap this much
MERGE_RULES = {"day": (0.15, 2), "month": (0.35, 2), "year": (0.45, 3)}
# different dates -> flagged as a conflict when the words overlap this much
CONFLICT_RULE = (0.5, 3)
# a merged item is compared through its first few sources (bounded cost on big dossiers)
COMPARE_MEMBERS = 6


def _strip_date_text(text: str, date_text: str) -> str:
    return text.replace(date_text, " ") if date_text else text


def merge_events(bundles: Iterable[Facts]) -> list[MergedEvent]:
    """One merged timeline: same-event items merged across articles, date disagreements flagged."""
    items: list[tuple[str, Event]] = []
    for f in bundles:
        items += [(f.article.slug, e) for e in f.events]
    items.sort(key=lambda x: (x[1].date.sort_key, x[1].precision, x[0], x[1].id))

    clusters: list[dict] = []   # {date, precision, approximate, members: [(slug, event, tokens)]}
    for slug, e in items:
        toks = content_tokens(_strip_date_text(e.text, e.date_text))
        best, best_score = None, 0.0
        min_sim, min_shared = MERGE_RULES.get(e.precision, (0.45, 3))
        for c in clusters:
            if c["date"] != e.date or c["precision"] != e.precision:
                continue
            if any(s == slug for s, _, _ in c["members"]):
                continue  # never merge two events of one article
            sim, shared = max((similarity(toks, t) for _, _, t in c["members"][:COMPARE_MEMBERS]), default=(0.0, 0))
            # short texts: every word shared (at least two) is enough
            need = min_shared if sim < 1.0 else min(min_shared, 2)
            if sim >= min_sim and shared >= need and sim > best_score:
                best, best_score = c, sim
        if best is None:
            clusters.append({"date": e.date, "precision": e.precision, "approximate": e.approximate,
                             "members": [(slug, e, toks)]})
        else:
            best["members"].append((slug, e, toks))
            best["approximate"] = best["approximate"] and e.approximate

    merged: list[MergedEvent] = []
    for i, c in enumerate(clusters, 1):
        first = c["members"][0][1]
        merged.append(MergedEvent(
            id=f"ev-{i}", date=c["date"].iso, precision=c["precision"], approximate=c["approximate"],
            text=first.text,
            sources=[EventSource(slug=s, event_id=e.id, date=e.date.iso, precision=e.precision,
                                 approximate=e.approximate, date_text=e.date_text, text=e.text, source=e.source)
                     for s, e, _ in c["members"]],
        ))

    # conflicts: strongly similar wording, different dates, and no article reporting both
    min_sim, min_shared = CONFLICT_RULE
    for i, a in enumerate(clusters):
        for j in range(i + 1, len(clusters)):
            b = clusters[j]
            if a["date"] == b["date"] and a["precision"] == b["precision"]:
                continue
            slugs_a = {s for s, _, _ in a["members"]}
            slugs_b = {s for s, _, _ in b["members"]}
            if slugs_a & slugs_b:
                continue  # one article tells them apart: two events
            sim, shared = max((similarity(ta, tb) for _, _, ta in a["members"][:COMPARE_MEMBERS]
                               for _, _, tb in b["members"][:COMPARE_MEMBERS]), default=(0.0, 0))
            if sim < min_sim or shared < min_shared:
                continue
            ma, mb = merged[i], merged[j]
            for x, y in ((ma, mb), (mb, ma)):
                x.conflict = True
                if y.id not in x.conflict_with:
                    x.conflict_with.append(y.id)
            note = ("dates de précision différente" if _compatible(a["date"].iso, b["date"].iso) else "dates différentes")
            ma.conflict_note = mb.conflict_note = note
    return merged


def _compatible(a: str, b: str) -> bool:
    """One date contains the other ('2024-04' and '2024-04-27')."""
    return a.startswith(b) or b.startswith(a)
