"""GET /v1/states, /v1/states/{code} and /v1/states/{code}/memberships."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


class TestLookup:
    @pytest.mark.parametrize(
        "identifier",
        [
            "UZB",
            "uzb",
            "UZ",
            "704",
            "Q265",
            "Uzbekistan",
            "uzbekistan",
            "Узбекистан",
            " Uzbekistan ",
        ],
    )
    def test_every_kind_of_identifier_finds_the_state(
        self, client: TestClient, identifier: str
    ) -> None:
        response = client.get(f"/v1/states/{identifier}")
        assert response.status_code == 200, response.text
        body = response.json()
        assert (body["code"], body["alpha2"], body["cow_ccode"], body["wikidata"]) == (
            "UZB",
            "UZ",
            704,
            "Q265",
        )

    def test_a_former_state_by_its_iso_3166_3_code(self, fixture_client: TestClient) -> None:
        body = fixture_client.get("/v1/states/SUHH").json()
        assert (body["code"], body["iso3166_3"], body["former"]) == ("SUN", "SUHH", True)
        assert (body["exists_from"], body["exists_until"]) == ("1922-12-30", "1991-12-26")
        assert {"name": "СССР", "lang": "ru", "valid_from": None, "valid_until": None} in body[
            "names"
        ]

    def test_the_curated_record_carries_sources(self, client: TestClient) -> None:
        body = client.get("/v1/states/ARM").json()
        assert body["name"] == "Armenia"
        assert body["sources"]
        assert body["former"] is False

    @pytest.mark.parametrize(
        ("identifier", "suggestion"), [("Uzbekistn", "Uzbekistan"), ("Armenai", "Armenia")]
    )
    def test_an_unknown_state_gets_close_matches(
        self, client: TestClient, identifier: str, suggestion: str
    ) -> None:
        response = client.get(f"/v1/states/{identifier}")
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"
        assert suggestion in response.json()["suggestions"]
        assert response.json()["parameter"] == "code"

    @pytest.mark.parametrize("identifier", ["XXX", "99999", "Q0", "'; DROP TABLE state;--"])
    def test_nonsense_is_a_404_problem(self, client: TestClient, identifier: str) -> None:
        response = client.get(f"/v1/states/{identifier}")
        assert response.status_code == 404
        assert response.json()["status"] == 404


class TestList:
    def test_pages_by_code(self, client: TestClient) -> None:
        first = client.get("/v1/states", params={"limit": 2}).json()
        second = client.get(
            "/v1/states", params={"limit": 2, "cursor": first["next_cursor"]}
        ).json()
        codes = [s["code"] for s in first["items"] + second["items"]]
        assert codes == sorted(codes)
        assert len(set(codes)) == 4

    def test_former_states_only(self, fixture_client: TestClient) -> None:
        body = fixture_client.get("/v1/states", params={"former": "true"}).json()
        assert [s["code"] for s in body["items"]] == ["SUN"]


class TestMemberships:
    def test_every_membership_of_a_state(self, client: TestClient) -> None:
        body = client.get("/v1/states/UZB/memberships").json()
        assert body["state"] == {"code": "UZB", "name": "Uzbekistan", "kind": "state"}
        assert body["memberships"]
        body["memberships"] = [
            m for m in body["memberships"] if m["organization"]["slug"] == "csto"
        ]
        assert body["query"] is None
        periods = [
            (m["organization"]["slug"], m["period"]["start"], m["period"]["end"])
            for m in body["memberships"]
        ]
        # Uzbekistan signed in 1992 but was bound from the treaty's entry into force (csto founded)
        founded = client.get("/v1/organizations/csto").json()["founded"]
        assert periods == [
            ("csto", founded, "1999-04-21"),
            ("csto", "2006-08-16", "2012-12-19"),
        ]
        assert all(m["sources"] and m["certainty"] is None for m in body["memberships"])

    def test_at_a_date(self, client: TestClient) -> None:
        csto = {"organization": "csto"}
        body = client.get("/v1/states/UZB/memberships", params={"at": "2000-01-01", **csto})
        assert body.json()["memberships"] == []
        body = client.get("/v1/states/UZB/memberships", params={"at": "2010-01-01", **csto}).json()
        (only,) = body["memberships"]
        assert (only["certainty"], only["period"]["start"]) == ("certain", "2006-08-16")
        assert only["organization"] == {
            "slug": "csto",
            "name": "Collective Security Treaty Organization",
        }

    def test_filtered_by_organization(self, fixture_client: TestClient) -> None:
        body = fixture_client.get(
            "/v1/states/SUN/memberships", params={"organization": "oldpact"}
        ).json()
        assert [m["organization"]["slug"] for m in body["memberships"]] == ["oldpact"]
        empty = fixture_client.get(
            "/v1/states/SUN/memberships", params={"organization": "testpact"}
        ).json()
        assert empty["memberships"] == []

    def test_an_unknown_organization_filter_is_a_404(self, client: TestClient) -> None:
        response = client.get("/v1/states/UZB/memberships", params={"organization": "cst0"})
        assert (response.status_code, response.json()["parameter"]) == (404, "slug")


class TestLinksAndCodes:
    def test_the_ussr_has_russia_as_continuator(self, client: TestClient) -> None:
        body = client.get("/v1/states/SUHH").json()
        assert (body["code"], body["former"], body["exists_until"]) == ("SUN", True, "1991-12-26")
        continuators = [
            (s["state"]["code"], s["date"])
            for s in body["successors"]
            if s["kind"] == "continuator"
        ]
        assert continuators == [("RUS", "1991-12-26")]
        assert len(body["successors"]) == 15
        assert body["cow_codes"] == [
            {"ccode": 365, "abbrev": "RUS", "valid_from": None, "valid_until": "1991-12-26"}
        ]

    def test_russia_continues_the_ussr(self, client: TestClient) -> None:
        body = client.get("/v1/states/365").json()
        assert body["code"] == "RUS"
        assert [(p["state"]["code"], p["kind"]) for p in body["predecessors"]] == [
            ("SUN", "continuator")
        ]

    def test_czechoslovakia_split_in_two(self, client: TestClient) -> None:
        body = client.get("/v1/states/Czechoslovakia").json()
        assert sorted((s["state"]["code"], s["date"]) for s in body["successors"]) == [
            ("CZE", "1993-01-01"),
            ("SVK", "1993-01-01"),
        ]


def test_members_that_are_not_states_are_listed_by_kind(client: TestClient) -> None:
    def listed(**params: str) -> list[tuple[str, str]]:
        body = client.get("/v1/states", params={"limit": 500, **params}).json()
        return [(s["code"], s["kind"]) for s in body["items"]]

    everyone = listed()
    for kind in ("state", "territory", "partially_recognised", "organization"):
        assert listed(kind=kind) == [(c, k) for c, k in everyone if k == kind]
    # the seed's entities (seed/states/entities.toml): Kosovo and the EU
    assert ("XKX", "partially_recognised") in everyone
    assert ("EUU", "organization") in everyone
    assert client.get("/v1/states/EUU").json()["organization"] == "eu"
    refused = client.get("/v1/states", params={"kind": "colony"})
    assert (refused.status_code, refused.json()["parameter"]) == (422, "query.kind")
