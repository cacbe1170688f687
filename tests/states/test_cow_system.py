"""Every state of the Correlates of War state system (v2016) is represented in Foedus: some state
record carries its COW code for a period covering the whole of each system-membership spell."""

from __future__ import annotations

import csv
import itertools
from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from app.core.db import build_engine
from app.models import StateCowCode
from app.temporal import FuzzyDate
from tests.conftest import SHARED_DATA

COW = SHARED_DATA / "cow-state-system-v2016"
pytestmark = pytest.mark.skipif(not COW.is_dir(), reason="shared research data absent")

# Spells whose record is curated elsewhere (with the organisations that need it), and why.
PENDING = {511: "Zanzibar (1963-1964) is curated with the United Nations memberships"}

Period = tuple[date, date]  # [start, end): end exclusive


def spells() -> list[tuple[int, str, date, date]]:
    with (COW / "states2016.csv").open(newline="", encoding="utf-8") as handle:
        return [
            (
                int(r["ccode"]),
                r["statenme"],
                date(int(r["styear"]), int(r["stmonth"]), int(r["stday"])),
                date(int(r["endyear"]), int(r["endmonth"]), int(r["endday"])),
            )
            for r in csv.DictReader(handle)
        ]


def periods(url: str) -> dict[int, list[Period]]:
    engine = build_engine(url)
    try:
        with Session(engine) as session:
            rows = session.exec(
                select(StateCowCode.ccode, StateCowCode.valid_from, StateCowCode.valid_until)
            ).all()
    finally:
        engine.dispose()
    found: dict[int, list[Period]] = {}
    for ccode, start, end in rows:
        first = FuzzyDate.parse(start).earliest if start else date.min
        last = FuzzyDate.parse(end).latest if end else date.max
        found.setdefault(ccode, []).append((first, last))
    return found


def covered(parts: list[Period], start: date, end: date) -> bool:
    """The periods, joined, run from ``start`` up to ``end`` (COW's end day may be the first day
    outside, as Foedus stores ends exclusively)."""
    reached = start
    for first, last in sorted(parts):
        if first <= reached < last:
            reached = last
        if reached >= end:
            return True
    return reached >= end


def test_every_cow_spell_is_covered_by_a_cow_code_period(seeded_url: str) -> None:
    found = periods(seeded_url)
    missing = sorted(
        {
            (ccode, name, str(start), str(end))
            for ccode, name, start, end in spells()
            if not covered(found.get(ccode, []), start, end)
        }
    )
    unexplained = [m for m in missing if m[0] not in PENDING]
    assert unexplained == []


def test_no_cow_code_stands_for_two_states_on_the_same_day(seeded_url: str) -> None:
    overlaps = []
    for ccode, parts in periods(seeded_url).items():
        ordered = sorted(parts)
        for (_, last), (first, _) in itertools.pairwise(ordered):
            if first < last:
                overlaps.append((ccode, str(first)))
    assert overlaps == []


def test_covered_joins_consecutive_periods() -> None:
    day = date(2000, 1, 1)
    later = day + timedelta(days=10)
    assert covered([(date.min, day), (day, date.max)], date(1990, 1, 1), later)
    assert not covered([(date.min, day), (later, date.max)], date(1990, 1, 1), later)
