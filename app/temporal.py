"""The time rules of Foedus, written once: reduced dates, half-open periods, three-valued answers.

Pure: no I/O, no framework. Every question that asks "when" is answered here.

The founding rule (README, "Signed and bound"): an organisation exists from the day its founding
instrument entered into force or, where nothing awaited ratification (a declaration, a
conference's decision, an agreement in force on signature, an informal group's first meeting),
from that act (``FOUNDING_EVENTS``). A member's period begins the day the member was bound: a
founder at the entry into force (or its own later ratification), a later member when its accession
took effect. Signing alone binds nobody: from signature to being bound a state is a *signatory*
(``signatory_phase``), never a member, and no body has members before it exists.

A reduced date ("1993", "1993-12", "1993-12-31") stands for *some* day between its earliest and
latest possible day. A period is half-open, ``[start, end)``: a state that left on D is not a
member on D. Days are handled as ordinals so that open ends and the last representable day need
no special cases.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import lru_cache

__all__ = [
    "FOUNDING_EVENTS",
    "Certainty",
    "EndStatus",
    "Existence",
    "FuzzyDate",
    "InvalidDate",
    "InvalidPeriod",
    "Mode",
    "Period",
    "Precision",
    "Span",
    "TimeQuery",
    "Verdict",
    "bounds_doubt",
    "bounds_doubts",
    "date_in_span",
    "days_in_span",
    "evaluate",
    "existence",
    "judge_bounds",
    "judge_one",
    "judge_together",
    "periods_conflict",
    "signatory_phase",
    "touches",
    "within_life",
]

FOREVER = date.max.toordinal() + 2  # after any representable end

Bounds = tuple[int, int, int, int]
"""A period's (earliest start, latest start, earliest end, latest end) as ordinals, ends
exclusive: everything the rules below need to know about it."""
_REDUCED = re.compile(r"(?P<y>[0-9]{4})(?:-(?P<m>[0-9]{2})(?:-(?P<d>[0-9]{2}))?)?")


class Precision(StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


class Certainty(StrEnum):
    CERTAIN = "certain"
    POSSIBLE = "possible"
    NO = "no"


class EndStatus(StrEnum):
    CLOSED = "closed"  # the end is recorded
    OPEN = "open"  # still running today
    UNKNOWN = "unknown"  # an end is not recorded


class Mode(StrEnum):
    ANY = "any"  # at some time in the span
    THROUGHOUT = "throughout"  # on every day of the span


class Existence(StrEnum):
    """Whether a body existed during a question's span (its life: founding to dissolution)."""

    EXISTED = "existed"  # on every day of the span, however imprecise bounds resolve
    NOT_YET_FOUNDED = "not_yet_founded"  # on no day of the span: the span ends before founding
    DISSOLVED = "dissolved"  # on no day of the span: it starts after the dissolution
    PARTLY = "partly"  # on some days only, or not certainly on all


class InvalidDate(ValueError):
    """A text that is not a reduced ISO 8601 calendar date, or a day that does not exist."""


