"""Hostile input: every request gets a clear 4xx problem naming the field, and changes nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session

from app.auth.keys import create_key
from app.core.db import build_engine
from app.main import create_app
from app.seeding.loader import read_seed
from tests.conftest import SEED_DIR, settings_for

MEMBERS = "/v1/organizations/csto/members"


@pytest.fixture
def armed(seeded_url: str) -> Iterator[tuple[TestClient, dict[str, str], str]]:
    engine = build_engine(seeded_url)
    with Session(engine) as session:
        key = create_key(session, name="mallory", scopes=["write"])
    engine.dispose()
    with TestClient(create_app(settings_for(seeded_url, SEED_DIR))) as client:
        yield client, {"Authorization": f"Bearer {key}"}, seeded_url


def snapshot(url: str) -> list[Any]:
    engine = build_engine(url)
    try:
        with engine.connect() as connection:
            return [
                tuple(r)
                for table in (
                    "membership",
                    "organization",
                    "state",
                    "source",
                    "event",
                    "citation",
                    "release",
                )
                for r in connection.execute(text(f"SELECT * FROM {table} ORDER BY id"))
            ]
    finally:
        engine.dispose()


def problem(response: Any, status: int, parameter: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["parameter"] == parameter
    assert "Traceback" not in response.text


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"at": "0000"}, "at"),
        ({"at": "99999"}, "at"),
        ({"at": "2024-02-30"}, "at"),
        ({"at": ""}, "at"),
        ({"at": "١٩٩٥"}, "at"),
        ({"during": "1995/99999"}, "during"),
        ({"during": "9999/0001"}, "during"),
        ({"at": "1995\x00"}, "query.at"),
        ({"role": "member' OR '1'='1"}, "query.role"),
        ({"certainty": "\u202e"}, "query.certainty"),
    ],
)
def test_hostile_dates_and_filters(
    client: TestClient, params: dict[str, str], parameter: str
) -> None:
    problem(client.get(MEMBERS, params=params), 422, parameter)


@pytest.mark.parametrize(
    ("path", "params", "status", "parameter"),
    [
        ("/v1/organizations", {"limit": "1000000"}, 422, "query.limit"),
        ("/v1/states", {"limit": "-5"}, 422, "query.limit"),
        ("/v1/states", {"cursor": "' OR 1=1 --"}, 422, "cursor"),
        ("/v1/changes", {"cursor": "%%%"}, 422, "cursor"),
        ("/v1/organizations", {"q": "x" * 5000}, 414, "query"),
        ("/v1/organizations", {"q": "nato\x00"}, 422, "query.q"),
        ("/v1/states/Robert'); DROP TABLE state;--", {}, 404, "code"),
        ("/v1/sources/1e9", {}, 422, "path.source_id"),
    ],
)
def test_hostile_lists_and_lookups(
    client: TestClient, path: str, params: dict[str, str], status: int, parameter: str
) -> None:
    problem(client.get(path, params=params), status, parameter)


def test_sql_in_a_search_is_just_text(client: TestClient) -> None:
    body = client.get("/v1/organizations", params={"q": "' OR 1=1 --"}).json()
    assert body["items"] == []
    listed = client.get("/v1/organizations", params={"limit": 500}).json()["items"]
    assert len(listed) == len(read_seed(SEED_DIR).organizations)  # every one, none more


def test_hostile_writes_change_nothing(armed: tuple[TestClient, dict[str, str], str]) -> None:
    client, key, url = armed
    before = snapshot(url)
    nested = "[" * 100_000 + "]" * 100_000
    cases = [
        (
            client.post(
                "/v1/memberships",
                content=nested,
                headers={**key, "Content-Type": "application/json"},
            ),
            422,
            "body",
        ),
        (
            client.post(
                "/v1/memberships",
                content="x" * 2_000_000,
                headers={**key, "Content-Type": "application/json"},
            ),
            413,
            "body",
        ),
        (
            client.post(
                "/v1/memberships",
                content="organization=csto",
                headers={**key, "Content-Type": "text/plain"},
            ),
            422,
            "body",
        ),
        (
            client.post(
                "/v1/memberships",
                content="{not json",
                headers={**key, "Content-Type": "application/json"},
            ),
            422,
            "body.1",
        ),
        (
            client.post(
                "/v1/memberships",
                headers=key,
                json={
                    "organization": "csto\x00",
                    "state": "ARM",
                    "period": {"start": "1995"},
                    "sources": [1],
                },
            ),
            422,
            "body",
        ),
        (
            client.patch(
                "/v1/memberships/1", headers={**key, "If-Match": "garbage"}, json={"notes": "x"}
            ),
            412,
            "If-Match",
        ),
        (
            client.post(
                "/v1/sources",
                headers=key,
                json={"title": "x", "url": "javascript:alert(1)", "accessed": "2026-11-26"},
            ),
            422,
            "body.url",
        ),
    ]
    for response, status, parameter in cases:
        problem(response, status, parameter)
    assert snapshot(url) == before


def test_nul_in_a_path_is_refused(client: TestClient) -> None:
    problem(client.get("/v1/states/AB%00C"), 422, "path")


def test_a_deep_body_is_measured_outside_strings() -> None:
    from app.core.limits import json_depth

    assert json_depth(json.dumps({"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}).encode()) == 1
    assert json_depth(b'{"a": [{"b": [1]}]}') == 4


@pytest.mark.parametrize(
    "recorded_at",
    ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "1995", "yesterday"],
)
@pytest.mark.parametrize(
    "path",
    ["/v1/organizations/csto/members", "/v1/states/UZB/memberships", "/v1/meta", "/v1/ask"],
)
def test_a_recorded_at_without_a_utc_time_is_a_422(
    client: TestClient, path: str, recorded_at: str
) -> None:
    params = {"recorded_at": recorded_at}
    if path == "/v1/ask":
        params["q"] = "who was a member of the CSTO in 1995"
    response = client.get(path, params=params)
    assert response.status_code == 422, response.text
    assert response.json()["parameter"] == "query.recorded_at"


@pytest.mark.parametrize(
    "headers",
    [
        {f"X-Many-{n}": "1" for n in range(101)},  # more fields than taken
        {"Accept": "text/html," * 2048},  # more bytes than taken
    ],
    ids=["fields", "bytes"],
)
def test_headers_past_the_bounds_are_a_431_whatever_the_server(
    client: TestClient, headers: dict[str, str]
) -> None:
    """The app bounds headers itself, for a server that does not (``foedus serve`` does)."""
    answer = client.get("/v1/organizations/csto/members", headers=headers)
    problem(answer, 431, "headers")
    kept = client.get("/v1/organizations/csto/members", headers={"X-One": "1" * 1000})
    assert kept.status_code == 200
