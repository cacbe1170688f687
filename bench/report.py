"""The report: ratios, targets, the printed tables and the JSON written to ``bench/results/``."""

from __future__ import annotations

import json
import os
import platform
import subprocess
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from bench import PROJECT_ROOT, shape
from bench.generate import SHIPPED, Size
from bench.load import WrkResult
from bench.run import RunResult, SizeResult
from bench.scenarios import DESCRIPTIONS, KINDS, SCENARIOS

# The targets: req/s of a scenario over the baseline's, at a size (shipped or a number of
# memberships); the mix at LARGE over at SMALL; RSS at LARGE; the cold start.
SMALL, LARGE = 1_000, 1_000_000
RATIO_TARGETS: tuple[tuple[str, Size, float], ...] = (
    ("fixed", SHIPPED, 2.0),
    ("random", SHIPPED, 0.6),
    ("state", SHIPPED, 0.5),
    ("state", LARGE, 0.3),
    ("ask", SHIPPED, 0.5),
)
SCALING_RATIO = 0.75
RSS_LIMIT_MB = 300.0
COLD_START_LIMIT_S = 3.0


@dataclass(frozen=True)
class Target:
    """One line of the TARGETS section."""

    name: str
    status: str  # PASS, FAIL or SKIP
    measured: str
    limit: str


def baseline_rps(result: RunResult) -> float:
    """The mean of the baseline's req/s at the start and at the end of the run."""
    return sum(r.rps for r in result.baseline) / len(result.baseline) if result.baseline else 0.0


def baseline_p99_us(result: RunResult) -> float:
    """The mean of the baseline's p99 latency at the start and at the end of the run."""
    runs = result.baseline
    return sum(r.p99_us for r in runs) / len(runs) if runs else 0.0


def _ratio(value: float, reference: float) -> float | None:
    return value / reference if reference else None


def spread_rps(size: SizeResult) -> float:
    """The throughput of the five questions' loads (each over the whole dataset) in equal
    shares, at one size: the harmonic mean of their req/s (requests over the time they take
    together); 0 unless all five were measured."""
    rates = [size.scenarios[name].rps for name in KINDS if name in size.scenarios]
    if len(rates) < len(KINDS) or min(rates) <= 0:
        return 0.0
    return len(rates) / sum(1 / rate for rate in rates)


def synthetic(result: RunResult) -> list[SizeResult]:
    """The synthetic sizes measured, smallest first (the shipped data is not one of them)."""
    return sorted(
        (s for s in result.sizes if not s.dataset.shipped), key=lambda s: s.dataset.memberships
    )


def size_of(result: RunResult, size: Size) -> SizeResult | None:
    """The measured size ``size`` (``shipped`` or a number of memberships), if it was."""
    for measured in result.sizes:
        d = measured.dataset
        if (d.shipped and size == SHIPPED) or (not d.shipped and d.memberships == size):
            return measured
    return None


def _where(size: Size) -> str:
    return "on the shipped data" if size == SHIPPED else f"at {size:,} memberships"


def scaling(result: RunResult) -> dict[str, float | None]:
    """req/s at the largest synthetic size over req/s at the smallest, per scenario (``mix``
    among them) and for the ``spread`` of the five questions over every organisation."""
    by_size = synthetic(result)
    if len(by_size) < 2:
        return {}
    small, large = by_size[0], by_size[-1]
    found: dict[str, float | None] = {
        name: _ratio(large.scenarios[name].rps, small.scenarios[name].rps)
        for name in small.scenarios
        if name in large.scenarios
    }
    small_spread, large_spread = spread_rps(small), spread_rps(large)
    if small_spread and large_spread:
        found["spread"] = _ratio(large_spread, small_spread)
    return found


def total_errors(result: RunResult) -> int:
    """Socket errors, timeouts and non-2xx/3xx answers over every load of the run."""
    loads = result.baseline + [r for s in result.sizes for r in s.scenarios.values()]
    return sum(r.errors for r in loads)


_PASSES = {
    ">=": lambda value, limit: value >= limit,
    "<=": lambda value, limit: value <= limit,
    "<": lambda value, limit: value < limit,
}


def _check(
    name: str, value: float | None, op: str, limit: float, unit: str, *, missing: str = "SKIP"
) -> Target:
    """PASS or FAIL ``value op limit``; a value that could not be measured is ``missing``."""
    shown = f"{op}{limit:g}{unit}"
    if value is None:
        return Target(name, missing, "n/a", shown)
    status = "PASS" if _PASSES[op](value, limit) else "FAIL"
    return Target(name, status, f"{value:.3g}{unit}", shown)


def _rps(result: RunResult, size: Size, scenario: str) -> float | None:
    """req/s of ``scenario`` at ``size`` (0 if not one response completed), None if not
    measured."""
    measured = size_of(result, size)
    if measured is None or scenario not in measured.scenarios:
        return None
    return measured.scenarios[scenario].rps


