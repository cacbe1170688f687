"""Member lists at chosen dates, checked against cited sources: NATO, WEU, Western Union."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.history.support import members

NATO_FOUNDERS = ["BEL", "CAN", "DNK", "FRA", "GBR", "ISL", "ITA", "LUX", "NLD", "NOR", "PRT", "USA"]
NATO_1952 = sorted([*NATO_FOUNDERS, "GRC", "TUR"])
NATO_1955 = sorted([*NATO_1952, "DEU"])
NATO_1982 = sorted([*NATO_1955, "ESP"])
NATO_1999 = sorted([*NATO_1982, "CZE", "HUN", "POL"])
NATO_2004 = sorted([*NATO_1999, "BGR", "EST", "LTU", "LVA", "ROU", "SVK", "SVN"])
NATO_2009 = sorted([*NATO_2004, "ALB", "HRV"])
NATO_2020 = sorted([*NATO_2009, "MKD", "MNE"])
NATO_2023 = sorted([*NATO_2020, "FIN"])
NATO_2024 = sorted([*NATO_2023, "SWE"])

BRUSSELS_FIVE = ["BEL", "FRA", "GBR", "LUX", "NLD"]
WEU_SEVEN = sorted([*BRUSSELS_FIVE, "DEU", "ITA"])
WEU_NINE = sorted([*WEU_SEVEN, "ESP", "PRT"])
WEU_TEN = sorted([*WEU_NINE, "GRC"])


def member(client: TestClient, slug: str, code: str, **params: str) -> dict[str, Any]:
    response = client.get(f"/v1/organizations/{slug}/members", params=params)
    assert response.status_code == 200, response.text
    (found,) = [m for m in response.json()["members"] if m["state"]["code"] == code]
    return dict(found)


@pytest.mark.parametrize(
    ("slug", "at", "expected"),
    [
        # nato-tiatira-member-countries: "On 4 April 1949, the foreign ministers from 12 countries
        # signed the North Atlantic Treaty"; nato-politicsdz-treaty-text: "entered into force on
        # August 24, 1949" (founders bound from then, signatories before)
        ("nato", "1949-04-04", []),
        ("nato", "1949-08-23", []),
        ("nato", "1949-08-24", NATO_FOUNDERS),
        ("nato", "1949-12-31", NATO_FOUNDERS),
        # nato-news-2012-greece-turkey: Greece and Turkey "became members on the date of deposit of
        # the instruments of accession ..., 18 February 1952"
        ("nato", "1952-02-17", NATO_FOUNDERS),
        ("nato", "1952-02-18", NATO_1952),
        # nato-news-2015-germany: "Germany became NATO's fifteenth member on 6 May 1955, when the
        # German instrument of accession ... was officially deposited"
        ("nato", "1955-05-05", NATO_1952),
        ("nato", "1955-05-06", NATO_1955),
        # nato-defnat-1982-spain: Spain deposited its instrument of accession on 30 May 1982 and is
        # "depuis cette date, membre à part entière de l'Alliance"
        ("nato", "1982-05-30", NATO_1982),
        # nato-statedept-reunification: "On October 3, 1990, East Germany officially joined the
        # Federal Republic" (DEU is one continuous membership; no new member)
        ("nato", "1990-10-03", NATO_1982),
        # nato-fact-sheet-1999: "These three countries formally joined the Alliance on
        # 12 March 1999"
        ("nato", "1999-03-12", NATO_1999),
        # nato-gov-si-2004: the seven "deposited their North Atlantic Treaty ratification documents
        # on 29 March 2004, thereby officially becoming members"
        ("nato", "2004-03-29", NATO_2004),
        # nato-america-gov-2009: on 1 April 2009 Albania and Croatia "deposited instruments of
        # accession ..., becoming the 27th and 28th members"
        ("nato", "2009-04-01", NATO_2009),
        # nato-news-2017-mne: "Montenegro became NATO's newest member on Monday (5 June 2017)";
        # nato-mia-2020-mkd: on 27 March 2020 the US received North Macedonia's instrument,
        # "making North Macedonia the 30th NATO Ally"
        ("nato", "2020-03-27", NATO_2020),
        # nato-romaniajournal-2023-fin: "Finland became the 31st member ... on Tuesday"
        # (4 April 2023)
        ("nato", "2023-04-03", NATO_2020),
        ("nato", "2023-04-04", NATO_2023),
        # nato-sweden-gov-2024: "Just before 17.30 CET, Sweden's instrument of accession was
        # deposited ... Sweden is NATO's 32nd member country" (7 March 2024)
        ("nato", "2024-03-06", NATO_2023),
        ("nato", "2024-03-07", NATO_2024),
        # nato-levantfiles-2026: "Heads of state and government from all 32 NATO countries ... are
        # set to gather at Ankara" (July 2026); no withdrawal found since
        ("nato", "2026-11-26", NATO_2024),
        # western-union-cvce-resources: "The Brussels Treaty establishing Western Union is signed on
        # 17 March 1948" by the five founding states; western-union-cvce-treaty: "It enters into
        # force on 25 August 1948" (signatories, not members, before)
        ("western-union", "1948-03-17", []),
        ("western-union", "1948-08-24", []),
        ("western-union", "1948-08-25", BRUSSELS_FIVE),
        ("western-union", "1954-12-31", BRUSSELS_FIVE),
        # weu-cvce-resources: the protocol modifying the Brussels Treaty "came into force on
        # 6 May 1955" (Western Union becomes the WEU, joined by Italy and West Germany)
        ("western-union", "1955-05-06", []),
        ("weu", "1955-05-05", []),
        ("weu", "1955-05-06", WEU_SEVEN),
        # weu-nl-treaty-db: Portugal and Spain acceded "27 maart 1990"; Greece "6 maart 1995"
        ("weu", "1990-03-26", WEU_SEVEN),
        ("weu", "1990-03-27", WEU_NINE),
        ("weu", "1995-03-06", WEU_TEN),
        # weu-wiki (infobox): "Event End: Abolition ... Year End: 2011, Date End: 30 June";
        # weu-factbook: "ceased existence completely on 30 June 2011"
        ("weu", "2011-06-29", WEU_TEN),
        ("weu", "2011-06-30", []),
    ],
)
def test_members_at(client: TestClient, slug: str, at: str, expected: list[str]) -> None:
    assert members(client, slug, at=at) == expected


@pytest.mark.parametrize(
    ("code", "at", "participation"),
    [
        # nato-larousse-1967: French forces "ont été replacées dès le 1er juillet [1966] sous
        # commandement français"; nato-ifri-2009: the summit of 4 April 2009 "a entériné le retour
        # de la France dans les structures du commandement militaire intégré"
        ("FRA", "1966-06-30", "active"),
        ("FRA", "1966-07-01", "outside_integrated_command"),
        ("FRA", "1990-01-01", "outside_integrated_command"),
        ("FRA", "2009-04-03", "outside_integrated_command"),
        ("FRA", "2009-04-04", "active"),
        # nato-frus-1974-greece: "effective August 14, 1974, all units of the Greek Army, Navy and
        # Air Force are withdrawn from assignment ... to NATO"; nato-handbook-dates: "20 October
        # [1980] Re-integration of Greek forces into the integrated military structure"
        ("GRC", "1974-08-13", "active"),
        ("GRC", "1974-08-14", "outside_integrated_command"),
        ("GRC", "1980-10-19", "outside_integrated_command"),
        ("GRC", "1980-10-20", "active"),
        # nato-elpais-1986: participation "no incluirá su incorporación a la estructura militar
        # integrada"; nato-vozpopuli-spain: "España culminó su adhesión plena a la estructura
        # militar integrada de la OTAN el 1 de enero de 1999"
        ("ESP", "1982-05-30", "outside_integrated_command"),
        ("ESP", "1998-12-31", "outside_integrated_command"),
        ("ESP", "1999-01-01", "active"),
    ],
)
def test_nato_integrated_command(
    client: TestClient, code: str, at: str, participation: str
) -> None:
    found = member(client, "nato", code, at=at)
    assert found["role"] == "member"
    assert found["participation"] == participation


def test_france_stays_a_member_throughout_its_absence_from_the_command(
    client: TestClient,
) -> None:
    # nato-herodote-1966: de Gaulle "maintient la France parmi les signataire du traité"
    france = member(client, "nato", "FRA", at="1980-01-01")
    assert france["founding"] is True
    # nato-politicsdz-treaty-text: the treaty "entered into force on August 24, 1949"; France's
    # ratification was a condition of it (Article 11; nato-io-1949)
    assert france["period"]["start"] == "1949-08-24"
    assert france["period"]["end_status"] == "open"


def test_germany_is_one_membership_across_reunification(client: TestClient) -> None:
    # nato-news-2015-germany (6 May 1955) and nato-statedept-reunification (3 October 1990)
    before = member(client, "nato", "DEU", at="1990-10-02")
    after = member(client, "nato", "DEU", at="1990-10-03")
    assert before["period"] == after["period"]
    assert after["period"]["start"] == "1955-05-06"


@pytest.mark.parametrize(
    ("role", "at", "expected"),
    [
        # weu-viepublique-associates / weu-int-delegations: Iceland, Norway, Turkey associate
        # members (Rome, 20 November 1992); weu-bits-facts: "since March 1999, Hungary, Poland and
        # the Czech Republic"
        ("associate_member", "1998-01-01", ["ISL", "NOR", "TUR"]),
        ("associate_member", "2005-01-01", ["CZE", "HUN", "ISL", "NOR", "POL", "TUR"]),
        # weu-int-delegations: observers Austria (1995), Denmark, Finland (1995), Ireland,
        # Sweden (1995)
        ("observer", "2005-01-01", ["AUT", "DNK", "FIN", "IRL", "SWE"]),
        # weu-cvce-kirchberg: associate partners from 9 May 1994; weu-int-delegations: seven
        # associate partners, Slovenia (1996)
        ("partner", "1995-01-01", ["BGR", "CZE", "EST", "HUN", "LTU", "LVA", "POL", "ROU", "SVK"]),
        ("partner", "2005-01-01", ["BGR", "EST", "LTU", "LVA", "ROU", "SVK", "SVN"]),
        # weu-factbook: "ceased existence completely on 30 June 2011"
        ("any", "2011-06-30", []),
    ],
)
def test_weu_other_statuses(client: TestClient, role: str, at: str, expected: list[str]) -> None:
    assert members(client, "weu", at=at, role=role) == expected
