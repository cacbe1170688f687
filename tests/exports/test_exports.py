"""Exports: tables in three shapes, the whole dataset, and the year tables against the periods."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient


def test_a_list_endpoint_in_csv_and_ndjson(client: TestClient) -> None:
    as_csv = client.get(
        "/v1/organizations/csto/members", params={"at": "1995-06-01", "format": "csv"}
    )
    assert as_csv.headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert sorted(r["state.code"] for r in rows) == [
        "ARM",
        "AZE",
        "BLR",
        "GEO",
        "KAZ",
        "KGZ",
        "RUS",
        "TJK",
        "UZB",
    ]
    as_ndjson = client.get(
        "/v1/organizations/csto/members",
        params={"at": "1995-06-01"},
        headers={"Accept": "application/x-ndjson"},
    )
    lines = [json.loads(line) for line in as_ndjson.text.splitlines()]
    assert [line["state"]["code"] for line in lines] == [r["state.code"] for r in rows]
    as_json = client.get("/v1/organizations/csto/members", params={"at": "1995-06-01"}).json()
    assert [m["state"]["code"] for m in as_json["members"]] == [r["state.code"] for r in rows]


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/v1/organizations/csto/changes", {"from": "1999"}),
        ("/v1/organizations/csto/timeline", {}),
        ("/v1/states/UZB/memberships", {}),
        ("/v1/changes", {"limit": "5"}),
    ],
)
def test_other_lists_export_too(client: TestClient, path: str, params: dict[str, str]) -> None:
    response = client.get(path, params={**params, "format": "ndjson"})
    assert response.status_code == 200
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert lines
    assert all(isinstance(line, dict) for line in lines)


def test_the_whole_dataset(client: TestClient) -> None:
    whole = client.get("/v1/export").json()
    meta = client.get("/v1/meta").json()
    assert whole["release"] == meta["release"]
    assert {
        k: len(whole[k]) for k in ("organizations", "states", "memberships", "events", "sources")
    } == meta["counts"]
    lines = client.get("/v1/export", params={"format": "ndjson"}).text.splitlines()
    assert len(lines) == sum(meta["counts"].values())
    memberships = client.get("/v1/export/memberships", params={"format": "csv"}).text
    assert memberships.startswith(
        "id,organization,state,role,founding,start,earliest_start,signed,end,end_status,"
    )
    assert client.get("/v1/export", params={"format": "csv"}).status_code == 422


def csto_periods(client: TestClient) -> dict[str, list[tuple[date, date]]]:
    """The curated CSTO member periods, from the membership table itself (all exact days)."""
    out: dict[str, list[tuple[date, date]]] = {}
    for row in csv.DictReader(
        io.StringIO(client.get("/v1/export/memberships", params={"format": "csv"}).text)
    ):
        if row["organization"] == "csto" and row["role"] == "member":
            end = date.fromisoformat(row["end"]) if row["end"] else date(9999, 12, 31)
            out.setdefault(row["state"], []).append((date.fromisoformat(row["start"]), end))
    return out


def expected(periods: dict[str, list[tuple[date, date]]], rule: str) -> set[tuple[str, int]]:
    found = set()
    for code, spans in periods.items():
        for year in range(1992, date.today().year + 1):
            first, last = date(year, 1, 1), date(year, 12, 31)
            days = {first + timedelta(n) for n in range((last - first).days + 1)}
            inside = {d for d in days for s, e in spans if s <= d < e}
            if (
                (rule == "december_31" and last in inside)
                or (rule == "any_time" and inside)
                or (rule == "most_of_year" and len(inside) > len(days) / 2)
            ):
                found.add((code, year))
    return found


@pytest.mark.parametrize("rule", ["december_31", "any_time", "most_of_year"])
def test_the_csto_state_year_table_matches_the_periods(client: TestClient, rule: str) -> None:
    table = client.get("/v1/organizations/csto/state-year", params={"year_rule": rule})
    assert table.headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(table.text)))
    assert list(rows[0]) == ["ccode", "stateabb", "state", "year", "member", "certainty"]
    assert {(r["state"], int(r["year"])) for r in rows} == expected(csto_periods(client), rule)
    assert {r["certainty"] for r in rows} == {"certain"}


def test_the_dyad_year_table_pairs_the_members(client: TestClient) -> None:
    rows = client.get(
        "/v1/organizations/csto/dyad-year", params={"from": "2000", "to": "2000", "format": "json"}
    ).json()
    assert len(rows) == 15  # six members in 2000: 6 * 5 / 2 pairs
    assert {(r["state1"], r["state2"]) for r in rows} >= {("ARM", "BLR"), ("KGZ", "TJK")}
    assert (
        client.get(
            "/v1/organizations/csto/dyad-year", params={"from": "2001", "to": "2000"}
        ).status_code
        == 422
    )
