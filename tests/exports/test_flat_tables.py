"""Every list endpoint answers as CSV and NDJSON too, and a CSV cell holds text, never JSON."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient


def _json(text: str) -> object:
    try:
        return json.loads(text)
    except ValueError:
        return text


LISTS = [
    ("/v1/organizations", {}),
    ("/v1/states", {"kind": "partially_recognised"}),
    ("/v1/organizations/csto/members", {"at": "2020-01-01", "role": "any"}),
    ("/v1/organizations/csto/changes", {"from": "1992", "to": "2026"}),
    ("/v1/organizations/csto/timeline", {}),
    ("/v1/states/ARM/memberships", {}),
]


@pytest.mark.parametrize(("path", "params"), LISTS)
def test_csv_cells_hold_text_and_match_the_json(
    client: TestClient, path: str, params: dict[str, str]
) -> None:
    response = client.get(path, params={**params, "format": "csv"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows
    for row in rows:
        for value in row.values():
            assert not isinstance(_json(value), dict | list), value
    ndjson = client.get(path, params=params, headers={"Accept": "application/x-ndjson"})
    assert ndjson.headers["content-type"].startswith("application/x-ndjson")
    assert len(rows) == len([json.loads(line) for line in ndjson.text.splitlines()])


@pytest.mark.parametrize("path", ["/v1/organizations", "/v1/states"])
def test_a_format_outside_the_list_is_refused(client: TestClient, path: str) -> None:
    response = client.get(path, params={"format": "xml"})
    assert response.status_code == 422
    assert response.json()["parameter"] == "query.format"
