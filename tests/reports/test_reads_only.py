"""Writing reports only reads the database; `imsdesk report` brings the plan up to date first.
Also the register for scopes other than the integrated one: one standard, and a custom pack."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from imsdesk import services
from imsdesk.catalog import load_catalog
from imsdesk.paths import questionnaires_dir
from imsdesk.services import AnswerInput
from imsdesk.services.plan import load_plan
from imsdesk.services.reporting import ReportRequest, write_reports
from imsdesk.storage import open_database
from tests.dbwatch import WriteWatch

MINI = Path(__file__).resolve().parents[1] / "data" / "packs" / "mini-pack.yaml"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(folders=[(questionnaires_dir(), True), (MINI.parent, False)])


def assessment(db, catalog, packs: list[str], answers: list[AnswerInput]):
    org = services.create_organisation(db, "Acme Widgets Ltd")
    record = services.create_assessment(
        db,
        org.id,
        title="Gap analysis",
        date=dt.date(2026, 3, 2),
        packs=services.pack_refs(catalog, packs),
    )
    services.save_answers(db, record.id, answers, catalog)
    return record


def register_text(path: Path) -> str:
    pages = [page.extract_text() for page in PdfReader(path).pages]
    start = next(i for i, text in enumerate(pages) if "Gap register by harmonized section" in text)
    end = next(i for i, t in enumerate(pages) if i > start and "Objectives and action plan" in t)
    return "\n".join(pages[start:end])


def test_write_reports_writes_no_byte_to_the_database(tmp_path: Path, catalog):
    db = open_database(tmp_path / "r.sqlite3")
    watch = WriteWatch(tmp_path / "r.sqlite3")
    try:
        gaps = [AnswerInput("9001-8.5.1-a", maturity=0), AnswerInput("14001-8.1-a", maturity=1)]
        record = assessment(db, catalog, ["iso9001-2015", "iso14001-2015"], gaps)
        assert watch.written()
        written = write_reports(
            db,
            catalog,
            record.id,
            ReportRequest(xlsx=tmp_path / "r.xlsx", pdf=tmp_path / "r.pdf"),
        )
        assert [p.name for p in written] == ["r.xlsx", "r.pdf"]
        assert not watch.written()
        assert load_plan(db, catalog, record.id).plan.actions == ()  # nothing was generated
    finally:
        watch.close()
        db.close()


def test_the_report_command_brings_the_plan_up_to_date_first(tmp_path: Path, cli, catalog):
    with open_database(tmp_path / "r.sqlite3") as db:
        record = assessment(
            db, catalog, ["iso9001-2015", "iso14001-2015"], [AnswerInput("14001-8.1-a", maturity=0)]
        )
    run = cli("--db", "r.sqlite3", "report", str(record.id)[:8], "--xlsx", "r.xlsx")
    assert run.code == 0, run.stderr
    with open_database(tmp_path / "r.sqlite3") as db:
        actions = load_plan(db, catalog, record.id).plan.actions
    assert [(a.pack_id, a.clause) for a in actions] == [("iso14001-2015", "8.1")]


def test_one_standard_register_lists_its_clauses_without_a_comparison(tmp_path: Path, catalog):
    with open_database(tmp_path / "r.sqlite3") as db:
        record = assessment(db, catalog, ["iso9001-2015"], [])
        write_reports(db, catalog, record.id, ReportRequest(pdf=tmp_path / "r.pdf"))
    text = register_text(tmp_path / "r.pdf")
    for number in ("4.1", "5.1.2", "6.1.2", "8.5.6", "10.3"):
        assert f"ISO 9001 {number} " in text
    assert "ISO 14001" not in text
    assert "How the views differ" not in text and "no counterpart" not in text


def test_a_custom_pack_beside_the_standards_is_in_the_register(tmp_path: Path, catalog):
    with open_database(tmp_path / "r.sqlite3") as db:
        record = assessment(
            db,
            catalog,
            ["iso9001-2015", "iso14001-2015", "acme-waste-check"],
            [AnswerInput("waste-1.1-a", maturity=0)],
        )
        write_reports(db, catalog, record.id, ReportRequest(pdf=tmp_path / "r.pdf"))
    text = register_text(tmp_path / "r.pdf")
    assert "How the views differ" in text
    assert text.index("Acme waste checklist 1.1") > text.index("ISO 14001 10.3")
    assert "waste-1.1-a (likely" in text
    assert "Acme waste checklist 2 Records" in text
