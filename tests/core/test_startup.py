"""Starting anywhere: uvicorn, foedus serve or a host app migrate and seed a new SQLite file;
an unmigrated PostgreSQL database, or any with FOEDUS_AUTO_MIGRATE=false, stops the start with
one line naming the command to run."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, text
from starlette.applications import Starlette
from starlette.routing import Mount

from app.core import migrations
from app.core.db import CONNECT_TIMEOUT_SECONDS, build_engine
from app.core.settings import PROJECT_ROOT, Settings
from app.core.startup import Prepared, StartupError, prepare_database
from app.main import create_app
from app.memberships import store
from tests.conftest import Databases, settings_for
from tests.servers import free_port, server_env, wait_ready

NOT_MIGRATED = (
    "the database is not migrated: run `python3 -m app.cli migrate` "
    "(then `python3 -m app.cli seed` for the shipped data)"
)
HEAD = migrations.head_revision(Settings())
OUTDATED = (
    f"the database is at revision 0002, the code needs {HEAD}: run `python3 -m app.cli migrate`"
)


@contextmanager
def uvicorn(url: str, *args: str, **env: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """``python3 -m uvicorn app.main:app`` on ``url``'s database; yields it and its address."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.main:app", "--port", str(port), *args],
        cwd=PROJECT_ROOT,
        env=server_env(url, **env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield server, f"http://127.0.0.1:{port}"
    finally:
        if server.poll() is None:
            server.terminate()
        server.communicate(timeout=30)


def scalar(url: str, sql: str) -> Any:
    engine = build_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(text(sql)).scalar_one()
    finally:
        engine.dispose()


def csto_in_1995(get: Any) -> int:
    response = get("/v1/organizations/csto/members", params={"at": "1995-06-01"})
    assert response.status_code == 200, response.text
    count: int = response.json()["count"]
    return count


def test_uvicorn_with_two_workers_migrates_and_seeds_a_new_sqlite_file_once(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    with uvicorn(url, "--workers", "2") as (server, base):
        wait_ready(server, base)
        assert csto_in_1995(lambda path, **kw: httpx.get(base + path, timeout=30, **kw)) == 9
    assert scalar(url, "SELECT count(*) FROM release") == 1  # one seed, by one of the workers


def test_uvicorn_on_an_unmigrated_database_exits_with_one_line(
    databases: Databases,
) -> None:
    """SQLite with FOEDUS_AUTO_MIGRATE=false; PostgreSQL whatever the setting (never on start)."""
    url = databases.new()
    env = {"FOEDUS_AUTO_MIGRATE": "false"} if databases.backend == "sqlite" else {}
    with uvicorn(url, **env) as (server, _):
        _, stderr = server.communicate(timeout=60)
    assert server.returncode == 3  # uvicorn's "startup failed"
    errors = [line for line in stderr.splitlines() if line.startswith("ERROR:")]
    assert errors == [f"ERROR:    {NOT_MIGRATED}", "ERROR:    Application startup failed. Exiting."]
    assert "Traceback" not in stderr
    engine = build_engine(url)
    try:
        assert migrations.current_revision(engine) is None  # left as it was
    finally:
        engine.dispose()


def test_a_mounted_app_on_a_new_sqlite_file_starts_at_its_first_request(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    host = Starlette(routes=[Mount("/api", app=create_app(settings_for(url)))])
    with TestClient(host) as client:  # the host's lifespan: a Mount does not run the app's
        assert client.get("/api/healthz").json()["status"] == "ok"
        assert csto_in_1995(lambda path, **kw: client.get("/api" + path, **kw)) == 9


def test_two_processes_starting_at_once_migrate_and_seed_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    settings = settings_for(url)
    done: list[Prepared] = []
    failed: list[BaseException] = []
    barrier = threading.Barrier(2)

    def start() -> None:
        engine = build_engine(url)
        try:
            barrier.wait()
            done.append(prepare_database(engine, settings))
        except BaseException as exc:
            failed.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=start) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failed == []
    assert sorted(p.seeded is not None for p in done) == [False, True]
    assert scalar(url, "SELECT count(*) FROM release") == 1


def test_an_outdated_database_is_migrated_on_sqlite_and_named_otherwise(
    databases: Databases,
) -> None:
    url = databases.new()
    settings = settings_for(url)
    engine = build_engine(url)
    try:
        migrations.upgrade(engine, settings, "0002")
        refusing = settings
        if databases.backend == "sqlite":
            refusing = settings.model_copy(update={"auto_migrate": False})
        with pytest.raises(StartupError) as error:
            prepare_database(engine, refusing)
        assert str(error.value) == OUTDATED
        assert migrations.current_revision(engine) == "0002"
        if databases.backend == "sqlite":
            assert prepare_database(engine, settings).migrated
            assert migrations.current_revision(engine) == HEAD
    finally:
        engine.dispose()


def test_a_revision_the_code_does_not_know_is_never_migrated(empty_url: str) -> None:
    engine = build_engine(empty_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '0009'"))
        with pytest.raises(StartupError) as error:
            prepare_database(engine, settings_for(empty_url))
    finally:
        engine.dispose()
    assert str(error.value) == (
        f"the database is at revision 0009, which this code does not know (it needs {HEAD}): "
        "serve it with the code that migrated it"
    )


def test_an_unreachable_database_fails_at_once_and_its_detail_hides_the_url() -> None:
    url = f"postgresql+psycopg://foedus:s3cret@127.0.0.1:{free_port()}/private_db"
    engine = build_engine(url)
    parameters: dict[str, Any] = {}
    event.listen(engine, "do_connect", lambda *args: parameters.update(args[3]))
    try:
        with pytest.raises(StartupError) as error:
            prepare_database(engine, settings_for(url))
    finally:
        engine.dispose()
    assert parameters["connect_timeout"] == CONNECT_TIMEOUT_SECONDS
    line = str(error.value)
    assert line.startswith("the database does not answer (OperationalError: connection failed")
    assert line.endswith("; check FOEDUS_DATABASE_URL and that the database is up")
    assert "\n" not in line
    assert error.value.detail == "the database does not answer (OperationalError)"


def test_data_that_cannot_be_compiled_stops_the_start(
    seeded_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: Any, **__: Any) -> Any:
        raise RuntimeError("no organisation compiles\nsecond line")

    monkeypatch.setattr(store, "compile_organizations", broken)
    app = create_app(settings_for(seeded_url))
    with pytest.raises(StartupError) as error, TestClient(app):
        pass
    assert str(error.value) == (
        "compiling the organisations failed (RuntimeError: no organisation compiles)"
    )
