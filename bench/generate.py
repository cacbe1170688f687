"""Writing a synthetic dataset by the documented bulk path, cached for SQLite.

The bulk path:

1. migrate an empty database to head with the project's own runner (``app.core.migrations``,
   what ``foedus migrate`` runs), so the schema is exactly the one the app serves;
2. insert every row of ``bench.shape`` with SQLAlchemy Core ``insert()`` as ``executemany``
   batches of ``BATCH_ROWS`` rows, all inside one transaction (all or nothing);
3. record exactly one ``release`` row (actor ``bench``, reason ``synthetic dataset``) so that
   ETags carry a release.

The bulk path skips the per-row audit trail by design: no ``audit_entry`` rows are written (an
audited session writes one per row and would make a 10^6 load take many minutes). Answers
``recorded_at`` a past moment are therefore not meaningful on these datasets.

SQLite files are cached under ``bench/.data/`` (size, seed, ``GENERATOR_VERSION`` and the schema
head in the name) and reused. A PostgreSQL target is wiped (every table dropped) before each load.

The ``shipped`` size is the project's own seed data, loaded by ``python3 -m app.cli seed`` (see
``bench.coldstart``): for SQLite, the file the cold start seeded; for PostgreSQL, seeded into the
wiped database.
"""

from __future__ import annotations

import os
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import MetaData, func, insert, inspect, select, text
from sqlalchemy.engine import Connection, Engine, make_url

from app.audit.recorder import now
from app.core import migrations
from app.core.db import build_engine
from app.core.settings import Settings
from app.models import metadata
from bench import BENCH_DIR, coldstart
from bench.shape import DEFAULT_SEED, GENERATOR_VERSION, Row, dataset_rows

BATCH_ROWS = 50_000
DATA_DIR = BENCH_DIR / ".data"
SHIPPED: Literal["shipped"] = "shipped"
Size = int | Literal["shipped"]  # memberships of a synthetic dataset, or the shipped data


@dataclass(frozen=True)
class Counts:
    """Rows of each table in a dataset."""

    organizations: int
    states: int
    memberships: int
    participations: int
    events: int
    sources: int
    citations: int
    releases: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True)
class Dataset:
    """A dataset ready to serve: where it is, how it was made, what it holds."""

    memberships: int
    seed: int
    url: str
    backend: str
    cached: bool
    seconds: float
    size_bytes: int | None
    counts: Counts
    slugs: tuple[str, ...]  # every organisation's slug, sorted
    codes: tuple[str, ...]  # every state's code, sorted
    shipped: bool = False  # the project's seed data, not a synthetic dataset

    @property
    def label(self) -> str:
        """``shipped``, or the synthetic dataset's memberships (``1,000``)."""
        return SHIPPED if self.shipped else f"{self.memberships:,}"

    def describe(self) -> dict[str, Any]:
        """A JSON-ready summary (the URL without any password)."""
        return {
            "size": SHIPPED if self.shipped else self.memberships,
            "memberships": self.memberships,
            "seed": self.seed,
            "url": make_url(self.url).render_as_string(hide_password=True),
            "backend": self.backend,
            "cached": self.cached,
            "generation_seconds": round(self.seconds, 3),
            "size_bytes": self.size_bytes,
            "counts": self.counts.as_dict(),
        }


class _BatchWriter:
    """Buffers rows per table; a full buffer flushes every table, parents first (FKs hold)."""

    def __init__(self, connection: Connection, batch: int) -> None:
        self.connection = connection
        self.batch = batch
        self.order = [t.name for t in metadata.sorted_tables]
        self.buffers: dict[str, list[Row]] = {}
        self.written: dict[str, int] = {}

    def add(self, table: str, row: Row) -> None:
        buffer = self.buffers.setdefault(table, [])
        buffer.append(row)
        if len(buffer) >= self.batch:
            self.flush()

    def flush(self) -> None:
        for name in self.order:
            rows = self.buffers.pop(name, None)
            if rows:
                self.connection.execute(insert(metadata.tables[name]), rows)
                self.written[name] = self.written.get(name, 0) + len(rows)


def write_dataset(connection: Connection, memberships: int, seed: int, batch: int) -> None:
    """Insert the dataset and its one release in ``connection``'s transaction."""
    writer = _BatchWriter(connection, batch)
    for table, row in dataset_rows(memberships, seed):
        writer.add(table, row)
    writer.flush()
    release: Row = {"at": now(), "actor": "bench", "reason": "synthetic dataset"}
    release["changes"] = sum(writer.written.values())
    connection.execute(insert(metadata.tables["release"]), [release])


def count_rows(engine: Engine) -> Counts:
    """How many rows each table of interest holds."""
    tables = {
        "organizations": "organization",
        "states": "state",
        "memberships": "membership",
        "participations": "participation",
        "events": "event",
        "sources": "source",
        "citations": "citation",
        "releases": "release",
    }
    with engine.connect() as connection:
        found = {
            key: int(
                connection.execute(
                    select(func.count()).select_from(metadata.tables[name])
                ).scalar_one()
            )
            for key, name in tables.items()
        }
    return Counts(**found)


