"""Organisations' memberships compiled into compact arrays, once per release.

Compiling reads, a chunk of organisations at a time (``repository.chunk_rows``), every
membership with its state, sources, events and participation changes, and keeps per membership
only numbers: its period's four bounds (``app.temporal.Bounds``), whether it is founding, and
indexes into records shared by all (``Catalog``: states, source lists, the rest of the record as
response models, built once). The answers (``app.memberships.answers``) judge these numbers by
``app.temporal`` and build the response models: a million memberships take tens of megabytes.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from itertools import groupby
from typing import Any, Literal

from sqlalchemy import Connection

from app.memberships import repository
from app.memberships.repository import ChunkRows
from app.memberships.schemas import DETAILS, ParticipationPublic, Role, details_of
from app.organizations.schemas import EventRef, OrganizationRef
from app.organizations.service import name_in_force, name_period_of
from app.sources.schemas import SourcePublic
from app.states.schemas import StateRef
from app.temporal import (
    FOREVER,
    Bounds,
    EndStatus,
    FuzzyDate,
    Period,
    period_bounds,
    within_life,
)

ROLES = tuple(Role)
CHUNK = 200  # organisations read together


class Stopped(Exception):
    """Compiling was asked to stop (the app is shutting down)."""


@lru_cache(maxsize=1 << 16)
def ordinals(text: str) -> tuple[int, int]:
    """The earliest and latest day of a stored date, as ordinals."""
    return FuzzyDate.parse(text).ordinals()


class Interned:
    """Values numbered in the order first seen, each kept once."""

    def __init__(self) -> None:
        self.values: list[Any] = []
        self._numbers: dict[Any, int] = {}

    def number(self, value: Any) -> int:
        found = self._numbers.get(value)
        if found is None:
            found = self._numbers[value] = len(self.values)
            self.values.append(value)
        return found


@dataclass(frozen=True, slots=True)
class Tail:
    """What a membership records beyond its period: participation changes, events, details."""

    participation_changes: list[ParticipationPublic]
    start_event: EventRef | None = None
    end_event: EventRef | None = None
    details: dict[str, Any] = field(default_factory=lambda: dict.fromkeys(DETAILS))


PLAIN = Tail([])


@dataclass
class Catalog:
    """The records shared by the organisations compiled together, as response models."""

    states: dict[int, StateRef] = field(default_factory=dict)
    codes: dict[str, int] = field(default_factory=dict)  # state code -> id
    sources: dict[int, SourcePublic] = field(default_factory=dict)
    events: dict[int, EventRef] = field(default_factory=dict)
    source_lists: Interned = field(default_factory=Interned)  # tuples of source ids
    tails: list[Tail] = field(default_factory=lambda: [PLAIN])
    dates: Interned = field(default_factory=Interned)  # periods' dates as stored
    _lists: dict[tuple[int, ...], list[SourcePublic]] = field(default_factory=dict)

    def cited(self, number: int) -> tuple[int, ...]:
        ids: tuple[int, ...] = self.source_lists.values[number]
        return ids

    def sources_of(self, ids: tuple[int, ...]) -> list[SourcePublic]:
        """The sources of a list of ids (unique, in citation order), one list object per list."""
        found = self._lists.get(ids)
        if found is None:
            found = self._lists[ids] = [self.sources[i] for i in ids]
        return found


@dataclass(frozen=True, slots=True)
class ParticipationRow:
    """A participation change as recorded (for the changes and the timeline)."""

    status: str
    start: str
    end: str | None
    event: int  # 0: none
    sources: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class OwnEvent:
    """One of the organisation's events, with the bounds of its date and its sources."""

    lo: int
    hi: int
    ref: EventRef
    sources: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Link:
    """A predecessor or successor of an organisation, by slug, and when the link took effect."""

    relation: Literal["predecessor", "successor"]
    slug: str
    date: str | None


@dataclass(frozen=True)
class Life:
    """When an organisation existed: its founding to its dissolution (open while it exists)."""

    founded: str
    dissolved: str | None
    signed: str | None = None  # its founding instrument's signature, when before ``founded``

    def signed_before(self, after: int) -> str | None:
        """Its founding signature, if it came before ordinal ``after`` (a question ending before
        the signature has nothing to say of it)."""
        if self.signed is None or after <= ordinals(self.signed)[0]:
            return None
        return self.signed

    @cached_property
    def bounds(self) -> Bounds:
        end = ordinals(self.dissolved) if self.dissolved else None
        status = EndStatus.CLOSED if end else EndStatus.OPEN
        return period_bounds(ordinals(self.founded), end, status)


