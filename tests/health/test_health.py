"""GET /healthz: ready, or a 503 problem saying what is wrong, without internals."""

from __future__ import annotations

import socket
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from starlette.applications import Starlette
from starlette.routing import Mount

from app.core import migrations
from app.core.db import build_engine
from app.core.settings import Settings
from app.main import create_app
from app.memberships import store
from tests.conftest import running


def test_ready_at_the_newest_revision(client: TestClient) -> None:
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["revision"] == body["head"]
    assert body["database"] in {"sqlite", "postgresql"}


def unavailable(client: TestClient, path: str = "/healthz") -> str:
    response = client.get(path)
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert (body["type"], body["status"]) == ("https://foedus.dev/problems/unavailable", 503)
    detail: str = body["detail"]
    return detail


def test_an_app_that_cannot_start_says_why(tmp_path: Path) -> None:
    """Mounted (no lifespan run), the app starts at its first request: here it cannot."""
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'blank.db'}", auto_migrate=False)
    host = Starlette(routes=[Mount("/api", app=create_app(settings))])
    with TestClient(host) as client:
        assert unavailable(client, "/api/healthz") == (
            "the database is not migrated: run `python3 -m app.cli migrate` "
            "(then `python3 -m app.cli seed` for the shipped data)"
        )


def test_a_database_migrated_back_is_not_ready(client: TestClient, seeded_url: str) -> None:
    engine = build_engine(seeded_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '0002'"))
    finally:
        engine.dispose()
    head = migrations.head_revision(Settings())
    assert unavailable(client) == (
        f"the database is at revision 0002, the code needs {head}: run `python3 -m app.cli migrate`"
    )


def test_an_unreachable_database_is_not_ready_and_no_more_is_said(client: TestClient) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app, live = client.app, running(client.app)
    unreachable = build_engine(f"postgresql+psycopg://admin:s3cret@127.0.0.1:{port}/private_db")
    app.state.runtime = replace(live, engine=unreachable)  # type: ignore[attr-defined]
    try:
        response = client.get("/healthz")
    finally:
        unreachable.dispose()
        app.state.runtime = live  # type: ignore[attr-defined]
    assert response.status_code == 503
    assert response.json()["detail"] == "the database does not answer (OperationalError)"
    for secret in ("s3cret", "admin", "127.0.0.1", str(port), "private_db", "psycopg"):
        assert secret not in response.text


def test_a_failed_index_build_is_not_ready_until_a_build_succeeds(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    index: store.Index = running(client.app).index
    compile_all = store.compile_organizations

    def broken(*_: Any, **__: Any) -> Any:
        raise RuntimeError("the data at /srv/secret cannot be compiled")

    monkeypatch.setattr(store, "compile_organizations", broken)
    index.build()  # as after a write: logged, kept
    detail = unavailable(client)
    assert detail == "compiling the organisations failed (RuntimeError); the server log says more"
    monkeypatch.setattr(store, "compile_organizations", compile_all)
    monkeypatch.setattr(store, "RETRY_SECONDS", 0.0)
    deadline = time.monotonic() + 60  # each /healthz starts a build again, in the background
    while client.get("/healthz").status_code != 200:
        assert time.monotonic() < deadline, "the index was not built again"
        time.sleep(0.1)
    assert index.error is None
