"""The scoring rules for one question, with every threshold named. docs/scoring.md explains them.

Nothing here knows about clauses or standards; ``engine.py`` aggregates.
"""

from __future__ import annotations

from typing import Protocol

VERSION = 2  # raise when a rule changes: stored summaries are then worked out again
MAX_LEVEL = 5
DEFAULT_TARGET = 3
# Conformity is fixed, not the user's ambition: level 3 "Implemented" conforms. Below it is a
# likely nonconformity; from it up to the target, an opportunity for improvement.
CONFORMITY_FLOOR = 3
CORE_WEIGHT = 1.0  # a question of at least this weight is a core requirement, not a detail
MAJOR_LEVEL = 0  # a core question at this level: the requirement is absent (likely major)
DOCUMENTED_IN_PLACE = 2  # "Planned and documented": mandatory documented information exists
BREAKDOWN_LEVEL = 1  # every question of a clause at or below this: a total breakdown (major)
CARRIED_OUT_LEVEL = 3  # "Implemented": an internal audit / management review actually done
MIN_RUNNING_MONTHS = 3  # records of this long in operation before a Stage 2 audit

# Status of an answer.
ANSWERED = "answered"
NOT_APPLICABLE = "not applicable"
UNANSWERED = "unanswered"
INVALID = "invalid"

# Findings, worst first.
MAJOR = "likely major"
MINOR = "likely minor"
OPPORTUNITY = "opportunity for improvement"
CONFORMING = "conforming"
FINDINGS = (MAJOR, MINOR, OPPORTUNITY, CONFORMING)
NONCONFORMITIES = (MAJOR, MINOR)
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


def gap(maturity: int, target: int, note: bool = False) -> int:
    """How many levels to climb: to the target, and at least to conformity (a NOTE: to the
    target only)."""
    goal = target if note else max(target, CONFORMITY_FLOOR)
    return max(0, goal - maturity)


def finding(
    maturity: int,
    target: int,
    documented: bool,
    weight: float = CORE_WEIGHT,
    note: bool = False,
) -> str:
    """The finding an auditor would likely raise for one answer (docs/scoring.md, "Findings").

    The target decides only between an opportunity for improvement and conforming: no target
    can turn a nonconformity into conformity, or the reverse.
    """
    if note:  # a NOTE in the standard is guidance: never a nonconformity
        below = maturity < CONFORMITY_FLOOR or maturity < target
        return OPPORTUNITY if below else CONFORMING
    if maturity < CONFORMITY_FLOOR:
        absent = maturity <= MAJOR_LEVEL and weight >= CORE_WEIGHT
        undocumented = documented and maturity < DOCUMENTED_IN_PLACE
        return MAJOR if absent or undocumented else MINOR
    if maturity < target:
        return OPPORTUNITY
    return CONFORMING


def priority(weight: float, gap_size: int, finding_: str, documented: bool) -> float | None:
    """How urgent a gap is; None for opportunities and conforming answers (the plan may still
    list opportunities, without a priority)."""
    factor = FINDING_FACTOR.get(finding_)
    if factor is None:
        return None
    size = max(gap_size, 1)  # a nonconformity is a gap even where the target is lower
    value = PRIORITY_SCALE * weight * size * factor * (DOCUMENTED_FACTOR if documented else 1.0)
    return round(value, 2)


def worst(findings: list[str]) -> str | None:
    return min(findings, key=SEVERITY.__getitem__) if findings else None


def percent(numerator: float, denominator: float) -> float | None:
    return round(100 * numerator / denominator, 1) if denominator else None
