"""Getting the database ready before the API answers, however the API is started.

``prepare_database`` is the one path: ``foedus serve`` runs it before uvicorn starts, and the
app's lifespan runs it again (nothing to do once the database is at the newest revision).

- SQLite, with ``auto_migrate`` (``FOEDUS_AUTO_MIGRATE``, on by default): a database that is not
  at the newest revision is migrated and, if it holds no organisation, given the shipped seed,
  all in one transaction holding SQLite's write lock (``BEGIN IMMEDIATE``). Of two processes
  starting at once (``uvicorn --workers 2``) one migrates and seeds; the other waits for the
  lock (SQLite's busy timeout), then finds the work done. A crash leaves the database as it was.
- PostgreSQL, ``auto_migrate`` off, or a read-only database: such a database is a
  ``StartupError`` naming the command to run. Replicas do not race to change a shared schema:
  migrating it is a step of the deployment (``compose.yaml`` runs it once, before them).

A database that does not answer is a ``StartupError`` as well, within the connect timeout.

``starts_anywhere`` makes the app start alike however it is served: by the ASGI lifespan
(uvicorn, ``foedus serve``, a TestClient), or by its first request when a host app mounts it
without running its lifespan. The server is told of a ``StartupError`` by its one line, not by
a traceback; a request that finds the database unfit is a 503 problem saying why.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from typing import Any

import anyio
from fastapi import FastAPI
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session
from starlette.requests import Request
from starlette.types import ASGIApp, Lifespan, Message, Receive, Scope, Send

from app.core import migrations
from app.core.db import BUSY_TIMEOUT_MS
from app.core.errors import ServiceUnavailable, problem_response
from app.core.faults import (
    DAMAGED_PREFIX,
    MIGRATE,
    NOT_MIGRATED,
    READ_ONLY,
    UNREACHABLE,
    damage,
    reason_of,
    writable,
)
from app.core.settings import Settings
from app.seeding.loader import LoadReport, SeedError, is_empty, load_seed

log = logging.getLogger(__name__)

STARTUP_WAIT_MS = 600_000  # for the write lock while another process migrates and seeds


class StartupError(RuntimeError):
    """The API cannot answer from this database. ``str()`` is one line for whoever started it:
    what is wrong and, when a command puts it right, that command. ``detail`` says the same
    without internals (no driver message), for clients."""

    def __init__(self, line: str, *, detail: str | None = None) -> None:
        super().__init__(line)
        self.detail = detail or line

    @classmethod
    def of(cls, what: str, exc: BaseException, advice: str = "") -> StartupError:
        """``what`` failed because of ``exc``: its class, and its message's first line for the
        operator only (``what`` may name ``{kind}``, the class, itself)."""
        kind = type(exc).__name__
        cause = getattr(exc, "orig", None) or exc  # the driver's words, not SQLAlchemy's wrapping
        words = str(cause).strip().splitlines()
        said = f": {words[0].strip()}" if words else ""
        if "{kind}" in what:
            line, detail = what.format(kind=f"{kind}{said}"), what.format(kind=kind)
            return cls(f"{line}{advice}", detail=detail)
        return cls(f"{what} ({kind}{said}){advice}", detail=f"{what} ({kind})")


@dataclass(frozen=True)
class Prepared:
    """What ``prepare_database`` did."""

    migrated: bool = False
    seeded: LoadReport | None = None


def prepare_database(engine: Engine, settings: Settings) -> Prepared:
    """Make the database fit to serve (see the module), or raise a ``StartupError``."""
    try:
        revision = migrations.current_revision(engine)
    except SQLAlchemyError as exc:
        raise unreachable(exc) from exc
    problem = schema_problem(revision, settings)
    if problem is None:
        refuse_unfit(engine, settings)
        return Prepared()
    if not may_migrate(engine, settings) or (
        revision is not None and revision not in migrations.known_revisions(settings)
    ):
        raise StartupError(problem)
    return _migrate_and_seed(engine, settings)


def unreachable(exc: BaseException) -> StartupError:
    """The database failed to answer with ``exc``: damaged, or else not reachable."""
    reason = reason_of(exc)
    if reason is not None and reason.startswith(DAMAGED_PREFIX):
        return StartupError(reason)
    return StartupError.of(
        UNREACHABLE, exc, "; check FOEDUS_DATABASE_URL and that the database is up"
    )


def schema_problem(revision: str | None, settings: Settings) -> str | None:
    """Why a database at ``revision`` cannot serve this code, in one line; None if it can."""
    head = migrations.head_revision(settings)
    if revision == head:
        return None
    if revision is None:
        return NOT_MIGRATED
    if revision not in migrations.known_revisions(settings):
        return (
            f"the database is at revision {revision}, which this code does not know "
            f"(it needs {head}): serve it with the code that migrated it"
        )
    return f"the database is at revision {revision}, the code needs {head}: run `{MIGRATE}`"


def refuse_unfit(engine: Engine, settings: Settings) -> None:
    """A damaged database, or a read-only one while writes are on, is a ``StartupError``."""
    try:
        with engine.connect() as connection:
            found = damage(connection)
            if found is not None:
                raise StartupError(found)
            writes = settings.writes_enabled and not settings.read_only
            if writes and not writable(connection):
                raise StartupError(READ_ONLY)
    except SQLAlchemyError as exc:
        raise unreachable(exc) from exc


def may_migrate(engine: Engine, settings: Settings) -> bool:
    return settings.auto_migrate and engine.dialect.name == "sqlite" and not settings.read_only


def _migrate_and_seed(engine: Engine, settings: Settings) -> Prepared:
    try:
        with engine.connect() as connection:
            migrations.without_cascades(connection)
            # a start waits for another's migrating and seeding, however slow the machine
            connection.exec_driver_sql(f"PRAGMA busy_timeout={STARTUP_WAIT_MS}")
            connection.commit()  # the pragma's autobegun transaction: the lock is taken below
            try:
                return _under_lock(connection, settings)
            finally:
                connection.exec_driver_sql(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    except SeedError as exc:
        raise StartupError.of(f"the seed in {settings.seed_dir} was rejected", exc) from exc
    except SQLAlchemyError as exc:
        raise StartupError.of("migrating the database failed", exc) from exc


def _under_lock(connection: Connection, settings: Settings) -> Prepared:
    with connection.begin():
        # the write lock, held to the commit: one starting process at a time
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        if migrations.revision_of(connection) == migrations.head_revision(settings):
            return Prepared()  # another process did it while this one waited
        migrations.upgrade_on(connection, settings)
        with Session(bind=connection) as session:  # joins the transaction
            empty = is_empty(session)
        seeded = None
        if empty:
            with Session(bind=connection) as session:
                seeded = load_seed(session, settings.seed_dir)
    return Prepared(migrated=True, seeded=seeded)


class Starter:
    """The app's lifespan (one that yields no state), entered once: by the server's lifespan
    or else by the first request.

    Started by a request, it stays entered for the life of the process (a host that does not
    run a mounted app's lifespan does not end it either).
    """

    def __init__(self, app: FastAPI, lifespan: Lifespan[Any]) -> None:
        self.app = app
        self.lifespan = lifespan
        self.failure: str | None = None  # the line of the last StartupError, while it is the last
        self._running: AsyncExitStack | None = None
        self._lock: anyio.Lock | None = None  # made in the event loop that uses it

    @property
    def started(self) -> bool:
        return self._running is not None

    @asynccontextmanager
    async def __call__(self, _app: Any) -> AsyncIterator[None]:
        await self.start()
        try:
            yield
        finally:
            await self.stop()

    async def start(self) -> None:
        if self._lock is None:
            self._lock = anyio.Lock()
        async with self._lock:
            if self._running is not None:
                return
            running = AsyncExitStack()
            try:
                await running.enter_async_context(self.lifespan(self.app))
            except StartupError as exc:
                self.failure = str(exc)
                raise
            self.failure = None
            self._running = running

    async def stop(self) -> None:
        running, self._running, self._lock = self._running, None, None
        if running is not None:
            await running.aclose()


class _StartsFirst:
    """The app's outermost ASGI layer: starts the app before a request if nothing did, and
    tells the server of a failed start by the ``StartupError``'s line, not a traceback."""

    def __init__(self, app: ASGIApp, starter: Starter) -> None:
        self.app = app
        self.starter = starter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, receive, self._one_line(send))
            return
        if not self.starter.started:
            try:
                await self.starter.start()
            except StartupError as exc:
                log.error("%s", exc)
                if scope["type"] == "http":
                    unavailable = ServiceUnavailable(exc.detail)
                    response = problem_response(
                        Request(scope), 503, unavailable.slug, unavailable.title, exc.detail
                    )
                    await response(scope, receive, send)
                return  # a websocket not accepted is closed by the server
        await self.app(scope, receive, send)

    def _one_line(self, send: Send) -> Send:
        async def report(message: Message) -> None:
            if message["type"] == "lifespan.startup.failed" and self.starter.failure:
                message = {**message, "message": self.starter.failure}
            await send(message)

        return report


def starts_anywhere(app: FastAPI) -> None:
    """Start ``app`` (its lifespan) however it is served; see the module."""
    starter = Starter(app, app.router.lifespan_context)
    app.router.lifespan_context = starter
    build = app.build_middleware_stack
    app.build_middleware_stack = lambda: _StartsFirst(build(), starter)  # type: ignore[method-assign]
