"""Explanation schemas: how one answer was reached."""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.core.timequery import QueryEcho
from app.memberships.schemas import PeriodPublic
from app.organizations.schemas import EventRef, OrganizationRef
from app.sources.schemas import SourcePublic
from app.states.schemas import StateRef
from app.temporal import Certainty


class PeriodTrace(BaseModel):
    role: str
    period: PeriodPublic
    verdict: Certainty = Field(description="This period alone, for the question.")
    reason: str | None = None
    precision: str = Field(description="How precisely the bounds are known, and what follows.")
    participation: list[str]
    start_event: EventRef | None = None
    end_event: EventRef | None = None
    notes: str | None = None
    sources: list[SourcePublic]


class Explanation(BaseModel):
    organization: OrganizationRef
    state: StateRef
    query: QueryEcho
    certainty: Certainty = Field(description="The answer: all periods in a role together.")
    reason: str | None = None
    rule: str = Field(description="The time rule applied.")
    periods: list[PeriodTrace]
    events: list[EventRef] = Field(description="The organisation's events naming the state.")
    sources: list[SourcePublic]
