"""Aggregation: clauses, sections, standards, integrated, targets, themes."""

from __future__ import annotations

from imsdesk.catalog import Theme
from imsdesk.scoring import score_assessment
from imsdesk.scoring.radar import clauses_radar, sections_radar, themes_radar
from tests.scoring.helpers import A, pack, q

QMS = pack(
    "qms",
    [
        ("4", "Context", []),
        (
            "4.1",
            "Issues",
            [q("Q4.1a", "4.1", weight=2, serves="p1"), q("Q4.1b", "4.1", serves="p2")],
        ),
        ("8", "Operation", []),
        ("8.3", "Design", []),
        ("8.3.1", "General", [q("Q8.3.1a", "8.3.1", na=True, serves="p3")]),
        ("8.3.2", "Planning", [q("Q8.3.2a", "8.3.2", na=True), q("Q8.3.2b", "8.3.2", na=True)]),
        (
            "8.5",
            "Production",
            [q("Q8.5a", "8.5"), q("Q8.5b", "8.5"), q("Q8.5c", "8.5"), q("Q8.5d", "8.5")],
        ),
    ],
    themes=[Theme("p1", "P1"), Theme("p2", "P2"), Theme("p3", "P3")],
)
EMS = pack(
    "ems",
    [("4", "Context", []), ("4.1", "Issues", [q("E4.1a", "4.1")]), ("8", "Operation", []),
     ("8.1", "Control", [q("E8.1a", "8.1", weight=3)])],
    system="ems",
)  # fmt: skip


def test_weighted_means_at_every_level():
    answers = [A("Q4.1a", 5), A("Q4.1b", 2), A("Q8.5a", 4), A("E4.1a", 1), A("E8.1a", 3)]
    card = score_assessment([QMS, EMS], answers)
    # 4.1: (2*5 + 1*2) / (3*5) = 12/15
    assert card.clause("qms", "4.1").score == 80.0
    assert card.section("4", "qms").score == 80.0
    # QMS: (10 + 2 + 4) / (4*5) = 16/20
    assert card.standard("qms").score == 80.0
    # EMS: (1 + 9) / (4*5)
    assert card.standard("ems").score == 50.0
    # Integrated: the standards weigh the same, however many questions each has: (80 + 50) / 2
    assert card.score == 65.0
    # Section 4 integrated: QMS 80, EMS 1/5 = 20 -> (80 + 20) / 2
    assert card.section("4").score == 50.0
    # Completion: 3 of 9 QMS questions, 5 of 11 in all
    assert card.standard("qms").completion == 33.3
    assert card.completion == 45.5


def test_unanswered_and_unknown_answers_change_no_score():
    base = score_assessment([QMS], [A("Q4.1a", 3)])
    more = score_assessment([QMS], [A("Q4.1a", 3), A("not-a-question", 0)])
    assert base == more
    assert base.clause("qms", "8.5").score is None
    assert base.clause("qms", "8.5").completion == 0.0


def test_not_applicable_is_excluded_but_complete():
    why = "No design: we build to customer drawings"
    card = score_assessment([QMS], [A("Q8.3.2a", None, True, why), A("Q8.3.2b", None, True, why)])
    clause = card.clause("qms", "8.3.2")
    assert (clause.score, clause.completion) == (None, 100.0)
    assert card.question("Q8.3.2a").status == "not applicable"


def test_an_exclusion_covers_a_whole_requirement_not_part_of_a_clause():
    """ISO 9001 4.3: a requirement is excluded whole; N/A on one question of a clause whose other
    questions are answered is inconsistent, so it counts as an answer to put right."""
    na = A("Q8.3.2a", None, True, "No design: we build to customer drawings")
    card = score_assessment([QMS], [na, A("Q8.3.2b", 2)])
    result = card.question("Q8.3.2a")
    assert result.status == "invalid"
    assert "whole requirement" in result.problem
    assert card.clause("qms", "8.3.2").completion == 50.0


def test_clause_target_overrides_the_most_specific_wins():
    answers = [A("Q8.3.1a", 3), A("Q8.3.2a", 3), A("Q8.5a", 3), A("Q4.1a", 3)]
    card = score_assessment(
        [QMS], answers, target=3, clause_targets={("qms", "8"): 4, ("qms", "8.3.2"): 2}
    )
    assert card.question("Q4.1a").target == 3
    assert card.question("Q8.5a").target == 4
    assert card.question("Q8.3.1a").target == 4
    assert card.question("Q8.3.2a").target == 2
    # Level 3 is conformity: below a higher target it is an opportunity, never a nonconformity
    assert card.question("Q8.5a").finding == "opportunity for improvement"
    assert card.question("Q8.3.2a").finding == "conforming"
    # Another pack's override does not apply.
    other = score_assessment([QMS], answers, clause_targets={("ems", "8"): 5})
    assert other.question("Q8.5a").target == 3


def test_a_clause_whose_every_question_sits_at_0_or_1_has_broken_down():
    # Minors at 2 stay minors, however many (the rule must not depend on how a pack splits a
    # clause into questions); every question at 0-1 is a total breakdown: a likely major.
    three = score_assessment([QMS], [A("Q8.5a", 2), A("Q8.5b", 2), A("Q8.5c", 1)])
    assert three.clause("qms", "8.5").finding == "likely minor"
    broken = score_assessment([QMS], [A("Q8.5a", 1), A("Q8.5b", 1), A("Q8.5c", 1), A("Q8.5d", 1)])
    clause = broken.clause("qms", "8.5")
    assert (clause.finding, clause.systemic) == ("likely major", True)
    assert broken.clause("qms", "8").finding == "likely major"  # parents carry the worst
    assert all(broken.question(i).finding == "likely minor" for i in ("Q8.5a", "Q8.5b"))


def test_gaps_ordered_by_priority_then_clause_order():
    answers = [A("Q8.5a", 2), A("Q4.1b", 2), A("Q4.1a", 1), A("Q8.5b", 0)]
    order = [g.question_id for g in score_assessment([QMS], answers).gaps]
    # Q4.1a: 10*2*2*1 = 40; Q8.5b: 10*1*3*2 = 60; Q4.1b and Q8.5a: 10 each, clause order.
    assert order == ["Q8.5b", "Q4.1a", "Q4.1b", "Q8.5a"]


def test_themes_and_radars():
    card = score_assessment([QMS, EMS], [A("Q4.1a", 5), A("Q4.1b", 0), A("E4.1a", 2)])
    assert [(t.theme_id, t.score) for t in card.themes] == [
        ("p1", 100.0),
        ("p2", 0.0),
        ("p3", None),
    ]
    radar = sections_radar(card)
    assert radar.axes == ("4 Context", "8 Operation")
    assert radar.series == (
        ("QMS", (66.7, None)),
        ("EMS", (40.0, None)),
        ("Target", (60.0, 60.0)),
    )
    assert clauses_radar(card, "qms").axes == ("4.1", "8.3", "8.5")
    assert themes_radar(card, "qms").axes == ("P1", "P2", "P3")
    assert themes_radar(card, "ems") is None


def test_radar_target_follows_clause_overrides():
    card = score_assessment([QMS], [], clause_targets={("qms", "4"): 5})
    assert sections_radar(card).series[-1] == ("Target", (100.0, 60.0))
