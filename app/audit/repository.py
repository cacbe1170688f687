"""Queries for releases and the audit trail."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, func, select

from app.models import (
    AuditEntry,
    Event,
    Membership,
    Organization,
    Participation,
    Release,
    Source,
    State,
)


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


# Which organisations some releases changed, read from the audit trail, so that an index
# (``app.memberships.store``) compiles only those again after a write.
#
# Every write records, per row, its table and its images before and after
# (``app.audit.recorder``). A row names its organisation itself (a membership, an event, a name),
# is one (an organisation), or leads to one (a participation through its membership, a citation
# through its subject). Anything else — a source or a state changed, a row whose organisation can
# no longer be found, a release whose entries are not all there (a bulk load) — may change answers
# of any organisation: then the answer is None, and everything is compiled again.
#
R = Release.__table__.c  # type: ignore[attr-defined]
A = AuditEntry.__table__.c  # type: ignore[attr-defined]
M = Membership.__table__.c  # type: ignore[attr-defined]
P = Participation.__table__.c  # type: ignore[attr-defined]
E = Event.__table__.c  # type: ignore[attr-defined]

# a new source changes nothing until something cites it (and the citation is a change of its own)
HARMLESS_INSERTS = {"source"}


def changed_organizations(connection: Connection, since: int, until: int) -> set[int] | None:
    """The ids of the organisations whose answers the releases after ``since`` up to ``until``
    may have changed; None when the audit trail cannot tell (compile everything)."""
    recorded = connection.execute(
        sa_select(func.coalesce(func.sum(R.changes), 0)).where(R.id > since, R.id <= until)
    ).scalar_one()
    entries = connection.execute(
        sa_select(A.table_name, A.action, A.row_id, A.before, A.after).where(
            A.release_id > since, A.release_id <= until
        )
    ).all()
    if len(entries) != recorded:
        return None
    found: set[int] = set()
    for table, action, row_id, before, after in entries:
        if action == "insert" and table in HARMLESS_INSERTS:
            continue
        for text in (before, after):
            if text is None:
                continue
            organization = _organization_of(connection, table, row_id, json.loads(text))
            if organization is None:
                return None
            found.add(organization)
    return found


def _organization_of(
    connection: Connection, table: str, row_id: int, image: dict[str, Any]
) -> int | None:
    if isinstance(image.get("organization_id"), int):
        return int(image["organization_id"])
    if table == "organization":
        return row_id
    if table == "participation":
        return _owner(connection, M, image.get("membership_id"))
    if table == "event_state":
        return _owner(connection, E, image.get("event_id"))
    if table == "citation":
        subject, subject_id = image.get("subject"), image.get("subject_id")
        if subject == "organization" and isinstance(subject_id, int):
            return subject_id
        if subject == "membership":
            return _owner(connection, M, subject_id)
        if subject == "event":
            return _owner(connection, E, subject_id)
        if subject == "participation":
            membership = connection.execute(
                sa_select(P.membership_id).where(P.id == subject_id)
            ).scalar_one_or_none()
            return _owner(connection, M, membership)
    return None  # a source, a state, or a row that leads nowhere any more


def _owner(connection: Connection, table: Any, row_id: Any) -> int | None:
    """The organisation of row ``row_id`` of ``table`` (a membership's or an event's columns)."""
    if not isinstance(row_id, int):
        return None
    found = connection.execute(sa_select(table.organization_id).where(table.id == row_id))
    organization: int | None = found.scalar_one_or_none()
    return organization
