"""French date labels at the precision the text gives, and the order of dates (from `PartialDate`)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..partialdate import PartialDate, Precision


def french_date(iso: Any, precision: Precision | None = None, approximate: bool = False) -> str:
    """A date label in French, never finer than `precision` nor than the date itself.

    ("2024-04-27", "day") -> "27 avril 2024"; ("2023-08-15", "month") -> "août 2023";
    ("2024", "day") -> "2024"; approximate -> "vers avril 2024". A value that is not a date
    comes back unchanged (the templates escape it), never as an invented date."""
    if not iso:
        return "date inconnue"
    try:
        date = PartialDate.coerce(iso)
    except ValueError:
        return str(iso)
    date = replace(date, approximate=approximate)
    return (date.at(precision) if precision else date).label()


def date_order(iso: Any) -> tuple[int, int, int]:
    """Sort key of a date: a year before its months, a month before its days; non-dates last."""
    try:
        return PartialDate.coerce(iso).sort_key
    except ValueError:
        return (99999, 0, 0)
