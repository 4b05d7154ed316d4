"""Exchange files (one assessment as JSON) from the app: export with a save dialog, import from
the File menu or by dropping files on the window.

An import reads and validates every file completely on a reader thread before anything is
written, then merges each valid file on the writer (one transaction per file, so a file that
fails writes nothing), and ends with one summary: a line per file.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow, QWidget

from imsdesk.ui import msgbox
from imsdesk.ui.context import AppContext
from imsdesk.ui.files.names import FileNames, Names, default_folder, import_folder
from imsdesk.ui.files.written import show_written
from imsdesk.ui.ops import Changes, Kind

FILTER = "IMS Desk assessment files (*.json);;All files (*)"


def ask_save_path(parent: QWidget, title: str, proposed: Path) -> Path | None:
    """Ask where to save (tests replace this function); the dialog asks before replacing."""
    name, _ = QFileDialog.getSaveFileName(parent, title, str(proposed), FILTER)
    return Path(name) if name else None


def ask_open_paths(parent: QWidget, title: str, folder: Path) -> list[Path]:
    """Ask which files to open (tests replace this function)."""
    names, _ = QFileDialog.getOpenFileNames(parent, title, str(folder), FILTER)
    return [Path(name) for name in names]


def export_exchange(
    window: QWidget, ctx: AppContext, assessment_id: uuid.UUID, names: Names
) -> None:
    """Write one assessment to an exchange file the user chooses (all or nothing); ``names``
    (client, title, date) make the proposed file name."""
    if not ctx.ready:
        return
    names = FileNames.coerce(names)
    path = ask_save_path(
        window,
        "Export the assessment to a file",
        default_folder(ctx.settings) / f"{names.base()}.json",
    )
    if path is None:
        return
    if not path.suffix:
        path = path.with_name(path.name + ".json")
    ctx.settings.export_folder = str(path.parent)
    db = ctx.database()

    def export() -> Path:  # only reads the database
        from imsdesk.exchange import export_file

        export_file(db, assessment_id, path)
        return path

    def done(written: Path) -> None:
        show_written(
            window,
            "Assessment exported",
            f"'{names.title}' of {names.client} was written to {written}.\nImport it into "
            f"IMS Desk on another computer with File > Import.",
            [],
            written,
        )

    ctx.ops.read(
        export, done, lambda error: _show_error(window, ctx, error, "export"), guard=window
    )


def ask_import_paths(window: QWidget, ctx: AppContext) -> list[Path]:
    """Ask for exchange files to import, in the folder of the last import (remembered)."""
    paths = ask_open_paths(window, "Import assessment files", import_folder(ctx.settings))
    if paths:
        ctx.settings.import_folder = str(paths[0].parent)
    return paths


def choose_and_import(window: QWidget, ctx: AppContext) -> ExchangeImport | None:
    """File > Import: choose one or more exchange files, then import them."""
    if not ctx.ready:
        return None
    return import_exchange(window, ctx, ask_import_paths(window, ctx))


def import_exchange(window: QWidget, ctx: AppContext, paths: list[Path]) -> ExchangeImport | None:
    """Validate every file, import the valid ones, then show one summary."""
    if not paths:
        return None
    if not ctx.ready:
        msgbox.information(
            window, "Import", "The database is still opening; import again in a moment."
        )
        return None
    job = ExchangeImport(window, ctx, list(dict.fromkeys(paths)))  # each file once
    job.start()
    return job


@dataclass(frozen=True)
class Outcome:
    """What became of one file: its summary line, and the assessment if it was imported."""

    path: Path
    line: str
    assessment_id: uuid.UUID | None = None

    @property
    def ok(self) -> bool:
        return self.assessment_id is not None


class ExchangeImport(QObject):
    """One import of one or more files."""

    finished = Signal(list)  # the Outcomes, in the order of the files
    imported = Signal(list)  # the ids of the assessments imported (to select one)

    def __init__(self, window: QWidget, ctx: AppContext, paths: list[Path]) -> None:
        super().__init__(window)
        self.window, self.ctx, self.paths = window, ctx, paths
        self.outcomes: dict[Path, Outcome] = {}
        self._pending = 0

    def start(self) -> None:
        catalog, paths = self.ctx.packs(), self.paths

        def validate() -> list[tuple[Path, Any, str]]:
            from imsdesk.errors import UserError
            from imsdesk.exchange import check_questions, read_document

            checked: list[tuple[Path, Any, str]] = []  # (path, document or None, problem)
            for path in paths:
                try:
                    document = read_document(path)
                    check_questions(document, catalog)
                except UserError as error:
                    checked.append((path, None, _naming(path, str(error))))
                else:
                    checked.append((path, document, ""))
            return checked

        self.ctx.ops.read(validate, self._validated, self._failed, guard=self)

    def _validated(self, checked: list[tuple[Path, Any, str]]) -> None:
        for path, document, problem in checked:
            if document is None:
                self.outcomes[path] = Outcome(path, problem)
            else:
                self._import(path, document)
        if self._pending == 0:
            self._report()

    def _import(self, path: Path, document: dict[str, Any]) -> None:
        db, catalog = self.ctx.database(), self.ctx.packs()
        title, client = document["assessment"]["title"], document["organisation"]["name"]
        self._pending += 1

        def merge() -> Any:
            from imsdesk.exchange import import_document

            return import_document(db, document, catalog)

        def changes(result: Any) -> Changes:
            # The tree (new or renamed records) and whatever views show of the assessment.
            return Changes.of(
                Kind.TREE,
                Kind.ASSESSMENT,
                Kind.ANSWERS,
                Kind.OBJECTIVES,
                Kind.PLAN,
                assessment=result.assessment_id,
            )

        def done(result: Any) -> None:
            new = " as a new assessment" if result.assessment_created else ""
            line = (
                f"Imported '{title}' of {client}{new}: {result.answers_added} answers added, "
                f"{result.answers_updated} updated, {result.answers_kept} kept."
            )
            self._settle(Outcome(path, line, result.assessment_id))

        def failed(error: BaseException) -> None:
            from imsdesk.errors import UserError

            if isinstance(error, UserError):
                message = str(error)  # the transaction was rolled back: nothing written
            else:
                self.ctx.ops.report(error)
                message = "An unexpected problem stopped the import; nothing was imported."
            self._settle(Outcome(path, _naming(path, message)))

        self.ctx.ops.write(merge, done, failed, changes=changes, initiator=self, guard=self)

    def _settle(self, outcome: Outcome) -> None:
        self.outcomes[outcome.path] = outcome
        self._pending -= 1
        if self._pending == 0:
            self._report()

    def _report(self) -> None:
        outcomes = [self.outcomes[p] for p in self.paths if p in self.outcomes]
        text = "\n".join(o.line for o in outcomes)
        good = [o for o in outcomes if o.ok]
        if len(good) == len(outcomes):
            msgbox.information(self.window, "Import", text)
        elif good:
            msgbox.warning(self.window, "Import: some files were not imported", text)
        else:
            title = "Cannot import the file" if len(outcomes) == 1 else "Cannot import the files"
            msgbox.error(self.window, title, text)
        if isinstance(self.window, QMainWindow) and good:
            self.window.statusBar().showMessage(good[-1].line, 10000)
        self.imported.emit([o.assessment_id for o in good])
        self.finished.emit(outcomes)
        self.deleteLater()

    def _failed(self, error: BaseException) -> None:
        """A bug while validating (a file's problems are outcomes, not failures)."""
        self.ctx.ops.report(error)
        self.finished.emit([])
        self.deleteLater()


def _naming(path: Path, message: str) -> str:
    """A message that names the file it is about."""
    return message if str(path) in message else f"{path}: {message}"


def _show_error(window: QWidget, ctx: AppContext, error: BaseException, what: str) -> None:
    from imsdesk.errors import UserError

    if isinstance(error, UserError):
        msgbox.error(window, f"Cannot {what} the assessment", str(error))
    else:
        ctx.ops.report(error)
