"""Filters over the actions (status, owner, standard, overdue) and sorting by the model's keys.

Sorting compares ``ActionsModel.sort_key`` values, which end with the action's place in the
plan: sorting by the first column gives the plan's order back, and ties in any other column
keep it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from imsdesk.ui.plan.actions_model import ActionsModel

Index = QModelIndex | QPersistentModelIndex

UNFINISHED = "\x00unfinished"  # a status filter: every status of work still to do
UNASSIGNED = ""  # an owner filter: actions nobody owns yet


class ActionsFilter(QSortFilterProxyModel):
    def __init__(self, model: ActionsModel, parent: Any = None) -> None:
        super().__init__(parent)
        self._model = model
        self.status: str | None = None  # None: any; UNFINISHED or one of the statuses
        self.owner: str | None = None  # None: anyone; UNASSIGNED or a name
        self.standard: str | None = None  # None: any; NO_STANDARD or e.g. "ISO 9001"
        self.overdue_only = False
        self.setSourceModel(model)
        self.setDynamicSortFilter(True)  # an edit moves or hides its row as the filter says

    def set_status(self, status: str | None) -> None:
        self._set("status", status)

    def set_owner(self, owner: str | None) -> None:
        self._set("owner", owner)

    def set_standard(self, standard: str | None) -> None:
        self._set("standard", standard)

    def set_overdue_only(self, on: bool) -> None:
        self._set("overdue_only", bool(on))

    def _set(self, name: str, value: object) -> None:
        if getattr(self, name) == value:
            return
        self.beginFilterChange()
        setattr(self, name, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self._model
        item = model.row(source_row)
        action = item.action
        if self.status == UNFINISHED and not model.is_open(action):
            return False
        if self.status not in (None, UNFINISHED) and action.status != self.status:
            return False
        if self.owner is not None and action.owner.casefold() != self.owner.casefold():
            return False
        if self.standard is not None and self.standard not in (item.standards or (item.standard,)):
            return False
        return not (self.overdue_only and not model.is_overdue(action))

    def lessThan(self, left: Index, right: Index) -> bool:
        column = left.column()
        return self._model.sort_key(left.row(), column) < self._model.sort_key(right.row(), column)
