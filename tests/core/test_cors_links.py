"""CORS as browsers expect it, kept answers included (each request's own origin, ``Vary``
once), and addresses never built from the ``Host`` header: relative, or under
``FOEDUS_PUBLIC_URL``."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.auth.keys import create_key
from app.core.db import build_engine
from app.core.settings import Settings
from app.main import create_app
from tests.conftest import SEED_DIR, Databases
from tests.servers import serve

ALLOWED, OTHER = "https://app.example", "https://elsewhere.example"
QUESTION = "/v1/organizations/csto/members?at=1995-06-01"


def app_client(url: str, **settings: object) -> TestClient:
    return TestClient(create_app(Settings(database_url=url, seed_dir=SEED_DIR, **settings)))  # type: ignore[arg-type]


@pytest.fixture
def cors(seeded_url: str) -> Iterator[TestClient]:
    with app_client(seeded_url, cors_origins=[ALLOWED]) as client:
        yield client


def vary(response: object) -> list[str]:
    headers = response.headers  # type: ignore[attr-defined]
    return [v.strip() for v in ",".join(headers.get_list("vary")).split(",") if v.strip()]


def test_a_preflight_is_answered_for_an_allowed_origin(cors: TestClient) -> None:
    asked = {"Origin": ALLOWED, "Access-Control-Request-Method": "GET"}
    preflight = cors.options(QUESTION, headers=asked)
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == ALLOWED
    assert "GET" in preflight.headers["access-control-allow-methods"]


def test_kept_answers_carry_each_request_s_own_origin_and_vary_once(cors: TestClient) -> None:
    for _ in range(3):  # asked again and again: kept, then answered from memory
        mine = cors.get(QUESTION, headers={"Origin": ALLOWED})
        assert mine.headers["access-control-allow-origin"] == ALLOWED
        assert vary(mine) == ["Accept", "Origin"]
    other = cors.get(QUESTION, headers={"Origin": OTHER})
    plain = cors.get(QUESTION)
    assert other.content == plain.content == mine.content
    assert "access-control-allow-origin" not in other.headers
    assert "access-control-allow-origin" not in plain.headers
    assert vary(other) == ["Accept", "Origin"]
    not_modified = cors.get(
        QUESTION, headers={"Origin": ALLOWED, "If-None-Match": mine.headers["etag"]}
    )
    assert not_modified.status_code == 304
    assert not_modified.headers["access-control-allow-origin"] == ALLOWED


@pytest.fixture
def writer(seeded_url: str) -> dict[str, str]:
    engine = build_engine(seeded_url)
    with Session(engine) as session:
        key = create_key(session, name="links", scopes=["write"])
    engine.dispose()
    return {"Authorization": f"Bearer {key}"}


def made_source(client: TestClient, writer: dict[str, str]) -> str:
    created = client.post(
        "/v1/sources",
        json={"title": "A test source", "citation": "Cited.", "accessed": "2026-12-08"},
        headers={**writer, "Host": "evil.example"},
    )
    assert created.status_code == 201, created.text
    location: str = created.headers["location"]
    assert location.endswith(f"/v1/sources/{created.json()['id']}")
    return location


def test_addresses_are_relative_never_from_the_host_header(
    seeded_url: str, writer: dict[str, str]
) -> None:
    with app_client(seeded_url) as client:
        assert made_source(client, writer).startswith("/v1/sources/")
        page = client.get("/v1/states", params={"limit": 2}, headers={"Host": "evil.example"})
        assert page.headers["link"].startswith("</v1/states?")


def test_addresses_are_absolute_under_the_public_url(
    seeded_url: str, writer: dict[str, str]
) -> None:
    public = "https://api.example.org"
    with app_client(seeded_url, public_url=public + "/") as client:
        assert made_source(client, writer).startswith(f"{public}/v1/sources/")
        page = client.get("/v1/states", params={"limit": 2}, headers={"Host": "evil.example"})
        assert page.headers["link"].startswith(f"<{public}/v1/states?")


def test_a_public_url_that_is_not_an_address_is_refused() -> None:
    with pytest.raises(ValueError, match="public_url"):
        Settings(public_url="api.example.org")


@pytest.mark.parametrize(("trusted", "client"), [("", "127.0.0.1"), ("127.0.0.1", "203.0.113.9")])
def test_forwarded_headers_are_believed_only_from_trusted_proxies(
    databases: Databases, seeded_template: str, trusted: str, client: str
) -> None:
    if databases.backend != "sqlite":
        pytest.skip("the server's reading of headers, not the database")
    url = databases.new(template=seeded_template)
    with serve(url, FOEDUS_FORWARDED_ALLOW_IPS=trusted) as served:
        asked = httpx.get(
            f"{served.base}/healthz",
            headers={"X-Forwarded-For": "203.0.113.9", "X-Request-ID": "forwarded-probe"},
            timeout=30,
        )
        assert asked.status_code == 200
        stdout, _ = served.stop()
    lines = [json.loads(line) for line in stdout.splitlines() if "forwarded-probe" in line]
    assert [line["client"] for line in lines] == [client]
