"""Organisations' memberships compiled into compact arrays, and the members answer read from them.

Compiling reads, with plain SQL (``app.memberships.compiling``), every membership of some
organisations with its state, sources, events and participation changes, and keeps per
membership only numbers: its period's four bounds (``app.temporal.Bounds``), whether it is
founding, and indexes into texts shared by all of them (``Catalog``: states, source lists, the
rest of the record). ``members_json`` then answers any members question by the rules of
``app.temporal`` (``judge_bounds``, ``touches``, ``doubts``) and writes the JSON from those
numbers and texts, with no database and no model objects: a million memberships take tens of
megabytes. This is the only implementation of the members answer; ``members`` is the same
answer as a dict.
"""

from __future__ import annotations

import json
from array import array
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from app.core.timequery import QueryEcho
from app.memberships.schemas import CertaintyFilter, Role, RoleFilter
from app.memberships.service import participation_status
from app.organizations.service import name_in_force
from app.temporal import (
    DOUBTS_JOINED,
    END_KNOWN_ONLY,
    END_NOT_RECORDED,
    FOREVER,
    SOME_BOUND_IMPRECISE,
    START_KNOWN_ONLY,
    Bounds,
    Certainty,
    FuzzyDate,
    Mode,
    Period,
    TimeQuery,
    bounds_doubts,
    judge_bounds,
    judge_one,
    touches,
)

Json = dict[str, Any]
ROLES = tuple(role.value for role in Role)
PLAIN_TAIL = '"participation_changes":[],"start_event":null,"end_event":null,"notes":null'
ACTIVE = '"participation":"active","participation_certainty":null'


