"""The current release, known without asking the database on every request.

Every write makes a new release (``app.audit.recorder``), and every cached answer and ETag is
tied to the release it was made at. A ``ReleaseClock`` holds the latest release this process
knows of:

- a write committed by this process advances it at once, so the next read sees the write;
- a write by another process or replica (another uvicorn worker, a CLI import) is noticed at
  the next refresh, at most ``ttl`` seconds later: that is the bound on a replica's staleness.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import anyio
from sqlalchemy import text
from sqlalchemy.engine import Engine
from starlette.types import Scope

from app.core.runtime import runtime_of

LATEST = text("SELECT coalesce(max(id), 0) FROM release")
MADE_AT = text("SELECT at FROM release WHERE id = :release")


def read_latest(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(LATEST).scalar_one())


def read_made_at(engine: Engine, release: int) -> str | None:
    """When ``release`` was made (an ISO 8601 UTC timestamp); None before the first one."""
    with engine.connect() as connection:
        made: str | None = connection.execute(MADE_AT, {"release": release}).scalar_one_or_none()
        return made


class ReleaseClock:
    def __init__(
        self, engine: Engine, *, ttl: float, now: Callable[[], float] = time.monotonic
    ) -> None:
        self.engine = engine
        self.ttl = ttl
        self.now = now
        self.value = 0
        self.checked = float("-inf")
        self.refreshing = False

    @property
    def due(self) -> bool:
        """True when the value may be older than ``ttl`` seconds."""
        return self.now() - self.checked >= self.ttl

    def refresh(self) -> int:
        """Read the latest release from the database (blocking: call it from a thread)."""
        started = self.now()
        self.advance(read_latest(self.engine))
        self.checked = started
        return self.value

    def current(self) -> int:
        """The latest release, refreshed first if due (blocking when it refreshes)."""
        return self.refresh() if self.due else self.value

    def advance(self, release: int) -> None:
        """A release this process committed or read: never move backwards."""
        self.value = max(self.value, release)


async def request_release(scope: Scope) -> int:
    """The release this request answers at: read once per request, from the clock.

    When the clock is due, the request that notices refreshes it from the database (in a
    thread); requests meanwhile use the value it has.
    """
    state = scope.setdefault("state", {})
    if "release" not in state:
        runtime = runtime_of(scope["app"])
        assert runtime is not None, "a request answered before the app started"
        clock = runtime.clock
        if clock.due and not clock.refreshing:
            clock.refreshing = True
            try:
                await anyio.to_thread.run_sync(clock.refresh)
            finally:
                clock.refreshing = False
        state["release"] = clock.value
    release: int = state["release"]
    return release
