"""Member lists of the Non-Aligned Movement at chosen dates, checked against cited sources."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.history.support import member, members

# nam-belgrade-declaration-1961: "The Conference of Heads of State or Government of the following
# non-aligned countries: 1. Afghanistan, 2. Algeria, 3. Burma, 4. Cambodia, 5. Ceylon, 6. Congo,
# 7. Cuba, 8 Cyprus, 9. Ethiopia, 10. Ghana, 11, Guinea, 12. India, 13, Indonesia, 14. Iraq,
# 15. Lebanon, 16, Mali, 17. Morocco, 18. Nepal, 19. Saudi Arabia, 20. Somalia, 21. Sudan,
# 22. Tunisia, 23. United Arab Republic, 24. Yemen, 25, Yugoslavia". Algeria took part as its
# Provisional Government and exists as a state only from 5 July 1962, so 24 are members that day.
BELGRADE_25 = sorted(
    [
        "AFG",
        "DZA",
        "MMR",
        "KHM",
        "LKA",
        "COD",
        "CUB",
        "CYP",
        "ETH",
        "GHA",
        "GIN",
        "IND",
        "IDN",
        "IRQ",
        "LBN",
        "MLI",
        "MAR",
        "NPL",
        "SAU",
        "SOM",
        "SDN",
        "TUN",
        "UAR",
        "YEM",
        "YUG",
    ]
)
BELGRADE_1961 = [c for c in BELGRADE_25 if c != "DZA"]
# nam-un-a5763-1964: the Cairo participants "Afghanistan, Algeria, Angola, Burma, Burundi,
# Cambodia, Cameroon, Central African Republic, Ceylon, Chad, Congo (Brazzaville), Cuba, Cyprus,
# Dahomey, Ethiopia, Ghana, Guinea, India, Indonesia, Iraq, Islamic Republic of Mauritania, Jordan,
# Kenya, Kuwait, Laos, Lebanon, Liberia, Libya, Malawi, Mali, Morocco, Nepal, Nigeria, Saudi Arabia,
# Senegal, Sierra Leone, Somalia, Sudan, Syria, Togo, Tunisia, Uganda, United Arab Republic, United
# Republic of Tanganyika and Zanzibar, Yemen, Yugoslavia and Zambia" (5-10 October 1964). Angola
# was a provisional government (nam-cambridge-io-cairo) and Zambia became independent only on
# 24 October 1964; the Congo (Leopoldville), a founder, stayed a member although absent.
CAIRO_NEW = [
    "BDI",
    "CMR",
    "CAF",
    "TCD",
    "COG",
    "BEN",
    "MRT",
    "JOR",
    "KEN",
    "KWT",
    "LAO",
    "LBR",
    "LBY",
    "MWI",
    "NGA",
    "SEN",
    "SLE",
    "SYR",
    "TGO",
    "UGA",
    "TZA",
]
AFTER_CAIRO = sorted([*BELGRADE_25, *CAIRO_NEW])
# nam-saiia-lusaka-1970: the 55 States of Lusaka (8-10 September 1970) add Botswana, Equatorial
# Guinea, Gabon, Gambia, Guyana, Jamaica, Lesotho, Malaysia, Rwanda, Singapore, Southern Yemen,
# Swaziland and Trinidad and Tobago to the earlier members.
LUSAKA_NEW = [
    "BWA",
    "GNQ",
    "GAB",
    "GMB",
    "GUY",
    "JAM",
    "LSO",
    "MYS",
    "RWA",
    "SGP",
    "YMD",
    "SWZ",
    "TTO",
]
AFTER_LUSAKA = sorted([*AFTER_CAIRO, "ZMB", *LUSAKA_NEW])


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        ("1961-09-01", BELGRADE_1961),
        ("1962-07-05", BELGRADE_25),
        ("1964-10-10", AFTER_CAIRO),
        ("1970-09-10", AFTER_LUSAKA),
    ],
)
def test_members_at(client: TestClient, at: str, expected: list[str]) -> None:
    assert members(client, "nam", at=at) == expected


def test_the_founding_day_and_the_day_before(client: TestClient) -> None:
    # nam-wiki-1st-summit: the conference met "on 1-6 September 1961 in Belgrade"
    assert members(client, "nam", at="1961-08-31") == []
    assert len(members(client, "nam", at="1961-09-01")) == 24


def test_argentina_left_in_1991(client: TestClient) -> None:
    # nam-ap-1991-argentina: pullout approved at the cabinet meeting of Thursday 19 September 1991
    assert "ARG" in members(client, "nam", at="1991-09-18")
    assert "ARG" not in members(client, "nam", at="1991-09-19")


def test_yugoslavia_ends_in_1992(client: TestClient) -> None:
    # nam-independent-1992: Jakarta deadlocked over whether the rump state was "the same country
    # that helped found the movement"; the SFRY record ends on 27 April 1992
    assert "YUG" in members(client, "nam", at="1992-04-26")
    after = members(client, "nam", at="1992-09-06")
    assert "YUG" not in after
    assert "SCG" not in after


def test_jakarta_1992_joiners(client: TestClient) -> None:
    # nam-wiki-10th-summit: "Brunei Darussalam joined the Movement at the Jakarta Conference.
    # Alongside Brunei, Myanmar ..., the Philippines and Uzbekistan also joined the movement"
    before = members(client, "nam", at="1992-08-31")
    after = members(client, "nam", at="1992-09-01")
    for code in ("BRN", "MMR", "PHL", "UZB"):
        assert code not in before
        assert code in after


def test_cyprus_left_on_joining_the_eu(client: TestClient) -> None:
    # nam-cyprus-mfa: "upon joining the European Union in May 2004, ceased to be a member"
    assert "CYP" in members(client, "nam", at="2004-04-30")
    assert "CYP" not in members(client, "nam", at="2004-05-01")


def test_havana_2006_brought_the_membership_to_118(client: TestClient) -> None:
    # nam-chukachuka-2006: "Haiti, St Kitts and Nevis joined the movement on Monday, increasing
    # the members of the grouping to 118"; nam-rediff-2006: "We are presently 116 countries"
    assert len(members(client, "nam", at="2006-09-30")) == 118


def test_south_sudan_is_the_121st_member(client: TestClient) -> None:
    # nam-newvision-2024: "has admitted South Sudan as its 121st member" (Wednesday 17 January)
    before = members(client, "nam", at="2024-01-16")
    assert len(before) == 120
    assert "SSD" not in before
    assert len(members(client, "nam", at="2024-01-17")) == 121


def test_today(client: TestClient) -> None:
    # nam-newvision-2024: "NAM now comprises 121 countries"; nam-belarus-mfa-2024: "At present,
    # the NAM consists of 121 States"; no admission or withdrawal found since
    today = members(client, "nam", at="2026-12-07")
    assert len(today) == 121
    for code in ("AZE", "BLR", "FJI", "SSD", "PSE", "EGY", "YEM", "MMR", "TLS"):
        assert code in today
    for code in ("ARG", "CYP", "MLT", "YUG", "UAR", "YMD"):
        assert code not in today


@pytest.mark.parametrize(
    ("at", "participation"),
    [
        # nam-plo-bulletin-1979: "The conference agreed to keep the seat of Kampuchea vacant"
        ("1985-01-01", "inactive"),
        # nam-wiki-10th-summit: "Cambodia had returned"
        ("1993-01-01", "active"),
    ],
)
def test_cambodia_seat_vacant(client: TestClient, at: str, participation: str) -> None:
    assert member(client, "nam", "KHM", at=at)["participation"] == participation


def test_bali_2011_brought_the_membership_to_120(client: TestClient) -> None:
    # nam-rferl-2011: "Ministers from the 118 members ... welcoming two new members ... Fiji and
    # ... Azerbaijan"; nam-namazerbaijan: Azerbaijan became a member "in May 2011"
    assert len(members(client, "nam", at="2011-04-30")) == 118
    after = members(client, "nam", at="2011-06-01")
    assert len(after) == 120
    assert "AZE" in after
    assert "FJI" in after


@pytest.mark.parametrize(
    ("code", "start"),
    [
        # nam-thai-mfa-2011: "Joining NAM in 4 October 1993, Thailand ..."
        ("THA", "1993-10-04"),
        # nam-bernama-2003-tls: "Timor Leste is one of the two countries to be formally endorsed
        # as NAM member tomorrow" (23 February 2003)
        ("TLS", "2003-02-24"),
        # nam-solvision-2016: Venezuela "ingresó como miembro pleno en la IX Cumbre, celebrada
        # en Belgrado" (4-7 September 1989, nam-sis-egypt-2009)
        ("VEN", "1989-09-04"),
    ],
)
def test_admission_days(client: TestClient, code: str, start: str) -> None:
    assert member(client, "nam", code, at="2026-12-07")["period"]["start"] == start
