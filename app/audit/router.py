"""The changes feed (what changed, by whom, why) and the dataset's current release."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from app.audit import repository
from app.audit.schemas import ChangeFeed, ChangePublic, Counts, Meta
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.pagination import CursorParam, LimitParam, decode_cursor, encode_cursor, link_next
from app.exports.formats import Format, FormatDep, table
from app.organizations.service import resolve_organization

router = APIRouter(tags=["changes"], responses=problem_responses(404, 422))


@router.get("/changes", response_model=ChangeFeed)
def list_changes(
    request: Request,
    response: Response,
    session: SessionDep,
    organization: Annotated[
        str | None,
        Query(
            max_length=60,
            description=("Only changes to this organisation's own records (slug)."),
            examples=["csto"],
        ),
    ] = None,
    limit: LimitParam = 100,
    cursor: CursorParam = None,
    fmt: FormatDep = Format.JSON,
) -> ChangeFeed | Response:
    """Every change in commit order, with the row before and after: a feed to stay in sync."""
    org = resolve_organization(session, slug=organization) if organization else None
    after_text = decode_cursor(cursor)
    after = int(after_text) if after_text and after_text.isdigit() else 0
    rows = repository.feed(
        session, after=after, limit=limit + 1, organization_id=org.id if org else None
    )
    slugs = repository.slugs(session)
    items = [
        ChangePublic(
            id=e.id or 0,
            release=r.id or 0,
            at=r.at,
            actor=r.actor,
            reason=r.reason,
            action=e.action,
            table=e.table_name,
            row_id=e.row_id,
            organization=slugs.get(e.organization_id or 0),
            before=json.loads(e.before) if e.before else None,
            after=json.loads(e.after) if e.after else None,
        )
        for e, r in rows[:limit]
    ]
    next_cursor = encode_cursor(str(items[-1].id)) if len(rows) > limit else None
    link_next(request, response, next_cursor)
    answer = ChangeFeed(items=items, next_cursor=next_cursor)
    if fmt is not Format.JSON:
        return table(answer.items, fmt, filename="changes")
    return answer


@router.get("/meta", response_model=Meta)
def read_meta(session: SessionDep) -> Meta:
    """The dataset's release (it changes on every write), when it was made, and counts."""
    release = repository.latest(session)
    return Meta(
        release=release.id or 0 if release else 0,
        released_at=release.at if release else None,
        counts=Counts(**repository.counts(session)),
    )
