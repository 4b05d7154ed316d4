"""Per-clause target maturity overrides.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from imsdesk.storage.types import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "clause_target",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("assessment_id", sa.Uuid(), nullable=False),
        sa.Column("pack_id", sa.String(100), nullable=False),
        sa.Column("clause", sa.String(50), nullable=False),
        sa.Column("target", sa.Integer(), nullable=False),
        sa.CheckConstraint("target BETWEEN 0 AND 5", name=op.f("ck_clause_target_target")),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessment.id"],
            name=op.f("fk_clause_target_assessment_id_assessment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clause_target")),
        sa.UniqueConstraint(
            "assessment_id", "pack_id", "clause", name=op.f("uq_clause_target_assessment_id")
        ),
    )
    op.create_index(op.f("ix_clause_target_assessment_id"), "clause_target", ["assessment_id"])


def downgrade() -> None:
    op.drop_table("clause_target")
