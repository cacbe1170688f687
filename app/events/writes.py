"""Reading one event, and creating, changing and deleting events (each sourced)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlmodel import Session, or_, select

from app.core.concurrency import claim_version
from app.core.errors import NotFound
from app.core.writing import cite, existing_sources, patch, reduced_date
from app.models import Event, EventState, Membership, Participation
from app.organizations.schemas import EventPatch, EventPublic, EventWrite
from app.organizations.service import events_public, resolve_organization
from app.states.service import resolve_state


def read(session: Session, *, event_id: int) -> Event:
    found = session.get(Event, event_id)
    if found is None:
        raise NotFound(f"no event with id {event_id}", parameter="event_id")
    return found


def public(session: Session, event: Event) -> EventPublic:
    return events_public(session, [event])[0]


def _states(session: Session, event: Event, codes: Sequence[str]) -> None:
    wanted = [
        resolve_state(session, identifier=c, parameter=f"states[{i}]").id
        for i, c in enumerate(codes)
    ]
    have = {
        p.state_id: p
        for p in session.exec(select(EventState).where(EventState.event_id == event.id)).all()
    }
    for state_id, pair in have.items():
        if state_id not in wanted:
            session.delete(pair)
    for new_id in dict.fromkeys(wanted):
        if new_id is not None and new_id not in have:
            session.add(EventState(event_id=event.id or 0, state_id=new_id))


def create(session: Session, body: EventWrite) -> Event:
    org = resolve_organization(session, slug=body.organization)
    sources = existing_sources(session, body.sources)
    key = body.key or "-".join(re.findall(r"[a-z0-9]+", body.title.lower())[:6]) or "event"
    taken = set(session.exec(select(Event.key).where(Event.organization_id == org.id)).all())
    while key in taken:
        key += "-x"
    event = Event(
        organization_id=org.id or 0,
        key=key,
        type=body.type,
        date=reduced_date(body.date, "date") or body.date,
        title=body.title,
        place=body.place,
        notes=body.notes,
    )
    session.add(event)
    session.flush()
    _states(session, event, body.states)
    cite(session, "event", event.id or 0, sources)
    return event


def update(session: Session, event: Event, body: EventPatch, *, seen: int) -> Event:
    if "date" in body.model_fields_set:
        body.date = reduced_date(body.date, "date")
    sources = existing_sources(session, body.sources) if body.sources is not None else None
    event.version = claim_version(session, Event, row_id=event.id or 0, seen=seen)
    patch(event, body, ("type", "date", "title", "place", "notes"))
    session.add(event)
    if body.states is not None:
        _states(session, event, body.states)
    if sources is not None:
        cite(session, "event", event.id or 0, sources)
    return event


def delete(session: Session, event: Event, *, seen: int) -> None:
    """Delete an event; memberships and changes that named it keep their dates, not the link."""
    claim_version(session, Event, row_id=event.id or 0, seen=seen)
    for m in session.exec(
        select(Membership).where(
            or_(Membership.start_event_id == event.id, Membership.end_event_id == event.id)
        )
    ):
        m.start_event_id = None if m.start_event_id == event.id else m.start_event_id
        m.end_event_id = None if m.end_event_id == event.id else m.end_event_id
        session.add(m)
    for p in session.exec(select(Participation).where(Participation.event_id == event.id)):
        p.event_id = None
        session.add(p)
    _states(session, event, [])
    cite(session, "event", event.id or 0, [])
    session.flush()
    session.delete(event)
