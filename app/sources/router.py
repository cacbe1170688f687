"""Routes for sources."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from app.core.db import SessionDep
from app.core.errors import NotFound, problem_responses
from app.sources import repository
from app.sources.schemas import SourcePublic

router = APIRouter(prefix="/sources", tags=["sources"])


@router.get(
    "/{source_id}",
    response_model=SourcePublic,
    responses=problem_responses(404, 422),
)
def read_source(
    session: SessionDep,
    source_id: Annotated[int, Path(ge=1, le=2**31 - 1, description="Source id.", examples=[1])],
) -> SourcePublic:
    """One source: title, publisher, address or citation, and the day it was checked."""
    source = repository.get_source(session, source_id=source_id)
    if source is None:
        raise NotFound(f"no source with id {source_id}", parameter="source_id")
    return SourcePublic.model_validate(source)
