"""The main window, driven like a user would: real operations on a real database."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout

from imsdesk import services
from imsdesk.ui import msgbox
from imsdesk.ui.app import run_app
from imsdesk.ui.context import AppContext
from imsdesk.ui.main_window import MainWindow
from imsdesk.ui.models.workspace_model import Column, NodeKind

from .conftest import imsdesk_threads


def names(window: MainWindow) -> list[str]:
    """Every row of the tree, indented by depth."""
    model, found = window.model, []

    def walk(parent, depth):
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            found.append("  " * depth + model.data(index))
            walk(index, depth + 1)

    from PySide6.QtCore import QModelIndex

    walk(QModelIndex(), 0)
    return found


def facts(window: MainWindow) -> dict[str, str]:
    """The label: value rows of the details panel."""
    form = window.details.facts
    return {
        form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().text(): form.itemAt(
            row, QFormLayout.ItemRole.FieldRole
        )
        .widget()
        .text()
        for row in range(form.rowCount())
    }


@pytest.fixture
def confirm_yes():
    msgbox.confirm_answer = True
    yield
    msgbox.confirm_answer = False


def test_the_tree_lists_clients_sites_and_assessments(qtbot, db, assessment, main_window):
    assert names(main_window) == ["Acme Widgets Ltd", "  Leeds plant", "    Gap analysis 2026"]
    assert main_window.tree.select(assessment.id)
    details = main_window.details
    assert details.currentWidget() is details.details
    assert "Gap analysis 2026" in details.heading.text()
    assert facts(main_window)["Assessor:"] == "J. Auditor"
    assert facts(main_window)["Questionnaires:"] == "ISO 9001:2015, ISO 14001:2015"
    assert main_window.actions.open.isEnabled()
    assert str(db.path) in main_window.statusBar().currentMessage()


def test_an_empty_database_welcomes_the_user(qtbot, main_window):
    assert main_window.details.currentWidget() is main_window.details.welcome
    assert main_window.actions.new_assessment.isEnabled()


def test_the_summary_is_worked_out_in_the_background(qtbot, db, assessment, main_window):
    index = main_window.model.index_of(assessment.id)
    score = index.siblingAtColumn(Column.SCORE)
    qtbot.waitUntil(lambda: main_window.model.data(score) not in ("…", None))
    assert main_window.model.data(index.siblingAtColumn(Column.COMPLETION)) == "0%"


def test_answers_saved_anywhere_in_the_app_update_the_row(
    qtbot, db, catalog, ctx, assessment, main_window
):
    from imsdesk.ui.ops import Changes, Kind

    main_window.controller._summary_timer.setInterval(10)
    answers = [
        services.AnswerInput(q.id, maturity=5) for q in catalog.pack("iso9001-2015").questions
    ]
    ctx.ops.write(
        lambda: services.save_answers(db, assessment.id, answers, catalog),
        changes=Changes.of(Kind.ANSWERS, assessment=assessment.id),
    )
    done = main_window.model.index_of(assessment.id).siblingAtColumn(Column.COMPLETION)
    share = f"{round(100 * len(answers) / 418)}%"  # ISO 9001 of the two packs
    qtbot.waitUntil(lambda: main_window.model.data(done) == share, timeout=10000)


def test_new_client_and_site_through_their_dialogs(qtbot, main_window):
    main_window.actions.new_organisation.trigger()
    dialog = main_window.record_dialog
    dialog.set_value("name", "  Bolt  plc ")
    dialog.set_value("sector", "Fasteners")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: names(main_window) == ["Bolt plc"])
    qtbot.waitUntil(lambda: main_window.tree.current() is not None)
    assert main_window.tree.current().record.sector == "Fasteners"

    main_window.actions.new_site.trigger()
    dialog = main_window.record_dialog
    dialog.set_value("name", "Hull")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: names(main_window) == ["Bolt plc", "  Hull"])
    qtbot.waitUntil(lambda: main_window.tree.current().kind == NodeKind.SITE)


def test_a_refused_name_is_shown_in_the_dialog_which_stays_open(qtbot, main_window):
    main_window.actions.new_organisation.trigger()
    dialog = main_window.record_dialog
    dialog.set_value("name", "x" * 201)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert "too long" in dialog.error.text()
    assert dialog.isVisible() and names(main_window) == []


def test_rename_in_place(qtbot, assessment, main_window):
    index = main_window.model.index_of(assessment.id)
    main_window.model.setData(index, "Stage 1 readiness")
    qtbot.waitUntil(
        lambda: (
            main_window.model.data(main_window.model.index_of(assessment.id)) == "Stage 1 readiness"
        )
    )


def test_delete_asks_first_and_can_be_undone(
    qtbot, db, catalog, assessment, main_window, confirm_yes
):
    services.save_answer(db, assessment.id, services.AnswerInput("9001-4.1-a", maturity=4))
    main_window.tree.select(assessment.id)
    msgbox.shown.clear()
    main_window.actions.delete.trigger()
    assert "Delete the assessment 'Gap analysis 2026'" in msgbox.shown[-1][1]
    qtbot.waitUntil(lambda: "    Gap analysis 2026" not in names(main_window))
    assert main_window.actions.undo.isEnabled()
    assert "Gap analysis 2026" in main_window.actions.undo.text()
    main_window.actions.undo.trigger()
    qtbot.waitUntil(lambda: "    Gap analysis 2026" in names(main_window))
    restored = services.load_assessment(db, assessment.id)
    assert restored.answer_for("9001-4.1-a").maturity == 4
    assert not main_window.actions.undo.isEnabled()


def test_delete_does_nothing_when_the_user_says_no(qtbot, assessment, main_window):
    main_window.tree.select(assessment.id)
    main_window.actions.delete.trigger()  # msgbox.confirm_answer is False
    qtbot.wait(50)
    assert "    Gap analysis 2026" in names(main_window)


def test_delete_a_client_with_everything_and_undo(qtbot, db, assessment, main_window, confirm_yes):
    main_window.tree.select(assessment.organisation_id)
    main_window.actions.delete.trigger()
    qtbot.waitUntil(lambda: names(main_window) == [])
    main_window.actions.undo.trigger()
    qtbot.waitUntil(lambda: len(names(main_window)) == 3)


def test_next_cycle_finalise_and_reopen(qtbot, db, assessment, main_window):
    main_window.tree.select(assessment.id)
    a = main_window.actions
    assert a.finalise.isEnabled() and not a.reopen.isEnabled()
    a.finalise.trigger()
    status = lambda: main_window.model.data(  # noqa: E731
        main_window.model.index_of(assessment.id).siblingAtColumn(Column.STATUS)
    )
    qtbot.waitUntil(lambda: status() == "Final")
    main_window.tree.select(assessment.id)
    assert a.reopen.isEnabled() and not a.finalise.isEnabled()
    a.reopen.trigger()
    qtbot.waitUntil(lambda: status() == "Draft")

    main_window.tree.select(assessment.id)
    a.next_cycle.trigger()
    qtbot.waitUntil(lambda: len(names(main_window)) == 4)
    qtbot.waitUntil(lambda: main_window.tree.current().id != assessment.id)
    new = main_window.tree.current().record
    assert new.predecessor_id == assessment.id
    assert facts(main_window)["Next cycle of:"].startswith("Gap analysis 2026 (2026-03-02)")


def test_the_last_selection_and_the_window_layout_come_back(
    qtbot, ops, settings, db, catalog, assessment
):
    first = MainWindow(AppContext(ops, settings))
    qtbot.addWidget(first)
    first.show()
    with qtbot.waitSignal(first.ready):
        first.start(lambda: (db, catalog))
    first.tree.select(assessment.id)
    first.splitter.setSizes([300, 700])
    first.close()

    from imsdesk.ui.ops import Operations

    again = Operations()
    second = MainWindow(AppContext(again, settings))
    qtbot.addWidget(second)
    second.show()
    with qtbot.waitSignal(second.ready):
        second.start(lambda: (db, catalog))
    assert second.tree.current().id == assessment.id
    assert second.splitter.sizes()[0] < second.splitter.sizes()[1]
    second.close()


def test_opening_and_closing_the_window_twenty_times_leaves_no_thread(
    qtbot, settings, db, catalog, assessment
):
    from imsdesk.ui.ops import Operations

    for _ in range(20):
        window = MainWindow(AppContext(Operations(), settings))
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitSignal(window.ready):
            window.start(lambda: (db, catalog))
        window.tree.select(assessment.id)
        window.close()
        assert imsdesk_threads() == []


def test_ctrl_q_quits(qtbot, main_window):
    with qtbot.waitActive(main_window):
        main_window.activateWindow()
    qtbot.keyClick(main_window.tree.view, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not main_window.isVisible())


def test_the_filter_narrows_the_tree(qtbot, db, assessment, main_window):
    services.create_organisation(db, "Bolt plc")
    main_window.actions.refresh.trigger()
    qtbot.waitUntil(lambda: len(names(main_window)) == 4)
    main_window.actions.find.trigger()
    assert main_window.tree.filter.hasFocus() or main_window.tree.filter.isVisible()
    main_window.tree.filter.setText("gap analysis")
    proxy = main_window.tree.proxy
    assert proxy.rowCount() == 1
    assert proxy.data(proxy.index(0, 0)) == "Acme Widgets Ltd"


def test_app_refuses_a_bad_database_with_a_message(qapp, tmp_path: Path):
    bad = tmp_path / "bad.db"
    bad.write_text("not a database")
    msgbox.shown.clear()
    code = run_app(argparse.Namespace(db=str(bad), command=None, questionnaires=[]))
    assert code == 1
    [(title, text)] = msgbox.shown
    assert "cannot open its database" in title
    assert "not an IMS Desk database" in text
    assert bad.read_text() == "not a database"


def test_bad_pack_files_are_reported_not_fatal(qtbot, ops, settings, db, tmp_path: Path):
    from imsdesk.catalog import load_catalog

    (tmp_path / "broken.yaml").write_text("format: imsdesk-questionnaire\n")
    catalog = load_catalog([tmp_path])
    window = MainWindow(AppContext(ops, settings))
    qtbot.addWidget(window)
    msgbox.shown.clear()
    with qtbot.waitSignal(window.ready):
        window.start(lambda: (db, catalog))
    [(title, text)] = msgbox.shown
    assert title == "Some questionnaires could not be loaded"
    assert "broken.yaml:1:" in text
