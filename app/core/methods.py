"""HTTP methods as RFC 9110 has them: HEAD on every GET route, and a 405's ``Allow`` listing
every method the path takes (not those of the first route that matched it)."""

from __future__ import annotations

from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGet:
    """HEAD answered as the GET of the same target, without its body: the same status and
    headers (``Content-Length`` and ``ETag`` included), so a client may check an answer cheaply.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headless(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return  # the body is not sent: only its end is
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headless)


METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def allowed(scope: Scope) -> list[str]:
    """Every method some route of the app fully matches at the request's path (HEAD with GET):
    asked of each route's own ``matches``, so included routers answer for their routes."""
    routes = scope["app"].router.routes
    methods = {
        method
        for method in METHODS
        if any(route.matches({**scope, "method": method})[0] is Match.FULL for route in routes)
    }
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)
