"""Prometheus metrics of one process, at ``/metrics`` when ``FOEDUS_METRICS=true``.

- Each app has a ``CollectorRegistry`` of its own, never the process's default one: two apps in
  one process neither share nor collide. Nothing is registered, and ``/metrics`` is not routed,
  unless the setting is on.
- The requests are counted by the middleware that logs them (``app.core.observe``), once per
  request, by ``route``: the path template (``/v1/organizations/{slug}/members``), never the
  path asked, so the label has as many values as the app has routes (``unmatched`` for a path
  none matches). Methods outside the usual ones count as ``other``.
- What a request does not change is read when scraped: the answer cache's bytes, the database
  pool, the admission slots, the release (the clock's, re-read when due) and its age (when it
  was made is read from the database once per release).
- Each process counts its own requests: with several uvicorn workers a scrape reaches one of
  them at random. Run one worker per container or replica and scrape each, or use
  prometheus-client's multiprocess mode (``PROMETHEUS_MULTIPROC_DIR``), not built here.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from fastapi import FastAPI, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from app.core.releases import read_made_at
from app.core.runtime import runtime_of

BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    """The app's registry and the metrics every request feeds."""

    def __init__(self, app: FastAPI) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "foedus_http_requests",
            "Requests answered, by method, route template and status.",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.duration = Histogram(
            "foedus_http_request_duration_seconds",
            "Seconds from a request's arrival to the end of its answer.",
            ["method", "route"],
            buckets=BUCKETS,
            registry=self.registry,
        )
        self.errors = Counter(
            "foedus_http_errors",
            "Requests answered with a 5xx, by route template and status.",
            ["route", "status"],
            registry=self.registry,
        )
        self.cache = Counter(
            "foedus_answer_cache_requests",
            "Questions the answer cache could keep: replayed (hit) or computed (miss).",
            ["result"],
            registry=self.registry,
        )
        self.results = {result: self.cache.labels(result) for result in ("hit", "miss")}
        # each request's labelled metrics, found once (the labels have few values)
        self.labelled: dict[tuple[str, str, int], tuple[Counter, Histogram, Counter | None]] = {}
        self.registry.register(RuntimeCollector(app))

    def count(
        self, method: str, route: str, status: int, seconds: float, cache: str | None
    ) -> None:
        labelled = self.labelled.get((method, route, status))
        if labelled is None:
            labelled = self.labelled[method, route, status] = (
                self.requests.labels(method, route, str(status)),
                self.duration.labels(method, route),
                self.errors.labels(route, str(status)) if status >= 500 else None,
            )
        requests, duration, errors = labelled
        requests.inc()
        duration.observe(seconds)
        if errors is not None:
            errors.inc()
        if cache is not None:
            self.results[cache].inc()


class RuntimeCollector(Collector):
    """Gauges read from the running app when scraped (nothing while it is not started)."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self.made: tuple[int, datetime | None] = (0, None)  # a release and when it was made

    def collect(self) -> Iterator[GaugeMetricFamily]:
        runtime = runtime_of(self.app)
        if runtime is None:
            return
        yield gauge("foedus_answer_cache_bytes", "Bytes of answers kept.", runtime.answers.size)
        pool = runtime.engine.pool
        for name, method, text in POOL:
            value = getattr(pool, method, None)
            if callable(value):  # a QueuePool's; a NullPool or a StaticPool has none
                yield gauge(name, text, max(int(value()), 0))
        limit = runtime.settings.max_in_flight
        yield gauge("foedus_admission_slots", "Requests admitted at once.", limit)
        in_use = limit - runtime.admission.present.value
        yield gauge("foedus_admission_in_use", "Admitted requests (this scrape is one).", in_use)
        past = runtime.settings.max_past_in_flight
        yield gauge("foedus_past_admission_slots", "Reads of past releases at once.", past)
        in_use = past - runtime.admission.past.value
        yield gauge("foedus_past_admission_in_use", "Admitted reads of past releases.", in_use)
        try:
            release = runtime.clock.current()
            made = self.made_at(runtime.engine, release)
        except SQLAlchemyError:  # the database is unreachable: the rest is still worth a scrape
            release, made = runtime.clock.value, None
        yield gauge("foedus_release", "The release this process answers at.", release)
        if made is not None:
            age = (datetime.now(UTC) - made).total_seconds()
            yield gauge("foedus_release_age_seconds", "Seconds since that release was made.", age)

    def made_at(self, engine: Engine, release: int) -> datetime | None:
        """When ``release`` was made: read from the database once per release."""
        if release != self.made[0]:
            stamp = read_made_at(engine, release) if release else None
            made = datetime.fromisoformat(stamp) if stamp else None
            if made is not None and made.tzinfo is None:
                made = made.replace(tzinfo=UTC)
            self.made = (release, made)
        return self.made[1]


POOL = (
    ("foedus_db_pool_size", "size", "Connections the database pool keeps."),
    ("foedus_db_pool_checked_out", "checkedout", "Pooled connections in use."),
    ("foedus_db_pool_overflow", "overflow", "Connections open beyond the pool's size."),
)


def gauge(name: str, text: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, text, value=value)


def serve_metrics(app: FastAPI, metrics: Metrics) -> None:
    """Route ``GET /metrics``: outside ``/v1`` (no parameter check) and the OpenAPI schema."""

    def read_metrics() -> Response:
        """This process's metrics, in Prometheus's text format."""
        return Response(
            generate_latest(metrics.registry),
            media_type=CONTENT_TYPE_LATEST,
            headers={"Cache-Control": "no-store"},  # never kept, by the app or a proxy
        )

    app.add_api_route("/metrics", read_metrics, methods=["GET"], include_in_schema=False)
