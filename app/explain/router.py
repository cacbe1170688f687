"""The route that shows how one answer was reached."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.timequery import TimeQueryDep
from app.explain.schemas import Explanation
from app.explain.service import explain
from app.organizations.service import resolve_organization
from app.states.service import resolve_state

router = APIRouter(tags=["explain"], responses=problem_responses(300, 404, 422))


@router.get("/explain", response_model=Explanation)
def read_explanation(
    session: SessionDep,
    query: TimeQueryDep,
    organization: Annotated[
        str, Query(max_length=60, description="Organisation slug.", examples=["csto"])
    ],
    state: Annotated[
        str, Query(max_length=100, description="Any state code or name.", examples=["UZB"])
    ],
) -> Explanation:
    """The trace of one answer: the periods considered, the precision, the events and sources."""
    org = resolve_organization(session, slug=organization)
    found = resolve_state(session, identifier=state, parameter="state")
    return explain(session, org, found, query)
