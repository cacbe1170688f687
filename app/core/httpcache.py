"""HTTP caching, written once: ETag and 304, Cache-Control and Vary, and the answers kept.

``HTTPCache`` is plain ASGI and sits outside the routes. For a GET answered 200 it

- tags the answer: a route's own ``ETag`` (a record's version, for If-Match) is kept, any other
  is ``"r<release>-<XXH3 of the body>"``, so it changes with every release; within one release
  the answers to one URL differ only with the day (answers about "today") and the format, which
  XXH3's 64 bits tell apart at a fraction of a cryptographic hash's cost;
- answers 304 when ``If-None-Match`` names that tag (weak comparison, ``*`` or a list);
- says how long caches may keep it (``Cache-Control``): ``http_max_age`` seconds, and
  ``http_stale_while_revalidate`` more while they fetch it again; a read pinned to a release
  (``release=N``, marked by the route with ``pin``) that names its dates (``at``, ``during``,
  ``from`` and ``to``) is the same for ever: ``immutable``; one about today only until midnight
  (UTC). The feeds a client polls to stay in sync (``/v1/changes``, ``/v1/meta``) are
  ``no-cache``: kept, but asked again (a 304 while nothing changed). Answers to requests with
  credentials are ``private, no-store``; writes, errors and readiness ``no-store``;
- adds ``Accept`` to ``Vary`` (the format of an answer may follow it);
- keeps the whole answer in memory (``Answers``) for the read API's questions, so that the
  question asked again is answered without the routes or the database.

A kept answer is keyed only by what it varies by: the path, the query normalised (parameters
sorted by name, percent-encoding written one way), the format negotiated from ``Accept`` (not
the header's text) and the day; it answers only at the release it was made at (a pinned one at
its own release, for ever), so a write of this process makes every live answer stale at once.
Links in kept headers are relative (``app.core.pagination``), so host and scheme are not part of
the question. Each entry is charged for its key, headers and body as Python holds them.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import parse_qsl, urlencode

import xxhash
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.lru import LRU
from app.core.observe import cache_result
from app.core.releases import request_release
from app.core.runtime import runtime_of
from app.core.timequery import seconds_left_today, today
from app.exports.formats import format_of

KEPT_PREFIXES = (
    "/v1/organizations",
    "/v1/states",
    "/v1/memberships",
    "/v1/sources",
    "/v1/ask",  # a question in words: kept by its text, day and release like the others
)
NOT_KEPT_SUFFIXES = (".svg", "-year")  # charts and the streamed year tables
NO_STORE_PATHS = ("/healthz",)  # readiness must be asked of the replica itself
NO_CACHE_PATHS = ("/v1/changes", "/v1/meta")  # feeds polled to stay in sync
DATED = ({"at"}, {"during"}, {"from", "to"})  # parameters that fix every date of a question
IMMUTABLE = "public, max-age=31536000, immutable"
NO_STORE = "no-store"
NO_CACHE = "no-cache"
PRIVATE = "private, no-store"
PINNED = "pinned_release"  # the key of a pinned read's release in the request's state
ENTRY_BYTES = 200  # an Entry and its slot in the LRU, beyond what ``cost`` measures
TAGS = re.compile(r'(?:W/)?"[^"]*"')


class Question(NamedTuple):
    """What a kept answer is keyed by."""

    path: str  # as served (percent-decoded), mount prefix included
    query: str  # see ``normal_query``
    format: str  # the negotiated format
    day: int  # days since 1970: an answer without a date is about today


@dataclass(frozen=True)
class Entry:
    release: int
    pinned: bool  # answered at ``release`` for ever, whatever the current release
    headers: list[tuple[bytes, bytes]]
    body: bytes
    etag: str


def cost(question: Question, entry: Entry) -> int:
    """The bytes an entry holds: its key, headers and body as Python objects, and a fixed part."""
    key = sys.getsizeof(question) + sum(sys.getsizeof(part) for part in question)
    headers = sys.getsizeof(entry.headers) + sum(
        sys.getsizeof(pair) + sys.getsizeof(pair[0]) + sys.getsizeof(pair[1])
        for pair in entry.headers
    )
    return ENTRY_BYTES + key + headers + sys.getsizeof(entry.body) + sys.getsizeof(entry.etag)


class Answers:
    """Answers kept in an LRU bounded in bytes (``cost``), with a doorkeeper."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.entries = LRU(max_bytes)  # Question -> Entry
        # hashes of the questions asked once lately (a doorkeeper, as in TinyLFU)
        self.seen: set[int] = set()
        self.max_seen = max(16, max_bytes // 4096)

    @property
    def size(self) -> int:
        return self.entries.size

    def admits(self, key: Question) -> bool:
        """Whether an answer to ``key`` is worth keeping: only when its question was asked
        before, among the last ``max_seen`` asked once (the set is emptied when full), so that
        one-off questions (a random day) neither cost the keeping nor push out the others."""
        mark = hash(key)
        if mark in self.seen:
            self.seen.discard(mark)
            return True
        if len(self.seen) >= self.max_seen:
            self.seen.clear()
        self.seen.add(mark)
        return False

    def get(self, key: Question, release: int) -> Entry | None:
        """The answer to ``key`` at ``release``; an answer of another release is dropped."""
        entry: Entry | None = self.entries.find(key)
        if entry is not None and not entry.pinned and entry.release != release:
            self.entries.drop(key)
            return None
        return entry

    def put(self, key: Question, entry: Entry) -> None:
        self.entries.keep(key, entry, cost=cost(key, entry))


def normal_pairs(query_string: bytes) -> list[tuple[str, str]]:
    """The query's parameters as the app reads them (percent-encoding decoded, as Starlette
    does), sorted by name; a repeated one keeps its order. Nothing is dropped."""
    pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    return sorted(pairs, key=lambda pair: pair[0])


def question_of(scope: Scope, headers: Headers) -> Question:
    """The question a GET asks: ``format=`` wins over ``Accept``, as in the routes."""
    pairs = normal_pairs(scope.get("query_string", b""))
    asked = [value for name, value in pairs if name == "format"]
    fmt = asked[-1] if asked else format_of(headers.get("accept", "")).value
    return Question(scope["path"], urlencode(pairs), fmt, today().toordinal())


def body_tag(release: int, body: bytes) -> str:
    """The ETag of an answer without a version of its own: its release and a checksum of it."""
    return f'"r{release}-{xxhash.xxh3_64_hexdigest(body)}"'


def matches(if_none_match: str, etag: str) -> bool:
    """Whether ``If-None-Match`` names ``etag`` or is ``*`` (weak comparison: ``W/`` aside)."""
    wanted = if_none_match.strip()
    if wanted == "*":
        return True
    opaque = etag.removeprefix("W/")
    return any(tag.removeprefix("W/") == opaque for tag in TAGS.findall(wanted))


def with_vary(headers: MutableHeaders, name: str = "Accept") -> None:
    """Add ``name`` to ``Vary`` once, keeping what is there."""
    present = [v.strip() for v in headers.get("vary", "").split(",") if v.strip()]
    if "*" in present or name.lower() in (v.lower() for v in present):
        return
    headers["Vary"] = ", ".join([*present, name])


def pin(scope: Scope, release: int) -> None:
    """Mark this request's answer as read at ``release`` for ever (``release=N``)."""
    scope.setdefault("state", {})[PINNED] = release


def pinned(scope: Scope) -> int | None:
    release: int | None = scope.get("state", {}).get(PINNED)
    return release


def route_path(scope: Scope) -> str:
    """The path without the prefix the app is mounted under."""
    path: str = scope["path"]
    return path.removeprefix(scope.get("root_path", ""))


class HTTPCache:
    """ETag, 304, Cache-Control, Vary, and the answers kept (the app's ``Runtime.answers``)."""

    def __init__(self, app: ASGIApp, *, max_age: int, stale_while_revalidate: int) -> None:
        self.app = app
        self.public = (
            f"public, max-age={max_age}, stale-while-revalidate={stale_while_revalidate}"
            if max_age > 0
            else NO_CACHE
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] != "GET":
            await self.app(scope, receive, _unkept(send))
            return
        headers = Headers(scope=scope)
        private = "authorization" in headers
        runtime = runtime_of(scope.get("app"))
        answers = runtime.answers if runtime is not None else None
        if answers is None or private or not _keepable(route_path(scope)):
            await self.app(scope, receive, self._answering(scope, headers, private, None, send))
            return
        key = question_of(scope, headers)
        entry = answers.get(key, await request_release(scope))
        if entry is not None:
            cache_result(scope, "hit")
            await _replay(entry, headers.get("if-none-match", ""), send)
            return
        cache_result(scope, "miss")
        keeping = (answers, key) if answers.admits(key) else None
        await self.app(scope, receive, self._answering(scope, headers, private, keeping, send))

    def _answering(
        self,
        scope: Scope,
        headers: Headers,
        private: bool,
        keeping: tuple[Answers, Question] | None,
        send: Send,
    ) -> Send:
        """A ``send`` that buffers a 200 answer and sends it finished (or a 304)."""
        start: Message | None = None
        chunks: list[bytes] = []

        async def answer(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start" and message["status"] != 200:
                MutableHeaders(scope=message).setdefault("Cache-Control", NO_STORE)
                await send(message)
            elif message["type"] == "http.response.start":
                start = message
            elif start is None:
                await send(message)
            else:
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    await self._finish(scope, headers, private, keeping, start, chunks, send)

        return answer

    async def _finish(
        self,
        scope: Scope,
        asked: Headers,
        private: bool,
        keeping: tuple[Answers, Question] | None,
        start: Message,
        chunks: list[bytes],
        send: Send,
    ) -> None:
        body = b"".join(chunks)
        headers = MutableHeaders(raw=list(start["headers"]))
        streamed = "content-length" not in headers
        pinned_at = pinned(scope)
        release = pinned_at if pinned_at is not None else await request_release(scope)
        if "etag" not in headers:
            headers["ETag"] = body_tag(release, body)
        headers.setdefault("Cache-Control", self._control(scope, private, pinned_at))
        with_vary(headers)
        headers["Content-Length"] = str(len(body))
        entry = Entry(release, pinned_at is not None, headers.raw, body, headers["etag"])
        if keeping is not None and not streamed and "no-store" not in headers["cache-control"]:
            keeping[0].put(keeping[1], entry)
        await _replay(entry, asked.get("if-none-match", ""), send)

    def _control(self, scope: Scope, private: bool, pinned_at: int | None) -> str:
        if private:
            return PRIVATE
        path = route_path(scope)
        if path in NO_STORE_PATHS:
            return NO_STORE
        if path in NO_CACHE_PATHS:
            return NO_CACHE
        if pinned_at is None:
            return self.public
        return IMMUTABLE if dated(scope) else until_midnight()


def dated(scope: Scope) -> bool:
    """Whether the question names all its dates (else it is about today)."""
    names = {name for name, _ in normal_pairs(scope.get("query_string", b""))}
    return any(wanted <= names for wanted in DATED)


def until_midnight() -> str:
    """An answer about today stays right until the day ends (UTC)."""
    return f"public, max-age={seconds_left_today()}"


def _keepable(path: str) -> bool:
    return path.startswith(KEPT_PREFIXES) and not path.endswith(NOT_KEPT_SUFFIXES)


def _unkept(send: Send) -> Send:
    """A ``send`` marking answers to writes (and other methods) ``no-store``."""

    async def unkept(message: Message) -> None:
        if message["type"] == "http.response.start":
            MutableHeaders(scope=message).setdefault("Cache-Control", NO_STORE)
        await send(message)

    return unkept


async def _replay(entry: Entry, if_none_match: str, send: Send) -> None:
    """Send ``entry``: 304 with its headers when the client has it, else 200 with its body."""
    if matches(if_none_match, entry.etag):
        headers = [(k, v) for k, v in entry.headers if k != b"content-length"]
        await send({"type": "http.response.start", "status": 304, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
        return
    await send({"type": "http.response.start", "status": 200, "headers": entry.headers})
    await send({"type": "http.response.body", "body": entry.body})
