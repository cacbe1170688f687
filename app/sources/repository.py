"""Queries for sources and the citations that tie them to records."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlmodel import Session, col, select

from app.models import (
    Citation,
    Event,
    Membership,
    Organization,
    Participation,
    Source,
    State,
    StateLink,
)


def sources_for(session: Session, *, subject: str, ids: Iterable[int]) -> dict[int, list[Source]]:
    """The sources cited by each record of one kind, in citation order."""
    wanted = sorted(set(ids))
    found: dict[int, list[Source]] = defaultdict(list)
    if not wanted:
        return found
    rows = session.exec(
        select(Citation.subject_id, Source)
        .join(Source, col(Source.id) == col(Citation.source_id))
        .where(Citation.subject == subject, col(Citation.subject_id).in_(wanted))
        .order_by(col(Citation.subject_id), col(Citation.id))
    ).all()
    for subject_id, source in rows:
        found[subject_id].append(source)
    return found


CITED: dict[str, Any] = {
    "organization": Organization,
    "event": Event,
    "membership": Membership,
    "participation": Participation,
}
SUBJECTS: dict[str, Any] = {**CITED, "state": State, "state_link": StateLink}


def uncited(session: Session) -> list[tuple[str, int]]:
    """Records that must cite a source and cite none, as (subject, id)."""
    found = []
    for subject, model in CITED.items():
        cited = select(Citation.subject_id).where(Citation.subject == subject)
        ids = session.exec(select(model.id).where(col(model.id).not_in(cited))).all()
        found += [(subject, i) for i in ids]
    return found


def dangling(session: Session) -> list[tuple[str, int]]:
    """Citations whose record no longer exists, as (subject, subject id)."""
    found = []
    for subject, model in SUBJECTS.items():
        alive = select(model.id)
        rows = session.exec(
            select(Citation.subject_id).where(
                Citation.subject == subject, col(Citation.subject_id).not_in(alive)
            )
        ).all()
        found += [(subject, i) for i in rows]
    return found
