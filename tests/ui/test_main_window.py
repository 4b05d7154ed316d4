from __future__ import annotations

import argparse
from pathlib import Path

from PySide6.QtCore import Qt

from imsdesk.ui import msgbox
from imsdesk.ui.app import run_app
from imsdesk.ui.main_window import MainWindow


def test_window_lists_the_assessments(qtbot, db, catalog, assessment):
    window = MainWindow(db, catalog)
    qtbot.addWidget(window)
    window.show()
    assert window.stack.currentWidget() is window.table
    assert window.table.model().rowCount() == 1
    assert window.table.model().data(window.table.model().index(0, 2)) == "Gap analysis 2026"
    assert str(db.path) in window.statusBar().currentMessage()


def test_empty_database_shows_what_to_do(qtbot, db, catalog):
    window = MainWindow(db, catalog)
    qtbot.addWidget(window)
    window.show()
    assert window.stack.currentWidget() is window.empty_label
    assert "No assessments yet" in window.empty_label.text()


def test_ctrl_q_quits(qtbot, db, catalog):
    window = MainWindow(db, catalog)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    qtbot.keyClick(window.stack.currentWidget(), Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())


def test_refresh_picks_up_new_assessments(qtbot, db, catalog, assessment):
    from imsdesk import services

    window = MainWindow(db, catalog)
    qtbot.addWidget(window)
    services.duplicate_assessment(db, assessment.id, title="Next cycle")
    window.refresh_action.trigger()
    assert window.table.model().rowCount() == 2


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


def test_progress_is_shown(qtbot, db, catalog, assessment):
    from imsdesk import services

    services.save_answer(db, assessment.id, services.AnswerInput("9001-4.1-a", maturity=3))
    window = MainWindow(db, catalog)
    qtbot.addWidget(window)
    model = window.table.model()
    assert model.data(model.index(0, 5)) == "0%"  # 1 of 313 questions


def test_bad_pack_files_are_reported_not_fatal(qtbot, db, tmp_path: Path):
    from imsdesk.catalog import load_catalog

    (tmp_path / "broken.yaml").write_text("format: imsdesk-questionnaire\n")
    catalog = load_catalog([tmp_path])
    window = MainWindow(db, catalog)
    qtbot.addWidget(window)
    msgbox.shown.clear()
    window.report_pack_problems()
    [(title, text)] = msgbox.shown
    assert title == "Some questionnaires could not be loaded"
    assert "broken.yaml:1:" in text
