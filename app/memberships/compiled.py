"""One organisation's memberships, prepared once per release for answering from memory.

Compiling reads every membership of the organisation with its state, participation changes,
events and sources, and keeps for each membership its time bounds (``app.temporal.Period``)
and its public record as JSON-ready values. ``members`` then answers any members question by
the same rules (``judge_periods``, ``participation_status``) without the database. This is the
only implementation of the members answer: the HTTP route keeps compiled organisations in
memory per release (``Compiled``), the other callers compile on the spot.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from app.core.timequery import QueryEcho
from app.memberships import repository
from app.memberships.schemas import CertaintyFilter, RoleFilter
from app.memberships.service import Facts, judge_periods, participation_status, period_of
from app.models import Organization, OrganizationName
from app.organizations import repository as organizations
from app.organizations.service import name_as_of, name_period
from app.temporal import Certainty, Period, TimeQuery

Json = dict[str, Any]


@dataclass(frozen=True)
class Entry:
    """One membership period, ready to answer with."""

    period: Period
    record: Json  # the public record, as for no particular time
    participation: tuple[tuple[str, Period], ...]


@dataclass(frozen=True)
class CompiledOrganization:
    organization: Organization
    names: list[OrganizationName]
    states: dict[int, Json]  # state id -> {"code", "name"}
    groups: dict[tuple[int, str], list[Entry]]  # (state id, role) -> its periods
    size: int = 0
    # Every day on which any answer about this organisation can change (see ``segment``).
    cuts: list[int] = field(default_factory=list)
    # Members lists already serialised, per (mode, segments, role, certainty).
    kept: dict[tuple[str, int, int, str, str], tuple[str, str, int]] = field(default_factory=dict)

    def segment(self, day: int) -> int:
        """Which stretch between two cuts ``day`` (an ordinal) falls in.

        Every rule in ``app.temporal`` compares the days of a question with the bounds of the
        periods (and with one another) by <, <=, > or >=. The cuts hold every bound ``b`` and
        ``b + 1`` of every membership, participation and name period, so every such comparison
        comes out the same for two days of one segment: so does every answer, but for the
        question's own echo.
        """
        return bisect_right(self.cuts, day)


def compile_organization(
    session: Session, org: Organization, *, detach: bool = False
) -> CompiledOrganization:
    """Read ``org``'s memberships; ``detach`` to keep the result beyond the session."""
    assert org.id is not None
    rows = repository.of_organization(session, organization_id=org.id)
    facts = Facts.load(session, [m for m, _ in rows])
    groups: dict[tuple[int, str], list[Entry]] = defaultdict(list)
    states: dict[int, Json] = {}
    sources: dict[int, Json] = {}  # one value per source, shared by every record citing it
    for m, state in rows:
        assert m.id is not None
        period = period_of(m)
        states[m.state_id] = {"code": state.code, "name": state.name}
        record = facts.facts(m, [m], None).model_dump(mode="json")
        record["sources"] = [sources.setdefault(s["id"], s) for s in record["sources"]]
        groups[(m.state_id, m.role)].append(
            Entry(
                period=period,
                record=record,
                participation=tuple(
                    (p.status, period_of(p)) for p in facts.participation.get(m.id, [])
                ),
            )
        )
    names = organizations.names_of(session, organization_ids=[org.id])[org.id]
    periods = [e.period for g in groups.values() for e in g]
    periods += [p for g in groups.values() for e in g for _, p in e.participation]
    periods += [name_period(org, n) for n in names]
    cuts = sorted({b + shift for p in periods for b in p.bounds() for shift in (0, 1)})
    if detach:
        session.expunge_all()  # kept beyond the session: read-only from here on
    return CompiledOrganization(org, names, states, dict(groups), len(rows), cuts)


def _may_touch(group: list[Entry], first: int, after: int) -> bool:
    """Whether any period may hold a day of [first, after): if not, the state is no member."""
    return any(
        lo < hi and lo < after and first < hi
        for lo, hi in (e.period.possible_days() for e in group)
    )


