"""The wizard's list of harmonized clauses, each with how much of it is answered."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from imsdesk.catalog import HarmonizedPage

Index = QModelIndex | QPersistentModelIndex
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1  # the text Ctrl+F looks in
KEY_ROLE = Qt.ItemDataRole.UserRole + 2
DONE, PARTLY, NONE = "✔", "◐", "○"


class ClauseListModel(QAbstractListModel):
    def __init__(
        self,
        pages: Sequence[HarmonizedPage],
        complete: Callable[[str], bool],
        search_text: Callable[[HarmonizedPage], str] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.pages = tuple(pages)
        self._complete = complete
        self._page_of = {q: row for row, p in enumerate(self.pages) for q in p.question_ids}
        self._search = [
            (f"{p.number} {p.title} " + (search_text(p) if search_text else "")).lower()
            for p in self.pages
        ]

    def row_of_question(self, question_id: str) -> int | None:
        return self._page_of.get(question_id)

    def progress(self, row: int) -> tuple[int, int]:
        ids = self.pages[row].question_ids
        return sum(1 for q in ids if self._complete(q)), len(ids)

    def question_changed(self, question_id: str) -> None:
        row = self._page_of.get(question_id)
        if row is not None:
            index = self.index(row)
            self.dataChanged.emit(index, index)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.pages)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.pages):
            return None
        page = self.pages[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            done, total = self.progress(index.row())
            mark = DONE if done == total else PARTLY if done else NONE
            return f"{mark}  {page.number}  {page.title}"
        if role == Qt.ItemDataRole.ToolTipRole:
            done, total = self.progress(index.row())
            lines = [f"{page.number} {page.title}", f"{done} of {total} questions answered"]
            if page.contrast:
                lines.append("Quality and environment side by side")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            done, total = self.progress(index.row())
            return f"{page.number} {page.title}, {done} of {total} answered"
        if role == SEARCH_ROLE:
            return self._search[index.row()]
        if role == KEY_ROLE:
            return page.key
        return None
