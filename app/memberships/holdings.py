"""A state's memberships in every organisation, read from compiled organisations.

``Holdings`` lists, per state, its memberships as (organisation, membership) numbers in the
order of the answer: by organisation slug, then by start. A page of the answer walks that list
from a position (the cursor) and renders each membership that touches the question
(``compiled.state_membership_json``).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, select

from app.core.errors import InvalidParameter
from app.core.pagination import decode_cursor, encode_cursor
from app.core.timequery import QueryEcho
from app.memberships.compiled import CompiledOrganization, dumps, state_membership_json
from app.memberships.compiling import compile_organizations
from app.models import Membership
from app.organizations.service import today
from app.temporal import TimeQuery

PAGE = 100  # memberships in a page unless asked for another ``limit``


@dataclass(frozen=True)
class Holdings:
    organizations: list[CompiledOrganization]  # by slug
    by_state: dict[int, tuple[array[int], array[int]]]  # state id -> (organisations, memberships)
    states: dict[str, tuple[int, str]]  # code -> (id, StateRef JSON)

    @classmethod
    def of(cls, compiled: Iterable[CompiledOrganization]) -> Holdings:
        organizations = sorted(compiled, key=lambda c: c.slug)
        by_state: dict[int, tuple[array[int], array[int]]] = {}
        for number, org in enumerate(organizations):
            for i in org.by_start:
                state = org.state_of(i)
                if state not in by_state:
                    by_state[state] = (array("i"), array("i"))
                orgs, memberships = by_state[state]
                orgs.append(number)
                memberships.append(i)
        states = {}
        if organizations:
            catalog = organizations[0].catalog  # one catalog for all compiled together
            states = {code: (i, catalog.states[i]) for code, i in catalog.codes.items()}
        return cls(organizations, by_state, states)


def of_state(connection: Connection, state_id: int, organization_id: int | None = None) -> Holdings:
    """The holdings of the organisations in which the state has any membership (or of one of
    them), compiled now."""
    if organization_id is None:
        m = Membership.__table__.c  # type: ignore[attr-defined]
        query = select(m.organization_id).where(m.state_id == state_id).distinct()
        ids = sorted(connection.execute(query).scalars())
    else:
        ids = [organization_id]
    return Holdings.of(compile_organizations(connection, ids).values())


@dataclass(frozen=True)
class Page:
    texts: list[str]
    next_position: int | None  # where the next page starts, if there is one


def page(
    holdings: Holdings,
    state_id: int,
    query: TimeQuery | None,
    *,
    organization: str | None = None,
    start: int = 0,
    limit: int | None = None,
) -> Page:
    """The memberships of one state touching ``query`` (all without), from position ``start``
    of its list, at most ``limit`` of them."""
    orgs, memberships = holdings.by_state.get(state_id, (array("i"), array("i")))
    day = query.span.last if query else today()
    first, after = query.span.ordinals() if query else (0, 0)
    found: list[str] = []
    for position in range(start, len(orgs)):
        org = holdings.organizations[orgs[position]]
        if organization is not None and org.slug != organization:
            continue
        i = memberships[position]
        if query is not None and not (org.s_lo[i] < after and first < org.e_hi[i]):
            continue  # it cannot touch the question (``touches``): no need to judge it
        text = state_membership_json(org, i, query, day)
        if text is None:
            continue
        if limit is not None and len(found) == limit:
            return Page(found, position)
        found.append(text)
    return Page(found, None)


def answer(
    holdings: Holdings,
    state_id: int,
    state: str,
    query: TimeQuery | None,
    *,
    organization: str | None = None,
    start: int = 0,
    limit: int | None = None,
) -> tuple[bytes, str | None]:
    """The ``StateMemberships`` JSON of one page (``state`` is the ``StateRef`` JSON), and the
    cursor of the next page if there is one."""
    found = page(holdings, state_id, query, organization=organization, start=start, limit=limit)
    cursor = None if found.next_position is None else encode_cursor(str(found.next_position))
    echo = dumps(QueryEcho.of(query).model_dump(mode="json")) if query else "null"
    body = (
        f'{{"state":{state},"query":{echo},"memberships":[{",".join(found.texts)}],'
        f'"next_cursor":{dumps(cursor)}}}'
    )
    return body.encode(), cursor


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
