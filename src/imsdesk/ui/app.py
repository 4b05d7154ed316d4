"""Starting the desktop app.

The window is shown first, before SQLAlchemy, the questionnaires or anything heavy is imported;
the database is opened (and upgraded if needed) and the catalog loaded by an operation on the
writer thread, then the window fills in.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

from imsdesk import APP_NAME, __version__

# With this set, the app prints when (wall clock) its window showed and when it was filled, then
# quits: the startup benchmark and the frozen-bundle smoke test use it.
EXIT_AFTER_STARTUP = "IMSDESK_EXIT_AFTER_STARTUP"


def display_problem() -> str | None:
    """Why Qt could not show a window here, or None (Linux without a display would abort)."""
    if not sys.platform.startswith("linux"):
        return None
    if any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        return None
    return (
        "imsdesk: no display (DISPLAY and WAYLAND_DISPLAY are not set), so the desktop app cannot "
        "start; the headless commands work: imsdesk new, answer, progress, score, plan, report, "
        "export, import (see imsdesk --help)"
    )


def run_app(args: argparse.Namespace) -> int:
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from imsdesk.paths import resources_dir
    from imsdesk.ui import errors
    from imsdesk.ui.context import AppContext
    from imsdesk.ui.main_window import MainWindow
    from imsdesk.ui.ops import Operations
    from imsdesk.ui.settings import Settings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("imsdesk")
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "imsdesk.svg")))

    from imsdesk.ui.collector import GarbageCollector

    collector = GarbageCollector(app)  # never on a worker thread: see collector.py
    window: list[MainWindow] = []

    def parent() -> Any:
        return QApplication.activeWindow() or (window[0] if window else None)

    ops = Operations(on_error=lambda error: errors.report(parent(), error))
    folders = tuple(getattr(args, "questionnaires", None) or ())
    settings = Settings()
    ctx = AppContext(ops, settings, extra_questionnaires=folders)
    main = MainWindow(ctx)
    window.append(main)
    main.show()
    shown = time.time()
    errors.install_hooks(parent)
    # --db and IMSDESK_DB win; else the database chosen in Preferences; else the default one
    chosen = settings.database
    if chosen and not Path(chosen).is_file():  # moved or on a drive that is not plugged in
        chosen = None
    target = args.db or os.environ.get("IMSDESK_DB", "").strip() or chosen

    def open_workspace() -> tuple[Any, Any]:
        from imsdesk.catalog import load_catalog
        from imsdesk.paths import default_database, user_data_dir
        from imsdesk.storage import open_database

        errors.setup_logging(user_data_dir())
        db = open_database(target or default_database())
        return db, load_catalog([Path(f) for f in folders])

    if os.environ.get(EXIT_AFTER_STARTUP):
        main.ready.connect(lambda: _report_startup(shown, main))
    main.start(open_workspace)
    try:
        return app.exec()
    finally:
        ops.shutdown()
        collector.stop()
        if ctx.db is not None:
            ctx.db.close()


def _report_startup(shown: float, window: Any) -> None:
    from PySide6.QtWidgets import QApplication

    print(
        f"startup: shown={shown:.3f} usable={time.time():.3f} "
        f"assessments={len(window.model.assessments())}",
        file=sys.stderr,
    )
    window.close()
    QApplication.exit(0)
