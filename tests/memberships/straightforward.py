"""The straightforward answers, from the model objects one record at a time, as Foedus computed
them before it compiled organisations: the references the compiled answers are checked against
(``test_compiled``, ``test_holdings``, ``test_history``)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlmodel import Session, col, select

from app.core.db import build_engine
from app.core.timequery import QueryEcho
from app.memberships import repository
from app.memberships.answers import existence_note
from app.memberships.compiled import CompiledOrganization, Life, compile_organizations
from app.memberships.repository import Facts, period_of, period_public, public_sources
from app.memberships.schemas import (
    CertaintyFilter,
    Change,
    ChangeType,
    LinkedBody,
    Role,
    RoleFilter,
)
from app.models import Membership, Organization, OrganizationLink, Source, State
from app.organizations import repository as organizations
from app.organizations.schemas import EventRef, Timeline, TimelineEntry
from app.organizations.service import events_public, name_as_of, reference
from app.states.schemas import StateRef
from app.temporal import (
    Bounds,
    Certainty,
    EndStatus,
    Existence,
    FuzzyDate,
    Mode,
    Period,
    Span,
    TimeQuery,
    Verdict,
    days_in_span,
    evaluate,
    existence,
    judge_one,
    signatory_phase,
    within_life,
)

T = TypeVar("T")


def dumps(value: Any) -> bytes:
    """JSON as the API sends it (compact, UTF-8 kept), written by the standard library."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


def encode(model: BaseModel) -> bytes:
    """A response model as the API encodes it."""
    return model.__pydantic_serializer__.to_json(model)


def compiled_organizations(
    url: str, at_most: int
) -> Iterator[tuple[Session, Organization, CompiledOrganization]]:
    """The first ``at_most`` organisations of the database at ``url`` (by slug), each with a
    session and the organisation as compiled with all the others."""
    engine = build_engine(url)
    try:
        with Session(engine) as session:
            everything = compile_organizations(session.connection())
            orgs = session.exec(select(Organization).order_by(col(Organization.slug))).all()
            for org in orgs[:at_most]:
                yield session, org, everything[org.slug]
    finally:
        engine.dispose()


@dataclass(frozen=True)
class Standing:
    """How one state in one role stands with respect to a question."""

    verdict: Verdict
    primary: Membership
    touching: list[Membership]


def judge(
    memberships: Sequence[Membership], query: TimeQuery, life: Bounds | None = None
) -> Standing | None:
    """Judge one state's memberships in one role together (a state may leave and rejoin), in an
    organisation with ``life``."""
    found = judge_periods([(m, period_of(m)) for m in memberships], query, life)
    if found is None:
        return None
    verdict, touching = found
    return Standing(verdict, touching[-1], touching)


def judge_periods(
    items: Sequence[tuple[T, Period]], query: TimeQuery, life: Bounds | None = None
) -> tuple[Verdict, list[T]] | None:
    """``judge`` on (item, period) pairs: the verdict and the items touching the question,
    by start; None when not a member."""
    verdict = evaluate([period for _, period in items], query, life)
    if verdict.certainty is Certainty.NO:
        return None
    any_time = TimeQuery(query.span, Mode.ANY)
    touching = [
        (period.start.sort_key(), i, item)
        for i, (item, period) in enumerate(items)
        if evaluate([period], any_time, life).certainty is not Certainty.NO
    ]
    touching.sort(key=lambda t: (t[0], t[1]))
    return verdict, [item for _, _, item in touching]


def group_by_role(
    rows: Sequence[Membership], role: RoleFilter
) -> dict[tuple[int, str], list[Membership]]:
    groups: dict[tuple[int, str], list[Membership]] = defaultdict(list)
    for m in rows:
        if role is RoleFilter.ANY or m.role == role.value:
            groups[(m.state_id, m.role)].append(m)
    return groups


def wanted(verdict: Verdict, certainty: CertaintyFilter) -> bool:
    return certainty is CertaintyFilter.POSSIBLE or verdict.certainty is Certainty.CERTAIN


