"""Human corrections: `facts/<slug>/corrections.yaml`, applied on every run after extraction.

The file is a YAML list; each item is one correction, applied in file order:

    - fix_speaker: q-3            # quote id
      speaker: Gérald Darmanin    # a person's name or id (null: the article does not say)
    - drop: c-7                   # any fact id: quote, claim, event, legal ref, person, org, place
    - add: quote                  # quote | claim | event | person | organisation | place | legal
      text: "le texte exact"      # must be in the article word for word: its span is computed
      speaker: Fabien Roussel
    - rename: person-2
      name: Gérald Darmanin
    - merge: person-5             # merged into the other entity (mentions, roles, aliases, quotes)
      into: person-2
    - review: q-1                 # a person checked this fact: shown "✔ vérifié" on the pages

Every item may also carry `note:` (free text, kept for humans) and `expect:` (the target's words,
or a part of them, when the correction was written: quote text, claim words, event date words or
clause, legal mention or entity name). With `expect`, a correction whose id now names another fact
is re-targeted to the one fact holding those words, or reported; it never silently lands on the
wrong fact.

A correction whose target no longer exists is reported as a warning (`FILE:LINE: …`) and skipped;
an added fact whose words are not in the article is an error. The tool never writes this file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

from .errors import BriefingError
from .model import Article, Claim, Event, Facts, LegalRef, Mention, Organisation, Person, Place, Quote, Source, Strict
from .partialdate import PartialDate
from .text import fold
from .yamlio import line_of, load_raw, validation_errors

CORRECTIONS_FILE = "corrections.yaml"

# the lists of Facts that hold facts with an `id`, and the word used in messages
FACT_LISTS: dict[str, str] = {
    "quotes": "quote", "claims": "claim", "events": "event", "legal": "legal reference",
    "people": "person", "organisations": "organisation", "places": "place",
}
ENTITY_LISTS = ("people", "organisations", "places")
# ids the extractor makes; hand-added facts must not use them (a later extraction could too)
MACHINE_ID = re.compile(r"(?:q|c|e|legal|person|org|place)-\d+")

NonEmpty = Annotated[str, Field(min_length=1)]


# ----------------------------------------------------------------------------- the format

class _Op(Strict):
    note: str | None = None
    expect: str | None = None


class FixSpeaker(_Op):
    fix_speaker: NonEmpty
    speaker: str | None  # required key: null says "the article does not name the speaker"


class Drop(_Op):
    drop: NonEmpty


class Review(_Op):
    review: NonEmpty
    reviewed: bool = True


class Rename(_Op):
    rename: NonEmpty
    name: NonEmpty


class Merge(_Op):
    merge: NonEmpty
    into: NonEmpty

    @model_validator(mode="after")
    def _distinct(self) -> "Merge":
        if self.merge == self.into:
            raise ValueError("merge and into name the same entity")
        return self


class _Add(Strict):
    note: str | None = None
    id: str | None = None
    paragraph: str | None = None  # look for the words in this paragraph only (p1, p2…)
    occurrence: int = Field(1, ge=1)  # the n-th occurrence of the words (in article order)
    reviewed: bool = True  # a fact a person added is a fact a person checked

    @field_validator("id")
    @classmethod
    def _human_id(cls, v: str | None) -> str | None:
        if v is not None and (not re.fullmatch(r"[A-Za-z][\w-]*", v) or MACHINE_ID.fullmatch(v)):
            raise ValueError(f"'{v}' cannot be the id of an added fact: use letters, digits and '-', "
                             "not the extractor's own form (q-12, person-3…); e.g. q-h1")
        return v


class AddQuote(_Add):
    add: Literal["quote"]
    text: NonEmpty
    speaker: str | None = None
    cue: str | None = None


class AddClaim(_Add):
    add: Literal["claim"]
    what: NonEmpty
    who: str | None = None
    kind: Literal["direct", "indirect"] = "indirect"
    cue: str | None = None


class AddEvent(_Add):
    add: Literal["event"]
    date: PartialDate
    precision: Literal["day", "month", "year"] | None = None  # default: the shape of `date`
    approximate: bool = False
    date_text: NonEmpty  # the article's words for the date
    text: str | None = None  # default: the sentence holding date_text

    @model_validator(mode="after")
    def _precision(self) -> "AddEvent":
        if self.precision is None:
            self.precision = self.date.precision
        elif self.precision != self.date.precision:
            raise ValueError(f"date '{self.date}' is not written at precision '{self.precision}'")
        return self


class AddPerson(_Add):
    add: Literal["person"]
    name: NonEmpty
    roles: list[str] = []
    mentions: list[NonEmpty] = []  # other words naming them in the article ("le ministre")


class AddOrganisation(_Add):
    add: Literal["organisation"]
    name: NonEmpty
    aliases: list[str] = []
    mentions: list[NonEmpty] = []


class AddPlace(AddOrganisation):
    add: Literal["place"]  # type: ignore[assignment]


class AddLegal(_Add):
    add: Literal["legal"]
    mention: NonEmpty
    instrument: str | None = None
    knowledge_id: str | None = None
    kind: str | None = None


OPS: dict[str, type[BaseModel]] = {"fix_speaker": FixSpeaker, "drop": Drop, "review": Review,
                                   "rename": Rename, "merge": Merge}
ADDS: dict[str, type[_Add]] = {"quote": AddQuote, "claim": AddClaim, "event": AddEvent, "person": AddPerson,
                               "organisation": AddOrganisation, "place": AddPlace, "legal": AddLegal}
_OP_KEYS = [*OPS, "add"]


@dataclass
class Correction:
    line: int
    op: BaseModel


# ----------------------------------------------------------------------------- reading

def parse_corrections(path: Path) -> tuple[list[Correction], list[BriefingError]]:
    """Every valid correction of the file, and one error per invalid item (all of them, with lines)."""
    try:
        data, node = load_raw(path)
    except BriefingError as exc:
        return [], [exc]
    if data is None:
        return [], []
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        return [], [BriefingError(path, "corrections must be a YAML list (one '- ' item per correction)",
                                  line=node.start_mark.line + 1 if node is not None else 1)]
    out: list[Correction] = []
    errors: list[BriefingError] = []
    for item, item_node in zip(data, node.value):
        line = item_node.start_mark.line + 1
        if not isinstance(item, dict):
            errors.append(BriefingError(path, f"a correction is a mapping with one of: {', '.join(_OP_KEYS)}", line=line))
            continue
        keys = [k for k in _OP_KEYS if k in item]
        if len(keys) != 1:
            what = "none" if not keys else " and ".join(keys)
            errors.append(BriefingError(path, f"a correction needs exactly one of {', '.join(_OP_KEYS)} (found {what})",
                                        line=line))
            continue
        key = keys[0]
        if key == "add":
            model = ADDS.get(item["add"]) if isinstance(item["add"], str) else None
            if model is None:
                errors.append(BriefingError(path, f"add: '{item['add']}' is not one of {', '.join(ADDS)}",
                                            line=line_of(item_node, ("add",))))
                continue
        else:
            model = OPS[key]
        try:
            out.append(Correction(line, model.model_validate(item)))
        except ValidationError as exc:
            errors += validation_errors(path, exc, item_node, context=key)
    return out, errors


def load_corrections(path: Path) -> list[Correction]:
    """The corrections of `path` ([] when there is no file); the first error is raised."""
    if not path.exists():
        return []
    corrections, errors = parse_corrections(path)
    if errors:
        raise errors[0]
    return corrections


# ----------------------------------------------------------------------------- helpers

def _words(kind: str, fact: Any) -> list[str]:
    """The words `expect` is compared with."""
    if kind == "quotes":
        return [fact.text]
    if kind == "claims":
        return [fact.what]
    if kind == "events":
        return [fact.date_text, fact.text]
    if kind == "legal":
        return [fact.mention]
    return [fact.name]


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _find(facts: Facts, fid: str, kinds: tuple[str, ...] = tuple(FACT_LISTS)) -> tuple[str, Any] | None:
    for kind in kinds:
        for fact in getattr(facts, kind):
            if fact.id == fid:
                return kind, fact
    return None


def _order(article: Article):
    porder = {p.id: i for i, p in enumerate(article.paragraphs)}
    return lambda src: (porder.get(src.paragraph, 10**6), src.start, src.end)


def _occurrences(article: Article, words: str, *, paragraph: str | None, whole_words: bool) -> list[Source]:
    rx = re.compile((r"(?<!\w)" + re.escape(words) + r"(?!\w)") if whole_words else re.escape(words))
    out = []
    for p in article.paragraphs:
        if paragraph is not None and p.id != paragraph:
            continue
        out += [Source(paragraph=p.id, start=m.start(), end=m.end()) for m in rx.finditer(p.text)]
    return out


def _sentence(article: Article, src: Source) -> str:
    p = article.paragraph(src.paragraph)
    for s, e in p.sentences or [(0, len(p.text))]:
        if s <= src.start < e:
            return p.text[s:max(e, src.end)]
    return p.text


class _Run:
    """One application of a corrections file to one article's facts."""

    def __init__(self, facts: Facts, path: Path):
        self.f = facts
        self.path = path
        self.warnings: list[str] = []

    def warn(self, c: Correction, msg: str) -> None:
        self.warnings.append(f"{self.path}:{c.line}: {msg} (correction not applied)")

    def fail(self, c: Correction, msg: str) -> None:
        raise BriefingError(self.path, msg, line=c.line)

    # -- targets

    def target(self, c: Correction, fid: str, expect: str | None, kinds: tuple[str, ...], verb: str
               ) -> tuple[str, Any] | None:
        what = "fact" if len(kinds) == len(FACT_LISTS) else " or ".join(dict.fromkeys(FACT_LISTS[k] for k in kinds))
        found = _find(self.f, fid, kinds)
        if found and (expect is None or any(fold(expect) in fold(w) for w in _words(*found))):
            return found
        if expect is not None:  # the id moved: find the fact by its words
            among = (found[0],) if found else kinds  # the same kind as the id named, when it exists
            same = [(k, x) for k in among for x in getattr(self.f, k) if any(fold(expect) in fold(w) for w in _words(k, x))]
            if len(same) == 1:
                return same[0]
            if found:
                self.warn(c, f"{verb} {fid}: this {FACT_LISTS[found[0]]} now reads '{_words(*found)[0]}', "
                             f"not '{expect}'")
                return None
        other = _find(self.f, fid)
        if other and other[0] not in kinds:
            self.warn(c, f"{verb} {fid}: '{fid}' is {_a(FACT_LISTS[other[0]])}, not {_a(what)}")
        else:
            self.warn(c, f"{verb} {fid}: no {what} with this id in the extracted facts")
        return None

    def entity_by_name(self, name: str) -> Person | Organisation | None:
        """A speaker given by id, canonical name or (unique) mention: person first, then organisation."""
        for kind in ("people", "organisations"):
            for ent in getattr(self.f, kind):
                if ent.id == name:
                    return ent
        key = fold(name)
        for kind in ("people", "organisations"):
            hits = [e for e in getattr(self.f, kind) if fold(e.name) == key or key in map(fold, getattr(e, "aliases", []))]
            if len(hits) == 1:
                return hits[0]
        for kind in ("people", "organisations"):
            hits = [e for e in getattr(self.f, kind) if key in {fold(m.text) for m in e.mentions}]
            if len(hits) == 1:
                return hits[0]
        return None

    def speaker(self, name: str | None) -> tuple[str | None, str | None]:
        if name is None or not name.strip():
            return None, None
        ent = self.entity_by_name(name)
        return (ent.name, ent.id) if ent else (name.strip(), None)

    def span(self, c: Correction, op: _Add, words: str, what: str) -> Source:
        hits = _occurrences(self.f.article, words, paragraph=op.paragraph, whole_words=False)
        where = f" in paragraph {op.paragraph}" if op.paragraph else " in the article"
        if not hits:
            self.fail(c, f"add {op.add}: {what} '{words}' is not found word for word{where} "  # type: ignore[attr-defined]
                         "(copy it exactly from article.yaml)")
        if op.occurrence > len(hits):
            self.fail(c, f"add {op.add}: occurrence {op.occurrence} asked, '{words}' appears "  # type: ignore[attr-defined]
                         f"{len(hits)} time(s){where}")
        return hits[op.occurrence - 1]

    def new_id(self, c: Correction, op: _Add, prefix: str) -> str:
        if op.id:
            if _find(self.f, op.id):
                self.fail(c, f"add {op.add}: id '{op.id}' is already used by another fact")  # type: ignore[attr-defined]
            return op.id
        n = 1
        while _find(self.f, f"{prefix}-h{n}"):
            n += 1
        return f"{prefix}-h{n}"

    # -- operations

    def fix_speaker(self, c: Correction, op: FixSpeaker) -> None:
        hit = self.target(c, op.fix_speaker, op.expect, ("quotes",), "fix_speaker")
        if not hit:
            return
        q: Quote = hit[1]
        name, sid = self.speaker(op.speaker)
        old = (q.speaker, q.speaker_id)
        q.speaker, q.speaker_id = name, sid
        # the direct claim made of the same words follows its quote
        for cl in self.f.claims:
            if cl.kind == "direct" and cl.source == q.source and (cl.who, cl.who_id) == old:
                cl.who, cl.who_id = name, sid

    def drop(self, c: Correction, op: Drop) -> None:
        hit = self.target(c, op.drop, op.expect, tuple(FACT_LISTS), "drop")
        if not hit:
            return
        kind, fact = hit
        setattr(self.f, kind, [x for x in getattr(self.f, kind) if x is not fact])
        if kind in ENTITY_LISTS:  # quotes and claims keep the name, lose the link
            for q in self.f.quotes:
                if q.speaker_id == fact.id:
                    q.speaker_id = None
            for cl in self.f.claims:
                if cl.who_id == fact.id:
                    cl.who_id = None

    def review(self, c: Correction, op: Review) -> None:
        hit = self.target(c, op.review, op.expect, tuple(FACT_LISTS), "review")
        if hit:
            hit[1].reviewed = op.reviewed

    def rename(self, c: Correction, op: Rename) -> None:
        hit = self.target(c, op.rename, op.expect, ENTITY_LISTS, "rename")
        if not hit:
            return
        ent = hit[1]
        ent.name = op.name.strip()
        self._relink(ent.id, ent)

    def merge(self, c: Correction, op: Merge) -> None:
        src = self.target(c, op.merge, op.expect, ENTITY_LISTS, "merge")
        if not src:
            return
        dst = self.target(c, op.into, None, (src[0],), f"merge {op.merge} into")
        if not dst:
            return
        kind, a = src
        b = dst[1]
        key = _order(self.f.article)
        seen = {(m.text, m.source.paragraph, m.source.start, m.source.end) for m in b.mentions}
        b.mentions = sorted(b.mentions + [m for m in a.mentions
                                          if (m.text, m.source.paragraph, m.source.start, m.source.end) not in seen],
                            key=lambda m: key(m.source))
        if kind == "people":
            b.roles = list(dict.fromkeys(b.roles + a.roles))
        else:
            names = [*b.aliases, *a.aliases] + ([a.name] if fold(a.name) != fold(b.name) else [])
            b.aliases = sorted({n for n in names if fold(n) != fold(b.name)})
        b.reviewed = b.reviewed or a.reviewed
        setattr(self.f, kind, [x for x in getattr(self.f, kind) if x is not a])
        self._relink(a.id, b)

    def _relink(self, old_id: str, ent: Any) -> None:
        for q in self.f.quotes:
            if q.speaker_id == old_id:
                q.speaker, q.speaker_id = ent.name, ent.id
        for cl in self.f.claims:
            if cl.who_id == old_id:
                cl.who, cl.who_id = ent.name, ent.id

    def add(self, c: Correction, op: _Add) -> None:
        a = self.f.article
        if op.paragraph is not None and op.paragraph not in {p.id for p in a.paragraphs}:
            self.fail(c, f"add {op.add}: no paragraph '{op.paragraph}' in the article")  # type: ignore[attr-defined]
        if isinstance(op, AddQuote):
            src = self.span(c, op, op.text, "text")
            name, sid = self.speaker(op.speaker)
            self.f.quotes.append(Quote(id=self.new_id(c, op, "q"), text=op.text, speaker=name, speaker_id=sid,
                                       cue=op.cue, source=src, context=_sentence(a, src), reviewed=op.reviewed))
        elif isinstance(op, AddClaim):
            src = self.span(c, op, op.what, "what")
            name, sid = self.speaker(op.who)
            self.f.claims.append(Claim(id=self.new_id(c, op, "c"), who=name, who_id=sid, what=op.what, kind=op.kind,
                                       cue=op.cue, source=src, reviewed=op.reviewed))
        elif isinstance(op, AddEvent):
            src = self.span(c, op, op.date_text, "date_text")
            text = op.text
            if text is None:
                text = _sentence(a, src).rstrip(" .")
            elif not _occurrences(a, text, paragraph=None, whole_words=False):
                self.fail(c, f"add event: text '{text}' is not found word for word in the article")
            self.f.events.append(Event(id=self.new_id(c, op, "e"), date=op.date, precision=op.precision,  # type: ignore[arg-type]
                                       approximate=op.approximate, date_text=op.date_text, text=text, source=src,
                                       reviewed=op.reviewed))
        elif isinstance(op, AddLegal):
            src = self.span(c, op, op.mention, "mention")
            self.f.legal.append(LegalRef(id=self.new_id(c, op, "legal"), mention=op.mention, instrument=op.instrument,
                                         knowledge_id=op.knowledge_id, kind=op.kind, source=src, reviewed=op.reviewed))
        else:
            assert isinstance(op, (AddPerson, AddOrganisation))
            key = _order(a)
            words = list(dict.fromkeys([op.name, *op.mentions, *getattr(op, "aliases", [])]))
            found = {(s.paragraph, s.start, s.end): s for w in words
                     for s in _occurrences(a, w, paragraph=op.paragraph, whole_words=True)}
            if not found:
                self.fail(c, f"add {op.add}: neither '{op.name}' nor its mentions are found word for word in the article")
            mentions = []
            for s in sorted(found.values(), key=key):
                if any(m.source.paragraph == s.paragraph and m.source.start <= s.start and s.end <= m.source.end
                       and (m.source.start, m.source.end) != (s.start, s.end) for m in mentions):
                    continue
                mentions.append(Mention(text=a.paragraph(s.paragraph).text[s.start:s.end], source=s))
            if isinstance(op, AddPerson):
                self.f.people.append(Person(id=self.new_id(c, op, "person"), name=op.name, roles=op.roles,
                                            mentions=mentions, reviewed=op.reviewed))
            else:
                model, kind, prefix = ((Place, "places", "place") if isinstance(op, AddPlace)
                                       else (Organisation, "organisations", "org"))
                getattr(self.f, kind).append(model(id=self.new_id(c, op, prefix), name=op.name, aliases=op.aliases,
                                                   mentions=mentions, reviewed=op.reviewed))


