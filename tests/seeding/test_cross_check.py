"""Foedus against the research datasets, year by year: every difference must be documented.

Each organisation file lists, per dataset, where that dataset's yearly picture of the full
members differs from Foedus and why. This test recomputes the differences from the dataset
files themselves (read in place, never copied) and from the API's own answers, for every
organisation that carries a COW alliance, ATOP or COW IGO id, and requires the lists to match.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.core.db import build_engine
from app.datasets.igo_columns import IGO_COLUMNS
from app.datasets.reconcile import CowCodes
from tests.conftest import SHARED_DATA

pytestmark = pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="shared research data absent")

Years = dict[int, set[int]]  # ccode -> years the dataset counts it a full member


def rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        yield from csv.DictReader(handle)


def _span(years: Years, ccode: int, first: int, last: int) -> None:
    years[ccode] |= set(range(first, last + 1))


def cow_alliance(group: str) -> tuple[range, Years]:
    found: Years = defaultdict(set)
    path = SHARED_DATA / "cow-formal-alliances-v4.1" / "alliance_v4.1_by_member.csv"
    for r in rows(path):
        if r["version4id"] == group:
            last = int(r["mem_end_year"]) if r["mem_end_year"] else 2012
            _span(found, int(r["ccode"]), int(r["mem_st_year"]), last)
    return _coverage(found, 2012), found


def atop(group: str) -> tuple[range, Years]:
    found: Years = defaultdict(set)
    for r in rows(SHARED_DATA / "atop-v4.01" / "atop-member-level.csv"):
        if r["atopid"] == group:
            last = int(r["yrexit"]) if r["yrexit"] != "0" else 2016
            _span(found, int(r["member"]), int(r["yrent"]), last)
    return _coverage(found, 2016), found


def cow_igo(group: str) -> tuple[range, Years]:
    found: Years = defaultdict(set)
    recorded = []
    for r in rows(SHARED_DATA / "cow-igo-v3" / "igo_year_format3.csv"):
        if r["ioname"] == group:
            year = int(float(r["year"]))
            recorded.append(year)
            for column, ccode in IGO_COLUMNS.items():
                if r[column] and float(r[column]) == 1:
                    found[ccode].add(year)
    return range(min(recorded), max(recorded) + 1), found


def _coverage(found: Years, data_end: int) -> range:
    years = [y for ys in found.values() for y in ys]
    return range(min(years), min(max(years), data_end) + 1)


READERS: dict[str, Any] = {
    "cow_alliance": ("cow-alliance-v4.1", cow_alliance),
    "atop": ("atop-4.01", atop),
    "cow_igo": ("cow-igo-v3", cow_igo),
}


def members_by_year(client: TestClient, slug: str, years: range) -> dict[int, set[str]]:
    out = {}
    for year in years:
        body = client.get(f"/v1/organizations/{slug}/members", params={"during": str(year)}).json()
        out[year] = {m["state"]["code"] for m in body["members"]}
    return out


def documented(client: TestClient, slug: str, dataset: str) -> set[tuple[str, int, str]]:
    found = set()
    for d in client.get(f"/v1/organizations/{slug}").json()["dataset_discrepancies"]:
        if d["dataset"] == dataset and d["dataset_says"] in ("member", "not_member"):
            first, _, last = d["years"].partition("-")
            for year in range(int(first), int(last or first) + 1):
                found.add((d["state"]["code"], year, d["dataset_says"]))
    return found


def state_of(codes: CowCodes, ccode: int, year: int, ours: set[str]) -> str:
    """The state a code stood for in ``year``; where it changed hands that year, the member."""
    holders = {
        s.code
        for day in (date(year, 1, 1), date(year, 12, 31))
        if (s := codes.state(ccode, day)) is not None
    }
    return sorted(holders & ours or holders or {f"ccode {ccode}"})[0]


def organisations(client: TestClient) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = client.get("/v1/organizations", params={"limit": 500}).json()[
        "items"
    ]
    return [o for o in items if any(o["identifiers"][k] for k in READERS)]


def test_every_yearly_difference_from_every_dataset_is_documented(
    client: TestClient, seeded_url: str
) -> None:
    engine = build_engine(seeded_url)
    with Session(engine) as session:
        codes = CowCodes(session)
    engine.dispose()
    undocumented, stale = [], []
    for org in organisations(client):
        for field, (dataset, read) in READERS.items():
            group = org["identifiers"][field]
            if not group:
                continue
            years, theirs = read(str(group))
            ours = members_by_year(client, org["slug"], years)
            computed = set()
            for year in years:
                named = {
                    state_of(codes, c, year, ours[year]) for c, ys in theirs.items() if year in ys
                }
                computed |= {(code, year, "member") for code in named - ours[year]}
                computed |= {(code, year, "not_member") for code in ours[year] - named}
            written = documented(client, org["slug"], dataset)
            undocumented += [(org["slug"], dataset, *d) for d in sorted(computed - written)]
            stale += [(org["slug"], dataset, *d) for d in sorted(written - computed)]
    assert (undocumented, stale) == ([], [])


def test_the_csto_differences_are_the_ones_the_sources_describe(client: TestClient) -> None:
    """The CST/CSTO rows of ../shared/data/*/SOURCE.md, as Foedus documents them."""
    body = client.get("/v1/organizations/csto").json()
    found = sorted(
        (d["dataset"], d["state"]["code"], d["years"], d["dataset_says"])
        for d in body["dataset_discrepancies"]
    )
    # Both alliance datasets code the treaty from its signature (15 May 1992); Foedus counts the
    # parties from its entry into force (20 April 1994), so every party signed before that day
    # differs in the signature years: 1992-1993 for the six Tashkent signatories (and for
    # Azerbaijan, Georgia and Belarus in COW 350, which dates everyone 15 May 1992), 1993 for
    # Azerbaijan and Georgia in ATOP, which dates their accessions.
    tashkent = next(e for e in body["events"] if e["key"] == "cst-signature")
    signed_1992 = sorted(s["code"] for s in tashkent["states"])
    assert signed_1992 == ["ARM", "KAZ", "KGZ", "RUS", "TJK", "UZB"]
    signature_years = [
        (dataset, code, "1992-1993", "member")
        for dataset in ("atop-4.01", "cow-alliance-v4.1")
        for code in signed_1992
    ]
    assert found == sorted(
        [
            *signature_years,
            ("atop-4.01", "AZE", "1993", "member"),
            ("atop-4.01", "BLR", "1994", "different_dates"),
            ("atop-4.01", "GEO", "1993", "member"),
            ("cow-alliance-v4.1", "AZE", "1992-1993", "member"),
            ("cow-alliance-v4.1", "AZE", "2000-2012", "member"),
            ("cow-alliance-v4.1", "BLR", "1992-1993", "member"),
            ("cow-alliance-v4.1", "GEO", "1992-1993", "member"),
            ("cow-alliance-v4.1", "GEO", "2000-2012", "member"),
            ("cow-alliance-v4.1", "UZB", "2000-2005", "member"),
            ("cow-igo-v3", "UZB", "2002-2005", "member"),
            ("cow-igo-v3", "UZB", "2012", "not_member"),
        ]
    )
