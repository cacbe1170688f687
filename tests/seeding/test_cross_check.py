"""Foedus against the research datasets, year by year: every difference must be documented.

The CSTO file lists, per dataset, where that dataset's yearly picture differs from Foedus and why.
This test recomputes the differences from the dataset files themselves (read in place, never
copied) and from the API's own answers, and requires the two lists to be identical.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import SHARED_DATA

pytestmark = pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="shared research data absent")

Difference = tuple[str, int, str]  # (state code, year, what the dataset says)

# COW IGO names its state columns in words; these are the CSTO-relevant ones.
IGO_COLUMNS = {
    "armenia": "ARM",
    "azerbaijan": "AZE",
    "belarus": "BLR",
    "georgia": "GEO",
    "kazakhstan": "KAZ",
    "kyrgyzstan": "KGZ",
    "russia": "RUS",
    "tajikistan": "TJK",
    "uzbekistan": "UZB",
}


def rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        yield from csv.DictReader(handle)


def by_ccode(client: TestClient, ccode: str) -> str:
    code: str = client.get(f"/v1/states/{int(float(ccode))}").json()["code"]
    return code


def cow_alliance(client: TestClient) -> tuple[range, set[tuple[str, int]]]:
    path = SHARED_DATA / "cow-formal-alliances-v4.1" / "alliance_v4.1_by_member.csv"
    found = set()
    for row in rows(path):
        if row["version4id"] == "350":
            last = int(row["mem_end_year"]) if row["mem_end_year"] else 2012
            code = by_ccode(client, row["ccode"])
            found |= {(code, year) for year in range(int(row["mem_st_year"]), last + 1)}
    return range(1992, 2013), found


def atop(client: TestClient) -> tuple[range, set[tuple[str, int]]]:
    path = SHARED_DATA / "atop-v4.01" / "atop-member-level.csv"
    found = set()
    for row in rows(path):
        if row["atopid"] == "4220":
            last = int(row["yrexit"]) if row["yrexit"] != "0" else 2016
            code = by_ccode(client, row["member"])
            found |= {(code, year) for year in range(int(row["yrent"]), last + 1)}
    return range(1992, 2017), found


def cow_igo(_: TestClient) -> tuple[range, set[tuple[str, int]]]:
    path = SHARED_DATA / "cow-igo-v3" / "igo_year_format3.csv"
    found = set()
    for row in rows(path):
        if row["ioname"] == "CSTO":
            year = int(float(row["year"]))
            found |= {
                (code, year)
                for column, code in IGO_COLUMNS.items()
                if row[column] and float(row[column]) == 1
            }
    return range(2002, 2015), found


DATASETS = {"cow-alliance-v4.1": cow_alliance, "atop-4.01": atop, "cow-igo-v3": cow_igo}


def foedus_members(client: TestClient, year: int) -> set[str]:
    body = client.get("/v1/organizations/csto/members", params={"during": str(year)}).json()
    return {m["state"]["code"] for m in body["members"]}


def documented(client: TestClient, dataset: str) -> set[Difference]:
    found = set()
    for d in client.get("/v1/organizations/csto").json()["dataset_discrepancies"]:
        if d["dataset"] == dataset:
            first, _, last = d["years"].partition("-")
            for year in range(int(first), int(last or first) + 1):
                found.add((d["state"]["code"], year, d["dataset_says"]))
    return found


@pytest.mark.parametrize("dataset", sorted(DATASETS))
def test_every_difference_from_the_dataset_is_documented(client: TestClient, dataset: str) -> None:
    years, says_member = DATASETS[dataset](client)
    computed: set[Difference] = set()
    for year in years:
        theirs = {code for code, y in says_member if y == year}
        ours = foedus_members(client, year)
        computed |= {(code, year, "member") for code in theirs - ours}
        computed |= {(code, year, "not_member") for code in ours - theirs}
    assert computed, "a dataset that agrees everywhere would make this test vacuous"
    assert sorted(computed) == sorted(documented(client, dataset))
