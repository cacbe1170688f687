"""Member lists at chosen dates, checked against cited sources."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.history.support import member, members

BRIC = ["BRA", "CHN", "IND", "RUS"]
G6 = ["DEU", "FRA", "GBR", "ITA", "JPN", "USA"]
G7 = sorted([*G6, "CAN"])
G20_FOUNDERS = [
    *("ARG", "AUS", "BRA", "CAN", "CHN", "DEU", "FRA", "GBR", "IND"),
    *("ITA", "JPN", "KOR", "MEX", "RUS", "SAU", "TUR", "USA", "ZAF"),
]
G20 = sorted([*G20_FOUNDERS, "IDN"])
BRICS_PARTNERS_2025 = ["BLR", "BOL", "CUB", "KAZ", "MYS", "NGA", "THA", "UGA", "UZB"]


@pytest.mark.parametrize(
    ("slug", "at", "expected"),
    [
        # brics-wiki-1st-summit: "The inaugural BRIC summit took place in Yekaterinburg, Russia
        # on June 16, 2009. The four heads of government from the BRIC countries attended."
        ("brics", "2009-12-31", BRIC),
        # brics-mg-2010: "invites South Africa as a full member into what will in future be
        # called BRICS" (24 December 2010); brics-brandsa-2011: Sanya 2011 "as a member"
        ("brics", "2012-06-01", sorted([*BRIC, "ZAF"])),
        # brics-app-2024: memberships of Egypt, Ethiopia, Iran, UAE "officially took effect on
        # Monday" (1 January 2024); brics-devdiscourse-saudi-2024: Saudi Arabia "not yet
        # officially joined", so it is not listed
        ("brics", "2024-06-01", sorted([*BRIC, "ZAF", "ARE", "EGY", "ETH", "IRN"])),
        # brics-sputnik-indonesia-2025: "announced today, on January 6, the official admission
        # of the Republic of Indonesia as a full member of the BRICS"
        ("brics", "2025-03-01", sorted([*BRIC, "ZAF", "ARE", "EGY", "ETH", "IRN", "IDN"])),
        # brics-ians-2026 / brics-nie-2026: India's 2026 chairship; no member left or joined
        ("brics", "2026-11-26", sorted([*BRIC, "ZAF", "ARE", "EGY", "ETH", "IRN", "IDN"])),
        # g7-hiroshima-faq: "The Rambouillet Summit in 1975 was attended by the leaders of six
        # countries (France, the United States, the United Kingdom, Germany, Japan, and Italy)"
        ("g7", "1975-12-31", G6),
        # g7-hiroshima-faq: "with Canada's head of government participating since the 1976
        # Puerto Rico Summit"
        ("g7", "1980-01-01", G7),
        # g7-birmingham-1998: the group "now renamed 'G8' following the inclusion of Russia as
        # a full member" (Birmingham, 15-17 May 1998)
        ("g7", "2000-01-01", sorted([*G7, "RUS"])),
        # g7-independent-2017: Russia's "intention to permanently walk away from the G8"
        # (13 January 2017); g7-hiroshima-faq: "since 2014, Summits have been convened as the G7"
        ("g7", "2020-01-01", G7),
        ("g7", "2026-11-26", G7),
        # g20-martin-1999: "finance ministers and central bank governors representing 18
        # countries, the European Union and the Bretton Woods Institutions" (25 September 1999)
        ("g20", "1999-10-01", G20_FOUNDERS),
        # g20-bbc-1999 (16 December 1999): "Members of the G20: Argentina, Australia, Brazil,
        # Canada, China, France, Germany, India, Indonesia, ..."
        ("g20", "2000-01-01", G20),
        # g20-oecd-washington: "met at Leaders' level for the first time in November 2008"
        ("g20", "2009-01-01", G20),
        # g20-questia-timeline: "Membership in the G-20 has not changed since it formed in 1999";
        # the African Union (2023) and the EU are non-state members, not listed
        ("g20", "2026-06-01", G20),
        # aukus-govuk-2021: "A landmark defence and security partnership has been agreed by the
        # leaders of the UK, the United States and Australia today" (15 September 2021)
        ("aukus", "2021-09-15", ["AUS", "GBR", "USA"]),
        # aukus-exchangemonitor-2025: review concluded the pact should move "full steam ahead"
        ("aukus", "2026-11-26", ["AUS", "GBR", "USA"]),
        # five-eyes-cse-canusa: "the BRUSA (Britain-USA)* agreement of March 5, 1946", in effect
        # from its signature (five-eyes-belfasttelegraph-2010: "signed on March 5, 1946")
        ("five-eyes", "1946-03-04", []),
        ("five-eyes", "1946-03-05", ["GBR", "USA"]),
        ("five-eyes", "1947-01-01", ["GBR", "USA"]),
        # five-eyes-cse-canusa: "CANUSA, the 1949 agreement between Canada and the United States"
        ("five-eyes", "1950-01-01", ["CAN", "GBR", "USA"]),
        # five-eyes-statewatch-2010: "in 1956 Australia and New Zealand too"
        ("five-eyes", "1957-01-01", ["AUS", "CAN", "GBR", "NZL", "USA"]),
        # five-eyes-sst-2010: "New Zealand remained a member of the Five Eyes intelligence
        # community, but with access to certain types of material curtailed"
        ("five-eyes", "1995-01-01", ["AUS", "CAN", "GBR", "NZL", "USA"]),
        ("five-eyes", "2026-11-26", ["AUS", "CAN", "GBR", "NZL", "USA"]),
    ],
)
def test_members_at(client: TestClient, slug: str, at: str, expected: list[str]) -> None:
    assert members(client, slug, at=at) == expected


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        # brics-independent-ug-2025: "From January 1, 2025, Belarus, Bolivia, Cuba, Indonesia,
        # Kazakhstan, Malaysia, Thailand, Uganda, Uzbekistan will become BRICS partner states"
        # (Indonesia became a full member instead); brics-newsaz-nigeria-2025: Nigeria partner
        # "today, January 17, 2025"
        ("2024-12-31", []),
        ("2025-03-01", BRICS_PARTNERS_2025),
        # brics-mediaselangor-vietnam-2025: Vietnam "the tenth nation to receive this status"
        ("2025-12-31", sorted([*BRICS_PARTNERS_2025, "VNM"])),
    ],
)
def test_brics_partners(client: TestClient, at: str, expected: list[str]) -> None:
    assert members(client, "brics", at=at, role="partner") == expected


def test_saudi_arabia_is_not_a_brics_member(client: TestClient) -> None:
    # brics-swissinfo-saudi-2025: "Saudi Arabia's membership in the BRICS bloc ... is still
    # being assessed"; brics-devdiscourse-saudi-2024: "we have not yet officially joined BRICs"
    assert "SAU" not in members(client, "brics", at="2026-06-01", role="any")


def test_russia_suspended_in_the_g8_between_2014_and_2017(client: TestClient) -> None:
    # g7-time-2014: "We will suspend our participation in the G-8 until Russia changes course"
    assert member(client, "g7", "RUS", at="2015-06-01")["participation"] == "suspended"
    assert member(client, "g7", "RUS", at="2010-06-01")["participation"] == "active"


def test_g7_name_over_time(client: TestClient) -> None:
    # g7-birmingham-1998 ("now renamed 'G8'"); g7-hiroshima-faq ("convened as the G7 Summit")
    names = {
        at: client.get("/v1/organizations/g7/members", params={"at": at}).json()["organization"][
            "name"
        ]
        for at in ("1975-12-31", "1990-01-01", "2005-01-01", "2020-01-01")
    }
    assert names == {
        "1975-12-31": "Group of Six",
        "1990-01-01": "Group of Seven",
        "2005-01-01": "Group of Eight",
        "2020-01-01": "Group of Seven",
    }


def test_south_africa_inactive_in_the_g20_under_the_us_presidency(client: TestClient) -> None:
    # g20-citizen-2026: "We're not going because they're not accrediting us"
    assert member(client, "g20", "ZAF", at="2026-06-01")["participation"] == "inactive"
    assert member(client, "g20", "ZAF", at="2025-06-01")["participation"] == "active"


def test_new_zealand_access_curtailed_until_2009(client: TestClient) -> None:
    # five-eyes-sst-2010: "Our intelligence relationship was fully restored in August 29, 2009"
    assert member(client, "five-eyes", "NZL", at="1995-01-01")["participation"] == "suspended"
    assert member(client, "five-eyes", "NZL", at="2010-01-01")["participation"] == "active"


def test_bric_becomes_brics(client: TestClient) -> None:
    # brics-mg-2010: "what will in future be called BRICS"
    before = client.get("/v1/organizations/brics/members", params={"at": "2010-06-01"})
    after = client.get("/v1/organizations/brics/members", params={"at": "2012-06-01"})
    assert before.json()["organization"]["name"] == "BRIC"
    assert after.json()["organization"]["name"] == "BRICS"
