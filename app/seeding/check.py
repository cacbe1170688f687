"""The data check: every rule the curated seed must obey, each violation named by file and record.

Used by the loader (which refuses to write when anything is listed) and by ``foedus check``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from sqlmodel import Session

from app.memberships.rules import Candidate, outside, violations
from app.models import names_its_organization
from app.seeding import countries
from app.seeding.records import (
    EventRecord,
    MembershipRecord,
    OrganizationFile,
    SourceRecord,
    StatesFile,
)
from app.sources.repository import dangling, uncited
from app.temporal import (
    FOUNDING_EVENTS,
    EndStatus,
    FuzzyDate,
    InvalidPeriod,
    Period,
    signatory_phase,
)


@dataclass(frozen=True)
class Seed:
    states: StatesFile
    organizations: dict[str, OrganizationFile]  # by file name


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)

    def require(self, used: Iterable[str], known: Iterable[str], where: str) -> None:
        missing = sorted(set(used) - set(known))
        if missing:
            self.problems.append(f"{where}: unknown {', '.join(repr(k) for k in missing)}")


def life(start: str, end: str | None) -> Period:
    until = FuzzyDate.parse(end) if end else None
    return Period(FuzzyDate.parse(start), until, EndStatus.CLOSED if until else EndStatus.OPEN)


def seed_violations(seed: Seed) -> list[str]:
    """Every broken rule across the files: references, sources, precision, periods."""
    report = Report()
    sources = _sources(seed, report)
    known_states = countries.known_codes() | {s.code for s in seed.states.states}
    _check_states(seed.states, sources, known_states, report)
    slugs = {f.organization.slug for f in seed.organizations.values()}
    members = [s.organization for s in seed.states.states if s.organization]
    report.require(members, slugs, "states.toml: states.organization")
    org_lives: dict[str, Period] = {}
    candidates: list[Candidate] = []
    for name, data in seed.organizations.items():
        org = data.organization
        org_lives[org.slug] = life(org.founded, org.dissolved)
        report.require(org.sources, sources, f"{name}: organization.sources")
        report.require(
            [k.successor for k in org.successors], slugs, f"{name}: organization.successors"
        )
        events = {e.key: e for e in data.events}
        if len(events) != len(data.events):
            report.problems.append(f"{name}: events: two events share a key")
        for e in data.events:
            report.require(e.sources, sources, f"{name}: events ({e.key}).sources")
            report.require(e.states, known_states, f"{name}: events ({e.key}).states")
        _check_founding(data, name, events, report)
        for i, m in enumerate(data.memberships):
            label = f"{name}: memberships[{i}] (state {m.state}, role {m.role})"
            _check_membership(m, label, events, sources, known_states, report)
            _check_signed(m, org.signed, label, report)
            candidates.append(Candidate(label, org.slug, m.state, m.role, m.period()))
        for d in data.discrepancies:
            report.require([d.state], known_states, f"{name}: discrepancies ({d.dataset}).state")
    lives = {
        s.code: life(s.exists_from, s.exists_until) for s in seed.states.states if s.exists_from
    }
    report.problems += violations(candidates, state_lives=lives, organization_lives=org_lives)
    return report.problems


def _check_founding(
    data: OrganizationFile, name: str, events: dict[str, EventRecord], report: Report
) -> None:
    """The founding rule (``app.temporal``): the day an organisation exists from is the day of an
    event that could found it (an entry into force, a founding act, a first summit), never a
    signature that awaited ratification; the signature, when recorded, comes before it."""
    org = data.organization
    where = f"{name}: organization"
    if org.founded_event is None:
        report.problems.append(
            f"{where}.founded_event: name the event the organisation exists from"
        )
    elif org.founded_event not in events:
        report.require([org.founded_event], events, f"{where}.founded_event")
    else:
        event = events[org.founded_event]
        if event.type not in FOUNDING_EVENTS:
            report.problems.append(
                f"{where}.founded_event: {event.key} is a {event.type}; an organisation exists "
                f"from one of {', '.join(sorted(FOUNDING_EVENTS))}"
            )
        problem = _precision(FuzzyDate.parse(org.founded), FuzzyDate.parse(event.date))
        if problem:
            report.problems.append(f"{where}.founded: {problem} (event {event.key})")
    if org.signed is not None:
        try:
            signatory_phase(FuzzyDate.parse(org.signed), FuzzyDate.parse(org.founded))
        except InvalidPeriod:
            report.problems.append(
                f"{where}.signed: {org.signed} is not before founded {org.founded}"
            )


def _check_signed(m: MembershipRecord, org_signed: str | None, label: str, report: Report) -> None:
    """A member's signature comes before it was bound, and not before the instrument existed."""
    if m.signed is None:
        return
    try:
        signatory_phase(FuzzyDate.parse(m.signed), FuzzyDate.parse(m.start))
    except InvalidPeriod:
        report.problems.append(f"{label}.signed: {m.signed} is not before the start {m.start}")
    if (
        org_signed is not None
        and FuzzyDate.parse(m.signed).latest < FuzzyDate.parse(org_signed).earliest
    ):
        report.problems.append(
            f"{label}.signed: {m.signed} is before the founding instrument was signed "
            f"({org_signed})"
        )


