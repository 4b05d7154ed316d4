"""Exporting the reports from the app: the target dialog, the progress dialog and Cancel, the
work on the writer thread, the message at the end; the files read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QMainWindow, QPushButton

from imsdesk.demo import create_demo
from imsdesk.planning import load_library
from imsdesk.ui import msgbox
from imsdesk.ui.files import report_export, written
from imsdesk.ui.files.names import FileNames, safe_file_name
from imsdesk.ui.files.report_export import ReportTargets, ReportTargetsDialog, export_reports
from imsdesk.ui.ops import Kind
from tests.reports.conftest import logo_png

DEMO_DATE = dt.date(2026, 3, 10)
OLD = b"last year's file"


@pytest.fixture
def demo(db, catalog):
    return create_demo(db, catalog, load_library(), today=DEMO_DATE)


@pytest.fixture
def names(demo) -> FileNames:
    return FileNames("Demo Manufacturing Ltd", demo.title, demo.date)


@pytest.fixture
def window(qtbot) -> QMainWindow:
    main = QMainWindow()
    qtbot.addWidget(main)
    main.show()
    return main


@pytest.fixture(autouse=True)
def messages(monkeypatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(msgbox, "shown", shown)
    return shown


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


def choose(monkeypatch, targets: ReportTargets | None) -> list[tuple[Path, str]]:
    """Answer the target dialog with ``targets``; returns what it proposed."""
    asked: list[tuple[Path, str]] = []

    def ask(parent, folder: Path, base: str) -> ReportTargets | None:
        asked.append((folder, base))
        return targets

    monkeypatch.setattr(report_export, "ask_targets", ask)
    return asked


def test_export_writes_both_files(
    qtbot, window, ctx, demo, names, out: Path, tmp_path: Path, monkeypatch, messages
):
    logo = tmp_path / "logo.png"
    logo.write_bytes(logo_png())
    ctx.settings.logo = str(logo)
    ctx.settings.report_footer = "Smith Quality Consulting <b>x</b> · 01632 960000"
    ctx.settings.paper = "letter"
    ctx.settings.export_folder = str(out)
    proposed: list[ReportTargetsDialog] = []

    def ask(parent, folder: Path, base: str) -> ReportTargets | None:
        # The real dialog, as the user would find it and confirm it with Enter.
        dialog = ReportTargetsDialog(folder, base, parent)
        proposed.append(dialog)
        return dialog.targets()

    monkeypatch.setattr(report_export, "ask_targets", ask)
    changes: list = []
    ctx.ops.changed.connect(lambda c, _initiator: changes.append(c))
    job = export_reports(window, ctx, demo.id, names)
    assert job is not None
    progress: list[float] = []
    job.progressed.connect(lambda fraction, _message: progress.append(fraction))
    assert job.dialog.windowModality() == Qt.WindowModality.WindowModal
    with qtbot.waitSignal(job.finished, timeout=60000) as finished:
        pass
    assert demo.title == "Integrated ISO 9001 / ISO 14001 gap analysis"
    base = "Demo Manufacturing Ltd - Integrated ISO 9001 - ISO 14001 gap analysis - 2026-03-10"
    assert proposed[0].folder.text() == str(out) and proposed[0].name.text() == base
    pdf, xlsx = out / f"{base}.pdf", out / f"{base}.xlsx"
    assert finished.args == [[xlsx, pdf]]
    assert sorted(p.name for p in out.iterdir()) == sorted([pdf.name, xlsx.name])

    workbook = load_workbook(xlsx)
    assert workbook.sheetnames == ["Summary", "Gap register", "Action plan"]
    register = workbook["Gap register"]
    assert register["A1"].value == "Standard" and register["E2"].value == "9001-4.1-a"
    assert any(
        cell == "Demo Manufacturing Ltd" for row in workbook["Summary"].values for cell in row
    )

    reader = PdfReader(pdf)
    width, height = (round(float(v)) for v in reader.pages[0].mediabox[2:])
    assert (width, height) == (612, 792)  # letter, from the settings
    assert "Demo Manufacturing Ltd" in reader.pages[0].extract_text()
    assert len(reader.pages[0].images) == 1  # the logo
    body = reader.pages[1].extract_text().splitlines()
    assert "Smith Quality Consulting <b>x</b> · 01632 960000" in body  # literally
    assert any(line.startswith("Prepared with IMS Desk on ") for line in body)

    assert any(Kind.PLAN in c.kinds and c.touches(demo.id) for c in changes)  # refreshed first
    assert progress == sorted(progress) and progress[-1] == 1.0
    [(title, text)] = messages
    assert title == "Reports exported" and pdf.name in text and xlsx.name in text
    assert ctx.settings.export_folder == str(out)


def test_cancel_leaves_every_file_as_it_was(qtbot, window, ctx, demo, names, out, monkeypatch):
    targets = ReportTargets(pdf=out / "r.pdf", xlsx=out / "r.xlsx")
    targets.pdf.write_bytes(OLD)  # last year's report at the target
    choose(monkeypatch, targets)
    job = export_reports(window, ctx, demo.id, names)
    assert job is not None
    dialog = job.dialog
    qtbot.waitUntil(lambda: dialog.value() > 600, timeout=60000)  # the workbook is done
    assert dialog.isVisible() and "PDF" in dialog.labelText()
    with qtbot.waitSignal(job.finished, timeout=60000) as finished:
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    assert finished.args == [[]]
    assert sorted(p.name for p in out.iterdir()) == ["r.pdf"]  # no workbook, nothing partial
    assert targets.pdf.read_bytes() == OLD
    assert window.statusBar().currentMessage().startswith("Export cancelled")
    assert msgbox.shown == []


def test_a_failing_pdf_writes_neither_file_and_says_why(
    qtbot, window, ctx, demo, names, out, monkeypatch
):
    from imsdesk.errors import ExportError

    def full(*args, **kwargs):
        raise ExportError("Cannot write r.pdf: the disk is full. Free some space and try again.")

    monkeypatch.setattr("imsdesk.reports.pdf.Story.appendices", full)
    choose(monkeypatch, ReportTargets(pdf=out / "r.pdf", xlsx=out / "r.xlsx"))
    job = export_reports(window, ctx, demo.id, names)
    with qtbot.waitSignal(job.finished, timeout=60000) as finished:
        pass
    assert finished.args == [[]]
    assert list(out.iterdir()) == []
    assert msgbox.shown == [
        (
            "Cannot export the reports",
            "Cannot write r.pdf: the disk is full. Free some space and try again.",
        )
    ]


def test_a_logo_that_no_longer_exists_is_a_question_not_a_crash(
    window, ctx, demo, names, tmp_path: Path, monkeypatch
):
    gone = tmp_path / "moved-away.png"
    ctx.settings.logo = str(gone)
    asked = choose(monkeypatch, None)
    monkeypatch.setattr(msgbox, "confirm_answer", False)
    assert export_reports(window, ctx, demo.id, names) is None
    [(title, text)] = msgbox.shown
    assert title == "Logo not found" and str(gone) in text
    assert asked == []  # nothing more was asked
    monkeypatch.setattr(msgbox, "confirm_answer", True)  # "Export without logo"
    as_tuple = (names.client, names.title, names.date)  # as the main window passes them
    assert export_reports(window, ctx, demo.id, as_tuple) is None  # the user then cancels
    assert asked == [(Path.home(), names.base())]  # no folder remembered, no Documents folder


def test_the_target_dialog(qtbot, out: Path):
    (out / "Acme - Gap - 2026-03-02.pdf").write_bytes(OLD)
    dialog = ReportTargetsDialog(out, "Acme - Gap - 2026-03-02")
    qtbot.addWidget(dialog)
    dialog.show()
    assert (
        dialog.focusWidget() is dialog.name
        and dialog.name.selectedText() == "Acme - Gap - 2026-03-02"
    )
    assert dialog.export.isEnabled() and dialog.export.isDefault()
    assert dialog.targets() == ReportTargets(
        pdf=out / "Acme - Gap - 2026-03-02.pdf", xlsx=out / "Acme - Gap - 2026-03-02.xlsx"
    )
    assert dialog.note.text() == "The PDF of this name in the folder will be replaced."
    qtbot.keyClick(dialog.xlsx, Qt.Key.Key_Space)  # only the PDF
    assert dialog.targets() == ReportTargets(pdf=out / "Acme - Gap - 2026-03-02.pdf", xlsx=None)
    (out / "Acme - Gap - 2026-03-02.xlsx").write_bytes(OLD)
    qtbot.keyClick(dialog.xlsx, Qt.Key.Key_Space)
    assert "The PDF and the workbook of this name" in dialog.note.text()
    dialog.name.setText("Acme - Gap")
    assert dialog.note.text() == ""
    qtbot.keyClick(dialog.xlsx, Qt.Key.Key_Space)
    dialog.pdf.setChecked(False)
    assert not dialog.export.isEnabled() and "at least one report" in dialog.note.text()
    dialog.pdf.setChecked(True)
    dialog.name.setText("Acme / Gap")
    assert dialog.targets() is None and "cannot contain" in dialog.note.text()
    dialog.name.setText("Acme")
    assert dialog.export.isEnabled()
    dialog.folder.setText(str(out / "missing"))
    assert dialog.targets() is None and not dialog.export.isEnabled()
    dialog.folder.setText(str(out))
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.targets() == ReportTargets(pdf=out / "Acme.pdf", xlsx=None)


def test_proposed_names_are_safe_file_names():
    names = FileNames("Acme: R&D / Widgets Ltd.", "Gap analysis 2026?", dt.date(2026, 3, 2))
    assert names.base() == "Acme R&D - Widgets Ltd. - Gap analysis 2026 - 2026-03-02"
    assert safe_file_name('  <>"\t ') == "report"
    assert safe_file_name("CON") == "_CON"
    assert safe_file_name("...hidden.") == "hidden"
    assert len(safe_file_name("x" * 500)) == 120
    assert FileNames.coerce(("Acme", "Gap", None)).base() == "Acme - Gap"
    assert FileNames.coerce(names) is names


def test_the_finished_message_opens_the_files_and_their_folder(qtbot, out: Path, monkeypatch):
    opened: list[QUrl] = []
    monkeypatch.setattr(written, "open_url", lambda url: opened.append(url) or True)
    monkeypatch.setattr(written.sys, "platform", "linux")
    pdf, xlsx = out / "r.pdf", out / "r.xlsx"
    for label, expected in (
        ("Open PDF", pdf),
        ("Open workbook", xlsx),
        ("Show in folder", out),
    ):
        box = written.WrittenBox(
            None, "Reports exported", "Written", [("Open &PDF", pdf), ("Open &workbook", xlsx)], pdf
        )
        qtbot.addWidget(box)
        box.button_labelled(label).click()
        assert opened[-1] == QUrl.fromLocalFile(str(expected))
    assert len(opened) == 3
