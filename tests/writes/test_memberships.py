"""Writing membership periods: auth, validation, optimistic concurrency, audit, time travel."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from app.core.db import build_engine
from tests.writes.conftest import Curator


def body(curator: Curator, **changes: Any) -> dict[str, Any]:
    return {
        "organization": "csto",
        "state": "SRB",
        "role": "member",
        "period": {"start": "2026-01"},
        "sources": [curator.source_id()],
        "reason": "Serbia's accession (test)",
        **changes,
    }


def rows(url: str, sql: str) -> list[tuple[Any, ...]]:
    engine = build_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(r) for r in connection.execute(text(sql))]
    finally:
        engine.dispose()


def members(curator: Curator, **params: str) -> list[str]:
    answer = curator.client.get("/v1/organizations/csto/members", params=params).json()
    return sorted(m["state"]["code"] for m in answer["members"])


class TestAuthorization:
    def test_anonymous_writes_are_refused(self, curator: Curator) -> None:
        response = curator.client.post("/v1/memberships", json=body(curator))
        assert response.status_code == 401
        assert response.headers["content-type"] == "application/problem+json"
        assert response.headers["www-authenticate"] == 'Bearer realm="foedus"'
        assert response.json()["parameter"] == "Authorization"

    @pytest.mark.parametrize("header", ["Bearer nonsense", "Basic abc", "Bearer fds_00_00"])
    def test_a_bad_key_is_refused(self, curator: Curator, header: str) -> None:
        response = curator.client.post(
            "/v1/memberships", json=body(curator), headers={"Authorization": header}
        )
        assert response.status_code == 401

    def test_a_revoked_key_is_refused(self, curator: Curator) -> None:
        response = curator.client.post(
            "/v1/memberships", json=body(curator), headers=curator.revoked
        )
        assert response.status_code == 401

    def test_a_read_only_key_may_not_write(self, curator: Curator) -> None:
        response = curator.client.post(
            "/v1/memberships", json=body(curator), headers=curator.read_only
        )
        assert (response.status_code, response.json()["title"]) == (403, "Forbidden")
        assert "SRB" not in members(curator, at="2026-06-01")

    def test_the_key_table_holds_hashes_only(self, curator: Curator) -> None:
        secret = curator.write_key.split("_", 2)[2]
        stored = rows(curator.url, "SELECT name, prefix, secret_hash, scopes FROM api_key")
        assert all(secret not in str(row) for row in stored)
        assert {len(row[2]) for row in stored} == {64}


class TestCreate:
    def test_a_new_membership_is_answered_by_the_read_api(self, curator: Curator) -> None:
        response = curator.client.post("/v1/memberships", json=body(curator), headers=curator.write)
        assert response.status_code == 201, response.text
        created = response.json()
        assert response.headers["location"].endswith(f"/v1/memberships/{created['id']}")
        assert response.headers["etag"].startswith('"v1-r')
        assert (created["state"]["code"], created["period"]["start"]) == ("SRB", "2026-01")
        assert "SRB" in members(curator, at="2026-06-01")
        assert "SRB" not in members(curator, at="2025-12-31")

    def test_a_start_known_only_as_a_day_by_which_it_had_begun(self, curator: Curator) -> None:
        serbia = body(curator, period={"start": "2026-03-01", "earliest_start": "2026-01"})
        response = curator.client.post("/v1/memberships", json=serbia, headers=curator.write)
        assert response.status_code == 201, response.text
        assert response.json()["period"]["earliest_start"] == "2026-01"
        answer = curator.client.get(
            "/v1/organizations/csto/members", params={"at": "2026-02-01"}
        ).json()
        (found,) = [m for m in answer["members"] if m["state"]["code"] == "SRB"]
        assert found["certainty"] == "possible"
        assert found["period"]["earliest_start"] == "2026-01"
        assert "SRB" in members(curator, at="2026-03-01", certainty="certain")
        assert "SRB" not in members(curator, at="2025-12-31")

    def test_an_earliest_start_after_the_start_is_refused(self, curator: Curator) -> None:
        late = body(curator, period={"start": "2026-03-01", "earliest_start": "2026-04"})
        response = curator.client.post("/v1/memberships", json=late, headers=curator.write)
        assert response.status_code == 422
        assert response.json()["parameter"] == "period.earliest_start"

    def test_a_signature_before_binding_makes_a_signatory(self, curator: Curator) -> None:
        serbia = body(curator, period={"start": "2026-03-01", "signed": "2026-01-15"})
        response = curator.client.post("/v1/memberships", json=serbia, headers=curator.write)
        assert response.status_code == 201, response.text
        assert response.json()["period"]["signed"] == "2026-01-15"
        answer = curator.client.get(
            "/v1/organizations/csto/members", params={"at": "2026-02-01"}
        ).json()
        assert "SRB" not in [m["state"]["code"] for m in answer["members"]]
        assert [(s["state"]["code"], s["signed"], s["bound"]) for s in answer["signatories"]] == [
            ("SRB", "2026-01-15", "2026-03-01")
        ]
        assert "SRB" in members(curator, at="2026-03-01", certainty="certain")

    def test_a_signature_after_the_start_is_refused(self, curator: Curator) -> None:
        late = body(curator, period={"start": "2026-03-01", "signed": "2026-03-01"})
        response = curator.client.post("/v1/memberships", json=late, headers=curator.write)
        assert (response.status_code, response.json()["parameter"]) == (422, "period.signed")

    def test_an_overlapping_period_is_refused_and_changes_nothing(self, curator: Curator) -> None:
        before = rows(curator.url, "SELECT * FROM membership ORDER BY id")
        armenia = body(curator, state="ARM", period={"start": "2000-01-01"})
        response = curator.client.post("/v1/memberships", json=armenia, headers=curator.write)
        assert response.status_code == 422
        problem = response.json()
        assert problem["parameter"] == "period"
        assert problem["conflicting"].startswith("membership ")
        # Armenia's CSTO membership runs from the treaty's entry into force, the founding day
        founded = curator.client.get("/v1/organizations/csto").json()["founded"]
        assert f"{founded} to open" in problem["conflicting"]
        assert rows(curator.url, "SELECT * FROM membership ORDER BY id") == before

    @pytest.mark.parametrize(
        ("changes", "parameter"),
        [
            ({"period": {"start": "2026-02-30"}}, "period.start"),
            ({"period": {"start": "2026", "end": "2025", "end_status": "closed"}}, "period.end"),
            ({"period": {"start": "1990"}}, "period"),  # before the CSTO existed
            ({"state": "Atlantis"}, "state"),
            ({"organization": "ctso"}, "slug"),
            ({"sources": [987654]}, "sources"),
            ({"sources": []}, "body.sources"),
            ({"role": "emperor"}, "body.role"),
            ({"start_event": 987654}, "start_event"),
        ],
    )
    def test_invalid_input_is_a_422_naming_the_field(
        self, curator: Curator, changes: dict[str, Any], parameter: str
    ) -> None:
        response = curator.client.post(
            "/v1/memberships", json=body(curator, **changes), headers=curator.write
        )
        assert response.status_code in (404, 422), response.text
        assert response.json()["parameter"] == parameter


class TestChange:
    def created(self, curator: Curator) -> tuple[int, str]:
        response = curator.client.post("/v1/memberships", json=body(curator), headers=curator.write)
        return int(response.json()["id"]), response.headers["etag"]

    def test_update_needs_if_match(self, curator: Curator) -> None:
        mid, _ = self.created(curator)
        response = curator.client.patch(
            f"/v1/memberships/{mid}", json={"notes": "x"}, headers=curator.write
        )
        assert (response.status_code, response.json()["parameter"]) == (428, "If-Match")

    def test_a_stale_if_match_gets_412_and_changes_nothing(self, curator: Curator) -> None:
        mid, first = self.created(curator)
        ok = curator.client.patch(
            f"/v1/memberships/{mid}",
            json={"notes": "one"},
            headers={**curator.write, "If-Match": first},
        )
        assert ok.status_code == 200
        assert ok.json()["version"] == 2
        before = rows(curator.url, f"SELECT * FROM membership WHERE id = {mid}")
        stale = curator.client.patch(
            f"/v1/memberships/{mid}",
            json={"notes": "two"},
            headers={**curator.write, "If-Match": first},
        )
        assert (stale.status_code, stale.json()["parameter"]) == (412, "If-Match")
        assert rows(curator.url, f"SELECT * FROM membership WHERE id = {mid}") == before

    def test_end_a_period_then_delete_it_with_a_reason(self, curator: Curator) -> None:
        mid, etag = self.created(curator)
        ended = curator.client.post(
            f"/v1/memberships/{mid}/end",
            json={"end": "2026-09-01"},
            headers={**curator.write, "If-Match": etag},
        )
        assert ended.json()["period"] == {
            "start": "2026-01",
            "end": "2026-09-01",
            "end_status": "closed",
            "start_precision": "month",
            "end_precision": "day",
            "earliest_start": None,
            "signed": None,
        }
        assert "SRB" not in members(curator, at="2026-10-01")
        gone = curator.client.delete(
            f"/v1/memberships/{mid}",
            params={"reason": "test over"},
            headers={**curator.write, "If-Match": ended.headers["etag"]},
        )
        assert gone.status_code == 204
        assert curator.client.get(f"/v1/memberships/{mid}").status_code == 404

    def test_participation_changes_are_validated(self, curator: Curator) -> None:
        mid, etag = self.created(curator)
        source = curator.source_id()
        outside = curator.client.patch(
            f"/v1/memberships/{mid}",
            headers={**curator.write, "If-Match": etag},
            json={
                "participation_changes": [
                    {"status": "frozen", "start": "2020", "sources": [source]}
                ]
            },
        )
        assert (outside.status_code, outside.json()["parameter"]) == (
            422,
            "participation_changes[0]",
        )
        frozen = curator.client.patch(
            f"/v1/memberships/{mid}",
            headers={**curator.write, "If-Match": etag},
            json={
                "participation_changes": [
                    {"status": "frozen", "start": "2026-03", "sources": [source]}
                ]
            },
        )
        assert frozen.status_code == 200
        (serbia,) = [
            m
            for m in curator.client.get(
                "/v1/organizations/csto/members", params={"at": "2026-06-01"}
            ).json()["members"]
            if m["state"]["code"] == "SRB"
        ]
        assert serbia["participation"] == "frozen"


class TestHistory:
    def test_recorded_at_before_an_edit_answers_as_before(self, curator: Curator) -> None:
        question = {"at": "2026-06-01"}
        before = curator.client.get("/v1/organizations/csto/members", params=question)
        moment = curator.client.get("/v1/meta").json()["released_at"]
        created = curator.client.post("/v1/memberships", json=body(curator), headers=curator.write)
        assert created.status_code == 201
        now = curator.client.get("/v1/organizations/csto/members", params=question)
        past = curator.client.get(
            "/v1/organizations/csto/members", params={**question, "recorded_at": moment}
        )
        assert now.content != before.content
        assert past.content == before.content

    def test_a_read_pinned_to_a_release_never_changes(self, curator: Curator) -> None:
        question = {"at": "2026-06-01"}
        release = curator.client.get("/v1/meta").json()["release"]
        paths = ["/v1/organizations/csto/members", "/v1/states/SRB/memberships"]
        before = [curator.client.get(p, params=question) for p in paths]
        pinned = [curator.client.get(p, params={**question, "release": release}) for p in paths]
        assert [r.content for r in pinned] == [r.content for r in before]
        created = curator.client.post("/v1/memberships", json=body(curator), headers=curator.write)
        assert created.status_code == 201
        for path, old in zip(paths, before, strict=True):
            now = curator.client.get(path, params=question)
            later = curator.client.get(path, params={**question, "release": release})
            assert now.content != old.content
            assert later.status_code == 200
            assert later.content == old.content

    def test_every_past_release_answers_as_it_did_whatever_the_order_asked(
        self, curator: Curator
    ) -> None:
        """An insert, an update and a delete, each its own release; each release is then
        asked, newest and oldest first, more often than snapshots are kept."""
        paths = [
            ("/v1/organizations/csto/members", {"at": "2026-06-01"}),
            ("/v1/states/SRB/memberships", {"at": "2026-06-01"}),
            ("/v1/export/memberships", {"format": "csv"}),
        ]

        def now() -> tuple[int, list[bytes]]:
            release = int(curator.client.get("/v1/meta").json()["release"])
            return release, [curator.client.get(p, params=q).content for p, q in paths]

        recorded = [now()]
        created = curator.client.post("/v1/memberships", json=body(curator), headers=curator.write)
        recorded.append(now())
        ended = curator.client.post(
            f"/v1/memberships/{created.json()['id']}/end",
            json={"end": "2026-03-01"},
            headers={**curator.write, "If-Match": created.headers["etag"]},
        )
        recorded.append(now())
        gone = curator.client.delete(
            f"/v1/memberships/{created.json()['id']}",
            params={"reason": "test over"},
            headers={**curator.write, "If-Match": ended.headers["etag"]},
        )
        assert gone.status_code == 204
        recorded.append(now())
        assert len({release for release, _ in recorded}) == 4
        # the members: with Serbia only while its period was open; the export: three tables
        assert len({bodies[0] for _, bodies in recorded}) == 2
        assert len({bodies[2] for _, bodies in recorded}) == 3
        for release, bodies in [*recorded, *reversed(recorded), *recorded]:
            for (path, question), then in zip(paths, bodies, strict=True):
                pinned = curator.client.get(path, params={**question, "release": release})
                assert pinned.status_code == 200, pinned.text
                assert pinned.content == then, (path, release)

    def test_a_release_not_made_yet_is_a_404_naming_it(self, curator: Curator) -> None:
        release = curator.client.get("/v1/meta").json()["release"]
        answer = curator.client.get(
            "/v1/organizations/csto/members", params={"release": release + 1}
        )
        assert answer.status_code == 404
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.json()["parameter"] == "release"

    def test_the_changes_feed_lists_the_edit_with_before_and_after(self, curator: Curator) -> None:
        created = curator.client.post(
            "/v1/memberships", json=body(curator), headers=curator.write
        ).json()
        etag = curator.etag(f"/v1/memberships/{created['id']}")
        curator.client.patch(
            f"/v1/memberships/{created['id']}",
            json={"notes": "checked", "reason": "review"},
            headers={**curator.write, "If-Match": etag},
        )
        feed = curator.client.get("/v1/changes", params={"organization": "csto", "limit": 500})
        items = feed.json()["items"]
        while feed.json()["next_cursor"]:
            feed = curator.client.get(
                "/v1/changes",
                params={"organization": "csto", "limit": 500, "cursor": feed.json()["next_cursor"]},
            )
            items += feed.json()["items"]
        edit = [i for i in items if i["table"] == "membership" and i["row_id"] == created["id"]]
        assert [(i["action"], i["actor"], i["reason"]) for i in edit] == [
            ("insert", "alice", "Serbia's accession (test)"),
            ("update", "alice", "review"),
        ]
        assert (edit[1]["before"]["notes"], edit[1]["after"]["notes"]) == (None, "checked")
        assert (edit[1]["before"]["version"], edit[1]["after"]["version"]) == (1, 2)

    def test_every_write_makes_a_release_that_changes_etags(self, curator: Curator) -> None:
        meta = curator.client.get("/v1/meta").json()
        path = "/v1/organizations/csto/members?at=2026-06-01"
        tag = curator.etag(path)
        assert tag.startswith(f'"r{meta["release"]}-')
        assert curator.client.get(path, headers={"If-None-Match": tag}).status_code == 304
        curator.client.post("/v1/memberships", json=body(curator), headers=curator.write)
        after = curator.client.get("/v1/meta").json()
        assert after["release"] == meta["release"] + 1
        assert after["counts"]["memberships"] == meta["counts"]["memberships"] + 1
        assert curator.client.get(path, headers={"If-None-Match": tag}).status_code == 200
