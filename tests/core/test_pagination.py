"""The ``Link`` of a next page written from the request's scope (``scope_next_link``, for the
answers given before routing) is the one a ``Request`` gives (``next_link``), for any scheme,
host, server, path and query."""

from __future__ import annotations

import itertools
from typing import Any

from starlette.requests import Request

from app.core.pagination import encode_cursor, next_link, scope_next_link

HOSTS: list[tuple[bytes | None, Any]] = [
    (b"api.example.org", ("10.0.0.1", 8000)),
    (b"api.example.org:8443", None),
    (b"[::1]:8000", ("::1", 8000)),
    (None, ("127.0.0.1", 80)),
    (None, ("127.0.0.1", 8000)),
    (None, ["127.0.0.1", 8000]),  # a server given as a list
    (None, ("::1", 443)),
    (None, None),
    (b"bad host:x", ("127.0.0.1", 8000)),
]
PATHS = ["/v1/states/FRA/memberships", "/v1/states/AAA/memberships", "//v1/odd"]
QUERIES = [
    b"",
    b"at=1995-06-01",
    b"during=1990/2000&mode=throughout",
    b"during=1995",
    b"a=%2F&b=&a=2",
]


def test_the_scopes_link_is_the_requests() -> None:
    cursor = encode_cursor("1234")
    compared = 0
    for (host, server), path, query, scheme in itertools.product(
        HOSTS, PATHS, QUERIES, ["http", "https"]
    ):
        headers = [(b"accept", b"*/*")] + ([] if host is None else [(b"host", host)])
        scope = {
            "type": "http",
            "scheme": scheme,
            "server": server,
            "path": path,
            "query_string": query,
            "headers": headers,
        }
        assert scope_next_link(scope, cursor) == next_link(Request(scope), cursor), scope
        compared += 1
    assert compared == len(HOSTS) * len(PATHS) * len(QUERIES) * 2
