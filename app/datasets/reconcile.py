"""Reconciliation: the curated periods of an organisation beside each imported dataset's.

A dataset's spell and a curated period of the same state and role are matched when they could
share a day. Then bounds are compared within both precisions, with one day of slack because
the datasets write a departure as the last day in (Foedus: the first day out).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session

from app.datasets import repository
from app.datasets.schemas import (
    DatasetComparison,
    Disagreement,
    DisagreementKind,
    Reconciliation,
    SpellPublic,
)
from app.memberships import repository as memberships
from app.memberships.repository import period_of
from app.models import DatasetRecord, Discrepancy, Membership, Organization, State
from app.organizations import repository as organizations
from app.organizations.service import reference
from app.states import repository as states
from app.states.schemas import StateRef
from app.temporal import EndStatus, FuzzyDate, Period

COVERAGE_END = {"cow-alliance-v4.1": 2012, "atop-4.01": 2016, "cow-igo-v3": 2014}
FAMILY = {"cow-alliance-v4.1": "COW", "atop-4.01": "ATOP", "cow-igo-v3": "COW IGO"}
_SLACK = timedelta(days=1)


class CowCodes:
    """Which state a COW code stands for on a given day (365: the USSR, then Russia)."""

    def __init__(self, session: Session) -> None:
        self.rows = states.all_cow_codes(session)

    def state(self, ccode: int, day: date) -> State | None:
        for code, state in self.rows:
            if code.ccode != ccode:
                continue
            after_start = (
                code.valid_from is None or FuzzyDate.parse(code.valid_from).earliest <= day
            )
            before_end = code.valid_until is None or day < FuzzyDate.parse(code.valid_until).latest
            if after_start and before_end:
                return state
        return None


@dataclass(frozen=True)
class Spell:
    role: str
    period: Period

    def public(self) -> SpellPublic:
        return SpellPublic(
            role=self.role,
            start=str(self.period.start),
            end=str(self.period.end) if self.period.end else None,
        )


def _spell(record: DatasetRecord) -> Spell:
    start = FuzzyDate.parse(record.start_date)
    end = FuzzyDate.parse(record.end_date) if record.end_date else None
    if end is not None and end.latest <= start.earliest:
        end = FuzzyDate.of(start.latest + timedelta(days=1))  # a same-day spell lasts its day
    return Spell(record.role, Period(start, end, EndStatus.CLOSED if end else EndStatus.OPEN))


def _touch(a: Period, b: Period) -> bool:
    a_lo, a_hi = a.possible_days()
    b_lo, b_hi = b.possible_days()
    return a_lo < b_hi and b_lo < a_hi


def _apart(
    theirs: FuzzyDate | None, ours: FuzzyDate | None, coverage_end: int, *, yearly: bool
) -> bool:
    """Do two bounds disagree beyond their precision? None is open; the dataset stops at its end.

    A yearly dataset says only "a member at some time in year Y": its first member year may
    have begun with a change late in the year before, so its bounds reach back a year.
    """
    if theirs is None and ours is None:
        return False
    if theirs is None or ours is None:
        closed = theirs or ours
        assert closed is not None
        return closed.earliest.year <= coverage_end
    low = date(theirs.year - 1, 1, 2) if yearly else theirs.earliest
    return low > ours.latest + _SLACK or ours.earliest > theirs.latest + _SLACK


def reconcile(session: Session, *, org: Organization) -> Reconciliation:
    assert org.id is not None
    curated = memberships.of_organization(session, organization_id=org.id)
    notes = {
        (d.dataset, s.code): d
        for d, s in organizations.discrepancies_of(session, organization_id=org.id)
    }
    codes = CowCodes(session)
    comparisons = []
    for key, group in (
        ("cow-alliance-v4.1", org.cow_alliance),
        ("atop-4.01", org.atop),
        ("cow-igo-v3", org.cow_igo),
    ):
        if group is None:
            continue
        dataset = repository.get(session, key=key)
        found: list[Disagreement] = []
        if dataset is not None and dataset.id is not None:
            records = repository.records(session, dataset_id=dataset.id, group=str(group))
            found = _compare(key, records, curated, codes, notes)
        comparisons.append(
            DatasetComparison(
                dataset=key,
                group=str(group),
                imported=dataset is not None,
                title=dataset.title if dataset else None,
                citation=dataset.citation if dataset else None,
                coverage_end=COVERAGE_END[key],
                disagreements=found,
            )
        )
    return Reconciliation(organization=reference(session, org, None), datasets=comparisons)


def _compare(
    key: str,
    records: Sequence[DatasetRecord],
    curated: Sequence[tuple[Membership, State]],
    codes: CowCodes,
    notes: dict[tuple[str, str], Discrepancy],
) -> list[Disagreement]:
    end = COVERAGE_END[key]
    if not records:
        return []
    first = min(FuzzyDate.parse(r.start_date).earliest for r in records).year
    theirs: dict[str, list[Spell]] = defaultdict(list)
    state_of: dict[str, State] = {}
    found: list[Disagreement] = []
    for r in records:
        spell = _spell(r)
        state = codes.state(r.ccode, spell.period.start.latest)
        if state is None:
            found.append(
                Disagreement(
                    kind=DisagreementKind.MISSING_IN_FOEDUS,
                    state=None,
                    ccode=r.ccode,
                    dataset=spell.public(),
                    foedus=None,
                    explanation=None,
                )
            )
            continue
        theirs[state.code].append(spell)
        state_of[state.code] = state
    ours: dict[str, list[tuple[Spell, Membership]]] = defaultdict(list)
    for m, state in curated:
        ours[state.code].append((Spell(m.role, period_of(m)), m))
        state_of[state.code] = state
    # The dataset sees the organisation from its first record to its last one (or to the end
    # of its data): curated periods beyond that view are neither missing nor different.
    ends = [s.period.end or FuzzyDate(end + 1) for v in theirs.values() for s in v]
    last = max(ends, key=FuzzyDate.sort_key, default=FuzzyDate(end + 1))
    window = Period(FuzzyDate(first), last, EndStatus.CLOSED)
    for code in sorted(set(theirs) | set(ours)):
        state = state_of[code]
        spells = _joined(theirs.get(code, []))
        for kind, a, b in _differences(
            spells, ours.get(code, []), window, end, yearly=key == "cow-igo-v3"
        ):
            explanation = _explain(key, code, a, b, notes)
            signed = kind is DisagreementKind.START_DIFFERS and _from_signature(a, b, end, key)
            if signed and explanation is None:
                assert b is not None
                explanation = (
                    f"{FAMILY[key]} starts this member at its signature ({b[1].signed}); Foedus "
                    f"counts it from the day it was bound ({b[1].start_date}): a signatory is "
                    "not a member."
                )
            found.append(
                Disagreement(
                    kind=kind,
                    state=StateRef.of(state),
                    ccode=None,
                    dataset=a.public() if a else None,
                    foedus=b[0].public() if b else None,
                    explanation=explanation,
                    from_signature=signed,
                )
            )
    return found


def _from_signature(theirs: Spell | None, ours: Pair | None, end: int, key: str) -> bool:
    """Does the dataset start the member where it signed (``Membership.signed``), not where it
    was bound?"""
    if theirs is None or ours is None or ours[1].signed is None:
        return False
    signed = FuzzyDate.parse(ours[1].signed)
    return not _apart(theirs.period.start, signed, end, yearly=key == "cow-igo-v3")


def _joined(spells: list[Spell]) -> list[Spell]:
    """One spell where a dataset starts a new phase the day the last one ends (ATOP phases)."""
    out: list[Spell] = []
    for spell in sorted(spells, key=lambda x: (x.role, x.period.start.sort_key())):
        last = out[-1] if out else None
        if last is not None and last.role == spell.role and last.period.end == spell.period.start:
            out[-1] = Spell(
                spell.role, Period(last.period.start, spell.period.end, spell.period.end_status)
            )
        else:
            out.append(spell)
    return out


Pair = tuple[Spell, Membership]
Difference = tuple[DisagreementKind, Spell | None, Pair | None]


def _differences(
    theirs: list[Spell],
    ours: list[Pair],
    window: Period,
    end: int,
    *,
    yearly: bool,
) -> list[Difference]:
    out: list[Difference] = []
    matched: set[int] = set()
    for spell in theirs:
        partners = _partners(spell, ours)
        if not partners:
            out.append((DisagreementKind.MISSING_IN_FOEDUS, spell, None))
            continue
        for i, pair in partners:
            matched.add(i)
            kinds = _disagreements(spell, pair[0], window, end, yearly=yearly)
            out += [(kind, spell, pair) for kind in kinds]
    out += _missing_in_dataset(theirs, ours, matched, window)
    return out


def _partners(spell: Spell, ours: list[Pair]) -> list[tuple[int, Pair]]:
    """The curated periods (by index) that could share a day with the spell: those in its role,
    else all of them."""
    touching = [(i, o) for i, o in enumerate(ours) if _touch(spell.period, o[0].period)]
    same_role = [(i, o) for i, o in touching if o[0].role == spell.role]
    return same_role or touching


def _disagreements(
    spell: Spell, mine: Spell, window: Period, end: int, *, yearly: bool
) -> list[DisagreementKind]:
    """How a dataset spell and the curated period matched with it differ: role, start, end."""
    kinds: list[DisagreementKind] = []
    if mine.role != spell.role:
        kinds.append(DisagreementKind.ROLE_DIFFERS)
    theirs, ours = spell.period, mine.period
    if not _censored(spell, mine, window) and _apart(theirs.start, ours.start, end, yearly=yearly):
        kinds.append(DisagreementKind.START_DIFFERS)
    if not _seen_to_end(spell, mine, window) and _apart(theirs.end, ours.end, end, yearly=yearly):
        kinds.append(DisagreementKind.END_DIFFERS)
    return kinds


def _censored(spell: Spell, mine: Spell, window: Period) -> bool:
    """The spell starts in the dataset's first year and the curated period earlier: the dataset
    could not see the start."""
    return (
        spell.period.start.earliest.year == window.start.year
        and mine.period.start.earliest < spell.period.start.earliest
    )


def _seen_to_end(spell: Spell, mine: Spell, window: Period) -> bool:
    """The spell runs to the end of the dataset's view and the curated period at least as far."""
    last = spell.period.end
    return (
        last is not None
        and last == window.end
        and (mine.period.end is None or mine.period.end.earliest >= last.earliest)
    )


def _missing_in_dataset(
    theirs: list[Spell], ours: list[Pair], matched: set[int], window: Period
) -> list[Difference]:
    """Curated periods no spell matched, in a role the dataset records, inside its view."""
    compared_roles = {s.role for s in theirs} | {"member"}
    return [
        (DisagreementKind.MISSING_IN_DATASET, None, pair)
        for i, pair in enumerate(ours)
        if i not in matched and pair[0].role in compared_roles and _touch(pair[0].period, window)
    ]


def _explain(
    key: str,
    code: str,
    theirs: Spell | None,
    ours: tuple[Spell, Membership] | None,
    notes: dict[tuple[str, str], Discrepancy],
) -> str | None:
    """The curated explanation: a dataset discrepancy record, else notes naming the dataset."""
    record = notes.get((key, code))
    if record is not None:
        return record.explanation
    if ours is not None and ours[1].notes and FAMILY[key].split()[0] in ours[1].notes:
        return ours[1].notes
    del theirs
    return None
