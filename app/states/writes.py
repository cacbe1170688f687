"""Creating, changing and deleting state records under the data's rules."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, select

from app.core.concurrency import claim_version
from app.core.errors import Conflict, InvalidParameter
from app.core.writing import cite, existing_sources, patch, reduced_date
from app.memberships import repository as memberships
from app.memberships.repository import period_of
from app.memberships.rules import outside
from app.models import EventState, Organization, State, StateName, names_its_organization
from app.seeding.check import life
from app.states.schemas import StateNamePublic, StatePatch, StateWrite
from app.temporal import InvalidPeriod

FIELDS = (
    "name",
    "kind",
    "organization",
    "official_name",
    "cow_ccode",
    "cow_abbrev",
    "wikidata",
    "exists_from",
    "exists_until",
    "notes",
)


def _names(session: Session, state: State, names: Sequence[StateNamePublic]) -> None:
    for old in session.exec(select(StateName).where(StateName.state_id == state.id)).all():
        session.delete(old)
    for i, n in enumerate(names):
        since = reduced_date(n.valid_from, f"names[{i}].valid_from")
        until = reduced_date(n.valid_until, f"names[{i}].valid_until")
        session.add(
            StateName(
                state_id=state.id or 0,
                name=n.name,
                lang=n.lang,
                valid_from=since,
                valid_until=until,
            )
        )


def _kind(session: Session, state: State) -> None:
    """An organisation member names its organisation; no other kind of member does."""
    if state.kind is None:
        raise InvalidParameter("kind: may not be null", parameter="kind")
    if not names_its_organization(state.kind, state.organization):
        raise InvalidParameter(
            "organization: give the organisation's slug exactly when kind is organization",
            parameter="organization",
        )
    slug = state.organization
    if slug and session.exec(select(Organization).where(Organization.slug == slug)).first() is None:
        raise InvalidParameter(f"organization: no organisation {slug!r}", parameter="organization")


def _lifetime(session: Session, state: State) -> None:
    if state.exists_from is None:
        if state.exists_until is not None:
            raise InvalidParameter("exists_until: needs exists_from", parameter="exists_from")
        return
    try:
        span = life(state.exists_from, state.exists_until)
    except InvalidPeriod as exc:
        raise InvalidParameter(f"exists_until: {exc}", parameter="exists_until") from exc
    for m, org in memberships.of_state(session, state_id=state.id or 0):
        if outside(period_of(m), span):
            raise Conflict(
                f"exists_from/exists_until: membership {m.id} in {org.slug} "
                f"({m.start_date} to {m.end_date or m.end_status}) would fall outside",
                parameter="exists_from",
                conflicting=f"membership {m.id}",
            )


def create(session: Session, body: StateWrite) -> State:
    if session.exec(select(State).where(State.code == body.code)).first() is not None:
        raise Conflict(
            f"code: {body.code} exists", parameter="code", conflicting=f"state {body.code}"
        )
    sources = existing_sources(session, body.sources)
    values = body.model_dump(exclude={"names", "sources", "reason"})
    for field in ("exists_from", "exists_until"):
        values[field] = reduced_date(values[field], field)
    state = State(**values)
    _kind(session, state)
    _lifetime(session, state)
    session.add(state)
    session.flush()
    _names(session, state, body.names)
    cite(session, "state", state.id or 0, sources)
    return state


def update(session: Session, state: State, body: StatePatch, *, seen: int) -> State:
    for field in ("exists_from", "exists_until"):
        if field in body.model_fields_set:
            setattr(body, field, reduced_date(getattr(body, field), field))
    sources = existing_sources(session, body.sources) if body.sources is not None else None
    state.version = claim_version(session, State, row_id=state.id or 0, seen=seen)
    patch(state, body, FIELDS)
    _kind(session, state)
    _lifetime(session, state)
    session.add(state)
    if body.names is not None:
        _names(session, state, body.names)
    if sources is not None:
        cite(session, "state", state.id or 0, sources)
    return state


def delete(session: Session, state: State, *, seen: int) -> None:
    """Delete a state no membership or event refers to."""
    used = memberships.of_state(session, state_id=state.id or 0)
    if used:
        m, org = used[0]
        raise Conflict(
            f"state {state.code} is a party to membership {m.id} in {org.slug}",
            parameter="code",
            conflicting=f"membership {m.id}",
        )
    pair = session.exec(select(EventState).where(EventState.state_id == state.id)).first()
    if pair is not None:
        raise Conflict(
            f"state {state.code} takes part in event {pair.event_id}",
            parameter="code",
            conflicting=f"event {pair.event_id}",
        )
    claim_version(session, State, row_id=state.id or 0, seen=seen)
    _names(session, state, [])
    cite(session, "state", state.id or 0, [])
    session.flush()
    session.delete(state)
