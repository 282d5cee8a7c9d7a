"""Dates anchored on another date of the same paragraph, not on the publication date.

"Dimanche, suite aux pluies de la veille" (the Saturday), "le lendemain" (the day after the
date just told), "deux jours plus tard", "en début de soirée" (the same day as the last date):
each is resolved against the nearest preceding day-precision date of the paragraph. "A la
veille de l'ouverture" / "au lendemain de l'élection" date the event they name: the day after
(before) the date of their own sentence, or of the page when the sentence has none.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from .patterns import NUMBER_WORDS

_NP = r"(?= (?:de|du|des|d')\b| d')"  # a noun phrase follows: "la veille de l'ouverture"
_NO_NP = r"(?! (?:de|du|des|d')\b| d')"
_N = r"(?P<n>\d{1,2}|" + "|".join(NUMBER_WORDS) + r")"

# (shift in days, regular expression on the folded text); a None shift takes the count from `n`
_SAME_DAY = (r"(?:(?<=^)|(?<=[.!?] )|(?<=\n))(?:en debut de|en fin de|dans la|dans l'|au cours de la"
             r"|plus tard dans la|tard dans la|tot dans la) (?:soiree|matinee|journee|nuit|apres-midi)\b"
             r"|\b(?:le soir|le matin|le jour|la nuit) meme\b")
_FROM_PREVIOUS: list[tuple[int | None, str]] = [
    (-2, rf"\bl'avant-veille\b{_NO_NP}"),
    (-1, rf"(?<!a )\bla veille\b{_NO_NP}"),
    (2, rf"\ble surlendemain\b{_NO_NP}"),
    (1, rf"\ble lendemain\b{_NO_NP}"),
    (0, _SAME_DAY),
    (None, rf"\b{_N} (?P<unit>jours?) (?P<dir>plus tard|plus tot|auparavant)\b"),
]
# the noun phrase after them is the dated event: "à la veille de X" -> X = sentence's date + 1
_NAMED: list[tuple[int, str]] = [
    (1, rf"\b(?:a la|la) veille\b{_NP}"),
    (-1, rf"\bau lendemain\b{_NP}"),
]
_COMPILED = [(k, re.compile(rx), False) for k, rx in _FROM_PREVIOUS] + \
            [(k, re.compile(rx), True) for k, rx in _NAMED]


# "quatre jours après l'attaque": dated by a sentence told earlier that names the same thing
_AFTER_NP = re.compile(
    rf"\b{_N} (?P<unit>jours?) (?P<dir>apres|avant) (?:l'|le |la |les |son |sa |ses |leur |leurs )"
    r"(?P<head>[a-z][a-z-]{3,})")
_DEMONSTRATIVE = re.compile(r"\b(?:ce|cet|cette|ces) (?P<head>[a-z][a-z-]{3,})")


@dataclass(frozen=True)
class Anchored:
    start: int
    end: int
    date: str


def _count(m: re.Match) -> int | None:
    n = m.group("n")
    value = int(n) if n.isdigit() else NUMBER_WORDS.get(n)
    if value is None:
        return None
    return -value if m.group("dir") not in ("plus tard", "apres") else value


def _sentence_start(norm: str, pos: int) -> int:
    return max(norm.rfind(". ", 0, pos), norm.rfind("! ", 0, pos), norm.rfind("? ", 0, pos),
               norm.rfind("\n", 0, pos)) + 1


def _dated_noun_phrase(norm: str, end: int, starts: list[int]) -> bool:
    """'au lendemain de l'élection du 7 mai': the noun phrase carries its own date."""
    stop = re.compile(r"[,;:.!?]").search(norm, end)
    limit = min(stop.start() if stop else len(norm), end + 60)
    return any(end <= s < limit for s in starts)


def _told_day(head: str, history: list[tuple[str, str]]) -> str | None:
    """The day of the last earlier sentence naming `head` (a noun, folded)."""
    rx = re.compile(rf"\b{re.escape(head)}s?\b")
    return next((iso for sentence, iso in reversed(history) if rx.search(sentence)), None)


def _own_sentences(norm: str, days: list[tuple[int, int, str]], before: int) -> list[tuple[str, str]]:
    """The sentences of this text, before `before`, that date something to the day."""
    out = []
    for start, end, iso in days:
        if 0 <= end <= before:
            stop = re.compile(r"[.!?](?: |$)").search(norm, end)
            out.append((norm[_sentence_start(norm, start):stop.start() if stop else len(norm)], iso))
    return out


def after_noun_phrase(norm: str, taken: list[tuple[int, int]], days: list[tuple[int, int, str]],
                      history: list[tuple[str, str]]) -> list[Anchored]:
    """'N jours après l'attaque': when an earlier dated sentence names the attack, the clause is
    N days after that day; when it names the clause's own subject ('ce comité … s'est tenu quatre
    jours après l'attaque'), the attack is N days before that subject's day. Else unresolved."""
    out = []
    for m in _AFTER_NP.finditer(norm):
        if any(a < m.end() and m.start() < b for a, b in taken) or (n := _count(m)) is None:
            continue
        n = abs(n) if m.group("dir") == "apres" else -abs(n)
        told = [*history, *_own_sentences(norm, days, m.start())]
        if (day := _told_day(m.group("head"), told)) is not None:
            iso = _dt.date.fromisoformat(day) + _dt.timedelta(days=n)
        else:
            own = [d.group("head") for d in _DEMONSTRATIVE.finditer(norm, _sentence_start(norm, m.start()),
                                                                     m.start())]
            day = next((x for h in reversed(own) if (x := _told_day(h, told))), None)
            if day is None:
                continue
            iso = _dt.date.fromisoformat(day) - _dt.timedelta(days=n)
        out.append(Anchored(m.start(), m.end(), iso.isoformat()))
    return out


def anchored_dates(norm: str, taken: list[tuple[int, int]], days: list[tuple[int, int, str]],
                   ref: _dt.date | None) -> list[Anchored]:
    """Anchored expressions of the folded text `norm` outside the spans already `taken`,
    resolved against `days`: the (start, end, ISO day) of the text's day-precision dates.
    A date told backwards ("la veille") is no anchor for the next one: the story goes on
    from the date it was told from."""
    found: list[tuple[int, int, int | None, re.Match, bool]] = []
    for shift, rx, named in _COMPILED:
        for m in rx.finditer(norm):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                found.append((m.start(), m.end(), shift, m, named))
    found.sort(key=lambda f: f[0])
    starts = [a for a, _, _ in days]
    known = sorted((e, iso) for _, e, iso in days)
    out: list[Anchored] = []
    for start, end, shift, m, named in found:
        if shift is None and (shift := _count(m)) is None:
            continue
        if named and _dated_noun_phrase(norm, end, starts):
            continue
        before = [iso for e, iso in known if e <= start and (not named or e > _sentence_start(norm, start))]
        if before:
            anchor = _dt.date.fromisoformat(before[-1])
        elif named and ref is not None:
            anchor = ref  # "A la veille de l'ouverture, le journal fait le point": the page's day
        else:
            continue
        iso = (anchor + _dt.timedelta(days=shift)).isoformat()
        out.append(Anchored(start, end, iso))
        if shift >= 0 and not named:
            known = sorted([*known, (end, iso)])
    return out
