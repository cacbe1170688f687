"""La Francophonie (ACCT, Agence de la Francophonie, OIF): members, associate members and
observers at dates checked against the cited sources (keys of francophonie.toml)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.history.support import member, members

SLUG = "francophonie"

# francophonie-wiki-acct: "At its founding, the ACCT's members were: Belgium, Benin, Burundi,
# Cambodia, Canada, Ivory Coast, France, Gabon, Upper Volta, Luxembourg, Madagascar, Mali,
# Mauritius, Monaco, Niger, Rwanda, Senegal, Chad, Togo, Tunisia, and South Vietnam" (21;
# francophonie-languedutravail-2010: "21 pays signent le traité instituant l'ACCT"). Cambodia
# is recorded only from 1993 (its 1970 seat has no known end), so 20 are certain on the day.
FOUNDERS = sorted(
    [
        "BEL",
        "BEN",
        "BDI",
        "CAN",
        "CIV",
        "FRA",
        "GAB",
        "BFA",
        "LUX",
        "MDG",
        "MLI",
        "MUS",
        "MCO",
        "NER",
        "RWA",
        "SEN",
        "TCD",
        "TGO",
        "TUN",
        "RVN",
    ]
)


def test_founding_day_signatories(client: TestClient) -> None:
    assert members(client, SLUG, at="1970-03-20", certainty="certain") == FOUNDERS
    # Haiti starts "1970" (on or before, COW IGO): only possible before the founding day
    assert members(client, SLUG, at="1970-03-19", certainty="certain") == []


def test_1990_members(client: TestClient) -> None:
    found = members(client, SLUG, at="1990-06-30")
    # francophonie-wiki-members: "French Community of Belgium | 1980"; "New Brunswick | 1977"
    assert {"XWB", "XNB", "XQB"} <= set(found)
    # francophonie-wiki-members: "Cameroon | 1991"; "Bulgaria | 1993"
    assert "CMR" not in found
    assert "BGR" not in found
    # francophonie-swiss-rs-0440-7: instrument of accession "deposited by the Switzerland on
    # 4 June 1996"; francophonie-swiss-fdfa-1997: "La Suisse a adhéré à l'ACCT ... au
    # printemps 1996"
    assert "CHE" not in found
    assert "CHE" not in members(client, SLUG, at="1996-06-03")
    assert "CHE" in members(client, SLUG, at="1996-06-04")
    # South Vietnam's seat (state records: ended 30 April 1975), Vietnam from 2 July 1976
    assert "RVN" not in found
    assert "VNM" in found


def test_hanoi_1997_opening(client: TestClient) -> None:
    # francophonie-afp-hanoi-1997-open: the summit "qui compte 47 membres et deux observateurs,
    # s'est ouvert vendredi" (14 November 1997)
    assert len(members(client, SLUG, at="1997-11-13", certainty="certain")) == 47
    # francophonie-afp-hanoi-1997-pre: "La Moldavie, jusqu'ici observateur, devient membre à
    # part entière"
    assert "MDA" in members(client, SLUG, at="1997-12-01", certainty="certain")


@pytest.mark.parametrize(
    ("at", "counts"),
    [
        # francophonie-chroniques-2010: "75 Etats et gouvernements (56 membres et 19
        # observateurs)", the 56 including the associates Armenia, Cyprus and Ghana
        ("2010-12-31", (53, 3, 19)),
        # francophonie-economiematin-2012: "77 membres - 54 membres de plein droit, 3 membres
        # associés et 20 États observateurs" after Kinshasa (13 October 2012)
        ("2012-10-14", (54, 3, 20)),
        # francophonie-lexpressiondz-2016: before Antananarivo "54 Etats membres, 23
        # observateurs et 3 membres dits associés"
        ("2016-11-25", (54, 3, 23)),
        # francophonie-cce-2016: four admissions "portant ainsi à 84 le nombre d'États et
        # gouvernements" (3 observers and New Caledonia as associate, francophonie-rfi-2016)
        ("2016-11-27", (54, 4, 26)),
        # francophonie-flesoudan-2018: "88 Etats et gouvernements : 54 membres, 7 membres
        # associés et 27 pays observateurs"
        ("2018-10-12", (54, 7, 27)),
        # francophonie-agora-2024: "93 États et gouvernements, dont 56 membres, 5 membres
        # associés et 32 observateurs"
        ("2024-10-05", (56, 5, 32)),
        # francophonie-maison-marseille-2025: "depuis mars 2025, 53 États et gouvernements
        # pleinement membres, 5 associés et les 32 observateurs ; soit ... 90"
        ("2026-12-07", (53, 5, 32)),
    ],
)
def test_counts_by_role(client: TestClient, at: str, counts: tuple[int, int, int]) -> None:
    found = tuple(
        len(members(client, SLUG, at=at, role=role))
        for role in ("member", "associate_member", "observer")
    )
    assert found == counts


def test_status_changes(client: TestClient) -> None:
    # francophonie-presse-moncton-1999: "l'Albanie et la Macédoine, deviennent membres associés";
    # francophonie-euronews-2006: "quatre nouveaux membres (Andorre, Grèce, Albanie et Macédoine)"
    assert "ALB" in members(client, SLUG, at="2000-01-01", role="associate_member")
    assert "ALB" not in members(client, SLUG, at="2000-01-01")
    assert "ALB" in members(client, SLUG, at="2007-01-01")
    # francophonie-infosplusgabon-2012: Kinshasa, Saturday 13 October 2012, Armenia full member,
    # Qatar "directement comme membre associé", Uruguay observer
    assert "ARM" in members(client, SLUG, at="2012-10-12", role="associate_member")
    assert "ARM" in members(client, SLUG, at="2012-10-13")
    assert "QAT" in members(client, SLUG, at="2012-10-13", role="associate_member")
    assert "URY" not in members(client, SLUG, at="2012-10-12", role="observer")
    assert "URY" in members(client, SLUG, at="2012-10-13", role="observer")
    # francophonie-flesoudan-2018: the UAE, Kosovo and Serbia "passent du statut d'observateur à
    # celui de membre associé"
    assert {"ARE", "XKX", "SRB"} <= set(members(client, SLUG, at="2018-10-10", role="observer"))
    assert {"ARE", "XKX", "SRB"} <= set(
        members(client, SLUG, at="2018-10-12", role="associate_member")
    )
    # francophonie-pressafrik-2024: adhesions announced Saturday 5 October 2024
    new = {"AGO", "CHL", "XNS", "PYF", "XSL"}
    assert not new & set(members(client, SLUG, at="2024-10-04", role="observer"))
    assert new <= set(members(client, SLUG, at="2024-10-05", role="observer"))
    # francophonie-agora-2024: "Chypre et le Ghana ... sont devenus des membres de plein droit"
    assert {"CYP", "GHA"} <= set(members(client, SLUG, at="2024-10-05"))


def test_withdrawals_2025(client: TestClient) -> None:
    # francophonie-laawol-2025: Niger and Burkina Faso notified "ce 17 mars 2025";
    # francophonie-libreinfos-2025: Mali's letter "en date du 18 mars 2025"
    before = set(members(client, SLUG, at="2025-03-16"))
    assert {"NER", "BFA", "MLI"} <= before
    assert not {"NER", "BFA"} & set(members(client, SLUG, at="2025-03-18"))
    assert "MLI" in members(client, SLUG, at="2025-03-17")
    assert "MLI" not in members(client, SLUG, at="2025-03-19")


@pytest.mark.parametrize(
    ("code", "at", "participation"),
    [
        # francophonie-oif-cpf-2022: CPF of 8 February 2022 decided "de suspendre le Burkina Faso"
        ("BFA", "2022-02-07", "active"),
        ("BFA", "2022-02-08", "suspended"),
        # francophonie-guinee360-niger-2023: "Mardi 19 décembre 2023 ... suspension de la
        # République du Niger"
        ("NER", "2023-12-18", "active"),
        ("NER", "2024-06-01", "suspended"),
        # francophonie-justinmorel-guinee-2021 (16 September 2021) and
        # francophonie-jeuneafrique-guinee-2024 (lifted Tuesday 24 September 2024)
        ("GIN", "2022-01-01", "suspended"),
        ("GIN", "2024-09-24", "active"),
        # francophonie-levif-car-2013 (April 2013): "Quatre pays sont actuellement suspendus ...
        # la Centrafrique, le Mali, Madagascar et la Guinée-Bissau";
        # francophonie-seychelles-cmf-2013: the November 2013 Ministerial Conference lifted
        # Mali's suspension of March 2012
        ("MLI", "2013-04-15", "suspended"),
        ("MLI", "2014-01-01", "active"),
        ("GNB", "2013-04-15", "suspended"),
        ("GNB", "2014-06-27", "active"),
        # francophonie-huffpost-madagascar-2014: suspended 2 April 2009, lifted 28 March 2014
        ("MDG", "2010-01-01", "suspended"),
        ("MDG", "2014-03-28", "active"),
        # francophonie-mondafrique-gabon: no suspension after the coup of 30 August 2023
        ("GAB", "2024-01-01", "active"),
    ],
)
def test_suspensions(client: TestClient, code: str, at: str, participation: str) -> None:
    assert member(client, SLUG, code, at=at)["participation"] == participation


def test_thailand_observer_suspended(client: TestClient) -> None:
    # francophonie-gavroche-2014: the 92nd CPF (27 June 2014) "suspend la Thaïlande"
    assert member(client, SLUG, "THA", at="2014-06-27", role="observer")["participation"] == (
        "suspended"
    )
