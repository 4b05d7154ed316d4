"""Each rule alone, table-style."""

from __future__ import annotations

import pytest

from imsdesk.scoring import rules
from tests.scoring.helpers import A


@pytest.mark.parametrize(
    ("maturity", "target", "documented", "weight", "note", "expected"),
    [
        (0, 3, False, 1, False, "likely major"),  # a core requirement absent
        (0, 0, False, 1, False, "likely major"),  # whatever the target
        (0, 3, False, 0.5, False, "likely minor"),  # a half-weight detail absent: not a major
        (1, 3, True, 0.5, False, "likely major"),  # mandatory documented information absent
        (1, 3, False, 1, False, "likely minor"),
        (2, 3, True, 1, False, "likely minor"),  # documented (level 2) but not implemented
        (2, 1, False, 1, False, "likely minor"),  # a low target does not make 2 conform
        (2, 2, False, 1, False, "likely minor"),
        (3, 3, False, 1, False, "conforming"),  # level 3 is conformity
        (3, 5, False, 1, False, "opportunity for improvement"),  # ambition, not conformity
        (4, 5, False, 1, False, "opportunity for improvement"),
        (4, 3, False, 1, False, "conforming"),
        (5, 3, True, 1, False, "conforming"),
        (0, 3, False, 2, True, "opportunity for improvement"),  # a NOTE is never a finding
        (3, 3, True, 1, True, "conforming"),
    ],
)
def test_finding(maturity, target, documented, weight, note, expected):
    assert rules.finding(maturity, target, documented, weight, note) == expected


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
        (1, 0, "opportunity for improvement", False, None),
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
