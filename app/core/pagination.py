"""Cursor pagination: opaque cursors and the RFC 8288 ``Link`` header."""

from __future__ import annotations

import base64
import binascii
from functools import lru_cache
from typing import Annotated
from urllib.parse import parse_qsl, urlencode

from fastapi import Query, Request, Response
from starlette.datastructures import URL
from starlette.types import Scope

from app.core.errors import InvalidParameter

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
    """The ``Link`` header's value: this request's address with ``cursor`` set."""
    return f'<{request.url.include_query_params(cursor=next_cursor)}>; rel="next"'


def scope_next_link(scope: Scope, next_cursor: str) -> str:
    """``next_link`` of a request whose query has no ``cursor``, from its scope: the address
    without the query is worked out once per scheme, host, server and path (the same way)."""
    host = next((value for name, value in scope["headers"] if name == b"host"), None)
    server = scope.get("server")
    address = _address(
        scope.get("scheme", "http"), host, None if server is None else tuple(server), scope["path"]
    )
    query = parse_qsl(scope["query_string"].decode(), keep_blank_values=True)
    return f'<{address}?{urlencode([*query, ("cursor", next_cursor)])}>; rel="next"'


@lru_cache(maxsize=1 << 12)
def _address(
    scheme: str, host: bytes | None, server: tuple[str, int | None] | None, path: str
) -> str:
    headers = [] if host is None else [(b"host", host)]
    scope = {"scheme": scheme, "server": server, "path": path, "headers": headers}
    return str(URL(scope=scope))
