"""Tables in three shapes: JSON (the default), CSV and NDJSON, chosen by `format=` or Accept.

Rows are flattened for CSV (nested keys joined with dots, lists joined with "; "), and both
CSV and NDJSON are streamed.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from enum import StrEnum
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel


class Format(StrEnum):
    JSON = "json"
    CSV = "csv"
    NDJSON = "ndjson"


MEDIA = {Format.CSV: "text/csv; charset=utf-8", Format.NDJSON: "application/x-ndjson"}


async def negotiated(
    request: Request,
    format: Annotated[
        Format | None,
        Query(
            description="`json` (default), `csv` or `ndjson`; `Accept: text/csv` or "
            "`application/x-ndjson` work too.",
            examples=["csv"],
        ),
    ] = None,
) -> Format:
    return format if format is not None else format_of(request.headers.get("accept", ""))


def format_of(accept: str) -> Format:
    """The format an ``Accept`` header asks for (what a cache keys an answer by)."""
    if "text/csv" in accept:
        return Format.CSV
    if "ndjson" in accept:
        return Format.NDJSON
    return Format.JSON


FormatDep = Annotated[Format, Depends(negotiated)]


def flatten(row: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out |= flatten(value, f"{name}.")
        elif isinstance(value, list):
            out[name] = "; ".join(_cell(v) for v in value)
        else:
            out[name] = value
    return out


def _cell(value: Any) -> str:
    """One item of a list as text, never JSON: a record by its title, name or code, a period as
    `start..end` (after its status), else its plain fields as `key=value`."""
    if not isinstance(value, Mapping):
        return str(value)
    named = value.get("title") or value.get("name") or value.get("code")
    if named:
        return str(named)
    if "start" in value:
        span = f"{value['start']}..{value.get('end') or ''}"
        return f"{value['status']} {span}" if value.get("status") else span
    return ", ".join(
        f"{k}={v}" for k, v in value.items() if v is not None and not isinstance(v, Mapping | list)
    )


def plain(row: BaseModel | Mapping[str, Any]) -> dict[str, Any]:
    return row.model_dump(mode="json") if isinstance(row, BaseModel) else dict(row)


def csv_lines(
    rows: Iterable[BaseModel | Mapping[str, Any]], columns: list[str] | None = None
) -> Iterator[str]:
    buffer = io.StringIO()
    writer: csv.DictWriter[str] | None = None
    for row in rows:
        flat = flatten(plain(row))
        if writer is None:
            writer = csv.DictWriter(
                buffer, fieldnames=columns or list(flat), extrasaction="ignore", lineterminator="\n"
            )
            writer.writeheader()
        writer.writerow(flat)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if writer is None and columns:
        yield ",".join(columns) + "\n"


def ndjson_lines(rows: Iterable[BaseModel | Mapping[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(plain(row), ensure_ascii=False, sort_keys=True) + "\n"


def table(
    rows: Iterable[BaseModel | Mapping[str, Any]],
    fmt: Format,
    *,
    filename: str,
    columns: list[str] | None = None,
) -> StreamingResponse:
    """A CSV or NDJSON response (for JSON the route returns its model as usual)."""
    lines = csv_lines(rows, columns) if fmt is Format.CSV else ndjson_lines(rows)
    extension = "csv" if fmt is Format.CSV else "ndjson"
    return StreamingResponse(
        lines,
        media_type=MEDIA[fmt],
        headers={"Content-Disposition": f'inline; filename="{filename}.{extension}"'},
    )


def respond(model: BaseModel, fmt: Format, rows: Iterable[BaseModel], *, filename: str) -> Response:
    """The answer to a question: its response model encoded as the JSON body, or its rows as
    a CSV or NDJSON table."""
    if fmt is Format.JSON:
        return Response(model.__pydantic_serializer__.to_json(model), media_type="application/json")
    return table(rows, fmt, filename=filename)
