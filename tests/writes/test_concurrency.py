"""Twenty curators edit one membership at once, through HTTP against a running server."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlmodel import Session

from app.auth.keys import create_key
from app.core.db import build_engine
from tests.conftest import running_server

WRITERS = 20


@pytest.fixture
def server(seeded_url: str) -> Iterator[tuple[str, str]]:
    engine = build_engine(seeded_url)
    with Session(engine) as session:
        key = create_key(session, name="crowd", scopes=["write"])
    engine.dispose()
    with running_server(seeded_url) as base:
        yield base, key


def query(url: str, sql: str) -> list[tuple[Any, ...]]:
    engine = build_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(r) for r in connection.execute(text(sql))]
    finally:
        engine.dispose()


def membership_id(url: str) -> int:
    """Armenia's CSTO membership, the record the curators fight over."""
    ((found,),) = query(
        url,
        "SELECT m.id FROM membership m JOIN state s ON s.id = m.state_id "
        "JOIN organization o ON o.id = m.organization_id "
        "WHERE s.code = 'ARM' AND o.slug = 'csto'",
    )
    return int(found)


def audit_of(url: str, mid: int) -> list[str]:
    """The after-images of every update of the membership, in commit order."""
    return [
        after
        for (after,) in query(
            url,
            "SELECT after FROM audit_entry WHERE table_name = 'membership' "
            f"AND row_id = {mid} AND action = 'update' ORDER BY id",
        )
    ]


def test_twenty_writers_with_one_etag_one_wins_the_rest_get_412(
    server: tuple[str, str], seeded_url: str
) -> None:
    base, key = server
    mid = membership_id(seeded_url)
    etag = httpx.get(f"{base}/v1/memberships/{mid}", timeout=60).headers["etag"]
    headers = {"Authorization": f"Bearer {key}", "If-Match": etag}

    def write(n: int) -> int:
        return httpx.patch(
            f"{base}/v1/memberships/{mid}",
            headers=headers,
            timeout=60,
            json={"notes": f"writer {n}", "reason": f"race {n}"},
        ).status_code

    with ThreadPoolExecutor(WRITERS) as pool:
        codes = sorted(pool.map(write, range(WRITERS)))
    assert codes == [200] + [412] * (WRITERS - 1)
    updates = audit_of(seeded_url, mid)
    assert len(updates) == 1
    winner = httpx.get(f"{base}/v1/memberships/{mid}", timeout=60).json()
    assert f'"notes": "{winner["notes"]}"' in updates[0]
    assert winner["version"] == 2


def test_twenty_writers_that_retry_on_412_all_land_and_none_is_lost(
    server: tuple[str, str], seeded_url: str
) -> None:
    base, key = server
    mid = membership_id(seeded_url)

    def write(n: int) -> int:
        attempts = 0
        while True:
            attempts += 1
            etag = httpx.get(f"{base}/v1/memberships/{mid}", timeout=60).headers["etag"]
            status = httpx.patch(
                f"{base}/v1/memberships/{mid}",
                timeout=60,
                headers={"Authorization": f"Bearer {key}", "If-Match": etag},
                json={"notes": f"writer {n}"},
            ).status_code
            if status == 200:
                return attempts
            assert status == 412

    with ThreadPoolExecutor(WRITERS) as pool:
        attempts = list(pool.map(write, range(WRITERS)))
    updates = audit_of(seeded_url, mid)
    assert len(updates) == WRITERS  # every applied write is in the audit, once
    written = sorted(int(a.split('"notes": "writer ')[1].split('"')[0]) for a in updates)
    assert written == list(range(WRITERS))
    assert httpx.get(f"{base}/v1/memberships/{mid}", timeout=60).json()["version"] == 1 + WRITERS
    assert sum(attempts) >= WRITERS
