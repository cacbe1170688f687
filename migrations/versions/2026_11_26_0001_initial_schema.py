"""Initial schema: organizations, states, events, memberships, participation, sources.

Revision ID: 0001
Revises:
Create Date: 2026-11-26 16:18:35.530675
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "organization",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(60), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("founded", sa.String(10), nullable=False),
        sa.Column("dissolved", sa.String(10), nullable=True),
        sa.Column("headquarters", sa.String(200), nullable=True),
        sa.Column("description", sa.String(2000), nullable=True),
        sa.Column("wikidata", sa.String(20), nullable=True),
        sa.Column("cow_igo", sa.String(40), nullable=True),
        sa.Column("cow_alliance", sa.Integer(), nullable=True),
        sa.Column("atop", sa.Integer(), nullable=True),
        sa.Column("notes", sa.String(4000), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organization")),
        sa.UniqueConstraint("slug", name=op.f("uq_organization_slug")),
    )
    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organization_kind"), ["kind"], unique=False)

    op.create_table(
        "source",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("publisher", sa.String(200), nullable=True),
        sa.Column("url", sa.String(2000), nullable=True),
        sa.Column("citation", sa.String(2000), nullable=True),
        sa.Column("published", sa.String(10), nullable=True),
        sa.Column("accessed", sa.String(10), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source")),
        sa.UniqueConstraint("key", name=op.f("uq_source_key")),
    )
    op.create_table(
        "state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(3), nullable=False),
        sa.Column("alpha2", sa.String(2), nullable=True),
        sa.Column("iso3166_3", sa.String(4), nullable=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("official_name", sa.String(300), nullable=True),
        sa.Column("cow_ccode", sa.Integer(), nullable=True),
        sa.Column("cow_abbrev", sa.String(3), nullable=True),
        sa.Column("wikidata", sa.String(20), nullable=True),
        sa.Column("exists_from", sa.String(10), nullable=True),
        sa.Column("exists_until", sa.String(10), nullable=True),
        sa.Column("notes", sa.String(2000), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_state")),
        sa.UniqueConstraint("code", name=op.f("uq_state_code")),
    )
    with op.batch_alter_table("state", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_state_alpha2"), ["alpha2"], unique=False)
        batch_op.create_index(batch_op.f("ix_state_cow_ccode"), ["cow_ccode"], unique=False)
        batch_op.create_index(batch_op.f("ix_state_iso3166_3"), ["iso3166_3"], unique=False)
        batch_op.create_index(batch_op.f("ix_state_wikidata"), ["wikidata"], unique=False)

    op.create_table(
        "citation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(20), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "subject IN ('organization', 'state', 'event', 'membership', 'participation')",
            name=op.f("ck_citation_subject"),
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["source.id"],
            name=op.f("fk_citation_source_id_source"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_citation")),
        sa.UniqueConstraint(
            "subject",
            "subject_id",
            "source_id",
            name=op.f("uq_citation_subject_subject_id_source_id"),
        ),
    )
    with op.batch_alter_table("citation", schema=None) as batch_op:
        batch_op.create_index(
            "ix_citation_subject_subject_id", ["subject", "subject_id"], unique=False
        )

    op.create_table(
        "discrepancy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("dataset", sa.String(40), nullable=False),
        sa.Column("state_id", sa.Integer(), nullable=False),
        sa.Column("years", sa.String(9), nullable=False),
        sa.Column("dataset_says", sa.String(20), nullable=False),
        sa.Column("explanation", sa.String(4000), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_discrepancy_organization_id_organization"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["state_id"],
            ["state.id"],
            name=op.f("fk_discrepancy_state_id_state"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_discrepancy")),
    )
    with op.batch_alter_table("discrepancy", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_discrepancy_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_discrepancy_state_id"), ["state_id"], unique=False)

    op.create_table(
        "event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("type", sa.String(40), nullable=False),
        sa.Column("date", sa.String(10), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("place", sa.String(200), nullable=True),
        sa.Column("notes", sa.String(4000), nullable=True),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_event_organization_id_organization"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
        sa.UniqueConstraint("organization_id", "key", name=op.f("uq_event_organization_id_key")),
    )
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_event_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "organization_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("predecessor_id", sa.Integer(), nullable=False),
        sa.Column("successor_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.String(10), nullable=True),
        sa.Column("notes", sa.String(2000), nullable=True),
        sa.ForeignKeyConstraint(
            ["predecessor_id"],
            ["organization.id"],
            name=op.f("fk_organization_link_predecessor_id_organization"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["successor_id"],
            ["organization.id"],
            name=op.f("fk_organization_link_successor_id_organization"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organization_link")),
        sa.UniqueConstraint(
            "predecessor_id",
            "successor_id",
            name=op.f("uq_organization_link_predecessor_id_successor_id"),
        ),
    )
    with op.batch_alter_table("organization_link", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organization_link_predecessor_id"), ["predecessor_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_organization_link_successor_id"), ["successor_id"], unique=False
        )

    op.create_table(
        "organization_name",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("lang", sa.String(12), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("valid_from", sa.String(10), nullable=True),
        sa.Column("valid_until", sa.String(10), nullable=True),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_organization_name_organization_id_organization"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organization_name")),
    )
    with op.batch_alter_table("organization_name", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organization_name_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "state_name",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("state_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("lang", sa.String(12), nullable=False),
        sa.ForeignKeyConstraint(
            ["state_id"],
            ["state.id"],
            name=op.f("fk_state_name_state_id_state"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_state_name")),
    )
    with op.batch_alter_table("state_name", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_state_name_state_id"), ["state_id"], unique=False)

    op.create_table(
        "event_state",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("state_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_event_state_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["state_id"],
            ["state.id"],
            name=op.f("fk_event_state_state_id_state"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", "state_id", name=op.f("pk_event_state")),
    )
    op.create_table(
        "membership",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("state_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(30), nullable=False),
        sa.Column("founding", sa.Boolean(), nullable=False),
        sa.Column("start_date", sa.String(10), nullable=False),
        sa.Column("end_date", sa.String(10), nullable=True),
        sa.Column("end_status", sa.String(10), nullable=False),
        sa.Column("start_event_id", sa.Integer(), nullable=True),
        sa.Column("end_event_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.String(4000), nullable=True),
        sa.CheckConstraint(
            "(end_status = 'closed' AND end_date IS NOT NULL) OR (end_status <> 'closed' AND end_date IS NULL)",
            name=op.f("ck_membership_end_matches_status"),
        ),
        sa.CheckConstraint(
            "end_status IN ('closed', 'open', 'unknown')", name=op.f("ck_membership_end_status")
        ),
        sa.ForeignKeyConstraint(
            ["end_event_id"],
            ["event.id"],
            name=op.f("fk_membership_end_event_id_event"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_membership_organization_id_organization"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["start_event_id"],
            ["event.id"],
            name=op.f("fk_membership_start_event_id_event"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["state_id"],
            ["state.id"],
            name=op.f("fk_membership_state_id_state"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_membership")),
    )
    with op.batch_alter_table("membership", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_membership_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_membership_state_id"), ["state_id"], unique=False)
        batch_op.create_index(
            "uq_membership_one_open",
            ["organization_id", "state_id", "role"],
            unique=True,
            sqlite_where=sa.text("end_status = 'open'"),
            postgresql_where=sa.text("end_status = 'open'"),
        )

    op.create_table(
        "participation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("membership_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("start_date", sa.String(10), nullable=False),
        sa.Column("end_date", sa.String(10), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.String(4000), nullable=True),
        sa.CheckConstraint(
            "status IN ('frozen', 'suspended')", name=op.f("ck_participation_status")
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_participation_event_id_event"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["membership_id"],
            ["membership.id"],
            name=op.f("fk_participation_membership_id_membership"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participation")),
    )
    with op.batch_alter_table("participation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_participation_membership_id"), ["membership_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("participation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participation_membership_id"))

    op.drop_table("participation")
    with op.batch_alter_table("membership", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_membership_one_open",
            sqlite_where=sa.text("end_status = 'open'"),
            postgresql_where=sa.text("end_status = 'open'"),
        )
        batch_op.drop_index(batch_op.f("ix_membership_state_id"))
        batch_op.drop_index(batch_op.f("ix_membership_organization_id"))

    op.drop_table("membership")
    op.drop_table("event_state")
    with op.batch_alter_table("state_name", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_state_name_state_id"))

    op.drop_table("state_name")
    with op.batch_alter_table("organization_name", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organization_name_organization_id"))

    op.drop_table("organization_name")
    with op.batch_alter_table("organization_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organization_link_successor_id"))
        batch_op.drop_index(batch_op.f("ix_organization_link_predecessor_id"))

    op.drop_table("organization_link")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_organization_id"))

    op.drop_table("event")
    with op.batch_alter_table("discrepancy", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_discrepancy_state_id"))
        batch_op.drop_index(batch_op.f("ix_discrepancy_organization_id"))

    op.drop_table("discrepancy")
    with op.batch_alter_table("citation", schema=None) as batch_op:
        batch_op.drop_index("ix_citation_subject_subject_id")

    op.drop_table("citation")
    with op.batch_alter_table("state", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_state_wikidata"))
        batch_op.drop_index(batch_op.f("ix_state_iso3166_3"))
        batch_op.drop_index(batch_op.f("ix_state_cow_ccode"))
        batch_op.drop_index(batch_op.f("ix_state_alpha2"))

    op.drop_table("state")
    op.drop_table("source")
    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organization_kind"))

    op.drop_table("organization")
