from __future__ import annotations

from imsdesk.scoring import compare, score_assessment
from tests.scoring.helpers import A, pack, q

QMS = pack("qms", [("4", "Context", []), ("4.1", "Issues", [q("a", "4.1"), q("b", "4.1")]),
                   ("4.2", "Parties", [q("c", "4.2")])])  # fmt: skip


def test_compare_this_cycle_with_the_last():
    last = score_assessment([QMS], [A("a", 1), A("b", 3), A("c", 2)])
    this = score_assessment([QMS], [A("a", 3), A("b", 2), A("c", 2)])
    comparison = compare(last, this)
    assert (comparison.score_before, comparison.score_after, comparison.delta) == (40.0, 46.7, 6.7)
    deltas = {c.number: c.delta for c in comparison.clauses}
    assert deltas == {"4": 6.7, "4.1": 10.0, "4.2": 0.0}
    assert [(c.question_id, c.before, c.after) for c in comparison.improved] == [("a", 1, 3)]
    assert [(c.question_id, c.before, c.after) for c in comparison.regressed] == [("b", 3, 2)]


def test_unanswered_questions_are_neither_improved_nor_regressed():
    comparison = compare(score_assessment([QMS], []), score_assessment([QMS], [A("a", 5)]))
    assert comparison.improved == () and comparison.regressed == ()
    assert comparison.delta is None
