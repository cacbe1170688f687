"""The HTTP server's bounds: every connection costs bounded memory, time and file descriptors.

``foedus serve`` runs uvicorn with ``BoundedHttpToolsProtocol`` (``uvicorn_options``), uvicorn's
httptools protocol with these bounds, read from the settings (``FOEDUS_*``) by each process:

- Header size: a request whose header block (request line and headers, up to its blank line)
  is over ``max_header_bytes``, or that has more than ``max_headers`` fields, is answered 431
  problem+json with ``Connection: close`` and the connection is closed. The bytes of a header
  block are counted before the parser sees them and it is never fed more than the bound, so an
  8 MB header costs at most ``max_header_bytes`` of memory; the rest is never read. (After a
  request body, the part of the next pipelined request that came in the same read is parsed
  uncounted: it may pass the bound by at most one read, 256 KiB.) If an earlier request on the
  connection is still being answered, the connection is closed without an answer.
- Header time: a connection must complete a request's headers within
  ``header_timeout_seconds`` of opening or of its previous response (slowloris). If it sent
  part of a request it is answered 408 problem+json, then closed; if it sent nothing it is
  closed without an answer, like an expired keep-alive (a browser's spare connection).
  Uvicorn's keep-alive timeout (``idle_timeout_seconds``) still closes a silent connection
  sooner after a response; it never starts before the first one, the header timeout does.
- Body time: a request's body must be complete within ``body_timeout_seconds`` of the end of
  its headers, counting only while the server reads it: not while reading is paused (an
  earlier pipelined request is being answered, or over 64 KiB came that the app has not taken),
  nor, for ``Expect: 100-continue``, before the app asks for the body. Else it is answered 408
  problem+json with ``Connection: close`` (just closed if a response has begun) and every
  unanswered request of the connection is told at once that its client is gone: a pending
  ``receive()`` returns ``http.disconnect`` and the app's task ends, freeing what it holds.
- Response reading: once the transport pauses writing (more than its high-water mark waits:
  the client is not taking the answer), the client must, within each ``send_timeout_seconds``,
  take ``SEND_PROGRESS`` bytes of what waits for it (counting the kernel's send queue, on
  Linux) or all but the low-water mark (writing resumes; the next pause starts the clock
  again). Else the connection is aborted with a reset (``SO_LINGER`` 0): the transport's
  buffer and the kernel's are freed at once, not when the client reads them, and a ``send()``
  waiting for the client returns. An answer written whole at once (an export of several MB)
  would otherwise be held in memory for as long as its client chose.
- Connections: at most ``max_connections`` are open per process. A connection arriving at the
  cap closes the oldest idle one (no request in flight: opened or kept alive, headers not yet
  complete); with none idle it is answered 503 problem+json (``Retry-After: 1``,
  ``Connection: close``) and closed. One line on the ``foedus.server`` logger says so, at most
  every ``REPORT_SECONDS``, counting what happened since the previous line (the connections
  aborted for not reading their answer included). The file
  descriptors a process holds stay near the cap: beyond it only connections being closed and
  those the kernel has accepted but the process not yet seen (at most uvicorn's backlog).
- Files: ``uvicorn_options`` raises the soft ``RLIMIT_NOFILE`` to the hard limit (workers
  inherit it) and warns if ``max_connections`` is over half of it.

The class relies on these hooks of uvicorn's ``HttpToolsProtocol`` (as of uvicorn 0.55), each
overridden to do its part around uvicorn's (skipped once a request is refused):
``connection_made`` / ``connection_lost`` (the cap, the idle list, the timers, telling every
unanswered request its client is gone, where uvicorn tells only the newest),
``data_received`` (header bytes), ``on_header`` (field count), ``on_headers_complete`` /
``on_message_complete`` (where a header block ends and the next begins, the body's clock),
``on_response_complete`` (idle again), ``_start_asgi_task`` (the request the app answers),
``pause_writing`` / ``resume_writing`` (the send clock). It replaces ``flow`` (uvicorn's
``FlowControl``, which every request of the connection shares) with a subclass telling it when
reading pauses or resumes. It reads ``connections`` (the server's open connections, websockets
included), ``transport``, ``loop``, ``cycle`` (``waiting_for_100_continue``,
``response_started``, ``response_complete``; it sets ``disconnected`` and ``message_event`` as
uvicorn's ``connection_lost`` does), ``pipeline``, ``server_state.default_headers`` and
``STATUS_LINE``. Being a class, it reaches uvicorn's
worker processes by name, so ``--workers`` works (each process has its own cap), and
``uvicorn app.main:app --http app.core.server:BoundedHttpToolsProtocol`` runs it too
(uvicorn's ``--timeout-keep-alive`` is then the idle timeout).
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import math
import resource
import socket
import struct
import termios
import time
from collections.abc import Callable
from typing import Any, TypedDict
from weakref import WeakKeyDictionary

from uvicorn._types import ASGI3Application
from uvicorn.config import Config
from uvicorn.protocols.http.flow_control import FlowControl
from uvicorn.protocols.http.httptools_impl import (
    STATUS_LINE,
    HttpToolsProtocol,
    RequestResponseCycle,
)
from uvicorn.server import ServerState

from app.core.errors import PROBLEM_BASE, PROBLEM_JSON, Problem, ServiceUnavailable
from app.core.security import RAW_HEADERS
from app.core.settings import Settings, get_settings

log = logging.getLogger("foedus.server")

REPORT_SECONDS = 10.0
SEND_PROGRESS = 65_536  # bytes a client must take of a paused answer per send timeout
RESET = struct.pack("ii", 1, 0)  # SO_LINGER on, 0 s: a close resets, the kernel's buffer freed
BLANK_LINE = b"\r\n\r\n"  # llhttp requires CRLF line ends: the header block ends at the first


class UvicornOptions(TypedDict):
    http: type[asyncio.Protocol]
    timeout_keep_alive: int
    proxy_headers: bool  # X-Forwarded-* believed only from ``forwarded_allow_ips``
    forwarded_allow_ips: str | None
    access_log: bool  # uvicorn's own line, left out when the app writes its own


def uvicorn_options(settings: Settings) -> UvicornOptions:
    """Ready this process to serve (file limit) and return uvicorn's options for the bounds."""
    limit = raise_file_limit()
    if settings.max_connections > limit // 2:
        log.warning(
            "FOEDUS_MAX_CONNECTIONS=%d is over half the open-file limit (%d)",
            settings.max_connections,
            limit,
        )
    trusted = settings.forwarded_allow_ips.strip()
    return {
        "http": BoundedHttpToolsProtocol,
        "timeout_keep_alive": settings.idle_timeout_seconds,
        "proxy_headers": bool(trusted),
        "forwarded_allow_ips": trusted or None,
        "access_log": not settings.access_log,
    }