def dumps(value: Any) -> str:
    """JSON text as FastAPI encodes responses (compact, UTF-8 kept)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


json_string = json.encoder.encode_basestring  # ``dumps`` of a str, without its overhead


class Interned:
    """Texts numbered in the order first seen, each kept once."""

    def __init__(self, first: str | None = None) -> None:
        self.texts: list[str] = []
        self._numbers: dict[str, int] = {}
        if first is not None:
            self.number(first)

    def number(self, text: str) -> int:
        found = self._numbers.get(text)
        if found is None:
            found = self._numbers[text] = len(self.texts)
            self.texts.append(text)
        return found


@dataclass
class Catalog:
    """The texts shared by organisations compiled together."""

    states: dict[int, str] = field(default_factory=dict)  # state id -> StateRef JSON
    codes: dict[str, int] = field(default_factory=dict)  # state code -> id
    state_names: dict[int, str] = field(default_factory=dict)  # state id -> name
    state_codes: dict[int, str] = field(default_factory=dict)  # state id -> code
    events: dict[int, str] = field(default_factory=dict)  # event id -> EventRef JSON
    sources: dict[int, str] = field(default_factory=dict)  # source id -> SourcePublic JSON
    source_lists: list[tuple[int, ...]] = field(default_factory=list)
    source_lists_json: list[str] = field(default_factory=list)
    _source_list_numbers: dict[tuple[int, ...], int] = field(default_factory=dict)
    _sources_texts: dict[tuple[int, ...], str] = field(default_factory=dict)
    tails: Interned = field(default_factory=lambda: Interned(PLAIN_TAIL))
    dates: Interned = field(default_factory=Interned)  # periods' dates as JSON text ('"1995"')

    def source_list(self, ids: tuple[int, ...]) -> int:
        """The number of a list of source ids (unique, in citation order; loaded already)."""
        found = self._source_list_numbers.get(ids)
        if found is None:
            found = self._source_list_numbers[ids] = len(self.source_lists)
            self.source_lists.append(ids)
            self.source_lists_json.append(self.sources_json(ids))
        return found

    def sources_json(self, ids: tuple[int, ...]) -> str:
        found = self._sources_texts.get(ids)
        if found is None:
            found = self._sources_texts[ids] = "[" + ",".join(self.sources[i] for i in ids) + "]"
        return found


@dataclass(frozen=True, slots=True)
class ParticipationRow:
    """A participation change as recorded (for the changes and the timeline)."""

    status: str
    start: str
    end: str | None
    event: int  # 0: none
    sources: tuple[int, ...]


@dataclass
class CompiledOrganization:
    """One organisation's memberships as arrays, grouped by (state, role) in answer order.

    Group ``g`` holds the memberships ``offsets[g]:offsets[g + 1]`` (by start); membership
    ``i`` has bounds ``(s_lo[i], s_hi[i], e_lo[i], e_hi[i])``.
    """

    slug: str
    slug_json: str
    names: tuple[tuple[str, Period], ...]  # official English names (JSON text), with periods
    fallback_name: str  # JSON text of the name when there is no official English one
    catalog: Catalog
    id: int = 0  # the organisation's id
    offsets: array[int] = field(default_factory=lambda: array("i", [0]))
    group_states: array[int] = field(default_factory=lambda: array("i"))
    group_roles: array[int] = field(default_factory=lambda: array("b"))
    s_lo: array[int] = field(default_factory=lambda: array("i"))
    s_hi: array[int] = field(default_factory=lambda: array("i"))
    e_lo: array[int] = field(default_factory=lambda: array("i"))
    e_hi: array[int] = field(default_factory=lambda: array("i"))
    founding: array[int] = field(default_factory=lambda: array("b"))
    source_lists: array[int] = field(default_factory=lambda: array("i"))
    tails: array[int] = field(default_factory=lambda: array("i"))
    starts: array[int] = field(default_factory=lambda: array("i"))  # date numbers (``dates``)
    ends: array[int] = field(default_factory=lambda: array("i"))  # -1: no end
    group_of: array[int] = field(default_factory=lambda: array("i"))
    by_start: array[int] = field(default_factory=lambda: array("i"))  # indexes, by start
    # membership index -> (start event id, end event id), 0: none; only those with one
    events_of: dict[int, tuple[int, int]] = field(default_factory=dict)
    participation_rows: dict[int, tuple[ParticipationRow, ...]] = field(default_factory=dict)
    # the organisation's own events as TimelineEntry JSON, by date, with their date's bounds
    events: list[tuple[int, int, str]] = field(default_factory=list)
    # membership index -> its participation changes (status, period), in stored order
    participation: dict[int, tuple[tuple[str, Period], ...]] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.s_lo)

    def bounds(self, i: int) -> Bounds:
        return self.s_lo[i], self.s_hi[i], self.e_lo[i], self.e_hi[i]

    def __post_init__(self) -> None:
        # with one name or none, the reference is the same on every day
        name = self.names[0][0] if self.names else self.fallback_name
        self._constant_ref = f'{{"slug":{self.slug_json},"name":{name}}}'

    def organization_json(self, day: date) -> str:
        """``OrganizationRef`` JSON: the slug and the name in force on ``day``."""
        if len(self.names) < 2:
            return self._constant_ref
        return f'{{"slug":{self.slug_json},"name":{name_in_force(self.names, day)}}}'

    def state_of(self, i: int) -> int:
        return self.group_states[self.group_of[i]]

    def role_of(self, i: int) -> str:
        return ROLES[self.group_roles[self.group_of[i]]]

    def add_dates(self, start: str, end: str | None) -> None:
        """Number a period's dates as stored (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, written
        canonically), for ``period_json``."""
        dates = self.catalog.dates
        self.starts.append(dates.number(f'"{start}"'))
        self.ends.append(dates.number(f'"{end}"') if end else -1)

    def ended(self, i: int) -> bool:
        """Whether membership ``i`` has a recorded end (not open, not unknown)."""
        return self.e_hi[i] != FOREVER


@lru_cache(maxsize=1 << 12)
def date_json(earliest: int, latest: int) -> tuple[str, str]:
    """The date between two ordinals as JSON text, with its precision as JSON text."""
    when = FuzzyDate.between(earliest, latest)
    return f'"{when}"', f'"{when.precision.value}"'


PRECISIONS = {6: '"year"', 9: '"month"', 12: '"day"'}  # by the length of a date's JSON text


def period_json(c: CompiledOrganization, i: int) -> str:
    """``PeriodPublic`` JSON of membership ``i``'s period."""
    return _period(c.catalog.dates.texts, c.starts[i], c.ends[i], c.e_lo[i], c.e_hi[i])


def _period(dates: list[str], start_date: int, end_date: int, e_lo: int, e_hi: int) -> str:
    start = dates[start_date]
    if e_lo == FOREVER:
        end, status, end_precision = "null", "open", "null"
    elif e_hi == FOREVER:
        end, status, end_precision = "null", "unknown", "null"
    else:
        end = dates[end_date]
        status, end_precision = "closed", PRECISIONS[len(end)]
    return (
        f'{{"start":{start},"end":{end},"end_status":"{status}",'
        f'"start_precision":{PRECISIONS[len(start)]},"end_precision":{end_precision}}}'
    )


def echo_json(query: TimeQuery) -> str:
    """``QueryEcho`` JSON of ``query`` (a day's written here, the others by the model)."""
    if query.is_day:
        day = query.span.first.isoformat()
        return f'{{"form":"at","at":"{day}","during":null,"mode":null,"note":null}}'
    return dumps(QueryEcho.of(query).model_dump(mode="json"))


