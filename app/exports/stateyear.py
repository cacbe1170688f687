"""State-year and dyad-year tables in the COW style (ccode, year), under a chosen year rule.

- ``december_31``: a member on 31 December of the year (the COW alliance convention);
- ``any_time``: a member on at least one day of the year;
- ``most_of_year``: a member on more than half of the year's days.

Each row says how certain it is; imprecise dates can make a year only ``possible``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from itertools import combinations

from app.temporal import Certainty, Mode, Period, Span, TimeQuery, covered_days, evaluate


class YearRule(StrEnum):
    DECEMBER_31 = "december_31"
    ANY_TIME = "any_time"
    MOST_OF_YEAR = "most_of_year"


@dataclass(frozen=True)
class Member:
    code: str
    ccode: int | None
    abbrev: str | None
    periods: tuple[Period, ...]


def in_year(periods: Sequence[Period], year: int, rule: YearRule) -> Certainty:
    whole = Span(date(year, 1, 1), date(year, 12, 31))
    if rule is YearRule.DECEMBER_31:
        return evaluate(periods, TimeQuery(Span(whole.last, whole.last))).certainty
    if rule is YearRule.ANY_TIME:
        return evaluate(periods, TimeQuery(whole, Mode.ANY)).certainty
    certain, possible = covered_days(periods, whole)
    half = (whole.last - whole.first).days / 2 + 0.5
    if certain > half:
        return Certainty.CERTAIN
    return Certainty.POSSIBLE if possible > half else Certainty.NO


def state_years(
    members: Sequence[Member], years: range, rule: YearRule
) -> Iterator[dict[str, object]]:
    for year in years:
        for m in members:
            verdict = in_year(m.periods, year, rule)
            if verdict is not Certainty.NO:
                yield {
                    "ccode": m.ccode,
                    "stateabb": m.abbrev,
                    "state": m.code,
                    "year": year,
                    "member": int(verdict is Certainty.CERTAIN),
                    "certainty": verdict.value,
                }


def dyad_years(
    members: Sequence[Member], years: range, rule: YearRule
) -> Iterator[dict[str, object]]:
    for year in years:
        inside = [(m, in_year(m.periods, year, rule)) for m in members]
        inside = [(m, v) for m, v in inside if v is not Certainty.NO]
        for (a, va), (b, vb) in combinations(sorted(inside, key=lambda x: x[0].code), 2):
            certain = va is Certainty.CERTAIN and vb is Certainty.CERTAIN
            yield {
                "ccode1": a.ccode,
                "ccode2": b.ccode,
                "state1": a.code,
                "state2": b.code,
                "year": year,
                "member": int(certain),
                "certainty": "certain" if certain else "possible",
            }