def targets(result: RunResult) -> list[Target]:
    """The issue's targets: PASS, FAIL, or SKIP when this run did not measure it."""
    rps = baseline_rps(result)
    found = []
    for scenario, size, limit in RATIO_TARGETS:
        value = _rps(result, size, scenario)
        ratio = None if value is None else _ratio(value, rps)
        name = f"{scenario} req/s vs baseline {_where(size)}"
        found.append(_check(name, ratio, ">=", limit, "x"))
    small, large = _rps(result, SMALL, "mix"), _rps(result, LARGE, "mix")
    mix = None if small is None or large is None else _ratio(large, small)
    # both sizes measured with the mix, but no response at the smaller one: FAIL
    missing = "FAIL" if small is not None and large is not None else "SKIP"
    name = f"mix req/s at {LARGE:,} memberships vs at {SMALL:,}"
    found.append(_check(name, mix, ">=", SCALING_RATIO, "x", missing=missing))
    measured = size_of(result, LARGE)
    rss = measured.rss_mb if measured else None
    found.append(_check(f"RSS at {LARGE:,} memberships", rss, "<", RSS_LIMIT_MB, " MB"))
    cold = result.cold_start.seconds if result.cold_start else None
    found.append(_check("cold start (migrate + seed)", cold, "<", COLD_START_LIMIT_S, " s"))
    return found


def stalled(result: RunResult) -> list[str]:
    """Loads in which not one response completed (a server stuck, e.g. waiting for a lock)."""
    found = [
        f"baseline ({label})"
        for label, r in zip(("start", "end"), result.baseline, strict=False)
        if r.requests == 0
    ]
    for size in result.sizes:
        found += [
            f"{name} at {size.dataset.label}"
            for name, r in size.scenarios.items()
            if r.requests == 0
        ]
    return found


def failed(result: RunResult) -> bool:
    """For ``--strict``: any FAIL, any error or non-2xx/3xx answer, any load with no response."""
    fails = any(t.status == "FAIL" for t in targets(result))
    return fails or total_errors(result) > 0 or bool(stalled(result))


# --- JSON ----------------------------------------------------------------------------------------


def _git() -> dict[str, Any]:
    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, check=False
        )
        return done.stdout.strip() if done.returncode == 0 else ""

    return {"commit": git("rev-parse", "HEAD") or None, "dirty": bool(git("status", "--porcelain"))}


def _size_json(size: SizeResult, rps: float, p99: float) -> dict[str, Any]:
    loads: dict[str, dict[str, Any]] = {}
    for name, r in size.scenarios.items():
        loads[name] = dict(r.as_dict()) | {
            "first_path": size.first_paths.get(name),
            "stalled": r.requests == 0,
            "rps_vs_baseline": _ratio(r.rps, rps),
            "p99_vs_baseline": _ratio(r.p99_us, p99) if r.requests else None,
        }
    return {
        "size": SHIPPED if size.dataset.shipped else size.dataset.memberships,
        "memberships": size.dataset.memberships,
        "dataset": size.dataset.describe(),
        "rss_mb": round(size.rss_mb, 1),
        "ready_s": round(size.ready_seconds, 2),
        "spread_rps": round(spread_rps(size), 2),
        "scenarios": loads,
    }


def to_json(result: RunResult) -> dict[str, Any]:
    """Everything the run measured, machine-readable."""
    options = result.options
    rps, p99 = baseline_rps(result), baseline_p99_us(result)
    return {
        "started_at": datetime.fromtimestamp(result.started_at, UTC).isoformat(),
        "seconds": round(result.seconds, 1),
        "git": _git(),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "generator_version": shape.GENERATOR_VERSION,
        "options": {
            "sizes": list(options.sizes),
            "scenarios": list(options.scenarios),
            "mix": list(options.mix),
            **asdict(options.load),
            "workers": options.workers,
            "loop": options.loop,
            "seed": options.seed,
            "warmup": options.warmup,
            "target": "postgresql" if options.database_url else "sqlite",
        },
        "scenario_paths": {name: DESCRIPTIONS[name] for name in ("baseline", *options.scenarios)},
        "baseline": {
            "runs": [r.as_dict() for r in result.baseline],
            "rps": round(rps, 2),
            "p99_ms": round(p99 / 1000, 3),
            "rss_mb": round(result.baseline_rss_mb, 1),
        },
        "sizes": [_size_json(s, rps, p99) for s in result.sizes],
        "scaling": scaling(result),
        "cold_start": result.cold_start.as_dict() if result.cold_start else None,
        "errors": total_errors(result),
        "stalled": stalled(result),
        "targets": [asdict(t) for t in targets(result)],
    }


