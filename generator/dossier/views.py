"""The dossier's typed views: what the merges produce and the render stage reads."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from ..model import ArticleHead, Claim, LegalRef, Quote, Source


class Sourced(BaseModel):
    """A merged item: `slugs` lists the articles it comes from, first seen first."""

    def _sources(self) -> list:
        raise NotImplementedError

    @property
    def slugs(self) -> list[str]:
        return list(dict.fromkeys(s.slug for s in self._sources()))


class ArticleRef(ArticleHead):
    source_url: str | None = None
    author: str | None = None
    language: str = "fr"
    counts: dict[str, int] = {}


class EventSource(BaseModel):
    slug: str
    event_id: str
    date: str
    precision: Literal["day", "month", "year"]
    approximate: bool = False
    date_text: str
    text: str
    source: Source


class MergedEvent(Sourced):
    id: str
    date: str
    precision: Literal["day", "month", "year"]
    approximate: bool = False
    text: str
    sources: list[EventSource]
    conflict: bool = False
    conflict_with: list[str] = []   # ids of the merged events whose date disagrees
    conflict_note: str = ""

    def _sources(self) -> list:
        return self.sources


class RoleRef(BaseModel):
    role: str
    slugs: list[str]


class EntityMember(BaseModel):
    slug: str
    id: str
    name: str
    mentions: int = 0


class QuoteRef(BaseModel):
    slug: str
    quote: Quote


class ClaimRef(BaseModel):
    slug: str
    claim: Claim


class MergedEntity(Sourced):
    id: str
    kind: Literal["person", "org", "place"]
    name: str
    variants: list[str] = []        # other name forms seen (aliases included)
    roles: list[RoleRef] = []
    members: list[EntityMember] = []
    quotes: list[QuoteRef] = []
    claims: list[ClaimRef] = []

    def _sources(self) -> list:
        return self.members


class LegalSource(BaseModel):
    slug: str
    ref: LegalRef


class MergedLegal(Sourced):
    id: str
    knowledge_id: str | None = None
    title: str
    instrument: str | None = None
    refs: list[LegalSource] = []

    def _sources(self) -> list:
        return self.refs


class Dossier(BaseModel):
    articles: list[ArticleRef]
    first_date: str | None = None     # span of the dossier: earliest and latest date it mentions
    last_date: str | None = None
    first_published: str | None = None
    last_published: str | None = None
    events: list[MergedEvent] = []
    people: list[MergedEntity] = []
    organisations: list[MergedEntity] = []
    places: list[MergedEntity] = []
    legal: list[MergedLegal] = []

    @property
    def conflicts(self) -> list[MergedEvent]:
        return [e for e in self.events if e.conflict]

    def article(self, slug: str) -> ArticleRef:
        for a in self.articles:
            if a.slug == slug:
                return a
        raise KeyError(slug)
