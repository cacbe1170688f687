"""The one entry point per question: members of an organisation, a state's memberships, the
changes in a window and the timeline, each built as its response model from the compiled
organisations (``app.memberships.compiled``) by the rules of ``app.temporal``.

A state's memberships are answered by ``app.memberships.holdings``, the changes and the timeline
by ``app.memberships.history``, from the same builders. The routes, ``recorded_at``, the offline
API, ``ask``, the explorer and the exports all call these; the live routes pass organisations
compiled once per release, the others organisations compiled from a session on the spot (both
from ``app.memberships.store``).
"""

from __future__ import annotations

from typing import Any

from app.core.timequery import QueryEcho
from app.memberships.compiled import CompiledOrganization
from app.memberships.repository import participation_status
from app.memberships.schemas import (
    CertaintyFilter,
    Member,
    MembersAnswer,
    PeriodPublic,
    RoleFilter,
)
from app.temporal import (
    FOREVER,
    Bounds,
    Certainty,
    EndStatus,
    Precision,
    TimeQuery,
    bounds_doubts,
    judge_bounds,
    touches,
)

PRECISIONS = {4: Precision.YEAR, 7: Precision.MONTH, 10: Precision.DAY}  # by a date's length
CERTAIN, NO = Certainty.CERTAIN, Certainty.NO


def period(c: CompiledOrganization, i: int) -> PeriodPublic:
    """Membership ``i``'s period as recorded."""
    start = c.date_text(c.starts[i])
    end, status, end_precision = None, EndStatus.CLOSED, None
    if c.e_lo[i] == FOREVER:
        status = EndStatus.OPEN
    elif c.e_hi[i] == FOREVER:
        status = EndStatus.UNKNOWN
    else:
        end = c.date_text(c.ends[i])
        end_precision = PRECISIONS[len(end)]
    return PeriodPublic.model_construct(
        start=start,
        end=end,
        end_status=status,
        start_precision=PRECISIONS[len(start)],
        end_precision=end_precision,
    )


def facts(
    c: CompiledOrganization, i: int, query: TimeQuery | None, sources: tuple[int, ...] | None = None
) -> dict[str, Any]:
    """The ``MembershipFacts`` fields of membership ``i``: its participation during ``query``
    (None: now), citing ``sources`` (default: its own)."""
    changes = c.participation.get(i)
    status, status_certainty = participation_status(changes, query) if changes else ("active", None)
    tail = c.catalog.tails[c.tails[i]]
    cited = c.catalog.cited(c.source_lists[i]) if sources is None else sources
    return {
        "role": c.role_of(i),
        "founding": bool(c.founding[i]),
        "period": period(c, i),
        "participation": status,
        "participation_certainty": status_certainty,
        "participation_changes": tail.participation_changes,
        "start_event": tail.start_event,
        "end_event": tail.end_event,
        "sources": c.catalog.sources_of(cited),
        **tail.details,
    }


def judged(verdict: Certainty, bounds: list[Bounds], query: TimeQuery) -> str | None:
    """Why ``verdict`` is only possible (None when certain)."""
    if verdict is CERTAIN:
        return None
    return bounds_doubts(bounds, *query.span.ordinals(), query.mode)


def members(
    c: CompiledOrganization, query: TimeQuery, role: RoleFilter, certainty: CertaintyFilter
) -> MembersAnswer:
    """Who was a member (in ``role``) at a day or in a span, and how certainly, by state name.

    Each (state, role) group whose periods may hold a day of the question is judged together
    (``judge_bounds``); a member's record is that of its latest period touching the question,
    citing the sources of all of them.
    """
    first, after = query.span.ordinals()
    wanted = None if role is RoleFilter.ANY else role.value
    found = []
    for group in range(len(c.group_states)):
        if wanted is not None and c.role_of(c.offsets[group]) != wanted:
            continue
        start, end = c.offsets[group], c.offsets[group + 1]
        bounds = [c.bounds(i) for i in range(start, end)]
        touching = [
            i for i, b in zip(range(start, end), bounds, strict=True) if touches(b, first, after)
        ]
        if not touching:
            continue
        verdict = judge_bounds(bounds, first, after, query.mode)
        if verdict is NO or (certainty is CertaintyFilter.CERTAIN and verdict is not CERTAIN):
            continue
        touching.sort(key=lambda i: (c.s_lo[i], c.s_hi[i], i))
        primary = touching[-1]
        cited = (s for i in touching for s in c.catalog.cited(c.source_lists[i]))
        found.append(
            Member.model_construct(
                **facts(c, primary, query, tuple(dict.fromkeys(cited))),
                state=c.catalog.states[c.group_states[group]],
                certainty=verdict,
                reason=judged(verdict, bounds, query),
                periods=[period(c, i) for i in touching],
            )
        )
    return MembersAnswer.model_construct(
        organization=c.reference(query.span.last),
        query=QueryEcho.of(query),
        role=role,
        certainty=certainty,
        count=len(found),
        members=found,
    )
