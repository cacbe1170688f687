"""Writing sources, events, organisations and states: the same rules, audit and preconditions."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from app import cli
from app.core.db import build_engine
from app.core.settings import get_settings
from app.models import metadata
from tests.writes.conftest import Curator


def test_a_source_is_created_changed_and_kept_while_cited(curator: Curator) -> None:
    c, w = curator.client, curator.write
    created = c.post(
        "/v1/sources",
        headers=w,
        json={
            "title": "Accession of Sweden",
            "publisher": "NATO",
            "url": "https://www.nato.int/x",
            "accessed": "2026-11-26",
        },
    )
    assert created.status_code == 201, created.text
    source = created.json()
    assert (source["key"], source["version"]) == ("accession-of-sweden", 1)
    changed = c.patch(
        f"/v1/sources/{source['id']}",
        json={"published": "2024-03-07"},
        headers={**w, "If-Match": created.headers["etag"]},
    )
    assert (changed.status_code, changed.json()["published"]) == (200, "2024-03-07")
    cited = curator.source_id()
    refused = c.delete(
        f"/v1/sources/{cited}",
        params={"reason": "x"},
        headers={**w, "If-Match": curator.etag(f"/v1/sources/{cited}")},
    )
    assert (refused.status_code, refused.json()["conflicting"].split()[0]) == (422, "organization")
    gone = c.delete(
        f"/v1/sources/{source['id']}",
        params={"reason": "test"},
        headers={**w, "If-Match": changed.headers["etag"]},
    )
    assert gone.status_code == 204


def test_a_source_needs_an_address_or_a_citation(curator: Curator) -> None:
    response = curator.client.post(
        "/v1/sources", headers=curator.write, json={"title": "Hearsay", "accessed": "2026-11-26"}
    )
    assert (response.status_code, response.json()["parameter"]) == (422, "url")


def test_an_event_is_created_changed_and_deleted(curator: Curator) -> None:
    c, w = curator.client, curator.write
    created = c.post(
        "/v1/events",
        headers=w,
        json={
            "organization": "nato",
            "type": "summit",
            "date": "2026-07",
            "title": "Ankara summit",
            "place": "Ankara",
            "states": ["TUR"],
            "sources": [curator.source_id()],
        },
    )
    assert created.status_code == 201, created.text
    event = created.json()
    assert (event["key"], event["states"]) == (
        "ankara-summit",
        [{"code": "TUR", "name": "Türkiye", "kind": "state"}],
    )
    bad = c.patch(
        f"/v1/events/{event['id']}",
        json={"date": "2026-07-32"},
        headers={**w, "If-Match": created.headers["etag"]},
    )
    assert (bad.status_code, bad.json()["parameter"]) == (422, "date")
    good = c.patch(
        f"/v1/events/{event['id']}",
        json={"date": "2026-07-07"},
        headers={**w, "If-Match": created.headers["etag"]},
    )
    assert (good.status_code, good.json()["precision"]) == (200, "day")
    timeline = c.get("/v1/organizations/nato/timeline").json()["entries"]
    assert any(e["title"] == "Ankara summit" for e in timeline)
    gone = c.delete(
        f"/v1/events/{event['id']}",
        params={"reason": "test"},
        headers={**w, "If-Match": good.headers["etag"]},
    )
    assert gone.status_code == 204


def test_an_organisation_is_created_changed_and_deleted(curator: Curator) -> None:
    c, w = curator.client, curator.write
    source = curator.source_id()
    created = c.post(
        "/v1/organizations",
        headers=w,
        json={
            "slug": "test-union",
            "kind": "forum",
            "founded": "2020",
            "names": [{"name": "Test Union", "lang": "en"}],
            "sources": [source],
        },
    )
    assert created.status_code == 201, created.text
    assert created.json()["name"] == "Test Union"
    member = c.post(
        "/v1/memberships",
        headers=w,
        json={
            "organization": "test-union",
            "state": "FRA",
            "period": {"start": "2021"},
            "sources": [source],
        },
    )
    assert member.status_code == 201
    shrink = c.patch(
        "/v1/organizations/test-union",
        json={"dissolved": "2021-01"},
        headers={**w, "If-Match": created.headers["etag"]},
    )
    assert (shrink.status_code, shrink.json()["conflicting"]) == (
        422,
        f"membership {member.json()['id']}",
    )
    etag = curator.etag("/v1/organizations/test-union")
    gone = c.delete(
        "/v1/organizations/test-union", params={"reason": "test"}, headers={**w, "If-Match": etag}
    )
    assert gone.status_code == 204
    assert c.get("/v1/organizations/test-union").status_code == 404
    assert c.get(f"/v1/memberships/{member.json()['id']}").status_code == 404


def test_a_state_is_created_and_guarded_while_used(curator: Curator) -> None:
    c, w = curator.client, curator.write
    created = c.post(
        "/v1/states",
        headers=w,
        json={
            "code": "XQK",
            "name": "Test Republic of Nowhere",
            "cow_ccode": 9999,
            "exists_from": "2008-02-17",
            "sources": [curator.source_id()],
        },
    )
    assert created.status_code == 201, created.text
    assert c.get("/v1/states/Test Republic of Nowhere").json()["code"] == "XQK"
    used = c.delete(
        "/v1/states/ARM",
        params={"reason": "x"},
        headers={**w, "If-Match": curator.etag("/v1/states/ARM")},
    )
    assert (used.status_code, used.json()["conflicting"].split()[0]) == (422, "membership")
    earlier = c.patch(
        "/v1/states/ARM",
        json={"exists_from": "1995"},
        headers={**w, "If-Match": curator.etag("/v1/states/ARM")},
    )
    assert (earlier.status_code, earlier.json()["parameter"]) == (422, "exists_from")


def test_keys_never_reach_the_logs(curator: Curator, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    curator.client.post("/v1/memberships", headers=curator.write, json={"organization": "x"})
    curator.client.get("/v1/meta", headers=curator.write)
    assert curator.write_key not in caplog.text
    secret = curator.write_key.split("_", 2)[2]
    assert secret not in curator.client.get("/v1/changes", params={"limit": 500}).text


def test_keys_from_the_command_line(seeded_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOEDUS_DATABASE_URL", seeded_url)
    get_settings.cache_clear()
    runner = CliRunner()
    made = runner.invoke(cli.cli, ["keys", "create", "--name", "dora"])
    assert made.exit_code == 0
    assert made.output.startswith("fds_")
    assert runner.invoke(cli.cli, ["keys", "create", "--name", "dora"]).exit_code == 1
    listed = runner.invoke(cli.cli, ["keys", "list"]).output
    assert listed.startswith("dora\tread write\tcreated ")
    assert made.output.strip() not in listed
    assert runner.invoke(cli.cli, ["keys", "revoke", "dora"]).output == "revoked dora\n"
    assert runner.invoke(cli.cli, ["keys", "revoke", "dora"]).exit_code == 1
    get_settings.cache_clear()


def test_deleting_an_organisation_removes_and_audits_everything_about_it(
    curator: Curator,
) -> None:
    """Every row about EurAsEC is deleted in the audit, and a read pinned before still sees it."""
    c, w = curator.client, curator.write
    paths = [
        "/v1/organizations/eurasec",
        "/v1/organizations/eaeu",
        "/v1/organizations/eurasec/members",
        "/v1/states/RUS/memberships",
    ]
    question = {"at": "2010-01-01"}
    before = [c.get(p, params=question).content for p in paths]
    release = c.get("/v1/meta").json()["release"]
    gone = c.delete(
        "/v1/organizations/eurasec",
        params={"reason": "test"},
        headers={**w, "If-Match": curator.etag("/v1/organizations/eurasec")},
    )
    assert gone.status_code == 204
    engine = build_engine(curator.url)
    with engine.connect() as connection:
        entry = metadata.tables["audit_entry"]
        deleted = [
            {"table": row.table_name, "action": row.action}
            for row in connection.execute(
                select(entry).where(entry.c.release_id == release + 1).order_by(entry.c.id)
            )
        ]
    engine.dispose()
    assert {x["action"] for x in deleted} == {"delete"}
    assert list(dict.fromkeys(x["table"] for x in deleted)) == [
        "citation",
        "participation",
        "membership",
        "event_state",
        "event",
        "organization_name",
        "discrepancy",
        "organization_link",
        "organization",
    ]
    assert {t: sum(x["table"] == t for x in deleted) for t in {x["table"] for x in deleted}} == {
        "citation": 81,
        "participation": 1,
        "membership": 9,
        # the entry into force names its five parties; the five signature-year differences
        # from COW IGO (it codes 2000, the signature year) are explained, as is Uzbekistan's
        "event_state": 21,
        "event": 9,
        "organization_name": 5,
        "discrepancy": 6,
        "organization_link": 1,
        "organization": 1,
    }
    assert c.get("/v1/organizations/eurasec").status_code == 404
    assert c.get("/v1/organizations/eaeu").json()["predecessors"] == []
    pinned = [c.get(p, params={**question, "release": release}).content for p in paths]
    assert pinned == before


def test_an_organisation_signed_before_it_entered_into_force(curator: Curator) -> None:
    c, w = curator.client, curator.write
    org = {
        "slug": "test-treaty",
        "kind": "forum",
        "founded": "2021-03-01",
        "signed": "2020-11-10",
        "names": [{"name": "Test Treaty", "lang": "en"}],
        "sources": [curator.source_id()],
    }
    created = c.post("/v1/organizations", headers=w, json=org)
    assert created.status_code == 201, created.text
    assert (created.json()["founded"], created.json()["signed"]) == ("2021-03-01", "2020-11-10")
    life = c.get("/v1/organizations/test-treaty/members", params={"at": "2021-01-01"}).json()
    assert (life["existence"]["status"], life["existence"]["signed"]) == (
        "not_yet_founded",
        "2020-11-10",
    )
    late = c.patch(
        "/v1/organizations/test-treaty",
        json={"signed": "2021-03-01"},
        headers={**w, "If-Match": created.headers["etag"]},
    )
    assert (late.status_code, late.json()["parameter"]) == (422, "signed")