# the opening of a member's JSON, by role number and founding
OPENINGS = [
    [f'{{"role":"{role}","founding":{flag},"period":' for flag in ("false", "true")]
    for role in ROLES
]
CERTAIN, POSSIBLE, NO = Certainty.CERTAIN, Certainty.POSSIBLE, Certainty.NO


def _participation(changes: tuple[tuple[str, Period], ...], query: TimeQuery | None) -> str:
    status, certainty = participation_status(changes, query)
    known = dumps(certainty.value) if certainty else "null"
    return f'"participation":{dumps(status)},"participation_certainty":{known}'


def facts_json(
    c: CompiledOrganization, i: int, period: str, sources: str, query: TimeQuery | None
) -> str:
    """``MembershipFacts`` JSON of membership ``i``, open at the end for more fields: its
    participation during ``query`` (None: now), citing ``sources``."""
    changes = c.participation.get(i)
    return (
        f"{OPENINGS[c.group_roles[c.group_of[i]]][c.founding[i]]}{period},"
        f"{_participation(changes, query) if changes else ACTIVE},"
        f'{c.catalog.tails.texts[c.tails[i]]},"sources":{sources}'
    )


CERTAIN_JUDGED = '"certainty":"certain","reason":null'


def _judged(verdict: Certainty, bounds: list[Bounds], query: TimeQuery) -> str:
    if verdict is CERTAIN:
        return CERTAIN_JUDGED
    return _possibly(bounds, *query.span.ordinals(), query.mode)


POSSIBLE_JUDGED = '"certainty":"possible","reason":'  # and the reason as a JSON string


def _possibly(bounds: list[Bounds], first: int, after: int, mode: Mode) -> str:
    return f"{POSSIBLE_JUDGED}{json_string(bounds_doubts(bounds, first, after, mode))}"


def _own_facts(c: CompiledOrganization, i: int, period: str, query: TimeQuery | None) -> str:
    """``facts_json`` of membership ``i`` citing its own sources."""
    return facts_json(c, i, period, c.catalog.source_lists_json[c.source_lists[i]], query)


# A plain membership's ``StateMembership`` JSON in pieces, for the C writer (``_pages``): plain is
# of an organisation with one name, with no participation changes, events or notes (``tails``
# 0). Its opening by kind (role number * 2 + founding), then the period, this middle, its
# sources, the organisation's ending, and the judgement (``CERTAIN_JUDGED`` or a doubt) with "}".
PLAIN_OPENINGS = tuple(opening.encode() for row in OPENINGS for opening in row)
PLAIN_MIDDLE = f',{ACTIVE},{PLAIN_TAIL},"sources":'.encode()
PLAIN_CERTAIN = f"{CERTAIN_JUDGED}}}".encode()


def _around(words: str) -> tuple[bytes, bytes, bytes]:
    """A doubt's words before its date, between the date and its precision, and after."""
    before, rest = words.split("{date}")
    between, after = rest.split("{precision}")
    return before.encode(), between.encode(), after.encode()


# the words of a plain membership's judgement when it is only possible, in ``_pages``'s order
PLAIN_DOUBTS = (
    f'{POSSIBLE_JUDGED}"'.encode(),
    b'"}',
    *_around(START_KNOWN_ONLY),
    *_around(END_KNOWN_ONLY),
    END_NOT_RECORDED.encode(),
    DOUBTS_JOINED.encode(),
    SOME_BOUND_IMPRECISE.encode(),
)


def plain_kind(c: CompiledOrganization, i: int) -> int:
    """Membership ``i``'s opening number if it can be plain, else -1."""
    if c.tails[i]:
        return -1
    return c.group_roles[c.group_of[i]] * 2 + c.founding[i]


def plain_ending(c: CompiledOrganization) -> bytes | None:
    """What follows a plain membership's sources up to its judgement, or None if its
    organisation was renamed (its reference then depends on the day)."""
    if len(c.names) > 1:
        return None
    return f',"organization":{c.organization_json(date.min)},'.encode()


class StateMemberships:
    """``StateMembership`` JSON of memberships for one question (None: all, as of ``day``), the
    organisation named as on ``day``: the question's constants worked out once per page."""

    def __init__(self, query: TimeQuery | None, day: date) -> None:
        self.query = query
        self.day = day
        self.first, self.after = query.span.ordinals() if query else (0, 0)

    def text(self, c: CompiledOrganization, i: int) -> str | None:
        """Membership ``i``'s JSON; with a question, None unless it touches it."""
        query = self.query
        lo, e_lo, hi = c.s_lo[i], c.e_lo[i], c.e_hi[i]
        judged = '"certainty":null,"reason":null'
        if query is not None:
            bounds = (lo, c.s_hi[i], e_lo, hi)
            verdict = judge_one(bounds, self.first, self.after, query.mode)
            if verdict is NO:
                return None
            judged = _judged(verdict, [bounds], query)
        period = _period(c.catalog.dates.texts, c.starts[i], c.ends[i], e_lo, hi)
        facts = _own_facts(c, i, period, query)
        return f'{facts},"organization":{c.organization_json(self.day)},{judged}}}'


