"""Test databases: every test owns one, on SQLite always and on PostgreSQL when
``FOEDUS_TEST_DATABASE_URL`` is set. Seeded databases are copied from a per-session template."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from app.core import migrations
from app.core.db import build_engine
from app.core.runtime import Runtime, runtime_of
from app.core.settings import PROJECT_ROOT, Settings
from app.datasets.importer import import_file
from app.main import create_app
from app.seeding.loader import load_seed

SEED_DIR = Path(os.environ.get("FOEDUS_TEST_SEED_DIR", PROJECT_ROOT / "seed"))
FIXTURE_SEED_DIR = Path(__file__).parent / "fixtures" / "seed"
SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"
PG_URL = os.environ.get("FOEDUS_TEST_DATABASE_URL")
DATASET_FILES = {
    "cow-alliance-v4.1": SHARED_DATA / "cow-formal-alliances-v4.1" / "alliance_v4.1_by_member.csv",
    "atop-4.01": SHARED_DATA / "atop-v4.01" / "atop-member-level.csv",
    "cow-igo-v3": SHARED_DATA / "cow-igo-v3" / "igo_year_format3.csv",
    "cow-states-2016": SHARED_DATA / "cow-state-system-v2016" / "states2016.csv",
}


def running(app: Any) -> Runtime:
    """What a started app holds."""
    found = runtime_of(app)
    assert found is not None, "the app has not started"
    return found


def settings_for(url: str, seed_dir: Path = SEED_DIR) -> Settings:
    return Settings(database_url=url, seed_dir=seed_dir)


@contextmanager
def running_server(url: str) -> Iterator[str]:
    """The app on ``url``'s database under uvicorn in a thread; yields its base address."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(settings_for(url))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the test server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


class Databases:
    """Creates and drops throwaway databases of one backend."""

    def __init__(self, backend: str, tmp: Path) -> None:
        self.backend = backend
        self.tmp = tmp
        self.created: list[str] = []

    def new(self, template: str | None = None) -> str:
        name = f"foedus_test_{uuid.uuid4().hex[:12]}"
        if self.backend == "sqlite":
            path = self.tmp / f"{name}.db"
            if template is not None:
                shutil.copyfile(make_url(template).database or "", path)
            return f"sqlite:///{path}"
        assert PG_URL is not None
        source = f" TEMPLATE {make_url(template).database}" if template else ""
        self._admin(f"CREATE DATABASE {name}{source}")
        self.created.append(name)
        return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)

    def migrated(self, seed_dir: Path | None = None, *, imports: bool = False) -> str:
        url = self.new()
        engine = build_engine(url)
        try:
            migrations.upgrade(engine, settings_for(url))
            if seed_dir is not None:
                with Session(engine) as session:
                    load_seed(session, seed_dir)
            for kind, path in DATASET_FILES.items() if imports else ():
                with Session(engine) as session:
                    import_file(session, kind=kind, path=path)
        finally:
            engine.dispose()
        return url

    def _admin(self, statement: str) -> None:
        assert PG_URL is not None
        engine = build_engine(PG_URL).execution_options(isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as connection:
                connection.execute(text(statement))
        finally:
            engine.dispose()

    def drop_all(self) -> None:
        for name in self.created:
            self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def databases(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Databases]:
    if request.param == "postgresql" and not PG_URL:
        pytest.skip("FOEDUS_TEST_DATABASE_URL is not set")
    dbs = Databases(request.param, tmp_path_factory.mktemp(request.param))
    yield dbs
    if request.param == "postgresql":
        dbs.drop_all()


@pytest.fixture(scope="session")
def seeded_template(databases: Databases) -> str:
    return databases.migrated(SEED_DIR)


@pytest.fixture(scope="session")
def fixture_template(databases: Databases) -> str:
    return databases.migrated(FIXTURE_SEED_DIR)


@pytest.fixture(scope="session")
def imported_template(databases: Databases) -> str:
    if not SHARED_DATA.is_dir():
        pytest.skip("shared research data absent")
    return databases.migrated(SEED_DIR, imports=True)


@pytest.fixture
def imported_client(databases: Databases, imported_template: str) -> Iterator[TestClient]:
    """The API over the real seed with the four research datasets imported."""
    yield from _client(databases.new(template=imported_template), SEED_DIR)


@pytest.fixture
def seeded_url(databases: Databases, seeded_template: str) -> str:
    """A database of this test's own, holding the real seed."""
    return databases.new(template=seeded_template)


@pytest.fixture
def fixture_url(databases: Databases, fixture_template: str) -> str:
    """A database of this test's own, holding the small deterministic test seed."""
    return databases.new(template=fixture_template)


@pytest.fixture
def empty_url(databases: Databases) -> str:
    """A migrated database with no data."""
    return databases.migrated()


def _client(url: str, seed_dir: Path) -> Iterator[TestClient]:
    with TestClient(create_app(settings_for(url, seed_dir))) as client:
        yield client


@pytest.fixture
def client(seeded_url: str) -> Iterator[TestClient]:
    """The API over the real seed."""
    yield from _client(seeded_url, SEED_DIR)


@pytest.fixture
def fixture_client(fixture_url: str) -> Iterator[TestClient]:
    """The API over the small test seed (imprecise dates, unknown ends, links, observers)."""
    yield from _client(fixture_url, FIXTURE_SEED_DIR)


# The longest files first, so that two workers (pytest-xdist, one file per worker at a time)
# finish together instead of one waiting for the other at the end.
SLOW_FIRST = (
    "tests/reliability/test_crash.py",
    "tests/reliability/test_load.py",
    "tests/memberships/test_at_scale.py",
    "tests/seeding/test_cross_check.py",
    "tests/core/test_fuzz.py",
    "tests/bench/test_harness.py",
    "tests/browser/test_pages.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        path = item.nodeid.split("::")[0]
        return SLOW_FIRST.index(path) if path in SLOW_FIRST else len(SLOW_FIRST)

    items.sort(key=rank)  # stable: the order within a file and among the rest is kept
