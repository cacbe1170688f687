"""Compiled organisations for the HTTP routes: every organisation, per release, in memory.

``Index`` compiles every organisation of the database in a background thread and swaps the
result in when it is done; it rebuilds whenever a request arrives at a newer release (a write
here or elsewhere, see ``app.core.releases``). A rebuild compiles again only the organisations
the releases since the index changed, as the audit trail names them
(``app.memberships.changed``), and everything when it cannot tell. The build reads the release
before and after: if a write landed meanwhile the result is thrown away, so an index never
mixes two releases.
Until the index holds the request's release, the organisation asked about is compiled on its
own (milliseconds) and kept in a small LRU, so an answer is never older than the release.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import Connection
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.core.releases import ReleaseClock, read_latest, request_release
from app.memberships import holdings
from app.memberships.changed import changed_organizations
from app.memberships.compiled import CompiledOrganization
from app.memberships.compiling import Stopped, compile_organization, compile_organizations
from app.memberships.holdings import Holdings
from app.organizations.service import resolve_organization

log = logging.getLogger(__name__)
RETRY_SECONDS = 5.0  # after a failed build, before the next one


class Compiled:
    """Organisations compiled one at a time, per release, least recently used out beyond a
    bound on the memberships they hold together."""

    def __init__(self, max_memberships: int) -> None:
        self.max_memberships = max_memberships
        self.size = 0
        self.entries: OrderedDict[str, tuple[int, CompiledOrganization]] = OrderedDict()

    def get(self, slug: str, release: int) -> CompiledOrganization | None:
        kept = self.entries.get(slug)
        if kept is None:
            return None
        if kept[0] != release:
            self._drop(slug)
            return None
        self.entries.move_to_end(slug)
        return kept[1]

    def put(self, slug: str, release: int, compiled: CompiledOrganization) -> None:
        if slug in self.entries:
            self._drop(slug)
        if compiled.size > self.max_memberships:
            return
        self.entries[slug] = (release, compiled)
        self.size += compiled.size
        while self.size > self.max_memberships:
            self._drop(next(iter(self.entries)))

    def _drop(self, slug: str) -> None:
        self.size -= self.entries.pop(slug)[1].size


@dataclass(frozen=True)
class Built:
    """Every organisation compiled at ``release``, and every state's memberships in them."""

    release: int
    organizations: dict[str, CompiledOrganization]
    holdings: Holdings


NOTHING = Built(-1, {}, Holdings.of([]))


class Index:
    """Every organisation compiled at one release (``current``), rebuilt in the background."""

    def __init__(self, engine: Engine, clock: ReleaseClock, *, single_memberships: int) -> None:
        self.engine = engine
        self.clock = clock
        self.current = NOTHING
        self.single = Compiled(single_memberships)
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._failed_at = float("-inf")

    def ready(self, slug: str, release: int) -> CompiledOrganization | None:
        """``slug`` from the index if it holds ``release``; else None (and a newer index is
        started if ``release`` is newer than the one held)."""
        built = self.at(release)
        return built.organizations.get(slug) if built else None

    def at(self, release: int) -> Built | None:
        """The index if it holds ``release``; else None (and a newer index is started if
        ``release`` is newer than the one held)."""
        built = self.current
        if built.release == release:
            return built
        if release > built.release:
            self.start()
        return None

    def start(self) -> None:
        """Build the index in a thread, unless one is building already or the last build
        failed less than ``RETRY_SECONDS`` ago."""
        with self._lock:
            if self._stopping or (self._thread is not None and self._thread.is_alive()):
                return
            if time.monotonic() - self._failed_at < RETRY_SECONDS:
                return
            self._thread = threading.Thread(target=self.build, name="foedus-index", daemon=True)
            self._thread.start()

    def _organizations(
        self, connection: Connection, current: Built, release: int
    ) -> dict[str, CompiledOrganization]:
        """Every organisation compiled at ``release``: those ``current`` holds unchanged, and
        the others compiled now (all of them when the audit trail cannot tell which)."""
        stop = lambda: self._stopping  # noqa: E731
        if release == current.release:
            return current.organizations  # nothing to do (and nothing will be swapped in)
        changed = None
        if current is not NOTHING:
            changed = changed_organizations(connection, current.release, release)
        if changed is None:
            return compile_organizations(connection, stop=stop)
        kept = {s: org for s, org in current.organizations.items() if org.id not in changed}
        return kept | compile_organizations(connection, sorted(changed), stop=stop)

    def stop(self) -> None:
        """Stop building (between two chunks) and wait for the thread."""
        with self._lock:
            self._stopping = True
            thread = self._thread
        if thread is not None:
            thread.join()
        self.current = NOTHING
        self.single = Compiled(0)

    def build(self) -> None:
        """Compile the organisations the releases since the index changed (all of them the
        first time, or when the audit trail cannot tell which); keep the result if no write
        landed meanwhile."""
        try:
            before = read_latest(self.engine)
            with self.engine.connect() as connection:
                organizations = self._organizations(connection, self.current, before)
            after = read_latest(self.engine)
        except Stopped:
            return
        except Exception:  # the routes answer without the index meanwhile
            log.exception("compiling the organisations failed; retrying in %s s", RETRY_SECONDS)
            self._failed_at = time.monotonic()
            return
        if before == after and before > self.current.release:
            holdings = Holdings.of(organizations.values())
            self.current = Built(before, organizations, holdings)
            self.clock.advance(before)
            # Hundreds of thousands of objects that live until the next build: taken out of the
            # collector's generations, so that its full passes (pauses of a tenth of a second at
            # 10^6 memberships) do not walk them again and again. Refcounts still free them.
            gc.collect()
            gc.freeze()


def _compile(engine: Engine, slug: str) -> CompiledOrganization:
    with Session(engine) as session:
        org = resolve_organization(session, slug=slug)  # a 404 with suggestions if unknown
        return compile_organization(session, org)


async def compiled_organization(request: Request, slug: str) -> CompiledOrganization:
    """The organisation compiled at the current release: from the index, from the recently
    compiled ones, or compiled now."""
    release = await request_release(request.scope)
    index: Index = request.app.state.index
    key = slug.strip().lower()
    found = index.ready(key, release)
    if found is None:
        found = index.single.get(key, release)
    if found is None:
        found = await run_in_threadpool(_compile, request.app.state.engine, key)
        index.single.put(key, release, found)
    return found


def _compile_state(engine: Engine, state_id: int) -> Holdings:
    with engine.connect() as connection:
        return holdings.of_state(connection, state_id)


async def state_holdings(request: Request, state_id: int) -> Holdings:
    """Every state's memberships at the current release: from the index, or (while it is being
    rebuilt) the organisations of this state compiled now."""
    built = request.app.state.index.at(await request_release(request.scope))
    if built is not None:
        return built.holdings  # type: ignore[no-any-return]
    return await run_in_threadpool(_compile_state, request.app.state.engine, state_id)