def apply_corrections(facts: Facts, corrections: list[Correction], path: Path) -> tuple[Facts, list[str]]:
    """The facts with every correction applied (a new object), and one warning per skipped correction.

    Raises BriefingError (file:line) when an added fact's words are not in the article or its id is taken."""
    run = _Run(facts.model_copy(deep=True), Path(path))
    for c in corrections:
        op = c.op
        if isinstance(op, _Add):
            run.add(c, op)
        else:
            getattr(run, next(k for k in OPS if isinstance(op, OPS[k])))(c, op)
    return Facts.model_validate(run.f.model_dump()), run.warnings


def apply_corrections_file(facts: Facts, facts_root: Path) -> tuple[Facts, list[str]]:
    """Apply `facts_root/<slug>/corrections.yaml` when there is one (the file is only read)."""
    path = Path(facts_root) / facts.article.slug / CORRECTIONS_FILE
    corrections = load_corrections(path)
    if not corrections:
        return facts, []
    return apply_corrections(facts, corrections, path)


def check_added_words(article: Article, corrections: list[Correction], path: Path) -> list[BriefingError]:
    """For `briefing check`: every `add` of the file names words that are in the article."""
    errors = []
    probe = Facts(article=article, summary={"lead": ""})
    for c in corrections:
        if isinstance(c.op, _Add):
            run = _Run(probe.model_copy(deep=True), path)
            try:
                run.add(c, c.op)
            except BriefingError as exc:
                errors.append(exc)
    return errors
