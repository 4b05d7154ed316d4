"""Comparing a cycle with an earlier one: what a consultant shows a client a year later."""

from __future__ import annotations

import datetime as dt

import pytest

from imsdesk import services
from imsdesk.errors import InvalidInput
from imsdesk.services import AnswerInput
from imsdesk.services.comparison import baselines, compare_cycles

NEXT_YEAR = dt.date(2027, 3, 1)


def _answer(db, catalog, assessment_id, question_id: str, maturity: int) -> None:
    services.save_answers(db, assessment_id, [AnswerInput(question_id, maturity)], catalog)


@pytest.fixture
def two_cycles(db, catalog, assessment):
    _answer(db, catalog, assessment.id, "9001-4.1-a", 2)
    _answer(db, catalog, assessment.id, "9001-4.1-b", 4)
    _answer(db, catalog, assessment.id, "14001-6.1.2-a", 3)
    later = services.next_cycle(db, assessment.id, date=NEXT_YEAR)
    _answer(db, catalog, later.id, "9001-4.1-a", 4)  # improved
    _answer(db, catalog, later.id, "9001-4.1-b", 1)  # regressed
    return assessment, later


def test_the_next_cycle_shows_what_improved_and_regressed(db, catalog, two_cycles):
    earlier, later = two_cycles
    result = compare_cycles(db, catalog, earlier.id, later.id)
    improved = {(c.question_id, c.before, c.after) for c in result.comparison.improved}
    regressed = {(c.question_id, c.before, c.after) for c in result.comparison.regressed}
    assert improved == {("9001-4.1-a", 2, 4)}
    assert regressed == {("9001-4.1-b", 4, 1)}
    clause = next(
        c for c in result.comparison.clauses if c.pack_id == "iso9001-2015" and c.number == "4.1"
    )
    assert clause.before is not None and clause.after is not None
    assert clause.delta == round(clause.after - clause.before, 1)
    unchanged = next(
        c for c in result.comparison.clauses if c.pack_id == "iso14001-2015" and c.number == "6.1.2"
    )
    assert unchanged.delta == 0.0


def test_a_later_assessment_or_itself_is_refused(db, catalog, two_cycles):
    earlier, later = two_cycles
    with pytest.raises(
        InvalidInput, match=r"is later than .*compare an assessment with an earlier"
    ):
        compare_cycles(db, catalog, later.id, earlier.id)
    with pytest.raises(InvalidInput, match="cannot be compared with itself"):
        compare_cycles(db, catalog, later.id, later.id)


def test_other_questionnaires_are_refused(db, catalog, assessment):
    qms_only = services.create_assessment(
        db,
        assessment.organisation_id,
        title="QMS only",
        date=NEXT_YEAR,
        packs=services.pack_refs(catalog, ["iso9001-2015"]),
    )
    with pytest.raises(InvalidInput, match="same questionnaires"):
        compare_cycles(db, catalog, assessment.id, qms_only.id)


def test_baselines_are_earlier_ones_of_the_same_client_predecessor_first(db, catalog, two_cycles):
    earlier, later = two_cycles
    older = services.create_assessment(
        db,
        earlier.organisation_id,
        title="Older but not the predecessor",
        date=dt.date(2026, 12, 1),
        packs=services.pack_refs(catalog, ["iso9001-2015", "iso14001-2015"]),
    )
    other_client = services.create_organisation(db, "Someone Else Ltd")
    services.create_assessment(
        db,
        other_client.id,
        title="Another client's",
        date=dt.date(2025, 1, 1),
        packs=services.pack_refs(catalog, ["iso9001-2015", "iso14001-2015"]),
    )
    assert [r.id for r in baselines(db, later.id)] == [earlier.id, older.id]
    assert baselines(db, earlier.id) == []
