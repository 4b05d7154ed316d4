"""The Preferences dialog, and the wizard proposing the assessor and target it stores."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from imsdesk.ui.dialogs.preferences_dialog import PreferencesDialog
from imsdesk.ui.settings import Settings
from imsdesk.ui.wizard.wizard import SETUP

LEVELS = {0: "Absent", 1: "Initial", 2: "Developing", 3: "Defined", 4: "Managed", 5: "Optimised"}


def image(path: Path, fmt: str = "PNG") -> Path:
    picture = QImage(40, 20, QImage.Format.Format_RGB32)
    picture.fill(QColor("teal"))
    assert picture.save(str(path), fmt)
    return path


def reread(settings: Settings) -> Settings:
    """The settings as the next start of the app would read them."""
    return Settings(settings.path)


@pytest.fixture
def dialog(qtbot, settings, tmp_path):
    dialog = PreferencesDialog(settings, str(tmp_path / "current.sqlite3"), LEVELS)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def click(qtbot, dialog: PreferencesDialog, which: QDialogButtonBox.StandardButton) -> None:
    qtbot.mouseClick(dialog.buttons.button(which), Qt.MouseButton.LeftButton)


def test_the_dialog_shows_the_stored_preferences(qtbot, settings, tmp_path):
    logo = image(tmp_path / "logo.png")
    settings.assessor = "J. Auditor"
    settings.default_target = 2
    settings.auto_advance = False
    settings.logo = str(logo)
    settings.report_footer = "Auditor & Co"
    settings.paper = "letter"
    dialog = PreferencesDialog(settings, "/data/imsdesk.sqlite3", LEVELS)
    qtbot.addWidget(dialog)
    assert dialog.assessor.text() == "J. Auditor"
    assert dialog.target.value() == 2 and dialog.target_name.text() == "Developing"
    assert not dialog.auto_advance.isChecked()
    assert dialog.logo.text() == str(logo)
    assert not dialog.preview.pixmap().isNull()
    assert dialog.remove_logo_button.isEnabled()
    assert dialog.footer.text() == "Auditor & Co"
    assert dialog.paper.currentText() == "Letter"
    assert dialog.database.text() == "/data/imsdesk.sqlite3"


def test_ok_writes_every_field(qtbot, dialog, settings, tmp_path):
    assert settings.auto_advance and settings.paper == "a4"  # the defaults, changed below
    logo = image(tmp_path / "logo.jpg", "JPEG")
    dialog.ask_logo_path = lambda: str(logo)
    dialog.assessor.setText("  P. Consultant ")
    dialog.target.setValue(5)
    assert dialog.target_name.text() == "Optimised"
    dialog.auto_advance.setChecked(False)
    qtbot.mouseClick(dialog.choose_logo_button, Qt.MouseButton.LeftButton)
    assert dialog.logo.text() == str(logo)
    assert not dialog.preview.pixmap().isNull()
    assert not dialog.logo_error.isVisible()
    dialog.footer.setText("Smith Consulting · 01234 567890")
    dialog.paper.setCurrentIndex(dialog.paper.findData("letter"))
    with qtbot.waitSignal(dialog.accepted):
        click(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert not dialog.isVisible()
    stored = reread(settings)
    assert stored.assessor == "P. Consultant"
    assert stored.default_target == 5
    assert stored.auto_advance is False
    assert stored.logo == str(logo)
    assert stored.report_footer == "Smith Consulting · 01234 567890"
    assert stored.paper == "letter"


def test_enter_is_ok_wherever_the_focus_is(qtbot, dialog, settings):
    dialog.footer.setFocus()
    qtbot.keyClicks(dialog.footer, "Typed footer")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.footer, Qt.Key.Key_Return)
    assert reread(settings).report_footer == "Typed footer"


def test_cancel_and_escape_write_nothing(qtbot, settings, tmp_path):
    logo = image(tmp_path / "old.png")
    settings.assessor = "J. Auditor"
    settings.logo = str(logo)
    settings.sync()
    before = settings.path.read_bytes()
    for close in ("cancel", "escape"):
        dialog = PreferencesDialog(settings, "", LEVELS)
        qtbot.addWidget(dialog)
        dialog.open()
        dialog.assessor.setText("Someone else")
        dialog.target.setValue(0)
        dialog.auto_advance.setChecked(False)
        dialog.remove_logo()
        dialog.footer.setText("Other footer")
        dialog.paper.setCurrentIndex(dialog.paper.findData("letter"))
        with qtbot.waitSignal(dialog.rejected):
            if close == "cancel":
                click(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)
            else:
                qtbot.keyClick(dialog.assessor, Qt.Key.Key_Escape)
        assert not dialog.isVisible()
        settings.sync()
        assert settings.path.read_bytes() == before
        stored = reread(settings)
        assert (stored.assessor, stored.logo, stored.report_footer) == (
            "J. Auditor",
            str(logo),
            "",
        )
        assert (stored.default_target, stored.auto_advance, stored.paper) == (3, True, "a4")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"just some notes\n", "not a PNG or JPEG"),
        (None, "larger than 10 MB"),
        (b"\x89PNG\r\n\x1a\n" + b"garbage" * 10, "cannot be read as an image"),
    ],
    ids=["text file", "too large", "damaged png"],
)
def test_a_bad_logo_is_refused_inline_and_ok_keeps_the_old_one(
    qtbot, settings, tmp_path, content, message
):
    old = image(tmp_path / "old.png")
    settings.logo = str(old)
    bad = tmp_path / "bad.png"
    if content is None:  # a sparse file: larger than 10 MB without writing 10 MB
        with bad.open("wb") as file:
            file.write(b"\x89PNG\r\n\x1a\n")
            file.truncate(11 * 1024 * 1024)
    else:
        bad.write_bytes(content)
    dialog = PreferencesDialog(settings, "", LEVELS)
    qtbot.addWidget(dialog)
    dialog.open()
    assert not dialog.logo_error.isVisible()
    dialog.ask_logo_path = lambda: str(bad)
    qtbot.mouseClick(dialog.choose_logo_button, Qt.MouseButton.LeftButton)
    assert dialog.logo_error.isVisible()
    assert message in dialog.logo_error.text() and str(bad) in dialog.logo_error.text()
    assert dialog.logo.text() == str(old)
    assert not dialog.preview.pixmap().isNull()  # still the old logo's preview
    assert dialog.isVisible()
    with qtbot.waitSignal(dialog.accepted):
        click(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert reread(settings).logo == str(old)


def test_a_good_logo_after_a_bad_one_clears_the_error(qtbot, dialog, tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("not an image")
    dialog.ask_logo_path = lambda: str(text)
    dialog.choose_logo()
    assert dialog.logo_error.isVisible()
    good = image(tmp_path / "good.png")
    dialog.ask_logo_path = lambda: str(good)
    dialog.choose_logo()
    assert not dialog.logo_error.isVisible()
    assert dialog.logo.text() == str(good)


def test_choosing_no_file_changes_nothing(qtbot, dialog, settings, tmp_path):
    dialog.ask_logo_path = lambda: None
    dialog.ask_database_path = lambda create: None
    with qtbot.assertNotEmitted(dialog.database_chosen):
        dialog.choose_logo()
        dialog.choose_database(create=False)
    assert dialog.logo.text() == "" and not dialog.logo_error.isVisible()
    assert dialog.isVisible()


def test_remove_takes_the_logo_off(qtbot, settings, tmp_path):
    settings.logo = str(image(tmp_path / "logo.png"))
    dialog = PreferencesDialog(settings, "", LEVELS)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.mouseClick(dialog.remove_logo_button, Qt.MouseButton.LeftButton)
    assert dialog.logo.text() == "" and dialog.preview.pixmap().isNull()
    assert not dialog.remove_logo_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        click(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert reread(settings).logo is None


def test_a_stored_logo_that_went_missing_is_reported_when_the_dialog_opens(
    qtbot, settings, tmp_path
):
    settings.logo = str(tmp_path / "gone.png")
    dialog = PreferencesDialog(settings, "", LEVELS)
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.logo_error.isVisible() and "does not exist" in dialog.logo_error.text()


def test_open_another_database_emits_the_file_and_closes(qtbot, dialog, settings, tmp_path):
    other = tmp_path / "client.sqlite3"
    other.write_bytes(b"")
    asked: list[bool] = []
    dialog.ask_database_path = lambda create: asked.append(create) or str(other)
    dialog.assessor.setText("Kept too")
    with qtbot.waitSignal(dialog.database_chosen) as chosen:
        qtbot.mouseClick(dialog.open_database_button, Qt.MouseButton.LeftButton)
    assert asked == [False]
    assert chosen.args == [str(other), False]
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Accepted
    stored = reread(settings)
    assert stored.assessor == "Kept too"  # the other changes are kept, as with OK
    assert stored.database is None  # the main window remembers it once it opened


def test_new_database_emits_the_new_file_with_its_suffix(qtbot, dialog, tmp_path):
    asked: list[bool] = []
    dialog.ask_database_path = lambda create: asked.append(create) or str(tmp_path / "fresh")
    with qtbot.waitSignal(dialog.database_chosen) as chosen:
        qtbot.mouseClick(dialog.new_database_button, Qt.MouseButton.LeftButton)
    assert asked == [True]
    assert chosen.args == [str(tmp_path / "fresh.sqlite3"), True]
    assert not dialog.isVisible()
    assert not (tmp_path / "fresh.sqlite3").exists()  # the main window creates it


@pytest.mark.parametrize(
    ("create", "name", "message"),
    [
        (False, "missing.sqlite3", "does not exist"),
        (False, "current.sqlite3", "the database in use"),
        (True, "existing.sqlite3", "already exists"),
        (True, "no-such-folder/new.sqlite3", "does not exist"),
    ],
)
def test_a_database_that_cannot_be_used_is_refused_inline(
    qtbot, dialog, tmp_path, create, name, message
):
    (tmp_path / "existing.sqlite3").write_bytes(b"")
    (tmp_path / "current.sqlite3").write_bytes(b"")
    dialog.ask_database_path = lambda _create: str(tmp_path / name)
    with qtbot.assertNotEmitted(dialog.database_chosen):
        dialog.choose_database(create)
    assert dialog.database_error.isVisible() and message in dialog.database_error.text()
    assert dialog.isVisible()


def test_every_field_has_a_keyboard_shortcut(dialog):
    from PySide6.QtWidgets import QAbstractButton, QLabel

    texts = [label.text() for label in dialog.findChildren(QLabel) if label.buddy() is not None]
    texts += [b.text() for b in dialog.findChildren(QAbstractButton) if b.text()]
    mnemonics = [t[t.index("&") + 1].lower() for t in texts if "&" in t]
    buddies = {label.buddy() for label in dialog.findChildren(QLabel) if label.buddy()}
    for field in (dialog.assessor, dialog.target, dialog.logo, dialog.footer, dialog.paper):
        assert field in buddies
    assert len(mnemonics) == len(set(mnemonics)), f"a mnemonic is used twice: {texts}"


# The wizard ------------------------------------------------------------------------------------


def test_a_new_assessment_proposes_the_preferred_assessor_and_target(
    qtbot, catalog, settings, main_window
):
    settings.assessor = "P. Consultant"
    settings.default_target = 4
    main_window.actions.new_assessment.trigger()
    wizard = main_window.wizards[None]
    qtbot.waitActive(wizard)
    wizard.next()
    assert wizard.currentId() == SETUP
    setup = wizard.setup
    assert setup.assessor.text() == "P. Consultant"
    assert setup.target.value() == 4
    level_four = next(lv.name for lv in catalog.pack("iso9001-2015").scale if lv.level == 4)
    assert setup.target_name.text() == level_four
    assert setup.values().assessor == "P. Consultant" and setup.values().target == 4
    wizard.close()


def test_an_existing_assessment_keeps_its_own_assessor_and_target(
    qtbot, assessment, settings, main_window
):
    settings.assessor = "P. Consultant"
    settings.default_target = 5
    assert assessment.target_maturity != 5
    main_window.open_wizard(assessment.id)
    qtbot.waitUntil(lambda: assessment.id in main_window.wizards, timeout=10000)
    wizard = main_window.wizards[assessment.id]
    assert wizard.setup.assessor.text() == "J. Auditor"
    assert wizard.setup.target.value() == assessment.target_maturity
    wizard.close()


def test_the_dialog_modules_import_nothing_heavy():
    """The main window may import them at its top; the window must still show at once."""
    import subprocess
    import sys

    heavy = ("sqlalchemy", "alembic", "matplotlib", "openpyxl", "reportlab", "yaml", "jsonschema")
    code = (
        "import sys\n"
        "import imsdesk.ui.dialogs.about_dialog, imsdesk.ui.dialogs.preferences_dialog\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {heavy!r}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
