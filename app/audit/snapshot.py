"""Answers as recorded at a past time: the data as it stood after a given release.

A snapshot is an in-memory SQLite database holding the data with every audited change made
after that release undone, newest first, so the ordinary read code answers from it unchanged.
None is made by copying the database row by row per request:

- a *base* holds the data at the latest release, made once per release: SQLite's online backup
  of the file (pages copied in C, a few milliseconds for the shipped data), or, from PostgreSQL,
  its rows copied once into a schema migrated once per process;
- a snapshot of release R is a backup of the base in memory, with the changes of the releases
  after R (and not after the base's) undone: the cost grows with what changed since R, not
  with the size of the data.

A few snapshots are kept, least recently used dropped first; one is made at a time.
"""

from __future__ import annotations

import json
import sqlite3
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
    func,
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


def _memory() -> sqlite3.Connection:
    return sqlite3.connect(":memory:", check_same_thread=False)


def _engine(database: sqlite3.Connection) -> Engine:
    """An engine whose one connection is ``database`` (closed with the engine's pool)."""
    return create_engine("sqlite://", poolclass=StaticPool, creator=lambda: database)


def _copy_of(database: sqlite3.Connection) -> sqlite3.Connection:
    copy = _memory()
    database.backup(copy)
    return copy


class Base:
    """The data at the latest release (``release``), in memory, without keys or audit."""

    def __init__(self, database: sqlite3.Connection) -> None:
        self.database = database
        found = database.execute("SELECT max(id) FROM release").fetchone()
        self.release = int(found[0] or 0)

    @classmethod
    def of(cls, source: Engine, schema: sqlite3.Connection | None) -> Base:
        database = _memory()
        if source.dialect.name == "sqlite":
            raw = source.raw_connection()
            try:
                raw.driver_connection.backup(database)  # type: ignore[union-attr]
            finally:
                raw.close()
            for table in SKIPPED - {"alembic_version"}:
                database.execute(f"DELETE FROM {table}")
            database.commit()
        else:
            assert schema is not None
            schema.backup(database)
            with source.connect() as src, _engine(database).begin() as dst:
                src.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                _copy(src, dst)
        return cls(database)


def build(source: Engine, base: Base, release: int) -> Engine:
    """The data as it stood after ``release``: the base with the later changes undone."""
    engine = _engine(_copy_of(base.database))
    with source.connect() as src, engine.begin() as dst:
        releases = metadata.tables["release"]
        dst.execute(releases.delete().where(releases.c.id > release))
        _undo_later(src, dst, release, base.release)
    return engine


def _copy(src: Connection, dst: Connection) -> None:
    """Every table but the skipped ones, as it is now."""
    for table in metadata.sorted_tables:
        if table.name in SKIPPED:
            continue
        rows = [dict(r) for r in src.execute(select(table)).mappings()]
        if rows:
            dst.execute(table.insert(), rows)


def _undo_later(src: Connection, dst: Connection, release: int, last: int) -> None:
    """Undo every audited change of the releases after ``release`` up to ``last``, newest
    first."""
    audit = metadata.tables["audit_entry"]
    later = src.execute(
        select(audit)
        .where(audit.c.release_id > release, audit.c.release_id <= last)
        .order_by(audit.c.id.desc())
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
    """A few snapshot engines, by release, least recently used dropped first; and the base
    they are made from."""

    def __init__(self, size: int = 4) -> None:
        self.size = size
        self.engines: OrderedDict[int, Engine] = OrderedDict()
        self.base: Base | None = None
        self.schema: sqlite3.Connection | None = None  # migrated once (a PostgreSQL source)

    def clear(self) -> None:
        with _lock:
            while self.engines:
                self.engines.popitem()[1].dispose()
            self.base = None

    def get(self, source: Engine, settings: Settings, release: int) -> Engine:
        with _lock:
            if release in self.engines:
                self.engines.move_to_end(release)
                return self.engines[release]
            engine = build(source, self._base(source, settings), release)
            self.engines[release] = engine
            while len(self.engines) > self.size:
                self.engines.popitem(last=False)[1].dispose()
            return engine

    def _base(self, source: Engine, settings: Settings) -> Base:
        """The base at the source's latest release (made again when a release followed)."""
        with source.connect() as connection:
            latest = connection.execute(select(func.max(col(Release.id)))).scalar() or 0
        if self.base is None or self.base.release != latest:
            if source.dialect.name != "sqlite" and self.schema is None:
                self.schema = _memory()
                migrations.upgrade(_engine(self.schema), settings)
            self.base = Base.of(source, self.schema)
        return self.base
