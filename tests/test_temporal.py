"""The temporal rules, table by table: reduced dates, periods, at / during / throughout."""

from __future__ import annotations

from datetime import date

import pytest

from app.temporal import (
    Certainty,
    EndStatus,
    FuzzyDate,
    InvalidDate,
    InvalidPeriod,
    Mode,
    Period,
    Precision,
    Span,
    TimeQuery,
    date_in_span,
    days_in_span,
    evaluate,
    judge_one,
    judge_together,
    periods_conflict,
)

C, P, N = Certainty.CERTAIN, Certainty.POSSIBLE, Certainty.NO
CLOSED, OPEN, UNKNOWN = EndStatus.CLOSED, EndStatus.OPEN, EndStatus.UNKNOWN


def period(start: str, end: str | None = None, status: EndStatus | None = None) -> Period:
    status = status or (CLOSED if end else OPEN)
    return Period(FuzzyDate.parse(start), FuzzyDate.parse(end) if end else None, status)


@pytest.mark.parametrize(
    ("text", "precision", "earliest", "latest"),
    [
        ("1993", Precision.YEAR, date(1993, 1, 1), date(1993, 12, 31)),
        ("1993-12", Precision.MONTH, date(1993, 12, 1), date(1993, 12, 31)),
        ("1996-02", Precision.MONTH, date(1996, 2, 1), date(1996, 2, 29)),
        ("1995-02", Precision.MONTH, date(1995, 2, 1), date(1995, 2, 28)),
        ("1993-12-31", Precision.DAY, date(1993, 12, 31), date(1993, 12, 31)),
        ("0001", Precision.YEAR, date(1, 1, 1), date(1, 12, 31)),
        ("9999-12-31", Precision.DAY, date(9999, 12, 31), date(9999, 12, 31)),
    ],
)
def test_reduced_date_bounds(text: str, precision: Precision, earliest: date, latest: date) -> None:
    parsed = FuzzyDate.parse(text)
    assert (parsed.precision, parsed.earliest, parsed.latest, str(parsed)) == (
        precision,
        earliest,
        latest,
        text,
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "19x5",
        "95",
        "1995-2",
        "1995-13",
        "1995-00",
        "1995-02-30",
        "1900-02-29",
        "0000",
        "99999",
        "1995-06-01T00:00",
        " 1995",
        "1995/",
        "١٩٩٥",
        "1995-06-01-01",
        "+1995",
    ],
)
def test_invalid_dates_are_refused(text: str) -> None:
    with pytest.raises(InvalidDate):
        FuzzyDate.parse(text)


@pytest.mark.parametrize(
    ("start", "end", "status"),
    [
        ("1995", None, CLOSED),  # closed needs an end
        ("1995-06-01", "1995-06-01", CLOSED),  # joined and left the same day: empty
        ("1995-06-01", "1995-05-31", CLOSED),  # end before start
        ("1995", "1994", CLOSED),
        ("1995", "1996", OPEN),  # open has no end
        ("1995", "1996", UNKNOWN),
    ],
)
def test_impossible_periods_are_refused(start: str, end: str | None, status: EndStatus) -> None:
    with pytest.raises(InvalidPeriod):
        Period(FuzzyDate.parse(start), FuzzyDate.parse(end) if end else None, status)


def test_joined_and_left_within_one_imprecise_year_is_a_period() -> None:
    within = period("1995", "1995")  # some day in 1995, then a later day in 1995
    assert evaluate([within], TimeQuery.at("1995-06-01")).certainty is Certainty.POSSIBLE
    assert evaluate([within], TimeQuery.during("1995")).certainty is Certainty.POSSIBLE


AT_CASES = [
    # exact bounds: half-open [start, end)
    (period("1992-05-15", "1999-04-20"), "1992-05-14", N),
    (period("1992-05-15", "1999-04-20"), "1992-05-15", C),
    (period("1992-05-15", "1999-04-20"), "1999-04-19", C),
    (period("1992-05-15", "1999-04-20"), "1999-04-20", N),  # left on D: not a member on D
    # year-only start: possible inside the year, certain after it
    (period("1993"), "1992-12-31", N),
    (period("1993"), "1993-01-01", P),
    (period("1993"), "1993-06-01", P),
    (period("1993"), "1993-12-31", C),  # joined by 31 December at the latest
    (period("1993"), "1994-01-01", C),
    # month-only start
    (period("1993-12"), "1993-11-30", N),
    (period("1993-12"), "1993-12-15", P),
    (period("1993-12"), "1994-01-01", C),
    # year-only end: the end may fall on any day of 1999
    (period("1992-05-15", "1999"), "1998-12-31", C),
    (period("1992-05-15", "1999"), "1999-01-01", P),
    (period("1992-05-15", "1999"), "1999-12-30", P),
    (period("1992-05-15", "1999"), "1999-12-31", N),  # ended on 1999-12-31 at the latest
    # open and unknown ends
    (period("2002-10-07"), "2100-01-01", C),
    (period("2002-10-07", status=UNKNOWN), "2002-10-07", C),  # it lasted at least its first day
    (period("2002-10-07", status=UNKNOWN), "2002-10-08", P),
    (period("2002", status=UNKNOWN), "2002-06-01", P),
    (period("2002", status=UNKNOWN), "2001-12-31", N),
]


