"""An organisation's changes and timeline read from the compiled organisation equal the
straightforward answers from the model objects (the service's ``Facts``) for every organisation
of both seeds and of a synthetic dataset, over the whole history and in windows of years,
months and spans of years."""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

from sqlmodel import Session, select

from app.core.db import build_engine
from app.core.timequery import QueryEcho
from app.memberships import repository
from app.memberships.compiling import compile_organizations
from app.memberships.history import changes_json, timeline_json
from app.memberships.schemas import Change, ChangesAnswer, ChangeType, Role
from app.memberships.service import Facts, public_sources
from app.models import Membership, Organization, Source, State
from app.organizations import repository as organizations
from app.organizations.schemas import EventRef, Timeline, TimelineEntry
from app.organizations.service import events_public, reference, today
from app.states.schemas import StateRef
from app.temporal import Certainty, FuzzyDate, Span, TimeQuery, date_in_span
from bench.generate import sqlite_dataset


def straightforward_changes(session: Session, org: Organization, span: Span | None) -> list[Change]:
    """Joins, departures, role and participation changes (in ``span`` if given), in date order."""
    assert org.id is not None
    rows = repository.of_organization(session, organization_id=org.id)
    facts = Facts.load(session, [m for m, _ in rows])
    found: list[Change] = []

    def add(
        when: str,
        kind: ChangeType,
        state: State,
        m: Membership,
        event_id: int | None,
        participation: str | None = None,
        cites: Sequence[Source] = (),
    ) -> None:
        moment = FuzzyDate.parse(when)
        certainty = date_in_span(moment, span) if span else Certainty.CERTAIN
        if certainty is Certainty.NO:
            return
        sources = facts.membership_sources.get(m.id or 0, []) if not cites else list(cites)
        found.append(
            Change(
                date=when,
                precision=moment.precision,
                type=kind,
                state=StateRef(code=state.code, name=state.name),
                role=Role(m.role),
                participation=participation,
                certainty=certainty,
                event=facts.event(event_id),
                sources=public_sources(sources),
            )
        )

    for m, state in rows:
        add(m.start_date, ChangeType.JOINED, state, m, m.start_event_id)
        if m.end_date:
            add(m.end_date, ChangeType.LEFT, state, m, m.end_event_id)
        for p in facts.participation.get(m.id or 0, []):
            cites = facts.participation_sources.get(p.id or 0, [])
            add(
                p.start_date,
                ChangeType.PARTICIPATION_CHANGED,
                state,
                m,
                p.event_id,
                p.status,
                cites,
            )
            if p.end_date:
                add(p.end_date, ChangeType.PARTICIPATION_CHANGED, state, m, None, "active", cites)
    return sorted(
        _pair(found),
        key=lambda c: (FuzzyDate.parse(c.date).sort_key(), c.state.name, c.type),
    )


def _pair(changes: list[Change]) -> list[Change]:
    """A departure and a join of the same state on the same date is one change of role."""
    joins = {(c.date, c.state.code): c for c in changes if c.type is ChangeType.JOINED}
    out = []
    paired = set()
    for c in changes:
        join = joins.get((c.date, c.state.code))
        if c.type is ChangeType.LEFT and join is not None and join.role != c.role:
            paired.add((c.date, c.state.code))
            out.append(
                join.model_copy(
                    update={
                        "type": ChangeType.ROLE_CHANGED,
                        "previous_role": c.role,
                        "sources": join.sources + c.sources,
                    }
                )
            )
        elif c.type is not ChangeType.JOINED:
            out.append(c)
    return out + [c for key, c in joins.items() if key not in paired]


def straightforward_timeline(session: Session, org: Organization) -> Timeline:
    assert org.id is not None
    entries = [
        TimelineEntry(
            date=e.date,
            precision=e.precision,
            kind="event",
            type=e.type,
            title=e.title,
            event=EventRef.model_validate(e.model_dump()),
            sources=e.sources,
        )
        for e in events_public(session, organizations.events_of(session, organization_id=org.id))
    ]
    for c in straightforward_changes(session, org, None):
        verb = {
            "joined": "joined as",
            "left": "left as",
            "role_changed": "became",
            "participation_changed": "participation became",
        }[c.type.value]
        what = c.participation if c.type is ChangeType.PARTICIPATION_CHANGED else c.role.value
        entries.append(
            TimelineEntry(
                date=c.date,
                precision=c.precision,
                kind="membership",
                type=c.type.value,
                title=f"{c.state.name} {verb} {what}",
                state=c.state,
                event=c.event,
                sources=c.sources,
            )
        )
    entries.sort(key=lambda e: (FuzzyDate.parse(e.date).sort_key(), e.kind != "event"))
    return Timeline(organization=reference(session, org, None), entries=entries)


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
    engine = build_engine(url)
    rng = random.Random(3)
    compared = 0
    with Session(engine) as session:
        everything = compile_organizations(session.connection())
        orgs = session.exec(select(Organization).order_by(Organization.slug)).all()
        for org in orgs[:organizations_at_most]:
            compiled = everything[org.slug]
            expected = straightforward_timeline(session, org)
            got = Timeline.model_validate_json(timeline_json(compiled, today()))
            assert got == expected, org.slug
            compared += len(expected.entries)
            for span in _windows(rng):
                reference_changes = ChangesAnswer(
                    organization=reference(session, org, span.last),
                    window=QueryEcho.of(TimeQuery(span)),
                    changes=straightforward_changes(session, org, span),
                )
                got_changes = ChangesAnswer.model_validate_json(changes_json(compiled, span))
                assert got_changes == reference_changes, (org.slug, span)
    engine.dispose()
    return compared


def test_the_real_seed(seeded_url: str) -> None:
    assert _compare(seeded_url, 1000) > 1000


def test_the_test_seed(fixture_url: str) -> None:
    assert _compare(fixture_url, 1000) > 10


def test_a_synthetic_dataset(tmp_path: Path) -> None:
    url = sqlite_dataset(3000, seed=9, data_dir=tmp_path).url
    assert _compare(url, 10) > 500
