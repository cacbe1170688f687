"""The HTTP server bounds every connection (app.core.server), asked of a real ``foedus serve``
over raw sockets on loopback: a header block over its size or field bound is a 431 before it
is read, a connection that does not finish its headers or its body in time is closed, one that
stops reading its response is aborted and its buffers freed, and the open connections of a
process stay under the cap. On SQLite only: this is about the server."""

from __future__ import annotations

import json
import os
import resource
import select
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.core.errors import PROBLEM_BASE, PROBLEM_JSON
from app.core.settings import PROJECT_ROOT
from tests.conftest import SEED_DIR, Databases
from tests.servers import free_port, server_env, wait_ready

HEADER_TIMEOUT = 1  # seconds, for the servers of these tests (default 10)
BODY_TIMEOUT = 2  # seconds, for the module's server (default 30), over HEADER_TIMEOUT
SEND_TIMEOUT = 1  # seconds, for the server of the stalled readers (default 60)
TOO_LARGE = f"{PROBLEM_BASE}request-header-fields-too-large"
FOUR_MB = 4 * 1024 * 1024


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


# this module's own databases, on SQLite only (conftest's are of every backend)
@pytest.fixture(scope="module")
def sqlite(tmp_path_factory: pytest.TempPathFactory) -> Databases:
    return Databases("sqlite", tmp_path_factory.mktemp("server"))


@pytest.fixture(scope="module")
def seeded_template(sqlite: Databases) -> str:
    return sqlite.migrated(SEED_DIR)


@contextmanager
def serving(databases: Databases, template: str, *args: str, **env: str) -> Iterator[Server]:
    """``foedus serve`` on a copy of ``template``, its output in a file; killed at the end."""
    port = free_port()
    log = databases.tmp / f"serve-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "serve", "--port", str(port), *args],
            cwd=PROJECT_ROOT,
            env=server_env(databases.new(template=template), **env),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = Server(process, port, log)
    try:
        wait_ready(process, server.base)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)


@pytest.fixture(scope="module")
def server(sqlite: Databases, seeded_template: str) -> Iterator[Server]:
    """One server for the tests that need no bound but the header and body timeouts changed."""
    with serving(
        sqlite,
        seeded_template,
        FOEDUS_HEADER_TIMEOUT_SECONDS=str(HEADER_TIMEOUT),
        FOEDUS_BODY_TIMEOUT_SECONDS=str(BODY_TIMEOUT),
    ) as s:
        yield s


def connect(port: int, timeout: float = 10) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    sock.settimeout(timeout)
    return sock


def exchange(port: int, request: bytes, timeout: float = 10) -> bytes:
    """Send ``request`` and read until the server closes; what it answered (the server may
    stop reading a refused request: a failed send or a reset after the answer is its close)."""
    with connect(port, timeout) as sock:
        with suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(request)
        return read_to_close(sock)


def readable(sock: socket.socket, seconds: float) -> bool:
    poller = select.poll()
    poller.register(sock, select.POLLIN)
    return bool(poller.poll(seconds * 1000))


def read_to_close(sock: socket.socket) -> bytes:
    answer = b""
    try:
        while chunk := sock.recv(65536):
            answer += chunk
    except ConnectionResetError:
        pass
    return answer  # a timeout raises: the connection was not closed


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def problem(self) -> Any:
        assert self.headers["content-type"] == PROBLEM_JSON
        assert int(self.headers["content-length"]) == len(self.body)
        return json.loads(self.body)


def parse(raw: bytes) -> Answer:
    head, _, body = raw.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return Answer(int(status_line.split()[1]), headers, body)


