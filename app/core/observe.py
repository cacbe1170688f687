"""One line per request in the access log, and the requests counted (``app.core.metrics``).

``Observe`` is the one place a request is measured: its status, its duration (until the last
byte of its answer was handed to the server), the bytes of its body and its route. It wraps
every other layer, so it sees what was sent: a HEAD as a HEAD with no body, a kept answer
replayed by the HTTP cache (which says so with ``cache_result``), a 304, and a 500 for an error
that escaped every layer (answered by Starlette outside). With the log and the metrics both off
it is not installed.

The log is JSON, one object per line, on the ``foedus.access`` logger at INFO::

    {"ts": "2026-03-01T12:00:00.123+00:00", "method": "GET",
     "path": "/v1/organizations/csto/members", "route": "/v1/organizations/{slug}/members",
     "status": 200, "duration_ms": 0.4, "bytes": 2731, "cache": "hit", "client": "10.0.0.7",
     "request_id": "4bf92f35"}

(one line in the log, broken here to fit).

``cache`` is null for a question the cache does not keep; ``client`` is the peer (a proxy's
address unless the server reads forwarded headers); ``request_id`` is ``X-Request-ID`` when it
is a plain token of at most 128 characters, else null. The query string and the other headers
(``Authorization`` above all) are never logged. Unless logging is configured for it, the lines
go to stdout; route them elsewhere with the logging configuration (uvicorn's ``--log-config``).
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
from datetime import UTC, datetime
from typing import Any, Literal

import fastapi.routing
from fastapi import FastAPI
from starlette.applications import Starlette
from starlette.routing import Mount, compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.metrics import Metrics, serve_metrics
from app.core.settings import Settings

ACCESS = logging.getLogger("foedus.access")
UNMATCHED = "unmatched"
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
SEEN = "observed"  # the key of a request's ``Seen`` in its scope's state
MAX_PATH = 2048  # characters of the path a log line keeps
MAX_KNOWN = 4096  # paths whose route template is remembered (all forgotten when full)
MAX_KNOWN_PATH = 256  # a longer path is matched each time, not remembered
REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
CacheResult = Literal["hit", "miss"]


class Seen:
    """What one request did, as far as the layers outside the routes can tell."""

    __slots__ = ("bytes", "cache", "finished", "status")

    def __init__(self) -> None:
        self.status = 500  # unless a response starts: an error escaped, answered outside
        self.bytes = 0
        self.finished: float | None = None
        self.cache: CacheResult | None = None


def cache_result(scope: Scope, result: CacheResult) -> None:
    """Note that a kept answer was replayed (hit) or a keepable one computed (miss)."""
    seen: Seen | None = scope.get("state", {}).get(SEEN)
    if seen is not None:
        seen.cache = result


class Observe:
    """Measures each request once, then logs it and counts it (either may be off)."""

    def __init__(self, app: ASGIApp, *, metrics: Metrics | None, log: bool) -> None:
        self.app = app
        self.metrics = metrics
        self.log = log
        self.routes = Routes()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        wall, started = time.time(), time.perf_counter()
        seen = Seen()
        scope.setdefault("state", {})[SEEN] = seen
        route = self.routes.template(scope)  # before a mount moves the path into root_path
        method = scope["method"] if scope["method"] in METHODS else "other"

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                seen.status = message["status"]
            elif message["type"] == "http.response.body":
                seen.bytes += len(message.get("body", b""))
                if not message.get("more_body", False):
                    seen.finished = time.perf_counter()
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            seconds = (seen.finished or time.perf_counter()) - started
            if self.metrics is not None:
                self.metrics.count(method, route, seen.status, seconds, seen.cache)
            if self.log and ACCESS.isEnabledFor(logging.INFO):
                ACCESS.info(access_line(scope, route, seen, wall, seconds))


class Routes:
    """The app's route templates, matched as its router matches them (in its order, a route of
    another method as a 405), read from the app once and remembered by method and path."""

    def __init__(self) -> None:
        self.table: list[tuple[re.Pattern[str], frozenset[str] | None, str]] | None = None
        self.known: dict[tuple[str, str], str] = {}

    def template(self, scope: Scope) -> str:
        # the path as the router reads it: without the prefix the app is mounted under
        path = str(scope["path"]).removeprefix(scope.get("root_path", ""))
        method = "GET" if scope["method"] == "HEAD" else str(scope["method"])
        found = self.known.get((method, path))
        if found is None:
            found = self.match(scope["app"], method, path)
            if len(self.known) >= MAX_KNOWN:
                self.known.clear()
            if len(path) <= MAX_KNOWN_PATH:
                self.known[method, path] = found
        return found

    def match(self, app: Starlette, method: str, path: str) -> str:
        if self.table is None:
            self.table = templates(app)
        partial = None
        for regex, methods, template in self.table:
            if regex.match(path):
                if methods is None or method in methods:
                    return template
                partial = partial or template
        return partial or UNMATCHED


def templates(app: Starlette) -> list[tuple[re.Pattern[str], frozenset[str] | None, str]]:
    """Every route's regex, methods and path template, its routers' prefixes included."""
    # FastAPI 0.16x includes a router's routes without copying them: their contexts have the
    # whole path; before, ``app.routes`` held copies with it
    contexts = getattr(fastapi.routing, "iter_route_contexts", None)
    table = []
    for route in contexts(app.routes) if contexts else app.routes:
        path = getattr(route, "path", None)
        if not isinstance(path, str):
            continue
        if isinstance(getattr(route, "original_route", route), Mount):  # anything under it
            path = path.rstrip("/") + "/{path:path}"
        methods = getattr(route, "methods", None)
        regex, template, _ = compile_path(path)
        table.append((regex, frozenset(methods) if methods else None, template))
    return table


def access_line(scope: Scope, route: str, seen: Seen, wall: float, seconds: float) -> str:
    """The request as one JSON object; the query string and the headers are never in it, but
    for ``X-Request-ID`` when it is a plain token."""
    client = scope.get("client")
    asked = next((v for k, v in scope["headers"] if k == b"x-request-id"), b"").decode("latin-1")
    line: dict[str, Any] = {
        "ts": datetime.fromtimestamp(wall, UTC).isoformat(timespec="milliseconds"),
        "method": str(scope["method"])[:16],
        "path": str(scope["path"])[:MAX_PATH],
        "route": route,
        "status": seen.status,
        "duration_ms": round(seconds * 1000, 1),
        "bytes": seen.bytes,
        "cache": seen.cache,
        "client": client[0] if client else None,
        "request_id": asked if REQUEST_ID.fullmatch(asked) else None,
    }
    return json.dumps(line, ensure_ascii=True)


def printed(logger: logging.Logger) -> None:
    """Make ``logger``'s INFO lines show: a level unless one is set, and a handler writing the
    bare line to stdout unless logging is configured (a handler on it or above it)."""
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.INFO)
    if not logger.hasHandlers():
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)


def observe(app: FastAPI, settings: Settings) -> None:
    """Install what ``settings`` turn on: the access log, and the metrics with ``/metrics``."""
    metrics = Metrics(app) if settings.metrics else None
    if metrics is not None:
        serve_metrics(app, metrics)
    if settings.access_log:
        printed(ACCESS)
    if metrics is not None or settings.access_log:
        app.add_middleware(Observe, metrics=metrics, log=settings.access_log)
