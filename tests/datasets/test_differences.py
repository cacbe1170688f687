"""How a dataset's spells and the curated periods of one state are told apart, case by case."""

from __future__ import annotations

import pytest

from app.datasets.reconcile import Spell, _differences
from app.datasets.schemas import DisagreementKind as Kind
from app.models import Membership
from app.temporal import EndStatus, FuzzyDate, Period

WINDOW = Period(FuzzyDate(1992), FuzzyDate(2013), EndStatus.CLOSED)


def spell(role: str, start: str, end: str | None = None) -> Spell:
    last = FuzzyDate.parse(end) if end else None
    status = EndStatus.CLOSED if last else EndStatus.OPEN
    return Spell(role, Period(FuzzyDate.parse(start), last, status))


def row(i: int, s: Spell) -> Membership:
    end = s.period.end
    return Membership(
        id=i,
        organization_id=1,
        state_id=1,
        role=s.role,
        start_date=str(s.period.start),
        end_date=str(end) if end else None,
        end_status=s.period.end_status.value,
    )


def differences(
    theirs: list[Spell], ours: list[Spell], *, yearly: bool = False
) -> list[tuple[Kind, int | None, int | None]]:
    """Each difference as its kind, the dataset spell's index and the curated period's index."""
    rows = [(s, row(i, s)) for i, s in enumerate(ours)]
    return [
        (kind, theirs.index(a) if a else None, b[1].id if b else None)
        for kind, a, b in _differences(theirs, rows, WINDOW, 2012, yearly=yearly)
    ]


@pytest.mark.parametrize(
    ("theirs", "ours", "expected"),
    [
        pytest.param(
            [spell("member", "1994-05-15", "1999-04-21")],
            [spell("member", "1994-05-15", "1999-04-21")],
            [],
            id="agree",
        ),
        pytest.param(
            [spell("member", "1994-05-15")],
            [spell("member", "1994-05-15", "1999-04-21")],
            [(Kind.END_DIFFERS, 0, 0)],
            id="the dataset never ends it",
        ),
        pytest.param(
            [spell("member", "1994-01-03", "2012-06-28")],
            [spell("member", "1993-12-24")],
            [(Kind.START_DIFFERS, 0, 0), (Kind.END_DIFFERS, 0, 0)],
            id="both bounds apart",
        ),
        pytest.param(
            [spell("member", "1994-01-03", "1999-04-22")],
            [spell("member", "1994-01-02", "1999-04-21")],
            [],
            id="one day of slack",
        ),
        pytest.param(
            [spell("member", "1992-06-01", "1999")],
            [spell("member", "1991-12-21", "1999-04-21")],
            [],
            id="censored at the dataset's first year",
        ),
        pytest.param(
            [spell("member", "1994", "2013")],
            [spell("member", "1994-03")],
            [],
            id="seen to the end of the window",
        ),
        pytest.param(
            [spell("observer", "1995", "1998")],
            [spell("member", "1995", "1998")],
            [(Kind.ROLE_DIFFERS, 0, 0)],
            id="role differs",
        ),
        pytest.param(
            [spell("member", "1995", "1998")],
            [spell("observer", "1995", "1998"), spell("member", "1995", "1998")],
            [],
            id="the same role is preferred",
        ),
        pytest.param(
            [spell("member", "1995", "1998")],
            [spell("member", "2001", "2005")],
            [(Kind.MISSING_IN_FOEDUS, 0, None), (Kind.MISSING_IN_DATASET, None, 0)],
            id="missing on each side",
        ),
        pytest.param(
            [spell("member", "1995", "1998")],
            [spell("partner", "2001"), spell("member", "1980", "1990")],
            [(Kind.MISSING_IN_FOEDUS, 0, None)],
            id="roles not compared and periods outside the window are not missing",
        ),
        pytest.param(
            [spell("member", "1996", "2000"), spell("member", "2003", "2006")],
            [spell("member", "1994", "2010")],
            [
                (Kind.START_DIFFERS, 0, 0),
                (Kind.END_DIFFERS, 0, 0),
                (Kind.START_DIFFERS, 1, 0),
                (Kind.END_DIFFERS, 1, 0),
            ],
            id="two spells in one period",
        ),
    ],
)
def test_differences(
    theirs: list[Spell], ours: list[Spell], expected: list[tuple[Kind, int | None, int | None]]
) -> None:
    assert differences(theirs, ours) == expected


def test_a_yearly_dataset_reaches_back_a_year() -> None:
    theirs, ours = [spell("member", "2002", "2005")], [spell("member", "2001-06-01", "2005")]
    assert differences(theirs, ours, yearly=True) == []
    assert differences(theirs, ours) == [(Kind.START_DIFFERS, 0, 0)]
