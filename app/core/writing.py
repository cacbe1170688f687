"""Shared steps of the write endpoints: dates, sources, citations and patching fields."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel
from sqlmodel import Session, col, select

from app.core.errors import InvalidParameter
from app.models import Citation, Source
from app.temporal import FuzzyDate, InvalidDate


def reduced_date(text: str | None, field: str) -> str | None:
    """The canonical reduced date, or a 422 naming ``field``."""
    try:
        return str(FuzzyDate.parse(text)) if text is not None else None
    except InvalidDate as exc:
        raise InvalidParameter(f"{field}: {text!r} is not valid: {exc}", parameter=field) from exc


def existing_sources(session: Session, ids: Sequence[int], field: str = "sources") -> list[int]:
    if not ids:
        raise InvalidParameter(f"{field}: at least one source is needed", parameter=field)
    found = set(session.exec(select(Source.id).where(col(Source.id).in_(list(ids)))).all())
    missing = sorted(set(ids) - found)
    if missing:
        raise InvalidParameter(f"{field}: no source with id {missing[0]}", parameter=field)
    return list(dict.fromkeys(ids))


def cite(session: Session, subject: str, subject_id: int, ids: Iterable[int]) -> None:
    """Make the record's citations exactly ``ids`` (each change audited)."""
    wanted = list(dict.fromkeys(ids))
    have = {
        c.source_id: c
        for c in session.exec(
            select(Citation).where(Citation.subject == subject, Citation.subject_id == subject_id)
        ).all()
    }
    for source_id, citation in have.items():
        if source_id not in wanted:
            session.delete(citation)
    for source_id in wanted:
        if source_id not in have:
            session.add(Citation(subject=subject, subject_id=subject_id, source_id=source_id))


def patch(obj: Any, body: BaseModel, fields: Iterable[str]) -> None:
    """Copy the fields the client sent (``None`` clears an optional field only if sent)."""
    sent = body.model_fields_set
    for field in fields:
        if field in sent:
            setattr(obj, field, getattr(body, field))