@pytest.mark.parametrize(("p", "day", "expected"), AT_CASES)
def test_at_a_day(p: Period, day: str, expected: Certainty) -> None:
    assert evaluate([p], TimeQuery.at(day)).certainty is expected


DURING_CASES = [
    # any: a member at some time in the span
    (period("1992-05-15", "1999-04-20"), "1999", Mode.ANY, C),
    (period("1992-05-15", "1999-04-20"), "1999-05/2001", Mode.ANY, N),
    (period("1993"), "1990/1992", Mode.ANY, N),
    (period("1993"), "1993", Mode.ANY, C),  # joined some day in 1993: certainly in 1993
    (period("1993"), "1993-01", Mode.ANY, P),
    (period("1993-12"), "1993-12", Mode.ANY, C),
    (period("1992", "1993"), "1993-06", Mode.ANY, P),
    # throughout: a member on every day of the span
    (period("1992-05-15", "1999-04-20"), "1995", Mode.THROUGHOUT, C),
    (period("1992-05-15", "1999-04-20"), "1999", Mode.THROUGHOUT, N),
    (period("1992-05-15", "1999-04-20"), "1992-05-15/1999-04-19", Mode.THROUGHOUT, C),
    (period("1992-05-15", "1999-04-20"), "1992-05-15/1999-04-20", Mode.THROUGHOUT, N),
    (period("1993"), "1993", Mode.THROUGHOUT, P),  # only if it joined on 1 January
    (period("1993"), "1994/2000", Mode.THROUGHOUT, C),
    (period("1993", "1999"), "1994/1998", Mode.THROUGHOUT, C),
    (period("1993", "1999"), "1994/1999", Mode.THROUGHOUT, N),  # it left in 1999, by 31 Dec
    (period("1993", "1999"), "1994/1999-11", Mode.THROUGHOUT, P),
    (period("2002", status=UNKNOWN), "2003", Mode.THROUGHOUT, P),
]


@pytest.mark.parametrize(("p", "span", "mode", "expected"), DURING_CASES)
def test_during_a_span(p: Period, span: str, mode: Mode, expected: Certainty) -> None:
    assert evaluate([p], TimeQuery.during(span, mode)).certainty is expected


def test_rejoining_is_judged_over_all_periods() -> None:
    left_and_came_back = [period("1992-05-15", "1999-04-20"), period("2006-08-16", "2012-06-28")]
    assert evaluate(left_and_came_back, TimeQuery.at("2000-01-01")).certainty is N
    assert evaluate(left_and_came_back, TimeQuery.at("2010-01-01")).certainty is C
    assert evaluate(left_and_came_back, TimeQuery.during("1998/2007")).certainty is C
    throughout = TimeQuery.during("1998/2007", Mode.THROUGHOUT)
    assert evaluate(left_and_came_back, throughout).certainty is N


def test_leaving_and_rejoining_the_same_day_covers_the_span() -> None:
    same_day = [period("1992", "1999-04-20"), period("1999-04-20")]
    assert evaluate(same_day, TimeQuery.at("1999-04-20")).certainty is C
    assert evaluate(same_day, TimeQuery.during("1999", Mode.THROUGHOUT)).certainty is C
    assert evaluate(same_day, TimeQuery.during("1992", Mode.THROUGHOUT)).certainty is P


def test_a_possible_answer_says_which_bound_is_imprecise() -> None:
    joined = evaluate([period("1993")], TimeQuery.at("1993-06-01"))
    assert joined.certainty is P
    assert joined.reason == "the start (1993) is known only to the year"
    left = evaluate([period("1992-05-15", "1999-04")], TimeQuery.at("1999-04-10"))
    assert left.reason == "the end (1999-04) is known only to the month"
    unknown = evaluate([period("2002-10-07", status=UNKNOWN)], TimeQuery.at("2010-01-01"))
    assert unknown.reason == "the end is not recorded"
    assert evaluate([period("1993")], TimeQuery.at("1994-06-01")).reason is None


def test_a_reduced_at_is_read_as_during_any() -> None:
    query = TimeQuery.at("1995")
    assert (query.reduced_at, query.mode, query.is_day) == (FuzzyDate(1995), Mode.ANY, False)
    assert query.span == Span(date(1995, 1, 1), date(1995, 12, 31))
    assert TimeQuery.at("1995-06-01").is_day


