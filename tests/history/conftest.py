"""The history checkpoints only read: one API over the real seed serves a whole module, instead
of a database copy and a start (compiling every organisation) for each checkpoint."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from tests.conftest import SEED_DIR, Databases, settings_for


@pytest.fixture(scope="module")
def client(databases: Databases, seeded_template: str) -> Iterator[TestClient]:
    url = databases.new(template=seeded_template)
    with TestClient(create_app(settings_for(url, SEED_DIR))) as reader:
        yield reader
