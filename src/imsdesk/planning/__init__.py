"""Planning: quality objectives linked to environmental targets, and the actions that close the
gaps. Pure Python over ScoreCards and plain records; the services store the results."""

from __future__ import annotations

from imsdesk.planning.generate import (
    GeneratedAction,
    PlanChanges,
    PlanSettings,
    gap_actions,
    sync_actions,
)
from imsdesk.planning.library import Library, LinkTemplate, Suggestion, load_library, suggest
from imsdesk.planning.model import (
    ACTION_STATUSES,
    ENVIRONMENTAL,
    FREQUENCIES,
    OBJECTIVE_STATUSES,
    QUALITY,
    ActionData,
    ActionPlan,
    LinkData,
    LinkedTarget,
    ObjectiveData,
    QualityGroup,
    SectionGroup,
)
from imsdesk.planning.plan import assemble_plan
from imsdesk.planning.validation import objective_problems

__all__ = [
    "ACTION_STATUSES",
    "ENVIRONMENTAL",
    "FREQUENCIES",
    "OBJECTIVE_STATUSES",
    "QUALITY",
    "ActionData",
    "ActionPlan",
    "GeneratedAction",
    "Library",
    "LinkData",
    "LinkTemplate",
    "LinkedTarget",
    "ObjectiveData",
    "PlanChanges",
    "PlanSettings",
    "QualityGroup",
    "SectionGroup",
    "Suggestion",
    "assemble_plan",
    "gap_actions",
    "load_library",
    "objective_problems",
    "suggest",
    "sync_actions",
]
