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
    public_url: str | None = Field(
        default=None,
        pattern=r"^https?://[^\s?#]+$",
        description=(
            "The address clients reach the API at (https://api.example.org): Link and "
            "Location are absolute under it; unset, they are relative references, never "
            "built from the request's Host header."
        ),
    )
    forwarded_allow_ips: str = Field(
        default="",
        description=(
            "Proxies trusted to set X-Forwarded-For and X-Forwarded-Proto (comma-separated "
            "addresses or networks, '*' for any); empty: none, the peer is the client."
        ),
    )
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
    max_past_in_flight: int = Field(
        default=1,
        ge=1,
        le=100,
        description=(
            "Reads of a past release (recorded_at, release=N) working at once, in a lane of "
            "their own: one may first build a snapshot of that release, and a burst of them "
            "waits among themselves, not in the way of the others."
        ),
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
    health_check_seconds: float = Field(
        default=60.0,
        ge=0,
        description=(
            "How often /healthz checks that the database is whole (SQLite's quick check) and "
            "writable when writes are on; at once, too, after a request met either fault."
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
    # the HTTP server's bounds (app.core.server)
    max_header_bytes: int = Field(
        default=16_384,
        ge=1024,
        description=(
            "Largest request header block (request line and headers); a larger one is refused "
            "with 431 before it is read further."
        ),
    )
    max_headers: int = Field(
        default=100, ge=8, description="Most header fields in one request; more is a 431."
    )
    header_timeout_seconds: float = Field(
        default=10.0,
        ge=0.5,
        description=(
            "Seconds a connection has to send a request's complete headers, counted from its "
            "opening or from the previous response; then it is closed (slowloris)."
        ),
    )
    body_timeout_seconds: float = Field(
        default=30.0,
        ge=1,
        description=(
            "Seconds a request's body has to arrive, counted from the end of its headers while "
            "the server reads (a pause while the app or an earlier request is not ready does "
            "not count); then it is answered 408 and closed."
        ),
    )
    send_timeout_seconds: float = Field(
        default=60.0,
        ge=1,
        description=(
            "Seconds a client may stall its answer: once writing has paused (the client is not "
            "taking what was sent), it must take 64 KiB of it, or enough for writing to resume, "
            "within each such time, else the connection is reset and its buffers freed."
        ),
    )
    idle_timeout_seconds: int = Field(
        default=5,
        ge=1,
        description="Seconds a kept-alive connection may stay silent after a response (uvicorn's).",
    )
    max_connections: int = Field(
        default=2048,
        ge=1,
        description=(
            "Open connections per server process, well below the file limit: past it the "
            "oldest idle connection is closed to make room, or with none idle the new one is "
            "answered 503."
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
