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

from app.core.timequery import QueryEcho
from app.memberships.compiled import CompiledOrganization, dumps, state_membership_json
from app.models import Membership
from app.organizations.service import today
from app.temporal import TimeQuery


@dataclass(frozen=True)
class Holdings:
    organizations: list[CompiledOrganization]  # by slug
    by_state: dict[int, tuple[array[int], array[int]]]  # state id -> (organisations, memberships)

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
        return cls(organizations, by_state)


def organizations_of_state(connection: Connection, state_id: int) -> list[int]:
    """The ids of the organisations in which the state has any membership."""
    m = Membership.__table__.c  # type: ignore[attr-defined]
    query = select(m.organization_id).where(m.state_id == state_id).distinct()
    return sorted(connection.execute(query).scalars())


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
    found: list[str] = []
    for position in range(start, len(orgs)):
        org = holdings.organizations[orgs[position]]
        if organization is not None and org.slug != organization:
            continue
        text = state_membership_json(org, memberships[position], query, day)
        if text is None:
            continue
        if limit is not None and len(found) == limit:
            return Page(found, position)
        found.append(text)
    return Page(found, None)


def answer_json(state: str, query: TimeQuery | None, found: Page, next_cursor: str | None) -> bytes:
    """The ``StateMemberships`` JSON; ``state`` is the ``StateRef`` JSON."""
    echo = dumps(QueryEcho.of(query).model_dump(mode="json")) if query else "null"
    cursor = dumps(next_cursor)
    return (
        f'{{"state":{state},"query":{echo},"memberships":[{",".join(found.texts)}],'
        f'"next_cursor":{cursor}}}'
    ).encode()
