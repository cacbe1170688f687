"""The shape of the curated seed files (TOML), validated strictly before anything is written."""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from app.models import EntityKind
from app.temporal import EndStatus, FuzzyDate, InvalidDate, Period


def _reduced_date(text: str) -> str:
    try:
        return str(FuzzyDate.parse(text))
    except InvalidDate as exc:
        raise ValueError(str(exc)) from exc


ReducedDate = Annotated[str, AfterValidator(_reduced_date)]
Key = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=100)]
Notes = Annotated[str, Field(max_length=4000)]
Alpha3 = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
SourceKeys = Annotated[list[Key], Field(min_length=1)]

OrganizationKind = Literal[
    "military_alliance",
    "security_partnership",
    "security_forum",
    "intelligence_alliance",
    "political_union",
    "economic_union",
    "political_economic_union",
    "regional_organization",
    "economic_forum",
    "forum",
    "commodity_organization",
    "global_organization",
    "trade_organization",
    "financial_institution",
    "monetary_union",
    "free_movement_area",
    "international_court",
    "cultural_organization",
    "other",
]
EventType = Literal[
    "signature",
    "accession",
    "ratification",
    "entry_into_force",
    "renewal",
    "withdrawal",
    "suspension",
    "reinstatement",
    "freeze",
    "charter",
    "name_change",
    "request",
    "decision",
    "deployment",
    "withdrawal_of_forces",
    "summit",
    "observer_status",
    "dissolution",
    "founding",
    "treaty",
    "admission",
    "expulsion",
    "readmission",
    "referendum",
    "notification",
    "other",
]
Role = Literal["member", "associate_member", "observer", "partner", "dialogue_partner"]
ParticipationStatus = Literal["frozen", "suspended", "inactive", "outside_integrated_command"]
Dataset = Literal["cow-alliance-v4.1", "atop-4.01", "cow-igo-v3"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class SourceRecord(Strict):
    title: str = Field(min_length=1, max_length=500)
    publisher: str | None = Field(default=None, max_length=200)
    url: str | None = Field(default=None, pattern=r"^https?://", max_length=2000)
    citation: str | None = Field(default=None, max_length=2000)
    published: ReducedDate | None = None
    accessed: ReducedDate

    @model_validator(mode="after")
    def _locatable(self) -> Self:
        if self.url is None and self.citation is None:
            raise ValueError("a source needs a url or a citation")
        return self


class NameRecord(Strict):
    name: str = Field(min_length=1, max_length=300)
    lang: str = Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")
    kind: Literal["official", "short", "abbreviation", "alias"]
    valid_from: ReducedDate | None = Field(default=None, alias="from")
    valid_until: ReducedDate | None = Field(default=None, alias="until")


class IdentifierRecord(Strict):
    wikidata: str | None = Field(default=None, pattern=r"^Q[1-9][0-9]*$")
    cow_igo: str | None = None
    cow_alliance: int | None = None
    atop: int | None = None


class LinkRecord(Strict):
    successor: Key
    date: ReducedDate | None = None
    notes: str | None = Field(default=None, max_length=2000)


class OrganizationRecord(Strict):
    slug: Key
    kind: OrganizationKind
    # the day it began to exist (``app.temporal.FOUNDING_RULE``), and the event that day is
    founded: ReducedDate
    founded_event: Key | None = None
    # the day its founding instrument was signed, when it entered into force later (``founded``)
    signed: ReducedDate | None = None
    dissolved: ReducedDate | None = None
    headquarters: str | None = Field(default=None, max_length=200)
    description: str | None = Field(default=None, max_length=2000)
    sources: SourceKeys
    notes: Notes | None = None
    identifiers: IdentifierRecord = IdentifierRecord()
    names: Annotated[list[NameRecord], Field(min_length=1)]
    successors: list[LinkRecord] = []


class EventRecord(Strict):
    key: Key
    type: EventType
    date: ReducedDate
    title: str = Field(min_length=1, max_length=500)
    place: str | None = Field(default=None, max_length=200)
    states: list[Alpha3] = []
    sources: SourceKeys
    notes: Notes | None = None


class ParticipationRecord(Strict):
    status: ParticipationStatus
    start: ReducedDate
    end: ReducedDate | None = None
    event: Key | None = None
    sources: SourceKeys
    notes: Notes | None = None

    def period(self) -> Period:
        end = FuzzyDate.parse(self.end) if self.end else None
        return Period(FuzzyDate.parse(self.start), end, EndStatus.CLOSED if end else EndStatus.OPEN)


class MembershipRecord(Strict):
    state: Alpha3
    role: Role
    founding: bool = False
    start: ReducedDate
    # only when the joining day is not recorded and ``start`` is the day by which it had begun
    # (a dated list naming the member): the earliest day it may have begun
    earliest_start: ReducedDate | None = None
    start_event: Key | None = None
    # the day it signed the instrument that bound it later (``start``): a signatory in between
    signed: ReducedDate | None = None
    end: ReducedDate | None = None
    end_status: EndStatus
    end_event: Key | None = None
    sources: SourceKeys
    notes: Notes | None = None  # the details (``app.models.MembershipDetails``)
    participation: list[ParticipationRecord] = []

    def period(self) -> Period:
        end = FuzzyDate.parse(self.end) if self.end else None
        floor = FuzzyDate.parse(self.earliest_start) if self.earliest_start else None
        return Period(FuzzyDate.parse(self.start), end, self.end_status, floor)

    @model_validator(mode="after")
    def _period(self) -> Self:
        self.period()  # raises InvalidPeriod (a ValueError) naming the problem
        return self


class DiscrepancyRecord(Strict):
    dataset: Dataset
    state: Alpha3
    years: str = Field(pattern=r"^[0-9]{4}(-[0-9]{4})?$")
    # member / not_member: the dataset's yearly picture differs in those years;
    # different_dates / different_role: same years, but other dates or another role.
    dataset_says: Literal["member", "not_member", "different_dates", "different_role"]
    explanation: str = Field(min_length=1, max_length=4000)


class OrganizationFile(Strict):
    organization: OrganizationRecord
    sources: dict[Key, SourceRecord] = {}
    events: list[EventRecord] = []
    memberships: list[MembershipRecord] = []
    discrepancies: list[DiscrepancyRecord] = []


class StateNameRecord(Strict):
    name: str = Field(min_length=1, max_length=300)
    lang: str = Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")
    valid_from: ReducedDate | None = Field(default=None, alias="from")
    valid_until: ReducedDate | None = Field(default=None, alias="until")  # exclusive


class NameOfStateRecord(StateNameRecord):
    """A name a state is known by, kept apart from its record (``[[names]]``): a short form
    (``UK``), a former name with the years it was in use (``Ceylon``), with its sources."""

    state: Alpha3
    lang: str = Field(default="en", pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")
    sources: SourceKeys
    notes: str | None = Field(default=None, max_length=2000)


class CowCodeRecord(Strict):
    """A COW ccode and when it stands for this state (omit both bounds: always)."""

    ccode: int = Field(ge=1, le=9999)
    abbrev: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    valid_from: ReducedDate | None = Field(default=None, alias="from")
    valid_until: ReducedDate | None = Field(default=None, alias="until")


class StateRecord(Strict):
    code: Alpha3
    name: str = Field(min_length=1, max_length=200)
    kind: EntityKind = "state"
    organization: Key | None = None  # the organisation's slug, for kind = "organization"
    official_name: str | None = None
    alpha2: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    iso3166_3: str | None = Field(default=None, pattern=r"^[A-Z]{4}$")
    cow_ccode: int | None = Field(default=None, ge=1, le=9999)
    cow_abbrev: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    wikidata: str | None = Field(default=None, pattern=r"^Q[1-9][0-9]*$")
    exists_from: ReducedDate | None = None
    exists_until: ReducedDate | None = None
    sources: list[Key] = []
    notes: str | None = Field(default=None, max_length=2000)
    names: list[StateNameRecord] = []
    cow_codes: list[CowCodeRecord] = []


class StateLinkRecord(Strict):
    predecessor: Alpha3
    successor: Alpha3
    kind: Literal["continuator", "successor", "merged_into", "restored"]
    date: ReducedDate | None = None
    sources: SourceKeys
    notes: str | None = Field(default=None, max_length=2000)


class StatesFile(Strict):
    states: list[StateRecord] = []
    links: list[StateLinkRecord] = []
    names: list[NameOfStateRecord] = []
    sources: dict[Key, SourceRecord] = {}
