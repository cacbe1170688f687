"""Cold start: ``python3 -m app.cli seed`` on a fresh SQLite file (migrate, then the seed).

The same command loads the shipped data wherever the bench needs it: the seeded file of the cold
start is kept as the ``shipped`` dataset, and ``bench.encoding`` seeds one of its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench import PROJECT_ROOT


class ColdStartFailed(RuntimeError):
    """The seed command exited non-zero; the message holds its output."""


@dataclass(frozen=True)
class ColdStart:
    """Wall time and peak resident memory of the seed command."""

    seconds: float
    max_rss_mb: float
    output: str

    def as_dict(self) -> dict[str, float | str]:
        return {
            "seconds": round(self.seconds, 3),
            "max_rss_mb": round(self.max_rss_mb, 1),
            "output": self.output.strip(),
        }


def seed(url: str, log: Path) -> ColdStart:
    """Run ``python3 -m app.cli seed`` against ``url`` (output to ``log``), timed.

    Peak memory comes from ``os.wait4`` on that one child (``ru_maxrss``, kB on Linux), so earlier
    children of the harness do not count.
    """
    env = {**os.environ, "FOEDUS_DATABASE_URL": url}
    with log.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "seed"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    output = log.read_text(encoding="utf-8", errors="replace")
    if code != 0:
        raise ColdStartFailed(f"app.cli seed exited with {code}:\n{output}")
    return ColdStart(seconds, usage.ru_maxrss / 1024, output)


def measure(workdir: Path | None = None, *, keep: Path | None = None) -> ColdStart:
    """Run the seed command once on a new temporary database file; with ``keep``, the seeded
    file is moved there afterwards (the ``shipped`` dataset)."""
    with tempfile.TemporaryDirectory(prefix="foedus-cold-", dir=workdir) as tmp:
        database = Path(tmp) / "foedus.db"
        cold = seed(f"sqlite:///{database}", Path(tmp) / "seed.log")
        if keep is not None:
            for suffix in ("", "-wal", "-shm"):  # SQLite's side files, if any were left
                part = database.with_name(database.name + suffix)
                if part.exists():
                    os.replace(part, keep.with_name(keep.name + suffix))
    return cold
