"""The server as a user starts it, in its own process: ``python3 -m app.cli serve`` on a test
database, loopback only, stopped (and waited for) when the test ends."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from app.core.settings import PROJECT_ROOT
from tests.conftest import SEED_DIR


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def server_env(url: str, **extra: str) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith("FOEDUS_")}
    return keep | {"FOEDUS_DATABASE_URL": url, "FOEDUS_SEED_DIR": str(SEED_DIR)} | extra


@dataclass(frozen=True)
class Served:
    process: subprocess.Popen[str]
    base: str
    port: int
    out: Path  # what the server wrote to stdout (the access log) and stderr, as it goes
    err: Path

    def stop(self) -> tuple[str, str]:
        """Stop the server; what it wrote to stdout and stderr."""
        if self.process.poll() is None:
            self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)
        return self.out.read_text(), self.err.read_text()

    def rss_kib(self) -> int:
        """The server process's resident memory (VmRSS), in KiB."""
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        raise AssertionError("no VmRSS")


@contextmanager
def serve(url: str, *args: str, ready: bool = True, **env: str) -> Iterator[Served]:
    """``python3 -m app.cli serve`` on ``url``'s database (``env``: FOEDUS_* settings). Its
    output goes to files, not pipes: a pipe nobody reads fills, and the server's next log line
    would wait for it."""
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        out, err = Path(folder) / "stdout", Path(folder) / "stderr"
        with out.open("w") as stdout, err.open("w") as stderr:
            process = subprocess.Popen(
                [sys.executable, "-m", "app.cli", "serve", "--port", str(port), *args],
                cwd=PROJECT_ROOT,
                env=server_env(url, **env),
                stdout=stdout,
                stderr=stderr,
                text=True,
            )
        served = Served(process, f"http://127.0.0.1:{port}", port, out, err)
        try:
            if ready:
                wait_ready(process, served.base)
            yield served
        finally:
            served.stop()


def wait_ready(process: subprocess.Popen[str], base: str, seconds: float = 120) -> None:
    """Until the server at ``base`` answers ``/healthz`` 200 (or ``process`` ends: a failure)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"{base}/healthz", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError(f"the server is not ready; exit code {process.poll()}")
