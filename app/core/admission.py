"""At most ``max_in_flight`` requests work on the database at once; the rest wait their turn.

A route holds a database connection from its first query until it returns (the session is
closed then, ``app.core.db``), and may wait for a worker thread meanwhile. Without a bound, a
burst of slow requests can hold every pooled connection while waiting for threads and starve
each other until they time out. Waiting here, before any connection is taken, keeps the pool
(``max_in_flight`` plus headroom) enough for every admitted request.

A request holds its slot while it computes, not while its client reads: the slot is given back
when the response starts (the route has returned; what is left is sending bytes already made),
so clients that stop reading cannot hold the slots of the others. Answers served from memory
(``app.core.httpcache``) never wait.

Reads of a past release (``recorded_at``, ``release=N``) have their own, smaller lane
(``max_past_in_flight``): one may first build a snapshot of that release (``app.audit.snapshot``),
and a burst of them must wait among themselves, not hold the slots of the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.runtime import runtime_of
from app.core.settings import Settings

PAST = ("recorded_at", "release")  # the parameters of a read of a past release


@dataclass(frozen=True)
class Lanes:
    present: anyio.Semaphore
    past: anyio.Semaphore

    @classmethod
    def of(cls, settings: Settings) -> Lanes:
        return cls(
            anyio.Semaphore(settings.max_in_flight), anyio.Semaphore(settings.max_past_in_flight)
        )

    def of_request(self, scope: Scope) -> anyio.Semaphore:
        query: bytes = scope.get("query_string", b"")
        if any(name.encode() in query for name in PAST):  # cheap first, then exact
            names = {name for name, _ in parse_qsl(query.decode("latin-1"))}
            if names.intersection(PAST):
                return self.past
        return self.present


class Admission:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        runtime = runtime_of(scope.get("app"))
        if scope["type"] != "http" or runtime is None:
            await self.app(scope, receive, send)
            return
        slots = runtime.admission.of_request(scope)
        await slots.acquire()
        held = True

        async def sending(message: Message) -> None:
            nonlocal held
            if held and message["type"] == "http.response.start":
                held = False
                slots.release()
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            if held:
                slots.release()
