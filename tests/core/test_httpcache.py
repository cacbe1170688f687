"""The one HTTP cache layer: the question an answer is kept by, ETag and 304, Cache-Control,
Vary, and the bytes a kept answer is charged."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, cast

import pytest
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from app.core.httpcache import (
    IMMUTABLE,
    Answers,
    Entry,
    HTTPCache,
    Question,
    cost,
    matches,
    pin,
    question_of,
)
from app.core.runtime import Runtime
from tests.conftest import running

PUBLIC = "public, max-age=60, stale-while-revalidate=300"


def ask(query: str, accept: str | None = None, path: str = "/v1/states") -> Question:
    headers = [] if accept is None else [(b"accept", accept.encode())]
    scope = {"type": "http", "path": path, "query_string": query.encode(), "headers": headers}
    return question_of(scope, Headers(scope=scope))


class TestTheQuestion:
    def test_parameters_are_sorted_by_name_and_a_repeated_one_keeps_its_order(self) -> None:
        assert ask("b=2&a=1&a=0") == ask("a=1&a=0&b=2")
        assert ask("a=1&a=0").query == "a=1&a=0"
        assert ask("a=1&a=0") != ask("a=0&a=1")

    def test_percent_encoding_is_written_one_way(self) -> None:
        assert ask("at=1995%2D06%2D01") == ask("at=1995-06-01")
        assert ask("q=a+b") == ask("q=a%20b")
        assert ask("q=%C3%A9") == ask("q=%c3%a9")
        assert ask("") == ask("")
        assert ask("at=1995") != ask("at=1996")

    def test_nothing_is_dropped(self) -> None:
        assert ask("at=1995&limit=2").query == "at=1995&limit=2"
        assert ask("at=1995&x=") != ask("at=1995")

    def test_the_format_is_the_negotiated_one_not_the_accept_header(self) -> None:
        json = ask("", None)
        assert json.format == "json"
        assert {ask("", a) for a in ["*/*", "application/json", "text/html, */*;q=0.8"]} == {json}
        assert ask("", "text/csv").format == "csv"
        assert ask("", "text/csv") == ask("", "text/csv; charset=utf-8")
        assert ask("", "application/x-ndjson").format == "ndjson"
        assert ask("format=ndjson", "text/csv").format == "ndjson"  # format= wins, as in routes

    def test_the_path_and_the_day_are_part_of_it(self) -> None:
        assert ask("", path="/v1/states") != ask("", path="/v1/sources")
        assert ask("").day > 19_000


class TestIfNoneMatch:
    @pytest.mark.parametrize(
        ("header", "tag", "hit"),
        [
            ('"r1-ab"', '"r1-ab"', True),
            ('W/"r1-ab"', '"r1-ab"', True),  # weak comparison
            ('"r1-ab"', 'W/"r1-ab"', True),
            ('"x", "r1-ab"', '"r1-ab"', True),
            ('"x",W/"r1-ab"', '"r1-ab"', True),
            ("*", '"r1-ab"', True),
            (" * ", '"v3"', True),
            ('"r1-ac"', '"r1-ab"', False),
            ("", '"r1-ab"', False),
            ("r1-ab", '"r1-ab"', False),  # not a tag
            ('"r1-ab', '"r1-ab"', False),
        ],
    )
    def test_matches(self, header: str, tag: str, hit: bool) -> None:
        assert matches(header, tag) is hit


@dataclass
class Clock:
    value: int = 7
    due: bool = False
    refreshing: bool = False


@dataclass
class Calls:
    count: int = 0
    paths: list[str] = field(default_factory=list)


def small_app(calls: Calls, *, max_age: int = 60, swr: int = 300, cache: int = 10**6) -> Starlette:
    def answer(request: Request) -> Response:
        calls.count += 1
        calls.paths.append(request.url.path)
        return JSONResponse({"count": calls.count, "query": str(request.query_params)})

    def stable(_: Request) -> Response:
        return JSONResponse({"release": 7})

    def pinned(request: Request) -> Response:
        pin(request.scope, 3)
        return JSONResponse({"release": 3})

    def tagged(_: Request) -> Response:
        return JSONResponse({"v": 2}, headers={"ETag": '"v2"'})

    def varied(request: Request) -> Response:
        return JSONResponse({}, headers={"Vary": request.query_params.get("vary", "")})

    def streamed(_: Request) -> Response:
        calls.count += 1
        return StreamingResponse(iter([b"a,b\n", b"1,2\n"]), media_type="text/csv")

    def missing(_: Request) -> Response:
        return JSONResponse({"title": "Not Found"}, status_code=404)

    def write(_: Request) -> Response:
        return JSONResponse({}, status_code=201)

    routes = [
        Route("/v1/states", answer),
        Route("/v1/states/pinned", pinned),
        Route("/v1/states/tagged", tagged),
        Route("/v1/states/varied", varied),
        Route("/v1/states/table", streamed),
        Route("/v1/states/missing", missing),
        Route("/v1/states", write, methods=["POST"], name="write"),
        Route("/v1/about", stable),
        Route("/v1/meta", stable),
        Route("/v1/changes", stable),
        Route("/healthz", answer),
    ]
    app = Starlette(routes=routes)
    app.add_middleware(HTTPCache, max_age=max_age, stale_while_revalidate=swr)
    # only what the layer reads: the release and the answers kept
    nothing: Any = None
    app.state.runtime = Runtime(
        settings=nothing,
        engine=nothing,
        clock=cast(Any, Clock()),
        index=nothing,
        answers=Answers(cache),
        snapshots=nothing,
        admission=nothing,
    )
    return app


@pytest.fixture
def calls() -> Calls:
    return Calls()


@pytest.fixture
def http(calls: Calls) -> Iterator[TestClient]:
    with TestClient(small_app(calls)) as client:
        yield client


class TestETag:
    def test_a_200_is_tagged_with_its_release_and_answered_304_when_the_client_has_it(
        self, http: TestClient
    ) -> None:
        first = http.get("/v1/about")
        tag = first.headers["etag"]
        assert tag.startswith('"r7-')
        assert first.headers["content-length"] == str(len(first.content))
        for header in [tag, f"W/{tag}", f'"other", {tag}', "*"]:
            again = http.get("/v1/about", headers={"If-None-Match": header})
            assert (again.status_code, again.content) == (304, b"")
            assert again.headers["etag"] == tag
            assert again.headers["cache-control"] == PUBLIC  # a 304 says what the 200 said
            assert again.headers["vary"] == "Accept"
        assert http.get("/v1/about", headers={"If-None-Match": '"r6-x"'}).status_code == 200

    def test_a_routes_own_tag_is_kept(self, http: TestClient) -> None:
        assert http.get("/v1/states/tagged").headers["etag"] == '"v2"'
        assert http.get("/v1/states/tagged", headers={"If-None-Match": '"v2"'}).status_code == 304

    def test_a_pinned_read_is_tagged_with_its_own_release(self, http: TestClient) -> None:
        assert http.get("/v1/states/pinned").headers["etag"].startswith('"r3-')

    def test_errors_carry_no_tag(self, http: TestClient) -> None:
        missing = http.get("/v1/states/missing", headers={"If-None-Match": "*"})
        assert missing.status_code == 404
        assert "etag" not in missing.headers


class TestCacheControl:
    def test_a_read_may_be_kept_max_age_and_served_stale_while_revalidating(
        self, http: TestClient
    ) -> None:
        assert http.get("/v1/about").headers["cache-control"] == PUBLIC

    def test_the_settings_say_how_long(self, calls: Calls) -> None:
        with TestClient(small_app(calls, max_age=2, swr=5)) as client:
            control = client.get("/v1/about").headers["cache-control"]
        assert control == "public, max-age=2, stale-while-revalidate=5"
        with TestClient(small_app(calls, max_age=0)) as client:
            assert client.get("/v1/about").headers["cache-control"] == "no-cache"

    @pytest.mark.parametrize("dates", ["at=1995", "during=1993/1999", "from=1993&to=1999"])
    def test_a_pinned_read_that_names_its_dates_is_immutable(
        self, http: TestClient, dates: str
    ) -> None:
        assert http.get(f"/v1/states/pinned?{dates}").headers["cache-control"] == IMMUTABLE

    @pytest.mark.parametrize("dates", ["", "from=1993", "role=any"])
    def test_a_pinned_read_about_today_is_kept_only_until_midnight(
        self, http: TestClient, dates: str
    ) -> None:
        before = 86_400 - int(time.time()) % 86_400
        control = http.get(f"/v1/states/pinned?{dates}").headers["cache-control"]
        after = 86_400 - int(time.time()) % 86_400
        kind, age = control.split(", max-age=")
        assert kind == "public"
        assert int(age) in (before, after)  # the seconds left of this day (UTC)

    @pytest.mark.parametrize("feed", ["/v1/meta", "/v1/changes"])
    def test_the_feeds_polled_to_stay_in_sync_are_asked_again_each_time(
        self, http: TestClient, feed: str
    ) -> None:
        first = http.get(feed)
        assert first.headers["cache-control"] == "no-cache"
        again = http.get(feed, headers={"If-None-Match": first.headers["etag"]})
        assert again.status_code == 304

    def test_credentials_writes_errors_and_readiness_are_not_stored(self, http: TestClient) -> None:
        private = http.get("/v1/states", headers={"Authorization": "Bearer k"})
        assert private.headers["cache-control"] == "private, no-store"
        assert http.post("/v1/states").headers["cache-control"] == "no-store"
        assert http.get("/v1/states/missing").headers["cache-control"] == "no-store"
        assert http.get("/healthz").headers["cache-control"] == "no-store"


class TestVary:
    @pytest.mark.parametrize(
        ("route_vary", "vary"),
        [
            ("", "Accept"),
            ("Origin", "Origin, Accept"),
            ("accept", "accept"),
            ("Origin, Accept", "Origin, Accept"),
            ("*", "*"),
        ],
    )
    def test_accept_is_added_once(self, http: TestClient, route_vary: str, vary: str) -> None:
        response = http.get("/v1/states/varied", params={"vary": route_vary})
        assert response.headers.get_list("vary") == [vary]


class TestKeeping:
    def test_kept_on_the_second_ask_then_answered_without_the_route(
        self, http: TestClient, calls: Calls
    ) -> None:
        bodies = [http.get("/v1/states?b=1&a=2").content for _ in range(2)]
        assert calls.count == 2  # asked once: not kept; twice: kept
        again = http.get("/v1/states?a=2&b=1")  # the same question written another way
        assert calls.count == 2
        assert again.content == bodies[1]
        revalidated = http.get("/v1/states?a=%32&b=1", headers={"If-None-Match": "*"})
        assert (revalidated.status_code, calls.count) == (304, 2)

    def test_one_entry_per_negotiated_format(self, http: TestClient, calls: Calls) -> None:
        for accept in ["*/*", "application/json", "text/csv", "text/csv", "*/*"]:
            http.get("/v1/states", headers={"Accept": accept})
        answers: Answers = running(http.app).answers
        assert sorted(key.format for key in answers.entries) == ["csv", "json"]
        assert calls.count == 4  # json asked, kept; csv asked, kept; json answered from memory

    def test_a_new_release_drops_the_live_answers_but_not_the_pinned(
        self, http: TestClient, calls: Calls
    ) -> None:
        for _ in range(3):
            http.get("/v1/states")
            http.get("/v1/states/pinned?at=1995")
        answers: Answers = running(http.app).answers
        assert len(answers.entries) == 2
        running(http.app).clock.value = 8
        assert http.get("/v1/states").headers["etag"].startswith('"r8-')
        assert calls.count == 3
        assert http.get("/v1/states/pinned?at=1995").headers["cache-control"] == IMMUTABLE
        assert [key.path for key in answers.entries] == ["/v1/states/pinned"]

    def test_streamed_private_and_failed_answers_are_not_kept(self, http: TestClient) -> None:
        for _ in range(3):
            assert http.get("/v1/states/table").content == b"a,b\n1,2\n"
            http.get("/v1/states", headers={"Authorization": "Bearer k"})
            http.get("/v1/states/missing")
        assert running(http.app).answers.entries == {}


def entry(body: bytes, headers: list[tuple[bytes, bytes]] | None = None) -> Entry:
    return Entry(1, False, headers or [], body, '"t"')


class TestCharging:
    def test_an_entry_is_charged_for_its_key_and_headers_as_well_as_its_body(self) -> None:
        short = Question("/v1/states", "", "json", 1)
        long = Question("/v1/states", "at=1995-06-01&" * 20, "json", 1)
        body = entry(b"x" * 1000)
        assert cost(long, body) - cost(short, body) >= len(long.query)
        headed = entry(b"x" * 1000, [(b"link", b"<" + b"y" * 500 + b">")])
        assert cost(short, headed) - cost(short, body) >= 500
        assert cost(short, entry(b"x" * 2000)) - cost(short, body) == 1000

    @pytest.mark.parametrize("room", [0, -1])
    def test_a_cache_of_n_bytes_holds_what_they_pay_for(self, room: int) -> None:
        keys = [Question("/v1/states", f"at={1990 + i}", "json", 1) for i in range(40)]
        one = cost(keys[0], entry(b"x" * 100))
        answers = Answers(max_bytes=32 * one + room)
        for key in keys:
            answers.put(key, entry(b"x" * 100))
        held = 32 if room == 0 else 31
        assert len(answers.entries) == held
        assert answers.size == held * one <= answers.max_bytes
        assert list(answers.entries) == keys[-held:]  # the least recently used went first

    def test_long_keys_leave_room_for_fewer_answers(self) -> None:
        body = entry(b"x" * 100)
        short = [Question("/v1/states", f"at={i:03}", "json", 1) for i in range(100)]
        long = [Question("/v1/states", f"at={i:03}&" + "q=x&" * 100, "json", 1) for i in range(100)]
        budget = 40 * cost(short[0], body)
        counts = []
        for keys in (short, long):
            answers = Answers(max_bytes=budget)
            for key in keys:
                answers.put(key, body)
            counts.append(len(answers.entries))
        assert counts[0] == 40
        assert counts[1] < 30


class TestTheApp:
    def test_a_read_pinned_to_a_release_is_immutable_and_a_live_one_is_not(
        self, client: TestClient
    ) -> None:
        release = client.get("/v1/meta").json()["release"]
        question = {"at": "1995-06-01"}
        live = client.get("/v1/organizations/csto/members", params=question)
        pinned = client.get(
            "/v1/organizations/csto/members", params={**question, "release": release}
        )
        assert live.headers["cache-control"] == PUBLIC
        assert pinned.headers["cache-control"] == IMMUTABLE
        assert pinned.headers["etag"].startswith(f'"r{release}-')
        assert pinned.content == live.content
        assert live.headers["vary"] == "Accept"

    def test_a_route_that_takes_no_release_is_not_pinned_by_one(self, client: TestClient) -> None:
        spec = client.get("/openapi.json", params={"release": 1})
        assert spec.status_code == 200
        assert spec.headers["cache-control"] == PUBLIC  # the parameter is not the route's

    def test_a_release_not_made_yet_is_not_stored(self, client: TestClient) -> None:
        release = client.get("/v1/meta").json()["release"]
        missing = client.get("/v1/organizations/csto/members", params={"release": release + 1})
        assert missing.status_code == 404
        assert missing.headers["cache-control"] == "no-store"
