"""The actions of a plan as a table: one row per action, in the plan's order (objective link,
then harmonized section, then urgency).

Editing a cell changes the row at once and asks for the write (``edit_requested``); the editor
confirms it with the stored action (``update_action``) or puts the old value back
(``revert``). The model never touches the database.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import replace
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QPalette

from imsdesk.ui.plan.data import NO_STANDARD, PlanRow, PlanSnapshot

if TYPE_CHECKING:
    from imsdesk.planning import ActionData

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    GROUP = 0
    CLAUSE = 1
    TITLE = 2
    FINDING = 3
    OWNER = 4
    DUE = 5
    STATUS = 6
    PRIORITY = 7
    PHASE = 8


HEADERS = {
    Column.GROUP: "Objective link / section",
    Column.CLAUSE: "Clause",
    Column.TITLE: "Action",
    Column.FINDING: "Finding",
    Column.OWNER: "Owner",
    Column.DUE: "Due",
    Column.STATUS: "Status",
    Column.PRIORITY: "Priority",
    Column.PHASE: "Phase",
}
# The action field each editable column changes.
FIELDS = {
    Column.TITLE: "title",
    Column.OWNER: "owner",
    Column.DUE: "due",
    Column.STATUS: "status",
    Column.PRIORITY: "priority",
}
TITLE_MAX, OWNER_MAX = 300, 200  # the database's column sizes
NUMBERS = (Column.PRIORITY,)

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # a Python value; see ActionsModel.sort_key
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the action's id as text
GROUP_ROLE = Qt.ItemDataRole.UserRole + 3  # the group's rank (links first, then sections)
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 4
GENERATED_ROLE = Qt.ItemDataRole.UserRole + 5  # generated from a gap (not the user's own)

OVERDUE_TEXT = QColor("#a4262c")
OVERDUE_BACK = QColor("#fde7e9")


class ActionsModel(QAbstractTableModel):
    # action id, field, new value, old value: save it (then update_action or revert)
    edit_requested = Signal(object, str, object, object)
    invalid = Signal(str)  # an edit refused before it reached the database

    def __init__(self, parent: Any = None, today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        self.today = today
        self._rows: list[PlanRow] = []
        self._by_id: dict[uuid.UUID, int] = {}
        self.snapshot: PlanSnapshot | None = None
        self._bold = QFont()
        self._bold.setBold(True)

    # Filling ---------------------------------------------------------------------------------

    def set_snapshot(self, snapshot: PlanSnapshot | None) -> None:
        self.beginResetModel()
        self.snapshot = snapshot
        self._rows = list(snapshot.rows) if snapshot else []
        self._by_id = {r.action.id: i for i, r in enumerate(self._rows)}
        self.endResetModel()

    def update_action(self, action: ActionData) -> None:
        """Show the action as stored (after a write)."""
        row = self._by_id.get(action.id)
        if row is None:
            return
        self._rows[row] = replace(self._rows[row], action=action)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def revert(self, action_id: uuid.UUID, field: str, old: object) -> None:
        """Put back one field after its write failed (other edits of the row stay)."""
        row = self._by_id.get(action_id)
        if row is not None:
            self.update_action(replace(self._rows[row].action, **{field: old}))

    # Lookup ----------------------------------------------------------------------------------

    @property
    def statuses(self) -> tuple[str, ...]:
        return self.snapshot.statuses if self.snapshot else ()

    @property
    def editable_fields(self) -> frozenset[str]:
        return self.snapshot.editable if self.snapshot else frozenset()

    def row(self, row: int) -> PlanRow:
        return self._rows[row]

    def action(self, row: int) -> ActionData:
        return self._rows[row].action

    def row_of(self, action_id: uuid.UUID) -> int | None:
        return self._by_id.get(action_id)

    def index_of(self, action_id: uuid.UUID, column: int = Column.TITLE) -> QModelIndex:
        row = self._by_id.get(action_id)
        return self.index(row, column) if row is not None else QModelIndex()

    def owners(self) -> list[str]:
        return sorted({r.action.owner for r in self._rows if r.action.owner}, key=str.casefold)

    def standards(self) -> list[str]:
        served = {s for r in self._rows for s in (r.standards or (r.standard,))}
        return sorted(served - {NO_STANDARD})

    def has_no_standard(self) -> bool:
        return any(not r.standards and r.standard == NO_STANDARD for r in self._rows)

    def is_open(self, action: ActionData) -> bool:
        return self.snapshot is not None and action.status in self.snapshot.open_statuses

    def is_overdue(self, action: ActionData) -> bool:
        return action.due is not None and action.due < self.today() and self.is_open(action)

    def overdue_count(self) -> int:
        return sum(self.is_overdue(r.action) for r in self._rows)

    def sort_key(self, row: int, column: int) -> tuple:
        """What the column sorts by; ties keep the plan's order."""
        item = self._rows[row]
        a = item.action
        key: tuple
        if column == Column.GROUP:
            key = ()
        elif column == Column.CLAUSE:
            key = (item.standard, item.clause_order)
        elif column == Column.TITLE:
            key = (a.title.casefold(),)
        elif column == Column.FINDING:
            key = (a.finding or "~own",)
        elif column == Column.OWNER:
            key = (not a.owner, a.owner.casefold())
        elif column == Column.DUE:
            key = (a.due is None, a.due.toordinal() if a.due else 0)
        elif column == Column.STATUS:
            statuses = self.statuses
            key = (statuses.index(a.status) if a.status in statuses else len(statuses),)
        elif column == Column.PHASE:
            key = (a.phase is None, a.phase or 0)
        else:
            key = (a.priority is not None, a.priority or 0.0)  # none below any number
        return (*key, item.position)

    # QAbstractTableModel ---------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not self._valid(index):
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if FIELDS.get(Column(index.column())) in self.editable_fields:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def _valid(self, index: Index) -> bool:
        return (
            index.isValid()
            and index.model() is self
            and 0 <= index.row() < len(self._rows)
            and 0 <= index.column() < len(Column)
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        item = self._rows[index.row()]
        a, column = item.action, Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(item, column)
        if role == Qt.ItemDataRole.EditRole:
            return _edit_value(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == Column.DUE and self.is_overdue(a):
                return QBrush(OVERDUE_TEXT)
            if not self.is_open(a):  # done or cancelled: greyed, as the theme greys text
                palette = QGuiApplication.palette()
                return palette.brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
            return None
        if role == Qt.ItemDataRole.BackgroundRole and column == Column.DUE and self.is_overdue(a):
            return QBrush(OVERDUE_BACK)
        if role == Qt.ItemDataRole.FontRole and (
            column == Column.GROUP or (column == Column.DUE and self.is_overdue(a))
        ):
            return self._bold
        if role == SORT_ROLE:
            return self.sort_key(index.row(), column)
        if role == ID_ROLE:
            return str(a.id)
        if role == GROUP_ROLE:
            return item.group.rank
        if role == OVERDUE_ROLE:
            return self.is_overdue(a)
        if role == GENERATED_ROLE:
            return a.generated
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self._valid(index):
            return False
        field = FIELDS.get(Column(index.column()))
        if field is None or field not in self.editable_fields:
            return False
        action = self._rows[index.row()].action
        try:
            new = self._checked(field, value)
        except ValueError as exc:
            self.invalid.emit(str(exc))
            return False
        old = getattr(action, field)
        if new == old:
            return True
        self.update_action(replace(action, **{field: new}))  # shown at once, saved next
        self.edit_requested.emit(action.id, field, new, old)
        return True

    def _checked(self, field: str, value: Any) -> object:
        """The value as the services take it; ValueError with a message for the user."""
        if field == "title":
            text = " ".join(str(value or "").split())
            if not text:
                raise ValueError("An action needs a title.")
            return text[:TITLE_MAX]
        if field == "owner":
            return " ".join(str(value or "").split())[:OWNER_MAX]
        if field == "due":
            return _date(value)
        if field == "status":
            if value not in self.statuses:
                raise ValueError(
                    f"Unknown status {value!r}; use one of {', '.join(self.statuses)}."
                )
            return value
        if value is None or value == "":
            return None
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ValueError(f"The priority must be a number, not {value!r}.") from None
        if number < 0:
            raise ValueError("The priority cannot be negative.")
        return number

    def _tooltip(self, item: PlanRow, column: Column) -> str:
        a = item.action
        if column == Column.GROUP:
            return item.group.tooltip
        if column == Column.DUE and self.is_overdue(a):
            return f"Overdue: due {a.due.isoformat() if a.due else ''}"
        if column == Column.PRIORITY and "priority" not in self.editable_fields:
            return "Set by the gap's finding and weight; follows the answers."
        if column == Column.PHASE:
            return f"Phase {item.phase}" if item.phase else "Your own action: no phase"
        if column == Column.CLAUSE and item.serves:
            return f"Serves {item.serves}"
        if column == Column.FINDING and not a.generated:
            return "Your own action: refreshing the plan never changes it; Del deletes it."
        lines = [a.title]
        if a.description and a.description != a.title:
            lines += ["", a.description[:600]]
        if a.note:
            lines += ["", a.note]
        if a.edited:
            edited = ", ".join(sorted(a.edited))
            lines += ["", f"Edited by you (kept when the plan is refreshed): {edited}"]
        return "\n".join(lines)


def _display(item: PlanRow, column: Column) -> str:
    a = item.action
    if column == Column.GROUP:
        return item.group.label
    if column == Column.CLAUSE:
        return item.serves or " ".join(p for p in (item.standard, a.clause) if p)
    if column == Column.TITLE:
        return a.title
    if column == Column.FINDING:
        return (a.finding or "") if a.generated else "Own action"
    if column == Column.OWNER:
        return a.owner
    if column == Column.DUE:
        return a.due.isoformat() if a.due else ""
    if column == Column.STATUS:
        return a.status
    if column == Column.PHASE:
        return str(a.phase) if a.phase else ""
    return "" if a.priority is None else f"{a.priority:g}"


def _edit_value(item: PlanRow, column: Column) -> Any:
    a = item.action
    if column == Column.DUE:
        return QDate(a.due.year, a.due.month, a.due.day) if a.due else None
    if column == Column.PRIORITY:
        return a.priority
    return _display(item, column)


def _date(value: Any) -> dt.date | None:
    """A date from a date editor, a QDate, ISO text, or nothing."""
    if value is None or value == "":
        return None
    if isinstance(value, QDate):
        return value.toPython() if value.isValid() else None  # type: ignore[return-value]
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"{value!r} is not a date; write it as yyyy-mm-dd.") from None
