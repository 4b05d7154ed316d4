"""Stored assessment summaries, the previous cycle of an assessment, carried-over answers.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from imsdesk.storage.types import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # No rows: every existing assessment starts stale and is summarised at the next listing.
    op.create_table(
        "assessment_summary",
        sa.Column("assessment_id", sa.Uuid(), nullable=False),
        sa.Column("answered", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("progress", sa.Float(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("verdict_level", sa.String(30), nullable=True),
        sa.Column("verdict_text", sa.Text(), nullable=True),
        sa.Column("scope_key", sa.Text(), nullable=False),
        sa.Column("computed_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessment.id"],
            name=op.f("fk_assessment_summary_assessment_id_assessment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("assessment_id", name=op.f("pk_assessment_summary")),
    )
    with op.batch_alter_table("assessment") as batch:
        batch.add_column(sa.Column("predecessor_id", sa.Uuid(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_assessment_predecessor_id_assessment"),
            "assessment",
            ["predecessor_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch.create_index(op.f("ix_assessment_predecessor_id"), ["predecessor_id"])
    # The server default fills the existing rows: nothing was carried over before this version.
    with op.batch_alter_table("answer") as batch:
        batch.add_column(
            sa.Column("carried_over", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("answer") as batch:
        batch.drop_column("carried_over")
    with op.batch_alter_table("assessment") as batch:
        batch.drop_index(op.f("ix_assessment_predecessor_id"))
        batch.drop_constraint(op.f("fk_assessment_predecessor_id_assessment"), type_="foreignkey")
        batch.drop_column("predecessor_id")
    op.drop_table("assessment_summary")
