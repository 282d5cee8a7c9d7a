"""Front matter (YAML between `---` lines) and the publication dates pages print.

Known keys: title, outlet, published, url, language, author; unknown keys are ignored.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path
from typing import Any

import yaml

from ..errors import BriefingError

FRONT_MATTER_KEYS = ("title", "outlet", "published", "url", "language", "author")

_DATE_NUM = re.compile(r"(?<!\d)(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?!\d)")
_DATE_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_MONTHS = {"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
           "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
           "décembre": 12, "decembre": 12}
_DATE_WORDS = re.compile(r"(?<!\d)(\d{1,2})(?:er)?\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})(?!\d)", re.I)


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_date_text(s: str) -> str | None:
    """First full date in `s` (DD/MM/YYYY, YYYY-MM-DD, '25 juin 2024') as ISO, else None."""
    for rx, order in ((_DATE_ISO, "ymd"), (_DATE_NUM, "dmy"), (_DATE_WORDS, "dMy")):
        m = rx.search(s)
        if not m:
            continue
        a, b, c = m.groups()
        if order == "ymd":
            return _iso(int(a), int(b), int(c))
        if order == "dmy":
            return _iso(int(c), int(b), int(a))
        return _iso(int(c), _MONTHS[b.lower()], int(a))
    return None


def published_value(value: Any, path: Path, line: int | None = None) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    s = str(value).strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?", s)
    iso = _iso(*map(int, m.groups())) if m else None
    if iso is None:
        raise BriefingError(path, f"published: {s!r} is not a date (expected YYYY-MM-DD)", line=line)
    return iso


def split_front_matter(text: str, path: Path) -> tuple[dict[str, Any], str]:
    """(metadata, body). Front matter: a first line '---', YAML, a closing '---' (or '...')."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            break
    else:
        raise BriefingError(path, "front matter opened with '---' on line 1 is never closed by a '---' line", line=1)
    raw = "\n".join(lines[1:i])
    try:
        data = yaml.safe_load(raw) if raw.strip() else {}
    except (yaml.YAMLError, ValueError, RecursionError) as exc:  # ValueError: "published: 2024-02-30"
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise BriefingError(path, f"invalid YAML front matter: {problem}",
                            line=(mark.line + 2) if mark else 1) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise BriefingError(path, "front matter must be a mapping of keys (title:, outlet:, published:, …)", line=2)
    meta: dict[str, Any] = {}
    for key in FRONT_MATTER_KEYS:
        value = data.get(key)
        if value is None:
            continue
        line = _key_line(lines[1:i], key)
        if key == "published":
            meta[key] = published_value(value, path, line)
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            s = str(value).strip()
            if s:
                meta[key] = s
        else:
            raise BriefingError(path, f"front matter {key}: must be text, got {type(value).__name__}", line=line)
    return meta, "\n".join(lines[i + 1:])


def _key_line(lines: list[str], key: str) -> int | None:
    for n, line in enumerate(lines):
        if re.match(rf"{re.escape(key)}\s*:", line):
            return n + 2
    return None
