"""A write-enabled API over the real seed: keys with and without the write scope."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.auth.keys import create_key, revoke_key
from app.core.db import build_engine
from app.main import create_app
from tests.conftest import SEED_DIR, settings_for


@dataclass
class Curator:
    client: TestClient
    url: str
    write: dict[str, str]
    read_only: dict[str, str]
    revoked: dict[str, str]
    write_key: str

    def etag(self, path: str) -> str:
        response = self.client.get(path)
        assert response.status_code == 200, response.text
        return response.headers["etag"]

    def source_id(self) -> int:
        body: dict[str, Any] = self.client.get("/v1/organizations/nato").json()
        return int(body["sources"][0]["id"])


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def curator(seeded_url: str) -> Iterator[Curator]:
    engine = build_engine(seeded_url)
    with Session(engine) as session:
        writer = create_key(session, name="alice", scopes=["write"])
        reader = create_key(session, name="bob", scopes=["read"])
        gone = create_key(session, name="carol", scopes=["write"])
        revoke_key(session, name="carol")
    engine.dispose()
    with TestClient(create_app(settings_for(seeded_url, SEED_DIR))) as client:
        yield Curator(client, seeded_url, bearer(writer), bearer(reader), bearer(gone), writer)
