"""Help > About: the version, where the data lives (to copy for support) and the licences of the
libraries that ship with the app."""

from __future__ import annotations

import platform

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from imsdesk import APP_NAME, __version__
from imsdesk.ui.dialogs.licences import Licence, bundled_licences, own_licence

DESCRIPTION = (
    "ISO 9001 and ISO 14001 self-assessment and gap analysis for consultants and small "
    "businesses. Everything stays on this computer."
)
NONE = "(none)"


class AboutDialog(QDialog):
    def __init__(
        self,
        data_folder: str,
        database: str,
        settings_file: str,
        log_file: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(f"About {APP_NAME}")
        self.setMinimumSize(620, 560)
        self.libraries: list[Licence] = bundled_licences()
        self.places = (
            ("Data folder", data_folder),
            ("Database", database),
            ("Settings file", settings_file),
            ("Log file", log_file),
        )

        self.heading = QLabel(f"<h2>{APP_NAME} {__version__}</h2>")
        self.heading.setObjectName("heading")
        description = QLabel(DESCRIPTION)
        description.setWordWrap(True)
        self.licence = QLabel(f"{APP_NAME} licence: {own_licence()}.")
        self.licence.setObjectName("licence")

        self.where = QLabel("\n".join(f"{name}: {path or NONE}" for name, path in self.places))
        self.where.setObjectName("where")
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        self.where.setWordWrap(True)
        # selectable with the keyboard too, so Tab reaches it and Ctrl+C copies a path
        self.where.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.where.setFrameShape(QLabel.Shape.StyledPanel)
        where_label = QLabel("&Where your data lives:")
        where_label.setBuddy(self.where)
        self.copy = QPushButton("&Copy details")
        self.copy.setObjectName("copyDetails")
        self.copy.setAutoDefault(False)
        self.copy.setToolTip("Copies the version, these places and the libraries, for support")
        self.copy.clicked.connect(self.copy_details)
        self.copied = QLabel()
        self.copied.setObjectName("copied")
        copy_row = QHBoxLayout()
        copy_row.addWidget(self.copy)
        copy_row.addWidget(self.copied)
        copy_row.addStretch()

        self.table = self._library_table()
        table_label = QLabel(f"&Libraries bundled with {APP_NAME} and their licences:")
        table_label.setBuddy(self.table)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(description)
        layout.addWidget(self.licence)
        layout.addSpacing(8)
        layout.addWidget(where_label)
        layout.addWidget(self.where)
        layout.addLayout(copy_row)
        layout.addSpacing(8)
        layout.addWidget(table_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def _library_table(self) -> QTableWidget:
        table = QTableWidget(len(self.libraries), 3)
        table.setObjectName("libraries")
        table.setHorizontalHeaderLabels(["Library", "Version", "Licence"])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(False)
        rows = table.verticalHeader()
        rows.hide()
        rows.setDefaultSectionSize(table.fontMetrics().height() + 8)  # a list, not a grid
        for row, library in enumerate(self.libraries):
            for column, text in enumerate((library.name, library.version, library.licence)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                table.setItem(row, column, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        return table

    def details(self) -> str:
        """What support needs to know: versions, the places of the files, the libraries."""
        lines = [
            f"{APP_NAME} {__version__}",
            f"Python {platform.python_version()}, Qt {qVersion()}, "
            f"PySide6 {PySide6.__version__}, {platform.platform()}",
            *(f"{name}: {path or NONE}" for name, path in self.places),
            "Libraries: " + ", ".join(f"{lib.name} {lib.version or '?'}" for lib in self.libraries),
        ]
        return "\n".join(lines)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details())
        self.copied.setText("Copied to the clipboard.")
