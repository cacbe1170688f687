"""The one settings object. Read from ``FOEDUS_*`` environment variables (or a ``.env`` file)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[2]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FOEDUS_", env_file=".env", extra="ignore")

    database_url: str = Field(
        default=f"sqlite:///{PROJECT_ROOT / 'data' / 'foedus.db'}",
        description="Any SQLAlchemy URL: sqlite:///path.db or postgresql+psycopg://user@host/db.",
    )
    seed_dir: Path = Field(default=PROJECT_ROOT / "seed", description="Curated seed data.")
    migrations_dir: Path = Field(default=PROJECT_ROOT / "migrations")
    host: str = "127.0.0.1"
    port: int = 8000
    page_size_max: int = Field(default=500, ge=1)
    max_query_chars: int = Field(default=2048, ge=256, description="Longest query string.")
    max_body_bytes: int = Field(default=1_000_000, ge=1024, description="Largest request body.")
    writes_enabled: bool = Field(default=True, description="False: every write answers 403.")
    read_only: bool = Field(
        default=False,
        description=(
            "Open the database read-only (SQLite: mode=ro; PostgreSQL: read-only transactions); "
            "implies no writes."
        ),
    )
    cors_origins: list[str] = Field(
        default=[], description="Origins allowed by CORS; none by default (CORS off)."
    )
    max_in_flight: int = Field(
        default=32,
        ge=1,
        le=1000,
        description="Requests working on the database at once; others wait (the pool is larger).",
    )
    cache_bytes: int = Field(
        default=16_000_000,
        ge=0,
        description=(
            "Memory for kept answers (0: keep none); with 10^6 memberships compiled (about "
            "170 MB) the default keeps one process under 300 MB."
        ),
    )
    kept_entries: int = Field(
        default=20_000,
        ge=0,
        description=(
            "Entries (members, memberships, changes) of the answers kept per release by the "
            "interval between breakpoints that holds the question, about 4 kB each (0: keep none)."
        ),
    )
    compiled_memberships: int = Field(
        default=100_000,
        ge=0,
        description=(
            "Memberships of organisations compiled one at a time (while the index of all of "
            "them is being rebuilt) kept in memory, about 100 bytes each (0: compile each time)."
        ),
    )
    release_ttl_seconds: float = Field(
        default=1.0,
        ge=0,
        description=(
            "How often a process re-reads the latest release: the bound on how long another "
            "process's or replica's write may go unseen (this process's writes show at once)."
        ),
    )
    telemetry: bool = Field(
        default=False,
        description=(
            "FastAPI's native OpenTelemetry traces, metrics and logs (they need an OpenTelemetry "
            "SDK configured in the process); off, no request pays for looking for one."
        ),
    )
    echo_sql: bool = False
    auto_migrate: bool = Field(
        default=True,
        description=(
            "On start, migrate a SQLite database that is not at the newest revision (and load "
            "the shipped seed into a new one); false: refuse to start, naming the command to "
            "run. A PostgreSQL database is never migrated on start."
        ),
    )
    http_max_age: int = Field(
        default=60,
        ge=0,
        description=(
            "Seconds an HTTP cache (a browser, a proxy) may reuse a read's answer without asking "
            "again: the bound on how long a write may go unseen behind one (0: always ask)."
        ),
    )
    http_stale_while_revalidate: int = Field(
        default=300,
        ge=0,
        description=(
            "Seconds past max-age an HTTP cache may still answer with the old answer while it "
            "fetches the new one in the background."
        ),
    )
    # what operators see (app.core.metrics)
    metrics: bool = Field(
        default=False,
        description=(
            "Serve Prometheus metrics of this process at /metrics (requests, latency and errors "
            "by route, the answer cache, the database pool, the release); off: not routed."
        ),
    )
    access_log: bool = Field(
        default=True,
        description="One JSON line per request on the foedus.access logger (stdout by default).",
    )


@lru_cache
def get_settings() -> Settings:
    return Settings()
