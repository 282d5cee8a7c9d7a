"""Typed models for every fact kind: the fact-file contract of SPEC.md.

Field names that the SPEC fixes are kept verbatim (outside tools read them);
extra fields are additions. Every extracted fact carries a `Source` span so a
reader can jump to the exact words.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .partialdate import PartialDate


class Strict(BaseModel):
    """Base: unknown keys are errors, so a typo in a hand-edited file is caught."""

    model_config = ConfigDict(extra="forbid")


class Source(Strict):
    """Where a fact's words are: `text[start:end]` of paragraph `paragraph`."""

    paragraph: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Paragraph(Strict):
    id: str
    text: str
    # sentence spans as (start, end) offsets into `text`; never cut inside « … »
    sentences: list[tuple[int, int]] = []


class Removed(Strict):
    text: str
    reason: str


class Article(Strict):
    slug: str
    title: str
    outlet: str | None = None
    published: str | None = None
    reference_date: str | None = None
    reference_basis: str = ""
    language: str = "fr"
    source_url: str | None = None
    author: str | None = None
    source_file: str = ""
    content_hash: str = ""
    paragraphs: list[Paragraph] = []
    removed: list[Removed] = []

    def paragraph(self, pid: str) -> Paragraph:
        for p in self.paragraphs:
            if p.id == pid:
                return p
        raise KeyError(pid)


class Mention(Strict):
    text: str
    source: Source


class Person(Strict):
    id: str
    name: str
    roles: list[str] = []
    mentions: list[Mention] = []
    reviewed: bool = False


class Organisation(Strict):
    id: str
    name: str
    aliases: list[str] = []
    mentions: list[Mention] = []
    reviewed: bool = False


class Place(Organisation):
    pass


class Quote(Strict):
    id: str
    text: str
    speaker: str | None = None
    speaker_id: str | None = None
    cue: str | None = None
    source: Source
    context: str = ""  # the sentence the quote stands in
    reviewed: bool = False


class Claim(Strict):
    id: str
    who: str | None = None
    who_id: str | None = None
    what: str
    kind: Literal["direct", "indirect"]
    cue: str | None = None
    source: Source
    reviewed: bool = False


class Event(Strict):
    id: str
    date: PartialDate  # written "YYYY", "YYYY-MM" or "YYYY-MM-DD" in events.yaml
    precision: Literal["day", "month", "year"]
    approximate: bool = False
    date_text: str
    text: str
    source: Source
    reviewed: bool = False

    @model_validator(mode="after")
    def _date_at_its_precision(self) -> "Event":
        if self.date.precision != self.precision:
            raise ValueError(f"{self.id}: date '{self.date}' is not written at precision '{self.precision}'")
        return self

    @property
    def when(self) -> PartialDate:
        """The date with its hedge: "vers 2022" is the year 2022, approximate."""
        return PartialDate(self.date.year, self.date.month, self.date.day, self.approximate)


class LegalRef(Strict):
    id: str
    mention: str
    instrument: str | None = None
    knowledge_id: str | None = None
    kind: str | None = None
    source: Source
    reviewed: bool = False


class SummarySentence(Strict):
    text: str
    source: Source


class Summary(Strict):
    lead: str
    lead_source: Source | None = None
    key_points: list[SummarySentence] = []


class Facts(Strict):
    """Everything extracted from one article; one YAML file per field below."""

    article: Article
    people: list[Person] = []
    organisations: list[Organisation] = []
    places: list[Place] = []
    quotes: list[Quote] = []
    claims: list[Claim] = []
    events: list[Event] = []
    legal: list[LegalRef] = []
    summary: Summary


# file name -> (field of Facts, model); the order is the order files are written
FACT_FILES: dict[str, tuple[str, type[BaseModel]]] = {
    "article.yaml": ("article", Article),
    "people.yaml": ("people", Person),
    "organisations.yaml": ("organisations", Organisation),
    "places.yaml": ("places", Place),
    "quotes.yaml": ("quotes", Quote),
    "claims.yaml": ("claims", Claim),
    "events.yaml": ("events", Event),
    "legal.yaml": ("legal", LegalRef),
    "summary.yaml": ("summary", Summary),
}
