"""Creating, changing and deleting organisations under the data's rules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlmodel import Session, or_, select
from sqlmodel.sql.expression import SelectOfScalar

from app.core.concurrency import claim_version
from app.core.errors import Conflict, InvalidParameter
from app.core.writing import cite, existing_sources, patch, reduced_date
from app.memberships import repository as memberships
from app.memberships.repository import period_of
from app.memberships.rules import outside
from app.models import (
    Discrepancy,
    Event,
    EventState,
    Membership,
    Organization,
    OrganizationLink,
    OrganizationName,
    Participation,
)
from app.organizations import repository
from app.organizations.schemas import NameWrite, OrganizationPatch, OrganizationWrite
from app.organizations.service import existence
from app.temporal import FuzzyDate, InvalidPeriod, signatory_phase

FIELDS = ("kind", "founded", "signed", "dissolved", "headquarters", "description", "notes")


def _names(session: Session, org: Organization, names: Sequence[NameWrite]) -> None:
    assert org.id is not None
    for old in repository.names_of(session, organization_ids=[org.id]).get(org.id, []):
        session.delete(old)
    for i, n in enumerate(names):
        session.add(
            OrganizationName(
                organization_id=org.id,
                name=n.name,
                lang=n.lang,
                kind=n.kind,
                valid_from=reduced_date(n.valid_from, f"names[{i}].valid_from"),
                valid_until=reduced_date(n.valid_until, f"names[{i}].valid_until"),
            )
        )


def _lifetime(session: Session, org: Organization) -> None:
    """Founding before dissolution, and every membership inside the organisation's life."""
    try:
        life = existence(org)
    except InvalidPeriod as exc:
        raise InvalidParameter(f"dissolved: {exc}", parameter="dissolved") from exc
    if org.signed is not None:
        try:
            signatory_phase(FuzzyDate.parse(org.signed), FuzzyDate.parse(org.founded))
        except InvalidPeriod as exc:
            raise InvalidParameter(
                f"signed: the signature ({org.signed}) is not before founded ({org.founded})",
                parameter="signed",
            ) from exc
    if org.id is None:
        return
    for m, state in memberships.of_organization(session, organization_id=org.id):
        if outside(period_of(m), life):
            raise Conflict(
                f"founded/dissolved: membership {m.id} of {state.code} "
                f"({m.start_date} to {m.end_date or m.end_status}) would fall outside",
                parameter="founded",
                conflicting=f"membership {m.id}",
            )


def create(session: Session, body: OrganizationWrite) -> Organization:
    if repository.get_by_slug(session, slug=body.slug) is not None:
        raise Conflict(
            f"slug: {body.slug!r} exists", parameter="slug", conflicting=f"organization {body.slug}"
        )
    sources = existing_sources(session, body.sources)
    org = Organization(
        slug=body.slug,
        kind=body.kind,
        founded=reduced_date(body.founded, "founded") or body.founded,
        signed=reduced_date(body.signed, "signed"),
        dissolved=reduced_date(body.dissolved, "dissolved"),
        headquarters=body.headquarters,
        description=body.description,
        notes=body.notes,
        **body.identifiers.model_dump(),
    )
    _lifetime(session, org)
    session.add(org)
    session.flush()
    assert org.id is not None
    _names(session, org, body.names)
    cite(session, "organization", org.id, sources)
    return org


def update(
    session: Session, org: Organization, body: OrganizationPatch, *, seen: int
) -> Organization:
    for field in ("founded", "signed", "dissolved"):
        if field in body.model_fields_set:
            setattr(body, field, reduced_date(getattr(body, field), field))
    sources = existing_sources(session, body.sources) if body.sources is not None else None
    assert org.id is not None
    org.version = claim_version(session, Organization, row_id=org.id, seen=seen)
    patch(org, body, FIELDS)
    if body.identifiers is not None:
        for field, value in body.identifiers.model_dump().items():
            setattr(org, field, value)
    _lifetime(session, org)
    session.add(org)
    if body.names is not None:
        _names(session, org, body.names)
    if sources is not None:
        cite(session, "organization", org.id, sources)
    return org


def delete(session: Session, org: Organization, *, seen: int) -> None:
    """Delete the organisation and everything recorded about it, each row in the audit."""
    assert org.id is not None
    claim_version(session, Organization, row_id=org.id, seen=seen)
    oid = org.id
    _delete_memberships(session, oid)
    _delete_events(session, oid)
    _delete_all(session, select(OrganizationName).where(OrganizationName.organization_id == oid))
    _delete_all(session, select(Discrepancy).where(Discrepancy.organization_id == oid))
    _delete_all(
        session,
        select(OrganizationLink).where(
            or_(OrganizationLink.predecessor_id == oid, OrganizationLink.successor_id == oid)
        ),
    )
    cite(session, "organization", oid, [])
    session.flush()
    session.delete(org)


def _delete_memberships(session: Session, organization_id: int) -> None:
    """The organisation's memberships, the participation changes inside them first."""
    rows = [m for m, _ in memberships.of_organization(session, organization_id=organization_id)]
    changes = memberships.participation_of(session, membership_ids=[m.id or 0 for m in rows])
    for p in (p for group in changes.values() for p in group):
        _delete_cited(session, "participation", p)
    for m in rows:
        _delete_cited(session, "membership", m)


def _delete_events(session: Session, organization_id: int) -> None:
    """The organisation's events, each with the states it names."""
    for e in repository.events_of(session, organization_id=organization_id):
        _delete_all(session, select(EventState).where(EventState.event_id == e.id))
        _delete_cited(session, "event", e)


def _delete_cited(session: Session, subject: str, row: Participation | Membership | Event) -> None:
    """A row and its citations."""
    cite(session, subject, row.id or 0, [])
    session.delete(row)


def _delete_all(session: Session, query: SelectOfScalar[Any]) -> None:
    for row in session.exec(query).all():
        session.delete(row)
