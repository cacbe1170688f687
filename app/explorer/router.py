"""The explorer page at ``/``: members at a date, the chart, the changes, links to the JSON.

Server-rendered HTML with no JavaScript and nothing fetched from another host, so it works
offline and on a phone.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from app.charts import service as charts
from app.core.db import SessionDep
from app.core.errors import InvalidParameter
from app.core.timequery import parse_time_query, today
from app.memberships import store as answers
from app.memberships.schemas import CertaintyFilter, RoleFilter
from app.organizations import service
from app.temporal import FuzzyDate, InvalidDate, Span

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


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
) -> HTMLResponse:
    """Pick an organisation and a date or a year; see who belonged, how certainly, and why."""
    organization = service.resolve_organization(session, slug=org)
    when = _reduced(at, "at") if at else FuzzyDate.of(today())
    query = parse_time_query(str(when), None, None, default_today=False)
    assert query is not None
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
    everything = service.search(session, kind=None, q=None, active=None)
    return templates.TemplateResponse(
        request,
        "explorer.html",
        {
            "organizations": everything,
            "org": organization,
            "when": str(when),
            "members": members,
            "changes": changes,
            "since": window.first.isoformat(),
            "chart": charts.organization_chart(session, organization, when.earliest),
        },
    )
