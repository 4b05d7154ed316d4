"""The scoring rules for one question, with every threshold named. docs/scoring.md explains them.

Nothing here knows about clauses or standards; ``engine.py`` aggregates.
"""

from __future__ import annotations

from typing import Protocol

MAX_LEVEL = 5
DEFAULT_TARGET = 3
CONFORMING_LEVEL = 4  # at target but below this is an observation
MAJOR_LEVEL = 0  # a question at this level is a likely major nonconformity
MAJOR_LEVEL_DOCUMENTED = 1  # ... and at this level if it touches mandatory documented information
SYSTEMIC_MINORS = 3  # this many likely minors in one clause make the clause a likely major
DOCUMENTED_IN_PLACE = 2  # "Planned and documented": mandatory documented information exists
CARRIED_OUT_LEVEL = 3  # "Implemented": internal audit / management review actually done

# Status of an answer.
ANSWERED = "answered"
NOT_APPLICABLE = "not applicable"
UNANSWERED = "unanswered"
INVALID = "invalid"

# Findings, worst first.
MAJOR = "likely major"
MINOR = "likely minor"
OBSERVATION = "observation"
CONFORMING = "conforming"
FINDINGS = (MAJOR, MINOR, OBSERVATION, CONFORMING)
SEVERITY = {finding: rank for rank, finding in enumerate(FINDINGS)}  # lower is worse

# Priority = PRIORITY_SCALE x weight x gap x finding factor x documented-information factor.
PRIORITY_SCALE = 10
FINDING_FACTOR = {MAJOR: 2.0, MINOR: 1.0}
DOCUMENTED_FACTOR = 1.5


class AnswerLike(Protocol):
    question_id: str
    maturity: int | None
    not_applicable: bool
    justification: str


def status(answer: AnswerLike | None, na_allowed: bool) -> str:
    """answered / not applicable / unanswered / invalid (an N/A the question does not allow, or
    one without a justification)."""
    if answer is None:
        return UNANSWERED
    if answer.not_applicable:
        if na_allowed and answer.justification.strip():
            return NOT_APPLICABLE
        return INVALID
    return ANSWERED if answer.maturity is not None else UNANSWERED


def gap(maturity: int, target: int) -> int:
    return max(0, target - maturity)


def finding(maturity: int, target: int, documented: bool) -> str:
    if maturity <= MAJOR_LEVEL or (documented and maturity <= MAJOR_LEVEL_DOCUMENTED):
        return MAJOR
    if maturity < target:
        return MINOR
    if maturity < CONFORMING_LEVEL:
        return OBSERVATION
    return CONFORMING


def priority(weight: float, gap_size: int, finding_: str, documented: bool) -> float | None:
    """How urgent a gap is; None for observations and conforming answers (no gap to close)."""
    factor = FINDING_FACTOR.get(finding_)
    if factor is None:
        return None
    size = max(gap_size, 1)  # a likely major is a gap even where the target is 0
    value = PRIORITY_SCALE * weight * size * factor * (DOCUMENTED_FACTOR if documented else 1.0)
    return round(value, 2)


def worst(findings: list[str]) -> str | None:
    return min(findings, key=SEVERITY.__getitem__) if findings else None


def percent(numerator: float, denominator: float) -> float | None:
    return round(100 * numerator / denominator, 1) if denominator else None
