"""State schemas."""

from __future__ import annotations

from typing import Protocol, cast

from pydantic import BaseModel, Field

from app.core.ids import RecordId
from app.models import EntityKind
from app.sources.schemas import SourcePublic


class _Entity(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...


class StateRef(BaseModel):
    code: str = Field(
        description=(
            "ISO 3166-1 alpha-3 (former alpha-3 for a former state; for a member that has none, "
            "an established code such as EUU, or one of ISO's user-assigned X codes such as XKX)."
        ),
        examples=["ARM"],
    )
    name: str = Field(examples=["Armenia"])
    kind: EntityKind = Field(
        default="state",
        description=(
            "What the member is: a `state`, a `territory` (e.g. a customs territory such as Hong "
            "Kong in the WTO), a `partially_recognised` state (Kosovo, Palestine, Taiwan) or an "
            "`organization` (the EU in the G20)."
        ),
        examples=["state"],
    )

    @classmethod
    def of(cls, entity: _Entity) -> StateRef:
        """The reference to a stored member (a row or a record with code, name and kind)."""
        return cls.model_construct(
            code=entity.code, name=entity.name, kind=cast(EntityKind, entity.kind)
        )


class StateNamePublic(BaseModel):
    name: str = Field(examples=["Армения"])
    lang: str = Field(examples=["ru"])
    valid_from: str | None = Field(
        default=None,
        max_length=10,
        description="When the name came into use, if it is no longer the name.",
    )
    valid_until: str | None = Field(
        default=None,
        max_length=10,
        description="When the name went out of use (exclusive).",
        examples=[None],
    )


class StateSummary(StateRef):
    alpha2: str | None = Field(default=None, examples=["AM"])
    iso3166_3: str | None = Field(
        default=None, description="ISO 3166-3 code of a former state.", examples=["SUHH"]
    )
    cow_ccode: int | None = Field(default=None, examples=[371])
    wikidata: str | None = Field(default=None, examples=["Q399"])
    exists_from: str | None = Field(default=None, examples=["1991-09-21"])
    exists_until: str | None = Field(default=None, description="Exclusive end, former states only.")
    former: bool = Field(description="True for a state that no longer exists.")
    organization: str | None = Field(
        default=None, description="For a member of kind `organization`: its slug.", examples=[None]
    )


class StateLinkPublic(BaseModel):
    state: StateRef
    kind: str = Field(
        description="`continuator`, `successor` or `merged_into`.", examples=["continuator"]
    )
    date: str | None = Field(default=None, examples=["1991-12-26"])
    notes: str | None = None


class CowCodePublic(BaseModel):
    ccode: int = Field(examples=[365])
    abbrev: str | None = Field(default=None, examples=["RUS"])
    valid_from: str | None = None
    valid_until: str | None = Field(default=None, description="Exclusive.")


class StatePublic(StateSummary):
    version: int = Field(default=1, description="Bumped by every change; the ETag carries it.")
    official_name: str | None = None
    cow_abbrev: str | None = Field(default=None, examples=["ARM"])
    names: list[StateNamePublic]
    cow_codes: list[CowCodePublic] = Field(
        description="COW codes and when each stands for this state (365: the USSR, then Russia)."
    )
    predecessors: list[StateLinkPublic]
    successors: list[StateLinkPublic]
    notes: str | None = None
    sources: list[SourcePublic]


class StateList(BaseModel):
    items: list[StateSummary]
    next_cursor: str | None = Field(default=None, description="Pass as `cursor` for the next page.")


class StateWrite(BaseModel):
    """A new state record: the same fields as a read."""

    code: str = Field(pattern=r"^[A-Z]{3}$", examples=["XKX"])
    name: str = Field(min_length=1, max_length=200)
    kind: EntityKind = "state"
    organization: str | None = Field(
        default=None, max_length=100, description="Kind `organization`: the organisation's slug."
    )
    official_name: str | None = Field(default=None, max_length=300)
    alpha2: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    iso3166_3: str | None = Field(default=None, pattern=r"^[A-Z]{4}$")
    cow_ccode: int | None = Field(default=None, ge=1, le=9999)
    cow_abbrev: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    wikidata: str | None = Field(default=None, pattern=r"^Q[1-9][0-9]*$")
    exists_from: str | None = Field(default=None, max_length=10)
    exists_until: str | None = Field(default=None, max_length=10)
    names: list[StateNamePublic] = []
    notes: str | None = Field(default=None, max_length=2000)
    sources: list[RecordId] = Field(min_length=1, description="Source ids.")
    reason: str | None = Field(default=None, max_length=2000)


class StatePatch(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    kind: EntityKind | None = None
    organization: str | None = Field(default=None, max_length=100)
    official_name: str | None = Field(default=None, max_length=300)
    cow_ccode: int | None = Field(default=None, ge=1, le=9999)
    cow_abbrev: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    wikidata: str | None = Field(default=None, pattern=r"^Q[1-9][0-9]*$")
    exists_from: str | None = Field(default=None, max_length=10)
    exists_until: str | None = Field(default=None, max_length=10)
    names: list[StateNamePublic] | None = None
    notes: str | None = Field(default=None, max_length=2000)
    sources: list[RecordId] | None = Field(default=None, min_length=1)
    reason: str | None = Field(default=None, max_length=2000)
