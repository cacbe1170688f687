"""Signed versus bound, on the real seed: no organisation has members before it exists, and a state
that had signed but was not yet bound is a signatory, never a member. Every expectation is derived
from the seed's own records (``signed`` on an organisation or a membership)."""

from __future__ import annotations

import tomllib
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.temporal import FuzzyDate
from tests.conftest import SEED_DIR


def _files() -> list[dict[str, Any]]:
    return [
        tomllib.loads(p.read_text()) for p in sorted((SEED_DIR / "organizations").glob("*.toml"))
    ]


FILES = _files()
# an entry into force known to the day (CENTO's is known only to the year: its history tests)
SIGNED_ORGANIZATIONS = [
    f["organization"]
    for f in FILES
    if "signed" in f["organization"] and FuzzyDate.parse(f["organization"]["founded"]).day
]
SIGNED_MEMBERSHIPS = [
    (f["organization"]["slug"], m) for f in FILES for m in f.get("memberships", []) if "signed" in m
]


def members(client: TestClient, slug: str, **params: str) -> dict[str, Any]:
    response = client.get(f"/v1/organizations/{slug}/members", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _day(text: str, *, latest: bool = False) -> date:
    parsed = FuzzyDate.parse(text)
    return parsed.latest if latest else parsed.earliest


def test_the_seed_records_signatures() -> None:
    assert SIGNED_ORGANIZATIONS, "no organisation of the seed records its founding signature"
    assert SIGNED_MEMBERSHIPS, "no membership of the seed records a signature before binding"


@pytest.mark.parametrize("org", SIGNED_ORGANIZATIONS, ids=lambda o: o["slug"])
def test_between_signature_and_entry_into_force_there_are_no_members(
    client: TestClient, org: dict[str, Any]
) -> None:
    day = _day(org["founded"]) - timedelta(days=1)  # the eve of the entry into force
    assert day >= _day(org["signed"], latest=True)
    body = members(client, org["slug"], at=day.isoformat(), role="any")
    life = body["existence"]
    assert (body["count"], life["status"]) == (0, "not_yet_founded")
    assert (life["founded"], life["signed"]) == (org["founded"], org["signed"])
    assert f"signed {org['signed']}" in life["note"]
    assert org["founded"] in life["note"]


@pytest.mark.parametrize(
    ("slug", "membership"),
    SIGNED_MEMBERSHIPS,
    ids=[f"{s}-{m['state']}-{m['signed']}" for s, m in SIGNED_MEMBERSHIPS],
)
def test_a_signatory_is_listed_apart_until_it_is_bound(
    client: TestClient, slug: str, membership: dict[str, Any]
) -> None:
    code, role = membership["state"], membership["role"]
    bound = membership.get("earliest_start") or membership["start"]
    signed_day = _day(membership["signed"], latest=True)
    before = _day(bound) - timedelta(days=1)
    if before < signed_day:
        pytest.skip("signed and bound within the same reduced date")
    body = members(client, slug, at=before.isoformat(), role=role)
    assert code not in [m["state"]["code"] for m in body["members"]]
    signatories = {s["state"]["code"]: s for s in body["signatories"]}
    assert code in signatories
    assert (signatories[code]["signed"], signatories[code]["bound"], signatories[code]["role"]) == (
        membership["signed"],
        membership["start"],
        role,
    )
    after = members(client, slug, at=_day(membership["start"], latest=True).isoformat(), role=role)
    held = {m["state"]["code"]: m for m in after["members"]}
    assert code in held
    assert code not in {s["state"]["code"] for s in after["signatories"]}
    assert membership["signed"] in [p["signed"] for p in held[code]["periods"]]


@pytest.mark.parametrize("data", FILES, ids=lambda f: f["organization"]["slug"])
def test_no_organisation_has_members_before_it_exists(
    client: TestClient, data: dict[str, Any]
) -> None:
    org = data["organization"]
    eve = _day(org["founded"]) - timedelta(days=1)
    body = members(client, org["slug"], at=eve.isoformat(), role="any")
    assert (body["count"], body["existence"]["status"]) == (0, "not_yet_founded")


def test_a_signature_is_a_change_of_its_own(client: TestClient) -> None:
    slug, m = SIGNED_MEMBERSHIPS[0]
    signed = FuzzyDate.parse(m["signed"])
    changes = client.get(
        f"/v1/organizations/{slug}/changes", params={"from": m["signed"], "to": m["signed"]}
    ).json()["changes"]
    assert ("signed", m["state"], m["role"], str(signed)) in [
        (c["type"], c["state"]["code"], c["role"], c["date"]) for c in changes
    ]


def test_ask_names_the_signatories_apart(client: TestClient) -> None:
    slug, m = next((s, m) for s, m in SIGNED_MEMBERSHIPS if "earliest_start" not in m)
    bound = _day(m["start"])
    day = bound - timedelta(days=1)
    answer = client.get(
        "/v1/ask", params={"q": f"who was a member of the {slug} on {day.isoformat()}"}
    ).json()
    name = client.get(f"/v1/states/{m['state']}").json()["name"]
    assert "not yet bound by the" in answer["sentence"]
    assert name in answer["sentence"].split("not yet bound by the")[1]
    assert f"bound from {m['start']}" in answer["sentence"]
