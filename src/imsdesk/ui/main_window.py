"""The main window: clients, sites and assessments on the left, the selection on the right.

It appears before the database is open: ``start`` runs the opening (and any upgrade) on the
writer thread and fills the window when it is done. Heavy modules (SQLAlchemy, the wizard) are
imported only inside operations and handlers.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter, QWidget

from imsdesk import APP_NAME
from imsdesk.ui import msgbox
from imsdesk.ui.context import AppContext
from imsdesk.ui.models.workspace_model import Node, NodeKind, WorkspaceModel
from imsdesk.ui.workspace.actions import WorkspaceActions
from imsdesk.ui.workspace.assessment_tabs import AssessmentTabs
from imsdesk.ui.workspace.controller import WorkspaceController
from imsdesk.ui.workspace.details_panel import DetailsPanel
from imsdesk.ui.workspace.record_dialog import ORGANISATION_FIELDS, SITE_FIELDS, RecordDialog
from imsdesk.ui.workspace.shortcuts import SHORTCUTS
from imsdesk.ui.workspace.tree_panel import TreePanel


class MainWindow(QMainWindow):
    ready = Signal()  # the database is open and the tree is filled for the first time

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(APP_NAME)
        self.resize(1280, 760)
        self.setAcceptDrops(True)  # an exchange file dropped on the window is imported
        self.actions = WorkspaceActions(self)
        self.model = WorkspaceModel(self)
        self.controller = WorkspaceController(ctx, self.model, self)
        self.tree = TreePanel(self.model)
        self.tabs = AssessmentTabs()
        self._add_views()
        self.details = DetailsPanel(self.actions, self.tabs)
        self.details.preferred_tab = ctx.settings.main_tab
        self.details.pack_label = self._pack_label
        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([450, 830])
        self.setCentralWidget(self.splitter)
        self.wizards: dict[uuid.UUID | None, QWidget] = {}
        self._first_load = True
        self._pending_select: uuid.UUID | None = None
        self._selected_id: uuid.UUID | None = None  # kept across reloads of the tree
        self._build_menus()
        self._connect()
        for action in self.actions.needs_database:
            action.setEnabled(False)
        self.statusBar().showMessage("Opening the database…")
        self._restore_state()

    # Start -----------------------------------------------------------------------------------

    def start(self, open_workspace: Callable[[], tuple[Any, Any]]) -> None:
        """Open the database and load the questionnaires on the writer thread."""
        self.ctx.ops.write(open_workspace, self._opened, self._not_opened, guard=self)

    def _opened(self, opened: tuple[Any, Any]) -> None:
        self.ctx.db, self.ctx.catalog = opened
        db = self.ctx.db
        self.statusBar().showMessage(f"Database: {db.describe()}")
        self.controller.reload()
        if db.backup is not None:
            msgbox.information(
                self,
                "Database upgraded",
                f"The database was upgraded to this version of {APP_NAME}.\n"
                f"A copy of the old one was kept: {db.backup}",
            )
        self.report_pack_problems()

    def _not_opened(self, error: BaseException) -> None:
        from imsdesk.errors import UserError

        if not isinstance(error, UserError):
            self.ctx.ops.report(error)
        else:
            msgbox.error(self, f"{APP_NAME} cannot open its database", str(error))
        QApplication.exit(1)

    def report_pack_problems(self) -> None:
        """Bad questionnaire files do not stop the app; say which ones were skipped."""
        problems = self.ctx.catalog.problems if self.ctx.catalog else ()
        if problems:
            msgbox.warning(
                self,
                "Some questionnaires could not be loaded",
                f"{len(problems)} problem(s) in questionnaire files; those files were skipped. "
                f"Fix them and restart, or check them with 'imsdesk validate FILE'.",
                "\n".join(str(p) for p in problems),
            )

    # Building --------------------------------------------------------------------------------

    def _add_views(self) -> None:
        """The assessment's tabs; each view is built (and its modules imported) when first shown."""
        ctx = self.ctx

        def dashboard() -> QWidget:
            from imsdesk.ui.dashboard.dashboard import Dashboard

            view = Dashboard(ctx)
            view.open_question.connect(self.open_wizard)
            view.edit_targets.connect(self.edit_targets)
            return view

        def objectives() -> QWidget:
            from imsdesk.ui.objectives.objectives_page import ObjectivesPage

            view = ObjectivesPage(ctx)
            view.message.connect(self._status)
            return view

        def plan() -> QWidget:
            from imsdesk.ui.plan.plan_editor import PlanEditor

            view = PlanEditor(ctx)
            view.message.connect(self._status)
            return view

        def compare() -> QWidget:
            from imsdesk.ui.dashboard.compare_view import CompareView

            view = CompareView(ctx)
            view.open_question.connect(self.open_wizard)
            return view

        self.tabs.add_view("dashboard", "&Dashboard", dashboard)
        self.tabs.add_view("objectives", "&Objectives", objectives)
        self.tabs.add_view("plan", "Action &plan", plan)
        self.tabs.add_view("compare", "&Compare", compare)

    def _status(self, text: str) -> None:
        self.statusBar().showMessage(text, 10000)

    def _build_menus(self) -> None:
        a = self.actions
        menus = (
            (
                "&File",
                (
                    a.new_assessment,
                    a.new_organisation,
                    a.new_site,
                    None,
                    a.export_reports,
                    a.export_exchange,
                    a.import_exchange,
                    None,
                    a.demo,
                    None,
                    a.preferences,
                    None,
                    a.quit,
                ),
            ),
            ("&Edit", (a.undo, None, a.rename, a.delete, None, a.find)),
            (
                "&Assessment",
                (a.open, a.next_cycle, None, a.targets, None, a.finalise, a.reopen),
            ),
            (
                "&View",
                (
                    a.show_dashboard,
                    a.show_objectives,
                    a.show_plan,
                    a.show_compare,
                    a.show_details,
                    None,
                    a.refresh,
                ),
            ),
            ("&Help", (a.shortcuts, a.about)),
        )
        for title, items in menus:
            menu = self.menuBar().addMenu(title)
            for action in items:
                menu.addSeparator() if action is None else menu.addAction(action)
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (
            a.new_assessment,
            a.open,
            a.next_cycle,
            a.finalise,
            a.reopen,
            a.delete,
            a.undo,
            None,
            a.export_reports,
        ):
            toolbar.addSeparator() if action is None else toolbar.addAction(action)
        # Del and F2 act on the list only: in a tab they belong to the table being edited
        for action in (a.delete, a.rename):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        view = self.tree.view
        for action in (
            a.open,
            a.new_assessment,
            a.new_site,
            a.next_cycle,
            a.finalise,
            a.reopen,
            a.rename,
            a.delete,
            a.export_reports,
            a.export_exchange,
        ):
            view.addAction(action)

    def _connect(self) -> None:
        a, c = self.actions, self.controller
        a.quit.triggered.connect(self.close)
        a.about.triggered.connect(self._about)
        a.shortcuts.triggered.connect(
            lambda: msgbox.information(self, "Keyboard shortcuts", SHORTCUTS)
        )
        a.refresh.triggered.connect(self.refresh)
        a.find.triggered.connect(self._focus_filter)
        a.new_organisation.triggered.connect(self._new_organisation)
        a.new_site.triggered.connect(self._new_site)
        a.new_assessment.triggered.connect(self.new_assessment)
        a.open.triggered.connect(self._open_current)
        a.rename.triggered.connect(self.tree.edit_current)
        a.delete.triggered.connect(self._delete_current)
        a.undo.triggered.connect(c.undo)
        a.next_cycle.triggered.connect(lambda: self._with_assessment(c.next_cycle))
        a.finalise.triggered.connect(
            lambda: self._with_assessment(lambda i: c.set_status(i, "final"))
        )
        a.reopen.triggered.connect(
            lambda: self._with_assessment(lambda i: c.set_status(i, "draft"))
        )
        a.demo.triggered.connect(c.create_demo)
        a.targets.triggered.connect(lambda: self._with_assessment(self.edit_targets))
        a.export_reports.triggered.connect(lambda: self._with_assessment(self.export_reports))
        a.export_exchange.triggered.connect(lambda: self._with_assessment(self.export_exchange))
        a.import_exchange.triggered.connect(self.import_exchange)
        a.preferences.triggered.connect(self.edit_preferences)
        for action, name in (
            (a.show_dashboard, "dashboard"),
            (a.show_objectives, "objectives"),
            (a.show_plan, "plan"),
            (a.show_compare, "compare"),
        ):
            action.triggered.connect(lambda _=False, n=name: self._show_tab(n))
        a.show_details.triggered.connect(lambda: self.tabs.setCurrentWidget(self.details.info))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.tree.selection_changed.connect(self._selected)
        self.tree.activated.connect(self._activated)
        c.loaded.connect(self._loaded)
        c.created.connect(lambda _kind, record_id: self._select_later(record_id))
        c.summary_updated.connect(lambda _s: self._selected(self.tree.current()))
        c.undo_changed.connect(self._undo_changed)
        c.message.connect(lambda text: self.statusBar().showMessage(text, 10000))

    # Tree ------------------------------------------------------------------------------------

    def _loaded(self) -> None:
        for action in self.actions.needs_database:
            action.setEnabled(True)
        self.tree.restore_expansion()
        wanted = self._pending_select or self._selected_id
        if self._first_load and wanted is None and self.ctx.settings.last_assessment:
            wanted = _uuid(self.ctx.settings.last_assessment)
        if self._first_load and wanted is None:
            assessments = self.model.assessments()
            wanted = assessments[0].id if assessments else None
        self._pending_select = None
        if not (wanted and self.tree.select(wanted)):
            self._selected(self.tree.current())
        if self.model.empty:
            self.details.show_welcome()
        if self._first_load:
            self._first_load = False
            self.tree.view.setFocus()
            self.ready.emit()

    def _select_later(self, record_id: uuid.UUID) -> None:
        if not self.tree.select(record_id):
            self._pending_select = record_id  # after the reload that the change triggers

    def _selected(self, node: Node | None) -> None:
        if node is not None:
            self._selected_id = node.id
        a = self.actions
        is_assessment = node is not None and node.kind == NodeKind.ASSESSMENT
        final = is_assessment and node.record.status == "final"
        ready = self.ctx.ready
        a.open.setEnabled(ready and is_assessment)
        a.next_cycle.setEnabled(ready and is_assessment)
        a.finalise.setEnabled(ready and is_assessment and not final)
        a.reopen.setEnabled(ready and final)
        a.rename.setEnabled(ready and node is not None)
        a.delete.setEnabled(ready and node is not None)
        a.new_site.setEnabled(ready and node is not None)
        for action in a.for_assessment:
            action.setEnabled(ready and is_assessment)
        a.targets.setEnabled(ready and is_assessment and not final)
        if self.model.empty and ready:
            self.details.show_welcome()
            return
        predecessor = ""
        if is_assessment and node.record.predecessor_id:
            before = self.model.record(node.record.predecessor_id)
            predecessor = f"{before.title} ({before.date.isoformat()})" if before else ""
        self.details.show_node(node, predecessor)
        if is_assessment:
            self.tabs.set_assessment(node.id, final)
            self.ctx.settings.last_assessment = str(node.id)

    def _activated(self, node: Node | None) -> None:
        if node is not None and node.kind == NodeKind.ASSESSMENT:
            self.open_wizard(node.id)
        elif node is not None:
            index = self.tree.view.currentIndex()
            self.tree.view.setExpanded(index, not self.tree.view.isExpanded(index))

    def _pack_label(self, ref: Any) -> str:
        pack = self.ctx.catalog.pack(ref.pack_id) if self.ctx.catalog else None
        return pack.label if pack else f"{ref.pack_id} ({ref.edition}, not installed)"

    def _focus_filter(self) -> None:
        self.tree.filter.setFocus()
        self.tree.filter.selectAll()

    def _with_assessment(self, do: Callable[[uuid.UUID], None]) -> None:
        node = self.tree.current()
        if node is not None and node.kind == NodeKind.ASSESSMENT:
            do(node.id)

    def _undo_changed(self, description: str) -> None:
        self.actions.undo.setEnabled(bool(description))
        self.actions.undo.setText(f"&Undo delete {description}" if description else "&Undo")

    # Commands --------------------------------------------------------------------------------

    def _new_organisation(self) -> None:
        dialog = RecordDialog("New client", ORGANISATION_FIELDS, self)
        dialog.submitted.connect(
            lambda values: self.controller.create_organisation(
                values, dialog.accept, dialog.show_error
            )
        )
        dialog.finished.connect(dialog.deleteLater)
        self.record_dialog = dialog
        dialog.open()

    def _new_site(self) -> None:
        organisation = self._organisation_of(self.tree.current())
        if organisation is None:
            return
        dialog = RecordDialog(f"New site of {organisation.name}", SITE_FIELDS, self)
        dialog.submitted.connect(
            lambda values: self.controller.create_site(
                organisation.id, values, dialog.accept, dialog.show_error
            )
        )
        dialog.finished.connect(dialog.deleteLater)
        self.record_dialog = dialog
        dialog.open()

    @staticmethod
    def _organisation_of(node: Node | None) -> Any:
        while node is not None and node.kind != NodeKind.ORGANISATION:
            node = node.parent
        return node.record if node else None

    def _delete_current(self) -> None:
        node = self.tree.current()
        if node is None:
            return
        description, question = _deletion_text(node)
        if msgbox.confirm(self, "Delete", question, "Delete"):
            self.controller.delete(str(node.kind), node.id, description)

    def _open_current(self) -> None:
        self._activated(self.tree.current())

    def new_assessment(self) -> None:
        node = self.tree.current()
        organisation = self._organisation_of(node)
        site = node.record if node is not None and node.kind == NodeKind.SITE else None
        if node is not None and node.kind == NodeKind.ASSESSMENT and node.parent is not None:
            site = node.parent.record if node.parent.kind == NodeKind.SITE else None
        from imsdesk.ui.wizard.launcher import open_new_wizard

        open_new_wizard(self, organisation, site)

    def open_wizard(self, assessment_id: uuid.UUID, question_id: str | None = None) -> None:
        from imsdesk.ui.wizard.launcher import open_assessment_wizard

        open_assessment_wizard(self, assessment_id, question_id)

    def refresh(self) -> None:
        """F5: read the list and the views that are built again."""
        self.controller.reload()
        for tab in self.tabs.lazy.values():
            if tab.view is not None and hasattr(tab.view, "reread"):
                tab.view.reread()

    def _show_tab(self, name: str) -> None:
        node = self.tree.current()
        if node is not None and node.kind == NodeKind.ASSESSMENT:
            self.tabs.show_view(name)

    def _tab_changed(self, _index: int) -> None:
        name = self.tabs.current_name()
        if name and self.tabs.tabBar().isVisible():
            self.ctx.settings.main_tab = self.details.preferred_tab = name

    def edit_targets(self, assessment_id: uuid.UUID) -> None:
        from imsdesk.ui.dashboard.targets_dialog import TargetsDialog

        dialog = TargetsDialog(self.ctx, assessment_id, self)
        dialog.finished.connect(dialog.deleteLater)
        self.targets_dialog = dialog
        dialog.open()

    def export_reports(self, assessment_id: uuid.UUID) -> None:
        from imsdesk.ui.files.report_export import export_reports

        export_reports(self, self.ctx, assessment_id, self._names(assessment_id))

    def export_exchange(self, assessment_id: uuid.UUID) -> None:
        from imsdesk.ui.files.exchange_files import export_exchange

        export_exchange(self, self.ctx, assessment_id, self._names(assessment_id))

    def import_exchange(self, paths: list[Any] | None = None) -> None:
        from imsdesk.ui.files.exchange_files import ask_import_paths, import_exchange

        chosen = paths or ask_import_paths(self, self.ctx)
        if chosen:
            job = import_exchange(self, self.ctx, chosen)
            if job is not None:  # show the (last) imported assessment
                job.imported.connect(lambda ids: ids and self._select_later(ids[-1]))

    def _names(self, assessment_id: uuid.UUID) -> tuple[str, str, Any]:
        """Client, title and date, for proposing file names."""
        record = self.model.record(assessment_id)
        if record is None:
            return ("", "assessment", None)
        return (record.organisation_name, record.title, record.date)

    def edit_preferences(self) -> None:
        from imsdesk.ui.dialogs.preferences_dialog import PreferencesDialog

        db = self.ctx.db
        dialog = PreferencesDialog(
            self.ctx.settings, str(db.describe()) if db else "", self._levels(), self
        )
        dialog.database_chosen.connect(self.switch_database)
        dialog.finished.connect(dialog.deleteLater)
        self.preferences_dialog = dialog
        dialog.open()

    def _levels(self) -> dict[int, str]:
        packs = self.ctx.catalog.packs if self.ctx.catalog else ()
        return {level.level: level.name for level in packs[0].scale} if packs else {}

    # Another database ------------------------------------------------------------------------

    def fill_afresh(self) -> None:
        """After another database was opened: nothing selected, filled as on startup."""
        self._selected_id = None
        self._first_load = True
        self.tabs.set_assessment(None, False)
        self.controller.reload()

    def switch_database(self, path: str, create: bool) -> None:
        from imsdesk.ui.workspace.database_switch import switch_database

        switch_database(self, path, create)

    # Files dropped on the window -------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        from imsdesk.ui.files.drop import dropped_json_files

        if self.ctx.ready and dropped_json_files(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        from imsdesk.ui.files.drop import dropped_json_files

        paths = dropped_json_files(event)
        if self.ctx.ready and paths:
            event.acceptProposedAction()
            self.import_exchange(paths)

    # Closing ---------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        for wizard in list(self.wizards.values()):
            if not wizard.close():
                event.ignore()
                return
        self._save_state()
        self.controller.stop()
        if not self.ctx.ops.wait_for_writes():
            msgbox.error(self, APP_NAME, "The last changes are still being written; wait a moment.")
            event.ignore()
            return
        self.ctx.ops.shutdown()
        event.accept()

    def _restore_state(self) -> None:
        settings = self.ctx.settings
        geometry = settings.geometry("main")
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = settings.geometry("main_splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        header = settings.geometry("main_tree_header")
        if header is not None:
            self.tree.view.header().restoreState(header)

    def _save_state(self) -> None:
        settings = self.ctx.settings
        settings.set_geometry("main", self.saveGeometry())
        settings.set_geometry("main_splitter", self.splitter.saveState())
        settings.set_geometry("main_tree_header", self.tree.view.header().saveState())
        settings.sync()

    def _about(self) -> None:
        from imsdesk.paths import user_data_dir
        from imsdesk.ui import errors
        from imsdesk.ui.dialogs.about_dialog import AboutDialog

        db = self.ctx.db.describe() if self.ctx.db else ""
        log = errors.log_file()
        dialog = AboutDialog(
            str(user_data_dir()), db, str(self.ctx.settings.path), str(log or ""), self
        )
        dialog.finished.connect(dialog.deleteLater)
        self.about_dialog = dialog
        dialog.open()


def _uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


def _deletion_text(node: Node) -> tuple[str, str]:
    """What is deleted (for Undo) and the question to confirm it."""
    record = node.record
    undo = "You can undo this until you close IMS Desk (Ctrl+Z)."
    if node.kind == NodeKind.ORGANISATION:
        assessments = sum(len(c.children) if c.kind == NodeKind.SITE else 1 for c in node.children)
        return (
            f"the client {record.name!r}",
            f"Delete the client {record.name!r} with all its sites and {assessments} "
            f"assessment(s), including every answer? {undo}",
        )
    if node.kind == NodeKind.SITE:
        return (
            f"the site {record.name!r}",
            f"Delete the site {record.name!r}? Its {len(node.children)} assessment(s) stay with "
            f"the client, without a site. {undo}",
        )
    answered = f" with {record.answered} answers" if record.answered else ""
    return (
        f"the assessment {record.title!r}",
        f"Delete the assessment {record.title!r} of {record.organisation_name}{answered}? {undo}",
    )
