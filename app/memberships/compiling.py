"""Compiling organisations (``app.memberships.compiled``) from the database with plain SQL.

Organisations are read a chunk at a time, each chunk in a handful of queries (memberships with
their states, citations, participation changes, events, sources), so that compiling every
organisation of a large database holds only one chunk's rows at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby, islice
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, select
from sqlmodel import Session

from app.memberships.compiled import (
    ROLES,
    Catalog,
    CompiledOrganization,
    ParticipationRow,
    date_json,
    dumps,
)
from app.models import (
    Citation,
    Event,
    Membership,
    Organization,
    OrganizationName,
    Participation,
    Source,
    State,
)
from app.organizations.schemas import EventRef
from app.organizations.service import name_period_of
from app.sources.schemas import SourcePublic
from app.temporal import EndStatus, FuzzyDate, Period, period_bounds

CHUNK = 200  # organisations read together
M, P, C = Membership.__table__.c, Participation.__table__.c, Citation.__table__.c  # type: ignore[attr-defined]
E = Event.__table__.c  # type: ignore[attr-defined]


class Stopped(Exception):
    """Compiling was asked to stop (the app is shutting down)."""


END_STATUSES = {status.value: status for status in EndStatus}


@lru_cache(maxsize=1 << 16)
def _ordinals(text: str) -> tuple[int, int]:
    return FuzzyDate.parse(text).ordinals()


def _period(start: str, end: str | None) -> Period:
    """A participation change's period (``app.memberships.service.period_of``)."""
    status = EndStatus.CLOSED if end else EndStatus.OPEN
    return Period(FuzzyDate.parse(start), FuzzyDate.parse(end) if end else None, status)


def _chunks(ids: Sequence[int], size: int) -> Iterator[list[int]]:
    it = iter(ids)
    while chunk := list(islice(it, size)):
        yield chunk


def compile_organizations(
    connection: Connection,
    organization_ids: Sequence[int] | None = None,
    *,
    stop: Callable[[], bool] = lambda: False,
) -> dict[str, CompiledOrganization]:
    """Compile the organisations ``organization_ids`` (default: all), keyed by slug."""
    catalog = Catalog()
    state_names: dict[int, str] = {}
    for state_id, code, name in connection.execute(select(State.id, State.code, State.name)):  # type: ignore[call-overload]
        catalog.states[state_id] = dumps({"code": code, "name": name})
        catalog.codes[code] = state_id
        catalog.state_names[state_id] = name
        catalog.state_codes[state_id] = code
        state_names[state_id] = name
    if organization_ids is None:
        ids = list(connection.execute(select(Organization.id).order_by(Organization.id)).scalars())  # type: ignore[call-overload]
        _load_sources(connection, catalog, None)
    else:
        ids = sorted(set(organization_ids))
    compiled: dict[str, CompiledOrganization] = {}
    try:
        for chunk in _chunks(ids, CHUNK):
            if stop():
                raise Stopped
            _compile_chunk(connection, chunk, catalog, state_names, compiled)
    finally:
        # tens of thousands of dates read once: their memory goes back to what serves next
        _ordinals.cache_clear()
    return compiled


def compile_organization(session: Session, org: Organization) -> CompiledOrganization:
    """One organisation, compiled in ``session`` (a snapshot's session too)."""
    assert org.id is not None
    return compile_organizations(session.connection(), [org.id])[org.slug]


def _load_sources(connection: Connection, catalog: Catalog, ids: set[int] | None) -> None:
    query = select(Source.__table__)  # type: ignore[attr-defined]
    if ids is not None:
        ids -= catalog.sources.keys()
        if not ids:
            return
        query = query.where(Source.__table__.c.id.in_(sorted(ids)))  # type: ignore[attr-defined]
    for row in connection.execute(query):
        source = SourcePublic.model_validate(dict(row._mapping))
        catalog.sources[source.id] = dumps(source.model_dump(mode="json"))


