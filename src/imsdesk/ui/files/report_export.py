"""Exporting the Excel workbook and the PDF report from the app.

One small dialog says where (folder, file name, which reports), everything proposed, so Enter is
enough; a window-modal progress dialog with Cancel follows while the writer thread brings the
action plan up to date with the answers and writes the files; at the end, "Open" and "Show in
folder". The files are all or nothing together (``services.reporting``): Cancel or a failure
changes no file.
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from imsdesk.ui import msgbox
from imsdesk.ui.context import AppContext
from imsdesk.ui.files.names import FORBIDDEN, FileNames, Names, default_folder, has_forbidden
from imsdesk.ui.files.written import show_written
from imsdesk.ui.ops import Changes, Kind

STEPS = 1000  # the progress bar's range: fractions in thousandths


@dataclass(frozen=True)
class ReportTargets:
    pdf: Path | None
    xlsx: Path | None

    @property
    def paths(self) -> list[Path]:
        return [p for p in (self.pdf, self.xlsx) if p is not None]

    @property
    def folder(self) -> Path:
        return self.paths[0].parent


class ReportTargetsDialog(QDialog):
    """Where the reports go: a folder, one file name for both, and which of them to write."""

    def __init__(self, folder: Path, base: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export reports")
        self.folder = QLineEdit(str(folder))
        browse = QPushButton("&Browse…")
        browse.setAutoDefault(False)
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.name = QLineEdit(base)
        self.name.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)
        self.pdf = QCheckBox("&PDF report (.pdf)")
        self.xlsx = QCheckBox("&Excel gap register (.xlsx)")
        self.pdf.setChecked(True)
        self.xlsx.setChecked(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)  # file names are shown as typed
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        folder_label = QLabel("&Folder:")
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, folder_row)
        form.addRow("File &name:", self.name)
        form.addRow("", self.pdf)
        form.addRow("", self.xlsx)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.export.setDefault(True)  # Enter exports (once the button is in the dialog)
        for signal in (
            self.folder.textChanged,
            self.name.textChanged,
            self.pdf.toggled,
            self.xlsx.toggled,
        ):
            signal.connect(self._update)
        self._update()
        self.name.setFocus()
        self.name.selectAll()

    def problem(self) -> str:
        """Why the reports cannot be written as the dialog stands ("" if they can)."""
        folder, name = self.folder.text().strip(), self.name.text().strip()
        if not (self.pdf.isChecked() or self.xlsx.isChecked()):
            return "Choose at least one report: the PDF, the Excel workbook or both."
        if not folder or not Path(folder).is_dir():
            return "Choose a folder that exists."
        if not name:
            return "Type a file name."
        if has_forbidden(name):
            return f"A file name cannot contain any of {' '.join(FORBIDDEN)}"
        return ""

    def targets(self) -> ReportTargets | None:
        if self.problem():
            return None
        base = Path(self.folder.text().strip()) / self.name.text().strip()
        return ReportTargets(
            pdf=base.with_name(base.name + ".pdf") if self.pdf.isChecked() else None,
            xlsx=base.with_name(base.name + ".xlsx") if self.xlsx.isChecked() else None,
        )

    def accept(self) -> None:
        if not self.problem():
            super().accept()

    def _update(self) -> None:
        problem = self.problem()
        self.export.setEnabled(not problem)
        self.note.setStyleSheet("color: #b3261e;" if problem else "")
        if problem:
            self.note.setText(problem)
            return
        targets = self.targets()
        assert targets is not None
        kinds = {targets.pdf: "PDF", targets.xlsx: "workbook"}
        existing = [kinds[p] for p in targets.paths if p.exists()]
        self.note.setText(
            f"The {' and the '.join(existing)} of this name in the folder will be replaced."
            if existing
            else ""
        )

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Export the reports to", self.folder.text())
        if folder:
            self.folder.setText(folder)


def ask_targets(parent: QWidget, folder: Path, base: str) -> ReportTargets | None:
    """Ask where the reports go (tests replace this function)."""
    dialog = ReportTargetsDialog(folder, base, parent)
    try:
        return dialog.targets() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def export_reports(
    window: QWidget, ctx: AppContext, assessment_id: uuid.UUID, names: Names
) -> ReportExport | None:
    """Ask where, then write the reports with a progress dialog; None if nothing was started.

    ``names`` (client, title, date) make the proposed file name. Uses the Preferences' logo,
    footer and paper size, and remembers the folder.
    """
    if not ctx.ready:
        return None
    settings = ctx.settings
    logo = Path(settings.logo) if settings.logo else None
    if logo is not None and not logo.is_file():
        if not msgbox.confirm(
            window,
            "Logo not found",
            f"The logo chosen in Preferences, {logo}, no longer exists. Export the reports "
            f"without a logo? To use another one, choose it in Preferences.",
            "Export without logo",
        ):
            return None
        logo = None
    targets = ask_targets(window, default_folder(settings), FileNames.coerce(names).base())
    if targets is None:
        return None
    settings.export_folder = str(targets.folder)
    job = ReportExport(window, ctx, assessment_id, targets, logo)
    job.start()
    return job


class ReportExport(QObject):
    """One export: the progress dialog, the work on the writer thread, the result."""

    progressed = Signal(float, str)  # emitted on the worker thread, shown on the GUI thread
    finished = Signal(list)  # the files written: empty when cancelled or failed

    def __init__(
        self,
        window: QWidget,
        ctx: AppContext,
        assessment_id: uuid.UUID,
        targets: ReportTargets,
        logo: Path | None,
    ) -> None:
        super().__init__(window)
        self.window, self.ctx, self.assessment_id = window, ctx, assessment_id
        self.targets, self.logo = targets, logo
        self._cancel = threading.Event()  # read by the worker at every progress step
        self._done = False
        self.dialog = QProgressDialog(
            "Bringing the action plan up to date…", "Cancel", 0, STEPS, window
        )
        self.dialog.setWindowTitle("Exporting reports")
        self.dialog.setMinimumWidth(self.dialog.fontMetrics().averageCharWidth() * 50)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)  # the button, Esc, or closing the dialog
        self.progressed.connect(self._show_progress)

    def start(self) -> None:
        """Refresh the plan (its own write, announced as a plan change), then the reports."""
        self.dialog.setValue(0)  # shows it at once
        db, catalog, assessment_id = self.ctx.database(), self.ctx.packs(), self.assessment_id

        def refresh() -> None:
            from imsdesk.services.plan import refresh_plan

            refresh_plan(db, catalog, assessment_id)

        self.ctx.ops.write(
            refresh,
            self._refreshed,
            self._failed,
            changes=Changes.of(Kind.PLAN, assessment=assessment_id),
            initiator=self,
            guard=self,
        )

    def cancel(self) -> None:
        """Stop at the next step; no file is changed."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _refreshed(self, _result: object) -> None:
        if self._cancel.is_set():
            from imsdesk.services.reporting import Cancelled

            self._failed(Cancelled("Cancelled before the reports were written."))
            return
        db, catalog, assessment_id = self.ctx.database(), self.ctx.packs(), self.assessment_id
        settings, targets, logo = self.ctx.settings, self.targets, self.logo
        paper, footer = settings.paper, settings.report_footer

        def write() -> list[Path]:
            from imsdesk.services.reporting import ReportRequest, write_reports

            request = ReportRequest(
                xlsx=targets.xlsx, pdf=targets.pdf, logo=logo, paper=paper, footer=footer
            )
            return write_reports(
                db,
                catalog,
                assessment_id,
                request,
                progress=self.progressed.emit,
                cancelled=self._cancel.is_set,
            )

        self.ctx.ops.write(write, self._written, self._failed, guard=self)

    def _show_progress(self, fraction: float, message: str) -> None:
        if self._done or self._cancel.is_set():
            return
        self.dialog.setLabelText(f"{message}…")
        self.dialog.setValue(min(STEPS - 1, round(fraction * STEPS)))

    def _finish(self) -> None:
        self._done = True
        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.hide()
        self.dialog.deleteLater()
        self.deleteLater()

    def _written(self, paths: list[Path]) -> None:
        self._finish()
        targets = self.targets
        openable = [
            (label, path)
            for label, path in (("Open &PDF", targets.pdf), ("Open &workbook", targets.xlsx))
            if path is not None
        ]
        show_written(
            self.window,
            "Reports exported",
            f"Written in {targets.folder}:\n" + "\n".join(f"  {p.name}" for p in paths),
            openable,
            paths[0],
        )
        self.finished.emit(paths)

    def _failed(self, error: BaseException) -> None:
        from imsdesk.errors import UserError
        from imsdesk.services.reporting import Cancelled

        self._finish()
        if isinstance(error, Cancelled):
            if isinstance(self.window, QMainWindow):
                self.window.statusBar().showMessage(
                    "Export cancelled: no file was written or changed.", 10000
                )
        elif isinstance(error, UserError):
            msgbox.error(self.window, "Cannot export the reports", str(error))
        else:
            self.ctx.ops.report(error)
        self.finished.emit([])
