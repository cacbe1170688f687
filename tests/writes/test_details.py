"""A membership's details (``app.models.MembershipDetails``) flow through every path by name:
the migrated schema, the seed record, writes, every answer and the export. A detail added to
the model but missed in one of these places fails here."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from httpx import Response
from sqlalchemy import create_engine, inspect

from app.memberships.schemas import DETAILS, MembershipFacts, MembershipPatch, MembershipWrite
from app.seeding.records import MembershipRecord
from tests.writes.conftest import Curator


def value_for(name: str) -> str:
    return f"{name} written by the details test"


def create_with_details(curator: Curator) -> Response:
    """Serbia as a CSTO member from 2026-01, with a value for every detail."""
    body = {
        "organization": "csto",
        "state": "SRB",
        "role": "member",
        "period": {"start": "2026-01"},
        "sources": [curator.source_id()],
        "reason": "details test",
        **{name: value_for(name) for name in DETAILS},
    }
    created = curator.client.post("/v1/memberships", json=body, headers=curator.write)
    assert created.status_code == 201, created.text
    return created


def test_every_detail_is_a_column_of_the_migrated_schema(seeded_url: str) -> None:
    engine = create_engine(seeded_url)
    try:
        columns = {c["name"] for c in inspect(engine).get_columns("membership")}
    finally:
        engine.dispose()
    assert columns >= DETAILS


@pytest.mark.parametrize(
    "model", [MembershipFacts, MembershipWrite, MembershipPatch, MembershipRecord]
)
def test_every_detail_is_a_field_of_the_records_that_carry_it(model: Any) -> None:
    assert set(model.model_fields) >= DETAILS


def test_a_detail_written_is_in_every_answer_and_the_export(curator: Curator) -> None:
    def export() -> list[dict[str, str]]:
        text = curator.client.get("/v1/export/memberships", params={"format": "csv"}).text
        return list(csv.DictReader(io.StringIO(text)))

    before = export()  # made once per release: the write's release makes it again
    created = create_with_details(curator)
    written = {name: value_for(name) for name in DETAILS}
    assert {name: created.json()[name] for name in DETAILS} == written

    members = curator.client.get(
        "/v1/organizations/csto/members", params={"at": "2026-06-01", "role": "member"}
    ).json()["members"]
    [serbia] = [m for m in members if m["state"]["code"] == "SRB"]
    assert {name: serbia[name] for name in DETAILS} == written

    page = curator.client.get("/v1/states/SRB/memberships", params={"at": "2026-06-01"}).json()
    [csto] = [
        m
        for m in page["memberships"]
        if (m["organization"]["slug"], m["role"]) == ("csto", "member")
    ]
    assert {name: csto[name] for name in DETAILS} == written

    exported = export()
    assert len(exported) == len(before) + 1
    [row] = [r for r in exported if r["id"] == str(created.json()["id"])]
    assert {name: row[name] for name in DETAILS} == written


def test_a_detail_patched_to_null_is_cleared(curator: Curator) -> None:
    created = create_with_details(curator)
    path = f"/v1/memberships/{created.json()['id']}"
    kept = curator.client.patch(
        path,
        json={"reason": "nothing named"},
        headers={**curator.write, "If-Match": created.headers["etag"]},
    )
    assert kept.status_code == 200, kept.text
    assert {name: kept.json()[name] for name in DETAILS} == {
        name: value_for(name) for name in DETAILS
    }
    cleared = curator.client.patch(
        path,
        json=dict.fromkeys(DETAILS),
        headers={**curator.write, "If-Match": kept.headers["etag"]},
    )
    assert cleared.status_code == 200, cleared.text
    assert {name: cleared.json()[name] for name in DETAILS} == dict.fromkeys(DETAILS)
