"""Starting the app: light before the window shows, and a clear line where there is no display."""

from __future__ import annotations

import os
import subprocess
import sys

HEAVY = ("sqlalchemy", "alembic", "matplotlib", "openpyxl", "reportlab", "yaml", "jsonschema")


def test_the_window_appears_before_anything_heavy_is_imported(tmp_path):
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from imsdesk.cli import app_arguments\n"
        "assert app_arguments(['--db', 'x.sqlite3']).db == 'x.sqlite3'\n"
        "from imsdesk.ui.context import AppContext\n"
        "from imsdesk.ui.main_window import MainWindow\n"
        "from imsdesk.ui.ops import Operations\n"
        "from imsdesk.ui.settings import Settings\n"
        "app = QApplication([])\n"
        f"window = MainWindow(AppContext(Operations(), Settings({str(tmp_path / 's.ini')!r})))\n"
        "window.show()\n"
        "app.processEvents()\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_without_a_display_the_app_says_so_and_names_the_headless_commands(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "-m", "imsdesk", "--db", str(tmp_path / "x.sqlite3")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "no display" in lines[0] and "imsdesk new, answer" in lines[0]
    assert not (tmp_path / "x.sqlite3").exists()


def test_the_app_starts_and_quits_by_itself_with_the_smoke_flag(tmp_path):
    from imsdesk.ui.app import EXIT_AFTER_STARTUP

    db = tmp_path / "smoke.sqlite3"
    result = subprocess.run(
        [sys.executable, "-m", "imsdesk", "--db", str(db)],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            EXIT_AFTER_STARTUP: "1",
            "HOME": str(tmp_path),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_DATA_HOME": str(tmp_path / "data"),
        },
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "startup: shown=" in result.stderr
    assert db.exists()
