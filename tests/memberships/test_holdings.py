"""A state's memberships read from compiled organisations equal the straightforward answer from
the model objects (``judge``, ``Facts``) for every state of both seeds, without a question and
at days and spans; the route pages through them with cursors and ``Link`` headers, the pages
together being the whole answer."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.core.db import build_engine
from app.core.pagination import encode_cursor
from app.memberships.store import state_memberships_answer
from app.models import State
from app.temporal import Mode, TimeQuery
from tests.memberships import straightforward
from tests.memberships.straightforward import dumps, encode


def _questions(rng: random.Random) -> list[TimeQuery | None]:
    questions: list[TimeQuery | None] = [None]
    for _ in range(3):
        day = date(rng.randint(1946, 2026), rng.randint(1, 12), rng.randint(1, 28))
        questions.append(TimeQuery.at(day.isoformat()))
    year = rng.randint(1950, 2020)
    questions.append(TimeQuery.at(str(year)))
    questions.append(TimeQuery.during(f"{year}/{year + 5}", rng.choice(list(Mode))))
    return questions


def _compare(url: str) -> int:
    engine = build_engine(url)
    rng = random.Random(8)
    compared = 0
    with Session(engine) as session:
        for state in session.exec(select(State).order_by(State.code)).all():
            for query in _questions(rng):
                expected = straightforward.state_memberships(session, state, query)
                got = state_memberships_answer(session, state=state, organization=None, query=query)
                assert encode(got) == dumps(expected), (state.code, query)
                compared += len(expected["memberships"])
    engine.dispose()
    return compared


def test_the_real_seed(seeded_url: str) -> None:
    assert _compare(seeded_url) > 1000


def test_the_test_seed(fixture_url: str) -> None:
    assert _compare(fixture_url) > 10


def test_pages_make_the_whole_answer(client: TestClient) -> None:
    whole = client.get("/v1/states/ARM/memberships", params={"limit": 500})
    assert whole.status_code == 200
    assert whole.json()["next_cursor"] is None
    assert "link" not in whole.headers
    everything = whole.json()["memberships"]
    assert len(everything) > 3  # more than one page
    pages: list[dict[str, Any]] = []
    path = "/v1/states/ARM/memberships?limit=3"
    while True:
        response = client.get(path)
        assert response.status_code == 200
        body = response.json()
        pages.extend(body["memberships"])
        assert len(body["memberships"]) <= 3
        if body["next_cursor"] is None:
            assert "link" not in response.headers
            break
        assert len(body["memberships"]) == 3
        link = response.headers["link"]
        assert link.endswith('>; rel="next"')
        assert f"cursor={body['next_cursor']}" in link
        path = link[link.index("<") + 1 : link.index(">")]
    assert pages == everything


def test_pages_of_a_question(client: TestClient) -> None:
    params = {"at": "2000-01-01"}
    everything = client.get("/v1/states/FRA/memberships", params=params).json()["memberships"]
    first = client.get("/v1/states/FRA/memberships", params={**params, "limit": 2}).json()
    second = client.get(
        "/v1/states/FRA/memberships",
        params={**params, "limit": 500, "cursor": first["next_cursor"]},
    ).json()
    assert first["memberships"] + second["memberships"] == everything
    assert all(m["certainty"] is not None for m in everything)


def test_a_foreign_cursor_is_refused(client: TestClient) -> None:
    for cursor in (encode_cursor("not-a-number"), "!!", encode_cursor("12345678901")):
        response = client.get("/v1/states/ARM/memberships", params={"cursor": cursor})
        assert response.status_code == 422, cursor
        assert response.json()["parameter"] == "cursor"
    beyond = client.get("/v1/states/ARM/memberships", params={"cursor": encode_cursor("5000")})
    assert beyond.status_code == 200
    assert beyond.json()["memberships"] == []
