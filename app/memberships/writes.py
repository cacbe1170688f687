"""Creating, changing, ending and deleting membership periods, under the data's rules.

Each write validates with the temporal rules before anything is stored (dates, start before
end, no overlap with another period of the same state in the same role, inside the state's and
the organisation's existence, at least one source) and names the offending field and, for a
conflict, the conflicting record.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, select

from app.core.concurrency import claim_version
from app.core.errors import Conflict, InvalidParameter, NotFound
from app.core.writing import cite, existing_sources
from app.memberships import repository
from app.memberships.repository import Facts, period_of
from app.memberships.rules import Candidate, violations
from app.memberships.schemas import (
    DETAILS,
    MembershipEnd,
    MembershipPatch,
    MembershipPublic,
    MembershipWrite,
    ParticipationWrite,
    PeriodWrite,
    details_of,
)
from app.models import Event, Membership, Organization, Participation, State
from app.organizations.service import existence, reference, resolve_organization
from app.seeding.check import life
from app.states.schemas import StateRef
from app.states.service import resolve_state
from app.temporal import (
    EndStatus,
    FuzzyDate,
    InvalidDate,
    InvalidPeriod,
    Period,
    signatory_phase,
)

PARTICIPATION = ("frozen", "suspended", "inactive", "outside_integrated_command")


def read(session: Session, *, membership_id: int) -> Membership:
    found = session.get(Membership, membership_id)
    if found is None:
        raise NotFound(f"no membership with id {membership_id}", parameter="membership_id")
    return found


def public(session: Session, m: Membership) -> MembershipPublic:
    facts = Facts.load(session, [m])
    org, state = session.get(Organization, m.organization_id), session.get(State, m.state_id)
    assert org is not None
    assert state is not None
    assert m.id is not None
    return MembershipPublic(
        **facts.facts(m, [m], None).model_dump(),
        id=m.id,
        version=m.version,
        organization=reference(session, org, None),
        state=StateRef.of(state),
    )


def _date(text: str | None, field: str) -> FuzzyDate | None:
    try:
        return FuzzyDate.parse(text) if text is not None else None
    except InvalidDate as exc:
        raise InvalidParameter(f"{field}: {text!r} is not valid: {exc}", parameter=field) from exc


def _text(day: FuzzyDate | None) -> str | None:
    return None if day is None else str(day)


def _period(p: PeriodWrite, field: str = "period") -> Period:
    start = _date(p.start, f"{field}.start")
    end = _date(p.end, f"{field}.end")
    earliest = _date(p.earliest_start, f"{field}.earliest_start")
    assert start is not None
    if earliest is not None and earliest.earliest >= start.earliest:
        raise InvalidParameter(
            f"{field}: the earliest start ({earliest}) is not before the start ({start})",
            parameter=f"{field}.earliest_start",
        )
    try:
        return Period(start, end, p.end_status, earliest)
    except InvalidPeriod as exc:
        raise InvalidParameter(f"{field}: {exc}", parameter=f"{field}.end") from exc


def _signed(p: PeriodWrite, field: str = "period") -> str | None:
    """The member's signature before it was bound (``app.temporal.signatory_phase``)."""
    signed, start = _date(p.signed, f"{field}.signed"), _date(p.start, f"{field}.start")
    if signed is None or start is None:
        return None
    try:
        signatory_phase(signed, start)
    except InvalidPeriod as exc:
        raise InvalidParameter(
            f"{field}.signed: the signature ({signed}) is not before the start ({start})",
            parameter=f"{field}.signed",
        ) from exc
    return str(signed)


def _event(session: Session, event_id: int | None, org: Organization, field: str) -> None:
    if event_id is None:
        return
    found = session.get(Event, event_id)
    if found is None or found.organization_id != org.id:
        raise InvalidParameter(f"{field}: no event {event_id} of {org.slug}", parameter=field)


def _check(
    session: Session,
    *,
    org: Organization,
    state: State,
    role: str,
    period: Period,
    own_id: int | None,
) -> None:
    """Overlaps and lifetimes, with the conflicting record named."""
    assert org.id is not None
    assert state.id is not None
    others = [
        m
        for m, _ in repository.of_organization(session, organization_id=org.id, role=role)
        if m.state_id == state.id and m.id != own_id
    ]
    candidates = [
        Candidate(
            f"membership {m.id} ({m.start_date} to {m.end_date or m.end_status})",
            org.slug,
            state.code,
            role,
            period_of(m),
        )
        for m in others
    ]
    new = Candidate("the new period", org.slug, state.code, role, period)
    lives = {state.code: life(state.exists_from, state.exists_until)} if state.exists_from else {}
    for problem in violations(
        [*candidates, new], state_lives=lives, organization_lives={org.slug: existence(org)}
    ):
        if problem.startswith("the new period") or "overlaps" in problem:
            conflicting = next((c.label for c in candidates if c.label in problem), None)
            raise Conflict(
                problem.replace("the new period: ", "period: "),
                parameter="period",
                conflicting=conflicting,
            )


