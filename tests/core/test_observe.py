"""The access log: one JSON line per request on ``foedus.access``, with what was sent, and never
a credential or a query string."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.core.observe import ACCESS, Observe, printed
from app.core.settings import Settings
from app.main import create_app
from tests.conftest import SEED_DIR, Databases

FIELDS = {
    "ts",
    "method",
    "path",
    "route",
    "status",
    "duration_ms",
    "bytes",
    "cache",
    "client",
    "request_id",
}
MEMBERS = "/v1/organizations/{slug}/members"


@pytest.fixture(scope="module")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Databases, str]:
    databases = Databases("sqlite", tmp_path_factory.mktemp("access"))
    return databases, databases.migrated(SEED_DIR)


def app_on(sqlite_template: tuple[Databases, str], **settings: Any) -> Any:
    databases, template = sqlite_template
    url = databases.new(template=template)
    return create_app(Settings(database_url=url, seed_dir=SEED_DIR, **settings))


@pytest.fixture
def client(sqlite_template: tuple[Databases, str]) -> Iterator[TestClient]:
    with TestClient(app_on(sqlite_template)) as client:
        yield client


@pytest.fixture
def access(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO, logger=ACCESS.name)
    return caplog


def lines(caplog: pytest.LogCaptureFixture) -> list[dict[str, Any]]:
    return [json.loads(r.getMessage()) for r in caplog.records if r.name == ACCESS.name]


def test_on_by_default_one_line_per_request_with_every_field(
    client: TestClient, access: pytest.LogCaptureFixture
) -> None:
    assert Settings().access_log is True
    access.clear()
    answers = [
        client.get("/v1/organizations/csto/members?at=1995", headers={"X-Request-ID": "req-1.a"}),
        client.get("/v1/organizations/csto/members?at=1995"),
        client.get("/v1/organizations/csto/members?at=1995"),
        client.head("/v1/organizations/csto/members?at=1995"),
        client.get("/no/such/path"),
        client.post("/v1/meta"),
    ]
    logged = lines(access)
    assert len(logged) == len(answers)
    assert all(set(line) == FIELDS for line in logged)
    assert all(line["ts"].endswith("+00:00") and line["client"] == "testclient" for line in logged)
    assert all(isinstance(line["duration_ms"], float) for line in logged)
    seen = [
        (line["method"], line["path"], line["route"], line["status"], line["cache"])
        for line in logged
    ]
    members = "/v1/organizations/csto/members"  # the path, without its query
    assert seen == [
        ("GET", members, MEMBERS, 200, "miss"),
        ("GET", members, MEMBERS, 200, "miss"),  # kept on its second asking
        ("GET", members, MEMBERS, 200, "hit"),
        ("HEAD", members, MEMBERS, 200, "hit"),
        ("GET", "/no/such/path", "unmatched", 404, None),
        ("POST", "/v1/meta", "/v1/meta", 405, None),
    ]
    assert [line["bytes"] for line in logged] == [len(a.content) for a in answers]
    assert logged[3]["bytes"] == 0  # a HEAD sends no body
    assert [line["request_id"] for line in logged] == ["req-1.a", *[None] * 5]


@pytest.mark.parametrize(
    "request_id",
    ["has space", "<script>", "x" * 129, 'quo"te', "a\\b", "é"],
)
def test_a_request_id_is_echoed_only_when_it_is_a_plain_token(
    client: TestClient, access: pytest.LogCaptureFixture, request_id: str
) -> None:
    access.clear()
    client.get("/v1/meta", headers={"X-Request-ID": request_id.encode()})
    assert [line["request_id"] for line in lines(access)] == [None]


def test_credentials_and_query_strings_are_never_logged(
    client: TestClient, access: pytest.LogCaptureFixture
) -> None:
    access.clear()
    secret = "fds_not-a-real-key-0123456789"
    client.get(
        "/v1/meta?format=json&note=hidden-query", headers={"Authorization": f"Bearer {secret}"}
    )
    client.post("/v1/memberships", headers={"Authorization": f"Bearer {secret}"}, json={})
    logged = [r.getMessage() for r in access.records if r.name == ACCESS.name]
    assert len(logged) == 2
    assert not any(secret in line or "hidden-query" in line for line in logged)
    assert not any("authorization" in line.lower() or "bearer" in line.lower() for line in logged)


def test_off_the_log_is_silent_and_with_no_metrics_nothing_is_installed(
    sqlite_template: tuple[Databases, str], access: pytest.LogCaptureFixture
) -> None:
    app = app_on(sqlite_template, access_log=False)
    assert Observe not in [m.cls for m in app.user_middleware]
    with TestClient(app) as client:
        access.clear()
        assert client.get("/v1/meta").status_code == 200
    assert lines(access) == []


def test_lines_show_unless_logging_is_configured_for_them() -> None:
    alone = logging.Logger("alone")  # outside the hierarchy: no handler above it
    printed(alone)
    printed(alone)
    assert alone.level == logging.INFO
    assert len(alone.handlers) == 1
    configured = logging.Logger("configured", level=logging.WARNING)
    configured.addHandler(logging.NullHandler())
    printed(configured)
    assert configured.level == logging.WARNING
    assert len(configured.handlers) == 1
