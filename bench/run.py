"""One benchmark run: cold start, the baseline, every dataset size under every scenario, the
baseline again. Progress goes to standard error; the report is built by ``bench.report``."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench import coldstart, generate, scenarios, servers
from bench.coldstart import ColdStart
from bench.generate import Dataset, Size
from bench.load import LoadSettings, WrkResult, run_wrk, wrk_path
from bench.scenarios import FIXED_PATH, KINDS, SHIPPED_FIXED_PATH, Scenario


class ScenarioRefused(RuntimeError):
    """A scenario's first path did not answer 200 before the load; the message has the body."""


@dataclass(frozen=True)
class Options:
    """Everything a run is asked to do (the command line, parsed)."""

    sizes: tuple[Size, ...]  # memberships of synthetic datasets, or ``shipped``
    scenarios: tuple[str, ...]
    load: LoadSettings
    workers: int
    seed: int
    warmup: int
    database_url: str | None
    keep_data: bool
    data_dir: Path
    mix: tuple[str, ...] = KINDS  # the questions the ``mix`` scenario asks
    loop: str = "uvloop"  # uvicorn's event loop, for both servers


@dataclass
class SizeResult:
    """One dataset under load: what each scenario measured and the server's memory after it."""

    dataset: Dataset
    scenarios: dict[str, WrkResult]
    rss_mb: float
    first_paths: dict[str, str]
    ready_seconds: float = 0.0  # from starting the server to its first 200 on /healthz


@dataclass
class RunResult:
    """Every measurement of a run."""

    options: Options
    cold_start: ColdStart | None = None
    baseline: list[WrkResult] = field(default_factory=list)  # at the start, at the end
    baseline_rss_mb: float = 0.0
    sizes: list[SizeResult] = field(default_factory=list)
    started_at: float = field(default_factory=time.time)
    seconds: float = 0.0


def say(message: str) -> None:
    """Progress, on standard error so that standard out holds only the report."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def check_first_paths(base_url: str, items: Sequence[Scenario]) -> None:
    """Each scenario's first path answers 200 (with httpx, once, before any load)."""
    for scenario in items:
        response = httpx.get(base_url + scenario.first_path, timeout=60)
        if response.status_code != 200:
            raise ScenarioRefused(
                f"{scenario.name}: GET {scenario.first_path} answered {response.status_code}:\n"
                f"{response.text[:2000]}"
            )


def drain(base_url: str, *, quick: float = 0.05, limit: float = 120.0) -> None:
    """Wait until the server answers ``/healthz`` quickly three times in a row."""
    deadline = time.monotonic() + limit
    in_a_row = 0
    while in_a_row < 3 and time.monotonic() < deadline:
        started = time.monotonic()
        try:
            httpx.get(f"{base_url}/healthz", timeout=limit)
        except httpx.HTTPError:
            in_a_row = 0
            continue
        in_a_row = in_a_row + 1 if time.monotonic() - started < quick else 0


def _warm_and_load(
    server: servers.Server, items: Sequence[Scenario], options: Options, workdir: Path
) -> dict[str, WrkResult]:
    results = {}
    for scenario in items:
        # each scenario warms up on itself, as the baseline does, then the server is let finish
        # what the warm-up left queued, so no load starts behind another's backlog
        run_wrk(server.base_url, scenario, options.load, workdir, duration=options.warmup)
        drain(server.base_url)
        say(f"  {scenario.name}: {options.load.duration} s")
        results[scenario.name] = run_wrk(
            server.base_url, scenario, options.load, workdir, duration=options.load.duration
        )
        say(f"  {scenario.name}: {results[scenario.name].rps:.1f} req/s")
    return results


def run_order(items: Sequence[Scenario]) -> list[Scenario]:
    """The scenarios in the order they are loaded: ``mix``, the scaling target's load, first, on
    the freshly started server. At every size it then meets the server in the same state: at
    10^3 the loads before it would have asked its very questions (its ten organisations are the
    whole dataset) and left their answers kept, at 10^6 questions about 10,000 others."""
    return sorted(items, key=lambda s: s.name != "mix")


def measure_baseline(options: Options, workdir: Path, label: str) -> tuple[WrkResult, float]:
    """The hello app under the baseline scenario: its result and its RSS afterwards."""
    say(f"baseline ({label}): starting the hello app")
    with servers.serving(
        servers.HELLO_APP,
        workers=options.workers,
        log=workdir / f"hello-{label}.log",
        ready=scenarios.HELLO_PATH,
        loop=options.loop,
    ) as server:
        scenario = scenarios.baseline(options.seed)
        check_first_paths(server.base_url, [scenario])
        say(f"warming up {options.warmup} s")
        run_wrk(server.base_url, scenario, options.load, workdir, duration=options.warmup)
        result = run_wrk(
            server.base_url, scenario, options.load, workdir, duration=options.load.duration
        )
        rss = servers.rss_mb(server.pid)
    say(f"baseline ({label}): {result.rps:.1f} req/s, p99 {result.p99_us / 1000:.2f} ms")
    return result, rss