def _unique_sources(entries: list[Entry]) -> list[Json]:
    unique: dict[int, Json] = {}
    for entry in entries:
        for source in entry.record["sources"]:
            unique.setdefault(source["id"], source)
    return list(unique.values())


def members(
    compiled: CompiledOrganization,
    query: TimeQuery,
    role: RoleFilter,
    certainty: CertaintyFilter,
) -> Json:
    """The members answer (``MembersAnswer``'s JSON) for one question."""
    first, after = query.span.ordinals()
    found = []
    for (state_id, group_role), group in compiled.groups.items():
        if role is not RoleFilter.ANY and group_role != role.value:
            continue
        if not _may_touch(group, first, after):
            continue
        judged = judge_periods([(e, e.period) for e in group], query)
        if judged is None:
            continue
        verdict, touching = judged
        if certainty is CertaintyFilter.CERTAIN and verdict.certainty is not Certainty.CERTAIN:
            continue
        primary = touching[-1]
        status, status_certainty = participation_status(primary.participation, query)
        record = {
            **primary.record,
            "participation": status,
            "participation_certainty": status_certainty.value if status_certainty else None,
            "sources": _unique_sources(touching),
        }
        found.append(
            {
                **record,
                "state": compiled.states[state_id],
                "certainty": verdict.certainty.value,
                "reason": verdict.reason,
                "periods": [e.record["period"] for e in touching],
            }
        )
    found.sort(key=lambda m: (m["state"]["name"], m["role"]))
    org = compiled.organization
    return {
        "organization": {
            "slug": org.slug,
            "name": name_as_of(org, compiled.names, query.span.last),
        },
        "query": QueryEcho.of(query).model_dump(mode="json"),
        "role": role.value,
        "certainty": certainty.value,
        "count": len(found),
        "members": found,
    }


KEPT_PER_ORGANIZATION = 2048


def members_json(
    compiled: CompiledOrganization,
    query: TimeQuery,
    role: RoleFilter,
    certainty: CertaintyFilter,
) -> bytes:
    """``members`` as JSON bytes, the members list reused across a segment's questions.

    Identical to encoding ``members(...)`` (tests/memberships/test_compiled.py).
    """
    first, after = query.span.ordinals()
    key = (
        query.mode.value,
        compiled.segment(first),
        compiled.segment(after - 1),
        role.value,
        certainty.value,
    )
    kept = compiled.kept.get(key)
    if kept is None:
        answer = members(compiled, query, role, certainty)
        kept = (dumps(answer["organization"]), dumps(answer["members"]), answer["count"])
        if len(compiled.kept) >= KEPT_PER_ORGANIZATION:
            compiled.kept.clear()
        compiled.kept[key] = kept
    organization, listed, count = kept
    echo = dumps(QueryEcho.of(query).model_dump(mode="json"))
    return (
        f'{{"organization":{organization},"query":{echo},"role":{dumps(role.value)},'
        f'"certainty":{dumps(certainty.value)},"count":{count},"members":{listed}}}'
    ).encode()


def dumps(value: Any) -> str:
    """JSON text as FastAPI encodes responses (compact, UTF-8 kept)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


class Compiled:
    """Compiled organisations kept per release, least recently used out beyond a bound on the
    memberships they hold together."""

    def __init__(self, max_memberships: int) -> None:
        self.max_memberships = max_memberships
        self.size = 0
        self.entries: OrderedDict[str, tuple[int, CompiledOrganization]] = OrderedDict()

    def get(self, slug: str, release: int) -> CompiledOrganization | None:
        kept = self.entries.get(slug)
        if kept is None:
            return None
        if kept[0] != release:
            self._drop(slug)
            return None
        self.entries.move_to_end(slug)
        return kept[1]

    def put(self, slug: str, release: int, compiled: CompiledOrganization) -> None:
        if slug in self.entries:
            self._drop(slug)
        if compiled.size > self.max_memberships:
            return
        self.entries[slug] = (release, compiled)
        self.size += compiled.size
        while self.size > self.max_memberships:
            self._drop(next(iter(self.entries)))

    def _drop(self, slug: str) -> None:
        self.size -= self.entries.pop(slug)[1].size
