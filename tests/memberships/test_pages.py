"""A state's page written in C (``app.memberships._pages``) is the page Python writes
(``holdings.answer(..., reference=True)``), byte for byte: its judgement is
``app.temporal.judge_one``, its dates ``FuzzyDate.between`` and its doubts ``bounds_doubts``,
for every bound combination of a small calendar and every day of four centuries, and its pages
those of every state of both seeds and of a generated dataset, at days and spans, in both
modes, from any position, at any limit. It refuses what it cannot read, and holds the
organisations' arrays so that they cannot move under it."""

from __future__ import annotations

import itertools
import random
from array import array
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.core.db import build_engine
from app.memberships import _pages, holdings
from app.memberships.compiled import PLAIN_DOUBTS, _possibly
from app.memberships.compiling import compile_organizations
from app.memberships.holdings import Holdings, answer
from app.temporal import (
    FOREVER,
    Certainty,
    EndStatus,
    FuzzyDate,
    Mode,
    TimeQuery,
    judge_one,
    period_bounds,
)
from bench.generate import sqlite_dataset

VERDICTS = {0: Certainty.NO, 1: Certainty.POSSIBLE, 2: Certainty.CERTAIN}


def test_the_judgement_is_judge_one() -> None:
    """Every (start, end) pair of bounds on a calendar of eight days, the end also open, against
    every span on it, in both modes."""
    days = range(8)
    ends = [*days, FOREVER]
    compared = 0
    for s_lo, s_hi in itertools.combinations_with_replacement(days, 2):
        for e_lo, e_hi in itertools.combinations_with_replacement(ends, 2):
            for first, last in itertools.combinations_with_replacement(days, 2):
                for mode in Mode:
                    bounds = (s_lo, s_hi, e_lo, e_hi)
                    throughout = mode is Mode.THROUGHOUT
                    got = VERDICTS[_pages.judge(*bounds, first, last + 1, throughout)]
                    assert got is judge_one(bounds, first, last + 1, mode), (bounds, first, mode)
                    compared += 1
    assert compared == 36 * 45 * 36 * 2


# dates around the turn of 1950/1951 and of two months, at every precision
DATES = ["1950", "1950-01", "1950-02", "1950-01-31", "1950-02-01", "1950-12-31", "1951", "1951-01"]


def test_the_date_is_fuzzy_dates() -> None:
    """Every day of four centuries, every month and every year of them, written from their
    earliest and latest days as ``FuzzyDate.between`` and ``str`` write them."""
    first, last = date(1800, 1, 1).toordinal(), date(2199, 12, 31).toordinal()
    for ordinal in range(first, last + 1):
        assert _pages.date(ordinal, ordinal) == str(FuzzyDate.between(ordinal, ordinal))
    for year in range(1800, 2200):
        for month in range(1, 13):
            lo, hi = FuzzyDate(year, month).ordinals()
            assert _pages.date(lo, hi) == f"{year:04d}-{month:02d}"
        lo, hi = FuzzyDate(year).ordinals()
        assert _pages.date(lo, hi) == f"{year:04d}"
    assert _pages.date(1, 1) == "0001-01-01"
    assert _pages.date(date.max.toordinal(), date.max.toordinal()) == "9999-12-31"
    with pytest.raises(ValueError, match="not a date"):
        _pages.date(0, 0)


def test_the_doubt_is_bounds_doubts() -> None:
    """Every start and end among ``DATES`` (the end also open and unknown) against spans of a day
    or more around their bounds: where ``judge_one`` finds the period only possible, the C writes
    the judgement ``_possibly`` writes, closing the membership."""
    ordinals = [FuzzyDate.parse(d).ordinals() for d in DATES]
    points = sorted({o for lo, hi in ordinals for o in (lo - 1, lo, hi, hi + 1)})
    compared = 0
    for start, (s_lo, s_hi) in enumerate(ordinals):
        ends: list[tuple[int, EndStatus]] = [(-1, EndStatus.OPEN), (-1, EndStatus.UNKNOWN)]
        ends += [(n, EndStatus.CLOSED) for n in range(len(DATES))]
        for end, status in ends:
            closed = end >= 0 and ordinals[end][0] > s_hi
            if end >= 0 and not closed:
                continue
            bounds = period_bounds((s_lo, s_hi), ordinals[end] if closed else None, status)
            for first, last in itertools.combinations_with_replacement(points, 2):
                for mode in Mode:
                    if judge_one(bounds, first, last + 1, mode) is not Certainty.POSSIBLE:
                        continue
                    expected = f"{_possibly([bounds], first, last + 1, mode)}}}".encode()
                    got = _pages.doubt(PLAIN_DOUBTS, *bounds, first, last + 1, FOREVER)
                    assert got == expected, (DATES[start], end, status, first, last, mode)
                    compared += 1
    assert compared > 1000


