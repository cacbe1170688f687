"""Rio Treaty (TIAR) parties at chosen dates, checked against cited sources."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.history.support import member, members

# rio-treaty-state-2009 (US State Department fact sheet, 30 April 2009): "R" for these 21
# states (Mexico "D"); Cuba is not in that table but never denounced the treaty
# (rio-treaty-elestimulo-2019: "Cuba ... no se ha retirado del TIAR").
STATE_2009_R = [
    "ARG",
    "BHS",
    "BOL",
    "BRA",
    "CHL",
    "COL",
    "CRI",
    "DOM",
    "ECU",
    "SLV",
    "GTM",
    "HTI",
    "HND",
    "NIC",
    "PAN",
    "PRY",
    "PER",
    "TTO",
    "USA",
    "URY",
    "VEN",
]
PARTIES_2005 = sorted([*STATE_2009_R, "CUB"])
PARTIES_2000 = sorted([*PARTIES_2005, "MEX"])
# rio-treaty-elestimulo-2019: "Los 19 países miembros del TIAR son Argentina, Bahamas, Brasil,
# Chile, Colombia, Costa Rica, Cuba, El Salvador, Estados Unidos, Guatemala, Haití, Honduras,
# Panamá, Paraguay, Perú, República Dominicana, Trinidad y Tobago, Uruguay y Venezuela"
PARTIES_19 = sorted(
    [
        "ARG",
        "BHS",
        "BRA",
        "CHL",
        "COL",
        "CRI",
        "CUB",
        "SLV",
        "USA",
        "GTM",
        "HTI",
        "HND",
        "PAN",
        "PRY",
        "PER",
        "DOM",
        "TTO",
        "URY",
        "VEN",
    ]
)
# rio-treaty-sputnik-2019: "El TIAR, que tiene 18 países miembros" (without Venezuela, which
# "abandonó en 2013"); rio-treaty-atop-4-01: Ecuador's exit on 19 February 2016 is the last
# of the four ALBA withdrawals announced in 2012.
PARTIES_18 = [c for c in PARTIES_19 if c != "VEN"]


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        # rio-treaty-oas-b29: "ENTRY INTO FORCE: 12/03/48"; nobody is a party the day before
        ("1948-12-02", []),
        ("2000-01-01", PARTIES_2000),
        # rio-treaty-vdare-2002: notice of 6 September 2002; Article 25 (rio-treaty-text-art25):
        # the treaty ceases to be in force for the state two years after the notice
        ("2004-09-05", PARTIES_2000),
        ("2005-01-01", PARTIES_2005),
        ("2016-03-01", PARTIES_18),
        # rio-treaty-laiguana-2019: ratification deposited for Venezuela on 6 August 2019
        ("2019-08-05", PARTIES_18),
        ("2019-09-09", PARTIES_19),
        # rio-treaty-cambio16-2020: Uruguay "asegura su permanencia en el TIAR"; no later change
        ("2026-12-07", PARTIES_19),
    ],
)
def test_parties_at(client: TestClient, at: str, expected: list[str]) -> None:
    assert members(client, "rio-treaty", at=at) == expected


@pytest.mark.parametrize(
    ("at", "code", "expected"),
    [
        # rio-treaty-usstat-proclamation: US deposit 30 December 1947; rio-treaty-oas-b29:
        # Colombia 02/03/48, El Salvador 03/15/48, Brazil 03/25/48, Costa Rica 12/03/48
        ("1948-12-03", "USA", True),
        ("1948-12-03", "COL", True),
        ("1948-12-03", "SLV", True),
        ("1948-12-03", "BRA", True),
        ("1948-12-03", "CRI", True),
        # rio-treaty-oas-b29: Cuba deposit 12/09/48, Chile 02/09/49
        ("1948-12-03", "CUB", False),
        ("1948-12-09", "CUB", True),
        ("1948-12-31", "CHL", False),
        # rio-treaty-oas-b29: Argentina 08/21/50, Bolivia 09/26/50, Ecuador 11/07/50,
        # Guatemala 04/06/55 -- all parties by 1960; the Bahamas only from 11/24/82
        ("1960-01-01", "ARG", True),
        ("1960-01-01", "BOL", True),
        ("1960-01-01", "ECU", True),
        ("1960-01-01", "GTM", True),
        ("1960-01-01", "BHS", False),
        ("1955-04-05", "GTM", False),
        ("1982-11-23", "BHS", False),
        ("1982-11-24", "BHS", True),
        # rio-treaty-atop-4-01 exit days (see the withdrawal events)
        ("2014-09-06", "NIC", False),
        ("2014-10-16", "BOL", True),
        ("2014-10-17", "BOL", False),
        ("2016-02-18", "ECU", True),
        ("2016-02-19", "ECU", False),
        ("2004-09-06", "MEX", False),
    ],
)
def test_party_on(client: TestClient, at: str, code: str, expected: bool) -> None:
    assert (code in members(client, "rio-treaty", at=at)) is expected


def test_cuba_excluded_from_participation(client: TestClient) -> None:
    # rio-treaty-time-1962: "this incompatibility excludes the present government of Cuba from
    # participation in the inter-American system" (Punta del Este, 31 January 1962)
    assert member(client, "rio-treaty", "CUB", at="1970-01-01")["participation"] == "suspended"
    assert member(client, "rio-treaty", "CUB", at="1961-01-01")["participation"] == "active"


def test_the_treaty_exists_from_its_entry_into_force(client: TestClient) -> None:
    # rio-treaty-usstat-proclamation: signed 2 September 1947, "entered into force December 3,
    # 1948"; the 19 signatories of Rio de Janeiro are signatories, not parties, in between
    assert client.get("/v1/organizations/rio-treaty").json()["founded"] == "1948-12-03"
    assert members(client, "rio-treaty", at="1947-09-02") == []
    assert members(client, "rio-treaty", at="1948-06-01") == []
    assert member(client, "rio-treaty", "USA", at="1948-12-03")["period"]["start"] == "1948-12-03"
