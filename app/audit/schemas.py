"""The changes feed and the dataset's release."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class ChangePublic(BaseModel):
    id: int = Field(description="Feed position; pass the last one seen as `cursor`.")
    release: int
    at: str = Field(description="When the change was committed (UTC).")
    actor: str = Field(description="The API key's name, or `seed` for a seed load.")
    reason: str | None = None
    action: str = Field(description="`insert`, `update` or `delete`.")
    table: str = Field(examples=["membership"])
    row_id: int
    organization: str | None = Field(default=None, description="Slug, when the row has one.")
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None


class ChangeFeed(BaseModel):
    items: list[ChangePublic]
    next_cursor: str | None = None


class Counts(BaseModel):
    organizations: int
    states: int
    memberships: int
    events: int
    sources: int


class Meta(BaseModel):
    release: int = Field(description="Changes with every write; part of every ETag.")
    released_at: str | None = None
    counts: Counts
