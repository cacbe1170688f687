"""The index of all organisations: a failed build leaves the routes to answer alone and is
retried after a pause, not at every request; a build that a write overtook is thrown away."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from app.core.db import build_engine
from app.core.releases import ReleaseClock
from app.memberships import store
from app.memberships.store import Index


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