def measure_size(dataset: Dataset, options: Options, workdir: Path) -> SizeResult:
    """Foedus on ``dataset``: check the first paths, warm up, load every scenario, read RSS."""
    items = scenarios.build(
        options.scenarios,
        seed=options.seed,
        orgs=dataset.slugs,
        codes=dataset.codes,
        mix=options.mix,
        fixed=SHIPPED_FIXED_PATH if dataset.shipped else FIXED_PATH,
    )
    say(f"{dataset.label} ({dataset.memberships:,} memberships): starting Foedus")
    with servers.serving(
        servers.FOEDUS_APP,
        workers=options.workers,
        log=workdir / f"foedus-{dataset.label.replace(',', '')}.log",
        ready="/healthz",
        # like the hello app, without an access log (uvicorn's is off for both); the app's own
        # JSON line is measured by running the bench with FOEDUS_ACCESS_LOG=true exported
        env={
            "FOEDUS_DATABASE_URL": dataset.url,
            "FOEDUS_ACCESS_LOG": os.environ.get("FOEDUS_ACCESS_LOG", "false"),
        },
        loop=options.loop,
    ) as server:
        check_first_paths(server.base_url, items)
        loaded = _warm_and_load(server, run_order(items), options, workdir)
        results = {s.name: loaded[s.name] for s in items}
        rss = servers.rss_mb(server.pid)
    say(f"{dataset.label}: RSS {rss:.1f} MB")
    if any(r.requests == 0 for r in results.values()):
        tail = server.log_tail(20) or "(the server's log is empty)"
        say(f"no response completed in some load; the server's log ends:\n{tail}")
    first_paths = {s.name: s.first_path for s in items}
    return SizeResult(dataset, results, rss, first_paths, server.ready_seconds[0])


def _datasets(options: Options, shipped: Path, cold: ColdStart) -> Generator[Dataset, None, None]:
    """SQLite: every size prepared before the first is measured (generation is heavy work), the
    shipped data being the file the cold start seeded (at ``shipped``); PostgreSQL: each size
    loaded into the one database just before it is measured."""
    if options.database_url is None:
        prepared = []
        for size in options.sizes:
            if not isinstance(size, int):  # SHIPPED
                say(f"shipped data (SQLite): the cold start's file, seeded in {cold.seconds:.1f} s")
                prepared.append(generate.shipped_sqlite(shipped, cold.seconds))
                continue
            say(f"dataset of {size:,} memberships (SQLite, cached under {options.data_dir})")
            dataset = generate.sqlite_dataset(size, options.seed, data_dir=options.data_dir)
            state = "reused" if dataset.cached else f"generated in {dataset.seconds:.1f} s"
            say(f"  {state}: {dataset.url}")
            prepared.append(dataset)
        yield from prepared
        return
    for size in options.sizes:
        if not isinstance(size, int):  # SHIPPED
            say("seeding the shipped data into PostgreSQL (wiping it first)")
            dataset = generate.shipped_postgresql(options.database_url, shipped.parent)
        else:
            say(f"loading {size:,} memberships into PostgreSQL (wiping it first)")
            dataset = generate.postgresql_dataset(options.database_url, size, options.seed)
        say(f"  loaded in {dataset.seconds:.1f} s")
        yield dataset


def run(options: Options) -> RunResult:
    """The whole run; servers are always stopped, a PostgreSQL target wiped unless kept."""
    wrk_path()
    result = RunResult(options)
    with tempfile.TemporaryDirectory(prefix="foedus-bench-") as tmp:
        workdir = Path(tmp)
        say("cold start: python3 -m app.cli seed on a fresh SQLite file")
        shipped = workdir / "shipped.db"  # the cold start's file, kept: the shipped dataset
        result.cold_start = coldstart.measure(keep=shipped)
        say(f"cold start: {result.cold_start.seconds:.2f} s")
        datasets = _datasets(options, shipped, result.cold_start)
        try:
            first = next(datasets)
            start, result.baseline_rss_mb = measure_baseline(options, workdir, "start")
            result.baseline.append(start)
            result.sizes.append(measure_size(first, options, workdir))
            for dataset in datasets:
                result.sizes.append(measure_size(dataset, options, workdir))
            result.baseline.append(measure_baseline(options, workdir, "end")[0])
        finally:
            datasets.close()
            if options.database_url is not None and not options.keep_data:
                say("dropping the benchmark tables from the PostgreSQL database")
                generate.wipe_postgresql(options.database_url)
    result.seconds = time.time() - result.started_at
    return result
