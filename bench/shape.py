"""The shape of the synthetic datasets: every row, deterministic for a seed, no I/O.

For N memberships (``random.Random(seed)`` drives every choice):

- ``max(10, N // 100)`` organisations ``org-00001``…, each with ~100 membership periods over its
  history, one English official name, one source, a founding event, two summits and, for the
  ~5 % that are dissolved, a dissolution; founded 1900–1990 (``org-00001`` before 1950 and never
  dissolved, so the ``fixed`` scenario always has members);
- 300 states ``AAA``, ``AAB``, … named ``State 001``…; every tenth exists from ``1800``, the
  others have no recorded start of existence;
- membership periods: ~85 % ``member``, ~10 % ``observer``, ~5 % ``associate_member``; ~10 % of
  the states of an organisation leave and rejoin later (two periods a year or more apart); about
  20 % of bounds are reduced dates (``1995`` or ``1995-06``), the others full days; about 30 % of
  last periods are open, 5 % end ``unknown``, the rest are closed (by 2025 and before the
  organisation's dissolution); each period cites its organisation's source;
- ~1 % of periods have a ``suspended`` participation sub-interval (full days, strictly inside).

Every period obeys the app's rules: start before end (different years, so however a reduced
bound resolves), no overlap of one state in one role in one organisation, inside the
organisation's existence, at most one open period per (organisation, state, role).
"""

from __future__ import annotations

import itertools
import random
import string
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

GENERATOR_VERSION = 1
"""Bump when the shape changes: cached files carry it in their name."""

DEFAULT_SEED = 1
STATE_COUNT = 300
PERIODS_PER_ORGANIZATION = 100
MIN_ORGANIZATIONS = 10
ACCESSED = "2026-11-01"
LAST_END_YEAR = 2025  # closed periods end by 2025; open ones run on
KINDS = (
    "military_alliance",
    "regional_organization",
    "economic_union",
    "security_partnership",
    "political_economic_union",
)

Row = dict[str, Any]


@dataclass(frozen=True)
class Plan:
    """One synthetic organisation: its id, slug and lifetime."""

    id: int
    slug: str
    kind: str
    founded: date
    dissolved: date | None

    @property
    def last_year(self) -> int:
        """The last year a closed period may end in."""
        return self.dissolved.year - 1 if self.dissolved else LAST_END_YEAR