def members(
    session: Session,
    org: Organization,
    query: TimeQuery,
    role: RoleFilter,
    certainty: CertaintyFilter,
) -> dict[str, Any]:
    """The members answer from the model objects, one (state, role) at a time."""
    assert org.id is not None
    rows = repository.of_organization(session, organization_id=org.id)
    facts = Facts.load(session, [m for m, _ in rows])
    states = {m.state_id: s for m, s in rows}
    found = []
    for (state_id, _), periods in group_by_role([m for m, _ in rows], role).items():
        standing = judge(periods, query, _life(org).bounds())
        if standing is None or not wanted(standing.verdict, certainty):
            continue
        record = facts.facts(standing.primary, standing.touching, query).model_dump(mode="json")
        state = states[state_id]
        found.append(
            {
                **record,
                "state": {"code": state.code, "name": state.name, "kind": state.kind},
                "organization": None,
                "certainty": standing.verdict.certainty.value,
                "reason": standing.verdict.reason,
                "periods": [period_public(m).model_dump(mode="json") for m in standing.touching],
            }
        )
    found.sort(key=lambda m: (m["state"]["name"], m["role"]))
    names = organizations.names_of(session, organization_ids=[org.id])[org.id]
    return {
        "organization": {"slug": org.slug, "name": name_as_of(org, names, query.span.last)},
        "query": QueryEcho.of(query).model_dump(mode="json"),
        "role": role.value,
        "certainty": certainty.value,
        "filters": {
            "role": role.value,
            "certainty": certainty.value,
            "lineage": False,
            "view": "full",
        },
        "existence": existence_of(session, org, query),
        "count": len(found),
        "members": found,
        "signatories": signatories(
            rows, query, role, certainty, {m["state"]["code"] for m in found}
        ),
    }


def signatories(
    rows: Sequence[tuple[Membership, State]],
    query: TimeQuery,
    role: RoleFilter,
    certainty: CertaintyFilter,
    members: set[str],
) -> list[dict[str, Any]]:
    """The states that had signed and were not yet bound, one membership at a time."""
    found = []
    for m, state in rows:
        if m.signed is None or state.code in members:
            continue
        if role is not RoleFilter.ANY and m.role != role.value:
            continue
        phase = signatory_phase(FuzzyDate.parse(m.signed), period_of(m).start)
        bounds = (*phase.bounds()[:2], *period_of(m).bounds()[:2])
        verdict = judge_one(bounds, *query.span.ordinals(), query.mode)
        if verdict is Certainty.NO or (
            certainty is CertaintyFilter.CERTAIN and verdict is not Certainty.CERTAIN
        ):
            continue
        found.append(
            {
                "state": {"code": state.code, "name": state.name, "kind": state.kind},
                "role": m.role,
                "signed": m.signed,
                "bound": m.start_date,
                "certainty": verdict.value,
            }
        )
    return sorted(found, key=lambda x: (x["state"]["name"], x["role"]))


def _life(org: Organization) -> Period:
    end = FuzzyDate.parse(org.dissolved) if org.dissolved else None
    return Period(FuzzyDate.parse(org.founded), end, EndStatus.CLOSED if end else EndStatus.OPEN)


def _linked(session: Session, org: Organization) -> list[tuple[str, OrganizationLink]]:
    links = session.exec(
        select(OrganizationLink)
        .where(
            (col(OrganizationLink.predecessor_id) == org.id)
            | (col(OrganizationLink.successor_id) == org.id)
        )
        .order_by(col(OrganizationLink.date), col(OrganizationLink.id))
    ).all()
    return [("predecessor" if x.successor_id == org.id else "successor", x) for x in links]


def existence_of(session: Session, org: Organization, query: TimeQuery) -> dict[str, Any]:
    """Whether ``org`` existed during ``query``; its lineage walked link by link."""
    first, after = query.span.ordinals()
    status = existence(_life(org).bounds(), first, after)
    bodies = []
    if status is not Existence.EXISTED:
        seen, todo = {org.id}, [(relation, link) for relation, link in _linked(session, org)]
        while todo:
            relation, link = todo.pop(0)
            other_id = link.predecessor_id if relation == "predecessor" else link.successor_id
            if other_id in seen:
                continue
            seen.add(other_id)
            other = session.get(Organization, other_id)
            assert other is not None
            todo += [(r, x) for r, x in _linked(session, other) if r == relation]
            held = existence(_life(other).bounds(), first, after)
            if held in (Existence.NOT_YET_FOUNDED, Existence.DISSOLVED):
                continue
            names = organizations.names_of(session, organization_ids=[other_id])[other_id]
            name = name_as_of(other, names, query.span.last)
            bodies.append(
                LinkedBody(
                    organization={"slug": other.slug, "name": name},  # type: ignore[arg-type]
                    relation=relation,  # type: ignore[arg-type]
                    linked_on=link.date,
                    existence=held,
                )
            )
    names = organizations.names_of(session, organization_ids=[org.id or 0])[org.id or 0]
    name = name_as_of(org, names, query.span.last)
    life = Life(org.founded, org.dissolved, org.signed)
    return {
        "status": status.value,
        "founded": org.founded,
        "signed": org.signed,
        "dissolved": org.dissolved,
        "in_force": [b.model_dump(mode="json") for b in bodies],
        "note": existence_note(name, life, status, bodies, signed=life.signed_before(after)),
    }


