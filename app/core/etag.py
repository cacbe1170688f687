"""ETag / If-None-Match for successful GETs.

A route may set its own ETag (a record's version, for If-Match); otherwise the tag is
``"r<release>-<checksum of the body>"``: it changes with every release. Within one release the
answers to one URL differ only with the day (answers about "today") and the format asked for, so
the checksum has only to tell those apart: XXH3's 64 bits, a hash made for speed (a
cryptographic one, or even CRC-32 with Adler-32, is a visible share of serving a 50 kB page).
"""

from __future__ import annotations

import xxhash
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.releases import request_release


class ETagMiddleware:
    """Buffers 200 GET bodies, tags them, and answers 304 when the client already has them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message if message["status"] == 200 else None
                if start is None:
                    await send(message)
                return
            if start is None:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                await self._finish(scope, start, b"".join(chunks), send)

        await self.app(scope, receive, capture)

    @staticmethod
    async def _finish(scope: Scope, start: Message, body: bytes, send: Send) -> None:
        headers = MutableHeaders(raw=list(start["headers"]))
        if "etag" not in headers:
            headers["ETag"] = body_tag(await request_release(scope), body)
        headers.setdefault("cache-control", "no-cache")
        tag = headers["etag"]
        if matches(Headers(scope=scope).get("if-none-match", ""), tag):
            del headers["content-length"]
            await send({"type": "http.response.start", "status": 304, "headers": headers.raw})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": 200, "headers": headers.raw})
        await send({"type": "http.response.body", "body": body})


def body_tag(release: int, body: bytes) -> str:
    """The ETag of an answer without a version of its own: its release and a checksum of it."""
    return f'"r{release}-{xxhash.xxh3_64_hexdigest(body)}"'


def matches(if_none_match: str, etag: str) -> bool:
    """Whether an ``If-None-Match`` header names ``etag`` (or is ``*``)."""
    return if_none_match.strip() == "*" or etag in {t.strip() for t in if_none_match.split(",")}
