"""Exchange files from the app: import (File menu and drop) validated before anything is written,
with one summary line per file; export with a save dialog."""

from __future__ import annotations

import copy
import datetime as dt
import json
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from imsdesk import exchange, services
from imsdesk.ui import msgbox
from imsdesk.ui.files import exchange_files
from imsdesk.ui.files.drop import JsonDropTarget, dropped_json_files
from imsdesk.ui.files.exchange_files import export_exchange, import_exchange
from imsdesk.ui.files.names import FileNames
from tests.dbwatch import WriteWatch
from tests.exchange.test_bad_files import ASSESSMENT_ID, VALID

NEW = (
    "Imported 'Readiness 2026' of Handmade Ltd as a new assessment: 2 answers added, "
    "0 updated, 0 kept."
)
VALID_DATE = dt.date(2026, 3, 2)  # the date of the assessment in VALID


@pytest.fixture(autouse=True)
def messages(monkeypatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(msgbox, "shown", shown)
    return shown


@pytest.fixture
def window(qtbot) -> QMainWindow:
    main = QMainWindow()
    qtbot.addWidget(main)
    return main


def write(folder: Path, name: str, content: object) -> Path:
    path = folder / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    return path


def imported(qtbot, job) -> list:
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=20000) as finished:
        pass
    return finished.args[0]


def test_import_from_the_file_menu_reports_the_summary_and_the_tree_reloads(
    qtbot, main_window, tmp_path: Path, monkeypatch, messages
):
    path = write(tmp_path, "handmade.json", VALID)
    monkeypatch.setattr(exchange_files, "ask_open_paths", lambda parent, title, folder: [path])
    ctx = main_window.ctx
    outcomes = imported(qtbot, exchange_files.choose_and_import(main_window, ctx))
    assert messages == [("Import", NEW)]
    assert [o.assessment_id for o in outcomes] == [uuid.UUID(ASSESSMENT_ID)]
    qtbot.waitUntil(
        lambda: [a.title for a in main_window.model.assessments()] == ["Readiness 2026"]
    )
    assert ctx.settings.import_folder == str(tmp_path)

    newer = copy.deepcopy(VALID)
    newer["answers"][0].update(maturity=4, updated_at="2026-04-01T08:00:00Z")
    again = write(tmp_path, "handmade-april.json", newer)
    imported(qtbot, import_exchange(main_window, ctx, [again]))
    assert messages[-1] == (
        "Import",
        "Imported 'Readiness 2026' of Handmade Ltd: 0 answers added, 1 updated, 1 kept.",
    )
    detail = services.load_assessment(ctx.database(), ASSESSMENT_ID)
    assert detail.answer_for("9001-4.1-a").maturity == 4


def test_a_malformed_file_is_named_and_nothing_is_written(
    qtbot, window, ctx, tmp_path: Path, messages
):
    bad = write(tmp_path, "broken.json", '{"format": "imsdesk-assessment", ')
    watch = WriteWatch(tmp_path / "test.sqlite3")
    try:
        outcomes = imported(qtbot, import_exchange(window, ctx, [bad]))
        assert not watch.written()
    finally:
        watch.close()
    [(title, text)] = messages
    assert title == "Cannot import the file"
    assert text.startswith(f"{bad}: not valid JSON (line 1")
    assert not outcomes[0].ok
    assert services.list_organisations(ctx.database()) == []


def test_several_files_one_line_each_the_good_ones_imported(
    qtbot, window, ctx, tmp_path: Path, messages
):
    good = write(tmp_path, "good.json", VALID)
    unknown = copy.deepcopy(VALID)
    unknown["assessment"]["id"] = str(uuid.uuid4())
    unknown["answers"][0]["question_id"] = "9001-99.9-z"
    strange = write(tmp_path, "strange.json", unknown)
    imported(qtbot, import_exchange(window, ctx, [strange, good]))
    [(title, text)] = messages
    assert title == "Import: some files were not imported"
    first, second = text.splitlines()
    assert first.startswith(f"{strange}: The file has answers to questions that are not in")
    assert "9001-99.9-z" in first
    assert second == NEW
    assert [o.name for o in services.list_organisations(ctx.database())] == ["Handmade Ltd"]
    assert window.statusBar().currentMessage() == NEW


