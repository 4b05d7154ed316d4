"""What makes an objective complete enough to store: clear messages, checked table-style."""

from __future__ import annotations

import datetime as dt

from imsdesk.planning.model import (
    ENVIRONMENTAL,
    FREQUENCIES,
    OBJECTIVE_STATUSES,
    QUALITY,
    ObjectiveData,
)


def objective_problems(objective: ObjectiveData, assessment_date: dt.date) -> list[str]:
    """Every reason the objective cannot be saved as it is (empty when it can)."""
    problems: list[str] = []
    if objective.kind not in (QUALITY, ENVIRONMENTAL):
        problems.append(f"The kind must be quality or environmental, not {objective.kind!r}.")
    if not objective.statement.strip():
        problems.append("The objective needs a statement.")
    if objective.status not in OBJECTIVE_STATUSES:
        problems.append(
            f"Unknown status {objective.status!r}; use one of {', '.join(OBJECTIVE_STATUSES)}."
        )
    if objective.frequency not in FREQUENCIES:
        problems.append(
            f"Unknown monitoring frequency {objective.frequency!r}; use one of "
            f"{', '.join(f for f in FREQUENCIES if f)}."
        )
    measured = objective.baseline is not None or objective.target_value is not None
    if objective.kind == ENVIRONMENTAL:
        missing = [
            name
            for name, value in (
                ("a KPI", objective.kpi.strip()),
                ("a unit", objective.unit.strip()),
                ("a baseline", objective.baseline is not None),
                ("a target value", objective.target_value is not None),
                ("a due date", objective.due is not None),
            )
            if not value
        ]
        if missing:
            problems.append(
                "An environmental target needs "
                + _join(missing)
                + " (the baseline and the target value in the same unit)."
            )
    elif measured and not (objective.kpi.strip() and objective.unit.strip()):
        problems.append("A baseline or target value needs a KPI and a unit to be measured in.")
    if (
        objective.baseline is not None
        and objective.target_value is not None
        and objective.baseline == objective.target_value
    ):
        problems.append("The target value equals the baseline; a target should change something.")
    if objective.due is not None and objective.due <= assessment_date:
        problems.append(
            f"The due date {objective.due.isoformat()} must be after the assessment date "
            f"{assessment_date.isoformat()}."
        )
    return problems


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
