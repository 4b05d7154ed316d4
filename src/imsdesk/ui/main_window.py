"""The main window: the assessments in the database (read-only for now)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QTableView,
)

from imsdesk import APP_NAME, __version__, services
from imsdesk.catalog import Catalog
from imsdesk.storage import Database
from imsdesk.ui import msgbox
from imsdesk.ui.assessment_table_model import AssessmentTableModel

EMPTY_TEXT = (
    "<h3>No assessments yet</h3>"
    "<p>Create the demo client to look around: <code>imsdesk demo</code><br>"
    "or import an assessment file: <code>imsdesk import FILE.json</code></p>"
)


class MainWindow(QMainWindow):
    def __init__(self, db: Database, catalog: Catalog) -> None:
        super().__init__()
        self._db = db
        self._catalog = catalog
        self.setWindowTitle(APP_NAME)
        self.resize(1100, 680)

        self.model = AssessmentTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("assessmentTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        self.empty_label = QLabel(EMPTY_TEXT)
        self.empty_label.setObjectName("emptyLabel")
        self.empty_label.setWordWrap(True)
        self.empty_label.setMargin(40)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.table)
        self.setCentralWidget(self.stack)

        self._build_menus()
        self.statusBar().showMessage(f"Database: {db.describe()}")
        if db.backup is not None:
            msgbox.information(
                self,
                "Database upgraded",
                f"The database was upgraded to this version of {APP_NAME}.\n"
                f"A copy of the old one was kept: {db.backup}",
            )
        self.refresh()

    def report_pack_problems(self) -> None:
        """Bad questionnaire files do not stop the app; say which ones were skipped."""
        problems = self._catalog.problems
        if problems:
            msgbox.warning(
                self,
                "Some questionnaires could not be loaded",
                f"{len(problems)} problem(s) in questionnaire files; those files were skipped. "
                f"Fix them and restart, or check them with 'imsdesk validate FILE'.",
                "\n".join(str(p) for p in problems),
            )

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.refresh_action = QAction("&Refresh", self)
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_action.triggered.connect(self.refresh)
        file_menu.addAction(self.refresh_action)
        file_menu.addSeparator()
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        help_menu = self.menuBar().addMenu("&Help")
        about = QAction(f"&About {APP_NAME}", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def refresh(self) -> None:
        rows = services.summarise_assessments(self._db, self._catalog)
        self.model.set_assessments(rows)
        self.stack.setCurrentWidget(self.table if rows else self.empty_label)

    def _about(self) -> None:
        msgbox.information(
            self,
            f"About {APP_NAME}",
            f"{APP_NAME} {__version__}\nISO 9001 and ISO 14001 self-assessment and gap analysis.",
        )
