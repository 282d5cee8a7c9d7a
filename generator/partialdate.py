"""The one partial-date type: a year, maybe a month, maybe a day, maybe approximate.

Facts give dates at the precision the text gives ("en 2022", "en janvier 2023", "le 27 avril 2024"),
written as ISO "YYYY", "YYYY-MM" or "YYYY-MM-DD". Parsing, validation, ordering, the period a date
covers, its French label and its TimelineJS object all live here. As a pydantic field it is validated
when a fact file is loaded and serialised back to the same ISO string, so files do not change.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import total_ordering
from typing import Any, Literal

from pydantic_core import core_schema

from .text import MONTH_NAMES

Precision = Literal["day", "month", "year"]
PRECISIONS: tuple[Precision, ...] = ("year", "month", "day")  # coarse to fine
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@total_ordering
@dataclass(frozen=True, eq=True)
class PartialDate:
    """A date known to the year, the month or the day; `approximate` when the text hedges ("vers 2022")."""

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is out of range")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} does not exist")
        if self.day is not None and not 1 <= self.day <= calendar.monthrange(self.year, self.month)[1]:
            raise ValueError(f"{self.iso} does not exist")

    # ------------------------------------------------------------------ reading

    @classmethod
    def parse(cls, text: str, *, approximate: bool = False) -> "PartialDate":
        """From ISO "YYYY", "YYYY-MM" or "YYYY-MM-DD"; ValueError (saying what is wrong) otherwise."""
        m = _ISO.fullmatch(str(text).strip())
        if not m:
            raise ValueError(f"date '{text}' is not YYYY-MM-DD, YYYY-MM or YYYY")
        y, mo, d = (int(g) if g else None for g in m.groups())
        try:
            return cls(y, mo, d, approximate)  # type: ignore[arg-type]
        except ValueError:
            raise ValueError(f"date '{text}' does not exist") from None

    @classmethod
    def coerce(cls, value: Any) -> "PartialDate":
        """A PartialDate from what YAML may give: a PartialDate, an ISO string, a bare year, a date."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            return cls.parse(f"{value:04d}")
        if isinstance(value, str):
            return cls.parse(value)
        raise ValueError(f"date {value!r} is not YYYY-MM-DD, YYYY-MM or YYYY")

    # ------------------------------------------------------------------ shape

    @property
    def precision(self) -> Precision:
        return "day" if self.day is not None else "month" if self.month is not None else "year"

    @property
    def iso(self) -> str:
        parts = [f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p is not None]
        return "-".join(parts)

    def __str__(self) -> str:
        return self.iso

    def at(self, precision: Precision) -> "PartialDate":
        """The same date no finer than `precision` ("2024-04-27" at "month" is "2024-04")."""
        keep = PRECISIONS.index(precision)
        return replace(self, month=self.month if keep >= 1 else None, day=self.day if keep >= 2 else None)

    # ------------------------------------------------------------------ order and period

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """A year sorts before its months, a month before its days."""
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return (self.sort_key, self.approximate) < (other.sort_key, other.approximate)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        if self.day is not None:
            return self.first_day
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    # ------------------------------------------------------------------ output

    def label(self) -> str:
        """French: "27 avril 2024", "1er mai 2024", "janvier 2023", "2022"; "vers 2022" when approximate."""
        text = str(self.year)
        if self.month is not None:
            text = f"{MONTH_NAMES[self.month - 1]} {text}"
        if self.day is not None:
            text = f"{'1er' if self.day == 1 else self.day} {text}"
        return f"vers {text}" if self.approximate else text

    def timeline(self) -> dict[str, str]:
        """TimelineJS date object: {"year": "2024", "month": "4", "day": "27"} down to the known precision."""
        parts = {"year": self.year, "month": self.month, "day": self.day}
        return {k: str(v) for k, v in parts.items() if v is not None}

    # ------------------------------------------------------------------ pydantic

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.coerce,
            serialization=core_schema.plain_serializer_function_ser_schema(lambda d: d.iso, when_used="always"),
            json_schema_input_schema=core_schema.str_schema(pattern=_ISO.pattern),
        )
