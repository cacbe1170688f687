"""HEAD on every GET route (the GET's status and headers, no body), and a 405's ``Allow``
naming every method the path takes."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

VALUES = {
    "slug": "csto",
    "code": "UZB",
    "name": "memberships",
    "q": "members of NATO in 1950",
    "from": "1999",
    "to": "2000",
    "since": "1",
    "year": "1995",
    "organization": "csto",
    "state": "ARM",
    "other": "KAZ",
}


def concrete(client: TestClient) -> list[str]:
    """Every GET path of the OpenAPI document, with real values for its parameters."""
    paths = []
    ids = {
        "membership_id": client.get("/v1/export/memberships", params={"format": "ndjson"})
        .text.splitlines()[0]
        .split('"id":')[1]
        .split(",")[0],
        "event_id": "1",
        "source_id": "1",
    }
    for path, item in client.get("/openapi.json").json()["paths"].items():
        if "get" not in item:
            continue
        for name, value in {**VALUES, **ids}.items():
            path = path.replace("{" + name + "}", value)
        required = [
            p["name"]
            for p in item["get"].get("parameters", [])
            if p.get("required") and p["in"] == "query"
        ]
        query = "&".join(f"{n}={VALUES[n]}" for n in required)
        paths.append(path + (f"?{query}" if query else ""))
    return paths


def test_head_answers_every_get_route_as_get_without_a_body(client: TestClient) -> None:
    checked = 0
    for path in concrete(client):
        got, head = client.get(path), client.head(path)
        assert head.status_code == got.status_code, path
        assert head.content == b"", path
        names = ["content-type", "content-length", "cache-control"]
        if client.get(path).headers.get("etag") == got.headers.get("etag"):
            names.append("etag")  # not for a body stamped with the time it was made (export)
        for name in names:
            assert head.headers.get(name) == got.headers.get(name), (path, name)
        checked += 1
    assert checked >= 20


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("POST", "/v1/states/UZB", "DELETE, GET, HEAD, PATCH"),
        ("PUT", "/v1/organizations", "GET, HEAD, POST"),
        ("DELETE", "/v1/organizations/csto/members", "GET, HEAD"),
        ("POST", "/healthz", "GET, HEAD"),
    ],
)
def test_a_405_names_every_method_of_the_path(
    client: TestClient, method: str, path: str, allow: str
) -> None:
    response = client.request(method, path)
    assert (response.status_code, response.headers["allow"]) == (405, allow)
    assert response.headers["content-type"] == "application/problem+json"