ALWAYS = Life("0001", None)


@dataclass
class CompiledOrganization:
    """One organisation's memberships as arrays, grouped by (state, role) in answer order.

    Group ``g`` holds the memberships ``offsets[g]:offsets[g + 1]`` (by start); membership
    ``i`` has bounds ``(s_lo[i], s_hi[i], e_lo[i], e_hi[i])``.
    """

    slug: str
    names: tuple[tuple[str, Period], ...]  # official English names, with their periods
    fallback_name: str  # the name when there is no official English one
    catalog: Catalog
    id: int = 0
    offsets: array[int] = field(default_factory=lambda: array("i", [0]))
    group_states: array[int] = field(default_factory=lambda: array("i"))
    group_roles: array[int] = field(default_factory=lambda: array("b"))
    s_lo: array[int] = field(default_factory=lambda: array("i"))
    s_hi: array[int] = field(default_factory=lambda: array("i"))
    e_lo: array[int] = field(default_factory=lambda: array("i"))
    e_hi: array[int] = field(default_factory=lambda: array("i"))
    founding: array[int] = field(default_factory=lambda: array("b"))
    source_lists: array[int] = field(default_factory=lambda: array("i"))
    tails: array[int] = field(default_factory=lambda: array("i"))  # 0: nothing beyond the period
    starts: array[int] = field(default_factory=lambda: array("i"))  # date numbers (``dates``)
    ends: array[int] = field(default_factory=lambda: array("i"))  # -1: no end
    group_of: array[int] = field(default_factory=lambda: array("i"))
    by_start: array[int] = field(default_factory=lambda: array("i"))  # indexes, by start
    # membership index -> (start event id, end event id), 0: none; only those with one
    events_of: dict[int, tuple[int, int]] = field(default_factory=dict)
    participation_rows: dict[int, tuple[ParticipationRow, ...]] = field(default_factory=dict)
    # membership index -> its participation changes (status, period), in stored order
    participation: dict[int, tuple[tuple[str, Period], ...]] = field(default_factory=dict)
    events: list[OwnEvent] = field(default_factory=list)  # the organisation's own, by date
    # membership index -> the earliest day it may have begun (date number), only those with one
    earliest_starts: dict[int, int] = field(default_factory=dict)
    # membership index -> the day it signed before being bound (date number), only those with one
    signed: dict[int, int] = field(default_factory=dict)
    life: Life = ALWAYS
    links: tuple[Link, ...] = ()  # predecessors and successors, by date

    @property
    def size(self) -> int:
        return len(self.s_lo)

    def bounds(self, i: int) -> Bounds:
        return self.s_lo[i], self.s_hi[i], self.e_lo[i], self.e_hi[i]

    def state_of(self, i: int) -> int:
        return self.group_states[self.group_of[i]]

    def role_of(self, i: int) -> Role:
        return ROLES[self.group_roles[self.group_of[i]]]

    def signatory_bounds(self, i: int) -> Bounds | None:
        """The bounds of membership ``i``'s signatory phase (``app.temporal.signatory_phase``):
        from its signature to the day it was bound; None when it was bound on signing."""
        number = self.signed.get(i)
        if number is None:
            return None
        lo, hi = ordinals(self.date_text(number))
        return lo, hi, self.s_lo[i], self.s_hi[i]

    def ended(self, i: int) -> bool:
        """Whether membership ``i`` has a recorded end (not open, not unknown)."""
        return self.e_hi[i] != FOREVER

    def date_text(self, number: int) -> str:
        text: str = self.catalog.dates.values[number]
        return text

    @cached_property
    def _constant_reference(self) -> OrganizationRef:
        name = self.names[0][0] if self.names else self.fallback_name
        return OrganizationRef(slug=self.slug, name=name)

    def reference(self, day: date) -> OrganizationRef:
        """The slug and the English name in force on ``day``."""
        if len(self.names) < 2:
            return self._constant_reference
        return OrganizationRef(slug=self.slug, name=name_in_force(self.names, day))

    @cached_property
    def breakpoints(self) -> array[int]:
        """Every day on which an answer about this organisation may change, sorted."""
        days = {*self.s_lo, *self.s_hi, *self.e_lo, *self.e_hi}
        days |= {
            b for changes in self.participation.values() for _, p in changes for b in p.bounds()
        }
        days |= {b for _, period in self.names for b in period.bounds()}
        days |= {b for event in self.events for b in (event.lo, event.hi)}
        days |= set(self.life.bounds)
        days |= {b for i in self.signed for b in self.signatory_bounds(i) or ()}
        if self.life.signed:
            days |= set(ordinals(self.life.signed))
        return array("i", sorted(days))