def _events(connection: Connection, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    found = {}
    for chunk in _chunks(sorted(ids), 500):
        query = select(Event.id, Event.key, Event.type, Event.date, Event.title).where(  # type: ignore[call-overload]
            Event.id.in_(chunk)  # type: ignore[union-attr]
        )
        for event_id, key, kind, day, title in connection.execute(query):
            ref = EventRef(id=event_id, key=key, type=kind, date=day, title=title)
            found[event_id] = dumps(ref.model_dump(mode="json"))
    return found


def _cited(connection: Connection, query: Any) -> dict[int, tuple[int, ...]]:
    """Subject id -> its unique source ids in citation order."""
    found: dict[int, list[int]] = defaultdict(list)
    for subject_id, source_id in connection.execute(query):
        found[subject_id].append(source_id)
    return {k: tuple(dict.fromkeys(v)) for k, v in found.items()}


def _compile_chunk(
    connection: Connection,
    chunk: list[int],
    catalog: Catalog,
    state_names: dict[int, str],
    compiled: dict[str, CompiledOrganization],
) -> None:
    in_chunk = M.organization_id.in_(chunk)
    orgs = connection.execute(
        select(Organization.id, Organization.slug, Organization.founded).where(  # type: ignore[call-overload]
            Organization.id.in_(chunk)  # type: ignore[union-attr]
        )
    ).all()
    names: dict[int, list[Any]] = defaultdict(list)
    name_rows = select(OrganizationName.__table__).where(  # type: ignore[attr-defined]
        OrganizationName.__table__.c.organization_id.in_(chunk)  # type: ignore[attr-defined]
    )
    for row in connection.execute(name_rows.order_by(OrganizationName.__table__.c.id)):  # type: ignore[attr-defined]
        names[row.organization_id].append(row)
    rows = _plain_rows(
        connection,
        select(M.id, M.organization_id, M.state_id, M.role, M.founding, M.start_date)
        .add_columns(M.end_date, M.end_status, M.start_event_id, M.end_event_id, M.notes)
        .add_columns(C.source_id)
        .outerjoin(
            Citation.__table__,  # type: ignore[attr-defined]
            (C.subject == "membership") & (C.subject_id == M.id),
        )
        .where(in_chunk)
        .order_by(M.organization_id, M.start_date, M.id, C.id),
    )
    cited: dict[int, tuple[int, ...]] = {}
    for membership_id, together in groupby(rows, key=itemgetter(0)):
        cited[membership_id] = tuple(dict.fromkeys(r[11] for r in together if r[11] is not None))
    changes = connection.execute(
        select(P.id, P.membership_id, P.status, P.start_date, P.end_date, P.event_id, P.notes)
        .join(Membership.__table__, M.id == P.membership_id)  # type: ignore[attr-defined]
        .where(in_chunk)
        .order_by(P.start_date, P.id)
    ).all()
    change_sources = _cited(
        connection,
        select(C.subject_id, C.source_id)
        .join(Participation.__table__, P.id == C.subject_id)  # type: ignore[attr-defined]
        .join(Membership.__table__, M.id == P.membership_id)  # type: ignore[attr-defined]
        .where(C.subject == "participation", in_chunk)
        .order_by(C.subject_id, C.id),
    )
    own_events = connection.execute(
        select(E.id, E.organization_id, E.key, E.type, E.date, E.title)
        .where(E.organization_id.in_(chunk))
        .order_by(E.date, E.id)
    ).all()
    event_sources = _cited(
        connection,
        select(C.subject_id, C.source_id)
        .join(Event.__table__, E.id == C.subject_id)  # type: ignore[attr-defined]
        .where(C.subject == "event", E.organization_id.in_(chunk))
        .order_by(C.subject_id, C.id),
    )
    cited_lists = (*cited.values(), *change_sources.values(), *event_sources.values())
    _load_sources(connection, catalog, {s for ids in cited_lists for s in ids})
    event_ids = {e for r in rows for e in (r[8], r[9]) if e}
    event_ids |= {p.event_id for p in changes if p.event_id}
    events = _events(connection, event_ids)
    catalog.events.update(events)
    timelines: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for event in own_events:
        timelines[event.organization_id].append(_event_entry(catalog, event, event_sources))
    by_membership: dict[int, list[Any]] = defaultdict(list)
    for change in changes:
        by_membership[change.membership_id].append(change)
    by_organization = {
        org_id: list(together) for org_id, together in groupby(rows, key=itemgetter(1))
    }
    for org_id, slug, founded in orgs:
        official = tuple(
            (dumps(n.name), name_period_of(founded, n.valid_from, n.valid_until))
            for n in names[org_id]
            if n.kind == "official" and n.lang == "en"
        )
        fallback = dumps(names[org_id][0].name if names[org_id] else slug)
        org = CompiledOrganization(slug, dumps(slug), official, fallback, catalog, id=org_id)
        parts = Parts(cited, by_membership, change_sources, events)
        _fill(org, by_organization.get(org_id, []), state_names, parts)
        org.events.extend(sorted(timelines[org_id], key=lambda e: (e[0], e[1])))
        compiled[slug] = org


def _event_entry(
    catalog: Catalog, event: Any, event_sources: dict[int, tuple[int, ...]]
) -> tuple[int, int, str]:
    """An event's ``TimelineEntry`` JSON, with the bounds of its date."""
    ref = EventRef(id=event.id, key=event.key, type=event.type, date=event.date, title=event.title)
    lo, hi = _ordinals(event.date)
    _, precision = date_json(lo, hi)
    sources = catalog.sources_json(event_sources.get(event.id, ()))
    text = (
        f'{{"date":{dumps(event.date)},"precision":{precision},"kind":"event",'
        f'"type":{dumps(event.type)},"title":{dumps(event.title)},"state":null,'
        f'"event":{dumps(ref.model_dump(mode="json"))},"sources":{sources}}}'
    )
    return lo, hi, text


@dataclass(frozen=True)
class Parts:
    """A chunk's records around its memberships, by membership (or participation) id."""

    cited: dict[int, tuple[int, ...]]
    participation: dict[int, list[Any]]
    participation_sources: dict[int, tuple[int, ...]]
    events: dict[int, str]


def _plain_rows(connection: Connection, statement: Any) -> list[tuple[Any, ...]]:
    """``statement``'s rows as the driver returns them: plain tuples, no result processing
    (the big query of a chunk; its columns are integers, text and booleans)."""
    compiled = statement.compile(
        dialect=connection.dialect, compile_kwargs={"render_postcompile": True}
    )
    params: Any = compiled.params
    if compiled.positiontup is not None:
        params = tuple(params[name] for name in compiled.positiontup)
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(str(compiled), params)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _fill(
    org: CompiledOrganization,
    rows: list[tuple[Any, ...]],
    state_names: dict[int, str],
    parts: Parts,
) -> None:
    """Lay one organisation's membership rows out in ``org``'s arrays, group by group.

    ``rows`` come by start, one per citation (or one without): a group keeps them in that order.
    """
    catalog = org.catalog
    groups: dict[tuple[int, str], list[tuple[int, tuple[Any, ...]]]] = defaultdict(list)
    last, position = None, 0
    for row in rows:
        if row[0] != last:
            groups[(row[2], row[3])].append((position, row))
            last, position = row[0], position + 1
    by_start = [0] * position
    ordered = sorted(groups, key=lambda key: (state_names[key[0]], key[1]))
    for number, key in enumerate(ordered):
        org.group_states.append(key[0])
        org.group_roles.append(ROLES.index(key[1]))
        for position, row in groups[key]:
            by_start[position] = org.size
            membership_id, _, _, _, founding, start, end, status, start_event, end_event, notes = (
                row[:11]
            )
            s_lo, s_hi, e_lo, e_hi = period_bounds(
                _ordinals(start), _ordinals(end) if end else None, END_STATUSES[status]
            )
            org.s_lo.append(s_lo)
            org.s_hi.append(s_hi)
            org.e_lo.append(e_lo)
            org.e_hi.append(e_hi)
            org.add_dates(start, end)
            org.founding.append(1 if founding else 0)
            org.group_of.append(number)
            org.source_lists.append(catalog.source_list(parts.cited[membership_id]))
            if start_event or end_event:
                org.events_of[len(org.s_lo) - 1] = (start_event or 0, end_event or 0)
            changes = parts.participation.get(membership_id)
            if changes:
                index = len(org.s_lo) - 1
                org.participation[index] = tuple(
                    (p.status, _period(p.start_date, p.end_date)) for p in changes
                )
                org.participation_rows[index] = tuple(
                    ParticipationRow(
                        p.status,
                        p.start_date,
                        p.end_date,
                        p.event_id or 0,
                        parts.participation_sources.get(p.id, ()),
                    )
                    for p in changes
                )
            if changes or start_event or end_event or notes is not None:
                tail = catalog.tails.number(_tail(catalog, row, changes or [], parts))
            else:
                tail = 0  # PLAIN_TAIL
            org.tails.append(tail)
        org.offsets.append(org.size)
    org.by_start.extend(by_start)


def _tail(catalog: Catalog, row: tuple[Any, ...], participation: list[Any], parts: Parts) -> str:
    """The record's fields after the participation status, as JSON text."""

    def event(event_id: int | None) -> str:
        return parts.events.get(event_id, "null") if event_id else "null"

    changes = ",".join(
        f'{{"status":{dumps(p.status)},"start":{dumps(p.start_date)},"end":{dumps(p.end_date)},'
        f'"event":{event(p.event_id)},"notes":{dumps(p.notes)},'
        f'"sources":{catalog.sources_json(parts.participation_sources.get(p.id, ()))}}}'
        for p in participation
    )
    return (
        f'"participation_changes":[{changes}],"start_event":{event(row[8])},'
        f'"end_event":{event(row[9])},"notes":{dumps(row[10])}'
    )
