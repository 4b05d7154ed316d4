"""The dashboard, the targets dialog and the comparison of cycles, on the demo assessment."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from imsdesk import services
from imsdesk.demo import create_demo
from imsdesk.planning import load_library
from imsdesk.services import AnswerInput
from imsdesk.services.scoring import score
from imsdesk.ui.dashboard.compare_view import CompareView
from imsdesk.ui.dashboard.dashboard import GAP_COLUMNS, Dashboard
from imsdesk.ui.dashboard.data import Gap
from imsdesk.ui.models.rows_model import RowsModel
from imsdesk.ui.wizard.question_widget import QuestionWidget

TODAY = dt.date(2026, 3, 10)


@pytest.fixture
def demo(db, catalog):
    return create_demo(db, catalog, load_library(), today=TODAY)


def show_dashboard(qtbot, window, assessment_id) -> Dashboard:
    assert window.tree.select(assessment_id)
    dashboard = window.tabs.show_view("dashboard")
    qtbot.waitUntil(lambda: dashboard.data is not None, timeout=15000)
    return dashboard


def test_the_dashboard_shows_the_verdict_with_its_reasons(qtbot, db, catalog, demo, main_window):
    dashboard = show_dashboard(qtbot, main_window, demo.id)
    card = score(db, catalog, demo.id).card
    verdict = dashboard.verdict.text()
    assert "Readiness: <span style='color:#b3261e'>Not ready</span>" in verdict
    for standard in card.standards:
        assert standard.verdict.text in verdict
        for reason in standard.verdict.reasons:
            assert reason.replace("&", "&amp;") in verdict
    assert f"{card.score:.0f}" in dashboard.scores.text()
    # findings by clause, as the verdict counts them
    majors = card.standard("iso14001-2015").clause_findings["likely major"]
    assert f"{majors}&nbsp;likely&nbsp;major" in dashboard.scores.text()
    assert len(dashboard.canvases) == 3  # sections, then each standard by clause
    titles = [c.radar.title for c in dashboard.canvases]
    assert titles == ["Harmonized sections", "ISO 9001 by clause", "ISO 14001 by clause"]
    top = dashboard.gaps_model.rows[0]
    assert (top.question_id, top.finding) == (card.gaps[0].question_id, "likely major")


def test_the_dashboard_follows_an_answer_changed_in_the_wizard(
    qtbot, db, catalog, demo, main_window
):
    dashboard = show_dashboard(qtbot, main_window, demo.id)
    before = dashboard.data
    assert "ISO 9001:</b> <span style='color:#8a5a00'><b>Ready for Stage 1 audit" in (
        dashboard.verdict.text()
    )
    main_window.open_wizard(demo.id, "9001-4.1-a")
    qtbot.waitUntil(lambda: demo.id in main_window.wizards, timeout=10000)
    wizard = main_window.wizards[demo.id]
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QuestionWidget))
    assert QApplication.focusWidget().question.id == "9001-4.1-a"
    with qtbot.waitSignal(dashboard.loaded, timeout=15000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_0)
    assert dashboard.data is not before
    # a core requirement absent: a likely major, which stands before Stage 2 (not Stage 1)
    assert "Before Stage 2: 1 likely major nonconformity (4.1)" in dashboard.verdict.text()
    assert services.load_assessment(db, demo.id).answer_for("9001-4.1-a").maturity == 0
    wizard.close()


def test_activating_a_gap_opens_its_question_in_the_wizard(qtbot, demo, main_window):
    dashboard = show_dashboard(qtbot, main_window, demo.id)
    index = dashboard.gaps_proxy.index(2, 3)
    wanted = dashboard.gaps_model.rows[dashboard.gaps_proxy.mapToSource(index).row()]
    dashboard.gaps.setFocus()
    dashboard.gaps.setCurrentIndex(index)
    qtbot.keyClick(dashboard.gaps, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: demo.id in main_window.wizards, timeout=10000)
    wizard = main_window.wizards[demo.id]
    qtbot.waitUntil(
        lambda: (
            isinstance(QApplication.focusWidget(), QuestionWidget)
            and QApplication.focusWidget().question.id == wanted.question_id
        ),
        timeout=10000,
    )
    assert wanted.question_id in wizard.clauses.pages[wizard.clauses.current_row].question_ids
    wizard.close()


def test_gap_sorting_and_the_model(qtbot, qtmodeltester, demo, main_window):
    dashboard = show_dashboard(qtbot, main_window, demo.id)
    qtmodeltester.check(dashboard.gaps_model)
    qtmodeltester.check(dashboard.gaps_proxy)
    maturity = [c.title for c in GAP_COLUMNS].index("Maturity")
    dashboard.gaps.sortByColumn(maturity, Qt.SortOrder.DescendingOrder)
    proxy = dashboard.gaps_proxy
    shown = [proxy.index(r, maturity).data() for r in range(proxy.rowCount())]
    assert shown == sorted(shown, reverse=True)


def test_an_unscored_value_sorts_last_both_ways(qtmodeltester):
    def gap(rank: int, maturity: int | None) -> Gap:
        return Gap(rank, f"q{rank}", "ISO 9001", "4.1", "", "text", maturity, 3, "", 1.0)

    model: RowsModel[Gap] = RowsModel(GAP_COLUMNS)
    model.set_rows([gap(1, 2), gap(2, None), gap(3, 4)])
    qtmodeltester.check(model)
    model.sort(4, Qt.SortOrder.AscendingOrder)
    assert [g.maturity for g in model.rows] == [2, 4, None]
    model.sort(4, Qt.SortOrder.DescendingOrder)
    assert [g.maturity for g in model.rows] == [4, 2, None]


def test_targets_set_from_the_dashboard(qtbot, db, catalog, demo, main_window):
    dashboard = show_dashboard(qtbot, main_window, demo.id)
    main_window.actions.targets.trigger()
    dialog = main_window.targets_dialog
    qtbot.waitUntil(lambda: bool(dialog.combos), timeout=10000)
    row = next(
        i
        for i, c in enumerate(dialog.targets.clauses)
        if (c.pack_id, c.number) == ("iso14001-2015", "6.1.2")
    )
    dialog.combos[row].setCurrentIndex(dialog.combos[row].findData(1))
    dialog.target.setValue(2)
    with qtbot.waitSignal(dashboard.loaded, timeout=15000):
        dialog.buttons.accepted.emit()
    detail = services.load_assessment(db, demo.id)
    assert detail.assessment.target_maturity == 2
    assert detail.target_overrides() == {("iso14001-2015", "6.1.2"): 1}
    assert "the target 2 sets the opportunities" in dashboard.scores.text()


def test_compare_shows_what_changed_since_the_last_cycle(
    qtbot, qtmodeltester, db, catalog, demo, main_window
):
    later = services.next_cycle(db, demo.id, date=dt.date(2027, 3, 10))
    services.save_answers(
        db,
        later.id,
        [AnswerInput("14001-6.1.1-a", 4), AnswerInput("9001-4.1-a", 1)],
        catalog,
    )
    main_window.controller.reload()
    qtbot.waitUntil(lambda: main_window.model.record(later.id) is not None)
    assert main_window.tree.select(later.id)
    view: CompareView = main_window.tabs.show_view("compare")
    qtbot.waitUntil(lambda: view.data is not None, timeout=15000)
    assert "previous cycle" in view.choice.currentText()
    changes = {(r.question_id, r.before, r.after) for r in view.change_model.rows}
    before = services.load_assessment(db, demo.id)
    old_env = before.answer_for("14001-6.1.1-a").maturity
    old_qms = before.answer_for("9001-4.1-a").maturity
    assert changes == {("14001-6.1.1-a", old_env, 4), ("9001-4.1-a", old_qms, 1)}
    deltas = {(r.standard, r.clause): r.delta for r in view.delta_model.rows}
    assert deltas[("ISO 14001", "6.1.1")] > 0 and deltas[("ISO 9001", "4.1")] < 0
    assert deltas[("ISO 9001", "8.1")] == 0
    assert view.canvas is not None and len(view.canvas.radar.series) == 2
    qtmodeltester.check(view.delta_model)
    qtmodeltester.check(view.change_model)

    # the earlier one has nothing to compare with; and a later one is refused with the reason
    assert main_window.tree.select(demo.id)
    qtbot.waitUntil(lambda: not view.choice.isEnabled(), timeout=15000)
    assert "no earlier assessment" in view.hint.text()
    with qtbot.waitSignal(view.loaded, timeout=15000):
        view.compare_with(later.id)
    assert "compare an assessment with an earlier one" in view.hint.text()
    assert view.change_model.rows == []
