"""``python3 -m bench``: the command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from rich.console import Console

from bench import BENCH_DIR, report
from bench.coldstart import ColdStartFailed
from bench.generate import DATA_DIR, SHIPPED, Size
from bench.load import LoadSettings, WrkFailed, WrkMissing
from bench.run import Options, ScenarioRefused, run, say
from bench.scenarios import KINDS, SCENARIOS
from bench.servers import LOOPS, ServerFailed
from bench.shape import DEFAULT_SEED

DEFAULT_SIZES = "shipped,1000,100000,1000000"
RESULTS_DIR = BENCH_DIR / "results"


def _size(part: str) -> Size:
    if part == SHIPPED:
        return SHIPPED
    try:
        n = int(part.replace("_", ""))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"{part!r} is neither {SHIPPED} nor a number of memberships"
        ) from exc
    if n < 1:
        raise argparse.ArgumentTypeError("sizes must be positive integers (or shipped)")
    return n


def _sizes(text: str) -> tuple[Size, ...]:
    sizes = tuple(_size(part.strip()) for part in text.split(",") if part.strip())
    if not sizes:
        raise argparse.ArgumentTypeError("no size given")
    if len(set(sizes)) < len(sizes):
        raise argparse.ArgumentTypeError(f"a size is given twice: {text}")
    return sizes


def _subset(choices: Sequence[str], what: str) -> Callable[[str], tuple[str, ...]]:
    """A parser of a comma-separated subset of ``choices``, kept in their order."""

    def parse(text: str) -> tuple[str, ...]:
        names = tuple(part.strip() for part in text.split(",") if part.strip())
        unknown = [n for n in names if n not in choices]
        if unknown or not names:
            raise argparse.ArgumentTypeError(
                f"unknown {what}(s) {', '.join(unknown) or '(none)'}; "
                f"choose from {', '.join(choices)}"
            )
        return tuple(n for n in choices if n in names)

    return parse


_scenarios = _subset(SCENARIOS, "scenario")
_mix = _subset(KINDS, "question")


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python3 -m bench",
        description=(
            "Benchmark Foedus against a minimal FastAPI app with identical uvicorn settings: "
            "the shipped data and synthetic datasets of each size, wrk load per scenario, RSS, "
            "cold start, targets. "
            "See bench/README.md."
        ),
    )
    p.add_argument(
        "--sizes",
        type=_sizes,
        default=_sizes(DEFAULT_SIZES),
        help=(
            "datasets, comma-separated: shipped (the project's seed data) or memberships of a "
            f"synthetic dataset (default {DEFAULT_SIZES})"
        ),
    )
    p.add_argument(
        "--scenarios",
        type=_scenarios,
        default=SCENARIOS,
        help=f"subset of {','.join(SCENARIOS)} (default all)",
    )
    p.add_argument(
        "--mix",
        type=_mix,
        default=KINDS,
        help=f"the questions the mix scenario asks, equally often: a subset of {','.join(KINDS)} "
        "(default all five)",
    )
    p.add_argument(
        "--loop",
        choices=LOOPS,
        default="uvloop",
        help="uvicorn --loop of both servers (default uvloop)",
    )
    p.add_argument("--duration", type=_positive, default=10, help="seconds per load (default 10)")
    p.add_argument(
        "--warmup", type=_positive, default=2, help="seconds of warm-up load per server (default 2)"
    )
    p.add_argument("--connections", type=_positive, default=32, help="wrk -c (default 32)")
    p.add_argument("--threads", type=_positive, default=1, help="wrk -t (default 1)")
    p.add_argument(
        "--workers",
        type=_positive,
        default=1,
        help="uvicorn --workers for both servers (default 1)",
    )
    p.add_argument(
        "--seed",
        type=int,
        default=DEFAULT_SEED,
        help=f"seed of the datasets and the request streams (default {DEFAULT_SEED})",
    )
    p.add_argument(
        "--database-url",
        default=None,
        help=(
            "PostgreSQL target, e.g. postgresql+psycopg://postgres@127.0.0.1:5432/"
            "bench; EVERY TABLE IN IT IS DROPPED, then each size is loaded in turn "
            "(default: cached SQLite files under bench/.data/)"
        ),
    )
    p.add_argument(
        "--keep-data",
        action="store_true",
        help=(
            "leave the last loaded dataset in the --database-url database (default: "
            "its tables are dropped at the end); SQLite files are always kept"
        ),
    )
    p.add_argument(
        "--data-dir",
        type=Path,
        default=DATA_DIR,
        help="folder of the cached SQLite datasets (default bench/.data)",
    )
    p.add_argument(
        "--out",
        type=Path,
        default=RESULTS_DIR,
        help="folder for <UTC timestamp>.json and latest.json (default bench/results)",
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 on any FAIL target or any error/non-2xx answer (default exit 0)",
    )
    return p


def options_from(args: argparse.Namespace) -> Options:
    if args.connections < args.threads:
        raise SystemExit("--connections must be at least --threads")
    url = args.database_url
    if url is not None and not url.startswith("postgresql"):
        raise SystemExit("--database-url must be a PostgreSQL URL (postgresql+psycopg://...)")
    return Options(
        sizes=args.sizes,
        scenarios=args.scenarios,
        mix=args.mix,
        loop=args.loop,
        load=LoadSettings(args.threads, args.connections, args.duration),
        workers=args.workers,
        seed=args.seed,
        warmup=args.warmup,
        database_url=url,
        keep_data=args.keep_data,
        data_dir=args.data_dir,
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    options = options_from(args)
    try:
        result = run(options)
    except WrkMissing as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    except (ScenarioRefused, ServerFailed, WrkFailed, ColdStartFailed) as exc:
        print(f"bench: aborted: {exc}", file=sys.stderr)
        return 1
    console = Console(width=None if sys.stdout.isatty() else 130)
    report.render(result, console)
    path = report.write_json(report.to_json(result), args.out)
    say(f"results: {path} (and {args.out / 'latest.json'})")
    return 1 if args.strict and report.failed(result) else 0
