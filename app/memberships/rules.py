"""Integrity rules for membership periods, shared by the seed loader and (later) the write API."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from app.temporal import Period, periods_conflict


@dataclass(frozen=True)
class Candidate:
    """A membership period about to be stored, with a label naming it in messages."""

    label: str
    organization: str
    state: str
    role: str
    period: Period


def outside(inner: Period, outer: Period) -> bool:
    """Does ``inner`` certainly reach outside ``outer`` (before it starts or after it ends)? An
    earliest start (the joining day not recorded) may not lie before ``outer`` either."""
    outer_lo, outer_hi = outer.possible_days()
    floor = inner.earliest_start
    if floor is not None and floor.earliest.toordinal() < outer_lo:
        return True
    return inner.start.latest.toordinal() < outer_lo or inner.certain_days()[1] > outer_hi


def violations(
    candidates: Sequence[Candidate],
    *,
    state_lives: dict[str, Period],
    organization_lives: dict[str, Period],
) -> list[str]:
    """Every broken rule: overlapping periods in one role, and periods outside a lifetime."""
    problems = []
    groups: dict[tuple[str, str, str], list[Candidate]] = defaultdict(list)
    for c in candidates:
        groups[(c.organization, c.state, c.role)].append(c)
        life = state_lives.get(c.state)
        if life is not None and outside(c.period, life):
            problems.append(f"{c.label}: the period lies outside the existence of state {c.state}")
        if outside(c.period, organization_lives[c.organization]):
            problems.append(
                f"{c.label}: the period lies outside the existence of organization {c.organization}"
            )
    for group in groups.values():
        for i, a in enumerate(group):
            problems += [
                f"{b.label}: overlaps {a.label} ({a.role} of {a.organization})"
                for b in group[i + 1 :]
                if periods_conflict(a.period, b.period)
            ]
    return problems