class InvalidPeriod(ValueError):
    """Bounds that cannot form a period (end before start, end given for an open period…)."""


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise InvalidDate(f"year {self.year} is outside 0001–9999")
        if self.day is not None and self.month is None:
            raise InvalidDate("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise InvalidDate(f"month {self.month} does not exist")
        if self.day is not None and self.month is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise InvalidDate(f"{self.year:04d}-{self.month:02d} has no day {self.day}")

    @classmethod
    def parse(cls, text: str) -> FuzzyDate:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (ASCII digits only)."""
        match = _REDUCED.fullmatch(text)
        if match is None:
            raise InvalidDate(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        month, day = match["m"], match["d"]
        return cls(int(match["y"]), int(month) if month else None, int(day) if day else None)

    @classmethod
    def of(cls, day: date) -> FuzzyDate:
        return cls(day.year, day.month, day.day)

    @staticmethod
    @lru_cache(maxsize=1 << 12)  # dates are immutable: the most used are kept
    def between(earliest: int, latest: int) -> FuzzyDate:
        """The date whose earliest and latest days are these ordinals (``earliest``/``latest``
        of a date read back): a day, a whole month or a whole year."""
        first, last = date.fromordinal(earliest), date.fromordinal(latest)
        if first == last:
            return FuzzyDate.of(first)
        if (first.year, first.month) == (last.year, last.month):
            return FuzzyDate(first.year, first.month)
        return FuzzyDate(first.year)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        return Precision.MONTH if self.month is not None else Precision.YEAR

    @property
    def earliest(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> date:
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def ordinals(self) -> tuple[int, int]:
        """The earliest and the latest day as ordinals."""
        return self.earliest.toordinal(), self.latest.toordinal()

    def sort_key(self) -> tuple[date, date]:
        return (self.earliest, self.latest)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text


@dataclass(frozen=True, slots=True)
class Span:
    """An inclusive range of whole days: the days a question is about."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise InvalidPeriod(f"the span ends ({self.last}) before it starts ({self.first})")

    @classmethod
    def of(cls, start: FuzzyDate, end: FuzzyDate | None = None) -> Span:
        """The days from the earliest day of ``start`` to the latest day of ``end``."""
        return cls(start.earliest, (end or start).latest)

    def ordinals(self) -> tuple[int, int]:
        """The span as half-open day ordinals."""
        return self.first.toordinal(), self.last.toordinal() + 1


@dataclass(frozen=True, slots=True)
class TimeQuery:
    """A question's time: a day (``at``) or a span (``during``) read in a mode."""

    span: Span
    mode: Mode = Mode.ANY
    reduced_at: FuzzyDate | None = None  # set when ``at`` was a reduced date, read as during

    @classmethod
    def at(cls, text: str, mode: Mode = Mode.ANY) -> TimeQuery:
        """``at=1995-06-01`` asks about one day (where every mode reads alike); ``at=1995`` is
        read as ``during=1995`` in ``mode`` (default ``any``)."""
        when = FuzzyDate.parse(text)
        if when.precision is Precision.DAY:
            return cls(Span.of(when))
        return cls(Span.of(when), mode, reduced_at=when)

    @classmethod
    def during(cls, text: str, mode: Mode = Mode.ANY) -> TimeQuery:
        """``during=1995`` or ``during=1993-01/1999-12`` (ISO 8601 interval, ends inclusive)."""
        first, sep, last = text.partition("/")
        if sep and not last:
            raise InvalidDate(f"{text!r} has no end after '/'")
        start = FuzzyDate.parse(first)
        return cls(Span.of(start, FuzzyDate.parse(last) if sep else None), mode)

    @property
    def is_day(self) -> bool:
        return self.span.first == self.span.last and self.reduced_at is None


@dataclass(frozen=True, slots=True)
class Verdict:
    certainty: Certainty
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Period:
    """A half-open period ``[start, end)`` whose bounds may be imprecise."""

    start: FuzzyDate
    end: FuzzyDate | None = None
    end_status: EndStatus = EndStatus.OPEN
    # set when the start is only the day by which the period had begun ("on or before"): it
    # began on some day from this one's earliest to the start's latest
    earliest_start: FuzzyDate | None = None
    _ordinals: tuple[int, int, int, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.earliest_start is not None and self.earliest_start.earliest >= self.start.earliest:
            raise InvalidPeriod(
                f"the earliest start ({self.earliest_start}) is not before the start ({self.start})"
            )
        if self.end_status is EndStatus.CLOSED:
            if self.end is None:
                raise InvalidPeriod("a closed period needs an end")
            if self.end.latest <= self.start.earliest:
                raise InvalidPeriod(f"the end ({self.end}) is not after the start ({self.start})")
        elif self.end is not None:
            raise InvalidPeriod(f"an {self.end_status} period has no end date")
        object.__setattr__(self, "_ordinals", self._compute_bounds())  # immutable: computed once

    def bounds(self) -> tuple[int, int, int, int]:
        """(earliest start, latest start, earliest end, latest end) as ordinals; ends exclusive.

        Nothing about the period changes between these days."""
        return self._ordinals

    def _compute_bounds(self) -> Bounds:
        start = self.start.ordinals()
        if self.earliest_start is not None:
            start = (self.earliest_start.ordinals()[0], start[1])
        return period_bounds(start, self.end.ordinals() if self.end else None, self.end_status)

    def certain_days(self) -> tuple[int, int]:
        """The days inside the period however its imprecise bounds resolve."""
        _, s_hi, e_lo, _ = self.bounds()
        return s_hi, e_lo

    def possible_days(self) -> tuple[int, int]:
        """The days inside the period for at least one way its bounds resolve."""
        s_lo, _, _, e_hi = self.bounds()
        return s_lo, e_hi


def _covers(intervals: Iterable[tuple[int, int]], first: int, after: int) -> bool:
    reached = first
    for lo, hi in sorted(i for i in intervals if i[0] < i[1]):
        if lo > reached:
            return False
        reached = max(reached, hi)
        if reached >= after:
            return True
    return reached >= after


def period_bounds(start: tuple[int, int], end: tuple[int, int] | None, status: EndStatus) -> Bounds:
    """A period's bounds from its start's and end's (earliest, latest) ordinals."""
    s_lo, s_hi = start
    if end is not None:
        return s_lo, s_hi, end[0], end[1]
    if status is EndStatus.UNKNOWN:
        return s_lo, s_hi, s_lo + 1, FOREVER  # it lasted at least a day, maybe still runs
    return s_lo, s_hi, FOREVER, FOREVER


def touches(bounds: Bounds, first: int, after: int) -> bool:
    """May the period hold a day of ``[first, after)`` (ordinals) for some reading of it?"""
    s_lo, _, _, e_hi = bounds
    return s_lo < e_hi and s_lo < after and first < e_hi


def judge_one(bounds: Bounds, first: int, after: int, mode: Mode) -> Certainty:
    """``judge_bounds`` of a single period (the common case, without building intervals)."""
    s_lo, s_hi, e_lo, e_hi = bounds
    if mode is Mode.ANY:
        if s_hi < e_lo and s_hi < after and first < e_lo:
            return Certainty.CERTAIN
        if s_lo < e_hi and s_lo < after and first < e_hi:
            return Certainty.POSSIBLE
        return Certainty.NO
    # one interval covers [first, after) when it starts by ``first`` and ends at ``after`` or later
    if s_hi < e_lo and s_hi <= first and after <= e_lo:
        return Certainty.CERTAIN
    if s_lo < e_hi and s_lo <= first and after <= e_hi:
        return Certainty.POSSIBLE
    return Certainty.NO


def judge_bounds(bounds: Sequence[Bounds], first: int, after: int, mode: Mode) -> Certainty:
    """Is the holder of periods with these ``bounds()`` inside them for ``[first, after)``?

    ``any``: inside on at least one day of the span; ``throughout``: on every day of it, the
    periods taken together (a state may leave and rejoin). Certain means true however the
    imprecise bounds resolve; possible means true for at least one way they resolve.
    """
    if len(bounds) == 1:
        return judge_one(bounds[0], first, after, mode)
    return judge_together(bounds, first, after, mode)


def judge_together(bounds: Sequence[Bounds], first: int, after: int, mode: Mode) -> Certainty:
    """``judge_bounds`` by the general rule, for any number of periods."""
    if mode is Mode.ANY:
        possible = False
        for s_lo, s_hi, e_lo, e_hi in bounds:
            if s_hi < e_lo and s_hi < after and first < e_lo:  # its certain days meet the span
                return Certainty.CERTAIN
            if s_lo < e_hi and s_lo < after and first < e_hi:  # ``touches``
                possible = True
        return Certainty.POSSIBLE if possible else Certainty.NO
    if _covers(((s_hi, e_lo) for _, s_hi, e_lo, _ in bounds), first, after):
        return Certainty.CERTAIN
    if _covers(((s_lo, e_hi) for s_lo, _, _, e_hi in bounds), first, after):
        return Certainty.POSSIBLE
    return Certainty.NO


def bounds_doubt(bounds: Bounds, first: int, after: int) -> str:
    """Why a period with these bounds is only possibly inside ``[first, after)``: the imprecise
    bound(s) the span touches."""
    s_lo, s_hi, e_lo, e_hi = bounds
    parts = []
    if s_lo != s_hi and s_lo < after and first <= s_hi:
        parts.append(_known_only("start", s_lo, s_hi))
    if e_hi == FOREVER:
        if e_lo != FOREVER:  # unknown (an open period has no end to doubt)
            parts.append("the end is not recorded")
    elif e_lo != e_hi and e_lo < after and first < e_hi:
        parts.append(_known_only("end", e_lo, e_hi))
    return " and ".join(parts) or "a bound is imprecise"


@lru_cache(maxsize=1 << 12)
def _known_only(bound: str, earliest: int, latest: int) -> str:
    when = FuzzyDate.between(earliest, latest)
    if when.ordinals() == (earliest, latest):
        return f"the {bound} ({when}) is known only to the {when.precision}"
    first, last = date.fromordinal(earliest), date.fromordinal(latest)
    return f"the {bound} is not recorded: it lies between {first} and {last}"


def bounds_doubts(bounds: Sequence[Bounds], first: int, after: int, mode: Mode) -> str:
    """Why the holder of periods with these bounds is only possibly inside them for
    ``[first, after)``: the doubt of each period that counts (any: those that may hold a day of
    it; throughout: all)."""
    if mode is Mode.ANY:
        bounds = [b for b in bounds if touches(b, first, after)]
    return "; ".join(bounds_doubt(b, first, after) for b in bounds)


def within_life(bounds: Bounds, life: Bounds) -> Bounds:
    """A member's period as it can be: never begun before its organisation may exist. A start
    known only as "1970" in a body founded on 1970-03-20 lies from that day to the year's end."""
    s_lo, s_hi, e_lo, e_hi = bounds
    return max(s_lo, min(life[0], s_hi)), s_hi, e_lo, e_hi


def evaluate(periods: Sequence[Period], query: TimeQuery, life: Bounds | None = None) -> Verdict:
    """``judge_bounds`` for the periods (of a member of a body with ``life``, if given) and a
    question, with the reason when only possible."""
    bounds, (first, after) = [p.bounds() for p in periods], query.span.ordinals()
    if life is not None:
        bounds = [within_life(b, life) for b in bounds]
    certainty = judge_bounds(bounds, first, after, query.mode)
    if certainty is Certainty.POSSIBLE:
        return Verdict(certainty, bounds_doubts(bounds, first, after, query.mode))
    return Verdict(certainty)


def date_in_span(when: FuzzyDate, span: Span) -> Certainty:
    """Does the (possibly imprecise) day ``when`` fall within ``span``?"""
    return days_in_span(*when.ordinals(), span)


def days_in_span(earliest: int, latest: int, span: Span) -> Certainty:
    """Does a day known only to lie from ``earliest`` to ``latest`` (ordinals, inclusive) fall
    within ``span``?"""
    first, after = span.ordinals()
    if first <= earliest and latest < after:
        return Certainty.CERTAIN
    if earliest < after and first <= latest:
        return Certainty.POSSIBLE
    return Certainty.NO


def periods_conflict(a: Period, b: Period) -> bool:
    """Could the two periods share a day? Touching bounds written as the same date do not."""
    earlier, later = sorted((a, b), key=lambda p: p.start.sort_key())
    if earlier.end is not None and earlier.end == later.start:
        return False
    (lo, hi), (first, after) = later.possible_days(), earlier.possible_days()
    return lo < hi and lo < after and first < hi


def covered_days(periods: Sequence[Period], span: Span) -> tuple[int, int]:
    """How many days of ``span`` the periods cover together: (certainly, possibly)."""
    first, after = span.ordinals()

    def union(intervals: Iterable[tuple[int, int]]) -> int:
        total, reached = 0, first
        for lo, hi in sorted(i for i in intervals if i[0] < i[1]):
            lo, hi = max(lo, reached), min(hi, after)
            if hi > lo:
                total += hi - lo
                reached = hi
        return total

    return (union(p.certain_days() for p in periods), union(p.possible_days() for p in periods))


FOUNDING_EVENTS = frozenset({"entry_into_force", "founding", "summit"})
"""The kinds of event whose day an organisation's existence may begin on; never a signature."""


def signatory_phase(signed: FuzzyDate, bound: FuzzyDate) -> Period:
    """The days a state had signed but was not yet bound, ``[signed, bound)``: a signatory, not a
    member. Raises ``InvalidPeriod`` unless the signature comes first."""
    return Period(signed, bound, EndStatus.CLOSED)


def existence(life: Bounds, first: int, after: int) -> Existence:
    """Did a body whose life has these bounds exist during ``[first, after)``?

    The same half-open rule as a membership: a body dissolved on D does not exist on D. No body
    has members on a day it does not exist, so an answer outside its life says which side.
    """
    if judge_one(life, first, after, Mode.THROUGHOUT) is Certainty.CERTAIN:
        return Existence.EXISTED
    if judge_one(life, first, after, Mode.ANY) is not Certainty.NO:
        return Existence.PARTLY
    return Existence.NOT_YET_FOUNDED if after <= life[0] else Existence.DISSOLVED
