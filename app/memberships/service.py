"""Answering "who was a member when": membership rows in, three-valued answers out.

Every time judgement is delegated to ``app.temporal``; this module only gathers and shapes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, select

from app.memberships import repository
from app.memberships.schemas import (
    MembershipFacts,
    ParticipationPublic,
    PeriodPublic,
    Role,
)
from app.models import Event, Membership, Participation, Source
from app.organizations.schemas import EventRef
from app.sources.repository import sources_for
from app.sources.schemas import SourcePublic
from app.temporal import (
    Certainty,
    EndStatus,
    FuzzyDate,
    Mode,
    Period,
    TimeQuery,
    evaluate,
)


def period_of(row: Membership | Participation) -> Period:
    end = FuzzyDate.parse(row.end_date) if row.end_date else None
    if isinstance(row, Participation):
        status = EndStatus.CLOSED if end else EndStatus.OPEN
    else:
        status = EndStatus(row.end_status)
    return Period(FuzzyDate.parse(row.start_date), end, status)


def period_public(row: Membership) -> PeriodPublic:
    period = period_of(row)
    return PeriodPublic(
        start=str(period.start),
        end=row.end_date,
        end_status=period.end_status,
        start_precision=period.start.precision,
        end_precision=period.end.precision if period.end else None,
    )


def event_ref(event: Event | None) -> EventRef | None:
    if event is None or event.id is None:
        return None
    return EventRef(id=event.id, key=event.key, type=event.type, date=event.date, title=event.title)


def public_sources(sources: Sequence[Source]) -> list[SourcePublic]:
    unique = {s.id: s for s in sources}
    return [SourcePublic.model_validate(s) for s in unique.values()]


@dataclass(frozen=True)
class Facts:
    """What is recorded around a set of memberships: participation, events, sources."""

    participation: dict[int, list[Participation]]
    events: dict[int, Event]
    membership_sources: dict[int, list[Source]]
    participation_sources: dict[int, list[Source]]

    @classmethod
    def load(cls, session: Session, memberships: Sequence[Membership]) -> Facts:
        ids = [m.id for m in memberships if m.id is not None]
        participation = repository.participation_of(session, membership_ids=ids)
        changes = [p for rows in participation.values() for p in rows]
        event_ids = {i for m in memberships for i in (m.start_event_id, m.end_event_id) if i}
        event_ids |= {p.event_id for p in changes if p.event_id}
        events = session.exec(select(Event).where(col(Event.id).in_(sorted(event_ids)))).all()
        return cls(
            participation=participation,
            events={e.id: e for e in events if e.id is not None},
            membership_sources=sources_for(session, subject="membership", ids=ids),
            participation_sources=sources_for(
                session, subject="participation", ids=[p.id for p in changes if p.id]
            ),
        )

    def event(self, event_id: int | None) -> EventRef | None:
        return event_ref(self.events.get(event_id)) if event_id else None

    def facts(
        self, primary: Membership, covered: Sequence[Membership], query: TimeQuery | None
    ) -> MembershipFacts:
        """The public record of ``primary``, citing every membership in ``covered``."""
        assert primary.id is not None
        changes = self.participation.get(primary.id, [])
        status, status_certainty = participation_during(changes, query)
        cited = [s for m in covered if m.id is not None for s in self.membership_sources[m.id]]
        return MembershipFacts(
            role=Role(primary.role),
            founding=primary.founding,
            period=period_public(primary),
            participation=status,
            participation_certainty=status_certainty,
            participation_changes=[self._participation(p) for p in changes],
            start_event=self.event(primary.start_event_id),
            end_event=self.event(primary.end_event_id),
            notes=primary.notes,
            sources=public_sources(cited),
        )

    def _participation(self, row: Participation) -> ParticipationPublic:
        assert row.id is not None
        return ParticipationPublic(
            status=row.status,
            start=row.start_date,
            end=row.end_date,
            event=self.event(row.event_id),
            notes=row.notes,
            sources=public_sources(self.participation_sources[row.id]),
        )


def participation_during(
    changes: Sequence[Participation], query: TimeQuery | None
) -> tuple[str, Certainty | None]:
    """The participation status in force during the question: certain first, then possible."""
    return participation_status([(p.status, period_of(p)) for p in changes], query)


def participation_status(
    changes: Sequence[tuple[str, Period]], query: TimeQuery | None
) -> tuple[str, Certainty | None]:
    """``participation_during`` on (status, period) pairs, in their stored order."""
    if query is None:
        now = [status for status, period in changes if period.end is None]
        return (now[-1], Certainty.CERTAIN) if now else ("active", None)
    any_time = TimeQuery(query.span, Mode.ANY)
    verdicts = [(status, evaluate([period], any_time)) for status, period in changes]
    for wanted in (Certainty.CERTAIN, Certainty.POSSIBLE):
        hits = [status for status, v in verdicts if v.certainty is wanted]
        if hits:
            return hits[-1], wanted
    return "active", None
