"""What makes an objective complete enough to store: clear messages, checked table-style.

Each problem also names the fields it concerns (``field_problems``), so the app can show the
message next to the field; ``objective_problems`` gives the messages alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from imsdesk.planning.model import (
    ENVIRONMENTAL,
    FREQUENCIES,
    OBJECTIVE_STATUSES,
    QUALITY,
    ObjectiveData,
)


@dataclass(frozen=True)
class FieldProblem:
    """A reason an objective cannot be saved, and the fields (``ObjectiveData`` names) it
    concerns; the first is where a form shows the message."""

    message: str
    fields: tuple[str, ...]


def objective_problems(objective: ObjectiveData, assessment_date: dt.date) -> list[str]:
    """Every reason the objective cannot be saved as it is (empty when it can)."""
    return [problem.message for problem in field_problems(objective, assessment_date)]


def field_problems(objective: ObjectiveData, assessment_date: dt.date) -> list[FieldProblem]:
    """``objective_problems`` with the fields each message concerns."""
    problems: list[FieldProblem] = []

    def add(message: str, *fields: str) -> None:
        problems.append(FieldProblem(message, fields))

    if objective.kind not in (QUALITY, ENVIRONMENTAL):
        add(f"The kind must be quality or environmental, not {objective.kind!r}.", "kind")
    if not objective.statement.strip():
        add("The objective needs a statement.", "statement")
    if objective.status not in OBJECTIVE_STATUSES:
        add(
            f"Unknown status {objective.status!r}; use one of {', '.join(OBJECTIVE_STATUSES)}.",
            "status",
        )
    if objective.frequency not in FREQUENCIES:
        add(
            f"Unknown monitoring frequency {objective.frequency!r}; use one of "
            f"{', '.join(f for f in FREQUENCIES if f)}.",
            "frequency",
        )
    measured = objective.baseline is not None or objective.target_value is not None
    if objective.kind == ENVIRONMENTAL:
        missing = [
            (name, field)
            for name, field, value in (
                ("a KPI", "kpi", objective.kpi.strip()),
                ("a unit", "unit", objective.unit.strip()),
                ("a baseline", "baseline", objective.baseline is not None),
                ("a target value", "target_value", objective.target_value is not None),
                ("a due date", "due", objective.due is not None),
            )
            if not value
        ]
        if missing:
            add(
                "An environmental target needs "
                + _join([name for name, _ in missing])
                + " (the baseline and the target value in the same unit).",
                *(field for _, field in missing),
            )
    elif measured and not (objective.kpi.strip() and objective.unit.strip()):
        add(
            "A baseline or target value needs a KPI and a unit to be measured in.",
            *(
                f
                for f, value in (("kpi", objective.kpi), ("unit", objective.unit))
                if not value.strip()
            ),
        )
    if (
        objective.baseline is not None
        and objective.target_value is not None
        and objective.baseline == objective.target_value
    ):
        add(
            "The target value equals the baseline; a target should change something.",
            "target_value",
            "baseline",
        )
    if objective.due is not None and objective.due <= assessment_date:
        add(
            f"The due date {objective.due.isoformat()} must be after the assessment date "
            f"{assessment_date.isoformat()}.",
            "due",
        )
    return problems


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
