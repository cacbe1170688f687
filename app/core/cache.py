"""Answers kept in memory, per release: a repeated question is answered without the database.

``AnswerCache`` is plain ASGI and sits outside the routes. It keeps the complete 200 answers to
GET requests of the read API (``/v1/...``, keyed by path, query string and ``Accept``), each
with the release it was computed at, and serves one only while that release is still the
current one (``app.core.releases``), so a write invalidates every answer at once. An answer is
kept only when its question was asked before (``Answers.admits``), so one-off questions cost no
keeping and push nothing out; entries are evicted least-recently-used beyond ``max_bytes``.
Writes, errors, streamed exports and requests carrying credentials are never cached.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.etag import matches
from app.core.releases import request_release

CACHED_PREFIXES = ("/v1/organizations", "/v1/states", "/v1/memberships", "/v1/sources")


@dataclass(frozen=True)
class Entry:
    release: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    etag: str


class Answers:
    """An LRU of answers bounded in bytes."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self.entries: OrderedDict[tuple[str, ...], Entry] = OrderedDict()
        # hashes of the questions asked once lately (a doorkeeper, as in TinyLFU)
        self.seen: set[int] = set()
        self.max_seen = max(16, max_bytes // 4096)

    def admits(self, key: tuple[str, ...]) -> bool:
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

    def get(self, key: tuple[str, ...], release: int) -> Entry | None:
        entry = self.entries.get(key)
        if entry is None:
            return None
        if entry.release != release:
            self._drop(key)
            return None
        self.entries.move_to_end(key)
        return entry

    def put(self, key: tuple[str, ...], entry: Entry) -> None:
        cost = len(entry.body) + 512
        if cost > self.max_bytes // 8:
            return  # one answer may not push out most of the others
        if key in self.entries:
            self._drop(key)
        self.entries[key] = entry
        self.size += cost
        while self.size > self.max_bytes:
            self._drop(next(iter(self.entries)))

    def _drop(self, key: tuple[str, ...]) -> None:
        self.size -= len(self.entries.pop(key).body) + 512


def _store(
    answers: Answers, key: tuple[str, ...], release: int, start: Message, body: bytes
) -> None:
    headers = Headers(raw=start["headers"])
    etag = headers.get("etag")
    if etag is None or "content-length" not in headers:
        return  # streamed or untagged: not kept
    answers.put(key, Entry(release, list(start["headers"]), body, etag))


def _cacheable(scope: Scope) -> bool:
    if scope["type"] != "http" or scope["method"] != "GET":
        return False
    path: str = scope["path"]
    return path.startswith(CACHED_PREFIXES) and not path.endswith((".svg", "-year"))


class AnswerCache:
    """Serves kept answers; keeps new 200 answers (the app's ``state.answers``)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not _cacheable(scope):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if "authorization" in headers:
            await self.app(scope, receive, send)
            return
        answers: Answers = scope["app"].state.answers
        release = await request_release(scope)
        key = (
            # a question without a date is about today: the day is part of the question
            str(int(time.time() // 86400)),
            scope.get("scheme", ""),
            headers.get("host", ""),
            scope.get("root_path", ""),
            scope["path"],
            scope.get("query_string", b"").decode("latin-1"),
            headers.get("accept", ""),
        )
        entry = answers.get(key, release)
        if entry is not None:
            await self._replay(entry, headers.get("if-none-match", ""), send)
            return
        if not answers.admits(key):
            await self.app(scope, receive, send)
            return
        await self.app(scope, receive, self._keeping(answers, key, release, send))

    def _keeping(self, answers: Answers, key: tuple[str, ...], release: int, send: Send) -> Send:
        start: Message | None = None
        chunks: list[bytes] = []

        async def keep(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message if message["status"] == 200 else None
            elif start is not None:
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    _store(answers, key, release, start, b"".join(chunks))
            await send(message)

        return keep

    @staticmethod
    async def _replay(entry: Entry, wanted: str, send: Send) -> None:
        if matches(wanted, entry.etag):
            headers = [(k, v) for k, v in entry.headers if k != b"content-length"]
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": 200, "headers": entry.headers})
        await send({"type": "http.response.body", "body": entry.body})
