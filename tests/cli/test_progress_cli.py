"""`imsdesk progress`: the assessment's pages in the wizard's order, with what is left to answer."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from imsdesk import services
from imsdesk.catalog import load_catalog
from imsdesk.paths import questionnaires_dir
from imsdesk.services import AnswerInput
from imsdesk.storage import open_database
from tests.dbwatch import WriteWatch

PACKS = Path(__file__).resolve().parents[1] / "data" / "packs"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(folders=[(questionnaires_dir(), True), (PACKS, False)])


def make(tmp_path: Path, catalog, packs: list[str], answers: list[AnswerInput]) -> str:
    with open_database(tmp_path / "p.sqlite3") as db:
        org = services.create_organisation(db, "Acme Widgets Ltd")
        record = services.create_assessment(
            db,
            org.id,
            title="Gap analysis",
            date=dt.date(2026, 3, 2),
            packs=services.pack_refs(catalog, packs),
        )
        services.save_answers(db, record.id, answers, catalog)
    return str(record.id)


def test_progress_json_lists_the_pages_with_answered_per_side(tmp_path: Path, cli, catalog):
    answers = [
        AnswerInput("9001-4.1-a", maturity=3),
        AnswerInput("9001-4.1-b", notes="a note but no maturity yet"),
        AnswerInput("14001-4.1-b", maturity=0),
        AnswerInput("9001-7.1.5.2-a", not_applicable=True, justification="No gauges"),
    ]
    assessment_id = make(tmp_path, catalog, ["iso9001-2015", "iso14001-2015"], answers)
    watch = WriteWatch(tmp_path / "p.sqlite3")
    try:
        run = cli("--db", "p.sqlite3", "progress", assessment_id[:8], "--json")
        assert run.code == 0, run.stderr
        assert not watch.written()
    finally:
        watch.close()
    document = json.loads(run.stdout)
    assert document["assessment"]["id"] == assessment_id
    pages = document["pages"]
    expected = catalog.pages([catalog.pack("iso9001-2015"), catalog.pack("iso14001-2015")])
    assert [p["key"] for p in pages] == [p.key for p in expected]

    first = pages[0]
    assert (first["number"], first["title"], first["section_title"]) == (
        "4.1", "Understanding the organization and its context", "Context of the organization",
    )  # fmt: skip
    assert [(s["questionnaire"], s["answered"], s["total"]) for s in first["sides"]] == [
        ("iso9001-2015", 1, 3),
        ("iso14001-2015", 1, 4),
    ]
    assert first["unanswered"] == [
        "9001-4.1-b", "9001-4.1-c", "14001-4.1-a", "14001-4.1-d", "14001-4.1-c"
    ]  # fmt: skip
    gauges = next(p for p in pages if p["key"] == "7.1.5|")
    assert [s["clauses"] for s in gauges["sides"]] == [["7.1.5", "7.1.5.1", "7.1.5.2"]]
    assert gauges["sides"][0]["answered"] == 1  # not applicable counts as answered
    assert "9001-7.1.5.2-a" not in gauges["unanswered"]
    assert document["totals"] == {
        "answered": 3,
        "total": 418,
        "questionnaires": [
            {"questionnaire": "iso9001-2015", "standard": "ISO 9001", "answered": 2, "total": 263},
            {
                "questionnaire": "iso14001-2015",
                "standard": "ISO 14001",
                "answered": 1,
                "total": 155,
            },
        ],
    }
    assert document["warnings"] == []


def test_progress_text_for_one_standard_and_a_custom_pack(tmp_path: Path, cli, catalog):
    answers = [AnswerInput("waste-1.1-a", maturity=2)]
    assessment_id = make(tmp_path, catalog, ["iso14001-2015", "acme-waste-check"], answers)
    run = cli("--db", "p.sqlite3", "--questionnaires", str(PACKS), "progress", assessment_id)
    assert run.code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "Progress: Gap analysis — Acme Widgets Ltd"
    assert "  4.1 Understanding the organization and its context: ISO 14001 0/4" in lines
    assert "      unanswered: 14001-4.1-a, 14001-4.1-d, 14001-4.1-b, 14001-4.1-c" in lines
    assert "  1.1 Waste areas: Acme waste checklist 1/1  done" in lines
    assert lines.index("1 Storage") > lines.index("10 Improvement")  # the custom pack after
    assert "ISO 9001" not in run.stdout
    assert (
        lines[-1] == "Answered 1 of 157 questions (1%): ISO 14001 0/155, Acme waste checklist 1/2."
    )


def test_progress_refuses_an_assessment_whose_questionnaire_is_missing(
    tmp_path: Path, cli, catalog
):
    assessment_id = make(tmp_path, catalog, ["acme-waste-check"], [])
    run = cli("--db", "p.sqlite3", "progress", assessment_id)  # without --questionnaires
    assert run.code == 1
    assert "acme-waste-check" in run.stderr and "is not installed" in run.stderr
    assert "Traceback" not in run.stderr
    unknown = cli("--db", "p.sqlite3", "progress", "00000000")
    assert unknown.code == 1 and "Traceback" not in unknown.stderr
