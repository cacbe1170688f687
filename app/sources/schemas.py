"""Source schemas: where a fact comes from."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class SourcePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int = Field(examples=[1])
    key: str = Field(description="Stable citation key.", examples=["wiki-csto"])
    title: str = Field(examples=["Collective Security Treaty Organization"])
    publisher: str | None = Field(default=None, examples=["Wikipedia"])
    url: str | None = None
    citation: str | None = Field(default=None, description="Bibliographic citation (datasets).")
    published: str | None = Field(default=None, description="Reduced ISO date of publication.")
    accessed: str = Field(description="Day the source was checked.", examples=["2026-11-26"])
