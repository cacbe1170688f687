"""GET /v1/ask and GET /v1/explain over the real seed, and `foedus ask` offline."""

from __future__ import annotations

from typing import Any

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


def test_names_are_indexed_once_per_release(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.ask import service

    built: list[int] = []
    real = service.names_of

    def counted(engine: Any) -> Any:
        built.append(1)
        return real(engine)

    monkeypatch.setattr(service, "names_of", counted)
    questions = ["who was a member of the NATO in 1950", "was Georgia in the CIS in 2010"]
    first = [client.get("/v1/ask", params={"q": q}).json()["sentence"] for q in questions]
    again = [client.get("/v1/ask", params={"q": q}).json()["sentence"] for q in questions]
    assert first == again
    assert len(built) == 1  # four questions, one index of the names


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        (
            "was Georgia in the CIS in 2010",
            "Georgia was not a member of the Commonwealth of Independent States in 2010.",
        ),
        (
            "was Armenia a member of the CSTO on 1 June 2025",
            "Armenia was a member of the Collective Security Treaty Organization on 2025-06-01, "
            "with its participation frozen.",
        ),
        (
            "when did Uzbekistan leave the CSTO",
            "Collective Security Treaty Organization: Uzbekistan left on 1999-04-21; "
            "Uzbekistan left on 2012-12-19.",
        ),
        (
            "which alliances was Belarus in on 1 January 2000",
            "On 2000-01-01 Belarus belonged to: Commonwealth of Independent States (member), "
            "Collective Security Treaty (member), International Bank for Reconstruction and "
            "Development (member), International Monetary Fund (member), Non-Aligned Movement "
            "(member), Organization for Security and Co-operation in Europe (member), United "
            "Nations (member), Union of Belarus and Russia (member).",
        ),
    ],
)
def test_questions_in_other_forms(client: TestClient, question: str, sentence: str) -> None:
    body = client.get("/v1/ask", params={"q": question}).json()
    assert body["sentence"].startswith(sentence)


def _cited(sources: list[dict[str, Any]]) -> str:
    named = [f"{s['title']} ({s['publisher']})" if s["publisher"] else s["title"] for s in sources]
    return f" Sources: {'; '.join(named[:3])}." if named else ""


@pytest.mark.parametrize(
    ("question", "interpretation", "query", "sentence"),
    [
        (
            "who was in the EU in March 1999",
            {"intent": "members", "organization": "eu", "at": "1999-03"},
            "/v1/organizations/eu/members?at=1999-03",
            "In 1999-03 the European Union had 15 members: Austria, Belgium, Denmark, Finland, "
            "France, Germany, Greece, Ireland, Italy, Luxembourg, Netherlands, Portugal, Spain, "
            "Sweden, United Kingdom.",
        ),
        (
            "was Uzbekistan in the CSTO in 2012",
            {
                "intent": "membership_check",
                "organization": "csto",
                "state": "UZB",
                "at": "2012",
            },
            "/v1/states/UZB/memberships?at=2012&organization=csto",
            "Uzbekistan was a member of the Collective Security Treaty Organization in 2012, with "
            "its participation suspended.",
        ),
        (
            "was Georgia in the CIS in 2010",
            {"intent": "membership_check", "organization": "cis", "state": "GEO", "at": "2010"},
            "/v1/states/GEO/memberships?at=2010&organization=cis",
            "Georgia was not a member of the Commonwealth of Independent States in 2010.",
        ),
        (
            "which organisations was Russia in during 1995",
            {"intent": "state_memberships", "state": "RUS", "at": "1995"},
            "/v1/states/RUS/memberships?at=1995",
            "In 1995 Russia belonged to: Commonwealth of Independent States (member), "
            "Collective Security Treaty (member), International Bank for Reconstruction and "
            "Development (member), International Monetary Fund (member), Organization for "
            "Security and Co-operation in Europe (member), United Nations (member).",
        ),
        (
            "what year did Georgia leave the CIS",
            {
                "intent": "join_leave_date",
                "organization": "cis",
                "state": "GEO",
                "change": "left",
            },
            "/v1/organizations/cis/changes?from=0001-01-01&to=9999-12-31",
            "Commonwealth of Independent States: Georgia left on 2009-08-18.",
        ),
        (
            "what changed in the CSTO in 2012",
            {"intent": "changes_between", "organization": "csto", "during": "2012"},
            "/v1/organizations/csto/changes?from=2012-01-01&to=2012-12-31",
            "Collective Security Treaty Organization: Uzbekistan participation changed on 2012-06 "
            "(suspended); Uzbekistan left on 2012-12-19.",
        ),
        (
            "did Uzbekistan join the CSTO between 1999 and 2004",
            {
                "intent": "changes_between",
                "organization": "csto",
                "state": "UZB",
                "during": "1999/2004",
                "change": "joined",
            },
            "/v1/organizations/csto/changes?from=1999-01-01&to=2004-12-31",
            "No such change is recorded for the Collective Security Treaty Organization.",
        ),
    ],
)
def test_each_kind_of_question_exactly(
    client: TestClient,
    question: str,
    interpretation: dict[str, str],
    query: str,
    sentence: str,
) -> None:
    body = client.get("/v1/ask", params={"q": question}).json()
    assert body["interpretation"] == interpretation
    assert body["query"] == query
    assert body["sentence"] == sentence + _cited(body["sources"])
    assert len({s["id"] for s in body["sources"]}) == len(body["sources"])


