"""Queries for memberships and the participation changes inside them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlmodel import Session, col, select

from app.models import Membership, Organization, Participation, State


def of_organization(
    session: Session, *, organization_id: int, role: str | None = None
) -> list[tuple[Membership, State]]:
    query = (
        select(Membership, State)
        .join(State, col(State.id) == col(Membership.state_id))
        .where(Membership.organization_id == organization_id)
        .order_by(col(State.name), col(Membership.start_date))
    )
    if role is not None:
        query = query.where(Membership.role == role)
    return [(m, s) for m, s in session.exec(query).all()]


def of_state(
    session: Session, *, state_id: int, organization_id: int | None = None
) -> list[tuple[Membership, Organization]]:
    query = (
        select(Membership, Organization)
        .join(Organization, col(Organization.id) == col(Membership.organization_id))
        .where(Membership.state_id == state_id)
        .order_by(col(Organization.slug), col(Membership.start_date))
    )
    if organization_id is not None:
        query = query.where(Membership.organization_id == organization_id)
    return [(m, o) for m, o in session.exec(query).all()]


def participation_of(
    session: Session, *, membership_ids: Iterable[int]
) -> dict[int, list[Participation]]:
    found: dict[int, list[Participation]] = defaultdict(list)
    ids = sorted(set(membership_ids))
    if ids:
        rows = session.exec(
            select(Participation)
            .where(col(Participation.membership_id).in_(ids))
            .order_by(col(Participation.start_date))
        ).all()
        for row in rows:
            found[row.membership_id].append(row)
    return found
