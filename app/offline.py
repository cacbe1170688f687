"""Foedus without HTTP: the same answers, straight from a database, for scripts and notebooks.

from app.offline import Foedus
facts = Foedus()                          # the FOEDUS_DATABASE_URL database
facts.members("csto", at="1995").count    # 9
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from types import TracebackType
from typing import Any, TypeVar

from sqlmodel import Session

from app.ask.service import AskAnswer, ask
from app.core.db import build_engine
from app.core.settings import Settings, get_settings
from app.core.timequery import parse_time_query
from app.memberships import store as answers
from app.memberships.schemas import CertaintyFilter, MembersAnswer, RoleFilter, StateMemberships
from app.memberships.store import Reader
from app.organizations.service import resolve_organization
from app.states.service import resolve_state
from app.temporal import Mode

T = TypeVar("T")


class Foedus:
    """A read-only handle on a Foedus database; close it (or use ``with``) when done."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.engine = build_engine((settings or get_settings()).database_url)

    def __enter__(self) -> Foedus:
        return self

    def __exit__(self, *_: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    def members(
        self,
        organization: str,
        *,
        at: str | None = None,
        during: str | None = None,
        mode: str | None = None,
        role: str = "member",
        certainty: str = "possible",
    ) -> MembersAnswer:
        """Who was a member: the same answer as GET /v1/organizations/{slug}/members."""
        with Session(self.engine) as session:
            query = parse_time_query(at, during, Mode(mode) if mode else None, default_today=True)
            assert query is not None
            org = resolve_organization(session, slug=organization)
            return answers.members_answer(
                session,
                org=org,
                query=query,
                role=RoleFilter(role),
                certainty=CertaintyFilter(certainty),
            )

    def memberships(
        self,
        state: str,
        *,
        organization: str | None = None,
        at: str | None = None,
        during: str | None = None,
    ) -> StateMemberships:
        """A state's memberships: the same answer as GET /v1/states/{code}/memberships."""
        with Session(self.engine) as session:
            query = parse_time_query(at, during, None, default_today=False)
            org = resolve_organization(session, slug=organization) if organization else None
            found = resolve_state(session, identifier=state)
            return answers.state_memberships_answer(
                session, state=found, organization=org, query=query
            )

    def ask(self, question: str) -> AskAnswer:
        """A question in words: the same answer as GET /v1/ask."""
        return _run(ask(Reader(self.engine, 0, None, None), question))


def _run(work: Coroutine[Any, Any, T]) -> T:
    """Run ``work`` to its end, also from code already inside an event loop (a notebook)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(work)
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, work).result()


def members(
    organization: str, *, at: str | None = None, during: str | None = None, mode: str | None = None
) -> MembersAnswer:
    """One question, on the default database."""
    with Foedus() as facts:
        return facts.members(organization, at=at, during=during, mode=mode)