def test_who_joined_nato(client: TestClient) -> None:
    body = client.get("/v1/ask", params={"q": "who joined NATO between 1999 and 2004"}).json()
    joined = [c["state"]["code"] for c in body["answer"]["changes"]]
    assert joined == ["CZE", "HUN", "POL", "BGR", "EST", "LVA", "LTU", "ROU", "SVK", "SVN"]


def test_an_unreadable_question_gets_suggestions(client: TestClient) -> None:
    response = client.get("/v1/ask", params={"q": "who was in the Comonwealth of Independant"})
    assert (response.status_code, response.json()["parameter"]) == (422, "q")
    assert response.json()["suggestions"][0] == "Commonwealth of Independent States"


def test_explain_traces_the_answer(client: TestClient) -> None:
    body = client.get(
        "/v1/explain", params={"organization": "csto", "state": "Uzbekistan", "at": "2010-01-01"}
    ).json()
    assert body["certainty"] == "certain"
    founded = client.get("/v1/organizations/csto").json()["founded"]
    assert [(p["period"]["start"], p["verdict"]) for p in body["periods"]] == [
        (founded, "no"),
        ("2006-08-16", "certain"),
    ]
    assert body["periods"][1]["precision"] == "start known to the day; end known to the day"
    assert "half-open" in body["rule"]
    assert body["events"]
    assert body["sources"]


def test_explain_gives_every_period_exactly(client: TestClient) -> None:
    body = client.get(
        "/v1/explain", params={"organization": "csto", "state": "UZB", "at": "2012-06"}
    ).json()
    assert (body["certainty"], body["reason"], body["query"]["form"]) == ("certain", None, "during")
    # the first period runs from the treaty's entry into force (the organisation's founding day),
    # after the Tashkent signature of 15 May 1992
    founded = client.get("/v1/organizations/csto").json()["founded"]
    assert [e["key"] for e in body["events"]] == [
        "cst-signature",
        "cst-entry-into-force",
        "cst-first-term-expiry",
        "uzb-return-decision",
        "uzb-restoration-protocol",
        "uzb-ratification-2006",
        "uzb-ratification-2008",
        "uzb-suspension-note",
        "uzb-suspension-decision",
    ]
    assert [
        (
            p["role"],
            p["period"]["start"],
            p["period"]["end"],
            p["verdict"],
            p["reason"],
            p["precision"],
            p["participation"],
            p["start_event"]["key"],
            p["end_event"]["key"],
            len(p["sources"]),
        )
        for p in body["periods"]
    ] == [
        (
            "member",
            founded,
            "1999-04-21",
            "no",
            None,
            "start known to the day; end known to the day",
            [],
            "cst-entry-into-force",
            "cst-first-term-expiry",
            7,
        ),
        (
            "member",
            "2006-08-16",
            "2012-12-19",
            "certain",
            None,
            "start known to the day; end known to the day",
            ["suspended from 2012-06 to 2012-12-19"],
            "uzb-restoration-protocol",
            "uzb-suspension-decision",
            6,
        ),
    ]
    assert len(body["sources"]) == 13


def test_explain_an_observer_still_running(client: TestClient) -> None:
    body = client.get(
        "/v1/explain", params={"organization": "csto", "state": "SRB", "at": "2010-01-01"}
    ).json()
    assert body["certainty"] == "no"
    assert [(p["role"], p["verdict"], p["precision"]) for p in body["periods"]] == [
        ("observer", "no", "start known to the month; no end: still running")
    ]


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
        "ccode,stateabb,state,year,member,certainty\n371,ARM,ARM,1994"
    )


