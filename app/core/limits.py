"""Bounds on what a request may carry, checked before any route runs.

Headers are capped in count and size (431), as ``foedus serve``'s HTTP server caps them before
they are read (``app.core.server``), for any other server the app is run or mounted under.
Query strings are capped in length and may not hold NUL or other control characters (a
database would refuse them later, less politely); bodies are capped in size and JSON in depth,
so that no input can exhaust memory or the parser's recursion.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.errors import problem_response

MAX_DEPTH = 32


def _bad_parameter(query: str) -> str | None:
    for name, value in parse_qsl(query, keep_blank_values=True):
        if any(ord(c) < 32 or ord(c) == 127 for c in name + value):
            return f"query.{name}"
    return None


def json_depth(body: bytes) -> int:
    """The deepest nesting of [ and { outside strings."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            escaped, in_string = (
                (not escaped and byte == 0x5C),
                in_string and (escaped or byte != 0x22),
            )
            continue
        if byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


class LimitsMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        *,
        max_query: int,
        max_body: int,
        max_headers: int,
        max_header_bytes: int,
    ) -> None:
        self.app = app
        self.max_query = max_query
        self.max_body = max_body
        self.max_headers = max_headers
        self.max_header_bytes = max_header_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        headers = scope.get("headers", [])
        size = sum(len(name) + len(value) + 4 for name, value in headers)  # ": " and CRLF
        if len(headers) > self.max_headers or size > self.max_header_bytes:
            await problem_response(
                request,
                431,
                "request-header-fields-too-large",
                "Request Header Fields Too Large",
                f"the request has {len(headers)} header fields of {size} bytes; at most "
                f"{self.max_headers} fields of {self.max_header_bytes} bytes in all are taken",
                parameter="headers",
            )(scope, receive, send)
            return
        query = scope.get("query_string", b"").decode("latin-1")
        if len(query) > self.max_query:
            await problem_response(
                request,
                414,
                "uri-too-long",
                "URI too long",
                f"the query string is longer than {self.max_query} characters",
                parameter="query",
            )(scope, receive, send)
            return
        bad = "path" if "\x00" in scope.get("path", "") else _bad_parameter(query)
        if bad is not None:
            await problem_response(
                request,
                422,
                "invalid-parameter",
                "Invalid parameter",
                f"{bad}: control characters are not allowed",
                parameter=bad,
            )(scope, receive, send)
            return
        if scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        body = bytearray()
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return  # the client is gone before its body: no one to answer
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.max_body:
                await problem_response(
                    request,
                    413,
                    "too-large",
                    "Content too large",
                    f"the body is larger than {self.max_body} bytes",
                    parameter="body",
                )(scope, receive, send)
                return
        if b"\x00" in body or b"\\u0000" in body.lower():
            await problem_response(
                request,
                422,
                "invalid-parameter",
                "Invalid parameter",
                "body: NUL characters are not allowed",
                parameter="body",
            )(scope, receive, send)
            return
        if json_depth(bytes(body)) > MAX_DEPTH:
            await problem_response(
                request,
                422,
                "invalid-parameter",
                "Invalid parameter",
                f"body: JSON nested deeper than {MAX_DEPTH} levels",
                parameter="body",
            )(scope, receive, send)
            return
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)
