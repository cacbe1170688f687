"""Clients that ask for a large answer and stop reading hold nothing the others need: no
admission slot, no database connection (the probe: 64 sockets stalling /v1/export held every
slot, and /healthz and every database-backed request waited 17-20 s per batch)."""

from __future__ import annotations

import select
import socket
import statistics
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

import httpx

from tests.conftest import Databases
from tests.servers import Served, serve

STALLED = 64
SLOTS = 4  # admission slots: far fewer than the stalled clients, as is the pool
PIPELINED = 4  # requests each stalled client sends at once


@contextmanager
def stalled(served: Served, path: str, count: int) -> Iterator[list[socket.socket]]:
    """``count`` clients that each ask for ``path`` several times at once (pipelined: more
    than the kernel's buffers hold) and never read past the first bytes."""
    request = f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode()
    with ExitStack() as stack:
        sockets = []
        for _ in range(count):
            client = stack.enter_context(socket.socket())
            client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            client.connect(("127.0.0.1", served.port))
            client.sendall(request * PIPELINED)
            sockets.append(client)
        readable: list[socket.socket] = []
        deadline = time.monotonic() + 120
        while not readable and time.monotonic() < deadline:  # the answers have begun
            readable, _, _ = select.select(sockets, [], [], 1)
        assert readable, "no answer began"
        time.sleep(1)  # and the clients have stopped reading them
        yield sockets


def test_clients_that_stop_reading_exports_hold_no_slot_and_no_connection(
    databases: Databases, seeded_template: str
) -> None:
    url = databases.new(template=seeded_template)
    with (
        serve(url, FOEDUS_MAX_IN_FLIGHT=str(SLOTS)) as served,
        stalled(served, "/v1/export?format=ndjson", STALLED),
    ):
        took = []
        with httpx.Client(base_url=served.base, timeout=10) as client:
            for day in range(1, 21):
                began = time.monotonic()
                health = client.get("/healthz")
                # a new question each time: none is a kept answer
                members = client.get(
                    "/v1/organizations/csto/members", params={"at": f"1995-06-{day:02d}"}
                )
                took.append(time.monotonic() - began)
                assert health.status_code == 200, health.text
                assert members.status_code == 200, members.text
                assert members.json()["count"] == 9
        print(
            f"healthz + members while {STALLED} exports stall: p50 "
            f"{statistics.median(took) * 1000:.1f} ms"
        )
