"""Versions, ETags and preconditions for the write API (optimistic concurrency).

Every editable record has a ``version``. Its ETag is ``"v<version>-r<release>"``: the version
says which edit of the record the client saw, the release keeps caches of the whole answer
honest. ``If-Match`` compares the version part; a write then claims the next version with a
conditional UPDATE, so of two writers that saw the same version exactly one succeeds.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import Header, Response
from sqlalchemy import update
from sqlmodel import Session

from app.audit.repository import latest
from app.core.errors import PreconditionFailed, PreconditionRequired

_VERSION = re.compile(r'^(?:W/)?"v(?P<version>[0-9]{1,18})-r[0-9]*"$')

IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description="The ETag of the record as last read; required for changes.",
        examples=['"v3-r41"'],
    ),
]


def current_release(session: Session) -> int:
    release = latest(session)
    return release.id or 0 if release else 0


def resource_etag(version: int, release: int) -> str:
    return f'"v{version}-r{release}"'


def tag(response: Response, session: Session, version: int) -> None:
    response.headers["ETag"] = resource_etag(version, current_release(session))


def expected_version(if_match: str | None) -> int:
    """The version the client saw, from ``If-Match``; absent or unreadable is a 428/412."""
    if if_match is None:
        raise PreconditionRequired(
            "changes need If-Match with the record's ETag", parameter="If-Match"
        )
    match = _VERSION.match(if_match.strip())
    if match is None:
        raise PreconditionFailed(
            f"If-Match {if_match!r} is not an ETag of this API", parameter="If-Match"
        )
    return int(match["version"])


def claim_version(session: Session, model: Any, *, row_id: int, seen: int) -> int:
    """Move the record from version ``seen`` to the next, or refuse with 412 if it moved on."""
    # synchronize_session=False: the loaded record keeps its old version, so that the audit
    # records the change from it when the caller sets the new one.
    result = session.execute(
        update(model)
        .where(model.id == row_id, model.version == seen)
        .values(version=seen + 1)
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 0) != 1:
        session.rollback()
        raise PreconditionFailed(
            "the record changed since it was read; read it again", parameter="If-Match"
        )
    return seen + 1
