"""Property-based tests (hypothesis) over ingest and date normalisation.

- ingest: whatever bytes, text, encoding, front matter or markup an article file holds, `read_article`
  returns an Article or raises BriefingError (nothing else); every paragraph is non-empty and its
  sentence spans are inside its text, ordered and non-overlapping; paragraph ids are unique.
- dates: a date written the French way is found and normalised to the right ISO value at the precision
  the text gives (day, month or year), and every date found is a real ISO date at its stated precision.

Each test fixes `max_examples`; `pytest --hypothesis-show-statistics tests/test_properties.py` prints how
many inputs each one ran (the counts are in the issue's note). More properties over the sentence
splitter and the date tagger live in tests/test_ingest.py and tests/extract/test_dates.py.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import BriefingError
from generator.extract.dates import find_dates
from generator.ingest import read_article
from generator.model import Article

SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# pieces articles are made of: French prose, typography, quotes, markup, furniture, front matter
PIECES = [
    "Le maire", " a déclaré", " « Nous refusons », ", "selon l’AFP", ". ", "! ", "? ", "… ", "\n", "\n\n",
    " M. Dupont", " Mme Durand", " le 27 avril 2024", " en janvier 2023", "Par Jeanne Martin", "Partager",
    "Lire aussi : ", "© AFP", "PHOTO / REUTERS", "<p>", "</p>", "<script>alert(1)</script>", "<b>", "<!-- x -->",
    "[lien](http://x)", "![img](x.png)", "# ", "> ", "- ", "**gras**", "{{ 7*7 }}", "{% if %}", "---", "...",
    "\u00a0", "\u202f", "\t", "\r\n", "\ufeff", "\x00", "\x1b", "é", "œ", "’", "“", "”", '"', "»", "«",
    "title: x", "published: 2024-02-30", "published: 25/06/2024", "language: en", ": [", "&amp;", "&#60;",
]
prose = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
front_matter = st.one_of(
    st.just(""),
    st.builds(lambda body: f"---\n{body}\n---\n", st.one_of(
        st.text(max_size=80),
        st.lists(st.sampled_from(["title: Titre", "outlet: Le Monde", "published: 2024-06-25", "url: https://x.fr",
                                  "language: fr", "author: [a, b]", "title: {a: 1}", "published: 2024-13-45",
                                  "published: hier", "title: \"ouvert", "- liste", "title: |", "  bloc"]),
                 max_size=6).map("\n".join))),
)
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1", "mac_roman"]
SUFFIXES = [".txt", ".md", ".html"]


def _check_article(art: Article) -> None:
    assert art.title.strip()
    assert art.paragraphs
    ids = [p.id for p in art.paragraphs]
    assert len(ids) == len(set(ids))
    for p in art.paragraphs:
        assert p.text.strip()
        prev = 0
        for s, e in p.sentences:
            assert prev <= s < e <= len(p.text), (p.text, p.sentences)
            prev = e
    assert re.fullmatch(r"[a-z0-9-]+", art.slug)


def _read(data: bytes, suffix: str) -> Article | None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"article{suffix}"
        path.write_bytes(data)
        try:
            art = read_article(path)
        except BriefingError as exc:
            assert str(exc).startswith(str(path)) and "\n" not in str(exc)
            return None
    _check_article(art)
    return art


@settings(max_examples=400, **SETTINGS)
@given(st.binary(max_size=3000), st.sampled_from(SUFFIXES))
def test_ingest_any_bytes(data, suffix):
    _read(data, suffix)


@settings(max_examples=400, **SETTINGS)
@given(front_matter, prose, st.sampled_from(ENCODINGS), st.sampled_from(SUFFIXES))
def test_ingest_article_like_text(fm, body, encoding, suffix):
    data = (fm + body).encode(encoding, errors="replace")
    _read(data, suffix)


@settings(max_examples=300, **SETTINGS)
@given(st.text(max_size=2000), st.sampled_from(SUFFIXES))
def test_ingest_any_unicode_text(text, suffix):
    art = _read(text.encode("utf-8"), suffix)
    if art is not None and suffix == ".txt" and "<" not in text and "\x00" not in text:
        # plain text: every paragraph's words come from the file
        flat = re.sub(r"\s+", " ", text)
        for p in art.paragraphs:
            assert re.sub(r"\s+", " ", p.text) in flat or not p.text.isascii()


# --------------------------------------------------------------------------- dates

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]
ISO = {"day": re.compile(r"\d{4}-\d{2}-\d{2}"), "month": re.compile(r"\d{4}-\d{2}"), "year": re.compile(r"\d{4}")}
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))


def _valid(m) -> None:
    assert m.precision in ISO
    for value in (m.date, m.end_date):
        if value is not None:
            assert ISO[m.precision].fullmatch(value), m
            y, mo, d = ([int(x) for x in value.split("-")] + [1, 1])[:3]
            dt.date(y, mo, d)


@settings(max_examples=400, **SETTINGS)
@given(dates, st.sampled_from(["Le {d} {m} {y}, la ville a voté.", "Depuis le {d} {m} {y}, rien.",
                               "Il a parlé le {d} {m} {y} devant la presse."]),
       st.one_of(st.none(), dates), st.booleans())
def test_dates_full_day_round_trip(d, template, ref, first):
    day = "1er" if d.day == 1 and first else str(d.day)
    text = template.format(d=day, m=MONTHS[d.month - 1], y=d.year)
    found = [m for m in find_dates(text, ref) if m.date == d.isoformat()]
    assert found and found[0].precision == "day", (text, find_dates(text, ref))
    assert text[found[0].start:found[0].end] == found[0].text
    for m in find_dates(text, ref):
        _valid(m)


@settings(max_examples=300, **SETTINGS)
@given(dates, st.sampled_from(["En {m} {y}, le site a fermé.", "Le projet date de {m} {y}.",
                               "Depuis {m} {y}, la plateforme est bloquée."]), st.one_of(st.none(), dates))
def test_dates_month_precision_never_finer(d, template, ref):
    text = template.format(m=MONTHS[d.month - 1], y=d.year)
    found = find_dates(text, ref)
    month = f"{d.year:04d}-{d.month:02d}"
    assert any(m.date == month and m.precision == "month" for m in found), (text, found)
    assert not any(m.precision == "day" for m in found), found  # never a day the text does not give
    for m in found:
        _valid(m)


@settings(max_examples=300, **SETTINGS)
@given(st.lists(st.one_of(st.sampled_from(["le", "en", "depuis", "mardi", "27", "1er", "avril", "2024", "2023-566",
                                           "25/06/2024", "31/02/2023", "l'an dernier", "hier", "vers", "mi-",
                                           "début", "fin", "les années", "90", "il y a", "deux", "ans", ",", ".",
                                           "\u00a0", "’"]),
                          st.text(max_size=8)), max_size=30).map(" ".join), st.one_of(st.none(), dates))
def test_dates_always_valid_iso_at_stated_precision(text, ref):
    for m in find_dates(text, ref):
        assert 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text
        _valid(m)
