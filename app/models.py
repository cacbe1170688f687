"""Database tables. Alembic migrations are the schema's source; these mirror them for queries.

Dates are stored as reduced ISO 8601 text (``1993``, ``1993-12``, ``1993-12-31``) and read through
``app.temporal.FuzzyDate``: the precision a source gave is never widened or narrowed here.
"""

from __future__ import annotations

from typing import Literal, get_args

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Text,
    UniqueConstraint,
)
from sqlalchemy import text as sql_text
from sqlmodel import Field, SQLModel

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata

DATE = 10  # longest reduced date text


def _fk(target: str, *, index: bool = True, nullable: bool = False) -> Column[int]:
    """A foreign key column that cascades deletes from its parent."""
    return Column(Integer, ForeignKey(target, ondelete="CASCADE"), index=index, nullable=nullable)


class Source(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    key: str = Field(max_length=100, unique=True, description="Stable citation key from seed/")
    title: str = Field(max_length=500)
    publisher: str | None = Field(default=None, max_length=200)
    url: str | None = Field(default=None, max_length=2000)
    citation: str | None = Field(default=None, max_length=2000)
    published: str | None = Field(default=None, max_length=DATE)
    accessed: str = Field(max_length=DATE)


class Organization(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    slug: str = Field(max_length=60, unique=True)
    kind: str = Field(max_length=40, index=True)
    founded: str = Field(max_length=DATE)
    # the day its founding instrument was signed, when it entered into force later (``founded``)
    signed: str | None = Field(default=None, max_length=DATE)
    dissolved: str | None = Field(default=None, max_length=DATE)
    headquarters: str | None = Field(default=None, max_length=200)
    description: str | None = Field(default=None, max_length=2000)
    wikidata: str | None = Field(default=None, max_length=20)
    cow_igo: str | None = Field(default=None, max_length=40)
    cow_alliance: int | None = None
    atop: int | None = None
    notes: str | None = Field(default=None, max_length=4000)


class OrganizationName(SQLModel, table=True):
    __tablename__ = "organization_name"
    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(sa_column=_fk("organization.id"))
    name: str = Field(max_length=300)
    lang: str = Field(max_length=12)
    kind: str = Field(max_length=20)
    valid_from: str | None = Field(default=None, max_length=DATE)
    valid_until: str | None = Field(default=None, max_length=DATE)


class OrganizationLink(SQLModel, table=True):
    """A predecessor → successor relation between two bodies."""

    __tablename__ = "organization_link"
    __table_args__ = (UniqueConstraint("predecessor_id", "successor_id"),)
    id: int | None = Field(default=None, primary_key=True)
    predecessor_id: int = Field(sa_column=_fk("organization.id"))
    successor_id: int = Field(sa_column=_fk("organization.id"))
    date: str | None = Field(default=None, max_length=DATE)
    notes: str | None = Field(default=None, max_length=2000)


EntityKind = Literal["state", "territory", "partially_recognised", "organization"]
ENTITY_KINDS = get_args(EntityKind)
ORGANIZATION_NAMED = "(kind = 'organization') = (organization IS NOT NULL)"


def names_its_organization(kind: str, organization: str | None) -> bool:
    """An organisation member names its organisation; no other kind of member does (the rule
    the table's ``organization`` constraint holds, for the checks that name the field)."""
    return (kind == "organization") == (organization is not None)


class State(SQLModel, table=True):
    """A member: a state, and also a territory, a partially recognised state or an organisation."""

    __table_args__ = (
        CheckConstraint(f"kind IN {ENTITY_KINDS!r}", name="kind"),
        CheckConstraint(ORGANIZATION_NAMED, name="organization"),
    )
    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    code: str = Field(
        max_length=3, unique=True, description="ISO 3166-1 alpha-3, or the former alpha-3"
    )
    alpha2: str | None = Field(default=None, max_length=2, index=True)
    iso3166_3: str | None = Field(default=None, max_length=4, index=True)
    name: str = Field(max_length=200)
    kind: str = Field(default="state", max_length=24, sa_column_kwargs={"server_default": "state"})
    organization: str | None = Field(default=None, max_length=100)
    official_name: str | None = Field(default=None, max_length=300)
    cow_ccode: int | None = Field(default=None, index=True)
    cow_abbrev: str | None = Field(default=None, max_length=3)
    wikidata: str | None = Field(default=None, max_length=20, index=True)
    exists_from: str | None = Field(default=None, max_length=DATE)
    exists_until: str | None = Field(default=None, max_length=DATE)
    notes: str | None = Field(default=None, max_length=2000)


class StateCowCode(SQLModel, table=True):
    """A COW country code and when it stands for this state (365: the USSR, then Russia)."""

    __tablename__ = "state_cow_code"
    __table_args__ = (UniqueConstraint("ccode", "valid_from"),)
    id: int | None = Field(default=None, primary_key=True)
    state_id: int = Field(sa_column=_fk("state.id"))
    ccode: int = Field(index=True)
    abbrev: str | None = Field(default=None, max_length=3)
    valid_from: str | None = Field(default=None, max_length=DATE)
    valid_until: str | None = Field(default=None, max_length=DATE)


class StateLink(SQLModel, table=True):
    """A predecessor → successor relation between states (USSR → Russia as continuator)."""

    __tablename__ = "state_link"
    __table_args__ = (
        UniqueConstraint("predecessor_id", "successor_id"),
        CheckConstraint(
            "kind IN ('continuator', 'successor', 'merged_into', 'restored')", name="kind"
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    predecessor_id: int = Field(sa_column=_fk("state.id"))
    successor_id: int = Field(sa_column=_fk("state.id"))
    kind: str = Field(max_length=20)
    date: str | None = Field(default=None, max_length=DATE)
    notes: str | None = Field(default=None, max_length=2000)


class StateName(SQLModel, table=True):
    __tablename__ = "state_name"
    id: int | None = Field(default=None, primary_key=True)
    state_id: int = Field(sa_column=_fk("state.id"))
    name: str = Field(max_length=300)
    lang: str = Field(max_length=12)
    valid_from: str | None = Field(default=None, max_length=DATE)  # when the name was in use
    valid_until: str | None = Field(default=None, max_length=DATE)  # exclusive


class Event(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("organization_id", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    organization_id: int = Field(sa_column=_fk("organization.id"))
    key: str = Field(max_length=100)
    type: str = Field(max_length=40)
    date: str = Field(max_length=DATE)
    title: str = Field(max_length=500)
    place: str | None = Field(default=None, max_length=200)
    notes: str | None = Field(default=None, max_length=4000)


class EventState(SQLModel, table=True):
    __tablename__ = "event_state"
    event_id: int = Field(foreign_key="event.id", primary_key=True, ondelete="CASCADE")
    state_id: int = Field(foreign_key="state.id", primary_key=True, ondelete="CASCADE")


class MembershipDetails(SQLModel):
    """What a membership records as written beside its period, events and sources: columns
    shown and written as they are. A field added here (and in a migration) is stored, answered
    (``MembershipFacts``), written (``MembershipWrite``), seeded and exported."""

    notes: str | None = Field(default=None, max_length=4000)


class Membership(MembershipDetails, table=True):
    __table_args__ = (
        CheckConstraint("end_status IN ('closed', 'open', 'unknown')", name="end_status"),
        CheckConstraint(
            "(end_status = 'closed' AND end_date IS NOT NULL)"
            " OR (end_status <> 'closed' AND end_date IS NULL)",
            name="end_matches_status",
        ),
        Index(
            "uq_membership_one_open",
            "organization_id",
            "state_id",
            "role",
            unique=True,
            sqlite_where=sql_text("end_status = 'open'"),
            postgresql_where=sql_text("end_status = 'open'"),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    organization_id: int = Field(sa_column=_fk("organization.id"))
    state_id: int = Field(sa_column=_fk("state.id"))
    role: str = Field(max_length=30)
    founding: bool = False
    start_date: str = Field(max_length=DATE)
    # set when the joining day is not recorded: the membership began between this day and
    # start_date (which is then the day by which it had begun)
    earliest_start: str | None = Field(default=None, max_length=DATE)
    # the day the member signed the instrument that bound it from start_date: a signatory between
    signed: str | None = Field(default=None, max_length=DATE)
    end_date: str | None = Field(default=None, max_length=DATE)
    end_status: str = Field(max_length=10)
    start_event_id: int | None = Field(default=None, foreign_key="event.id", ondelete="SET NULL")
    end_event_id: int | None = Field(default=None, foreign_key="event.id", ondelete="SET NULL")


class Participation(SQLModel, table=True):
    """A change of participation inside a membership (frozen, suspended), half-open."""

    __table_args__ = (
        CheckConstraint(
            "status IN ('frozen', 'suspended', 'inactive', 'outside_integrated_command')",
            name="status",
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    membership_id: int = Field(sa_column=_fk("membership.id"))
    status: str = Field(max_length=30)
    start_date: str = Field(max_length=DATE)
    end_date: str | None = Field(default=None, max_length=DATE)
    event_id: int | None = Field(default=None, foreign_key="event.id", ondelete="SET NULL")
    notes: str | None = Field(default=None, max_length=4000)


class Discrepancy(SQLModel, table=True):
    """Where a reference dataset's yearly picture differs from Foedus, and why."""

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(sa_column=_fk("organization.id"))
    dataset: str = Field(max_length=40)
    state_id: int = Field(sa_column=_fk("state.id"))
    years: str = Field(max_length=9)
    dataset_says: str = Field(max_length=20)
    explanation: str = Field(max_length=4000)


class Citation(SQLModel, table=True):
    """Which source supports which record: one row per (record, source)."""

    __table_args__ = (
        UniqueConstraint("subject", "subject_id", "source_id"),
        CheckConstraint(
            "subject IN ('organization', 'state', 'event', 'membership', 'participation',"
            " 'state_link')",
            name="subject",
        ),
        Index("ix_citation_subject_subject_id", "subject", "subject_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    subject: str = Field(max_length=20)
    subject_id: int
    source_id: int = Field(sa_column=_fk("source.id", index=False))


class Dataset(SQLModel, table=True):
    """An imported research dataset, kept apart from the curated facts."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=40, unique=True)
    title: str = Field(max_length=300)
    citation: str = Field(max_length=2000)
    sha256: str = Field(max_length=64)
    rows: int
    imported_at: str = Field(max_length=32)


class DatasetRecord(SQLModel, table=True):
    """One membership spell (or state-system spell) as an imported dataset records it."""

    __tablename__ = "dataset_record"
    __table_args__ = (
        UniqueConstraint("dataset_id", "group", "ccode", "role", "start_date", "phase"),
        Index("ix_dataset_record_dataset_id_group", "dataset_id", "group"),
    )
    id: int | None = Field(default=None, primary_key=True)
    dataset_id: int = Field(sa_column=_fk("dataset.id", index=False))
    group: str = Field(max_length=40, description="Alliance id, ATOP id, IGO name, or 'system'.")
    ccode: int
    state_name: str = Field(max_length=100)
    role: str = Field(max_length=30)
    start_date: str = Field(max_length=DATE)
    end_date: str | None = Field(default=None, max_length=DATE)
    phase: int = 0
    line: int


class ApiKey(SQLModel, table=True):
    """A curator's key: only a hash of the secret is stored; scopes are space-separated."""

    __tablename__ = "api_key"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, unique=True)
    prefix: str = Field(max_length=16, unique=True)
    secret_hash: str = Field(max_length=64)
    scopes: str = Field(max_length=100)
    created_at: str = Field(max_length=32)
    revoked_at: str | None = Field(default=None, max_length=32)


class Release(SQLModel, table=True):
    """One committed change of the data: every write makes a new release."""

    id: int | None = Field(default=None, primary_key=True)
    at: str = Field(max_length=32, index=True)
    actor: str = Field(max_length=100)
    reason: str | None = Field(default=None, max_length=2000)
    changes: int


class AuditEntry(SQLModel, table=True):
    """A row as it was before and after one change, for the feed and for answers as recorded."""

    __tablename__ = "audit_entry"
    __table_args__ = (
        CheckConstraint("action IN ('insert', 'update', 'delete')", name="action"),
        Index("ix_audit_entry_organization_id_id", "organization_id", "id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    release_id: int = Field(sa_column=_fk("release.id"))
    action: str = Field(max_length=10)
    table_name: str = Field(max_length=40)
    row_id: int
    organization_id: int | None = None
    before: str | None = Field(default=None, sa_type=Text)
    after: str | None = Field(default=None, sa_type=Text)