def _participation(session: Session, m: Membership, changes: Sequence[ParticipationWrite]) -> None:
    assert m.id is not None
    membership = period_of(m)
    for old in session.exec(select(Participation).where(Participation.membership_id == m.id)):
        cite(session, "participation", old.id or 0, [])
        session.delete(old)
    for i, change in enumerate(changes):
        field = f"participation_changes[{i}]"
        if change.status not in PARTICIPATION:
            raise InvalidParameter(
                f"{field}.status: one of {', '.join(PARTICIPATION)}", parameter=f"{field}.status"
            )
        status = EndStatus.CLOSED if change.end else EndStatus.OPEN
        period = _period(PeriodWrite(start=change.start, end=change.end, end_status=status), field)
        if period.start.earliest < membership.start.earliest or (
            membership.end is not None
            and (period.end is None or period.end.latest > membership.end.latest)
        ):
            raise InvalidParameter(f"{field}: lies outside the membership period", parameter=field)
        row = Participation(
            membership_id=m.id,
            status=change.status,
            start_date=str(period.start),
            end_date=str(period.end) if period.end else None,
            notes=change.notes,
        )
        session.add(row)
        session.flush()
        cite(
            session,
            "participation",
            row.id or 0,
            existing_sources(session, change.sources, f"{field}.sources"),
        )


def create(session: Session, body: MembershipWrite) -> Membership:
    org = resolve_organization(session, slug=body.organization)
    state = resolve_state(session, identifier=body.state, parameter="state")
    period = _period(body.period)
    _check(session, org=org, state=state, role=body.role.value, period=period, own_id=None)
    sources = existing_sources(session, body.sources, "sources")
    _event(session, body.start_event, org, "start_event")
    _event(session, body.end_event, org, "end_event")
    assert org.id is not None
    assert state.id is not None
    m = Membership(
        organization_id=org.id,
        state_id=state.id,
        role=body.role.value,
        founding=body.founding,
        start_date=str(period.start),
        earliest_start=_text(period.earliest_start),
        signed=_signed(body.period),
        end_date=str(period.end) if period.end else None,
        end_status=period.end_status.value,
        start_event_id=body.start_event,
        end_event_id=body.end_event,
        **details_of(body),
    )
    session.add(m)
    session.flush()
    assert m.id is not None
    cite(session, "membership", m.id, sources)
    _participation(session, m, body.participation_changes)
    return m


def update(session: Session, m: Membership, body: MembershipPatch, *, seen: int) -> Membership:
    org = session.get(Organization, m.organization_id)
    state = session.get(State, m.state_id)
    assert org is not None
    assert state is not None
    assert m.id is not None
    role = body.role.value if body.role else m.role
    period = _period(body.period) if body.period else period_of(m)
    _check(session, org=org, state=state, role=role, period=period, own_id=m.id)
    sources = (
        existing_sources(session, body.sources, "sources") if body.sources is not None else None
    )
    _event(session, body.start_event, org, "start_event")
    _event(session, body.end_event, org, "end_event")
    m.version = claim_version(session, Membership, row_id=m.id, seen=seen)
    m.role, m.start_date = role, str(period.start)
    m.earliest_start = _text(period.earliest_start)
    if body.period:
        m.signed = _signed(body.period)
    m.end_date, m.end_status = (str(period.end) if period.end else None), period.end_status.value
    for field in ("founding", "start_event", "end_event"):
        value = getattr(body, field)
        if value is not None:
            setattr(
                m,
                {"start_event": "start_event_id", "end_event": "end_event_id"}.get(field, field),
                value,
            )
    for field in body.model_fields_set & DETAILS:
        setattr(m, field, getattr(body, field))
    session.add(m)
    if sources is not None:
        cite(session, "membership", m.id, sources)
    if body.participation_changes is not None:
        _participation(session, m, body.participation_changes)
    return m


def end(session: Session, m: Membership, body: MembershipEnd, *, seen: int) -> Membership:
    current = period_of(m)
    patch = MembershipPatch(
        period=PeriodWrite(start=str(current.start), end=body.end, end_status=EndStatus.CLOSED),
        end_event=body.end_event,
    )
    return update(session, m, patch, seen=seen)


def delete(session: Session, m: Membership, *, seen: int) -> None:
    assert m.id is not None
    claim_version(session, Membership, row_id=m.id, seen=seen)
    _participation(session, m, [])
    cite(session, "membership", m.id, [])
    session.delete(m)
