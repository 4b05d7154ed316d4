"""Cancelling, and the pair of files as one: no target changes unless both are written; the
consultant's footer on the PDF's body pages, as text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from imsdesk.errors import ExportError
from imsdesk.services.reporting import Cancelled, ReportRequest, write_reports
from tests.reports.conftest import make_demo

OLD_XLSX, OLD_PDF = b"last year's workbook", b"last year's report"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    db, catalog, record = make_demo(tmp_path_factory.mktemp("demo"))
    yield db, catalog, record
    db.close()


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An export folder with last year's reports in it."""
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "r.xlsx").write_bytes(OLD_XLSX)
    (folder / "r.pdf").write_bytes(OLD_PDF)
    return folder


def unchanged(folder: Path) -> bool:
    """Only last year's files, as they were: no new file, no temporary one."""
    return (
        sorted(p.name for p in folder.iterdir()) == ["r.pdf", "r.xlsx"]
        and (folder / "r.xlsx").read_bytes() == OLD_XLSX
        and (folder / "r.pdf").read_bytes() == OLD_PDF
    )


class CancelAt:
    """Says "cancelled" once a progress message starting with ``prefix`` has been seen."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.seen: list[str] = []

    def progress(self, _fraction: float, message: str) -> None:
        self.seen.append(message)

    def __call__(self) -> bool:
        return any(m.startswith(self.prefix) for m in self.seen)


@pytest.mark.parametrize(
    "prefix",
    [
        "Reading the assessment",
        "Workbook: saving",  # the workbook is complete in its temporary file
        "PDF: charts",
        "PDF: laying out pages",
        "PDF written",  # both complete, not yet moved into place
    ],
)
def test_a_cancel_at_any_step_changes_no_file(demo, out: Path, prefix: str):
    db, catalog, record = demo
    cancel = CancelAt(prefix)
    request = ReportRequest(xlsx=out / "r.xlsx", pdf=out / "r.pdf")
    with pytest.raises(Cancelled):
        write_reports(db, catalog, record.id, request, cancel.progress, cancelled=cancel)
    assert any(m.startswith(prefix) for m in cancel.seen)
    assert "Reports written" not in cancel.seen
    assert unchanged(out)


def test_laying_out_pages_reports_progress_often_enough_to_cancel(demo, tmp_path: Path):
    db, catalog, record = demo
    seen: list[tuple[float, str]] = []
    write_reports(
        db,
        catalog,
        record.id,
        ReportRequest(pdf=tmp_path / "r.pdf"),
        progress=lambda f, m: seen.append((f, m)),
        cancelled=lambda: False,
    )
    layout = [f for f, m in seen if m == "PDF: laying out pages"]
    assert len(layout) >= 10  # the longest step, so a cancel lands within a fraction of it
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0


def test_a_failing_pdf_leaves_the_workbook_target_unchanged(demo, out: Path, monkeypatch):
    db, catalog, record = demo

    def broken(*args, **kwargs):
        raise RuntimeError("a bug in the PDF")

    monkeypatch.setattr("imsdesk.reports.pdf.Story.plan", broken)
    with pytest.raises(RuntimeError, match="a bug in the PDF"):
        write_reports(db, catalog, record.id, ReportRequest(xlsx=out / "r.xlsx", pdf=out / "r.pdf"))
    assert unchanged(out)


def test_a_failing_pdf_creates_no_workbook(demo, tmp_path: Path, monkeypatch):
    db, catalog, record = demo

    def full(*args, **kwargs):
        raise ExportError("Cannot write r.pdf: the disk is full.")

    monkeypatch.setattr("imsdesk.reports.pdf.Story.appendices", full)
    with pytest.raises(ExportError):
        write_reports(
            db, catalog, record.id, ReportRequest(xlsx=tmp_path / "r.xlsx", pdf=tmp_path / "r.pdf")
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.parametrize("existing", [True, False])
def test_when_the_second_file_cannot_be_moved_into_place_the_first_is_put_back(
    demo, tmp_path: Path, monkeypatch, existing: bool
):
    """As when last year's PDF is open in a viewer that locks it (Windows)."""
    db, catalog, record = demo
    if existing:
        (tmp_path / "r.xlsx").write_bytes(OLD_XLSX)
        (tmp_path / "r.pdf").write_bytes(OLD_PDF)
    real_replace = Path.replace

    def locked(self: Path, target):
        if Path(target).name == "r.pdf":
            raise PermissionError(13, "The process cannot access the file", str(target))
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", locked)
    with pytest.raises(ExportError) as raised:
        write_reports(
            db, catalog, record.id, ReportRequest(xlsx=tmp_path / "r.xlsx", pdf=tmp_path / "r.pdf")
        )
    if existing:
        assert "may be open in another program" in str(raised.value)
        assert unchanged(tmp_path)
    else:
        assert "you have no permission" in str(raised.value)
        assert list(tmp_path.iterdir()) == []


def test_both_files_replace_last_years(demo, out: Path):
    db, catalog, record = demo
    written = write_reports(
        db, catalog, record.id, ReportRequest(xlsx=out / "r.xlsx", pdf=out / "r.pdf")
    )
    assert written == [out / "r.xlsx", out / "r.pdf"]
    assert (out / "r.xlsx").read_bytes().startswith(b"PK")
    assert (out / "r.pdf").read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in out.iterdir()) == ["r.pdf", "r.xlsx"]


FOOTER = "Smith & Partners <b>x</b> &amp; 'Quality' Ltd · +44 1632 960000"


@pytest.fixture(scope="module")
def footer_pdf(demo, tmp_path_factory: pytest.TempPathFactory) -> PdfReader:
    db, catalog, record = demo
    path = tmp_path_factory.mktemp("footer") / "r.pdf"
    request = ReportRequest(pdf=path, footer=FOOTER + "\n second line\tand a tab")
    write_reports(db, catalog, record.id, request, today=dt.date(2026, 3, 10))
    return PdfReader(path)


def test_the_footer_is_on_every_body_page_literally(footer_pdf):
    pages = [page.extract_text().splitlines() for page in footer_pdf.pages]
    one_line = FOOTER + " second line and a tab"  # on one line: it is a footer
    assert one_line not in pages[0]  # the cover has no footer
    for number, lines in enumerate(pages[1:], start=2):
        assert one_line in lines, f"page {number}"
        assert "Prepared with IMS Desk on 2026-03-10" in lines, f"page {number}"
        assert f"page {number} of {len(pages)}" in lines, f"page {number}"


def test_a_long_footer_is_cut_to_one_line(demo, tmp_path: Path):
    db, catalog, record = demo
    write_reports(
        db, catalog, record.id, ReportRequest(pdf=tmp_path / "r.pdf", footer="word " * 100)
    )
    lines = PdfReader(tmp_path / "r.pdf").pages[1].extract_text().splitlines()
    footer = [line for line in lines if line.startswith("word word")]
    assert len(footer) == 1 and footer[0].endswith("…") and len(footer[0]) < 200
