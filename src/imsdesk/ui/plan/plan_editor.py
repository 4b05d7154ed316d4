"""The action-plan editor: the actions of one assessment in a table, edited in place, filtered,
brought up to date with the answers, and the user's own actions added and deleted.

It reads only while shown (or when told to while shown), re-reads when another part of the app
changes the plan, the objectives or the answers of its assessment, and saves every edit at
once, one write per edit. A failed edit puts the old value back and says why.
"""

from __future__ import annotations

import itertools
import uuid
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from imsdesk.errors import UserError
from imsdesk.ui import msgbox
from imsdesk.ui.context import AppContext
from imsdesk.ui.ops import Changes, Kind
from imsdesk.ui.plan import data
from imsdesk.ui.plan.actions_filter import UNASSIGNED, UNFINISHED, ActionsFilter
from imsdesk.ui.plan.actions_model import GROUP_ROLE, OWNER_MAX, TITLE_MAX, ActionsModel, Column
from imsdesk.ui.plan.actions_table import ActionsTable
from imsdesk.ui.plan.add_action_dialog import AddActionDialog
from imsdesk.ui.plan.delegates import (
    DateDelegate,
    GroupDelegate,
    PriorityDelegate,
    StatusDelegate,
    TextDelegate,
)

if TYPE_CHECKING:
    from imsdesk.planning import ActionData

WATCHED = frozenset({Kind.PLAN, Kind.OBJECTIVES, Kind.ANSWERS})
# Column widths from sample texts (measuring every row would cost a pass over the plan); the
# action's text takes the rest.
WIDEST = {
    Column.CLAUSE: "ISO 9001 6.1.2",
    Column.FINDING: "likely major",
    Column.OWNER: "Site manager",
    Column.DUE: "2026-12-31",
    Column.STATUS: "in progress",
    Column.PRIORITY: "Prior.",
    Column.PHASE: "Phase",
}
GROUP_WIDTH = 130  # the group's name shows on its first row; the tooltip has all of it
ERROR_STYLE = "color: #a4262c;"


