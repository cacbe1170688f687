"""GET /v1/sources/{id}."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_a_cited_source_can_be_read(client: TestClient) -> None:
    cited = client.get("/v1/organizations/csto/members", params={"at": "1995-06-01"}).json()
    source = cited["members"][0]["sources"][0]
    body = client.get(f"/v1/sources/{source['id']}").json()
    assert body == source
    assert body["accessed"] == "2026-11-26"
    assert body["url"] or body["citation"]


def test_an_unknown_source_is_a_404_problem(client: TestClient) -> None:
    response = client.get("/v1/sources/999999")
    assert response.status_code == 404
    assert response.json()["parameter"] == "source_id"


def test_a_malformed_id_is_a_422_problem(client: TestClient) -> None:
    for bad in ("abc", "0", "99999999999999999999"):
        response = client.get(f"/v1/sources/{bad}")
        assert response.status_code == 422
        assert response.json()["parameter"] == "path.source_id"
