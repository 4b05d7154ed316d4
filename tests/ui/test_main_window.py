from __future__ import annotations

import argparse
from pathlib import Path

from PySide6.QtCore import Qt

from imsdesk.ui import msgbox
from imsdesk.ui.app import run_app
from imsdesk.ui.main_window import MainWindow


def test_window_lists_the_assessments(qtbot, db, assessment):
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    assert window.stack.currentWidget() is window.table
    assert window.table.model().rowCount() == 1
    assert window.table.model().data(window.table.model().index(0, 2)) == "Gap analysis 2026"
    assert str(db.path) in window.statusBar().currentMessage()


def test_empty_database_shows_what_to_do(qtbot, db):
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    assert window.stack.currentWidget() is window.empty_label
    assert "No assessments yet" in window.empty_label.text()


def test_ctrl_q_quits(qtbot, db):
    window = MainWindow(db)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    qtbot.keyClick(window.stack.currentWidget(), Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())


def test_refresh_picks_up_new_assessments(qtbot, db, assessment):
    from imsdesk import services

    window = MainWindow(db)
    qtbot.addWidget(window)
    services.duplicate_assessment(db, assessment.id, title="Next cycle")
    window.refresh_action.trigger()
    assert window.table.model().rowCount() == 2


def test_app_refuses_a_bad_database_with_a_message(qapp, tmp_path: Path):
    bad = tmp_path / "bad.db"
    bad.write_text("not a database")
    msgbox.shown.clear()
    code = run_app(argparse.Namespace(db=str(bad), command=None))
    assert code == 1
    [(title, text)] = msgbox.shown
    assert "cannot open its database" in title
    assert "not an IMS Desk database" in text
    assert bad.read_text() == "not a database"
