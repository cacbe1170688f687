"""Members that are not states: an organisation, a territory or a partially recognised state is
written as a member record of its kind, and every answer that names it says which kind it is."""

from __future__ import annotations

from typing import Any

import pytest

from tests.writes.conftest import Curator


def create_member(curator: Curator, **fields: Any) -> dict[str, Any]:
    body = {"sources": [curator.source_id()], "reason": "member kinds test", **fields}
    created = curator.client.post("/v1/states", json=body, headers=curator.write)
    assert created.status_code == 201, created.text
    return dict(created.json())


def test_an_organisation_as_a_member_is_named_with_its_kind_everywhere(curator: Curator) -> None:
    created = create_member(
        curator, code="QZA", name="Test Union", kind="organization", organization="eaeu"
    )
    assert (created["kind"], created["organization"]) == ("organization", "eaeu")
    membership = curator.client.post(
        "/v1/memberships",
        json={
            "organization": "csto",
            "state": "QZA",
            "role": "observer",
            "period": {"start": "2026-01"},
            "sources": [curator.source_id()],
            "reason": "member kinds test",
        },
        headers=curator.write,
    )
    assert membership.status_code == 201, membership.text
    members = curator.client.get(
        "/v1/organizations/csto/members", params={"at": "2026-06-01", "role": "any"}
    )
    kinds = {m["state"]["code"]: m["state"]["kind"] for m in members.json()["members"]}
    assert kinds["QZA"] == "organization"
    assert kinds["RUS"] == "state"
    held = curator.client.get("/v1/states/QZA/memberships").json()
    assert held["state"]["kind"] == "organization"
    assert [m["organization"]["slug"] for m in held["memberships"]] == ["csto"]
    listed = curator.client.get("/v1/states/QZA").json()
    assert (listed["kind"], listed["organization"]) == ("organization", "eaeu")


@pytest.mark.parametrize(
    ("fields", "parameter"),
    [
        ({"kind": "organization"}, "organization"),
        ({"kind": "territory", "organization": "eaeu"}, "organization"),
        ({"kind": "organization", "organization": "no-such-organisation"}, "organization"),
        ({"kind": "colony"}, "kind"),
    ],
)
def test_a_member_of_the_wrong_kind_is_refused_naming_the_field(
    curator: Curator, fields: dict[str, Any], parameter: str
) -> None:
    body = {"code": "QZB", "name": "Test", "sources": [curator.source_id()], **fields}
    refused = curator.client.post("/v1/states", json=body, headers=curator.write)
    assert refused.status_code == 422, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    assert parameter in refused.text
    assert curator.client.get("/v1/states/QZB").status_code == 404


def test_a_kind_cannot_be_cleared(curator: Curator) -> None:
    create_member(curator, code="XQE", name="Test Territory", kind="territory")
    etag = curator.etag("/v1/states/XQE")
    refused = curator.client.patch(
        "/v1/states/XQE", json={"kind": None}, headers={**curator.write, "If-Match": etag}
    )
    assert refused.status_code == 422, refused.text
    assert curator.client.get("/v1/states/XQE").json()["kind"] == "territory"
