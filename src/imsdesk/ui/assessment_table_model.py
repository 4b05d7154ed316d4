"""The assessments of the database as a Qt table model (read-only)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from imsdesk.services.records import AssessmentRecord

Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("Organisation", "Site", "Assessment", "Date", "Status", "Answered", "Assessor")


class AssessmentTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[AssessmentRecord] = []

    def set_assessments(self, rows: list[AssessmentRecord]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def assessment(self, row: int) -> AssessmentRecord:
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
        record = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(record, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{record.title}\n{record.organisation_name}\nId: {record.id}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COLUMNS.index("Answered"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(record: AssessmentRecord, column: int) -> str | None:
        values = (
            record.organisation_name,
            record.site_name or "—",
            record.title,
            record.date.isoformat(),
            record.status.capitalize(),
            str(record.answered),
            record.assessor,
        )
        return values[column] if 0 <= column < len(values) else None
