"""Routes for states and their memberships."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.pagination import CursorParam, LimitParam, decode_cursor, encode_cursor, link_next
from app.core.timequery import OptionalTimeQueryDep
from app.memberships.answers import state_memberships_answer
from app.memberships.schemas import StateMemberships
from app.models import State
from app.organizations.service import resolve_organization
from app.states import repository, service
from app.states.schemas import (
    StateList,
    StatePublic,
)
from app.states.service import resolve_state

router = APIRouter(prefix="/states", tags=["states"], responses=problem_responses(404, 422))


def valid_state(
    session: SessionDep,
    code: Annotated[
        str,
        Path(
            max_length=100,
            description=(
                "ISO 3166-1 alpha-2 or alpha-3, ISO 3166-3 (former states), COW ccode, "
                "Wikidata QID, "
                "or an unambiguous name in any recorded language."
            ),
            examples=["ARM"],
        ),
    ],
) -> State:
    return resolve_state(session, identifier=code)


StateDep = Annotated[State, Depends(valid_state)]


@router.get("", response_model=StateList)
def list_states(
    request: Request,
    response: Response,
    session: SessionDep,
    former: Annotated[
        bool | None,
        Query(
            description="`true`: only former states; `false`: only current ones.", examples=[True]
        ),
    ] = None,
    limit: LimitParam = 100,
    cursor: CursorParam = None,
) -> StateList:
    """States, current and former, ordered by code."""
    rows = repository.list_states(
        session, after=decode_cursor(cursor), limit=limit + 1, former=former
    )
    page = rows[:limit]
    next_cursor = encode_cursor(page[-1].code) if len(rows) > limit else None
    link_next(request, response, next_cursor)
    return StateList(items=[service.summary(s) for s in page], next_cursor=next_cursor)


@router.get("/{code}", response_model=StatePublic)
def read_state(session: SessionDep, state: StateDep) -> StatePublic:
    """One state: codes, names, existence period, identifiers and sources."""
    return service.detail(session, state)


@router.get("/{code}/memberships", response_model=StateMemberships)
def list_state_memberships(
    session: SessionDep,
    state: StateDep,
    query: OptionalTimeQueryDep,
    organization: Annotated[
        str | None,
        Query(
            max_length=60,
            description=("Only memberships of this organisation (slug)."),
            examples=["csto"],
        ),
    ] = None,
) -> StateMemberships:
    """A state's memberships in every organisation, optionally at a day or in a span."""
    org = resolve_organization(session, slug=organization) if organization else None
    return state_memberships_answer(session, state=state, organization=org, query=query)
