"""Routes for sources: read; with a write key, create, change, delete."""

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
from app.sources import writes
from app.sources.schemas import SourcePatch, SourcePublic, SourceWrite

router = APIRouter(
    prefix="/sources", tags=["sources"], responses=problem_responses(401, 403, 404, 412, 422, 428)
)

SourceId = Annotated[int, Path(ge=1, le=MAX_ID, description="Source id.", examples=[1])]


@router.get("/{source_id}", response_model=SourcePublic)
def read_source(session: SessionDep, response: Response, source_id: SourceId) -> SourcePublic:
    """One source: title, publisher, address or citation, and the day it was checked."""
    source = writes.read(session, source_id=source_id)
    tag(response, session, source.version)
    return SourcePublic.model_validate(source)


@router.post("", response_model=SourcePublic, status_code=status.HTTP_201_CREATED)
def create_source(
    session: WriteSessionDep,
    key: WriterDep,
    body: SourceWrite,
    request: Request,
    response: Response,
) -> SourcePublic:
    """Add a source (write key), to cite it from memberships and events."""
    audited(session, actor=key.name, reason=body.reason)
    source = writes.create(session, body)
    session.commit()
    response.headers["Location"] = location(request, "read_source", source_id=source.id)
    tag(response, session, source.version)
    return SourcePublic.model_validate(source)


@router.patch("/{source_id}", response_model=SourcePublic)
def update_source(
    session: WriteSessionDep,
    key: WriterDep,
    body: SourcePatch,
    source_id: SourceId,
    response: Response,
    if_match: IfMatch = None,
) -> SourcePublic:
    """Change a source (write key, `If-Match`)."""
    seen = expected_version(if_match)
    audited(session, actor=key.name, reason=body.reason)
    source = writes.update(session, writes.read(session, source_id=source_id), body, seen=seen)
    session.commit()
    tag(response, session, source.version)
    return SourcePublic.model_validate(source)


@router.delete("/{source_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_source(
    session: WriteSessionDep,
    key: WriterDep,
    source_id: SourceId,
    reason: Annotated[
        str, Query(min_length=1, max_length=2000, description="Why.", examples=["Duplicate"])
    ],
    if_match: IfMatch = None,
) -> Response:
    """Delete a source no record cites any more (write key, `If-Match`, reason)."""
    seen = expected_version(if_match)
    audited(session, actor=key.name)
    give_reason(session, reason)
    writes.delete(session, writes.read(session, source_id=source_id), seen=seen)
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)
