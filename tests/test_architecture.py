"""The core stays Qt-free and light, enforced by tests (cf. napari's import rules)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import imsdesk

PACKAGE = Path(imsdesk.__file__).parent
HEAVY = ("PySide6", "matplotlib", "reportlab", "openpyxl")


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at any depth (function-level imports included)."""
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def core_files() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if "ui" not in p.relative_to(PACKAGE).parts[:1]]


def test_there_is_a_core_to_check():
    names = {p.relative_to(PACKAGE).parts[0] for p in core_files()}
    assert {
        "storage",
        "services",
        "exchange",
        "cli",
        "catalog",
        "scoring",
        "planning",
        "reports",
    } <= names


def test_no_module_outside_ui_imports_pyside6():
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {module}"
        for path in core_files()
        for module in imported_modules(path)
        if module == "PySide6" or module.startswith("PySide6.")
    ]
    assert offenders == []


def test_only_the_cli_entry_point_reaches_up_into_ui():
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in core_files()
        if path.relative_to(PACKAGE).parts[0] != "cli"
        and any(m == "imsdesk.ui" or m.startswith("imsdesk.ui.") for m in imported_modules(path))
    ]
    assert offenders == []


def test_importing_the_core_loads_no_qt_and_no_heavy_library():
    code = (
        "import sys\n"
        "import imsdesk.cli, imsdesk.cli.commands, imsdesk.cli.parser, imsdesk.services, "
        "imsdesk.services.reporting, imsdesk.services.plan, imsdesk.exchange, imsdesk.scoring, "
        "imsdesk.planning, imsdesk.catalog, imsdesk.demo, imsdesk.storage, "
        "imsdesk.storage.migrate, imsdesk.paths\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_detector_would_catch_a_violation(tmp_path: Path):
    sample = tmp_path / "bad.py"
    sample.write_text("def f():\n    from PySide6.QtWidgets import QWidget\n")
    assert "PySide6.QtWidgets" in imported_modules(sample)
