"""``GET /v1/organizations/{slug}/members?at=DAY`` answered before routing answers exactly as the
route does (body and headers), revalidates with ``If-None-Match``, leaves every other form and
every doubtful request to the route (writes: ``tests/writes/test_answer_cache.py``)."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.memberships import fastpath, holdings

CONTENT_HEADERS = ("content-type", "content-length", "etag", "cache-control")


@pytest.fixture
def answered_early(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the fast path answered about (organisation slugs, state codes), in order."""
    seen: list[str] = []
    members, state = fastpath._members, fastpath._state

    def counting_members(built: Any, slug: str, *args: Any) -> Any:
        found = members(built, slug, *args)
        if found is not None:
            seen.append(slug)
        return found

    def counting_state(built: Any, code: str, *args: Any) -> Any:
        found = state(built, code, *args)
        if found is not None:
            seen.append(code)
        return found

    timeline = fastpath._timeline

    def counting_timeline(built: Any, slug: str, *args: Any) -> Any:
        found = timeline(built, slug, *args)
        if found is not None:
            seen.append(f"{slug} timeline")
        return found

    monkeypatch.setattr(fastpath, "_members", counting_members)
    monkeypatch.setattr(fastpath, "_state", counting_state)
    monkeypatch.setattr(fastpath, "_timeline", counting_timeline)
    return seen


def _headers(response: Any) -> dict[str, str]:
    return {k: v for k, v in response.headers.items() if k != "date"}


def _same_as_routed(client: TestClient, path: str, routed: str) -> None:
    """``path`` (answered early) and ``routed`` (the same question, through the route) give
    the same body and headers."""
    early, through = client.get(path), client.get(routed)
    assert early.status_code == through.status_code == 200
    assert early.content == through.content
    assert _headers(early) == _headers(through)


def test_the_answer_is_the_routes(client: TestClient, answered_early: list[str]) -> None:
    slugs = [o["slug"] for o in client.get("/v1/organizations").json()["items"]]
    rng = random.Random(4)
    for slug in slugs:
        for _ in range(4):
            day = date.fromordinal(
                rng.randint(date(1940, 1, 1).toordinal(), date(2026, 12, 31).toordinal())
            )
            path = f"/v1/organizations/{slug}/members?at={day}"
            _same_as_routed(client, path, f"{path}&role=member")
    assert answered_early == [s for s in slugs for _ in range(4)]


def test_spans_and_reduced_dates(client: TestClient, answered_early: list[str]) -> None:
    for query in (
        "at=1995",
        "at=1995-06",
        "during=1995",
        "during=1993-01/1999-12&mode=throughout",
        "during=1993/1999&mode=any",
        "during=2001-09-11",
    ):
        path = f"/v1/organizations/nato/members?{query}"
        _same_as_routed(client, path, f"{path}&role=member")
    assert answered_early == ["nato"] * 6


def test_revalidation(client: TestClient, answered_early: list[str]) -> None:
    path = "/v1/organizations/csto/members?at=2001-05-05"
    uncached = {"Authorization": "Bearer any"}  # answers to credentials are never kept
    first = client.get(path, headers=uncached)
    again = client.get(path, headers={**uncached, "If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == first.headers["etag"]
    assert "content-length" not in again.headers or again.headers["content-length"] == "0"
    stale = client.get(path, headers={**uncached, "If-None-Match": '"r0-0"'})
    assert stale.status_code == 200
    assert stale.content == first.content
    assert answered_early == ["csto", "csto", "csto"]


@pytest.mark.parametrize(
    ("path", "headers", "status"),
    [
        ("/v1/organizations/CSTO/members?at=1995-06-01", {}, 200),  # another spelling
        ("/v1/organizations/no-such-thing/members?at=1995-06-01", {}, 404),
        ("/v1/organizations/csto/members?at=1995-02-30", {}, 422),  # no such day
        ("/v1/organizations/csto/members?at=1995-06-01", {"Accept": "text/csv"}, 200),
        ("/v1/organizations/csto/members?during=1995/1994", {}, 422),  # ends before it starts
        ("/v1/organizations/csto/members?mode=any&during=1995", {}, 200),  # another order
        ("/v1/organizations/csto/members?at=1995-06-01&certainty=certain", {}, 200),
    ],
)
def test_other_forms_go_to_the_route(
    client: TestClient, answered_early: list[str], path: str, headers: dict[str, str], status: int
) -> None:
    response = client.get(path, headers=headers)
    assert response.status_code == status, response.text
    assert answered_early == []
    if status == 404:
        assert response.headers["content-type"] == "application/problem+json"
    if "Accept" in headers:
        assert response.headers["content-type"].startswith("text/csv")


def test_a_states_answer_is_the_routes(client: TestClient, answered_early: list[str]) -> None:
    codes = ["ARM", "FRA", "USA", "SUN", "DEU", "KAZ"]
    for code in codes:
        for query in ("", "at=1995-06-01", "at=2024", "during=1990/2000&mode=throughout"):
            path = f"/v1/states/{code}/memberships?{query}"
            _same_as_routed(client, path, f"{path}&limit=100")
    assert answered_early == [c for c in codes for _ in range(4)]


def test_a_states_first_page_links_the_next(
    client: TestClient, answered_early: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(holdings, "PAGE", 2)
    early = client.get("/v1/states/FRA/memberships")
    routed = client.get("/v1/states/FRA/memberships?limit=2")
    assert early.json()["next_cursor"] is not None
    assert early.content == routed.content
    assert early.headers["link"] == routed.headers["link"].replace("&limit=2", "").replace(
        "limit=2&", ""
    )
    assert answered_early == ["FRA"]


def test_a_timeline_is_the_routes(client: TestClient, answered_early: list[str]) -> None:
    for slug in ("csto", "nato", "warsaw-pact"):
        path = f"/v1/organizations/{slug}/timeline"
        _same_as_routed(client, path, f"{path}?format=json")
    assert answered_early == ["csto timeline", "nato timeline", "warsaw-pact timeline"]
