"""Starting the desktop app against a bare PySide6 QMainWindow, in the same run.

    python benchmarks/bench_startup.py

Each program is started as a new process (offscreen Qt) and reports the wall-clock moment its
window was shown; IMS Desk also reports when its tree was filled and usable. Times count from
just before the process is started, so both pay for the interpreter and for importing Qt. Three
cases: an empty database, the demo client, and 1,000 fully answered assessments with fresh
summaries. Expectation: shown at most 3x the bare window; usable within a second with 1,000.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_listing import build

REPEATS = 5
BARE = """
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1200, 720)
window.show()
print(f"startup: shown={time.time():.3f}", file=sys.stderr)
"""


def run(command: list[str], env: dict[str, str]) -> tuple[float, float | None]:
    """Seconds from launch to the window shown, and to usable (IMS Desk only)."""
    start = time.time()
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    match = re.search(r"startup: shown=([\d.]+)(?: usable=([\d.]+))?", result.stderr)
    if result.returncode != 0 or match is None:
        raise SystemExit(f"{command} failed:\n{result.stderr}")
    shown = float(match.group(1)) - start
    usable = float(match.group(2)) - start if match.group(2) else None
    return shown, usable


def best(command: list[str], env: dict[str, str]) -> tuple[float, float | None]:
    runs = [run(command, env) for _ in range(REPEATS)]
    return min(r[0] for r in runs), min((r[1] for r in runs if r[1] is not None), default=None)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "IMSDESK_EXIT_AFTER_STARTUP": "1",
            "XDG_CONFIG_HOME": str(root / "config"),
            "XDG_DATA_HOME": str(root / "data"),
        }
        demo = root / "demo.sqlite3"
        subprocess.run(
            [sys.executable, "-m", "imsdesk", "--db", str(demo), "demo"],
            env=env,
            check=True,
            capture_output=True,
        )
        many = root / "many.sqlite3"
        build(many, 1000)
        bare, _ = best([sys.executable, "-c", BARE], env)
        print(f"bare QMainWindow shown:    {bare * 1000:6.0f} ms")
        for name, path in (("empty", root / "empty.sqlite3"), ("demo", demo), ("1,000", many)):
            shown, usable = best([sys.executable, "-m", "imsdesk", "--db", str(path)], env)
            assert usable is not None
            print(
                f"IMS Desk {name:>6}: shown {shown * 1000:6.0f} ms (ratio {shown / bare:.2f}), "
                f"usable {usable * 1000:6.0f} ms"
            )


if __name__ == "__main__":
    main()
