"""The servers under load: uvicorn subprocesses with identical settings, and their memory."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench import PROJECT_ROOT

HELLO_APP = "bench.hello:app"
FOEDUS_APP = "app.main:app"


class ServerFailed(RuntimeError):
    """A server that exited or never became ready; the message ends with its log."""


@dataclass(frozen=True)
class Server:
    """A running uvicorn process."""

    process: subprocess.Popen[bytes]
    base_url: str
    log: Path
    started: float = field(default_factory=time.monotonic)
    ready_seconds: list[float] = field(default_factory=list)  # set once it answered

    @property
    def pid(self) -> int:
        return self.process.pid

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


LOOPS = ("uvloop", "asyncio")  # uvicorn --loop choices the harness offers


def uvicorn_command(target: str, *, port: int, workers: int, loop: str = "uvloop") -> list[str]:
    """The one command line both servers run with: only the app differs."""
    return [
        sys.executable,
        "-m",
        "uvicorn",
        target,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--loop",
        loop,
        "--http",
        "httptools",
        "--no-access-log",
        "--log-level",
        "warning",
    ]


def start(
    target: str,
    *,
    workers: int,
    log: Path,
    env: Mapping[str, str] | None = None,
    loop: str = "uvloop",
) -> Server:
    """Start ``target`` under uvicorn from the project root; not yet ready."""
    port = free_port()
    environment = {**os.environ, **(env or {})}
    with log.open("wb") as out:
        process = subprocess.Popen(
            uvicorn_command(target, port=port, workers=workers, loop=loop),
            cwd=PROJECT_ROOT,
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return Server(process, f"http://127.0.0.1:{port}", log)


def wait_ready(server: Server, path: str, *, timeout: float = 60.0) -> float:
    """Poll ``path`` until it answers 200: the seconds since the server was started. Fail with
    the log if the process exits or the time runs out."""
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise ServerFailed(
                f"the server exited with {server.process.returncode}:\n{server.log_tail()}"
            )
        try:
            response = httpx.get(server.base_url + path, timeout=5)
            if response.status_code == 200:
                return time.monotonic() - server.started
            last = f"{response.status_code} {response.text[:300]}"
        except httpx.TransportError as exc:
            last = repr(exc)
        time.sleep(0.1)
    raise ServerFailed(f"{path} not ready after {timeout:.0f} s ({last}):\n{server.log_tail()}")


def stop(server: Server, *, timeout: float = 15.0) -> None:
    """SIGTERM (uvicorn shuts down gracefully), then SIGKILL to the group if it lingers."""
    if server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(server.process.pid, signal.SIGKILL)
            server.process.wait(timeout=timeout)


@contextmanager
def serving(
    target: str,
    *,
    workers: int,
    log: Path,
    ready: str,
    env: Mapping[str, str] | None = None,
    loop: str = "uvloop",
) -> Iterator[Server]:
    """A ready server for the ``with`` block, stopped afterwards whatever happens."""
    server = start(target, workers=workers, log=log, env=env, loop=loop)
    try:
        server.ready_seconds.append(wait_ready(server, ready))
        yield server
    finally:
        stop(server)


def _parent_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name may hold spaces and parentheses: the fields follow the last ')'.
    return int(stat.rsplit(")", 1)[1].split()[1])


def process_tree(root: int) -> list[int]:
    """``root`` and every process descended from it (by scanning /proc for parent ids)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            parent = _parent_of(int(entry.name))
            if parent is not None:
                children.setdefault(parent, []).append(int(entry.name))
    tree, pending = [], [root]
    while pending:
        pid = pending.pop()
        tree.append(pid)
        pending += children.get(pid, [])
    return tree


def _vm_rss_kb(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def rss_mb(root: int) -> float:
    """Resident memory of ``root`` and its descendants together, in MB (MiB)."""
    return sum(_vm_rss_kb(pid) for pid in process_tree(root)) / 1024
