"""The audit trail, recorded for every change made through an audited session.

A session opened with ``audited(session, actor=…, reason=…)`` records, for each row of the
curated tables it inserts, updates or deletes, the row before and after. At commit the entries
are written with one new ``Release``, in the same transaction: no change without its record.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from typing import Any

from pydantic_core import PydanticUndefined
from sqlalchemy import event, insert, inspect, text
from sqlmodel import Session, SQLModel

from app.models import (
    AuditEntry,
    Citation,
    Discrepancy,
    Event,
    EventState,
    Membership,
    Organization,
    OrganizationLink,
    OrganizationName,
    Participation,
    Release,
    Source,
    State,
    StateCowCode,
    StateLink,
    StateName,
)

AUDITED: tuple[type[SQLModel], ...] = (
    Source,
    Organization,
    OrganizationName,
    OrganizationLink,
    State,
    StateName,
    StateCowCode,
    StateLink,
    Event,
    EventState,
    Membership,
    Participation,
    Discrepancy,
    Citation,
)


RELEASE_LOCK = 0x466F6564  # the advisory lock that orders releases (PostgreSQL)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def row_image(obj: SQLModel) -> dict[str, Any]:
    return {a.key: getattr(obj, a.key) for a in inspect(obj).mapper.column_attrs}


def _before_image(obj: SQLModel) -> dict[str, Any]:
    image = {}
    for attr in inspect(obj).attrs:
        history = attr.history
        if history.deleted:
            image[attr.key] = history.deleted[0]
        elif history.unchanged:
            image[attr.key] = history.unchanged[0]
        else:
            image[attr.key] = attr.value
    return {k: v for k, v in image.items() if k in row_image(obj)}


@dataclass
class Recorder:
    actor: str
    reason: str | None
    pending: list[tuple[str, SQLModel, dict[str, Any] | None]] = field(default_factory=list)
    entries: list[dict[str, Any]] = field(default_factory=list)
    release: int | None = None

    def before_flush(self, session: Session, *_: Any) -> None:
        for obj in list(session.new):
            if isinstance(obj, AUDITED):
                self.pending.append(("insert", obj, None))
        for obj in list(session.dirty):
            if isinstance(obj, AUDITED) and session.is_modified(obj, include_collections=False):
                self.pending.append(("update", obj, _before_image(obj)))
        for obj in list(session.deleted):
            if isinstance(obj, AUDITED):
                self.pending.append(("delete", obj, row_image(obj)))

    def after_flush(self, *_: Any) -> None:
        for action, obj, before in self.pending:
            after = None if action == "delete" else row_image(obj)
            self.record(action, str(obj.__tablename__), before, after)
        self.pending.clear()

    def record(
        self,
        action: str,
        table_name: str,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> None:
        image = after or before or {}
        self.entries.append(
            {
                "action": action,
                "table_name": table_name,
                "row_id": image.get("id") or image.get("event_id") or 0,
                "organization_id": image.get("organization_id"),
                "before": json.dumps(before, sort_keys=True) if before is not None else None,
                "after": json.dumps(after, sort_keys=True) if after is not None else None,
            }
        )

    def before_commit(self, session: Session) -> None:
        session.flush()
        if not self.entries:
            return
        if session.get_bind().dialect.name == "postgresql":
            # Held until this transaction ends, so that releases become visible in the order of
            # their ids: a reader that sees release N sees every release before it (readers and
            # indexes go by the latest id). SQLite's single writer gives that order already.
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": RELEASE_LOCK})
        entries, self.entries = self.entries, []
        release = Release(at=now(), actor=self.actor, reason=self.reason, changes=len(entries))
        session.add(release)
        session.flush()
        session.execute(insert(AuditEntry), [{"release_id": release.id, **e} for e in entries])
        self.release = release.id

    def after_commit(self, session: Session) -> None:
        """Tell this process's release clock (if the session has one) of the new release."""
        clock = session.info.get("clock")
        if self.release is not None and clock is not None:
            clock.advance(self.release)
        self.release = None

    def after_rollback(self, *_: Any) -> None:
        self.pending.clear()
        self.entries.clear()
        self.release = None


def audited(session: Session, *, actor: str, reason: str | None = None) -> Session:
    """Record every change this session makes to the curated tables, as ``actor``."""
    recorder = Recorder(actor, reason)
    session.info["audit"] = recorder
    event.listen(session, "before_flush", recorder.before_flush)
    event.listen(session, "after_flush", recorder.after_flush)
    event.listen(session, "before_commit", recorder.before_commit)
    event.listen(session, "after_commit", recorder.after_commit)
    event.listen(session, "after_soft_rollback", recorder.after_rollback)
    return session


@cache
def _defaults(model: type[SQLModel]) -> dict[str, Any]:
    """The values the model's constructor gives the fields it is not given (the id aside)."""
    return {
        name: info.default
        for name, info in model.model_fields.items()
        if name != "id" and info.default is not PydanticUndefined
    }


def insert_rows(
    session: Session, model: type[SQLModel], rows: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Insert ``rows`` of a curated table in one statement, each completed with the model's
    defaults as its constructor would, and record them in an audited session exactly as a
    flush records an insert; returns them as stored (ids included), in their order. Many rows
    cost a fraction of as many model objects."""
    if not rows:
        return []
    table = model.__table__  # type: ignore[attr-defined]
    defaults = _defaults(model)
    statement = insert(table).returning(*table.columns, sort_by_parameter_order=True)
    stored = [
        dict(row._mapping)
        for row in session.execute(statement, [defaults | values for values in rows])
    ]
    recorder = session.info.get("audit")
    if isinstance(recorder, Recorder) and issubclass(model, AUDITED):
        for image in stored:
            recorder.record("insert", table.name, None, image)
    return stored


def give_reason(session: Session, reason: str | None) -> None:
    """Attach the curator's reason to the release this session's commit will make."""
    recorder = session.info.get("audit")
    if isinstance(recorder, Recorder) and reason:
        recorder.reason = reason
