"""Queries for API keys."""

from __future__ import annotations

from sqlmodel import Session, col, select

from app.models import ApiKey


def by_name(session: Session, *, name: str) -> ApiKey | None:
    return session.exec(select(ApiKey).where(ApiKey.name == name)).first()


def by_prefix(session: Session, *, prefix: str) -> ApiKey | None:
    return session.exec(select(ApiKey).where(ApiKey.prefix == prefix)).first()


def all_keys(session: Session) -> list[ApiKey]:
    return list(session.exec(select(ApiKey).order_by(col(ApiKey.name))).all())
