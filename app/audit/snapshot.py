"""Answers as recorded at a past time: the data as it stood after a given release.

A snapshot is an in-memory SQLite copy of the current data with every audited change made after
that release undone, newest first. It is built once per release and kept (a few at a time), so
the ordinary read code answers from it unchanged.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    RowMapping,
    Table,
    and_,
    create_engine,
    select,
)
from sqlalchemy.pool import StaticPool
from sqlalchemy.sql.dml import UpdateBase
from sqlmodel import col

from app.core import migrations
from app.core.settings import Settings
from app.models import Release, metadata

SKIPPED = {"api_key", "audit_entry", "alembic_version"}
_lock = threading.Lock()


def release_at(engine: Engine, moment: str) -> int:
    """The last release made at or before ``moment`` (an ISO 8601 UTC timestamp); 0 if none."""
    with engine.connect() as connection:
        found = connection.execute(
            select(col(Release.id))
            .where(col(Release.at) <= moment)
            .order_by(col(Release.id).desc())
            .limit(1)
        ).scalar()
    return int(found or 0)


def build(source: Engine, settings: Settings, release: int) -> Engine:
    engine = create_engine(
        "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
    )
    migrations.upgrade(engine, settings)
    with source.connect() as src, engine.begin() as dst:
        _copy(src, dst, release)
        _undo_later(src, dst, release)
    return engine


def _copy(src: Connection, dst: Connection, release: int) -> None:
    """Every table but the skipped ones, as it is now; the releases up to ``release``."""
    for table in metadata.sorted_tables:
        if table.name in SKIPPED:
            continue
        query = select(table)
        if table.name == "release":
            query = query.where(table.c.id <= release)
        rows = [dict(r) for r in src.execute(query).mappings()]
        if rows:
            dst.execute(table.insert(), rows)


def _undo_later(src: Connection, dst: Connection, release: int) -> None:
    """Undo every audited change made after ``release``, newest first."""
    audit = metadata.tables["audit_entry"]
    later = src.execute(
        select(audit).where(audit.c.release_id > release).order_by(audit.c.id.desc())
    ).mappings()
    for entry in later:
        dst.execute(_undo(entry))


def _undo(entry: RowMapping) -> UpdateBase:
    """The statement that undoes one audited change: an insert deleted, an update or a delete
    written back as the row stood before."""
    table = metadata.tables[entry["table_name"]]
    before, after = _row(entry["before"]), _row(entry["after"])
    where = _same_key(table, after or before or {})
    if entry["action"] == "insert":
        return table.delete().where(where)
    if entry["action"] == "update":
        return table.update().where(where).values(**(before or {}))
    return table.insert().values(**(before or {}))


def _row(image: str | None) -> dict[str, Any] | None:
    return json.loads(image) if image else None


def _same_key(table: Table, image: dict[str, Any]) -> ColumnElement[bool]:
    """The condition that finds the row of ``image`` by its primary key."""
    return and_(*(table.c[c.name] == image[c.name] for c in table.primary_key.columns))


class Snapshots:
    """A few snapshot engines, by release, least recently used dropped first."""

    def __init__(self, size: int = 4) -> None:
        self.size = size
        self.engines: OrderedDict[int, Engine] = OrderedDict()

    def clear(self) -> None:
        with _lock:
            while self.engines:
                self.engines.popitem()[1].dispose()

    def get(self, source: Engine, settings: Settings, release: int) -> Engine:
        with _lock:
            if release in self.engines:
                self.engines.move_to_end(release)
                return self.engines[release]
            engine = build(source, settings, release)
            self.engines[release] = engine
            while len(self.engines) > self.size:
                self.engines.popitem(last=False)[1].dispose()
            return engine
