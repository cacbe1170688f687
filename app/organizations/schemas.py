"""Organisation and event schemas."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field

from app.core.ids import RecordId
from app.seeding.records import EventType, OrganizationKind
from app.sources.schemas import SourcePublic
from app.states.schemas import StateRef
from app.temporal import Precision


class OrganizationRef(BaseModel):
    slug: str = Field(examples=["csto"])
    name: str = Field(
        description="The English name as of the question's date (else today's).",
        examples=["Collective Security Treaty Organization"],
    )


class EventRef(BaseModel):
    id: int
    key: str = Field(examples=["cst-signature"])
    type: str = Field(examples=["signature"])
    date: str = Field(examples=["1992-05-15"])
    title: str


class EventPublic(EventRef):
    version: int = Field(default=1, description="Bumped by every change; the ETag carries it.")
    precision: Precision
    place: str | None = None
    states: list[StateRef]
    notes: str | None = None
    sources: list[SourcePublic]


class NamePublic(BaseModel):
    name: str = Field(examples=["Tashkent Pact"])
    lang: str = Field(examples=["en"])
    kind: str = Field(description="`official`, `short`, `abbreviation` or `alias`.")
    valid_from: str | None = None
    valid_until: str | None = Field(default=None, description="Exclusive: not used from this date.")


class Identifiers(BaseModel):
    wikidata: str | None = Field(default=None, examples=["Q..."])
    cow_igo: str | None = Field(default=None, description="COW IGO `ioname`.", examples=["CSTO"])
    cow_alliance: RecordId | None = Field(default=None, description="COW alliance `version4id`.")
    atop: RecordId | None = Field(default=None, description="ATOP `atopid`.")


class LinkPublic(BaseModel):
    organization: OrganizationRef
    date: str | None = None
    notes: str | None = None


class DiscrepancyPublic(BaseModel):
    dataset: str = Field(examples=["cow-alliance-v4.1"])
    state: StateRef
    years: str = Field(description="A year or an inclusive range.", examples=["1992-1993"])
    dataset_says: str = Field(description="`member` or `not_member`.")
    explanation: str


Founded = Annotated[
    str,
    Field(
        description="The day it began to exist: its founding instrument's entry into force, or "
        "the founding act where nothing awaited ratification.",
        examples=["1994-04-20"],
    ),
]
Signed = Annotated[
    str | None,
    Field(
        description="The day its founding instrument was signed, when it entered into force "
        "later (`founded`): in between it did not exist and had signatories, not members.",
        examples=["1992-05-15"],
    ),
]


class OrganizationSummary(BaseModel):
    slug: str = Field(examples=["csto"])
    name: str = Field(examples=["Collective Security Treaty Organization"])
    kind: str = Field(examples=["military_alliance"])
    founded: Founded
    signed: Signed = None
    dissolved: str | None = None
    headquarters: str | None = Field(default=None, examples=["Moscow, Russia"])
    identifiers: Identifiers


class OrganizationPublic(OrganizationSummary):
    version: int = Field(default=1, description="Bumped by every change; the ETag carries it.")
    description: str | None = None
    names: list[NamePublic]
    events: list[EventPublic]
    predecessors: list[LinkPublic]
    successors: list[LinkPublic]
    dataset_discrepancies: list[DiscrepancyPublic] = Field(
        description="Where COW / ATOP datasets differ from Foedus, and why."
    )
    notes: str | None = None
    sources: list[SourcePublic]


class OrganizationList(BaseModel):
    items: list[OrganizationSummary]
    next_cursor: str | None = Field(default=None, description="Pass as `cursor` for the next page.")


EarliestDate = Annotated[
    str | None,
    Field(
        description=(
            "Set when the day is not recorded and `date` is the day by which it had happened: "
            "the earliest day it may have happened."
        ),
        examples=[None],
    ),
]


class TimelineEntry(BaseModel):
    date: str
    precision: Precision
    kind: str = Field(description="`event` or `membership`.")
    type: str = Field(description="Event type, or the membership change type.")
    title: str
    state: StateRef | None = None
    event: EventRef | None = None
    sources: list[SourcePublic]
    earliest_date: EarliestDate = None


class Timeline(BaseModel):
    organization: OrganizationRef
    entries: list[TimelineEntry]


class NameWrite(BaseModel):
    name: str = Field(min_length=1, max_length=300)
    lang: str = Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$", examples=["en"])
    kind: Literal["official", "short", "abbreviation", "alias"] = "official"
    valid_from: str | None = Field(default=None, max_length=10)
    valid_until: str | None = Field(default=None, max_length=10)


class OrganizationWrite(BaseModel):
    """A new organisation: the same fields as a read."""

    slug: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60, examples=["quad"])
    kind: OrganizationKind
    founded: str = Field(max_length=10, examples=["2007-05"])
    signed: str | None = Field(
        default=None, max_length=10, description="Its founding instrument's signature, if before."
    )
    dissolved: str | None = Field(default=None, max_length=10)
    headquarters: str | None = Field(default=None, max_length=200)
    description: str | None = Field(default=None, max_length=2000)
    identifiers: Identifiers = Identifiers()
    names: list[NameWrite] = Field(min_length=1)
    notes: str | None = Field(default=None, max_length=4000)
    sources: list[RecordId] = Field(min_length=1, description="Source ids.")
    reason: str | None = Field(default=None, max_length=2000)


class OrganizationPatch(BaseModel):
    kind: OrganizationKind | None = None
    founded: str | None = Field(default=None, max_length=10)
    signed: str | None = Field(default=None, max_length=10)
    dissolved: str | None = Field(default=None, max_length=10)
    headquarters: str | None = Field(default=None, max_length=200)
    description: str | None = Field(default=None, max_length=2000)
    identifiers: Identifiers | None = None
    names: list[NameWrite] | None = Field(default=None, min_length=1)
    notes: str | None = Field(default=None, max_length=4000)
    sources: list[RecordId] | None = Field(default=None, min_length=1)
    reason: str | None = Field(default=None, max_length=2000)


class EventWrite(BaseModel):
    """A new event of an organisation: the same fields as a read."""

    organization: str = Field(max_length=60, examples=["nato"])
    key: str | None = Field(default=None, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=100)
    type: EventType
    date: str = Field(max_length=10, examples=["2024-03-07"])
    title: str = Field(min_length=1, max_length=500)
    place: str | None = Field(default=None, max_length=200)
    states: list[str] = Field(default=[], description="State codes.")
    notes: str | None = Field(default=None, max_length=4000)
    sources: list[RecordId] = Field(min_length=1, description="Source ids.")
    reason: str | None = Field(default=None, max_length=2000)


class EventPatch(BaseModel):
    type: EventType | None = None
    date: str | None = Field(default=None, max_length=10)
    title: str | None = Field(default=None, min_length=1, max_length=500)
    place: str | None = Field(default=None, max_length=200)
    states: list[str] | None = None
    notes: str | None = Field(default=None, max_length=4000)
    sources: list[RecordId] | None = Field(default=None, min_length=1)
    reason: str | None = Field(default=None, max_length=2000)
