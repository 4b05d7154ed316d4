"""What makes an objective complete enough to store: clear messages, checked table-style.

Each problem also names the fields it concerns (``field_problems``), so the app can show the
message next to the field; ``objective_problems`` gives the messages alone.
"""

from __future__ import annotations

import datetime as dt
import math
import re
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
    # What each kind needs to be measured (ISO 9001 6.2.1 b for quality objectives).
    needed = {
        ENVIRONMENTAL: ("kpi", "unit", "baseline", "target_value", "due"),
        QUALITY: ("kpi", "unit", "target_value", "due"),
    }.get(objective.kind, ())
    missing = [field for field in needed if not _given(objective, field)]
    if missing:
        names = _join([NEEDED_NAMES[field] for field in missing])
        if objective.kind == ENVIRONMENTAL:
            text = (
                f"An environmental target needs {names} "
                f"(the baseline and the target value in the same unit)."
            )
        else:
            text = f"A quality objective must be measurable (ISO 9001 6.2.1 b): it needs {names}."
        add(text, *missing)
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


def objective_warnings(objective: ObjectiveData) -> list[str]:
    """What does not stop saving but an auditor would query: a statement whose numbers disagree
    with the target value ("no more than 6 a year" with a target of 1.5 per 1,000 orders)."""
    numbers = [
        float(n.replace(",", ""))
        for n in re.findall(r"(?<![\w.])\d[\d,]*(?:\.\d+)?", objective.statement)
        if not (1900 <= float(n.replace(",", "")) <= 2100)  # a year
    ]
    target, baseline = objective.target_value, objective.baseline
    if not numbers or target is None:
        return []
    agreeing = {round(target, 2)} | ({round(baseline, 2)} if baseline is not None else set())
    if baseline:
        change = abs(target - baseline) / abs(baseline) * 100  # "by 10%"
        agreeing |= {round(change), math.floor(change), math.ceil(change)}
    if any(round(n, 2) in agreeing for n in numbers):
        return []
    said = ", ".join(f"{n:g}" for n in numbers)
    return [
        f"The statement says {said} but the target value is {target:g} {objective.unit}".rstrip()
        + ": make them agree."
    ]


NEEDED_NAMES = {"kpi": "a KPI", "unit": "a unit", "baseline": "a baseline",
                "target_value": "a target value", "due": "a due date"}  # fmt: skip


def _given(objective: ObjectiveData, field: str) -> bool:
    value = getattr(objective, field)
    return bool(value.strip()) if isinstance(value, str) else value is not None


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
