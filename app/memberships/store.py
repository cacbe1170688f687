"""Where a request's compiled organisations come from, and the answers kept per release.

``Index`` compiles every organisation of the database at one release, before the server answers
and again in a background thread after a write (here or elsewhere, see ``app.core.releases``),
compiling only the organisations the audit trail says the write touched. A build that a write
overtook is thrown away, so an index never mixes two releases. Until the index holds a request's
release, the organisation asked about is compiled on its own and kept in a small LRU.

A date question's answer changes only on its organisation's (or state's) breakpoints
(``CompiledOrganization.breakpoints``), so each built release keeps answers by the interval
between breakpoints that holds the question (``Kept``): a new date in an answered interval costs
only the echo of the question and the encoding.

``Reader`` is what a route answers from: the index at the current release, or the data as
recorded at a past release (``recorded_at``, ``release``), compiled on the spot.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, TypeVar

import anyio
from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel
from sqlalchemy import Connection
from sqlalchemy import select as sa_select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from app.audit.repository import changed_organizations
from app.core.db import RecordedAt, ReleaseParam, read_engine
from app.core.lru import LRU
from app.core.releases import ReleaseClock, read_latest, request_release
from app.core.runtime import RuntimeDep
from app.core.timequery import QueryEcho, today
from app.memberships import answers, history, holdings
from app.memberships.compiled import (
    CompiledOrganization,
    Stopped,
    compile_organization,
    compile_organizations,
    interval,
)
from app.memberships.holdings import Holdings, Page
from app.memberships.schemas import (
    CertaintyFilter,
    ChangesAnswer,
    MembersAnswer,
    RoleFilter,
    StateMemberships,
)
from app.models import Organization, State
from app.organizations.schemas import Timeline
from app.organizations.service import resolve_organization
from app.states.schemas import StateRef
from app.states.service import resolve_state
from app.temporal import Span, TimeQuery

log = logging.getLogger(__name__)
RETRY_SECONDS = 5.0  # after a failed build, before a request may start the next one
T = TypeVar("T")


@dataclass(frozen=True)
class Built:
    """Every organisation compiled at ``release``, every state's memberships in them, and the
    answers kept for this release."""

    release: int
    organizations: dict[str, CompiledOrganization]
    holdings: Holdings
    kept: LRU = field(default_factory=lambda: LRU(0))
    memo: dict[str, Any] = field(default_factory=dict)  # values derived once per release
    making: dict[str, anyio.Lock] = field(default_factory=dict)  # one maker per memo key


NOTHING = Built(-1, {}, Holdings.of([]))


class Index:
    """Every organisation compiled at one release (``current``), rebuilt in the background."""

    def __init__(
        self, engine: Engine, clock: ReleaseClock, *, single_memberships: int, kept: int = 20_000
    ) -> None:
        self.engine = engine
        self.clock = clock
        self.current = NOTHING
        self.kept = kept
        self.single = LRU(64)  # (slug, release) -> organisation compiled alone
        self.single_memberships = single_memberships
        self.error: str | None = None  # why the last build failed, while it is the last
        self.failure: str | None = None  # the class of that failure (for /healthz)
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._failed_at = float("-inf")

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

    def stop(self) -> None:
        """Stop building (between two chunks) and wait for the thread."""
        with self._lock:
            self._stopping = True
            thread = self._thread
        if thread is not None:
            thread.join()
        self.current = NOTHING
        self.single.clear()

    def build(self, *, raising: bool = False) -> None:
        """Compile the organisations the releases since the index changed (all of them the
        first time, or when the audit trail cannot tell which); keep the result if no write
        landed meanwhile. A failure is raised if ``raising`` (the build before the server
        answers), else logged in one line and kept in ``error``: ``/healthz`` answers 503 and
        the next request or ``/healthz`` at least ``RETRY_SECONDS`` later starts a build again."""
        try:
            before = read_latest(self.engine)
            current = self.current
            with self.engine.connect() as connection:
                changed = None
                if current is not NOTHING:
                    changed = changed_organizations(connection, current.release, before)
                if changed is None:
                    organizations = compile_organizations(connection, stop=self._stopped)
                else:
                    kept = {s: o for s, o in current.organizations.items() if o.id not in changed}
                    ids = sorted(changed)
                    organizations = kept | compile_organizations(
                        connection, ids, stop=self._stopped
                    )
            after = read_latest(self.engine)
        except Stopped:
            return
        except Exception as exc:  # the routes compile what they need meanwhile
            if raising:
                raise
            self.failure = type(exc).__name__
            said = (str(exc).strip().splitlines() or [""])[0]
            self.error = f"compiling the organisations failed ({self.failure}: {said})"
            log.error(
                "%s; retried at a request %s s later at the soonest", self.error, RETRY_SECONDS
            )
            self._failed_at = time.monotonic()
            return
        self.error = self.failure = None
        if before == after and before > self.current.release:
            built = Built(
                before, organizations, Holdings.of(organizations.values()), LRU(self.kept)
            )
            self.current = built
            self.clock.advance(before)

    def _stopped(self) -> bool:
        return self._stopping


def span_key(breakpoints: Any, query: TimeQuery) -> tuple[Any, ...]:
    """What an answer about ``query`` depends on, given the days it may change on."""
    first, after = query.span.ordinals()
    return interval(breakpoints, first), interval(breakpoints, after), query.mode


@dataclass(frozen=True)
class Reader:
    """Where one request's answers come from: ``built`` (the index at the request's release),
    else the database at ``engine`` (live, or a snapshot of a past release), compiled now."""

    engine: Engine
    release: int
    built: Built | None
    index: Index | None  # for organisations compiled alone at a live release

    def _kept(self, key: tuple[Any, ...], make: Callable[[], T], echo: dict[str, Any]) -> T:
        if self.built is None:
            return make()
        found = self.built.kept.find(key)
        if found is None:
            found = make()
            self.built.kept.keep(key, found, cost=_entries(found))
            return found
        if isinstance(found, Page):
            return Page(_echoed(found.answer, echo), found.next_position)  # type: ignore[return-value]
        return _echoed(found, echo)  # type: ignore[no-any-return]

    async def memo(self, key: str, make: Callable[[], T]) -> T:
        """``make()`` computed once per built release (in a thread; requests that ask while it
        is made wait for it), and every time when the release is not built (a pinned read, or
        before the index holds it)."""
        built = self.built
        if built is None:
            return await run_in_threadpool(make)
        if key not in built.memo:
            async with built.making.setdefault(key, anyio.Lock()):
                if key not in built.memo:
                    built.memo[key] = await run_in_threadpool(make)
        found: T = built.memo[key]
        return found

    async def organization(self, slug: str) -> CompiledOrganization:
        """The organisation (a 404 with suggestions if unknown), compiled at this release."""
        key = slug.strip().lower()
        if self.built is not None and key in self.built.organizations:
            return self.built.organizations[key]
        single = self.index.single if self.index is not None else None
        found = single.find((key, self.release)) if single is not None else None
        if found is None:
            found = await run_in_threadpool(_compile, self.engine, key)
            if single is not None and found.size <= self.index.single_memberships:  # type: ignore[union-attr]
                single.keep((key, self.release), found)
        assert isinstance(found, CompiledOrganization)
        return found

    async def state(self, identifier: str) -> tuple[int, StateRef]:
        """The state a path names (a 404 with suggestions if none): its id and reference. An
        ISO alpha-3 code is looked up in the index; anything else in the database."""
        wanted = identifier.strip().upper()
        held = self.built.holdings.organizations if self.built is not None else []
        if held and len(wanted) == 3 and wanted.isascii() and wanted.isalpha():
            catalog = held[0].catalog
            found = catalog.codes.get(wanted)
            if found is not None:
                return found, catalog.states[found]
        return await run_in_threadpool(_state, self.engine, identifier)

    async def holdings(self, state_id: int, organization: CompiledOrganization | None) -> Holdings:
        """Every state's memberships in the index; else the state's, compiled now (only in
        ``organization``, already compiled, when one is named)."""
        if self.built is not None:
            return self.built.holdings
        if organization is not None:
            return Holdings.of([organization])
        return await run_in_threadpool(_holdings, self.engine, state_id)

    def _found(self, slug: str) -> CompiledOrganization:
        """A linked organisation (links name existing ones), compiled at this release."""
        if self.built is not None and slug in self.built.organizations:
            return self.built.organizations[slug]
        return _compile(self.engine, slug)

    async def members(
        self,
        c: CompiledOrganization,
        query: TimeQuery,
        role: RoleFilter,
        certainty: CertaintyFilter,
        lineage: bool = False,
    ) -> MembersAnswer:
        if c.links and self.built is None:  # linked bodies are compiled from the database
            bodies = await run_in_threadpool(answers.in_force, c, query, self._found)
        else:
            bodies = answers.in_force(c, query, self._found)
        # the answer changes where a body in force does too (its life, its names, members)
        days = [(x.organization.slug, *span_key(x.organization.breakpoints, query)) for x in bodies]
        key = ("members", c.slug, *span_key(c.breakpoints, query), role, certainty, lineage, *days)
        make = lambda: answers.members(  # noqa: E731
            c, query, role, certainty, bodies_in_force=bodies, through_lineage=lineage
        )
        return self._kept(key, make, {"query": QueryEcho.of(query)})

    def state_page(
        self,
        held: Holdings,
        state_id: int,
        ref: StateRef,
        query: TimeQuery | None,
        *,
        organization: str | None,
        start: int,
        limit: int | None,
    ) -> Page:
        day = today()
        when = span_key(held.breakpoints(state_id), query) if query else (day,)
        key = ("state", state_id, *when, organization, start, limit)

        def make() -> Page:
            return holdings.answer(
                held,
                state_id,
                query,
                day=day,
                state=ref,
                organization=organization,
                start=start,
                limit=limit,
            )

        return self._kept(key, make, {"query": QueryEcho.of(query) if query else None})

    def changes(self, c: CompiledOrganization, span: Span) -> ChangesAnswer:
        query = TimeQuery(span)
        key = ("changes", c.slug, *span_key(c.breakpoints, query))
        make = lambda: history.changes(c, span)  # noqa: E731
        return self._kept(key, make, {"window": QueryEcho.of(query)})

    def timeline(self, c: CompiledOrganization) -> Timeline:
        day = today()
        return self._kept(("timeline", c.slug, day), lambda: history.timeline(c, day), {})


def _entries(found: Any) -> int:
    """What keeping an answer costs: one, and one for each entry of its lists."""
    answer = found.answer if isinstance(found, Page) else found
    return 1 + sum(len(v) for v in answer.__dict__.values() if isinstance(v, list))


def _echoed(answer: BaseModel, echo: dict[str, Any]) -> Any:
    return answer.model_copy(update=echo) if echo else answer


def _state(engine: Engine, identifier: str) -> tuple[int, StateRef]:
    with Session(engine) as session:
        state = resolve_state(session, identifier=identifier)  # a 404 with suggestions
        assert state.id is not None
        return state.id, StateRef.of(state)


def _compile(engine: Engine, slug: str) -> CompiledOrganization:
    with Session(engine) as session:
        org = resolve_organization(session, slug=slug)  # a 404 with suggestions if unknown
        assert org.id is not None
        return compile_organization(session.connection(), org.id)


def _holdings(engine: Engine, state_id: int) -> Holdings:
    with engine.connect() as connection:
        return holdings.of_state(connection, state_id)


async def get_reader(
    request: Request,
    runtime: RuntimeDep,
    recorded_at: RecordedAt = None,
    release: ReleaseParam = None,
) -> Reader:
    """The reader of this request: live at its release, or pinned to a past one."""
    pinned = None
    if recorded_at is not None or release is not None:
        pinned = await run_in_threadpool(read_engine, request, runtime, recorded_at, release)
    index = runtime.index
    if pinned is not None:
        return Reader(pinned[0], pinned[1], None, None)
    current = await request_release(request.scope)
    return Reader(index.engine, current, index.at(current), index)


ReaderDep = Annotated[Reader, Depends(get_reader)]


# The same answers for code that holds a session (the offline API, ``ask``, the explorer):
# compiled from that session now.
def members_answer(
    session: Session,
    *,
    org: Organization,
    query: TimeQuery,
    role: RoleFilter,
    certainty: CertaintyFilter,
    lineage: bool = False,
) -> MembersAnswer:
    assert org.id is not None
    connection = session.connection()
    c = compile_organization(connection, org.id)
    find = lambda slug: compile_with(connection, slug)  # noqa: E731
    bodies = answers.in_force(c, query, find)
    return answers.members(
        c, query, role, certainty, bodies_in_force=bodies, through_lineage=lineage
    )


def compile_with(connection: Connection, slug: str) -> CompiledOrganization:
    """The organisation ``slug`` (an existing one), compiled on ``connection``."""
    organization_id = connection.execute(
        sa_select(col(Organization.id)).where(col(Organization.slug) == slug)
    ).scalar_one()
    assert organization_id is not None
    return compile_organization(connection, organization_id)


def state_memberships_answer(
    session: Session, *, state: State, organization: Organization | None, query: TimeQuery | None
) -> StateMemberships:
    assert state.id is not None
    org_id = organization.id if organization else None
    held = holdings.of_state(session.connection(), state.id, org_id)
    return holdings.answer(held, state.id, query, day=today(), state=StateRef.of(state)).answer


def changes_answer(session: Session, *, org: Organization, span: Span) -> ChangesAnswer:
    assert org.id is not None
    return history.changes(compile_organization(session.connection(), org.id), span)


def timeline(session: Session, *, org: Organization, day: date | None = None) -> Timeline:
    assert org.id is not None
    return history.timeline(compile_organization(session.connection(), org.id), day or today())
