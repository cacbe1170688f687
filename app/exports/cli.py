"""The lines ``foedus export`` writes: the same tables as the export endpoints."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime

from sqlmodel import Session

from app.exports import service
from app.exports.formats import Format, csv_lines, ndjson_lines
from app.exports.stateyear import YearRule, dyad_years, state_years
from app.organizations.service import existence, resolve_organization

YEAR_COLUMNS = {
    "state-year": ["ccode", "stateabb", "state", "year", "member", "certainty"],
    "dyad-year": ["ccode1", "ccode2", "state1", "state2", "year", "member", "certainty"],
}


def export_lines(
    session: Session,
    what: str,
    fmt: Format,
    *,
    organization: str | None,
    year_rule: str,
    last_year: int | None = None,
) -> Iterator[str]:
    if what in YEAR_COLUMNS:
        if organization is None:
            raise ValueError(f"{what} needs --organization")
        org = resolve_organization(session, slug=organization)
        life = existence(org)
        end = life.end.latest.year if life.end else (last_year or datetime.now(UTC).year)
        years = range(life.start.earliest.year, end + 1)
        members = service.year_members(session, org)
        make = state_years if what == "state-year" else dyad_years
        rows: Iterator[object] = make(members, years, YearRule(year_rule))
        columns = YEAR_COLUMNS[what]
    elif what in service.TABLES:
        rows, columns = service.rows(session, what), None
    else:
        raise ValueError(
            f"unknown table {what!r}; one of: {', '.join([*service.TABLES, *YEAR_COLUMNS])}"
        )
    if fmt is Format.CSV:
        yield from csv_lines(rows, columns)  # type: ignore[arg-type]
    elif fmt is Format.NDJSON:
        yield from ndjson_lines(rows)  # type: ignore[arg-type]
    else:
        yield (
            json.dumps(
                [
                    r if isinstance(r, dict) else r.model_dump(mode="json")  # type: ignore[attr-defined]
                    for r in rows
                ],
                ensure_ascii=False,
                sort_keys=True,
            )
            + "\n"
        )
