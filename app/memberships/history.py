"""An organisation's changes (joins, departures, changes of role and of participation) and its
timeline, read from the compiled organisation (``app.memberships.compiled``)."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from app.core.timequery import QueryEcho
from app.memberships.compiled import PRECISIONS, CompiledOrganization, dumps, json_string
from app.memberships.schemas import ChangeType
from app.temporal import Certainty, FuzzyDate, Span, TimeQuery, date_in_span

JOINED, LEFT = ChangeType.JOINED.value, ChangeType.LEFT.value
ROLE_CHANGED, PARTICIPATION = ChangeType.ROLE_CHANGED.value, ChangeType.PARTICIPATION_CHANGED.value
VERBS = {
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
    type: str
    state: int
    role: str
    event: int  # 0: none
    sources: tuple[int, ...]
    participation: str | None = None
    previous_role: str | None = None


def _bounds(text: str) -> tuple[int, int]:
    return FuzzyDate.parse(text).ordinals()


def moves(c: CompiledOrganization) -> list[Move]:
    """Every change, by date, then state name, then type; a departure and a join of the same
    state on the same date are one change of role."""
    catalog = c.catalog
    names, dates = catalog.state_names, catalog.dates.texts
    found: list[Move] = []
    # by state name, then start, as the memberships are listed
    for i in sorted(c.by_start, key=lambda i: names[c.state_of(i)]):
        state, role = c.state_of(i), c.role_of(i)
        sources = catalog.source_lists[c.source_lists[i]]
        s_lo, s_hi, e_lo, e_hi = c.bounds(i)
        start = dates[c.starts[i]][1:-1]
        opened, closed = c.events_of.get(i, (0, 0))
        found.append(Move(start, s_lo, s_hi, JOINED, state, role, opened, sources))
        if c.ended(i):
            end = dates[c.ends[i]][1:-1]
            found.append(Move(end, e_lo, e_hi, LEFT, state, role, closed, sources))
        for p in c.participation_rows.get(i, ()):
            cites = p.sources or sources
            lo, hi = _bounds(p.start)
            found.append(
                Move(p.start, lo, hi, PARTICIPATION, state, role, p.event, cites, p.status)
            )
            if p.end:
                lo, hi = _bounds(p.end)
                found.append(Move(p.end, lo, hi, PARTICIPATION, state, role, 0, cites, "active"))
    paired = _pair_role_changes(found, catalog.state_codes)
    return sorted(paired, key=lambda m: (m.lo, m.hi, names[m.state], m.type))


def _pair_role_changes(found: list[Move], codes: dict[int, str]) -> list[Move]:
    """A departure and a join of the same state on the same date is one change of role."""
    joins = {(m.date, codes[m.state]): m for m in found if m.type == JOINED}
    out = []
    paired = set()
    for m in found:
        join = joins.get((m.date, codes[m.state]))
        if m.type == LEFT and join is not None and join.role != m.role:
            paired.add((m.date, codes[m.state]))
            sources = join.sources + m.sources
            out.append(join._replace(type=ROLE_CHANGED, previous_role=m.role, sources=sources))
        elif m.type != JOINED:
            out.append(m)
    return out + [m for key, m in joins.items() if key not in paired]


def _event(c: CompiledOrganization, event: int) -> str:
    return c.catalog.events.get(event, "null") if event else "null"


def changes_json(c: CompiledOrganization, span: Span) -> bytes:
    """``ChangesAnswer`` JSON: the changes that may fall in ``span``, and how certainly."""
    texts = []
    for m in moves(c):
        certainty = date_in_span(FuzzyDate.between(m.lo, m.hi), span)
        if certainty is Certainty.NO:
            continue
        texts.append(
            f'{{"date":"{m.date}","precision":{PRECISIONS[len(m.date) + 2]},'
            f'"type":"{m.type}","state":{c.catalog.states[m.state]},"role":"{m.role}",'
            f'"previous_role":{dumps(m.previous_role)},"participation":{dumps(m.participation)},'
            f'"certainty":"{certainty.value}","event":{_event(c, m.event)},'
            f'"sources":{c.catalog.sources_json(m.sources)}}}'
        )
    window = dumps(QueryEcho.of(TimeQuery(span)).model_dump(mode="json"))
    return (
        f'{{"organization":{c.organization_json(span.last)},"window":{window},'
        f'"changes":[{",".join(texts)}]}}'
    ).encode()


def timeline_json(c: CompiledOrganization, today: date) -> bytes:
    """``Timeline`` JSON: the organisation's events and changes, by date, events first; the
    organisation named as on ``today``."""
    entries = list(c.events)
    for m in moves(c):
        what = m.participation if m.type == PARTICIPATION else m.role
        title = f"{c.catalog.state_names[m.state]} {VERBS[m.type]} {what}"
        entries.append(
            (
                m.lo,
                m.hi,
                f'{{"date":"{m.date}","precision":{PRECISIONS[len(m.date) + 2]},'
                f'"kind":"membership","type":"{m.type}","title":{json_string(title)},'
                f'"state":{c.catalog.states[m.state]},"event":{_event(c, m.event)},'
                f'"sources":{c.catalog.sources_json(m.sources)}}}',
            )
        )
    events = len(c.events)
    order = sorted(range(len(entries)), key=lambda k: (entries[k][0], entries[k][1], k >= events))
    listed = ",".join(entries[k][2] for k in order)
    return f'{{"organization":{c.organization_json(today)},"entries":[{listed}]}}'.encode()