def interval(breakpoints: Sequence[int], day: int) -> tuple[int, int, int]:
    """Where ``day`` lies among ``breakpoints``: every comparison of the day (or the day plus
    or minus one) with a breakpoint comes out the same for two days of equal ``interval``."""
    i = bisect_left(breakpoints, day)
    after = min(breakpoints[i] - day, 2) if i < len(breakpoints) else 2
    before = min(day - breakpoints[i - 1], 2) if i else 2
    return i, before, after


def compile_organizations(
    connection: Connection,
    organization_ids: Sequence[int] | None = None,
    *,
    stop: Callable[[], bool] = lambda: False,
) -> dict[str, CompiledOrganization]:
    """Compile the organisations ``organization_ids`` (default: all), keyed by slug."""
    catalog = Catalog()
    for row in repository.state_rows(connection):
        catalog.states[row.id] = StateRef.of(row)
        catalog.codes[row.code] = row.id
    if organization_ids is None:
        ids = repository.all_organization_ids(connection)
        _load_sources(connection, catalog, None)
    else:
        ids = sorted(set(organization_ids))
    compiled: dict[str, CompiledOrganization] = {}
    try:
        for start in range(0, len(ids), CHUNK):
            if stop():
                raise Stopped
            rows = repository.chunk_rows(connection, ids[start : start + CHUNK])
            compiled |= _compile_chunk(connection, rows, catalog)
    finally:
        ordinals.cache_clear()  # dates read once: their memory goes back to what serves next
    return compiled


def compile_organization(connection: Connection, organization_id: int) -> CompiledOrganization:
    """One organisation, compiled on ``connection`` (a snapshot's too)."""
    return next(iter(compile_organizations(connection, [organization_id]).values()))


def _load_sources(connection: Connection, catalog: Catalog, ids: set[int] | None) -> None:
    if ids is not None:
        ids -= catalog.sources.keys()
        if not ids:
            return
    for row in repository.source_rows(connection, ids):
        catalog.sources[row.id] = SourcePublic.model_validate(row._mapping)


def _cited(rows: Iterable[Any]) -> dict[int, tuple[int, ...]]:
    """Subject id -> its unique source ids in citation order."""
    by_subject = _grouped(rows, "subject_id").items()
    return {k: tuple(dict.fromkeys(r.source_id for r in v)) for k, v in by_subject}


@dataclass(frozen=True)
class Parts:
    """A chunk's records around its memberships, by membership (or participation) id."""

    cited: dict[int, tuple[int, ...]]
    participation: dict[int, list[Any]]
    participation_sources: dict[int, tuple[int, ...]]


def _compile_chunk(
    connection: Connection, rows: ChunkRows, catalog: Catalog
) -> dict[str, CompiledOrganization]:
    cited = {
        membership_id: tuple(dict.fromkeys(r.source_id for r in together if r.source_id))
        for membership_id, together in groupby(rows.memberships, key=lambda r: r.id)
    }
    change_sources = _cited(rows.change_sources)
    event_sources = _cited(rows.event_sources)
    lists = (*cited.values(), *change_sources.values(), *event_sources.values())
    _load_sources(connection, catalog, {s for ids in lists for s in ids})
    _load_events(connection, rows, catalog)
    names = _grouped(rows.names, "organization_id")
    own_events: dict[int, list[OwnEvent]] = defaultdict(list)
    for e in rows.events:
        event = OwnEvent(
            *ordinals(e.date),
            EventRef.model_validate(e, from_attributes=True),
            event_sources.get(e.id, ()),
        )
        own_events[e.organization_id].append(event)
    by_organization = _grouped(rows.memberships, "organization_id")
    parts = Parts(cited, _grouped(rows.changes, "membership_id"), change_sources)
    compiled = {}
    links: dict[int, list[Link]] = defaultdict(list)
    for row in rows.links:
        links[row.successor_id].append(Link("predecessor", row.predecessor, row.date))
        links[row.predecessor_id].append(Link("successor", row.successor, row.date))
    for org_id, slug, founded, dissolved, signed in rows.organizations:
        official = tuple(
            (n.name, name_period_of(founded, n.valid_from, n.valid_until))
            for n in names[org_id]
            if n.kind == "official" and n.lang == "en"
        )
        fallback = names[org_id][0].name if names[org_id] else slug
        org = CompiledOrganization(slug, official, fallback, catalog, id=org_id)
        org.life = Life(founded, dissolved, signed)
        org.links = tuple(links[org_id])
        _fill(org, by_organization[org_id], parts)
        org.events.extend(sorted(own_events[org_id], key=lambda e: (e.lo, e.hi)))
        compiled[slug] = org
    return compiled


