"""A built wheel carries its data and works from any folder, without the source tree."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    [built] = out.glob("imsdesk-*.whl")
    return built


def test_wheel_contains_the_data_folders(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "imsdesk/questionnaires/README.md",
        "imsdesk/resources/icons/imsdesk.svg",
        "imsdesk/storage/migrations/env.py",
        "imsdesk/storage/migrations/script.py.mako",
        "imsdesk/storage/migrations/versions/0001_initial.py",
        "imsdesk/exchange/assessment-v1.schema.json",
        "imsdesk/exchange/assessment-v2.schema.json",
        "imsdesk/catalog/pack.schema.json",
        "imsdesk/catalog/crosswalk.schema.json",
        "imsdesk/demo/demo-manufacturing.yaml",
        "imsdesk/questionnaires/iso9001-2015.yaml",
        "imsdesk/questionnaires/iso14001-2015.yaml",
        "imsdesk/questionnaires/crosswalk.yaml",
    ):
        assert required in names, required
    repo_packs = {p.name for p in (ROOT / "questionnaires").iterdir() if p.is_file()}
    assert {f"imsdesk/questionnaires/{n}" for n in repo_packs} <= names


def test_installed_wheel_runs_from_another_folder(wheel: Path, tmp_path: Path):
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "IMSDESK_DB": "try.db"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "imsdesk", *args],
            cwd=elsewhere,
            env=env,
            capture_output=True,
            text=True,
        )

    where = subprocess.run(
        [
            sys.executable,
            "-c",
            "import imsdesk, imsdesk.paths as p; print(imsdesk.__file__); "
            "print(p.questionnaires_dir()); print(p.resources_dir())",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert all(line.startswith(str(site)) for line in where), where
    assert run("--version").returncode == 0
    listing = run("assessments", "--json")
    assert listing.returncode == 0, listing.stderr
    assert json.loads(listing.stdout) == []
    assert (elsewhere / "try.db").is_file()
    packs = run("questionnaires", "--json")
    assert packs.returncode == 0 and packs.stderr == ""
    listed = {p["id"]: p for p in json.loads(packs.stdout)}
    assert {k: len(v["clauses"]) for k, v in listed.items()} == {
        "iso9001-2015": 91,
        "iso14001-2015": 45,
    }
    assert all(p["source"].startswith(str(site)) for p in listed.values())
    demo = run("demo")
    assert demo.returncode == 0, demo.stderr
