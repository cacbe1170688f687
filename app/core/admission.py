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
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.runtime import runtime_of


class Admission:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        runtime = runtime_of(scope.get("app"))
        if scope["type"] != "http" or runtime is None:
            await self.app(scope, receive, send)
            return
        slots = runtime.admission
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
