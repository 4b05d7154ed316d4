"""The database tables, as SQLAlchemy 2 typed declarative models.

Every row has a UUID primary key, so assessments made on several laptops merge without
collisions, and ``created_at``/``updated_at`` timestamps in UTC. These classes stay inside
``imsdesk.storage`` and ``imsdesk.services``; everything above gets plain dataclasses.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from imsdesk.storage.types import UTCDateTime, utcnow

# Named constraints keep batch migrations on SQLite (which rebuild tables) predictable.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ASSESSMENT_STATUSES = ("draft", "final")
OBJECTIVE_KINDS = ("quality", "environmental")
OBJECTIVE_STATUSES = ("draft", "in progress", "achieved", "at risk", "off track")
FREQUENCIES = ("", "weekly", "monthly", "quarterly", "half-yearly", "yearly")
ACTION_STATUSES = ("open", "in progress", "done", "cancelled")
MATURITY_MIN, MATURITY_MAX = 0, 5


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Stamped:
    """Identity and timestamps shared by every table."""

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Organisation(Stamped, Base):
    __tablename__ = "organisation"

    name: Mapped[str] = mapped_column(String(200))
    sector: Mapped[str] = mapped_column(String(200), default="")
    size: Mapped[str] = mapped_column(String(100), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    contact: Mapped[str] = mapped_column(Text, default="")

    sites: Mapped[list[Site]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan", passive_deletes=True
    )
    assessments: Mapped[list[Assessment]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan", passive_deletes=True
    )


class Site(Stamped, Base):
    __tablename__ = "site"

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(Text, default="")

    organisation: Mapped[Organisation] = relationship(back_populates="sites")


class Assessment(Stamped, Base):
    __tablename__ = "assessment"
    __table_args__ = (
        CheckConstraint("status IN ('draft', 'final')", name="status"),
        CheckConstraint("target_maturity BETWEEN 0 AND 5", name="target_maturity"),
    )

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    # A site may be deleted while its assessments are kept for the record.
    site_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("site.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    assessor: Mapped[str] = mapped_column(String(200), default="")
    date: Mapped[dt.date] = mapped_column(Date)
    target_maturity: Mapped[int] = mapped_column(Integer, default=3)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    # When the management system started to run (the Stage 2 verdict asks for months of records).
    go_live: Mapped[dt.date | None] = mapped_column(Date, default=None)
    # The assessment this one continues (next cycle); kept when that one is deleted.
    predecessor_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("assessment.id", ondelete="SET NULL"), index=True
    )

    organisation: Mapped[Organisation] = relationship(back_populates="assessments")
    site: Mapped[Site | None] = relationship()
    packs: Mapped[list[AssessmentPack]] = relationship(
        back_populates="assessment",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="AssessmentPack.position",
    )
    answers: Mapped[list[Answer]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan", passive_deletes=True
    )
    clause_targets: Mapped[list[ClauseTarget]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan", passive_deletes=True
    )
    objectives: Mapped[list[Objective]] = relationship(
        back_populates="assessment",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Objective.position",
    )
    actions: Mapped[list[Action]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan", passive_deletes=True
    )


class AssessmentPack(Stamped, Base):
    """One questionnaire pack in an assessment's scope, pinned by id, edition and content hash."""

    __tablename__ = "assessment_pack"
    __table_args__ = (UniqueConstraint("assessment_id", "pack_id"),)

    assessment_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    pack_id: Mapped[str] = mapped_column(String(100))
    edition: Mapped[str] = mapped_column(String(50))
    content_hash: Mapped[str] = mapped_column(String(100))

    assessment: Mapped[Assessment] = relationship(back_populates="packs")


class Answer(Stamped, Base):
    __tablename__ = "answer"
    __table_args__ = (
        UniqueConstraint("assessment_id", "question_id"),
        CheckConstraint("maturity IS NULL OR maturity BETWEEN 0 AND 5", name="maturity"),
    )

    assessment_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[str] = mapped_column(String(100))
    maturity: Mapped[int | None] = mapped_column(Integer)
    not_applicable: Mapped[bool] = mapped_column(default=False)
    # Why not applicable, or why the situation does not arise.
    justification: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")
    # A conditional requirement whose situation has not come up in the period assessed.
    does_not_arise: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The assessor's own finding in place of the computed one, and why.
    override_finding: Mapped[str | None] = mapped_column(String(30), default=None)
    override_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Copied from the previous cycle and not confirmed since; saving the answer clears it.
    carried_over: Mapped[bool] = mapped_column(default=False, server_default=false())

    assessment: Mapped[Assessment] = relationship(back_populates="answers")


