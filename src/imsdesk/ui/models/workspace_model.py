"""Organisations > sites > assessments as a Qt item model, with each assessment's stored
summary (completion, score, readiness) in its columns.

Assessments without a site hang directly under their organisation, after its sites. The model
holds plain records; renaming in place only asks for the change (``rename_requested``): the
name changes when the database says it did.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

if TYPE_CHECKING:
    from imsdesk.services.overview import AssessmentSummary, Overview

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NAME = 0
    DATE = 1
    STATUS = 2
    COMPLETION = 3
    SCORE = 4
    READINESS = 5


HEADERS = {
    Column.NAME: "Client / site / assessment",
    Column.DATE: "Date",
    Column.STATUS: "Status",
    Column.COMPLETION: "Done",
    Column.SCORE: "Score",
    Column.READINESS: "Readiness",
}
READINESS = {"not-ready": "Not ready", "stage-1": "Stage 1", "stage-2": "Stage 2"}
NUMBERS = (Column.COMPLETION, Column.SCORE)


class NodeKind(StrEnum):
    ORGANISATION = "organisation"
    SITE = "site"
    ASSESSMENT = "assessment"


KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(eq=False)
class Node:
    kind: NodeKind
    id: uuid.UUID
    record: Any  # OrganisationRecord, SiteRecord or AssessmentSummary
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    row: int = 0

    def add(self, child: Node) -> None:
        child.parent, child.row = self, len(self.children)
        self.children.append(child)

    @property
    def name(self) -> str:
        return self.record.title if self.kind == NodeKind.ASSESSMENT else self.record.name


class WorkspaceModel(QAbstractItemModel):
    rename_requested = Signal(str, object, str)  # kind, id, the new name

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._roots: list[Node] = []
        self._nodes: dict[uuid.UUID, Node] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    # Filling ---------------------------------------------------------------------------------

    def set_overview(self, overview: Overview) -> None:
        self.beginResetModel()
        self._roots, self._nodes = [], {}
        for row, organisation in enumerate(overview.organisations):
            root = self._node(NodeKind.ORGANISATION, organisation, None)
            root.row = row
            self._roots.append(root)
        by_id = self._nodes
        # Sites before assessments, so an organisation lists its sites first.
        for site in overview.sites:
            owner = by_id.get(site.organisation_id)
            if owner is not None:
                self._node(NodeKind.SITE, site, owner)
        for summary in overview.assessments:
            owner = by_id.get(summary.site_id) if summary.site_id else None
            owner = owner or by_id.get(summary.organisation_id)
            if owner is not None:
                self._node(NodeKind.ASSESSMENT, summary, owner)
        self.endResetModel()

    def _node(self, kind: NodeKind, record: Any, parent: Node | None) -> Node:
        node = Node(kind, record.id, record)
        if parent is not None:
            parent.add(node)
        self._nodes[node.id] = node
        return node

    def update_summary(self, summary: AssessmentSummary) -> bool:
        """Show a fresh summary of one assessment; False if it is not in the tree (reload)."""
        node = self._nodes.get(summary.id)
        if node is None or node.kind != NodeKind.ASSESSMENT:
            return False
        old = node.record
        if (old.site_id, old.organisation_id) != (summary.site_id, summary.organisation_id):
            return False
        node.record = summary
        index = self.createIndex(node.row, 0, node)
        self.dataChanged.emit(index, index.siblingAtColumn(len(Column) - 1))
        return True

    # Lookup ----------------------------------------------------------------------------------

    def node(self, index: Index) -> Node | None:
        return index.internalPointer() if index.isValid() else None  # type: ignore[return-value]

    def index_of(self, record_id: uuid.UUID | None) -> QModelIndex:
        node = self._nodes.get(record_id) if record_id else None
        return self.createIndex(node.row, 0, node) if node else QModelIndex()

    def record(self, record_id: uuid.UUID) -> Any:
        node = self._nodes.get(record_id)
        return node.record if node else None

    def assessments(self) -> list[AssessmentSummary]:
        return [n.record for n in self._nodes.values() if n.kind == NodeKind.ASSESSMENT]

    @property
    def empty(self) -> bool:
        return not self._roots

    # QAbstractItemModel ----------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        siblings = self._children(parent)
        if not (0 <= row < len(siblings) and 0 <= column < len(Column)):
            return QModelIndex()
        return self.createIndex(row, column, siblings[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node = self.node(index)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(parent))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(Column)

    def _children(self, parent: Index) -> list[Node]:
        node = self.node(parent)
        return node.children if node else self._roots

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column):
            if role == Qt.ItemDataRole.DisplayRole:
                return HEADERS[Column(section)]
            if role == Qt.ItemDataRole.TextAlignmentRole and section in NUMBERS:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == Column.NAME:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        column = Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == Column.NAME:
                return node.name
            return _cell(node.record, column) if node.kind == NodeKind.ASSESSMENT else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(node)
        if role == Qt.ItemDataRole.FontRole and node.kind == NodeKind.ORGANISATION:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == KIND_ROLE:
            return str(node.kind)
        if role == ID_ROLE:
            return str(node.id)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        node = self.node(index)
        if node is None or role != Qt.ItemDataRole.EditRole or index.column() != Column.NAME:
            return False
        text = " ".join(str(value).split())
        if text and text != node.name:
            self.rename_requested.emit(str(node.kind), node.id, text)
        return False  # the name changes once the database has it


def _cell(summary: AssessmentSummary, column: Column) -> str | None:
    if column == Column.DATE:
        return summary.date.isoformat()
    if column == Column.STATUS:
        return summary.status.capitalize()
    if column == Column.COMPLETION:
        return "…" if summary.progress is None else f"{summary.progress:.0f}%"
    if column == Column.SCORE:
        return "…" if summary.score is None and summary.stale else _whole(summary.score)
    if column == Column.READINESS:
        if summary.verdict_level is None:
            return "…" if summary.stale else "—"
        return READINESS.get(summary.verdict_level, summary.verdict_level)
    return None


def _whole(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def _tooltip(node: Node) -> str:
    record = node.record
    if node.kind == NodeKind.ORGANISATION:
        details = [record.name, record.sector, record.size]
        return "\n".join(d for d in details if d)
    if node.kind == NodeKind.SITE:
        return "\n".join(d for d in (record.name, record.address) if d)
    where = record.organisation_name + (f", {record.site_name}" if record.site_name else "")
    lines = [record.title, where]
    if record.verdict_text:
        lines.append(record.verdict_text)
    lines.extend(record.warnings)
    lines.append(f"Id: {record.id}")
    return "\n".join(lines)
