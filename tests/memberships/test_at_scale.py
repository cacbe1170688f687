"""At scale the answers stay right: members at a date, and a state's memberships at a date, on a
synthetic dataset of 10^6 memberships (SQLite; ``FOEDUS_SCALE_PG_MEMBERSHIPS``, 10^5 by
default, on PostgreSQL), equal what a straightforward SQL query over the stored periods says,
for a random sample of questions, members asked once (computed) and again (answered from
memory), a state's followed page by page.

The SQL restates the temporal rules directly on the stored text dates: a period holds day D
certainly when its latest possible start is on or before D and D is before its earliest possible
end (for an end ``unknown``, only the recorded start day itself); possibly when its earliest
start is on or before D and D is before its latest possible end. A state's verdict is the
strongest over its periods in the role.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.engine import make_url

from app.core.db import build_engine
from app.main import create_app
from bench.generate import postgresql_dataset, sqlite_dataset
from bench.shape import organization_count, organization_slugs, state_codes
from tests.conftest import PG_URL, Databases, settings_for

pytestmark = pytest.mark.slow

SQLITE_SIZE = int(os.environ.get("FOEDUS_SCALE_MEMBERSHIPS", "1000000"))
PG_SIZE = int(os.environ.get("FOEDUS_SCALE_PG_MEMBERSHIPS", "100000"))
SAMPLE = 60
STATE_SAMPLE = 12


def _latest(column: str, dialect: str) -> str:
    """The last day a reduced date (``1995``, ``1995-06``, ``1995-06-01``) may stand for."""
    month_end = (
        f"date({column} || '-01', '+1 month', '-1 day')"
        if dialect == "sqlite"
        else f"to_char(to_date({column} || '-01', 'YYYY-MM-DD')"
        " + interval '1 month' - interval '1 day', 'YYYY-MM-DD')"
    )
    return (
        f"CASE length({column}) WHEN 4 THEN {column} || '-12-31'"
        f" WHEN 7 THEN {month_end} ELSE {column} END"
    )


def _earliest(column: str) -> str:
    return (
        f"CASE length({column}) WHEN 4 THEN {column} || '-01-01'"
        f" WHEN 7 THEN {column} || '-01' ELSE {column} END"
    )


def _level(dialect: str) -> str:
    """A period's level at day ``:d``: 2 certain, 1 possible, 0 not."""
    first_s, last_s = _earliest("m.start_date"), _latest("m.start_date", dialect)
    first_e, last_e = _earliest("m.end_date"), _latest("m.end_date", dialect)
    return f"""
        CASE
          WHEN {last_s} <= :d AND (
            m.end_status = 'open'
            OR (m.end_status = 'closed' AND :d < {first_e})
            OR (m.end_status = 'unknown' AND :d <= {first_s})) THEN 2
          WHEN {first_s} <= :d AND (m.end_status <> 'closed' OR :d < {last_e}) THEN 1
          ELSE 0
        END"""


def members_by_sql(url: str, slug: str, day: str) -> dict[str, str]:
    engine = build_engine(url)
    sql = f"""
        SELECT code, max(level) FROM (
          SELECT s.code AS code, {_level(engine.dialect.name)} AS level
          FROM membership m
          JOIN state s ON s.id = m.state_id
          JOIN organization o ON o.id = m.organization_id
          WHERE o.slug = :slug AND m.role = 'member'
        ) AS periods
        GROUP BY code HAVING max(level) > 0
    """
    with engine.connect() as connection:
        rows = connection.execute(text(sql), {"slug": slug, "d": day}).all()
    engine.dispose()
    return {code: "certain" if level == 2 else "possible" for code, level in rows}


def members_by_api(client: TestClient, slug: str, day: str) -> dict[str, str]:
    response = client.get(f"/v1/organizations/{slug}/members", params={"at": day})
    assert response.status_code == 200, response.text
    return {m["state"]["code"]: m["certainty"] for m in response.json()["members"]}


def state_memberships_by_sql(url: str, code: str, day: str) -> list[tuple[str, str, str, str]]:
    """(organisation, role, start, certainty) of every period of the state at ``day``."""
    engine = build_engine(url)
    sql = f"""
        SELECT o.slug, m.role, m.start_date, {_level(engine.dialect.name)} AS level
        FROM membership m
        JOIN state s ON s.id = m.state_id
        JOIN organization o ON o.id = m.organization_id
        WHERE s.code = :code
    """
    with engine.connect() as connection:
        rows = connection.execute(text(sql), {"code": code, "d": day}).all()
    engine.dispose()
    return sorted(
        (slug, role, start, "certain" if level == 2 else "possible")
        for slug, role, start, level in rows
        if level > 0
    )


def state_memberships_by_api(
    client: TestClient, code: str, day: str
) -> list[tuple[str, str, str, str]]:
    """The same from the API: its first page (answered before routing), then the next ones."""
    found: list[tuple[str, str, str, str]] = []
    params = {"at": day}
    while True:
        response = client.get(f"/v1/states/{code}/memberships", params=params)
        assert response.status_code == 200, response.text
        page = response.json()
        found += [
            (m["organization"]["slug"], m["role"], m["period"]["start"], m["certainty"])
            for m in page["memberships"]
        ]
        if page["next_cursor"] is None:
            return sorted(found)
        params = {"at": day, "cursor": page["next_cursor"], "limit": "500"}


@pytest.fixture(scope="module")
def scale_url(databases: Databases, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, int]:
    if databases.backend == "sqlite":
        data_dir = Path(os.environ.get("FOEDUS_SCALE_DATA_DIR", tmp_path_factory.mktemp("scale")))
        return sqlite_dataset(SQLITE_SIZE, seed=7, data_dir=data_dir).url, SQLITE_SIZE
    assert PG_URL is not None
    url = databases.new()
    postgresql_dataset(url, PG_SIZE, seed=7)
    return url, PG_SIZE


def test_members_and_a_states_memberships_at_a_date_equal_the_straightforward_sql(
    scale_url: tuple[str, int],
) -> None:
    url, size = scale_url
    engine = build_engine(url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM membership")).scalar_one() == size
    engine.dispose()
    rng = random.Random(size)
    slugs = organization_slugs(organization_count(size))
    questions = [
        (
            rng.choice(slugs),
            f"{rng.randint(1900, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        )
        for _ in range(SAMPLE)
    ]
    nonempty = 0
    with TestClient(create_app(settings_for(url))) as client:
        for slug, day in questions:
            expected = members_by_sql(url, slug, day)
            assert members_by_api(client, slug, day) == expected, (slug, day)
            assert members_by_api(client, slug, day) == expected, ("from memory", slug, day)
            nonempty += bool(expected)
        # a state's memberships: pages written in C, their doubts too
        compared = possible = 0
        for code in rng.sample(state_codes(), STATE_SAMPLE):
            day = f"{rng.randint(1900, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            expected_state = state_memberships_by_sql(url, code, day)
            assert state_memberships_by_api(client, code, day) == expected_state, (code, day)
            compared += len(expected_state)
            possible += sum(m[3] == "possible" for m in expected_state)
    assert nonempty > SAMPLE // 3, "the sample should mostly ask about organisations alive then"
    # a state holds a 300th of the memberships; on a day, more than a 20th of those
    assert compared > STATE_SAMPLE * size // 300 // 20, compared
    assert possible > 0
    assert make_url(url).get_backend_name() in {"sqlite", "postgresql"}
