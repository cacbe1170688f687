"""Liveness and readiness: is the database reachable, at the code's migration revision, whole
(SQLite's quick check), writable when writes are on, holding organisations, and compiled; when
not, a 503 problem saying which, in the same line the API's routes answer and the log holds
(``app.core.faults``)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import col

from app.core import faults, migrations, startup
from app.core.errors import ServiceUnavailable, problem_responses
from app.core.runtime import Runtime, RuntimeDep
from app.models import Organization

router = APIRouter(tags=["health"])
EMPTY = f"the database holds no organisations: run `{faults.SEED}` to load the shipped data"


class Health(BaseModel):
    status: str = Field(examples=["ok"])
    database: str = Field(examples=["sqlite"])
    revision: str | None = Field(description="The database's migration revision.")
    head: str = Field(description="The newest migration this code knows.")


@router.get(
    "/healthz",
    response_model=Health,
    responses=problem_responses(503),
)
def health(runtime: RuntimeDep, request: Request) -> Health:
    """Ready when the database answers, is migrated to the code's newest revision, is whole
    and writable (checked every minute, and at once after a request met either fault), holds
    organisations, and they are compiled; else a 503 whose `detail` says what is wrong."""
    seen: faults.Faults = request.app.state.faults
    try:
        with runtime.engine.connect() as connection:
            revision, problem = _problem(connection, runtime, seen)
    except SQLAlchemyError as exc:
        problem, revision = faults.reason_of(exc) or startup.unreachable(exc).detail, None
    if problem is None and runtime.index.failure is not None:
        runtime.index.start()  # again, at most every RETRY_SECONDS: polling is enough to recover
        problem = (
            f"compiling the organisations failed ({runtime.index.failure}); the server log "
            "says more"
        )
    if problem is not None:
        seen.met(problem)
        raise ServiceUnavailable(problem)
    seen.well()
    return Health(
        status="ok",
        database=runtime.engine.dialect.name,
        revision=revision,
        head=migrations.head_revision(runtime.settings),
    )


def _problem(
    connection: Connection, runtime: Runtime, seen: faults.Faults
) -> tuple[str | None, str | None]:
    """The database's revision, and what is wrong with it (None if nothing)."""
    settings = runtime.settings
    revision = migrations.revision_of(connection)
    problem = startup.schema_problem(revision, settings)
    if problem is not None:
        return revision, problem
    if seen.check_due():
        problem = faults.damage(connection)
        writes = settings.writes_enabled and not settings.read_only
        if problem is None and writes and not faults.writable(connection):
            problem = faults.READ_ONLY
        if problem is not None:
            return revision, problem
    held = connection.execute(select(func.count(col(Organization.id)))).scalar()
    return revision, None if held else EMPTY
