"""Answers kept in memory per release: served without the database, never stale after a write
of this process, and at most ``release_ttl_seconds`` stale after another replica's write."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlalchemy.engine import Engine

from app.core.httpcache import Answers, Entry, Question, cost
from app.core.releases import ReleaseClock
from app.main import create_app
from app.memberships.store import Index
from tests.conftest import running, settings_for
from tests.writes.conftest import Curator

MEMBERS = "/v1/organizations/csto/members"


def statements(engine: Engine) -> list[str]:
    """The SQL statements ``engine`` runs from now on."""
    seen: list[str] = []

    def record(_c: Any, _cur: Any, sql: str, *_: Any) -> None:
        seen.append(sql)

    event.listen(engine, "before_cursor_execute", record)
    return seen


def codes(response: Any) -> list[str]:
    assert response.status_code == 200, response.text
    return sorted(m["state"]["code"] for m in response.json()["members"])


def new_membership(curator: Curator) -> dict[str, Any]:
    return {
        "organization": "csto",
        "state": "SRB",
        "role": "member",
        "period": {"start": "2026-01"},
        "sources": [curator.source_id()],
        "reason": "cache test",
    }


def test_a_repeated_question_is_answered_without_the_database(client: TestClient) -> None:
    first = client.get(MEMBERS, params={"at": "1995-06-01"})
    seen = statements(running(client.app).engine)
    again = client.get(MEMBERS, params={"at": "1995-06-01"})
    assert seen == []
    assert again.content == first.content
    assert again.headers["etag"] == first.headers["etag"]
    assert again.headers["content-security-policy"] == first.headers["content-security-policy"]
    revalidated = client.get(
        MEMBERS, params={"at": "1995-06-01"}, headers={"If-None-Match": first.headers["etag"]}
    )
    assert revalidated.status_code == 304
    assert seen == []


def test_another_question_gets_its_own_answer(client: TestClient) -> None:
    kept = running(client.app).answers.entries
    first = codes(client.get(MEMBERS, params={"at": "1995-06-01"}))
    seen = statements(running(client.app).engine)
    other = codes(client.get(MEMBERS, params={"at": "2013-06-01"}))
    assert "UZB" in first
    assert "UZB" not in other  # suspended since 2012: a different answer
    assert seen == []  # the organisation was compiled by the first question
    assert len(kept) == 0  # each asked once: neither is worth keeping yet
    for _ in range(2):
        assert codes(client.get(MEMBERS, params={"at": "1995-06-01"})) == first
        assert codes(client.get(MEMBERS, params={"at": "2013-06-01"})) == other
    assert len(kept) == 2
    assert [key.query for key in kept] == ["at=1995-06-01", "at=2013-06-01"]


def test_a_write_is_visible_to_the_next_read(curator: Curator) -> None:
    before = codes(curator.client.get(MEMBERS, params={"at": "2026-06-01"}))
    assert "SRB" not in before
    created = curator.client.post(
        "/v1/memberships", json=new_membership(curator), headers=curator.write
    )
    assert created.status_code == 201, created.text
    assert codes(curator.client.get(MEMBERS, params={"at": "2026-06-01"})) == sorted(
        [*before, "SRB"]
    )


def test_after_a_write_the_index_catches_up(curator: Curator) -> None:
    """Until the index of all organisations holds the write, the route answers (and sees it);
    then the index answers, with the write."""
    members = "/v1/organizations/csto/members?at=2026-06-01"
    before = codes(curator.client.get(members))
    created = curator.client.post(
        "/v1/memberships", json=new_membership(curator), headers=curator.write
    )
    assert created.status_code == 201, created.text
    index: Index = running(curator.client.app).index
    release = running(curator.client.app).clock.value
    assert index.current.release < release
    assert index.at(release) is None  # and a new index is on its way
    assert codes(curator.client.get(members + "&role=member")) == sorted([*before, "SRB"])
    deadline = time.monotonic() + 30
    while index.current.release < release and time.monotonic() < deadline:
        time.sleep(0.05)
    assert index.current.release == release
    assert codes(curator.client.get(members)) == sorted([*before, "SRB"])


@pytest.fixture
def replica(curator: Curator) -> Iterator[tuple[TestClient, list[float]]]:
    """A second app on the same database, whose clock reads a time the test sets."""
    with TestClient(create_app(settings_for(curator.url))) as other:
        other.get("/healthz")
        clock: ReleaseClock = running(other.app).clock
        now = [0.0]
        clock.now = lambda: now[0]
        clock.checked = 0.0
        yield other, now


def test_another_replicas_write_shows_within_the_bound(
    curator: Curator, replica: tuple[TestClient, list[float]]
) -> None:
    other, now = replica
    ttl = running(other.app).clock.ttl
    before = codes(other.get(MEMBERS, params={"at": "2026-06-01"}))
    created = curator.client.post(
        "/v1/memberships", json=new_membership(curator), headers=curator.write
    )
    assert created.status_code == 201, created.text

    now[0] = ttl * 0.9  # within the bound the replica may still answer as before
    assert codes(other.get(MEMBERS, params={"at": "2026-06-01"})) == before
    now[0] = ttl  # at the bound it has looked again
    assert codes(other.get(MEMBERS, params={"at": "2026-06-01"})) == sorted([*before, "SRB"])


def test_the_clock_never_goes_back_and_refreshes_when_due(seeded_url: str) -> None:
    from app.core.db import build_engine

    engine = build_engine(seeded_url)
    now = [100.0]
    clock = ReleaseClock(engine, ttl=1.0, now=lambda: now[0])
    assert clock.due
    latest = clock.current()
    assert latest > 0
    assert not clock.due
    clock.advance(latest + 5)  # a release this process committed
    assert clock.current() == latest + 5
    now[0] += 1.0
    assert clock.due
    assert clock.current() == latest + 5  # the database's older value does not win
    engine.dispose()


def entry(release: int, size: int) -> Entry:
    return Entry(release, False, [], b"x" * size, '"t"')


def q(name: str) -> Question:
    return Question("/q", name, "json", 0)


def test_answers_are_bounded_and_tied_to_their_release() -> None:
    one = cost(q("0"), entry(1, 1000))
    answers = Answers(max_bytes=8 * one + one // 2)
    for i in range(12):
        answers.put(q(str(i)), entry(1, 1000))
    assert answers.size <= answers.max_bytes
    assert len(answers.entries) == 8
    assert answers.get(q("0"), 1) is None  # the least recently used went first
    assert answers.get(q("11"), 1) is not None
    assert answers.get(q("11"), 2) is None  # another release: dropped
    assert answers.get(q("11"), 1) is None
    answers.put(q("big"), entry(1, answers.max_bytes // 8))  # larger than an eighth: not kept
    assert answers.get(q("big"), 1) is None


def test_an_answer_is_kept_when_its_question_comes_again() -> None:
    answers = Answers(max_bytes=16 * 4096)
    assert answers.max_seen == 16
    assert [answers.admits(q("1")), answers.admits(q("1"))] == [False, True]
    assert answers.admits(q("1")) is False  # admitted once: asked anew, it starts over
    for i in range(2, 18):  # past 16 the doorkeeper is emptied, forgetting q("1")
        assert answers.admits(q(str(i))) is False
    assert answers.admits(q("1")) is False
    assert answers.admits(q("1")) is True
