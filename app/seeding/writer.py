"""Writes validated seed records, matching existing rows on natural keys (see ``sync``)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any, TypeVar

from sqlmodel import Session, SQLModel, col, select

from app.audit.recorder import insert_rows
from app.memberships.schemas import details_of
from app.models import (
    Citation,
    Discrepancy,
    Event,
    EventState,
    Membership,
    Organization,
    OrganizationLink,
    OrganizationName,
    Participation,
    Source,
    State,
    StateCowCode,
    StateLink,
    StateName,
)
from app.seeding import countries
from app.seeding.records import (
    OrganizationFile,
    OrganizationRecord,
    SourceRecord,
    StateNameRecord,
    StatesFile,
)
from app.sources.repository import dangling

T = TypeVar("T", bound=SQLModel)


def sync(
    session: Session,
    model: type[T],
    existing: Iterable[T],
    desired: Sequence[dict[str, Any]],
    key: Callable[[dict[str, Any]], Hashable],
) -> dict[Hashable, int]:
    """Make ``existing`` equal ``desired``: update matches, delete the rest, then insert the new
    ones in one statement (``insert_rows``); returns the rows' ids by key."""
    current = {key(row.model_dump()): row for row in existing}
    kept: dict[Hashable, T] = {}
    new: dict[Hashable, dict[str, Any]] = {}
    for values in desired:
        k = key(values)
        row = current.pop(k, None)
        if row is None:
            new[k] = values
            continue
        for field, value in values.items():
            if getattr(row, field) != value:
                setattr(row, field, value)
        kept[k] = row
    for row in current.values():
        session.delete(row)
    session.flush()
    ids = {k: _id(row) for k, row in kept.items()}
    stored = insert_rows(session, model, list(new.values()))
    ids.update(zip(new, (row.get("id") or 0 for row in stored), strict=True))
    return ids


def _id(row: Any) -> int:
    """The row's id (0 for a table keyed otherwise, such as ``event_state``)."""
    if "id" not in type(row).model_fields:
        return 0
    value: int | None = row.id
    assert value is not None, "rows are flushed before their ids are read"
    return value


def write_sources(session: Session, records: dict[str, SourceRecord]) -> dict[str, int]:
    """Upsert every source (sources are shared, so none is deleted here)."""
    existing = session.exec(select(Source).where(col(Source.key).in_(list(records)))).all()
    desired = [{"key": k, **r.model_dump()} for k, r in sorted(records.items())]
    rows = sync(session, Source, existing, desired, key=lambda v: v["key"])
    return {str(k): v for k, v in rows.items()}


def write_states(session: Session, data: StatesFile, sources: dict[str, int]) -> dict[str, int]:
    """Every ISO 3166-1 state, with the curated records laid over them."""
    existing = session.exec(select(State)).all()
    rows = sync(session, State, existing, _state_rows(data), key=lambda v: v["code"])
    ids = {str(k): v for k, v in rows.items()}
    _write_names(session, data, ids)
    cited: dict[int, Sequence[str]] = {ids[r.code]: list(r.sources) for r in data.states}
    for n in data.names:  # a name is cited with its state
        cited[ids[n.state]] = [*cited.get(ids[n.state], []), *n.sources]
    _cite(session, "state", cited, sources)
    _write_cow_codes(session, data, ids)
    _write_state_links(session, data, ids, sources)
    return ids


def _state_rows(data: StatesFile) -> list[dict[str, Any]]:
    """The ISO 3166-1 code table with the curated records laid over it, a row per state."""
    base = {code: dict(values) for code, values in countries.current().items()}
    former = countries.former_iso3166_3()
    for record in data.states:
        values = base.setdefault(record.code, {"code": record.code})
        curated = record.model_dump(exclude={"sources", "names", "cow_codes"})
        values.update({k: v for k, v in curated.items() if v is not None})
        if record.exists_until and "iso3166_3" not in values and record.code in former:
            values["iso3166_3"] = former[record.code]
    fields = set(State.model_fields) - {"id", "version"}
    defaults = {f: State.model_fields[f].default for f in fields}
    return [
        defaults | {f: values.get(f) for f in fields if f in values}
        for _, values in sorted(base.items())
    ]


