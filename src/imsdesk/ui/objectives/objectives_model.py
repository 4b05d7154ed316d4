"""Quality objectives with their linked environmental targets under each, then the environmental
targets no quality objective links to, as a Qt item model over the plan's plain records.

A quality objective without a linked target is marked (icon, red text, and a line under it that
says so): integrating the two systems is the point of the page.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QApplication, QStyle

from imsdesk.ui.objectives.data import measure_text

if TYPE_CHECKING:
    from imsdesk.planning import LinkData, ObjectiveData
    from imsdesk.ui.objectives.data import PageData

Index = QModelIndex | QPersistentModelIndex
NOT_LINKED = "no environmental target linked"
WARNING_COLOUR = QColor("#b3261e")


class Column(IntEnum):
    OBJECTIVE = 0
    MEASURE = 1
    DUE = 2


HEADERS = {Column.OBJECTIVE: "Objective", Column.MEASURE: "Baseline → target", Column.DUE: "Due"}


class ItemKind(StrEnum):
    QUALITY = "quality"  # a quality objective
    LINKED = "linked"  # an environmental target under the quality objective it is linked to
    MISSING = "missing"  # the line under a quality objective with no target linked
    UNLINKED_HEADER = "unlinked-header"  # the heading over the targets not linked
    UNLINKED = "unlinked"  # an environmental target no quality objective links to


KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the objective's id (the parent's, for MISSING)
INCOMPLETE_ROLE = Qt.ItemDataRole.UserRole + 3


@dataclass(eq=False)
class Item:
    kind: ItemKind
    objective: ObjectiveData | None = None
    link: LinkData | None = None
    parent: Item | None = None
    children: list[Item] = field(default_factory=list)
    row: int = 0
    problems: str = ""  # stored values that no longer pass the checks

    def add(self, child: Item) -> Item:
        child.parent, child.row = self, len(self.children)
        self.children.append(child)
        return child


class ObjectivesModel(QAbstractItemModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._roots: list[Item] = []

    # Filling ---------------------------------------------------------------------------------

    def set_data(self, data: PageData | None) -> None:
        self.beginResetModel()
        self._roots = _items(data) if data is not None else []
        self.endResetModel()

    def item(self, index: Index) -> Item | None:
        if not index.isValid():
            return None
        return index.internalPointer()  # type: ignore[no-any-return]

    def items(self) -> list[Item]:
        """Every item, depth first."""
        found: list[Item] = []
        stack = list(reversed(self._roots))
        while stack:
            item = stack.pop()
            found.append(item)
            stack.extend(reversed(item.children))
        return found

    def index_of(self, objective_id: uuid.UUID, link_id: uuid.UUID | None = None) -> QModelIndex:
        """The row of an objective (under the link ``link_id`` if given, else its first row)."""
        for item in self.items():
            if item.kind == ItemKind.MISSING or item.objective is None:
                continue
            if item.objective.id == objective_id and (
                link_id is None or (item.link is not None and item.link.id == link_id)
            ):
                return self.createIndex(item.row, 0, item)
        return QModelIndex()

    def index_of_item(self, item: Item) -> QModelIndex:
        return self.createIndex(item.row, 0, item)

    @property
    def empty(self) -> bool:
        return not self._roots

    # QAbstractItemModel ----------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        owner = self.item(parent)
        siblings = owner.children if owner is not None else self._roots
        return self.createIndex(row, column, siblings[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        item = self.item(index)
        if item is None or item.parent is None:
            return QModelIndex()
        return self.createIndex(item.parent.row, 0, item.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        owner = self.item(parent)
        return len(owner.children) if owner is not None else len(self._roots)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS.get(Column(section)) if 0 <= section < len(Column) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        item = self.item(index)
        if item is None:
            return Qt.ItemFlag.NoItemFlags
        if item.kind == ItemKind.MISSING:
            return Qt.ItemFlag.NoItemFlags  # a remark, not a thing to select
        if item.kind == ItemKind.UNLINKED_HEADER:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item(index)
        if item is None:
            return None
        column = index.column()
        if role == KIND_ROLE:
            return str(item.kind)
        if role == ID_ROLE:
            owner = item.parent if item.kind == ItemKind.MISSING else item
            return owner.objective.id if owner and owner.objective else None
        if role == INCOMPLETE_ROLE:
            return _incomplete(item)
        if item.kind == ItemKind.MISSING:
            return self._missing(role, column)
        if item.kind == ItemKind.UNLINKED_HEADER:
            return self._header(item, role, column)
        return self._objective(item, role, column)

    def _missing(self, role: int, column: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and column == Column.OBJECTIVE:
            return f"⚠ {NOT_LINKED.capitalize()} (Ctrl+Shift+G: suggestions)"
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(WARNING_COLOUR)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _header(self, item: Item, role: int, column: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and column == Column.OBJECTIVE:
            return f"Environmental targets not linked to a quality objective ({len(item.children)})"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _objective(self, item: Item, role: int, column: int) -> Any:
        objective = item.objective
        assert objective is not None
        incomplete = _incomplete(item)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.OBJECTIVE:
                return objective.statement
            if column == Column.MEASURE:
                return measure_text(objective)
            if column == Column.DUE:
                return objective.due.isoformat() if objective.due else ""
        if role == Qt.ItemDataRole.DecorationRole and column == Column.OBJECTIVE:
            if incomplete or item.problems:
                style = QApplication.style()
                return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and (incomplete or item.problems):
            return QBrush(WARNING_COLOUR)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return _describe(item, incomplete)
        return None


def _incomplete(item: Item) -> bool:
    return item.kind == ItemKind.QUALITY and not any(
        c.kind == ItemKind.LINKED for c in item.children
    )


def _describe(item: Item, incomplete: bool) -> str:
    objective = item.objective
    assert objective is not None
    kind = "Quality objective" if item.kind == ItemKind.QUALITY else "Environmental target"
    lines = [f"{kind}: {objective.statement}"]
    if objective.kpi:
        lines.append(f"KPI: {objective.kpi} ({measure_text(objective) or objective.unit})")
    if item.link is not None and item.link.rationale:
        lines.append(f"Why linked: {item.link.rationale}")
    if incomplete:
        lines.append(f"⚠ {NOT_LINKED.capitalize()}.")
    if item.problems:
        lines.append(f"⚠ {item.problems}")
    return "\n".join(lines)


def _items(data: PageData) -> list[Item]:
    plan = data.plan

    def problems(objective: ObjectiveData) -> str:
        return " ".join(m for m in data.problems.get(objective.id, {}).values() if m)

    roots: list[Item] = []
    for group in plan.groups:
        quality = Item(ItemKind.QUALITY, group.objective, problems=problems(group.objective))
        quality.row = len(roots)
        roots.append(quality)
        for target in group.targets:
            quality.add(
                Item(
                    ItemKind.LINKED,
                    target.objective,
                    target.link,
                    problems=problems(target.objective),
                )
            )
        if not group.targets:
            quality.add(Item(ItemKind.MISSING))
    if plan.unlinked_targets:
        header = Item(ItemKind.UNLINKED_HEADER, row=len(roots))
        roots.append(header)
        for objective in plan.unlinked_targets:
            header.add(Item(ItemKind.UNLINKED, objective, problems=problems(objective)))
    return roots
