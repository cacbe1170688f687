"""Foedus benchmark harness: synthetic datasets, wrk load against uvicorn, a report with targets.

Run ``python3 -m bench --help``; ``bench/README.md`` explains every figure and the dataset shape.
"""

from __future__ import annotations

from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = BENCH_DIR.parent
