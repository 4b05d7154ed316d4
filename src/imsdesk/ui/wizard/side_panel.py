"""The wizard's side panel: every clause with its completion mark, and a find box (Ctrl+F) that
narrows the list to clauses whose title or questions contain the text."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListView, QVBoxLayout, QWidget

from imsdesk.ui.models.clause_list_model import SEARCH_ROLE, ClauseListModel


class FindBox(QLineEdit):
    down = Signal()
    escaped = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down.emit()
        elif event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
        else:
            super().keyPressEvent(event)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                event.accept()  # a line edit passes Enter on: it must not press Next


class SidePanel(QWidget):
    page_chosen = Signal(int)  # row in the model
    find_chosen = Signal(int, str)  # row, the text searched for
    find_cancelled = Signal()

    def __init__(self, model: ClauseListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.find = FindBox()
        self.find.setObjectName("find")
        self.find.setPlaceholderText("Find a clause or question (Ctrl+F)")
        self.find.setClearButtonEnabled(True)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setFilterRole(SEARCH_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.list = QListView()
        self.list.setObjectName("clauseList")
        self.list.setModel(self.proxy)
        self.list.setUniformItemSizes(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.activated.connect(self._activated)
        self.list.clicked.connect(self._activated)
        self.find.textChanged.connect(lambda text: self.proxy.setFilterFixedString(text.strip()))
        self.find.returnPressed.connect(self._find_first)
        self.find.down.connect(self._into_list)
        self.find.escaped.connect(self._cancel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.find)
        layout.addWidget(self.list)

    def show_row(self, row: int) -> None:
        index = self.proxy.mapFromSource(self.model.index(row))
        if index.isValid():
            self.list.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.list.scrollTo(index)

    def start_find(self) -> None:
        self.find.setFocus()
        self.find.selectAll()

    def _activated(self, index: QModelIndex) -> None:
        row = self.proxy.mapToSource(index).row()
        text = self.find.text().strip()
        if text:
            self.find_chosen.emit(row, text)
        else:
            self.page_chosen.emit(row)

    def _find_first(self) -> None:
        first = self.proxy.index(0, 0)
        if first.isValid():
            self._activated(first)

    def _into_list(self) -> None:
        if self.proxy.rowCount():
            self.list.setFocus()
            self.list.setCurrentIndex(self.proxy.index(0, 0))

    def _cancel(self) -> None:
        self.find.clear()
        self.find_cancelled.emit()
