"""United Nations membership at chosen dates, checked against the cited sources."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.history.support import member, members

# un-yearbook-1959-roster / un-member-states-wikisource / un-britannica-members: the original
# Members the UN dates from 24 October 1945 ("Argentina ... 24 Oct. 1945", "Byelorussian SSR
# ... 24 Oct. 1945", "China ... 24 Oct. 1945", ...); "China" is the seat held by TWN until 1971.
ON_24_OCT_1945 = sorted(
    [
        *("ARG", "BLR", "BRA", "CHL", "CSK", "CUB", "DNK", "DOM", "EGY", "FRA", "GBR", "HTI"),
        *("IRN", "LBN", "LUX", "NIC", "NZL", "PHL", "POL", "PRY", "SAU", "SLV", "SUN", "SYR"),
        *("TUR", "TWN", "UKR", "USA", "YUG"),
    ]
)
# un-yearbook-1974-roster and un-yearbook-1959-roster: "Greece 25 Oct. 1945", "India 30 Oct.
# 1945", "Peru 31 Oct. 1945", "Australia 1 Nov. 1945", ... "Belgium 27 Dec. 1945".
LATE_1945 = ["AUS", "BEL", "BOL", "CAN", "COL", "CRI", "ECU", "ETH", "GRC", "GTM", "HND"]
LATE_1945 += ["IND", "IRQ", "LBR", "MEX", "NLD", "NOR", "PAN", "PER", "URY", "VEN", "ZAF"]
ORIGINAL_51 = sorted(ON_24_OCT_1945 + LATE_1945)
# un-yearbook-1959-roster: admissions 1946-1958 ("Afghanistan ... 19 Nov. 1946", "Federation of
# Malaya ... 17 Sep. 1957", "Guinea ... 12 Dec. 1958"); Egypt and Syria counted once as the UAR.
ADMITTED_1946_1958 = ["AFG", "ISL", "SWE", "THA", "PAK", "YEM", "MMR", "ISR", "IDN"]
ADMITTED_1946_1958 += ["ALB", "AUT", "BGR", "KHM", "LKA", "FIN", "HUN", "IRL", "ITA", "JOR"]
ADMITTED_1946_1958 += ["LAO", "LBY", "NPL", "PRT", "ROU", "ESP", "MAR", "SDN", "TUN", "JPN"]
ADMITTED_1946_1958 += ["GHA", "MYS", "GIN"]
END_1959 = sorted(
    [*(c for c in ORIGINAL_51 if c not in ("EGY", "SYR")), "UAR", *ADMITTED_1946_1958]
)


@pytest.mark.parametrize(
    ("at", "count"),
    [
        # un-liquisearch-original: "The UN officially came into existence on 24 October 1945";
        # only 29 of the 51 are dated 24 October 1945 by the UN rosters
        ("1945-10-24", 29),
        # un-yearbook-1974-roster: "Belgium 27 Dec. 1945", the last original Member
        ("1945-12-26", 50),
        ("1945-12-27", 51),
        # un-yearbook-1959-roster: Roster "As of 31 December 1959"; 82 Members, the UAR once
        ("1960-01-01", 82),
        # un-filaw-members: "In 1950, the United Nations had 60 member states; in 1960, it had
        # 99; in 1970, it had 127; in 1980, it had 154"
        ("1950-12-31", 60),
        ("1960-12-31", 99),
        ("1970-12-31", 127),
        ("1980-12-31", 154),
        # un-io-1965-chart: "Listed below are the 114 Members", after Indonesia "withdrew from
        # the UN effective March 1, 1965"; Indonesia is kept here (inactive), hence 115
        ("1965-03-01", 115),
        # un-mabogunje: "By 1971, the number had further risen to 132" (China's seat counted once)
        ("1971-12-31", 132),
        # un-filaw-members: 1990 brought Namibia and Liechtenstein in and merged the Yemens and
        # the Germanys; its "in 1989, there were 157" disagrees with the rosters (159 since
        # Brunei Darussalam, 21 Sep. 1984, in un-usun-2008), so 159 before and after
        ("1989-12-31", 159),
        ("1990-12-31", 159),
        # un-elaygc-czechoslovakia / un-member-states-wikisource: CZE, SVK (19 January 1993) and
        # "The former Yugoslav Republic of Macedonia" (8 April 1993) in, CSK out; Eritrea and
        # Monaco 28 May 1993. The UN's own count was one higher while the "Yugoslavia" seat was
        # kept nominally (1992-2000); no holder is recorded here for it (resolution 47/1)
        ("1993-06-01", 182),
        # un-weltalmanach-1999: Kiribati, Nauru and Tonga admitted, "Die Zahl der
        # UN-Mitgliedstaaten stieg damit auf 188" - 187 here, without the nominal Yugoslav seat
        ("1999-09-14", 187),
        # un-usun-2001: "The General Assembly is composed of all 189 members ... December 31, 2001"
        ("2001-12-31", 189),
        # un-unis-ga10479: Montenegro "admitted as the 192nd member" (28 June 2006);
        # un-usun-2008: "all 192 members of the United Nations. As of December 31, 2008"
        ("2006-12-31", 192),
        ("2008-12-31", 192),
        # un-yearbook-2011-roster: "There were 193 Member States as at 31 December 2011"
        ("2011-12-31", 193),
        # un-wam-2025: "all 193 member states in attendance"; un-crs-2024: "193 member states"
        ("2026-12-07", 193),
    ],
)
def test_un_member_count(client: TestClient, at: str, count: int) -> None:
    assert len(members(client, "un", at=at)) == count


def test_un_original_members(client: TestClient) -> None:
    # un-liquisearch-original: "A total of 51 original members (or founding members) joined
    # that year"; the UN rosters date them from 24 October to 27 December 1945
    assert members(client, "un", at="1945-10-24") == ON_24_OCT_1945
    assert members(client, "un", at="1946-01-01") == ORIGINAL_51
    assert member(client, "un", "BEL", at="1946-01-01")["founding"] is True


def test_un_end_of_1959_is_82_with_the_uar(client: TestClient) -> None:
    # un-yearbook-1959-roster "ROSTER OF THE UNITED NATIONS (As of 31 December 1959)";
    # un-member-states-wikisource note 1: the United Arab Republic "continued as a single Member"
    assert members(client, "un", at="1960-01-01") == END_1959


@pytest.mark.parametrize(
    ("at", "present", "absent"),
    [
        # un-everything2-2758: "expel forthwith the representatives of Chiang Kai-shek",
        # 1967th plenary meeting, 25 October 1971
        ("1971-10-24", ["TWN"], ["CHN"]),
        ("1971-10-25", ["CHN"], ["TWN"]),
        ("1971-12-31", ["CHN"], ["TWN"]),
        # un-member-states-wikisource note 1: "Following a plebiscite on 21 February 1958, the
        # United Arab Republic was established"; "On 13 October 1961, Syria ... resumed its
        # separate membership"; un-about-uar: "Egypt retained the title ... until 2 September 1971"
        ("1958-02-21", ["EGY", "SYR"], ["UAR"]),
        ("1958-03-01", ["UAR"], ["EGY", "SYR"]),
        ("1961-10-12", ["UAR"], ["EGY", "SYR"]),
        ("1961-10-13", ["UAR", "SYR"], ["EGY"]),
        ("1971-09-02", ["EGY", "SYR"], ["UAR"]),
        # un-tanzania-mission: "Tanganyika was a member ... from 14 December 1961 and Zanzibar
        # was a Member from 16 December 1963 ... on 26 April 1964 ... continued as a single member"
        ("1964-01-01", ["TZA", "ZAN"], []),
        ("1964-04-26", ["TZA"], ["ZAN"]),
        # un-nationsencyclopedia: "The Federation of Malaya joined the United Nations on 17
        # September 1957 ... Singapore ... a member of the United Nations on 21 September 1965"
        ("1965-09-20", ["MYS"], ["SGP"]),
        ("1965-09-21", ["MYS", "SGP"], []),
        # un-filaw-members: "On 22 May 1990, the two countries of Yemen and Democratic Yemen
        # merged"; un-yearbook-1968-roster lists Southern Yemen (14 December 1967)
        ("1990-05-21", ["YEM", "YMD"], []),
        ("1990-05-22", ["YEM"], ["YMD"]),
        # un-nationsencyclopedia: both Germanys "admitted ... on 18 September 1973 ... accession
        # ... effective from 3 October 1990"
        ("1973-09-17", [], ["DEU", "DDR"]),
        ("1990-10-02", ["DEU", "DDR"], []),
        ("1990-12-31", ["DEU"], ["DDR"]),
        # un-ask-russia-1991: "By a letter dated 24 December 1991 ... was being continued by the
        # Russian Federation"
        ("1991-12-23", ["SUN", "BLR", "UKR"], ["RUS"]),
        ("1991-12-24", ["RUS", "BLR", "UKR"], ["SUN"]),
        # un-elaygc-czechoslovakia: "would cease to exist on 31 December 1992 ... admitted on
        # 19 January of that year"
        ("1992-12-31", ["CSK"], ["CZE", "SVK"]),
        ("1993-01-18", [], ["CSK", "CZE", "SVK"]),
        ("1993-06-01", ["CZE", "SVK", "HRV", "SVN", "BIH", "MKD", "ERI", "MCO"], ["YUG", "SCG"]),
        # un-a-47-485: resolution 47/1, the FRY "cannot continue automatically the membership";
        # un-wikimili-scr-1326: admitted in 2000; un-redorbit-2006: "The U.N. seat previously
        # assigned to Serbia and Montenegro is now in Serbia's hands"; un-unis-ga10479: Montenegro
        # "admitted as the 192nd member" on 28 June 2006
        ("2000-10-31", [], ["SCG", "YUG", "SRB"]),
        ("2000-11-01", ["SCG"], ["SRB"]),
        ("2006-12-31", ["SRB", "MNE"], ["SCG"]),
        # un-kuna-2011: "the General Assembly on Thursday admitted ... as its 193rd member"
        ("2011-07-13", [], ["SSD"]),
        ("2011-07-14", ["SSD"], []),
    ],
)
def test_un_seat_changes(
    client: TestClient, at: str, present: list[str], absent: list[str]
) -> None:
    found = set(members(client, "un", at=at))
    assert set(present) <= found
    assert not set(absent) & found


def test_indonesia_was_inactive_not_out(client: TestClient) -> None:
    # un-maramis-indonesia: Subandrio's letter of 20 January 1965; un-keidenesia-1965: "Pada
    # 28 September 1966 ... kembali bergabung dengan PBB"; the rosters keep "28 Sep. 1950"
    assert member(client, "un", "IDN", at="1965-01-19")["participation"] == "active"
    assert member(client, "un", "IDN", at="1965-06-01")["participation"] == "inactive"
    assert member(client, "un", "IDN", at="1966-09-28")["participation"] == "active"


def test_un_observers(client: TestClient) -> None:
    # un-origo-2002-ch: Switzerland observer "1948 óta" (since 1948), member 10 September 2002;
    # un-holysee-status: "Permanent Observer State ... on 6 April 1964"; un-usun-cable-1974-eec:
    # EEC observer "OCT 11"; un-unispal-1997: resolution 3237 of 22 November 1974 (PLO)
    assert members(client, "un", at="1975-01-01", role="observer") == ["CHE", "PSE", "VAT", "XEC"]
    # un-peninsula-2025: "the three permanent observers - Palestine, the Holy See, and the
    # European Union"
    assert members(client, "un", at="2026-12-07", role="observer") == ["EUU", "PSE", "VAT"]
    switzerland = member(client, "un", "CHE", at="1960-01-01", role="observer")
    assert switzerland["role"] == "observer"
    assert "CHE" not in members(client, "un", at="2002-09-09")
    assert "CHE" in members(client, "un", at="2002-09-10")
    # un-jvl-67-19 / un-res-es-10-23: Palestine stays a non-member observer State
    assert "PSE" not in members(client, "un", at="2026-12-07")


def test_switzerland_observer_year_is_only_possible(client: TestClient) -> None:
    # un-origo-2002-ch: observer "1948 óta" (since 1948) - only the year is sourced
    early = member(client, "un", "CHE", at="1948-06-01", role="observer")
    assert early["certainty"] == "possible"
    assert member(client, "un", "CHE", at="1960-01-01", role="observer")["certainty"] == "certain"


def test_south_africa_excluded_from_the_assembly_but_still_a_member(client: TestClient) -> None:
    # un-cambridge-apartheid: "the General Assembly decided to exclude the South African
    # delegation"; un-chicagotribune-1994-za: "reclaimed its seat ... from which it was
    # suspended in 1974" (23 June 1994)
    assert member(client, "un", "ZAF", at="1973-12-31")["participation"] == "active"
    assert member(client, "un", "ZAF", at="1980-01-01")["participation"] == "suspended"
    assert member(client, "un", "ZAF", at="1994-06-22")["participation"] == "suspended"
    assert member(client, "un", "ZAF", at="1994-06-23")["participation"] == "active"


def test_late_1945_ratifiers_are_founding_members_from_their_own_dates(client: TestClient) -> None:
    # un-yearbook-1974-roster: "India 30 Oct. 1945"; "Greece 25 Oct. 1945"
    assert "IND" not in members(client, "un", at="1945-10-29")
    india = member(client, "un", "IND", at="1945-10-30")
    assert india["founding"] is True
    assert india["period"]["start"] == "1945-10-30"
    assert member(client, "un", "GRC", at="1945-10-25")["founding"] is True
