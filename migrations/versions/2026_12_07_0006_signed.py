"""Signed before bound: the day an organisation's founding instrument was signed, when it entered
into force later (``organization.signed``), and the day a member signed the instrument that bound
it later (``membership.signed``); between the two it was a signatory, not a member.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 22:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ("organization", "membership"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("signed", sa.String(10), nullable=True))


def downgrade() -> None:
    for table in ("membership", "organization"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("signed")
