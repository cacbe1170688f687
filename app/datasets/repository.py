"""Queries for imported datasets and their records."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, insert
from sqlmodel import Session, col, select

from app.models import Dataset, DatasetRecord


def get(session: Session, *, key: str) -> Dataset | None:
    return session.exec(select(Dataset).where(Dataset.key == key)).first()


def list_all(session: Session) -> list[Dataset]:
    return list(session.exec(select(Dataset).order_by(col(Dataset.key))).all())


def replace_records(session: Session, *, dataset_id: int, rows: Sequence[dict[str, Any]]) -> None:
    """Make the dataset's records exactly ``rows`` (one bulk insert)."""
    session.execute(delete(DatasetRecord).where(col(DatasetRecord.dataset_id) == dataset_id))
    if rows:
        session.execute(insert(DatasetRecord), [{"dataset_id": dataset_id, **r} for r in rows])


def records(session: Session, *, dataset_id: int, group: str) -> list[DatasetRecord]:
    return list(
        session.exec(
            select(DatasetRecord)
            .where(DatasetRecord.dataset_id == dataset_id, DatasetRecord.group == group)
            .order_by(
                col(DatasetRecord.ccode), col(DatasetRecord.start_date), col(DatasetRecord.phase)
            )
        ).all()
    )