class StoredSummary(Base):
    """What the assessments list shows, stored so listing never loads answers.

    A missing row means stale: every write that changes an assessment's answers or targets
    deletes it, and it is recomputed (``services/summaries.py``). ``scope_key`` names the packs it
    was scored against, so a changed or removed pack makes it stale too.
    """

    __tablename__ = "assessment_summary"

    assessment_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), primary_key=True
    )
    answered: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)
    progress: Mapped[float] = mapped_column(Float)
    score: Mapped[float | None] = mapped_column(Float)
    verdict_level: Mapped[str | None] = mapped_column(String(30))
    verdict_text: Mapped[str | None] = mapped_column(Text)
    scope_key: Mapped[str] = mapped_column(Text)
    computed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ClauseTarget(Stamped, Base):
    """A target maturity for one clause (and its subclauses), overriding the assessment's."""

    __tablename__ = "clause_target"
    __table_args__ = (
        UniqueConstraint("assessment_id", "pack_id", "clause"),
        CheckConstraint("target BETWEEN 0 AND 5", name="target"),
    )

    assessment_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), index=True
    )
    pack_id: Mapped[str] = mapped_column(String(100))
    clause: Mapped[str] = mapped_column(String(50))
    target: Mapped[int] = mapped_column(Integer)

    assessment: Mapped[Assessment] = relationship(back_populates="clause_targets")


class Objective(Stamped, Base):
    """A quality objective (ISO 9001 6.2) or an environmental objective with its target
    (ISO 14001 6.2)."""

    __tablename__ = "objective"
    __table_args__ = (CheckConstraint("kind IN ('quality', 'environmental')", name="kind"),)

    assessment_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer, default=0)
    category: Mapped[str] = mapped_column(String(50), default="")
    statement: Mapped[str] = mapped_column(Text)
    kpi: Mapped[str] = mapped_column(String(300), default="")
    unit: Mapped[str] = mapped_column(String(100), default="")
    baseline: Mapped[float | None] = mapped_column(Float)
    target_value: Mapped[float | None] = mapped_column(Float)
    due: Mapped[dt.date | None] = mapped_column(Date)
    owner: Mapped[str] = mapped_column(String(200), default="")
    frequency: Mapped[str] = mapped_column(String(20), default="")
    status: Mapped[str] = mapped_column(String(20), default="draft")

    assessment: Mapped[Assessment] = relationship(back_populates="objectives")


class ObjectiveLink(Stamped, Base):
    """A quality objective tied to an environmental objective, with the reason why."""

    __tablename__ = "objective_link"
    __table_args__ = (UniqueConstraint("quality_objective_id", "environmental_objective_id"),)

    quality_objective_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("objective.id", ondelete="CASCADE"), index=True
    )
    environmental_objective_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("objective.id", ondelete="CASCADE"), index=True
    )
    rationale: Mapped[str] = mapped_column(Text, default="")
    template_id: Mapped[str | None] = mapped_column(String(100))
    # The operational clauses the linked objectives touch: [["qms", "8.1"], ["ems", "8.1"], ...]
    clauses: Mapped[list] = mapped_column(JSON, default=list)


class Action(Stamped, Base):
    """An action of the plan: generated from a gap (source_key set) or written by the user."""

    __tablename__ = "action"
    __table_args__ = (UniqueConstraint("assessment_id", "source_key"),)

    assessment_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), index=True
    )
    link_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("objective_link.id", ondelete="SET NULL"), index=True
    )
    source_key: Mapped[str | None] = mapped_column(String(200))
    pack_id: Mapped[str] = mapped_column(String(100), default="")
    clause: Mapped[str] = mapped_column(String(50), default="")
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    finding: Mapped[str | None] = mapped_column(String(30))
    priority: Mapped[float | None] = mapped_column(Float)
    due: Mapped[dt.date | None] = mapped_column(Date)
    owner: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="open")
    note: Mapped[str] = mapped_column(Text, default="")
    closed_by_plan: Mapped[bool] = mapped_column(default=False)
    # Fields the user changed; regenerating the plan never overwrites them.
    edited: Mapped[list] = mapped_column(JSON, default=list)
    # Derived at every refresh of the plan, for generated actions: the phase of building the
    # system it belongs to (docs/action-plan.md) and the questions whose gaps it closes.
    phase: Mapped[int | None] = mapped_column(Integer, default=None)
    question_ids: Mapped[list] = mapped_column(JSON, default=list, server_default="[]")

    assessment: Mapped[Assessment] = relationship(back_populates="actions")
