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

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from app.core.timequery import QueryEcho
from app.memberships.compiled import CompiledOrganization, Life, Link
from app.memberships.repository import participation_status
from app.memberships.schemas import (
    CertaintyFilter,
    CompactMember,
    ExistenceAnswer,
    LinkedBody,
    Member,
    MembersAnswer,
    MembersCompact,
    MembersFilters,
    PeriodPublic,
    RoleFilter,
    Signatory,
    View,
)
from app.temporal import (
    FOREVER,
    Bounds,
    Certainty,
    EndStatus,
    Existence,
    Precision,
    TimeQuery,
    bounds_doubts,
    existence,
    judge_bounds,
    judge_one,
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
    earliest = c.earliest_starts.get(i)
    signed = c.signed.get(i)
    return PeriodPublic.model_construct(
        start=start,
        end=end,
        end_status=status,
        start_precision=PRECISIONS[len(start)],
        end_precision=end_precision,
        earliest_start=None if earliest is None else c.date_text(earliest),
        signed=None if signed is None else c.date_text(signed),
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


@dataclass(frozen=True)
class Linked:
    """A body of ``c``'s lineage: reached through ``link`` (and others of the same relation)."""

    link: Link
    organization: CompiledOrganization


def lineage(c: CompiledOrganization, find: Callable[[str], CompiledOrganization]) -> list[Linked]:
    """``c``'s predecessors (theirs too, back to the first) and successors (to the last)."""
    found, seen = [], {c.slug}
    todo = list(c.links)
    while todo:
        link = todo.pop(0)
        if link.slug in seen:
            continue
        seen.add(link.slug)
        body = find(link.slug)
        found.append(Linked(link, body))
        todo += [
            Link(link.relation, o.slug, o.date) for o in body.links if o.relation == link.relation
        ]
    return found


def in_force(
    c: CompiledOrganization, query: TimeQuery, find: Callable[[str], CompiledOrganization]
) -> list[Linked]:
    """The bodies of ``c``'s lineage that existed during ``query`` when ``c`` did not exist
    throughout it; none (and no lineage walked or compiled) when it did."""
    first, after = query.span.ordinals()
    if existence(c.life.bounds, first, after) is Existence.EXISTED or not c.links:
        return []
    gone = (Existence.NOT_YET_FOUNDED, Existence.DISSOLVED)
    return [
        x
        for x in lineage(c, find)
        if existence(x.organization.life.bounds, first, after) not in gone
    ]


def existence_of(
    c: CompiledOrganization, query: TimeQuery, bodies_in_force: Sequence[Linked]
) -> ExistenceAnswer:
    """Whether ``c`` existed during ``query``, and the bodies of its lineage in force then
    (``in_force``)."""
    first, after = query.span.ordinals()
    status = existence(c.life.bounds, first, after)
    day = query.span.last
    bodies = [
        LinkedBody.model_construct(
            organization=x.organization.reference(day),
            relation=x.link.relation,
            linked_on=x.link.date,
            existence=existence(x.organization.life.bounds, first, after),
        )
        for x in bodies_in_force
    ]
    signed = c.life.signed_before(after)
    note = existence_note(c.reference(day).name, c.life, status, bodies, signed=signed)
    return ExistenceAnswer.model_construct(
        status=status,
        founded=c.life.founded,
        signed=c.life.signed,
        dissolved=c.life.dissolved,
        in_force=bodies,
        note=note,
    )


def existence_note(
    name: str, life: Life, status: Existence, bodies: list[LinkedBody], *, signed: str | None
) -> str | None:
    """The sentence saying when ``name`` existed, if not throughout the question, and what was in
    force instead (no date of the question in it: the answer is kept for every day alike);
    ``signed``: its founding instrument's signature, when the question reaches it."""
    if status is Existence.EXISTED:
        return None
    founded, dissolved = life.founded, life.dissolved
    if status is Existence.NOT_YET_FOUNDED and signed is not None:
        note = (
            f"{name} did not exist yet: its founding instrument, signed {signed}, entered into "
            f"force on {founded}; its signatories were not members before then."
        )
    elif status is Existence.NOT_YET_FOUNDED:
        note = f"{name} had not been founded yet (founded {founded})."
    elif status is Existence.DISSOLVED:
        note = f"{name} no longer existed (dissolved {dissolved})."
    else:
        ended = f", dissolved {dissolved}" if dissolved else ""
        note = f"{name} existed during part of the question only (founded {founded}{ended})."
    if bodies:
        named = "; ".join(
            f"{b.organization.name} ({b.organization.slug}), its {b.relation}" for b in bodies
        )
        note += f" In force then: {named}; lineage=true answers through it."
    return note


def members(
    c: CompiledOrganization,
    query: TimeQuery,
    role: RoleFilter,
    certainty: CertaintyFilter,
    *,
    bodies_in_force: Sequence[Linked] = (),
    through_lineage: bool = False,
) -> MembersAnswer:
    """Who was a member (in ``role``) at a day or in a span, and how certainly, by state name;
    whether the organisation existed then, and which bodies of its lineage did
    (``bodies_in_force``, from ``in_force``); with ``through_lineage``, their members too, each
    naming its body."""
    life = existence_of(c, query, bodies_in_force)
    found = _members(c, query, role, certainty)
    signed = signatories(c, query, role, certainty, {m.state.code for m in found})
    if through_lineage:
        # a state is listed once: in the body asked about, else in the body of the lineage
        # linked most recently (the EU's 1975 members are the EEC's nine, not the ECSC's too)
        day, held = query.span.last, {(m.state.code, m.role) for m in found}
        for x in sorted(bodies_in_force, key=lambda x: x.link.date or "", reverse=True):
            body = x.organization.reference(day)
            for m in _members(x.organization, query, role, certainty):
                if (m.state.code, m.role) not in held:
                    held.add((m.state.code, m.role))
                    found.append(m.model_copy(update={"organization": body}))
    return MembersAnswer.model_construct(
        signatories=signed,
        organization=c.reference(query.span.last),
        query=QueryEcho.of(query),
        role=role,
        certainty=certainty,
        filters=MembersFilters.model_construct(
            role=role, certainty=certainty, lineage=through_lineage
        ),
        existence=life,
        count=len(found),
        members=found,
    )


def _members(
    c: CompiledOrganization, query: TimeQuery, role: RoleFilter, certainty: CertaintyFilter
) -> list[Member]:
    """``c``'s own members: each (state, role) group whose periods may hold a day of the
    question is judged together (``judge_bounds``); a member's record is that of its latest
    period touching the question, citing the sources of all of them."""
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
    return found


def signatories(
    c: CompiledOrganization,
    query: TimeQuery,
    role: RoleFilter,
    certainty: CertaintyFilter,
    members: set[str],
) -> list[Signatory]:
    """The states of ``c`` in their signatory phase during ``query`` (signed, not yet bound) and
    not among its ``members`` then, by state name (``app.temporal.signatory_phase``)."""
    first, after = query.span.ordinals()
    wanted = None if role is RoleFilter.ANY else role.value
    found = []
    for i in sorted(c.signed, key=lambda i: c.group_of[i]):
        phase = c.signatory_bounds(i)
        state = c.catalog.states[c.state_of(i)]
        if phase is None or state.code in members or (wanted and c.role_of(i) != wanted):
            continue
        verdict = judge_one(phase, first, after, query.mode)
        if verdict is NO or (certainty is CertaintyFilter.CERTAIN and verdict is not CERTAIN):
            continue
        found.append(
            Signatory.model_construct(
                state=state,
                role=c.role_of(i),
                signed=c.date_text(c.signed[i]),
                bound=c.date_text(c.starts[i]),
                certainty=verdict,
            )
        )
    return found


def compact(answer: MembersAnswer) -> MembersCompact:
    """The members answer in brief: each member as one flat record, without sources, notes or
    events (``view=compact``)."""
    members = [
        CompactMember.model_construct(
            code=m.state.code,
            name=m.state.name,
            kind=m.state.kind,
            role=m.role,
            start=m.period.start,
            end=m.period.end,
            certainty=m.certainty,
            participation=m.participation,
            organization=m.organization.slug if m.organization else None,
        )
        for m in answer.members
    ]
    return MembersCompact.model_construct(
        organization=answer.organization,
        query=answer.query,
        filters=answer.filters.model_copy(update={"view": View.COMPACT}),
        existence=answer.existence,
        count=answer.count,
        members=members,
        signatories=answer.signatories,
    )
