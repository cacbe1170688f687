"""The members answer read from compiled arrays equals the straightforward one, computed from the
model objects with the service's rules (``judge``, ``Facts``) and encoded as FastAPI encodes
responses: on every organisation of the real seed and of the small test seed, and on a synthetic
dataset (reduced dates, unknown ends, rejoins, suspensions), at the days where answers change
(each bound and the days beside it), at random days, years, months and spans, in both modes,
with every role and certainty filter."""

from __future__ import annotations

import random
from datetime import date
from functools import partial
from typing import Any

import pytest

from app.memberships.answers import in_force, members
from app.memberships.compiled import compile_organization
from app.memberships.schemas import CertaintyFilter, RoleFilter
from app.memberships.store import compile_with
from app.temporal import Mode, TimeQuery
from bench.generate import postgresql_dataset, sqlite_dataset
from tests.conftest import Databases
from tests.memberships import straightforward
from tests.memberships.straightforward import dumps, encode


def _questions(bounds: list[int], rng: random.Random) -> list[TimeQuery]:
    days = {b + shift for b in rng.sample(bounds, min(len(bounds), 30)) for shift in (-1, 0, 1)}
    days |= {rng.randint(date(1900, 1, 1).toordinal(), date(2026, 12, 31).toordinal())}
    days = {d for d in days if date(1800, 1, 1).toordinal() < d < date(2100, 1, 1).toordinal()}
    questions = [TimeQuery.at(date.fromordinal(d).isoformat()) for d in sorted(days)]
    for _ in range(8):
        year = rng.randint(1940, 2026)
        questions.append(TimeQuery.at(str(year)))
        questions.append(TimeQuery.at(f"{year}-{rng.randint(1, 12):02d}"))
        span = f"{year}/{min(2100, year + rng.randint(0, 8))}"
        questions.append(TimeQuery.during(span, rng.choice(list(Mode))))
    return questions


def _compare(url: str, *, organizations_at_most: int) -> int:
    rng = random.Random(11)
    compared = 0
    for session, org, compiled in straightforward.compiled_organizations(
        url, organizations_at_most
    ):
        assert org.id is not None
        alone = compile_organization(session.connection(), org.id)
        assert alone.size == compiled.size
        bounds = [*compiled.s_lo, *compiled.s_hi, *compiled.e_lo, *compiled.e_hi]
        bounds = [b for b in bounds if b < date(9999, 1, 1).toordinal()]
        for query in _questions(bounds, rng):
            role = rng.choice(list(RoleFilter))
            certainty = rng.choice(list(CertaintyFilter))
            expected = dumps(straightforward.members(session, org, query, role, certainty))
            bodies = in_force(compiled, query, partial(compile_with, session.connection()))
            answer = members(compiled, query, role, certainty, bodies_in_force=bodies)
            assert encode(answer) == expected, (org.slug, query)
            answer = members(alone, query, role, certainty, bodies_in_force=bodies)
            assert encode(answer) == expected, (org.slug, query)
            compared += 1
    return compared


def test_the_real_seed(seeded_url: str) -> None:
    assert _compare(seeded_url, organizations_at_most=1000) > 1000


def test_the_test_seed(fixture_url: str) -> None:
    assert _compare(fixture_url, organizations_at_most=1000) > 50


@pytest.fixture
def synthetic_url(databases: Databases, tmp_path: Any) -> str:
    if databases.backend == "sqlite":
        return sqlite_dataset(3000, seed=5, data_dir=tmp_path).url
    url = databases.new()
    postgresql_dataset(url, 3000, seed=5)
    return url


def test_a_synthetic_dataset(synthetic_url: str) -> None:
    assert _compare(synthetic_url, organizations_at_most=12) > 1000
