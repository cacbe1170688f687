"""Helpers shared by the history checkpoints: ask the API who was a member."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient


def members(client: TestClient, slug: str, **params: str) -> list[str]:
    response = client.get(f"/v1/organizations/{slug}/members", params=params)
    assert response.status_code == 200, response.text
    return sorted(m["state"]["code"] for m in response.json()["members"])


def member(client: TestClient, slug: str, code: str, **params: str) -> dict[str, Any]:
    response = client.get(f"/v1/organizations/{slug}/members", params=params)
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = [
        m for m in response.json()["members"] if m["state"]["code"] == code
    ]
    assert len(found) == 1, found
    return found[0]
