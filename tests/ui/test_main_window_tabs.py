"""The main window around the selected assessment: its tabs and their shortcuts, Preferences with
another database, About, and the keys that must not reach the list from inside a tab."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from imsdesk import services
from imsdesk.ui import msgbox


def test_the_tabs_follow_the_view_menu_and_are_built_on_first_show(qtbot, assessment, main_window):
    tabs = main_window.tabs
    assert main_window.tree.select(assessment.id)
    assert tabs.lazy["plan"].view is None and tabs.lazy["compare"].view is None
    main_window.actions.show_plan.trigger()
    assert tabs.current_name() == "plan"
    assert tabs.lazy["plan"].view is not None
    main_window.actions.show_details.trigger()
    assert tabs.currentWidget() is main_window.details.info
    main_window.actions.show_compare.trigger()
    assert main_window.ctx.settings.main_tab == "compare"

    # a client shows its facts only, and the assessment's tab comes back after it
    client = main_window.model.record(assessment.organisation_id)
    assert client is not None and main_window.tree.select(assessment.organisation_id)
    assert not tabs.tabBar().isVisible()
    assert tabs.currentWidget() is main_window.details.info
    assert not main_window.actions.export_reports.isEnabled()
    assert main_window.tree.select(assessment.id)
    assert tabs.current_name() == "compare"
    assert main_window.actions.export_reports.isEnabled()


def test_del_inside_a_tab_does_not_delete_the_selected_assessment(
    qtbot, db, assessment, main_window
):
    msgbox.shown.clear()
    assert main_window.tree.select(assessment.id)
    editor = main_window.tabs.show_view("plan")
    combo = editor.findChild(QComboBox)
    combo.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is combo)
    qtbot.keyClick(combo, Qt.Key.Key_Delete)
    assert main_window.model.record(assessment.id) is not None
    assert services.load_assessment(db, assessment.id).assessment.title == "Gap analysis 2026"
    assert not main_window.actions.undo.isEnabled()  # nothing was deleted
    assert not [t for t, _ in msgbox.shown if t == "Delete"]  # nor even asked


def test_preferences_open_another_database_and_come_back(
    qtbot, db, assessment, main_window, tmp_path
):
    settings = main_window.ctx.settings
    main_window.actions.preferences.trigger()
    dialog = main_window.preferences_dialog
    assert str(db.path) in dialog.database.text()
    fresh = tmp_path / "client-b.sqlite3"
    dialog.ask_database_path = lambda create: str(fresh)
    with qtbot.waitSignal(main_window.ready, timeout=10000):
        dialog.choose_database(create=True)
    assert main_window.ctx.db.path == fresh and fresh.exists()
    assert main_window.model.empty
    assert settings.database == str(fresh)
    assert str(fresh) in main_window.statusBar().currentMessage()

    with qtbot.waitSignal(main_window.ready, timeout=10000):
        main_window.switch_database(str(db.path), False)
    assert main_window.model.record(assessment.id) is not None
    assert settings.database == str(db.path)
    assert fresh.exists()  # closed, not deleted: it is there to open again


def test_a_database_that_cannot_be_opened_keeps_the_current_one(
    qtbot, db, assessment, main_window, tmp_path
):
    text = tmp_path / "notes.sqlite3"
    text.write_text("not a database\n" * 50)
    msgbox.shown.clear()
    main_window.switch_database(str(text), False)
    qtbot.waitUntil(lambda: bool(msgbox.shown), timeout=10000)
    assert msgbox.shown[0][0] == "Cannot open the database"
    assert main_window.ctx.db is db
    assert main_window.ctx.settings.database in (None, "")
    assert main_window.model.record(assessment.id) is not None


def test_about_names_the_version_and_where_the_data_lives(qtbot, db, main_window):
    main_window.actions.about.trigger()
    dialog = main_window.about_dialog
    assert str(db.path) in dialog.details()
    assert str(main_window.ctx.settings.path) in dialog.details()
    dialog.close()


def test_a_summary_refresh_due_as_the_window_closes_is_dropped(qtbot, assessment, main_window):
    controller = main_window.controller
    controller._stale.add(assessment.id)
    controller._summary_timer.start()
    main_window.close()
    assert main_window.ctx.ops.closed and not controller._summary_timer.isActive()
    controller._refresh_stale()  # as if the timer had fired anyway: nothing is queued, no error
    assert main_window.ctx.ops.writes_pending == 0
