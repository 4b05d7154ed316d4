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
        (A("q", None, True, "We only make to customer prints"), True, "not applicable"),
        (A("q", None, True, "   "), True, "invalid"),
        (A("q", None, True, "x"), True, "invalid"),  # not a justification an auditor accepts
        (A("q", None, True, "n/a n/a n/a"), True, "invalid"),
        (A("q", None, True, "We only make to customer prints"), False, "invalid"),
        (A("q", 3, True, "We only make to customer prints"), True, "not applicable"),  # wins
    ],
)
def test_status(answer, na_allowed, status):
    assert rules.status(answer, na_allowed)[0] == status


@pytest.mark.parametrize(
    ("answer", "conditional", "status"),
    [
        (A("q", None, does_not_arise=True, justification="No customer property held this year"),
         True, "does not arise"),
        (A("q", None, does_not_arise=True, justification="none"), True, "invalid"),
        (A("q", None, does_not_arise=True, justification="No customer property held this year"),
         False, "invalid"),  # only conditional requirements can not arise
    ],
)  # fmt: skip
def test_does_not_arise_status(answer, conditional, status):
    assert rules.status(answer, False, conditional)[0] == status


@pytest.mark.parametrize(
    ("text", "real"),
    [("x", False), ("n/a", False), ("- - -", False), ("not relevant here", True),
     ("No design: we build to customer drawings", True), ("ab cd ef", False)],
)  # fmt: skip
def test_a_reason_is_a_few_real_words(text, real):
    assert rules.real_reason(text) is real