def organization_count(memberships: int) -> int:
    """``max(10, N // 100)``: each organisation has ~100 periods over its history."""
    return max(MIN_ORGANIZATIONS, memberships // PERIODS_PER_ORGANIZATION)


def organization_slugs(count: int) -> list[str]:
    return [f"org-{i:05d}" for i in range(1, count + 1)]


def state_codes(count: int = STATE_COUNT) -> list[str]:
    """``AAA``, ``AAB``, … : the first ``count`` three-letter codes in order."""
    letters = itertools.product(string.ascii_uppercase, repeat=3)
    return ["".join(t) for t in itertools.islice(letters, count)]


def _random_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def plan_organizations(rng: random.Random, count: int) -> list[Plan]:
    """Founded 1900–1990 (org-00001 before 1950 and never dissolved); ~5 % dissolved."""
    plans = []
    for i, slug in enumerate(organization_slugs(count), start=1):
        latest_founding = date(1949, 12, 31) if i == 1 else date(1990, 12, 31)
        founded = _random_day(rng, date(1900, 1, 1), latest_founding)
        dissolved = None
        if i > 1 and rng.random() < 0.05:
            dissolved = _random_day(rng, date(founded.year + 30, 1, 1), date(2020, 12, 31))
        plans.append(Plan(i, slug, KINDS[(i - 1) % len(KINDS)], founded, dissolved))
    return plans


def _bound(rng: random.Random, year: int) -> str:
    """A bound in ``year``: 10 % year only, 10 % year and month, else a full day."""
    draw = rng.random()
    if draw < 0.1:
        return f"{year:04d}"
    month = rng.randint(1, 12)
    if draw < 0.2:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{rng.randint(1, 28):02d}"


def _role(rng: random.Random) -> str:
    draw = rng.random()
    if draw < 0.85:
        return "member"
    return "observer" if draw < 0.95 else "associate_member"


def _last_status(rng: random.Random, plan: Plan) -> str:
    """~30 % open, ~5 % unknown, the rest closed; a dissolved organisation has no open period."""
    draw = rng.random()
    if draw < 0.30:
        return "closed" if plan.dissolved else "open"
    return "unknown" if draw < 0.35 else "closed"


Span = tuple[int, int | None, str]  # start year, end year (closed only), end status


def _spans(rng: random.Random, plan: Plan, *, rejoins: bool, founding: bool) -> list[Span]:
    """Years of one (organisation, state, role): one period, or two with a gap of ≥ 1 year.

    Different years for each bound keep the periods apart however reduced bounds resolve; only
    the last period may be open or unknown (both reach on without an end).
    """
    first, last = plan.founded.year + 1, plan.last_year
    spans: list[Span] = []
    start = plan.founded.year if founding else rng.randint(first, last - (3 if rejoins else 1))
    if rejoins:
        end = rng.randint(start + 1, last - 2)
        spans.append((start, end, "closed"))
        start = rng.randint(end + 1, last - 1)
    status = _last_status(rng, plan)
    spans.append((start, rng.randint(start + 1, last) if status == "closed" else None, status))
    return spans


@dataclass
class _Ids:
    """Explicit ids, so that citations and participations can refer to rows before insert."""

    membership: int = 0
    participation: int = 0
    event: int = 0


def _membership_row(
    ids: _Ids, rng: random.Random, plan: Plan, state_id: int, role: str, span: Span, founding: bool
) -> Row:
    start, end, status = span
    ids.membership += 1
    return {
        "id": ids.membership,
        "version": 1,
        "organization_id": plan.id,
        "state_id": state_id,
        "role": role,
        "founding": founding,
        "start_date": plan.founded.isoformat() if founding else _bound(rng, start),
        "end_date": None if end is None else _bound(rng, end),
        "end_status": status,
        "start_event_id": None,
        "end_event_id": None,
        "notes": None,
    }


def _participation_row(ids: _Ids, rng: random.Random, membership_id: int, span: Span) -> Row | None:
    """A ``suspended`` sub-interval of full days strictly inside the period, when there is room."""
    start, end, status = span
    upper = end if end is not None else LAST_END_YEAR + 1
    if status == "unknown" or upper - start < 3:
        return None
    first = rng.randint(start + 1, upper - 2)
    last = rng.randint(first + 1, upper - 1)
    ids.participation += 1
    return {
        "id": ids.participation,
        "version": 1,
        "membership_id": membership_id,
        "status": "suspended",
        "start_date": _random_day(rng, date(first, 1, 1), date(first, 12, 31)).isoformat(),
        "end_date": _random_day(rng, date(last, 1, 1), date(last, 12, 31)).isoformat(),
        "event_id": None,
        "notes": None,
    }


def _organization_periods(
    ids: _Ids, rng: random.Random, plan: Plan, periods: int
) -> Iterator[tuple[str, Row]]:
    """``periods`` membership rows (and a few participations) of one organisation.

    ~10 % of its states rejoin (two periods); the first five sampled states that are full
    members joined on the founding day.
    """
    rejoiners = periods // 10
    distinct = periods - rejoiners
    if distinct > STATE_COUNT:
        raise ValueError(f"{periods} periods in one organisation need over {STATE_COUNT} states")
    for n, index in enumerate(rng.sample(range(STATE_COUNT), distinct)):
        role = _role(rng)
        founding = n < 5 and role == "member"
        spans = _spans(rng, plan, rejoins=n >= distinct - rejoiners, founding=founding)
        for k, span in enumerate(spans):
            row = _membership_row(ids, rng, plan, index + 1, role, span, founding and k == 0)
            yield "membership", row
            yield "citation", _cite("membership", row["id"], plan.id)
            if rng.random() < 0.01:
                participation = _participation_row(ids, rng, row["id"], span)
                if participation is not None:
                    yield "participation", participation
                    yield "citation", _cite("participation", participation["id"], plan.id)


def _cite(subject: str, subject_id: int, source_id: int) -> Row:
    return {"subject": subject, "subject_id": subject_id, "source_id": source_id}


def _organization_rows(ids: _Ids, rng: random.Random, plan: Plan) -> Iterator[tuple[str, Row]]:
    """The organisation, its source, its English official name and its events, each cited."""
    yield (
        "source",
        {
            "id": plan.id,
            "version": 1,
            "key": f"bench-{plan.slug}",
            "title": f"Synthetic record of {plan.slug}",
            "publisher": "Foedus bench",
            "url": f"https://example.org/bench/{plan.slug}",
            "citation": None,
            "published": None,
            "accessed": ACCESSED,
        },
    )
    yield (
        "organization",
        {
            "id": plan.id,
            "version": 1,
            "slug": plan.slug,
            "kind": plan.kind,
            "founded": plan.founded.isoformat(),
            "dissolved": plan.dissolved.isoformat() if plan.dissolved else None,
            "headquarters": None,
            "description": f"Synthetic organisation {plan.id} for benchmarks.",
            "wikidata": None,
            "cow_igo": None,
            "cow_alliance": None,
            "atop": None,
            "notes": None,
        },
    )
    yield "citation", _cite("organization", plan.id, plan.id)
    yield (
        "organization_name",
        {
            "organization_id": plan.id,
            "name": f"Organisation {plan.id:05d}",
            "lang": "en",
            "kind": "official",
            "valid_from": None,
            "valid_until": None,
        },
    )
    for event in _events(rng, plan):
        ids.event += 1
        yield "event", {"id": ids.event, "version": 1, "organization_id": plan.id, **event}
        yield "citation", _cite("event", ids.event, plan.id)


def _events(rng: random.Random, plan: Plan) -> list[Row]:
    """The founding, two summits and, when dissolved, the dissolution."""
    end = plan.dissolved or date(LAST_END_YEAR, 12, 31)
    events = [("founding", "founding", plan.founded, f"{plan.slug} founded")]
    for n in (1, 2):
        day = _random_day(rng, plan.founded + timedelta(days=1), end)
        events.append((f"summit-{n}", "summit", day, f"Summit {n} of {plan.slug}"))
    if plan.dissolved:
        events.append(("dissolution", "dissolution", plan.dissolved, f"{plan.slug} dissolved"))
    return [
        {
            "key": key,
            "type": kind,
            "date": day.isoformat(),
            "title": title,
            "place": None,
            "notes": None,
        }
        for key, kind, day, title in events
    ]


def _state_rows() -> Iterator[tuple[str, Row]]:
    """300 states ``AAA``…: ``State 001``…; every tenth existing since 1800, the others always."""
    for i, code in enumerate(state_codes(), start=1):
        yield (
            "state",
            {
                "id": i,
                "version": 1,
                "code": code,
                "alpha2": None,
                "iso3166_3": None,
                "name": f"State {i:03d}",
                "official_name": None,
                "cow_ccode": None,
                "cow_abbrev": None,
                "wikidata": None,
                "exists_from": "1800" if i % 10 == 0 else None,
                "exists_until": None,
                "notes": None,
            },
        )


def dataset_rows(memberships: int, seed: int) -> Iterator[tuple[str, Row]]:
    """Every row of the dataset as (table, row), parents before the rows that refer to them."""
    rng = random.Random(seed)
    plans = plan_organizations(rng, organization_count(memberships))
    ids = _Ids()
    yield from _state_rows()
    for plan in plans:
        yield from _organization_rows(ids, rng, plan)
    share, extra = divmod(memberships, len(plans))
    for plan in plans:
        yield from _organization_periods(ids, rng, plan, share + (1 if plan.id <= extra else 0))
