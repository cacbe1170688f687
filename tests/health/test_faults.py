"""Faults of the database, met by a real server and the CLI: each is one line naming what is
wrong and what to do (at the start: a non-zero exit; while serving: a 503 problem on every
route and from /healthz, logged once), never a 500 or a traceback."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from app.core import faults
from app.core.db import build_engine
from app.core.settings import PROJECT_ROOT
from tests.conftest import PG_URL, Databases
from tests.servers import serve, server_env

PAGES = [f"/v1/states/{code}" for code in ("UZB", "RUS", "FRA", "USA", "KAZ", "DEU", "IND")]


def damage(url: str) -> None:
    """8 KB of random bytes written into the middle of the database file."""
    path = Path(make_url(url).database or "")
    rng = random.Random(20)
    with path.open("r+b") as file:
        file.seek(path.stat().st_size // 2 // 4096 * 4096)
        file.write(rng.randbytes(8192))


def foedus(*args: str, url: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        cwd=PROJECT_ROOT,
        env=server_env(url, **env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.fixture
def sqlite_copy(databases: Databases, seeded_template: str) -> str:
    if databases.backend != "sqlite":
        pytest.skip("a file's damage and mode are SQLite's")
    return databases.new(template=seeded_template)


def test_a_damaged_file_stops_serve_and_check_with_one_line(sqlite_copy: str) -> None:
    damage(sqlite_copy)
    for args in (["serve", "--port", "1"], ["check"]):
        done = foedus(*args, url=sqlite_copy)
        assert done.returncode == 1, done.stderr
        assert one_line(done.stderr).startswith(faults.DAMAGED_PREFIX), done.stderr


def test_damage_while_serving_is_a_503_everywhere_and_logged_once(sqlite_copy: str) -> None:
    with serve(sqlite_copy, FOEDUS_HEALTH_CHECK_SECONDS="0") as served:
        with httpx.Client(base_url=served.base, timeout=30) as client:
            assert client.get("/healthz").status_code == 200
            damage(sqlite_copy)
            answers = [client.get(p, params={"n": n}) for n in range(3) for p in PAGES]
            health = [client.get("/healthz") for _ in range(3)]
        _, stderr = served.stop()
    assert {a.status_code for a in answers} <= {200, 422, 503}  # never a 500
    for answer in [*answers, *health]:
        if answer.status_code == 503:
            assert answer.headers["content-type"] == "application/problem+json"
            assert answer.json()["detail"].startswith(faults.DAMAGED_PREFIX)
    assert {h.status_code for h in health} == {503}
    assert "Traceback" not in stderr
    logged = [line for line in stderr.splitlines() if faults.DAMAGED_PREFIX in line]
    assert len(logged) == 1, stderr


def test_a_read_only_file_with_writes_on_stops_the_start_and_serves_read_only(
    sqlite_copy: str,
) -> None:
    path = make_url(sqlite_copy).database
    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"
    done = foedus("serve", "--port", "1", url=read_only)
    assert done.returncode == 1
    assert one_line(done.stderr) == faults.READ_ONLY
    with serve(read_only, FOEDUS_WRITES_ENABLED="false") as served:
        assert httpx.get(f"{served.base}/v1/states/UZB", timeout=30).status_code == 200


def test_a_database_unmigrated_while_serving_is_a_503_on_every_route(
    databases: Databases, seeded_template: str
) -> None:
    url = databases.new(template=seeded_template)
    with serve(url) as served:
        drop_every_table(url)  # the schema gone from under the server
        with httpx.Client(base_url=served.base, timeout=30) as client:
            answers = [
                client.get("/healthz"),
                client.get("/v1/export/memberships"),
                client.get("/v1/meta"),
                client.get("/v1/sources/1"),
            ]
        _, stderr = served.stop()
    assert [a.status_code for a in answers] == [503] * len(answers)
    assert {a.json()["detail"] for a in answers} == {faults.NOT_MIGRATED}
    assert "Traceback" not in stderr
    assert stderr.count(faults.NOT_MIGRATED) == 1, stderr


def drop_every_table(url: str) -> None:
    engine = build_engine(url)
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        else:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            names = connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
            for (name,) in list(names):
                connection.exec_driver_sql(f'DROP TABLE "{name}"')
    engine.dispose()


@pytest.mark.skipif(not PG_URL, reason="FOEDUS_TEST_DATABASE_URL is not set")
def test_serve_with_postgresql_down_exits_with_one_line() -> None:
    assert PG_URL is not None
    closed = make_url(PG_URL).set(port=1).render_as_string(hide_password=False)
    done = foedus("serve", "--port", "1", url=closed)
    assert done.returncode == 1
    line = one_line(done.stderr)
    assert line.startswith("the database does not answer (OperationalError")
    assert line.endswith("check FOEDUS_DATABASE_URL and that the database is up")


def test_serve_on_an_unreachable_sqlite_path_exits_with_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "no-access"
    folder.mkdir()
    done = foedus("serve", "--port", "1", url=f"sqlite:///{folder}")  # a folder, not a file
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert one_line(done.stderr).startswith("the database does not answer")
