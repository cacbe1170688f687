"""The most asked questions answered before the other layers: who was a member
(``GET /v1/organizations/{slug}/members``) and a state's memberships
(``GET /v1/states/{code}/memberships``), at a date or in a span, and an organisation's timeline
(``GET /v1/organizations/{slug}/timeline``).

Plain ASGI, just inside the kept answers (``app.core.cache``). It answers only the exact forms
``?at=DATE``, ``?during=SPAN`` and ``?during=SPAN&mode=MODE`` (a state's memberships also with
no question, a timeline only with none; default filters, JSON, the first page) about an
organisation or a state (by its code) that the index holds at the request's release
(``app.memberships.store``), with the same body as the route, from the same code
(``compiled.members_json``, ``holdings.answer``, ``history.timeline_json``), and the same headers
the layers it skips would add: the ETag and ``If-None-Match`` (``app.core.etag``) and the
security headers (``app.core.security``). It needs neither the limits (its query is a short
fixed form) nor admission (it does not touch the database). Everything else, and any doubt
(another spelling, a date that does not exist, an index still building), goes on to the route.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from starlette.types import ASGIApp, Receive, Scope, Send

from app.core.etag import body_tag, matches
from app.core.pagination import scope_next_link
from app.core.releases import request_release
from app.core.security import RAW_HEADERS
from app.memberships import history, holdings
from app.memberships.compiled import members_json
from app.memberships.schemas import CertaintyFilter, RoleFilter
from app.memberships.store import Built, Index
from app.organizations.service import today
from app.temporal import InvalidDate, InvalidPeriod, Mode, TimeQuery

MEMBERS = re.compile(r"/v1/organizations/([a-z0-9][a-z0-9-]{0,59})/(members|timeline)")
STATE = re.compile(r"/v1/states/([A-Z]{3})/memberships")
QUERY = re.compile(rb"(?:at=([0-9-]{4,10})|during=([0-9/-]{4,21})(?:&mode=(any|throughout))?)?")
NEGOTIATED = (b"text/csv", b"ndjson")  # an Accept that asks for a table (``app.exports.formats``)


@dataclass(frozen=True)
class Early:
    body: bytes
    if_none_match: str
    headers: list[tuple[bytes, bytes]]  # beyond the content's and the ETag's


class EarlyAnswers:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        answer = await _answer(scope) if scope["type"] == "http" else None
        if answer is None:
            await self.app(scope, receive, send)
            return
        etag = body_tag(await request_release(scope), answer.body)
        headers = [
            (b"content-type", b"application/json"),
            *answer.headers,
            (b"etag", etag.encode()),
            (b"cache-control", b"no-cache"),
            *RAW_HEADERS,
        ]
        if matches(answer.if_none_match, etag):
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        headers.insert(0, (b"content-length", str(len(answer.body)).encode()))
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": answer.body})


def _query(at: str | None, during: str | None, mode: str | None) -> TimeQuery | None:
    if at is not None:
        return TimeQuery.at(at)
    if during is not None:
        return TimeQuery.during(during, Mode(mode or "any"))
    return None


async def _answer(scope: Scope) -> Early | None:
    """The answer, or None to leave the request to the route."""
    if scope["method"] != "GET":
        return None
    members = MEMBERS.fullmatch(scope["path"])
    state = None if members else STATE.fullmatch(scope["path"])
    asked = QUERY.fullmatch(scope["query_string"])
    if (members is None and state is None) or asked is None:
        return None
    if_none_match = ""
    for name, value in scope["headers"]:
        if name == b"accept" and any(kind in value for kind in NEGOTIATED):
            return None
        if name == b"if-none-match":
            if_none_match = value.decode("latin-1")
    index: Index = scope["app"].state.index
    built = index.at(await request_release(scope))
    if built is None:
        return None
    try:
        query = _query(*(part.decode() if part else None for part in asked.groups()))
    except (InvalidDate, InvalidPeriod):
        return None  # the route names what is wrong
    if members is not None and members[2] == "timeline":
        return _timeline(built, members[1], asked[0], if_none_match)
    if members is not None:
        return _members(built, members[1], query, if_none_match)
    assert state is not None
    return _state(built, state[1], query, if_none_match, scope)


def _members(built: Built, slug: str, query: TimeQuery | None, if_none_match: str) -> Early | None:
    compiled = built.organizations.get(slug)
    if compiled is None or query is None:  # without a question it is about today: the route
        return None
    body = members_json(compiled, query, RoleFilter.MEMBER, CertaintyFilter.POSSIBLE)
    return Early(body, if_none_match, [])


def _timeline(built: Built, slug: str, asked: bytes, if_none_match: str) -> Early | None:
    compiled = built.organizations.get(slug)
    if compiled is None or asked:
        return None
    return Early(history.timeline_json(compiled, today()), if_none_match, [])


def _state(
    built: Built, code: str, query: TimeQuery | None, if_none_match: str, scope: Scope
) -> Early | None:
    found = built.holdings.states.get(code)
    if found is None:
        return None
    state_id, state_json = found
    body, cursor = holdings.answer(built.holdings, state_id, state_json, query, limit=holdings.PAGE)
    headers = [] if cursor is None else [(b"link", scope_next_link(scope, cursor).encode())]
    return Early(body, if_none_match, headers)
