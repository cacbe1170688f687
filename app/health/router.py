"""Liveness and readiness: is the database reachable, at the code's migration revision, and
its organisations compiled; when not, a 503 problem saying which, without internals."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy.exc import SQLAlchemyError

from app.core import migrations, startup
from app.core.errors import ServiceUnavailable, problem_responses
from app.core.runtime import RuntimeDep

router = APIRouter(tags=["health"])


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
def health(runtime: RuntimeDep) -> Health:
    """Ready when the database answers, is migrated to the code's newest revision, and the
    organisations are compiled; else a 503 whose `detail` says what is wrong."""
    engine, settings = runtime.engine, runtime.settings
    try:
        revision = migrations.current_revision(engine)
    except SQLAlchemyError as exc:
        raise ServiceUnavailable(startup.unreachable(exc).detail) from exc
    problem = startup.schema_problem(revision, settings)
    if problem is not None:
        raise ServiceUnavailable(problem)
    index = runtime.index
    if index.failure is not None:
        index.start()  # again, at most every RETRY_SECONDS: polling /healthz is enough to recover
        raise ServiceUnavailable(
            f"compiling the organisations failed ({index.failure}); the server log says more"
        )
    return Health(
        status="ok",
        database=engine.dialect.name,
        revision=revision,
        head=migrations.head_revision(settings),
    )
