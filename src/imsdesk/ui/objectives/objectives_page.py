"""Quality objectives, environmental targets and their links for one assessment: the tree on the
left, the selected objective's form on the right.

A quality objective with no environmental target linked is marked as incomplete in the tree and
in the form; suggestions from the link library are accepted with one click. The page reads only
while it is visible, writes through the writer thread, and reloads when another view changes the
objectives of its assessment. The main window and the wizard's objectives step both embed it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from html import escape
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from imsdesk.ui import msgbox
from imsdesk.ui.context import AppContext
from imsdesk.ui.objectives.data import (
    ENVIRONMENTAL,
    QUALITY,
    FormValues,
    PageData,
    Problems,
    short,
)
from imsdesk.ui.objectives.link_commands import LinkCommands
from imsdesk.ui.objectives.objective_form import ObjectiveForm
from imsdesk.ui.objectives.objectives_model import Column, Item, ItemKind, ObjectivesModel
from imsdesk.ui.objectives.objectives_tree import ObjectivesTree
from imsdesk.ui.ops import Changes, Kind

if TYPE_CHECKING:
    from imsdesk.planning import ObjectiveData
    from imsdesk.planning.library import Library

WATCHED = {Kind.OBJECTIVES, Kind.PLAN, Kind.ASSESSMENT}  # what the page shows or checks against
EMPTY = (
    "No objectives yet. Add a quality objective (Insert), then link an environmental target to "
    "it: suggested from the library (Ctrl+Shift+G) or your own (Ctrl+Shift+E)."
)
FINAL = "This assessment is final, so its objectives are read only. Reopen it to change them."


def changes_for(assessment_id: uuid.UUID) -> Changes:
    # An objective or a link also changes the plan's grouping of the actions.
    return Changes(frozenset({Kind.OBJECTIVES, Kind.PLAN}), frozenset({assessment_id}))


class ObjectivesPage(QWidget):
    message = Signal(str)  # for the status bar
    loaded = Signal()  # the assessment's objectives are shown (again)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.assessment_id: uuid.UUID | None = None
        self.final = False
        self.data: PageData | None = None
        self._library: Library | None = None
        self._generation = 0
        self._stale = False
        self._restoring = False  # selection moves made by the page, not the user
        self._select_after: tuple[uuid.UUID, uuid.UUID | None] | None = None
        self.setObjectName("objectivesPage")

        self.model = ObjectivesModel(self)
        self.tree = ObjectivesTree()
        self.tree.setModel(self.model)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.OBJECTIVE, QHeaderView.ResizeMode.Stretch)
        # Widths from sample texts, so the statements keep most of the room (long units are
        # cut; the tooltip has them whole); the user can still drag them.
        metrics = self.tree.fontMetrics()
        for column, sample in (
            (Column.MEASURE, "18.4 → 16.5 kg CO2e__"),
            (Column.DUE, "2026-12-31__"),
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, metrics.horizontalAdvance(sample))
        self.tree.selectionModel().currentRowChanged.connect(self._current_changed)
        self.tree.delete_requested.connect(self.delete_current)
        self.tree.edit_requested.connect(self.edit_current)

        self.form = ObjectiveForm()
        self.form.submitted.connect(self._save)
        self.form.escaped.connect(lambda: self.tree.setFocus(Qt.FocusReason.OtherFocusReason))

        self.banner = QLabel()  # empty, final, or why nothing can be shown
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.links = LinkCommands(self)
        self._build_actions()
        toolbar = QHBoxLayout()
        for action in (
            self.new_quality,
            self.new_target,
            self.suggest,
            self.link,
            self.unlink,
            self.delete,
        ):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab stays in the tree and form
            toolbar.addWidget(button)
        toolbar.addStretch()

        self.splitter = QSplitter()
        self.splitter.setObjectName("objectivesSplitter")
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.form)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setSizes([500, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(toolbar)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)
        chain = [self.tree, *self.form.focus_chain()]
        for first, second in pairwise(chain):
            self.setTabOrder(first, second)

        ctx.ops.changed.connect(self._on_changed)
        self._update_actions()

    def _build_actions(self) -> None:
        def make(text: str, keys: tuple[str, ...], tip: str, slot: Callable[[], object]) -> QAction:
            action = QAction(text, self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shown = " or ".join(QKeySequence(k).toString() for k in keys) or "Del in the list"
            action.setToolTip(f"{tip} ({shown})")
            action.setStatusTip(tip)
            action.triggered.connect(slot)
            self.addAction(action)
            self.tree.addAction(action)
            return action

        self.new_quality = make(
            "New quality objective",
            ("Ins", "Ctrl+Shift+Q"),
            "Add a quality objective",
            lambda: self.start_new(QUALITY),
        )
        self.new_target = make(
            "New environmental target",
            ("Ctrl+Shift+E",),
            "Add an environmental target of your own",
            lambda: self.start_new(ENVIRONMENTAL),
        )
        self.suggest = make(
            "Suggest targets…",
            ("Ctrl+Shift+G",),
            "Environmental targets from the library that suit the selected quality objective",
            self.links.open_suggestions,
        )
        self.link = make(
            "Link…",
            ("Ctrl+Shift+L",),
            "Link the selected objective to an existing one of the other kind, with the reason",
            self.links.open_link_dialog,
        )
        self.unlink = make(
            "Unlink",
            ("Ctrl+Shift+U",),
            "Remove the selected link (both objectives stay)",
            self.links.unlink_current,
        )
        # Del is taken by the tree itself (see ObjectivesTree), so no shortcut here.
        self.delete = make(
            "Delete…", (), "Delete the selected objective and its links", self.delete_current
        )

    # The assessment --------------------------------------------------------------------------

    def set_assessment(self, assessment_id: uuid.UUID | None, final: bool = False) -> None:
        """Show this assessment's objectives (read once the page is visible)."""
        if assessment_id == self.assessment_id:
            if final != self.final:
                self._set_final(final)
            return
        self._save_before_leaving()
        self.assessment_id = assessment_id
        self.final = final
        self.data = None
        self._select_after = None
        self._generation += 1  # a read still on its way is for the old assessment
        self.model.set_data(None)
        self.form.show_nothing()
        self._show_banner("")
        self._update_actions()
        if assessment_id is not None:
            self._request_load()

    def _save_before_leaving(self) -> None:
        """Another assessment is chosen while the form has unsaved typing: store it (a problem
        goes to the status bar, since its form is gone)."""
        if not self.form.dirty or self.assessment_id is None or self.data is None:
            return
        values = self.form.values()
        if values is None:
            self.message.emit("The objective you were editing was not saved: check its numbers.")
            return
        self._store(values, quietly=True)

    def _set_final(self, final: bool) -> None:
        self.final = final
        self.form.set_read_only(final)
        self._show_banner(FINAL if final else (EMPTY if self.model.empty and self.data else ""))
        self._update_actions()

    @property
    def dirty(self) -> bool:
        """The form holds typing that is not saved."""
        return self.form.dirty

    # Reading ---------------------------------------------------------------------------------

    def _request_load(self) -> None:
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self, select: tuple[uuid.UUID, uuid.UUID | None] | None = None) -> None:
        """Read the objectives again (then select the objective ``select``: its id and the
        link it is shown under); a read that returns after a newer one started is dropped."""
        if select is not None:
            self._select_after = select
        if self.assessment_id is None or not self.ctx.ready:
            self._stale = self.assessment_id is not None
            return
        self._stale = False
        self._generation += 1
        generation = self._generation
        db, catalog = self.ctx.database(), self.ctx.packs()
        library, folders = self._library, self.ctx.extra_questionnaires
        assessment_id = self.assessment_id

        def read() -> PageData:
            from imsdesk.ui.objectives.data import load_library, load_page_data

            return load_page_data(db, catalog, library or load_library(folders), assessment_id)

        def show(data: PageData) -> None:
            if generation == self._generation:
                self._show_data(data)

        def failed(error: BaseException) -> None:
            from imsdesk.errors import UserError

            if generation != self._generation:
                return
            if not isinstance(error, UserError):
                self.ctx.ops.report(error)
                return
            self.data = None
            self.model.set_data(None)
            self.form.show_nothing(str(error))
            self._show_banner(str(error))
            self._update_actions()

        if self.data is None:
            self._show_banner("Reading the objectives…")
        self.ctx.ops.read(read, show, failed, guard=self)

    def _show_data(self, data: PageData) -> None:
        if self._library is None and data.library.problems:
            self.message.emit(
                f"{len(data.library.problems)} problem(s) in link library files; those files "
                f"were skipped: {data.library.problems[0]}"
            )
        self._library = data.library
        self.data = data
        self.final = data.final  # the database's word over what the caller said
        wanted = self._select_after or self._current_key()
        self._select_after = None
        keep_form = self.form.dirty or (self.form.active and self.form.objective_id is None)
        self._restoring = True
        try:
            self.form.set_choices(data.categories, data.statuses, data.frequencies)
            self.model.set_data(data)
            self.tree.expandAll()
            for item in self.model.items():
                if item.kind in (ItemKind.MISSING, ItemKind.UNLINKED_HEADER):
                    index = self.model.index_of_item(item)
                    self.tree.setFirstColumnSpanned(index.row(), index.parent(), True)
            if wanted is not None:
                self._select(*wanted)
        finally:
            self._restoring = False
        self.form.set_read_only(self.final)
        if not keep_form:
            self._show_current()
        self._show_banner(FINAL if self.final else (EMPTY if self.model.empty else ""))
        self._update_actions()
        self.loaded.emit()

    def _on_changed(self, changes: Changes, initiator: object) -> None:
        if initiator is self or not changes.touches(self.assessment_id):
            return
        if changes.kinds & WATCHED:
            self._request_load()

    # Selection -------------------------------------------------------------------------------

    def current_item(self) -> Item | None:
        return self.model.item(self.tree.currentIndex())

    def current_objective(self) -> ObjectiveData | None:
        item = self.current_item()
        return item.objective if item is not None else None

    def _current_key(self) -> tuple[uuid.UUID, uuid.UUID | None] | None:
        item = self.current_item()
        if item is None or item.objective is None:
            return None
        return item.objective.id, item.link.id if item.link else None

    def select(self, objective_id: uuid.UUID, link_id: uuid.UUID | None = None) -> bool:
        """Select an objective's row (the one under ``link_id``, if given) and show it."""
        if not self._select(objective_id, link_id):
            return False
        self._show_current()
        return True

    def _select(self, objective_id: uuid.UUID, link_id: uuid.UUID | None = None) -> bool:
        index = self.model.index_of(objective_id, link_id)
        if not index.isValid() and link_id is not None:
            index = self.model.index_of(objective_id)
        if not index.isValid():
            return False
        was = self._restoring
        self._restoring = True
        try:
            self.tree.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.tree.scrollTo(index)
        finally:
            self._restoring = was
        return True

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._restoring:
            return
        if self.form.dirty and not self._discard_ok():
            self._restoring = True
            try:
                self.tree.selectionModel().setCurrentIndex(
                    previous,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
            finally:
                self._restoring = False
            return
        self._show_current()

    def _discard_ok(self) -> bool:
        text = self.form.statement_text()
        return msgbox.confirm(
            self,
            "Unsaved changes",
            f"The objective “{short(text)}” has changes that are not saved. Discard them?"
            if text.strip()
            else "The objective you were editing is not saved. Discard it?",
            "Discard",
        )

    def _show_current(self) -> None:
        item = self.current_item()
        data = self.data
        if item is None or item.objective is None or data is None:
            self.form.show_nothing()
        else:
            objective = item.objective
            self.form.show_objective(
                objective,
                incomplete=data.incomplete(objective.id),
                link_note=self._link_note(item),
                problems=data.problems.get(objective.id),
            )
        self._update_actions()

    def _link_note(self, item: Item) -> str:
        if item.kind == ItemKind.LINKED and item.link is not None and self.data is not None:
            quality = self.data.objective(item.link.quality_objective_id)
            statement = escape(quality.statement if quality else "")
            note = f"Linked to the quality objective <b>{statement}</b>."
            if item.link.rationale:
                note += f"<br>Why: {escape(item.link.rationale)}"
            return note
        if item.kind == ItemKind.UNLINKED:
            return "Not linked to a quality objective yet: link one with Ctrl+Shift+L."
        if item.kind == ItemKind.QUALITY and self.data is not None:
            count = len(self.data.links_of(item.objective.id)) if item.objective else 0
            return f"{count} environmental target(s) linked." if count else ""
        return ""

    def _update_actions(self) -> None:
        item = self.current_item()
        kind = item.kind if item is not None else None
        editable = self.data is not None and not self.final
        self.new_quality.setEnabled(editable)
        self.new_target.setEnabled(editable)
        self.suggest.setEnabled(editable and kind == ItemKind.QUALITY)
        self.link.setEnabled(
            editable and kind in (ItemKind.QUALITY, ItemKind.LINKED, ItemKind.UNLINKED)
        )
        self.unlink.setEnabled(editable and kind == ItemKind.LINKED)
        self.delete.setEnabled(editable and item is not None and item.objective is not None)

    def _show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    # Commands --------------------------------------------------------------------------------

    def start_new(self, kind: str) -> None:
        """An empty form for a new quality objective or environmental target."""
        if not self.new_quality.isEnabled():
            return
        if self.form.dirty and not self._discard_ok():
            return
        self._restoring = True
        try:
            self.tree.selectionModel().clear()
        finally:
            self._restoring = False
        self.form.start_new(kind)
        self._update_actions()

    def edit_current(self) -> None:
        item = self.current_item()
        if item is not None and item.kind == ItemKind.UNLINKED_HEADER:
            index = self.tree.currentIndex()
            self.tree.setExpanded(index, not self.tree.isExpanded(index))
            return
        if self.form.active:
            self.form.focus_first()

    def _save(self, values: FormValues) -> None:
        self._store(values, quietly=False)

    def _store(self, values: FormValues, *, quietly: bool) -> None:
        """Add or update off the GUI thread; problems come back to the form's fields (or, when
        the form has moved on, to the status bar)."""
        assert self.assessment_id is not None and self.data is not None
        db, assessment_id = self.ctx.database(), self.assessment_id
        date = self.data.assessment_date
        what = "quality objective" if values.kind == QUALITY else "environmental target"

        def store() -> Any:
            from imsdesk.ui.objectives.data import store_objective

            return store_objective(db, assessment_id, values, date)

        def stored(objective: ObjectiveData | Problems) -> None:
            if isinstance(objective, Problems):
                if quietly:
                    self.message.emit(f"The {what} you were editing was not saved: {objective}")
                else:
                    self.form.show_problems(dict(objective.fields))
                return
            self.message.emit(f"Saved the {what} “{short(objective.statement)}”.")
            if quietly:
                return
            self.form.saved(objective.id)
            self.reload(select=(objective.id, self._current_link_id(objective.id)))

        def failed(error: BaseException) -> None:
            from imsdesk.errors import UserError

            if quietly:
                if not isinstance(error, UserError):
                    self.ctx.ops.report(error)
                self.message.emit(f"The {what} you were editing was not saved: {error}")
                return
            if isinstance(error, UserError):
                self.form.show_error(str(error))
            else:
                self.form.show_error(f"The {what} could not be saved.")
                self.ctx.ops.report(error)

        self.write(store, stored, failed)

    def _current_link_id(self, objective_id: uuid.UUID) -> uuid.UUID | None:
        item = self.current_item()
        if item is not None and item.objective is not None and item.objective.id == objective_id:
            return item.link.id if item.link else None
        return None

    def delete_current(self) -> None:
        item = self.current_item()
        if not self.delete.isEnabled() or item is None or item.objective is None:
            return
        assert self.data is not None and self.assessment_id is not None
        objective = item.objective
        if not msgbox.confirm(self, "Delete objective", self._deletion_text(objective), "Delete"):
            return
        db = self.ctx.database()
        what = "quality objective" if objective.kind == QUALITY else "environmental target"

        def delete() -> None:
            from imsdesk.services.objectives import delete_objective

            delete_objective(db, objective.id)

        def deleted(_result: None) -> None:
            self.message.emit(f"Deleted the {what} “{short(objective.statement)}”.")
            if self.form.objective_id == objective.id:
                self.form.show_nothing()
            self.reload()

        self.write(delete, deleted)

    def _deletion_text(self, objective: ObjectiveData) -> str:
        assert self.data is not None
        links = self.data.links_of(objective.id)
        actions = self.data.linked_actions(links)
        if objective.kind == QUALITY:
            text = f"Delete the quality objective “{short(objective.statement)}”?"
            others = "the environmental targets stay, listed as not linked"
        else:
            text = f"Delete the environmental target “{short(objective.statement)}”?"
            others = "the quality objectives stay"
        if links:
            text += f" Its {len(links)} link(s) are removed too; {others}."
        if actions:
            text += (
                f" The {actions} action(s) serving those links stay in the plan, no longer "
                f"tied to a link."
            )
        return text + " This cannot be undone."

    def write(
        self,
        fn: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        """A write of this assessment's objectives, announced unless it came back with
        Problems; by default its user errors go to a message box (there is no field to show
        them at)."""
        assert self.assessment_id is not None
        changes = changes_for(self.assessment_id)

        def to_box(error: BaseException) -> None:
            from imsdesk.errors import UserError

            if isinstance(error, UserError):
                msgbox.error(self, "Cannot do that", str(error))
                self.reload()  # what was shown may be out of date
            else:
                self.ctx.ops.report(error)

        self.ctx.ops.write(
            fn,
            done,
            failed or to_box,
            changes=lambda result: None if isinstance(result, Problems) else changes,
            initiator=self,
            guard=self,
        )