def _grouped(rows: Iterable[Any], key: str) -> dict[int, list[Any]]:
    """Rows by the value of their column ``key``, in their order."""
    found: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        found[getattr(row, key)].append(row)
    return found


def _load_events(connection: Connection, rows: ChunkRows, catalog: Catalog) -> None:
    """The events the chunk's memberships and participation changes name, once each."""
    ids = {e for r in rows.memberships for e in (r.start_event_id, r.end_event_id) if e}
    ids |= {p.event_id for p in rows.changes if p.event_id}
    for row in repository.event_rows(connection, ids - catalog.events.keys()):
        catalog.events[row.id] = EventRef.model_validate(row, from_attributes=True)


def _fill(org: CompiledOrganization, rows: list[Any], parts: Parts) -> None:
    """Lay one organisation's membership rows out in ``org``'s arrays, group by group.

    ``rows`` come by start, one per citation (or one without): a group keeps them in that order.
    """
    groups: dict[tuple[int, str], list[tuple[int, Any]]] = defaultdict(list)
    last, position = None, 0
    for row in rows:
        if row.id != last:
            groups[(row.state_id, row.role)].append((position, row))
            last, position = row.id, position + 1
    by_start = [0] * position
    ordered = sorted(groups, key=lambda key: (org.catalog.states[key[0]].name, key[1]))
    for number, (state_id, role) in enumerate(ordered):
        org.group_states.append(state_id)
        org.group_roles.append(ROLES.index(Role(role)))
        for position, row in groups[(state_id, role)]:
            by_start[position] = org.size
            _add(org, number, row, parts)
        org.offsets.append(org.size)
    org.by_start.extend(by_start)


def _add(org: CompiledOrganization, group: int, row: Any, parts: Parts) -> None:
    """Append membership ``row`` of ``group`` to ``org``'s arrays."""
    catalog, index = org.catalog, org.size
    end = ordinals(row.end_date) if row.end_date else None
    start = ordinals(row.start_date)
    if row.earliest_start:  # the joining day is not recorded: it lies from here to start
        start = (ordinals(row.earliest_start)[0], start[1])
        org.earliest_starts[index] = catalog.dates.number(row.earliest_start)
    if row.signed:
        org.signed[index] = catalog.dates.number(row.signed)
    bounds = within_life(period_bounds(start, end, EndStatus(row.end_status)), org.life.bounds)
    for column, value in zip((org.s_lo, org.s_hi, org.e_lo, org.e_hi), bounds, strict=True):
        column.append(value)
    org.starts.append(catalog.dates.number(row.start_date))
    org.ends.append(catalog.dates.number(row.end_date) if row.end_date else -1)
    org.founding.append(1 if row.founding else 0)
    org.group_of.append(group)
    org.source_lists.append(catalog.source_lists.number(parts.cited[row.id]))
    if row.start_event_id or row.end_event_id:
        org.events_of[index] = (row.start_event_id or 0, row.end_event_id or 0)
    changes = parts.participation.get(row.id, [])
    if changes:
        _participation(org, index, changes, parts)
    if changes or row.start_event_id or row.end_event_id or details_of(row) != PLAIN.details:
        org.tails.append(len(catalog.tails))
        catalog.tails.append(_tail(catalog, row, changes, parts))
    else:  # most memberships: nothing built
        org.tails.append(0)


def _participation(org: CompiledOrganization, index: int, changes: list[Any], parts: Parts) -> None:
    org.participation[index] = tuple((p.status, repository.period_of(p)) for p in changes)
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


def _tail(catalog: Catalog, row: Any, changes: list[Any], parts: Parts) -> Tail:
    def event(event_id: int | None) -> EventRef | None:
        return catalog.events.get(event_id) if event_id else None

    return Tail(
        participation_changes=[
            ParticipationPublic(
                status=p.status,
                start=p.start_date,
                end=p.end_date,
                event=event(p.event_id),
                notes=p.notes,
                sources=catalog.sources_of(parts.participation_sources.get(p.id, ())),
            )
            for p in changes
        ],
        start_event=event(row.start_event_id),
        end_event=event(row.end_event_id),
        details=details_of(row),
    )
