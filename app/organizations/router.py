"""Routes for organisations: the record, its members at a time, its changes and timeline."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response, status

from app.audit.recorder import audited, give_reason
from app.auth.deps import WriterDep
from app.charts import service as charts
from app.core.concurrency import IfMatch, expected_version, tag
from app.core.db import SessionDep, WriteSessionDep
from app.core.errors import problem_responses
from app.core.links import location
from app.core.pagination import CursorParam, LimitParam, decode_cursor, encode_cursor, link_next
from app.core.timequery import ChartAtParam, OptionalTimeQueryDep, chart_day
from app.datasets.reconcile import reconcile
from app.datasets.schemas import Reconciliation
from app.exports.formats import Format, FormatDep, respond
from app.models import Organization
from app.organizations import service, writes
from app.organizations.schemas import (
    OrganizationList,
    OrganizationPatch,
    OrganizationPublic,
    OrganizationWrite,
)

router = APIRouter(
    prefix="/organizations", tags=["organizations"], responses=problem_responses(404, 422)
)


SlugPath = Annotated[str, Path(max_length=60, description="Organisation slug.", examples=["csto"])]


def valid_organization(session: SessionDep, slug: SlugPath) -> Organization:
    return service.resolve_organization(session, slug=slug)


OrganizationDep = Annotated[Organization, Depends(valid_organization)]


@router.get("", response_model=OrganizationList)
def list_organizations(
    request: Request,
    session: SessionDep,
    active: OptionalTimeQueryDep,
    kind: Annotated[
        str | None,
        Query(max_length=40, description="Only this kind.", examples=["military_alliance"]),
    ] = None,
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            description=("Text found in any name or alias, in any language and case."),
            examples=["ОДКБ"],
        ),
    ] = None,
    limit: LimitParam = 100,
    cursor: CursorParam = None,
    fmt: FormatDep = Format.JSON,
) -> Response:
    """Organisations, filtered by kind, by a name or alias, and by existence at `at`/`during`;
    as JSON, or as a CSV or NDJSON table (`format=` or `Accept`)."""
    after = decode_cursor(cursor)
    found = [
        o
        for o in service.search(session, kind=kind, q=q, active=active)
        if after is None or o.slug > after
    ]
    page = found[:limit]
    next_cursor = encode_cursor(page[-1].slug) if len(found) > limit else None
    answer = OrganizationList(items=page, next_cursor=next_cursor)
    response = respond(answer, fmt, answer.items, filename="organizations")
    link_next(request, response, next_cursor)
    return response


@router.get("/{slug}", response_model=OrganizationPublic)
def read_organization(
    session: SessionDep, org: OrganizationDep, response: Response
) -> OrganizationPublic:
    """The organisation: names over time, kind, seat, identifiers, events, links, sources."""
    tag(response, session, org.version)
    return service.detail(session, org)


@router.post(
    "",
    response_model=OrganizationPublic,
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(401, 403),
)
def create_organization(
    session: WriteSessionDep,
    key: WriterDep,
    body: OrganizationWrite,
    request: Request,
    response: Response,
) -> OrganizationPublic:
    """Add an organisation (write key)."""
    audited(session, actor=key.name, reason=body.reason)
    org = writes.create(session, body)
    session.commit()
    response.headers["Location"] = location(request, "read_organization", slug=org.slug)
    tag(response, session, org.version)
    return service.detail(session, org)


@router.patch(
    "/{slug}", response_model=OrganizationPublic, responses=problem_responses(401, 403, 412, 428)
)
def update_organization(
    session: WriteSessionDep,
    key: WriterDep,
    body: OrganizationPatch,
    slug: Annotated[str, Path(max_length=60, description="Slug.", examples=["csto"])],
    response: Response,
    if_match: IfMatch = None,
) -> OrganizationPublic:
    """Change an organisation (write key, `If-Match`)."""
    seen = expected_version(if_match)
    audited(session, actor=key.name, reason=body.reason)
    org = writes.update(session, service.resolve_organization(session, slug=slug), body, seen=seen)
    session.commit()
    tag(response, session, org.version)
    return service.detail(session, org)


@router.delete(
    "/{slug}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(401, 403, 412, 428),
)
def delete_organization(
    session: WriteSessionDep,
    key: WriterDep,
    slug: Annotated[str, Path(max_length=60, description="Slug.", examples=["csto"])],
    reason: Annotated[
        str,
        Query(
            min_length=1,
            max_length=2000,
            description="Why.",
            examples=["Duplicate of another record"],
        ),
    ],
    if_match: IfMatch = None,
) -> Response:
    """Delete an organisation and everything recorded about it (write key, `If-Match`, reason)."""
    seen = expected_version(if_match)
    audited(session, actor=key.name)
    give_reason(session, reason)
    writes.delete(session, service.resolve_organization(session, slug=slug), seen=seen)
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/{slug}/timeline.svg",
    response_class=Response,
    responses={200: {"content": {"image/svg+xml": {}}, "description": "An SVG chart."}},
)
def read_timeline_chart(
    session: SessionDep, org: OrganizationDep, at: ChartAtParam = None
) -> Response:
    """A chart: one bar per state across the organisation's life, by role and participation.

    Hatched where a date is known only to the year or month; name changes marked; `at` draws
    a line on that day.
    """
    svg = charts.organization_chart(session, org, chart_day(at))
    return Response(svg, media_type="image/svg+xml")


@router.get("/{slug}/reconciliation", response_model=Reconciliation)
def read_reconciliation(session: SessionDep, org: OrganizationDep) -> Reconciliation:
    """The curated periods beside each imported research dataset's, and every disagreement.

    Compares with COW Formal Alliances, ATOP and COW IGO when the organisation has an id there
    and the file has been imported (`foedus import`). Each disagreement carries the curated
    record's explanation when there is one.
    """
    return reconcile(session, org=org)
