"""Backup and restore: every row of every table (curated, imported, sources, audit) as NDJSON.

A dump is deterministic (tables in dependency order, rows by primary key), so dumping a restored
database gives the same bytes. API keys are left out: they are secrets, made again by the CLI.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Engine, func, select, text

from app.core.migrations import current_revision
from app.models import metadata

SKIPPED = {"alembic_version", "api_key"}
FORMAT = 1


class RestoreRefused(ValueError):
    """The target is not an empty database at the dump's revision, or the dump is not one."""


def _tables() -> list[Any]:
    return [t for t in metadata.sorted_tables if t.name not in SKIPPED]


def dump(engine: Engine) -> Iterator[str]:
    yield json.dumps({"foedus_dump": FORMAT, "revision": current_revision(engine)}) + "\n"
    with engine.connect() as connection:
        for table in _tables():
            order = list(table.primary_key.columns)
            for row in connection.execute(select(table).order_by(*order)).mappings():
                yield (
                    json.dumps(
                        {"table": table.name, "row": dict(row)},
                        ensure_ascii=False,
                        sort_keys=True,
                        default=str,
                    )
                    + "\n"
                )


def restore(engine: Engine, lines: Iterable[str], *, batch: int = 2000) -> dict[str, int]:
    """Load a dump into an empty database at the same revision, in one transaction."""
    lines = iter(lines)
    header = json.loads(next(lines, "{}") or "{}")
    if header.get("foedus_dump") != FORMAT:
        raise RestoreRefused("not a Foedus dump (no header line)")
    if header.get("revision") != current_revision(engine):
        raise RestoreRefused(
            f"the dump is at revision {header.get('revision')}, the database "
            f"at {current_revision(engine)}: migrate first"
        )
    tables = {t.name: t for t in _tables()}
    counts: dict[str, int] = {}
    with engine.begin() as connection:
        for table in tables.values():
            if connection.execute(select(func.count()).select_from(table)).scalar():
                raise RestoreRefused(f"the database is not empty: table {table.name} has rows")
        pending: list[dict[str, Any]] = []
        current = ""

        def flush() -> None:
            if pending:
                connection.execute(tables[current].insert(), pending)
                pending.clear()

        for line in lines:
            record = json.loads(line)
            if record["table"] != current:
                flush()
                current = record["table"]
            pending.append(record["row"])
            counts[current] = counts.get(current, 0) + 1
            if len(pending) >= batch:
                flush()
        flush()
        if engine.dialect.name == "postgresql":  # ids were given: move the sequences past them
            for table in tables.values():
                if "id" in table.c:
                    connection.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                            f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                        )
                    )
    return counts
