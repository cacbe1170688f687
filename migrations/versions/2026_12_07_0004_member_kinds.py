"""Members that are not states: a kind on every member record, the organisation a member stands
for, and restoration as a kind of link between states; the years a state's name was in use.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = "kind IN ('state', 'territory', 'partially_recognised', 'organization')"
LINKS = "kind IN ('continuator', 'successor', 'merged_into', 'restored')"


def upgrade() -> None:
    with op.batch_alter_table("state", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(24), nullable=False, server_default="state")
        )
        batch_op.add_column(sa.Column("organization", sa.String(100), nullable=True))
        batch_op.create_check_constraint(op.f("ck_state_kind"), KINDS)
        batch_op.create_check_constraint(
            op.f("ck_state_organization"),
            "(kind = 'organization') = (organization IS NOT NULL)",
        )
    with op.batch_alter_table("state_link", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_state_link_kind"), type_="check")
        batch_op.create_check_constraint(op.f("ck_state_link_kind"), LINKS)
    with op.batch_alter_table("state_name", schema=None) as batch_op:
        batch_op.add_column(sa.Column("valid_from", sa.String(10), nullable=True))
        batch_op.add_column(sa.Column("valid_until", sa.String(10), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("state_name", schema=None) as batch_op:
        batch_op.drop_column("valid_until")
        batch_op.drop_column("valid_from")
    # The links keep the wider check: a restoration recorded under 0004 stays as it is (0003's
    # code never writes one), rather than be dropped or turned into another kind.
    with op.batch_alter_table("state", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_state_organization"), type_="check")
        batch_op.drop_constraint(op.f("ck_state_kind"), type_="check")
        batch_op.drop_column("organization")
        batch_op.drop_column("kind")