def get(path: str, *headers: str) -> bytes:
    lines = [f"GET {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close", *headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def refused_431(port: int, request: bytes, detail: str) -> None:
    answer = parse(exchange(port, request))
    assert answer.status == 431
    assert answer.headers["connection"] == "close"
    assert answer.problem() == {
        "type": TOO_LARGE,
        "title": "Request Header Fields Too Large",
        "status": 431,
        "detail": detail,
    }


def at_the_limits(size: int, fields: int) -> bytes:
    """A GET /healthz of ``fields`` header fields whose request line and headers (blank line
    included) are ``size`` bytes."""
    filler = [f"X-{n}: 1" for n in range(fields - 3)]
    request = get("/healthz", *filler, "X-Pad: ")
    pad = size - len(request)
    assert pad >= 0
    return get("/healthz", *filler, "X-Pad: " + "p" * pad)


def test_a_64_kb_header_is_a_431_problem_naming_the_limit_then_closed(server: Server) -> None:
    refused_431(
        server.port,
        get("/healthz", "Accept: " + "a" * 65536),
        "The request line and headers are over 16384 bytes.",
    )


def test_101_header_fields_are_a_431(server: Server) -> None:
    request = at_the_limits(2000, 101)
    refused_431(server.port, request, "The request has more than 100 header fields.")


def test_a_request_at_both_limits_is_answered_and_one_byte_more_is_not(server: Server) -> None:
    request = at_the_limits(16384, 100)
    assert (len(request), request.count(b"\r\n") - 2) == (16384, 100)
    assert parse(exchange(server.port, request)).status == 200
    refused_431(
        server.port,
        at_the_limits(16385, 100),
        "The request line and headers are over 16384 bytes.",
    )


def test_keep_alive_requests_are_each_bounded_alone(server: Server) -> None:
    """Three requests of 10,000 header bytes on one connection: each under the bound."""
    request = at_the_limits(10_000, 50).replace(b"Connection: close", b"Connection: keep-alive")
    with connect(server.port) as sock:
        for _ in range(3):
            sock.sendall(request)
            answer = b""
            while b'"ok"' not in answer:
                chunk = sock.recv(65536)
                assert chunk, "closed"
                answer += chunk
            assert parse(answer).status == 200


def peak_rss_mb(pid: int) -> float:
    """The most memory the process has held resident since it started (VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM")


def send_at_once(port: int, request: bytes, count: int) -> list[bytes]:
    """Send ``request`` on ``count`` connections interleaved, 64 KB at a time on each, until
    each is sent or refused; then what each was answered."""
    socks = [connect(port) for _ in range(count)]
    try:
        data = memoryview(request)
        sent = {sock.fileno(): 0 for sock in socks}
        by_fd = {sock.fileno(): sock for sock in socks}
        poller = select.poll()
        for sock in socks:
            sock.setblocking(False)
            poller.register(sock, select.POLLOUT)
        deadline = time.monotonic() + 120
        while sent and time.monotonic() < deadline:
            for fd, _ in poller.poll(200):
                try:
                    sent[fd] += by_fd[fd].send(data[sent[fd] : sent[fd] + 65536])
                except (BrokenPipeError, ConnectionResetError):
                    sent[fd] = len(data)  # refused: the server stopped reading
                except BlockingIOError:
                    continue
                if sent[fd] == len(data):
                    poller.unregister(fd)
                    del sent[fd]
        assert not sent, f"{len(sent)} requests neither sent nor refused"
        for sock in socks:
            sock.settimeout(10)
        return [read_to_close(sock) for sock in socks]
    finally:
        for sock in socks:
            sock.close()


def test_200_requests_with_a_4_mb_header_at_once_are_refused_without_reading_them(
    server: Server,
) -> None:
    """A server that read the headers whole would hold hundreds of MB at once."""
    huge = get("/healthz", "Accept: " + "a" * FOUR_MB)
    for _ in range(10):  # warm-up: the paths of an answer and of a refusal
        assert parse(exchange(server.port, get("/healthz"))).status == 200
        exchange(server.port, huge)
    before = peak_rss_mb(server.process.pid)
    answers = send_at_once(server.port, huge, 200)
    grown = peak_rss_mb(server.process.pid) - before
    assert grown < 64, f"the peak RSS grew {grown:.0f} MB"
    assert [parse(a).status for a in answers] == [431] * 200
    assert parse(exchange(server.port, get("/healthz"))).status == 200


def test_a_slowloris_connection_is_answered_408_and_closed_after_the_header_timeout(
    server: Server,
) -> None:
    with connect(server.port) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\n")
        deadline = time.monotonic() + HEADER_TIMEOUT + 5
        answer = b""
        while time.monotonic() < deadline:
            with suppress(BrokenPipeError, ConnectionResetError):
                sock.send(b"X")  # one byte of a header name every 0.3 s
            if readable(sock, 0.3):
                answer = read_to_close(sock)
                break
        assert answer, "not closed within the header timeout and 5 s"
    timed_out(answer, f"The request's headers did not arrive within {HEADER_TIMEOUT} s.")


def timed_out(answer: bytes, detail: str) -> None:
    """``answer`` is the 408 problem saying ``detail``, and the connection closes."""
    found = parse(answer)
    assert (found.status, found.headers["connection"]) == (408, "close")
    assert found.problem() == {
        "type": f"{PROBLEM_BASE}request-timeout",
        "title": "Request Timeout",
        "status": 408,
        "detail": detail,
    }


def post_memberships(length: int, body: bytes, *headers: str) -> bytes:
    lines = [
        "POST /v1/memberships HTTP/1.1",
        "Host: 127.0.0.1",
        "Content-Type: application/json",
        f"Content-Length: {length}",
        *headers,
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def test_a_body_that_does_not_arrive_in_time_is_answered_408_and_closed(server: Server) -> None:
    """Ten bytes of a 1,000-byte body, then one byte every 0.3 s: the clock runs from the end
    of the headers, whatever trickles in; the app, waiting for the body, is told the client
    is gone (an error there would be in the log)."""
    with connect(server.port) as sock:
        sock.sendall(post_memberships(1000, b'{"organiz'))
        deadline = time.monotonic() + BODY_TIMEOUT + 10
        answer = b""
        while time.monotonic() < deadline:
            if readable(sock, 0.3):
                answer = read_to_close(sock)
                break
            with suppress(BrokenPipeError, ConnectionResetError):
                sock.send(b" ")
        assert answer, "not closed within the body timeout and 10 s"
    timed_out(answer, f"The request's body did not arrive within {BODY_TIMEOUT} s of its headers.")
    # the same request with its whole body is read and reaches the routes (no key: 401)
    answer = parse(exchange(server.port, post_memberships(2, b"{}", "Connection: close")))
    assert answer.status == 401
    assert "Exception in ASGI application" not in server.log.read_text()


def test_a_request_answered_before_its_body_is_closed_when_the_rest_does_not_come(
    server: Server,
) -> None:
    """A GET with a body the app never reads is answered at once; the connection waits for the
    rest of the body (not for headers) and is closed without a second answer."""
    request = get("/healthz", "Content-Length: 1000").replace(b"close", b"keep-alive")
    answer = exchange(server.port, request + b"0123456789")
    assert answer.count(b"HTTP/1.1 ") == 1
    assert parse(answer).status == 200


def test_a_body_promised_with_expect_100_continue_is_timed_once_asked_for(server: Server) -> None:
    """The client waits for ``100 Continue`` before its body (the clock starts when the app
    asks for it); here it sends only part of it."""
    with connect(server.port) as sock:
        sock.sendall(post_memberships(1000, b"", "Expect: 100-continue"))
        assert sock.recv(100) == b"HTTP/1.1 100 Continue\r\n\r\n"
        sock.sendall(b'{"organiz')
        assert readable(sock, BODY_TIMEOUT + 10), "not closed within the body timeout and 10 s"
        found = parse(read_to_close(sock))
    assert (found.status, found.headers["connection"]) == (408, "close")


def closed_within(socks: list[socket.socket], seconds: float) -> list[bytes]:
    """Wait (at most ``seconds``) for the server to close every socket; what each received."""
    received: dict[int, bytes] = {}
    pending = {s.fileno(): s for s in socks}
    poller = select.poll()
    for fd in pending:
        poller.register(fd, select.POLLIN)
    deadline = time.monotonic() + seconds
    while pending and time.monotonic() < deadline:
        for fd, _ in poller.poll(200):
            try:
                received[fd] = pending[fd].recv(65536)
            except ConnectionResetError:
                received[fd] = b""
            poller.unregister(fd)
            del pending[fd]
    assert not pending, f"{len(pending)} of {len(socks)} sockets still open"
    return list(received.values())


def test_200_silent_connections_are_closed_after_the_header_timeout(server: Server) -> None:
    socks = [connect(server.port) for _ in range(200)]
    try:
        assert httpx.get(f"{server.base}/healthz", timeout=10).status_code == 200
        assert set(closed_within(socks, HEADER_TIMEOUT + 5)) == {b""}  # closed, no answer
    finally:
        for sock in socks:
            sock.close()


def socket_fds(pid: int) -> int:
    count = 0
    for fd in os.listdir(f"/proc/{pid}/fd"):
        with suppress(OSError):  # closed meanwhile
            count += os.readlink(f"/proc/{pid}/fd/{fd}").startswith("socket:")
    return count


class FdSampler(threading.Thread):
    """The most socket descriptors a process held while sampled."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.most = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.most = max(self.most, socket_fds(self.pid))

    def stop(self) -> int:
        self.done.set()
        self.join(timeout=10)
        return self.most


def test_at_the_cap_the_oldest_idle_connection_makes_room(
    sqlite: Databases, seeded_template: str
) -> None:
    cap = 50
    with serving(sqlite, seeded_template, FOEDUS_MAX_CONNECTIONS=str(cap)) as server:
        pid = server.process.pid
        idle = socket_fds(pid)  # listening socket and the event loop's own
        sampler = FdSampler(pid)
        sampler.start()
        socks = [connect(server.port) for _ in range(300)]
        try:
            answer = parse(exchange(server.port, get("/healthz")))
            most = sampler.stop() - idle
            assert answer.status == 200  # the oldest idle connection closed to let it in
            still_open = [s for s in socks if not readable(s, 0)]
            assert len(still_open) <= cap
            assert socket_fds(pid) - idle <= cap
            # sampled while connections arrived: a newcomer may be held for an instant
            # before the connection it replaces is closed
            assert most <= cap + 10, most
            closed = closed_within([s for s in socks if s not in still_open], 5)
            assert set(closed) == {b""}  # the evicted were closed without an answer
        finally:
            for sock in socks:
                sock.close()
        said = server.log.read_text().count(f"refused (503) at the cap of {cap} open")
        assert 1 <= said <= 3  # one line per 10 s at most, not one per connection


def test_at_the_cap_with_none_idle_a_new_connection_is_answered_503(
    sqlite: Databases, seeded_template: str
) -> None:
    """Busy connections are never closed to make room: each of these has sent its headers and
    the app waits for a body that does not come (its 100 Continue says the request is in)."""
    cap = 10
    with serving(sqlite, seeded_template, FOEDUS_MAX_CONNECTIONS=str(cap)) as server:
        busy = [connect(server.port) for _ in range(cap)]
        try:
            for sock in busy:
                sock.sendall(
                    b"POST /v1/organizations HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    b"Expect: 100-continue\r\nContent-Length: 100\r\n\r\n"
                )
            for sock in busy:
                assert sock.recv(100) == b"HTTP/1.1 100 Continue\r\n\r\n"
            answer = parse(exchange(server.port, get("/healthz")))
            assert (answer.status, answer.headers["connection"]) == (503, "close")
            assert answer.headers["retry-after"] == "1"
            assert answer.problem() == {
                "type": f"{PROBLEM_BASE}unavailable",
                "title": "Service unavailable",
                "status": 503,
                "detail": f"The server holds its {cap} open connections, none of them idle; "
                "try again in a second.",
            }
            assert not any(readable(sock, 0) for sock in busy)  # none closed
        finally:
            for sock in busy:
                sock.close()
        said = server.log.read_text()
        assert f"0 idle closed and 1 refused (503) at the cap of {cap} open" in said


EXPORT = "/v1/export?format=ndjson"
SMALL_BUFFER = 4096  # SO_RCVBUF of the clients below: the kernel holds little of an answer
RSS_MARGIN_MB = 32  # eight stalled connections hold more than that (an export each at least)


def export_requests(count: int) -> bytes:
    """``count`` pipelined exports, the last closing the connection."""
    request = f"GET {EXPORT} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()
    return request * (count - 1) + get(EXPORT)


def small_buffered(port: int) -> socket.socket:
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, SMALL_BUFFER)
    sock.settimeout(10)
    sock.connect(("127.0.0.1", port))
    return sock


