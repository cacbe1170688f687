"""The trace of one answer: every period of a state in an organisation, judged one by one."""

from __future__ import annotations

from sqlmodel import Session

from app.core.timequery import QueryEcho
from app.explain.schemas import Explanation, PeriodTrace
from app.memberships import repository
from app.memberships.repository import Facts, event_ref, period_of, period_public, public_sources
from app.memberships.schemas import PeriodPublic
from app.models import Organization, State
from app.organizations import repository as organizations
from app.organizations.service import reference
from app.sources.repository import sources_for
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
    rows = [
        m
        for m, s in repository.of_organization(session, organization_id=org.id)
        if s.id == state.id
    ]
    facts = Facts.load(session, rows)
    traces = []
    for m in rows:
        verdict = evaluate([period_of(m)], query)
        public = period_public(m)
        traces.append(
            PeriodTrace(
                role=m.role,
                period=public,
                verdict=verdict.certainty,
                reason=verdict.reason,
                precision=_precision(public),
                participation=[
                    f"{p.status} from {p.start_date}" + (f" to {p.end_date}" if p.end_date else "")
                    for p in facts.participation.get(m.id or 0, [])
                ],
                start_event=facts.event(m.start_event_id),
                end_event=facts.event(m.end_event_id),
                notes=m.notes,
                sources=public_sources(facts.membership_sources.get(m.id or 0, [])),
            )
        )
    members = [m for m in rows if m.role == "member"]
    overall = evaluate([period_of(m) for m in members], query)
    events = list(organizations.events_of(session, organization_id=org.id))
    naming = organizations.event_states(session, event_ids=[e.id or 0 for e in events])
    mine = [e for e in events if any(s.id == state.id for s in naming.get(e.id or 0, []))]
    cited = sources_for(session, subject="membership", ids=[m.id or 0 for m in rows])
    return Explanation(
        organization=reference(session, org, query.span.last),
        state=StateRef(code=state.code, name=state.name),
        query=QueryEcho.of(query),
        certainty=overall.certainty,
        reason=overall.reason,
        rule=RULE,
        periods=traces,
        events=[ref for e in mine if (ref := event_ref(e)) is not None],
        sources=public_sources([s for group in cited.values() for s in group]),
    )
