"""The About dialog, and the licences it lists read from the libraries' metadata."""

from __future__ import annotations

import email.message
import importlib.metadata as metadata
import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from imsdesk import __version__
from imsdesk.ui.dialogs import licences
from imsdesk.ui.dialogs.about_dialog import AboutDialog
from imsdesk.ui.dialogs.licences import (
    NOT_RECORDED,
    bundled_licences,
    canonical,
    licence_of,
    own_licence,
)

ROOT = Path(__file__).resolve().parents[2]


def runtime_dependencies() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    return [licences._NAME.match(d).group() for d in project["dependencies"]]


def meta(**fields: str | list[str]) -> email.message.Message:
    message = email.message.Message()
    for key, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            message[key.replace("_", "-")] = item
    return message


# Reading the metadata --------------------------------------------------------------------------


def test_the_list_of_runtime_libraries_matches_pyproject():
    assert sorted(map(canonical, licences.RUNTIME)) == sorted(
        map(canonical, runtime_dependencies())
    )


def test_every_bundled_library_has_a_version_and_a_licence():
    found = {canonical(lib.name): lib for lib in bundled_licences()}
    wanted = [*runtime_dependencies(), "shiboken6", "numpy", "pillow"]
    for name in wanted:
        library = found[canonical(name)]
        assert library.version == metadata.version(name)
        assert library.licence and library.licence != NOT_RECORDED, library
    names = [lib.name.lower() for lib in bundled_licences()]
    assert names == sorted(names)


def test_dependencies_of_dependencies_are_listed_but_not_optional_ones():
    found = {canonical(lib.name) for lib in bundled_licences()}
    assert "mako" in found  # alembic needs it
    assert "pypdf" not in found and "pytest" not in found  # installed, but only for the tests


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"License_Expression": "MIT", "License": "BSD"}, "MIT"),
        ({"License": "MIT"}, "MIT"),
        (
            {
                "License": "Copyright (c) 2015, someone\nAll rights reserved.\n...",
                "Classifier": [
                    "Programming Language :: Python",
                    "License :: OSI Approved :: BSD License",
                ],
            },
            "BSD License",
        ),
        ({"License": "BSD 3-Clause License\n\nCopyright (c) 2021..."}, "BSD 3-Clause License"),
        ({"License": "=" * 30 + "\n" + "x " * 100}, NOT_RECORDED),
        ({"License": "x" * 200}, NOT_RECORDED),
        ({}, NOT_RECORDED),
    ],
    ids=["expression", "short", "classifier", "first line", "banner", "long text", "nothing"],
)
def test_the_licence_is_read_from_the_best_field(fields, expected):
    assert licence_of(meta(**fields)) == expected


def test_a_library_without_metadata_is_listed_as_not_recorded(monkeypatch):
    real = metadata.distribution

    class NoMetadata:
        version = None
        requires = None
        metadata = None  # what newer Pythons give for a missing METADATA file

    def distribution(name: str):
        if canonical(name) == "numpy":
            return NoMetadata()
        return real(name)

    monkeypatch.setattr(metadata, "distribution", distribution)
    found = {lib.name: lib for lib in bundled_licences(("no-such-library", "numpy", "PyYAML"))}
    assert found["no-such-library"].licence == NOT_RECORDED
    assert found["no-such-library"].version == ""
    assert found["numpy"].licence == NOT_RECORDED
    assert found["PyYAML"].licence == "MIT"


def test_own_licence_is_the_one_in_pyproject(monkeypatch):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert own_licence() == project["license"]["text"]

    def missing(_name: str):
        raise metadata.PackageNotFoundError("imsdesk")

    monkeypatch.setattr(metadata, "metadata", missing)  # as in a bundle without it
    assert own_licence() == project["license"]["text"]


# The dialog ------------------------------------------------------------------------------------


@pytest.fixture
def about(qtbot):
    dialog = AboutDialog(
        "/home/u/.local/share/imsdesk",
        "/home/u/.local/share/imsdesk/imsdesk.sqlite3",
        "/home/u/.config/imsdesk/imsdesk.ini",
        "",
    )
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def test_about_shows_the_version_the_data_and_every_library(about):
    assert f"IMS Desk {__version__}" in about.heading.text()
    assert "Proprietary" in about.licence.text()
    where = about.where.text()
    assert "Data folder: /home/u/.local/share/imsdesk" in where
    assert "Database: /home/u/.local/share/imsdesk/imsdesk.sqlite3" in where
    assert "Settings file: /home/u/.config/imsdesk/imsdesk.ini" in where
    assert "Log file: (none)" in where
    assert about.where.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard
    table = about.table
    rows = {
        canonical(table.item(r, 0).text()): (table.item(r, 1).text(), table.item(r, 2).text())
        for r in range(table.rowCount())
    }
    for name in [*runtime_dependencies(), "shiboken6", "numpy", "pillow"]:
        version, licence = rows[canonical(name)]
        assert version == metadata.version(name)
        assert licence and licence != NOT_RECORDED


def test_copy_details_puts_the_details_on_the_clipboard(qtbot, about):
    QApplication.clipboard().clear()
    qtbot.mouseClick(about.copy, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text()
    assert copied == about.details()
    assert copied.startswith(f"IMS Desk {__version__}\n")
    assert "Data folder: /home/u/.local/share/imsdesk" in copied
    assert "Settings file: /home/u/.config/imsdesk/imsdesk.ini" in copied
    assert f"SQLAlchemy {metadata.version('SQLAlchemy')}" in copied
    assert about.copied.text() == "Copied to the clipboard."


def test_escape_and_close_close_about(qtbot, about):
    with qtbot.waitSignal(about.rejected):
        qtbot.keyClick(about.table, Qt.Key.Key_Escape)
    assert not about.isVisible()
    about.open()
    close = about.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    with qtbot.waitSignal(about.rejected):
        qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not about.isVisible()
