"""A state's page read pinned to a release (compiled on the spot, without the index) is the
live page, with and without an organisation named."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize("organization", [None, "csto", "cis"])
def test_a_pinned_state_page_is_the_live_one(client: TestClient, organization: str | None) -> None:
    release = client.get("/v1/meta").json()["release"]
    params = {"at": "2000-06-01", **({"organization": organization} if organization else {})}
    live = client.get("/v1/states/ARM/memberships", params=params)
    pinned = client.get("/v1/states/ARM/memberships", params={**params, "release": release})
    assert (live.status_code, pinned.status_code) == (200, 200)
    assert pinned.json() == live.json()
    slugs = {m["organization"]["slug"] for m in live.json()["memberships"]}
    if organization:
        assert slugs == {organization}
    else:
        assert {"csto", "cis"} <= slugs  # the filter above takes one of these two
