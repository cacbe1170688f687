"""A question about a day outside an organisation's life says so, names what was in force then,
and with lineage=true answers through it (the real seed; expectations derived from its records)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient


def members(client: TestClient, slug: str, **params: str) -> dict[str, Any]:
    response = client.get(f"/v1/organizations/{slug}/members", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def record(client: TestClient, slug: str) -> dict[str, Any]:
    body: dict[str, Any] = client.get(f"/v1/organizations/{slug}").json()
    return body


def codes(body: dict[str, Any]) -> list[str]:
    return sorted(m["state"]["code"] for m in body["members"])


@pytest.mark.parametrize(
    ("slug", "at", "status", "linked"),
    [
        ("eu", "1975-06-01", "not_yet_founded", "eec"),  # the EU from 1993
        ("au", "1990", "not_yet_founded", "oau"),  # the AU replaced the OAU in 2002
        ("wto", "1980", "not_yet_founded", "gatt"),
        ("oau", "2005", "dissolved", "au"),
        ("gatt", "2000", "dissolved", "wto"),
    ],
)
def test_outside_its_life_an_answer_says_so_and_names_the_body_in_force(
    client: TestClient, slug: str, at: str, status: str, linked: str
) -> None:
    body = members(client, slug, at=at)
    life = body["existence"]
    org = record(client, slug)
    assert (life["status"], life["founded"], life["dissolved"]) == (
        status,
        org["founded"],
        org["dissolved"],
    )
    assert body["count"] == 0
    assert linked in [b["organization"]["slug"] for b in life["in_force"]]
    assert "lineage=true" in life["note"]


def test_inside_its_life_nothing_is_said(client: TestClient) -> None:
    life = members(client, "csto", at="1995-06-01")["existence"]
    assert (life["status"], life["in_force"], life["note"]) == ("existed", [], None)


def test_a_dissolved_body_without_successor_says_when_it_ended(client: TestClient) -> None:
    org = record(client, "warsaw-pact")
    life = members(client, "warsaw-pact", at="1995")["existence"]
    assert (life["status"], life["in_force"]) == ("dissolved", [])
    assert f"dissolved {org['dissolved']}" in life["note"]


@pytest.mark.parametrize(
    ("slug", "at", "through"),
    [("eu", "1975-06-01", "eec"), ("au", "1990-06-01", "oau"), ("wto", "1980-06-01", "gatt")],
)
def test_lineage_answers_through_the_body_in_force(
    client: TestClient, slug: str, at: str, through: str
) -> None:
    body = members(client, slug, at=at, lineage="true")
    assert codes(body) == codes(members(client, through, at=at))
    assert {m["organization"]["slug"] for m in body["members"]} == {through}
    assert body["count"] == len(body["members"])
    assert body["filters"] == {
        "role": "member",
        "certainty": "possible",
        "lineage": True,
        "view": "full",
    }


def test_lineage_lists_a_state_once_in_the_body_asked_about_first(client: TestClient) -> None:
    """A span the EU existed in part of: its own members are listed as its own."""
    body = members(client, "eu", during="1990/1995", lineage="true")
    listed = [m["state"]["code"] for m in body["members"]]
    assert len(listed) == len(set(listed))
    own = set(codes(members(client, "eu", during="1990/1995")))
    assert {m["state"]["code"] for m in body["members"] if m["organization"] is None} == own


def test_the_filters_are_echoed_apart_and_the_old_echo_is_deprecated(
    client: TestClient,
) -> None:
    body = members(client, "csto", at="1995", role="any", certainty="certain")
    assert body["filters"] == {
        "role": "any",
        "certainty": "certain",
        "lineage": False,
        "view": "full",
    }
    assert (body["role"], body["certainty"]) == ("any", "certain")  # kept, never renamed
    schema = client.get("/openapi.json").json()["components"]["schemas"]["MembersAnswer"]
    assert schema["properties"]["role"]["deprecated"] is True
    assert schema["properties"]["certainty"]["deprecated"] is True
    assert "deprecated" not in schema["properties"]["filters"]