def read_slowly(sock: socket.socket) -> bytes:
    """Read until the server closes, a few kB every 2 ms: the server's writing stays paused for
    seconds at a time, in each of which the client takes some of the answer."""
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
        time.sleep(0.002)
    return b"".join(chunks)


def hung_up_within(socks: list[socket.socket], seconds: float) -> set[str]:
    """Wait (at most ``seconds``) for the server to hang up every socket, reading nothing
    meanwhile (a read would let the answer go on); then how each ends once drained."""
    pending = {s.fileno() for s in socks}
    poller = select.poll()
    for fd in pending:
        poller.register(fd, select.POLLRDHUP)  # a reset is POLLHUP and POLLERR, always polled
    deadline = time.monotonic() + seconds
    while pending and time.monotonic() < deadline:
        for fd, _ in poller.poll(200):
            poller.unregister(fd)
            pending.discard(fd)
    assert not pending, f"{len(pending)} of {len(socks)} sockets still open"
    ends = set()
    for sock in socks:
        try:
            read_to_close(sock)  # a timeout raises: not closed after all
            ends.add("end of file")
        except ConnectionResetError:
            ends.add("reset")
    return ends


def stall(port: int, count: int) -> set[str]:
    """``count`` connections ask for four exports each and read nothing: how each ends."""
    socks = [small_buffered(port) for _ in range(count)]
    try:
        for sock in socks:
            sock.sendall(export_requests(4))
        return hung_up_within(socks, 120)
    finally:
        for sock in socks:
            sock.close()


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def test_connections_that_stop_reading_are_aborted_and_their_buffers_freed(
    sqlite: Databases, seeded_template: str
) -> None:
    """An export is about 4 MB: four asked on a connection that reads nothing fill the kernel's
    buffers and the rest waits in the server's. Each connection is aborted once its writing
    has been paused for the send timeout with nothing taken, and the memory it held is given
    back; a client that reads slowly is not."""
    with serving(sqlite, seeded_template, FOEDUS_SEND_TIMEOUT_SECONDS=str(SEND_TIMEOUT)) as server:
        pid = server.process.pid
        # a client that reads slowly, with the same small buffer, gets the answer whole
        with small_buffered(server.port) as sock:
            sock.sendall(export_requests(1))
            read = parse(read_slowly(sock))
        size = int(read.headers["content-length"])
        assert (read.status, len(read.body)) == (200, size)
        assert size > 1_000_000
        assert stall(server.port, 8) <= {"reset", "end of file"}
        whole = httpx.get(f"{server.base}{EXPORT}", timeout=60)  # still answered whole
        assert (whole.status_code, len(whole.content)) == (200, size)
        # the process has held eight stalled exports once: what it holds now it keeps
        before = rss_mb(pid)
        assert stall(server.port, 8) <= {"reset", "end of file"}
        deadline = time.monotonic() + 30
        while rss_mb(pid) > before + RSS_MARGIN_MB and time.monotonic() < deadline:
            time.sleep(0.2)
        assert rss_mb(pid) <= before + RSS_MARGIN_MB, f"{rss_mb(pid):.0f} MB, {before:.0f} before"
        said = server.log.read_text()
        assert "aborted for not reading their answer (under 65536 bytes in 1 s)" in said
        assert "Exception in ASGI application" not in said


