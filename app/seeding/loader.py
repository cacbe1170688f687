"""Loads the curated seed files into the database: validated first, written in one transaction.

Idempotent: rows are matched on natural keys (source key, state code, organisation slug, event
key, membership state/role/start…), so loading twice changes nothing and ids stay stable.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlmodel import Session, select

from app.memberships.rules import Candidate, outside, violations
from app.models import Organization
from app.seeding import countries, writer
from app.seeding.records import OrganizationFile, SourceRecord, StatesFile
from app.temporal import EndStatus, FuzzyDate, Period

M = TypeVar("M", bound=BaseModel)


class SeedError(ValueError):
    """A seed file that cannot be loaded; the message names file, record and field."""


@dataclass(frozen=True)
class Seed:
    states: StatesFile
    organizations: dict[str, OrganizationFile]  # by file name


@dataclass(frozen=True)
class LoadReport:
    organizations: int
    states: int
    memberships: int
    events: int
    sources: int


def read_seed(seed_dir: Path) -> Seed:
    """Parse and validate every seed file, or raise ``SeedError`` naming what is wrong."""
    states_path = seed_dir / "states.toml"
    states = _parse(states_path, StatesFile) if states_path.exists() else StatesFile()
    folder = seed_dir / "organizations"
    files = sorted(folder.glob("*.toml")) if folder.is_dir() else []
    seed = Seed(states, {f.name: _parse(f, OrganizationFile) for f in files})
    _check(seed)
    return seed


def _parse(path: Path, model: type[M]) -> M:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SeedError(f"{path.name}: not valid TOML: {exc}") from exc
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        raise SeedError(f"{path.name}: {_describe(raw, error['loc'])}: {error['msg']}") from exc


def _describe(raw: Any, loc: Iterable[int | str]) -> str:
    """``memberships[3] (state AZE, role member).end`` from a validation error location."""
    parts: list[str] = []
    node = raw
    for step in loc:
        if isinstance(step, int) and isinstance(node, list) and step < len(node):
            node = node[step]
            hint = ", ".join(
                f"{k} {node[k]}"
                for k in ("key", "state", "role", "code", "name")
                if isinstance(node, dict) and k in node
            )
            parts[-1] += f"[{step}]" + (f" ({hint})" if hint else "")
            continue
        parts.append(str(step))
        node = node.get(step) if isinstance(node, dict) else None
    return ".".join(parts) or "file"


def _check(seed: Seed) -> None:
    """Cross-file rules: references resolve, sources agree, periods obey the temporal rules."""
    sources = all_sources(seed)
    known_states = countries.known_codes() | {s.code for s in seed.states.states}
    slugs = {f.organization.slug for f in seed.organizations.values()}
    for state in seed.states.states:
        _require(state.sources, sources, f"states.toml: states ({state.code}).sources")
    for state_link in seed.states.links:
        where = f"states.toml: links ({state_link.predecessor} -> {state_link.successor})"
        _require([state_link.predecessor, state_link.successor], known_states, where)
        _require(state_link.sources, sources, f"{where}.sources")
    lives = {
        s.code: _life(s.exists_from, s.exists_until) for s in seed.states.states if s.exists_from
    }
    org_lives: dict[str, Period] = {}
    candidates: list[Candidate] = []
    for name, data in seed.organizations.items():
        org = data.organization
        org_lives[org.slug] = _life(org.founded, org.dissolved)
        _require(org.sources, sources, f"{name}: organization.sources")
        for link in org.successors:
            if link.successor not in slugs:
                raise SeedError(f"{name}: organization.successors: unknown slug {link.successor!r}")
        events = {e.key for e in data.events}
        if len(events) != len(data.events):
            raise SeedError(f"{name}: events: two events share a key")
        for e in data.events:
            _require(e.sources, sources, f"{name}: events ({e.key}).sources")
            _require(e.states, known_states, f"{name}: events ({e.key}).states")
        for i, m in enumerate(data.memberships):
            label = f"{name}: memberships[{i}] (state {m.state}, role {m.role})"
            _require([m.state], known_states, f"{label}.state")
            _require(m.sources, sources, f"{label}.sources")
            _require([k for k in (m.start_event, m.end_event) if k], events, f"{label} events")
            for p in m.participation:
                _require(p.sources, sources, f"{label}.participation.sources")
                _require([p.event] if p.event else [], events, f"{label}.participation.event")
                if outside(p.period(), m.period()):
                    raise SeedError(
                        f"{label}.participation: {p.status} from {p.start} lies "
                        "outside the membership period"
                    )
            candidates.append(Candidate(label, org.slug, m.state, m.role, m.period()))
        for d in data.discrepancies:
            _require([d.state], known_states, f"{name}: discrepancies ({d.dataset}).state")
    problems = violations(candidates, state_lives=lives, organization_lives=org_lives)
    if problems:
        raise SeedError(problems[0])


def _life(start: str, end: str | None) -> Period:
    until = FuzzyDate.parse(end) if end else None
    return Period(FuzzyDate.parse(start), until, EndStatus.CLOSED if until else EndStatus.OPEN)


def _require(used: Iterable[str], known: Iterable[str] | dict[str, Any], where: str) -> None:
    missing = sorted(set(used) - set(known))
    if missing:
        raise SeedError(f"{where}: unknown {', '.join(repr(k) for k in missing)}")


def all_sources(seed: Seed) -> dict[str, SourceRecord]:
    """Source keys are global; one key defined twice must say the same thing both times."""
    found: dict[str, SourceRecord] = dict(seed.states.sources)
    for name, data in seed.organizations.items():
        for key, record in data.sources.items():
            if key in found and found[key] != record:
                raise SeedError(f"{name}: sources.{key}: defined differently in another file")
            found[key] = record
    return found


def load_seed(session: Session, seed_dir: Path) -> LoadReport:
    """Validate the seed, then write it in one transaction (all or nothing)."""
    seed = read_seed(seed_dir)
    with session.begin():
        sources = writer.write_sources(session, all_sources(seed))
        states = writer.write_states(session, seed.states, sources)
        for data in seed.organizations.values():
            writer.write_organization(session, data, sources, states)
        writer.write_links(session, [d.organization for d in seed.organizations.values()])
        writer.prune_citations(session)
    return LoadReport(
        organizations=len(seed.organizations),
        states=len(states),
        memberships=sum(len(d.memberships) for d in seed.organizations.values()),
        events=sum(len(d.events) for d in seed.organizations.values()),
        sources=len(sources),
    )


def is_empty(session: Session) -> bool:
    return session.exec(select(Organization.id).limit(1)).first() is None
