"""The corrections file format: one typed model per correction, and reading a file into them with
every invalid item reported (file:line), not only the first."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

from ..errors import BriefingError
from ..model import Strict
from ..partialdate import PartialDate
from ..yamlio import line_of, load_raw, validation_errors

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


class AddFact(Strict):
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


class AddQuote(AddFact):
    add: Literal["quote"]
    text: NonEmpty
    speaker: str | None = None
    cue: str | None = None


class AddClaim(AddFact):
    add: Literal["claim"]
    what: NonEmpty
    who: str | None = None
    kind: Literal["direct", "indirect"] = "indirect"
    cue: str | None = None


class AddEvent(AddFact):
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


class AddPerson(AddFact):
    add: Literal["person"]
    name: NonEmpty
    roles: list[str] = []
    mentions: list[NonEmpty] = []  # other words naming them in the article ("le ministre")


class AddOrganisation(AddFact):
    add: Literal["organisation"]
    name: NonEmpty
    aliases: list[str] = []
    mentions: list[NonEmpty] = []


class AddPlace(AddOrganisation):
    add: Literal["place"]  # type: ignore[assignment]


class AddLegal(AddFact):
    add: Literal["legal"]
    mention: NonEmpty
    instrument: str | None = None
    knowledge_id: str | None = None
    kind: str | None = None


OPS: dict[str, type[BaseModel]] = {"fix_speaker": FixSpeaker, "drop": Drop, "review": Review,
                                   "rename": Rename, "merge": Merge}
ADDS: dict[str, type[AddFact]] = {"quote": AddQuote, "claim": AddClaim, "event": AddEvent, "person": AddPerson,
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
