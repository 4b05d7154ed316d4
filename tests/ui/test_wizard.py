"""The assessment wizard, driven from the keyboard like a consultant on site would."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from imsdesk import services
from imsdesk.ui.wizard.clause_view import ClauseView
from imsdesk.ui.wizard.field_edit import FieldEdit
from imsdesk.ui.wizard.question_widget import QuestionWidget
from imsdesk.ui.wizard.wizard import CLAUSES, OBJECTIVES, REVIEW, SETUP, AssessmentWizard

DIGIT = {n: getattr(Qt.Key, f"Key_{n}") for n in range(6)}


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


def type_text(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def current_question(wizard: AssessmentWizard) -> str:
    widget = focused()
    while widget is not None and not isinstance(widget, QuestionWidget):
        widget = widget.parentWidget()
    assert widget is not None, f"the focus is not on a question but on {focused()!r}"
    return widget.question.id


def open_wizard(qtbot, window, assessment_id) -> AssessmentWizard:
    window.open_wizard(assessment_id)
    qtbot.waitUntil(lambda: assessment_id in window.wizards, timeout=10000)
    wizard = window.wizards[assessment_id]
    qtbot.waitActive(wizard)
    assert wizard.currentId() == CLAUSES
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QuestionWidget))
    return wizard


def stored(db, assessment_id) -> dict[str, services.AnswerRecord]:
    return {a.question_id: a for a in services.load_assessment(db, assessment_id).answers}


def test_create_client_site_and_assessment_in_the_wizard(qtbot, db, main_window):
    main_window.actions.new_assessment.trigger()
    wizard = main_window.wizards[None]
    qtbot.waitActive(wizard)
    assert "QMS" in wizard.intro.subTitle() or "customer-driven" in wizard.intro.subTitle()
    wizard.next()
    assert wizard.currentId() == SETUP
    setup = wizard.setup
    setup.client.setEditText("Bolt plc")
    setup.site.setEditText("Hull works")
    setup.assessor.setText("P. Consultant")
    setup.target.setValue(4)
    assert setup.scope_buttons.checkedButton().property("scope") == "integrated"
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == CLAUSES, timeout=10000)
    record = wizard.data.detail.assessment
    assert record.organisation_name == "Bolt plc" and record.site_name == "Hull works"
    assert record.title == f"Gap analysis {dt.date.today().year}"
    assert record.target_maturity == 4 and record.assessor == "P. Consultant"
    assert [p.pack_id for p in record.packs] == ["iso9001-2015", "iso14001-2015"]
    assert main_window.wizards[record.id] is wizard
    # the new client shows up in the main window
    qtbot.waitUntil(lambda: main_window.model.index_of(record.id).isValid())
    wizard.close()


def test_a_setup_problem_is_shown_on_the_page(qtbot, main_window):
    main_window.actions.new_assessment.trigger()
    wizard = main_window.wizards[None]
    wizard.next()
    wizard.next()  # no client name
    assert wizard.currentId() == SETUP
    assert "client" in wizard.setup.error.text()
    wizard.setup.client.setEditText("x" * 250)
    wizard.next()
    qtbot.waitUntil(
        lambda: wizard.setup.error.isVisible() and "too long" in wizard.setup.error.text()
    )
    assert wizard.currentId() == SETUP
    wizard.close()


def test_a_whole_clause_from_the_keyboard(qtbot, db, assessment, main_window):
    wizard = open_wizard(qtbot, main_window, assessment.id)
    clauses = wizard.clauses
    first_page = clauses.pages[0]
    assert clauses.current_row == 0
    assert current_question(wizard) == first_page.question_ids[0]
    for n, question_id in enumerate(first_page.question_ids):
        assert current_question(wizard) == question_id
        press(qtbot, DIGIT[n % 6])
    # one keystroke per answer, then on to the next clause
    assert clauses.current_row == 1
    assert current_question(wizard) == clauses.pages[1].question_ids[0]
    assert wizard.saver.finish(10000)
    answers = stored(db, assessment.id)
    assert {q: answers[q].maturity for q in first_page.question_ids} == {
        q: n % 6 for n, q in enumerate(first_page.question_ids)
    }
    assert clauses.list_model.data(clauses.list_model.index(0)).startswith("✔")
    wizard.close()


def test_close_in_the_middle_and_reopen_where_you_were(qtbot, db, assessment, main_window):
    wizard = open_wizard(qtbot, main_window, assessment.id)
    page = wizard.clauses.pages[1]
    wizard.clauses.go_to(1)
    press(qtbot, DIGIT[2])
    press(qtbot, DIGIT[3])
    where = current_question(wizard)
    assert where == page.question_ids[2]  # moved on to the next unanswered question
    press(qtbot, Qt.Key.Key_Tab)  # into the notes
    assert isinstance(focused(), FieldEdit) and focused().objectName() == "notes"
    type_text(qtbot, "Seen the register; last review 2025")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused().objectName() == "evidence"
    type_text(qtbot, "Risk register v4")
    wizard.close()  # straight away: the text is still waiting for its pause
    assert not wizard.isVisible()
    answers = stored(db, assessment.id)
    assert answers[page.question_ids[0]].maturity == 2
    assert answers[page.question_ids[1]].maturity == 3
    assert answers[where].notes == "Seen the register; last review 2025"
    assert answers[where].evidence == "Risk register v4"
    qtbot.waitUntil(lambda: assessment.id not in main_window.wizards)

    again = open_wizard(qtbot, main_window, assessment.id)
    assert again.clauses.current_row == 1
    assert current_question(again) == where
    view = again.clauses.views[1]
    widget = view.widget_for(where)
    assert widget.notes.toPlainText() == "Seen the register; last review 2025"
    assert not any(button.isChecked() for button in widget.level_buttons.values())
    assert view.widget_for(page.question_ids[0]).level_buttons[2].isChecked()
    assert view.widget_for(page.question_ids[1]).level_buttons[3].isChecked()
    again.close()


def test_not_applicable_takes_you_to_the_justification(qtbot, db, catalog, assessment, main_window):
    pack = catalog.pack("iso9001-2015")
    allowed = next(q for q in pack.questions if q.na_allowed)
    refused = pack.questions[0]
    wizard = open_wizard(qtbot, main_window, assessment.id)
    wizard.clauses.go_to_question(allowed.id)
    assert current_question(wizard) == allowed.id
    press(qtbot, Qt.Key.Key_N)
    assert focused().objectName() == "justification"
    type_text(qtbot, "We design nothing; customers supply drawings.")
    press(qtbot, Qt.Key.Key_Escape)
    assert current_question(wizard) == allowed.id
    wizard.clauses.go_to_question(refused.id)
    press(qtbot, Qt.Key.Key_N)
    assert "cannot be marked not applicable" in wizard.clauses.message.text()
    assert wizard.saver.finish(10000)
    answer = stored(db, assessment.id)[allowed.id]
    assert answer.not_applicable and answer.maturity is None
    assert answer.justification == "We design nothing; customers supply drawings."
    assert refused.id not in stored(db, assessment.id)
    wizard.close()


def test_moving_between_questions_and_clauses(qtbot, assessment, main_window):
    wizard = open_wizard(qtbot, main_window, assessment.id)
    clauses = wizard.clauses
    ids = clauses.pages[0].question_ids
    press(qtbot, Qt.Key.Key_Down)
    assert current_question(wizard) == ids[1]
    press(qtbot, Qt.Key.Key_Up)
    assert current_question(wizard) == ids[0]
    press(qtbot, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert clauses.current_row == 1
    press(qtbot, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert clauses.current_row == 1
    wizard.next()  # Next steps through the clauses too
    assert wizard.currentId() == CLAUSES and clauses.current_row == 2
    wizard.go_back()
    assert clauses.current_row == 1
    wizard.close()


def test_auto_advance_can_be_turned_off(qtbot, assessment, main_window, settings):
    wizard = open_wizard(qtbot, main_window, assessment.id)
    wizard.clauses.auto_advance.setChecked(False)
    first = current_question(wizard)
    press(qtbot, DIGIT[4])
    assert current_question(wizard) == first
    assert settings.auto_advance is False
    wizard.close()


def test_find_a_question_by_its_text(qtbot, catalog, assessment, main_window):
    question = catalog.pack("iso14001-2015").question("14001-6.1.2-a")
    words = " ".join(question.text.split()[2:6])
    wizard = open_wizard(qtbot, main_window, assessment.id)
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert focused() is wizard.clauses.side.find
    type_text(qtbot, words)
    assert wizard.clauses.side.proxy.rowCount() >= 1
    press(qtbot, Qt.Key.Key_Return)
    assert current_question(wizard) == question.id
    wizard.close()


def test_review_lists_what_is_open_and_leads_back_to_it(qtbot, assessment, main_window):
    wizard = open_wizard(qtbot, main_window, assessment.id)
    last = len(wizard.clauses.pages) - 1
    wizard.clauses.go_to(last)
    wizard.next()
    assert wizard.currentId() == OBJECTIVES
    wizard.next()
    assert wizard.currentId() == REVIEW
    review = wizard.review
    assert review.open_questions.count() == len(wizard.data.question_ids())
    item = review.open_questions.item(5)
    target = item.data(Qt.ItemDataRole.UserRole + 1)
    review.open_questions.itemActivated.emit(item)
    assert wizard.currentId() == CLAUSES
    assert current_question(wizard) == target
    wizard.close()


def test_every_clause_page_shows_its_questions_side_by_side(qtbot, assessment, main_window):
    wizard = open_wizard(qtbot, main_window, assessment.id)
    clauses = wizard.clauses
    paired = next(i for i, p in enumerate(clauses.pages) if len(p.sides) == 2 and p.contrast)
    clauses.go_to(paired)
    view: ClauseView = clauses.views[paired]
    assert view.findChild(QWidget, "side-qms") is not None
    assert view.findChild(QWidget, "side-ems") is not None
    assert clauses.pages[paired].contrast[:40] in view.findChild(QWidget, "contrast").text()
    total = sum(len(v.questions) for v in [clauses.view(i) for i in range(len(clauses.pages))])
    assert total == len(wizard.data.question_ids()) == 418
    wizard.close()


def test_a_single_standard_assessment_has_one_column(qtbot, db, catalog, main_window):
    from imsdesk.services import NewAssessment, start_assessment

    record = start_assessment(db, catalog, NewAssessment("Solo Ltd", scope="ems"))
    wizard = open_wizard(qtbot, main_window, record.id)
    for row in range(len(wizard.clauses.pages)):
        view = wizard.clauses.view(row)
        assert view.findChild(QWidget, "side-qms") is None
    assert len(wizard.data.question_ids()) == 155
    wizard.close()


def test_a_final_assessment_opens_read_only(qtbot, db, assessment, main_window):
    services.set_status(db, assessment.id, "final")
    wizard = open_wizard(qtbot, main_window, assessment.id)
    assert wizard.saver is None
    assert "Final" in wizard.clauses.saved.text()
    first = current_question(wizard)
    press(qtbot, DIGIT[3])
    assert first not in stored(db, assessment.id)
    assert "final" in wizard.clauses.message.text()
    wizard.close()


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_the_wizard_fits_common_screens(qtbot, assessment, main_window, size):
    wizard = open_wizard(qtbot, main_window, assessment.id)
    wizard.resize(*size)
    assert wizard.minimumSizeHint().width() <= 1366
    assert wizard.minimumSizeHint().height() <= 768
    wizard.close()


def test_next_cycle_answers_are_confirmed_one_keystroke_each(
    qtbot, db, catalog, assessment, main_window
):
    first_page = catalog.pages([catalog.pack("iso9001-2015"), catalog.pack("iso14001-2015")])[
        0
    ].question_ids
    services.save_answers(
        db, assessment.id, [services.AnswerInput(q, maturity=2) for q in first_page], catalog
    )
    record = services.next_cycle(db, assessment.id, date=dt.date(2027, 3, 1))
    wizard = open_wizard(qtbot, main_window, record.id)
    view = wizard.clauses.views[0]
    assert current_question(wizard) == first_page[0]
    assert view.widget_for(first_page[0]).carried.isVisible()
    press(qtbot, DIGIT[2])  # the same level: confirmed as it was
    assert not view.widget_for(first_page[0]).carried.isVisible()
    assert current_question(wizard) == first_page[1]  # the next one still to confirm
    press(qtbot, DIGIT[4])  # changed
    assert wizard.saver.finish(10000)
    answers = stored(db, record.id)
    assert (answers[first_page[0]].maturity, answers[first_page[0]].carried_over) == (2, False)
    assert (answers[first_page[1]].maturity, answers[first_page[1]].carried_over) == (4, False)
    assert answers[first_page[2]].carried_over is True
    wizard.close()


def test_a_situation_that_has_not_arisen_is_answered_with_d_and_a_reason(
    qtbot, db, catalog, assessment, main_window
):
    """A conditional requirement (customer property lost or damaged) that has not come up is
    complete without a maturity; a non-conditional one refuses it."""
    pack = catalog.pack("iso9001-2015")
    conditional = next(q for q in pack.questions if q.conditional)
    always = pack.questions[0]
    wizard = open_wizard(qtbot, main_window, assessment.id)
    wizard.clauses.go_to_question(conditional.id)
    widget = wizard.clauses.view(wizard.clauses.current_row).widget_for(conditional.id)
    assert widget.arise_button is not None and widget.arise_button.isVisible()
    press(qtbot, Qt.Key.Key_D)
    assert focused().objectName() == "justification"
    assert "not come up" in focused().placeholderText()
    assert widget.level_label.text().startswith("To put right")  # no reason yet
    type_text(qtbot, "Nothing of the kind in the last twelve months")
    assert widget.level_label.text().startswith("Does not arise here")
    assert wizard.book.is_complete(conditional.id)
    wizard.clauses.go_to_question(always.id)
    press(qtbot, Qt.Key.Key_D)
    assert "applies whether or not" in wizard.clauses.message.text()
    assert wizard.saver.finish(10000)
    answer = stored(db, assessment.id)[conditional.id]
    assert answer.does_not_arise and answer.maturity is None and not answer.not_applicable
    assert answer.justification == "Nothing of the kind in the last twelve months"
    wizard.close()


def test_an_exclusion_needs_the_scope_answered_first(qtbot, catalog, assessment, main_window):
    pack = catalog.pack("iso9001-2015")
    excluded = next(q for q in pack.questions if q.na_allowed)
    scope = next(q for q in pack.questions if q.proves == "exclusions")
    wizard = open_wizard(qtbot, main_window, assessment.id)
    wizard.clauses.go_to_question(excluded.id)
    widget = wizard.clauses.view(wizard.clauses.current_row).widget_for(excluded.id)
    press(qtbot, Qt.Key.Key_N)
    type_text(qtbot, "We design nothing; customers supply drawings.")
    assert scope.id in widget.level_label.text()  # answer the scope question first
    assert not wizard.book.is_complete(excluded.id)
    wizard.book.set_maturity(scope.id, 3)  # as if answered on its own page
    assert widget.level_label.text() == "Not applicable."
    wizard.close()


@pytest.mark.qt_log_ignore("This plugin does not support")  # the offscreen platform's popup
def test_the_assessor_overrides_a_finding_with_a_reason(
    qtbot, db, catalog, assessment, main_window
):
    question = next(q for q in catalog.pack("iso9001-2015").questions if q.weight >= 1)
    wizard = open_wizard(qtbot, main_window, assessment.id)
    wizard.clauses.go_to_question(question.id)
    widget = wizard.clauses.view(wizard.clauses.current_row).widget_for(question.id)
    assert not widget.finding_row.isVisible()  # nothing to judge before a level
    wizard.clauses.auto_advance.setChecked(False)
    press(qtbot, DIGIT[0])
    assert widget.finding_box.currentText() == "Finding: likely major (computed)"
    press(qtbot, Qt.Key.Key_F)  # opens the list of findings
    assert focused() is widget.finding_box.view()
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)  # As computed -> likely major -> likely minor
    press(qtbot, Qt.Key.Key_Return)
    assert widget.finding_box.currentData() == "likely minor"
    qtbot.waitUntil(lambda: focused() is widget.override_reason)
    assert widget.level_label.text().startswith("To put right")  # a reason is required
    type_text(qtbot, "Done every month, only the record is missing")
    assert widget.level_label.text().startswith("0 ·")
    assert wizard.saver.finish(10000)
    answer = stored(db, assessment.id)[question.id]
    assert (answer.maturity, answer.override_finding) == (0, "likely minor")
    assert answer.override_reason == "Done every month, only the record is missing"
    wizard.close()


def test_notes_and_yes_no_questions_say_what_they_are(qtbot, catalog, assessment, main_window):
    pack = catalog.pack("iso9001-2015")
    note = next(q for q in pack.questions if q.note_only)
    described = next(q for q in pack.questions if q.levels)
    wizard = open_wizard(qtbot, main_window, assessment.id)
    wizard.clauses.go_to_question(note.id)
    widget = wizard.clauses.view(wizard.clauses.current_row).widget_for(note.id)
    badges = [label.text() for label in widget.findChildren(QLabel, "note")]
    assert "Note" in badges
    assert [widget.finding_box.itemData(i) for i in range(widget.finding_box.count())] == [
        "computed", "opportunity for improvement", "conforming",
    ]  # fmt: skip
    wizard.clauses.go_to_question(described.id)
    widget = wizard.clauses.view(wizard.clauses.current_row).widget_for(described.id)
    assert described.level_description(3) in widget.level_buttons[3].toolTip()
    wizard.close()
