"""Actions gain the phase of building the system they belong to and the questions they close.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("action") as batch:
        batch.add_column(sa.Column("phase", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("question_ids", sa.JSON(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("action") as batch:
        batch.drop_column("question_ids")
        batch.drop_column("phase")