def member_texts(
    compiled: CompiledOrganization,
    query: TimeQuery,
    role: RoleFilter,
    certainty: CertaintyFilter,
) -> list[str]:
    """The members' JSON texts, in answer order (state name, then role).

    Each (state, role) group that may hold a day of the question is judged by
    ``app.temporal.judge_bounds``; a member's record is that of its latest period touching the
    question (``touches``), citing the sources of all of them.
    """
    c = compiled
    catalog = c.catalog
    s_lo, s_hi, e_lo, e_hi = c.s_lo, c.s_hi, c.e_lo, c.e_hi
    group_of, offsets, group_roles = c.group_of, c.offsets, c.group_roles
    states, group_states = catalog.states, c.group_states
    first, after = query.span.ordinals()
    mode = query.mode
    wanted_role = None if role is RoleFilter.ANY else ROLES.index(role.value)
    certain_only = certainty is CertaintyFilter.CERTAIN
    texts = catalog.dates.texts
    found = []
    last_group = -1
    # only the groups of memberships that may hold a day of the question can answer
    for i, lo, hi in zip(range(len(s_lo)), s_lo, e_hi, strict=True):
        if lo >= after or first >= hi:
            continue
        group = group_of[i]
        if group == last_group:
            continue
        last_group = group
        if wanted_role is not None and group_roles[group] != wanted_role:
            continue
        start, end = offsets[group], offsets[group + 1]
        if end - start == 1:  # one period (most members): it is the hit itself
            bounds = (lo, s_hi[i], e_lo[i], hi)
            verdict = judge_one(bounds, first, after, mode)
            if verdict is NO or (certain_only and verdict is not CERTAIN):
                continue
            period = _period(texts, c.starts[i], c.ends[i], bounds[2], hi)
            facts = _own_facts(c, i, period, query)
            state, judged = states[group_states[group]], _judged(verdict, [bounds], query)
            found.append(f'{facts},"state":{state},{judged},"periods":[{period}]}}')
            continue
        text = _group_text(c, start, end, query, certain_only)
        if text is not None:
            found.append(text)
    return found


def _group_text(
    c: CompiledOrganization, start: int, end: int, query: TimeQuery, certain_only: bool
) -> str | None:
    """A member's JSON from the several periods ``start:end`` of its (state, role) group."""
    catalog = c.catalog
    s_lo, s_hi, e_lo, e_hi = c.s_lo, c.s_hi, c.e_lo, c.e_hi
    first, after = query.span.ordinals()
    bounds = [(s_lo[m], s_hi[m], e_lo[m], e_hi[m]) for m in range(start, end)]
    verdict = judge_bounds(bounds, first, after, query.mode)
    if verdict is NO or (certain_only and verdict is not CERTAIN):
        return None
    touching = sorted(
        (m for m, b in zip(range(start, end), bounds, strict=True) if touches(b, first, after)),
        key=lambda m: (s_lo[m], s_hi[m], m),
    )
    primary = touching[-1]
    period = period_json(c, primary)
    state = catalog.states[c.group_states[c.group_of[start]]]
    judged = _judged(verdict, bounds, query)
    if len(touching) == 1:
        sources = catalog.source_lists_json[c.source_lists[primary]]
        periods = period
    else:
        ids = (s for m in touching for s in catalog.source_lists[c.source_lists[m]])
        sources = catalog.sources_json(tuple(dict.fromkeys(ids)))
        periods = ",".join(period_json(c, m) for m in touching)
    return (
        f"{facts_json(c, primary, period, sources, query)},"
        f'"state":{state},{judged},"periods":[{periods}]}}'
    )


def members_json(
    compiled: CompiledOrganization,
    query: TimeQuery,
    role: RoleFilter,
    certainty: CertaintyFilter,
) -> bytes:
    """The members answer (``MembersAnswer``) as the JSON the API sends."""
    found = member_texts(compiled, query, role, certainty)
    return (
        f'{{"organization":{compiled.organization_json(query.span.last)},"query":{echo_json(query)},'
        f'"role":"{role.value}","certainty":"{certainty.value}","count":{len(found)},'
        f'"members":[{",".join(found)}]}}'
    ).encode()


def members(
    compiled: CompiledOrganization,
    query: TimeQuery,
    role: RoleFilter,
    certainty: CertaintyFilter,
) -> Json:
    """``members_json`` as a dict."""
    answer: Json = json.loads(members_json(compiled, query, role, certainty))
    return answer
