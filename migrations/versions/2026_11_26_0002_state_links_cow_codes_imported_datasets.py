"""State links, COW code periods, imported datasets; more participation statuses.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 16:33:59.544076
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


OLD_STATUSES = "status IN ('frozen', 'suspended')"
NEW_STATUSES = "status IN ('frozen', 'suspended', 'inactive', 'outside_integrated_command')"


def _participation_statuses(condition: str, length: int) -> None:
    with op.batch_alter_table("participation", recreate="always") as batch_op:
        batch_op.drop_constraint(op.f("ck_participation_status"), type_="check")
        batch_op.alter_column("status", type_=sa.String(length), existing_nullable=False)
        batch_op.create_check_constraint("status", condition)


OLD_SUBJECTS = "subject IN ('organization', 'state', 'event', 'membership', 'participation')"
NEW_SUBJECTS = (
    "subject IN ('organization', 'state', 'event', 'membership', 'participation', 'state_link')"
)


def _citation_subjects(condition: str) -> None:
    with op.batch_alter_table("citation", recreate="always") as batch_op:
        batch_op.drop_constraint(op.f("ck_citation_subject"), type_="check")
        batch_op.create_check_constraint("subject", condition)


def upgrade() -> None:
    _participation_statuses(NEW_STATUSES, 30)
    _citation_subjects(NEW_SUBJECTS)
    op.create_table(
        "dataset",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(40), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("citation", sa.String(2000), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dataset")),
        sa.UniqueConstraint("key", name=op.f("uq_dataset_key")),
    )
    op.create_table(
        "dataset_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dataset_id", sa.Integer(), nullable=False),
        sa.Column("group", sa.String(40), nullable=False),
        sa.Column("ccode", sa.Integer(), nullable=False),
        sa.Column("state_name", sa.String(100), nullable=False),
        sa.Column("role", sa.String(30), nullable=False),
        sa.Column("start_date", sa.String(10), nullable=False),
        sa.Column("end_date", sa.String(10), nullable=True),
        sa.Column("phase", sa.Integer(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dataset_id"],
            ["dataset.id"],
            name=op.f("fk_dataset_record_dataset_id_dataset"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dataset_record")),
        sa.UniqueConstraint(
            "dataset_id",
            "group",
            "ccode",
            "role",
            "start_date",
            "phase",
            name=op.f("uq_dataset_record_dataset_id_group_ccode_role_start_date_phase"),
        ),
    )
    with op.batch_alter_table("dataset_record", schema=None) as batch_op:
        batch_op.create_index(
            "ix_dataset_record_dataset_id_group", ["dataset_id", "group"], unique=False
        )

    op.create_table(
        "state_cow_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("state_id", sa.Integer(), nullable=False),
        sa.Column("ccode", sa.Integer(), nullable=False),
        sa.Column("abbrev", sa.String(3), nullable=True),
        sa.Column("valid_from", sa.String(10), nullable=True),
        sa.Column("valid_until", sa.String(10), nullable=True),
        sa.ForeignKeyConstraint(
            ["state_id"],
            ["state.id"],
            name=op.f("fk_state_cow_code_state_id_state"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_state_cow_code")),
        sa.UniqueConstraint("ccode", "valid_from", name=op.f("uq_state_cow_code_ccode_valid_from")),
    )
    with op.batch_alter_table("state_cow_code", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_state_cow_code_ccode"), ["ccode"], unique=False)
        batch_op.create_index(batch_op.f("ix_state_cow_code_state_id"), ["state_id"], unique=False)

    op.create_table(
        "state_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("predecessor_id", sa.Integer(), nullable=False),
        sa.Column("successor_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("date", sa.String(10), nullable=True),
        sa.Column("notes", sa.String(2000), nullable=True),
        sa.CheckConstraint(
            "kind IN ('continuator', 'successor', 'merged_into')", name=op.f("ck_state_link_kind")
        ),
        sa.ForeignKeyConstraint(
            ["predecessor_id"],
            ["state.id"],
            name=op.f("fk_state_link_predecessor_id_state"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["successor_id"],
            ["state.id"],
            name=op.f("fk_state_link_successor_id_state"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_state_link")),
        sa.UniqueConstraint(
            "predecessor_id", "successor_id", name=op.f("uq_state_link_predecessor_id_successor_id")
        ),
    )
    with op.batch_alter_table("state_link", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_state_link_predecessor_id"), ["predecessor_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_state_link_successor_id"), ["successor_id"], unique=False
        )


def downgrade() -> None:
    # What revision 0001 cannot hold goes: citations of state links (their table goes too) and
    # participation in the statuses this revision added, with their citations.
    op.execute("DELETE FROM citation WHERE subject = 'state_link'")
    added = "('inactive', 'outside_integrated_command')"
    op.execute(
        "DELETE FROM citation WHERE subject = 'participation' AND subject_id IN "
        f"(SELECT id FROM participation WHERE status IN {added})"
    )
    op.execute(f"DELETE FROM participation WHERE status IN {added}")
    _citation_subjects(OLD_SUBJECTS)
    _participation_statuses(OLD_STATUSES, 20)
    with op.batch_alter_table("state_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_state_link_successor_id"))
        batch_op.drop_index(batch_op.f("ix_state_link_predecessor_id"))

    op.drop_table("state_link")
    with op.batch_alter_table("state_cow_code", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_state_cow_code_state_id"))
        batch_op.drop_index(batch_op.f("ix_state_cow_code_ccode"))

    op.drop_table("state_cow_code")
    with op.batch_alter_table("dataset_record", schema=None) as batch_op:
        batch_op.drop_index("ix_dataset_record_dataset_id_group")

    op.drop_table("dataset_record")
    op.drop_table("dataset")
