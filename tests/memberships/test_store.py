"""The index of all organisations: a failed build leaves the routes to answer alone and is
retried after a pause, not at every request; a build that a write overtook is thrown away;
answers kept by interval equal the answers computed afresh."""

from __future__ import annotations

import asyncio
import random
from datetime import date
from typing import Any

import pytest
from sqlalchemy import text

from app.core.db import build_engine
from app.core.lru import LRU
from app.core.releases import ReleaseClock
from app.core.timequery import today
from app.memberships import holdings, store
from app.memberships.answers import in_force, members
from app.memberships.schemas import CertaintyFilter, RoleFilter
from app.memberships.store import Index, Reader
from app.temporal import TimeQuery
from tests.memberships.straightforward import encode

TODAY = today()


def test_a_failed_build_is_retried_after_a_pause(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = build_engine(f"sqlite:///{tmp_path / 'empty.db'}")  # no tables: every build fails
    index = Index(engine, ReleaseClock(engine, ttl=1.0), single_memberships=10)
    index.build()
    assert index.current.release == -1
    started: list[str] = []

    class Thread:  # records the builds started instead of starting them
        def __init__(self, **kwargs: Any) -> None:
            started.append(kwargs["name"])

        def start(self) -> None:
            pass

        def is_alive(self) -> bool:
            return False

    monkeypatch.setattr(store.threading, "Thread", Thread)
    assert index.at(5) is None
    assert started == []  # within the pause: no new build
    monkeypatch.setattr(store, "RETRY_SECONDS", 0.0)
    assert index.at(5) is None
    assert started == ["foedus-index"]
    engine.dispose()


def test_a_build_overtaken_by_a_write_is_thrown_away(
    seeded_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = build_engine(seeded_url)
    index = Index(engine, ReleaseClock(engine, ttl=1.0), single_memberships=10)
    compile_all = store.compile_organizations

    def compile_then_write(connection: Any, **kwargs: Any) -> Any:
        found = compile_all(connection, **kwargs)
        with engine.begin() as other:  # a release committed while the build ran
            other.execute(
                text("INSERT INTO release (at, actor, changes) VALUES ('2026-01-01', 'test', 0)")
            )
        return found

    monkeypatch.setattr(store, "compile_organizations", compile_then_write)
    index.build()
    assert index.current.release == -1
    monkeypatch.setattr(store, "compile_organizations", compile_all)
    index.build()
    assert index.current.release > 0
    assert index.current.organizations
    engine.dispose()


def test_answers_kept_by_interval_equal_answers_computed_afresh(seeded_url: str) -> None:
    """Days of one interval between breakpoints share a kept answer; every answer served from it
    is byte for byte the one computed afresh, the question's echo included."""
    engine = build_engine(seeded_url)
    index = Index(engine, ReleaseClock(engine, ttl=1.0), single_memberships=10)
    index.build()
    built = index.current
    reader = Reader(engine, built.release, built, index)
    rng = random.Random(4)
    asked = 0
    for slug in ("csto", "nato", "eu", "cis"):
        c = built.organizations[slug]
        for _ in range(60):
            day = date.fromordinal(rng.randint(date(1940, 1, 1).toordinal(), TODAY.toordinal()))
            for query in (TimeQuery.at(day.isoformat()), TimeQuery.during(str(day.year))):
                role, certainty = RoleFilter.ANY, CertaintyFilter.POSSIBLE
                for through in (False, True):
                    bodies = in_force(c, query, built.organizations.__getitem__)
                    fresh = encode(
                        members(
                            c,
                            query,
                            role,
                            certainty,
                            bodies_in_force=bodies,
                            through_lineage=through,
                        )
                    )
                    for _ in range(2):  # computed, then kept
                        kept = asyncio.run(reader.members(c, query, role, certainty, through))
                        assert encode(kept) == fresh, (slug, query, through)
                asked += 1
    assert 0 < len(built.kept) < asked  # dates of one interval share an entry
    for code in ("ARM", "UZB", "FRA"):
        state = built.holdings.states[code]
        for _ in range(30):
            day = date.fromordinal(rng.randint(date(1940, 1, 1).toordinal(), TODAY.toordinal()))
            query = TimeQuery.at(day.isoformat())
            fresh = holdings.answer(built.holdings, state, query, day=TODAY)
            ref = fresh.answer.state
            kept = reader.state_page(
                built.holdings, state, ref, query, organization=None, start=0, limit=100
            )
            assert encode(kept.answer) == encode(fresh.answer), (code, query)
    engine.dispose()


def test_kept_answers_are_charged_by_their_entries() -> None:
    kept = LRU(80)
    kept.keep("a", "an answer of 9 entries", cost=10)
    kept.keep("b", "an answer of 9 entries", cost=10)
    kept.keep("big", "an answer of more than an eighth of the room", cost=11)
    assert (list(kept), kept.size) == (["a", "b"], 20)
    for n in range(7):
        kept.keep(n, "an answer of 9 entries", cost=10)
    assert (list(kept), kept.size) == (["b", 0, 1, 2, 3, 4, 5, 6], 80)
    kept.find("b")
    kept.keep(7, "an answer of 9 entries", cost=10)
    assert (list(kept), kept.size) == ([1, 2, 3, 4, 5, 6, "b", 7], 80)