def _write_names(session: Session, data: StatesFile, ids: dict[str, int]) -> None:
    """The names of the state records and of the ``[[names]]`` records (a name may be had
    twice, in two periods)."""
    names = [{"state_id": ids[r.code], **n.model_dump()} for r in data.states for n in r.names]
    names += [
        {"state_id": ids[n.state], **n.model_dump(include=set(StateNameRecord.model_fields))}
        for n in data.names
    ]
    sync(
        session,
        StateName,
        session.exec(select(StateName)).all(),
        names,
        key=lambda v: (v["state_id"], v["lang"], v["name"], v["valid_from"]),
    )


def _write_cow_codes(session: Session, data: StatesFile, ids: dict[str, int]) -> None:
    """The COW code periods of each state; a lone ``cow_ccode`` stands for the state always."""
    desired = []
    for r in data.states:
        periods = [c.model_dump() for c in r.cow_codes]
        if not periods and r.cow_ccode is not None:
            periods = [
                {
                    "ccode": r.cow_ccode,
                    "abbrev": r.cow_abbrev,
                    "valid_from": None,
                    "valid_until": None,
                }
            ]
        desired += [{"state_id": ids[r.code], **p} for p in periods]
    sync(
        session,
        StateCowCode,
        session.exec(select(StateCowCode)).all(),
        desired,
        key=lambda v: (v["ccode"], v["valid_from"]),
    )


def _write_state_links(
    session: Session, data: StatesFile, ids: dict[str, int], sources: dict[str, int]
) -> None:
    desired = [
        {
            "predecessor_id": ids[link.predecessor],
            "successor_id": ids[link.successor],
            **link.model_dump(include={"kind", "date", "notes"}),
        }
        for link in data.links
    ]
    rows = sync(
        session,
        StateLink,
        session.exec(select(StateLink)).all(),
        desired,
        key=lambda v: (v["predecessor_id"], v["successor_id"]),
    )
    _cite(
        session,
        "state_link",
        {rows[(ids[k.predecessor], ids[k.successor])]: k.sources for k in data.links},
        sources,
    )


def _cite(
    session: Session, subject: str, cited: dict[int, Sequence[str]], sources: dict[str, int]
) -> None:
    """Make the citations of these records exactly ``cited``."""
    existing = session.exec(
        select(Citation).where(
            Citation.subject == subject, col(Citation.subject_id).in_(list(cited))
        )
    ).all()
    desired = [
        {"subject": subject, "subject_id": i, "source_id": sources[k]}
        for i, keys in cited.items()
        for k in dict.fromkeys(keys)
    ]
    sync(
        session,
        Citation,
        existing,
        desired,
        key=lambda v: (v["subject"], v["subject_id"], v["source_id"]),
    )


def write_organization(
    session: Session, data: OrganizationFile, sources: dict[str, int], states: dict[str, int]
) -> None:
    record = data.organization
    values = record.model_dump(
        exclude={"sources", "names", "identifiers", "successors", "founded_event"}
    )
    values |= record.identifiers.model_dump()
    existing = session.exec(select(Organization).where(Organization.slug == record.slug)).all()
    oid = sync(session, Organization, existing, [values], key=lambda v: v["slug"])[record.slug]
    _cite(session, "organization", {oid: record.sources}, sources)

    def children(model: Any) -> list[Any]:
        return list(session.exec(select(model).where(model.organization_id == oid)))

    sync(
        session,
        OrganizationName,
        children(OrganizationName),
        [{"organization_id": oid, **n.model_dump()} for n in record.names],
        key=lambda v: (v["lang"], v["kind"], v["name"], v["valid_from"]),
    )
    event_rows = sync(
        session,
        Event,
        children(Event),
        [
            {"organization_id": oid, **e.model_dump(exclude={"states", "sources"})}
            for e in data.events
        ],
        key=lambda v: v["key"],
    )
    events = {str(k): v for k, v in event_rows.items()}
    _write_event_states(session, data, events, states)
    _cite(session, "event", {events[e.key]: e.sources for e in data.events}, sources)
    _write_memberships(session, data, oid, events, sources, states)
    sync(
        session,
        Discrepancy,
        children(Discrepancy),
        [
            {"organization_id": oid, **d.model_dump(exclude={"state"}), "state_id": states[d.state]}
            for d in data.discrepancies
        ],
        key=lambda v: (v["dataset"], v["state_id"], v["years"], v["dataset_says"]),
    )


