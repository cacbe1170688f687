"""The export bodies, encoded once per release (``Reader.memo``) and sent from memory.

Encoding the whole dataset takes seconds; made once per release, every later export is bytes
already made, and a client that reads slowly holds no database connection and no admission
slot while it reads (``app.core.admission``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.exports import service
from app.exports.formats import Format, csv_lines, ndjson_lines, plain


def json_array(rows: Iterable[Any]) -> Iterator[str]:
    yield "["
    for i, row in enumerate(rows):
        yield ("," if i else "") + json.dumps(plain(row), ensure_ascii=False, sort_keys=True)
    yield "]"


def dataset(engine: Engine, fmt: Format) -> bytes:
    """The whole dataset. NDJSON: a line per record, its table named. JSON: the tables as the
    members of one object, *without* its opening brace: the route writes the header first."""
    with Session(engine) as session:
        if fmt is Format.NDJSON:
            lines = ndjson_lines(
                {"table": name, **plain(row)}
                for name in service.TABLES
                for row in service.rows(session, name)
            )
            return "".join(lines).encode()
        parts = [
            f', "{name}": ' + "".join(json_array(service.rows(session, name)))
            for name in service.TABLES
        ]
    return ("".join(parts) + "}").encode()


def table(engine: Engine, name: str, fmt: Format) -> bytes:
    """One table as a JSON array, CSV or NDJSON."""
    with Session(engine) as session:
        rows = service.rows(session, name)
        if fmt is Format.JSON:
            lines: Iterable[str] = json_array(rows)
        elif fmt is Format.CSV:
            lines = csv_lines(rows)
        else:
            lines = ndjson_lines(rows)
        return "".join(lines).encode()
