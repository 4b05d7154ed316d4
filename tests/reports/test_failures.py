"""Writing reports fails cleanly: a clear message, no partial file, an old file left as it was."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from imsdesk.errors import ExportError, InvalidInput
from imsdesk.services.reporting import ReportRequest, write_reports
from tests.reports.conftest import logo_png, make_demo


@pytest.fixture
def demo(tmp_path: Path):
    db, catalog, record = make_demo(tmp_path)
    yield db, catalog, record
    db.close()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".partial" in p.name)


def test_missing_folder(tmp_path: Path, demo):
    db, catalog, record = demo
    with pytest.raises(ExportError, match="does not exist"):
        write_reports(db, catalog, record.id, ReportRequest(pdf=tmp_path / "nope" / "r.pdf"))
    assert not (tmp_path / "nope").exists()


def test_a_file_where_a_folder_should_be(tmp_path: Path, demo):
    db, catalog, record = demo
    (tmp_path / "afile").write_text("x")
    with pytest.raises(ExportError):
        write_reports(db, catalog, record.id, ReportRequest(xlsx=tmp_path / "afile" / "r.xlsx"))


def test_unwritable_folder(tmp_path: Path, demo, monkeypatch):
    db, catalog, record = demo

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("imsdesk.fileio.tempfile.mkstemp", refuse)
    with pytest.raises(ExportError, match="you have no permission to write in"):
        write_reports(db, catalog, record.id, ReportRequest(xlsx=tmp_path / "r.xlsx"))
    assert not (tmp_path / "r.xlsx").exists()


@pytest.mark.parametrize("kind", ["xlsx", "pdf"])
def test_full_disk_leaves_no_partial_file_and_keeps_the_old_one(
    tmp_path: Path, demo, monkeypatch, kind
):
    db, catalog, record = demo
    target = tmp_path / f"report.{kind}"
    target.write_bytes(b"last year's report")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("imsdesk.fileio.os.fsync", full)
    with pytest.raises(ExportError, match="the disk is full"):
        write_reports(db, catalog, record.id, ReportRequest(**{kind: target}))
    assert target.read_bytes() == b"last year's report"
    assert leftovers(tmp_path) == []


def test_a_bug_in_a_writer_also_leaves_nothing(tmp_path: Path, demo, monkeypatch):
    db, catalog, record = demo

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("imsdesk.reports.pdf.Story.plan", broken)
    with pytest.raises(RuntimeError):
        write_reports(db, catalog, record.id, ReportRequest(pdf=tmp_path / "r.pdf"))
    assert not (tmp_path / "r.pdf").exists() and leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not an image at all", "is not a PNG or JPEG image"),
        (b"GIF89a....", "is not a PNG or JPEG image"),
        (None, "does not exist"),
    ],
)
def test_bad_logo(tmp_path: Path, demo, content, message):
    db, catalog, record = demo
    logo = tmp_path / "logo.png"
    if content is not None:
        logo.write_bytes(content)
    with pytest.raises(InvalidInput, match=message):
        write_reports(db, catalog, record.id, ReportRequest(pdf=tmp_path / "r.pdf", logo=logo))
    assert not (tmp_path / "r.pdf").exists()


def test_progress_is_reported(tmp_path: Path, demo):
    db, catalog, record = demo
    seen: list[tuple[float, str]] = []
    write_reports(
        db,
        catalog,
        record.id,
        ReportRequest(xlsx=tmp_path / "r.xlsx", pdf=tmp_path / "r.pdf"),
        progress=lambda f, m: seen.append((f, m)),
    )
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert any("Workbook" in m for _, m in seen) and any("PDF" in m for _, m in seen)


def test_report_command(cli, tmp_path: Path):
    demo_id = cli("--db", "r.db", "demo").stdout.strip().splitlines()[-1]
    (tmp_path / "logo.png").write_bytes(logo_png())
    run = cli(
        "--db",
        "r.db",
        "report",
        demo_id,
        "--xlsx",
        "r.xlsx",
        "--pdf",
        "r.pdf",
        "--logo",
        "logo.png",
        "--paper",
        "letter",
    )
    assert run.code == 0, run.stderr
    assert (tmp_path / "r.xlsx").stat().st_size > 10_000
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    nothing = cli("--db", "r.db", "report", demo_id)
    assert nothing.code == 1 and "Give --xlsx FILE, --pdf FILE or both." in nothing.stderr
    missing = cli("--db", "r.db", "report", demo_id, "--pdf", "no/such/r.pdf")
    assert (
        missing.code == 1
        and "does not exist" in missing.stderr
        and "Traceback" not in missing.stderr
    )
    assert cli("--db", "r.db", "report", demo_id, "--pdf", "x.pdf", "--paper", "a3").code == 2
    assert json.loads(cli("--db", "r.db", "assessments", "--json").stdout)[0]["id"] == demo_id
