"""Starting the desktop app."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from imsdesk import APP_NAME, __version__
from imsdesk.catalog import load_catalog
from imsdesk.errors import UserError
from imsdesk.paths import default_database, resources_dir
from imsdesk.storage import open_database
from imsdesk.ui import msgbox
from imsdesk.ui.main_window import MainWindow


def run_app(args: argparse.Namespace) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("imsdesk")
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "imsdesk.svg")))
    try:
        db = open_database(args.db or default_database())
    except UserError as exc:
        msgbox.error(None, f"{APP_NAME} cannot open its database", str(exc))
        return 1
    catalog = load_catalog([Path(d) for d in getattr(args, "questionnaires", None) or ()])
    window = MainWindow(db, catalog)
    window.show()
    QTimer.singleShot(0, window.report_pack_problems)
    try:
        return app.exec()
    finally:
        db.close()
