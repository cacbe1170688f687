"""GET /v1/organizations/{slug}/members: the CSTO's history, and the rules on the test seed."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

NINE = ["ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "RUS", "TJK", "UZB"]
SIX = ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]


def members(client: TestClient, slug: str = "csto", **params: str) -> dict[str, Any]:
    response = client.get(f"/v1/organizations/{slug}/members", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def codes(body: dict[str, Any]) -> list[str]:
    return sorted(m["state"]["code"] for m in body["members"])


def member(body: dict[str, Any], code: str) -> dict[str, Any]:
    (found,) = [m for m in body["members"] if m["state"]["code"] == code]
    return found


class TestTheCstoHistory:
    def test_in_1995_all_nine_treaty_states_are_certain_members_with_sources(
        self, client: TestClient
    ) -> None:
        body = members(client, at="1995-06-01")
        assert codes(body) == NINE
        assert {m["certainty"] for m in body["members"]} == {"certain"}
        assert all(m["sources"] and m["sources"][0]["title"] for m in body["members"])
        assert body["organization"] == {"slug": "csto", "name": "Collective Security Treaty"}
        assert body["query"]["form"] == "at"
        assert body["query"]["at"] == "1995-06-01"
        assert body["count"] == 9

    def test_the_contract_shape_of_one_member(self, client: TestClient) -> None:
        armenia = member(members(client, at="1995-06-01"), "ARM")
        assert armenia["state"] == {"code": "ARM", "name": "Armenia", "kind": "state"}
        assert (armenia["role"], armenia["founding"], armenia["reason"]) == ("member", True, None)
        # a founder is a member from the treaty's entry into force, the organisation's founding day
        founded = client.get("/v1/organizations/csto").json()["founded"]
        assert armenia["period"]["start"] == founded == "1994-04-20"
        assert (armenia["period"]["end"], armenia["period"]["end_status"]) == (None, "open")
        assert armenia["participation"] == "active"

    def test_in_2000_six_remain_after_the_1999_exits(self, client: TestClient) -> None:
        assert codes(members(client, at="2000-01-01")) == SIX

    def test_during_1999_includes_the_three_who_left_that_year(self, client: TestClient) -> None:
        body = members(client, during="1999")
        assert codes(body) == NINE
        assert body["query"]["during"] == {"start": "1999-01-01", "end": "1999-12-31"}
        assert body["query"]["mode"] == "any"

    def test_throughout_1999_excludes_the_three_who_left(self, client: TestClient) -> None:
        assert codes(members(client, during="1999", mode="throughout")) == SIX

    def test_uzbekistan_is_back_in_2010_under_the_new_name(self, client: TestClient) -> None:
        body = members(client, at="2010-01-01")
        assert codes(body) == sorted([*SIX, "UZB"])
        assert body["organization"]["name"] == "Collective Security Treaty Organization"
        assert member(body, "UZB")["founding"] is False

    def test_after_uzbekistans_suspension_six_again(self, client: TestClient) -> None:
        assert codes(members(client, at="2013-06-01")) == SIX

    def test_uzbekistans_suspension_is_explained_in_the_record(self, client: TestClient) -> None:
        uzbekistan = member(members(client, at="2012-10-01"), "UZB")
        assert uzbekistan["participation"] == "suspended"
        assert "suspension" in uzbekistan["notes"]

    def test_armenia_stays_a_member_with_participation_frozen(self, client: TestClient) -> None:
        armenia = member(members(client, at="2025-06-01"), "ARM")
        assert (armenia["certainty"], armenia["participation"]) == ("certain", "frozen")
        assert armenia["participation_certainty"] == "certain"
        (freeze,) = armenia["participation_changes"]
        assert (freeze["status"], freeze["end"]) == ("frozen", None)
        assert freeze["sources"]

    def test_a_reduced_at_is_answered_as_during_and_says_so(self, client: TestClient) -> None:
        body = members(client, at="1995")
        assert body["query"] == {
            "form": "during",
            "at": None,
            "during": {"start": "1995-01-01", "end": "1995-12-31"},
            "mode": "any",
            "note": "at=1995 is a reduced date: answered as during=1995&mode=any",
        }
        assert codes(body) == NINE

    def test_a_reduced_at_takes_a_mode_as_during_does(self, client: TestClient) -> None:
        throughout = members(client, at="1999", mode="throughout")
        assert codes(throughout) == codes(members(client, during="1999", mode="throughout"))
        assert set(codes(throughout)) < set(codes(members(client, at="1999")))
        assert throughout["query"]["note"] == (
            "at=1999 is a reduced date: answered as during=1999&mode=throughout"
        )

    def test_a_day_reads_alike_in_every_mode(self, client: TestClient) -> None:
        day = members(client, at="1999-06-01")
        assert members(client, at="1999-06-01", mode="throughout") == day

    def test_observers_only_when_asked(self, client: TestClient) -> None:
        assert "SRB" not in codes(members(client, at="2020-01-01"))
        observers = members(client, at="2020-01-01", role="observer")
        assert "SRB" in codes(observers)
        assert {m["role"] for m in observers["members"]} == {"observer"}


class TestImpreciseBounds:
    """On the test seed: Azerbaijan joined some day in 1993; Georgia's end is not recorded."""

    def test_a_year_only_start_is_possible_inside_that_year(
        self, fixture_client: TestClient
    ) -> None:
        azerbaijan = member(members(fixture_client, "testpact", at="1993-06-01"), "AZE")
        assert azerbaijan["certainty"] == "possible"
        assert azerbaijan["reason"] == "the start (1993) is known only to the year"
        assert azerbaijan["period"]["start_precision"] == "year"

    def test_certain_only_leaves_possible_members_out(self, fixture_client: TestClient) -> None:
        body = members(fixture_client, "testpact", at="1993-06-01", certainty="certain")
        assert "AZE" not in codes(body)
        assert body["certainty"] == "certain"

    def test_an_unknown_end_is_possible_later(self, fixture_client: TestClient) -> None:
        georgia = member(members(fixture_client, "testpact", at="2020-01-01"), "GEO")
        assert (georgia["certainty"], georgia["reason"]) == ("possible", "the end is not recorded")
        assert georgia["period"]["end_status"] == "unknown"

    def test_a_state_that_rejoined_shows_every_touching_period(
        self, fixture_client: TestClient
    ) -> None:
        body = members(fixture_client, "testpact", during="1998/2007")
        uzbekistan = member(body, "UZB")
        assert [p["start"] for p in uzbekistan["periods"]] == ["1992-05-15", "2006-08-16"]
        assert uzbekistan["period"]["start"] == "2006-08-16"
        throughout = members(fixture_client, "testpact", during="1998/2007", mode="throughout")
        assert "UZB" not in codes(throughout)

    def test_role_any_lists_each_role_of_a_state(self, fixture_client: TestClient) -> None:
        body = members(fixture_client, "testpact", during="2004/2006", role="any")
        kazakhstan = sorted(m["role"] for m in body["members"] if m["state"]["code"] == "KAZ")
        assert kazakhstan == ["member", "observer"]

    def test_the_name_follows_the_date(self, fixture_client: TestClient) -> None:
        before = members(fixture_client, "testpact", at="1999-12-31")["organization"]["name"]
        after = members(fixture_client, "testpact", at="2000-01-01")["organization"]["name"]
        assert (before, after) == ("Test Pact", "Test Pact Organization")


