"""The trace of one answer: every period of a state in an organisation, judged one by one."""

from __future__ import annotations

from sqlmodel import Session

from app.core.timequery import QueryEcho
from app.explain.schemas import Explanation, PeriodTrace
from app.memberships import repository
from app.memberships.repository import Facts, event_ref, period_of, period_public, public_sources
from app.memberships.schemas import PeriodPublic
from app.models import Membership, Organization, Participation, State
from app.organizations import repository as organizations
from app.organizations.schemas import EventRef
from app.organizations.service import reference
from app.sources.repository import sources_for
from app.sources.schemas import SourcePublic
from app.states.schemas import StateRef
from app.temporal import Precision, TimeQuery, evaluate

RULE = (
    "Periods are half-open [start, end): a state that left on D is not a member on D. A "
    "reduced date means some day in that year or month: certain when true for every such "
    "day, possible when true for some."
)


def _precision(trace: PeriodPublic) -> str:
    parts = [f"start known to the {trace.start_precision.value}"]
    if trace.end is None:
        parts.append(
            "no end: still running" if trace.end_status.value == "open" else "end not recorded"
        )
    else:
        parts.append(f"end known to the {(trace.end_precision or Precision.DAY).value}")
    return "; ".join(parts)


def explain(session: Session, org: Organization, state: State, query: TimeQuery) -> Explanation:
    assert org.id is not None
    assert state.id is not None
    rows = _periods_of(session, org.id, state.id)
    facts = Facts.load(session, rows)
    traces = [_trace(m, facts, query) for m in rows]
    members = [m for m in rows if m.role == "member"]
    overall = evaluate([period_of(m) for m in members], query)
    events = _events_naming(session, org.id, state.id)
    sources = _sources_of(session, rows)
    return Explanation(
        organization=reference(session, org, query.span.last),
        state=StateRef.of(state),
        query=QueryEcho.of(query),
        certainty=overall.certainty,
        reason=overall.reason,
        rule=RULE,
        periods=traces,
        events=events,
        sources=sources,
    )


def _periods_of(session: Session, organization_id: int, state_id: int) -> list[Membership]:
    """Every period of the state in the organisation, in any role."""
    return [
        m
        for m, s in repository.of_organization(session, organization_id=organization_id)
        if s.id == state_id
    ]


def _sources_of(session: Session, rows: list[Membership]) -> list[SourcePublic]:
    cited = sources_for(session, subject="membership", ids=[m.id or 0 for m in rows])
    return public_sources([s for group in cited.values() for s in group])


def _trace(m: Membership, facts: Facts, query: TimeQuery) -> PeriodTrace:
    """One period judged alone, with what is recorded about it."""
    verdict = evaluate([period_of(m)], query)
    public = period_public(m)
    return PeriodTrace(
        role=m.role,
        period=public,
        verdict=verdict.certainty,
        reason=verdict.reason,
        precision=_precision(public),
        participation=[_participation(p) for p in facts.participation.get(m.id or 0, [])],
        start_event=facts.event(m.start_event_id),
        end_event=facts.event(m.end_event_id),
        notes=m.notes,
        sources=public_sources(facts.membership_sources.get(m.id or 0, [])),
    )


def _participation(change: Participation) -> str:
    said = f"{change.status} from {change.start_date}"
    return said + (f" to {change.end_date}" if change.end_date else "")


def _events_naming(session: Session, organization_id: int, state_id: int) -> list[EventRef]:
    """The organisation's events that name the state."""
    events = list(organizations.events_of(session, organization_id=organization_id))
    naming = organizations.event_states(session, event_ids=[e.id or 0 for e in events])
    mine = [e for e in events if any(s.id == state_id for s in naming.get(e.id or 0, []))]
    return [ref for e in mine if (ref := event_ref(e)) is not None]
