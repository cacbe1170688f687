"""A state's memberships in every organisation, read from compiled organisations.

``Holdings`` lists, per state, its memberships as (organisation, membership) numbers in the
order of the answer: by organisation slug, then by start. A page of the answer walks that list
from a position (the cursor) and renders each membership that touches the question. For a
question about every organisation the walk is in C (``_pages``: the judgement of one period and
the JSON of the plain memberships); every other membership, and every other page, is written by
``compiled.StateMemberships``, the reference the tests hold the C to.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice

from sqlalchemy import Connection, select

from app.core.errors import InvalidParameter
from app.core.pagination import decode_cursor, encode_cursor
from app.memberships._pages import Pages
from app.memberships.compiled import (
    PLAIN_CERTAIN,
    PLAIN_DOUBTS,
    PLAIN_MIDDLE,
    PLAIN_OPENINGS,
    CompiledOrganization,
    StateMemberships,
    dumps,
    echo_json,
    plain_ending,
    plain_kind,
)
from app.memberships.compiling import compile_organizations
from app.models import Membership
from app.organizations.service import today
from app.temporal import FOREVER, Mode, TimeQuery

PAGE = 100  # memberships in a page unless asked for another ``limit``


@dataclass(frozen=True, slots=True)
class Listed:
    """One state's memberships in answer order: organisation number, membership index, the
    membership's earliest start and latest end (to pass over those that cannot touch a span),
    and its kind for the C writer (``compiled.plain_kind``)."""

    organizations: array[int] = field(default_factory=lambda: array("i"))
    memberships: array[int] = field(default_factory=lambda: array("i"))
    lows: array[int] = field(default_factory=lambda: array("i"))
    highs: array[int] = field(default_factory=lambda: array("i"))
    kinds: array[int] = field(default_factory=lambda: array("b"))


EMPTY = Listed()


@dataclass(frozen=True)
class Holdings:
    organizations: list[CompiledOrganization]  # by slug
    by_state: dict[int, Listed]  # state id -> its memberships
    states: dict[str, tuple[int, str]]  # code -> (id, StateRef JSON)
    pages: Pages  # the organisations' arrays, held for the C writer

    @classmethod
    def of(cls, compiled: Iterable[CompiledOrganization]) -> Holdings:
        organizations = sorted(compiled, key=lambda c: c.slug)
        by_state: dict[int, Listed] = {}
        for number, org in enumerate(organizations):
            for i in org.by_start:
                state = org.state_of(i)
                listed = by_state.get(state)
                if listed is None:
                    listed = by_state[state] = Listed()
                listed.organizations.append(number)
                listed.memberships.append(i)
                listed.lows.append(org.s_lo[i])
                listed.highs.append(org.e_hi[i])
                listed.kinds.append(plain_kind(org, i))
        states = {}
        if organizations:
            catalog = organizations[0].catalog  # one catalog for all compiled together
            states = {code: (i, catalog.states[i]) for code, i in catalog.codes.items()}
        pages = Pages(
            [
                (
                    org.s_hi,
                    org.e_lo,
                    org.source_lists,
                    plain_ending(org),
                    org.catalog.source_lists_json,
                )
                for org in organizations
            ],
            PLAIN_OPENINGS,
            PLAIN_MIDDLE,
            PLAIN_CERTAIN,
            PLAIN_DOUBTS,
            FOREVER,
        )
        return cls(organizations, by_state, states, pages)


def of_state(connection: Connection, state_id: int, organization_id: int | None = None) -> Holdings:
    """The holdings of the organisations in which the state has any membership (or of one of
    them), compiled now."""
    if organization_id is None:
        m = Membership.__table__.c  # type: ignore[attr-defined]
        query = select(m.organization_id).where(m.state_id == state_id).distinct()
        ids = sorted(connection.execute(query).scalars())
    else:
        ids = [organization_id]
    return Holdings.of(compile_organizations(connection, ids).values())


@dataclass(frozen=True)
class Page:
    texts: list[str]
    next_position: int | None  # where the next page starts, if there is one


def page(
    holdings: Holdings,
    state_id: int,
    query: TimeQuery | None,
    *,
    organization: str | None = None,
    start: int = 0,
    limit: int | None = None,
) -> Page:
    """The memberships of one state touching ``query`` (all without), from position ``start``
    of its list, at most ``limit`` of them, written in Python."""
    listed = holdings.by_state.get(state_id, EMPTY)
    render = StateMemberships(query, query.span.last if query else today())
    if query is None:
        candidates: Iterable[int] = range(start, len(listed.memberships))
    else:
        first, after = query.span.ordinals()
        # ``touches``: only these may hold a day of the question, the others need no judging
        candidates = (
            position
            for position, lo, hi in zip(
                range(start, len(listed.lows)),
                islice(listed.lows, start, None),
                islice(listed.highs, start, None),
                strict=True,
            )
            if lo < after and first < hi
        )
    organizations, numbers, memberships = (
        holdings.organizations,
        listed.organizations,
        listed.memberships,
    )
    found: list[str] = []
    for position in candidates:
        org = organizations[numbers[position]]
        if organization is not None and org.slug != organization:
            continue
        text = render.text(org, memberships[position])
        if text is None:
            continue
        if limit is not None and len(found) == limit:
            return Page(found, position)
        found.append(text)
    return Page(found, None)


def answer(
    holdings: Holdings,
    state_id: int,
    state: str,
    query: TimeQuery | None,
    *,
    organization: str | None = None,
    start: int = 0,
    limit: int | None = None,
    reference: bool = False,
) -> tuple[bytes, str | None]:
    """The ``StateMemberships`` JSON of one page (``state`` is the ``StateRef`` JSON), and the
    cursor of the next page if there is one: written in C (``_answer_in_c``) for a question
    about every organisation, else (or with ``reference``) in Python, from ``page``: the
    reference the C is held to."""
    if query is not None and organization is None and not reference:
        return _answer_in_c(holdings, state_id, state, query, start=start, limit=limit)
    found = page(holdings, state_id, query, organization=organization, start=start, limit=limit)
    cursor = _cursor(found.next_position)
    body = f"{_head(state, query)}{','.join(found.texts)}{_closing(cursor)}"
    return body.encode(), cursor


def _answer_in_c(
    holdings: Holdings,
    state_id: int,
    state: str,
    query: TimeQuery,
    *,
    start: int = 0,
    limit: int | None = None,
) -> tuple[bytes, str | None]:
    """``answer`` about every organisation, the page written by ``_pages``: the plain memberships
    there, the others (``special``) by ``StateMemberships``."""
    listed = holdings.by_state.get(state_id, EMPTY)
    render = StateMemberships(query, query.span.last)
    organizations, numbers, memberships = (
        holdings.organizations,
        listed.organizations,
        listed.memberships,
    )
    cursor = None

    def special(position: int) -> str:
        text = render.text(organizations[numbers[position]], memberships[position])
        assert text is not None  # the C judged it as ``text`` does
        return text

    def closing(next_position: int) -> bytes:
        nonlocal cursor
        cursor = _cursor(None if next_position < 0 else next_position)
        return _closing(cursor).encode()

    first, after = query.span.ordinals()
    body, _ = holdings.pages.render(
        _head(state, query).encode(),
        numbers,
        memberships,
        listed.lows,
        listed.highs,
        listed.kinds,
        max(start, 0),
        first,
        after,
        query.mode is Mode.THROUGHOUT,
        -1 if limit is None else limit,
        special,
        closing,
    )
    return body, cursor


def _head(state: str, query: TimeQuery | None) -> str:
    echo = echo_json(query) if query else "null"
    return f'{{"state":{state},"query":{echo},"memberships":['


def _cursor(next_position: int | None) -> str | None:
    return None if next_position is None else encode_cursor(str(next_position))


def _closing(cursor: str | None) -> str:
    return f'],"next_cursor":{dumps(cursor)}}}'


def position(cursor: str | None) -> int:
    """Where a page starts in the state's list: 0, or the position a cursor holds."""
    after = decode_cursor(cursor)
    if after is None:
        return 0
    if not after.isdigit() or len(after) > 9:
        raise InvalidParameter(
            f"cursor: {cursor!r} is not a cursor from this API", parameter="cursor"
        )
    return int(after)
