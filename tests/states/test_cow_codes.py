"""Every COW code Foedus gives a state is the COW state system's own, and every state COW lists
in 2016 has a home in Foedus."""

from __future__ import annotations

import csv

import pytest
from sqlmodel import Session, select

from app.core.db import build_engine
from app.models import State, StateCowCode
from tests.conftest import SHARED_DATA

COW = SHARED_DATA / "cow-state-system-v2016"
pytestmark = pytest.mark.skipif(not COW.is_dir(), reason="shared research data absent")


def cow_rows() -> list[dict[str, str]]:
    with (COW / "states2016.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def foedus_codes(url: str) -> list[tuple[str, int, str | None]]:
    engine = build_engine(url)
    try:
        with Session(engine) as session:
            rows = session.exec(
                select(State.code, StateCowCode.ccode, StateCowCode.abbrev).join(
                    State, State.id == StateCowCode.state_id
                )
            ).all()
            return [(code, ccode, abbrev) for code, ccode, abbrev in rows]
    finally:
        engine.dispose()


def test_every_code_and_abbreviation_is_cows(seeded_url: str) -> None:
    cow = {(int(r["ccode"]), r["stateabb"]) for r in cow_rows()}
    wrong = [row for row in foedus_codes(seeded_url) if (row[1], row[2]) not in cow]
    assert wrong == []


def test_every_state_cow_lists_in_2016_has_a_foedus_state(seeded_url: str) -> None:
    alive = {int(r["ccode"]) for r in cow_rows() if r["endyear"] == "2016"}
    mapped = {ccode for _, ccode, _ in foedus_codes(seeded_url)}
    assert alive - mapped == set()  # Kosovo (347) too, as XKX (no ISO 3166-1 code)


def test_a_code_shared_over_time_is_split_by_date(seeded_url: str) -> None:
    holders = sorted(
        (code, ccode)
        for code, ccode, _ in foedus_codes(seeded_url)
        if ccode in {365, 345, 255, 260}
    )
    assert holders == [
        ("DEU", 255),
        ("DEU", 260),
        ("RUS", 365),
        ("SCG", 345),
        ("SRB", 345),
        ("SUN", 365),
        ("XPR", 255),  # Prussia, then Germany, 1816-1945
        ("YUG", 345),
    ]
