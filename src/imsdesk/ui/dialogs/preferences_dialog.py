"""Edit > Preferences: what a new assessment proposes, the wizard's auto-advance, the consultant's
logo, footer and paper for the reports, and the database in use.

OK writes the settings, Cancel writes nothing. The database buttons do not switch databases
themselves: they keep the other changes (as OK does), close the dialog and emit
``database_chosen``; the main window does the switch and remembers the file once it opened.
File choosing goes through ``ask_logo_path`` and ``ask_database_path``, which tests replace.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from imsdesk import APP_NAME
from imsdesk.ui.settings import Settings

PAPERS = (("a4", "A4"), ("letter", "Letter"))
DATABASE_SUFFIX = ".sqlite3"
DATABASE_FILTER = f"{APP_NAME} databases (*{DATABASE_SUFFIX});;All files (*)"
LOGO_FILTER = "PNG or JPEG images (*.png *.jpg *.jpeg);;All files (*)"
PREVIEW = QSize(160, 64)
ERROR_STYLE = "color: white; background: #b3261e; padding: 4px;"


def database_problem(path: Path, create: bool, current: str) -> str:
    """Why ``path`` cannot be opened (or created) as the database; "" if it can."""
    if current and path.resolve() == Path(current).expanduser().resolve():
        return f"{path} is the database in use."
    if create:
        if path.exists():
            return f"{path} already exists. Use Open another… to open it, or give a new name."
        if not path.parent.is_dir():
            return f"The folder {path.parent} does not exist."
        return ""
    if path.is_dir():
        return f"{path} is a folder, not a database file."
    if not path.is_file():
        return f"{path} does not exist."
    return ""


def _error_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAutoDefault(False)  # Enter is OK wherever the focus is; Space presses a button
    return button


class PreferencesDialog(QDialog):
    database_chosen = Signal(str, bool)  # the file, and whether to create it

    def __init__(
        self,
        settings: Settings,
        current_database: str,
        levels: dict[int, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(f"Preferences — {APP_NAME}")
        self.setMinimumWidth(600)
        self.settings = settings
        self.current_database = current_database
        self.logo_path: str | None = settings.logo  # what OK writes

        self.assessor = QLineEdit(settings.assessor)
        self.assessor.setObjectName("assessor")
        self.assessor.setPlaceholderText("Proposed as the assessor of a new assessment")
        self.target = QSpinBox()
        self.target.setObjectName("target")
        self.target.setRange(0, 5)
        self.target.setValue(settings.default_target)
        self.target_name = QLabel(levels.get(self.target.value(), ""))
        self.target_name.setObjectName("targetName")
        self.target.valueChanged.connect(lambda v: self.target_name.setText(levels.get(v, "")))
        target_row = QHBoxLayout()
        target_row.addWidget(self.target)
        target_row.addWidget(self.target_name)
        target_row.addStretch()
        target_label = QLabel("Default &target maturity:")
        target_label.setBuddy(self.target)
        self.auto_advance = QCheckBox("&Move on to the next open question after a maturity")
        self.auto_advance.setObjectName("autoAdvance")
        self.auto_advance.setChecked(settings.auto_advance)
        form = QFormLayout()
        form.addRow("&Assessor:", self.assessor)
        form.addRow(target_label, target_row)
        form.addRow("Wizard:", self.auto_advance)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._reports_group())
        layout.addWidget(self._database_group())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._show_logo(settings.logo)

    # Building --------------------------------------------------------------------------------

    def _reports_group(self) -> QGroupBox:
        group = QGroupBox("Reports")
        self.logo = QLineEdit()
        self.logo.setObjectName("logo")
        self.logo.setReadOnly(True)
        self.logo.setPlaceholderText("No logo on the cover")
        self.choose_logo_button = _button("C&hoose…", "chooseLogo")
        self.choose_logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button = _button("&Remove", "removeLogo")
        self.remove_logo_button.clicked.connect(self.remove_logo)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo, 1)
        logo_row.addWidget(self.choose_logo_button)
        logo_row.addWidget(self.remove_logo_button)
        logo_label = QLabel("&Logo:")
        logo_label.setBuddy(self.logo)
        self.preview = QLabel()
        self.preview.setObjectName("logoPreview")
        self.preview.setFixedSize(PREVIEW)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFrameShape(QLabel.Shape.StyledPanel)
        self.logo_error = _error_label("logoError")
        self.footer = QLineEdit(self.settings.report_footer)
        self.footer.setObjectName("footer")
        self.footer.setMaxLength(200)
        self.footer.setPlaceholderText("e.g. Smith Consulting · 01234 567890 · smith.example")
        self.paper = QComboBox()
        self.paper.setObjectName("paper")
        for key, label in PAPERS:
            self.paper.addItem(label, key)
        self.paper.setCurrentIndex(max(0, self.paper.findData(self.settings.paper)))

        form = QFormLayout(group)
        form.addRow(logo_label, logo_row)
        form.addRow("", self.preview)
        form.addRow("", self.logo_error)
        form.addRow("&Footer text:", self.footer)
        form.addRow("&Paper size:", self.paper)
        return group

    def _database_group(self) -> QGroupBox:
        group = QGroupBox("Database")
        self.database = QLabel(self.current_database)
        self.database.setObjectName("database")
        self.database.setWordWrap(True)
        self.database.setTextFormat(Qt.TextFormat.PlainText)
        self.database.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        database_label = QLabel("Data&base in use:")
        database_label.setBuddy(self.database)
        self.open_database_button = _button("&Open another…", "openDatabase")
        self.open_database_button.clicked.connect(lambda: self.choose_database(create=False))
        self.new_database_button = _button("&New database…", "newDatabase")
        self.new_database_button.clicked.connect(lambda: self.choose_database(create=True))
        row = QHBoxLayout()
        row.addWidget(self.open_database_button)
        row.addWidget(self.new_database_button)
        row.addStretch()
        self.database_error = _error_label("databaseError")
        layout = QVBoxLayout(group)
        layout.addWidget(database_label)
        layout.addWidget(self.database)
        layout.addLayout(row)
        layout.addWidget(self.database_error)
        return group

    # The logo --------------------------------------------------------------------------------

    def ask_logo_path(self) -> str | None:
        start = str(Path(self.logo_path).parent) if self.logo_path else str(Path.home())
        path, _filter = QFileDialog.getOpenFileName(self, "Choose the logo", start, LOGO_FILTER)
        return path or None

    def choose_logo(self) -> None:
        path = self.ask_logo_path()
        if not path:
            return
        problem = self._show_logo(path)
        if problem:  # keep the logo there was
            self._show_logo(self.logo_path)
            self._show_logo_error(problem)
            self.choose_logo_button.setFocus()
            return
        self.logo_path = path

    def remove_logo(self) -> None:
        self.logo_path = None
        self._show_logo(None)
        self.choose_logo_button.setFocus()

    def _show_logo(self, path: str | None) -> str:
        """Show ``path`` and its preview; returns what is wrong with it ("" if nothing)."""
        self.logo.setText(path or "")
        self.remove_logo_button.setEnabled(bool(path))
        self.preview.clear()
        self.preview.setText("No logo")
        self._show_logo_error("")
        if not path:
            return ""
        from imsdesk.errors import InvalidInput
        from imsdesk.services.reporting import read_logo

        try:
            data = read_logo(Path(path))
        except InvalidInput as error:
            self._show_logo_error(str(error))
            return str(error)
        pixmap = QPixmap()
        if not pixmap.loadFromData(data):
            problem = f"The logo {path} is damaged: it cannot be read as an image."
            self._show_logo_error(problem)
            return problem
        self.preview.setPixmap(
            pixmap.scaled(
                PREVIEW - QSize(4, 4),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        return ""

    def _show_logo_error(self, message: str) -> None:
        self.logo_error.setText(message)
        self.logo_error.setVisible(bool(message))

    # The database ----------------------------------------------------------------------------

    def ask_database_path(self, create: bool) -> str | None:
        start = str(Path(self.current_database).parent) if self.current_database else ""
        if create:
            path, _filter = QFileDialog.getSaveFileName(
                self,
                "New database",
                start,
                DATABASE_FILTER,
                options=QFileDialog.Option.DontConfirmOverwrite,  # an existing file is refused
            )
        else:
            path, _filter = QFileDialog.getOpenFileName(
                self, "Open another database", start, DATABASE_FILTER
            )
        return path or None

    def choose_database(self, create: bool) -> None:
        chosen = self.ask_database_path(create)
        if not chosen:
            return
        path = Path(chosen).expanduser()
        if create and not path.suffix:
            path = path.with_suffix(DATABASE_SUFFIX)
        problem = database_problem(path, create, self.current_database)
        self.database_error.setText(problem)
        self.database_error.setVisible(bool(problem))
        if problem:
            return
        self.write_settings()
        self.accept()
        self.database_chosen.emit(str(path), create)

    # OK ----------------------------------------------------------------------------------------

    def write_settings(self) -> None:
        settings = self.settings
        settings.assessor = self.assessor.text()
        settings.default_target = self.target.value()
        settings.auto_advance = self.auto_advance.isChecked()
        settings.logo = self.logo_path
        settings.report_footer = self.footer.text()
        settings.paper = self.paper.currentData()
        settings.sync()

    def save(self) -> None:
        self.write_settings()
        self.accept()
