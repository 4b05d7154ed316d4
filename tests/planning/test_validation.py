"""Objective validation, table-style: input -> expected message."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from imsdesk.planning import ObjectiveData, objective_problems
from imsdesk.planning.validation import objective_warnings

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
        (
            ObjectiveData(uuid.uuid4(), "quality", "Improve quality"),
            "A quality objective must be measurable (ISO 9001 6.2.1 b): it needs a KPI, a unit, "
            "a target value and a due date.",
        ),
        (
            ObjectiveData(uuid.uuid4(), "quality", "OTIF 97%", target_value=97, due=LATER),
            "A quality objective must be measurable (ISO 9001 6.2.1 b): it needs a KPI and a unit.",
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


@pytest.mark.parametrize(
    ("statement", "baseline", "target", "flagged"),
    [
        ("No more than 6 customer complaints a year", 2.3, 1.5, True),
        ("Cut customer complaints to 1.5 per 1,000 orders (about 6 a year)", 2.3, 1.5, False),
        ("Deliver 97% of orders on time and in full", 94.1, 97, False),
        ("Cut transport emissions per delivery by 10%", 18.4, 16.5, False),  # 10.3 % change
        ("Cut transport emissions by 25% by 2027", 18.4, 16.5, True),
        ("Fewer complaints", 2.3, 1.5, False),  # no numbers, nothing to disagree with
    ],
)
def test_a_statement_whose_numbers_disagree_with_the_target_is_flagged(
    statement, baseline, target, flagged
):
    objective = ObjectiveData(uuid.uuid4(), "quality", statement, kpi="k", unit="per year",
                              baseline=baseline, target_value=target, due=LATER)  # fmt: skip
    warnings = objective_warnings(objective)
    assert bool(warnings) is flagged
    if flagged:
        assert warnings[0].startswith("The statement says ") and "make them agree" in warnings[0]
