"""Crash safety: the seed loader and the importers killed with SIGKILL at random moments leave
the database exactly as before the run or exactly as after it; it passes the data check and the
server starts. (SQLite, the embedded default; the kill points come from a fixed seed.)"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session

from app.core.db import build_engine
from app.health.router import EMPTY
from app.main import create_app
from app.seeding.check import database_violations
from tests.conftest import DATASET_FILES, SEED_DIR, SHARED_DATA, Databases, settings_for

pytestmark = pytest.mark.slow

FOEDUS = str(Path(sys.executable).parent / "foedus")
VOLATILE = {("release", "at"), ("dataset", "imported_at")}  # clock readings, not data


def state(url: str) -> dict[str, set[tuple[Any, ...]]]:
    engine = build_engine(url)
    try:
        with engine.connect() as connection:
            tables = [
                r[0]
                for r in connection.execute(
                    text("SELECT name FROM sqlite_master WHERE type = 'table'")
                )
            ]
            out = {}
            for table in tables:
                result = connection.execute(text(f"SELECT * FROM {table}"))
                keep = [i for i, c in enumerate(result.keys()) if (table, c) not in VOLATILE]
                out[table] = {tuple(row[i] for i in keep) for row in result}
            return out
    finally:
        engine.dispose()


def run(args: list[str], url: str, *, kill_after: float | None) -> None:
    env = {**os.environ, "FOEDUS_DATABASE_URL": url, "FOEDUS_SEED_DIR": str(SEED_DIR)}
    process = subprocess.Popen(
        [FOEDUS, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    if kill_after is None:
        assert process.wait(timeout=120) == 0
        return
    try:
        process.wait(timeout=kill_after)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)


def healthy(url: str, *, holds_organisations: bool) -> None:
    """The data check passes and the server starts; it is ready if the data holds
    organisations, else it says the shipped data is to be loaded (a migrated, empty database
    is no API)."""
    engine = build_engine(url)
    with Session(engine) as session:
        assert database_violations(session) == []
    engine.dispose()
    with TestClient(create_app(settings_for(url))) as client:
        health = client.get("/healthz")
    if holds_organisations:
        assert health.status_code == 200, health.text
    else:
        assert (health.status_code, health.json()["detail"]) == (503, EMPTY)


def trials(
    tmp_path: Path, start: str, args: list[str], count: int, rng: random.Random, longest: float
) -> tuple[int, int]:
    """(ended before, ended after) over ``count`` killed runs from a copy of ``start``."""
    reference = tmp_path / "reference.db"
    shutil.copyfile(start.removeprefix("sqlite:///"), reference)
    before = state(f"sqlite:///{reference}")
    run(args, f"sqlite:///{reference}", kill_after=None)
    after = state(f"sqlite:///{reference}")
    assert before != after
    outcomes = [0, 0]
    for n in range(count):
        copy = tmp_path / f"trial-{n}.db"
        shutil.copyfile(start.removeprefix("sqlite:///"), copy)
        url = f"sqlite:///{copy}"
        run(args, url, kill_after=rng.uniform(0.05, longest))
        now = state(url)
        assert now in (before, after), f"trial {n}: neither before nor after"
        outcomes[now == after] += 1
        healthy(url, holds_organisations=bool(now["organization"]))
    return outcomes[0], outcomes[1]


@pytest.fixture
def sqlite(tmp_path_factory: pytest.TempPathFactory) -> Databases:
    return Databases("sqlite", tmp_path_factory.mktemp("crash"))


def test_the_seed_loader_survives_sigkill(sqlite: Databases, tmp_path: Path) -> None:
    start = sqlite.migrated()  # migrated, empty: the loader is what gets killed
    began = time.monotonic()
    run(["seed"], f"sqlite:///{tmp_path / 'timing.db'}", kill_after=None)
    longest = (time.monotonic() - began) * 1.2
    ended_before, ended_after = trials(tmp_path, start, ["seed"], 20, random.Random(6), longest)
    assert ended_before + ended_after == 20


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="shared research data absent")
@pytest.mark.parametrize("kind", sorted(DATASET_FILES))
def test_each_importer_survives_sigkill(sqlite: Databases, tmp_path: Path, kind: str) -> None:
    start = sqlite.migrated(SEED_DIR)
    path = str(DATASET_FILES[kind])
    began = time.monotonic()
    run(["import", kind, path], f"sqlite:///{tmp_path / 'timing.db'}", kill_after=None)
    longest = (time.monotonic() - began) * 1.2
    ended_before, ended_after = trials(
        tmp_path, start, ["import", kind, path], 5, random.Random(kind), longest
    )
    assert ended_before + ended_after == 5
