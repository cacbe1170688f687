"""Member lists at chosen dates, checked against cited sources (OAU, AU, OAS)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient

from tests.history.support import member, members

# The 30 states whose heads of state attended the Addis Ababa conference (International
# Organization summary) plus Morocco and Togo, which ratified the Charter later.
OAU_32 = sorted(
    [
        "BDI",
        "BEN",
        "BFA",
        "CAF",
        "CIV",
        "CMR",
        "COD",
        "COG",
        "DZA",
        "EGY",
        "ETH",
        "GAB",
        "GHA",
        "GIN",
        "LBR",
        "LBY",
        "MAR",
        "MDG",
        "MLI",
        "MRT",
        "NER",
        "NGA",
        "RWA",
        "SDN",
        "SEN",
        "SLE",
        "SOM",
        "TCD",
        "TGO",
        "TUN",
        "TZA",
        "UGA",
    ]
)
OAU_1980 = sorted(
    [
        *OAU_32,
        "KEN",
        "MWI",
        "ZMB",
        "GMB",
        "BWA",
        "LSO",
        "MUS",
        "SWZ",
        "GNQ",
        "GNB",
        "AGO",
        "CPV",
        "COM",
        "MOZ",
        "STP",
        "SYC",
        "DJI",
    ]
)
# oau-universalis-1982-02 / oau-jal-1982-sadr: the Sahrawi Republic (XSR) admitted by the Council
# of Ministers on 22 February 1982; au-spsrasd-2016-founding: a founding member of the AU
OAU_1985 = sorted([*(c for c in OAU_1980 if c != "MAR"), "XSR", "ZWE"])
# 52 states (plus the Sahrawi Arab Democratic Republic, which has no state record here).
OAU_52 = sorted([*OAU_1985, "NAM", "ERI", "ZAF"])
AU_FOUNDERS = OAU_52
AU_2011 = sorted([*AU_FOUNDERS, "SSD"])
AU_55 = sorted([*AU_2011, "MAR"])  # au-kapitalafrik-55: the AU's 55 members
OAS_21 = sorted(
    [
        "ARG",
        "BOL",
        "BRA",
        "CHL",
        "COL",
        "CRI",
        "CUB",
        "DOM",
        "ECU",
        "SLV",
        "GTM",
        "HTI",
        "HND",
        "MEX",
        "NIC",
        "PAN",
        "PRY",
        "PER",
        "USA",
        "URY",
        "VEN",
    ]
)
# oas-a41-signatories: deposits on or before the entry into force (12/13/51) -- Mexico, Costa
# Rica, the Dominican Republic, Honduras, Brazil, Paraguay, Nicaragua, El Salvador, Bolivia,
# Ecuador, Panama, Haiti, Colombia (12/13/51); oas-frus-1950-d337: the Charter "entered into force
# for the United States on December 13, 1951"
OAS_BOUND_1951 = sorted(
    [
        "MEX",
        "CRI",
        "DOM",
        "HND",
        "BRA",
        "PRY",
        "NIC",
        "SLV",
        "BOL",
        "ECU",
        "PAN",
        "HTI",
        "COL",
        "USA",
    ]
)
# Uruguay and Venezuela: deposit days not found; members on some day between 13 December 1951
# and 31 January 1962, so "possible" members in between
OAS_1951 = sorted([*OAS_BOUND_1951, "URY", "VEN"])
OAS_1975 = sorted([*OAS_21, "TTO", "BRB", "JAM", "GRD"])
OAS_35 = sorted([*OAS_1975, "SUR", "DMA", "LCA", "ATG", "VCT", "BHS", "KNA", "CAN", "BLZ", "GUY"])
OAS_34 = [c for c in OAS_35 if c != "VEN"]
OAS_33 = [c for c in OAS_34 if c != "NIC"]


@pytest.mark.parametrize(
    ("slug", "at", "expected"),
    [
        # oau-ifa-foundation: "established on May 25, 1963 in Addis Ababa, when the OAU Charter
        # was signed by representatives of 32 governments"; oau-africanfront: "Morocco and Togo
        # ratified the charter at a later stage". oau-unts-charter: "In accordance with article
        # XXV, the Charter came into force on 13 September 1963" -- signatories are not members
        # before (the founders' own deposit days were not found: all are dated from that day)
        ("oau", "1963-06-01", []),
        ("oau", "1963-09-12", []),
        ("oau", "1963-09-13", OAU_32),
        # oau-wpr-au / oau-fiwiki-2006: later members up to Djibouti (27 June 1977); Zimbabwe
        # joined in June 1980 (oau-fiwiki-2006: "Kesäkuu 1980: Zimbabwe")
        ("oau", "1980-01-01", OAU_1980),
        # oau-universalis-1984: "Le 12 [novembre 1984] ... le Maroc quitte l'O.U.A."
        ("oau", "1985-01-01", OAU_1985),
        # oau-sahistory-sa-joins: "South Africa was officially admitted as 53rd member"
        # (23 May 1994; the 53 include the Sahrawi Arab Democratic Republic)
        ("oau", "1994-12-31", OAU_52),
        ("oau", "2002-07-08", OAU_52),
        # oau-statesman-au: "on 9 July 2002 the Durban Summit ... formally launched the
        # African Union" (the OAU ends that day)
        ("oau", "2002-07-09", []),
        # au-amo-member-states: "reaching a total of 53 by the time of the AU's creation in
        # 2002" (52 states + SADR); au-statesman-au: launched at Durban on 9 July 2002, the
        # Union's founding event (nobody is a member the day before)
        ("au", "2002-07-08", []),
        ("au", "2002-07-09", AU_FOUNDERS),
        # au-reuters-ssd-2011: "The Addis Ababa-based AU said late on Wednesday it had received
        # more than the required majority votes to admit South Sudan"
        ("au", "2011-07-27", AU_2011),
        # au-amo-member-states: "Morocco deposited its instrument of accession to the
        # Constitutive Act on 31 January 2017"
        ("au", "2017-01-30", AU_2011),
        ("au", "2017-01-31", AU_55),
        # au-amo-member-states: "There are 55 Member States" (54 states + SADR)
        ("au", "2026-11-26", AU_55),
        # oas-official-members: "Les 21 États membres suivants se sont réunis à Bogota ...
        # en 1948 et ont signé la Charte de l'OEA"; oas-a41-signatories: "Entry into Force:
        # 12/13/51" -- the signatories are not members before
        ("oas", "1948-04-30", []),
        ("oas", "1951-12-12", []),
        ("oas", "1951-12-13", OAS_1951),
        # oas-a41-signatories: Argentina, the last of the 21, deposited on 04/10/56
        ("oas", "1956-04-09", [c for c in OAS_21 if c != "ARG"]),
        ("oas", "1956-04-10", OAS_21),
        # oas-a41-signatories: Barbados deposit 11/15/67, Jamaica 08/20/69, Grenada 05/13/75;
        # oas-official-members: "Trinité-et-Tobago (1967)"
        ("oas", "1975-12-31", OAS_1975),
        # oas-a41-signatories: Belize and Guyana "01/08/91 RA"; oas-official-members: "Tous les
        # 35 pays indépendants des Amériques ont ratifié la Charte"
        ("oas", "1991-01-08", OAS_35),
        ("oas", "2019-04-26", OAS_35),
        # oas-diariodelosandes-2019: Venezuela "ratifica su indeclinable decisión de abandonar
        # la Organización de Estados Americanos el próximo 27 de abril de 2019"
        ("oas", "2019-04-27", OAS_34),
        ("oas", "2023-11-18", OAS_34),
        # oas-newspravda-2023-nic: "On November 19, 2023, two years have passed since the
        # Government of Nicaragua denounced the Charter"
        ("oas", "2023-11-19", OAS_33),
        ("oas", "2026-11-26", OAS_33),
    ],
)
def test_members_at(client: TestClient, slug: str, at: str, expected: list[str]) -> None:
    assert members(client, slug, at=at) == expected


@pytest.mark.parametrize(
    ("slug", "code", "at", "participation"),
    [
        # au-panafrican-2013-egypt: the PSC "decided to suspend the participation of Egypt in AU
        # activities"; au-reuters-2014-egy-gnb: suspension ended on Tuesday 17 June 2014
        ("au", "EGY", "2014-01-01", "suspended"),
        ("au", "EGY", "2014-06-17", "active"),
        # au-mg-2003-madagascar: Madagascar "barred from the African Union (AU) inauguration
        # summit last year"; au-dw-2014-madagascar: suspension lifted on 27 January 2014
        ("au", "MDG", "2003-01-01", "suspended"),
        ("au", "MDG", "2015-01-01", "active"),
        # au-vanguard-2025-madagascar: "The country is suspended with immediate effect"
        ("au", "MDG", "2025-11-01", "suspended"),
        # au-exclusif-2026-guinea: the AU "a annoncé jeudi 22 janvier la levée des sanctions"
        ("au", "GIN", "2026-01-21", "suspended"),
        ("au", "GIN", "2026-01-22", "active"),
        # au-trt-2025-gabon: the AU lifted sanctions against Gabon (30 April 2025)
        ("au", "GAB", "2025-05-01", "active"),
        # au-africanews-2019-sdn: the PSC "on Thursday took a decision to suspend Sudan"
        ("au", "SDN", "2019-07-01", "suspended"),
        # au-voa-2015-bfa: suspension decided Friday 18 September 2015
        ("au", "BFA", "2015-09-20", "suspended"),
        # au-amani-2025-11: Burkina Faso, Mali, Niger and Sudan still in suspended transition
        ("au", "MLI", "2026-11-26", "suspended"),
        ("au", "NER", "2026-11-26", "suspended"),
        # au-anews-2025-gnb: Guinea-Bissau "immediately suspended" in November 2025
        ("au", "GNB", "2026-11-26", "suspended"),
        # oas-avalon-punta-1962 (Resolution VI): exclusion of the present Government of Cuba
        # from participation in the inter-American system
        ("oas", "CUB", "1970-01-01", "suspended"),
        # oas-whp-2009-cuba: "Cuba is declining to rejoin the Organization of American States"
        ("oas", "CUB", "2010-01-01", "inactive"),
        # oas-chinadaily-2009-hnd: the OAS "late Saturday suspended Honduras' membership";
        # oas-official-2011-hnd: suspension lifted "with immediate effect" on 1 June 2011
        ("oas", "HND", "2010-01-01", "suspended"),
        ("oas", "HND", "2011-06-01", "active"),
        # oas-sawtbeirut-2022-nic: Nicaragua "announced ... it had completed its withdrawal";
        # the OAS said it could not take effect before the end of the notice period
        ("oas", "NIC", "2021-01-01", "active"),
        ("oas", "NIC", "2022-06-01", "inactive"),
    ],
)
def test_participation_at(
    client: TestClient, slug: str, code: str, at: str, participation: str
) -> None:
    assert member(client, slug, code, at=at)["participation"] == participation


def test_venezuela_and_nicaragua_left_the_oas(client: TestClient) -> None:
    # oas-efe-2017-ven: denunciation delivered 28 April 2017, effective after two years
    ven = member(client, "oas", "VEN", at="2018-01-01")
    assert ven["period"]["end"] == "2019-04-27"
    nic = member(client, "oas", "NIC", at="2022-01-01")
    assert nic["period"]["end"] == "2023-11-19"


def test_morocco_left_the_oau_and_joined_the_au(client: TestClient) -> None:
    # oau-yabiladi-1984: "On the 12th of November 1984, Morocco withdrew from the Organization
    # of African Unity"; au-amo-member-states: accession deposited 31 January 2017
    assert "MAR" in members(client, "oau", at="1984-11-11")
    assert "MAR" not in members(client, "oau", at="1984-11-12")
    assert member(client, "au", "MAR", at="2020-01-01")["period"]["start"] == "2017-01-31"


@pytest.mark.parametrize(
    ("code", "bound_on"),
    [
        # oas-a41-signatories: signed 04/30/48; deposits 07/16/52, 06/05/53, 02/12/54, 04/06/55,
        # 04/10/56 -- signatories, not members, until then
        ("CUB", "1952-07-16"),
        ("CHL", "1953-06-05"),
        ("PER", "1954-02-12"),
        ("GTM", "1955-04-06"),
        ("ARG", "1956-04-10"),
    ],
)
def test_oas_late_ratifiers_are_signatories_until_their_deposit(
    client: TestClient, code: str, bound_on: str
) -> None:
    day_before = (date.fromisoformat(bound_on) - timedelta(days=1)).isoformat()
    assert code not in members(client, "oas", at="1951-12-13")
    assert code not in members(client, "oas", at=day_before)
    got = member(client, "oas", code, at=bound_on)
    assert got["period"]["start"] == bound_on


def test_oas_founders_bound_at_the_entry_into_force(client: TestClient) -> None:
    # oas-a41-signatories: Mexico deposited on 11/23/48, Colombia on 12/13/51, the day of entry
    # into force; oas-frus-1950-d337: in force for the United States on December 13, 1951
    for code in ("MEX", "COL", "USA"):
        assert code not in members(client, "oas", at="1951-12-12")
        assert member(client, "oas", code, at="1951-12-13")["certainty"] == "certain"
    # Uruguay's deposit day is unknown: possible from the entry into force, certain from the
    # Punta del Este vote of 31 January 1962 (oas-clubsocial-1962, oas-bbc-2009-cuba)
    assert member(client, "oas", "URY", at="1955-01-01")["certainty"] == "possible"
    assert member(client, "oas", "URY", at="1962-01-31")["certainty"] == "certain"


def test_oau_and_au_founding_days(client: TestClient) -> None:
    # oau-unts-charter: in force 13 September 1963; au-statesman-au: the AU launched 9 July 2002
    assert client.get("/v1/organizations/oau").json()["founded"] == "1963-09-13"
    assert client.get("/v1/organizations/au").json()["founded"] == "2002-07-09"
    assert client.get("/v1/organizations/oas").json()["founded"] == "1951-12-13"
    assert member(client, "oau", "GHA", at="1963-09-13")["period"]["start"] == "1963-09-13"
