from __future__ import annotations

from PySide6.QtCore import Qt

from imsdesk import services
from imsdesk.ui.assessment_table_model import COLUMNS, AssessmentTableModel


def test_model_shows_assessments(qtmodeltester, db, catalog, assessment):
    services.save_answer(db, assessment.id, services.AnswerInput("9001-4.1-a", maturity=3))
    model = AssessmentTableModel()
    model.set_assessments(services.summarise_assessments(db, catalog))
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    assert model.columnCount() == len(COLUMNS)
    values = [model.data(model.index(0, c)) for c in range(len(COLUMNS))]
    assert values == [
        "Acme Widgets Ltd",
        "Leeds plant",
        "Gap analysis 2026",
        "2026-03-02",
        "Draft",
        "0%",
        "60",
        "Not ready",
        "J. Auditor",
    ]
    assert str(assessment.id) in model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Assessment"


def test_empty_model(qtmodeltester):
    model = AssessmentTableModel()
    qtmodeltester.check(model)
    assert model.rowCount() == 0
