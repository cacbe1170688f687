"""Queries for states."""

from __future__ import annotations

from sqlmodel import Session, col, select

from app.models import State, StateCowCode, StateLink, StateName


def list_states(
    session: Session,
    *,
    after: str | None,
    limit: int,
    former: bool | None = None,
    kind: str | None = None,
) -> list[State]:
    query = select(State).order_by(col(State.code)).limit(limit)
    if after is not None:
        query = query.where(col(State.code) > after)
    if kind is not None:
        query = query.where(col(State.kind) == kind)
    if former is True:
        query = query.where(col(State.exists_until).is_not(None))
    elif former is False:
        query = query.where(col(State.exists_until).is_(None))
    return list(session.exec(query).all())


def find_by_field(session: Session, *, field: str, value: str | int) -> list[State]:
    column = getattr(State, field)
    return list(session.exec(select(State).where(column == value)).all())


def all_names(session: Session) -> list[tuple[State, str]]:
    """Every (state, name) pair: the English name, official name and names in other languages."""
    states = session.exec(select(State)).all()
    pairs = [(s, s.name) for s in states]
    pairs += [(s, s.official_name) for s in states if s.official_name]
    rows = session.exec(
        select(State, StateName.name).join(StateName, col(StateName.state_id) == col(State.id))
    ).all()
    return pairs + [(s, n) for s, n in rows]


def names_of(session: Session, *, state_id: int) -> list[StateName]:
    return list(
        session.exec(
            select(StateName)
            .where(StateName.state_id == state_id)
            .order_by(col(StateName.lang), col(StateName.name))
        ).all()
    )


def cow_codes_of(session: Session, *, state_id: int) -> list[StateCowCode]:
    return list(
        session.exec(
            select(StateCowCode)
            .where(StateCowCode.state_id == state_id)
            .order_by(col(StateCowCode.valid_from), col(StateCowCode.ccode))
        ).all()
    )


def links_of(
    session: Session,
    *,
    state_id: int,
) -> tuple[list[tuple[StateLink, State]], list[tuple[StateLink, State]]]:
    """(predecessors, successors) of a state, each with the other state."""
    before = session.exec(
        select(StateLink, State)
        .join(State, col(State.id) == col(StateLink.predecessor_id))
        .where(StateLink.successor_id == state_id)
        .order_by(col(State.code))
    ).all()
    after = session.exec(
        select(StateLink, State)
        .join(State, col(State.id) == col(StateLink.successor_id))
        .where(StateLink.predecessor_id == state_id)
        .order_by(col(State.code))
    ).all()
    return [(link, s) for link, s in before], [(link, s) for link, s in after]


def all_cow_codes(session: Session) -> list[tuple[StateCowCode, State]]:
    rows = session.exec(
        select(StateCowCode, State).join(State, col(State.id) == col(StateCowCode.state_id))
    ).all()
    return [(c, s) for c, s in rows]


def by_cow_code(session: Session, *, ccode: int) -> list[State]:
    """States that a COW code has stood for at any time (260, West Germany: Germany)."""
    rows = session.exec(
        select(State)
        .join(StateCowCode, col(StateCowCode.state_id) == col(State.id))
        .where(StateCowCode.ccode == ccode)
        .distinct()
    ).all()
    return list(rows)
