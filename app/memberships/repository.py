"""Queries for memberships and what is recorded around them (participation changes, events,
sources), and the records read as time periods (``app.temporal``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Row
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.memberships.schemas import (
    MembershipFacts,
    ParticipationPublic,
    PeriodPublic,
    Role,
    details_of,
)
from app.models import (
    Citation,
    Event,
    Membership,
    Organization,
    OrganizationLink,
    OrganizationName,
    Participation,
    Source,
    State,
)
from app.organizations.schemas import EventRef
from app.sources.repository import sources_for
from app.sources.schemas import SourcePublic
from app.temporal import Certainty, EndStatus, FuzzyDate, Mode, Period, TimeQuery, evaluate


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


def period_of(row: Membership | Participation | Row[Any]) -> Period:
    """The period of a membership or a participation change (a model or a selected row); a
    change has no end status: it is closed when it has an end."""
    end = FuzzyDate.parse(row.end_date) if row.end_date else None
    status = getattr(row, "end_status", None)
    if status is None:
        status = EndStatus.CLOSED if end else EndStatus.OPEN
    earliest = getattr(row, "earliest_start", None)
    floor = FuzzyDate.parse(earliest) if earliest else None
    return Period(FuzzyDate.parse(row.start_date), end, EndStatus(status), floor)


def period_public(row: Membership) -> PeriodPublic:
    period = period_of(row)
    return PeriodPublic(
        start=str(period.start),
        end=row.end_date,
        end_status=period.end_status,
        start_precision=period.start.precision,
        end_precision=period.end.precision if period.end else None,
        earliest_start=row.earliest_start,
        signed=row.signed,
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
        participation = participation_of(session, membership_ids=ids)
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
            sources=public_sources(cited),
            **details_of(primary),
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


# What compiling organisations (``app.memberships.compiled``) reads, a chunk at a time, as rows
# with named columns.
M, P, C = Membership.__table__.c, Participation.__table__.c, Citation.__table__.c  # type: ignore[attr-defined]
E, N = Event.__table__.c, OrganizationName.__table__.c  # type: ignore[attr-defined]
Rows = Sequence[Any]  # rows of any width, read by column name


def all_organization_ids(connection: Connection) -> list[int]:
    query = select(Organization.__table__.c.id).order_by(Organization.__table__.c.id)  # type: ignore[attr-defined]
    return list(connection.execute(query).scalars())


def organizations_of_state(connection: Connection, state_id: int) -> list[int]:
    """The organisations in which a state has any membership."""
    query = select(M.organization_id).where(M.state_id == state_id).distinct()
    return sorted(connection.execute(query).scalars())


def state_rows(connection: Connection) -> Rows:
    s = State.__table__.c  # type: ignore[attr-defined]
    return connection.execute(sa_select(s.id, s.code, s.name, s.kind)).all()


def source_rows(connection: Connection, ids: Iterable[int] | None) -> Rows:
    """Sources (all of them when ``ids`` is None)."""
    query = sa_select(Source.__table__)  # type: ignore[attr-defined]
    if ids is None:
        return connection.execute(query).all()
    wanted = sorted(ids)
    return [
        row
        for chunk in _chunks(wanted)
        for row in connection.execute(query.where(Source.__table__.c.id.in_(chunk)))  # type: ignore[attr-defined]
    ]


def event_rows(connection: Connection, ids: Iterable[int]) -> Rows:
    query = sa_select(E.id, E.key, E.type, E.date, E.title)
    return [
        row
        for chunk in _chunks(sorted(ids))
        for row in connection.execute(query.where(E.id.in_(chunk)))
    ]


def _chunks(ids: list[int], size: int = 500) -> Iterable[list[int]]:
    return (ids[i : i + size] for i in range(0, len(ids), size))


@dataclass(frozen=True)
class ChunkRows:
    """Everything recorded about the memberships of a chunk of organisations."""

    organizations: Rows  # id, slug, founded, dissolved, signed
    links: Rows  # predecessor_id, successor_id, date, predecessor, successor (slugs)
    names: Rows  # organization_id, name, lang, kind, valid_from, valid_until (by id)
    memberships: Rows  # one per citation (source_id may be None), by organisation and start
    changes: Rows  # participation changes, by start
    change_sources: Rows  # subject_id, source_id, in citation order
    events: Rows  # the organisations' own events, by date
    event_sources: Rows  # subject_id, source_id, in citation order


def chunk_rows(connection: Connection, chunk: list[int]) -> ChunkRows:
    o = Organization.__table__.c  # type: ignore[attr-defined]
    in_chunk = M.organization_id.in_(chunk)
    memberships = (
        sa_select(*M, C.source_id)  # the whole row: its details come with it
        .outerjoin(Citation.__table__, (C.subject == "membership") & (C.subject_id == M.id))  # type: ignore[attr-defined]
        .where(in_chunk)
        .order_by(M.organization_id, M.start_date, M.id, C.id)
    )
    changes = (
        sa_select(P.id, P.membership_id, P.status, P.start_date, P.end_date, P.event_id, P.notes)
        .join(Membership.__table__, M.id == P.membership_id)  # type: ignore[attr-defined]
        .where(in_chunk)
        .order_by(P.start_date, P.id)
    )
    change_sources = (
        sa_select(C.subject_id, C.source_id)
        .join(Participation.__table__, P.id == C.subject_id)  # type: ignore[attr-defined]
        .join(Membership.__table__, M.id == P.membership_id)  # type: ignore[attr-defined]
        .where(C.subject == "participation", in_chunk)
        .order_by(C.subject_id, C.id)
    )
    events = (
        sa_select(E.id, E.organization_id, E.key, E.type, E.date, E.title)
        .where(E.organization_id.in_(chunk))
        .order_by(E.date, E.id)
    )
    event_sources = (
        sa_select(C.subject_id, C.source_id)
        .join(Event.__table__, E.id == C.subject_id)  # type: ignore[attr-defined]
        .where(C.subject == "event", E.organization_id.in_(chunk))
        .order_by(C.subject_id, C.id)
    )
    before, after = Organization.__table__.alias(), Organization.__table__.alias()  # type: ignore[attr-defined]
    lk = OrganizationLink.__table__.c  # type: ignore[attr-defined]
    links = (
        sa_select(
            lk.predecessor_id,
            lk.successor_id,
            lk.date,
            before.c.slug.label("predecessor"),
            after.c.slug.label("successor"),
        )
        .join(before, before.c.id == lk.predecessor_id)
        .join(after, after.c.id == lk.successor_id)
        .where(lk.predecessor_id.in_(chunk) | lk.successor_id.in_(chunk))
        .order_by(lk.date, lk.id)
    )
    run = connection.execute
    return ChunkRows(
        organizations=run(
            sa_select(o.id, o.slug, o.founded, o.dissolved, o.signed).where(o.id.in_(chunk))
        ).all(),
        links=run(links).all(),
        names=run(sa_select(N).where(N.organization_id.in_(chunk)).order_by(N.id)).all(),
        memberships=run(memberships).all(),
        changes=run(changes).all(),
        change_sources=run(change_sources).all(),
        events=run(events).all(),
        event_sources=run(event_sources).all(),
    )
