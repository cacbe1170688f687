"""Exports: every table, the whole dataset, and COW-style state-year and dyad-year tables."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import StreamingResponse
from sqlmodel import Session

from app.audit.repository import latest
from app.core.db import SessionDep
from app.core.errors import InvalidParameter, problem_responses
from app.exports import service
from app.exports.formats import Format, FormatDep, ndjson_lines, table
from app.exports.stateyear import YearRule
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
    response_class=StreamingResponse,
    responses={200: {"content": {"application/json": {}, "application/x-ndjson": {}}}},
)
def export_all(session: SessionDep, fmt: FormatDep) -> StreamingResponse:
    """The whole curated dataset, streamed: JSON (one object) or NDJSON (a line per record)."""
    if fmt is Format.CSV:
        raise InvalidParameter(
            "format: the whole dataset has several tables; use /v1/export/{table} for CSV",
            parameter="format",
        )
    release = latest(session)
    header = {
        "release": release.id if release else 0,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    if fmt is Format.NDJSON:
        return StreamingResponse(
            ndjson_lines({"table": name, **row} for name, row in _records(session)),
            media_type="application/x-ndjson",
        )
    return StreamingResponse(_json(session, header), media_type="application/json")


def _records(session: Session) -> Iterator[tuple[str, dict[str, object]]]:
    for name in service.TABLES:
        for row in service.rows(session, name):
            yield name, row if isinstance(row, dict) else row.model_dump(mode="json")


def _json(session: Session, header: Mapping[str, object]) -> Iterator[str]:
    yield json.dumps(header)[:-1]
    for name in service.TABLES:
        yield f', "{name}": ['
        for j, row in enumerate(service.rows(session, name)):
            plain = row if isinstance(row, dict) else row.model_dump(mode="json")
            yield ("," if j else "") + json.dumps(plain, ensure_ascii=False, sort_keys=True)
        yield "]"
    yield "}"


@router.get("/export/{name}", response_class=StreamingResponse)
def export_table(
    session: SessionDep,
    fmt: FormatDep,
    name: Annotated[Table, Path(description="Which table.", examples=["memberships"])],
) -> StreamingResponse:
    """One table of the dataset as JSON, CSV or NDJSON, streamed."""
    records = service.rows(session, name)
    if fmt is Format.JSON:
        return StreamingResponse(_array(records), media_type="application/json")
    return table(records, fmt, filename=name)


def _array(records: Iterator[object]) -> Iterator[str]:
    yield "["
    for i, row in enumerate(records):
        plain = row if isinstance(row, dict) else row.model_dump(mode="json")  # type: ignore[attr-defined]
        yield ("," if i else "") + json.dumps(plain, ensure_ascii=False, sort_keys=True)
    yield "]"


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
        return StreamingResponse(_array(rows), media_type="application/json")
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
