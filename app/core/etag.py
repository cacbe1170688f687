"""ETag / If-None-Match for successful GET responses: the tag is a hash of the body."""

from __future__ import annotations

import hashlib

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class ETagMiddleware:
    """Buffers 200 GET bodies, tags them, and answers 304 when the client already has them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                if message["status"] != 200:
                    start = None
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
        tag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        headers = MutableHeaders(raw=list(start["headers"]))
        headers["ETag"] = tag
        wanted = Headers(scope=scope).get("if-none-match", "")
        if (
            tag in {t.strip().removeprefix("W/") for t in wanted.split(",")}
            or wanted.strip() == "*"
        ):
            del headers["content-length"]
            headers.setdefault("cache-control", "no-cache")
            await send({"type": "http.response.start", "status": 304, "headers": headers.raw})
            await send({"type": "http.response.body", "body": b""})
            return
        headers.setdefault("cache-control", "no-cache")
        await send({"type": "http.response.start", "status": 200, "headers": headers.raw})
        await send({"type": "http.response.body", "body": body})
