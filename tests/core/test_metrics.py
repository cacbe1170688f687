"""Prometheus metrics at ``/metrics``: off unless configured, one registry per app, requests by
route template (never by path), the answer cache, and the pool and release read when scraped."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, cast

import anyio
import prometheus_client
import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy.exc import OperationalError

from app.core.admission import Lanes
from app.core.httpcache import Answers
from app.core.metrics import RuntimeCollector
from app.core.runtime import Runtime
from app.core.settings import Settings
from app.main import create_app
from tests.conftest import SEED_DIR, Databases, running, settings_for

MEMBERS = "/v1/organizations/{slug}/members"


Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def scrape(client: TestClient) -> Samples:
    """Every sample of ``/metrics`` by name and labels."""
    response = client.get("/metrics")
    assert response.status_code == 200
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples[name, frozenset(labels.items())]


def labels_of(samples: Samples, name: str, label: str) -> set[str]:
    return {dict(pairs)[label] for sample, pairs in samples if sample == name}


@pytest.fixture(scope="module")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Databases, str]:
    """The real seed on SQLite, for what does not depend on the database."""
    databases = Databases("sqlite", tmp_path_factory.mktemp("metrics"))
    return databases, databases.migrated(SEED_DIR)


def metered(url: str) -> TestClient:
    return TestClient(create_app(Settings(database_url=url, seed_dir=SEED_DIR, metrics=True)))


@pytest.fixture
def client(sqlite_template: tuple[Databases, str]) -> Iterator[TestClient]:
    databases, template = sqlite_template
    with metered(databases.new(template=template)) as client:
        yield client


def test_off_by_default_metrics_is_not_routed(sqlite_template: tuple[Databases, str]) -> None:
    databases, template = sqlite_template
    assert Settings().metrics is False
    with TestClient(create_app(settings_for(databases.new(template=template)))) as client:
        response = client.get("/metrics")
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"


def test_served_in_the_text_format_never_kept_and_not_documented(client: TestClient) -> None:
    response = client.get("/metrics", headers={"Accept": "application/json"})
    assert response.status_code == 200
    assert response.headers["content-type"] == prometheus_client.CONTENT_TYPE_LATEST
    assert response.headers["cache-control"] == "no-store"
    assert "/metrics" not in client.get("/openapi.json").json()["paths"]
    # outside /v1: no parameter check
    assert client.get("/metrics?name=x").status_code == 200


def test_requests_are_counted_by_route_template_and_status(client: TestClient) -> None:
    for year in range(1995, 2002):  # seven questions, each asked once
        assert client.get(f"/v1/organizations/csto/members?at={year}").status_code == 200
    assert client.get("/v1/organizations/no-such-body/members").status_code == 404
    assert client.get("/no/such/path").status_code == 404
    assert client.head("/v1/organizations/csto/members?at=1995").status_code == 200
    samples = scrape(client)
    requests = "foedus_http_requests_total"
    assert value(samples, requests, method="GET", route=MEMBERS, status="200") == 7
    assert value(samples, requests, method="GET", route=MEMBERS, status="404") == 1
    assert value(samples, requests, method="GET", route="unmatched", status="404") == 1
    assert value(samples, requests, method="HEAD", route=MEMBERS, status="200") == 1
    duration = "foedus_http_request_duration_seconds_count"
    assert value(samples, duration, method="GET", route=MEMBERS) == 8
    assert labels_of(samples, "foedus_http_errors_total", "route") == set()  # no 5xx


def test_fifty_slugs_are_one_route(client: TestClient) -> None:
    slugs = [o["slug"] for o in client.get("/v1/organizations?limit=25").json()["items"]]
    asked = [*slugs, *(f"unknown-{n}" for n in range(50 - len(slugs)))]
    for slug in asked:
        client.get(f"/v1/organizations/{slug}/members?at=2000")
    samples = scrape(client)
    routes = labels_of(samples, "foedus_http_requests_total", "route")
    assert routes == {"/v1/organizations", MEMBERS}
    counted = sum(
        count
        for (name, pairs), count in samples.items()
        if name == "foedus_http_requests_total" and dict(pairs)["route"] == MEMBERS
    )
    assert counted == 50


def test_a_question_kept_on_its_second_asking_is_a_hit_on_its_third(client: TestClient) -> None:
    for _ in range(3):
        assert client.get("/v1/organizations/nato/members?at=2000-01-01").status_code == 200
    client.get("/v1/meta")  # not a question the cache keeps: neither
    samples = scrape(client)
    assert value(samples, "foedus_answer_cache_requests_total", result="miss") == 2
    assert value(samples, "foedus_answer_cache_requests_total", result="hit") == 1
    kept = running(client.app).answers.size
    assert kept > 0
    assert value(samples, "foedus_answer_cache_bytes") == kept


def test_an_error_escaping_the_routes_is_a_500_of_its_route(
    sqlite_template: tuple[Databases, str],
) -> None:
    databases, template = sqlite_template
    url = databases.new(template=template)
    app = create_app(Settings(database_url=url, seed_dir=SEED_DIR, metrics=True))

    def fail(slug: str) -> None:
        raise RuntimeError(slug)

    app.add_api_route("/failing/{slug}", fail)
    with TestClient(app, raise_server_exceptions=False) as client:
        assert client.get("/failing/a").status_code == 500
        assert client.get("/failing/b").status_code == 500
        samples = scrape(client)
    assert value(samples, "foedus_http_errors_total", route="/failing/{slug}", status="500") == 2
    requests = "foedus_http_requests_total"
    assert value(samples, requests, method="GET", route="/failing/{slug}", status="500") == 2


def test_each_app_counts_in_its_own_registry(sqlite_template: tuple[Databases, str]) -> None:
    databases, template = sqlite_template
    with (
        metered(databases.new(template=template)) as one,
        metered(databases.new(template=template)) as other,
    ):
        one.get("/v1/meta")
        one.get("/v1/meta")
        other.get("/v1/meta")
        meta = {"method": "GET", "route": "/v1/meta", "status": "200"}
        assert value(scrape(one), "foedus_http_requests_total", **meta) == 2
        assert value(scrape(other), "foedus_http_requests_total", **meta) == 1
    default = {family.name for family in prometheus_client.REGISTRY.collect()}
    assert not {name for name in default if name.startswith("foedus_")}


def test_the_pool_admission_and_release_are_read_when_scraped(seeded_url: str) -> None:
    with metered(seeded_url) as client:
        release = client.get("/v1/meta").json()["release"]
        assert release >= 1
        samples = scrape(client)
        settings = running(client.app).settings
    assert value(samples, "foedus_release") == release
    assert 0 <= value(samples, "foedus_release_age_seconds") < 86_400  # made by this test run
    pool = settings.max_in_flight + settings.max_past_in_flight + 8
    assert value(samples, "foedus_db_pool_size") == pool
    assert 0 <= value(samples, "foedus_db_pool_checked_out") <= pool
    assert value(samples, "foedus_db_pool_overflow") == 0
    assert value(samples, "foedus_admission_slots") == settings.max_in_flight
    assert value(samples, "foedus_admission_in_use") == 1  # the scrape itself


@dataclass
class Clock:
    value: int  # the release last known
    reachable: bool = True

    def current(self) -> int:
        if not self.reachable:
            raise OperationalError("SELECT", {}, Exception("connection refused"))
        return self.value


@pytest.mark.parametrize(
    "clock",
    [Clock(0), Clock(3, reachable=False)],
    ids=["no-release-yet", "database-unreachable"],
)
def test_what_cannot_be_read_is_left_out_not_failed(clock: Clock) -> None:
    nothing: Any = None
    runtime = Runtime(
        settings=Settings(max_in_flight=4, max_past_in_flight=1),
        engine=cast(Any, SimpleNamespace(pool=object())),  # as a NullPool: no counts
        clock=cast(Any, clock),
        index=nothing,
        answers=Answers(1000),
        snapshots=nothing,
        admission=Lanes(anyio.Semaphore(4), anyio.Semaphore(1)),
    )
    app: Any = SimpleNamespace(state=SimpleNamespace(runtime=runtime))
    found = {family.name: family.samples[0].value for family in RuntimeCollector(app).collect()}
    assert found == {  # no pool gauges, no release age
        "foedus_answer_cache_bytes": 0,
        "foedus_admission_slots": 4,
        "foedus_admission_in_use": 0,
        "foedus_past_admission_slots": 1,
        "foedus_past_admission_in_use": 0,
        "foedus_release": clock.value,
    }
