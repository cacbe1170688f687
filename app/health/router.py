"""Liveness and readiness: is the database reachable, and at which migration revision."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from sqlalchemy.exc import SQLAlchemyError

from app.core import migrations
from app.core.errors import ServiceUnavailable, problem_responses

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
def health(request: Request) -> Health:
    """Ready when the database answers and is migrated to the code's newest revision."""
    engine = request.app.state.engine
    head = migrations.head_revision(request.app.state.settings)
    try:
        revision = migrations.current_revision(engine)
    except SQLAlchemyError as exc:
        raise ServiceUnavailable("the database does not answer") from exc
    if revision != head:
        raise ServiceUnavailable(
            f"the database is at revision {revision}, the code needs {head}; run `foedus migrate`"
        )
    return Health(status="ok", database=engine.dialect.name, revision=revision, head=head)