def state_memberships(session: Session, state: State, query: TimeQuery | None) -> dict[str, Any]:
    assert state.id is not None
    rows = repository.of_state(session, state_id=state.id)
    facts = Facts.load(session, [m for m, _ in rows])
    day = query.span.last if query else None
    names = organizations.names_of(session, organization_ids=sorted({o.id or 0 for _, o in rows}))
    found = []
    for membership, org in rows:
        standing = judge([membership], query, _life(org).bounds()) if query else None
        if query is not None and standing is None:
            continue
        found.append(
            {
                **facts.facts(membership, [membership], query).model_dump(mode="json"),
                "organization": {
                    "slug": org.slug,
                    "name": name_as_of(org, names.get(org.id or 0, []), day),
                },
                "certainty": standing.verdict.certainty.value if standing else None,
                "reason": standing.verdict.reason if standing else None,
            }
        )
    return {
        "state": {"code": state.code, "name": state.name, "kind": state.kind},
        "query": QueryEcho.of(query).model_dump(mode="json") if query else None,
        "memberships": found,
        "next_cursor": None,
    }


def changes(session: Session, org: Organization, span: Span | None) -> list[Change]:
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
        earliest: str | None = None,
    ) -> None:
        moment = FuzzyDate.parse(when)
        low = FuzzyDate.parse(earliest).earliest if earliest else moment.earliest
        days = (low.toordinal(), moment.latest.toordinal())
        if kind is ChangeType.JOINED:  # never before the organisation may exist
            days = within_life((*days, 0, 0), _life(org).bounds())[:2]
        certainty = days_in_span(*days, span) if span else Certainty.CERTAIN
        if certainty is Certainty.NO:
            return
        sources = facts.membership_sources.get(m.id or 0, []) if not cites else list(cites)
        found.append(
            Change(
                date=when,
                precision=moment.precision,
                type=kind,
                state=StateRef.of(state),
                role=Role(m.role),
                participation=participation,
                certainty=certainty,
                event=facts.event(event_id),
                sources=public_sources(sources),
                earliest_date=earliest,
            )
        )

    for m, state in rows:
        if m.signed:
            add(m.signed, ChangeType.SIGNED, state, m, None)
        add(m.start_date, ChangeType.JOINED, state, m, m.start_event_id, earliest=m.earliest_start)
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
            if p.end_date and p.end_date != m.end_date:  # not a return on the day it left
                add(p.end_date, ChangeType.PARTICIPATION_CHANGED, state, m, None, "active", cites)
    life = _life(org).bounds()
    return sorted(_pair(found), key=lambda c: (_days(c, life), c.state.name, c.type))


def _days(c: Change | TimelineEntry, life: Bounds) -> tuple[date, date]:
    """The first and last day a change may have happened on; a join (or a change of role,
    which is one) never before the organisation may exist."""
    when = FuzzyDate.parse(c.date)
    first = FuzzyDate.parse(c.earliest_date or c.date).earliest
    if c.type in (ChangeType.JOINED, ChangeType.ROLE_CHANGED, "joined", "role_changed"):
        low = within_life((first.toordinal(), when.latest.toordinal(), 0, 0), life)[0]
        first = date.fromordinal(low)
    return first, when.latest


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


def timeline(session: Session, org: Organization) -> Timeline:
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
    for c in changes(session, org, None):
        verb = {
            "joined": "joined as",
            "left": "left as",
            "role_changed": "became",
            "participation_changed": "participation became",
            "signed": "signed, to be bound as",
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
                earliest_date=c.earliest_date,
            )
        )
    life = _life(org).bounds()
    entries.sort(key=lambda e: (_days(e, life), e.kind != "event"))
    return Timeline(organization=reference(session, org, None), entries=entries)
