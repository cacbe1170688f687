"""Routes for one membership period: read; with a write key, create, change, end, delete."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response, status

from app.audit.recorder import audited, give_reason
from app.auth.deps import WriterDep
from app.core.concurrency import IfMatch, expected_version, tag
from app.core.db import SessionDep, WriteSessionDep
from app.core.errors import problem_responses
from app.core.ids import MAX_ID
from app.memberships import writes
from app.memberships.schemas import (
    MembershipEnd,
    MembershipPatch,
    MembershipPublic,
    MembershipWrite,
)

router = APIRouter(
    prefix="/memberships",
    tags=["memberships"],
    responses=problem_responses(401, 403, 404, 412, 422, 428),
)

MembershipId = Annotated[int, Path(ge=1, le=MAX_ID, description="Membership id.", examples=[1])]
Reason = Annotated[
    str,
    Query(
        min_length=1, max_length=2000, description="Why it is deleted.", examples=["Entered twice"]
    ),
]


@router.get("/{membership_id}", response_model=MembershipPublic)
def read_membership(
    session: SessionDep, response: Response, membership_id: MembershipId
) -> MembershipPublic:
    """One membership period with its sources; its ETag is what `If-Match` takes."""
    m = writes.read(session, membership_id=membership_id)
    tag(response, session, m.version)
    return writes.public(session, m)


@router.post("", response_model=MembershipPublic, status_code=status.HTTP_201_CREATED)
def create_membership(
    session: WriteSessionDep,
    key: WriterDep,
    body: MembershipWrite,
    request: Request,
    response: Response,
) -> MembershipPublic:
    """Add a membership period (write key). Refused with 422 if it breaks a rule of the data."""
    audited(session, actor=key.name, reason=body.reason)
    m = writes.create(session, body)
    session.commit()
    response.headers["Location"] = str(request.url_for("read_membership", membership_id=m.id))
    tag(response, session, m.version)
    return writes.public(session, m)


@router.patch("/{membership_id}", response_model=MembershipPublic)
def update_membership(
    session: WriteSessionDep,
    key: WriterDep,
    body: MembershipPatch,
    membership_id: MembershipId,
    response: Response,
    if_match: IfMatch = None,
) -> MembershipPublic:
    """Change a membership period (write key, `If-Match`); a stale ETag gets 412."""
    seen = expected_version(if_match)
    audited(session, actor=key.name, reason=body.reason)
    m = writes.update(session, writes.read(session, membership_id=membership_id), body, seen=seen)
    session.commit()
    tag(response, session, m.version)
    return writes.public(session, m)


@router.post("/{membership_id}/end", response_model=MembershipPublic)
def end_membership(
    session: WriteSessionDep,
    key: WriterDep,
    body: MembershipEnd,
    membership_id: MembershipId,
    response: Response,
    if_match: IfMatch = None,
) -> MembershipPublic:
    """End an open period on a date (write key, `If-Match`)."""
    seen = expected_version(if_match)
    audited(session, actor=key.name, reason=body.reason)
    m = writes.end(session, writes.read(session, membership_id=membership_id), body, seen=seen)
    session.commit()
    tag(response, session, m.version)
    return writes.public(session, m)


@router.delete("/{membership_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_membership(
    session: WriteSessionDep,
    key: WriterDep,
    membership_id: MembershipId,
    reason: Reason,
    if_match: IfMatch = None,
) -> Response:
    """Delete a membership period with a reason (write key, `If-Match`)."""
    seen = expected_version(if_match)
    audited(session, actor=key.name)
    give_reason(session, reason)
    writes.delete(session, writes.read(session, membership_id=membership_id), seen=seen)
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)
