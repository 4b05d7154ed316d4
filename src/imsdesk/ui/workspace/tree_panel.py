"""The left side of the main window: a filter box over the clients, sites and assessments."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from imsdesk.ui.models.workspace_model import Column, Node, WorkspaceModel

WIDEST = {
    Column.DATE: "2026-12-31",
    Column.STATUS: "Status",
    Column.COMPLETION: "100%",
    Column.SCORE: "Score",
    Column.READINESS: "Not ready",
}


class TreePanel(QWidget):
    selection_changed = Signal(object)  # the selected Node, or None
    activated = Signal(object)  # a Node the user pressed Enter on or double-clicked

    def __init__(self, model: WorkspaceModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.filter = QLineEdit()
        self.filter.setObjectName("filter")
        self.filter.setPlaceholderText("Filter clients, sites and assessments (Ctrl+F)")
        self.filter.setClearButtonEnabled(True)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setAutoAcceptChildRows(True)  # a matching client shows all its assessments
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(Column.NAME)
        self.filter.textChanged.connect(self._filter)

        self.view = QTreeView()
        self.view.setObjectName("workspaceTree")
        self.view.setModel(self.proxy)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        # Widths from sample texts: sizing to contents would measure every row (a second for
        # 1,000 assessments); the user can still drag them.
        metrics = self.view.fontMetrics()
        for column, sample in WIDEST.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        # Everything starts expanded; what the user folds stays folded across reloads.
        self._folded: set[str] = set()
        self.view.collapsed.connect(lambda index: self._folded.add(self._key(index)))
        self.view.expanded.connect(lambda index: self._folded.discard(self._key(index)))
        self.view.activated.connect(lambda index: self.activated.emit(self._node(index)))
        self.filter.returnPressed.connect(self._focus_first_match)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.view)

    def _node(self, index: QModelIndex) -> Node | None:
        return self.model.node(self.proxy.mapToSource(index))

    def current(self) -> Node | None:
        return self._node(self.view.currentIndex())

    def current_id(self) -> uuid.UUID | None:
        node = self.current()
        return node.id if node else None

    def _key(self, index: QModelIndex) -> str:
        node = self._node(index)
        return str(node.id) if node else ""

    def restore_expansion(self) -> None:
        """After the tree was read again: expand all but what the user folded."""
        folded = set(self._folded)
        self.view.expandAll()
        for key in folded:
            index = self.proxy.mapFromSource(self.model.index_of(uuid.UUID(key)))
            if index.isValid():
                self.view.collapse(index)
        self._folded = folded

    def select(self, record_id: uuid.UUID | None) -> bool:
        index = self.proxy.mapFromSource(self.model.index_of(record_id))
        if not index.isValid():
            return False
        self.view.expand(index.parent())
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(index)
        return True

    def edit_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.view.edit(index.siblingAtColumn(Column.NAME))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.selection_changed.emit(self._node(current))

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if text.strip():
            self.view.expandAll()

    def _focus_first_match(self) -> None:
        first = self.proxy.index(0, 0)
        while first.isValid() and self.proxy.rowCount(first):  # down to the first assessment
            first = self.proxy.index(0, 0, first)
        if first.isValid():
            self.view.setCurrentIndex(first)
            self.view.setFocus()
