"""An organisation's changes and timeline read from the compiled organisation equal the
straightforward answers from the model objects (the service's ``Facts``) for every organisation
of both seeds and of a synthetic dataset, over the whole history and in windows of years,
months and spans of years."""

from __future__ import annotations

import random
from pathlib import Path

from app.core.timequery import QueryEcho, today
from app.memberships.history import changes, timeline
from app.memberships.schemas import ChangesAnswer
from app.organizations.service import reference
from app.temporal import FuzzyDate, Span, TimeQuery
from bench.generate import sqlite_dataset
from tests.memberships import straightforward
from tests.memberships.straightforward import encode


def _windows(rng: random.Random) -> list[Span]:
    spans = []
    for _ in range(6):
        year = rng.randint(1900, 2026)
        spans.append(Span.of(FuzzyDate(year)))
        spans.append(Span.of(FuzzyDate(year, rng.randint(1, 12))))
        spans.append(Span.of(FuzzyDate(year), FuzzyDate(min(2100, year + rng.randint(1, 30)))))
    spans.append(Span.of(FuzzyDate(1800), FuzzyDate(2100)))
    return spans


def _compare(url: str, organizations_at_most: int) -> int:
    rng = random.Random(3)
    compared = 0
    for session, org, compiled in straightforward.compiled_organizations(
        url, organizations_at_most
    ):
        expected = straightforward.timeline(session, org)
        assert encode(timeline(compiled, today())) == encode(expected), org.slug
        compared += len(expected.entries)
        for span in _windows(rng):
            reference_changes = ChangesAnswer(
                organization=reference(session, org, span.last),
                window=QueryEcho.of(TimeQuery(span)),
                changes=straightforward.changes(session, org, span),
            )
            assert encode(changes(compiled, span)) == encode(reference_changes), (org.slug, span)
    return compared


def test_the_real_seed(seeded_url: str) -> None:
    assert _compare(seeded_url, 1000) > 1000


def test_the_test_seed(fixture_url: str) -> None:
    assert _compare(fixture_url, 1000) > 10


def test_a_synthetic_dataset(tmp_path: Path) -> None:
    url = sqlite_dataset(3000, seed=9, data_dir=tmp_path).url
    assert _compare(url, 10) > 500
