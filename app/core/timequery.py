"""The shared ``at`` / ``during`` / ``mode`` parameters and the echo of the question answered."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import Depends, Query
from pydantic import BaseModel, Field

from app.core.errors import InvalidParameter
from app.temporal import FuzzyDate, InvalidDate, InvalidPeriod, Mode, Span, TimeQuery

AT_DESCRIPTION = (
    "A day (`1995-06-01`) asks who was a member on that day. A reduced date (`1995`, `1995-06`) "
    "is read as `during=<that date>` in `mode` (default `any`), and the answer's `query` says "
    "so. "
    "Give `at` or `during`, not both."
)
DURING_DESCRIPTION = (
    "A span: one reduced date (`1995`) or an ISO 8601 interval of two (`1993-01/1999-12`), "
    "both ends inclusive. Read with `mode`."
)
MODE_DESCRIPTION = (
    "With `during` or a reduced `at`: `any` (a member at some time in the span, the default) "
    "or `throughout` (a member on every day of it). On one day both read alike."
)


def today() -> date:
    """The day a question without a date is about: today in UTC (the one clock of answers)."""
    return datetime.now(UTC).date()


def seconds_left_today() -> int:
    """How long an answer about ``today`` stays right: the seconds to the next UTC midnight."""
    now = datetime.now(UTC)
    return 86_400 - (now.hour * 3_600 + now.minute * 60 + now.second)


class SpanOut(BaseModel):
    start: str = Field(description="First day of the span.", examples=["1995-01-01"])
    end: str = Field(description="Last day of the span (inclusive).", examples=["1995-12-31"])


class QueryEcho(BaseModel):
    """The question as answered, normalised."""

    form: str = Field(description="`at` (one day) or `during` (a span).", examples=["at"])
    at: str | None = Field(default=None, examples=["1995-06-01"])
    during: SpanOut | None = None
    mode: Mode | None = None
    note: str | None = Field(
        default=None,
        examples=["at=1995 is a reduced date: answered as during=1995&mode=any"],
    )

    @classmethod
    def of(cls, query: TimeQuery) -> QueryEcho:
        if query.is_day:
            return cls(form="at", at=query.span.first.isoformat())
        span = SpanOut(start=query.span.first.isoformat(), end=query.span.last.isoformat())
        note = None
        if query.reduced_at is not None:
            note = (
                f"at={query.reduced_at} is a reduced date: "
                f"answered as during={query.reduced_at}&mode={query.mode}"
            )
        return cls(form="during", during=span, mode=query.mode, note=note)


def parse_time_query(
    at: str | None, during: str | None, mode: Mode | None, *, default_today: bool
) -> TimeQuery | None:
    """Turn the raw parameters into a question, naming the parameter that is wrong."""
    if at is not None and during is not None:
        raise InvalidParameter("give either at or during, not both", parameter="during")
    try:
        if at is not None:
            return TimeQuery.at(at, mode or Mode.ANY)
        if during is not None:
            return TimeQuery.during(during, mode or Mode.ANY)
    except (InvalidDate, InvalidPeriod) as exc:
        name, value = ("at", at) if at is not None else ("during", during)
        raise InvalidParameter(f"{name}: {value!r} is not valid: {exc}", parameter=name) from exc
    if mode is not None:
        raise InvalidParameter("mode needs at or during", parameter="mode")
    if default_today:
        return TimeQuery(Span.of(FuzzyDate.of(today())))
    return None


AtParam = Annotated[
    str | None, Query(description=AT_DESCRIPTION, examples=["1995-06-01"], max_length=10)
]
DuringParam = Annotated[
    str | None, Query(description=DURING_DESCRIPTION, examples=["1993-01/1999-12"], max_length=21)
]
ModeParam = Annotated[Mode | None, Query(description=MODE_DESCRIPTION, examples=["any"])]


async def time_query_or_today(
    at: AtParam = None, during: DuringParam = None, mode: ModeParam = None
) -> TimeQuery:
    query = parse_time_query(at, during, mode, default_today=True)
    assert query is not None
    return query


async def optional_time_query(
    at: AtParam = None, during: DuringParam = None, mode: ModeParam = None
) -> TimeQuery | None:
    return parse_time_query(at, during, mode, default_today=False)


TimeQueryDep = Annotated[TimeQuery, Depends(time_query_or_today)]
OptionalTimeQueryDep = Annotated[TimeQuery | None, Depends(optional_time_query)]


def window(start: str, end: str | None) -> Span:
    """The days from ``start`` to ``end`` (default: ``start``) inclusive; 422 names ``from`` or
    ``to``."""
    try:
        first = FuzzyDate.parse(start)
    except InvalidDate as exc:
        raise InvalidParameter(f"from: {start!r} is not valid: {exc}", parameter="from") from exc
    try:
        last = FuzzyDate.parse(end) if end is not None else first
        return Span.of(first, last)
    except (InvalidDate, InvalidPeriod) as exc:
        raise InvalidParameter(f"to: {end!r} is not valid: {exc}", parameter="to") from exc


def chart_day(at: str | None) -> date | None:
    """The day a chart marks: a day as given, a reduced date's first day; 422 names ``at``."""
    if at is None:
        return None
    try:
        return FuzzyDate.parse(at).earliest
    except InvalidDate as exc:
        raise InvalidParameter(f"at: {at!r} is not valid: {exc}", parameter="at") from exc


ChartAtParam = Annotated[
    str | None,
    Query(
        max_length=10,
        description="Mark this day (or the first day of a year or month) on the chart.",
        examples=["1995-06-01"],
    ),
]
