"""GET /v1/ask and GET /v1/explain over the real seed, and `foedus ask` offline."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app import cli
from app.core.settings import get_settings


def test_the_first_question(client: TestClient) -> None:
    body = client.get("/v1/ask", params={"q": "who was a member of the CSTO in 1995"}).json()
    assert body["interpretation"] == {"intent": "members", "organization": "csto", "at": "1995"}
    assert body["query"] == "/v1/organizations/csto/members?at=1995"
    assert (
        body["answer"] == client.get("/v1/organizations/csto/members", params={"at": "1995"}).json()
    )
    assert body["sentence"].startswith(
        "In 1995 the Collective Security Treaty had 9 members: Armenia, Azerbaijan, Belarus, "
        "Georgia, Kazakhstan, Kyrgyzstan, Russia, Tajikistan, Uzbekistan. Sources: "
    )
    assert body["sources"]


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        (
            "was Georgia in the CIS in 2010",
            "Georgia was not a member of the Commonwealth of Independent States in 2010.",
        ),
        (
            "was Armenia a member of the CSTO on 1 June 2025",
            "Armenia was a member of the Collective Security Treaty Organization on 2025-06-01.",
        ),
        (
            "when did Uzbekistan leave the CSTO",
            "Collective Security Treaty Organization: Uzbekistan left on 1999-04-21; "
            "Uzbekistan left on 2012-12-19.",
        ),
        (
            "which alliances was Belarus in on 1 January 2000",
            "On 2000-01-01 Belarus belonged to: Commonwealth of Independent States (member), "
            "Collective Security Treaty (member), Union of Belarus and Russia (member).",
        ),
    ],
)
def test_questions_in_other_forms(client: TestClient, question: str, sentence: str) -> None:
    body = client.get("/v1/ask", params={"q": question}).json()
    assert body["sentence"].startswith(sentence)


def test_who_joined_nato(client: TestClient) -> None:
    body = client.get("/v1/ask", params={"q": "who joined NATO between 1999 and 2004"}).json()
    joined = [c["state"]["code"] for c in body["answer"]["changes"]]
    assert joined == ["CZE", "HUN", "POL", "BGR", "EST", "LVA", "LTU", "ROU", "SVK", "SVN"]


def test_an_unreadable_question_gets_suggestions(client: TestClient) -> None:
    response = client.get("/v1/ask", params={"q": "who was in the ctso in 1995"})
    assert (response.status_code, response.json()["parameter"]) == (422, "q")
    assert response.json()["suggestions"][0] == "csto"


def test_explain_traces_the_answer(client: TestClient) -> None:
    body = client.get(
        "/v1/explain", params={"organization": "csto", "state": "Uzbekistan", "at": "2010-01-01"}
    ).json()
    assert body["certainty"] == "certain"
    assert [(p["period"]["start"], p["verdict"]) for p in body["periods"]] == [
        ("1992-05-15", "no"),
        ("2006-08-16", "certain"),
    ]
    assert body["periods"][1]["precision"] == "start known to the day; end known to the day"
    assert "half-open" in body["rule"]
    assert body["events"]
    assert body["sources"]


def test_foedus_ask_answers_offline(seeded_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOEDUS_DATABASE_URL", seeded_url)
    get_settings.cache_clear()
    result = CliRunner().invoke(cli.cli, ["ask", "who was a member of the CSTO in 1995"])
    refused = CliRunner().invoke(cli.cli, ["ask", "tell me a joke"])
    exported = CliRunner().invoke(cli.cli, ["export", "state-year", "--organization", "csto"])
    get_settings.cache_clear()
    assert result.exit_code == 0
    assert result.output.startswith("In 1995 the Collective Security Treaty had 9 members: ")
    assert refused.exit_code == 1
    assert exported.output.startswith(
        "ccode,stateabb,state,year,member,certainty\n371,ARM,ARM,1992"
    )
