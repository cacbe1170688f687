"""Organisation and event schemas."""

from __future__ import annotations

from pydantic import BaseModel, Field

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
    cow_alliance: int | None = Field(default=None, description="COW alliance `version4id`.")
    atop: int | None = Field(default=None, description="ATOP `atopid`.")


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


class OrganizationSummary(BaseModel):
    slug: str = Field(examples=["csto"])
    name: str = Field(examples=["Collective Security Treaty Organization"])
    kind: str = Field(examples=["military_alliance"])
    founded: str = Field(examples=["1992-05-15"])
    dissolved: str | None = None
    headquarters: str | None = Field(default=None, examples=["Moscow, Russia"])
    identifiers: Identifiers


class OrganizationPublic(OrganizationSummary):
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


class TimelineEntry(BaseModel):
    date: str
    precision: Precision
    kind: str = Field(description="`event` or `membership`.")
    type: str = Field(description="Event type, or the membership change type.")
    title: str
    state: StateRef | None = None
    event: EventRef | None = None
    sources: list[SourcePublic]


class Timeline(BaseModel):
    organization: OrganizationRef
    entries: list[TimelineEntry]