class PlanEditor(QWidget):
    message = Signal(str)  # for the status bar

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.assessment_id: uuid.UUID | None = None
        self.final = False
        self._generation = 0  # reads that return after a newer one started are dropped
        self._dirty = False  # the plan on screen may be older than the database
        self._edits: dict[uuid.UUID, int] = {}  # edits being saved, per action
        self._writes = 0  # other writes being made (refresh, add, delete)
        self._writes_done = 0  # own writes finished; a read that overlapped one is read again
        self._select_after_load: uuid.UUID | None = None
        self.add_dialog: AddActionDialog | None = None

        self.model = ActionsModel(self)
        self.proxy = ActionsFilter(self.model, self)
        self._build()
        self._connect()
        self._update_buttons()
        self._show_counts()
        self._show_notice("Select an assessment to see its action plan.")

    # Building --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.refresh_button = QPushButton("&Refresh from answers")
        self.refresh_button.setObjectName("refreshFromAnswers")
        self.refresh_button.setToolTip(
            "Add actions for new gaps, close those whose gap has closed and reopen those whose "
            "gap is back; your edits are kept"
        )
        self.add_button = QPushButton("Add a&ction…")
        self.add_button.setObjectName("addAction")
        self.add_button.setToolTip("Add an action of your own (Insert)")
        self.delete_button = QPushButton("&Delete action…")
        self.delete_button.setObjectName("deleteAction")
        self.delete_button.setToolTip("Delete the selected action of your own (Del)")
        self.final_note = QLabel(
            "Final assessment: its answers are locked; the plan stays open for the follow-up."
        )
        self.final_note.setObjectName("finalNote")
        self.final_note.hide()
        buttons = QHBoxLayout()
        for button in (self.refresh_button, self.add_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addWidget(self.final_note)
        buttons.addStretch(1)

        self.status_filter = self._combo("statusFilter")
        self.owner_filter = self._combo("ownerFilter")
        self.standard_filter = self._combo("standardFilter")
        self.overdue_only = QCheckBox("&Overdue only")
        self.overdue_only.setObjectName("overdueOnly")
        self.counts = QLabel()
        self.counts.setObjectName("counts")
        filters = QHBoxLayout()
        for text, combo in (
            ("&Status:", self.status_filter),
            ("O&wner:", self.owner_filter),
            ("S&tandard:", self.standard_filter),
        ):
            label = QLabel(text)
            label.setBuddy(combo)
            filters.addWidget(label)
            filters.addWidget(combo)
        filters.addWidget(self.overdue_only)
        filters.addStretch(1)
        filters.addWidget(self.counts)

        self.table = ActionsTable()
        self.table.setObjectName("actionsTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.GROUP, Qt.SortOrder.AscendingOrder)
        self.delegates = {
            Column.GROUP: GroupDelegate(GROUP_ROLE, self),
            Column.TITLE: TextDelegate(TITLE_MAX, parent=self),
            Column.OWNER: TextDelegate(OWNER_MAX, self.model.owners, self),
            Column.DUE: DateDelegate(self),
            Column.STATUS: StatusDelegate(lambda: self.model.statuses, self),
            Column.PRIORITY: PriorityDelegate(self),
        }
        for column, delegate in self.delegates.items():
            self.table.setItemDelegateForColumn(column, delegate)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        header.resizeSection(Column.GROUP, GROUP_WIDTH)
        for column, sample in WIDEST.items():
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 16)

        rows = self.table.verticalHeader()
        rows.setDefaultSectionSize(metrics.lineSpacing() + 10)  # compact: more of the plan shows
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notice)
        chain = (
            self.refresh_button,
            self.add_button,
            self.delete_button,
            self.status_filter,
            self.owner_filter,
            self.standard_filter,
            self.overdue_only,
            self.table,
        )
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    @staticmethod
    def _combo(name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    def _connect(self) -> None:
        self.ctx.ops.changed.connect(self._on_changed)
        self.refresh_button.clicked.connect(self.refresh_from_answers)
        self.add_button.clicked.connect(self.add_action)
        self.delete_button.clicked.connect(self.delete_current)
        self.table.add_requested.connect(self.add_action)
        self.table.delete_requested.connect(self.delete_current)
        self.model.edit_requested.connect(self._save_edit)
        self.model.invalid.connect(lambda text: self._show_notice(text, error=True))
        self.model.dataChanged.connect(lambda *_: self._after_edit())
        for combo, apply in (
            (self.status_filter, self.proxy.set_status),
            (self.owner_filter, self.proxy.set_owner),
            (self.standard_filter, self.proxy.set_standard),
        ):
            combo.currentIndexChanged.connect(
                lambda _i, combo=combo, apply=apply: apply(combo.currentData())
            )
        self.overdue_only.toggled.connect(self.proxy.set_overdue_only)
        for signal in (
            self.proxy.modelReset,
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._show_counts)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        for delegate in self.delegates.values():
            # A read that arrived while a cell was being edited waits for the edit to end.
            delegate.closeEditor.connect(lambda *_: QTimer.singleShot(0, self._load_if_visible))

    # The assessment --------------------------------------------------------------------------

    def set_assessment(self, assessment_id: uuid.UUID | None, final: bool = False) -> None:
        """Show this assessment's plan (read now if shown, else when shown)."""
        self.final = final
        self.final_note.setVisible(final and assessment_id is not None)
        if assessment_id == self.assessment_id:
            return
        self.assessment_id = assessment_id
        self._generation += 1  # a read of the previous assessment is now stale
        self.model.set_snapshot(None)
        self._show_notice("" if assessment_id else "Select an assessment to see its action plan.")
        self._dirty = assessment_id is not None
        self._update_buttons()
        self._show_counts()
        self._load_if_visible()

    def reread(self) -> None:
        """Read the plan again now if shown, else when shown (the main window's Refresh)."""
        self._dirty = self.assessment_id is not None
        self._load_if_visible()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._load_if_visible()

    def _load_if_visible(self) -> None:
        if not (self._dirty and self.isVisible() and self.ctx.ready):
            return
        if self.table.state() == ActionsTable.State.EditingState:
            return  # after the edit (closeEditor)
        self.reload()

    def reload(self) -> None:
        """Read the plan again; what the user was on stays selected."""
        if self.assessment_id is None or not self.ctx.ready:
            return
        self._dirty = False
        self._generation += 1
        generation, writes = self._generation, self._writes_done
        db, catalog, assessment_id = self.ctx.database(), self.ctx.packs(), self.assessment_id

        def read() -> Any:
            return data.read_plan(db, catalog, assessment_id)

        def show(snapshot: data.PlanSnapshot) -> None:
            if generation != self._generation:
                return
            if self.table.state() == ActionsTable.State.EditingState:
                self._dirty = True  # a reset would close the cell being edited: read after it
                return
            if writes != self._writes_done or self._writes_pending():
                self._dirty = True  # may miss an edit saved meanwhile: read once they are in
                if not self._writes_pending():
                    self._load_if_visible()
                return
            self._show(snapshot)

        def failed(error: BaseException) -> None:
            if generation != self._generation:
                return
            self.model.set_snapshot(None)
            self._update_buttons()
            self._user_error(error)

        if self.model.snapshot is None:
            self.counts.setText("Reading the plan…")
        self.ctx.ops.read(read, show, failed, guard=self)

    def _show(self, snapshot: data.PlanSnapshot) -> None:
        wanted = self._select_after_load or self.current_action_id()
        current = self.table.currentIndex()
        column = current.column() if current.isValid() else None
        self._select_after_load = None
        self.model.set_snapshot(snapshot)
        self.final = snapshot.final  # as stored, whatever the caller last knew
        self.final_note.setVisible(self.final)
        self._fill_filters()
        self._show_counts()
        if wanted is not None:
            self.select(wanted, column)  # unless it is gone or filtered out
        self._update_buttons()

    def _on_changed(self, changes: Changes, initiator: object) -> None:
        if initiator is self or not changes.touches(self.assessment_id):
            return
        if changes.kinds & WATCHED:
            self._dirty = True
            self._load_if_visible()

    # Selection -------------------------------------------------------------------------------

    def current_action(self) -> ActionData | None:
        index = self.proxy.mapToSource(self.table.currentIndex())
        return self.model.action(index.row()) if index.isValid() else None

    def current_action_id(self) -> uuid.UUID | None:
        action = self.current_action()
        return action.id if action else None

    def select(self, action_id: uuid.UUID, column: int | None = None) -> bool:
        """Make the action current (in ``column``, else its text); False if it is not shown."""
        source = self.model.index_of(action_id, Column.TITLE if column is None else column)
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    # Filters ---------------------------------------------------------------------------------

    def _fill_filters(self) -> None:
        model = self.model
        statuses: list[tuple[str, Any]] = [
            ("All", None),
            ("Not finished", UNFINISHED),
            *((s.capitalize(), s) for s in model.statuses),
        ]
        owners: list[tuple[str, Any]] = [
            ("Anyone", None),
            ("Nobody yet", UNASSIGNED),
            *((o, o) for o in model.owners()),
        ]
        standards: list[tuple[str, Any]] = [("All", None), *((s, s) for s in model.standards())]
        if model.has_no_standard():
            standards.append(("None (own actions)", data.NO_STANDARD))
        for combo, items in (
            (self.status_filter, statuses),
            (self.owner_filter, owners),
            (self.standard_filter, standards),
        ):
            _refill(combo, items)

    def _after_edit(self) -> None:
        """An edit may bring a new owner: offer it in the filter."""
        owners = [self.owner_filter.itemData(i) for i in range(2, self.owner_filter.count())]
        if owners != self.model.owners():
            self._fill_filters()
        self._show_counts()

    def _show_counts(self) -> None:
        total = self.model.rowCount()
        if self.assessment_id is None:
            self.counts.setText("")
            return
        shown, overdue = self.proxy.rowCount(), self.model.overdue_count()
        text = f"{total} actions" if shown == total else f"{shown} of {total} actions shown"
        self.counts.setText(f"{text} · {overdue} overdue" if overdue else text)

    # Editing ---------------------------------------------------------------------------------

    def _changes(self, assessment_id: uuid.UUID) -> Changes:
        return Changes.of(Kind.PLAN, assessment=assessment_id)

    def _writes_pending(self) -> bool:
        return self._writes > 0 or any(self._edits.values())

    def _write_finished(self) -> None:
        self._writes_done += 1
        if not self._writes_pending():
            self._load_if_visible()

    def _save_edit(self, action_id: uuid.UUID, field: str, value: object, old: object) -> None:
        if self.assessment_id is None or not self.ctx.ready:
            self.model.revert(action_id, field, old)
            return
        db = self.ctx.database()
        self._edits[action_id] = self._edits.get(action_id, 0) + 1

        def save() -> Any:
            return data.save_edit(db, action_id, field, value)

        def saved(action: ActionData) -> None:
            self._edits[action_id] -= 1
            if not self._edits[action_id]:  # later edits of the row would be undone
                self.model.update_action(action)
            self._write_finished()

        def failed(error: BaseException) -> None:
            self._edits[action_id] -= 1
            self.model.revert(action_id, field, old)
            self._write_finished()
            self._user_error(error, "The change was not saved: ")

        self.ctx.ops.write(
            save,
            saved,
            failed,
            changes=self._changes(self.assessment_id),
            initiator=self,
            guard=self,
        )

    def refresh_from_answers(self) -> None:
        """Bring the plan up to date with the answers; every edit is kept (the planning
        rules), and the line under the table says what changed."""
        if self.assessment_id is None or not self.ctx.ready:
            return
        db, catalog, assessment_id = self.ctx.database(), self.ctx.packs(), self.assessment_id
        self.refresh_button.setEnabled(False)
        self._show_notice("Bringing the plan up to date with the answers…")
        self._writes += 1

        def refresh() -> Any:
            return data.refresh_from_answers(db, catalog, assessment_id)

        def done(report: data.RefreshReport) -> None:
            self._writes -= 1
            self._update_buttons()
            self._show_notice(report.line(), details=report.details())
            self.message.emit(report.line())
            self._dirty = True
            self._write_finished()

        def failed(error: BaseException) -> None:
            self._writes -= 1
            self._update_buttons()
            self._write_finished()
            self._user_error(error, "The plan was not brought up to date: ")

        self.ctx.ops.write(
            refresh,
            done,
            failed,
            changes=lambda report: None if report.empty else self._changes(assessment_id),
            initiator=self,
            guard=self,
        )

    def add_action(self) -> None:
        """Ask for an action of the user's own, under the current row's objective link."""
        snapshot = self.model.snapshot
        if snapshot is None or self.assessment_id is None:
            return
        index = self.proxy.mapToSource(self.table.currentIndex())
        link_id = self.model.row(index.row()).group.link_id if index.isValid() else None
        dialog = AddActionDialog(snapshot, self.model.owners(), self, link_id=link_id)
        dialog.submitted.connect(lambda new: self._add(new, dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.add_dialog = dialog
        dialog.open()

    def _add(self, new: data.NewAction, dialog: AddActionDialog) -> None:
        if self.assessment_id is None or not self.ctx.ready:
            return
        db, assessment_id = self.ctx.database(), self.assessment_id
        self._writes += 1

        def add() -> Any:
            return data.add_own_action(db, assessment_id, new)

        def done(action: ActionData) -> None:
            self._writes -= 1
            if shiboken6.isValid(dialog):
                dialog.accept()
            self._select_after_load = action.id
            self._show_notice(f"Added the action {action.title!r}.")
            self.message.emit(f"Added the action {action.title!r}.")
            self._dirty = True
            self._write_finished()
            self.table.setFocus()

        def failed(error: BaseException) -> None:
            self._writes -= 1
            self._write_finished()
            if isinstance(error, UserError) and shiboken6.isValid(dialog):
                dialog.show_error(str(error))
                return
            if shiboken6.isValid(dialog):
                dialog.buttons.setEnabled(True)
            self._user_error(error)

        self.ctx.ops.write(
            add, done, failed, changes=self._changes(assessment_id), initiator=self, guard=self
        )

    def delete_current(self) -> None:
        """Delete the current action if it is the user's own (after asking). A generated one is
        refused by the services with the reason, which is shown."""
        action = self.current_action()
        if action is None or self.assessment_id is None or not self.ctx.ready:
            return
        if not action.generated and not msgbox.confirm(
            self,
            "Delete action",
            f"Delete your action {action.title!r}? This cannot be undone.",
            "Delete",
        ):
            return
        db, assessment_id, action_id = self.ctx.database(), self.assessment_id, action.id
        self._writes += 1

        def delete() -> Any:
            return data.delete_own_action(db, action_id)

        def done(deleted: ActionData) -> None:
            self._writes -= 1
            self._show_notice(f"Deleted the action {deleted.title!r}.")
            self.message.emit(f"Deleted the action {deleted.title!r}.")
            self._dirty = True
            self._write_finished()

        def failed(error: BaseException) -> None:
            self._writes -= 1
            self._write_finished()
            self._user_error(error)

        self.ctx.ops.write(
            delete, done, failed, changes=self._changes(assessment_id), initiator=self, guard=self
        )

    # Messages --------------------------------------------------------------------------------

    def _user_error(self, error: BaseException, prefix: str = "") -> None:
        """A user's problem in one line under the table; anything else is a bug."""
        if isinstance(error, UserError):
            self._show_notice(f"{prefix}{error}", error=True)
            self.message.emit(f"{prefix}{error}")
        else:
            self.ctx.ops.report(error)

    def _show_notice(self, text: str, *, error: bool = False, details: str = "") -> None:
        self.notice.setText(text)
        self.notice.setToolTip(details)
        self.notice.setStyleSheet(ERROR_STYLE if error else "")
        self.notice.setProperty("error", error)

    def _update_buttons(self) -> None:
        loaded = self.model.snapshot is not None and self.assessment_id is not None
        busy = self._writes > 0
        self.refresh_button.setEnabled(loaded and not busy)
        self.add_button.setEnabled(loaded)
        action = self.current_action()
        self.delete_button.setEnabled(action is not None)
        if action is not None and action.generated:
            self.delete_button.setToolTip(
                "Actions generated from a gap come back when the plan is refreshed: set their "
                "status to cancelled instead"
            )
        else:
            self.delete_button.setToolTip("Delete the selected action of your own (Del)")


def _refill(combo: QComboBox, items: list[tuple[str, Any]]) -> None:
    """New choices, keeping the one made if it is still there (else back to the first)."""
    current = combo.currentData() if combo.count() else None
    wanted = next((i for i, (_, value) in enumerate(items) if value == current), 0)
    if [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())] == items:
        return
    combo.blockSignals(True)
    combo.clear()
    for text, value in items:
        combo.addItem(text, value)
    combo.setCurrentIndex(wanted)
    combo.blockSignals(False)
    if items[wanted][1] != current:
        combo.currentIndexChanged.emit(wanted)
