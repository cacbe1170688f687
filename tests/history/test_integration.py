"""Member lists at chosen dates for the euro area, Schengen, Euratom, Comecon, OPEC+ and the Rio
Treaty, checked against cited sources."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.history.support import member, members

EURO_11 = ["AUT", "BEL", "DEU", "ESP", "FIN", "FRA", "IRL", "ITA", "LUX", "NLD", "PRT"]
EURO_12 = sorted([*EURO_11, "GRC"])
EURO_16 = sorted([*EURO_12, "SVN", "CYP", "MLT", "SVK"])
EURO_19 = sorted([*EURO_16, "EST", "LVA", "LTU"])
EURO_20 = sorted([*EURO_19, "HRV"])
EURO_21 = sorted([*EURO_20, "BGR"])


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        # euro-area-eurostat-glossary: "On 1 January 1999 ... the euro was introduced in the 11
        # founding euro-area Member States: Austria, Belgium, Finland, France, Germany, Ireland,
        # Italy, Luxembourg, the Netherlands, Portugal and Spain"
        ("1999-01-01", EURO_11),
        ("2000-12-31", EURO_11),
        # euro-area-bankofgreece: "Greece became the 12th member of the euro area on 1 January 2001"
        ("2001-01-01", EURO_12),
        # euro-area-caymancompass-2008: "Jan. 1, 2009: Slovakia becomes the 16th country"
        ("2009-06-01", EURO_16),
        # euro-area-eurostat-glossary: "On 1 January 2015, Lithuania became the 19th euro area
        # Member State"
        ("2015-01-01", EURO_19),
        # euro-area-ec-countries: "Croatia joined the European Union in 2013 and adopted the euro
        # on 1 January 2023"
        ("2023-01-01", EURO_20),
        ("2025-12-31", EURO_20),
        # euro-area-debrecensun-2026: "Bulgaria officially joined the euro area, becoming the 21st
        # EU Member State to use the single European currency"
        ("2026-01-01", EURO_21),
        ("2026-12-07", EURO_21),
    ],
)
def test_euro_area_members_at(client: TestClient, at: str, expected: list[str]) -> None:
    assert members(client, "euro-area", at=at) == expected


def test_euro_area_counts_from_adoption_not_from_the_council_decision(client: TestClient) -> None:
    # euro-area-kuna-2025: the Council adopted the final acts on 8 July 2025 for Bulgaria "to join
    # the euro area as of 1 January 2026"
    assert "BGR" not in members(client, "euro-area", at="2025-07-08")
    bulgaria = member(client, "euro-area", "BGR", at="2026-01-01")
    assert bulgaria["role"] == "member"
    # euro-area-europa-slovenia-2007: "January 1st saw the euro zone welcome a new member as
    # Slovenia gave up its national currency"
    assert "SVN" not in members(client, "euro-area", at="2006-12-31")
    assert member(client, "euro-area", "SVN", at="2007-01-01")["role"] == "member"


SCH_7 = ["BEL", "DEU", "ESP", "FRA", "LUX", "NLD", "PRT"]
SCH_10 = sorted([*SCH_7, "AUT", "GRC", "ITA"])
SCH_15 = sorted([*SCH_10, "DNK", "FIN", "ISL", "NOR", "SWE"])
SCH_24 = sorted([*SCH_15, "CZE", "EST", "HUN", "LTU", "LVA", "MLT", "POL", "SVK", "SVN"])
SCH_26 = sorted([*SCH_24, "CHE", "LIE"])
SCH_27 = sorted([*SCH_26, "HRV"])
SCH_29 = sorted([*SCH_27, "BGR", "ROU"])


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        # schengen-surinenglish-1995: "on 26 March 1995 Spain ..., France, Germany, Belgium,
        # Luxembourg, the Netherlands and Portugal abolished their internal border checks"
        ("1995-03-25", []),
        ("1995-03-26", SCH_7),
        # schengen-austriaforum: "entered into force in respect of Italy on October 26, 1997, for
        # Austria on December 1, 1997"
        ("1997-12-01", sorted([*SCH_7, "AUT", "ITA"])),
        # schengen-cbi-history: "January 2000 Border controls abolished with Greece"
        ("2000-06-01", SCH_10),
        # schengen-deseret-2001: "The Nordic nations joined a European passport-free bloc on Sunday"
        # (25 March 2001)
        ("2001-03-25", SCH_15),
        # schengen-euobserver-2007: "The EU's borderless zone expanded to nine mostly eastern
        # European countries at midnight on Friday (21 December)"
        ("2007-12-21", SCH_24),
        # schengen-ec-liechtenstein-2011: "the Schengen area comprises 26 Schengen Member States"
        ("2011-12-19", SCH_26),
        # schengen-hina-2023: "On 1 January 2023, Croatia became the 27th member of the Schengen
        # area"
        ("2023-01-01", SCH_27),
        # schengen-finanznachrichten-2024: "from 2024 March 31. On that date, the controls at the
        # internal air and sea borders were lifted"
        ("2024-03-31", SCH_29),
        # schengen-cbn-2025: Cyprus "hopes to become a Schengen member in 2026"; no decision found
        ("2026-12-07", SCH_29),
    ],
)
def test_schengen_members_at(client: TestClient, at: str, expected: list[str]) -> None:
    assert members(client, "schengen", at=at) == expected


def test_schengen_first_phase_is_the_start(client: TestClient) -> None:
    # schengen-euroskop-2008: "As of 12 December 2008, the Swiss land borders may be crossed
    # without border checks"; airports only from 29 March 2009
    assert "CHE" not in members(client, "schengen", at="2008-12-11")
    assert member(client, "schengen", "CHE", at="2008-12-12")["role"] == "member"
    # schengen-capa-2023: "From 31-Mar-2024, there will no longer be checks on persons at EU
    # internal air and maritime borders" for Bulgaria and Romania; land borders only on
    # 1 January 2025 (schengen-finanznachrichten-2024)
    assert "ROU" not in members(client, "schengen", at="2024-03-30")
    assert member(client, "schengen", "ROU", at="2024-06-01")["participation"] == "active"
    # signing is not membership: schengen-cbi-history "Greece (agreement signed in November 1992)"
    assert "GRC" not in members(client, "schengen", at="1999-06-01")


EA_6 = ["BEL", "DEU", "FRA", "ITA", "LUX", "NLD"]
EA_12 = sorted([*EA_6, "DNK", "GBR", "GRC", "IRL", "ESP", "PRT"])
EA_15 = sorted([*EA_12, "AUT", "FIN", "SWE"])
EA_25 = sorted([*EA_15, "CYP", "CZE", "EST", "HUN", "LTU", "LVA", "MLT", "POL", "SVK", "SVN"])
EA_28 = sorted([*EA_25, "BGR", "ROU", "HRV"])
EA_27 = sorted(c for c in EA_28 if c != "GBR")


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        # euratom-britannica: "The original members were Belgium, France, West Germany, Italy,
        # Luxembourg, and The Netherlands"; "became effective Jan. 1, 1958"
        ("1958-01-01", EA_6),
        ("1972-12-31", EA_6),
        # euratom-lordslibrary-2017: "The UK became a member of both on 1 January 1973";
        # euratom-britannica: "Denmark, Ireland, and the United Kingdom joined in 1973"
        ("1973-01-01", sorted([*EA_6, "DNK", "GBR", "IRL"])),
        # euratom-cvce-1981: "On 1 January 1981, the accession of Greece brings the number of
        # Member States ... to ten"; euratom-ipfs-1986: Spain and Portugal "on 1 January 1986"
        ("1990-01-01", EA_12),
        # euratom-britannica: Austria, Finland and Sweden "to become effective Jan. 1, 1995"
        ("1995-01-01", EA_15),
        # euratom-eu-2004-text: the 2003 Treaty of Accession "entered into force on 1 May 2004"
        ("2004-05-01", EA_25),
        # euratom-esteri-enlargement: "On July 1st 2013 Croatia officially became the 28th Member
        # State"
        ("2013-07-01", EA_28),
        # euratom-onenewspage-brexit: withdrawal "from the European Union (EU) and the European
        # Atomic Energy Community at the end of 31 January 2020 CET"
        ("2020-01-31", EA_28),
        ("2020-02-01", EA_27),
        ("2026-12-07", EA_27),
    ],
)
def test_euratom_members_at(client: TestClient, at: str, expected: list[str]) -> None:
    assert members(client, "euratom", at=at) == expected


def test_euratom_cooperation_is_not_membership(client: TestClient) -> None:
    # euratom-hansard-1958: "To join Euratom would pose great difficulties for us"; the US signed
    # only a cooperation agreement (euratom-eurlex-us-1958)
    at_1962 = members(client, "euratom", at="1962-01-01")
    assert "GBR" not in at_1962
    assert "USA" not in at_1962
    assert member(client, "euratom", "GBR", at="2019-12-31")["role"] == "member"


CMEA_6 = ["BGR", "CSK", "HUN", "POL", "ROU", "SUN"]
CMEA_10 = sorted([*CMEA_6, "CUB", "DDR", "MNG", "VNM"])
CMEA_9 = sorted(c for c in CMEA_10 if c != "DDR")


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        # comecon-britannica-concise: "Its original members were the Soviet Union, Bulgaria,
        # Czechoslovakia, Hungary, Poland, and Romania"; Albania joined in February 1949
        # (comecon-loc-albania), so only the six are certain before February
        ("1949-03-01", sorted([*CMEA_6, "ALB"])),
        # comecon-cambridge-1976: "the G.D.R. was not accepted until the end of Sept. 1950"
        ("1951-01-01", sorted([*CMEA_6, "ALB", "DDR"])),
        # comecon-io-1962: "During the course of the meeting the Mongolian government was
        # admitted" (7-8 June 1962)
        ("1963-01-01", sorted([*CMEA_6, "ALB", "DDR", "MNG"])),
        # comecon-nationsencyclopedia-albania: "in 1968 it formally announced its withdrawal";
        # comecon-michigandaily-1978: Vietnam "admitted as the 10th full member"
        ("1978-07-01", CMEA_10),
        # comecon-csmonitor-1984: "Comecon's full members are the USSR, Bulgaria, Cuba,
        # Czechoslovakia, East Germany, Hungary, Mongolia, Poland, Romania, and Vietnam"
        ("1984-05-30", CMEA_10),
        # comecon-ap-1991: "East Germany was absorbed into West Germany last year";
        # comecon-latimes-1991: the Soviet Union, Hungary, Romania, Bulgaria, Czechoslovakia,
        # Poland, Mongolia, Vietnam and Cuba terminated the organisation on 28 June 1991
        ("1990-10-03", CMEA_9),
        ("1991-06-27", CMEA_9),
        ("1991-06-28", []),
    ],
)
def test_comecon_members_at(client: TestClient, at: str, expected: list[str]) -> None:
    assert members(client, "comecon", at=at) == expected


def test_comecon_albania_yugoslavia_and_reduced_dates(client: TestClient) -> None:
    # comecon-awordmerchant: Albania "stopped taking an active part at the end of 1961"
    assert member(client, "comecon", "ALB", at="1960-06-01")["participation"] == "active"
    assert member(client, "comecon", "ALB", at="1965-06-01")["participation"] == "inactive"
    # comecon-loc-yugoslavia: "In 1964 Yugoslavia negotiated a formal agreement of cooperation"
    assert members(client, "comecon", at="1977-01-14", role="associate_member") == ["YUG"]
    # comecon-gyanhistory: Cuba joined "in 1972" (year only): possible inside 1972
    assert member(client, "comecon", "CUB", at="1972-06-01")["certainty"] == "possible"
    assert member(client, "comecon", "CUB", at="1973-01-01")["certainty"] == "certain"


OPEC_DOC_13 = [
    "AGO",
    "ARE",
    "DZA",
    "ECU",
    "GAB",
    "IRN",
    "IRQ",
    "KWT",
    "LBY",
    "NGA",
    "QAT",
    "SAU",
    "VEN",
]
NON_OPEC_11 = ["AZE", "BHR", "BRN", "GNQ", "KAZ", "MEX", "MYS", "OMN", "RUS", "SDN", "SSD"]
OPEC_PLUS_24 = sorted([*OPEC_DOC_13, *NON_OPEC_11])
OPEC_PLUS_23 = sorted([*(c for c in OPEC_PLUS_24 if c not in ("QAT", "ECU")), "COG"])
OPEC_PLUS_22 = sorted(c for c in OPEC_PLUS_23 if c != "AGO")


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        # opec-plus-trend-2022: "On this day in 2016, OPEC Member Countries and Azerbaijan; the
        # Kingdom of Bahrain; Brunei Darussalam; Equatorial Guinea ...; Kazakhstan; Malaysia;
        # Mexico; the Sultanate of Oman; the Russian Federation; the Republic of Sudan; and the
        # Republic of South Sudan ... decided to establish the DoC"
        ("2016-12-09", []),
        ("2016-12-10", OPEC_PLUS_24),
        # opec-plus-reuters-2018: Congo admitted to OPEC "with immediate effect" (22 June 2018)
        ("2018-07-01", sorted([*OPEC_PLUS_24, "COG"])),
        # opec-plus-tdpel-2021: "the 23 oil-producing countries" (December 2021), after Qatar
        # (opec-plus-azernews-2018) and Ecuador (opec-plus-gulfnews-2019) left OPEC
        ("2021-12-10", OPEC_PLUS_23),
        # opec-plus-collateral-2023: Angola leaving OPEC "with effect from Jan. 1 2024";
        # opec-plus-newscentral-2025: "12 core OPEC members and 10 other major oil-producing
        # nations"
        ("2024-01-01", OPEC_PLUS_22),
        ("2026-12-07", OPEC_PLUS_22),
    ],
)
def test_opec_plus_members_at(client: TestClient, at: str, expected: list[str]) -> None:
    assert members(client, "opec-plus", at=at) == expected


def test_opec_plus_brazil_is_a_charter_partner_only(client: TestClient) -> None:
    # opec-plus-anewz-2025: "Brazil's participation will be limited to the Charter of
    # Cooperation ... without binding obligations such as production cuts"
    assert "BRA" not in members(client, "opec-plus", at="2025-06-01")
    assert members(client, "opec-plus", at="2025-06-01", role="partner") == ["BRA"]
    assert member(client, "opec-plus", "BRA", at="2025-06-01", role="partner")["role"] == "partner"
    # opec-plus-azernews-2018: Qatar's withdrawal "with effect from 1 January 2019"
    assert "QAT" in members(client, "opec-plus", at="2018-12-31")
    assert "QAT" not in members(client, "opec-plus", at="2019-01-01")
