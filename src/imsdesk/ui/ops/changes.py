"""What a write changed, so every view can decide for itself whether to refresh."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    TREE = "tree"  # organisations, sites or assessments were added, renamed or removed
    ASSESSMENT = "assessment"  # an assessment's own fields (title, date, status, target)
    ANSWERS = "answers"  # answers of an assessment
    SUMMARY = "summary"  # the stored progress, score and verdict of an assessment
    OBJECTIVES = "objectives"  # quality objectives, environmental targets or their links
    PLAN = "plan"  # the actions of an assessment's plan


@dataclass(frozen=True)
class Changes:
    kinds: frozenset[Kind]
    assessment_ids: frozenset[uuid.UUID] = frozenset()

    @classmethod
    def of(cls, *kinds: Kind, assessment: uuid.UUID | None = None) -> Changes:
        return cls(frozenset(kinds), frozenset({assessment}) if assessment else frozenset())

    def touches(self, assessment_id: uuid.UUID | None) -> bool:
        return assessment_id is not None and assessment_id in self.assessment_ids
