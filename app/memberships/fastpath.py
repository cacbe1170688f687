"""The most asked question answered before the other layers: ``GET
/v1/organizations/{slug}/members?at=DATE`` (or ``during``).

Plain ASGI, just inside the kept answers (``app.core.cache``). It answers only the exact forms
``?at=DATE``, ``?during=SPAN`` and ``?during=SPAN&mode=MODE`` (default role and certainty,
JSON) of an organisation the index holds at the request's release (``app.memberships.store``),
with the same body as the route (``list_members``), from the same code
(``compiled.members_json``), and the same headers the layers it skips would add: the ETag and
``If-None-Match`` (``app.core.etag``) and the security headers (``app.core.security``). It
needs neither the limits (its query is a short fixed form) nor admission (it does not touch
the database). Everything else, and any doubt (another spelling of the slug, a date that does
not exist, an index still building), goes on to the route.
"""

from __future__ import annotations

import re

from starlette.types import ASGIApp, Receive, Scope, Send

from app.core.etag import body_tag, matches
from app.core.releases import request_release
from app.core.security import RAW_HEADERS
from app.memberships.compiled import members_json
from app.memberships.schemas import CertaintyFilter, RoleFilter
from app.memberships.store import Index
from app.temporal import InvalidDate, InvalidPeriod, Mode, TimeQuery

PATH = re.compile(r"/v1/organizations/([a-z0-9][a-z0-9-]{0,59})/members")
QUERY = re.compile(rb"at=([0-9-]{4,10})|during=([0-9/-]{4,21})(?:&mode=(any|throughout))?")
NEGOTIATED = (b"text/csv", b"ndjson")  # an Accept that asks for a table (``app.exports.formats``)


class MembersAtDay:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        answer = await _answer(scope) if scope["type"] == "http" else None
        if answer is None:
            await self.app(scope, receive, send)
            return
        body, wanted = answer
        release = await request_release(scope)
        etag = body_tag(release, body)
        headers = [
            (b"content-type", b"application/json"),
            (b"etag", etag.encode()),
            (b"cache-control", b"no-cache"),
            *RAW_HEADERS,
        ]
        if matches(wanted, etag):
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        headers.insert(0, (b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})


async def _answer(scope: Scope) -> tuple[bytes, str] | None:
    """The body, and the request's ``If-None-Match``; None to leave it to the route."""
    if scope["method"] != "GET":
        return None
    path = PATH.fullmatch(scope["path"])
    asked = QUERY.fullmatch(scope["query_string"])
    if path is None or asked is None:
        return None
    wanted = ""
    for name, value in scope["headers"]:
        if name == b"accept" and any(kind in value for kind in NEGOTIATED):
            return None
        if name == b"if-none-match":
            wanted = value.decode("latin-1")
    index: Index = scope["app"].state.index
    compiled = index.ready(path[1], await request_release(scope))
    if compiled is None:
        return None
    at, during, mode = (part.decode() if part else None for part in asked.groups())
    try:
        query = TimeQuery.at(at) if at else TimeQuery.during(during or "", Mode(mode or "any"))
    except (InvalidDate, InvalidPeriod):
        return None  # the route names what is wrong
    return members_json(compiled, query, RoleFilter.MEMBER, CertaintyFilter.POSSIBLE), wanted
