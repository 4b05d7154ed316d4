"""Objective validation, table-style: input -> expected message."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from imsdesk.planning import ObjectiveData, objective_problems

ASSESSED = dt.date(2026, 3, 10)
LATER = dt.date(2027, 3, 10)


def env(**changes) -> ObjectiveData:
    base = dict(
        id=uuid.uuid4(),
        kind="environmental",
        statement="Cut gas use per m² coated",
        kpi="Gas per m² coated",
        unit="kWh/m²",
        baseline=4.8,
        target_value=4.3,
        due=LATER,
    )
    return ObjectiveData(**(base | changes))


@pytest.mark.parametrize(
    ("objective", "message"),
    [
        (env(), None),
        (
            env(kpi=""),
            "An environmental target needs a KPI (the baseline and the target value in the same unit).",
        ),
        (
            env(unit=" "),
            "An environmental target needs a unit (the baseline and the target value in the same unit).",
        ),
        (
            env(baseline=None, target_value=None),
            "An environmental target needs a baseline and a target value (the baseline and the target value in the same unit).",
        ),
        (
            env(due=None),
            "An environmental target needs a due date (the baseline and the target value in the same unit).",
        ),
        (
            env(due=ASSESSED),
            "The due date 2026-03-10 must be after the assessment date 2026-03-10.",
        ),
        (
            env(due=dt.date(2025, 1, 1)),
            "The due date 2025-01-01 must be after the assessment date 2026-03-10.",
        ),
        (
            env(target_value=4.8),
            "The target value equals the baseline; a target should change something.",
        ),
        (env(statement="  "), "The objective needs a statement."),
        (
            env(status="finished"),
            "Unknown status 'finished'; use one of draft, in progress, achieved, at risk, off track.",
        ),
        (
            env(frequency="fortnightly"),
            "Unknown monitoring frequency 'fortnightly'; use one of weekly, monthly, quarterly, half-yearly, yearly.",
        ),
        (env(kind="safety"), "The kind must be quality or environmental, not 'safety'."),
        (ObjectiveData(uuid.uuid4(), "quality", "Happier customers"), None),
        (
            ObjectiveData(uuid.uuid4(), "quality", "OTIF 97%", target_value=97),
            "A baseline or target value needs a KPI and a unit to be measured in.",
        ),
        (
            ObjectiveData(
                uuid.uuid4(),
                "quality",
                "OTIF",
                kpi="OTIF",
                unit="%",
                baseline=94,
                target_value=97,
                due=LATER,
            ),
            None,
        ),
    ],
)
def test_objective_problems(objective, message):
    problems = objective_problems(objective, ASSESSED)
    assert problems == ([] if message is None else [message])


def test_several_problems_are_all_reported():
    problems = objective_problems(env(kpi="", due=ASSESSED, status="x"), ASSESSED)
    assert len(problems) == 3