def _sources(seed: Seed, report: Report) -> dict[str, SourceRecord]:
    """Source keys are global; one key defined twice must say the same thing both times."""
    found: dict[str, SourceRecord] = dict(seed.states.sources)
    for name, data in seed.organizations.items():
        for key, record in data.sources.items():
            if key in found and found[key] != record:
                report.problems.append(f"{name}: sources.{key}: defined differently elsewhere")
            found[key] = record
    return found


def _check_states(
    states: StatesFile, sources: dict[str, SourceRecord], known: set[str], report: Report
) -> None:
    seen: set[str] = set()
    for state in states.states:
        where = f"states.toml: states ({state.code})"
        if state.code in seen:
            report.problems.append(f"{where}: the code is defined twice")
        seen.add(state.code)
        if not names_its_organization(state.kind, state.organization):
            report.problems.append(f"{where}.organization: given exactly when kind is organization")
        if not state.sources:
            report.problems.append(f"{where}.sources: a curated state needs a source")
        report.require(state.sources, sources, f"{where}.sources")
    for n in states.names:
        where = f"states: names ({n.state}, {n.name})"
        report.require([n.state], known, where)
        report.require(n.sources, sources, f"{where}.sources")
        if n.valid_from and n.valid_until:
            try:
                life(n.valid_from, n.valid_until)
            except InvalidPeriod as exc:
                report.problems.append(f"{where}: {exc}")
    for link in states.links:
        where = f"states.toml: links ({link.predecessor} -> {link.successor})"
        report.require([link.predecessor, link.successor], known, where)
        report.require(link.sources, sources, f"{where}.sources")


def _check_membership(
    m: MembershipRecord,
    label: str,
    events: dict[str, EventRecord],
    sources: dict[str, SourceRecord],
    known_states: set[str],
    report: Report,
) -> None:
    report.require([m.state], known_states, f"{label}.state")
    report.require(m.sources, sources, f"{label}.sources")
    report.require([k for k in (m.start_event, m.end_event) if k], events, f"{label} events")
    for bound, key in (("start", m.start_event), ("end", m.end_event)):
        value = getattr(m, bound)
        if key in events and value is not None:
            problem = _precision(FuzzyDate.parse(value), FuzzyDate.parse(events[key].date))
            if problem:
                report.problems.append(f"{label}.{bound}: {problem} (event {key})")
    for p in m.participation:
        report.require(p.sources, sources, f"{label}.participation.sources")
        report.require([p.event] if p.event else [], events, f"{label}.participation.event")
        if outside(p.period(), m.period()):
            report.problems.append(
                f"{label}.participation: {p.status} from {p.start} lies "
                "outside the membership period"
            )


_PRECISION_RANK = {"year": 0, "month": 1, "day": 2}
_SLACK = timedelta(days=1)  # an end falls on the event's day or the day after it


def _precision(bound: FuzzyDate, event: FuzzyDate) -> str | None:
    """A bound may not be more precise than the event it cites, nor lie away from it."""
    if _PRECISION_RANK[bound.precision] > _PRECISION_RANK[event.precision]:
        return f"{bound} is more precise than its event's date {event}"
    if bound.earliest > event.latest + _SLACK or event.earliest > bound.latest + _SLACK:
        return f"{bound} does not match its event's date {event}"
    return None


def database_violations(session: Session) -> list[str]:
    """What the stored data breaks: records without a source, citations of missing records."""
    problems = [f"database: {subject} {i} cites no source" for subject, i in uncited(session)]
    problems += [
        f"database: a citation points to missing {subject} {i}" for subject, i in dangling(session)
    ]
    return problems
