"""The Group of 77 at chosen dates, checked against cited sources. Most joining days are not
recorded: such a member is a *possible* member from the earliest day it may have joined (the
Group's founding or the state's independence) and a certain one from the day by which a dated
source names it."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.history.support import member, members


def test_nobody_before_the_joint_declaration(client: TestClient) -> None:
    # g77-about: the Group was established on 15 June 1964 by the Joint Declaration
    assert members(client, "g77", at="1964-06-14") == []


def test_mexico_a_founder_that_left_and_came_back(client: TestClient) -> None:
    # g77-yucatan-2023: "Mexico, a founding member of this forum, withdrew in 1994 after joining
    # the Organization for Economic Cooperation and Development (OECD)"; readmitted by
    # acclamation at the Havana summit of 15-16 September 2023
    founder = member(client, "g77", "MEX", at="1964-06-15", certainty="certain")
    assert founder["founding"] is True
    assert "MEX" not in members(client, "g77", at="1995-06-01")
    assert "MEX" not in members(client, "g77", at="2023-09-15")
    assert "MEX" in members(client, "g77", at="2023-09-16", certainty="certain")


def test_an_undated_joining_is_possible_until_a_source_names_the_member(
    client: TestClient,
) -> None:
    # g77-decl-1998: the 22nd Annual Meeting (25 September 1998) "welcomed the admission of
    # Turkmenistan as a full member"; its independence (27 October 1991) is the earliest day
    before = member(client, "g77", "TKM", at="1995-01-01")
    assert before["certainty"] == "possible"
    assert "not recorded" in before["reason"]
    assert before["period"]["earliest_start"] == "1991-10-27"
    assert member(client, "g77", "TKM", at="1998-09-25")["certainty"] == "certain"
    assert "TKM" not in members(client, "g77", at="1991-10-26")


@pytest.mark.parametrize(
    ("code", "at", "expected"),
    [
        # g77-romania-unog / g77-manila-1976-cable: Romania "was accepted as full member" at the
        # Manila ministerial meeting (1976); it left in January 2007 (g77-ips-2009)
        ("ROU", "1977-01-01", True),
        ("ROU", "2007-02-01", False),
        # g77-decl-2002: the meeting of 19 September 2002 welcomed "the admission of the
        # Republic of Palau as a full member"; g77-ips-2009: Palau withdrew in June 2006
        ("PLW", "2003-01-01", True),
        ("PLW", "2006-07-01", False),
        # g77-newsaz-2019 / g77-mofa-palestine-2019: Azerbaijan joined on 27 September 2019
        ("AZE", "2019-09-26", False),
        ("AZE", "2019-09-27", True),
    ],
)
def test_certain_membership_at(client: TestClient, code: str, at: str, expected: bool) -> None:
    assert (code in members(client, "g77", at=at, certainty="certain")) is expected


def test_one_hundred_and_thirty_four_members_today(client: TestClient) -> None:
    # g77-about: "the membership of the G-77 has expanded to 134 countries"; China takes part as
    # "the Group of 77 and China" without being a member
    today = members(client, "g77", at="2026-12-07", certainty="certain")
    assert len(today) == 134
    assert "CHN" not in today
    for code in ("KOR", "ROU", "PLW", "CYP", "MLT"):  # left, or never recorded as members
        assert code not in today
