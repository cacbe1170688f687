"""Engine construction and the per-request session dependency. Nothing connects at import."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from sqlalchemy import event
from sqlalchemy.engine import URL, Engine, make_url
from sqlmodel import Session, create_engine

from app.audit import snapshot
from app.core.errors import InvalidParameter, NotFound
from app.core.httpcache import pin
from app.core.runtime import Runtime, RuntimeDep

CONNECT_TIMEOUT_SECONDS = 5


BUSY_TIMEOUT_MS = 30_000  # how long a SQLite write waits for another's lock


def build_engine(
    database_url: str, *, echo: bool = False, read_only: bool = False, pool_size: int = 5
) -> Engine:
    """An engine for ``database_url``; SQLite files get their folder and enforced foreign keys.

    ``read_only`` opens SQLite files with ``mode=ro`` and makes PostgreSQL transactions
    read-only, so that nothing, whatever the code does, can change the data.
    """
    url = make_url(database_url)
    connect_args: dict[str, Any] = {}
    if url.get_backend_name() == "sqlite":
        _ensure_sqlite_folder(url)
        connect_args["check_same_thread"] = False
        if read_only and url.database and url.database != ":memory:":
            url = make_url(f"sqlite:///file:{Path(url.database).resolve()}?mode=ro&uri=true")
    elif url.get_backend_name() == "postgresql":
        if "connect_timeout" not in url.query:  # an unreachable server fails within seconds
            connect_args["connect_timeout"] = CONNECT_TIMEOUT_SECONDS
        if read_only:
            connect_args["options"] = "-c default_transaction_read_only=on"
    # The app admits fewer requests at once than the pool holds (``app.core.admission``).
    memory = url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")
    pool: dict[str, Any] = {} if memory else {"pool_size": pool_size, "max_overflow": 10}
    engine = create_engine(url, echo=echo, connect_args=connect_args, pool_pre_ping=True, **pool)
    if url.get_backend_name() == "sqlite":
        event.listen(engine, "connect", partial(_sqlite_pragmas, wal=not read_only))
    return engine


def _ensure_sqlite_folder(url: URL) -> None:
    if url.database and url.database != ":memory:" and not url.database.startswith("file:"):
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any, *, wal: bool) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # Writers queue rather than fail; WAL lets readers go on while one writes.
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    if wal:
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


RecordedAt = Annotated[
    str | None,
    Query(
        alias="recorded_at",
        max_length=40,
        description=(
            "Answer as Foedus would have answered at this moment (ISO 8601 timestamp; "
            "without a zone, UTC). Default: now."
        ),
        examples=["2026-12-01T00:00:00Z"],
        json_schema_extra={"format": "date-time"},
    ),
]


def moment(recorded_at: str) -> datetime:
    """An ISO 8601 timestamp (a bare number is not one) as a UTC time; one without a zone is
    read as UTC. A time that has no UTC day (0001-01-01T00:00+14:00) is refused too."""
    try:
        if not recorded_at[:4].isdigit() or recorded_at[4:5] != "-":
            raise ValueError
        parsed = datetime.fromisoformat(recorded_at)
        return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC)
    except (ValueError, OverflowError):
        raise InvalidParameter(
            f"recorded_at: {recorded_at!r} is not an ISO 8601 timestamp between "
            "0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, such as 2026-12-01T00:00:00Z",
            parameter="query.recorded_at",
        ) from None


ReleaseParam = Annotated[
    int | None,
    Query(
        ge=1,
        le=2**31 - 1,
        description=(
            "Answer as of this release (see `/v1/meta`): a pinned read, the same for ever, "
            "so HTTP caches may keep it (`Cache-Control: immutable`). Default: the current one."
        ),
        examples=[1],
    ),
]


def read_engine(
    request: Request, runtime: Runtime, recorded_at: str | None, release: int | None
) -> tuple[Engine, int] | None:
    """The engine of the data as it stood at a past release (``recorded_at`` or ``release``)
    and that release; None for the live data. A release not made yet is a 404."""
    if recorded_at is None and release is None:
        return None
    engine = runtime.engine
    if release is not None and recorded_at is not None:
        raise InvalidParameter("give either recorded_at or release, not both", parameter="release")
    if recorded_at is not None:
        stamp = moment(recorded_at).isoformat(timespec="microseconds")
        release = snapshot.release_at(engine, stamp)
    assert release is not None
    latest = runtime.clock.refresh()
    if release > latest:
        raise NotFound(
            f"release {release} has not been made (the latest is {latest})", parameter="release"
        )
    if recorded_at is None:
        pin(request.scope, release)  # release=N: the same answer for ever (Cache-Control)
    if release == latest and recorded_at is None:
        return engine, release
    return runtime.snapshots.get(engine, runtime.settings, release), release


def get_session(
    request: Request,
    runtime: RuntimeDep,
    recorded_at: RecordedAt = None,
    release: ReleaseParam = None,
) -> Generator[Session, None, None]:
    """A read session: on the live data, or on the data as it stood at a past release."""
    pinned = read_engine(request, runtime, recorded_at, release)
    with Session(pinned[0] if pinned else runtime.engine) as session:
        yield session


# scope="function": the session (and its pooled connection) is closed when the route returns,
# before the body is sent, so a client that reads slowly never holds a connection. A route
# that streams reads what it streams before it returns.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def get_write_session(runtime: RuntimeDep) -> Iterator[Session]:
    """A session whose changes are audited; the route names the actor before committing."""
    with Session(runtime.engine) as session:
        # the recorder advances the clock when the commit lands: the next read sees the write
        session.info["clock"] = runtime.clock
        yield session


WriteSessionDep = Annotated[Session, Depends(get_write_session, scope="function")]
