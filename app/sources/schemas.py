"""Source schemas: where a fact comes from."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class SourcePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int = Field(examples=[1])
    version: int = Field(default=1, description="Bumped by every change; the ETag carries it.")
    key: str = Field(description="Stable citation key.", examples=["wiki-csto"])
    title: str = Field(examples=["Collective Security Treaty Organization"])
    publisher: str | None = Field(default=None, examples=["Wikipedia"])
    url: str | None = None
    citation: str | None = Field(default=None, description="Bibliographic citation (datasets).")
    published: str | None = Field(default=None, description="Reduced ISO date of publication.")
    accessed: str = Field(description="Day the source was checked.", examples=["2026-11-26"])


class SourceWrite(BaseModel):
    """A new source: the same fields as a read."""

    key: str | None = Field(
        default=None,
        pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
        max_length=100,
        description="Citation key; made up from the title when absent.",
    )
    title: str = Field(min_length=1, max_length=500)
    publisher: str | None = Field(default=None, max_length=200)
    url: str | None = Field(default=None, pattern=r"^https?://", max_length=2000)
    citation: str | None = Field(default=None, max_length=2000)
    published: str | None = Field(default=None, max_length=10, examples=["2024-03-07"])
    accessed: str = Field(max_length=10, examples=["2026-11-26"])
    reason: str | None = Field(default=None, max_length=2000)


class SourcePatch(BaseModel):
    title: str | None = Field(default=None, min_length=1, max_length=500)
    publisher: str | None = Field(default=None, max_length=200)
    url: str | None = Field(default=None, pattern=r"^https?://", max_length=2000)
    citation: str | None = Field(default=None, max_length=2000)
    published: str | None = Field(default=None, max_length=10)
    accessed: str | None = Field(default=None, max_length=10)
    reason: str | None = Field(default=None, max_length=2000)
