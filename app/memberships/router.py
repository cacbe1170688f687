"""Routes for memberships: who was a member of an organisation, a state's memberships, the
changes and the timeline (each answered by one entry point, through ``app.memberships.store``),
and one membership period: read; with a write key, create, change, end, delete."""

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
from app.core.pagination import CursorParam, LimitParam, link_next
from app.core.timequery import OptionalTimeQueryDep, TimeQueryDep, window
from app.exports.formats import Format, FormatDep, respond
from app.memberships import answers, holdings, writes
from app.memberships.schemas import (
    CertaintyFilter,
    ChangesAnswer,
    MembersAnswer,
    MembersCompact,
    MembershipEnd,
    MembershipPatch,
    MembershipPublic,
    MembershipWrite,
    RoleFilter,
    StateMemberships,
    View,
)
from app.memberships.store import ReaderDep
from app.organizations.schemas import Timeline
from app.states.deps import CodePath

router = APIRouter(responses=problem_responses(300, 404, 422))
WRITES = problem_responses(401, 403, 412, 428)

MembershipId = Annotated[int, Path(ge=1, le=MAX_ID, description="Membership id.", examples=[1])]
Reason = Annotated[
    str,
    Query(
        min_length=1, max_length=2000, description="Why it is deleted.", examples=["Entered twice"]
    ),
]


@router.get("/memberships/{membership_id}", response_model=MembershipPublic, tags=["memberships"])
def read_membership(
    session: SessionDep, response: Response, membership_id: MembershipId
) -> MembershipPublic:
    """One membership period with its sources; its ETag is what `If-Match` takes."""
    m = writes.read(session, membership_id=membership_id)
    tag(response, session, m.version)
    return writes.public(session, m)


@router.post(
    "/memberships",
    response_model=MembershipPublic,
    status_code=status.HTTP_201_CREATED,
    tags=["memberships"],
    responses=WRITES,
)
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
    response.headers["Location"] = location(request, "read_membership", membership_id=m.id)
    tag(response, session, m.version)
    return writes.public(session, m)


@router.patch(
    "/memberships/{membership_id}",
    response_model=MembershipPublic,
    tags=["memberships"],
    responses=WRITES,
)
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


@router.post(
    "/memberships/{membership_id}/end",
    response_model=MembershipPublic,
    tags=["memberships"],
    responses=WRITES,
)
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


@router.delete(
    "/memberships/{membership_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    tags=["memberships"],
    responses=WRITES,
)
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


SlugPath = Annotated[str, Path(max_length=60, description="Organisation slug.", examples=["csto"])]
RoleQuery = Annotated[
    RoleFilter,
    Query(
        description=(
            "Which role: `member` (full members, the default), `associate_member`, `observer`, "
            "`partner`, or `any`."
        ),
        examples=["member"],
    ),
]
CertaintyQuery = Annotated[
    CertaintyFilter,
    Query(
        description=(
            "`possible` (the default) returns certain and possible members; `certain` only the "
            "certain ones."
        ),
        examples=["possible"],
    ),
]
ViewQuery = Annotated[
    View,
    Query(
        description=(
            "`full` (the default): every fact with its sources and notes; `compact`: each member "
            "as one flat record (code, name, kind, role, start, end, certainty, participation)."
        ),
        examples=["compact"],
    ),
]
LineageQuery = Annotated[
    bool,
    Query(
        description=(
            "Answer through the organisation's predecessors and successors where it did not "
            "exist: each member of another body names it (`organization`)."
        ),
        examples=[True],
    ),
]
FromQuery = Annotated[
    str,
    Query(
        alias="from",
        max_length=10,
        description="First day of the window (a reduced date means its earliest day).",
        examples=["1999"],
    ),
]
ToQuery = Annotated[
    str | None,
    Query(
        alias="to",
        max_length=10,
        description=(
            "Last day of the window, inclusive (a reduced date means its latest day); "
            "default: the same as `from`."
        ),
        examples=["2002"],
    ),
]


@router.get(
    "/organizations/{slug}/members",
    response_model=MembersAnswer | MembersCompact,
    tags=["organizations"],
)
async def list_members(
    reader: ReaderDep,
    slug: SlugPath,
    query: TimeQueryDep,
    role: RoleQuery = RoleFilter.MEMBER,
    certainty: CertaintyQuery = CertaintyFilter.POSSIBLE,
    lineage: LineageQuery = False,
    view: ViewQuery = View.FULL,
    fmt: FormatDep = Format.JSON,
) -> Response:
    """Who was a member at a day (`at`) or in a span (`during` + `mode`), and how certainly.

    With neither `at` nor `during`, the question is about today (UTC). Each member says how
    certain its membership is and, when only possible, why; `certainty=certain` drops the
    possible ones. `existence` says whether the organisation existed then (no body has members
    before its founding or after its dissolution) and which predecessor or successor did;
    `lineage=true` lists their members too (`members?at=1975&lineage=true` of the EU: the
    European Communities' nine).
    """
    organization = await reader.organization(slug)
    answer = await reader.members(organization, query, role, certainty, lineage)
    if view is View.COMPACT:
        brief = answers.compact(answer)
        return respond(brief, fmt, brief.members, filename=f"{organization.slug}-members")
    return respond(answer, fmt, answer.members, filename=f"{organization.slug}-members")


@router.get("/organizations/{slug}/changes", response_model=ChangesAnswer, tags=["organizations"])
async def list_changes(
    reader: ReaderDep,
    slug: SlugPath,
    start: FromQuery,
    end: ToQuery = None,
    fmt: FormatDep = Format.JSON,
) -> Response:
    """Who joined, left, changed role or participation between two dates."""
    span = window(start, end)
    organization = await reader.organization(slug)
    answer = reader.changes(organization, span)
    return respond(answer, fmt, answer.changes, filename=f"{organization.slug}-changes")


@router.get("/organizations/{slug}/timeline", response_model=Timeline, tags=["organizations"])
async def read_timeline(
    reader: ReaderDep, slug: SlugPath, fmt: FormatDep = Format.JSON
) -> Response:
    """Events and membership changes, in date order."""
    organization = await reader.organization(slug)
    answer = reader.timeline(organization)
    return respond(answer, fmt, answer.entries, filename=f"{organization.slug}-timeline")


@router.get("/states/{code}/memberships", response_model=StateMemberships, tags=["states"])
async def list_state_memberships(
    request: Request,
    reader: ReaderDep,
    code: CodePath,
    query: OptionalTimeQueryDep,
    organization: Annotated[
        str | None,
        Query(
            max_length=60,
            description="Only memberships of this organisation (slug).",
            examples=["csto"],
        ),
    ] = None,
    fmt: FormatDep = Format.JSON,
    limit: LimitParam = holdings.PAGE,
    cursor: CursorParam = None,
) -> Response:
    """A state's memberships in every organisation, optionally at a day or in a span, by
    organisation and start, a page at a time."""
    start = holdings.position(cursor)
    state_id, state = await reader.state(code)
    org = await reader.organization(organization) if organization else None
    held = await reader.holdings(state_id, org)
    slug = org.slug if org else None
    page = reader.state_page(
        held, state_id, state, query, organization=slug, start=start, limit=limit
    )
    answer = page.answer
    response = respond(answer, fmt, answer.memberships, filename=f"{state.code}-memberships")
    link_next(request, response, answer.next_cursor)
    return response
