"""The members answer reused across a segment of days equals the answer computed for the day:
on every organisation of the seed, at the days where answers change (each cut and the days
beside it) and at random days, years, months and spans, with every role and certainty filter."""

from __future__ import annotations

import json
import random
from datetime import date

from sqlmodel import Session, select

from app.core.db import build_engine
from app.memberships.compiled import compile_organization, dumps, members, members_json
from app.memberships.schemas import CertaintyFilter, RoleFilter
from app.models import Organization
from app.temporal import Mode, TimeQuery


def _questions(cuts: list[int], rng: random.Random) -> list[TimeQuery]:
    days = {c + shift for c in rng.sample(cuts, min(len(cuts), 40)) for shift in (-1, 0, 1)}
    days |= {rng.randint(date(1900, 1, 1).toordinal(), date(2026, 12, 31).toordinal())}
    days = {d for d in days if date(1800, 1, 1).toordinal() < d < date(2100, 1, 1).toordinal()}
    questions = [TimeQuery.at(date.fromordinal(d).isoformat()) for d in sorted(days)]
    for _ in range(20):
        year = rng.randint(1940, 2026)
        questions.append(TimeQuery.at(str(year)))
        questions.append(TimeQuery.at(f"{year}-{rng.randint(1, 12):02d}"))
        span = f"{year}/{min(2100, year + rng.randint(0, 8))}"
        questions.append(TimeQuery.during(span, rng.choice(list(Mode))))
    return questions


def test_segment_answers_equal_the_computed_ones(seeded_url: str) -> None:
    engine = build_engine(seeded_url)
    rng = random.Random(11)
    compared = 0
    with Session(engine) as session:
        for org in session.exec(select(Organization).order_by(Organization.slug)).all():
            compiled = compile_organization(session, org)
            assert compiled.cuts == sorted(set(compiled.cuts))
            for query in _questions(compiled.cuts, rng):
                role = rng.choice(list(RoleFilter))
                certainty = rng.choice(list(CertaintyFilter))
                expected = dumps(members(compiled, query, role, certainty)).encode()
                assert members_json(compiled, query, role, certainty) == expected, (org.slug, query)
                compared += 1
            # asked again: now from the kept members lists
            for query in _questions(compiled.cuts, random.Random(org.slug)):
                expected = dumps(
                    members(compiled, query, RoleFilter.MEMBER, CertaintyFilter.POSSIBLE)
                )
                got = members_json(compiled, query, RoleFilter.MEMBER, CertaintyFilter.POSSIBLE)
                assert got == expected.encode(), (org.slug, query)
                assert json.loads(got)["query"] == json.loads(expected)["query"]
    engine.dispose()
    assert compared > 3000
