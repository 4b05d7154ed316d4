"""Objectives, links and actions as plain frozen data, and the ActionPlan that groups them."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

QUALITY, ENVIRONMENTAL = "quality", "environmental"
OBJECTIVE_STATUSES = ("draft", "in progress", "achieved", "at risk", "off track")
FREQUENCIES = ("", "weekly", "monthly", "quarterly", "half-yearly", "yearly")
ACTION_STATUSES = ("open", "in progress", "done", "cancelled")
OPEN_STATUSES = ("open", "in progress")


@dataclass(frozen=True)
class ObjectiveData:
    id: uuid.UUID
    kind: str  # QUALITY or ENVIRONMENTAL
    statement: str
    category: str = ""
    kpi: str = ""
    unit: str = ""
    baseline: float | None = None
    target_value: float | None = None
    due: dt.date | None = None
    owner: str = ""
    frequency: str = ""
    status: str = "draft"
    position: int = 0
    updated_at: dt.datetime | None = None


@dataclass(frozen=True)
class LinkData:
    id: uuid.UUID
    quality_objective_id: uuid.UUID
    environmental_objective_id: uuid.UUID
    rationale: str = ""
    template_id: str | None = None
    # Operational clauses the two objectives touch, as (side, clause) with side "qms" or "ems".
    clauses: tuple[tuple[str, str], ...] = ()
    updated_at: dt.datetime | None = None


@dataclass(frozen=True)
class ActionData:
    id: uuid.UUID
    title: str
    source_key: str | None = None  # set for actions generated from gaps
    pack_id: str = ""
    clause: str = ""
    description: str = ""
    finding: str | None = None
    priority: float | None = None
    due: dt.date | None = None
    owner: str = ""
    status: str = "open"
    note: str = ""
    closed_by_plan: bool = False
    edited: frozenset[str] = field(default_factory=frozenset)
    link_id: uuid.UUID | None = None
    updated_at: dt.datetime | None = None
    phase: int | None = None  # generated actions: the phase of building the system
    question_ids: tuple[str, ...] = ()  # generated actions: the questions whose gaps it closes

    @property
    def generated(self) -> bool:
        return self.source_key is not None


@dataclass(frozen=True)
class LinkedTarget:
    link: LinkData
    objective: ObjectiveData  # the environmental objective
    actions: tuple[ActionData, ...]


@dataclass(frozen=True)
class QualityGroup:
    """A quality objective, its linked environmental targets and the actions serving each link."""

    objective: ObjectiveData
    targets: tuple[LinkedTarget, ...]

    @property
    def incomplete(self) -> bool:
        """A quality objective without an environmental link is not yet integrated."""
        return not self.targets


@dataclass(frozen=True)
class SectionGroup:
    """The remaining actions of one harmonized section (4-10), or of "other" clauses."""

    number: str
    title: str
    actions: tuple[ActionData, ...]


@dataclass(frozen=True)
class ActionPlan:
    objectives: tuple[ObjectiveData, ...]
    links: tuple[LinkData, ...]
    actions: tuple[ActionData, ...]
    groups: tuple[QualityGroup, ...]
    unlinked_targets: tuple[ObjectiveData, ...]  # environmental objectives no quality one links to
    sections: tuple[SectionGroup, ...]
    problems: dict[uuid.UUID, tuple[str, ...]] = field(default_factory=dict)  # per objective

    def link_of(self, action: ActionData) -> LinkData | None:
        return next((link for link in self.links if link.id == action.link_id), None)
