"""The go-live date: set in the wizard, shown in the details, read by the Stage 2 verdict."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate

from imsdesk import services
from imsdesk.ui.wizard.wizard import CLAUSES, SETUP


def test_the_wizard_records_when_the_system_went_live(qtbot, db, main_window):
    main_window.actions.new_assessment.trigger()
    wizard = main_window.wizards[None]
    wizard.next()
    assert wizard.currentId() == SETUP
    setup = wizard.setup
    setup.client.setEditText("Bolt plc")
    assert not setup.go_live.isEnabled()  # not yet in operation, until said so
    setup.running.setChecked(True)
    setup.go_live.setDate(QDate(2026, 2, 2))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == CLAUSES, timeout=10000)
    record = wizard.data.detail.assessment
    assert services.load_assessment(db, record.id).assessment.go_live == dt.date(2026, 2, 2)
    wizard.close()
    qtbot.waitUntil(lambda: main_window.model.record(record.id) is not None, timeout=10000)
    assert main_window.tree.select(record.id)
    main_window.actions.show_details.trigger()
    form = main_window.details.facts
    shown = {
        form.itemAt(r, form.ItemRole.LabelRole).widget().text(): form.itemAt(
            r, form.ItemRole.FieldRole
        )
        .widget()
        .text()
        for r in range(form.rowCount())
    }
    assert shown["In operation since:"] == "2026-02-02"
