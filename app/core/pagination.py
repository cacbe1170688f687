"""Cursor pagination: opaque cursors and the RFC 8288 ``Link`` header (a relative reference)."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated
from urllib.parse import parse_qsl, urlencode

from fastapi import Query, Request, Response
from starlette.types import Scope

from app.core.errors import InvalidParameter
from app.core.links import public_base

LimitParam = Annotated[int, Query(ge=1, le=500, description="Page size (1–500).", examples=[100])]
CursorParam = Annotated[
    str | None,
    Query(
        max_length=200,
        examples=["Y3N0bw"],
        description="Opaque cursor from the previous page's `next_cursor` or `Link`.",
    ),
]


def encode_cursor(after: str) -> str:
    return base64.urlsafe_b64encode(after.encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> str | None:
    """The sort key to continue after; a cursor this API did not make is a 422 on ``cursor``."""
    if cursor is None:
        return None
    try:
        raw = base64.b64decode(cursor + "=" * (-len(cursor) % 4), altchars=b"-_", validate=True)
        after = raw.decode()
        if encode_cursor(after) != cursor:
            raise ValueError("not canonical")
        return after
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise InvalidParameter(
            f"cursor: {cursor!r} is not a cursor from this API", parameter="cursor"
        ) from exc


def link_next(request: Request, response: Response, next_cursor: str | None) -> None:
    """Set ``Link: <…>; rel="next"`` when there is a next page."""
    if next_cursor is not None:
        response.headers["Link"] = next_link(request, next_cursor)


def next_link(request: Request, next_cursor: str) -> str:
    """The ``Link`` header's value: this request's path and query with ``cursor`` set.

    The reference is relative (RFC 8288 resolves it against the request's address), so the
    answer is the same whatever host, scheme or port it was asked at: behind a proxy, and when
    a cache hands one client's answer to another.
    """
    url = request.url.include_query_params(cursor=next_cursor)
    return _reference(url.path, url.query, public_base(request.scope))


def scope_next_link(scope: Scope, next_cursor: str) -> str:
    """``next_link`` of a request whose query has no ``cursor``, from its scope."""
    path = scope["path"].replace("?", "%3F").replace("#", "%23").replace("\\", "%5C")
    query = parse_qsl(scope["query_string"].decode(), keep_blank_values=True)
    return _reference(path, urlencode([*query, ("cursor", next_cursor)]), public_base(scope))


def _reference(path: str, query: str, base: str) -> str:
    if path.startswith("//"):  # would read as a host: the second slash is escaped
        path = "/%2F" + path[2:]
    return f'<{base}{path}?{query}>; rel="next"'
