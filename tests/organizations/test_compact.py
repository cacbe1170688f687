"""view=compact: the members answer in brief, each member one flat record, from the same answer
as the full view (the real seed)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def test_the_nine_members_of_1995_in_under_two_kilobytes(client: TestClient) -> None:
    full = client.get("/v1/organizations/csto/members", params={"at": "1995-06-01"})
    brief = client.get(
        "/v1/organizations/csto/members", params={"at": "1995-06-01", "view": "compact"}
    )
    assert brief.status_code == 200
    assert len(brief.content) < 2048 < len(full.content)
    body = brief.json()
    assert body["filters"]["view"] == "compact"
    assert body["count"] == full.json()["count"] == len(body["members"])
    assert [
        {
            "code": m["state"]["code"],
            "name": m["state"]["name"],
            "kind": m["state"]["kind"],
            "role": m["role"],
            "start": m["period"]["start"],
            "end": m["period"]["end"],
            "certainty": m["certainty"],
            "participation": m["participation"],
            "organization": None,
        }
        for m in full.json()["members"]
    ] == body["members"]
    assert "sources" not in brief.text


def test_compact_with_lineage_names_the_body(client: TestClient) -> None:
    body = client.get(
        "/v1/organizations/eu/members",
        params={"at": "1975-06-01", "lineage": "true", "view": "compact"},
    ).json()
    assert {m["organization"] for m in body["members"]} == {"eec"}
    assert body["existence"]["status"] == "not_yet_founded"


@pytest.mark.parametrize("fmt", ["csv", "ndjson"])
def test_a_compact_table_has_the_same_columns(client: TestClient, fmt: str) -> None:
    response = client.get(
        "/v1/organizations/csto/members",
        params={"at": "1995-06-01", "view": "compact", "format": fmt},
    )
    assert response.status_code == 200
    if fmt == "csv":
        header = response.text.splitlines()[0]
        assert header == "code,name,kind,role,start,end,certainty,participation,organization"
    else:
        count = client.get(
            "/v1/organizations/csto/members", params={"at": "1995-06-01", "view": "compact"}
        ).json()["count"]
        assert response.text.count("\n") == count


def test_an_unknown_view_is_refused(client: TestClient) -> None:
    response = client.get("/v1/organizations/csto/members", params={"view": "tiny"})
    assert response.status_code == 422
    assert response.json()["parameter"] == "query.view"