def _write_event_states(
    session: Session, data: OrganizationFile, events: dict[str, int], states: dict[str, int]
) -> None:
    existing = session.exec(
        select(EventState).where(col(EventState.event_id).in_(list(events.values())))
    ).all()
    desired = [
        {"event_id": events[e.key], "state_id": states[code]}
        for e in data.events
        for code in dict.fromkeys(e.states)
    ]
    sync(session, EventState, existing, desired, key=lambda v: (v["event_id"], v["state_id"]))


def _write_memberships(
    session: Session,
    data: OrganizationFile,
    oid: int,
    events: dict[str, int],
    sources: dict[str, int],
    states: dict[str, int],
) -> None:
    desired = [
        {
            "organization_id": oid,
            "state_id": states[m.state],
            "role": m.role,
            "founding": m.founding,
            "start_date": m.start,
            "earliest_start": m.earliest_start,
            "signed": m.signed,
            "end_date": m.end,
            "end_status": m.end_status.value,
            **details_of(m),
            "start_event_id": events.get(m.start_event or ""),
            "end_event_id": events.get(m.end_event or ""),
        }
        for m in data.memberships
    ]
    existing = session.exec(select(Membership).where(Membership.organization_id == oid)).all()
    ids = sync(
        session,
        Membership,
        existing,
        desired,
        key=lambda v: (v["state_id"], v["role"], v["start_date"]),
    )
    by_record = [(m, ids[(states[m.state], m.role, m.start)]) for m in data.memberships]
    _cite(session, "membership", {mid: m.sources for m, mid in by_record}, sources)
    changes = [
        (
            {
                "membership_id": mid,
                "status": p.status,
                "start_date": p.start,
                "end_date": p.end,
                "notes": p.notes,
                "event_id": events.get(p.event or ""),
            },
            p.sources,
        )
        for m, mid in by_record
        for p in m.participation
    ]
    existing_changes = session.exec(
        select(Participation).where(col(Participation.membership_id).in_(list(ids.values())))
    ).all()
    rows_p = sync(
        session,
        Participation,
        existing_changes,
        [v for v, _ in changes],
        key=lambda v: (v["membership_id"], v["status"], v["start_date"]),
    )
    _cite(
        session,
        "participation",
        {rows_p[(v["membership_id"], v["status"], v["start_date"])]: keys for v, keys in changes},
        sources,
    )


def write_links(session: Session, records: Sequence[OrganizationRecord]) -> None:
    slugs = {o.slug: o.id for o in session.exec(select(Organization)).all()}
    desired = [
        {
            "predecessor_id": slugs[r.slug],
            "successor_id": slugs[link.successor],
            "date": link.date,
            "notes": link.notes,
        }
        for r in records
        for link in r.successors
    ]
    sync(
        session,
        OrganizationLink,
        session.exec(select(OrganizationLink)).all(),
        desired,
        key=lambda v: (v["predecessor_id"], v["successor_id"]),
    )


def prune_citations(session: Session) -> None:
    """Drop citations whose record is gone (records are matched by natural keys, not ids)."""
    for subject, subject_id in dangling(session):
        for row in session.exec(
            select(Citation).where(Citation.subject == subject, Citation.subject_id == subject_id)
        ).all():
            session.delete(row)
    session.flush()
