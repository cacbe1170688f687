"""A name two states were called by is answered with both (300 Multiple Choices listing the
candidates), in the state routes and in `ask`; never with a guess."""

from __future__ import annotations

from tests.writes.conftest import Curator


def name_two_states(curator: Curator, name: str) -> None:
    for code, official in (("QZA", "Test Republic of the North"), ("QZB", "Test Republic")):
        body = {
            "code": code,
            "name": official,
            "names": [{"name": name, "lang": "en"}],
            "sources": [curator.source_id()],
        }
        created = curator.client.post("/v1/states", json=body, headers=curator.write)
        assert created.status_code == 201, created.text


def test_a_name_of_two_states_answers_with_both(curator: Curator) -> None:
    name_two_states(curator, "Testland")
    for path in ("/v1/states/Testland", "/v1/states/testland/memberships"):
        answer = curator.client.get(path)
        assert answer.status_code == 300, answer.text
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.headers["cache-control"] == "no-store"
        problem = answer.json()
        assert problem["candidates"] == [
            {"code": "QZA", "name": "Test Republic of the North", "kind": "state"},
            {"code": "QZB", "name": "Test Republic", "kind": "state"},
        ]
        assert problem["suggestions"] == ["QZA", "QZB"]
        assert "QZA (Test Republic of the North), QZB (Test Republic)" in problem["detail"]
    assert curator.client.get("/v1/states/QZB").json()["code"] == "QZB"


def test_ask_answers_an_ambiguous_name_with_its_candidates(curator: Curator) -> None:
    name_two_states(curator, "Testland")
    answer = curator.client.get("/v1/ask", params={"q": "which organisations was Testland in"})
    assert answer.status_code == 300, answer.text
    assert [c["code"] for c in answer.json()["candidates"]] == ["QZA", "QZB"]


def test_a_former_name_keeps_the_years_it_was_in_use(curator: Curator) -> None:
    body = {
        "code": "XQC",
        "name": "Test Republic",
        "names": [{"name": "Old Testland", "lang": "en", "valid_until": "1972-05-22"}],
        "sources": [curator.source_id()],
    }
    assert curator.client.post("/v1/states", json=body, headers=curator.write).status_code == 201
    found = curator.client.get("/v1/states/Old Testland").json()
    assert found["code"] == "XQC"
    assert found["names"] == [
        {"name": "Old Testland", "lang": "en", "valid_from": None, "valid_until": "1972-05-22"}
    ]
    body = {**body, "code": "XQD", "names": [{"name": "X", "lang": "en", "valid_until": "1972-13"}]}
    refused = curator.client.post("/v1/states", json=body, headers=curator.write)
    assert refused.status_code == 422
    assert refused.json()["parameter"] == "names[0].valid_until"
