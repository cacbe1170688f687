"""After a write, the index compiles again only the organisations the audit trail names, and
answers exactly as an index compiled from scratch at the same release would."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import text

from app.audit.repository import changed_organizations
from app.core.db import build_engine
from app.core.releases import ReleaseClock
from app.memberships import holdings, store
from app.memberships.answers import members
from app.memberships.history import timeline
from app.memberships.schemas import CertaintyFilter, RoleFilter
from app.memberships.store import Built, Index
from app.temporal import Mode, TimeQuery
from tests.conftest import running
from tests.memberships.straightforward import encode
from tests.writes.conftest import Curator

QUERIES = [
    TimeQuery.at("1995-06-01"),
    TimeQuery.at("2026-06-01"),
    TimeQuery.during("2012"),
    TimeQuery.during("1992/2026", Mode.THROUGHOUT),
]
TODAY = date(2026, 11, 1)


def answers(built: Built) -> dict[str, bytes]:
    """Every organisation's members (four questions) and timeline, and every state's first
    page, from one index."""
    found = {}
    for slug, org in built.organizations.items():
        for query in QUERIES:
            found[f"{slug} {query}"] = encode(
                members(org, query, RoleFilter.ANY, CertaintyFilter.POSSIBLE)
            )
        found[f"{slug} timeline"] = encode(timeline(org, TODAY))
    for code, state_id in built.holdings.states.items():
        for query in (None, QUERIES[0], QUERIES[1]):
            page = holdings.answer(built.holdings, state_id, query, day=TODAY)
            found[f"{code} {query}"] = encode(page.answer)
    return found


def from_scratch(url: str) -> Built:
    engine = build_engine(url)
    index = Index(engine, ReleaseClock(engine, ttl=1.0), single_memberships=0)
    index.build()
    engine.dispose()
    return index.current


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The organisation ids each compile of the index was asked for (None: all)."""
    calls: list[Any] = []
    compile_all = store.compile_organizations

    def recording(connection: Any, organization_ids: Any = None, **kwargs: Any) -> Any:
        calls.append(None if organization_ids is None else sorted(organization_ids))
        return compile_all(connection, organization_ids, **kwargs)

    monkeypatch.setattr(store, "compile_organizations", recording)
    return calls


def organization_id(curator: Curator, slug: str) -> int:
    index: Index = running(curator.client.app).index
    return index.current.organizations[slug].id


def rebuilt(curator: Curator) -> Built:
    """The app's index, brought to the latest release now (as its background thread would)."""
    index: Index = running(curator.client.app).index
    thread = index._thread  # a build a request may have started
    if thread is not None:
        thread.join()
    index.build()
    assert index.current.release == running(curator.client.app).clock.value
    return index.current


def test_writes_to_one_organisation_compile_only_it(curator: Curator, recorded: list[Any]) -> None:
    csto = organization_id(curator, "csto")
    source = curator.source_id()
    write = curator.write
    created = curator.client.post(
        "/v1/memberships",
        json={
            "organization": "csto",
            "state": "SRB",
            "role": "member",
            "period": {"start": "2007-03"},
            "sources": [source],
            "participation_changes": [
                {"status": "suspended", "start": "2010-02-03", "end": "2012", "sources": [source]}
            ],
            "reason": "test",
        },
        headers=write,
    )
    assert created.status_code == 201, created.text
    built = rebuilt(curator)
    assert recorded
    assert all(ids == [csto] for ids in recorded)
    assert answers(built) == answers(from_scratch(curator.url))

    recorded.clear()
    mid, etag = created.json()["id"], created.headers["etag"]
    ended = curator.client.post(
        f"/v1/memberships/{mid}/end",
        json={"end": "2026-09-01"},
        headers={**write, "If-Match": etag},
    )
    assert ended.status_code == 200, ended.text
    patched = curator.client.patch(
        f"/v1/memberships/{mid}",
        json={"notes": "checked twice", "role": "associate_member"},
        headers={**write, "If-Match": ended.headers["etag"]},
    )
    assert patched.status_code == 200, patched.text
    built = rebuilt(curator)
    assert recorded
    assert all(ids == [csto] for ids in recorded)
    assert answers(built) == answers(from_scratch(curator.url))

    gone = curator.client.delete(
        f"/v1/memberships/{mid}",
        params={"reason": "test over"},
        headers={**write, "If-Match": patched.headers["etag"]},
    )
    assert gone.status_code == 204, gone.text
    recorded.clear()
    built = rebuilt(curator)
    # its participation and citations name a membership that is gone: everything compiled
    assert recorded == [None]
    assert answers(built) == answers(from_scratch(curator.url))


def test_a_change_to_a_source_compiles_everything(curator: Curator, recorded: list[Any]) -> None:
    source = curator.source_id()
    etag = curator.etag(f"/v1/sources/{source}")
    recorded.clear()
    changed = curator.client.patch(
        f"/v1/sources/{source}",
        json={"publisher": "Another publisher", "reason": "test"},
        headers={**curator.write, "If-Match": etag},
    )
    assert changed.status_code == 200, changed.text
    recorded.clear()
    built = rebuilt(curator)
    assert recorded == [None]
    assert answers(built) == answers(from_scratch(curator.url))


def test_the_audit_trail_names_what_changed_or_says_it_cannot(curator: Curator) -> None:
    engine = build_engine(curator.url)
    with engine.begin() as connection:
        latest = connection.execute(text("SELECT max(id) FROM release")).scalar_one()
        assert changed_organizations(connection, latest, latest) == set()
        # a release made by a bulk load, without its audit entries: cannot tell
        connection.execute(
            text("INSERT INTO release (at, actor, changes) VALUES ('2026-01-01', 'bulk', 3)")
        )
        assert changed_organizations(connection, latest, latest + 1) is None
    engine.dispose()
