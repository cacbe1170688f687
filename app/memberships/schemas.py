"""Membership schemas: who belonged, in which role, when, how certainly, on whose word."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, Field

from app.core.ids import RecordId
from app.core.timequery import QueryEcho
from app.models import MembershipDetails
from app.organizations.schemas import EarliestDate, EventRef, Founded, OrganizationRef, Signed
from app.sources.schemas import SourcePublic
from app.states.schemas import StateRef
from app.temporal import Certainty, EndStatus, Existence, Precision


class Role(StrEnum):
    MEMBER = "member"
    ASSOCIATE_MEMBER = "associate_member"
    OBSERVER = "observer"
    PARTNER = "partner"
    DIALOGUE_PARTNER = "dialogue_partner"


class RoleFilter(StrEnum):
    MEMBER = "member"
    ASSOCIATE_MEMBER = "associate_member"
    OBSERVER = "observer"
    PARTNER = "partner"
    DIALOGUE_PARTNER = "dialogue_partner"
    ANY = "any"


class CertaintyFilter(StrEnum):
    CERTAIN = "certain"  # only certain answers
    POSSIBLE = "possible"  # certain and possible answers


class PeriodPublic(BaseModel):
    start: str = Field(
        description="First day as member (reduced ISO 8601).", examples=["1992-05-15"]
    )
    end: str | None = Field(
        description="First day no longer a member (exclusive).", examples=[None]
    )
    end_status: EndStatus = Field(description="`closed`, `open` (still a member) or `unknown`.")
    start_precision: Precision
    end_precision: Precision | None = None
    earliest_start: str | None = Field(
        default=None,
        description=(
            "Set when the joining day is not recorded, only a day by which the membership had "
            "begun (`start`): the earliest day it may have begun. Between the two it is a "
            "*possible* member."
        ),
        examples=[None],
    )
    signed: str | None = Field(
        default=None,
        description=(
            "Set when the member signed the instrument that bound it before it was bound "
            "(`start`): from `signed` to `start` it was a signatory, not a member."
        ),
        examples=[None],
    )


class ParticipationPublic(BaseModel):
    status: str = Field(
        description="`frozen`, `suspended`, `inactive` or `outside_integrated_command`.",
        examples=["frozen"],
    )
    start: str = Field(examples=["2024-02"])
    end: str | None = Field(default=None, description="Exclusive end; null while it lasts.")
    event: EventRef | None = None
    notes: str | None = None
    sources: list[SourcePublic]


DETAILS = frozenset(MembershipDetails.model_fields)


def details_of(record: object) -> dict[str, Any]:
    """The details of ``record`` (a row, a model, a write's body), by name."""
    return {name: getattr(record, name) for name in DETAILS}


class MembershipFacts(MembershipDetails):
    """One membership period and what is recorded about it."""

    role: Role
    founding: bool
    period: PeriodPublic
    participation: str = Field(
        description="`active`, or the status (`frozen`, `suspended`) holding during the question.",
        examples=["active"],
    )
    participation_certainty: Certainty | None = Field(
        default=None, description="How certainly that status holds, when it is not `active`."
    )
    participation_changes: list[ParticipationPublic]
    start_event: EventRef | None = None
    end_event: EventRef | None = None
    sources: list[SourcePublic]


class Member(MembershipFacts):
    state: StateRef
    organization: OrganizationRef | None = Field(
        default=None,
        description=(
            "Set with `lineage=true` on a membership of a predecessor or successor: the body "
            "it was held in, by its name then."
        ),
    )
    certainty: Certainty = Field(description="`certain` or `possible`.")
    reason: str | None = Field(description="Why the answer is only possible.", examples=[None])
    periods: list[PeriodPublic] = Field(
        description="Every period of this state in this role that touches the question."
    )


class View(StrEnum):
    FULL = "full"  # every fact with its sources and notes
    COMPACT = "compact"  # who, in which role, when, how certainly


class MembersFilters(BaseModel):
    """The filters asked for (or their defaults), echoed apart from the answer."""

    role: RoleFilter
    certainty: CertaintyFilter = Field(
        description="`possible`: certain and possible members listed; `certain`: certain only."
    )
    lineage: bool = Field(description="Whether predecessors and successors answer too.")
    view: View = Field(default=View.FULL, description="`full` or `compact`.")


class LinkedBody(BaseModel):
    """A predecessor or successor in force during the question."""

    organization: OrganizationRef
    relation: Literal["predecessor", "successor"]
    linked_on: str | None = Field(description="When the link took effect, if recorded.")
    existence: Existence = Field(description="Whether it existed during the question.")


class ExistenceAnswer(BaseModel):
    """Whether the organisation existed during the question: no body has members before its
    founding or from its dissolution, and an empty answer there says so."""

    status: Existence = Field(
        description=(
            "`existed` (on every day asked about), `not_yet_founded`, `dissolved`, or `partly`."
        )
    )
    founded: Founded
    signed: Signed = None
    dissolved: str | None = Field(examples=[None])
    in_force: list[LinkedBody] = Field(
        description="When it did not exist throughout: its predecessors or successors that did."
    )
    note: str | None = Field(
        default=None,
        examples=[
            "European Union had not been founded on 1975-06-01 (founded 1993-11-01). "
            "In force then: European Economic Community (eec), its predecessor; "
            "lineage=true answers through it."
        ],
    )


class Signatory(BaseModel):
    """A state that had signed the instrument that would bind it, and was not yet bound: in its
    signatory phase during the question, so not a member then."""

    state: StateRef
    role: Role = Field(description="The role it was bound in from `bound`.")
    signed: str = Field(examples=["2014-05-29"])
    bound: str = Field(description="The day it was bound (its membership's start).")
    certainty: Certainty = Field(description="How certainly it was a signatory then.")


class MembersAnswer(BaseModel):
    organization: OrganizationRef
    query: QueryEcho
    role: RoleFilter = Field(deprecated=True, description="Deprecated: read `filters.role`.")
    certainty: CertaintyFilter = Field(
        deprecated=True,
        description="Deprecated (it is the filter, not the answer's certainty): read "
        "`filters.certainty`; each member has its own `certainty`.",
    )
    filters: MembersFilters
    existence: ExistenceAnswer
    count: int
    members: list[Member]
    signatories: list[Signatory] = Field(
        default=[],
        description="States that had signed but were not yet bound during the question (not "
        "members, so not counted).",
    )


class CompactMember(BaseModel):
    """One member in a compact answer: no sources, notes or events (ask `view=full`)."""

    code: str = Field(examples=["ARM"])
    name: str = Field(examples=["Armenia"])
    kind: str = Field(examples=["state"])
    role: Role
    start: str = Field(examples=["1992-05-15"])
    end: str | None = Field(examples=[None])
    certainty: Certainty
    participation: str = Field(examples=["active"])
    organization: str | None = Field(
        default=None, description="With `lineage=true`: the slug of the body it was held in."
    )


class MembersCompact(BaseModel):
    """The members answer in brief (`view=compact`): the same question, filters and existence,
    each member in one flat record."""

    organization: OrganizationRef
    query: QueryEcho
    filters: MembersFilters
    existence: ExistenceAnswer
    count: int
    members: list[CompactMember]
    signatories: list[Signatory] = Field(
        default=[], description="States that had signed but were not yet bound then."
    )


class StateMembership(MembershipFacts):
    organization: OrganizationRef
    certainty: Certainty | None = Field(
        default=None, description="Set when the request asked about a time."
    )
    reason: str | None = None


class StateMemberships(BaseModel):
    state: StateRef
    query: QueryEcho | None
    memberships: list[StateMembership]
    next_cursor: str | None = Field(default=None, description="Pass as `cursor` for the next page.")


class ChangeType(StrEnum):
    SIGNED = "signed"  # signed the instrument that bound it later (``joined``)
    JOINED = "joined"
    LEFT = "left"
    ROLE_CHANGED = "role_changed"
    PARTICIPATION_CHANGED = "participation_changed"


class Change(BaseModel):
    date: str = Field(examples=["1999-04-20"])
    precision: Precision
    type: ChangeType
    state: StateRef
    role: Role
    previous_role: Role | None = None
    participation: str | None = Field(
        default=None, description="The participation status from this date (`active` when it ends)."
    )
    certainty: Certainty = Field(description="How certainly the change falls in the window.")
    event: EventRef | None = None
    sources: list[SourcePublic]
    earliest_date: EarliestDate = None


class ChangesAnswer(BaseModel):
    organization: OrganizationRef
    window: QueryEcho
    changes: list[Change]


class PeriodWrite(BaseModel):
    start: str = Field(description="Reduced ISO 8601 date.", examples=["2024-03-07"])
    end: str | None = Field(default=None, description="Exclusive end; with end_status closed.")
    end_status: EndStatus = EndStatus.OPEN
    earliest_start: str | None = Field(
        default=None,
        description=(
            "Only when the joining day is not recorded and `start` is the day by which it had "
            "begun: the earliest day it may have begun (before `start`)."
        ),
    )
    signed: str | None = Field(
        default=None,
        description=(
            "Only when the member signed the instrument that bound it before it was bound: the "
            "day of its signature (before `start`); a signatory in between, not a member."
        ),
    )


class ParticipationWrite(BaseModel):
    status: str = Field(examples=["frozen"])
    start: str = Field(examples=["2024-02"])
    end: str | None = None
    notes: str | None = Field(default=None, max_length=4000)
    sources: list[RecordId] = Field(min_length=1, description="Source ids.")


class MembershipWrite(MembershipDetails):
    """A new membership period: the same fields as a read, with ids for sources and events."""

    organization: str = Field(max_length=60, examples=["nato"])
    state: str = Field(max_length=100, description="Any state code or name.", examples=["SWE"])
    role: Role = Role.MEMBER
    founding: bool = False
    period: PeriodWrite
    start_event: RecordId | None = Field(default=None, description="Event id.")
    end_event: RecordId | None = Field(default=None, description="Event id.")
    participation_changes: list[ParticipationWrite] = Field(default_factory=list)
    sources: list[RecordId] = Field(min_length=1, description="Source ids (at least one).")
    reason: str | None = Field(default=None, max_length=2000, description="Why; kept in the audit.")


class MembershipPatch(MembershipDetails):
    """Fields to change; absent fields stay as they are (a detail sent as null is cleared)."""

    role: Role | None = None
    founding: bool | None = None
    period: PeriodWrite | None = None
    start_event: RecordId | None = None
    end_event: RecordId | None = None
    participation_changes: list[ParticipationWrite] | None = None
    sources: list[RecordId] | None = Field(default=None, min_length=1)
    reason: str | None = Field(default=None, max_length=2000)


class MembershipEnd(BaseModel):
    end: str = Field(
        description="Exclusive end: the first day no longer a member.", examples=["2026-03-01"]
    )
    end_event: RecordId | None = None
    reason: str | None = Field(default=None, max_length=2000)


class MembershipPublic(MembershipFacts):
    """One membership period, as stored."""

    id: int
    version: int = Field(description="Bumped by every change; the ETag carries it.")
    organization: OrganizationRef
    state: StateRef
