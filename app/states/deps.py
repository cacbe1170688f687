"""The state named in a path, loaded once per request (a 404 with suggestions if unknown)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path

from app.core.db import SessionDep
from app.models import State
from app.states.service import resolve_state

CodePath = Annotated[
    str,
    Path(
        max_length=100,
        description=(
            "ISO 3166-1 alpha-2 or alpha-3, ISO 3166-3 (former states), COW ccode, "
            "Wikidata QID, or an unambiguous name in any recorded language."
        ),
        examples=["ARM"],
    ),
]


def valid_state(session: SessionDep, code: CodePath) -> State:
    return resolve_state(session, identifier=code)


StateDep = Annotated[State, Depends(valid_state)]
