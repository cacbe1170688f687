"""Contracting parties of the GATT 1947 at chosen dates, checked against cited sources."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.history.support import member, members

SLUG = "gatt"

# gatt-ppa-61stat: Australia, Belgium, Canada, France, Luxembourg, the Netherlands, the United
# Kingdom and the United States "apply provisionally on and after January 1, 1948";
# gatt-stevedata-csv (WTO list): "Cuba,1 January 1948" (the only other 1 January 1948 entry)
FIRST_DAY = sorted(["AUS", "BEL", "CAN", "CUB", "FRA", "GBR", "LUX", "NLD", "USA"])

# gatt-final-act-61stat: the 23 governments of the Final Act of 30 October 1947 (Southern Rhodesia
# is the record XRH); all applied the GATT by mid-1949 (gatt-stevedata-csv: "Chile,16 March 1949",
# the latest original; the Protocol was open to the others until 30 June 1948, gatt-codexis-ppa-cs)
ORIGINAL_23 = sorted(
    [
        *["AUS", "BEL", "BRA", "MMR", "CAN", "LKA", "CHL", "TWN", "CUB", "CSK", "FRA", "IND"],
        *["LBN", "LUX", "NLD", "NZL", "NOR", "PAK", "XRH", "SYR", "ZAF", "GBR", "USA"],
    ]
)

# gatt-stevedata-csv (WTO list "The 128 countries that had signed GATT by 1994"), with Foedus
# codes; gatt-wto-128-mirror: "It contains the 128 GATT signatories as at the end of 1994"
WTO_128 = sorted(
    [
        *["AGO", "ATG", "ARG", "AUS", "AUT", "BHR", "BGD", "BRB", "BEL", "BLZ", "BEN", "BOL"],
        *["BWA", "BRA", "BRN", "BFA", "BDI", "CMR", "CAN", "CAF", "TCD", "CHL", "COL", "COG"],
        *["CRI", "CIV", "CUB", "CYP", "CZE", "DNK", "DJI", "DMA", "DOM", "EGY", "SLV", "FJI"],
        *["FIN", "FRA", "GAB", "GMB", "DEU", "GHA", "GRC", "GRD", "GTM", "GIN", "GNB", "GUY"],
        *["HTI", "HND", "HKG", "HUN", "ISL", "IND", "IDN", "IRL", "ISR", "ITA", "JAM", "JPN"],
        *["KEN", "KOR", "KWT", "LSO", "LIE", "LUX", "MAC", "MDG", "MWI", "MYS", "MDV", "MLI"],
        *["MLT", "MRT", "MUS", "MEX", "MAR", "MOZ", "MMR", "NAM", "NLD", "NZL", "NIC", "NER"],
        *["NGA", "NOR", "PAK", "PNG", "PRY", "PER", "PHL", "POL", "PRT", "QAT", "ROU", "RWA"],
        *["SEN", "SLE", "SGP", "SVK", "SVN", "SLB", "ZAF", "ESP", "LKA", "KNA", "LCA", "VCT"],
        *["SUR", "SWZ", "SWE", "CHE", "TZA", "THA", "TGO", "TTO", "TUN", "TUR", "UGA", "ARE"],
        *["GBR", "USA", "URY", "VEN", "YUG", "COD", "ZMB", "ZWE"],
    ]
)
# gatt-ris-at-1995: the GATT Council decided on 16 June 1993 that the Federal Republic of
# Yugoslavia "cannot automatically continue" the SFRY's status, so nobody holds the "Yugoslavia"
# seat of the WTO list after the SFRY ended in April 1992
END_OF_1994 = sorted(c for c in WTO_128 if c != "YUG")


def test_the_lists_have_their_sizes() -> None:
    assert len(set(WTO_128)) == 128
    assert len(set(ORIGINAL_23)) == 23


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        # gatt-ppa-61stat: provisional application "on and after January 1, 1948"
        ("1947-12-31", []),
        ("1948-01-01", FIRST_DAY),
        # gatt-cs-59-1948: Czechoslovakia applies the GATT "s účinností od 20. dubna 1948"
        ("1948-04-20", sorted([*FIRST_DAY, "CSK"])),
        ("1949-06-01", ORIGINAL_23),
        ("1994-12-31", END_OF_1994),
        # gatt-suns-1994-implementation / gatt-agecasefiles-2010: GATT 1947 co-existed with the
        # WTO "for a year" and was terminated on 31 December 1995
        ("1995-12-30", END_OF_1994),
        ("1996-01-01", []),
        ("2026-12-07", []),
    ],
)
def test_certain_members_at(client: TestClient, at: str, expected: list[str]) -> None:
    assert members(client, SLUG, at=at, certainty="certain") == expected


def test_thirty_seven_at_the_end_of_the_1950s(client: TestClient) -> None:
    # gatt-cambridge-first-decade: "By the end of the decade, however, the total membership of
    # the GATT stood at only thirty-seven"
    assert len(members(client, SLUG, at="1959-12-31", certainty="certain")) == 37


@pytest.mark.parametrize(
    ("code", "before", "after"),
    [
        # gatt-cp4-6-add1: Haiti a contracting party "as from 1 January, 1950"; Greece "as from
        # 9 March, 1950"
        ("HTI", "1949-12-31", "1950-01-01"),
        ("GRC", "1950-03-08", "1950-03-09"),
        # gatt-cs-87-1951: the Torquay Protocol extends to Peru on 7 October and to Austria on
        # 19 October 1951
        ("PER", "1951-10-06", "1951-10-07"),
        ("AUT", "1951-10-18", "1951-10-19"),
        # gatt-stevedata-csv: "Germany,1 October 1951", "Japan,10 September 1955",
        # "Hong Kong,23 April 1986", "Macao,11 January 1991"
        ("DEU", "1951-09-30", "1951-10-01"),
        ("JPN", "1955-09-09", "1955-09-10"),
        ("HKG", "1986-04-22", "1986-04-23"),
        ("MAC", "1991-01-10", "1991-01-11"),
        # gatt-cz-209-1994: the Czech Republic's rights and obligations apply from 1 January 1993
        ("CZE", "1992-12-31", "1993-01-01"),
        # gatt-ris-at-1995: Papua New Guinea a contracting party "mit Wirksamkeit vom
        # 16. September 1975"
        ("PNG", "1975-09-15", "1975-09-16"),
    ],
)
def test_joins(client: TestClient, code: str, before: str, after: str) -> None:
    assert code not in members(client, SLUG, at=before)
    assert member(client, SLUG, code, at=after)["state"]["code"] == code


@pytest.mark.parametrize(
    ("code", "last", "gone"),
    [
        # gatt-gaopeng-roc: withdrawal announced "on May 5, 1950"
        ("TWN", "1950-05-04", "1950-05-05"),
        # gatt-cs-59-1948 / states record: Czechoslovakia ended on 31 December 1992
        ("CSK", "1992-12-31", "1993-01-01"),
        # gatt-ris-at-1995: the FRY could not continue the SFRY's status (SFRY ended April 1992)
        ("YUG", "1992-04-26", "1992-04-27"),
    ],
)
def test_leaves(client: TestClient, code: str, last: str, gone: str) -> None:
    assert member(client, SLUG, code, at=last)["state"]["code"] == code
    assert code not in members(client, SLUG, at=gone)


def test_peoples_republic_never_a_contracting_party(client: TestClient) -> None:
    # gatt-suns-1990-taipei: the PRC's application to "resume" China's status was still pending
    for at in ("1960-01-01", "1990-01-12", "1995-06-30"):
        assert "CHN" not in members(client, SLUG, at=at)
