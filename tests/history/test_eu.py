"""Member lists at chosen dates, checked against cited sources (ECSC, EEC/EC, EU)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.history.support import members

SIX = ["BEL", "DEU", "FRA", "ITA", "LUX", "NLD"]
NINE = sorted([*SIX, "DNK", "GBR", "IRL"])
TEN = sorted([*NINE, "GRC"])
TWELVE = sorted([*TEN, "ESP", "PRT"])
FIFTEEN = sorted([*TWELVE, "AUT", "FIN", "SWE"])
A10 = ["CYP", "CZE", "EST", "HUN", "LTU", "LVA", "MLT", "POL", "SVK", "SVN"]
TWENTY_FIVE = sorted([*FIFTEEN, *A10])
TWENTY_SEVEN = sorted([*TWENTY_FIVE, "BGR", "ROU"])
TWENTY_EIGHT = sorted([*TWENTY_SEVEN, "HRV"])
EU27_AFTER_BREXIT = sorted(c for c in TWENTY_EIGHT if c != "GBR")


def answer(client: TestClient, slug: str, **params: str) -> dict[str, Any]:
    response = client.get(f"/v1/organizations/{slug}/members", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def member(body: dict[str, Any], code: str) -> dict[str, Any]:
    found: dict[str, Any] = next(m for m in body["members"] if m["state"]["code"] == code)
    return found


@pytest.mark.parametrize(
    ("slug", "at", "expected"),
    [
        # ---- ECSC
        # ecsc-europarl-treaty-of-paris: "Signed in: Paris (France) 18 April 1951 ... Entry into
        # force: 23 July 1952" (signed by Belgium, France, the FRG, Italy, Luxembourg, Netherlands)
        ("ecsc", "1952-07-23", SIX),
        # ecsc-lovguiden-decision-1972: "Tiltrædelsen får virkning 1. januar 1973" (accession of
        # Denmark, Ireland and the UK to the ECSC takes effect on 1 January 1973)
        ("ecsc", "1973-01-01", NINE),
        # ecsc-wikisource-decision-1979: "L'adesione prende effetto il 1° gennaio 1981" (Greece)
        ("ecsc", "1981-06-30", TEN),
        # ecsc-siplex-decision-1985: accession of Spain and Portugal to the ECSC "zaczyna
        # obowiązywać z dniem 1 stycznia 1986"
        ("ecsc", "1986-01-01", TWELVE),
        # ecsc-cvce-expiry: "all assets and liabilities of the ECSC, as they existed on 23 July
        # 2002, would be transferred to the EC on 24 July 2002" (23 July 2002 is the last day)
        ("ecsc", "2002-07-23", FIFTEEN),
        ("ecsc", "2002-07-24", []),
        # ---- EEC / EC
        # eec-eurostat-treaties-of-rome: "two treaties signed in Rome on 25 March 1957 which came
        # into force on 1 January 1958 ... signed by the six founding Member States"
        ("eec", "1958-01-01", SIX),
        # eec-wikizero-accession-1972: "Denmark, Ireland and the United Kingdom who became EC
        # member states on 1 January 1973"
        ("eec", "1972-12-31", SIX),
        ("eec", "1973-01-01", NINE),
        # eec-infogalactic-accession-1985: "Signed 12 June 1985 ... Effective 1 January 1986"
        ("eec", "1986-01-01", TWELVE),
        # eec-fdfa-accession-2003: "Entry into force: 01/05/2004"
        ("eec", "2004-05-01", TWENTY_FIVE),
        # eec-europarl-lisbon-factsheet: "The Union takes the place of the Community and is its
        # legal successor" (Treaty of Lisbon, in force 1 December 2009)
        ("eec", "2009-11-30", TWENTY_SEVEN),
        ("eec", "2009-12-01", []),
        # ---- EU
        # eu-europarl-maastricht: "Signed in: Maastricht (the Netherlands) 7 February 1992 /
        # Entry into force: 1 November 1993"
        ("eu", "1993-10-31", []),
        ("eu", "1993-11-01", TWELVE),
        # eu-europa-countries: "01/01/1995 | Austria | Finland | Sweden"
        ("eu", "1995-01-01", FIFTEEN),
        # eu-europa-countries: "01/05/2004 | Cyprus | Czechia | Estonia | Hungary | Latvia | ..."
        ("eu", "2004-05-01", TWENTY_FIVE),
        # eu-europa-countries: "01/01/2007 | Bulgaria | Romania"
        ("eu", "2007-01-01", TWENTY_SEVEN),
        # eu-seecel-croatia-2013: "as of 1st July 2013 the Republic of Croatia has become a 28th
        # member of the European Union"
        ("eu", "2013-07-01", TWENTY_EIGHT),
        # eu-mina-2026 (June 2026): "all 27 members will support its membership"; no accession
        # or withdrawal since the UK's departure
        ("eu", "2026-11-26", EU27_AFTER_BREXIT),
    ],
)
def test_members_at(client: TestClient, slug: str, at: str, expected: list[str]) -> None:
    assert members(client, slug, at=at) == expected


class TestHardCases:
    def test_the_uk_is_a_member_on_31_january_2020_and_not_on_1_february(
        self, client: TestClient
    ) -> None:
        # eu-lexology-brexit: "On 31 January 2020, at midnight in Brussels (11 p.m. in the UK),
        # the United Kingdom officially left the European Union"
        before = answer(client, "eu", at="2020-01-31")
        uk = member(before, "GBR")
        assert uk["participation"] == "active"
        assert (uk["period"]["start"], uk["period"]["end"]) == ("1993-11-01", "2020-02-01")
        assert uk["period"]["end_status"] == "closed"
        assert before["count"] == 28
        assert members(client, "eu", at="2020-02-01") == EU27_AFTER_BREXIT

    def test_croatia_joins_on_1_july_2013(self, client: TestClient) -> None:
        # eu-dges-croatia: "On the 1st July 2013 Croatia became the 28th Member-state"
        assert "HRV" not in members(client, "eu", at="2013-06-30")
        assert "HRV" in members(client, "eu", at="2013-07-01")

    def test_eu_founders_are_founding_members_from_maastricht(self, client: TestClient) -> None:
        # eu-europarl-maastricht: "the Union was founded on the basis of the European Communities"
        body = answer(client, "eu", at="1994-01-01")
        assert all(m["founding"] for m in body["members"])
        assert {m["period"]["start"] for m in body["members"]} == {"1993-11-01"}

    def test_reunification_does_not_create_a_new_german_membership(
        self, client: TestClient
    ) -> None:
        # eec-eudk-membership: "the former East Germany became part of the EC since West Germany
        # was already a Member State of the EC"
        for slug, start in (("eec", "1958-01-01"), ("ecsc", "1952-07-23")):
            germany = member(answer(client, slug, during="1989/1991"), "DEU")
            assert [p["start"] for p in germany["periods"]] == [start]
            assert germany["founding"] is True
        assert "DDR" not in members(client, "eec", during="1958/2009")

    def test_greenlands_exit_leaves_denmark_a_member(self, client: TestClient) -> None:
        # eec-wiki-greenland: Greenland Treaty "Effective 1 February 1985"; Greenland is a
        # territory of Denmark, so Denmark stays a member
        assert "DNK" in members(client, "eec", at="1985-02-01")
        assert members(client, "eec", at="1985-02-01") == TEN

    def test_the_eec_is_renamed_the_european_community_on_1_november_1993(
        self, client: TestClient
    ) -> None:
        # eec-europarl-maastricht: "Upon entry into force of the Treaty on European Union, the
        # European Economic Community became the European Community(EC)"
        before = answer(client, "eec", at="1993-10-31")["organization"]["name"]
        after = answer(client, "eec", at="1993-11-01")["organization"]["name"]
        assert (before, after) == ("European Economic Community", "European Community")
        assert members(client, "eec", at="1993-10-31") == members(client, "eec", at="1993-11-01")

    def test_lifetimes_and_successor_links(self, client: TestClient) -> None:
        ecsc = client.get("/v1/organizations/ecsc").json()
        eec = client.get("/v1/organizations/eec").json()
        eu = client.get("/v1/organizations/eu").json()
        assert (ecsc["founded"], ecsc["dissolved"]) == ("1952-07-23", "2002-07-24")
        assert (eec["founded"], eec["dissolved"]) == ("1958-01-01", "2009-12-01")
        assert (eu["founded"], eu["dissolved"]) == ("1993-11-01", None)
        assert [s["organization"]["slug"] for s in ecsc["successors"]] == ["eec"]
        assert [s["organization"]["slug"] for s in eec["successors"]] == ["eu"]
        assert [p["organization"]["slug"] for p in eu["predecessors"]] == ["eec"]
        assert eu["identifiers"]["atop"] == 4175

    def test_dataset_disagreements_are_published(self, client: TestClient) -> None:
        ecsc = client.get("/v1/organizations/ecsc").json()["dataset_discrepancies"]
        assert {(d["state"]["code"], d["years"], d["dataset_says"]) for d in ecsc} == {
            ("DEU", "1952-1954", "not_member"),
            ("AUT", "1955-1964", "member"),
            ("GBR", "1955-1965", "different_role"),
            ("CHE", "1955-1965", "different_role"),
        }
        eu = client.get("/v1/organizations/eu").json()["dataset_discrepancies"]
        assert {d["dataset"] for d in eu} == {"atop-4.01"}
        assert len(eu) == 25  # 22 yearly differences and three of dates (BGR, ROU, HRV)
