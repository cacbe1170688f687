"""What a running app holds, in one typed object: made by the lifespan, read by dependencies
(``RuntimeDep``) and middleware (``runtime_of``), never as loose ``app.state`` attributes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, Request

from app.core.errors import ServiceUnavailable

if TYPE_CHECKING:  # only the types: what they are made of imports this module
    from sqlalchemy.engine import Engine

    from app.audit.snapshot import Snapshots
    from app.core.admission import Lanes
    from app.core.httpcache import Answers
    from app.core.releases import ReleaseClock
    from app.core.settings import Settings
    from app.memberships.store import Index


@dataclass(frozen=True)
class Runtime:
    settings: Settings
    engine: Engine
    clock: ReleaseClock  # the latest release, re-read every ``release_ttl_seconds``
    index: Index  # every organisation compiled at one release
    answers: Answers  # whole answers kept per release (``app.core.httpcache``)
    snapshots: Snapshots  # the data as of past releases, for pinned reads
    admission: Lanes  # requests working on the database at once


def runtime_of(app: Any) -> Runtime | None:
    """The runtime of a started app (None before its lifespan ran, or after it ended)."""
    found: Runtime | None = getattr(getattr(app, "state", None), "runtime", None)
    return found


async def get_runtime(request: Request) -> Runtime:  # async: no thread for a lookup
    found = runtime_of(request.app)
    if found is None:  # a host that serves before the lifespan ran
        raise ServiceUnavailable("the server is starting")
    return found


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
