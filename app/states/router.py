"""Routes for states and their memberships."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response, status

from app.audit.recorder import audited, give_reason
from app.auth.deps import WriterDep
from app.charts import service as charts
from app.core.concurrency import IfMatch, expected_version, tag
from app.core.db import SessionDep, WriteSessionDep
from app.core.errors import problem_responses
from app.core.links import location
from app.core.pagination import CursorParam, LimitParam, decode_cursor, encode_cursor, link_next
from app.core.timequery import ChartAtParam, chart_day
from app.exports.formats import Format, FormatDep, respond
from app.models import EntityKind
from app.states import repository, service, writes
from app.states.deps import StateDep
from app.states.schemas import (
    StateList,
    StatePatch,
    StatePublic,
    StateWrite,
)
from app.states.service import resolve_state

router = APIRouter(prefix="/states", tags=["states"], responses=problem_responses(300, 404, 422))


@router.get("", response_model=StateList)
def list_states(
    request: Request,
    session: SessionDep,
    former: Annotated[
        bool | None,
        Query(
            description="`true`: only former states; `false`: only current ones.", examples=[True]
        ),
    ] = None,
    kind: Annotated[
        EntityKind | None,
        Query(
            description=(
                "Only members of this kind: `state`, `territory`, `partially_recognised` or "
                "`organization`."
            ),
            examples=["partially_recognised"],
        ),
    ] = None,
    limit: LimitParam = 100,
    cursor: CursorParam = None,
    fmt: FormatDep = Format.JSON,
) -> Response:
    """States, current and former, and the other kinds of member, ordered by code; as JSON, or
    as a CSV or NDJSON table (`format=` or `Accept`)."""
    rows = repository.list_states(
        session, after=decode_cursor(cursor), limit=limit + 1, former=former, kind=kind
    )
    page = rows[:limit]
    next_cursor = encode_cursor(page[-1].code) if len(rows) > limit else None
    answer = StateList(items=[service.summary(s) for s in page], next_cursor=next_cursor)
    response = respond(answer, fmt, answer.items, filename="states")
    link_next(request, response, next_cursor)
    return response


@router.post(
    "",
    response_model=StatePublic,
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(401, 403),
)
def create_state(
    session: WriteSessionDep, key: WriterDep, body: StateWrite, request: Request, response: Response
) -> StatePublic:
    """Add a state record (write key), e.g. a former state a history needs."""
    audited(session, actor=key.name, reason=body.reason)
    state = writes.create(session, body)
    session.commit()
    response.headers["Location"] = location(request, "read_state", code=state.code)
    tag(response, session, state.version)
    return service.detail(session, state)


@router.patch(
    "/{code}", response_model=StatePublic, responses=problem_responses(401, 403, 412, 428)
)
def update_state(
    session: WriteSessionDep,
    key: WriterDep,
    body: StatePatch,
    code: Annotated[str, Path(max_length=3, description="ISO alpha-3 code.", examples=["SUN"])],
    response: Response,
    if_match: IfMatch = None,
) -> StatePublic:
    """Change a state record (write key, `If-Match`)."""
    seen = expected_version(if_match)
    audited(session, actor=key.name, reason=body.reason)
    state = writes.update(session, resolve_state(session, identifier=code), body, seen=seen)
    session.commit()
    tag(response, session, state.version)
    return service.detail(session, state)


@router.delete(
    "/{code}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(401, 403, 412, 428),
)
def delete_state(
    session: WriteSessionDep,
    key: WriterDep,
    code: Annotated[str, Path(max_length=3, description="ISO alpha-3 code.", examples=["SUN"])],
    reason: Annotated[
        str, Query(min_length=1, max_length=2000, description="Why.", examples=["Duplicate"])
    ],
    if_match: IfMatch = None,
) -> Response:
    """Delete a state record nothing refers to (write key, `If-Match`, reason)."""
    seen = expected_version(if_match)
    audited(session, actor=key.name)
    give_reason(session, reason)
    writes.delete(session, resolve_state(session, identifier=code), seen=seen)
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/{code}", response_model=StatePublic)
def read_state(session: SessionDep, state: StateDep, response: Response) -> StatePublic:
    """One state: codes, names, existence period, identifiers and sources."""
    tag(response, session, state.version)
    return service.detail(session, state)


@router.get(
    "/{code}/timeline.svg",
    response_class=Response,
    responses={200: {"content": {"image/svg+xml": {}}, "description": "An SVG chart."}},
)
def read_state_chart(session: SessionDep, state: StateDep, at: ChartAtParam = None) -> Response:
    """A chart: one bar per organisation the state has belonged to, by role and participation."""
    return Response(charts.state_chart(session, state, chart_day(at)), media_type="image/svg+xml")
