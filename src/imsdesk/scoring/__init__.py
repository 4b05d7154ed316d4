"""Scoring: answers and questionnaire packs in, a ScoreCard out. Pure Python, deterministic.

The rules are in ``rules.py`` and explained, with a worked example, in docs/scoring.md.
"""

from __future__ import annotations

from imsdesk.scoring.compare import Comparison, compare
from imsdesk.scoring.engine import answer_status, score_assessment
from imsdesk.scoring.model import (
    ClauseResult,
    QuestionResult,
    ScoreCard,
    SectionResult,
    StandardResult,
    ThemeResult,
    Verdict,
)

__all__ = [
    "ClauseResult",
    "Comparison",
    "QuestionResult",
    "ScoreCard",
    "SectionResult",
    "StandardResult",
    "ThemeResult",
    "Verdict",
    "answer_status",
    "compare",
    "score_assessment",
]
