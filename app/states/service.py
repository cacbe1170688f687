"""Resolving what a client calls a state: alpha-2, alpha-3, ISO 3166-3, COW ccode, QID or name."""

from __future__ import annotations

import re

from sqlmodel import Session

from app.core.errors import Ambiguous, Candidate, NotFound
from app.core.matching import normalise, suggest
from app.memberships.repository import public_sources
from app.models import State, StateLink
from app.sources.repository import sources_for
from app.states import repository
from app.states.schemas import (
    CowCodePublic,
    StateLinkPublic,
    StateNamePublic,
    StatePublic,
    StateRef,
    StateSummary,
)

_QID = re.compile(r"[Qq][1-9][0-9]{0,11}")
_CCODE = re.compile(r"[0-9]{1,4}")
_ALPHA = re.compile(r"[A-Za-z]{2,4}")


def resolve_state(session: Session, *, identifier: str, parameter: str = "code") -> State:
    """The one state ``identifier`` names, or a 404 with close matches."""
    wanted = identifier.strip()
    candidates = _by_code(session, wanted)
    if not candidates:
        key = normalise(wanted)
        candidates = list(
            {
                s.code: s for s, name in repository.all_names(session) if normalise(name) == key
            }.values()
        )
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1:
        ordered = sorted(candidates, key=lambda s: s.code)
        raise Ambiguous(
            f"{identifier!r} names more than one state: "
            + ", ".join(f"{s.code} ({s.name})" for s in ordered)
            + "; ask by code",
            parameter=parameter,
            candidates=[Candidate(code=s.code, name=s.name, kind=s.kind) for s in ordered],
        )
    names = [name for _, name in repository.all_names(session)]
    raise NotFound(
        f"no state matches {identifier!r} (tried codes, COW ccode, QID and names)",
        parameter=parameter,
        suggestions=suggest(wanted, names),
    )


def _by_code(session: Session, wanted: str) -> list[State]:
    if _QID.fullmatch(wanted):
        return repository.find_by_field(session, field="wikidata", value=wanted.upper())
    if _CCODE.fullmatch(wanted):
        # COW reuses a code across a state and its continuator (365: USSR, Russia): the
        # current state answers; a former one only when it is the code's sole holder.
        found = repository.find_by_field(session, field="cow_ccode", value=int(wanted))
        found = found or repository.by_cow_code(session, ccode=int(wanted))
        current = [s for s in found if s.exists_until is None]
        return current or found
    if not _ALPHA.fullmatch(wanted):
        return []
    field = {2: "alpha2", 3: "code", 4: "iso3166_3"}[len(wanted)]
    return repository.find_by_field(session, field=field, value=wanted.upper())


def summary(state: State) -> StateSummary:
    return StateSummary(
        code=state.code,
        name=state.name,
        alpha2=state.alpha2,
        iso3166_3=state.iso3166_3,
        cow_ccode=state.cow_ccode,
        wikidata=state.wikidata,
        exists_from=state.exists_from,
        exists_until=state.exists_until,
        former=state.exists_until is not None,
        kind=state.kind,
        organization=state.organization,
    )


def detail(session: Session, state: State) -> StatePublic:
    """The full public record of a state: names, COW codes, links and sources."""
    assert state.id is not None
    names = repository.names_of(session, state_id=state.id)
    cited = sources_for(session, subject="state", ids=[state.id]).get(state.id, [])
    before, after = repository.links_of(session, state_id=state.id)

    def links(pairs: list[tuple[StateLink, State]]) -> list[StateLinkPublic]:
        return [
            StateLinkPublic(
                state=StateRef.of(other),
                kind=link.kind,
                date=link.date,
                notes=link.notes,
            )
            for link, other in pairs
        ]

    return StatePublic(
        **summary(state).model_dump(),
        version=state.version,
        official_name=state.official_name,
        cow_abbrev=state.cow_abbrev,
        notes=state.notes,
        names=[
            StateNamePublic(
                name=n.name, lang=n.lang, valid_from=n.valid_from, valid_until=n.valid_until
            )
            for n in names
        ],
        cow_codes=[
            CowCodePublic(
                ccode=c.ccode, abbrev=c.abbrev, valid_from=c.valid_from, valid_until=c.valid_until
            )
            for c in repository.cow_codes_of(session, state_id=state.id)
        ],
        predecessors=links(before),
        successors=links(after),
        sources=public_sources(cited),
    )