def names(engine: Engine) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Every organisation's slug and every state's code, each sorted (the scenarios' lists)."""
    organization, state = metadata.tables["organization"], metadata.tables["state"]
    with engine.connect() as connection:
        slugs = connection.execute(select(organization.c.slug).order_by(organization.c.slug))
        codes = connection.execute(select(state.c.code).order_by(state.c.code))
        return tuple(slugs.scalars()), tuple(codes.scalars())


def _settings(url: str) -> Settings:
    return Settings(database_url=url)


def head_revision() -> str:
    return migrations.head_revision(_settings("sqlite://"))


def cache_path(memberships: int, seed: int, data_dir: Path = DATA_DIR) -> Path:
    """Size, seed, generator version and schema head in the name: a changed one regenerates."""
    head = "".join(c for c in head_revision() if c.isalnum())
    return data_dir / f"foedus-n{memberships}-seed{seed}-g{GENERATOR_VERSION}-r{head}.db"


def _load(engine: Engine, memberships: int, seed: int, batch: int) -> None:
    migrations.upgrade(engine, _settings(engine.url.render_as_string(hide_password=False)))
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            # A fresh file renamed into place only when complete: no need to sync on the way.
            connection.exec_driver_sql("PRAGMA synchronous=OFF")
            connection.exec_driver_sql("PRAGMA cache_size=-65536")
            connection.commit()  # end the autobegun transaction before the load's own
        with connection.begin():
            write_dataset(connection, memberships, seed, batch)


def build_sqlite(
    path: Path, memberships: int, seed: int = DEFAULT_SEED, *, batch: int = BATCH_ROWS
) -> Counts:
    """Migrate a new SQLite file at ``path`` and bulk-load the dataset into it."""
    if path.exists():
        raise FileExistsError(path)
    engine = build_engine(f"sqlite:///{path}")
    try:
        _load(engine, memberships, seed, batch)
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return count_rows(engine)
    finally:
        engine.dispose()


def sqlite_dataset(memberships: int, seed: int, *, data_dir: Path = DATA_DIR) -> Dataset:
    """The cached SQLite dataset, generated (to a temporary name, then renamed) if missing."""
    path = cache_path(memberships, seed, data_dir)
    started = time.perf_counter()
    cached = path.exists()
    if not cached:
        data_dir.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.stem}.{uuid.uuid4().hex[:8]}.partial.db")
        try:
            build_sqlite(partial, memberships, seed)
            os.replace(partial, path)
        finally:
            for leftover in data_dir.glob(f"{partial.name}*"):
                leftover.unlink()
    seconds = time.perf_counter() - started
    url = f"sqlite:///{path}"
    engine = build_engine(url)
    try:
        counts = count_rows(engine)
        slugs, codes = names(engine)
    finally:
        engine.dispose()
    size = path.stat().st_size
    return Dataset(memberships, seed, url, "sqlite", cached, seconds, size, counts, slugs, codes)


def shipped_sqlite(path: Path, seconds: float) -> Dataset:
    """The shipped data in the SQLite file at ``path``, seeded in ``seconds`` (by the cold
    start)."""
    url = f"sqlite:///{path}"
    engine = build_engine(url)
    try:
        counts = count_rows(engine)
        slugs, codes = names(engine)
    finally:
        engine.dispose()
    return Dataset(
        counts.memberships,
        0,
        url,
        "sqlite",
        False,
        seconds,
        path.stat().st_size,
        counts,
        slugs,
        codes,
        shipped=True,
    )


def wipe(engine: Engine) -> None:
    """Drop every table of the database (whatever revision it is at), then nothing is left."""
    found = MetaData()
    found.reflect(engine)
    found.drop_all(engine)


def _restart_sequences(engine: Engine) -> None:
    """Explicit ids do not move PostgreSQL's sequences: set each to its table's largest id."""
    with engine.begin() as connection:
        for table in metadata.sorted_tables:
            if "id" not in table.c or not table.c.id.primary_key:
                continue
            connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                    f'COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM "{table.name}"'
                )
            )
        connection.exec_driver_sql("ANALYZE")


def postgresql_dataset(url: str, memberships: int, seed: int) -> Dataset:
    """Load the dataset into the PostgreSQL database at ``url``. WIPES every table there first.

    Runs ``ANALYZE`` afterwards (autovacuum would within a minute; this makes runs repeatable).
    """
    engine = build_engine(url)
    started = time.perf_counter()
    try:
        if engine.dialect.name != "postgresql":
            raise ValueError(f"--database-url must be a PostgreSQL URL, not {engine.dialect.name}")
        wipe(engine)
        _load(engine, memberships, seed, BATCH_ROWS)
        _restart_sequences(engine)
        seconds = time.perf_counter() - started
        return _postgresql(engine, url, seed, seconds, shipped=False)
    finally:
        engine.dispose()


def _postgresql(engine: Engine, url: str, seed: int, seconds: float, *, shipped: bool) -> Dataset:
    """The dataset just loaded into the PostgreSQL database at ``url``, as found there."""
    counts = count_rows(engine)
    slugs, codes = names(engine)
    with engine.connect() as connection:
        size = connection.execute(text("SELECT pg_database_size(current_database())"))
        size_bytes = int(size.scalar_one())
    return Dataset(
        counts.memberships,
        seed,
        url,
        "postgresql",
        False,
        seconds,
        size_bytes,
        counts,
        slugs,
        codes,
        shipped=shipped,
    )


def shipped_postgresql(url: str, workdir: Path) -> Dataset:
    """Seed the shipped data into the PostgreSQL database at ``url`` with ``python3 -m app.cli
    seed``. WIPES every table there first."""
    engine = build_engine(url)
    try:
        if engine.dialect.name != "postgresql":
            raise ValueError(f"--database-url must be a PostgreSQL URL, not {engine.dialect.name}")
        wipe(engine)
        seeded = coldstart.seed(url, workdir / "seed-postgresql.log")
        _restart_sequences(engine)  # only ANALYZE matters here: the seed moved the sequences
        return _postgresql(engine, url, 0, seeded.seconds, shipped=True)
    finally:
        engine.dispose()


def wipe_postgresql(url: str) -> None:
    """Drop every table of the PostgreSQL database at ``url``."""
    engine = build_engine(url)
    try:
        if inspect(engine).get_table_names():
            wipe(engine)
    finally:
        engine.dispose()
