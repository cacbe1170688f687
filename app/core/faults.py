"""What is wrong with the database, in one line: for the operator (logged once), for clients
(a 503 problem) and for ``/healthz``, from one place.

A request that meets a database it cannot answer from (unreachable, not migrated, damaged,
read-only while writes are on) is answered 503 with the reason, never 500 with a traceback;
the reason is logged once until it changes, not once per request. Each kind also has a check
that ``/healthz`` and the start run before any request meets it:

- damaged: SQLite's ``PRAGMA quick_check`` (a few hundred milliseconds on the shipped data,
  so ``/healthz`` runs it at most every ``health_check_seconds``, and at once after a request
  met a damaged page);
- read-only while writes are on: a write that is rolled back (SQLite: the header's
  ``user_version`` written as it is; PostgreSQL: ``transaction_read_only``);
- unreachable or not migrated: ``app.core.startup``.
"""

from __future__ import annotations

import logging
import threading
import time

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout

log = logging.getLogger("foedus.database")

MIGRATE = "python3 -m app.cli migrate"
SEED = "python3 -m app.cli seed"

DAMAGED = (
    "the database file is damaged ({said}): restore a dump with "
    "`python3 -m app.cli restore FILE`, or move the file away to start from the shipped data"
)
DAMAGED_PREFIX = DAMAGED.split("(", 1)[0]
READ_ONLY = (
    "the database is read-only but writes are on: make it writable, or set "
    "FOEDUS_READ_ONLY=true (or FOEDUS_WRITES_ENABLED=false) to serve it without writes"
)
NOT_MIGRATED = f"the database is not migrated: run `{MIGRATE}` (then `{SEED}` for the shipped data)"
UNREACHABLE = "the database does not answer ({kind})"
BUSY = "the database is busy (every connection in use, or a write holding its lock): try again"
_DAMAGE_WORDS = ("malformed", "not a database", "disk i/o error", "database corrupt")
_MISSING_WORDS = ("no such table", "undefinedtable", "does not exist")
_READ_ONLY_WORDS = ("readonly database", "read-only transaction", "read only transaction")


def reason_of(exc: BaseException) -> str | None:
    """The one-line reason the API cannot answer through ``exc``; None for other errors (a
    bug, which stays a 500 with its traceback logged)."""
    if isinstance(exc, PoolTimeout) or "database is locked" in str(exc).lower():
        return BUSY  # waiting longer than a connection or SQLite's lock allows: not a fault
    if not isinstance(exc, SQLAlchemyError):
        return None
    words = str(getattr(exc, "orig", None) or exc).lower()
    if any(w in words for w in _DAMAGE_WORDS):
        return DAMAGED.format(said=_first_line(exc))
    if any(w in words for w in _READ_ONLY_WORDS):
        return READ_ONLY
    if any(w in words for w in _MISSING_WORDS):
        return NOT_MIGRATED
    invalidated = isinstance(exc, DBAPIError) and exc.connection_invalidated
    if invalidated or type(exc).__name__ in ("OperationalError", "InterfaceError"):
        return UNREACHABLE.format(kind=type(exc).__name__)
    return None


def _first_line(exc: BaseException) -> str:
    cause = getattr(exc, "orig", None) or exc
    lines = str(cause).strip().splitlines()
    return lines[0].strip() if lines else type(cause).__name__


def damage(connection: Connection) -> str | None:
    """Why a SQLite database fails ``PRAGMA quick_check``, in one line; None if it passes (or
    is not SQLite)."""
    if connection.dialect.name != "sqlite":
        return None
    try:
        found = [str(row[0]) for row in connection.exec_driver_sql("PRAGMA quick_check")]
    except SQLAlchemyError as exc:
        return DAMAGED.format(said=_first_line(exc))
    if found == ["ok"]:
        return None
    return DAMAGED.format(said=f"quick_check: {found[0] if found else 'no answer'}")


def writable(connection: Connection) -> bool:
    """Whether a write would land (it is made and rolled back; a database another writer
    holds locked is writable)."""
    if connection.dialect.name != "sqlite":
        return connection.execute(text("SHOW transaction_read_only")).scalar() != "on"
    waits = connection.exec_driver_sql("PRAGMA busy_timeout").scalar()
    connection.exec_driver_sql("PRAGMA busy_timeout=100")
    connection.rollback()  # the reads' transaction: the write below begins its own
    try:
        with connection.begin():
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            version = connection.exec_driver_sql("PRAGMA user_version").scalar()
            connection.exec_driver_sql(f"PRAGMA user_version={int(version or 0)}")
            connection.rollback()
        return True
    except SQLAlchemyError as exc:
        if reason_of(exc) == READ_ONLY:
            return False
        if reason_of(exc) == BUSY:
            return True
        raise
    finally:
        connection.exec_driver_sql(f"PRAGMA busy_timeout={int(waits or 0)}")


class Faults:
    """The reasons requests met, each logged once (again only after another, or after the
    database was found well); and when the database was last checked."""

    def __init__(self, every: float = 60.0) -> None:
        self.every = every  # seconds between two checks of ``/healthz``
        self.last: str | None = None
        self.lasting: str | None = None  # damaged or read-only: until a check finds it well
        self.checked_at = time.monotonic()  # the start checked (``startup.refuse_unfit``)
        self._lock = threading.Lock()

    def met(self, reason: str) -> None:
        with self._lock:
            if reason.startswith(DAMAGED_PREFIX) or reason == READ_ONLY:
                self.lasting = reason
            if reason != self.last:
                self.last = reason
                log.error("%s", reason)

    def well(self) -> None:
        with self._lock:
            if self.last is not None:
                log.warning("the database answers again")
            self.last = self.lasting = None

    def check_due(self) -> bool:
        """Whether ``/healthz`` should check for damage and writes now (and note that it
        does): every ``every`` seconds, and at once after a request met either."""
        now = time.monotonic()
        with self._lock:
            if self.lasting is None and now - self.checked_at < self.every:
                return False
            self.checked_at = now
            return True
