"""Queries for releases and the audit trail."""

from __future__ import annotations

from sqlmodel import Session, col, func, select

from app.models import AuditEntry, Event, Membership, Organization, Release, Source, State


def feed(
    session: Session, *, after: int, limit: int, organization_id: int | None
) -> list[tuple[AuditEntry, Release]]:
    query = (
        select(AuditEntry, Release)
        .join(Release, col(Release.id) == col(AuditEntry.release_id))
        .where(col(AuditEntry.id) > after)
        .order_by(col(AuditEntry.id))
        .limit(limit)
    )
    if organization_id is not None:
        query = query.where(AuditEntry.organization_id == organization_id)
    return [(e, r) for e, r in session.exec(query).all()]


def slugs(session: Session) -> dict[int, str]:
    return {o.id or 0: o.slug for o in session.exec(select(Organization)).all()}


def latest(session: Session) -> Release | None:
    return session.exec(select(Release).order_by(col(Release.id).desc()).limit(1)).first()


def counts(session: Session) -> dict[str, int]:
    tables = {
        "organizations": Organization,
        "states": State,
        "memberships": Membership,
        "events": Event,
        "sources": Source,
    }
    return {
        name: int(session.exec(select(func.count()).select_from(model)).one())
        for name, model in tables.items()
    }