@pytest.mark.parametrize("text", ["2000/1990", "1995-06/1995-05", "1995/", "/1995", "1995/19x5"])
def test_invalid_spans_are_refused(text: str) -> None:
    with pytest.raises((InvalidDate, InvalidPeriod)):
        TimeQuery.during(text)


@pytest.mark.parametrize(
    ("when", "span", "expected"),
    [
        ("1999-04-20", ("1999", "1999"), C),
        ("1999", ("1999-01", "1999-06"), P),
        ("1999", ("2000", "2001"), N),
        ("1998-12-31", ("1999", "2000"), N),
        ("1999-12", ("1999-12-31", "2000"), P),
    ],
)
def test_date_in_span(when: str, span: tuple[str, str], expected: Certainty) -> None:
    window = Span.of(FuzzyDate.parse(span[0]), FuzzyDate.parse(span[1]))
    assert date_in_span(FuzzyDate.parse(when), window) is expected


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        (period("1992-05-15", "1999-04-20"), period("1999-04-20"), False),  # touching
        (period("1992-05-15", "1999-04-20"), period("1999-04-19"), True),
        (period("1992", "1999"), period("1999"), False),  # left and rejoined in 1999, as written
        (period("1992", "1999"), period("1999-06"), True),  # which came first is unknown
        (period("1992", "1995"), period("2000"), False),
        (period("1992"), period("2000"), True),  # two open periods
        (period("1992", status=UNKNOWN), period("2000"), True),  # the unknown end may run on
    ],
)
def test_periods_conflict(a: Period, b: Period, conflict: bool) -> None:
    assert periods_conflict(a, b) is conflict
    assert periods_conflict(b, a) is conflict


def test_one_period_is_judged_as_the_general_rule_judges_it() -> None:
    ordinals = range(6)
    shapes = [
        (s_lo, s_hi, e_lo, e_hi)
        for s_lo in ordinals
        for s_hi in ordinals
        for e_lo in ordinals
        for e_hi in ordinals
        if s_lo <= s_hi and e_lo <= e_hi
    ]
    spans = [(first, after) for first in ordinals for after in ordinals if first < after]
    judged = {Certainty.CERTAIN: 0, Certainty.POSSIBLE: 0, Certainty.NO: 0}
    for bounds in shapes:
        for first, after in spans:
            for mode in Mode:
                expected = judge_together([bounds], first, after, mode)
                assert judge_one(bounds, first, after, mode) is expected, (bounds, first, mode)
                judged[expected] += 1
    assert all(judged.values())  # every verdict was reached


def test_a_start_known_only_as_a_day_by_which_it_had_begun() -> None:
    """A member named by a dated list, its joining day not recorded: possible from the earliest
    day it may have joined, certain from the list's date."""
    joined = Period(FuzzyDate.parse("1976-07-26"), earliest_start=FuzzyDate.parse("1971-08-05"))
    assert evaluate([joined], TimeQuery.at("1971-08-04")).certainty is N
    before = evaluate([joined], TimeQuery.at("1974-01-01"))
    assert before.certainty is P
    assert before.reason == "the start is not recorded: it lies between 1971-08-05 and 1976-07-26"
    assert evaluate([joined], TimeQuery.at("1976-07-26")).certainty is C
    # a reduced earliest start keeps its own precision: from the first day of that year
    assert Period(FuzzyDate(1990), earliest_start=FuzzyDate(1971)).possible_days()[0] == (
        date(1971, 1, 1).toordinal()
    )


@pytest.mark.parametrize("earliest", ["1976-07-26", "1977", "1976-08"])
def test_an_earliest_start_must_come_before_the_start(earliest: str) -> None:
    with pytest.raises(InvalidPeriod, match="earliest start"):
        Period(FuzzyDate.parse("1976-07-26"), earliest_start=FuzzyDate.parse(earliest))


@pytest.mark.parametrize(
    ("earliest", "latest", "span", "expected"),
    [
        ("1971-08-05", "1976-07-26", ("1980-01-01", "1980-12-31"), N),
        ("1971-08-05", "1976-07-26", ("1974-01-01", "1974-12-31"), P),
        ("1971-08-05", "1976-07-26", ("1971-01-01", "1976-12-31"), C),
    ],
)
def test_a_day_known_only_between_two_days(
    earliest: str, latest: str, span: tuple[str, str], expected: Certainty
) -> None:
    lo, hi = date.fromisoformat(earliest).toordinal(), date.fromisoformat(latest).toordinal()
    window = Span(date.fromisoformat(span[0]), date.fromisoformat(span[1]))
    assert days_in_span(lo, hi, window) is expected
