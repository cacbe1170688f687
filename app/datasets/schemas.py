"""Reconciliation schemas: curated periods beside an imported dataset's, and where they differ."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from app.organizations.schemas import OrganizationRef
from app.states.schemas import StateRef


class DisagreementKind(StrEnum):
    MISSING_IN_FOEDUS = "missing_in_foedus"
    MISSING_IN_DATASET = "missing_in_dataset"
    START_DIFFERS = "start_differs"
    END_DIFFERS = "end_differs"
    ROLE_DIFFERS = "role_differs"


class SpellPublic(BaseModel):
    role: str = Field(examples=["member"])
    start: str = Field(examples=["1992-05-15"])
    end: str | None = Field(description="Null: open (to the data's end, or to today).")


class Disagreement(BaseModel):
    kind: DisagreementKind
    state: StateRef | None = Field(description="Null when the dataset's code names no state here.")
    ccode: int | None = Field(default=None, description="The dataset's COW code.", examples=[373])
    dataset: SpellPublic | None = None
    foedus: SpellPublic | None = None
    explanation: str | None = Field(
        description="The curated record's explanation, when it gives one."
    )
    from_signature: bool = Field(
        default=False,
        description="The dataset starts this member at its signature (`foedus.signed`), Foedus "
        "at the day it was bound, by the founding rule (signatories are not members).",
    )


class DatasetComparison(BaseModel):
    dataset: str = Field(examples=["atop-4.01"])
    group: str = Field(description="The organisation's id in the dataset.", examples=["4220"])
    imported: bool = Field(description="False until the file is imported (`foedus import`).")
    title: str | None = None
    citation: str | None = None
    coverage_end: int = Field(description="Last year the dataset covers.", examples=[2016])
    disagreements: list[Disagreement]


class Reconciliation(BaseModel):
    organization: OrganizationRef
    datasets: list[DatasetComparison]
