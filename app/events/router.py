"""Routes for single events: read; with a write key, create, change, delete."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response, status

from app.audit.recorder import audited, give_reason
from app.auth.deps import WriterDep
from app.core.concurrency import IfMatch, expected_version, tag
from app.core.db import SessionDep, WriteSessionDep
from app.core.errors import problem_responses
from app.core.ids import MAX_ID
from app.core.links import location
from app.events import writes
from app.organizations.schemas import EventPatch, EventPublic, EventWrite

router = APIRouter(
    prefix="/events",
    tags=["events"],
    responses=problem_responses(300, 401, 403, 404, 412, 422, 428),
)

EventId = Annotated[int, Path(ge=1, le=MAX_ID, description="Event id.", examples=[1])]


@router.get("/{event_id}", response_model=EventPublic)
def read_event(session: SessionDep, response: Response, event_id: EventId) -> EventPublic:
    """One event with its states and sources."""
    event = writes.read(session, event_id=event_id)
    tag(response, session, event.version)
    return writes.public(session, event)


@router.post("", response_model=EventPublic, status_code=status.HTTP_201_CREATED)
def create_event(
    session: WriteSessionDep, key: WriterDep, body: EventWrite, request: Request, response: Response
) -> EventPublic:
    """Add an event to an organisation's history (write key)."""
    audited(session, actor=key.name, reason=body.reason)
    event = writes.create(session, body)
    session.commit()
    response.headers["Location"] = location(request, "read_event", event_id=event.id)
    tag(response, session, event.version)
    return writes.public(session, event)


@router.patch("/{event_id}", response_model=EventPublic)
def update_event(
    session: WriteSessionDep,
    key: WriterDep,
    body: EventPatch,
    event_id: EventId,
    response: Response,
    if_match: IfMatch = None,
) -> EventPublic:
    """Change an event (write key, `If-Match`)."""
    seen = expected_version(if_match)
    audited(session, actor=key.name, reason=body.reason)
    event = writes.update(session, writes.read(session, event_id=event_id), body, seen=seen)
    session.commit()
    tag(response, session, event.version)
    return writes.public(session, event)


@router.delete("/{event_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_event(
    session: WriteSessionDep,
    key: WriterDep,
    event_id: EventId,
    reason: Annotated[
        str, Query(min_length=1, max_length=2000, description="Why.", examples=["Duplicate"])
    ],
    if_match: IfMatch = None,
) -> Response:
    """Delete an event with a reason (write key, `If-Match`)."""
    seen = expected_version(if_match)
    audited(session, actor=key.name)
    give_reason(session, reason)
    writes.delete(session, writes.read(session, event_id=event_id), seen=seen)
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)
