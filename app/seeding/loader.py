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

from app.audit.recorder import audited
from app.models import Organization
from app.seeding import check, writer
from app.seeding.check import Seed
from app.seeding.records import OrganizationFile, SourceRecord, StatesFile

M = TypeVar("M", bound=BaseModel)


class SeedError(ValueError):
    """A seed file that cannot be loaded; the message names file, record and field."""


@dataclass(frozen=True)
class LoadReport:
    organizations: int
    states: int
    memberships: int
    events: int
    sources: int


def read_seed(seed_dir: Path) -> Seed:
    """Parse and validate every seed file, or raise ``SeedError`` naming what is wrong."""
    states = merged([_parse(f, StatesFile) for f in state_files(seed_dir)])
    folder = seed_dir / "organizations"
    files = sorted(folder.glob("*.toml")) if folder.is_dir() else []
    if not files:  # never an empty API that reports healthy
        raise SeedError("organizations/: no organisation file (*.toml): the seed folder is missing")
    seed = Seed(states, {f.name: _parse(f, OrganizationFile) for f in files})
    problems = check.seed_violations(seed)
    if problems:
        raise SeedError(problems[0])
    return seed


def check_folder(seed_dir: Path) -> list[str]:
    """Every problem of the seed files, not only the first: unreadable files, then broken rules."""
    problems: list[str] = []
    parts = []
    for path in state_files(seed_dir):
        try:
            parts.append(_parse(path, StatesFile))
        except SeedError as exc:
            problems.append(str(exc))
    try:
        states = merged(parts)
    except SeedError as exc:
        problems.append(str(exc))
        states = StatesFile()
    organizations = {}
    for path in sorted((seed_dir / "organizations").glob("*.toml")):
        try:
            organizations[path.name] = _parse(path, OrganizationFile)
        except SeedError as exc:
            problems.append(str(exc))
    return problems + check.seed_violations(Seed(states, organizations))


def state_files(seed_dir: Path) -> list[Path]:
    """``states.toml``, then every file of ``states/`` (former states, entities by topic)."""
    first = [seed_dir / "states.toml"] if (seed_dir / "states.toml").exists() else []
    return first + sorted((seed_dir / "states").glob("*.toml"))


def merged(parts: list[StatesFile]) -> StatesFile:
    """The state files as one (``check`` reports a code defined twice)."""
    sources: dict[str, SourceRecord] = {}
    for part in parts:
        for key, record in part.sources.items():
            if sources.setdefault(key, record) != record:
                raise SeedError(f"states: sources.{key}: defined differently in two files")
    return StatesFile(
        states=[s for part in parts for s in part.states],
        links=[k for part in parts for k in part.links],
        names=[n for part in parts for n in part.names],
        sources=sources,
    )


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


def all_sources(seed: Seed) -> dict[str, SourceRecord]:
    """Every source of every file by key (``check`` makes sure a key means one source)."""
    found: dict[str, SourceRecord] = dict(seed.states.sources)
    for data in seed.organizations.values():
        found.update(data.sources)
    return found


def load_seed(session: Session, seed_dir: Path) -> LoadReport:
    """Validate the seed, then write it in one transaction (all or nothing)."""
    seed = read_seed(seed_dir)
    audited(session, actor="seed", reason=f"seed files loaded from {seed_dir.name}/")
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
