"""Initial schema: organisations, sites, assessments with their packs, answers.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from imsdesk.storage.types import UTCDateTime

revision = "0001"
down_revision = None
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
        "organisation",
        *_stamps(),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("sector", sa.String(200), nullable=False),
        sa.Column("size", sa.String(100), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("contact", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation")),
    )
    op.create_table(
        "site",
        *_stamps(),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_site_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site")),
    )
    op.create_index(op.f("ix_site_organisation_id"), "site", ["organisation_id"])
    op.create_table(
        "assessment",
        *_stamps(),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("site_id", sa.Uuid(), nullable=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("assessor", sa.String(200), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("target_maturity", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.CheckConstraint("status IN ('draft', 'final')", name=op.f("ck_assessment_status")),
        sa.CheckConstraint(
            "target_maturity BETWEEN 0 AND 5", name=op.f("ck_assessment_target_maturity")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_assessment_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["site_id"], ["site.id"], name=op.f("fk_assessment_site_id_site"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment")),
    )
    op.create_index(op.f("ix_assessment_organisation_id"), "assessment", ["organisation_id"])
    op.create_index(op.f("ix_assessment_site_id"), "assessment", ["site_id"])
    op.create_table(
        "assessment_pack",
        *_stamps(),
        sa.Column("assessment_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("pack_id", sa.String(100), nullable=False),
        sa.Column("edition", sa.String(50), nullable=False),
        sa.Column("content_hash", sa.String(100), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessment.id"],
            name=op.f("fk_assessment_pack_assessment_id_assessment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_pack")),
        sa.UniqueConstraint(
            "assessment_id", "pack_id", name=op.f("uq_assessment_pack_assessment_id")
        ),
    )
    op.create_index(op.f("ix_assessment_pack_assessment_id"), "assessment_pack", ["assessment_id"])
    op.create_table(
        "answer",
        *_stamps(),
        sa.Column("assessment_id", sa.Uuid(), nullable=False),
        sa.Column("question_id", sa.String(100), nullable=False),
        sa.Column("maturity", sa.Integer(), nullable=True),
        sa.Column("not_applicable", sa.Boolean(), nullable=False),
        sa.Column("justification", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "maturity IS NULL OR maturity BETWEEN 0 AND 5", name=op.f("ck_answer_maturity")
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessment.id"],
            name=op.f("fk_answer_assessment_id_assessment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_answer")),
        sa.UniqueConstraint("assessment_id", "question_id", name=op.f("uq_answer_assessment_id")),
    )
    op.create_index(op.f("ix_answer_assessment_id"), "answer", ["assessment_id"])


def downgrade() -> None:
    op.drop_table("answer")
    op.drop_table("assessment_pack")
    op.drop_table("assessment")
    op.drop_table("site")
    op.drop_table("organisation")
