"""The assessments of the database as a Qt table model (read-only)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from imsdesk.services import AssessmentSummary

Index = QModelIndex | QPersistentModelIndex

COLUMNS = (
    "Organisation",
    "Site",
    "Assessment",
    "Date",
    "Status",
    "Progress",
    "Score",
    "Readiness",
    "Assessor",
)
NUMBERS = (COLUMNS.index("Progress"), COLUMNS.index("Score"))
READINESS = {"not-ready": "Not ready", "stage-1": "Stage 1", "stage-2": "Stage 2"}


class AssessmentTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[AssessmentSummary] = []

    def set_assessments(self, rows: list[AssessmentSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def assessment(self, row: int) -> AssessmentSummary:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        summary = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(summary, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            record = summary.record
            lines = [record.title, record.organisation_name, f"Id: {record.id}"]
            if summary.card is not None:
                lines.append(summary.card.verdict.text)
            return "\n".join(lines + summary.scope.warnings())
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(summary: AssessmentSummary, column: int) -> str | None:
        record = summary.record
        progress, score = summary.progress, summary.score
        verdict = summary.card.verdict.level if summary.card else None
        values = (
            record.organisation_name,
            record.site_name or "—",
            record.title,
            record.date.isoformat(),
            record.status.capitalize(),
            "—" if progress is None else f"{progress:.0f}%",
            "—" if score is None else f"{score:.0f}",
            READINESS.get(verdict or "", "—"),
            record.assessor,
        )
        return values[column] if 0 <= column < len(values) else None