def raise_file_limit() -> int:
    """Raise the soft limit of open files to the hard limit; return the soft limit now."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and (hard == resource.RLIM_INFINITY or soft < hard):
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
            soft = hard
        except (ValueError, OSError):  # an unlimited hard limit the kernel caps lower
            pass
    return soft


class _Peers:
    """One server's idle connections, oldest first, and its report of closing and refusing."""

    def __init__(self) -> None:
        self.idle: dict[BoundedHttpToolsProtocol, None] = {}
        self.evicted = 0
        self.refused = 0
        self.aborted = 0
        self.reported = -math.inf

    def make_room(self) -> bool:
        """Close the oldest idle connection; False if none is idle."""
        oldest = next(iter(self.idle), None)
        if oldest is None:
            self.refused += 1
            return False
        oldest.close_idle()
        self.evicted += 1
        return True

    def report(self, bounds: Settings) -> None:
        now = time.monotonic()
        if now - self.reported < REPORT_SECONDS:
            return
        log.warning(
            "connection bounds since the previous line: %d idle closed and %d refused (503) at "
            "the cap of %d open, %d aborted for not reading their answer (under %d bytes in %g s)",
            self.evicted,
            self.refused,
            bounds.max_connections,
            self.aborted,
            SEND_PROGRESS,
            bounds.send_timeout_seconds,
        )
        self.reported, self.evicted, self.refused, self.aborted = now, 0, 0, 0


class _WatchedFlow(FlowControl):
    """uvicorn's flow control, telling its connection whenever reading is paused or resumed
    (resumed also each time the app asks for more of the body)."""

    def __init__(self, transport: asyncio.Transport, changed: Callable[[], None]) -> None:
        super().__init__(transport)
        self.changed = changed

    def pause_reading(self) -> None:
        super().pause_reading()
        self.changed()

    def resume_reading(self) -> None:
        super().resume_reading()
        self.changed()


_peers: WeakKeyDictionary[ServerState, _Peers] = WeakKeyDictionary()


def _peers_of(state: ServerState) -> _Peers:
    found = _peers.get(state)
    if found is None:
        found = _peers[state] = _Peers()
    return found