@pytest.mark.parametrize(
    ("question", "code"),
    [
        ("was the UK in NATO in 1960", "GBR"),
        ("was Great Britain in the EEC in 1980", "GBR"),
        ("was Britain in the Commonwealth in 1960", "GBR"),
        ("was Holland in NATO in 1960", "NLD"),
        ("was Turkey in NATO in 1960", "TUR"),
        ("was Ivory Coast in ECOWAS in 2000", "CIV"),
        ("when did Burma join ASEAN", "MMR"),
        ("was Ceylon in the UN in 1960", "LKA"),
        ("when did Zaire join the UN", "COD"),
        ("when did Dahomey join the UN", "BEN"),
        ("was Upper Volta in the OAU in 1970", "BFA"),
        ("when did Swaziland join the Commonwealth", "SWZ"),
        ("was Persia in the UN in 1946", "IRN"),
        ("was Siam in SEATO in 1955", "THA"),
        ("was West Germany in NATO in 1960", "DEU"),
        ("was East Germany in the Warsaw Pact in 1960", "DDR"),
        ("was the Soviet Union in the UN in 1950", "SUN"),
    ],
)
def test_the_names_people_use_are_understood(client: TestClient, question: str, code: str) -> None:
    body = client.get("/v1/ask", params={"q": question}).json()
    assert body["interpretation"]["state"] == code, body


def test_an_ambiguous_name_is_answered_with_its_candidates(client: TestClient) -> None:
    answer = client.get("/v1/ask", params={"q": "was Congo in the UN in 1970"})
    assert answer.status_code == 300, answer.text
    assert [c["code"] for c in answer.json()["candidates"]] == ["COD", "COG"]


def test_becoming_a_member_from_an_observer_is_joining(client: TestClient) -> None:
    body = client.get("/v1/ask", params={"q": "when did Myanmar join ASEAN"}).json()
    everything = client.get(
        "/v1/organizations/asean/changes", params={"from": "0001-01-01", "to": "9999-12-31"}
    ).json()["changes"]
    became = [
        c
        for c in everything
        if c["state"]["code"] == "MMR" and c["type"] == "role_changed" and c["role"] == "member"
    ]
    assert len(became) == 1
    assert body["answer"]["changes"] == became
    assert body["sentence"].startswith(
        "Association of Southeast Asian Nations: Myanmar went from observer to member on "
        f"{became[0]['date']}."
    )


@pytest.mark.parametrize(
    ("question", "read", "field", "value"),
    [
        ("When did Uzbekstan leave the CSTO?", "'uzbekstan' as 'Uzbekistan'", "state", "UZB"),
        ("Was Armenia in the CTSO in 2000?", "'ctso' as 'CSTO'", "organization", "csto"),
    ],
)
def test_a_misspelled_name_is_read_with_a_note_never_silently(
    client: TestClient, question: str, read: str, field: str, value: str
) -> None:
    body = client.get("/v1/ask", params={"q": question}).json()
    assert body["interpretation"][field] == value
    assert body["sentence"].startswith(f"(Read {read}.)")
    assert body["interpretation"]["corrections"] == [f"read {read}"]


def test_suggestions_are_names_never_bare_codes(client: TestClient) -> None:
    problem = client.get("/v1/ask", params={"q": "members of the xyzzy"}).json()
    assert all(len(s) > 3 or not s.isupper() for s in problem["suggestions"])


def test_members_of_a_body_before_it_existed_go_through_its_predecessor(
    client: TestClient,
) -> None:
    body = client.get("/v1/ask", params={"q": "who were the members of the EU in 1975"}).json()
    eec = client.get("/v1/organizations/eec/members", params={"at": "1975"}).json()
    assert "had not been founded yet" in body["sentence"]
    assert f"it had {eec['count']} members" in body["sentence"]
    assert body["query"].endswith("lineage=true")


def test_a_membership_check_says_when_participation_is_not_active(client: TestClient) -> None:
    armenia = client.get(
        "/v1/states/ARM/memberships", params={"organization": "csto", "at": "2025-06-01"}
    ).json()["memberships"][0]
    body = client.get("/v1/ask", params={"q": "was Armenia a CSTO member in June 2025"}).json()
    assert (
        body["sentence"].endswith(
            f"with its participation {armenia['participation']}."
            + body["sentence"].split(".", 1)[1]
        )
        or f"with its participation {armenia['participation']}" in body["sentence"]
    )


def test_no_change_is_listed_on_the_day_a_membership_ended(client: TestClient) -> None:
    body = client.get("/v1/ask", params={"q": "When did Uzbekistan rejoin the CSTO?"}).json()
    left = client.get(
        "/v1/organizations/csto/changes", params={"from": "2012", "to": "2012"}
    ).json()["changes"]
    ended = {c["date"] for c in left if c["type"] == "left" and c["state"]["code"] == "UZB"}
    assert ended
    assert not [
        c
        for c in left
        if c["type"] == "participation_changed"
        and c["date"] in ended
        and c["state"]["code"] == "UZB"
    ]
    assert body["interpretation"]["change"] == "joined"