def write_json(data: dict[str, Any], out_dir: Path) -> Path:
    """``<out>/<UTC timestamp>.json`` and ``<out>/latest.json``; returns the first."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    text = json.dumps(data, indent=2) + "\n"
    path = out_dir / f"{stamp}.json"
    path.write_text(text, encoding="utf-8")
    (out_dir / "latest.json").write_text(text, encoding="utf-8")
    return path


# --- the printed report --------------------------------------------------------------------------


def _ms(us: float) -> str:
    return f"{us / 1000:.2f}"


def _x(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _load_row(table: Table, label: str, name: str, r: WrkResult, rps: float, p99: float) -> None:
    if r.requests == 0:  # stalled: no latency was measured
        table.add_row(label, name, "0.0", "-", "-", f"{r.errors}, none done", "0.000", "-")
        return
    table.add_row(
        label,
        name,
        f"{r.rps:,.1f}",
        _ms(r.p50_us),
        _ms(r.p99_us),
        str(r.errors),
        _x(_ratio(r.rps, rps)),
        _x(_ratio(r.p99_us, p99)),
    )


def load_table(result: RunResult) -> Table:
    """req/s, latencies, errors and ratios to the baseline, per size and scenario."""
    rps, p99 = baseline_rps(result), baseline_p99_us(result)
    table = Table(title="Load (wrk): per size and scenario", title_justify="left")
    for column in (
        "size",
        "scenario",
        "req/s",
        "p50 ms",
        "p99 ms",
        "non-2xx+errors",
        "x base req/s",
        "x base p99",
    ):
        table.add_column(column, justify="left" if column in ("size", "scenario") else "right")
    for label, r in zip(("start", "end"), result.baseline, strict=False):
        _load_row(table, "baseline", f"hello ({label})", r, rps, p99)
    table.add_row(
        "baseline",
        "hello (mean)",
        f"{rps:,.1f}",
        "",
        _ms(p99),
        "",
        "1.000",
        "1.000",
        end_section=True,
    )
    for size in result.sizes:
        for name in SCENARIOS:
            if name in size.scenarios:
                _load_row(table, size.dataset.label, name, size.scenarios[name], rps, p99)
        table.rows[-1].end_section = True
    return table


def size_table(result: RunResult) -> Table:
    """Per dataset: shape, generation, file size and the server's memory after the load."""
    table = Table(title="Datasets and memory", title_justify="left")
    for column in (
        "size",
        "memberships",
        "orgs",
        "backend",
        "generated s",
        "cached",
        "DB MB",
        "ready s",
        "RSS MB",
        "spread req/s",
    ):
        table.add_column(column, justify="left" if column in ("backend", "cached") else "right")
    for size in result.sizes:
        d = size.dataset
        mb = f"{d.size_bytes / 2**20:,.1f}" if d.size_bytes is not None else "-"
        spread = spread_rps(size)
        table.add_row(
            d.label,
            f"{d.memberships:,}",
            f"{d.counts.organizations:,}",
            d.backend,
            f"{d.seconds:.1f}",
            "yes" if d.cached else "no",
            mb,
            f"{size.ready_seconds:.1f}",
            f"{size.rss_mb:.1f}",
            f"{spread:,.1f}" if spread else "-",
        )
    table.add_row("hello app", "", "", "", "", "", "", "", f"{result.baseline_rss_mb:.1f}", "")
    return table


def render(result: RunResult, console: Console) -> None:
    """Print the tables, scaling, cold start and the TARGETS section."""
    console.print(load_table(result))
    console.print(size_table(result))
    ratios = scaling(result)
    if ratios:
        sizes = [s.dataset.memberships for s in synthetic(result)]
        parts = ", ".join(f"{k} {_x(v)}" for k, v in ratios.items())
        console.print(Text(f"Scaling, req/s at {sizes[-1]:,} / at {sizes[0]:,}: {parts}"))
    if result.cold_start:
        cold = result.cold_start
        console.print(
            Text(
                f"Cold start (python3 -m app.cli seed, fresh SQLite): "
                f"{cold.seconds:.2f} s, max RSS {cold.max_rss_mb:.1f} MB"
            )
        )
    console.print(Text(f"Non-2xx/3xx answers and socket errors, whole run: {total_errors(result)}"))
    for load in stalled(result):
        console.print(Text(f"WARNING: {load}: not one response completed during the load"))
    console.print(Text("\nTARGETS"))
    for t in targets(result):
        console.print(Text(f"{t.status:4}  {t.name}: {t.measured} (target {t.limit})"))
    if ratios:
        for name in (*KINDS, "spread"):
            if name in ratios:
                value = ratios[name]
                verdict = (
                    "n/a" if value is None else "meets" if value >= SCALING_RATIO else "misses"
                )
                console.print(
                    Text(
                        f"info  {name} req/s, largest size vs smallest: {_x(value)} "
                        f"({verdict} >={SCALING_RATIO:g}x)"
                    )
                )
