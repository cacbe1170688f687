"""Exports: every table, the whole dataset, and COW-style state-year and dyad-year tables."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import partial
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response, StreamingResponse
from sqlmodel import Session

from app.core.db import SessionDep
from app.core.errors import InvalidParameter, problem_responses
from app.exports import bodies, service
from app.exports.bodies import json_array
from app.exports.formats import MEDIA, Format, FormatDep, table
from app.exports.stateyear import YearRule
from app.memberships.store import ReaderDep
from app.organizations.service import resolve_organization

router = APIRouter(tags=["export"], responses=problem_responses(404, 422))

Table = Literal["organizations", "states", "memberships", "events", "sources"]
RuleParam = Annotated[
    YearRule,
    Query(
        description=(
            "`december_31` (a member on 31 December: the COW convention), `any_time` (on any "
            "day of the year) or `most_of_year` (on more than half of its days)."
        ),
        examples=["december_31"],
    ),
]
YearParam = Annotated[
    int | None, Query(ge=1, le=9999, description="First or last year.", examples=[1992])
]
YearFormat = Annotated[
    Format,
    Query(
        alias="format",
        description=("`csv` (default, COW-style headers), `json` or `ndjson`."),
        examples=["csv"],
    ),
]
SlugParam = Annotated[str, Path(max_length=60, description="Organisation slug.", examples=["csto"])]


@router.get(
    "/export",
    responses={200: {"content": {"application/json": {}, "application/x-ndjson": {}}}},
)
async def export_all(reader: ReaderDep, fmt: FormatDep) -> Response:
    """The whole curated dataset: JSON (one object) or NDJSON (a line per record)."""
    if fmt is Format.CSV:
        raise InvalidParameter(
            "format: the whole dataset has several tables; use /v1/export/{table} for CSV",
            parameter="format",
        )
    body = await reader.memo(f"export:{fmt}", partial(bodies.dataset, reader.engine, fmt))
    if fmt is Format.NDJSON:
        return Response(body, media_type=MEDIA[fmt])
    header = {
        "release": reader.release,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    return Response(json.dumps(header)[:-1].encode() + body, media_type="application/json")


@router.get(
    "/export/{name}",
    responses={
        200: {"content": {"application/json": {}, "text/csv": {}, "application/x-ndjson": {}}}
    },
)
async def export_table(
    reader: ReaderDep,
    fmt: FormatDep,
    name: Annotated[Table, Path(description="Which table.", examples=["memberships"])],
) -> Response:
    """One table of the dataset as JSON, CSV or NDJSON."""
    make = partial(bodies.table, reader.engine, name, fmt)
    body = await reader.memo(f"export:{name}:{fmt}", make)
    if fmt is Format.JSON:
        return Response(body, media_type="application/json")
    extension = "csv" if fmt is Format.CSV else "ndjson"
    return Response(
        body,
        media_type=MEDIA[fmt],
        headers={"Content-Disposition": f'inline; filename="{name}.{extension}"'},
    )


# Years are bounded so that no table is unboundedly long: the data begins after 1800.
FIRST_YEAR, LAST_YEAR = 1800, 2100
FromParam = Annotated[
    int | None,
    Query(alias="from", ge=FIRST_YEAR, le=LAST_YEAR, examples=[1992], description="First year."),
]
ToParam = Annotated[
    int | None,
    Query(alias="to", ge=FIRST_YEAR, le=LAST_YEAR, examples=[2026], description="Last year."),
]


def _year_table(
    session: Session,
    slug: str,
    kind: str,
    rule: YearRule,
    first: int | None,
    last: int | None,
    fmt: Format,
) -> StreamingResponse:
    org = resolve_organization(session, slug=slug)
    try:
        rows, columns = service.year_table(session, org, kind, rule, first, last)
    except ValueError as exc:
        raise InvalidParameter(f"to: {exc}", parameter="to") from exc
    if fmt is Format.JSON:
        return StreamingResponse(json_array(rows), media_type="application/json")
    return table(rows, fmt, filename=f"{slug}-{kind}", columns=columns)


@router.get("/organizations/{slug}/state-year", response_class=StreamingResponse)
def state_year(
    session: SessionDep,
    slug: SlugParam,
    year_rule: RuleParam = YearRule.DECEMBER_31,
    start: FromParam = None,
    end: ToParam = None,
    fmt: YearFormat = Format.CSV,
) -> StreamingResponse:
    """Full members by year (ccode, year), COW style; CSV unless `format` says otherwise."""
    return _year_table(session, slug, "state-year", year_rule, start, end, fmt)


@router.get("/organizations/{slug}/dyad-year", response_class=StreamingResponse)
def dyad_year(
    session: SessionDep,
    slug: SlugParam,
    year_rule: RuleParam = YearRule.DECEMBER_31,
    start: FromParam = None,
    end: ToParam = None,
    fmt: YearFormat = Format.CSV,
) -> StreamingResponse:
    """Pairs of full members by year (ccode1, ccode2, year), COW style."""
    return _year_table(session, slug, "dyad-year", year_rule, start, end, fmt)
