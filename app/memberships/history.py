"""An organisation's changes (joins, departures, changes of role and of participation) and its
timeline, built from the compiled organisation (``app.memberships.compiled``)."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from app.core.timequery import QueryEcho
from app.memberships.compiled import CompiledOrganization, ordinals
from app.memberships.schemas import Change, ChangesAnswer, ChangeType, Role
from app.organizations.schemas import Timeline, TimelineEntry
from app.temporal import Certainty, FuzzyDate, Precision, Span, TimeQuery, days_in_span

JOINED, LEFT, SIGNED = ChangeType.JOINED, ChangeType.LEFT, ChangeType.SIGNED
ROLE_CHANGED, PARTICIPATION = ChangeType.ROLE_CHANGED, ChangeType.PARTICIPATION_CHANGED
VERBS = {
    SIGNED: "signed, to be bound as",
    JOINED: "joined as",
    LEFT: "left as",
    ROLE_CHANGED: "became",
    PARTICIPATION: "participation became",
}


class Move(NamedTuple):  # a tuple: made by the hundred per answer
    """One change of one state's membership."""

    date: str
    lo: int  # the bounds of the date (ordinals)
    hi: int
    type: ChangeType
    state: int
    role: Role
    event: int  # 0: none
    sources: tuple[int, ...]
    participation: str | None = None
    previous_role: Role | None = None
    earliest: str | None = None  # a join whose day is not recorded: it lies from here to date


def moves(c: CompiledOrganization) -> list[Move]:
    """Every change, by date, then state name, then type; a departure and a join of the same
    state on the same date are one change of role."""
    states = c.catalog.states
    found: list[Move] = []
    # by state name, then start, as the memberships are listed
    for i in sorted(c.by_start, key=lambda i: states[c.state_of(i)].name):
        state, role = c.state_of(i), c.role_of(i)
        sources = c.catalog.cited(c.source_lists[i])
        s_lo, s_hi, e_lo, e_hi = c.bounds(i)
        opened, closed = c.events_of.get(i, (0, 0))
        floor = c.earliest_starts.get(i)
        earliest = None if floor is None else c.date_text(floor)
        joined = c.date_text(c.starts[i])
        phase = c.signatory_bounds(i)
        if phase is not None:  # signed first: a signatory until it was bound (joined)
            signed = c.date_text(c.signed[i])
            found.append(Move(signed, phase[0], phase[1], SIGNED, state, role, 0, sources))
        found.append(
            Move(joined, s_lo, s_hi, JOINED, state, role, opened, sources, earliest=earliest)
        )
        if c.ended(i):
            found.append(
                Move(c.date_text(c.ends[i]), e_lo, e_hi, LEFT, state, role, closed, sources)
            )
        for p in c.participation_rows.get(i, ()):
            cites = p.sources or sources
            lo, hi = ordinals(p.start)
            found.append(
                Move(p.start, lo, hi, PARTICIPATION, state, role, p.event, cites, p.status)
            )
            # a status that ends with the membership is not a return to active participation
            if p.end and not (c.ended(i) and p.end == c.date_text(c.ends[i])):
                lo, hi = ordinals(p.end)
                found.append(Move(p.end, lo, hi, PARTICIPATION, state, role, 0, cites, "active"))
    paired = _pair_role_changes(found, c)
    return sorted(paired, key=lambda m: (m.lo, m.hi, states[m.state].name, m.type.value))


def _pair_role_changes(found: list[Move], c: CompiledOrganization) -> list[Move]:
    """A departure and a join of the same state on the same date is one change of role."""
    codes = {m.state: c.catalog.states[m.state].code for m in found}
    joins = {(m.date, codes[m.state]): m for m in found if m.type is JOINED}
    out = []
    paired = set()
    for m in found:
        join = joins.get((m.date, codes[m.state]))
        if m.type is LEFT and join is not None and join.role != m.role:
            paired.add((m.date, codes[m.state]))
            sources = join.sources + m.sources
            out.append(join._replace(type=ROLE_CHANGED, previous_role=m.role, sources=sources))
        elif m.type is not JOINED:
            out.append(m)
    return out + [m for key, m in joins.items() if key not in paired]


def _precision(m: Move) -> Precision:
    if m.earliest is not None:  # the precision of the day by which it had happened
        return FuzzyDate.parse(m.date).precision
    return FuzzyDate.between(m.lo, m.hi).precision


def changes(c: CompiledOrganization, span: Span) -> ChangesAnswer:
    """The changes that may fall in ``span``, and how certainly."""
    found = []
    catalog = c.catalog
    for m in moves(c):
        certainty = days_in_span(m.lo, m.hi, span)
        if certainty is Certainty.NO:
            continue
        found.append(
            Change.model_construct(
                date=m.date,
                precision=_precision(m),
                type=m.type,
                state=catalog.states[m.state],
                role=m.role,
                previous_role=m.previous_role,
                participation=m.participation,
                certainty=certainty,
                event=catalog.events.get(m.event),
                sources=catalog.sources_of(m.sources),
                earliest_date=m.earliest,
            )
        )
    return ChangesAnswer.model_construct(
        organization=c.reference(span.last),
        window=QueryEcho.of(TimeQuery(span)),
        changes=found,
    )


def timeline(c: CompiledOrganization, day: date) -> Timeline:
    """The organisation's events and changes, by date, events first; the organisation named as
    on ``day``."""
    catalog = c.catalog
    entries = [
        (
            e.lo,
            e.hi,
            TimelineEntry.model_construct(
                date=e.ref.date,
                precision=FuzzyDate.between(e.lo, e.hi).precision,
                kind="event",
                type=e.ref.type,
                title=e.ref.title,
                state=None,
                event=e.ref,
                sources=catalog.sources_of(e.sources),
            ),
        )
        for e in c.events
    ]
    for m in moves(c):
        what = m.participation if m.type is PARTICIPATION else m.role.value
        entries.append(
            (
                m.lo,
                m.hi,
                TimelineEntry.model_construct(
                    date=m.date,
                    precision=_precision(m),
                    kind="membership",
                    type=m.type.value,
                    title=f"{catalog.states[m.state].name} {VERBS[m.type]} {what}",
                    state=catalog.states[m.state],
                    event=catalog.events.get(m.event),
                    sources=catalog.sources_of(m.sources),
                    earliest_date=m.earliest,
                ),
            )
        )
    events = len(c.events)
    order = sorted(range(len(entries)), key=lambda k: (entries[k][0], entries[k][1], k >= events))
    return Timeline.model_construct(
        organization=c.reference(day), entries=[entries[k][2] for k in order]
    )
