"""The membership questions the API answers: members of an organisation, a state's memberships,
the changes in a window and the timeline."""

from __future__ import annotations

from sqlmodel import Session

from app.memberships import compiled, history, holdings
from app.memberships.compiling import compile_organization
from app.memberships.schemas import (
    CertaintyFilter,
    ChangesAnswer,
    MembersAnswer,
    RoleFilter,
    StateMemberships,
)
from app.models import Organization, State
from app.organizations.schemas import Timeline
from app.organizations.service import today
from app.temporal import Span, TimeQuery


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
    held = holdings.of_state(
        session.connection(), state.id, organization.id if organization else None
    )
    state_json = compiled.dumps({"code": state.code, "name": state.name})
    body, _ = holdings.answer(held, state.id, state_json, query)
    return StateMemberships.model_validate_json(body)


def changes_answer(session: Session, *, org: Organization, span: Span) -> ChangesAnswer:
    """Who joined, left, changed role or participation in ``span`` (``app.memberships.history``)."""
    return ChangesAnswer.model_validate_json(
        history.changes_json(compile_organization(session, org), span)
    )


def timeline(session: Session, *, org: Organization) -> Timeline:
    """The organisation's events and changes in date order (``app.memberships.history``)."""
    return Timeline.model_validate_json(
        history.timeline_json(compile_organization(session, org), today())
    )
