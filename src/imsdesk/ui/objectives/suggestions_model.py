"""The link library's environmental targets for one quality objective, best first, as a list
model; templates already linked to the objective are marked and cannot be accepted again."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

if TYPE_CHECKING:
    from imsdesk.planning import LinkTemplate

Index = QModelIndex | QPersistentModelIndex
TEMPLATE_ROLE = Qt.ItemDataRole.UserRole + 1  # the template's id
LINKED_ROLE = Qt.ItemDataRole.UserRole + 2  # already linked to this quality objective
ALREADY = "already linked"


class SuggestionsModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._templates: list[LinkTemplate] = []
        self._linked: frozenset[str] = frozenset()

    def set_templates(self, templates: Sequence[LinkTemplate], linked: frozenset[str]) -> None:
        self.beginResetModel()
        self._templates = list(templates)
        self._linked = linked
        self.endResetModel()

    def template(self, row: int) -> LinkTemplate | None:
        return self._templates[row] if 0 <= row < len(self._templates) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._templates)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._templates):
            return None
        template = self._templates[index.row()]
        env = template.environmental
        linked = template.id in self._linked
        if role == Qt.ItemDataRole.DisplayRole:
            mark = f"  ✔ {ALREADY}" if linked else ""
            return f"{env.statement} [{env.unit}]{mark}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{template.name}\n{template.rationale}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{env.statement}, measured in {env.unit}" + (f", {ALREADY}" if linked else "")
        if role == TEMPLATE_ROLE:
            return template.id
        if role == LINKED_ROLE:
            return linked
        return None
