"""The explorer page at ``/``: members at a date, the chart, the changes, links to the JSON.

Server-rendered HTML with no JavaScript and nothing fetched from another host, so it works
offline and on a phone.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from app.charts import service as charts
from app.core.db import SessionDep
from app.core.errors import InvalidParameter
from app.core.timequery import parse_time_query, today
from app.memberships import store as answers
from app.memberships.schemas import CertaintyFilter, Member, RoleFilter
from app.organizations import service
from app.states.service import resolve_state
from app.temporal import FuzzyDate, InvalidDate, Span

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


# the mark of the explorer and the docs: two overlapping circles (members of one body)
FAVICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
    '<circle cx="12" cy="16" r="9" fill="none" stroke="#1f4e8c" stroke-width="4"/>'
    '<circle cx="20" cy="16" r="9" fill="none" stroke="#c8102e" stroke-width="4"/></svg>'
)


@router.get("/favicon.ico")
def favicon() -> Response:
    """The site's icon (SVG), so that no page asks for it in vain."""
    return Response(
        FAVICON, media_type="image/svg+xml", headers={"Cache-Control": "public, max-age=86400"}
    )


def _by_role(members: list[Member]) -> list[tuple[str, int]]:
    """How many members hold each role, full members first ("6 members, 2 observers")."""
    counts = Counter(str(m.role) for m in members)
    return [(role, counts[role]) for role in sorted(counts, key=lambda r: (r != "member", r))]


def _reduced(text: str, parameter: str) -> FuzzyDate:
    try:
        return FuzzyDate.parse(text.strip())
    except InvalidDate as exc:
        raise InvalidParameter(
            f"{parameter}: {text!r} is not valid: {exc}", parameter=parameter
        ) from exc


@router.get("/", response_class=HTMLResponse)
def explorer(
    request: Request,
    session: SessionDep,
    org: Annotated[str, Query(max_length=60)] = "csto",
    at: Annotated[str | None, Query(max_length=10)] = None,
    since: Annotated[str | None, Query(max_length=10)] = None,
    state: Annotated[str | None, Query(max_length=100)] = None,
) -> HTMLResponse:
    """Pick an organisation and a date or a year; see who belonged, how certainly, and why.
    With `state=`, the state's view: its organisations at that date, and all of them on a
    chart."""
    organization = service.resolve_organization(session, slug=org)
    when = _reduced(at, "at") if at else FuzzyDate.of(today())
    query = parse_time_query(str(when), None, None, default_today=False)
    assert query is not None
    everything = service.search(session, kind=None, q=None, active=None)
    if state is not None:
        found = resolve_state(session, identifier=state, parameter="state")
        held = answers.state_memberships_answer(
            session, state=found, organization=None, query=query
        )
        page = {"organizations": everything, "org": organization, "when": str(when)}
        chart = charts.state_chart(session, found, when.earliest)
        return templates.TemplateResponse(
            request, "state.html", {**page, "state": found, "held": held, "chart": chart}
        )
    members = answers.members_answer(
        session,
        org=organization,
        query=query,
        role=RoleFilter.ANY,
        certainty=CertaintyFilter.POSSIBLE,
    )
    before = _reduced(since, "since").earliest if since else when.earliest - timedelta(days=365)
    window = Span(min(before, when.earliest), when.latest)
    changes = answers.changes_answer(session, org=organization, span=window)
    return templates.TemplateResponse(
        request,
        "explorer.html",
        {
            "organizations": everything,
            "org": organization,
            "when": str(when),
            "members": members,
            "by_role": _by_role(members.members),
            "changes": changes,
            "since": window.first.isoformat(),
            "until": window.last.isoformat(),
            "chart": charts.organization_chart(session, organization, when.earliest),
        },
    )