class TestBadQuestions:
    @pytest.mark.parametrize(
        ("params", "parameter"),
        [
            ({"at": "1995-02-30"}, "at"),
            ({"at": "19x5"}, "at"),
            ({"at": ""}, "at"),
            ({"during": "2000/1990"}, "during"),
            ({"during": "1995/"}, "during"),
            ({"at": "1995", "during": "1995"}, "during"),
            ({"att": "1995"}, "att"),
            ({"mode": "throughout"}, "mode"),
            ({"during": "1995", "mode": "sometimes"}, "query.mode"),
            ({"role": "emperor"}, "query.role"),
            ({"certainty": "maybe"}, "query.certainty"),
            ({"at": "1995-06-01-01-01"}, "query.at"),
        ],
    )
    def test_an_invalid_parameter_gets_a_problem_naming_it(
        self, client: TestClient, params: dict[str, str], parameter: str
    ) -> None:
        response = client.get("/v1/organizations/csto/members", params=params)
        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"
        problem = response.json()
        assert (problem["status"], problem["parameter"]) == (422, parameter)
        assert problem["detail"]

    def test_an_unknown_parameter_is_named_with_the_nearest_known_one(
        self, client: TestClient
    ) -> None:
        response = client.get("/v1/organizations/csto/members", params={"att": "1995", "rol": "x"})
        assert response.status_code == 422
        problem = response.json()
        assert [e["parameter"] for e in problem["errors"]] == ["query.att", "query.rol"]
        assert problem["suggestions"] == ["at", "role"]
        assert "did you mean 'at'?" in problem["detail"]

    @pytest.mark.parametrize(
        ("path", "params"),
        [
            ("/v1/organizations", {}),
            ("/v1/states/UZB/memberships", {}),
            ("/v1/organizations/csto/changes", {"from": "1999"}),
            ("/v1/ask", {"q": "who was in the CSTO in 1995"}),
            ("/v1/meta", {}),
        ],
    )
    def test_every_api_route_refuses_an_unknown_parameter(
        self, client: TestClient, path: str, params: dict[str, str]
    ) -> None:
        assert client.get(path, params=params).status_code == 200
        response = client.get(path, params={**params, "no_such_thing": "1"})
        assert response.status_code == 422
        assert response.json()["parameter"] == "no_such_thing"

    def test_an_unknown_slug_gets_close_matches(self, client: TestClient) -> None:
        response = client.get("/v1/organizations/ctso/members", params={"at": "1995"})
        assert response.status_code == 404
        assert response.json()["suggestions"][0] == "csto"

    def test_a_name_instead_of_a_slug_points_to_the_slug(self, client: TestClient) -> None:
        response = client.get("/v1/organizations/Tashkent Pact")
        assert response.status_code == 404
        assert response.json()["suggestions"] == ["csto"]
