"""The PyInstaller bundle (imsdesk.spec) starts, finds its data, migrates and writes reports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("pyinstaller")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            str(ROOT / "imsdesk.spec"),
        ],
        check=True,
        capture_output=True,
        cwd=work,
    )
    return work / "dist" / "imsdesk" / ("imsdesk.exe" if os.name == "nt" else "imsdesk")


def test_frozen_app_runs_from_another_folder(bundle: Path, tmp_path: Path):
    env = {**os.environ, "IMSDESK_DB": str(tmp_path / "frozen.sqlite3")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(bundle), *args], cwd=tmp_path, env=env, capture_output=True, text=True
        )

    assert run("--version").returncode == 0
    packs = json.loads(run("questionnaires", "--json").stdout)
    assert [p["id"] for p in packs] == ["iso9001-2015", "iso14001-2015"]
    demo = run("demo")
    assert demo.returncode == 0, demo.stderr
    assessment = demo.stdout.strip().splitlines()[-1]
    report = run("report", assessment, "--xlsx", "r.xlsx", "--pdf", "r.pdf")
    assert report.returncode == 0, report.stderr
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "r.xlsx").stat().st_size > 10_000


def test_frozen_desktop_app_starts_and_quits_by_itself(bundle: Path, tmp_path: Path):
    """The bundle's window comes up over the demo (offscreen) and the smoke flag closes it."""
    env = {
        **os.environ,
        "IMSDESK_DB": str(tmp_path / "frozen.sqlite3"),
        "QT_QPA_PLATFORM": "offscreen",
        "IMSDESK_EXIT_AFTER_STARTUP": "1",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    assert subprocess.run([str(bundle), "demo"], env=env, capture_output=True).returncode == 0
    started = subprocess.run(
        [str(bundle)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert started.returncode == 0, started.stderr
    assert "startup: shown=" in started.stderr
    assert "assessments=1" in started.stderr