def test_export_from_the_app_writes_the_file_with_a_proposed_name(
    qtbot, window, ctx, tmp_path: Path, monkeypatch, messages
):
    result = exchange.import_file(ctx.database(), write(tmp_path, "in.json", VALID))
    out = tmp_path / "out"
    out.mkdir()
    ctx.settings.export_folder = str(out)
    proposed: list[Path] = []

    def ask(parent, title, path: Path) -> Path:
        proposed.append(path)
        return out / "for the laptop"  # typed without an extension

    monkeypatch.setattr(exchange_files, "ask_save_path", ask)
    names = FileNames("Handmade Ltd", "Readiness 2026", VALID_DATE)
    export_exchange(window, ctx, result.assessment_id, names)
    qtbot.waitUntil(lambda: bool(messages))
    assert proposed == [out / "Handmade Ltd - Readiness 2026 - 2026-03-02.json"]
    written = out / "for the laptop.json"
    [(title, text)] = messages
    assert title == "Assessment exported" and str(written) in text
    document = exchange.read_document(written)
    assert document["assessment"]["id"] == ASSESSMENT_ID
    assert sorted(p.name for p in out.iterdir()) == ["for the laptop.json"]  # nothing partial


def test_an_export_to_a_missing_folder_is_one_clear_message(
    qtbot, window, ctx, tmp_path: Path, monkeypatch, messages
):
    result = exchange.import_file(ctx.database(), write(tmp_path, "in.json", VALID))
    target = tmp_path / "gone" / "x.json"
    monkeypatch.setattr(exchange_files, "ask_save_path", lambda parent, title, path: target)
    names = ("Handmade Ltd", "Readiness 2026", None)  # the main window's (client, title, date)
    export_exchange(window, ctx, result.assessment_id, names)
    qtbot.waitUntil(lambda: bool(messages))
    [(title, text)] = messages
    assert title == "Cannot export the assessment" and "does not exist" in text
    assert "Traceback" not in text


def drag_events(paths: list[Path]) -> tuple[QDragEnterEvent, QDropEvent]:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths] + [QUrl("https://example.com/a.json")])
    copy_action = Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPointF(5, 5), copy_action, mime, buttons, keys)
    drop = QDropEvent(QPointF(5, 5), copy_action, mime, buttons, keys)
    enter.mime, drop.mime = mime, mime  # keep the data alive as long as the events
    return enter, drop


def test_dropping_a_json_file_imports_it(qtbot, ctx, tmp_path: Path, messages):
    widget = QWidget()
    qtbot.addWidget(widget)
    target = JsonDropTarget(widget)
    assert widget.acceptDrops()
    dropped: list[list[Path]] = []
    target.files_dropped.connect(dropped.append)
    target.files_dropped.connect(lambda paths: import_exchange(widget, ctx, paths))

    notes = tmp_path / "notes.txt"
    notes.write_text("not an assessment")
    enter, drop = drag_events([notes])
    QApplication.sendEvent(widget, enter)
    QApplication.sendEvent(widget, drop)
    assert not enter.isAccepted() and not drop.isAccepted() and dropped == []

    path = write(tmp_path, "Handmade.JSON", VALID)
    enter, drop = drag_events([path, notes])
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(widget, drop)
    assert drop.isAccepted() and dropped == [[path]]
    qtbot.waitUntil(lambda: bool(messages))
    assert messages == [("Import", NEW)]
    assert services.load_assessment(ctx.database(), ASSESSMENT_ID).assessment.title == (
        "Readiness 2026"
    )


class DropWindow(QWidget):
    """A window that forwards its drag events to drop.py, as the main window does."""

    def __init__(self, ctx) -> None:
        super().__init__()
        self.ctx = ctx
        self.setAcceptDrops(True)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_json_files(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_json_files(event)
        if paths:
            event.acceptProposedAction()
            import_exchange(self, self.ctx, paths)


def test_a_window_forwarding_its_drag_events_imports_the_dropped_file(
    qtbot, ctx, tmp_path: Path, messages
):
    window = DropWindow(ctx)
    qtbot.addWidget(window)
    path = write(tmp_path, "handmade.json", VALID)
    enter, drop = drag_events([path])
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, drop)
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: bool(messages))
    assert messages == [("Import", NEW)]
    assert [o.name for o in services.list_organisations(ctx.database())] == ["Handmade Ltd"]
