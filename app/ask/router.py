"""``GET /v1/ask``: a question in plain English, answered with the /v1 code."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.ask.service import AskAnswer, ask
from app.core.errors import problem_responses
from app.exports.formats import Format, respond
from app.memberships.store import ReaderDep

router = APIRouter(tags=["ask"], responses=problem_responses(300, 404, 422))


@router.get("/ask", response_model=AskAnswer)
async def ask_question(
    reader: ReaderDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=300,
            description=(
                "A question in English, e.g. who was a member of the CSTO in 1995; was "
                "Georgia in the CIS in 2010; when did Uzbekistan leave the CSTO; which "
                "alliances was Belarus in on 1 January 2000; who joined NATO between 1999 "
                "and 2004."
            ),
            examples=["who was a member of the CSTO in 1995"],
        ),
    ],
) -> Response:
    """Ask in words: the understood query, the structured answer and one sentence with sources.

    A question it cannot read is a 422 with suggestions.
    """
    return respond(await ask(reader, q), Format.JSON, (), filename="ask")
