"""Secure defaults: no internals in errors, security headers, CORS off unless asked, writes that
can be switched off, and a read-only mode the database itself enforces."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlmodel import Session

from app.auth.keys import create_key
from app.core.db import build_engine
from app.core.settings import Settings
from app.main import create_app
from app.organizations import repository
from tests.conftest import SEED_DIR, running


def test_an_internal_error_shows_no_trace_and_no_sql(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object, **__: object) -> None:
        raise SQLAlchemyError("SELECT secret FROM api_key WHERE 1=1")

    monkeypatch.setattr(repository, "get_by_slug", broken)
    response = TestClient(client.app, raise_server_exceptions=False).get("/v1/organizations/csto")
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert "SELECT" not in response.text
    assert "Traceback" not in response.text


def test_security_headers_on_every_answer(client: TestClient) -> None:
    for path in ("/v1/organizations/csto", "/v1/nope", "/docs"):
        headers = client.get(path).headers
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert "frame-ancestors 'none'" in headers["content-security-policy"]


def test_cors_is_off_by_default_and_can_be_allowed(seeded_url: str) -> None:
    ask = {"Origin": "https://quiz.example"}
    with TestClient(create_app(Settings(database_url=seeded_url, seed_dir=SEED_DIR))) as plain:
        assert "access-control-allow-origin" not in plain.get("/v1/meta", headers=ask).headers
    allowed = Settings(
        database_url=seeded_url, seed_dir=SEED_DIR, cors_origins=["https://quiz.example"]
    )
    with TestClient(create_app(allowed)) as open_:
        assert (
            open_.get("/v1/meta", headers=ask).headers["access-control-allow-origin"]
            == "https://quiz.example"
        )


def key_for(url: str) -> dict[str, str]:
    engine = build_engine(url)
    with Session(engine) as session:
        key = create_key(session, name="eve", scopes=["write"])
    engine.dispose()
    return {"Authorization": f"Bearer {key}"}


def test_writes_can_be_switched_off_and_docs_and_reads_still_work(seeded_url: str) -> None:
    key = key_for(seeded_url)
    settings = Settings(database_url=seeded_url, seed_dir=SEED_DIR, writes_enabled=False)
    with TestClient(create_app(settings)) as client:
        refused = client.post(
            "/v1/sources",
            headers=key,
            json={"title": "x", "url": "https://x.example", "accessed": "2026"},
        )
        assert (refused.status_code, refused.json()["detail"]) == (
            403,
            "writes are disabled on this server",
        )
        assert client.get("/docs").status_code == 200
        assert (
            client.get("/v1/organizations/csto/members", params={"at": "1995-06-01"}).json()[
                "count"
            ]
            == 9
        )


def test_read_only_mode_is_enforced_by_the_database(seeded_url: str) -> None:
    key = key_for(seeded_url)
    settings = Settings(database_url=seeded_url, seed_dir=SEED_DIR, read_only=True)
    with TestClient(create_app(settings)) as client:
        assert client.get("/v1/organizations/csto/members").status_code == 200
        assert client.post("/v1/sources", headers=key, json={}).status_code == 403
        engine = running(client.app).engine
        with pytest.raises(DBAPIError, match=r"read.?only"), engine.begin() as connection:
            connection.execute(text("DELETE FROM source"))
