"""Each rule alone, table-style."""

from __future__ import annotations

import pytest

from imsdesk.scoring import rules
from tests.scoring.helpers import A


@pytest.mark.parametrize(
    ("maturity", "target", "documented", "expected"),
    [
        (0, 3, False, "likely major"),
        (0, 0, False, "likely major"),
        (1, 3, True, "likely major"),
        (1, 3, False, "likely minor"),
        (2, 3, True, "likely minor"),
        (2, 3, False, "likely minor"),
        (3, 3, False, "observation"),
        (2, 2, False, "observation"),
        (4, 5, False, "likely minor"),
        (4, 3, False, "conforming"),
        (5, 3, True, "conforming"),
        (1, 1, False, "observation"),
    ],
)
def test_finding(maturity, target, documented, expected):
    assert rules.finding(maturity, target, documented) == expected


@pytest.mark.parametrize(
    ("maturity", "target", "gap"), [(0, 3, 3), (3, 3, 0), (5, 3, 0), (2, 4, 2)]
)
def test_gap(maturity, target, gap):
    assert rules.gap(maturity, target) == gap


@pytest.mark.parametrize(
    ("weight", "gap", "finding", "documented", "priority"),
    [
        (1, 3, "likely major", False, 60.0),
        (1, 3, "likely major", True, 90.0),
        (2, 1, "likely minor", False, 20.0),
        (0.5, 2, "likely minor", True, 15.0),
        (1, 0, "likely major", False, 20.0),  # a major at target 0 still counts as gap 1
        (1, 0, "observation", False, None),
        (1, 0, "conforming", False, None),
    ],
)
def test_priority(weight, gap, finding, documented, priority):
    assert rules.priority(weight, gap, finding, documented) == priority


@pytest.mark.parametrize(
    ("answer", "na_allowed", "status"),
    [
        (None, False, "unanswered"),
        (A("q"), False, "unanswered"),
        (A("q", 0), False, "answered"),
        (A("q", None, True, "Make to print"), True, "not applicable"),
        (A("q", None, True, "   "), True, "invalid"),
        (A("q", None, True, "Reason"), False, "invalid"),
        (A("q", 3, True, "Reason"), True, "not applicable"),  # N/A wins over a stale maturity
    ],
)
def test_status(answer, na_allowed, status):
    assert rules.status(answer, na_allowed) == status
