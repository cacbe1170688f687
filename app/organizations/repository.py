"""Queries for organisations, their names, events, links and dataset discrepancies."""

from __future__ import annotations

from collections import defaultdict

from sqlmodel import Session, col, select

from app.models import (
    Discrepancy,
    Event,
    EventState,
    Organization,
    OrganizationLink,
    OrganizationName,
    State,
)


def get_by_slug(session: Session, *, slug: str) -> Organization | None:
    return session.exec(select(Organization).where(Organization.slug == slug)).first()


def list_all(session: Session, *, kind: str | None = None) -> list[Organization]:
    query = select(Organization).order_by(col(Organization.slug))
    if kind is not None:
        query = query.where(Organization.kind == kind)
    return list(session.exec(query).all())


def names_of(session: Session, *, organization_ids: list[int]) -> dict[int, list[OrganizationName]]:
    found: dict[int, list[OrganizationName]] = defaultdict(list)
    rows = session.exec(
        select(OrganizationName)
        .where(col(OrganizationName.organization_id).in_(organization_ids))
        .order_by(col(OrganizationName.id))
    ).all()
    for row in rows:
        found[row.organization_id].append(row)
    return found


def events_of(session: Session, *, organization_id: int) -> list[Event]:
    return list(
        session.exec(
            select(Event)
            .where(Event.organization_id == organization_id)
            .order_by(col(Event.date), col(Event.id))
        ).all()
    )


def event_states(session: Session, *, event_ids: list[int]) -> dict[int, list[State]]:
    found: dict[int, list[State]] = defaultdict(list)
    rows = session.exec(
        select(EventState.event_id, State)
        .join(State, col(State.id) == col(EventState.state_id))
        .where(col(EventState.event_id).in_(event_ids))
        .order_by(col(State.name))
    ).all()
    for event_id, state in rows:
        found[event_id].append(state)
    return found


def links_of(
    session: Session,
    *,
    organization_id: int,
) -> tuple[
    list[tuple[OrganizationLink, Organization]], list[tuple[OrganizationLink, Organization]]
]:
    """(predecessors, successors) of an organisation, each with the other body."""
    before = session.exec(
        select(OrganizationLink, Organization)
        .join(Organization, col(Organization.id) == col(OrganizationLink.predecessor_id))
        .where(OrganizationLink.successor_id == organization_id)
    ).all()
    after = session.exec(
        select(OrganizationLink, Organization)
        .join(Organization, col(Organization.id) == col(OrganizationLink.successor_id))
        .where(OrganizationLink.predecessor_id == organization_id)
    ).all()
    return [(link, o) for link, o in before], [(link, o) for link, o in after]


def discrepancies_of(session: Session, *, organization_id: int) -> list[tuple[Discrepancy, State]]:
    rows = session.exec(
        select(Discrepancy, State)
        .join(State, col(State.id) == col(Discrepancy.state_id))
        .where(Discrepancy.organization_id == organization_id)
        .order_by(col(Discrepancy.dataset), col(State.code), col(Discrepancy.years))
    ).all()
    return [(d, s) for d, s in rows]
