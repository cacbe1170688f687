"""Cross-cutting HTTP behaviour: problem+json everywhere, ETags, OpenAPI documentation."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_an_unknown_route_is_a_problem(client: TestClient) -> None:
    response = client.get("/v1/nothing-here")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["title"] == "Not Found"


def test_a_wrong_method_is_a_problem(client: TestClient) -> None:
    response = client.post("/v1/organizations/csto")
    assert response.status_code == 405
    assert response.headers["content-type"] == "application/problem+json"


def test_etag_and_if_none_match(client: TestClient) -> None:
    first = client.get("/v1/organizations/csto/members", params={"at": "1995-06-01"})
    tag = first.headers["etag"]
    again = client.get(
        "/v1/organizations/csto/members",
        params={"at": "1995-06-01"},
        headers={"If-None-Match": tag},
    )
    assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", tag)
    other = client.get(
        "/v1/organizations/csto/members",
        params={"at": "2000-01-01"},
        headers={"If-None-Match": tag},
    )
    assert other.status_code == 200
    assert other.headers["etag"] != tag


def test_errors_carry_no_etag(client: TestClient) -> None:
    assert "etag" not in client.get("/v1/organizations/nope").headers


def test_every_parameter_is_described_with_an_example(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    missing = []
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            assert operation.get("summary"), (method, path)
            assert operation.get("description"), (method, path)
            for parameter in operation.get("parameters", []):
                has_example = (
                    "example" in parameter
                    or "examples" in parameter
                    or ("examples" in parameter.get("schema", {}))
                )
                if not parameter.get("description") or not has_example:
                    missing.append(f"{method} {path} {parameter['name']}")
    assert missing == []