def test_serve_with_two_workers_answers_and_bounds_headers(
    sqlite: Databases, seeded_template: str
) -> None:
    with serving(sqlite, seeded_template, "--workers", "2") as server:
        for _ in range(4):
            assert httpx.get(f"{server.base}/healthz", timeout=10).status_code == 200
        refused_431(
            server.port,
            get("/healthz", "Accept: " + "a" * 65536),
            "The request line and headers are over 16384 bytes.",
        )


def open_idle(port: int, count: int, into: list[socket.socket]) -> None:
    for _ in range(count):
        sock = socket.socket()
        sock.settimeout(5)
        try:
            sock.connect(("127.0.0.1", port))
        except OSError:  # the kernel's queue full for a moment; the server is what is tested
            sock.close()
            continue
        into.append(sock)


@pytest.mark.slow
def test_19000_idle_connections_leave_the_server_answering(
    sqlite: Databases, seeded_template: str
) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        soft = hard
    low, high = (int(n) for n in Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split())
    count = min(19_000, soft - 1_000, high - low - 1_000)
    if count < 3 * 2048:
        pytest.skip(f"room for {count} client sockets only (file limit {soft})")
    with serving(sqlite, seeded_template) as server:
        pid = server.process.pid
        idle = socket_fds(pid)
        socks: list[list[socket.socket]] = [[], []]
        clients = [
            threading.Thread(target=open_idle, args=(server.port, count // 2, socks[n]))
            for n in range(2)
        ]
        try:
            for client in clients:
                client.start()
            for client in clients:
                client.join(timeout=300)
            assert sum(map(len, socks)) > count // 2  # most connected (a full queue may refuse)
            assert server.process.poll() is None
            response = httpx.get(f"{server.base}/healthz", timeout=10)
            assert response.status_code == 200
            assert socket_fds(pid) - idle <= 2048
            assert "refused (503) at the cap of 2048 open" in server.log.read_text()
        finally:
            for sock in socks[0] + socks[1]:
                sock.close()
