"""Action plan: quality and environmental objectives, their links, and actions.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from imsdesk.storage.types import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _stamps() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "objective",
        *_stamps(),
        sa.Column("assessment_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(50), nullable=False),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("kpi", sa.String(300), nullable=False),
        sa.Column("unit", sa.String(100), nullable=False),
        sa.Column("baseline", sa.Float(), nullable=True),
        sa.Column("target_value", sa.Float(), nullable=True),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("frequency", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.CheckConstraint("kind IN ('quality', 'environmental')", name=op.f("ck_objective_kind")),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessment.id"],
            name=op.f("fk_objective_assessment_id_assessment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_objective")),
    )
    op.create_index(op.f("ix_objective_assessment_id"), "objective", ["assessment_id"])
    op.create_table(
        "objective_link",
        *_stamps(),
        sa.Column("quality_objective_id", sa.Uuid(), nullable=False),
        sa.Column("environmental_objective_id", sa.Uuid(), nullable=False),
        sa.Column("rationale", sa.Text(), nullable=False),
        sa.Column("template_id", sa.String(100), nullable=True),
        sa.Column("clauses", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["quality_objective_id"],
            ["objective.id"],
            name=op.f("fk_objective_link_quality_objective_id_objective"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["environmental_objective_id"],
            ["objective.id"],
            name=op.f("fk_objective_link_environmental_objective_id_objective"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_objective_link")),
        sa.UniqueConstraint(
            "quality_objective_id",
            "environmental_objective_id",
            name=op.f("uq_objective_link_quality_objective_id"),
        ),
    )
    op.create_index(
        op.f("ix_objective_link_quality_objective_id"), "objective_link", ["quality_objective_id"]
    )
    op.create_index(
        op.f("ix_objective_link_environmental_objective_id"),
        "objective_link",
        ["environmental_objective_id"],
    )
    op.create_table(
        "action",
        *_stamps(),
        sa.Column("assessment_id", sa.Uuid(), nullable=False),
        sa.Column("link_id", sa.Uuid(), nullable=True),
        sa.Column("source_key", sa.String(200), nullable=True),
        sa.Column("pack_id", sa.String(100), nullable=False),
        sa.Column("clause", sa.String(50), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("finding", sa.String(30), nullable=True),
        sa.Column("priority", sa.Float(), nullable=True),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("closed_by_plan", sa.Boolean(), nullable=False),
        sa.Column("edited", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessment.id"],
            name=op.f("fk_action_assessment_id_assessment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["link_id"],
            ["objective_link.id"],
            name=op.f("fk_action_link_id_objective_link"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action")),
        sa.UniqueConstraint("assessment_id", "source_key", name=op.f("uq_action_assessment_id")),
    )
    op.create_index(op.f("ix_action_assessment_id"), "action", ["assessment_id"])
    op.create_index(op.f("ix_action_link_id"), "action", ["link_id"])


def downgrade() -> None:
    op.drop_table("action")
    op.drop_table("objective_link")
    op.drop_table("objective")
