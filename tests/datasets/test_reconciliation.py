"""GET /v1/organizations/{slug}/reconciliation: curated periods beside COW, ATOP and COW IGO."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import SHARED_DATA

pytestmark = pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="shared research data absent")


def reconciliation(client: TestClient, slug: str) -> dict[str, Any]:
    response = client.get(f"/v1/organizations/{slug}/reconciliation")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_the_csto_disagreements_of_each_dataset(imported_client: TestClient) -> None:
    """The disagreements ../shared/data/*/SOURCE.md describe for the CST, and no others."""
    body = reconciliation(imported_client, "csto")
    found = {
        d["dataset"]: sorted(
            (x["kind"], x["state"]["code"], x["dataset"]["start"]) for x in d["disagreements"]
        )
        for d in body["datasets"]
    }
    # Both alliance datasets start the parties at their signatures; Foedus counts every party
    # from the treaty's entry into force on 20 April 1994 (the founding rule), so every start
    # differs. The Tashkent signatories of 15 May 1992:
    tashkent = ["ARM", "KAZ", "KGZ", "RUS", "TJK", "UZB"]
    assert found == {
        # COW 350: everyone from 15 May 1992, nobody ever leaves.
        "cow-alliance-v4.1": sorted(
            [
                ("end_differs", "AZE", "1992-05-15"),
                ("end_differs", "GEO", "1992-05-15"),
                ("end_differs", "UZB", "1992-05-15"),
                ("end_differs", "UZB", "1992-05-15"),
                ("start_differs", "AZE", "1992-05-15"),
                ("start_differs", "BLR", "1992-05-15"),
                ("start_differs", "GEO", "1992-05-15"),
                ("start_differs", "UZB", "1992-05-15"),
                *[("start_differs", code, "1992-05-15") for code in tashkent],
            ]
        ),
        # ATOP 4220: the Tashkent signatories from 15 May 1992, Azerbaijan and Georgia from their
        # accessions, Belarus from 3 January 1994; Uzbekistan out on 28 June 2012.
        "atop-4.01": sorted(
            [
                ("end_differs", "UZB", "2006-08-17"),
                ("start_differs", "AZE", "1993-09-24"),
                ("start_differs", "BLR", "1994-01-03"),
                ("start_differs", "GEO", "1993-12-09"),
                *[("start_differs", code, "1992-05-15") for code in tashkent],
            ]
        ),
        # COW IGO: Uzbekistan in the CSTO from 2002.
        "cow-igo-v3": [("start_differs", "UZB", "2002")],
    }
    assert all(x["explanation"] for d in body["datasets"] for x in d["disagreements"])
    assert [d["group"] for d in body["datasets"]] == ["350", "4220", "CSTO"]


def test_every_disagreement_of_every_organisation_is_explained(
    imported_client: TestClient,
) -> None:
    slugs = [
        o["slug"]
        for o in imported_client.get("/v1/organizations", params={"limit": 500}).json()["items"]
    ]
    unexplained = [
        (slug, d["dataset"], x["kind"], (x["state"] or {}).get("code"), x["dataset"], x["foedus"])
        for slug in slugs
        for d in reconciliation(imported_client, slug)["datasets"]
        for x in d["disagreements"]
        if not x["explanation"]
    ]
    assert unexplained == []


def test_before_an_import_the_dataset_is_marked_not_imported(client: TestClient) -> None:
    body = reconciliation(client, "csto")
    assert [(d["dataset"], d["imported"], d["disagreements"]) for d in body["datasets"]] == [
        ("cow-alliance-v4.1", False, []),
        ("atop-4.01", False, []),
        ("cow-igo-v3", False, []),
    ]
