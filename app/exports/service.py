"""The rows of every exportable table, and the members of an organisation as year tables."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlmodel import Session, col, select

from app.core.timequery import today
from app.datasets.reconcile import CowCodes
from app.exports.stateyear import Member, YearRule, dyad_years, state_years
from app.memberships import repository as memberships
from app.memberships.repository import period_of
from app.memberships.schemas import details_of
from app.models import Membership, Organization, Source, State
from app.organizations import repository as organizations
from app.organizations.service import events_public, existence, search
from app.sources.repository import sources_for
from app.sources.schemas import SourcePublic
from app.states import service as states

TABLES = ("organizations", "states", "memberships", "events", "sources")


def rows(session: Session, table: str) -> Iterator[Any]:
    if table == "organizations":
        yield from search(session, kind=None, q=None, active=None)
    elif table == "states":
        yield from (
            states.summary(s) for s in session.exec(select(State).order_by(col(State.code)))
        )
    elif table == "memberships":
        yield from membership_rows(session)
    elif table == "events":
        for org in organizations.list_all(session):
            yield from (
                e.model_dump(mode="json") | {"organization": org.slug}
                for e in events_public(
                    session, organizations.events_of(session, organization_id=org.id or 0)
                )
            )
    elif table == "sources":
        yield from (
            SourcePublic.model_validate(s)
            for s in session.exec(select(Source).order_by(col(Source.id)))
        )


def membership_rows(session: Session) -> Iterator[dict[str, Any]]:
    query = (
        select(Membership, Organization.slug, State.code)
        .join(Organization, col(Organization.id) == col(Membership.organization_id))
        .join(State, col(State.id) == col(Membership.state_id))
        .order_by(col(Organization.slug), col(State.code), col(Membership.start_date))
    )
    found = session.exec(query).all()
    cited = sources_for(session, subject="membership", ids=[m.id or 0 for m, _, _ in found])
    changes = memberships.participation_of(session, membership_ids=[m.id or 0 for m, _, _ in found])
    for m, slug, code in found:
        yield {
            "id": m.id,
            "organization": slug,
            "state": code,
            "role": m.role,
            "founding": m.founding,
            "start": m.start_date,
            "earliest_start": m.earliest_start,
            "signed": m.signed,
            "end": m.end_date,
            "end_status": m.end_status,
            "participation": [
                f"{p.status} {p.start_date}..{p.end_date or ''}" for p in changes.get(m.id or 0, [])
            ],
            "sources": [s.key for s in cited.get(m.id or 0, [])],
            **details_of(m),
        }


def year_members(session: Session, org: Organization) -> list[Member]:
    """The organisation's full members with their periods and COW codes."""
    assert org.id is not None
    rows_ = memberships.of_organization(session, organization_id=org.id, role="member")
    codes = CowCodes(session)
    by_state: dict[str, tuple[State, list[Membership]]] = {}
    for m, state in rows_:
        by_state.setdefault(state.code, (state, []))[1].append(m)
    out = []
    for code, (state, ms) in sorted(by_state.items()):
        holder = next((c for c, s in codes.rows if s.code == code), None)
        ccode = holder.ccode if holder else state.cow_ccode
        abbrev = holder.abbrev if holder else state.cow_abbrev
        out.append(Member(code, ccode, abbrev, tuple(period_of(m) for m in ms)))
    return out


YEAR_COLUMNS = {
    "state-year": ["ccode", "stateabb", "state", "year", "member", "certainty"],
    "dyad-year": ["ccode1", "ccode2", "state1", "state2", "year", "member", "certainty"],
}


def year_table(
    session: Session,
    org: Organization,
    kind: str,
    rule: YearRule,
    first: int | None = None,
    last: int | None = None,
) -> tuple[Iterator[dict[str, object]], list[str]]:
    """The rows and columns of a state-year or dyad-year table, over the organisation's life."""
    life = existence(org)
    start = first or life.start.earliest.year
    end = last or (life.end.latest.year if life.end else today().year)
    if end < start:
        raise ValueError(f"{end} is before {start}")
    make = state_years if kind == "state-year" else dyad_years
    return make(year_members(session, org), range(start, end + 1), rule), YEAR_COLUMNS[kind]