def _questions(rng: random.Random, count: int, since: int) -> list[TimeQuery]:
    questions = []
    for _ in range(count):
        year = rng.randint(since, 2026)
        day = date(year, rng.randint(1, 12), rng.randint(1, 28))
        questions += [
            TimeQuery.at(day.isoformat()),
            TimeQuery.at(str(year)),
            TimeQuery.during(f"{year}/{year + rng.randint(0, 30)}", rng.choice(list(Mode))),
            TimeQuery.during(f"{year}-{day.month:02d}", Mode.THROUGHOUT),
        ]
    return questions


def _compare_every_state(
    url: str, rng: random.Random, per_state: int, since: int
) -> tuple[int, int]:
    """Memberships compared, and those among them only possibly in the span."""
    engine = build_engine(url)
    with engine.connect() as connection:
        held = Holdings.of(compile_organizations(connection).values())
    engine.dispose()
    compared = possible = 0
    for code, (state_id, state) in sorted(held.states.items()):
        size = len(held.by_state.get(state_id, holdings.EMPTY).lows)
        for query in _questions(rng, per_state, since):
            start = rng.choice([0, 0, rng.randint(0, size + 1)])
            limit = rng.choice([None, holdings.PAGE, rng.randint(1, 5)])
            asked = {"start": start, "limit": limit}
            expected = answer(held, state_id, state, query, **asked, reference=True)
            got = answer(held, state_id, state, query, **asked)
            assert got == expected, (code, query, start, limit)
            compared += expected[0].count(b'"role":')
            possible += expected[0].count(b'"certainty":"possible"')
    return compared, possible


def test_every_state_of_the_real_seed(seeded_url: str) -> None:
    compared, possible = _compare_every_state(seeded_url, random.Random(5), 6, 1946)
    assert compared > 2000, compared
    assert possible > 5, possible


def test_every_state_of_the_test_seed(fixture_url: str) -> None:
    compared, possible = _compare_every_state(fixture_url, random.Random(6), 10, 1946)
    assert compared > 20, compared
    assert possible > 2, possible


def test_every_state_of_a_generated_dataset(tmp_path: Path) -> None:
    """10^4 memberships with imprecise, open and unknown bounds, participation changes, events
    and notes."""
    url = sqlite_dataset(10_000, seed=11, data_dir=tmp_path).url
    compared, possible = _compare_every_state(url, random.Random(7), 3, 1900)
    assert compared > 10_000, compared
    assert possible > 1000, possible


def _pages_of(arrays: list[array[int]]) -> _pages.Pages:
    return _pages.Pages([(*arrays, b",", ["[]"])], (b"{",), b",", b"}", PLAIN_DOUBTS, FOREVER)


def test_what_it_cannot_read_is_refused() -> None:
    (lo, s_hi), (e_lo, hi) = FuzzyDate(1950).ordinals(), FuzzyDate(1951).ordinals()
    with pytest.raises(TypeError, match="array\\('i'\\)"):
        _pages_of([array("b", [0]), array("i", [e_lo]), array("i", [0])])
    with pytest.raises(TypeError, match="doubts"):
        _pages.Pages([], (), b"", b"", (b"x",), FOREVER)
    with pytest.raises(TypeError, match="JSON"):
        _pages.Pages([], (), b"", b"", (*PLAIN_DOUBTS[:-1], b'"'), FOREVER)
    pages = _pages_of([array("i", [s_hi]), array("i", [e_lo]), array("i", [0])])
    state = [array("i", [0]), array("i", [0]), array("i", [lo]), array("i", [hi])]

    def render(*lists: array[int], kind: int = 0, special: Any = str) -> tuple[bytes, int]:
        kinds = array("b", [kind])  # certain on the last day of 1950:
        return pages.render(b"", *lists, kinds, 0, s_hi, e_lo, False, -1, special, lambda _: b"")

    assert render(*state) == (
        b'{{"start":"1950","end":"1951","end_status":"closed","start_precision":"year",'
        b'"end_precision":"year"},[],}',
        -1,
    )
    assert render(*state, kind=-1, special=lambda _: "written in Python") == (
        b"written in Python",
        -1,
    )
    with pytest.raises(TypeError, match="must return a str"):
        render(*state, kind=-1, special=lambda _: b"bytes")
    with pytest.raises(ValueError, match="differ in length"):
        render(*state[:3], array("i", [hi, hi]))
    with pytest.raises(IndexError, match="organisation 3"):
        render(array("i", [3]), *state[1:])
    with pytest.raises(IndexError, match="membership 7"):
        render(state[0], array("i", [7]), *state[2:])
    with pytest.raises(ValueError, match="not a date"):
        render(*state[:2], array("i", [-400]), state[3])


def test_the_organisations_arrays_cannot_move() -> None:
    arrays = [array("i", [0]) for _ in range(3)]
    pages = _pages_of(arrays)
    with pytest.raises(BufferError):
        arrays[0].append(1)
    del pages
    arrays[0].append(1)
