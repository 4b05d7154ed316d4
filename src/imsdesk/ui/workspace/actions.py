"""Every command of the main window as a QAction: one place for texts, shortcuts and tips,
shared by the menus, the toolbar, the context menu and the buttons of the panels."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence


class WorkspaceActions(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        make = self._make
        self.new_assessment = make(
            "&New assessment…", "Ctrl+N", "Start a new assessment with the wizard"
        )
        self.new_organisation = make("New &client…", "Ctrl+Shift+O", "Add a client organisation")
        self.new_site = make("New &site…", "Ctrl+Shift+S", "Add a site to the selected client")
        self.open = make(
            "&Continue assessment",
            "Ctrl+Return",
            "Open the selected assessment in the wizard (or press Enter)",
        )
        self.rename = make("&Rename", "F2", "Rename the selected client, site or assessment")
        self.delete = make(
            "&Delete…",
            QKeySequence.StandardKey.Delete,
            "Delete the selected item (you can undo it)",
        )
        self.undo = make("&Undo", QKeySequence.StandardKey.Undo, "Undo the last deletion")
        self.next_cycle = make(
            "Start &next cycle",
            "Ctrl+Shift+N",
            "A new assessment that starts from this one's answers",
        )
        self.finalise = make(
            "&Finalise", "Ctrl+Shift+F", "Lock the answers of the selected assessment"
        )
        self.reopen = make(
            "Re&open for editing", "Ctrl+Shift+R", "Set a final assessment back to draft"
        )
        self.export_reports = make(
            "&Export reports…",
            "Ctrl+E",
            "Write the Excel gap register and the PDF report of the selected assessment",
        )
        self.export_exchange = make(
            "Export exchange &file…",
            "Ctrl+Shift+X",
            "Save the selected assessment as an exchange file (JSON) for another computer",
        )
        self.import_exchange = make(
            "&Import exchange file…",
            "Ctrl+I",
            "Add or update an assessment from an exchange file (or drop the file on the window)",
        )
        self.targets = make(
            "Set &targets…", "Ctrl+T", "The target maturity of the assessment and of each clause"
        )
        self.preferences = make(
            "&Preferences…",
            QKeySequence.StandardKey.Preferences
            if not QKeySequence(QKeySequence.StandardKey.Preferences).isEmpty()
            else "Ctrl+,",
            "Assessor name, default target, report logo and footer, paper, the database",
        )
        self.show_dashboard = make("&Dashboard", "Ctrl+1", "Scores, verdict, charts and gaps")
        self.show_objectives = make(
            "&Objectives and targets",
            "Ctrl+2",
            "Quality objectives linked to environmental targets",
        )
        self.show_plan = make("Action &plan", "Ctrl+3", "The actions that close the gaps")
        self.show_compare = make(
            "&Compare with an earlier cycle", "Ctrl+4", "What improved or regressed since"
        )
        self.show_details = make("Detai&ls", "Ctrl+5", "The facts of the selected assessment")
        self.find = make("&Find…", QKeySequence.StandardKey.Find, "Filter the list by name")
        self.refresh = make("&Refresh", QKeySequence.StandardKey.Refresh, "Read the list again")
        self.demo = make(
            "Create the &demo client",
            None,
            "Add Demo Manufacturing Ltd with a fully answered assessment",
        )
        self.shortcuts = make(
            "&Keyboard shortcuts",
            QKeySequence.StandardKey.HelpContents,
            "Show the keyboard shortcuts",
        )
        self.about = make("&About IMS Desk", None, "")
        self.quit = make("&Quit", "Ctrl+Q", "Close IMS Desk (everything is already saved)")
        self.undo.setEnabled(False)

    def _make(
        self, text: str, shortcut: str | QKeySequence.StandardKey | None, tip: str
    ) -> QAction:
        action = QAction(text, self.parent())
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.setToolTip(
            f"{text.replace('&', '').rstrip('…')} ({action.shortcut().toString()})"
            if shortcut is not None
            else text.replace("&", "")
        )
        return action

    @property
    def needs_database(self) -> list[QAction]:
        """Actions that wait for the database to be open."""
        return [
            self.new_assessment,
            self.new_organisation,
            self.new_site,
            self.open,
            self.rename,
            self.delete,
            self.next_cycle,
            self.finalise,
            self.reopen,
            self.refresh,
            self.demo,
            self.import_exchange,
            self.preferences,
        ]

    @property
    def for_assessment(self) -> list[QAction]:
        """Actions about the selected assessment."""
        return [
            self.export_reports,
            self.export_exchange,
            self.targets,
            self.show_dashboard,
            self.show_objectives,
            self.show_plan,
            self.show_compare,
            self.show_details,
        ]
