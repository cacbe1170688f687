"""Load: 64 connections for ``FOEDUS_LOAD_SECONDS`` (60 by default) against a real server.

The mix is 95 % reads (members at a date, a state's memberships, timelines, throughout
questions, single records) and 5 % writes: a curator reads a membership's ETag and changes its
notes with `If-Match`, racing the other writers of the same few records, so some writes get
412 on purpose. Afterwards no request may have failed or answered anything but 2xx (and 412 for
a stale write), and the data and the audit trail must agree exactly with the writes that got
2xx: each record's version counts them, its notes are the last one's, the audit holds each
change once and in order, and one release was made per write.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
import pytest
from sqlalchemy import text
from sqlmodel import Session

from app.auth.keys import create_key
from app.core.db import build_engine
from app.core.settings import PROJECT_ROOT
from app.seeding.check import database_violations
from tests.conftest import Databases

pytestmark = pytest.mark.slow

# 60 s on SQLite (the default deployment); PostgreSQL, where the same code runs, for less to keep
# CI short: FOEDUS_LOAD_SECONDS_POSTGRESQL=60 for the full run there too.
SECONDS = {
    "sqlite": float(os.environ.get("FOEDUS_LOAD_SECONDS", "60")),
    "postgresql": float(os.environ.get("FOEDUS_LOAD_SECONDS_POSTGRESQL", "20")),
}
CONNECTIONS = 64
WRITE_SHARE = 0.05
TARGETS = 8  # memberships the writers race on


@dataclass
class Tally:
    statuses: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    # membership id -> [(version, notes)] of the writes that got 2xx
    landed: dict[int, list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))
    writes: int = 0


@dataclass
class World:
    slugs: list[str]
    states: list[str]
    targets: list[int]


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def server(databases: Databases, seeded_template: str) -> Iterator[tuple[str, str, str, str]]:
    """A seeded database, a write key, and the app under uvicorn in its own process."""
    url = databases.new(seeded_template)
    engine = build_engine(url)
    with Session(engine) as session:
        key = create_key(session, name="load", scopes=["write"])
    engine.dispose()
    port = _free_port()
    env = {**os.environ, "FOEDUS_DATABASE_URL": url}
    command = [sys.executable, "-m", "uvicorn", "app.main:app", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--log-level", "warning", "--no-access-log"],
        env=env,
        cwd=PROJECT_ROOT,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(f"{base}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        yield base, url, key, databases.backend
    finally:
        process.terminate()
        _, errors = process.communicate(timeout=30)
        assert b"Traceback" not in errors, errors.decode()


def _world(url: str) -> World:
    engine = build_engine(url)
    with engine.connect() as c:
        slugs = list(c.execute(text("SELECT slug FROM organization ORDER BY slug")).scalars())
        states = list(
            c.execute(
                text("SELECT DISTINCT s.code FROM state s JOIN membership m ON m.state_id = s.id")
            ).scalars()
        )
        targets = list(
            c.execute(text("SELECT id FROM membership ORDER BY id LIMIT :n"), {"n": TARGETS})
            .scalars()
            .all()
        )
    engine.dispose()
    return World(sorted(slugs), sorted(states), targets)


def _read(rng: random.Random, world: World) -> str:
    day = f"{rng.randint(1945, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    slug = rng.choice(world.slugs)
    return rng.choice(
        [
            f"/v1/organizations/{slug}/members?at={day}",
            f"/v1/organizations/{slug}/members?during={day[:4]}&mode=throughout",
            f"/v1/states/{rng.choice(world.states)}/memberships?at={day}",
            f"/v1/organizations/{slug}/timeline",
            f"/v1/memberships/{rng.choice(world.targets)}",
        ]
    )


async def _write(client: httpx.AsyncClient, rng: random.Random, world: World, tally: Tally) -> None:
    target = rng.choice(world.targets)
    seen = await client.get(f"/v1/memberships/{target}")
    tally.statuses[f"GET {seen.status_code}"] += 1
    if seen.status_code != 200:
        tally.failures.append(f"read before write: {seen.status_code} {seen.text[:200]}")
        return
    notes = f"load {rng.getrandbits(64):016x}"
    await asyncio.sleep(rng.random() / 50)  # give a rival writer time to get in first
    changed = await client.patch(
        f"/v1/memberships/{target}",
        headers={"If-Match": seen.headers["etag"]},
        json={"notes": notes, "reason": "load test"},
    )
    tally.writes += 1
    tally.statuses[f"PATCH {changed.status_code}"] += 1
    if changed.status_code == 200:
        tally.landed[target].append((changed.json()["version"], notes))
    elif changed.status_code != 412:
        tally.failures.append(f"write: {changed.status_code} {changed.text[:200]}")


async def _worker(base: str, key: str, world: World, tally: Tally, seed: int, until: float) -> None:
    rng = random.Random(seed)
    headers = {"Authorization": f"Bearer {key}"}
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=60) as client:
        while time.monotonic() < until:
            try:
                if rng.random() < WRITE_SHARE:
                    await _write(client, rng, world, tally)
                    continue
                path = _read(rng, world)
                response = await client.get(path)
                tally.statuses[f"GET {response.status_code}"] += 1
                if response.status_code != 200:
                    tally.failures.append(f"{path}: {response.status_code} {response.text[:200]}")
            except httpx.HTTPError as exc:
                tally.failures.append(f"transport: {exc!r}")


async def _load(base: str, key: str, world: World, seconds: float) -> Tally:
    tally = Tally()
    until = time.monotonic() + seconds
    await asyncio.gather(
        *(_worker(base, key, world, tally, seed, until) for seed in range(CONNECTIONS))
    )
    return tally


def _audit(url: str, membership_id: int, after_release: int) -> list[str | None]:
    engine = build_engine(url)
    with engine.connect() as c:
        rows = c.execute(
            text(
                "SELECT after FROM audit_entry WHERE table_name = 'membership' AND row_id = :id"
                " AND action = 'update' AND release_id > :r ORDER BY id"
            ),
            {"id": membership_id, "r": after_release},
        ).scalars()
        notes = [json.loads(row)["notes"] for row in rows]
    engine.dispose()
    return notes


def _scalar(url: str, sql: str, **params: object) -> int:
    engine = build_engine(url)
    with engine.connect() as c:
        value = int(c.execute(text(sql), params).scalar_one())
    engine.dispose()
    return value


def test_mixed_load_loses_nothing(server: tuple[str, str, str, str]) -> None:
    base, url, key, backend = server
    world = _world(url)
    versions = {
        m: _scalar(url, "SELECT version FROM membership WHERE id = :id", id=m)
        for m in world.targets
    }
    release = _scalar(url, "SELECT coalesce(max(id), 0) FROM release")

    started = time.monotonic()
    tally = asyncio.run(_load(base, key, world, SECONDS[backend]))
    elapsed = time.monotonic() - started

    assert tally.failures == [], tally.failures[:10]
    assert set(tally.statuses) <= {"GET 200", "PATCH 200", "PATCH 412"}, tally.statuses
    landed = sum(len(v) for v in tally.landed.values())
    assert landed > 0
    assert tally.statuses["PATCH 412"] > 0, "no writer ever raced another"
    for m in world.targets:
        writes = sorted(tally.landed.get(m, []))
        # each landed write made exactly the next version; the last one's notes stayed
        assert [v for v, _ in writes] == list(range(versions[m] + 1, versions[m] + 1 + len(writes)))
        assert _scalar(url, "SELECT version FROM membership WHERE id = :id", id=m) == (
            versions[m] + len(writes)
        )
        assert _audit(url, m, release) == [notes for _, notes in writes]
    assert _scalar(url, "SELECT count(*) FROM release WHERE id > :r", r=release) == landed
    engine = build_engine(url)
    with Session(engine) as session:
        assert database_violations(session) == []
    engine.dispose()

    out = PROJECT_ROOT / "artifacts" / f"load-{backend}.json"
    out.parent.mkdir(exist_ok=True)
    requests = sum(tally.statuses.values())
    out.write_text(
        json.dumps(
            {
                "seconds": round(elapsed, 1),
                "connections": CONNECTIONS,
                "requests": requests,
                "requests_per_second": round(requests / elapsed, 1),
                "writes": tally.writes,
                "writes_landed": landed,
                "statuses": dict(tally.statuses),
                "errors": len(tally.failures),
            },
            indent=1,
        )
        + "\n"
    )
