"""International Monetary Fund: member lists at chosen dates, checked against cited sources."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.history.support import member, members

# Member countries with day-precision 'Joined' dates on 27 December 1945 (IMF annexes and country
# pages), plus Luxembourg and the Netherlands (original members, December 1945) and the
# 28 December signatories.
IMF_1945_12_28 = [
    "BEL", "BOL", "CAN", "CHN", "COL", "CSK", "DOM", "ECU", "EGY", "ETH", "FRA", "GBR",
    "GRC", "GTM", "HND", "IND", "IRQ", "ISL", "LUX", "NLD", "NOR", "PHL", "PRY", "USA", "YUG",
    "ZAF",
]  # fmt: skip


# imf-ar-1946: the Agreement entered into force on 27 December 1945; "30 countries" signed that
# day. imf-ind: "India joined the IMF on December 27, 1945"; imf-dom, imf-ecu, imf-gtm,
# imf-pry: "Joined: December 28, 1945"; imf-ar-1946: the Philippine Commonwealth signed in
# December 1945 (a possible member on the 28th: the day is not known).
def test_original_members_at_28_december_1945(client: TestClient) -> None:
    assert members(client, "imf", at="1945-12-28") == IMF_1945_12_28


@pytest.mark.parametrize(
    ("at", "count"),
    [
        # imf-boughton-universal-institution: "By the deadline at the end of 1946, 40 of them had
        # become 'original members' of the IMF"
        ("1947-01-01", 40),
        # imf-ar-1964: "Member countries at the end of the fiscal year numbered 102" (30 April 1964)
        ("1964-04-30", 102),
        # imf-1966-non-members: "Membership in the Fund had grown to 103 states by the beginning of
        # 1966"
        ("1966-01-01", 103),
        # imf-mne: "Montenegro Becomes IMF's 185th Member" (18 January 2007)
        ("2007-01-17", 184),
        ("2007-01-18", 185),
        # imf-xkx: Kosovo "became the 186th member ... today (June 29, 2009)"
        ("2009-06-29", 186),
        # imf-tuv: Tuvalu "officially became the 187th member" on 24 June 2010
        ("2010-06-24", 187),
        # imf-ssd: "South Sudan today April 18, 2012 officially joined ... our 188th member"
        ("2012-04-18", 188),
        # imf-nru: "The Fund currently has 189 Member States, with the Republic of Nauru joining on
        # 12 April 2016"
        ("2016-04-12", 189),
        # imf-and: "Principality of Andorra becomes IMF's 190th Member" (16 October 2020)
        ("2020-10-16", 190),
        # imf-lie: "Liechtenstein becomes IMF 191st member"; "became a member of the IMF today,
        # October 21, 2024"
        ("2024-10-21", 191),
        ("2026-12-01", 191),
    ],
)
def test_member_counts(client: TestClient, at: str, count: int) -> None:
    assert len(members(client, "imf", at=at)) == count


@pytest.mark.parametrize(
    ("code", "at", "present"),
    [
        # imf-pz10-members: "Czechoslovakia became a member of the Fund on December 27, 1945 and
        # ceased to be a member, effective December 31, 1954; Czechoslovakia was readmitted ... on
        # September 20, 1990, and ceased to be a member, effective January 1, 1993"
        ("CSK", "1954-12-30", True),
        ("CSK", "1960-01-01", False),
        ("CSK", "1990-09-20", True),
        ("CSK", "1993-01-01", False),
        # imf-pz10-members: "The Czech Republic and the Slovak Republic succeeded to the membership
        # of Czechoslovakia on January 1, 1993"
        ("CZE", "1993-01-01", True),
        ("SVK", "1993-01-01", True),
        # imf-ar-1964: "On April 2, 1964 Cuba notified the Fund of its withdrawal from membership,
        # which became effective on that date"
        ("CUB", "1964-04-01", True),
        ("CUB", "1964-04-02", False),
        # imf-ar-1967: Indonesia "originally became a member on April 15, 1954 and withdrew on
        # August 17, 1965, resumed membership on February 21, 1967"
        ("IDN", "1965-08-16", True),
        ("IDN", "1966-06-01", False),
        ("IDN", "1967-02-21", True),
        # imf-pol: Poland "withdrew in 1950 ... rejoined the IMF in 1986"
        ("POL", "1960-01-01", False),
        ("POL", "1990-01-01", True),
        # imf-pz10-members: Croatia, Slovenia ... "succeeded to the membership in the Fund of the
        # former Socialist Federal Republic of Yugoslavia, in each case, effective December 14,
        # 1992"
        ("HRV", "1992-12-13", False),
        ("HRV", "1992-12-14", True),
        ("SCG", "1995-01-01", True),
        ("SRB", "2010-01-01", True),
        # imf-xkx: "Kosovo Becomes the IMF's 186th Member" on 29 June 2009
        ("XKX", "2009-06-28", False),
        ("XKX", "2009-06-29", True),
        # imf-chn: China's seat; Taiwan is not a member in its own right
        ("TWN", "1970-01-01", False),
        ("CHN", "1970-01-01", True),
    ],
)
def test_presence(client: TestClient, code: str, at: str, present: bool) -> None:
    assert (code in members(client, "imf", at=at)) is present


def test_yemen_unification(client: TestClient) -> None:
    # imf-yem: "Yemen's membership in the IMF dates from May 22, 1990" - South Yemen's
    # membership ends with the merger, the seed's YEM (North Yemen, then Yemen) continues
    assert {"YEM", "YMD"} <= set(members(client, "imf", at="1990-05-21"))
    after = members(client, "imf", at="1990-05-22")
    assert "YEM" in after
    assert "YMD" not in after


@pytest.mark.parametrize(
    ("at", "participation"),
    [
        # imf-sdn-suspension-lifted-2000: "the IMF's Executive Board has lifted the suspension of
        # Sudan's voting and related rights in the IMF, which had been in place since August 9,
        # 1993"
        ("1995-01-01", "suspended"),
        ("2001-01-01", "active"),
    ],
)
def test_sudan_suspension_is_a_participation_change(
    client: TestClient, at: str, participation: str
) -> None:
    assert member(client, "imf", "SDN", at=at)["participation"] == participation


def test_original_members_are_founding(client: TestClient) -> None:
    # imf-pz10-members: "'Original members' (Article II, Section 1), which signed the Articles of
    # Agreement by December 31, 1945. Costa Rica, Poland, Brazil, Uruguay, and Cuba signed the
    # Articles by that date but their membership became effective upon deposit"
    assert member(client, "imf", "USA", at="2000-01-01")["founding"] is True
    assert member(client, "imf", "BRA", at="2000-01-01")["founding"] is True
    assert member(client, "imf", "JPN", at="2000-01-01")["founding"] is False
    # imf-ind: "India joined the IMF on December 27, 1945, as one of the IMF's original members"
    india = member(client, "imf", "IND", at="1950-01-01")
    assert india["founding"] is True
    assert india["period"]["start"] == "1945-12-27"
    assert member(client, "imf", "PHL", at="1945-12-28")["certainty"] == "possible"
