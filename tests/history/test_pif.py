"""Member lists of the Pacific Islands Forum (South Pacific Forum until 2000), checked against
cited sources (the source keys are those of seed/organizations/pif.toml)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.history.support import member, members

# pif-forumsec-1971: "The President of Nauru, the Prime Ministers of Western Samoa, Tonga and
# Fiji, the Premier of the Cook Islands, the Australian Minister for External Territories, and
# the Prime Minister of New Zealand met in Wellington from 5 to 7 August"
FOUNDERS = sorted(["AUS", "COK", "FJI", "NRU", "NZL", "TON", "WSM"])
# pif-forumsec-1981: the Port Vila Forum (August 1981) was attended by the heads of government
# of the Cook Islands, FSM ("as an observer"), Fiji, Kiribati, New Zealand, Niue, Papua New
# Guinea, Solomon Islands, Tuvalu, Vanuatu and Western Samoa, with Australia, Tonga and Nauru
# represented by ministers: 13 members.
SPF_1981 = sorted([*FOUNDERS, "PNG", "NIU", "KIR", "SLB", "TUV", "VUT"])
# pif-fsmgov-1997: the 28th Forum (1997) was attended by 16 members, now with FSM, the
# Marshall Islands and Palau; pif-pireport-1999: "The 16-nation summit" (Koror, October 1999)
SPF_16 = sorted([*SPF_1981, "FSM", "MHL", "PLW"])
# pif-islandsbusiness-2016 / pif-pacificnote-2016: French Polynesia and New Caledonia "raised
# the number of member nations from 16 to 18"
PIF_18 = sorted([*SPF_16, "NCL", "PYF"])
# pif-japantimes-2022: after Kiribati's withdrawal "the now 17-member body"
PIF_17 = [c for c in PIF_18 if c != "KIR"]


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        ("1971-08-04", []),
        # pif-forumsec-1971 / pif-scoop-2011: first meeting in Wellington, 5-7 August 1971
        ("1971-08-05", FOUNDERS),
        # pif-forumsec-1981 (13 members, FSM an observer)
        ("1981-08-10", SPF_1981),
        # pif-pireport-1999: "The 16-nation summit held its formal opening session" (3 Oct 1999)
        ("1999-10-03", SPF_16),
        # pif-rnz-2009 (2 May 2009): Fiji suspended, "the Pacific Islands Forum remains a
        # 16-member body and Fiji continues to be part of the Forum group of nations"
        ("2009-06-01", SPF_16),
        # pif-cookislandsnews-2016: the French territories admitted at "the leaders' retreat on
        # Saturday" (10 September 2016); pif-diplomatie-2016: the Forum met on 8-10 September
        ("2016-09-09", SPF_16),
        ("2016-09-11", PIF_18),
        # pif-fijitourism-2022: Kiribati withdrew "with immediate effect" (letter of 9 July 2022)
        ("2022-08-01", PIF_17),
        # pif-pina-2023: "Leaders welcomed the return of the Republic of Kiribati" (Nadi,
        # 24 February 2023)
        ("2023-02-23", PIF_17),
        ("2023-02-24", PIF_18),
        # pif-mbj-2024: "There are currently 18 members"; no change found since
        ("2026-12-07", PIF_18),
    ],
)
def test_members_at(client: TestClient, at: str, expected: list[str]) -> None:
    # the certain members (a member whose joining day is not recorded is only possible before
    # the day by which it had joined)
    assert members(client, "pif", at=at, certainty="certain") == expected


def test_solomon_islands_and_tuvalu_admitted_at_niue_1978(client: TestClient) -> None:
    # pif-docslib-1978: the Forum (Alofi, 16-20 September 1978) "admitted two new members,
    # Solomon Island and Tuvalu, as full members of the Forum"; "the forthcoming independence
    # of Tuvalu" (1 October 1978)
    before = members(client, "pif", at="1978-08-31")
    after = members(client, "pif", at="1978-09-30", certainty="certain")
    assert "SLB" not in before
    assert "TUV" not in before
    assert "SLB" in after
    assert "TUV" in after
    assert member(client, "pif", "TUV", at="1978-09-30")["period"]["start"] == "1978-09"


def test_new_hebrides_admitted_before_independence(client: TestClient) -> None:
    # pif-docslib-1980: "taking note that the New Hebrides was scheduled to achieve
    # Independence on 30 July 1980, welcomed the admission of the New Hebrides to full Forum
    # membership" (Tarawa, 14-15 July 1980)
    assert "VUT" not in members(client, "pif", at="1980-06-30")
    assert "VUT" in members(client, "pif", at="1980-07-31", certainty="certain")


@pytest.mark.parametrize(
    ("at", "participation"),
    [
        ("2009-05-01", "active"),
        # pif-rnz-2009: suspension "from full participation ... effective immediately" (2 May)
        ("2009-05-02", "suspended"),
        ("2013-01-01", "suspended"),
        # pif-abc-2014 (24 October 2014): the leaders decided "to fully lift the suspension of
        # Fiji from the Forum forthwith"
        ("2015-01-01", "active"),
    ],
)
def test_fiji_participation(client: TestClient, at: str, participation: str) -> None:
    assert member(client, "pif", "FJI", at=at)["participation"] == participation


def test_french_territories_were_associate_members_before_2016(client: TestClient) -> None:
    # pif-adb-aric: "New Caledonia and French Polynesia, previously Forum Observers, were
    # granted Associate Membership in 2006"; pif-ambafrance-2016: "The two territories
    # formerly held associate member status"
    assert members(client, "pif", at="2010-01-01", role="associate_member") == ["NCL", "PYF"]
    assert members(client, "pif", at="2026-12-07", role="associate_member") == []


def test_kiribati_left_and_returned(client: TestClient) -> None:
    # pif-fijitourism-2022 / pif-japantimes-2022: letter of 9 July 2022, "with immediate effect"
    assert member(client, "pif", "KIR", at="2022-01-01")["period"]["end"] == "2022-07-09"
    # pif-nhk-2023: Kiribati "formally re-joined ... at last week's Special Leaders' Retreat"
    assert member(client, "pif", "KIR", at="2024-01-01")["period"]["start"] == "2023-02-24"


def test_micronesian_withdrawals_never_took_effect(client: TestClient) -> None:
    # pif-islandtimes-2022: the leaders "agreed to temporarily rescind their withdrawal"; FSM's
    # exit "would have taken effect on Feb. 14, 2022", Palau's the following month
    for code in ("FSM", "PLW", "MHL", "NRU"):
        assert code in members(client, "pif", at="2022-03-31")
