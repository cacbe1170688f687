"""Loading a server with wrk and reading its one-line JSON summary."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.scenarios import MARKER, Scenario

WRK_TIMEOUT = "10s"


class WrkMissing(RuntimeError):
    """wrk is not on PATH."""


class WrkFailed(RuntimeError):
    """wrk ran but printed no summary line."""


@dataclass(frozen=True)
class LoadSettings:
    """The wrk settings every scenario and the baseline share."""

    threads: int
    connections: int
    duration: int  # seconds


@dataclass(frozen=True)
class WrkResult:
    """What wrk measured: counts, errors by kind (``status``: non-2xx/3xx), latencies in µs."""

    requests: int
    duration_us: int
    bytes: int
    connect: int
    read: int
    write: int
    timeout: int
    status: int
    p50_us: float
    p99_us: float
    mean_us: float
    max_us: float

    @property
    def seconds(self) -> float:
        return self.duration_us / 1e6

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.duration_us else 0.0

    @property
    def errors(self) -> int:
        """Socket errors, timeouts and non-2xx/3xx answers together."""
        return self.connect + self.read + self.write + self.timeout + self.status

    def as_dict(self) -> dict[str, float | int]:
        found: dict[str, float | int] = asdict(self)
        found |= {
            "rps": round(self.rps, 2),
            "p50_ms": round(self.p50_us / 1000, 3),
            "p99_ms": round(self.p99_us / 1000, 3),
            "errors": self.errors,
        }
        return found


def wrk_path() -> str:
    """wrk's path, or ``WrkMissing`` saying how to install it."""
    found = shutil.which("wrk")
    if found is None:
        raise WrkMissing("wrk is not installed: apt-get install -y wrk")
    return found


def parse_summary(output: str) -> WrkResult:
    """The result from the script's ``done`` line in wrk's output."""
    for line in output.splitlines():
        if line.startswith(MARKER):
            values = json.loads(line[len(MARKER) :])
            return WrkResult(
                requests=int(values["requests"]),
                duration_us=int(values["duration_us"]),
                bytes=int(values["bytes"]),
                connect=int(values["connect"]),
                read=int(values["read"]),
                write=int(values["write"]),
                timeout=int(values["timeout"]),
                status=int(values["status"]),
                p50_us=float(values["p50_us"]),
                p99_us=float(values["p99_us"]),
                mean_us=float(values["mean_us"]),
                max_us=float(values["max_us"]),
            )
    raise WrkFailed(f"wrk printed no summary:\n{output[-2000:]}")


def run_wrk(
    base_url: str, scenario: Scenario, settings: LoadSettings, workdir: Path, *, duration: float
) -> WrkResult:
    """``wrk -tT -cC -dDs --timeout 10s -s script URL`` and its summary."""
    script = workdir / f"{scenario.name}.lua"
    script.write_text(scenario.script, encoding="utf-8")
    seconds = max(1, round(duration))
    command = [
        wrk_path(),
        f"-t{settings.threads}",
        f"-c{settings.connections}",
        f"-d{seconds}s",
        "--timeout",
        WRK_TIMEOUT,
        "-s",
        str(script),
        base_url + "/",
    ]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 60, check=False
    )
    return parse_summary(done.stdout + done.stderr)
