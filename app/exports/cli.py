"""The lines ``foedus export`` writes: the same tables as the export endpoints."""

from __future__ import annotations

import json
from collections.abc import Iterator

from sqlmodel import Session

from app.exports import service
from app.exports.formats import Format, csv_lines, ndjson_lines
from app.exports.stateyear import YearRule
from app.organizations.service import resolve_organization


def export_lines(
    session: Session,
    what: str,
    fmt: Format,
    *,
    organization: str | None,
    year_rule: str,
    last_year: int | None = None,
) -> Iterator[str]:
    if what in service.YEAR_COLUMNS:
        if organization is None:
            raise ValueError(f"{what} needs --organization")
        org = resolve_organization(session, slug=organization)
        rows, columns = service.year_table(session, org, what, YearRule(year_rule), last=last_year)
    elif what in service.TABLES:
        rows, columns = service.rows(session, what), None
    else:
        raise ValueError(
            f"unknown table {what!r}; one of: {', '.join([*service.TABLES, *service.YEAR_COLUMNS])}"
        )
    if fmt is Format.CSV:
        yield from csv_lines(rows, columns)
    elif fmt is Format.NDJSON:
        yield from ndjson_lines(rows)
    else:
        yield (
            json.dumps(
                [r if isinstance(r, dict) else r.model_dump(mode="json") for r in rows],
                ensure_ascii=False,
                sort_keys=True,
            )
            + "\n"
        )