class BoundedHttpToolsProtocol(HttpToolsProtocol):
    def __init__(
        self,
        config: Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        self.bounds = get_settings()
        self.peers = _peers_of(server_state)
        self.reading_headers = True  # the parser is before the end of a header block
        self.header_bytes = 0  # of the header block being read, counted before the parser
        self.header_fields = 0
        self.tail = b""  # its last 3 bytes, to find its blank line across reads
        self.refused = False
        self.header_timer: asyncio.TimerHandle | None = None
        self.running: RequestResponseCycle | None = None  # the request the app answers now
        self.body_pending = False  # the newest request's headers are in, its body is not
        self.body_left = 0.0  # seconds its body still has, while the clock runs
        self.body_since = 0.0  # when the clock last started (loop time)
        self.body_timer: asyncio.TimerHandle | None = None  # set while the clock runs
        self.send_timer: asyncio.TimerHandle | None = None  # set while writing is paused
        self.send_waiting = 0  # bytes the transport held for the client when it was set

    # the connection: the cap, the idle list, the header timer

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        cap = self.bounds.max_connections
        crowded = len(self.connections) >= cap
        super().connection_made(transport)
        self.flow = _WatchedFlow(transport, self.body_clock)
        if crowded:
            room = self.peers.make_room()
            self.peers.report(self.bounds)
            if not room:
                self.refused = True
                self.answer(
                    503,
                    ServiceUnavailable.slug,
                    ServiceUnavailable.title,
                    f"The server holds its {cap} open connections, none of them idle; "
                    "try again in a second.",
                    (b"retry-after", b"1"),
                )
                return
        self.become_idle()

    def connection_lost(self, exc: Exception | None) -> None:
        self.become_busy()
        self.body_pending = False
        self.body_clock()
        self.stop_send_timer()
        self.disconnect_requests()
        super().connection_lost(exc)

    def disconnect_requests(self) -> None:
        """Tell every request of the connection still unanswered that its client is gone: its
        pending ``receive()`` returns ``http.disconnect`` and its ``send()`` nothing more.
        (uvicorn tells only the newest one, not one answered before it when pipelined.)"""
        queued = [cycle for cycle, _ in self.pipeline]
        for cycle in dict.fromkeys(c for c in (self.running, *queued, self.cycle) if c is not None):
            if not cycle.response_complete:
                cycle.disconnected = True
                cycle.message_event.set()

    def _start_asgi_task(self, cycle: RequestResponseCycle, app: ASGI3Application) -> None:
        self.running = cycle
        super()._start_asgi_task(cycle, app)

    def become_idle(self) -> None:
        self.peers.idle.pop(self, None)
        self.peers.idle[self] = None  # the newest
        self.header_timer = self.loop.call_later(
            self.bounds.header_timeout_seconds, self.header_timeout
        )

    def become_busy(self) -> None:
        self.peers.idle.pop(self, None)
        if self.header_timer is not None:
            self.header_timer.cancel()
            self.header_timer = None

    def close_idle(self) -> None:
        self.become_busy()
        self.transport.close()

    def header_timeout(self) -> None:
        self.header_timer = None
        if self.transport.is_closing():
            return
        if not self.header_bytes:  # nothing of a request: closed like an expired keep-alive
            self.close_idle()
            return
        self.refused = True
        seconds = self.bounds.header_timeout_seconds
        detail = f"The request's headers did not arrive within {seconds:g} s."
        self.answer(408, "request-timeout", "Request Timeout", detail)

    # the header block: counted before the parser sees it

    def data_received(self, data: bytes) -> None:
        while data and self.reading_headers and self.feeding():
            end = self.header_end(data)
            size = len(data) if end is None else end
            if self.header_bytes + size > self.bounds.max_header_bytes:
                self.refuse_headers(
                    f"The request line and headers are over {self.bounds.max_header_bytes} bytes."
                )
                return
            piece, data = data[:size], data[size:]
            self.header_bytes += size
            self.tail = (self.tail + piece)[-3:]
            super().data_received(piece)
        if data and self.feeding():
            super().data_received(data)

    def feeding(self) -> bool:
        """Whether data still goes to this parser (not closed, refused or upgraded)."""
        return (
            not self.refused
            and not self.transport.is_closing()
            and self.transport.get_protocol() is self
        )

    def header_end(self, data: bytes) -> int | None:
        """Where in ``data`` the header block ends (after its blank line), if it does."""
        joint = (self.tail + data[:3]).find(BLANK_LINE)
        if joint >= 0:
            return joint + len(BLANK_LINE) - len(self.tail)
        found = data.find(BLANK_LINE)
        return None if found < 0 else found + len(BLANK_LINE)

    def on_header(self, name: bytes, value: bytes) -> None:
        if self.refused:
            return
        self.header_fields += 1
        if self.header_fields > self.bounds.max_headers:
            self.refuse_headers(
                f"The request has more than {self.bounds.max_headers} header fields."
            )
            return
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        if self.refused:
            return
        self.reading_headers = False
        self.become_busy()
        before = self.cycle
        super().on_headers_complete()
        if self.cycle is not before:  # a request, not an upgrade: its body's clock
            self.body_pending, self.body_left = True, self.bounds.body_timeout_seconds
            self.body_clock()

    def on_message_complete(self) -> None:
        if self.refused:
            return
        answered = self.body_pending and self.cycle.response_complete  # before its body ended
        self.reading_headers, self.header_bytes, self.header_fields, self.tail = True, 0, 0, b""
        self.body_pending = False
        self.body_clock()
        super().on_message_complete()
        if answered and not self.transport.is_closing():
            self.become_idle()

    def on_response_complete(self) -> None:
        waiting = not self.pipeline and not self.body_pending  # else idle once the body is in
        super().on_response_complete()
        if waiting and not self.transport.is_closing():
            self.become_idle()

    # the body: complete within body_timeout_seconds of reading it

    def body_clock(self) -> None:
        """Run the body's clock while the server reads it, stop it otherwise: while reading is
        paused (an earlier request is answered, or the app has not taken what came) and until
        the app asks for a body it was told would wait for ``100 Continue``."""
        running = (
            self.body_pending
            and not self.refused
            and not self.flow.read_paused
            and not self.cycle.waiting_for_100_continue
            and not self.transport.is_closing()
        )
        if running and self.body_timer is None:
            self.body_since = self.loop.time()
            self.body_timer = self.loop.call_later(max(self.body_left, 0.0), self.body_timeout)
        elif not running and self.body_timer is not None:
            self.body_timer.cancel()
            self.body_timer = None
            self.body_left -= self.loop.time() - self.body_since

    def body_timeout(self) -> None:
        self.body_timer = None
        self.body_pending = False
        if self.transport.is_closing():
            return
        self.refused = True
        if self.running is not self.cycle or self.cycle.response_started:
            self.become_busy()
            self.transport.close()  # an answer cannot go in the middle of another
        else:
            seconds = self.bounds.body_timeout_seconds
            detail = f"The request's body did not arrive within {seconds:g} s of its headers."
            self.answer(408, "request-timeout", "Request Timeout", detail)
        self.disconnect_requests()  # the app stops waiting for the body now, not at the close

    # the response: the client must keep reading it

    def pause_writing(self) -> None:
        super().pause_writing()
        if self.send_timer is None:
            self.start_send_timer()

    def start_send_timer(self) -> None:
        self.send_waiting = self.waiting_bytes()
        self.send_timer = self.loop.call_later(self.bounds.send_timeout_seconds, self.send_timeout)

    def resume_writing(self) -> None:
        super().resume_writing()
        self.stop_send_timer()

    def stop_send_timer(self) -> None:
        if self.send_timer is not None:
            self.send_timer.cancel()
            self.send_timer = None

    def waiting_bytes(self) -> int:
        """What the client has yet to take: in the transport's buffer and, on Linux, in the
        kernel's (unacknowledged), which may hold megabytes the transport no longer sees."""
        waiting = self.transport.get_write_buffer_size()
        sock = self.transport.get_extra_info("socket")
        if sock is not None:
            with contextlib.suppress(OSError, ValueError, AttributeError):
                queued = fcntl.ioctl(sock.fileno(), termios.TIOCOUTQ, bytes(4))
                waiting += struct.unpack("i", queued)[0]
        return waiting

    def send_timeout(self) -> None:
        """Writing stayed paused for ``send_timeout_seconds``: if the client took at least
        ``SEND_PROGRESS`` bytes meanwhile (a slow reader, not a stalled one), it has as long
        again; else abort, freeing at once what the transport holds for it, and reset, freeing
        what the kernel holds (a close would wait for the client to read both)."""
        self.send_timer = None
        if self.send_waiting - self.waiting_bytes() >= SEND_PROGRESS:
            self.start_send_timer()
            return
        self.peers.aborted += 1
        self.peers.report(self.bounds)
        self.become_busy()
        sock = self.transport.get_extra_info("socket")
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, RESET)
        self.transport.abort()

    def refuse_headers(self, detail: str) -> None:
        self.refused = True
        if self.pipeline or (self.cycle is not None and not self.cycle.response_complete):
            self.transport.close()  # an answer cannot go in the middle of another
            return
        self.answer(
            431, "request-header-fields-too-large", "Request Header Fields Too Large", detail
        )

    def answer(
        self, status: int, slug: str, title: str, detail: str, *extra: tuple[bytes, bytes]
    ) -> None:
        """Answer a problem+json and close: the request was not read, the app never sees it."""
        self.become_busy()
        problem = Problem(type=PROBLEM_BASE + slug, title=title, status=status, detail=detail)
        body = problem.model_dump_json(exclude_none=True).encode()
        headers = [
            *self.server_state.default_headers,
            *RAW_HEADERS,
            (b"content-type", PROBLEM_JSON.encode()),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
            *extra,
        ]
        head = b"".join(name + b": " + value + b"\r\n" for name, value in headers)
        self.transport.write(STATUS_LINE[status] + head + b"\r\n" + body)
        self.transport.close()
