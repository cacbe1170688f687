"""Queries for sources and the citations that tie them to records."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlmodel import Session, col, select

from app.models import Citation, Source


def get_source(session: Session, *, source_id: int) -> Source | None:
    return session.get(Source, source_id)


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
