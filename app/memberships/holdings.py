"""A state's memberships in every organisation, read from compiled organisations.

``Holdings`` lists, per state, its memberships as (organisation, membership) numbers in the
order of the answer: by organisation slug, then by start. A page of the answer walks that list
from a position (the cursor) and builds each membership that touches the question.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from sqlalchemy import Connection

from app.core.errors import InvalidParameter
from app.core.pagination import decode_cursor, encode_cursor
from app.core.timequery import QueryEcho
from app.memberships import repository
from app.memberships.answers import facts, judged
from app.memberships.compiled import CompiledOrganization, compile_organizations
from app.memberships.schemas import StateMembership, StateMemberships
from app.states.schemas import StateRef
from app.temporal import Certainty, TimeQuery, judge_one

PAGE = 100  # memberships in a page unless asked for another ``limit``


@dataclass(frozen=True, slots=True)
class Listed:
    """One state's memberships in answer order: organisation number, membership index, and the
    membership's earliest start and latest end (to pass over those that cannot touch a span)."""

    organizations: array[int] = field(default_factory=lambda: array("i"))
    memberships: array[int] = field(default_factory=lambda: array("i"))
    lows: array[int] = field(default_factory=lambda: array("i"))
    highs: array[int] = field(default_factory=lambda: array("i"))


EMPTY = Listed()


@dataclass(frozen=True)
class Holdings:
    organizations: list[CompiledOrganization]  # by slug
    by_state: dict[int, Listed]  # state id -> its memberships
    states: dict[str, int]  # code -> id

    @classmethod
    def of(cls, compiled: Iterable[CompiledOrganization]) -> Holdings:
        organizations = sorted(compiled, key=lambda c: c.slug)
        by_state: dict[int, Listed] = {}
        for number, org in enumerate(organizations):
            for i in org.by_start:
                listed = by_state.setdefault(org.state_of(i), Listed())
                listed.organizations.append(number)
                listed.memberships.append(i)
                listed.lows.append(org.s_lo[i])
                listed.highs.append(org.e_hi[i])
        states = organizations[0].catalog.codes if organizations else {}
        return cls(organizations, by_state, states)

    @cached_property
    def _breakpoints(self) -> dict[int, array[int]]:
        return {}

    def breakpoints(self, state_id: int) -> array[int]:
        """Every day on which an answer about this state may change, sorted."""
        found = self._breakpoints.get(state_id)
        if found is None:
            listed = self.by_state.get(state_id, EMPTY)
            numbers = set(listed.organizations)
            days = {b for n in numbers for b in self.organizations[n].breakpoints}
            found = self._breakpoints[state_id] = array("i", sorted(days))
        return found


def of_state(connection: Connection, state_id: int, organization_id: int | None = None) -> Holdings:
    """The holdings of the organisations in which the state has any membership (or of one of
    them), compiled now."""
    if organization_id is None:
        ids = repository.organizations_of_state(connection, state_id)
    else:
        ids = [organization_id]
    return Holdings.of(compile_organizations(connection, ids).values())


@dataclass(frozen=True)
class Page:
    answer: StateMemberships
    next_position: int | None  # where the next page starts, if there is one


def answer(
    holdings: Holdings,
    state_id: int,
    query: TimeQuery | None,
    *,
    day: date,
    state: StateRef | None = None,
    organization: str | None = None,
    start: int = 0,
    limit: int | None = None,
) -> Page:
    """The memberships of one state touching ``query`` (all without; organisations named as on
    ``day``), from position ``start`` of its list, at most ``limit`` of them."""
    found: list[StateMembership] = []
    next_position = None
    named = query.span.last if query else day
    for position, org, i in _touching(holdings, state_id, query, organization, start):
        verdict, reason = None, None
        if query is not None:
            bounds = org.bounds(i)
            verdict = judge_one(bounds, *query.span.ordinals(), query.mode)
            if verdict is Certainty.NO:
                continue
            reason = judged(verdict, [bounds], query)
        if limit is not None and len(found) == limit:
            next_position = position
            break
        found.append(
            StateMembership.model_construct(
                **facts(org, i, query),
                organization=org.reference(named),
                certainty=verdict,
                reason=reason,
            )
        )
    if state is None:
        state = holdings.organizations[0].catalog.states[state_id]
    cursor = None if next_position is None else encode_cursor(str(next_position))
    body = StateMemberships.model_construct(
        state=state,
        query=QueryEcho.of(query) if query else None,
        memberships=found,
        next_cursor=cursor,
    )
    return Page(body, next_position)


def _touching(
    holdings: Holdings,
    state_id: int,
    query: TimeQuery | None,
    organization: str | None,
    start: int,
) -> Iterator[tuple[int, CompiledOrganization, int]]:
    """(position, organisation, membership) of the state's list from ``start`` whose period may
    hold a day of ``query`` (all without), in ``organization`` if one is named."""
    listed = holdings.by_state.get(state_id, EMPTY)
    first, after = query.span.ordinals() if query else (0, 0)
    for position in range(max(start, 0), len(listed.memberships)):
        if query is not None and not (
            listed.lows[position] < after and first < listed.highs[position]
        ):
            continue
        org = holdings.organizations[listed.organizations[position]]
        if organization is None or org.slug == organization:
            yield position, org, listed.memberships[position]


def position(cursor: str | None) -> int:
    """Where a page starts in the state's list: 0, or the position a cursor holds."""
    after = decode_cursor(cursor)
    if after is None:
        return 0
    if not after.isdigit() or len(after) > 9:
        raise InvalidParameter(
            f"cursor: {cursor!r} is not a cursor from this API", parameter="cursor"
        )
    return int(after)
