"""Foedus inside other programs: mounted under a prefix, through the client, and offline."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.client import AsyncFoedusClient, FoedusClient, FoedusError
from app.main import create_app
from app.memberships.schemas import MembersAnswer
from app.offline import Foedus
from tests.conftest import SEED_DIR, settings_for


@pytest.fixture
def host(seeded_url: str) -> Iterator[TestClient]:
    """Another FastAPI app with Foedus mounted at /facts."""
    outer = FastAPI()
    facts = create_app(settings_for(seeded_url, SEED_DIR))
    outer.mount("/facts", facts)

    @outer.get("/")
    def home() -> dict[str, str]:
        return {"app": "host"}

    with TestClient(facts), TestClient(outer) as client:  # the inner app's lifespan runs too
        yield client


def test_mounted_under_a_prefix_the_api_docs_and_links_still_work(host: TestClient) -> None:
    assert host.get("/").json() == {"app": "host"}
    body = host.get("/facts/v1/organizations/csto/members", params={"at": "1995-06-01"}).json()
    assert body["count"] == 9
    docs = host.get("/facts/docs").text
    assert "/facts/openapi.json" in docs
    assert "/facts/static-offline-docs/swagger-ui-bundle.js" in docs
    assert host.get("/facts/static-offline-docs/swagger-ui.css").status_code == 200
    page = host.get("/facts/v1/states", params={"limit": 2})
    assert page.headers["link"].startswith("</facts/v1/states?")  # relative: right behind a proxy


def test_the_sync_client_answers_typed(client: TestClient) -> None:
    with FoedusClient("http://testserver", transport=client._transport) as foedus:
        members = foedus.members("csto", at="1995-06-01")
        assert members.count == 9
        assert members.organization.name == "Collective Security Treaty"
        assert foedus.state("UZ").code == "UZB"
        assert foedus.organization("csto").identifiers.atop == 4220
        assert foedus.memberships("UZB", organization="csto").memberships[0].founding is True
        assert foedus.changes("csto", "1999", "1999").changes[0].date == "1999-04-21"
        asked = foedus.ask("who was a member of the CSTO in 1995").answer
        assert isinstance(asked, MembersAnswer)  # typed as the /v1 answer it stands for
        assert asked.count == 9
        assert foedus.source(members.members[0].sources[0].id).accessed == "2026-11-26"
        with pytest.raises(FoedusError) as error:
            foedus.members("ctso")
        assert error.value.problem["suggestions"][0] == "csto"


def test_the_async_client_answers_typed(seeded_url: str) -> None:
    app = create_app(settings_for(seeded_url, SEED_DIR))

    async def run() -> tuple[int, int]:
        with TestClient(app):  # start the app's lifespan (engine) for the ASGI transport
            transport = httpx.ASGITransport(app=app)
            async with AsyncFoedusClient("http://testserver", transport=transport) as foedus:
                members = await foedus.members("csto", at="2000-01-01")
                timeline = await foedus.timeline("csto")
                return members.count, len(timeline.entries)

    count, entries = asyncio.run(run())
    assert count == 6
    assert entries > 40


def test_the_offline_api_needs_no_http(seeded_url: str) -> None:
    with Foedus(settings_for(seeded_url, SEED_DIR)) as facts:
        assert facts.members("csto", at="1995").count == 9
        assert [
            m.organization.slug
            for m in facts.memberships("ARM", organization="csto", at="2025").memberships
        ] == ["csto"]
        assert facts.ask("was Georgia in the CIS in 2010").sentence.startswith(
            "Georgia was not a member of the Commonwealth of Independent States in 2010."
        )
