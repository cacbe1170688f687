"""The membership questions the API answers: members of an organisation, a state's memberships,
the changes in a window and the timeline."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session

from app.core.timequery import QueryEcho
from app.memberships import compiled, holdings, repository
from app.memberships.compiling import compile_organization, compile_organizations
from app.memberships.holdings import organizations_of_state
from app.memberships.schemas import (
    CertaintyFilter,
    Change,
    ChangesAnswer,
    ChangeType,
    MembersAnswer,
    Role,
    RoleFilter,
    StateMemberships,
)
from app.memberships.service import (
    Facts,
    public_sources,
)
from app.models import Membership, Organization, Source, State
from app.organizations import repository as organizations
from app.organizations.schemas import EventRef, Timeline, TimelineEntry
from app.organizations.service import events_public, reference
from app.states.schemas import StateRef
from app.temporal import Certainty, FuzzyDate, Span, TimeQuery, date_in_span


def members_answer(
    session: Session,
    *,
    org: Organization,
    query: TimeQuery,
    role: RoleFilter,
    certainty: CertaintyFilter,
) -> MembersAnswer:
    """Who was a member: the organisation compiled on the spot (``app.memberships.compiled``)."""
    answer = compiled.members(compile_organization(session, org), query, role, certainty)
    return MembersAnswer.model_validate(answer)


def state_memberships_answer(
    session: Session, *, state: State, organization: Organization | None, query: TimeQuery | None
) -> StateMemberships:
    """A state's memberships (in one organisation, if given), every one touching ``query``:
    the organisations compiled on the spot (``app.memberships.holdings``)."""
    assert state.id is not None
    connection = session.connection()
    ids = [organization.id] if organization and organization.id else None
    if ids is None:
        ids = organizations_of_state(connection, state.id)
    held = holdings.Holdings.of(compile_organizations(connection, ids).values())
    state_json = compiled.dumps({"code": state.code, "name": state.name})
    body, _ = holdings.answer(held, state.id, state_json, query)
    return StateMemberships.model_validate_json(body)


def _changes(session: Session, org: Organization, span: Span | None) -> list[Change]:
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
        _pair_role_changes(found),
        key=lambda c: (FuzzyDate.parse(c.date).sort_key(), c.state.name, c.type),
    )


def _pair_role_changes(changes: list[Change]) -> list[Change]:
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


def changes_answer(session: Session, *, org: Organization, span: Span) -> ChangesAnswer:
    window = QueryEcho.of(TimeQuery(span))
    return ChangesAnswer(
        organization=reference(session, org, span.last),
        window=window,
        changes=_changes(session, org, span),
    )


def timeline(session: Session, *, org: Organization) -> Timeline:
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
    for c in _changes(session, org, None):
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
