"""The scoring rules for one question, with every threshold named. docs/scoring.md explains them.

Nothing here knows about clauses or standards; ``engine.py`` aggregates.
"""

from __future__ import annotations

from typing import Protocol

VERSION = 3  # raise when a rule changes: stored summaries are then worked out again
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

# A reason (an N/A justification, why a situation does not arise, why a finding is overridden)
# an auditor would accept as one: a few real words, not "x" or "n/a".
REASON_WORDS = 3
REASON_LETTERS = 12

# Status of an answer.
ANSWERED = "answered"
NOT_APPLICABLE = "not applicable"
DOES_NOT_ARISE = "does not arise"  # a conditional requirement whose situation has not come up
UNANSWERED = "unanswered"
INVALID = "invalid"
COMPLETE = (ANSWERED, NOT_APPLICABLE, DOES_NOT_ARISE)

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
    # Optional on older callers (read with getattr): "does not arise here", and the assessor's
    # own finding with the reason for it.
    # does_not_arise: bool; override_finding: str | None; override_reason: str


def real_reason(text: str) -> bool:
    """A reason of a few real words (docs/scoring.md, "Reasons"): not "x", "n/a" or "-"."""
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    return len(words) >= REASON_WORDS and sum(c.isalpha() for c in text) >= REASON_LETTERS


def status(
    answer: AnswerLike | None, na_allowed: bool, conditional: bool = False
) -> tuple[str, str]:
    """The answer's status and, when invalid, what is wrong with it (in words for the user)."""
    if answer is None:
        return UNANSWERED, ""
    reason = answer.justification
    if getattr(answer, "does_not_arise", False):
        if not conditional:
            return (
                INVALID,
                "'does not arise' is only for requirements that apply when a situation arises",
            )
        if not real_reason(reason):
            return INVALID, "'does not arise' needs a reason of a few words"
        return DOES_NOT_ARISE, ""
    if answer.not_applicable:
        if not na_allowed:
            return INVALID, "the standard allows no exclusion of this requirement"
        if not real_reason(reason):
            return INVALID, "not applicable needs a justification of a few words"
        return NOT_APPLICABLE, ""
    return (ANSWERED, "") if answer.maturity is not None else (UNANSWERED, "")


def override(answer: AnswerLike | None, note: bool) -> tuple[str | None, str]:
    """The assessor's own finding for an answered question, if valid, and why not if not."""
    chosen = getattr(answer, "override_finding", None) if answer is not None else None
    if not chosen:
        return None, ""
    if chosen not in FINDINGS:
        return None, f"unknown finding {chosen!r}"
    if note and chosen in NONCONFORMITIES:
        return None, "a NOTE in the standard cannot be a nonconformity"
    if not real_reason(getattr(answer, "override_reason", "")):
        return None, "an overridden finding needs a reason of a few words"
    return chosen, ""


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
