"""GET /v1/organizations, /{slug}, /{slug}/changes and /{slug}/timeline."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


class TestListOrganizations:
    def test_lists_every_organization_by_slug(self, fixture_client: TestClient) -> None:
        body = fixture_client.get("/v1/organizations").json()
        assert [o["slug"] for o in body["items"]] == ["oldpact", "testpact"]
        assert body["next_cursor"] is None

    @pytest.mark.parametrize(
        ("q", "slugs"),
        [
            ("ОДКБ", ["csto"]),
            ("одкб", ["csto"]),
            ("tashkent pact", ["csto"]),
            ("CST", ["csto"]),
            ("no such pact", []),
        ],
    )
    def test_q_searches_names_and_aliases_in_any_language_and_case(
        self, client: TestClient, q: str, slugs: list[str]
    ) -> None:
        body = client.get("/v1/organizations", params={"q": q}).json()
        assert [o["slug"] for o in body["items"]] == slugs

    @pytest.mark.parametrize(
        ("params", "slugs"),
        [
            ({"at": "1955-01-01"}, ["oldpact"]),
            ({"at": "1960-01-01"}, []),
            ({"during": "1955/1995"}, ["oldpact", "testpact"]),
            ({"kind": "military_alliance"}, ["oldpact", "testpact"]),
            ({"kind": "forum"}, []),
        ],
    )
    def test_filters_by_existence_and_kind(
        self, fixture_client: TestClient, params: dict[str, str], slugs: list[str]
    ) -> None:
        body = fixture_client.get("/v1/organizations", params=params).json()
        assert [o["slug"] for o in body["items"]] == slugs

    def test_pages_through_a_cursor_and_a_link_header(self, fixture_client: TestClient) -> None:
        first = fixture_client.get("/v1/organizations", params={"limit": 1})
        assert [o["slug"] for o in first.json()["items"]] == ["oldpact"]
        cursor = first.json()["next_cursor"]
        assert first.headers["link"] == (f'</v1/organizations?limit=1&cursor={cursor}>; rel="next"')
        second = fixture_client.get("/v1/organizations", params={"limit": 1, "cursor": cursor})
        assert [o["slug"] for o in second.json()["items"]] == ["testpact"]
        assert second.json()["next_cursor"] is None
        assert "link" not in second.headers

    @pytest.mark.parametrize(
        "params",
        [{"limit": "0"}, {"limit": "501"}, {"limit": "-1"}, {"cursor": "%%%"}, {"at": "1995-13"}],
    )
    def test_bad_list_parameters_are_problems(
        self, fixture_client: TestClient, params: dict[str, str]
    ) -> None:
        response = fixture_client.get("/v1/organizations", params=params)
        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"
        assert next(iter(params)) in response.json()["parameter"]


class TestReadOrganization:
    def test_the_csto_record(self, client: TestClient) -> None:
        body = client.get("/v1/organizations/csto").json()
        assert (body["slug"], body["name"], body["kind"]) == (
            "csto",
            "Collective Security Treaty Organization",
            "military_alliance",
        )
        # odkb-en-25years / protocol-1999-text: the treaty entered into force on 20 April 1994, the
        # day the alliance exists from (its signature, 15 May 1992, awaited ratification)
        assert (body["founded"], body["headquarters"]) == ("1994-04-20", "Moscow, Russia")
        assert body["identifiers"] == {
            "wikidata": "Q318693",
            "cow_igo": "CSTO",
            "cow_alliance": 350,
            "atop": 4220,
        }
        official = [
            (n["name"], n["valid_from"], n["valid_until"])
            for n in body["names"]
            if n["kind"] == "official" and n["lang"] == "en"
        ]
        assert official == [
            ("Collective Security Treaty", body["founded"], "2002-10-07"),
            ("Collective Security Treaty Organization", "2002-10-07", None),
        ]
        assert {"Tashkent Pact", "ОДКБ"} <= {n["name"] for n in body["names"]}
        assert body["sources"]

    def test_events_are_dated_sourced_and_in_order(self, client: TestClient) -> None:
        events = client.get("/v1/organizations/csto").json()["events"]
        assert all(e["sources"] for e in events)
        dates = [e["date"] for e in events]
        assert dates == sorted(dates)
        signature = next(e for e in events if e["key"] == "cst-signature")
        assert (signature["date"], signature["place"]) == ("1992-05-15", "Tashkent")
        assert sorted(s["code"] for s in signature["states"]) == [
            "ARM",
            "KAZ",
            "KGZ",
            "RUS",
            "TJK",
            "UZB",
        ]
        charter = next(e for e in events if e["type"] == "charter")
        assert (charter["date"], charter["place"]) == ("2002-10-07", "Chisinau")

    def test_dataset_disagreements_are_published(self, client: TestClient) -> None:
        body = client.get("/v1/organizations/csto").json()
        datasets = {d["dataset"] for d in body["dataset_discrepancies"]}
        assert datasets == {"cow-alliance-v4.1", "atop-4.01", "cow-igo-v3"}
        assert all(d["explanation"] for d in body["dataset_discrepancies"])

    def test_predecessors_and_successors(self, fixture_client: TestClient) -> None:
        old = fixture_client.get("/v1/organizations/oldpact").json()
        new = fixture_client.get("/v1/organizations/testpact").json()
        assert [s["organization"]["slug"] for s in old["successors"]] == ["testpact"]
        assert [p["organization"]["slug"] for p in new["predecessors"]] == ["oldpact"]
        assert (old["predecessors"], new["successors"]) == ([], [])
        assert old["dissolved"] == "1960-01-01"

    def test_an_unknown_slug_is_a_404_problem(self, client: TestClient) -> None:
        response = client.get("/v1/organizations/no-such-pact")
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["parameter"] == "slug"


class TestChanges:
    def test_the_1999_departures(self, client: TestClient) -> None:
        body = client.get(
            "/v1/organizations/csto/changes", params={"from": "1999", "to": "1999"}
        ).json()
        assert [(c["date"], c["type"], c["state"]["code"]) for c in body["changes"]] == [
            ("1999-04-21", "left", "AZE"),
            ("1999-04-21", "left", "GEO"),
            ("1999-04-21", "left", "UZB"),
        ]
        assert body["window"]["during"] == {"start": "1999-01-01", "end": "1999-12-31"}
        assert all(c["certainty"] == "certain" and c["sources"] for c in body["changes"])

    def test_joins_role_and_participation_changes(self, fixture_client: TestClient) -> None:
        body = fixture_client.get(
            "/v1/organizations/testpact/changes", params={"from": "1993-06", "to": "2024"}
        ).json()
        assert [
            (c["date"], c["type"], c["state"]["code"], c["certainty"]) for c in body["changes"]
        ] == [
            ("1993", "joined", "AZE", "possible"),
            ("1993-12-09", "joined", "GEO", "certain"),
            ("1999-04-20", "left", "AZE", "certain"),
            ("1999-04-20", "left", "UZB", "certain"),
            ("2005-01-01", "role_changed", "KAZ", "certain"),
            ("2006-08-16", "joined", "UZB", "certain"),
            ("2012-06-28", "left", "UZB", "certain"),
            ("2013-04", "joined", "SRB", "certain"),
            ("2024-02", "participation_changed", "ARM", "certain"),
        ]
        kazakhstan = body["changes"][4]
        assert (kazakhstan["previous_role"], kazakhstan["role"]) == ("member", "observer")
        assert body["changes"][-1]["participation"] == "frozen"

    @pytest.mark.parametrize(
        ("params", "parameter"),
        [
            ({"from": "1999-02-30"}, "from"),
            ({"from": "2000", "to": "1990"}, "to"),
            ({"to": "1999"}, "query.from"),
        ],
    )
    def test_bad_windows(self, client: TestClient, params: dict[str, str], parameter: str) -> None:
        response = client.get("/v1/organizations/csto/changes", params=params)
        assert (response.status_code, response.json()["parameter"]) == (422, parameter)


class TestTimeline:
    def test_events_and_membership_changes_in_date_order(self, fixture_client: TestClient) -> None:
        entries = fixture_client.get("/v1/organizations/testpact/timeline").json()["entries"]
        assert entries[0]["kind"] == "event"
        assert entries[0]["title"] == "Test Pact signed"
        keys = [(e["date"], e["kind"], e["title"]) for e in entries]
        assert ("2005-01-01", "membership", "Kazakhstan became observer") in keys
        assert ("2024-02", "membership", "Armenia participation became frozen") in keys
        dates = [e["date"] for e in entries]
        assert dates == sorted(dates)

    def test_the_csto_timeline_is_sourced(self, client: TestClient) -> None:
        entries = client.get("/v1/organizations/csto/timeline").json()["entries"]
        assert all(e["sources"] for e in entries)
        assert any(e["type"] == "deployment" for e in entries)
